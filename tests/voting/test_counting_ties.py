"""Ties are detected, recorded and broken by the election's seeded lot."""

import hashlib
import json

import pytest

from voting.counting import (
    APPROVAL,
    BORDA,
    PAV,
    PHRAGMEN,
    PLURALITY,
    RULES,
    SCHULZE,
    SEQ_PAV,
    STV,
    TIE_COMMITTEE,
    TIE_EXCLUSION,
    TIE_SEAT,
    count,
    priority_order,
)
from voting.counting.proportional import TIE_LISTING_LIMIT

SEEDS = range(40)


def repeat(*groups):
    return [ballot for times, ballot in groups for _ in range(times)]


def first_in_lot(options, seed):
    return priority_order(options, seed)[0]


def test_priority_order_sorts_by_the_sha256_of_seed_and_option():
    options = [17, 4, "x", 230]
    digests = {o: hashlib.sha256(f"1234:{o}".encode()).hexdigest() for o in options}

    assert priority_order(options, 1234) == tuple(sorted(options, key=digests.get))


def test_priority_order_ignores_the_order_options_are_given_in():
    assert priority_order([1, 2, 3, 4, 5], 7) == priority_order([5, 3, 1, 4, 2], 7)


def test_priority_order_differs_between_seeds():
    orders = {priority_order(range(6), seed) for seed in SEEDS}
    assert len(orders) > 30


# For each rule, ballots on which options 1 and 2 tie for the second seat, with
# option 0 clearly first and option 3 clearly out.
SEAT_TIES = {
    APPROVAL: repeat((3, {0, 1}), (3, {0, 2}), (1, {0})),
    SEQ_PAV: repeat((3, {0}), (2, {1}), (2, {2})),
    PHRAGMEN: repeat((3, {0}), (2, {1}), (2, {2})),
    BORDA: repeat((2, (0, 1, 2, 3)), (2, (0, 2, 1, 3))),
    SCHULZE: repeat((2, (0, 1, 2, 3)), (2, (0, 2, 1, 3))),
    PLURALITY: repeat((3, 0), (2, 1), (2, 2)),
}


@pytest.mark.parametrize("rule", sorted(SEAT_TIES))
def test_a_tie_for_a_seat_is_recorded_and_resolved_by_the_seeded_lot(rule):
    for seed in SEEDS:
        result = count(rule, SEAT_TIES[rule], [0, 1, 2, 3], 2, seed)

        (tie,) = result.ties
        assert tie.kind == TIE_SEAT
        assert tie.seat == 2
        assert set(tie.options) == {1, 2}
        assert tie.chosen == (first_in_lot([1, 2], seed),)
        assert tie.seed == seed
        assert result.winners == (0, tie.chosen[0])


@pytest.mark.parametrize("rule", sorted(SEAT_TIES))
def test_different_seeds_can_resolve_a_tie_differently(rule):
    chosen = {count(rule, SEAT_TIES[rule], [0, 1, 2, 3], 2, s).winners for s in SEEDS}
    assert chosen == {(0, 1), (0, 2)}


@pytest.mark.parametrize("rule", RULES)
def test_the_same_seed_always_gives_the_same_result(rule):
    ballots = SEAT_TIES.get(rule, SEAT_TIES[SCHULZE if rule == STV else APPROVAL])
    results = {json.dumps(count(rule, ballots, [0, 1, 2, 3], 2, 99).to_dict())}
    results |= {json.dumps(count(rule, ballots, [3, 2, 1, 0], 2, 99).to_dict())}
    results |= {
        json.dumps(count(rule, list(reversed(ballots)), [0, 1, 2, 3], 2, 99).to_dict())
    }
    # Round scores are listed in the order the options were given; the rest is equal.
    winners_and_ties = {
        json.dumps({k: v for k, v in json.loads(r).items() if k in ("winners", "ties")})
        for r in results
    }
    assert len(winners_and_ties) == 1


def test_ties_within_the_winners_are_not_recorded():
    # a and b tie for first, but both are elected whatever the lot says.
    result = count(APPROVAL, repeat((2, {"a", "b"}), (1, {"c"})), "abc", 2, seed=1)
    assert set(result.winners) == {"a", "b"}
    assert result.ties == ()


def test_three_tied_for_two_seats():
    result = count(APPROVAL, [{"a"}, {"a"}, {"b"}, {"c"}, {"d"}], "abcd", 3, seed=5)

    (tie,) = result.ties
    assert (tie.seat, set(tie.options)) == (2, {"b", "c", "d"})
    assert tie.chosen == priority_order("bcd", 5)[:2]
    assert result.winners == ("a", *tie.chosen)


def test_stv_tie_for_exclusion_excludes_the_last_in_the_lot():
    # 5 ballots, 1 seat: quota 3. a has 2; b, c and d tie at 1 for exclusion.
    ballots = [("a",), ("a",), ("b", "a"), ("c", "a"), ("d",)]
    for seed in SEEDS:
        result = count(STV, ballots, "abcd", 1, seed)

        ties = [t for t in result.ties if set(t.options) == {"b", "c", "d"}]
        (tie,) = ties
        assert tie.kind == TIE_EXCLUSION
        assert tie.chosen == (priority_order("bcd", seed)[-1],)
        assert result.rounds[tie.round - 1].eliminated == tie.chosen
        assert result.winners == ("a",)


def test_stv_different_seeds_exclude_different_options():
    ballots = [("a",), ("a",), ("b",), ("c",)]
    excluded = {count(STV, ballots, "abc", 1, s).rounds[0].eliminated for s in SEEDS}
    assert excluded == {("b",), ("c",)}


def test_pav_committee_tie_names_the_options_in_some_but_not_all_best_committees():
    # {a, b} and {a, c} are the two best committees.
    ballots = repeat((4, {"a"}), (2, {"b"}), (2, {"c"}))
    for seed in SEEDS:
        result = count(PAV, ballots, "abcd", 2, seed)

        (tie,) = result.ties
        assert tie.kind == TIE_COMMITTEE
        assert set(tie.options) == {"b", "c"}
        assert tie.chosen == (first_in_lot("bc", seed),)
        assert set(result.winners) == {"a", tie.chosen[0]}


def test_pav_tie_among_more_committees_than_it_lists():
    # No ballots: all C(10, 5) = 252 committees tie, more than the search lists.
    options = list(range(10))
    assert TIE_LISTING_LIMIT < 252

    result = count(PAV, [set(), set()], options, 5, seed=3)

    (tie,) = result.ties
    assert set(tie.options) == set(options)
    assert tie.chosen == priority_order(options, 3)[:5]
    assert set(result.winners) == set(tie.chosen)


@pytest.mark.parametrize("rule", RULES)
def test_no_ballots_at_all_fills_the_seats_by_lot(rule):
    result = count(rule, [], "abcde", 2, seed=8)

    assert result.winners == priority_order("abcde", 8)[:2]
    assert result.ties


def test_pav_tie_among_many_committees_spares_the_option_they_all_share():
    # Option 0 is in every best committee; any 2 of the other 15 complete it:
    # C(15, 2) = 105 committees, more than the search lists.
    options = list(range(16))
    assert TIE_LISTING_LIMIT < 105

    result = count(PAV, [{0}], options, 3, seed=21)

    (tie,) = result.ties
    assert set(tie.options) == set(options) - {0}
    others = [o for o in priority_order(options, 21) if o != 0]
    assert tie.chosen == tuple(others[:2])
    assert result.winners == (0, *tie.chosen)


def test_schulze_condorcet_cycle_is_a_three_way_tie():
    ballots = [("a", "b", "c"), ("b", "c", "a"), ("c", "a", "b")]
    result = count(SCHULZE, ballots, "abc", 1, seed=11)

    (tie,) = result.ties
    assert set(tie.options) == {"a", "b", "c"}
    assert result.winners == (first_in_lot("abc", 11),)


def test_tie_record_has_what_the_results_page_needs():
    # "d and f tied for seat 4; resolved by the election's seeded lot (seed 1234): d"
    ballots = repeat((3, {"a", "b", "c"}), (2, {"d"}), (2, {"f"}), (1, {"e"}))
    tie = count(APPROVAL, ballots, "abcdef", 4, seed=1234).ties[0]

    assert tie.to_dict() == {
        "round": 1,
        "kind": "seat",
        "seat": 4,
        "options": list(priority_order("df", 1234)),
        "chosen": [first_in_lot("df", 1234)],
        "seed": 1234,
    }
