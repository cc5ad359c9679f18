"""Background work of the program app: matching a round for the Matching
desk. The desk creates a `MatchingRun` and enqueues `run_matching_task`
after its transaction commits; the task records its progress on the row.

A worker that dies mid-run leaves the run unfinished. `manage.py
requeue_stuck_tasks` (website/stuck_tasks.py) runs the task again, which
starts the run over (matching stores its proposal in one transaction, so
the dead attempt stored nothing, or everything); once it gives up, the run
is marked failed here, on django-tasks' `task_finished`. Without that job,
a run with no progress for TASKS_STUCK_AFTER_SECONDS is marked failed when
the next one is started."""

from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

from .matching import MatchInputError
from .models import MatchingRun, RoundPage
from .storage import InputsChanged, run_matching


class AlreadyRunning(Exception):
    """Matching is already queued or running for this round."""


def start_matching(anchor, user=None):
    """Queue a run of matching for the round; refuse while one is
    unfinished (a stalled one is marked failed first). Returns the run."""
    with transaction.atomic():
        mark_interrupted(MatchingRun.objects.filter(round=anchor).stalled())
        try:
            with transaction.atomic():
                run = MatchingRun.objects.create(
                    round=anchor,
                    started_by=user if user and user.is_authenticated else None,
                )
        except IntegrityError as error:
            raise AlreadyRunning from error
        transaction.on_commit(lambda: run_matching_task.enqueue(run.pk))
    return run


def mark_interrupted(runs):
    runs.update(
        status=MatchingRun.Status.FAILED,
        failure=MatchingRun.Failure.INTERRUPTED,
        finished_at=timezone.now(),
    )


@task(takes_context=True)
def run_matching_task(context, run_id):
    """Run matching for the run's round, recording phase and percent."""
    # A first attempt starts a queued run; a later one (the worker of the
    # last died, see the module) also the run that attempt left running.
    startable = [MatchingRun.Status.QUEUED]
    if context.attempt > 1:
        startable.append(MatchingRun.Status.RUNNING)
    runs = MatchingRun.objects.filter(pk=run_id)
    started = runs.filter(status__in=startable).update(
        status=MatchingRun.Status.RUNNING,
        phase="queued",
        percent=0,
        updated_at=timezone.now(),
    )
    if not started:
        return  # enqueued twice, finished, or marked failed: nothing to do
    run = runs.get()

    def progress(phase, percent):
        runs.update(
            status=MatchingRun.Status.RUNNING,
            phase=phase,
            percent=percent,
            updated_at=timezone.now(),
        )

    round_page = RoundPage.objects.get(pk=run.round_id)

    # Failures are stored as codes: the desk words them in its reader's
    # language (this worker has none).
    def failed(failure, error=""):
        now = timezone.now()
        runs.update(
            status=MatchingRun.Status.FAILED,
            failure=failure,
            error=error[:300],
            finished_at=now,
            updated_at=now,
        )

    try:
        result = run_matching(round_page, progress=progress)
    except InputsChanged:
        failed(MatchingRun.Failure.INPUTS_CHANGED)
        return
    except MatchInputError as error:
        failed(MatchingRun.Failure.INPUT, str(error))
        return
    except Exception:
        failed(MatchingRun.Failure.UNEXPECTED)
        raise
    stats = result.stats
    runs.update(
        status=MatchingRun.Status.DONE,
        phase="done",
        percent=100,
        counts={
            "pairs": stats.pairs,
            "trios": stats.trios,
            "unmatched": len(result.unmatched),
            # The proof (program/matching/bound.py): no proposal the rules
            # allow scores more than best_possible.
            "score": stats.total_score,
            "best_possible": stats.best_possible,
        },
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


@receiver(task_finished, dispatch_uid="program-matching-task-finished")
def fail_run_of_failed_task(sender, task_result, **kwargs):
    """A matching task marked failed without recording it on its run (given
    up after its workers died) leaves the run unfinished: mark it failed, so
    that the desk can start another."""
    if (
        task_result.status == TaskResultStatus.FAILED
        and task_result.task.module_path == run_matching_task.module_path
    ):
        mark_interrupted(
            MatchingRun.objects.filter(pk=task_result.args[0]).unfinished()
        )
