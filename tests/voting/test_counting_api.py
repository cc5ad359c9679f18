"""The entry point, the result type and what a count does with odd input."""

import json
from fractions import Fraction

import pytest

from voting import counting
from voting.counting import (
    APPROVAL_RULES,
    COUNTERS,
    RANKED_RULES,
    RULES,
    SINGLE_CHOICE_RULES,
    STV,
    CountResult,
    count,
)

BALLOTS = {
    "approval": [{1, 2}, {2, 3}, {1}, {3}, {2}],
    "ranked": [(1, 2, 3), (2, 3), (3, 1, 2), (2,), (1, 3)],
    "single": [1, 2, 2, 3, None],
}


def ballots_for(rule):
    if rule in APPROVAL_RULES:
        return BALLOTS["approval"]
    return BALLOTS["ranked"] if rule in RANKED_RULES else BALLOTS["single"]


def test_rule_names_are_stable_strings():
    assert RULES == (
        "approval", "seq_pav", "pav", "phragmen", "borda", "schulze", "stv",
        "plurality",
    )  # fmt: skip
    assert set(APPROVAL_RULES + RANKED_RULES + SINGLE_CHOICE_RULES) == set(RULES)
    assert set(COUNTERS) == set(RULES)


@pytest.mark.parametrize("rule", RULES)
def test_count_dispatches_to_the_rule_function(rule):
    assert count(rule, ballots_for(rule), [1, 2, 3], 2, 5) == COUNTERS[rule](
        ballots_for(rule), [1, 2, 3], 2, 5
    )


def test_count_refuses_an_unknown_rule():
    with pytest.raises(ValueError, match="unknown counting rule"):
        count("range", [], [1, 2], 1, 0)


@pytest.mark.parametrize("rule", RULES)
def test_count_refuses_negative_winners_and_repeated_options(rule):
    with pytest.raises(ValueError):
        count(rule, [], [1, 2], -1, 0)
    with pytest.raises(ValueError):
        count(rule, [], [1, 2, 1], 1, 0)


@pytest.mark.parametrize("rule", RULES)
def test_more_winners_than_options_elects_every_option(rule):
    result = count(rule, ballots_for(rule), [1, 2, 3], 10, 5)
    assert sorted(result.winners) == [1, 2, 3]


@pytest.mark.parametrize("rule", RULES)
def test_zero_winners_or_no_options_elects_nobody(rule):
    assert count(rule, ballots_for(rule), [1, 2, 3], 0, 5).winners == ()
    assert count(rule, ballots_for(rule), [], 2, 5).winners == ()


@pytest.mark.parametrize("rule", RULES)
def test_empty_ballots_and_unknown_ids_are_ignored(rule):
    clean = count(rule, ballots_for(rule), [1, 2, 3], 2, 5)
    if rule in APPROVAL_RULES:
        noisy = [*ballots_for(rule), set(), {77}, frozenset()]
    elif rule in RANKED_RULES:
        noisy = [(), (77,), *[(77, *b) for b in ballots_for(rule)]]
    else:
        noisy = [None, 77, *ballots_for(rule)]

    result = count(rule, noisy, [1, 2, 3], 2, 5)

    assert result == clean


def test_a_repeated_option_in_a_ranking_counts_once():
    once = count(STV, [(1, 2), (2, 1), (1,)], [1, 2, 3], 1, 5)
    repeated = count(STV, [(1, 1, 2), (2, 2, 1, 2), (1, 1)], [1, 2, 3], 1, 5)
    assert repeated == once


@pytest.mark.parametrize("rule", RULES)
def test_ballots_may_be_a_one_pass_iterator(rule):
    from_list = count(rule, ballots_for(rule), [1, 2, 3], 2, 5)
    from_iterator = count(rule, iter(ballots_for(rule)), [1, 2, 3], 2, 5)
    assert from_iterator == from_list


@pytest.mark.parametrize("rule", RULES)
def test_to_dict_is_json_and_keeps_option_ids(rule):
    result = count(rule, ballots_for(rule), [1, 2, 3], 2, 5)

    data = json.loads(json.dumps(result.to_dict()))

    assert data["rule"] == rule
    assert data["winners"] == list(result.winners)
    assert data["seed"] == 5
    assert len(data["rounds"]) == len(result.rounds)
    assert {pair["option"] for pair in data["rounds"][0]["scores"]} <= {1, 2, 3}


def test_to_dict_turns_fractions_into_numbers():
    result = count("phragmen", [{1}, {1}, {1, 2}, {2}], [1, 2], 2, 0)
    scores = result.to_dict()["rounds"][1]["scores"]
    assert scores == [{"option": 2, "score": pytest.approx(2 / 3)}]
    assert result.rounds[1].scores[2] == Fraction(2, 3)


def test_stv_result_lists_quota_and_transfers():
    result = count(STV, [(1, 2)] * 5 + [(2,)] * 2 + [(3,)] * 2, [1, 2, 3], 2, 5)

    data = result.to_dict()

    assert data["details"] == {"quota": 4}
    (transfer,) = data["rounds"][0]["transfers"]
    assert transfer == {
        "source": 1,
        "reason": "surplus",
        "value": 1,
        "received": [{"option": 2, "votes": 1}],
        "exhausted": 0,
    }
    assert result.winners == (1, 2)


def test_results_are_immutable():
    result = count("approval", [{1}], [1, 2], 1, 0)
    assert isinstance(result, CountResult)
    with pytest.raises(AttributeError):
        result.winners = (2,)
    with pytest.raises(TypeError):
        result.rounds[0].scores[1] = 5


def test_module_docstring_states_rules_ties_and_complexity():
    doc = counting.__doc__
    for needed in ("Rules", "Ties", "Complexity", "SHA-256", "Droop", "Gregory"):
        assert needed in doc
