"""Background work of the program app: matching a round for the Matching
desk. The desk creates a `MatchingRun` and enqueues `run_matching_task`
after its transaction commits; the task records its progress on the row."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .matching import MatchInputError
from .models import MatchingRun, RoundPage
from .storage import run_matching


class AlreadyRunning(Exception):
    """Matching is already queued or running for this round."""


def start_matching(anchor, user=None):
    """Queue a run of matching for the round; refuse while one is
    unfinished (a stalled one is marked failed first). Returns the run."""
    with transaction.atomic():
        MatchingRun.objects.filter(round=anchor).stalled().update(
            status=MatchingRun.Status.FAILED,
            error=_("Stopped without finishing (the worker was interrupted)."),
            finished_at=timezone.now(),
        )
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


@task()
def run_matching_task(run_id):
    """Run matching for the run's round, recording phase and percent."""
    run = MatchingRun.objects.select_related("round").get(pk=run_id)
    if run.status != MatchingRun.Status.QUEUED:
        return  # enqueued twice, or already marked stalled: nothing to do
    runs = MatchingRun.objects.filter(pk=run_id)

    def progress(phase, percent):
        runs.update(
            status=MatchingRun.Status.RUNNING,
            phase=phase,
            percent=percent,
            updated_at=timezone.now(),
        )

    round_page = RoundPage.objects.get(pk=run.round_id)
    try:
        result = run_matching(round_page, progress=progress)
    except MatchInputError as error:
        runs.update(
            status=MatchingRun.Status.FAILED,
            error=str(error)[:300],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        return
    except Exception:
        runs.update(
            status=MatchingRun.Status.FAILED,
            error=_("An unexpected error stopped matching; nothing was stored."),
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
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
        },
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
