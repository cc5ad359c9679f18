"""iCalendar (RFC 5545) files of events, written with the `icalendar`
library: one event's `.ics` (public, or for a registered person with the
join link), and the feed of a language's upcoming events (`webcal:`).

Each VEVENT has the fields calendar clients require (UID, DTSTAMP, DTSTART,
DTEND, SUMMARY) and its times in the event's own zone (TZID) with the
VTIMEZONE that defines it, so Outlook, Google Calendar and Thunderbird show
the right hour on either side of a daylight-saving change. The UID is the
event's translation key: the same event in every language and every file,
so importing it again updates it instead of adding a copy.
"""

import datetime
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from . import times

PRODID = "-//Librarians Network//Events//EN"


def new_calendar(name=""):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def uid_for(page, url):
    host = urlsplit(url).hostname or "localhost"
    return f"event-{page.translation_key}@{host}"


def vevent(page, *, url, private=False, now=None):
    """The VEVENT of a dated event (`page` in the reader's language)."""
    zone = times.zone(page.time_zone)
    event = Event()
    event.add("uid", uid_for(page, url))
    event.add("dtstamp", (now or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", page.starts_at.astimezone(zone))
    event.add("dtend", page.ends_at.astimezone(zone))
    event.add("summary", page.title)
    description = strip_tags(page.description or "").strip()
    if private and page.join_url:
        description = f"{description}\n\n{page.join_url}".strip()
    if description:
        event.add("description", description)
    event.add("url", url)
    if page.last_published_at:
        event.add("last-modified", page.last_published_at.astimezone(datetime.UTC))
    location = page.join_url if private and page.join_url else page.platform
    if location:
        event.add("location", location)
    status = {"cancelled": "CANCELLED", "tbc": "TENTATIVE", "postponed": "TENTATIVE"}
    event.add("status", status.get(page.schedule_status, "CONFIRMED"))
    return event


def to_bytes(calendar):
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_calendar(page, *, url, private=False):
    """The `.ics` of one event."""
    calendar = new_calendar()
    calendar.add_component(vevent(page, url=url, private=private))
    return to_bytes(calendar)


def feed(pages, *, name, url_of):
    """The calendar of `pages` (dated ones), `url_of(page)` their links."""
    calendar = new_calendar(name)
    now = timezone.now()
    for page in pages:
        if page.starts_at is not None:
            calendar.add_component(vevent(page, url=url_of(page), now=now))
    return to_bytes(calendar)
