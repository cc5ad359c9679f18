"""Properties every count has, checked on generated elections with hypothesis."""

import json
import random
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voting.counting import (
    APPROVAL_RULES,
    PAV,
    RANKED_RULES,
    RULES,
    SEQ_PAV,
    STV,
    count,
    priority_order,
)

NOT_AN_OPTION = 999
properties = settings(max_examples=80, deadline=None, database=None)


@st.composite
def elections(draw, rule):
    options = draw(st.lists(st.integers(0, 40), min_size=1, max_size=7, unique=True))
    ids = st.sampled_from([*options, NOT_AN_OPTION])
    if rule in APPROVAL_RULES:
        ballot = st.frozensets(ids, max_size=len(options))
    elif rule in RANKED_RULES:
        # Truncated rankings, repeats and ids that are not options included.
        ballot = st.lists(ids, max_size=len(options) + 1).map(tuple)
    else:
        ballot = st.one_of(st.none(), ids)
    ballots = draw(st.lists(ballot, max_size=25))
    seats = draw(st.integers(0, len(options) + 1))
    seed = draw(st.integers(0, 2**32))
    return ballots, options, seats, seed


def counted(rule, ballots):
    """The ballots that name at least one option."""
    if rule in APPROVAL_RULES or rule in RANKED_RULES:
        return sum(1 for b in ballots if set(b) - {NOT_AN_OPTION})
    return sum(1 for b in ballots if b not in (None, NOT_AN_OPTION))


@pytest.mark.parametrize("rule", RULES)
@properties
@given(data=st.data())
def test_count_fills_every_seat_once_with_an_option(rule, data):
    ballots, options, seats, seed = data.draw(elections(rule))

    result = count(rule, ballots, options, seats, seed)

    assert len(result.winners) == min(seats, len(options))
    assert len(set(result.winners)) == len(result.winners)
    assert set(result.winners) <= set(options)
    assert result.ballots_counted == counted(rule, ballots)
    assert result.rule == rule
    json.dumps(result.to_dict())


@pytest.mark.parametrize("rule", RULES)
@properties
@given(data=st.data(), shuffle_seed=st.integers(0, 1000))
def test_count_depends_on_neither_ballot_order_nor_option_order(
    rule, data, shuffle_seed
):
    ballots, options, seats, seed = data.draw(elections(rule))
    shuffler = random.Random(shuffle_seed)
    shuffled_ballots = shuffler.sample(ballots, len(ballots))
    shuffled_options = shuffler.sample(options, len(options))

    result = count(rule, ballots, options, seats, seed)

    assert count(rule, ballots, options, seats, seed) == result
    assert count(rule, shuffled_ballots, options, seats, seed) == result
    reordered = count(rule, ballots, shuffled_options, seats, seed)
    assert (reordered.winners, reordered.ties) == (result.winners, result.ties)


def pav_score(ballots, committee):
    return sum(
        sum(Fraction(1, j) for j in range(1, len(set(b) & set(committee)) + 1))
        for b in ballots
    )


@properties
@given(data=st.data())
def test_pav_finds_the_best_committee_that_trying_all_of_them_finds(data):
    ballots, options, seats, seed = data.draw(elections(PAV))
    seats = min(seats, len(options))
    scored = {c: pav_score(ballots, c) for c in combinations(options, seats)}
    best = max(scored.values())
    best_committees = [set(c) for c, score in scored.items() if score == best]
    rank = {o: i for i, o in enumerate(priority_order(options, seed))}

    result = count(PAV, ballots, options, seats, seed)

    assert result.details["committee_score"] == best
    assert set(result.winners) == min(
        best_committees, key=lambda c: sorted(rank[o] for o in c)
    )
    if len(best_committees) > 1:
        (tie,) = result.ties
        tied = set().union(*best_committees) - set.intersection(*best_committees)
        assert set(tie.options) == tied
        assert set(tie.chosen) == tied & set(result.winners)
    else:
        assert result.ties == ()
    seq_pav = count(SEQ_PAV, ballots, options, seats, seed)
    assert pav_score(ballots, seq_pav.winners) <= best


@properties
@given(data=st.data())
def test_stv_neither_creates_nor_loses_votes(data):
    ballots, options, seats, seed = data.draw(elections(STV))

    result = count(STV, ballots, options, seats, seed)

    exhausted = 0
    for round_ in result.rounds:
        assert sum(round_.scores.values()) + exhausted == result.ballots_counted
        for transfer in round_.transfers:
            assert (
                sum(transfer.received.values()) + transfer.exhausted == transfer.value
            )
            exhausted += transfer.exhausted
