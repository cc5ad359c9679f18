"""The organiser's page in the admin: import, invite, remind, close
early, publish, nominations, each action in the audit log."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from voting.models import (
    AuditEntry,
    ElectionPage,
    ElectionStatus,
    Nomination,
    Voter,
)
from website.factories import UserFactory
from website.models import OutboxMessage

NOW = timezone.now()


@pytest.fixture
def admin_client(db):
    admin = UserFactory(username="ada")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def url(name, election, *args):
    return reverse(name, args=[election.pk, *args])


@pytest.mark.django_db
def test_dashboard_shows_turnout_and_needs_publish_permission(
    client, admin_client, make_election, member
):
    election = make_election(electorate="closed")
    response = admin_client.get(url("voting_dashboard", election))
    assert response.status_code == 200
    assert "Turnout" in response.text
    member.is_staff = True
    member.save()
    client.force_login(member)
    assert client.get(url("voting_dashboard", election)).status_code in {302, 403}


@pytest.mark.django_db
def test_import_invite_and_remind_from_the_admin(admin_client, make_election):
    election = make_election(electorate="closed")
    bad = SimpleUploadedFile("roll.csv", b"ana@example.org\nANA@example.org\n")
    response = admin_client.post(url("voting_import", election), {"roll": bad})
    assert response.status_code == 400
    assert "Nothing was imported" in response.text
    assert Voter.objects.count() == 0
    good = SimpleUploadedFile("roll.csv", b"ana@example.org\nbo@example.org\n")
    response = admin_client.post(url("voting_import", election), {"roll": good})
    assert response.status_code == 302
    assert Voter.objects.count() == 2
    admin_client.post(url("voting_invite", election))
    admin_client.post(url("voting_invite", election))
    assert OutboxMessage.objects.filter(key__startswith="ballot-invite:").count() == 2
    admin_client.post(url("voting_remind", election))
    assert OutboxMessage.objects.filter(key__startswith="ballot-remind:").count() == 2
    actions = list(
        AuditEntry.objects.order_by("at").values_list("action", "user__username")
    )
    assert actions == [("import", "ada"), ("invite", "ada"), ("remind", "ada")]


@pytest.mark.django_db
def test_the_dashboard_offers_only_the_actions_it_would_accept(
    admin_client, make_election
):
    election = make_election(electorate="closed")
    page = admin_client.get(url("voting_dashboard", election)).text
    assert "Import" in page
    assert "not invited yet" not in page  # nobody on the list yet
    assert "who has not voted" not in page
    good = SimpleUploadedFile("roll.csv", b"ana@example.org\nbo@example.org\n")
    admin_client.post(url("voting_import", election), {"roll": good})
    page = admin_client.get(url("voting_dashboard", election)).text
    assert "Invite 2 voters not invited yet" in page
    admin_client.post(url("voting_invite", election))
    page = admin_client.get(url("voting_dashboard", election)).text
    assert "not invited yet" not in page
    assert "Remind 2 voters who have not voted" in page
    admin_client.post(url("voting_close_early", election))
    page = admin_client.get(url("voting_dashboard", election)).text
    assert "Voting has closed: the list of voters is final." in page
    assert url("voting_import", election) not in page
    assert url("voting_remind", election) not in page
    assert "Send a new link" not in page


@pytest.mark.django_db
def test_close_early_then_publish(admin_client, make_election):
    election = make_election()
    assert admin_client.post(url("voting_publish_results", election)).status_code == 302
    election.refresh_from_db()
    assert not election.results_published  # refused: voting is still open
    admin_client.post(url("voting_close_early", election))
    election.refresh_from_db()
    assert election.closed_early_at is not None
    assert election.status == ElectionStatus.CLOSED
    admin_client.post(url("voting_publish_results", election))
    election.refresh_from_db()
    assert election.status == ElectionStatus.RESULTS_PUBLISHED
    assert list(AuditEntry.objects.order_by("at").values_list("action", flat=True)) == [
        "close_early",
        "publish",
    ]


@pytest.mark.django_db
def test_member_nominates_and_editor_accepts(
    client, admin_client, make_election, member
):
    election = make_election(
        nominations_open_at=NOW - datetime.timedelta(days=1),
        nominations_close_at=NOW + datetime.timedelta(days=1),
        voting_opens_at=NOW + datetime.timedelta(days=2),
        voting_closes_at=NOW + datetime.timedelta(days=9),
    )
    client.force_login(member)
    response = client.post(
        election.url + "nominate/", {"title": "Data literacy", "description": "Yes"}
    )
    assert response.status_code == 200
    nomination = Nomination.objects.get()
    assert nomination.proposed_by == member
    rejected = Nomination.objects.create(
        election_key=election.translation_key, title="Spam"
    )
    admin_client.post(
        url("voting_review_nomination", election, nomination.pk, "accept")
    )
    admin_client.post(url("voting_review_nomination", election, rejected.pk, "reject"))
    page = ElectionPage.objects.get(pk=election.pk)
    assert "Data literacy" in [option.title for option in page.options.all()]
    assert Nomination.objects.get(pk=rejected.pk).status == "rejected"
    assert AuditEntry.objects.filter(action="nomination").count() == 2


@pytest.mark.django_db
def test_nominations_outside_the_window_are_refused(client, make_election, member):
    election = make_election()
    client.force_login(member)
    response = client.post(election.url + "nominate/", {"title": "Late"})
    assert response.status_code == 403
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_open_election_appears_on_the_home_page(client, make_election):
    make_election(title="Webinars 2019")
    html = client.get("/en/").text
    assert "Webinars 2019" in html


@pytest.mark.django_db
def test_copying_an_election_makes_a_fresh_one(admin_client, make_election):
    election = make_election()
    admin_client.post(url("voting_close_early", election))
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[election.pk]),
        {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": election.get_parent().pk,
            "publish_copies": True,
        },
    )
    assert response.status_code == 302
    copy = ElectionPage.objects.get(slug="copy")
    assert copy.closed_early_at is None
    assert not copy.results_published
    assert copy.translation_key != election.translation_key
    assert ElectionPage.objects.get(pk=election.pk).closed_early_at is not None


@pytest.mark.django_db
def test_a_nomination_without_a_title_is_explained(client, make_election, member):
    election = make_election(
        nominations_open_at=NOW - datetime.timedelta(days=1),
        nominations_close_at=NOW + datetime.timedelta(days=1),
        voting_opens_at=NOW + datetime.timedelta(days=2),
        voting_closes_at=NOW + datetime.timedelta(days=9),
    )
    client.force_login(member)
    response = client.post(election.url + "nominate/", {"title": " "})
    assert response.status_code == 400
    assert "Give the option a short title." in response.text
    assert not Nomination.objects.exists()
