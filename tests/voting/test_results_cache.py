"""Live results are cached for anonymous readers and purged by each
ballot; an organiser's action (closing early) purges the election."""

import pytest

from tests import page_cache_helpers
from voting import actions
from voting.casting import cast_ballot
from website.factories import UserFactory

pytestmark = pytest.mark.django_db

page_cache = page_cache_helpers.page_cache
commit = page_cache_helpers.commit


def test_a_ballot_purges_live_results(client, make_election, page_cache, commit):
    election = make_election(results_visibility="live")
    url = election.url + "results/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    key = election.option_list[0].key
    commit(cast_ballot, election, [key], user=UserFactory())
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "1 ballot" in response.text


def test_closing_early_purges_the_election_page(
    client, make_election, page_cache, commit
):
    election = make_election()
    client.get(election.url)
    assert client.get(election.url)["X-Cache"] == "hit"
    commit(actions.close_early, election, user=UserFactory())
    response = client.get(election.url)
    assert response["X-Cache"] == "miss"
