"""Matching from the desk runs as a background task that records its
progress; the desk shows it and refreshes; one run per round at a time."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from program.factories import ApplicationFactory, ProgramPageFactory, RoundPageFactory
from program.matching import MatchInputError
from program.models import Application, Match, MatchingRun
from program.storage import run_matching
from program.tasks import AlreadyRunning, start_matching
from tests.concurrency import at_once
from tests.workers import left_running, run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(program):
    round_page = RoundPageFactory(parent=program)
    for country in ("ES", "GB", "FR", "DE", "IT"):
        ApplicationFactory(round=round_page, country=country)
    return round_page


def test_matching_reports_each_phase_in_order(round_page):
    seen = []
    run_matching(
        round_page, progress=lambda phase, percent: seen.append((phase, percent))
    )
    phases = [phase for phase, _percent in seen]
    assert phases == ["load", "graph", "solve", "trios", "reasons", "save", "done"]
    percents = [percent for _phase, percent in seen]
    assert percents == sorted(percents) and percents[-1] == 100


def test_the_desk_runs_matching_in_the_background_and_shows_the_outcome(
    client, desk, round_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(desk + "run/")
    assert response.status_code == 302
    run = MatchingRun.objects.get()
    assert (run.status, run.phase, run.percent) == ("done", "done", 100)
    score = sum(Match.objects.values_list("score", flat=True))
    assert run.counts == {
        "pairs": 1,
        "trios": 1,
        "unmatched": 0,
        "score": score,
        "best_possible": score,
    }
    assert Match.objects.count() == 2
    page = client.get(desk)
    assert "1 pair and 1 trio; everyone is matched." in page.text
    assert (
        "Best possible: proven. No proposal the rules allow scores more than "
        f"this one ({score} points)."
    ) in page.text
    assert "<progress" not in page.text
    assert client.get(desk + "progress/").json()["unfinished"] is False


def test_the_desk_shows_how_close_to_the_best_possible_a_proposal_is_proven(
    client, desk, round_page
):
    counts = {"pairs": 40, "trios": 0, "unmatched": 0}
    MatchingRun.objects.create(
        round=round_page,
        status="done",
        counts=counts | {"score": 29_970, "best_possible": 30_000},
    )
    assert (
        "Best possible: at most 30000 points. This proposal is proven within "
        "0.100 % of it."
    ) in client.get(desk).text
    # A run from before the proof says nothing about it.
    MatchingRun.objects.create(round=round_page, status="done", counts=counts)
    assert "Best possible" not in client.get(desk).text


def test_while_a_run_is_unfinished_the_desk_shows_progress_and_refreshes(
    client, desk, round_page
):
    MatchingRun.objects.create(
        round=round_page, status="running", phase="solve", percent=25
    )
    page = client.get(desk)
    assert '<progress id="run-progress" max="100" value="25">' in page.text
    assert "Choosing the pairs" in page.text
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page.text
    assert "program/js/matching_progress.js" in page.text
    assert "<script>" not in page.text.split('id="run-heading"')[1]
    state = client.get(desk + "progress/").json()
    assert state == {
        "status": "running",
        "phase": "Choosing the pairs",
        "percent": 25,
        "unfinished": True,
    }


def test_a_second_run_is_refused_while_one_is_unfinished(
    client, desk, round_page, django_capture_on_commit_callbacks
):
    MatchingRun.objects.create(round=round_page, status="running")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(desk + "run/", follow=True)
    assert "Matching is already running for this round" in response.text
    assert MatchingRun.objects.count() == 1
    assert not Match.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchingRun.objects.create(round=round_page, status="queued")


def test_a_stalled_run_no_longer_blocks_a_new_one(
    round_page, django_capture_on_commit_callbacks
):
    stalled = MatchingRun.objects.create(round=round_page, status="running")
    with pytest.raises(AlreadyRunning):
        start_matching(round_page)
    MatchingRun.objects.filter(pk=stalled.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = start_matching(round_page)
    stalled.refresh_from_db()
    assert (stalled.status, stalled.failure) == ("failed", "interrupted")
    run.refresh_from_db()
    assert run.status == "done"


@pytest.mark.django_db(transaction=True)
def test_a_run_whose_worker_died_starts_over_when_its_task_is_requeued(
    round_page, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with transaction.atomic():
        run = start_matching(round_page)
    # What a worker killed while solving leaves behind.
    left_running(DBTaskResult.objects.get())
    MatchingRun.objects.filter(pk=run.pk).update(
        status="running", phase="solve", percent=40
    )

    call_command("requeue_stuck_tasks")
    run_queued_tasks()

    result = DBTaskResult.objects.get(task_path="program.tasks.run_matching_task")
    assert result.status == "SUCCESSFUL"
    assert result.worker_ids == ["dead-worker-1", "fresh-worker"]
    run.refresh_from_db()
    assert (run.status, run.phase, run.percent) == ("done", "done", 100)
    assert run.counts | {"score": 0, "best_possible": 0} == {
        "pairs": 1,
        "trios": 1,
        "unmatched": 0,
        "score": 0,
        "best_possible": 0,
    }
    assert Match.objects.count() == 2


def test_a_run_whose_task_is_given_up_is_marked_failed(
    client, desk, round_page, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        run = start_matching(round_page)
    left_running(DBTaskResult.objects.get(), attempts=3)
    MatchingRun.objects.filter(pk=run.pk).update(status="running", phase="solve")

    call_command("requeue_stuck_tasks")

    assert DBTaskResult.objects.get().status == "FAILED"
    run.refresh_from_db()
    assert (run.status, run.failure) == ("failed", "interrupted")
    assert client.get(desk + "progress/").json()["unfinished"] is False


def test_a_failed_run_says_why_and_stores_nothing(
    client, desk, round_page, django_capture_on_commit_callbacks
):
    type(round_page).objects.filter(pk=round_page.pk).update(max_country_share=5)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(desk + "run/")
    run = MatchingRun.objects.get()
    assert (run.status, run.failure) == ("failed", "input")
    assert "max_country_share" in run.error  # the matcher's own message
    assert "locked matches cannot be used: max_country_share" in client.get(desk).text
    assert not Match.objects.exists()


def test_applications_changing_during_a_run_store_nothing(round_page):
    def withdraw_one(phase, percent):
        if phase == "solve":
            Application.objects.filter(pk=Application.objects.first().pk).update(
                status=Application.Status.WITHDRAWN
            )

    with pytest.raises(MatchInputError, match="changed while matching ran"):
        run_matching(round_page, progress=withdraw_one)
    assert not Match.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_start_one_run(home, settings):
    # A queue with no worker, as django-tasks-db before db_worker picks a run up.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))

    def click():
        try:
            start_matching(round_page)
        except AlreadyRunning:
            return "refused"
        return "started"

    outcomes = at_once(*[click] * 4)
    assert sorted(outcomes) == ["refused", "refused", "refused", "started"]
    assert MatchingRun.objects.count() == 1
    assert MatchingRun.objects.get().status == "queued"


@pytest.mark.parametrize(
    ("counts", "outcome"),
    [
        (
            {"pairs": 1, "trios": 1, "unmatched": 1},
            "1 pair and 1 trio; 1 person unmatched",
        ),
        (
            {"pairs": 2, "trios": 0, "unmatched": 3},
            "2 pairs and 0 trios; 3 people unmatched",
        ),
        (
            {"pairs": 5, "trios": 2, "unmatched": 0},
            "5 pairs and 2 trios; everyone is matched",
        ),
    ],
)
def test_a_runs_outcome_says_pair_trio_and_person_in_the_singular_for_one(
    counts, outcome
):
    assert MatchingRun(counts=counts).outcome == outcome
