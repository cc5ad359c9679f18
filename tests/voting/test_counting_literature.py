"""Worked examples with known results, from the literature or worked out by hand."""

from fractions import Fraction

import pytest

from voting.counting import (
    APPROVAL,
    BORDA,
    PAV,
    PHRAGMEN,
    PLURALITY,
    SCHULZE,
    SEQ_PAV,
    STV,
    TIE_SEAT,
    TRANSFER_EXCLUSION,
    TRANSFER_SURPLUS,
    count,
    count_pav,
    count_phragmen,
    count_schulze,
    count_seq_pav,
    count_stv,
)
from voting.counting.ballots import ranking_counts
from voting.counting.schulze import pairwise_counts, strongest_paths


def repeat(*groups):
    """Ballots from ``(times, ballot)`` pairs."""
    return [ballot for times, ballot in groups for _ in range(times)]


# Lackner & Skowron, "Multi-Winner Voting with Approval Preferences" (2023), Example 1:
# 12 voters, 8 candidates, committee size 4.
BOOK_EXAMPLE_1 = repeat(
    (3, {"a", "b"}),
    (3, {"a", "c"}),
    (2, {"a", "d"}),
    (1, {"b", "c", "f"}),
    (1, {"e"}),
    (1, {"f"}),
    (1, {"g"}),
)
BOOK_OPTIONS = tuple("abcdefgh")


def test_book_example_1_av_ties_d_and_f_for_the_fourth_seat():
    result = count(APPROVAL, BOOK_EXAMPLE_1, BOOK_OPTIONS, 4, seed=1)

    assert dict(result.rounds[0].scores) == {
        "a": 8, "b": 4, "c": 4, "d": 2, "e": 1, "f": 2, "g": 1, "h": 0,
    }  # fmt: skip
    assert set(result.winners[:3]) == {"a", "b", "c"}
    (tie,) = result.ties
    assert (tie.kind, tie.seat, set(tie.options)) == (TIE_SEAT, 4, {"d", "f"})
    assert result.winners[3] == tie.chosen[0]


def test_book_example_1_pav_elects_abcf_with_score_83_6():
    result = count_pav(BOOK_EXAMPLE_1, BOOK_OPTIONS, 4, seed=1)

    assert set(result.winners) == {"a", "b", "c", "f"}
    assert result.details["committee_score"] == Fraction(83, 6)
    assert result.ties == ()


def test_book_example_1_phragmen_loads_and_the_b_c_tie():
    # Book Example 9: loads 1/8, 11/32 (b and c tied), 55/128, 5/8.
    result = count_phragmen(BOOK_EXAMPLE_1, BOOK_OPTIONS, 4, seed=1)

    assert set(result.winners) == {"a", "b", "c", "d"}
    loads = [r.scores[r.elected[0]] for r in result.rounds]
    assert loads == [
        Fraction(1, 8),
        Fraction(11, 32),
        Fraction(55, 128),
        Fraction(5, 8),
    ]
    (tie,) = result.ties
    assert (tie.seat, set(tie.options)) == (2, {"b", "c"})


def test_book_example_1_seq_pav_by_hand():
    # a (gain 8); b and c tie (5/2 each); the other (2); f (4/3) beats d, e, g (1).
    result = count_seq_pav(BOOK_EXAMPLE_1, BOOK_OPTIONS, 4, seed=1)

    assert result.winners[0] == "a"
    assert set(result.winners[1:3]) == {"b", "c"}
    assert result.winners[3] == "f"
    gains = [r.scores[r.elected[0]] for r in result.rounds]
    assert gains == [8, Fraction(5, 2), 2, Fraction(4, 3)]
    (tie,) = result.ties
    assert (tie.seat, set(tie.options)) == (2, {"b", "c"})


# Lackner & Skowron, Example 5: 23 voters, committee size 2.
BOOK_EXAMPLE_5 = repeat(
    (3, {"a", "b"}), (6, {"a", "d"}), (4, {"b"}), (5, {"c"}), (5, {"c", "d"})
)


def test_book_example_5_pav_and_seq_pav_differ():
    pav = count_pav(BOOK_EXAMPLE_5, "abcd", 2, seed=1)
    seq_pav = count_seq_pav(BOOK_EXAMPLE_5, "abcd", 2, seed=1)

    assert set(pav.winners) == {"a", "c"}
    assert pav.details["committee_score"] == 19
    assert seq_pav.winners == ("d", "c")
    assert [r.scores[r.elected[0]] for r in seq_pav.rounds] == [11, Fraction(15, 2)]


# Janson, "Phragmén's and Thiele's election methods" (2016), Example 13.3, after
# Thiele: 9,321 voters, committee size 2.
JANSON_13_3 = repeat(
    (960, {"a", "c", "d"}),
    (3000, {"b", "c", "d"}),
    (520, {"b", "c"}),
    (1620, {"a", "b"}),
    (1081, {"a", "d"}),
    (1240, {"a", "c"}),
    (360, {"b", "d"}),
    (360, {"d"}),
    (120, {"c"}),
    (60, {"b"}),
)


def test_janson_example_13_3_pav_ab_against_seq_pav_ca():
    pav = count_pav(JANSON_13_3, "abcd", 2, seed=1)
    seq_pav = count_seq_pav(JANSON_13_3, "abcd", 2, seed=1)

    assert set(pav.winners) == {"a", "b"}
    assert pav.details["committee_score"] == 9651
    assert seq_pav.winners == ("c", "a")
    assert [r.scores[r.elected[0]] for r in seq_pav.rounds] == [5840, 3801]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [(APPROVAL, {"a", "b"}), (SEQ_PAV, {"a", "c"}), (PAV, {"a", "c"}),
     (PHRAGMEN, {"a", "c"})],
)  # fmt: skip
def test_proportional_rules_give_the_minority_a_seat_that_av_does_not(rule, expected):
    # By hand: AV scores a 4, b 3, c 2. PAV: {a, b} scores 3 * 3/2 + 1 = 5.5 but
    # {a, c} scores 4 + 2 = 6. Phragmén: after a (load 1/4 on four voters), b would
    # load its voters (1 + 3/4) / 3 = 7/12, c only 1/2.
    ballots = repeat((3, {"a", "b"}), (1, {"a"}), (2, {"c"}))

    assert set(count(rule, ballots, "abc", 2, seed=1).winners) == expected


# Wikipedia, "Schulze method": 45 voters, 5 candidates.
SCHULZE_45 = repeat(
    (5, "ACBED"), (5, "ADECB"), (8, "BEDAC"), (3, "CABED"),
    (7, "CAEBD"), (2, "CBADE"), (7, "DCEBA"), (8, "EBADC"),
)  # fmt: skip


def test_wikipedia_schulze_example_pairwise_counts_and_strongest_paths():
    index = {c: i for i, c in enumerate("ABCDE")}
    preferred = pairwise_counts(ranking_counts(SCHULZE_45, index), 5)
    paths = strongest_paths(preferred, list(range(5)))

    assert preferred == [
        [0, 20, 26, 30, 22],
        [25, 0, 16, 33, 18],
        [19, 29, 0, 17, 24],
        [15, 12, 28, 0, 14],
        [23, 27, 21, 31, 0],
    ]
    assert paths == [
        [0, 28, 28, 30, 24],
        [25, 0, 28, 33, 24],
        [25, 29, 0, 29, 24],
        [25, 28, 28, 0, 24],
        [25, 28, 28, 31, 0],
    ]


def test_wikipedia_schulze_example_elects_e_then_follows_the_schulze_ranking():
    assert count_schulze(SCHULZE_45, "ABCDE", 1, seed=1).winners == ("E",)
    # The article's ranking is E > A > C > B > D.
    result = count_schulze(SCHULZE_45, "ABCDE", 5, seed=1)
    assert result.winners == tuple("EACBD")
    assert result.ties == ()


def test_wikipedia_stv_example_elects_chocolate_oranges_strawberries():
    # Wikipedia, "Single transferable vote": 20 voters, 3 seats, Droop quota 6.
    ballots = repeat(
        (4, ("Oranges",)),
        (2, ("Pears", "Oranges")),
        (8, ("Chocolate", "Strawberries")),
        (4, ("Chocolate", "Hamburgers")),
        (1, ("Strawberries",)),
        (1, ("Hamburgers",)),
    )
    options = ("Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers")

    result = count_stv(ballots, options, 3, seed=1)

    assert result.details["quota"] == 6
    assert result.winners == ("Chocolate", "Oranges", "Strawberries")
    first = result.rounds[0]
    assert first.elected == ("Chocolate",)
    (surplus,) = first.transfers
    assert surplus.reason == TRANSFER_SURPLUS
    assert surplus.value == 6
    assert dict(surplus.received) == {"Strawberries": 4, "Hamburgers": 2}
    assert result.rounds[1].eliminated == ("Pears",)
    assert result.rounds[1].transfers[0].reason == TRANSFER_EXCLUSION
    assert result.rounds[2].elected == ("Oranges",)
    assert result.rounds[3].eliminated == ("Hamburgers",)
    assert result.rounds[3].transfers[0].exhausted == 3
    assert result.ties == ()


# Wikipedia's Tennessee capital example: 100 voters in four cities.
TENNESSEE = repeat(
    (42, ("Memphis", "Nashville", "Chattanooga", "Knoxville")),
    (26, ("Nashville", "Chattanooga", "Knoxville", "Memphis")),
    (15, ("Chattanooga", "Knoxville", "Nashville", "Memphis")),
    (17, ("Knoxville", "Chattanooga", "Nashville", "Memphis")),
)
CITIES = ("Memphis", "Nashville", "Chattanooga", "Knoxville")


@pytest.mark.parametrize(
    ("rule", "winner"),
    [(BORDA, "Nashville"), (SCHULZE, "Nashville"), (STV, "Knoxville")],
)
def test_tennessee_single_winner(rule, winner):
    assert count(rule, TENNESSEE, CITIES, 1, seed=1).winners == (winner,)


def test_tennessee_plurality_elects_memphis():
    choices = [ranking[0] for ranking in TENNESSEE]
    assert count(PLURALITY, choices, CITIES, 1, seed=1).winners == ("Memphis",)


def test_tennessee_borda_points():
    result = count(BORDA, TENNESSEE, CITIES, 4, seed=1)
    assert dict(result.rounds[0].scores) == {
        "Memphis": 126, "Nashville": 194, "Chattanooga": 173, "Knoxville": 107,
    }  # fmt: skip


def test_borda_gives_unranked_options_no_points():
    result = count(BORDA, [("a",), ("b", "c")], "abcd", 1, seed=1)
    assert dict(result.rounds[0].scores) == {"a": 3, "b": 3, "c": 2, "d": 0}


def test_schulze_counts_a_ranked_option_above_every_unranked_one():
    index = {c: i for i, c in enumerate("abc")}
    preferred = pairwise_counts(ranking_counts([("a",), ("b", "a")], index), 3)
    # a over b once, a over c twice, b over a once, b over c once, c over nothing.
    assert preferred == [[0, 1, 2], [1, 0, 1], [0, 0, 0]]
