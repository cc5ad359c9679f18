"""Jargon ("Sequential Phragmén", "Top-k approval", "Choose up to N
options", STV, Borda, Schulze…) comes with a plain sentence beside it, on
the election page and on the results."""

import datetime

import pytest
from django.utils import timezone

from voting import explain
from voting.models import Ballot, CountingRule

NOW = timezone.now()

BALLOTS = {
    "choose": ["approval", "seq_pav", "pav", "phragmen"],
    "rank": ["borda", "schulze", "stv"],
    "one": ["plurality"],
}
CASES = [(ballot, rule) for ballot, rules in BALLOTS.items() for rule in rules]


def election_for(make_election, ballot_type, rule, **fields):
    return make_election(
        ballot_type=ballot_type,
        counting_rule=rule,
        max_choices=2 if ballot_type == "choose" else None,
        **fields,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("ballot_type", "rule"), CASES)
def test_the_election_page_says_how_to_vote_and_how_votes_count(
    client, make_election, ballot_type, rule
):
    election = election_for(make_election, ballot_type, rule)
    html = client.get(election.url).text
    assert str(CountingRule(rule).label) in html
    assert str(explain.COUNTING[rule]) in html
    assert str(explain.ballot(election)) in html
    assert str(explain.ELECTORATE["members"]) in html
    assert "Choose up to N options" not in html


@pytest.mark.django_db
def test_choose_up_to_n_names_the_number(client, make_election):
    election = make_election(max_choices=3)
    html = client.get(election.url).text
    assert "Tick up to 3 options that you support." in html
    election = make_election(max_choices=None)
    html = client.get(election.url).text
    assert "Tick every option that you support, as many as you like." in html


@pytest.mark.django_db
@pytest.mark.parametrize(("ballot_type", "rule"), CASES)
def test_the_results_explain_the_rule_and_its_scores(
    client, make_election, ballot_type, rule
):
    election = election_for(
        make_election,
        ballot_type,
        rule,
        results_visibility="live",
        voting_opens_at=NOW - datetime.timedelta(days=7),
        voting_closes_at=NOW - datetime.timedelta(hours=1),
    )
    Ballot.objects.create(
        election_key=election.translation_key,
        choices=[election.option_list[0].key],
    )
    html = client.get(election.url + "results/").text
    assert f"The count ({CountingRule(rule).label})" in html
    assert str(explain.COUNTING[rule]) in html
    assert str(explain.SCORES[rule]) in html


def test_every_rule_and_electorate_has_its_sentence():
    from voting.models import Electorate

    assert set(explain.COUNTING) == set(CountingRule)
    assert set(explain.SCORES) == set(CountingRule)
    assert set(explain.ELECTORATE) == set(Electorate)
