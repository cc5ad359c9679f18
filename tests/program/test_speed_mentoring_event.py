"""The speed-mentoring event page: the timetable from program.rotations, in
accessible tables, printable per table and per mentee, as CSV; numbers that
cannot work are explained on the page."""

import csv
import io
import zoneinfo
from collections import Counter

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.test.utils import WagtailPageTestCase

from program.factories import (
    SpeedMentoringEventPageFactory,
    event_people,
)
from program.models import (
    ProgramPage,
    SpeedMentoringEventPage,
    SpeedMentoringParticipant,
)

pytestmark = pytest.mark.django_db

HONG_KONG = zoneinfo.ZoneInfo("Asia/Hong_Kong")


def make_event(parent, mentors=4, mentees=10, wishes=None, **fields):
    """A published event of `mentors` mentors and `mentees` mentees (three
    rotations of ten minutes from 18:30 in Hong Kong, unless `fields` say
    otherwise)."""
    return SpeedMentoringEventPageFactory(
        parent=parent,
        participants=event_people(mentors, mentees, wishes),
        **{"slug": "speed-mentoring", **fields},
    )


def test_the_page_shows_the_timetable_in_a_table_with_headers(client, program):
    event = make_event(program)
    response = client.get(event.url)
    assert response.status_code == 200
    html = response.text
    assert '<th scope="col">Rotation 1' in html
    assert '<th scope="row">Table 1: Mentor 1</th>' in html
    assert "18:30</time>–<time" in html  # in the event's time zone
    assert "18:42</time>" in html  # rotation 2 after 10 minutes and a changeover
    assert "Printable timetables, one per table" in html
    assert "<br>Hong Kong (UTC+08:00)</dd>" in html  # as people name the zone
    assert "Asia/Hong_Kong" not in html


def test_the_csv_has_every_meeting_once_and_tables_evenly_full(client, program):
    event = make_event(program, mentors=4, mentees=10)
    response = client.get(event.url + "timetable/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    meetings = Counter((row["mentor"], row["mentee"]) for row in rows)
    assert meetings and max(meetings.values()) == 1  # nobody meets a mentor twice
    assert len(rows) == 10 * 3  # every mentee seated in every rotation
    for rotation in ("1", "2", "3"):
        fill = Counter(row["table"] for row in rows if row["rotation"] == rotation)
        assert sorted(fill.values()) == [2, 2, 3, 3]
    assert rows[0]["start"] == "2018-04-20 18:30"


def test_printable_sheets_put_one_table_or_person_per_page(client, program):
    event = make_event(program, mentors=3, mentees=5)
    tables = client.get(event.url + "timetable/tables/")
    people = client.get(event.url + "timetable/people/")
    assert tables.status_code == people.status_code == 200
    assert tables.text.count('class="timetable-sheet"') == 3
    assert people.text.count('class="timetable-sheet"') == 5
    assert "program/css/timetable.css" in tables.text
    with open("program/static/program/css/timetable.css") as stylesheet:
        print_rules = stylesheet.read().split("@media print")[1]
    assert ".timetable-sheet { break-after: page;" in print_rules


def test_more_mentees_than_seats_is_explained_and_breaks_shared(client, program):
    event = make_event(program, mentors=3, mentees=11, table_capacity=3)
    response = client.get(event.url)
    assert response.status_code == 200
    assert "in each rotation 2 mentees take a break" in response.text
    assert '<th scope="row">Taking a break</th>' in response.text


@pytest.mark.parametrize(
    ("mentors", "mentees", "rotations", "message"),
    [
        (0, 5, 3, "Add at least one mentor"),
        (3, 0, 3, "Add mentees"),
        (2, 4, 5, "plan at most"),  # more rotations than mentors to meet
    ],
)
def test_numbers_that_cannot_work_are_explained_not_a_500(
    client, program, mentors, mentees, rotations, message
):
    event = make_event(program, mentors, mentees, rotations=rotations)
    page = client.get(event.url)
    assert page.status_code == 200
    assert message in page.text
    for route in ("timetable/csv/", "timetable/tables/", "timetable/people/"):
        response = client.get(event.url + route)
        assert response.status_code == 409
        assert message in response.content.decode()


def test_why_a_timetable_cannot_be_made_is_said_in_the_readers_language(program):
    event = make_event(program, mentors=2, mentees=4, rotations=5)

    assert event.timetable() == (
        None,
        "The timetable cannot be made: each mentee would have to meet 5 different "
        "mentors; there are only 2 mentors; plan at most 2 rotations.",
    )
    with translation.override("es"):
        clauses = [
            ngettext(
                "each mentee would have to meet %(count)d different mentor",
                "each mentee would have to meet %(count)d different mentors",
                5,
            )
            % {"count": 5},
            ngettext(
                "there is only %(count)d mentor", "there are only %(count)d mentors", 2
            )
            % {"count": 2},
            ngettext(
                "plan at most %(count)d rotation", "plan at most %(count)d rotations", 2
            )
            % {"count": 2},
        ]
        spanish = gettext("The timetable cannot be made: %(reason)s.") % {
            "reason": "; ".join(clauses)
        }
        assert event.timetable() == (None, spanish)


def test_the_schedule_is_computed_once_then_cached(client, program, monkeypatch):
    from program import rotations

    event = make_event(program)
    cache.clear()
    calls = []
    real = rotations.schedule_rotations
    monkeypatch.setattr(
        rotations,
        "schedule_rotations",
        lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs),
    )
    for _ in range(3):
        assert client.get(event.url).status_code == 200
    assert len(calls) == 1
    event.rotations = 2
    event.save_revision().publish()
    client.get(event.url)
    assert len(calls) == 2  # an edit gives a new schedule


def test_preferences_are_honoured_where_possible(program):
    # Tables stay evenly full (one mentee each), so Mentor 3 takes one of the
    # two who asked; "Nobody" is not a mentor and is ignored.
    wishes = {"Mentee 1": "Mentor 3", "Mentee 2": " mentor 3", "Mentee 3": "Nobody"}
    event = make_event(program, mentors=3, mentees=3, rotations=1, wishes=wishes)
    timetable, problem = event.timetable()
    assert problem is None
    assert (timetable.preferences_asked, timetable.preferences_met) == (2, 1)
    [rotation] = timetable.rotations
    assert [len(names) for _table, _mentor, names in rotation["tables"]] == [1, 1, 1]


class EventPageTypeTests(WagtailPageTestCase):
    def test_events_live_under_a_program_only(self):
        self.assertAllowedParentPageTypes(SpeedMentoringEventPage, {ProgramPage})
        self.assertAllowedSubpageTypes(SpeedMentoringEventPage, {})


def test_the_hong_kong_demo_evening_has_its_timetable_once(client, program, locales):
    from program.demo import ensure_speed_mentoring_event

    program.copy_for_translation(locales["es"]).save_revision().publish()
    event = ensure_speed_mentoring_event(program, locales)
    again = ensure_speed_mentoring_event(program, locales)
    assert again.pk == event.pk
    assert SpeedMentoringEventPage.objects.count() == 2  # English and Spanish
    assert SpeedMentoringParticipant.objects.filter(page=event).count() == 32
    page = client.get(event.url)
    assert page.status_code == 200
    assert "Table 8: Daniel Cheung" in page.text
    assert "18:30" in page.text  # Hong Kong time
    spanish = client.get(event.get_translation(locales["es"]).url)
    assert spanish.status_code == 200
    assert "Tarde de mentoría rápida en Hong Kong" in spanish.text
    assert "Daniel Cheung" in spanish.text
    timetable, problem = event.timetable()
    assert problem is None and timetable.sitting_out == 0
