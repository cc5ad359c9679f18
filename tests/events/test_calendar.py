"""The `.ics` of an event and the calendar feed, parsed back with the
icalendar library and checked for what calendar clients require."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from events.factories import EventPageFactory

pytestmark = pytest.mark.django_db

REQUIRED_IN_EVENT = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY")


def parse(content):
    calendar = Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return calendar


def check_event(calendar, vevent):
    for name in REQUIRED_IN_EVENT:
        assert name in vevent, name
    start = vevent.decoded("DTSTART")
    zone = vevent["DTSTART"].params["TZID"]
    # Each TZID used has its VTIMEZONE (RFC 5545 3.2.19).
    assert zone in [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert start.tzinfo is not None
    return start, zone


def test_an_event_ics_has_the_required_fields_and_its_zone(client, event):
    response = client.get(event.url + "ics/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = parse(response.content)
    [vevent] = calendar.walk("VEVENT")
    start, zone = check_event(calendar, vevent)
    assert zone == "America/Argentina/Buenos_Aires"
    assert start == event.starts_at
    assert (start.astimezone(zoneinfo.ZoneInfo(zone)).hour, start.minute) == (14, 0)
    assert vevent.decoded("DTEND") - start == datetime.timedelta(minutes=60)
    assert str(vevent["UID"]).startswith(f"event-{event.translation_key}@")
    # The public file has no join link: that is for registered people.
    assert b"meet.example.org" not in response.content


def test_the_same_event_has_the_same_uid_in_every_language(client, event, locales):
    event.get_parent().copy_for_translation(locales["es"]).save_revision().publish()
    spanish = event.copy_for_translation(locales["es"])
    spanish.save_revision().publish()
    uids = set()
    for page in (event, spanish):
        calendar = parse(client.get(page.url + "ics/").content)
        uids.add(str(calendar.walk("VEVENT")[0]["UID"]))
    assert len(uids) == 1


def test_an_event_across_a_dst_change_keeps_its_local_hour_in_the_file(
    client, events_index
):
    page = EventPageFactory(
        parent=events_index,
        time_zone="Europe/London",
        date=datetime.date(2030, 3, 31),  # the day clocks go forward
        start_time=datetime.time(14, 0),
    )
    page.save_revision().publish()
    calendar = parse(client.get(page.url + "ics/").content)
    start, zone = check_event(calendar, calendar.walk("VEVENT")[0])
    assert zone == "Europe/London"
    assert start.utcoffset() == datetime.timedelta(hours=1)
    assert start.astimezone(datetime.UTC).hour == 13


def test_a_half_hour_zone_is_written_with_its_offset(client, events_index):
    page = EventPageFactory(parent=events_index, time_zone="America/St_Johns")
    page.save_revision().publish()
    content = client.get(page.url + "ics/").content
    calendar = parse(content)
    start, zone = check_event(calendar, calendar.walk("VEVENT")[0])
    assert zone == "America/St_Johns"
    assert b"TZOFFSETTO:-0330" in content or b"TZOFFSETTO:-0230" in content


def test_an_event_without_a_date_has_no_ics(client, events_index):
    page = EventPageFactory(
        parent=events_index, schedule_status="tbc", date=None, start_time=None
    )
    page.save_revision().publish()
    assert client.get(page.url + "ics/").status_code == 404


def test_the_feed_lists_the_languages_upcoming_events_only(client, events_index, event):
    past = EventPageFactory(
        parent=events_index, title="Last year", date=datetime.date(2020, 5, 1)
    )
    past.save_revision().publish()
    cancelled = EventPageFactory(
        parent=events_index, title="Called off", schedule_status="cancelled"
    )
    cancelled.save_revision().publish()
    kolkata = EventPageFactory(
        parent=events_index, title="Data literacy", time_zone="Asia/Kolkata"
    )
    kolkata.save_revision().publish()
    response = client.get(events_index.url + "calendar/")
    assert response.status_code == 200
    calendar = parse(response.content)
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["Data literacy", "Open access"]
    for vevent in events:
        check_event(calendar, vevent)
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {
        "America/Argentina/Buenos_Aires",
        "Asia/Kolkata",
    }


def test_the_index_offers_a_webcal_subscription(client, events_index):
    content = client.get(events_index.url).content.decode()
    assert f'href="webcal://testserver{events_index.url}calendar/"' in content
