"""Mentor/mentee mode's solver (program/matching/assignment.py): the Hungarian
method finds the optimum of a bipartite graph and a dual that proves it, and
the matcher built on it, priced from a sparse candidate graph with warm
restarts, reaches the exact optimum of the full graph on skewed rounds (no
database)."""

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from program.matching import MatchSettings, match_applicants
from program.matching.assignment import hungarian
from tests.program.test_matching_bound import (
    exact_optimum,
    rustworkx_optimum,
    skewed_round,
    skewed_rounds,
)
from tests.program.test_matching_properties import check_groups, reference_graph


@st.composite
def bipartite_graphs(draw):
    """Unbalanced sides, isolated vertices, zero and equal weights."""
    left = draw(st.integers(0, 9))
    right = draw(st.integers(0, 9))
    pairs = [(u, v) for u in range(left) for v in range(right)]
    chosen = draw(
        st.lists(st.sampled_from(pairs), unique=True) if pairs else st.just([])
    )
    weights = draw(
        st.lists(st.integers(0, 6), min_size=len(chosen), max_size=len(chosen))
    )
    return left, right, sorted(zip(chosen, weights, strict=True))


def solve(left, right, edges, bonus):
    u = np.array([a for (a, _), _ in edges], dtype=np.int64)
    v = np.array([b for (_, b), _ in edges], dtype=np.int64)
    w = np.array([weight + bonus for _, weight in edges], dtype=np.int64)
    start = np.searchsorted(u, np.arange(left + 1)).astype(np.int64)
    return u, v, w, hungarian(left, right, start, v, w)


@settings(max_examples=300, deadline=None)
@given(bipartite_graphs(), st.booleans())
def test_the_hungarian_method_finds_the_optimum_and_a_dual_that_proves_it(
    graph, most_pairs_first
):
    left, right, edges = graph
    # A bonus per pair above what one pair less could gain: the most pairs
    # first, then the best score (the matcher's max_people objective).
    bonus = (min(left, right) + 1) * 7 if most_pairs_first else 0

    u, v, w, (mate_left, mate_right, y_left, y_right) = solve(left, right, edges, bonus)

    reference = nx.Graph()
    reference.add_nodes_from(range(left + right))
    reference.add_weighted_edges_from(
        (a, left + b, weight + bonus) for (a, b), weight in edges
    )
    best = nx.max_weight_matching(reference, maxcardinality=most_pairs_first)
    optimum = sum(reference[a][b]["weight"] for a, b in best)
    matched = [(a, b) for a, b in enumerate(mate_left.tolist()) if b >= 0]
    weight_of = {
        (a, b): x for a, b, x in zip(u.tolist(), v.tolist(), w.tolist(), strict=True)
    }
    assert all(mate_right[b] == a for a, b in matched)
    assert sum(weight_of[pair] for pair in matched) == optimum
    if most_pairs_first:
        assert len(matched) == len(best)
    # The dual: never negative, every pair paid for, and it adds up to the
    # optimum (so it proves it), which forces 0 on everyone left out.
    assert (y_left >= 0).all() and (y_right >= 0).all()
    assert (y_left[u] + y_right[v] >= w).all()
    assert int(y_left.sum() + y_right.sum()) == optimum
    assert (y_left[mate_left < 0] == 0).all() and (y_right[mate_right < 0] == 0).all()


@settings(max_examples=40, deadline=None)
@given(skewed_rounds(max_size=24), st.integers(1, 3), st.integers(0, 9))
def test_mentor_mode_from_few_candidates_is_priced_up_to_the_proven_optimum(
    applicants, candidates, seed
):
    # One to three candidates each: the better pairs come back by pricing,
    # each round restarting from the last dual.
    config = MatchSettings(
        mode="mentor_mentee",
        odd_one_out="wait",
        candidates_per_person=candidates,
        exact_up_to=0,
        seed=seed,
    )

    result = match_applicants(applicants, config)

    check_groups(result, applicants, config)
    matched, best = exact_optimum(reference_graph(applicants, config))
    assert result.stats.matched_people == matched
    assert result.total_score == best == result.stats.best_possible


@settings(max_examples=20, deadline=None)
@given(skewed_rounds(max_size=16))
def test_mentor_mode_with_objective_max_score_finds_the_best_score(applicants):
    config = MatchSettings(
        mode="mentor_mentee", objective="max_score", odd_one_out="wait"
    )

    result = match_applicants(applicants, config)

    _, best = exact_optimum(reference_graph(applicants, config), False)
    assert result.total_score == best == result.stats.best_possible


def test_a_skewed_mentor_round_of_four_hundred_from_one_candidate_each():
    applicants = skewed_round(400, seed=5)
    config = MatchSettings(
        mode="mentor_mentee", odd_one_out="wait", exact_up_to=0, candidates_per_person=1
    )

    result = match_applicants(applicants, config)

    matched, best = rustworkx_optimum(applicants, config)
    assert result.stats.matched_people == matched
    assert result.total_score == best == result.stats.best_possible
