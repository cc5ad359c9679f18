"""An election nobody voted in has no winners: the results say so, rather
than "And the winners are…" over options the tie-break lot picked."""

import datetime
import json

import pytest
from django.utils import timezone

from voting import actions

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
