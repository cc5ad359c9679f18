from django.core.management.base import BaseCommand

from website.date_changes import purge_date_changes


class Command(BaseCommand):
    help = (
        "Purge from the page cache and the CDN the pages whose state changed "
        "with the clock since the last run: posts whose comments closed, "
        "elections and mentoring rounds that opened or closed. Run it every "
        "minute (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        run = purge_date_changes()
        self.stdout.write(
            f"Date changes: {len(run.pages)} page(s), {len(run.urls)} URL(s) "
            f"purged for {run.since.isoformat()} to {run.until.isoformat()}."
        )
