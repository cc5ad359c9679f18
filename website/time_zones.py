"""Choosing a time zone: places people recognise, grouped by region, each
with today's offset from UTC, stored as its IANA name.

The list is the tz database's own table of time zones by country
(`zone.tab`): one entry per country and zone ("Europe/Madrid" for Spain,
"America/Argentina/Cordoba" for Argentina), so none of the old aliases that
`zoneinfo.available_timezones()` also lists ("US/East-Indiana", "Cuba",
"Etc/GMT+5", "Asia/Calcutta"). A country with one zone is named alone
("France"); a country with several is named with the zone's city
("United States — Denver"). Country names and region headings are in the
reader's language; the offsets are today's, so they follow daylight saving
time. Built once a day per language: about 420 entries.
"""

import datetime
import functools
import importlib.resources
import unicodedata
import zoneinfo
from pathlib import Path

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

UTC = "UTC"

# The first part of a zone's name, as a heading of the list.
REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}


def _zone_tab_text():
    """The tz database's zone.tab: from the system's zoneinfo folders, else
    from the `tzdata` package (Windows and slim containers); "" if neither."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    try:
        return (
            importlib.resources.files("tzdata")
            .joinpath("zoneinfo", "zone.tab")
            .read_text(encoding="utf-8")
        )
    except (ModuleNotFoundError, FileNotFoundError):
        return ""


@functools.cache
def zones_by_country():
    """[(IANA name, ISO country code)] of every place in zone.tab that this
    machine's zoneinfo can load; without zone.tab, every name under a
    region (with no country)."""
    available = zoneinfo.available_timezones()
    zones = []
    for line in _zone_tab_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coordinates, name, *_comments = line.split("\t")
        if name in available and name.partition("/")[0] in REGIONS:
            zones.append((name, code))
    if not zones:
        zones = [
            (name, "")
            for name in sorted(available)
            if name.partition("/")[0] in REGIONS
        ]
    return zones


@functools.cache
def _zone_counts():
    counts = {}
    for _name, code in zones_by_country():
        counts[code] = counts.get(code, 0) + 1
    return counts


def city_name(name):
    """ "America/Indiana/Knox" → "Knox, Indiana";
    "America/Argentina/Cordoba" → "Cordoba"."""
    parts = name.replace("_", " ").split("/")[1:]
    city, areas = parts[-1], [a for a in parts[:-1] if a != "Argentina"]
    return ", ".join([city, *areas])


def place_name(name):
    """What people call the place of a zone, in the active language:
    "France", "United States — Denver", "Coordinated Universal Time"."""
    if name == UTC:
        return gettext("Coordinated Universal Time")
    code = dict(zones_by_country()).get(name, "")
    country = countries.name(code) if code else ""
    if not country:
        return city_name(name)
    if _zone_counts().get(code, 0) == 1:
        return country
    return gettext("%(country)s — %(city)s") % {
        "country": country,
        "city": city_name(name),
    }


def utc_offset(name, moment=None):
    """The zone's offset from UTC at `moment` (default now) in minutes."""
    moment = moment or timezone.now()
    offset = moment.astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
    return int(offset.total_seconds() // 60)


def offset_label(minutes):
    """ "UTC+05:30", "UTC−03:00" (a real minus sign), "UTC±00:00"."""
    sign = "+" if minutes > 0 else "−" if minutes < 0 else "±"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def time_zone_label(name, moment=None):
    """ "France (UTC+01:00)": a zone as the picker and emails show it, with
    its offset at `moment` (default now)."""
    try:
        offset = offset_label(utc_offset(name, moment))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return name
    return gettext("%(place)s (%(offset)s)") % {
        "place": place_name(name),
        "offset": offset,
    }


def sort_key(text):
    """Alphabetical order that ignores accents and case ("Égypte" among the
    E's)."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=16)
def _choices(day, language):
    with translation.override(language):
        moment = timezone.now()
        groups = {}
        for name, code in zones_by_country():
            minutes = utc_offset(name, moment)
            place = place_name(name)
            country = countries.name(code) if code else ""
            groups.setdefault(name.partition("/")[0], []).append(
                (
                    (sort_key(country), minutes, sort_key(place)),
                    name,
                    gettext("%(place)s (%(offset)s)")
                    % {"place": place, "offset": offset_label(minutes)},
                )
            )
        regions = sorted(groups, key=lambda region: sort_key(REGIONS[region]))
        return [
            (UTC, time_zone_label(UTC, moment)),
            *(
                (
                    str(REGIONS[region]),
                    [(name, label) for _key, name, label in sorted(groups[region])],
                )
                for region in regions
            ),
        ]


def time_zone_choices():
    """Choices for a `<select>`: UTC, then one group per region (sorted by
    its name in the active language), each place sorted by country, offset
    and city."""
    return _choices(
        timezone.now().astimezone(datetime.UTC).date(),
        translation.get_language() or "en",
    )


def is_choice(name):
    return name == UTC or name in dict(zones_by_country())


class TimeZoneField(forms.ChoiceField):
    """A grouped `<select>` of time zones (works without JavaScript) whose
    value is an IANA name. A value outside the list that zoneinfo still
    knows (an old alias stored earlier) stays selectable for the record that
    has it: pass it as `current`."""

    def __init__(self, *, current="", empty_label=None, **kwargs):
        self.current = current
        self.empty_label = empty_label or _("Choose your time zone")
        super().__init__(choices=self.all_choices, **kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.choices = result.all_choices  # the copy's own `current`
        return result

    def all_choices(self):
        choices = [("", self.empty_label), *time_zone_choices()]
        if self.current and not is_choice(self.current):
            choices.append((self.current, self.current))
        return choices
