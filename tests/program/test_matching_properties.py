"""Properties of the partner matcher on random small rounds (no database).

The rules are re-implemented here independently of program/matching/, and the
optimum comes from networkx's exact `max_weight_matching` (or brute force for the
country cap) on the full compatibility graph.
"""

import math
import random
from collections import Counter
from dataclasses import replace

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from program.matching import (
    Applicant,
    MatchSettings,
    match_applicants,
    score_link,
)
from program.matching.certificate import augment_to_maximum

COUNTRIES = ("GB", "ES", "MX", "gb ")
LANGUAGES = ("en", "es", "fr", "EN")
INTERESTS = ("outreach", "metadata", "archives", "children")
STAGES = (None, 0, 1, 2, 3, "student", "early", "mid", "senior", "unknown")

fast = settings(max_examples=60, deadline=None)


@st.composite
def rounds(draw, max_size=10, mode="peer"):
    """Applications with collisions: shared email keys, countries, partners."""
    count = draw(st.integers(0, max_size))
    ids = draw(
        st.lists(st.integers(1, 99), min_size=count, max_size=count, unique=True)
    )
    keys = [f"person{draw(st.integers(0, count + 2))}@x.org" for _ in ids]
    keys = [k.upper() if draw(st.booleans()) else k for k in keys]
    roles = ("mentor", "mentee", "Mentor ", "") if mode == "mentor_mentee" else ("",)
    applicants = []
    for id_ in ids:
        earlier = draw(
            st.frozensets(st.sampled_from(keys + ids), max_size=2)
            if ids
            else st.just(frozenset())
        )
        applicants.append(
            Applicant(
                id=id_,
                email_key=keys[ids.index(id_)],
                country=draw(st.sampled_from(COUNTRIES)),
                languages=draw(st.frozensets(st.sampled_from(LANGUAGES), max_size=2)),
                sector=draw(st.sampled_from(("", "public", "academic"))),
                role=draw(st.sampled_from(roles)),
                career_stage=draw(st.sampled_from(STAGES)),
                interests=draw(st.frozensets(st.sampled_from(INTERESTS), max_size=3)),
                utc_offset_minutes=30 * draw(st.integers(-24, 28)),
                previous_partners=earlier,
            )
        )
    excluded = tuple(
        draw(
            st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3)
            if ids
            else st.just([])
        )
    )
    return applicants, excluded


def key(a):
    return a.email_key.strip().casefold()


def were_partners(a, b):
    def says(x, y):
        for p in x.previous_partners:
            if isinstance(p, str) and p.strip().casefold() == key(y):
                return True
            if isinstance(p, int) and p == y.id:
                return True
        return False

    return says(a, b) or says(b, a)


def compatible(a, b, config):
    roles = {a.role.strip().lower(), b.role.strip().lower()}
    return (
        key(a) != key(b)
        and not were_partners(a, b)
        and (
            config.allow_same_country
            or a.country.strip().upper() != b.country.strip().upper()
        )
        and bool({x.lower() for x in a.languages} & {x.lower() for x in b.languages})
        and (config.mode == "peer" or roles == {"mentor", "mentee"})
        and {a.id, b.id} not in [set(pair) for pair in config.excluded]
    )


def with_histories(applicants):
    """Each application with its person's whole history: the previous partners
    named by any of their applications, an id standing for the person whose
    application it is (the lowest id of a person is the one kept)."""
    first = {}
    for a in sorted(applicants, key=lambda a: a.id):
        first.setdefault(key(a), a.id)
    owner = {a.id: first[key(a)] for a in applicants}
    history = {}
    for a in applicants:
        history.setdefault(first[key(a)], set()).update(
            owner.get(p, p) if isinstance(p, int) else p for p in a.previous_partners
        )
    return [
        replace(a, previous_partners=frozenset(history[first[key(a)]]))
        for a in applicants
    ]


def people(applicants, config):
    """One application per person (the lowest id), with a role in mentor mode."""
    kept = {}
    for a in sorted(with_histories(applicants), key=lambda a: a.id):
        kept.setdefault(key(a), a)
    found = list(kept.values())
    if config.mode == "mentor_mentee":
        found = [a for a in found if a.role.strip().lower() in ("mentor", "mentee")]
    return found


def reference_graph(applicants, config):
    graph = nx.Graph()
    pool = people(applicants, config)
    graph.add_nodes_from(a.id for a in pool)
    for x, a in enumerate(pool):
        for b in pool[x + 1 :]:
            if compatible(a, b, config):
                graph.add_edge(a.id, b.id, weight=score_link(a, b, config).score)
    return graph


def matching_weight(graph, matching):
    return sum(graph[a][b]["weight"] for a, b in matching)


def check_groups(result, applicants, config):
    by_id = {a.id: a for a in with_histories(applicants)}
    grouped = [m for p in result.pairs for m in p.members]
    assert len(grouped) == len(set(grouped)), "someone is in two groups"
    unmatched = [u.applicant_id for u in result.unmatched]
    assert sorted(grouped + unmatched) == sorted(by_id), "everyone is accounted for"
    for pair in result.pairs:
        group = [by_id[m] for m in pair.members]
        assert len({key(a) for a in group}) == len(group), "a person with themselves"
        for x, a in enumerate(group):
            for b in group[x + 1 :]:
                same_role = a.role.strip().lower() == b.role.strip().lower()
                if config.mode == "mentor_mentee" and same_role:
                    assert not were_partners(a, b)
                    continue
                assert compatible(a, b, config), (a, b)
        assert pair.score == sum(link.score for link in pair.links)


@fast
@given(rounds(), st.booleans())
def test_pairs_obey_every_rule_and_match_as_many_people_as_possible(data, same):
    applicants, excluded = data
    config = MatchSettings(
        allow_same_country=same, excluded=excluded, odd_one_out="wait"
    )

    result = match_applicants(applicants, config)

    check_groups(result, applicants, config)
    graph = reference_graph(applicants, config)
    best = nx.max_weight_matching(graph, maxcardinality=True)
    assert result.stats.matched_people == 2 * len(best)
    assert result.total_score == matching_weight(graph, best)
    assert all(u.detail for u in result.unmatched)


@fast
@given(rounds(mode="mentor_mentee"))
def test_mentor_mode_pairs_mentors_with_mentees_as_many_as_possible(data):
    applicants, excluded = data
    config = MatchSettings(mode="mentor_mentee", excluded=excluded, odd_one_out="wait")

    result = match_applicants(applicants, config)

    check_groups(result, applicants, config)
    best = nx.max_weight_matching(
        reference_graph(applicants, config), maxcardinality=True
    )
    assert result.stats.matched_people == 2 * len(best)
    for pair in result.pairs:
        assert len(pair.mentors) == 1


@fast
@given(rounds())
def test_objective_max_score_finds_the_best_total_score(data):
    applicants, excluded = data
    config = MatchSettings(objective="max_score", excluded=excluded, odd_one_out="wait")

    result = match_applicants(applicants, config)

    check_groups(result, applicants, config)
    graph = reference_graph(applicants, config)
    assert result.total_score == matching_weight(graph, nx.max_weight_matching(graph))


@settings(max_examples=40, deadline=None)
@given(rounds(max_size=26), st.integers(1, 3))
def test_a_sparse_candidate_graph_never_loses_a_matchable_person(data, candidates):
    applicants, excluded = data
    config = MatchSettings(
        excluded=excluded,
        odd_one_out="wait",
        candidates_per_person=candidates,
        exact_up_to=0,
    )

    result = match_applicants(applicants, config)

    check_groups(result, applicants, config)
    graph = reference_graph(applicants, config)
    best = nx.max_weight_matching(graph, maxcardinality=True)
    assert result.stats.matched_people == 2 * len(best)
    assert result.total_score <= matching_weight(graph, best)


@fast
@given(rounds(max_size=12), st.randoms(use_true_random=False), st.integers(0, 5))
def test_the_same_inputs_in_any_order_give_the_same_result(data, rng, seed):
    applicants, excluded = data
    config = MatchSettings(seed=seed, excluded=excluded)
    shuffled = applicants[:]
    rng.shuffle(shuffled)

    assert match_applicants(shuffled, config) == match_applicants(applicants, config)


@fast
@given(rounds(max_size=12), st.integers(0, 1000))
def test_the_seed_never_changes_the_number_matched_or_the_score(data, seed):
    applicants, excluded = data
    base = match_applicants(applicants, MatchSettings(excluded=excluded))

    other = match_applicants(applicants, MatchSettings(excluded=excluded, seed=seed))

    assert other.stats.matched_people == base.stats.matched_people
    assert other.total_score == base.total_score


@fast
@given(rounds(), st.sampled_from(["peer", "mentor_mentee"]))
def test_trios_obey_the_rules_and_place_at_least_as_many_people(data, mode):
    applicants, excluded = data
    if mode == "mentor_mentee":
        roles = ("mentor", "mentee")
        applicants = [replace(a, role=roles[a.id % 2]) for a in applicants]
    trio = MatchSettings(mode=mode, excluded=excluded, odd_one_out="trio")
    wait = MatchSettings(mode=mode, excluded=excluded, odd_one_out="wait")

    with_trios = match_applicants(applicants, trio)
    waiting = match_applicants(applicants, wait)

    check_groups(with_trios, applicants, trio)
    assert with_trios.stats.matched_people >= waiting.stats.matched_people
    assert with_trios.stats.pairs + with_trios.stats.trios == waiting.stats.pairs


def capped_optimum(graph, countries, share):
    """Most people matched by any matching that respects the cap (brute force)."""
    edges = list(graph.edges)
    best = 0

    def grow(start, used, matched):
        nonlocal best
        people = len(used)
        counts = Counter(countries[m] for m in used)
        if people > best and all(
            v <= math.floor(share * people + 1e-9) for v in counts.values()
        ):
            best = people
        for k in range(start, len(edges)):
            a, b = edges[k]
            if a not in used and b not in used:
                grow(k + 1, used | {a, b}, matched + 1)

    grow(0, frozenset(), 0)
    return best


@settings(max_examples=40, deadline=None)
@given(rounds(max_size=8), st.sampled_from([0.34, 0.5, 0.6, 0.75]), st.booleans())
def test_the_country_cap_holds_and_still_matches_as_many_as_allowed(data, share, same):
    applicants, _ = data
    config = MatchSettings(
        allow_same_country=same, max_country_share=share, odd_one_out="wait"
    )

    result = match_applicants(applicants, config)

    check_groups(result, applicants, config)
    by_id = {a.id: a.country.strip().upper() for a in applicants}
    matched = [m for p in result.pairs for m in p.members]
    for count in Counter(by_id[m] for m in matched).values():
        assert count <= math.floor(share * len(matched) + 1e-9)
    graph = reference_graph(applicants, config)
    assert len(matched) == capped_optimum(graph, by_id, share)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 18), st.floats(0.05, 0.6), st.integers(0, 10**6))
def test_the_blossom_search_grows_any_matching_to_a_maximum_one(size, density, seed):
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(size, density, seed=rng.randrange(10**6))
    adjacency = nx.to_numpy_array(graph, nodelist=range(size), dtype=bool)
    mate = [-1] * size
    edges = list(graph.edges)
    rng.shuffle(edges)
    for a, b in edges:  # a random maximal matching to start from
        if mate[a] < 0 and mate[b] < 0 and rng.random() < 0.7:
            mate[a], mate[b] = b, a

    augment_to_maximum(adjacency, mate)

    pairs = {(a, b) for a, b in enumerate(mate) if b > a}
    assert all(mate[b] == a for a, b in pairs)
    assert all(graph.has_edge(a, b) for a, b in pairs)
    assert len(pairs) == len(nx.max_weight_matching(graph, maxcardinality=True))
