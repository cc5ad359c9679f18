from django.core.management.base import BaseCommand

from fediverse.delivery import queue_due


class Command(BaseCommand):
    help = (
        "Queue the fediverse deliveries that are due (first tries a worker "
        "missed, and retries). Run every minute."
    )

    def handle(self, *args, **options):
        count = queue_due()
        if options["verbosity"] > 1:
            self.stdout.write(f"{count} deliveries queued")
