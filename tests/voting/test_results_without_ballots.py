"""An election nobody voted in has no winners: the results say so, rather
than "And the winners are…" over options the tie-break lot picked."""

import datetime
import json

import pytest
from django.utils import timezone

from voting import actions
from voting.models import Ballot

NOW = timezone.now()


@pytest.mark.django_db
def test_closed_election_without_ballots_says_nobody_voted(client, make_election):
    election = make_election(
        voting_opens_at=NOW - datetime.timedelta(days=7),
        voting_closes_at=NOW - datetime.timedelta(hours=1),
    )
    actions.publish_results(election)
    response = client.get(election.url + "results/")
    assert response.status_code == 200
    html = response.text
    assert "No ballots were cast" in html
    assert "no option has won" in html
    assert "And the winners are" not in html
    assert "<svg" not in html and "Round 1" not in html and "<table" not in html
    data = json.loads(client.get(election.url + "results/json/").text)
    assert data["winners"] == [] and data["ties"] == []
    assert data["ballots_cast"] == 0


@pytest.mark.django_db
def test_live_results_before_the_first_ballot_say_none_yet(client, make_election):
    election = make_election(results_visibility="live")
    html = client.get(election.url + "results/").text
    assert "No ballots yet" in html
    assert "And the winners are" not in html


@pytest.mark.django_db
def test_a_round_without_scores_says_the_lot_filled_the_seat(client, make_election):
    # Phragmén, two seats, every ballot for one option: the second seat has
    # no option with support left, so the lot fills it.
    election = make_election(counting_rule="phragmen", results_visibility="live")
    Ballot.objects.create(
        election_key=election.translation_key,
        choices=[election.option_list[0].key],
    )
    html = client.get(election.url + "results/").text
    count = html[html.index('id="rounds-heading"') :]
    count = count[: count.index("<h3>")]
    assert count.count("<table") == 1  # round 1 only
    assert "Round 2: elected" in count
    assert "the seeded lot filled the seat" in count
