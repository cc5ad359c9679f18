"""Background tasks whose worker died: run again, a bounded number of times.

django-tasks-db 0.13 has no heartbeat, no notion of a stale result and no
command for one: a worker claims a task result by setting it RUNNING (and
appending its id to `worker_ids`), then marks it SUCCESSFUL or FAILED when
the task returns. A worker SIGKILLed in between (out of memory, a deploy
that did not wait) leaves the row RUNNING for ever, and no worker looks at
it again.

`requeue_stuck_tasks()` (`manage.py requeue_stuck_tasks`, every minute from
deploy/systemd/librarians-outbox.service) puts every result RUNNING for
longer than TASKS_STUCK_AFTER_SECONDS back to READY, so that a worker runs
the task again from the start. `worker_ids` gains one id per claim, so its
length is the number of attempts so far: a result already claimed
TASKS_MAX_ATTEMPTS times is marked FAILED instead, with a log line, so that
a task that kills its worker every time does not loop for ever. Marking it
failed sends django-tasks' `task_finished`, as the worker does for a task
that raised (the matching desk marks its run failed on it).

Without a heartbeat, "stuck" can only mean "started long ago": the setting
must stay well above the longest task, or a task still running would be
started a second time. Each task of the site is safe to run again:

- `website.outbox.deliver_message` and `deliver_batch` (a batch): a
  worker sends a row only after moving it from pending to sending with a
  conditional UPDATE; a row stuck in sending is the outbox's own business
  (`outbox.requeue_stuck`).
- `linkbacks.verify.verify_linkback`: one `ReceivedLinkback` per (source,
  post); its entry is made or updated under a row lock, in one transaction.
- `linkbacks.send.send_linkbacks`: one `SentLinkback` per (post, link), and
  links already notified are skipped. A worker killed after a target
  accepted a notification but before it was recorded notifies that one
  link again; both protocols take a repeat as an update (Pingback's
  "already registered", fault 48).
- `program.topics.send_discussion_topic`: one outbox message per topic and
  participant (a unique key), so a second run queues nothing new.
- `program.tasks.run_matching_task`: matching stores its proposal in one
  transaction; a second attempt starts the run again (see there).
- `voting.secrecy.shuffle_ballot_box_task`: the shuffle is one transaction
  (a killed worker's is rolled back whole) and leaves a box with nothing
  waiting as it is.
- Wagtail's own tasks (reference and search index updates, cache purges,
  focal points, deleting a file) recompute or remove, which a repeat
  does not change.
"""

import logging
from datetime import timedelta
from traceback import format_exception

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The error recorded for a task given up after its workers died."""


def requeue_stuck_tasks(now=None):
    """Re-queue the task results stuck in RUNNING, or mark failed those out
    of attempts. Returns (re-queued, failed)."""
    now = now or timezone.now()
    started_before = now - timedelta(seconds=settings.TASKS_STUCK_AFTER_SECONDS)
    stuck = (
        DBTaskResult.objects.running()
        .filter(started_at__lt=started_before)
        .order_by("started_at")
    )
    requeued = failed = 0
    for result in stuck:
        # Only if the row is still as read: a worker that finished meanwhile,
        # or another run of this command, wins.
        unchanged = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        attempts = len(result.worker_ids)
        if attempts < settings.TASKS_MAX_ATTEMPTS:
            if unchanged.update(status=TaskResultStatus.READY):
                requeued += 1
                logger.warning(
                    "Re-queued task %s (%s): RUNNING since %s, attempt %d of %d.",
                    result.pk,
                    result.task_path,
                    result.started_at.isoformat(),
                    attempts,
                    settings.TASKS_MAX_ATTEMPTS,
                )
        elif give_up(result, unchanged, now):
            failed += 1
            logger.error(
                "Gave up on task %s (%s): its worker stopped without finishing "
                "on each of %d attempts; marked failed.",
                result.pk,
                result.task_path,
                attempts,
            )
    return requeued, failed


def give_up(result, unchanged, now):
    """Mark `result` failed with a `WorkerLost` error, if `unchanged` still
    finds it, and announce it. Returns whether this call did it."""
    attempts = len(result.worker_ids)
    try:
        # Raised, so that the stored traceback, and the log line of
        # django-tasks' own `task_finished` receiver, are those of a real
        # exception, as for a task that raised.
        raise WorkerLost(
            ngettext(
                "The worker stopped without finishing on its only attempt.",
                "The worker stopped without finishing on each of %(count)d attempts.",
                attempts,
            )
            % {"count": attempts}
        )
    except WorkerLost as error:
        marked = unchanged.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            return_value=None,
            exception_class_path=f"{__name__}.{WorkerLost.__qualname__}",
            traceback="".join(format_exception(error)),
        )
        if marked:
            result.refresh_from_db()
            announce_failure(result)
    return bool(marked)


def announce_failure(result):
    try:
        task_result = result.task_result
    except (ImportError, SuspiciousOperation):
        return  # the task no longer exists in the code: nobody listens for it
    task_finished.send(
        sender=type(task_result.task.get_backend()), task_result=task_result
    )
