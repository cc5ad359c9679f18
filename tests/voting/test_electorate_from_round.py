"""A closed electorate taken from a mentoring round's participants: the
organiser picks the round in the admin; its confirmed, not withdrawn
applicants become voters once each, all or nothing, with the language they
chose for emails, and the import is in the audit log."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from program.factories import ApplicationFactory, ProgramPageFactory, RoundPageFactory
from program.models import Application
from voting.electorate import import_round, invite
from voting.models import AuditEntry, ElectionPage, Voter
from website.factories import UserFactory
from website.models import OutboxMessage


@pytest.fixture
def round_page(home):
    return RoundPageFactory(parent=ProgramPageFactory(parent=home), number=3)


@pytest.fixture
def election(make_election):
    return make_election(electorate="closed")


@pytest.fixture
def organiser_client(db):
    organiser = UserFactory(username="ada", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(organiser)
    return client


def apply(round_page, email, language="en", status=Application.Status.SUBMITTED):
    return ApplicationFactory(
        round=round_page, email=email, language=language, status=status
    )


@pytest.mark.django_db
def test_participants_become_voters_in_their_language(election, round_page):
    apply(round_page, "Ana@Example.org", language="es")
    apply(round_page, "bo@example.org", language="fr")
    apply(round_page, "cy@example.org", language="de")  # no such site language
    apply(round_page, "gone@example.org", status=Application.Status.WITHDRAWN)
    apply(round_page, "maybe@example.org", status=Application.Status.UNCONFIRMED)

    report = import_round(election, round_page)

    assert report.ok, report.errors
    languages = dict(
        Voter.objects.for_election(election).values_list("email", "language")
    )
    # Withdrawn and unconfirmed applicants are not participants; a language
    # the site does not speak falls back to the election's.
    assert languages == {
        "ana@example.org": "es",
        "bo@example.org": "fr",
        "cy@example.org": "en",
    }
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert "Round 3" in entry.detail and "3 added" in entry.detail


@pytest.mark.django_db
def test_invitations_go_out_in_each_participants_language(
    election, round_page, locales
):
    translation = election.copy_for_translation(locales["es"], copy_parents=True)
    translation.save_revision().publish()
    apply(round_page, "ana@example.org", language="es")
    apply(round_page, "bo@example.org", language="en")
    import_round(election, round_page)

    assert invite(ElectionPage.objects.get(pk=election.pk)) == 2

    spanish = OutboxMessage.objects.get(to="ana@example.org")
    english = OutboxMessage.objects.get(to="bo@example.org")
    assert spanish.language == "es"
    assert f"/es/{translation.get_parent().slug}/" in spanish.body_text
    assert english.language == "en"
    assert "/en/" in english.body_text


@pytest.mark.django_db
def test_importing_the_round_again_adds_only_newcomers(election, round_page):
    apply(round_page, "ana@example.org", language="es")
    import_round(election, round_page)
    Voter.objects.filter(email="ana@example.org").update(name="Ana (edited)")
    apply(round_page, "bo@example.org")

    report = import_round(election, round_page)

    assert (report.created, report.existing) == (1, 1)
    assert Voter.objects.count() == 2
    assert Voter.objects.get(email="ana@example.org").name == "Ana (edited)"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count() == 2


@pytest.mark.django_db
def test_a_broken_address_in_the_round_adds_nobody(election, round_page):
    apply(round_page, "ana@example.org")
    broken = apply(round_page, "bo@example.org")
    # Written around the form's validation, as an old import might have.
    Application.objects.filter(pk=broken.pk).update(email="bo at example")

    report = import_round(election, round_page)

    assert not report.ok
    assert "“bo at example” is not an email address" in report.errors[0]
    assert Voter.objects.count() == 0
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_an_empty_round_says_so(election, round_page):
    report = import_round(election, round_page)
    assert report.errors == ["This round has no participants yet."]


@pytest.mark.django_db
def test_the_organiser_picks_the_round_in_the_admin(
    organiser_client, election, round_page
):
    apply(round_page, "ana@example.org", language="fr")
    dashboard = reverse("voting_dashboard", args=[election.pk])
    import_url = reverse("voting_import_round", args=[election.pk])

    page = organiser_client.get(dashboard)
    assert f'<option value="{round_page.pk}">Peer mentoring — Round 3</option>' in (
        page.text
    )

    response = organiser_client.post(import_url, {"round": round_page.pk}, follow=True)
    assert response.redirect_chain[-1][0] == dashboard
    assert "1 voters added, 0 already on the list." in response.text
    assert Voter.objects.get().language == "fr"

    forged = organiser_client.post(import_url, {"round": "999999"})
    assert forged.status_code == 400
    assert "That round does not exist" in forged.text
    assert Voter.objects.count() == 1


@pytest.mark.django_db
def test_a_members_election_takes_no_round(organiser_client, make_election, round_page):
    election = make_election(electorate="members")
    apply(round_page, "ana@example.org")
    organiser_client.post(
        reverse("voting_import_round", args=[election.pk]), {"round": round_page.pk}
    )
    assert not Voter.objects.exists()


@pytest.mark.django_db
def test_the_command_imports_a_round(election, round_page):
    apply(round_page, "ana@example.org", language="es")
    call_command("election", "import", election.slug, round=round_page.pk)
    assert Voter.objects.get().language == "es"
    with pytest.raises(CommandError, match="No mentoring round"):
        call_command("election", "import", election.slug, round=999999)


@pytest.mark.django_db
def test_no_voters_are_added_once_voting_has_closed(
    organiser_client, make_election, round_page
):
    election = make_election(
        electorate="closed",
        voting_opens_at=timezone.now() - datetime.timedelta(days=2),
        voting_closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    apply(round_page, "ana@example.org")
    response = organiser_client.post(
        reverse("voting_import_round", args=[election.pk]),
        {"round": round_page.pk},
        follow=True,
    )
    assert "the list of voters is final" in response.text
    assert not Voter.objects.exists()
