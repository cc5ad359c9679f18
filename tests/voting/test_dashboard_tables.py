"""The election dashboard's voters and nominations are Wagtail admin tables:
the voters page by a hundred (?page=), each voter who may still vote has a
"Send a new link" button, and a nomination waiting for review has Accept and
Reject in its row's menu, each a POST form with its CSRF token."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from voting.models import Nomination, Voter
from website.factories import UserFactory


@pytest.fixture
def organiser_client(db):
    admin = UserFactory(username="ada")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    return client


def dashboard(client, election, query=""):
    response = client.get(reverse("voting_dashboard", args=[election.pk]) + query)
    assert response.status_code == 200
    return response.text


@pytest.mark.django_db
def test_the_voters_table_pages_by_a_hundred(organiser_client, make_election):
    election = make_election(electorate="closed")
    Voter.objects.bulk_create(
        Voter(election_key=election.translation_key, email=f"v{n:03}@example.org")
        for n in range(150)
    )
    first = dashboard(organiser_client, election)
    assert "v099@example.org" in first
    assert "v100@example.org" not in first
    assert "Page 1 of 2" in first
    assert first.count("Send a new link") == 100
    second = dashboard(organiser_client, election, "?page=2")
    assert "v100@example.org" in second and "v149@example.org" in second
    assert "v099@example.org" not in second
    # A page number that is not one falls back to the first page.
    assert "v000@example.org" in dashboard(organiser_client, election, "?page=x")


@pytest.mark.django_db
def test_only_a_nomination_waiting_for_review_has_accept_and_reject(
    organiser_client, make_election
):
    election = make_election()
    pending = Nomination.objects.create(
        election_key=election.translation_key, title="Data literacy"
    )
    Nomination.objects.create(
        election_key=election.translation_key,
        title="Spam",
        status=Nomination.Status.REJECTED,
    )
    page = dashboard(organiser_client, election)
    assert page.count('aria-label="More options for Data literacy"') == 1
    assert "More options for Spam" not in page
    for decision in ("accept", "reject"):
        action = reverse(
            "voting_review_nomination", args=[election.pk, pending.pk, decision]
        )
        form = re.search(
            rf'<form method="post" action="{re.escape(action)}" '
            rf'id="{decision}-{pending.pk}">(.*?)</form>',
            page,
            re.S,
        )
        assert form, decision
        assert 'name="csrfmiddlewaretoken"' in form.group(1)
        assert f'form="{decision}-{pending.pk}"' in page


@pytest.mark.django_db
def test_accepting_from_the_table_with_its_token_adds_the_option(
    organiser_client, make_election
):
    now = timezone.now()
    election = make_election(
        nominations_open_at=now - datetime.timedelta(days=1),
        nominations_close_at=now + datetime.timedelta(days=1),
        voting_opens_at=now + datetime.timedelta(days=2),
        voting_closes_at=now + datetime.timedelta(days=9),
    )
    pending = Nomination.objects.create(
        election_key=election.translation_key, title="Data literacy"
    )
    page = dashboard(organiser_client, election)
    action = reverse(
        "voting_review_nomination", args=[election.pk, pending.pk, "accept"]
    )
    token = re.search(
        rf'action="{re.escape(action)}"[^>]*>\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
    ).group(1)
    response = organiser_client.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Nomination.Status.ACCEPTED
    assert "Data literacy" in [option.title for option in election.options.all()]
