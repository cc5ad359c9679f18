"""Event pages and their index: what a reader sees (status, times, the
main zones without JavaScript, speakers, afterwards), the schema.org Event,
the editor's validation, and the next events on other pages."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils

from events.factories import EventPageFactory, SpeakerFactory
from events.models import EventIndexPage, EventPage, EventSpeaker, EventStatus
from website.models import HomePage

pytestmark = pytest.mark.django_db


def json_ld_events(content):
    found = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>',
        content.decode(),
        re.S,
    )
    return [data for data in map(json.loads, found) if data.get("@type") == "Event"]


def test_page_type_rules():
    assert EventIndexPage.parent_page_types == ["website.HomePage"]
    assert "events.EventIndexPage" in HomePage.subpage_types
    assert EventPage.parent_page_types == ["events.EventIndexPage"]
    assert EventPage.subpage_types == []


def test_an_event_page_shows_its_time_in_its_zone_and_the_main_zones(client, event):
    speaker = SpeakerFactory(name="Nomvula Dlamini", affiliation="UCT Libraries")
    event.speakers.add(EventSpeaker(speaker=speaker))
    event.save_revision().publish()
    response = client.get(event.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "14:00 UTC−3, Buenos Aires" in content
    assert "Upcoming" in content
    assert "Nomvula Dlamini" in content and "UCT Libraries" in content
    # Without JavaScript: the main zones, each once, in a list.
    assert content.count("UTC+5:30, Kolkata") == 1
    assert "17:00 UTC, London" in content or "18:00 UTC+1, London" in content
    # With it, the reader's own zone from the instant.
    assert f'data-local-time="{event.starts_at.isoformat()}"' in content.replace(
        "+00:00", "+00:00"
    )
    # The join link is never on the page itself.
    assert "meet.example.org" not in content


def test_the_schema_org_event(client, event):
    [data] = json_ld_events(client.get(event.url).content)
    assert data["name"] == "Open access"
    assert data["startDate"].endswith("T14:00:00-03:00")
    assert data["endDate"].endswith("T15:00:00-03:00")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert "meet.example.org" not in json.dumps(data)


@pytest.mark.parametrize(
    ("schedule_status", "offset", "expected"),
    [
        ("scheduled", datetime.timedelta(days=1), EventStatus.UPCOMING),
        ("scheduled", datetime.timedelta(minutes=-10), EventStatus.LIVE),
        ("scheduled", datetime.timedelta(hours=-2), EventStatus.PAST),
        ("tbc", datetime.timedelta(days=1), EventStatus.TO_BE_CONFIRMED),
        ("postponed", datetime.timedelta(days=1), EventStatus.POSTPONED),
        ("cancelled", datetime.timedelta(days=1), EventStatus.CANCELLED),
    ],
)
def test_status_follows_the_schedule_and_the_clock(
    event, schedule_status, offset, expected
):
    event.schedule_status = schedule_status
    now = event.starts_at - offset
    assert event.status_at(now) == expected


def test_the_index_lists_upcoming_then_past(client, events_index, event):
    past = EventPageFactory(
        parent=events_index, title="Last spring", date=datetime.date(2021, 4, 1)
    )
    past.save_revision().publish()
    tbc = EventPageFactory(
        parent=events_index,
        title="Makerspaces",
        schedule_status="tbc",
        date=None,
        start_time=None,
    )
    tbc.save_revision().publish()
    response = client.get(events_index.url)
    upcoming = [e.title for e in response.context["upcoming_events"]]
    assert upcoming == ["Open access", "Makerspaces"]
    assert [e.title for e in response.context["past_events"]] == ["Last spring"]
    assert "Date to be confirmed" in response.content.decode()


def form_for(event, **changes):
    data = WagtailTestUtils().nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "schedule_status": event.schedule_status,
            "date": event.date.isoformat() if event.date else "",
            "start_time": event.start_time.strftime("%H:%M")
            if event.start_time
            else "",
            "time_zone": event.time_zone,
            "duration_minutes": event.duration_minutes,
            **changes,
        }
    )
    return data


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"date": None, "schedule_status": "scheduled"}, "date"),
        (
            {
                "time_zone": "Europe/London",
                "date": datetime.date(2030, 3, 31),
                "start_time": datetime.time(1, 30),
            },
            "start_time",
        ),
        ({"duration_minutes": 0}, "duration_minutes"),
    ],
)
def test_the_editor_is_told_what_is_wrong(event, fields, error_field):
    for name, value in fields.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert error_field in raised.value.message_dict


def test_a_translation_shares_the_facts_of_its_source(event, locales):
    event.get_parent().copy_for_translation(locales["es"]).save_revision().publish()
    spanish = event.copy_for_translation(locales["es"])
    spanish.time_zone = "Asia/Kolkata"
    spanish.capacity = 999
    spanish.save_revision().publish()
    spanish.refresh_from_db()
    assert (spanish.time_zone, spanish.capacity, spanish.starts_at) == (
        event.time_zone,
        event.capacity,
        event.starts_at,
    )
    event.start_time = datetime.time(16, 0)
    event.save_revision().publish()
    spanish.refresh_from_db()
    assert spanish.starts_at == event.starts_at


def test_next_events_shows_the_readers_languages_soonest_first(rf, events_index, event):
    later = EventPageFactory(
        parent=events_index, title="Later", date=event.date + datetime.timedelta(days=7)
    )
    later.save_revision().publish()
    EventPageFactory(parent=events_index, title="Draft", live=False)
    past = EventPageFactory(
        parent=events_index, title="Gone", date=datetime.date(2020, 1, 1)
    )
    past.save_revision().publish()
    request = RequestFactory().get("/en/")
    html = Template("{% load events_tags %}{% next_events %}").render(
        Context({"request": request})
    )
    assert html.index("Open access") < html.index("Later")
    assert "Draft" not in html and "Gone" not in html
    assert 'href="/en/events/"' in html


def test_next_events_is_empty_when_nothing_is_coming(rf, events_index):
    html = Template("{% load events_tags %}{% next_events %}").render(
        Context({"request": RequestFactory().get("/en/")})
    )
    assert html.strip() == ""
    assert timezone.now()
