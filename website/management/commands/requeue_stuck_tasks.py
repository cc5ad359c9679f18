from django.core.management.base import BaseCommand

from website.stuck_tasks import requeue_stuck_tasks


class Command(BaseCommand):
    help = (
        "Run again the background tasks left RUNNING by a worker that died "
        "(started more than TASKS_STUCK_AFTER_SECONDS ago); mark failed those "
        "tried TASKS_MAX_ATTEMPTS times. Run it every minute (cron or a "
        "systemd timer)."
    )

    def handle(self, *args, **options):
        requeued, failed = requeue_stuck_tasks()
        self.stdout.write(
            f"Tasks: {requeued} stuck task(s) re-queued, {failed} given up."
        )
