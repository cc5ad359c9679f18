"""The time-zone picker: places by region with today's offsets, no legacy
aliases, sorted, in the reader's language, values that are IANA names."""

import datetime
import zoneinfo

import pytest
from django import forms
from django.utils import translation

from website.time_zones import (
    TimeZoneField,
    offset_label,
    place_name,
    sort_key,
    time_zone_choices,
    time_zone_label,
    utc_offset,
)

WINTER = datetime.datetime(2027, 1, 15, 12, tzinfo=datetime.UTC)
SUMMER = datetime.datetime(2027, 7, 15, 12, tzinfo=datetime.UTC)


def options(choices):
    """[(group or None, value, label)] of grouped choices."""
    found = []
    for value, label in choices:
        if isinstance(label, list):
            found.extend((value, name, text) for name, text in label)
        else:
            found.append((None, value, label))
    return found


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_every_value_is_a_current_iana_name_and_no_legacy_alias_is_offered(english):
    values = [value for _group, value, _label in options(time_zone_choices())]
    assert len(values) == len(set(values)) > 400
    for legacy in ("US/East-Indiana", "US/Eastern", "Asia/Calcutta", "Cuba", "GB"):
        assert legacy not in values
    assert not [v for v in values if v.startswith(("Etc/", "US/", "Canada/"))]
    assert not [v for v in values if v != "UTC" and "/" not in v]
    for name in ("Europe/Madrid", "Asia/Kolkata", "America/Indiana/Indianapolis"):
        assert name in values
    for value in values:
        zoneinfo.ZoneInfo(value)  # every one loads


def test_places_are_grouped_by_region_and_sorted_by_country(english):
    choices = time_zone_choices()
    assert choices[0] == ("UTC", "Coordinated Universal Time (UTC±00:00)")
    groups = [group for group, _options in choices[1:]]
    assert groups == [
        "Africa",
        "Americas",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic Ocean",
        "Australia",
        "Europe",
        "Indian Ocean",
        "Pacific Ocean",
    ]
    europe = dict(dict(choices[1:])["Europe"])
    assert europe["Europe/Paris"] == time_zone_label("Europe/Paris")
    assert europe["Europe/Paris"].startswith("France (UTC+0")
    labels = list(europe.values())
    countries = [label.partition(" (")[0].partition(" — ")[0] for label in labels]
    assert countries == sorted(countries, key=sort_key)


def test_a_country_with_several_zones_names_each_city_east_to_west(english):
    americas = dict(time_zone_choices()[1:])["Americas"]
    united_states = [
        (name, label)
        for name, label in americas
        if label.startswith("United States of America — ")
    ]
    offsets = [utc_offset(name) for name, _label in united_states]
    assert offsets == sorted(offsets)
    labels = dict(united_states)
    assert labels["America/New_York"].startswith(
        "United States of America — New York (UTC−0"
    )
    assert labels["America/Indiana/Knox"].startswith(
        "United States of America — Knox, Indiana (UTC−0"
    )
    assert dict(americas)["America/Argentina/Cordoba"] == (
        "Argentina — Cordoba (UTC−03:00)"
    )


@pytest.mark.parametrize(
    ("name", "moment", "label"),
    [
        ("Europe/Madrid", WINTER, "Spain — Madrid (UTC+01:00)"),
        ("Europe/Madrid", SUMMER, "Spain — Madrid (UTC+02:00)"),
        ("Asia/Kolkata", SUMMER, "India (UTC+05:30)"),
        ("America/Sao_Paulo", WINTER, "Brazil — Sao Paulo (UTC−03:00)"),
        ("Africa/Lagos", WINTER, "Nigeria (UTC+01:00)"),
        ("UTC", SUMMER, "Coordinated Universal Time (UTC±00:00)"),
    ],
)
def test_a_zone_is_shown_by_its_place_and_its_offset_on_that_day(
    english, name, moment, label
):
    assert time_zone_label(name, moment) == label


def test_offsets_are_written_with_sign_hours_and_minutes():
    assert offset_label(330) == "UTC+05:30"
    assert offset_label(-180) == "UTC−03:00"
    assert offset_label(-570) == "UTC−09:30"
    assert offset_label(0) == "UTC±00:00"


def test_countries_are_named_in_the_readers_language():
    with translation.override("es"):
        assert place_name("Europe/Berlin") == "Alemania — Berlin"
        assert place_name("Africa/Lagos") == "Nigeria"
        africa = dict(dict(time_zone_choices()[1:])["África"])
        assert africa["Africa/Algiers"].startswith("Argelia (UTC")
    with translation.override("fr"):
        assert place_name("Europe/Madrid").startswith("Espagne")


class Form(forms.Form):
    time_zone = TimeZoneField()


def test_the_field_keeps_the_iana_name_and_refuses_legacy_aliases(english):
    form = Form({"time_zone": "America/Argentina/Cordoba"})
    assert form.is_valid()
    assert form.cleaned_data["time_zone"] == "America/Argentina/Cordoba"
    for bad in ("US/East-Indiana", "Mars/Olympus", ""):
        assert not Form({"time_zone": bad}).is_valid()


def test_the_field_renders_a_grouped_select_that_needs_no_javascript(english):
    html = str(Form()["time_zone"])
    assert html.startswith("<select")
    assert '<option value="" selected>Choose your time zone</option>' in html
    assert '<optgroup label="Europe">' in html
    assert '<option value="Europe/Madrid">Spain — Madrid (UTC+0' in html
    assert "<script" not in html


def test_a_legacy_alias_already_stored_stays_selectable_for_its_record(english):
    form = Form({"time_zone": "Asia/Calcutta"})
    form.fields["time_zone"].current = "Asia/Calcutta"
    assert form.is_valid()
    assert not Form({"time_zone": "Asia/Calcutta"}).is_valid()
