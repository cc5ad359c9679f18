from django.core.management.base import BaseCommand

from events.reminders import send_recordings, send_reminders


class Command(BaseCommand):
    help = (
        "Queue the events' reminders (a week, a day and an hour before) and "
        "recordings that are due; each goes once. Run every few minutes."
    )

    def handle(self, *args, **options):
        reminders = send_reminders()
        recordings = send_recordings()
        if options["verbosity"]:
            self.stdout.write(f"{reminders} reminders, {recordings} recordings checked")
