"""Email the week's new posts to the weekly subscribers, per language
(run once a week; a second run in the same ISO week sends nothing)."""

from django.core.management.base import BaseCommand

from subscriptions.sending import send_weekly_digest


class Command(BaseCommand):
    help = "Queue this week's digest of new posts for the weekly subscribers."

    def handle(self, **options):
        count = send_weekly_digest()
        self.stdout.write(f"Queued {count} digest email(s).")
