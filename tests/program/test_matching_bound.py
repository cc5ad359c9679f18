"""The matcher's proof: `stats.best_possible` is an upper bound on the score of
any proposal the rules allow (the most people matched, then the best score),
and a tight one, checked against exact solvers on the full graph (networkx,
rustworkx, brute force for the country cap), on ugly inputs: single-interest
and no-interest applicants, rounds dominated by one country or language,
duplicate applications (no database)."""

import itertools
import math
import random
from collections import Counter

import networkx as nx
import numpy as np
import pytest
import rustworkx as rx
from hypothesis import given, settings
from hypothesis import strategies as st

from program.matching import Applicant, MatchSettings, match_applicants
from program.matching.bound import prove
from program.matching.lp import Duals
from program.matching.scoring import Pool
from tests.program.test_matching_properties import (
    check_groups,
    compatible,
    matching_weight,
    people,
    reference_graph,
)

POPULAR = "cataloguing"
INTERESTS = (POPULAR, "metadata", "outreach", "archives", "children", "teens")

fast = settings(max_examples=60, deadline=None)


@st.composite
def skewed_rounds(draw, max_size=16):
    """Rounds like real ones: most people from one or two countries speaking
    one language, many listing one popular interest or none, some applying
    twice with their email spelled differently."""
    count = draw(st.integers(0, max_size))
    applicants = []
    for i in range(1, count + 1):
        shape = draw(st.sampled_from(["popular", "none", "some", "some"]))
        interests = {
            "popular": frozenset({POPULAR}),
            "none": frozenset(),
            "some": draw(st.frozensets(st.sampled_from(INTERESTS), max_size=4)),
        }[shape]
        country = draw(st.sampled_from(["MX", "MX", "MX", "ES", "ES", "GB", "FR"]))
        languages = {"MX": {"es"}, "ES": {"es"}, "GB": {"en"}, "FR": {"fr"}}[country]
        if draw(st.booleans()):
            languages = languages | {draw(st.sampled_from(["en", "es", "fr"]))}
        earlier = draw(st.frozensets(st.integers(1, max(count, 1)), max_size=1))
        applicants.append(
            Applicant(
                id=i,
                email_key=f"person{i}@example.org",
                country=country,
                languages=frozenset(languages),
                sector=draw(st.sampled_from(["", "public", "academic"])),
                role=draw(st.sampled_from(["mentor", "mentee"])),
                career_stage=draw(st.sampled_from([None, 0, 1, 2, 3])),
                interests=interests,
                utc_offset_minutes=60 * draw(st.sampled_from([-6, -6, 0, 1, 8])),
                previous_partners=earlier,
            )
        )
    # Duplicates: the same person again, the address in capitals.
    for a in draw(st.lists(st.sampled_from(applicants), max_size=2, unique=True)
                  if applicants else st.just([])):  # fmt: skip
        applicants.append(
            Applicant(
                id=100 + a.id,
                email_key=f" {a.email_key.upper()}",
                country=a.country,
                languages=a.languages,
                interests=a.interests,
                role=a.role,
                previous_partners=draw(
                    st.frozensets(st.integers(1, count), max_size=1)
                ),
            )
        )
    return applicants


def exact_optimum(graph, cardinality_first=True):
    best = nx.max_weight_matching(graph, maxcardinality=cardinality_first)
    return 2 * len(best), matching_weight(graph, best)


@fast
@given(skewed_rounds(), st.sampled_from(["peer", "mentor_mentee"]))
def test_the_bound_is_the_exact_optimum_on_skewed_rounds(applicants, mode):
    config = MatchSettings(mode=mode, odd_one_out="wait")

    result = match_applicants(applicants, config)

    check_groups(result, applicants, config)
    matched, best = exact_optimum(reference_graph(applicants, config))
    assert result.stats.matched_people == matched
    assert result.total_score == best
    assert result.stats.best_possible == best
    assert result.stats.optimal_proven


@settings(max_examples=40, deadline=None)
@given(skewed_rounds(max_size=24), st.integers(1, 3), st.integers(0, 9))
def test_a_sparse_candidate_graph_is_priced_up_to_the_proven_optimum(
    applicants, candidates, seed
):
    # Few candidates each: the full graph's better pairs must come back by
    # pricing, and the proof must cover pairs the solver never saw at first.
    config = MatchSettings(
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


@fast
@given(skewed_rounds())
def test_with_objective_max_score_the_bound_is_the_best_score(applicants):
    config = MatchSettings(objective="max_score", odd_one_out="wait")

    result = match_applicants(applicants, config)

    _, best = exact_optimum(reference_graph(applicants, config), False)
    assert result.total_score == best == result.stats.best_possible


def capped_best(graph, countries, share):
    """(most people, best score among those) over the matchings that respect
    the cap, by brute force."""
    edges = list(graph.edges(data="weight"))
    best = (0, 0)
    for size in range(len(graph) // 2, 0, -1):
        for chosen in itertools.combinations(edges, size):
            people = [m for a, b, _ in chosen for m in (a, b)]
            if len(set(people)) < len(people):
                continue
            counts = Counter(countries[m] for m in people)
            if all(
                v <= math.floor(share * len(people) + 1e-9) for v in counts.values()
            ):
                best = max(best, (len(people), sum(w for *_, w in chosen)))
        if best[0]:
            return best
    return best


@settings(max_examples=30, deadline=None)
@given(skewed_rounds(max_size=8), st.sampled_from([0.34, 0.5, 0.6]))
def test_with_a_country_cap_the_bound_is_still_a_bound(applicants, share):
    config = MatchSettings(max_country_share=share, odd_one_out="wait")

    result = match_applicants(applicants, config)

    countries = {a.id: a.country for a in applicants}
    matched, best = capped_best(reference_graph(applicants, config), countries, share)
    assert result.stats.matched_people == matched
    assert result.total_score <= best <= result.stats.best_possible


@fast
@given(skewed_rounds(max_size=12), st.randoms(use_true_random=False))
def test_any_duals_give_a_true_bound_once_proved(applicants, rng):
    # The proof does not trust the solver: arbitrary duals, made feasible on
    # every allowed pair, still bound the optimum.
    config = MatchSettings(odd_one_out="wait")
    graph = reference_graph(applicants, config)
    matched, best = exact_optimum(graph)
    pool = Pool(people(applicants, config), config)
    n = pool.n
    sets = [
        np.array(sorted(rng.sample(range(n), size)))
        for size in (3, 5)
        if n >= size and rng.random() < 0.7
    ]
    duals = Duals(
        y=np.array([rng.uniform(0, 400) for _ in range(n)]),
        sets=sets,
        z=np.array([rng.uniform(0, 300) for _ in sets]),
        mu=rng.uniform(0, 500),
        nu=matched // 2,
        rho={},
        budgets={},
    )

    assert prove(pool.point_matrix(), duals, pool.country) >= best - 1e-6


def skewed_round(count, seed):
    """A larger skewed round: a third from two countries, a tenth listing only
    the popular interest, a few listing none, 3 % applying twice."""
    rng = random.Random(seed)
    countries = [f"C{k}" for k in range(30)]
    spoken = {
        c: rng.choice([("es",), ("en",), ("fr",), ("ar", "fr")]) for c in countries
    }
    applicants = []
    for i in range(1, count + 1):
        country = (
            rng.choice(["C0", "C1"]) if rng.random() < 1 / 3 else rng.choice(countries)
        )
        languages = set(spoken[country])
        if rng.random() < 0.6:
            languages.add("en")
        draw = rng.random()
        if draw < 0.1:
            interests = {POPULAR}
        elif draw < 0.15:
            interests = set()
        else:
            interests = set(rng.sample(INTERESTS, rng.randint(2, 5)))
        applicants.append(
            Applicant(
                id=i,
                email_key=f"person{i}@example.org",
                country=country,
                languages=frozenset(languages),
                sector=rng.choice(["public", "academic", "school"]),
                role=rng.choice(["mentor", "mentee"]),
                career_stage=rng.randrange(4),
                interests=frozenset(interests),
                utc_offset_minutes=60 * rng.randrange(-8, 10),
            )
        )
    for a in rng.sample(applicants, count * 3 // 100):
        applicants.append(
            Applicant(
                id=count + a.id,
                email_key=a.email_key.upper(),
                country=a.country,
                languages=a.languages,
            )
        )
    return applicants


def rustworkx_optimum(applicants, config):
    """Exact, on the full graph: the rules of the independent reference, the
    points of the explanations (`Pool.link`)."""
    pool = Pool(people(applicants, config), config)
    edges = [
        (i, j, pool.link(i, j).score)
        for i, j in itertools.combinations(range(pool.n), 2)
        if compatible(pool.people[i], pool.people[j], config)
    ]
    full = rx.PyGraph()
    full.add_nodes_from(range(pool.n))
    full.add_edges_from(edges)
    best = rx.max_weight_matching(full, max_cardinality=True, weight_fn=int)
    score = sum(full.get_edge_data(a, b) for a, b in best)
    return 2 * len(best), score


@pytest.mark.parametrize("mode", ["peer", "mentor_mentee"])
def test_a_skewed_round_of_two_hundred_is_proven_optimal(mode):
    applicants = skewed_round(200, seed=17)
    config = MatchSettings(
        mode=mode, odd_one_out="wait", exact_up_to=0, candidates_per_person=4
    )

    result = match_applicants(applicants, config)

    matched, best = rustworkx_optimum(applicants, config)
    assert result.stats.matched_people == matched
    assert result.total_score == best == result.stats.best_possible


@settings(max_examples=30, deadline=None)
@given(skewed_rounds(max_size=30), st.sampled_from(["peer", "mentor_mentee"]))
def test_the_compiled_points_agree_with_the_explanations(applicants, mode):
    config = MatchSettings(mode=mode, allow_same_country=True)
    pool = Pool(people(applicants, config), config)

    points = pool.point_matrix()

    for i, j in itertools.combinations(range(pool.n), 2):
        assert points[i, j] == points[j, i]
        if points[i, j] >= 0:
            assert points[i, j] == pool.link(i, j).score
