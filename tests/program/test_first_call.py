"""The match email suggests three times for a first call when both partners
are free, each in both partners' own local time (daylight saving time on
both sides, on the actual dates), and attaches the first as an .ics file that
calendars read back at the same instant."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core import mail

from program.factories import ApplicationFactory, ProgramPageFactory, RoundPageFactory
from program.matching.availability import hours_of_periods
from program.release import release_matches
from program.storage import run_matching

pytestmark = pytest.mark.django_db

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
SANTIAGO = zoneinfo.ZoneInfo("America/Santiago")


@pytest.fixture(params=[50, 1], ids=["one batch", "a batch each"])
def released(request, home, django_capture_on_commit_callbacks):
    """Ana in Madrid, free weekday evenings; Bruno in Santiago, free weekday
    afternoons. The round starts on Friday 27 March 2026: Madrid moves its
    clocks forward on the Sunday after, Santiago back a week later. Their
    emails go in one batch, or in two a day apart (the same times all the
    same)."""
    round_page = RoundPageFactory(
        parent=ProgramPageFactory(parent=home),
        starts_on=datetime.date(2026, 3, 27),
        ends_on=datetime.date(2026, 6, 26),
        min_shared_hours=2,
    )
    ApplicationFactory(
        round=round_page,
        name="Ana",
        email="ana@example.org",
        country="ES",
        languages=["es"],
        time_zone="Europe/Madrid",
        availability=hours_of_periods(f"{d}-evening" for d in range(5)),
        language="en",
    )
    ApplicationFactory(
        round=round_page,
        name="Bruno",
        email="bruno@example.org",
        country="CL",
        languages=["es"],
        time_zone="America/Santiago",
        availability=hours_of_periods(f"{d}-afternoon" for d in range(5)),
        language="es",
    )
    run_matching(round_page)
    with django_capture_on_commit_callbacks(execute=True):
        release_matches(
            round_page,
            batch_size=request.param,
            first_at=datetime.datetime(2026, 3, 25, 12, tzinfo=datetime.UTC),
        )
    return {m.to[0]: m for m in mail.outbox}


def test_the_email_gives_three_times_in_both_partners_own_time(released):
    body = released["ana@example.org"].body
    assert "Times for a first call when you are all free" in body
    # Friday before the change: 18:00 in Madrid (UTC+1), 14:00 in Santiago
    # (UTC-3); Monday and Tuesday after it: 18:00 (UTC+2) and 13:00.
    assert (
        "- Friday, March 27, 2026, 6:00 PM — Spain — Madrid (UTC+01:00)\n"
        "  for Bruno: Friday, March 27, 2026, 2:00 PM — Chile — Santiago (UTC−03:00)\n"
        "- Monday, March 30, 2026, 6:00 PM — Spain — Madrid (UTC+02:00)\n"
        "  for Bruno: Monday, March 30, 2026, 1:00 PM — Chile — Santiago (UTC−03:00)\n"
        "- Tuesday, March 31, 2026, 6:00 PM — Spain — Madrid (UTC+02:00)\n"
        "  for Bruno: Tuesday, March 31, 2026, 1:00 PM — Chile — Santiago (UTC−03:00)\n"
    ) in body
    html = released["ana@example.org"].alternatives[0][0]
    assert "for Bruno: Monday, March 30, 2026, 1:00 PM" in html


def test_each_partner_reads_the_times_in_their_own_language_and_zone(released):
    body = released["bruno@example.org"].body
    assert "viernes" in body.lower()
    assert "14:00" in body and "18:00" in body


def test_the_ics_is_the_first_time_in_the_recipients_own_zone(released):
    for address, zone, partner in (
        ("ana@example.org", MADRID, "bruno@example.org"),
        ("bruno@example.org", SANTIAGO, "ana@example.org"),
    ):
        ((name, content, mimetype),) = released[address].attachments
        assert (name, mimetype) == ("first-call.ics", "text/calendar")
        calendar = icalendar.Calendar.from_ical(content)
        (event,) = calendar.walk("VEVENT")
        start = event.decoded("dtstart")
        assert start.tzinfo.key == zone.key  # an IANA zone, not bare UTC
        assert start == datetime.datetime(2026, 3, 27, 17, tzinfo=datetime.UTC)
        assert event.decoded("duration") == datetime.timedelta(hours=1)
        assert [str(a) for a in [event["attendee"]]] == [f"mailto:{partner}"]
        assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == [zone.key]


def test_no_times_and_no_file_when_the_partners_are_never_free_together(
    home, django_capture_on_commit_callbacks
):
    round_page = RoundPageFactory(
        parent=ProgramPageFactory(parent=home),
        starts_on=datetime.date(2026, 3, 27),
        ends_on=datetime.date(2026, 6, 26),
    )
    for name, country, zone, hours in (
        ("Ana", "ES", "Europe/Madrid", [8]),
        ("Bruno", "CL", "America/Santiago", [8]),
    ):
        ApplicationFactory(
            round=round_page,
            name=name,
            email=f"{name.lower()}@example.org",
            country=country,
            languages=["es"],
            time_zone=zone,
            availability=hours,
            language="en",
        )
    run_matching(round_page)
    with django_capture_on_commit_callbacks(execute=True):
        release_matches(round_page)
    (message, _other) = mail.outbox
    assert "Times for a first call" not in message.body
    assert message.attachments == []


def test_the_desk_says_how_many_hours_a_week_the_pair_shares(released):
    from program import reasons
    from program.models import Match

    (match,) = Match.objects.all()
    (link,) = match.breakdown["links"]
    # 27 March to 26 June is 14 weeks from a Friday (the last one a day, counted
    # as a week): 19 h in the first (Madrid changed on its Sunday), 16 h in
    # the second (Santiago changed on its Sunday), 15 h in the others:
    # 215 h / 14 = 15.36, to the quarter hour.
    assert link["shared_hours"] == 15.25
    assert link["availability"] == 200
    assert "free at the same time 15.25 hours a week" in reasons.link_reasons(
        link, {}, {}
    )
    assert ("Free at the same time", 200) in reasons.score_parts(match.breakdown)
