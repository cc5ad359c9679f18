"""A member finds their receipt codes again later, on their own page
(voting.profile): the site derives each from their voter row with a key
the database does not hold, so the database alone still cannot say which
receipt, and so which ballot, is whose."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.test import RequestFactory, override_settings
from django.utils import timezone

from tests.voting.conftest import add_voters
from voting import actions
from voting.models import Ballot, Voter
from voting.profile import my_elections, voted_elections
from voting.secrecy import receipt_for
from website.factories import UserFactory


def vote(client, election, token=None):
    url = election.url + (f"vote/{token}/" if token else "vote/")
    response = client.post(url, {"choices": [election.option_list[0].key]})
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_a_member_finds_the_receipt_they_were_shown(client, make_election, member):
    election = make_election(title="Webinars 2019")
    client.force_login(member)
    response = vote(client, election)
    receipt = Ballot.objects.get().receipt
    assert receipt in response.text
    assert "/accounts/profile/" in response.text  # where to find it again

    [found] = voted_elections(member)
    assert found.election.pk == election.pk
    assert found.receipt == receipt
    assert found.results_url is None  # voting is still open

    client.force_login(member)
    html = client.get("/en/accounts/profile/").text
    assert "Elections you voted in" in html
    assert "Webinars 2019" in html
    assert receipt in html


@pytest.mark.django_db
def test_nothing_is_shown_to_a_member_who_has_not_voted(make_election, member):
    make_election()
    assert voted_elections(member) == []
    request = RequestFactory().get("/")
    request.user = member
    assert my_elections(request) is None


@pytest.mark.django_db
def test_a_link_voter_finds_it_through_a_verified_address_only(client, make_election):
    election = make_election(electorate="closed")
    tokens = add_voters(election, ["ana@example.org", "bo@example.org"])
    for token in tokens.values():
        vote(client, election, token)
    ana = UserFactory(username="ana", email="Ana@Example.org")
    EmailAddress.objects.filter(user=ana).update(verified=True)
    bo = UserFactory(username="bo", email="bo@example.org")
    EmailAddress.objects.filter(user=bo).update(verified=False)

    [found] = voted_elections(ana)
    voter = Voter.objects.get(email="ana@example.org")
    assert found.receipt == receipt_for(voter)
    assert Ballot.objects.filter(receipt=found.receipt).exists()
    assert voted_elections(bo) == []


@pytest.mark.django_db
def test_after_the_close_the_receipt_links_to_the_published_list(
    client, make_election, member
):
    election = make_election()
    client.force_login(member)
    vote(client, election)
    actions.close_early(election)
    actions.publish_results(election)

    [found] = voted_elections(member)
    assert found.results_url
    assert found.receipt in client.get(found.results_url).text


@pytest.mark.django_db
def test_the_database_alone_cannot_give_a_voter_their_receipt(
    client, make_election, member
):
    election = make_election()
    client.force_login(member)
    vote(client, election)
    voter = Voter.objects.get(user=member)
    receipt = Ballot.objects.get().receipt
    # Nothing stored with the voter is, or contains, the receipt...
    stored = [str(getattr(voter, field.attname)) for field in Voter._meta.fields]
    assert not any(receipt in value for value in stored)
    # ...and without the site's key the same row gives another code.
    with override_settings(SECRET_KEY="a key the database does not know"):
        assert receipt_for(voter) != receipt
    assert receipt_for(voter) == receipt


@pytest.mark.django_db
def test_a_receipt_from_before_derived_receipts_is_not_made_up(make_election, member):
    election = make_election()
    # As the migration leaves someone who voted with a random receipt.
    Voter.objects.create(
        election_key=election.translation_key,
        user=member,
        voted_at=timezone.now() - datetime.timedelta(hours=1),
    )
    Ballot.objects.create(election_key=election.translation_key, choices=[])
    [found] = voted_elections(member)
    assert found.receipt is None


@pytest.mark.django_db
def test_a_receipt_survives_a_rotation_of_the_sites_key(
    client, make_election, member, settings
):
    election = make_election()
    client.force_login(member)
    vote(client, election)
    receipt = Ballot.objects.get().receipt
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the new key"
    [found] = voted_elections(member)
    assert found.receipt == receipt
