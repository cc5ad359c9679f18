"""Comments that close by themselves, at midnight in the site's time zone,
close on the cached post too: the periodic job (website/date_changes.py)
purges the post, and nothing else (the listings do not show it)."""

import datetime

import pytest
from django.utils import timezone

from blog.cache import posts_whose_comments_closed
from blog.models.pages import CommentsPolicy
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

# Fourteen hours ahead of UTC: for most of the day its date is not UTC's.
AHEAD = "Pacific/Kiritimati"
OPEN = "Write a comment"
CLOSED = "Comments are closed on this post."


@pytest.fixture
def local_time(settings):
    settings.TIME_ZONE = AHEAD


def auto_closing(make_post, close_on, after_days=30, **fields):
    return make_post(
        comments_policy=CommentsPolicy.AUTO_CLOSE,
        comments_close_after_days=after_days,
        date=close_on - datetime.timedelta(days=after_days),
        **fields,
    )


@pytest.mark.parametrize("topic", [False, True], ids=["post", "discussion topic"])
def test_comments_that_closed_at_midnight_close_on_the_cached_post(
    client, make_post, homes, local_time, page_cache, topic
):
    today = timezone.localdate()
    post = auto_closing(make_post, today + datetime.timedelta(days=1), topic=topic)
    listings = [homes["en"].url, post.get_parent().url]
    assert_cached(client, post.url, *listings)
    assert OPEN in client.get(post.url).text
    last_run_at(start_of_today() - minutes(1))
    # Midnight passes: today is the closing day.
    move_dates(post, date=today - datetime.timedelta(days=30))
    stale = client.get(post.url)
    assert stale["X-Cache"] == "hit"
    assert OPEN in stale.text

    run = purge_date_changes()

    assert [page.pk for page in run.pages] == [post.pk]
    page = client.get(post.url)
    assert page["X-Cache"] == "miss"
    assert CLOSED in page.text
    assert OPEN not in page.text
    for url in listings:
        assert client.get(url)["X-Cache"] == "hit", url


def test_posts_whose_comments_close_another_day_are_not_purged(
    client, make_post, local_time, page_cache
):
    today = timezone.localdate()
    tomorrow = auto_closing(make_post, today + datetime.timedelta(days=1))
    yesterday = auto_closing(make_post, today - datetime.timedelta(days=1))
    always_open = make_post(comments_policy=CommentsPolicy.OPEN)
    closed = make_post(comments_policy=CommentsPolicy.CLOSED, date=today)
    urls = [tomorrow.url, yesterday.url, always_open.url, closed.url]
    assert_cached(client, *urls)
    last_run_at(start_of_today() - minutes(1))

    assert purge_date_changes().pages == []
    for url in urls:
        assert client.get(url)["X-Cache"] == "hit", url


def at(text):
    return datetime.datetime.fromisoformat(text)


def test_comments_close_at_local_midnight_not_at_utc_midnight(make_post, local_time):
    """Comments closing on 10 March close at 00:00 in Kiritimati, which is
    10:00 UTC on 9 March."""
    post = auto_closing(make_post, datetime.date(2030, 3, 10))
    local_midnight_passes = (at("2030-03-09T09:00Z"), at("2030-03-09T11:00Z"))
    utc_midnight_passes = (at("2030-03-09T11:00Z"), at("2030-03-10T01:00Z"))
    day_before = (at("2030-03-08T09:00Z"), at("2030-03-09T09:59Z"))

    assert [p.pk for p in posts_whose_comments_closed(*local_midnight_passes)] == [
        post.pk
    ]
    assert posts_whose_comments_closed(*utc_midnight_passes) == []
    assert posts_whose_comments_closed(*day_before) == []


def test_a_window_of_several_days_finds_every_closing_day(make_post, local_time):
    """After missed runs: every post that closed in the days missed."""
    first = auto_closing(make_post, datetime.date(2030, 3, 10), after_days=5)
    second = auto_closing(make_post, datetime.date(2030, 3, 12), after_days=60)
    auto_closing(make_post, datetime.date(2030, 3, 13))
    found = posts_whose_comments_closed(
        at("2030-03-08T12:00Z"), at("2030-03-11T12:00Z")
    )
    assert sorted(p.pk for p in found) == sorted([first.pk, second.pk])
