"""On PostgreSQL, many simultaneous submissions of one ballot link (or by
one member) store exactly one ballot: SQLite serialises writes and would
hide the race, so these run only there."""

import pytest
from django.test import Client

from tests.concurrency import at_once
from tests.voting.conftest import add_voters
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from voting.models import Ballot, Voter
from website.factories import UserFactory

THREADS = 20


def submit_at_once(make_request):
    """`make_request(client)` gives a call that submits and returns its
    status: THREADS of them, each with its own client, raced."""
    return sorted(at_once(*[make_request(Client()) for _ in range(THREADS)]))


@pytest.fixture
def election_parent(home):
    index = ElectionIndexPageFactory(parent=home)
    index.save_revision().publish()
    return index


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_submissions_of_one_link_store_one_ballot(election_parent, settings):
    settings.VOTING_BALLOT_RATE_LIMIT = (1000, 60)
    election = ElectionPageFactory(parent=election_parent, electorate="closed")
    token = add_voters(election, ["ana@example.org"])["ana@example.org"]
    url = f"{election.url}vote/{token}/"
    choice = election.option_list[0].key

    def make_request(client):
        return lambda: client.post(url, {"choices": [choice]}).status_code

    statuses = submit_at_once(make_request)
    assert statuses.count(200) == 1
    assert statuses.count(409) == THREADS - 1
    assert Ballot.objects.count() == 1
    assert Voter.objects.get().voted_at is not None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_submissions_by_one_member_store_one_ballot(election_parent, settings):
    settings.VOTING_BALLOT_RATE_LIMIT = (1000, 60)
    election = ElectionPageFactory(parent=election_parent)
    member = UserFactory(username="amaka")
    url = f"{election.url}vote/"
    choice = election.option_list[0].key

    def make_request(client):
        client.force_login(member)
        return lambda: client.post(url, {"choices": [choice]}).status_code

    statuses = submit_at_once(make_request)
    assert statuses.count(200) == 1
    assert statuses.count(409) == THREADS - 1
    assert Ballot.objects.count() == 1
    assert Voter.objects.count() == 1
