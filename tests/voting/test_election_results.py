"""The results: hidden until the close unless live, winners first, the
tally and rounds, ties and their seeded lot, turnout, an accessible chart,
receipts and exports after the close."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from voting import actions
from voting.models import Ballot

NOW = timezone.now()


def cast(election, *ballots):
    key = {option.title: option.key for option in election.option_list}
    for titles in ballots:
        Ballot.objects.create(
            election_key=election.translation_key,
            choices=[key[title] for title in titles],
        )


@pytest.fixture
def closed_election(make_election):
    election = make_election(
        voting_opens_at=NOW - datetime.timedelta(days=7),
        voting_closes_at=NOW - datetime.timedelta(hours=1),
    )
    cast(
        election,
        ["Copyright", "Open access"],
        ["Copyright", "Storytime"],
        ["Open access"],
        ["Copyright"],
    )
    return election


@pytest.mark.django_db
def test_each_rounds_table_lists_the_highest_score_first(client, make_election):
    election = make_election(
        results_visibility="live",
        options=["Copyright", "Open access", "Makerspaces", "Storytime"],
    )
    cast(
        election,
        ["Storytime", "Makerspaces"],
        ["Storytime", "Makerspaces"],
        ["Storytime", "Copyright"],
    )
    html = client.get(election.url + "results/").text
    count = html[html.index('id="rounds-heading"') :]
    rows = [
        count.index(f'<th scope="row">{title}')
        for title in ["Storytime", "Makerspaces", "Copyright"]
    ]
    assert rows == sorted(rows)


@pytest.mark.django_db
def test_results_are_hidden_before_the_close(client, make_election):
    election = make_election()
    cast(election, ["Copyright"])
    response = client.get(election.url + "results/")
    assert response.status_code == 200
    assert "will be published after voting closes" in response.text
    assert "And the winners are" not in response.text
    assert client.get(election.url + "results/json/").status_code == 403
    assert client.get(election.url + "ballots/csv/").status_code == 403


@pytest.mark.django_db
def test_live_results_are_shown_while_voting_but_not_the_ballots(client, make_election):
    election = make_election(results_visibility="live")
    cast(election, ["Copyright"])
    response = client.get(election.url + "results/")
    assert "And the winners are" in response.text
    assert "provisional" in response.text
    assert Ballot.objects.get().receipt not in response.text
    assert client.get(election.url + "ballots/csv/").status_code == 403


@pytest.mark.django_db
def test_closed_results_wait_for_publication(client, closed_election):
    response = client.get(closed_election.url + "results/")
    assert "And the winners are" not in response.text
    actions.publish_results(closed_election)
    response = client.get(closed_election.url + "results/")
    html = response.text
    assert html.index("And the winners are") < html.index("Turnout")
    winners = html[html.index("And the winners are") : html.index("Turnout")]
    assert "Copyright" in winners and "Open access" in winners
    assert "Storytime" not in winners
    assert "4 ballots" in html
    assert '<svg role="img" aria-labelledby="tally-chart-title"' in html
    assert '<caption id="tally-chart-caption">Approvals per option</caption>' in html
    for receipt in Ballot.objects.values_list("receipt", flat=True):
        assert receipt in html


@pytest.mark.django_db
def test_exports_after_publication(client, closed_election):
    actions.publish_results(closed_election)
    data = json.loads(client.get(closed_election.url + "results/json/").text)
    titles = {o["id"]: o["title"] for o in data["options"]}
    assert [titles[w] for w in data["winners"]] == ["Copyright", "Open access"]
    assert data["ballots_cast"] == 4
    assert data["seed"] == closed_election.tie_seed
    response = client.get(closed_election.url + "ballots/csv/")
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[1][1:] == ["Copyright", "Open access", "Makerspaces", "Storytime"]
    assert len(rows) == 2 + 4
    assert sorted(row[0] for row in rows[2:]) == sorted(
        Ballot.objects.values_list("receipt", flat=True)
    )


@pytest.mark.django_db
def test_a_tie_and_its_seeded_lot_are_shown(client, make_election):
    election = make_election(
        winners=1,
        voting_opens_at=NOW - datetime.timedelta(days=7),
        voting_closes_at=NOW - datetime.timedelta(hours=1),
        results_visibility="live",
    )
    cast(election, ["Copyright"], ["Storytime"])
    html = client.get(election.url + "results/").text
    assert "were tied for seat 1" in html
    assert f"seed {election.tie_seed}" in html


@pytest.mark.django_db
def test_ranked_results_show_the_rounds(client, make_election):
    election = make_election(
        ballot_type="rank",
        counting_rule="stv",
        max_choices=None,
        winners=1,
        voting_opens_at=NOW - datetime.timedelta(days=7),
        voting_closes_at=NOW - datetime.timedelta(hours=1),
        results_visibility="live",
    )
    cast(
        election,
        ["Copyright", "Storytime"],
        ["Storytime", "Copyright"],
        ["Makerspaces", "Storytime"],
    )
    html = client.get(election.url + "results/").text
    assert "Round 1" in html and "Round 2" in html
    assert "First preferences" in html
    assert "Copyright &gt; Storytime" in html
