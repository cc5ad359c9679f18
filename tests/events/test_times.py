"""Times of events as people read them (events/times.py): the event's zone
and the reader's, across daylight-saving changes, in half-hour zones."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from events import times

UTC = datetime.UTC


def at(year, month, day, hour, minute, zone_name):
    return times.instant(
        datetime.date(year, month, day), datetime.time(hour, minute), zone_name
    )


@pytest.mark.parametrize(
    ("moment", "zone_name", "expected"),
    [
        (
            at(2026, 5, 14, 14, 0, "America/Argentina/Buenos_Aires"),
            "America/Argentina/Buenos_Aires",
            "14:00 UTC−3, Buenos Aires",
        ),
        (
            at(2026, 5, 14, 14, 0, "Asia/Kolkata"),
            "Asia/Kolkata",
            "14:00 UTC+5:30, Kolkata",
        ),
        (
            at(2026, 1, 14, 14, 0, "America/St_Johns"),
            "America/St_Johns",
            "14:00 UTC−3:30, St Johns",
        ),
        (
            at(2026, 7, 14, 14, 0, "America/St_Johns"),
            "America/St_Johns",
            "14:00 UTC−2:30, St Johns",
        ),
        (at(2026, 7, 14, 14, 0, "UTC"), "UTC", "14:00 UTC, UTC"),
    ],
)
def test_a_time_is_shown_with_its_offset_and_place(moment, zone_name, expected):
    with translation.override("en"):
        assert times.time_in_zone(moment, zone_name) == expected


def test_half_hour_zones_give_the_right_instant():
    kolkata = at(2026, 3, 10, 19, 0, "Asia/Kolkata")
    assert kolkata.astimezone(UTC) == datetime.datetime(2026, 3, 10, 13, 30, tzinfo=UTC)
    # Newfoundland keeps its half hour on both sides of its own change.
    winter = at(2026, 3, 7, 12, 0, "America/St_Johns")
    summer = at(2026, 3, 9, 12, 0, "America/St_Johns")
    assert winter.astimezone(UTC).time() == datetime.time(15, 30)
    assert summer.astimezone(UTC).time() == datetime.time(14, 30)


def test_the_same_local_time_moves_in_utc_across_the_events_dst_change():
    # London changes on 29 March 2026: a weekly 14:00 webinar stays at 14:00
    # for its audience, so its UTC instant moves by an hour.
    before = at(2026, 3, 26, 14, 0, "Europe/London")
    after = at(2026, 4, 2, 14, 0, "Europe/London")
    assert before.astimezone(UTC).hour == 14
    assert after.astimezone(UTC).hour == 13
    with translation.override("en"):
        assert times.time_in_zone(before, "Europe/London") == "14:00 UTC, London"
        assert times.time_in_zone(after, "Europe/London") == "14:00 UTC+1, London"


def test_a_reader_whose_zone_changes_when_the_events_does_not_sees_the_hour_move():
    # Buenos Aires keeps UTC−3 all year; New York moves to summer time on
    # 8 March 2026: the same 14:00 in Buenos Aires is 12:00, then 13:00 there.
    before = at(2026, 3, 5, 14, 0, "America/Argentina/Buenos_Aires")
    after = at(2026, 3, 12, 14, 0, "America/Argentina/Buenos_Aires")
    with translation.override("en"):
        assert times.time_in_zone(before, "America/New_York") == "12:00 UTC−5, New York"
        assert times.time_in_zone(after, "America/New_York") == "13:00 UTC−4, New York"


def test_in_the_week_when_only_one_side_has_changed_the_gap_is_an_hour_less():
    # Between the US change (8 March) and Europe's (29 March 2026) New York
    # is four hours behind Madrid instead of six.
    event = at(2026, 3, 20, 18, 0, "Europe/Madrid")
    local = event.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert local.hour == 13
    usual = at(2026, 4, 20, 18, 0, "Europe/Madrid")
    assert usual.astimezone(zoneinfo.ZoneInfo("America/New_York")).hour == 12


def test_a_time_skipped_when_clocks_go_forward_is_refused():
    with pytest.raises(times.NonexistentTime):
        at(2026, 3, 29, 1, 30, "Europe/London")
    with pytest.raises(times.NonexistentTime):
        at(2026, 3, 8, 2, 30, "America/New_York")


def test_a_time_repeated_when_clocks_go_back_means_the_first():
    moment = at(2026, 11, 1, 1, 30, "America/New_York")
    assert moment.astimezone(UTC) == datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_the_main_zones_list_every_zone_once_in_order():
    moment = at(2026, 5, 14, 14, 0, "America/Argentina/Buenos_Aires")
    with translation.override("en"):
        listed = times.in_main_zones(moment)
    assert [zone for zone, _text in listed] == list(times.MAIN_ZONES)
    texts = dict(listed)
    assert texts["Asia/Kolkata"].endswith("22:30 UTC+5:30, Kolkata")
    assert texts["Europe/London"].endswith("18:00 UTC+1, London")
    # The date follows the zone: already the next day in Sydney.
    assert texts["Australia/Sydney"].startswith("Friday")


def test_dates_are_written_in_the_readers_language():
    moment = at(2026, 5, 14, 14, 0, "Europe/Madrid")
    with translation.override("es"):
        assert times.when(moment, "Europe/Madrid").startswith("jueves")
