"""The periodic job that purges the pages whose state changed with the clock
(website/date_changes.py, `manage.py purge_date_changes`): it covers the
time since its last run, catches up on runs missed, within a limit, purges
a change once however often it runs, keeps its place when the purge fails,
and reaches the CDN. The pages here are elections; each app's own tests
cover its kinds of change (tests/blog, tests/program, tests/voting)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests import page_cache_helpers
from tests.concurrency import at_once
from tests.date_change_helpers import last_run_at, minutes, move_dates
from tests.httpservers import LocalHTTPServer
from tests.page_cache_helpers import assert_cached
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from website import date_changes
from website.date_changes import purge_date_changes
from website.models import JobProgress

page_cache = page_cache_helpers.page_cache

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def elections(home):
    index = ElectionIndexPageFactory(parent=home)
    index.save_revision().publish()
    return index


@pytest.fixture
def upcoming(elections):
    """An election whose voting opens in an hour; opening(minutes_ago)
    moves the opening into the past, as if the clock had passed it."""
    now = timezone.now()
    election = ElectionPageFactory(
        parent=elections, voting_opens_at=now + HOUR, voting_closes_at=now + 7 * DAY
    )

    def opened(ago):
        move_dates(election, voting_opens_at=timezone.now() - ago)

    election.opened = opened
    return election


def done_until():
    return JobProgress.objects.get(job=date_changes.JOB).done_until


def purged(client, url):
    response = client.get(url)
    return response["X-Cache"] == "miss"


@pytest.mark.django_db
def test_a_run_missed_while_the_machine_was_down_is_caught_up(
    client, upcoming, page_cache
):
    now = timezone.now()
    purge_date_changes(now=now - 3 * HOUR)  # the last run before the outage
    assert_cached(client, upcoming.url)
    upcoming.opened(2 * HOUR)  # during the outage

    run = purge_date_changes(now=now)

    assert run.since == now - 3 * HOUR
    assert [page.pk for page in run.pages] == [upcoming.pk]
    assert purged(client, upcoming.url)
    assert "<strong>Voting open</strong>" in client.get(upcoming.url).text
    assert done_until() == now


@pytest.mark.django_db
def test_running_twice_purges_once(client, upcoming, page_cache):
    last_run_at(timezone.now() - minutes(5))
    upcoming.opened(minutes(1))
    assert [page.pk for page in purge_date_changes().pages] == [upcoming.pk]
    assert_cached(client, upcoming.url)

    assert purge_date_changes().pages == []
    assert client.get(upcoming.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_the_first_run_looks_back_one_day(elections, upcoming, page_cache):
    now = timezone.now()
    long_ago = ElectionPageFactory(
        parent=elections, voting_opens_at=now - 2 * DAY, voting_closes_at=now + DAY
    )
    upcoming.opened(2 * HOUR)
    assert not JobProgress.objects.exists()

    run = purge_date_changes(now=now)

    assert run.since == now - date_changes.FIRST_RUN_LOOK_BACK
    assert [page.pk for page in run.pages] == [upcoming.pk]
    assert long_ago.pk not in [page.pk for page in run.pages]
    assert done_until() == now


@pytest.mark.django_db
def test_catching_up_goes_back_at_most_the_configured_time(
    elections, upcoming, settings
):
    settings.DATE_CHANGES_MAX_CATCH_UP_SECONDS = 7 * 24 * 3600
    now = timezone.now()
    too_old = ElectionPageFactory(
        parent=elections, voting_opens_at=now - 20 * DAY, voting_closes_at=now + DAY
    )
    upcoming.opened(HOUR)
    last_run_at(now - 30 * DAY)

    run = purge_date_changes(now=now)

    assert run.since == now - 7 * DAY
    assert [page.pk for page in run.pages] == [upcoming.pk]
    assert too_old.pk not in [page.pk for page in run.pages]


@pytest.mark.django_db
def test_a_clock_set_back_finds_nothing_and_moves_the_mark_back(upcoming):
    now = timezone.now()
    last_run_at(now + DAY)
    upcoming.opened(minutes(1))

    assert purge_date_changes(now=now).pages == []
    assert done_until() == now


@pytest.mark.django_db
def test_a_failed_purge_keeps_the_window_for_the_next_run(upcoming, settings):
    """The page cache unreachable (a Redis server that is not there): the run
    fails and records nothing, so the next run purges the same change."""
    before = timezone.now() - minutes(5)
    last_run_at(before)
    upcoming.opened(minutes(1))
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.PAGE_CACHE_ALIAS = "unreachable"

    with pytest.raises(Exception, match="(?i)connect"):
        purge_date_changes()

    assert done_until() == before
    settings.PAGE_CACHE_ALIAS = "default"
    assert [page.pk for page in purge_date_changes().pages] == [upcoming.pk]


@pytest.mark.django_db
def test_the_purge_reaches_the_cdn(upcoming, settings):
    last_run_at(timezone.now() - minutes(5))
    upcoming.opened(minutes(1))
    with LocalHTTPServer() as server:
        settings.WAGTAILFRONTENDCACHE = {
            "cdn": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": server.url(),
            }
        }
        purge_date_changes()
        purged_paths = {r.path for r in server.requests if r.method == "PURGE"}
    index = upcoming.get_parent()
    assert {upcoming.url, upcoming.url + "results/", index.url, "/en/"} <= (
        purged_paths
    )


@pytest.mark.django_db
def test_the_command_purges_and_says_what(client, upcoming, page_cache):
    last_run_at(timezone.now() - minutes(5))
    assert_cached(client, upcoming.url)
    upcoming.opened(minutes(1))
    out = io.StringIO()

    call_command("purge_date_changes", stdout=out)

    assert out.getvalue().startswith("Date changes: 1 page(s), ")
    assert purged(client, upcoming.url)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_runs_at_the_same_time_take_turns(upcoming):
    """Ten runs at once: the first to lock the job's row purges the change,
    the others then start where it stopped and find nothing."""
    now = timezone.now()
    last_run_at(now - minutes(5))
    upcoming.opened(minutes(1))

    def run():
        return len(purge_date_changes(now=now).pages)

    found = at_once(*[run] * 10)
    assert sorted(found) == [0] * 9 + [1]


@pytest.mark.django_db
def test_a_run_with_nothing_to_purge_is_a_few_queries(
    upcoming, django_assert_max_num_queries
):
    """Every minute: the job's row, one query per kind of page whose dates
    the clock passes (rounds, elections, events; the posts only in the run
    that sees midnight pass), the new time."""
    from website import date_changes

    last_run_at(timezone.now() - minutes(1))
    with django_assert_max_num_queries(3 + len(date_changes._finders)):
        assert purge_date_changes().pages == []
