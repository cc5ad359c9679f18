"""The solver: exact maximum weight matching on the candidate graph, the
cardinality certificate, the country cap's blocker vertices, and trios."""

from __future__ import annotations

import math
import random
from collections import Counter
from functools import cached_property

import numpy as np
import rustworkx as rx

from .certificate import augment_to_maximum
from .kernels import best_candidates
from .model import MatchSettings
from .scoring import Pool


class CandidateGraph:
    """The pool's points for every pair and the candidate edges: each person's
    K best compatible people (all of them for an exact graph)."""

    def __init__(self, pool: Pool, exact: bool) -> None:
        self.pool = pool
        n = pool.n
        self.points = pool.point_matrix()
        k = pool.settings.candidates_per_person
        if exact or k >= n - 1:
            lo, hi = np.nonzero(np.triu(self.points >= 0, 1))
            self.degree = (self.points >= 0).sum(axis=1)
        else:
            rows, cols, self.degree = best_candidates(
                self.points, k, int(self.points.max(initial=0))
            )
            lo, hi = np.minimum(rows, cols), np.maximum(rows, cols)
            _, first = np.unique(lo * n + hi, return_index=True)
            lo, hi = lo[first], hi[first]
        self.lo = lo.astype(np.int64)
        self.hi = hi.astype(np.int64)
        self.w = self.points[self.lo, self.hi].astype(np.float64)

    def allowed(self, rows, cols) -> np.ndarray:
        """Whether the rules allow each pair (numpy indexing)."""
        return self.points[rows, cols] >= 0

    @cached_property
    def weights(self) -> dict[tuple[int, int], int]:
        """The candidate edges and their points (the country cap's solver)."""
        keys = zip(self.lo.tolist(), self.hi.tolist(), strict=True)
        return dict(zip(keys, self.w.astype(np.int64).tolist(), strict=True))

    def solve(self, blockers: list[int], cardinality_first: bool) -> list[int]:
        """The mate of each pool index (-1: none); `blockers`: a country each.

        A person taken by a blocker is left out of the round (country cap).
        """
        pool, n = self.pool, self.pool.n
        by_country: dict[int, list[int]] = {}
        for k, c in enumerate(pool.country.tolist()):
            by_country.setdefault(c, []).append(k)
        # Heavier than any real pair, so every optimum matches every blocker:
        # if blocker b (of country c) were free, some person s of c would be
        # matched to a real partner u (there are at least as many people as
        # blockers), and trading (s, u) for (s, b) keeps the cardinality and
        # gains weight.
        heavy = max(self.weights.values(), default=0) + 1
        edges = dict(self.weights)
        for b, c in enumerate(blockers):
            edges.update({(i, n + b): heavy for i in by_country[c]})
        size = n + len(blockers)
        seed = pool.settings.seed
        while True:
            mate = exact_matching(size, edges, cardinality_first, seed)
            if not cardinality_first:
                break
            added = augment_to_maximum(self._adjacency(blockers, by_country), mate)
            if not added:
                break
            # Keep the edges the augmenting paths used and solve again: the larger
            # candidate graph holds a maximum matching, so the solver returns one
            # of maximum cardinality, and the best score among those it sees.
            for i, j in added:
                key = (min(i, j), max(i, j))
                if key[1] < n and key not in edges:
                    edges[key] = self.weights[key] = int(self.points[key])
        return [m if m < n else -1 for m in mate[:n]]

    def _adjacency(
        self, blockers: list[int], by_country: dict[int, list[int]]
    ) -> np.ndarray:
        n = self.pool.n
        if not blockers:
            return self.points
        size = n + len(blockers)
        adjacency = np.zeros((size, size), dtype=bool)
        adjacency[:n, :n] = self.points >= 0
        for b, c in enumerate(blockers):
            adjacency[by_country[c], n + b] = True
            adjacency[n + b, by_country[c]] = True
        return adjacency


def exact_matching(
    size: int, edges: dict[tuple[int, int], int], cardinality_first: bool, seed: int
) -> list[int]:
    """rustworkx's exact matching; returns the mate of each vertex (-1: none).

    The weights are the points alone, so every answer is optimal; among equally
    good answers the solver's choice depends on the order it meets vertices and
    edges in, so a seeded shuffle of that order is how the seed breaks ties.
    """
    order = list(range(size))
    random.Random(seed).shuffle(order)
    node = np.empty(size, dtype=np.int64)
    node[order] = np.arange(size)
    ends = np.array(list(edges), dtype=np.int64).reshape(-1, 2)
    weights = np.fromiter(edges.values(), dtype=np.int64, count=len(edges))
    a, b = node[ends[:, 0]], node[ends[:, 1]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    by_position = np.lexsort((hi, lo))
    graph = rx.PyGraph()
    graph.add_nodes_from(order)
    graph.add_edges_from(
        list(
            zip(
                lo[by_position].tolist(),
                hi[by_position].tolist(),
                weights[by_position].tolist(),
                strict=True,
            )
        )
    )
    pairs = rx.max_weight_matching(
        graph, max_cardinality=cardinality_first, weight_fn=lambda w: w
    )
    mate = [-1] * size
    for x, y in pairs:
        i, j = order[x], order[y]
        mate[i], mate[j] = j, i
    return mate


def solve_with_cap(
    pool: Pool,
    graph: CandidateGraph,
    settings: MatchSettings,
    cardinality_first: bool,
    locked_countries: Counter[str],
    locked_people: int,
) -> tuple[list[int], int]:
    """Solve, lowering the guessed total until the cap holds for the result."""
    if pool.n < 2:
        return [-1] * pool.n, 0
    share = settings.max_country_share
    if share is None:
        return graph.solve([], cardinality_first), 1
    sizes = Counter(pool.country.tolist())
    name_of = {c: pool.country_names[i] for i, c in enumerate(pool.country.tolist())}
    # Start from an upper bound on the answer that needs no solving: a country
    # can place at most its people who have someone compatible, and at most its
    # cap. Starting above the answer keeps the descent below exact.
    matchable = Counter(
        pool.country.tolist()[i] for i in range(pool.n) if graph.degree[i]
    )

    def bound(total: int) -> int:
        limit = cap_limit(share, total)
        return locked_people + sum(
            min(count, max(limit - locked_countries[name_of[c]], 0))
            for c, count in matchable.items()
        )

    total = locked_people + sum(matchable.values())
    while bound(total) < total:
        total = bound(total)
    iterations = 0
    while True:
        iterations += 1
        limit = cap_limit(share, total)
        blockers: list[int] = []
        for c in sorted(sizes):
            budget = max(limit - locked_countries[name_of[c]], 0)
            blockers += [c] * max(sizes[c] - budget, 0)
        mate = graph.solve(blockers, cardinality_first)
        matched = locked_people + sum(1 for m in mate if m >= 0)
        counts = locked_countries + Counter(
            pool.country_names[i] for i in range(pool.n) if mate[i] >= 0
        )
        if all(v <= cap_limit(share, matched) for v in counts.values()) or matched == 0:
            return mate, iterations
        # The result is too small for its budgets: guess lower. With max_people the
        # result never grows when the total shrinks, so this stops at the largest
        # consistent total.
        total = matched if matched < total else total - 1


def cap_limit(share: float, total: int) -> int:
    # A small epsilon so that 0.29 * 100 counts as 29, not 28.999...
    return math.floor(share * total + 1e-9)


def attach_trios(
    pool: Pool,
    graph: CandidateGraph,
    groups: list[list[int]],
    leftovers: list[int],
    settings: MatchSettings,
    matched_countries: Counter[str],
) -> None:
    """Let leftovers join pairs (one per pair), maximum number then best score."""
    left = np.array(leftovers)
    first = np.array([g[0] for g in groups])
    second = np.array([g[1] for g in groups])
    points = pool.points(left, np.arange(pool.n))
    rows = np.arange(len(left))[:, None]
    if pool.mentor_mode:
        # The newcomer partners the member of the other role; with the member of
        # its own role it only must not be barred (previous partner, organiser).
        cross_is_first = pool.is_mentor[left][:, None] != pool.is_mentor[first][None, :]
        cross = np.where(cross_is_first, first[None, :], second[None, :])
        same = np.where(cross_is_first, second[None, :], first[None, :])
        allowed = graph.allowed(left[:, None], cross)
        group_of = {m: g for g, members in enumerate(groups) for m in members}
        for t, person in enumerate(leftovers):
            for other in pool.barred_with(person):
                g = group_of.get(other)
                if g is not None and same[t, g] == other:
                    allowed[t, g] = False
        gain = points[rows, cross]
    else:
        allowed = graph.allowed(left[:, None], first[None, :])
        allowed &= graph.allowed(left[:, None], second[None, :])
        gain = points[:, first] + points[:, second]

    weight = np.where(allowed, gain, -1)
    # Candidate edges: each leftover's and each pair's K best options.
    keep = np.zeros_like(allowed)
    for axis in (0, 1):
        take = min(settings.candidates_per_person, weight.shape[axis])
        best = np.take(np.argpartition(-weight, take - 1, axis=axis), range(take), axis)
        np.put_along_axis(keep, best, True, axis=axis)
    keep &= allowed
    ts, gs = np.nonzero(keep)
    if not ts.size:
        return
    edges = {
        (t, len(left) + g): w
        for t, g, w in zip(
            ts.tolist(), gs.tolist(), weight[ts, gs].tolist(), strict=True
        )
    }
    mate = exact_matching(len(left) + len(groups), edges, True, settings.seed)
    chosen = [(t, mate[t] - len(left)) for t in range(len(left)) if mate[t] >= 0]
    chosen.sort(key=lambda tg: (-int(weight[tg]), tg))
    matched = sum(matched_countries.values())
    share = settings.max_country_share
    for t, g in chosen:
        name = pool.country_names[leftovers[t]]
        if share is not None and matched_countries[name] + 1 > cap_limit(
            share, matched + 1
        ):
            continue
        matched_countries[name] += 1
        matched += 1
        groups[g].append(leftovers[t])
