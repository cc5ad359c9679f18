"""Peer mode's solver (program/matching/blossom.py): the double cover's
half-integral optimum, finished by the blossom method, is a maximum weight
matching of a general graph with a dual (y per person, z per blossom) that
proves it; the matcher built on it reaches the exact optimum of the full
graph and proves it, on odd cycles of equally good partners, skewed rounds,
single-interest and no-interest applicants and duplicates (no database)."""

import itertools
import math
import random

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from program.matching import Applicant, MatchSettings, match_applicants
from program.matching.assignment import phases, start_dual
from program.matching.blossom import solve_warm, split_cover
from program.matching.bound import laminar, prove, set_bits
from program.matching.kernels import price_pairs, price_pairs_laminar
from program.matching.lp import Duals
from tests.program.test_matching_bound import (
    POPULAR,
    rustworkx_optimum,
    skewed_round,
    skewed_rounds,
)
from tests.program.test_matching_properties import check_groups


@st.composite
def general_graphs(draw):
    """Up to 14 people: random pairs, and odd cycles (triangles, five-cycles)
    of equal weights laid in on purpose, so the double cover's optimum has
    odd cycles for the blossom method to break."""
    n = draw(st.integers(0, 14))
    edges = {}
    for i, j in itertools.combinations(range(n), 2):
        if draw(st.integers(0, 3)) == 0:
            edges[i, j] = draw(st.integers(0, 9))
    for length in draw(st.lists(st.sampled_from([3, 5]), max_size=3)):
        if n < length:
            continue
        cycle = draw(st.permutations(range(n)))[:length]
        weight = draw(st.integers(0, 9))
        for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            edges[min(a, b), max(a, b)] = weight
    return n, sorted(edges.items())


def solve(n, edges, bonus):
    """The solver's own steps on a graph: the double cover by the Hungarian
    method, its matching of tight pairs, the blossom method. Returns (mate,
    y, blossoms as (people, z), scale)."""
    lo = np.array([i for (i, _), _ in edges], dtype=np.int64)
    hi = np.array([j for (_, j), _ in edges], dtype=np.int64)
    w = np.array([x for _, x in edges], dtype=np.int64) + bonus
    a, b, w2 = np.concatenate([lo, hi]), np.concatenate([hi, lo]), np.tile(w, 2)
    by_left, by_right = np.lexsort((b, a)), np.lexsort((a, b))
    left_start = np.searchsorted(a[by_left], np.arange(n + 1)).astype(np.int64)
    right_start = np.searchsorted(b[by_right], np.arange(n + 1)).astype(np.int64)
    to, weight = b[by_left], w2[by_left]
    state = start_dual(n, n, left_start, to, weight)
    phases(n, n, left_start, to, weight, *state)
    mate_left, mate_right, y_left, y_right = state
    phases(
        n, n, right_start, a[by_right], w2[by_right],
        mate_right, mate_left, y_right, y_left,
    )  # fmt: skip
    y = y_left + y_right
    mate = split_cover(mate_left, mate_right, y)
    counters = np.zeros(4, dtype=np.int64)
    scale, start, members, z = solve_warm(
        n, left_start, to, 2 * weight, mate, y, 2, counters
    )
    blossoms = [
        (set(members[start[k] : start[k + 1]].tolist()), int(z[k]))
        for k in range(len(z))
    ]
    return mate, y, blossoms, int(scale)


@settings(max_examples=400, deadline=None)
@given(general_graphs(), st.booleans())
def test_the_blossom_method_finds_the_optimum_and_a_dual_that_proves_it(
    graph, most_pairs_first
):
    n, edges = graph
    # A bonus per pair above what one pair less could gain: the most pairs
    # first, then the best score (the matcher's max_people objective).
    bonus = (n // 2 + 1) * 10 if most_pairs_first else 0

    mate, y, blossoms, scale = solve(n, edges, bonus)

    reference = nx.Graph()
    reference.add_nodes_from(range(n))
    reference.add_weighted_edges_from((i, j, x + bonus) for (i, j), x in edges)
    best = nx.max_weight_matching(reference, maxcardinality=most_pairs_first)
    optimum = sum(reference[i][j]["weight"] for i, j in best)
    weight_of = {pair: x + bonus for pair, x in edges}
    pairs = [(i, int(m)) for i, m in enumerate(mate.tolist()) if m > i]
    assert all(mate[j] == i for i, j in pairs)
    assert sum(weight_of[pair] for pair in pairs) == optimum
    if most_pairs_first:
        assert len(pairs) == len(best)
    # The dual, in units of 1 / scale: never negative, every pair paid for,
    # tight on the pairs matched, 0 on the people left out, blossoms odd and
    # full where z > 0; so it adds up to the optimum and proves it.
    assert (y >= 0).all() and all(z > 0 for _, z in blossoms)
    assert all(y[v] == 0 for v in range(n) if mate[v] < 0)
    for (i, j), x in weight_of.items():
        paid = y[i] + y[j] + sum(z for s, z in blossoms if i in s and j in s)
        assert paid >= x * scale
        if mate[i] == j:
            assert paid == x * scale
    for members, _ in blossoms:
        assert len(members) % 2 == 1
        assert (
            sum(1 for i, j in pairs if i in members and j in members)
            == (len(members) - 1) // 2
        )
    total = int(y.sum()) + sum(z * (len(s) - 1) // 2 for s, z in blossoms)
    assert total == optimum * scale


def test_a_triangle_of_equal_pairs_leaves_one_out_and_is_proven():
    # The double cover pays half of each pair around the triangle; one of
    # the three has to be left out, and a blossom's z proves it.
    mate, y, blossoms, scale = solve(3, [((0, 1), 5), ((0, 2), 5), ((1, 2), 5)], 0)

    assert sorted(mate.tolist()).count(-1) == 1
    total = int(y.sum()) + sum(z * (len(s) - 1) // 2 for s, z in blossoms)
    assert total == 5 * scale
    assert blossoms and blossoms[0][0] == {0, 1, 2}


def person(i, country, language="en", interests=("metadata",), **fields):
    return Applicant(
        id=i,
        email_key=f"person{i}@example.org",
        country=country,
        languages=frozenset({language}),
        interests=frozenset(interests),
        sector="public",
        career_stage=1,
        utc_offset_minutes=0,
        **fields,
    )


def check_exact(applicants, config):
    result = match_applicants(applicants, config)
    check_groups(result, applicants, config)
    matched, best = rustworkx_optimum(applicants, config)
    assert result.stats.matched_people == matched
    assert result.total_score == best
    assert result.stats.best_possible >= best
    assert result.stats.optimal_proven == (result.stats.best_possible == best)
    assert result.stats.optimal_proven
    return result


def test_odd_groups_of_equally_good_partners_are_matched_as_the_rules_want():
    # Triangles and five-somes: everyone from a different country, the same
    # profile, so every pair is worth the same; each group leaves one out.
    applicants = [
        person(10 * group + k, f"C{group}{k}", language)
        for group, (size, language) in enumerate([(3, "en"), (5, "fr"), (3, "es")])
        for k in range(size)
    ]
    config = MatchSettings(mode="peer", odd_one_out="wait")

    result = check_exact(applicants, config)

    assert result.stats.matched_people == 2 + 4 + 2


def test_a_previous_partner_named_by_a_duplicate_application_is_never_proposed():
    # 3 applied twice; 1 names the duplicate's id as their previous partner.
    applicants = [
        person(1, "MX", interests=(POPULAR,), previous_partners=frozenset({103})),
        person(2, "ES", interests=()),
        person(3, "FR", interests=(POPULAR,)),
        person(103, "FR", interests=(POPULAR,)),
    ]
    applicants[3] = Applicant(
        id=103,
        email_key="PERSON3@example.org",
        country="FR",
        languages=frozenset({"en"}),
    )
    config = MatchSettings(mode="peer", odd_one_out="wait")

    result = check_exact(applicants, config)

    assert all(set(p.members) != {1, 3} for p in result.pairs)


@settings(max_examples=60, deadline=None)
@given(skewed_rounds(max_size=24), st.integers(1, 4), st.integers(0, 9))
def test_peer_rounds_from_a_sparse_graph_are_proven_optimal(
    applicants, candidates, seed
):
    config = MatchSettings(
        mode="peer",
        odd_one_out="wait",
        candidates_per_person=candidates,
        exact_up_to=0,
        seed=seed,
    )

    check_exact(applicants, config)


def test_skewed_rounds_are_proven_optimal_against_the_exact_matching():
    # Seeded rounds of 60 to 240: single-interest, no-interest, two big
    # countries, duplicates; both objectives.
    for count, seed in [(60, 1), (90, 2), (120, 3), (160, 4), (240, 5)]:
        applicants = skewed_round(count, seed)
        config = MatchSettings(
            mode="peer", odd_one_out="wait", exact_up_to=0, candidates_per_person=3
        )
        check_exact(applicants, config)
        score_only = MatchSettings(
            mode="peer", odd_one_out="wait", exact_up_to=0, objective="max_score"
        )
        result = match_applicants(applicants, score_only)
        assert result.stats.optimal_proven


def test_laminar_odd_sets_are_priced_as_with_bit_rows():
    # The blossoms' z read from one row of sums per person gives the same
    # excess for every pair as summing over the sets that hold both.
    rng = random.Random(3)
    for _ in range(30):
        n = rng.randint(1, 40)
        people = list(range(n))
        rng.shuffle(people)
        sets = []
        # Nested and disjoint sets: carve intervals of the shuffled order.
        for _ in range(rng.randint(0, 8)):
            a = rng.randrange(n)
            b = rng.randrange(a, n)
            candidate = set(people[a : b + 1])
            if all(candidate <= s or s <= candidate or not candidate & s for s in sets):
                sets.append(candidate)
        duals = Duals(
            y=np.array([rng.uniform(0, 50) for _ in range(n)]),
            sets=[np.array(sorted(s)) for s in sets],
            z=np.array([rng.uniform(0, 20) for _ in sets]),
            mu=0.0,
            nu=0,
            rho={},
            budgets={},
        )
        points = np.array(
            [[rng.choice([-1, 10, 40, 90]) for _ in range(n)] for _ in range(n)],
            dtype=np.int16,
        )
        points = np.maximum(points, points.T)
        np.fill_diagonal(points, -1)
        family = laminar(n, duals)
        assert family is not None
        bits, values = set_bits(n, duals)
        *by_bits, worst_bits = price_pairs(
            points, duals.y, bits, values, -math.inf, n * n
        )
        *by_row, worst_rows = price_pairs_laminar(
            points, duals.y, *family, -math.inf, n * n
        )
        assert (by_bits[0] == by_row[0]).all() and (by_bits[1] == by_row[1]).all()
        assert np.allclose(by_bits[2], by_row[2])
        assert np.allclose(worst_bits, worst_rows)
        assert by_bits[3] == by_row[3]


def test_sets_that_cross_fall_back_to_bit_rows():
    duals = Duals(
        y=np.zeros(4),
        sets=[np.array([0, 1, 2]), np.array([1, 2, 3])],
        z=np.array([1.0, 1.0]),
        mu=0.0,
        nu=0,
        rho={},
        budgets={},
    )
    points = np.full((4, 4), 5, dtype=np.int16)
    np.fill_diagonal(points, -1)

    assert laminar(4, duals) is None
    # Pairs 1-2 are in both sets: 5 - 2 = 3 short; the bound still holds.
    assert prove(points, duals, np.arange(4)) >= 10
