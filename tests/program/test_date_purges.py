"""A round's stage follows its dates, and the cached pages follow it: the
periodic job (website/date_changes.py) purges the round, its application
page, the program page and the home page when applications open or close
and when partnerships start or end, and leaves alone the rounds whose stage
did not change."""

import datetime

import pytest
from django.utils import timezone

from program.factories import RoundPageFactory
from tests import page_cache_helpers
from tests.date_change_helpers import (
    last_run_at,
    minutes,
    move_dates,
    start_of_today,
)
from tests.page_cache_helpers import assert_cached
from website.date_changes import purge_date_changes

pytestmark = pytest.mark.django_db

page_cache = page_cache_helpers.page_cache

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
CLOSED = "Applications are closed"
APPLY = "Apply to this round"


@pytest.fixture
def local_time(settings):
    # Fourteen hours ahead of UTC: partnerships start and end at its midnight.
    settings.TIME_ZONE = "Pacific/Kiritimati"


def status(client, url):
    response = client.get(url)
    return response["X-Cache"], response.text


def stage(name):
    return f"<strong>{name}</strong>"


def test_applications_that_opened_show_everywhere(client, home, program, page_cache):
    now = timezone.now()
    round_page = RoundPageFactory(
        parent=program, applications_open_at=now + HOUR, applications_close_at=now + DAY
    )
    apply_url = round_page.url + "apply/"
    assert_cached(client, round_page.url, apply_url, program.url, home.url)
    assert CLOSED in client.get(apply_url).text
    assert round_page.title not in client.get(home.url).text
    last_run_at(now - minutes(5))
    move_dates(round_page, applications_open_at=now - minutes(1))
    assert stage("Upcoming") in status(client, round_page.url)[1]

    purge_date_changes()

    cache_state, page = status(client, round_page.url)
    assert cache_state == "miss"
    assert stage("Applications open") in page
    assert APPLY in page
    form = client.get(apply_url)
    assert form["X-Cache"] != "hit"
    assert CLOSED not in form.text
    assert '<label for="id_name">' in form.text
    cache_state, listing = status(client, program.url)
    assert cache_state == "miss"
    assert "<p>Applications open</p>" in listing
    cache_state, home_page = status(client, home.url)
    assert cache_state == "miss"
    assert round_page.title in home_page


def test_applications_that_closed_show_closed(client, home, program, page_cache):
    now = timezone.now()
    round_page = RoundPageFactory(
        parent=program, applications_open_at=now - DAY, applications_close_at=now + HOUR
    )
    assert_cached(client, round_page.url, program.url, home.url)
    assert APPLY in client.get(round_page.url).text
    last_run_at(now - minutes(5))
    move_dates(round_page, applications_close_at=now - minutes(1))

    purge_date_changes()

    cache_state, page = status(client, round_page.url)
    assert cache_state == "miss"
    assert stage("Matching") in page
    assert APPLY not in page
    assert CLOSED in client.get(round_page.url + "apply/").text
    cache_state, listing = status(client, program.url)
    assert cache_state == "miss"
    assert "Current rounds" in listing


def closed_round(program, **fields):
    """A round whose applications closed a month ago."""
    now = timezone.now()
    return RoundPageFactory(
        parent=program,
        applications_open_at=now - 60 * DAY,
        applications_close_at=now - 30 * DAY,
        **fields,
    )


def test_partnerships_that_started_show_running(
    client, home, program, local_time, page_cache
):
    today = timezone.localdate()
    round_page = closed_round(
        program, matches_released=True, starts_on=today + DAY, ends_on=today + 90 * DAY
    )
    assert_cached(client, round_page.url, program.url, home.url)
    assert stage("Matches released") in client.get(round_page.url).text
    last_run_at(start_of_today() - minutes(1))
    move_dates(round_page, starts_on=today)

    purge_date_changes()

    cache_state, page = status(client, round_page.url)
    assert cache_state == "miss"
    assert stage("Running") in page
    assert "<p>Running</p>" in status(client, program.url)[1]
    assert "<p>Running</p>" in status(client, home.url)[1]


def test_partnerships_that_ended_show_finished(
    client, home, program, local_time, page_cache
):
    today = timezone.localdate()
    round_page = closed_round(
        program, matches_released=True, starts_on=today - 90 * DAY, ends_on=today
    )
    assert_cached(client, round_page.url, program.url, home.url)
    assert round_page.title in client.get(home.url).text
    last_run_at(start_of_today() - minutes(1))
    # Midnight passes: the last day was yesterday.
    move_dates(round_page, ends_on=today - DAY)

    purge_date_changes()

    cache_state, page = status(client, round_page.url)
    assert cache_state == "miss"
    assert stage("Finished") in page
    assert "Past rounds" in status(client, program.url)[1]
    cache_state, home_page = status(client, home.url)
    assert cache_state == "miss"
    assert round_page.title not in home_page


def test_rounds_whose_stage_did_not_change_are_not_purged(
    client, home, program, local_time, page_cache
):
    today = timezone.localdate()
    # The start date passes, but the matches are not released: still matching.
    not_released = closed_round(
        program, starts_on=today + DAY, ends_on=today + 90 * DAY
    )
    running = closed_round(
        program, matches_released=True, starts_on=today - DAY, ends_on=today + DAY
    )
    open_now = RoundPageFactory(parent=program)
    urls = [not_released.url, running.url, open_now.url, program.url, home.url]
    assert_cached(client, *urls)
    last_run_at(start_of_today() - minutes(1))
    move_dates(not_released, starts_on=today)

    assert purge_date_changes().pages == []
    for url in urls:
        assert client.get(url)["X-Cache"] == "hit", url
