"""The thread's own date formatting writes what the `date` filter writes."""

import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.formats import get_format

from blog.comments.rendering import DateFormatter

MOMENTS = [
    datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.UTC),  # midnight
    datetime.datetime(2026, 3, 29, 12, 0, tzinfo=datetime.UTC),  # noon, DST day
    datetime.datetime(2026, 9, 5, 9, 7, 42, tzinfo=datetime.UTC),
    datetime.datetime(2026, 9, 5, 23, 59, tzinfo=datetime.UTC),  # same day again
    datetime.datetime(2026, 11, 22, 15, 30, tzinfo=datetime.UTC),
]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize("zone", ["UTC", "Europe/Madrid", "Asia/Hong_Kong"])
def test_dates_match_the_date_filter_in_every_language_and_time_zone(language, zone):
    with translation.override(language), timezone.override(zone):
        formatter = DateFormatter(get_format("DATETIME_FORMAT"))
        for moment in MOMENTS:
            # The template engine hands the filter the local time.
            local = timezone.localtime(moment)
            assert formatter(local) == date_filter(local, "DATETIME_FORMAT")


def test_escaped_format_characters_stay_literal():
    moment = datetime.datetime(2026, 11, 22, 15, 30, tzinfo=datetime.UTC)
    with timezone.override("UTC"):
        assert DateFormatter(r"j \d\e F")(moment) == date_filter(moment, r"j \d\e F")
