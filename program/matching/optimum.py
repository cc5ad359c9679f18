"""The pool's optimum and the proof that it is one.

- Peer mode (blossom.py): the bipartite double cover solved by the Hungarian
  method gives a half-integral optimum and its dual; Edmonds' blossom method
  started from them gives the optimum of the candidate graph with a dual
  (y per person, z per blossom). Every allowed pair of the full graph is
  priced against that dual (bound.py) and the pairs not paid for join; when
  none is short, the matching is the optimum of the full graph.
- Mentor/mentee mode (assignment.py): the Hungarian method and its dual, the
  same pricing.
- Either way `bound.prove()` checks the dual on every allowed pair and gives
  the bound; the matching scores it: proven optimal. The same dual proves
  the number matched (one pair more would score below 0); should float dust
  leave that unproven, the blossom search (certificate.py) settles it.
- With a country cap the matching comes from solver.py's blocker
  construction and the bound from the matching programme (lp.py, HiGHS) with
  one row per capped country, odd-set cuts and pricing (`prove_capped`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .assignment import solve_bipartite
from .blossom import solve_peer
from .bound import SHORT, best_possible, price, prove
from .certificate import augment_to_maximum
from .lp import MatchingLP
from .scoring import Pool

MAX_ROUNDS = 80
MAX_CUT_ROUNDS = 60


@dataclass(frozen=True)
class Solution:
    mate: list[int]  # pool index of each one's partner, -1 for none
    bound: int  # no matching the rules allow scores more (points, whole)
    columns: int  # pairs the solver saw
    rounds: int  # solves of the candidate graph


def solve_pool(pool: Pool, graph, cardinality_first: bool, seed: int) -> Solution:
    """The best matching of the pool (most pairs first if asked) and its bound."""
    n = pool.n
    if n < 2 or not len(graph.lo):
        return Solution([-1] * n, 0, 0, 0)
    if pool.mentor_mode:
        found = solve_bipartite(pool, graph, cardinality_first, seed)
    else:
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
