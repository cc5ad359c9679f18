"""Elections open and close with the clock, and the cached pages follow:
the periodic job (website/date_changes.py) purges the election, its
results, the election index and the home page when nominations or voting
open or close, and leaves alone the elections whose state did not change."""

import datetime

import pytest
from django.utils import timezone

from tests import page_cache_helpers
from tests.date_change_helpers import last_run_at, minutes, move_dates
from tests.page_cache_helpers import assert_cached
from voting import actions
from voting.cache import elections_that_opened_or_closed
from website.date_changes import purge_date_changes

pytestmark = pytest.mark.django_db

page_cache = page_cache_helpers.page_cache

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


def status(client, url):
    response = client.get(url)
    return response["X-Cache"], response.text


def listing_urls(election):
    index = election.get_parent()
    return [index.url, index.get_parent().url]


def test_voting_that_opened_shows_on_the_election_its_index_and_the_home_page(
    client, make_election, page_cache
):
    now = timezone.now()
    election = make_election(
        voting_opens_at=now + HOUR,
        voting_closes_at=now + 7 * DAY,
        results_visibility="live",
    )
    index_url, home_url = listing_urls(election)
    assert_cached(client, election.url, index_url, home_url)
    assert "<strong>Upcoming</strong>" in client.get(election.url).text
    assert election.title not in client.get(home_url).text
    last_run_at(now - minutes(5))
    move_dates(election, voting_opens_at=now - minutes(1))
    assert "<strong>Upcoming</strong>" in status(client, election.url)[1]

    purge_date_changes()

    cache_state, page = status(client, election.url)
    assert cache_state == "miss"
    assert "<strong>Voting open</strong>" in page
    assert ">Vote</a>" in page
    assert "See the results" in page
    cache_state, index = status(client, index_url)
    assert cache_state == "miss"
    assert "Open elections" in index
    assert "Upcoming elections" not in index
    cache_state, home = status(client, home_url)
    assert cache_state == "miss"
    assert election.title in home


def test_voting_that_closed_shows_closed(client, make_election, page_cache):
    now = timezone.now()
    election = make_election(voting_opens_at=now - DAY, voting_closes_at=now + HOUR)
    index_url, home_url = listing_urls(election)
    assert_cached(client, election.url, index_url, home_url)
    assert election.title in client.get(home_url).text
    last_run_at(now - minutes(5))
    move_dates(election, voting_closes_at=now - minutes(1))

    purge_date_changes()

    cache_state, page = status(client, election.url)
    assert cache_state == "miss"
    assert "<strong>Closed</strong>" in page
    assert ">Vote</a>" not in page
    assert "Closed elections" in status(client, index_url)[1]
    cache_state, home = status(client, home_url)
    assert cache_state == "miss"
    assert election.title not in home


def test_live_results_become_final_when_voting_closes(
    client, make_election, page_cache
):
    now = timezone.now()
    election = make_election(
        voting_opens_at=now - DAY,
        voting_closes_at=now + HOUR,
        results_visibility="live",
    )
    results_url = election.url + "results/"
    assert_cached(client, results_url)
    provisional = "Voting is still open: these results are provisional."
    assert provisional in client.get(results_url).text
    last_run_at(now - minutes(5))
    move_dates(election, voting_closes_at=now - minutes(1))

    purge_date_changes()

    cache_state, results = status(client, results_url)
    assert cache_state == "miss"
    assert provisional not in results


def test_nominations_that_opened_and_closed(client, make_election, page_cache):
    now = timezone.now()
    election = make_election(
        nominations_open_at=now + HOUR,
        nominations_close_at=now + 2 * HOUR,
        voting_opens_at=now + DAY,
        voting_closes_at=now + 2 * DAY,
    )
    assert_cached(client, election.url)
    last_run_at(now - minutes(5))
    move_dates(election, nominations_open_at=now - minutes(1))

    purge_date_changes()

    page = client.get(election.url).text
    assert "<strong>Nominations open</strong>" in page
    assert "Propose an option" in page
    assert_cached(client, election.url)
    move_dates(election, nominations_close_at=timezone.now())

    purge_date_changes()

    cache_state, page = status(client, election.url)
    assert cache_state == "miss"
    assert "<strong>Upcoming</strong>" in page
    assert "Propose an option" not in page


def test_elections_whose_state_did_not_change_are_not_purged(
    client, make_election, page_cache
):
    now = timezone.now()
    changed = make_election(voting_opens_at=now + HOUR, voting_closes_at=now + DAY)
    open_still = make_election(voting_opens_at=now - DAY, voting_closes_at=now + DAY)
    upcoming = make_election(voting_opens_at=now + DAY, voting_closes_at=now + 2 * DAY)
    closed_long_ago = make_election(
        voting_opens_at=now - 3 * DAY, voting_closes_at=now - 2 * DAY
    )
    unchanged = [open_still.url, upcoming.url, closed_long_ago.url]
    assert_cached(client, changed.url, *unchanged)
    last_run_at(now - minutes(5))
    move_dates(changed, voting_opens_at=now - minutes(1))

    run = purge_date_changes()

    assert [election.pk for election in run.pages] == [changed.pk]
    assert client.get(changed.url)["X-Cache"] == "miss"
    for url in unchanged:
        assert client.get(url)["X-Cache"] == "hit", url


def test_the_planned_close_of_an_election_closed_early_changes_nothing(
    client, make_election, page_cache
):
    now = timezone.now()
    election = make_election(voting_opens_at=now - DAY, voting_closes_at=now + HOUR)
    actions.close_early(election, now=now - HOUR)
    assert_cached(client, election.url)
    assert "<strong>Closed</strong>" in client.get(election.url).text
    last_run_at(now - minutes(5))
    move_dates(election, voting_closes_at=now - minutes(1))

    assert purge_date_changes().pages == []
    assert client.get(election.url)["X-Cache"] == "hit"


def test_an_election_in_several_languages_is_found_once(
    home, election_index, make_election, locales
):
    now = timezone.now()
    election = make_election(voting_opens_at=now, voting_closes_at=now + DAY)
    for code in ("es", "fr"):
        election_index.copy_for_translation(locales[code]).save_revision().publish()
        election.copy_for_translation(locales[code]).save_revision().publish()

    found = elections_that_opened_or_closed(now - HOUR, now + HOUR)

    assert [e.translation_key for e in found] == [election.translation_key]
