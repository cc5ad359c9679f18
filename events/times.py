"""Times of an event as people read them.

An event's start is stored as what the organisers said: a local date and
time in an IANA zone ("2026-05-14 14:00, America/Argentina/Buenos_Aires").
The instant (UTC) is derived from them with the tz database when the page is
saved, so the local time stays what was announced. A local time that does
not exist (the hour skipped when clocks go forward) is refused; one that
happens twice (the hour repeated when they go back) means the first.

Shown as "14:00 UTC−3, Buenos Aires": the time, the offset at that instant
(hours, and minutes only when there are some: "UTC+5:30"), the zone's city.
Pure functions, no database.
"""

import datetime
import zoneinfo

from django.utils import formats, translation
from django.utils.translation import gettext as _

from website.time_zones import UTC, city_name

# Where the network's members mostly are, west to east: the times an event
# page lists for readers without JavaScript (with it, the reader's own zone
# is shown as well).
MAIN_ZONES = (
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/Bogota",
    "America/New_York",
    "America/Argentina/Buenos_Aires",
    "Europe/London",
    "Europe/Madrid",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "Asia/Hong_Kong",
    "Australia/Sydney",
)


class NonexistentTime(ValueError):
    """The local time falls in the gap when clocks go forward."""


def zone(name):
    return zoneinfo.ZoneInfo(name or UTC)


def instant(date, time, zone_name):
    """The aware datetime of local `date` and `time` in `zone_name`: for a
    repeated hour the first one; NonexistentTime in a skipped one."""
    tz = zone(zone_name)
    local = datetime.datetime.combine(date, time).replace(tzinfo=tz, fold=0)
    round_trip = local.astimezone(datetime.UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise NonexistentTime(local)
    return local


def short_offset(moment):
    """ "UTC−3", "UTC+5:30", "UTC−2:30", "UTC": the offset of an aware
    datetime, with a real minus sign."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{rest:02d}" if rest else f"UTC{sign}{hours}"


def place(zone_name):
    """ "Buenos Aires", "St Johns", "UTC"."""
    return UTC if zone_name in ("", UTC) else city_name(zone_name)


def time_in_zone(moment, zone_name):
    """ "14:00 UTC−3, Buenos Aires": `moment` (aware) in `zone_name`."""
    local = moment.astimezone(zone(zone_name))
    return _("%(time)s %(offset)s, %(place)s") % {
        "time": formats.time_format(local, "H:i"),
        "offset": short_offset(local),
        "place": place(zone_name),
    }


def date_in_zone(moment, zone_name):
    """The local date of `moment` in `zone_name`, written in the active
    language ("Thursday 14 May 2026")."""
    local = moment.astimezone(zone(zone_name))
    return _("%(weekday)s %(date)s") % {
        "weekday": formats.date_format(local, "l"),
        "date": formats.date_format(local, "DATE_FORMAT"),
    }


def when(moment, zone_name):
    """ "Thursday 14 May 2026, 14:00 UTC−3, Buenos Aires"."""
    return _("%(date)s, %(time)s") % {
        "date": date_in_zone(moment, zone_name),
        "time": time_in_zone(moment, zone_name),
    }


def in_main_zones(moment, zones=MAIN_ZONES):
    """[(zone, "Thursday 14 May 2026, 18:00 UTC+1, London")] for the list
    shown to readers without JavaScript, in the order of `zones`."""
    return [(name, when(moment, name)) for name in zones]


def language_when(moment, zone_name, language):
    with translation.override(language):
        return when(moment, zone_name)
