"""The event page types as tests/website/test_page_types.py checks the
others: a bounded number of queries whatever the content, cached whole for
anonymous readers without a token, and purged when an event changes."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.factories import EventPageFactory, RegistrationFactory, SpeakerFactory
from events.models import EventCoOrganiser, EventSpeaker

pytestmark = pytest.mark.django_db

# Measured today plus two, as in tests/website/test_page_types.py.
MAX_QUERIES = {"event index": 9, "event": 12, "calendar": 7, "ics": 7}


def build(events_index, size):
    events, speakers, registrations = {"little": (1, 1, 1), "much": (15, 6, 200)}[size]
    speaker_rows = [SpeakerFactory() for _ in range(speakers)]
    page = None
    for number in range(events):
        page = EventPageFactory(
            parent=events_index,
            slug=f"{size}-{number}",
            date=datetime.date(2030, 1, 1) + datetime.timedelta(days=number),
        )
        for speaker in speaker_rows:
            page.speakers.add(EventSpeaker(speaker=speaker))
        for n in range(speakers):
            page.co_organisers.add(
                EventCoOrganiser(name=f"Partner {n}", url="https://example.org")
            )
        page.save_revision().publish()
    for _ in range(registrations):
        RegistrationFactory(event=page)
    return {
        "event index": events_index.url,
        "event": page.url,
        "calendar": events_index.url + "calendar/",
        "ics": page.url + "ics/",
    }


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page_type", list(MAX_QUERIES))
def test_each_event_page_type_takes_a_bounded_number_of_queries(
    client, home, page_type, django_assert_max_num_queries
):
    from events.factories import EventIndexPageFactory

    little_index = EventIndexPageFactory(parent=home, slug="little")
    little_index.save_revision().publish()
    much_index = EventIndexPageFactory(parent=home, slug="much")
    much_index.save_revision().publish()
    little = build(little_index, "little")
    much = build(much_index, "much")
    count = queries_for(client, little[page_type])
    assert count <= MAX_QUERIES[page_type]
    client.get(much[page_type])
    if page_type in ("event index", "calendar"):
        # One row per event listed, no query per event.
        with django_assert_max_num_queries(count):
            assert client.get(much[page_type]).status_code == 200
    else:
        # Per speaker and co-organiser: none more.
        with django_assert_max_num_queries(count):
            assert client.get(much[page_type]).status_code == 200


def test_event_pages_are_cached_for_anonymous_readers_without_a_token(
    client, events_index, event, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    for url in (
        event.url,
        events_index.url,
        events_index.url + "calendar/",
        event.url + "ics/",
    ):
        cache.clear()
        first = client.get(url)
        assert first["X-Cache"] == "miss", url
        assert not first.cookies
        assert b"csrfmiddlewaretoken" not in first.content
        assert client.get(url)["X-Cache"] == "hit", url
    cache.clear()


def test_publishing_an_event_purges_it_its_index_and_the_feed(
    events_index, event, django_capture_on_commit_callbacks, monkeypatch
):
    from website import pagecache

    purged = []
    monkeypatch.setattr(pagecache, "purge", lambda urls: purged.extend(urls))
    with django_capture_on_commit_callbacks(execute=True):
        event.start_time = datetime.time(16, 0)
        event.save_revision().publish()
    for url in (
        event.url,
        event.url + "ics/",
        events_index.url,
        events_index.url + "calendar/",
    ):
        assert any(u.endswith(url) for u in purged), url


def test_the_clock_purges_events_that_start_and_end(event):
    from events.cache import events_whose_status_changed

    start, end = event.starts_at, event.ends_at
    minute = datetime.timedelta(minutes=1)
    assert list(events_whose_status_changed(start - minute, start)) == [
        event.page_ptr.specific
    ]
    assert list(events_whose_status_changed(end - minute, end)) == [
        event.page_ptr.specific
    ]
    assert not events_whose_status_changed(start, start + minute).exists()


def test_the_mentoring_program_page_shows_the_next_events_and_is_purged_with_them(
    client, home, events_index, event, django_capture_on_commit_callbacks, monkeypatch
):
    from program.factories import ProgramPageFactory
    from website import pagecache

    program_page = ProgramPageFactory(parent=home)
    program_page.save_revision().publish()
    html = client.get(program_page.url).content.decode()
    assert "Next events" in html and event.title in html

    purged = []
    monkeypatch.setattr(pagecache, "purge", lambda urls: purged.extend(urls))
    with django_capture_on_commit_callbacks(execute=True):
        event.start_time = datetime.time(17, 0)
        event.save_revision().publish()
    assert any(u.endswith(program_page.url) for u in purged)
