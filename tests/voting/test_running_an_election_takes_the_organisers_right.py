"""Running an election (its dashboard, list of voters, invitations,
reminders, closing, publishing, nominations) takes the organisers' right,
`voting.run_election`, and works on the election's source page whichever
language's page the address names. Editing every page (the demo's
editor@) or translating the Spanish ones (traductora@) opens none of these
doors, in either language, GET or POST; copying a mentoring round's
applicants into the list of voters also takes the program's organiser
right. Logged in as the demo's own accounts."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from program.models import RoundPage
from tests.demo_accounts import client_of
from voting.factories import ElectionPageFactory
from voting.models import (
    AuditEntry,
    ElectionIndexPage,
    ElectionPage,
    Nomination,
    Voter,
)
from website.factories import UserFactory
from website.models import OutboxMessage

NOW = timezone.now()


@pytest.fixture
def election(demo_for_the_module, db, locales):
    """An open closed-list election in English and Spanish, with one voter
    and one nomination."""
    index = ElectionIndexPage.objects.get(locale=locales["en"])
    english = ElectionPageFactory(
        parent=index,
        electorate="closed",
        nominations_open_at=NOW - datetime.timedelta(days=9),
        nominations_close_at=NOW - datetime.timedelta(days=8),
    )
    spanish = english.copy_for_translation(locales["es"])
    spanish.title = "Elección"
    spanish.save_revision().publish()
    Voter.objects.create(election_key=english.translation_key, email="kofi@example.org")
    Nomination.objects.create(election_key=english.translation_key, title="Zines")
    return english, ElectionPage.objects.get(pk=spanish.pk)


def doors(page):
    """(method, URL) of every view of the election's dashboard."""
    voter = Voter.objects.get(election_key=page.translation_key)
    nomination = Nomination.objects.get(election_key=page.translation_key)
    post = [
        reverse(name, args=[page.pk])
        for name in (
            "voting_import",
            "voting_import_round",
            "voting_invite",
            "voting_remind",
            "voting_close_early",
            "voting_publish_results",
        )
    ] + [
        reverse("voting_resend", args=[page.pk, voter.pk]),
        reverse("voting_review_nomination", args=[page.pk, nomination.pk, "accept"]),
    ]
    return [("get", reverse("voting_dashboard", args=[page.pk]))] + [
        (method, url) for url in post for method in ("post", "get")
    ]


def state(english):
    """Everything the doors could change."""
    return (
        list(ElectionPage.objects.order_by("pk").values_list("closed_early_at")),
        list(ElectionPage.objects.values_list("results_published", flat=True)),
        list(Voter.objects.values_list("email", "invited_at", "token_hash")),
        OutboxMessage.objects.count(),
        AuditEntry.objects.count(),
        list(Nomination.objects.values_list("status", flat=True)),
        english.options.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email",
    ["traductora@example.org", "editor@example.org"],
    ids=["translator", "editor"],
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_door_of_the_dashboard_is_shut_to_translators_and_editors(
    election, email, language
):
    english, spanish = election
    client = client_of(email)
    before = state(english)
    roll = b"me@example.org\n"
    for method, url in doors(english if language == "en" else spanish):
        if method == "post":
            response = client.post(url, {"roll": SimpleUploadedFile("r.csv", roll)})
        else:
            response = client.get(url)
        assert response.status_code == 403, (method, url)
        assert "kofi@example.org" not in response.text
    assert state(english) == before


@pytest.mark.django_db
def test_the_run_the_election_button_is_not_offered_to_translators(election):
    _english, spanish = election
    edit = reverse("wagtailadmin_pages:edit", args=[spanish.pk])
    dashboard = reverse("voting_dashboard", args=[spanish.pk])
    response = client_of("traductora@example.org").get(edit)
    assert response.status_code == 200
    assert dashboard not in response.text
    assert dashboard in client_of("admin@example.org").get(edit).text


@pytest.mark.django_db
def test_organisers_run_the_source_election_from_either_language(election):
    english, spanish = election
    organiser = client_of("organiser@example.org")

    response = organiser.get(reverse("voting_dashboard", args=[spanish.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("voting_dashboard", args=[english.pk])
    response = organiser.get(response["Location"])
    assert response.status_code == 200
    assert "kofi@example.org" in response.text  # organisers see their voters

    roll = SimpleUploadedFile("roll.csv", b"ana@example.org\n")
    response = organiser.post(
        reverse("voting_import", args=[spanish.pk]), {"roll": roll}
    )
    assert response["Location"] == reverse("voting_dashboard", args=[english.pk])
    # Voters without a language of their own get the source's.
    assert Voter.objects.get(email="ana@example.org").language == "en"

    nomination = Nomination.objects.get()
    organiser.post(
        reverse("voting_review_nomination", args=[spanish.pk, nomination.pk, "accept"])
    )
    # Accepted on the source: an option of the election in every language.
    # (Voting is open, so it is refused: the point is where it was tried.)
    assert (
        "Options cannot be added once voting has opened."
        in organiser.get(reverse("voting_dashboard", args=[english.pk])).text
    )

    organiser.post(reverse("voting_close_early", args=[spanish.pk]))
    closed = ElectionPage.objects.filter(translation_key=english.translation_key)
    assert all(page.closed_early_at for page in closed)
    assert (
        AuditEntry.objects.filter(
            election_key=english.translation_key, user__email="organiser@example.org"
        ).count()
        == 2
    )


@pytest.mark.django_db
def test_copying_applicants_into_the_roll_takes_the_programs_organiser_right(
    election, locales
):
    english, _spanish = election
    round_page = RoundPage.objects.get(locale=locales["en"], number=3)
    url = reverse("voting_import_round", args=[english.pk])

    # An organiser of elections who does not run the mentoring program.
    returning_officer = UserFactory(username="returning", email="ro@example.org")
    group = Group.objects.create(name="Returning officers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="run_election"),
    )
    returning_officer.groups.add(group)
    client = client_of("ro@example.org")
    dashboard = client.get(reverse("voting_dashboard", args=[english.pk]))
    assert dashboard.status_code == 200
    assert url not in dashboard.text
    response = client.post(url, {"round": round_page.pk})
    assert response.status_code == 403
    assert Voter.objects.filter(election_key=english.translation_key).count() == 1

    organiser = client_of("organiser@example.org")
    assert url in organiser.get(reverse("voting_dashboard", args=[english.pk])).text
    response = organiser.post(url, {"round": round_page.pk})
    assert response.status_code == 302
    assert Voter.objects.filter(election_key=english.translation_key).count() > 1
