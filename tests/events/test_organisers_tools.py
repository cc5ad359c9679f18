"""The organisers' tools, tried with the demo's own accounts: events from
an election's winners (editors and organisers), registrations, attendance
and the CSV (organisers and editors); every other role is refused."""

import csv
import io

import pytest
from wagtail.models import Page

from events.factories import RegistrationFactory
from events.models import EventPage, Registration
from tests.demo_accounts import client_of

pytestmark = pytest.mark.django_db

OTHERS = ["member@example.org", "traductora@example.org", "moderator@example.org"]


@pytest.fixture
def election(demo_for_the_module, db):
    return Page.objects.get(slug="webinars-2018", locale__language_code="en")


@pytest.fixture
def upcoming(demo_for_the_module, db):
    return EventPage.objects.get(
        slug="library-services-for-refugees", locale__language_code="en"
    )


@pytest.mark.parametrize("email", ["editor@example.org", "organiser@example.org"])
def test_events_are_made_once_from_the_winners(election, email):
    client = client_of(email)
    url = f"/admin/events/from-election/{election.pk}/"
    edit = client.get(f"/admin/pages/{election.pk}/edit/")
    assert url.encode() in edit.content  # the button in the page's header
    before = EventPage.objects.count()
    page = client.get(url)
    assert page.status_code == 200
    # The demo holds three of the four winners already.
    assert "already has its event" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    made = EventPage.objects.filter(election__pk=election.pk, schedule_status="tbc")
    assert list(made.values_list("title", flat=True)) == ["Marketing on a shoestring"]
    assert {e.schedule_status for e in made} == {"tbc"}
    assert {str(e.get_parent().locale) for e in made} == {"English"}
    assert all(e.election_option_key for e in made)
    client.post(url)
    assert EventPage.objects.count() == before + 1
    if email == "editor@example.org":
        assert all(e.live for e in made)


@pytest.mark.parametrize("email", OTHERS)
def test_other_roles_cannot_make_events_from_an_election(election, email):
    before = EventPage.objects.count()
    assert client_of(email).post(
        f"/admin/events/from-election/{election.pk}/"
    ).status_code in (302, 403)
    assert EventPage.objects.count() == before


def test_an_election_without_published_results_offers_nothing(demo_for_the_module, db):
    open_election = Page.objects.get(slug="webinars-2019", locale__language_code="en")
    client = client_of("editor@example.org")
    url = f"/admin/events/from-election/{open_election.pk}/"
    assert (
        url.encode() not in client.get(f"/admin/pages/{open_election.pk}/edit/").content
    )
    before = EventPage.objects.count()
    response = client.post(url)
    assert response.status_code == 200
    assert b"no published winners yet" in response.content
    assert EventPage.objects.count() == before


def test_organisers_see_registrations_by_country_and_save_attendance(upcoming):
    client = client_of("organiser@example.org")
    url = f"/admin/events/{upcoming.pk}/registrations/"
    response = client.get(url)
    assert response.status_code == 200
    countries = dict(response.context["countries"])
    assert countries == {
        "Argentina": 2,
        "Peru": 2,
        "Mexico": 2,
        "Spain": 2,
        "Nigeria": 2,
    }
    chosen = list(Registration.objects.for_event(upcoming).order_by("pk")[:3])
    client.post(url, {"attended": [str(r.pk) for r in chosen]})
    attended = Registration.objects.for_event(upcoming).filter(attended=True)
    assert sorted(attended.values_list("pk", flat=True)) == [r.pk for r in chosen]
    assert Registration.objects.for_event(upcoming).filter(attended=False).count() == 7


def test_the_attendance_csv_is_formula_safe(upcoming):
    RegistrationFactory(
        event=upcoming,
        name='=HYPERLINK("http://evil.example","x")',
        email="evil@example.org",
    )
    response = client_of("editor@example.org").get(
        f"/admin/events/{upcoming.pk}/registrations/csv/"
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Name", "Email", "Status"]
    assert len(rows) == 12
    evil = next(row for row in rows if row[1] == "evil@example.org")
    assert evil[0].startswith("'=")


@pytest.mark.parametrize("email", OTHERS)
def test_other_roles_cannot_see_registrations(upcoming, email):
    client = client_of(email)
    for path in ("registrations/", "registrations/csv/"):
        response = client.get(f"/admin/events/{upcoming.pk}/{path}")
        assert response.status_code in (302, 403)
        assert b"reader0@example.org" not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )
