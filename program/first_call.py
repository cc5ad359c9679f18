"""The first call of a match: three times when everyone in it is free, each
in every member's own local time, and an iCalendar file for the first of
them (in the recipient's own IANA zone, with its VTIMEZONE).

The times come from each member's weekly availability (matching/availability.py)
on the actual dates, daylight saving time included; someone who gave none is
taken as free on weekdays from 9:00 to 17:00 their time. The search starts
the day after the email goes out, or on the round's first day if that is
later, and looks three weeks ahead.
"""

import datetime

import icalendar
from django.utils import formats, translation
from django.utils.translation import gettext

from website.time_zones import time_zone_label

from .matching.availability import suggest_times, zone_of

CALL_LENGTH = datetime.timedelta(hours=1)
# Weekdays 9:00-17:00, for a member who gave no availability.
WORKING_HOURS = frozenset(day * 24 + hour for day in range(5) for hour in range(9, 17))


def free_hours(application):
    return frozenset(application.availability) or WORKING_HOURS


def call_times(anchor, members, sent_at, count=3):
    """Up to `count` times (UTC) when every member of the match is free."""
    after = sent_at + datetime.timedelta(days=1)
    if anchor.starts_on:
        first_day = datetime.datetime.combine(
            anchor.starts_on, datetime.time(), tzinfo=datetime.UTC
        )
        after = max(after, first_day)
    people = [(zone_of(m.time_zone), free_hours(m)) for m in members]
    return suggest_times(people, after, count=count, length=CALL_LENGTH)


def local_time(moment, application):
    """`moment` in the applicant's own time zone, in the active language:
    "Friday, March 27, 2026, 6:00 PM — Spain — Madrid (UTC+01:00)"."""
    local = moment.astimezone(zone_of(application.time_zone))
    return gettext("%(weekday)s, %(date_time)s — %(zone)s") % {
        "weekday": formats.date_format(local, "l"),
        "date_time": formats.date_format(local, "DATETIME_FORMAT"),
        "zone": time_zone_label(application.time_zone, moment),
    }


def times_for(me, partners, times):
    """The email's suggested times in `me`'s language: each in my time and in
    each partner's."""
    with translation.override(me.language):
        return [
            {
                "mine": local_time(moment, me),
                "partners": [
                    {"name": p.name, "time": local_time(moment, p)} for p in partners
                ],
            }
            for moment in times
        ]


def invitation(me, partners, moment, round_title, uid, stamp):
    """An iCalendar file (text) for a call at `moment` with `partners`, in
    `me`'s time zone and language."""
    with translation.override(me.language):
        names = ", ".join(p.name for p in partners)
        summary = gettext("First call with %(names)s") % {"names": names}
        description = gettext(
            "%(round)s: a first call with your partner. Everyone is free then; "
            "agree with them before, and change it if you need to."
        ) % {"round": round_title}
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Librarians Network//Mentoring rounds//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", moment.astimezone(zone_of(me.time_zone)))
    event.add("duration", CALL_LENGTH)
    event.add("summary", summary)
    event.add("description", description)
    for partner in partners:
        attendee = icalendar.vCalAddress(f"mailto:{partner.email}")
        attendee.params["cn"] = icalendar.vText(partner.name)
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
