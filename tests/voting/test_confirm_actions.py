"""Closing voting and publishing the results cannot be undone: the
dashboard links to a confirmation page (as Wagtail's admin does before
unpublishing or deleting), and only its form acts. The demo's organiser
may do both; the demo's member may not."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.demo_accounts import client_of
from voting.models import AuditEntry, Ballot, ElectionIndexPage, ElectionPage

NOW = timezone.now()


def url(name, election):
    return reverse(name, args=[election.pk])


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


@pytest.mark.django_db
def test_organiser_confirms_before_voting_closes(demo):
    organiser = client_of("organiser@example.org")
    election = ElectionPage.objects.get(slug="webinars-2019")

    dashboard = organiser.get(url("voting_dashboard", election)).text
    assert f'href="{url("voting_close_early", election)}"' in dashboard
    assert f'action="{url("voting_close_early", election)}"' not in dashboard

    page = organiser.get(url("voting_close_early", election))
    assert page.status_code == 200
    assert "Close voting in “Webinars 2019” now?" in page.text
    assert "Yes, close voting now" in page.text
    assert "No, keep voting open" in page.text
    election.refresh_from_db()
    assert election.closed_early_at is None  # asking changes nothing

    response = organiser.post(url("voting_close_early", election))
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.closed_early_at is not None
    assert AuditEntry.objects.filter(action="close_early").count() == 1


@pytest.mark.django_db
def test_organiser_confirms_before_the_results_are_published(demo):
    organiser = client_of("organiser@example.org")
    election = ElectionPage.objects.get(slug="webinars-2019")
    # Not closed yet: no confirmation page, the reason on the dashboard.
    response = organiser.get(url("voting_publish_results", election), follow=True)
    assert "once voting has closed" in response.text
    organiser.post(url("voting_close_early", election))

    page = organiser.get(url("voting_publish_results", election))
    assert page.status_code == 200
    assert "Publish the results of “Webinars 2019”?" in page.text
    election.refresh_from_db()
    assert not election.results_published
    organiser.post(url("voting_publish_results", election))
    election.refresh_from_db()
    assert election.results_published
    # Nothing left to confirm: back to the dashboard with the reason.
    again = organiser.get(url("voting_publish_results", election), follow=True)
    assert "already published" in again.text


@pytest.mark.django_db
def test_the_member_and_the_editor_cannot_close_or_publish(demo):
    election = ElectionPage.objects.get(slug="webinars-2019")
    for email in ("member@example.org", "editor@example.org"):
        client = client_of(email)
        for name in ("voting_close_early", "voting_publish_results"):
            assert client.get(url(name, election)).status_code in {302, 403}
            assert client.post(url(name, election)).status_code in {302, 403}
    election.refresh_from_db()
    assert election.closed_early_at is None and not election.results_published


@pytest.mark.django_db
def test_demo_organiser_may_create_and_publish_elections(demo):
    organiser = get_user_model().objects.get(email="organiser@example.org")
    index = ElectionIndexPage.objects.get(locale__language_code="en")
    permissions = index.permissions_for_user(organiser)
    assert permissions.can_add_subpage()
    election = ElectionPage.objects.get(slug="webinars-2019")
    assert election.permissions_for_user(organiser).can_publish()
    home = index.get_parent()
    assert not home.permissions_for_user(organiser).can_edit()
    response = client_of("organiser@example.org").get(
        reverse("wagtailadmin_pages:add", args=["voting", "electionpage", index.pk])
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_dashboard_turnout_counts_one_ballot_in_the_singular(demo):
    election = ElectionPage.objects.get(slug="webinars-2019")
    Ballot.objects.create(
        election_key=election.translation_key,
        choices=[election.option_list[0].key],
    )
    html = (
        client_of("organiser@example.org").get(url("voting_dashboard", election)).text
    )
    assert "1 ballot from" in html
    assert "1 ballots" not in html
