"""The pool's optimum and the proof that it is one.

1. The matching programme (lp.py) over the candidate graph, solved with
   HiGHS. While its optimum breaks an odd-set row, the row is added (cuts);
   then every allowed pair of the full graph is priced against the duals
   (bound.py) and the pairs not paid for join as columns. Repeat until no row
   is broken and no pair is short: the programme's optimum is then the optimum
   over the full graph.
2. With `max_people`: the programme's optimum is rounded to a matching, which
   the blossom search (certificate.py) grows to the most pairs any matching
   has, nu; the row x(E) >= nu joins and step 1 goes on.
3. The bound: `bound.prove()` on the final duals.
4. The proposal: reduced costs say how much each pair falls short of what the
   dual pays; a matching that scores at least L contains only pairs that fall
   short by at most bound - L (complementary slackness). With L the score of
   the best matching known, rustworkx's exact matching over those pairs alone
   (a sparse graph) is the exact optimum over the full graph, ties broken by
   the seed.

The rounds are capped (MAX_ROUNDS); the bound is a true bound after any
number of them, and step 4 is exact whenever the bound is (see `Solution`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import rustworkx as rx

from .assignment import solve_bipartite
from .blossom import solve_peer
from .bound import SHORT, best_possible, price, prove
from .certificate import augment_to_maximum, maximum_and_deficient
from .lp import TOLERANCE, MatchingLP
from .scoring import Pool

MAX_ROUNDS = 80
MAX_CUT_ROUNDS = 60
CARDINALITY_BONUS = 0  # times the largest points of a pair (0: none)
ODD_PART_LIMIT = 1000  # people; a larger part's row would be dense and slow
FILTER_LIMIT = 16  # edges per person of the final exact solve, at most


@dataclass(frozen=True)
class Solution:
    mate: list[int]  # pool index of each one's partner, -1 for none
    bound: int  # no matching the rules allow scores more (points, whole)
    columns: int  # pairs the programme saw
    rounds: int  # solves of the programme


def solve_pool(pool: Pool, graph, cardinality_first: bool, seed: int) -> Solution:
    """The best matching of the pool (most pairs first if asked) and its bound."""

    n = pool.n
    if n < 2 or not len(graph.lo):
        return Solution([-1] * n, 0, 0, 0)
    if pool.mentor_mode:
        return _solve_bipartite(pool, graph, cardinality_first, seed)
    return _solve_peer(pool, graph, cardinality_first, seed)
    lp = MatchingLP(n, pool.country)
    # The order HiGHS meets the columns in decides between equally good
    # answers: the seed shuffles it.
    order = np.random.default_rng(seed).permutation(len(graph.lo))
    lp.add_edges(graph.lo[order], graph.hi[order], graph.w[order])
    known: list[int] | None = None
    if cardinality_first:
        # A first solve with a bonus per pair well above any pair's points
        # (the most pairs come first), rounded and grown to the most pairs,
        # says how many that is (nu), and which odd parts every maximum
        # matching leaves one person of: their rows join.
        if CARDINALITY_BONUS:
            bonus = CARDINALITY_BONUS * (int(graph.w.max(initial=0)) + 1)
            lp.reward_pairs(bonus, 0)
        if not lp.solve():
            raise RuntimeError("HiGHS found no optimum of the matching programme")
        known = _round(lp, n)
        _pair_the_left_out(graph.points, known)
        _added, outer = maximum_and_deficient(graph.points, known, graph.degree > 0)
        lo, hi = _edges(known)
        lp.add_edges(lo, hi, graph.points[lo, hi])
        # The bonus found the pairs; a row keeps their number, and the bonus
        # goes (it would reward halves of odd cycles as well).
        if CARDINALITY_BONUS:
            lp.reward_pairs(0.0, 0)
        lp.require_cardinality(_size(known))
        lp.add_odd_sets(odd_parts(graph.points, outer))
    rounds = _optimise(lp, pool, graph)
    duals = lp.duals()
    bound = prove(graph.points, duals, pool.country)

    x = lp.values()
    integral = bool(np.all((x < TOLERANCE) | (x > 1 - TOLERANCE)))
    candidate = _round(lp, n)
    if known is None or (integral and _size(candidate) >= _size(known)):
        known = candidate
    floor = _score(graph.points, known)
    if known is candidate and integral and best_possible(bound, floor) <= floor:
        # The programme's optimum is a matching, and the bound proves it best.
        return Solution(known, floor, len(lp.lo), rounds)

    # The programme stopped short of a matching (MAX_CUT_ROUNDS): by
    # complementary slackness, a matching of the most pairs that scores s uses
    # only pairs falling short of what the dual pays by at most bound - s.
    # The exact matching over the pairs short by at most `within` (and those
    # of `known`) is at least as good as `known`; once bound - its score is
    # no more than `within`, every better matching would lie in that graph:
    # it is the optimum, proven by the duals and the exact solver together.
    # Otherwise widen and repeat while the graph stays sparse.
    points = graph.points
    within = 1.0
    while True:
        lo, hi, _, found = price(
            points, duals, pool.country, -within - SHORT, FILTER_LIMIT * n
        )
        if found > FILTER_LIMIT * n:
            break
        lo, hi = _with(lo, hi, known)
        exact = _exact_by_parts(n, lo, hi, points, cardinality_first, seed)
        if cardinality_first:
            augment_to_maximum(points, exact)
        if (_size(exact), _score(points, exact)) >= (_size(known), floor):
            known, floor = exact, _score(points, exact)
        if bound - floor <= within:
            return Solution(known, floor, len(lp.lo), rounds)
        within *= 4
    return Solution(known, best_possible(bound, floor), len(lp.lo), rounds)


def _solve_bipartite(pool: Pool, graph, cardinality_first: bool, seed: int):
    """Mentor/mentee mode: the Hungarian method and its dual (assignment.py)."""
    found = solve_bipartite(pool, graph, cardinality_first, seed)
    return _proven(pool, graph, cardinality_first, *found)


def _solve_peer(pool: Pool, graph, cardinality_first: bool, seed: int):
    """Peer mode: the double cover, the blossom method and its dual
    (blossom.py)."""
    found = solve_peer(pool, graph, cardinality_first, seed)
    return _proven(pool, graph, cardinality_first, *found)


def _proven(pool: Pool, graph, cardinality_first, mate, duals, columns, rounds):
    """The solution with its bound, from a dual paying for every pair."""
    points = graph.points
    bound = prove(points, duals, pool.country)
    # The dual also proves the number matched: a matching of one pair more
    # would score at most bound - B, below 0. Should float dust ever leave
    # that unproven, the blossom search settles it (and the bound follows).
    unproven = cardinality_first and bound - duals.mu >= 0
    if unproven and augment_to_maximum(points, mate):
        duals = replace(duals, nu=_size(mate))
        bound = prove(points, duals, pool.country)
    return Solution(mate, best_possible(bound, _score(points, mate)), columns, rounds)


def _with(lo, hi, mate):
    """The edges (lo, hi) and those of a matching."""
    lo_m, hi_m = _edges(mate)
    return np.concatenate([lo, lo_m]), np.concatenate([hi, hi_m])


def _exact_by_parts(n, lo, hi, points, cardinality_first, seed) -> list[int]:
    """rustworkx's exact matching on each connected part of the graph (lo, hi)
    on its own (the parts of the filtered graph are small), ties broken by
    the seed."""
    from .solver import exact_matching

    graph = rx.PyGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from_no_data(list(zip(lo.tolist(), hi.tolist(), strict=True)))
    part_of = np.full(n, -1, dtype=np.int64)
    parts = sorted(sorted(p) for p in rx.connected_components(graph) if len(p) > 1)
    for k, part in enumerate(parts):
        part_of[part] = k
    position = np.zeros(n, dtype=np.int64)
    for part in parts:
        position[part] = np.arange(len(part))
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
    keys = np.unique(lo * n + hi)
    lo, hi = keys // n, keys % n
    by_part = np.argsort(part_of[lo], kind="stable")
    bounds = np.searchsorted(part_of[lo][by_part], np.arange(len(parts) + 1))
    mate = [-1] * n
    for k, part in enumerate(parts):
        chosen = by_part[bounds[k] : bounds[k + 1]]
        a, b = lo[chosen], hi[chosen]
        edges = dict(
            zip(
                zip(position[a].tolist(), position[b].tolist(), strict=True),
                points[a, b].astype(np.int64).tolist(),
                strict=True,
            )
        )
        local = exact_matching(len(part), edges, cardinality_first, seed)
        for i, m in enumerate(local):
            if m >= 0:
                mate[part[i]] = part[m]
    return mate


def _optimise(lp: MatchingLP, pool: Pool, graph) -> int:
    """Solve, cut and price until nothing changes (or MAX_ROUNDS)."""
    cut_rounds = 0
    limit = max(2 * pool.n, 500)
    for rounds in range(1, MAX_ROUNDS + 1):
        if not lp.solve():
            raise RuntimeError("HiGHS found no optimum of the matching programme")
        if cut_rounds < MAX_CUT_ROUNDS:
            sets = lp.odd_sets()
            if sets:
                cut_rounds += 1
                lp.add_odd_sets(sets)
                continue
        lo, hi, _, found = price(graph.points, lp.duals(), pool.country, SHORT, limit)
        if not found:
            return rounds
        lp.add_edges(lo, hi, graph.points[lo, hi])
    return MAX_ROUNDS


def _round(lp: MatchingLP, n: int) -> list[int]:
    """A matching from the programme's optimum: its edges at 1, then greedily
    the others by value and points."""
    x = lp.values()
    order = np.lexsort((lp.hi, lp.lo, -lp.w, -np.round(x, 6)))
    mate = [-1] * n
    for a, b, value in zip(
        lp.lo[order].tolist(), lp.hi[order].tolist(), x[order].tolist(), strict=True
    ):
        if value <= TOLERANCE:
            break
        if mate[a] < 0 and mate[b] < 0:
            mate[a], mate[b] = b, a
    return mate


def odd_parts(points: np.ndarray, among: np.ndarray) -> list[np.ndarray]:
    """The connected parts of `among` in the compatibility graph, 3 or more."""
    left = np.flatnonzero(among)
    inside = points[np.ix_(left, left)] >= 0
    seen = np.zeros(len(left), dtype=bool)
    parts = []
    for start in range(len(left)):
        if seen[start]:
            continue
        seen[start] = True
        part, frontier = [start], np.array([start])
        while frontier.size:
            reached = inside[frontier].any(axis=0) & ~seen
            frontier = np.flatnonzero(reached)
            seen[frontier] = True
            part += frontier.tolist()
        if 3 <= len(part) <= ODD_PART_LIMIT:
            parts.append(np.sort(left[part]))
    return parts


def _pair_the_left_out(points: np.ndarray, mate: list[int]) -> None:
    """Pair people left out who are allowed together, best points first (each
    such pair is an augmenting path of one edge: the blossom search has fewer
    to find)."""
    left = np.array([v for v, m in enumerate(mate) if m < 0], dtype=np.int64)
    if len(left) < 2:
        return
    among = points[np.ix_(left, left)].astype(np.int64)
    a, b = np.nonzero(np.triu(among >= 0, 1))
    order = np.lexsort((b, a, -among[a, b]))
    for i, j in zip(left[a[order]].tolist(), left[b[order]].tolist(), strict=True):
        if mate[i] < 0 and mate[j] < 0:
            mate[i], mate[j] = j, i


def _edges(mate: list[int]) -> tuple[np.ndarray, np.ndarray]:
    lo = np.array([i for i, m in enumerate(mate) if m > i], dtype=np.int64)
    hi = np.array([mate[i] for i in lo.tolist()], dtype=np.int64)
    return lo, hi


def _size(mate: list[int]) -> int:
    return sum(1 for m in mate if m >= 0) // 2


def _score(points: np.ndarray, mate: list[int]) -> int:
    lo, hi = _edges(mate)
    return int(points[lo, hi].astype(np.int64).sum())


def prove_capped(
    pool: Pool,
    graph,
    mate: list[int],
    settings,
    cardinality_first: bool,
    locked_countries,
) -> int:
    """The bound for a round with a country cap, whose matching the blocker
    construction (solver.py) found: the programme with one row per country
    over its budget at the size found, then cuts and pricing as above."""
    from .solver import cap_limit

    n = pool.n
    pairs = _size(mate)
    score = _score(graph.points, mate)
    if n < 2 or not len(graph.lo):
        return score
    locked = sum(locked_countries.values())
    limit = cap_limit(settings.max_country_share, locked + 2 * pairs)
    sizes = np.bincount(pool.country, minlength=int(pool.country.max()) + 1)
    budgets = {}
    for i in range(n):
        c = int(pool.country[i])
        budget = max(limit - locked_countries[pool.country_names[i]], 0)
        if sizes[c] > budget:
            budgets[c] = budget
    lp = MatchingLP(n, pool.country)
    lp.add_edges(graph.lo, graph.hi, graph.w)
    lo, hi = _edges(mate)
    lp.add_edges(lo, hi, graph.points[lo, hi])
    lp.cap_countries(budgets)
    if cardinality_first:
        lp.require_cardinality(pairs)
    _optimise(lp, pool, graph)
    return best_possible(prove(graph.points, lp.duals(), pool.country), score)
