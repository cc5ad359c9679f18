"""After the close a voter finds their ballot in the published list by its
receipt code, typed as they like (lower case, without hyphens)."""

import datetime

import pytest
from django.utils import timezone

from voting import actions
from voting.models import Ballot

NOW = timezone.now()


@pytest.fixture
def published(make_election):
    election = make_election(
        voting_opens_at=NOW - datetime.timedelta(days=7),
        voting_closes_at=NOW - datetime.timedelta(hours=1),
    )
    options = election.option_list
    Ballot.objects.create(
        election_key=election.translation_key,
        choices=[options[0].key, options[1].key],
        receipt="K7PD-Q2XM-9HTA",
    )
    Ballot.objects.create(
        election_key=election.translation_key,
        choices=[options[2].key],
        receipt="ABCD-EFGH-JKLM",
    )
    actions.publish_results(election)
    return election


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["K7PD-Q2XM-9HTA", "k7pd q2xm 9hta", "k7pdq2xm9hta"])
def test_a_voter_finds_their_ballot_by_its_receipt_code(client, published, typed):
    response = client.get(published.url + "results/", {"receipt": typed})
    assert response.status_code == 200
    html = response.text
    found = html[html.index('id="receipt-found"') :]
    found = found[: found.index("</div>")]
    assert "K7PD-Q2XM-9HTA" in found
    assert "Copyright; Open access" in found
    assert "Makerspaces" not in found


@pytest.mark.django_db
def test_an_unknown_code_is_not_found(client, published):
    response = client.get(published.url + "results/", {"receipt": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 200
    assert "No ballot has the receipt code" in response.text


@pytest.mark.django_db
def test_something_that_cannot_be_a_code_is_explained(client, published):
    response = client.get(published.url + "results/", {"receipt": "<b>hello</b>"})
    assert response.status_code == 400
    assert "is not a receipt code" in response.text
    assert "<b>hello</b>" not in response.text


@pytest.mark.django_db
def test_no_finder_before_the_ballots_are_public(client, make_election):
    election = make_election(results_visibility="live")
    response = client.get(election.url + "results/", {"receipt": "K7PD-Q2XM-9HTA"})
    assert 'name="receipt"' not in response.text
    assert 'id="receipt-found"' not in response.text
