from django.core.management.base import BaseCommand

from website import outbox


class Command(BaseCommand):
    help = (
        "Re-queue outgoing emails stuck in sending and enqueue those whose "
        "(re)try time has come. Run it every minute (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=1000, help="Most messages to enqueue."
        )

    def handle(self, *args, limit, **options):
        requeued = outbox.requeue_stuck()
        enqueued = outbox.enqueue_due(limit=limit)
        self.stdout.write(
            f"Outbox: {requeued} stuck message(s) re-queued, "
            f"{enqueued} due message(s) enqueued."
        )
