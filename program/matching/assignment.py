"""Mentor/mentee mode: the exact optimum of a bipartite matching and its dual,
without a linear programme.

When every pair is a mentor and a mentee the graph is bipartite, the
matching programme (lp.py) has integral corners and needs no odd-set rows,
and the Hungarian method solves it combinatorially, returning the dual with
it. Each mentor u and mentee v carry y >= 0 with

    y_u + y_v >= w_uv + B        for every pair in the graph,

equality on the pairs matched, y = 0 on the people left out. B is a bonus
per pair larger than any score one pair less could gain (B > nu * the
largest points), so the optimum has the most pairs first, then the best
score: it is `mu` of bound.py (the multiplier of x(E) >= nu), and the dual
is bound.py's `Duals(y, mu=B, nu=pairs)`.

The candidate graph is solved first; then every allowed pair of the full
graph is priced against the dual (bound.py) and those not paid for join
(column generation); the Hungarian method starts again from the larger
graph. When no pair is short, the dual proves the matching optimal on the
full graph, and `bound.prove()` checks that independently.

The method: one phase per mentor left out by a greedy start on tight pairs,
a Dijkstra search over slacks from that mentor (a binary heap), ending at a
free mentee (augment) or where a mentor's y reaches 0 (that mentor may stay
out). O(phases * m log n) for m pairs; compiled with numba.
"""

from __future__ import annotations

import heapq

import numba as nb
import numpy as np

from .bound import SHORT, price_each
from .lp import Duals

INFINITY = np.iinfo(np.int64).max // 4
PER_PERSON = 4  # pairs priced in per person and round, at most


@nb.njit(cache=True)
def start_dual(n_left, n_right, start, target, weight):
    """A feasible dual (each left vertex's y its heaviest pair, the right's 0)
    and a greedy matching on the pairs it makes tight: (mate_left,
    mate_right, y_left, y_right)."""
    mate_left = np.full(n_left, -1, dtype=np.int64)
    mate_right = np.full(n_right, -1, dtype=np.int64)
    y_left = np.zeros(n_left, dtype=np.int64)
    y_right = np.zeros(n_right, dtype=np.int64)
    for u in range(n_left):
        for e in range(start[u], start[u + 1]):
            if weight[e] > y_left[u]:
                y_left[u] = weight[e]
    for u in range(n_left):
        for e in range(start[u], start[u + 1]):
            v = target[e]
            if weight[e] == y_left[u] and mate_right[v] < 0:
                mate_left[u] = v
                mate_right[v] = u
                break
    return mate_left, mate_right, y_left, y_right


@nb.njit(cache=True)
def phases(
    n_left, n_right, start, target, weight, mate_left, mate_right, y_left, y_right
):
    """The Hungarian method from a feasible dual whose matched pairs are
    tight: one phase for each free left vertex with y > 0, until every free
    left vertex has y = 0 (in place). Free right vertices with y > 0 may stay
    (call again with the sides swapped)."""
    dist = np.full(n_right, INFINITY, dtype=np.int64)
    done = np.zeros(n_right, dtype=np.bool_)
    pred = np.full(n_right, -1, dtype=np.int64)
    left_d = np.zeros(n_left, dtype=np.int64)
    tree = np.empty(n_left, dtype=np.int64)
    touched = np.empty(n_right, dtype=np.int64)
    for root in range(n_left):
        if mate_left[root] >= 0 or y_left[root] == 0:
            continue
        # Dijkstra over slacks. Heap codes: v >= 0 a right vertex reached at
        # distance key; -(u + 1) left vertex u's y reaching 0 at distance key.
        heap = [(np.int64(0), np.int64(0))]
        heap.pop()
        in_tree = 0
        reached = 0
        tree[in_tree] = root
        in_tree += 1
        left_d[root] = 0
        heapq.heappush(heap, (y_left[root], -(root + 1)))
        u = root
        end_right, end_left, delta = -1, -1, np.int64(0)
        while True:
            # Scan the pairs of u (just added to the tree at left_d[u]).
            base = left_d[u]
            for e in range(start[u], start[u + 1]):
                v = target[e]
                if done[v]:
                    continue
                d = base + y_left[u] + y_right[v] - weight[e]
                if d < dist[v]:
                    if dist[v] == INFINITY:
                        touched[reached] = v
                        reached += 1
                    dist[v] = d
                    pred[v] = u
                    heapq.heappush(heap, (d, v))
            # The next event.
            while True:
                key, code = heapq.heappop(heap)
                if code < 0:
                    end_left, delta = -code - 1, key
                    break
                if done[code] or key > dist[code]:
                    continue
                done[code] = True
                if mate_right[code] < 0:
                    end_right, delta = code, key
                    break
                u = mate_right[code]
                left_d[u] = key
                tree[in_tree] = u
                in_tree += 1
                heapq.heappush(heap, (key + y_left[u], -(u + 1)))
                break
            if end_right >= 0 or end_left >= 0:
                break
        # Move the dual by delta over the tree: tight pairs stay tight.
        for k in range(in_tree):
            w = tree[k]
            y_left[w] -= delta - left_d[w]
        for k in range(reached):
            v = touched[k]
            if done[v]:
                y_right[v] += delta - dist[v]
        # Flip the path from the root: to a free right vertex, or to the
        # left vertex whose y reached 0 (who leaves the matching).
        v = end_right
        if end_left >= 0:
            v = mate_left[end_left]
            mate_left[end_left] = -1
        while v >= 0:
            w = pred[v]
            following = mate_left[w]
            mate_left[w] = v
            mate_right[v] = w
            if w == root:
                break
            v = following
        for k in range(reached):
            v = touched[k]
            dist[v] = INFINITY
            done[v] = False
            pred[v] = -1


def hungarian(n_left, n_right, start, target, weight):
    """Maximum weight matching of a bipartite graph and an optimal dual.

    Left vertex u's pairs are target[start[u]:start[u + 1]] (right vertices)
    with integer `weight` >= 0. Returns (mate of each left, -1 for none; mate
    of each right; y of the left; y of the right), all int64."""
    state = start_dual(n_left, n_right, start, target, weight)
    phases(n_left, n_right, start, target, weight, *state)
    return state


def solve_bipartite(pool, graph, cardinality_first: bool, seed: int):
    """The exact optimum of mentor/mentee mode over the full graph, with the
    dual that proves it (see the module docstring): (mate, Duals, columns,
    rounds)."""
    n = pool.n
    points = graph.points
    left = np.flatnonzero(pool.is_mentor)
    right = np.flatnonzero(~pool.is_mentor)
    # The seed shuffles the order the method meets people in, which only
    # decides between equally good answers.
    rng = np.random.default_rng(seed)
    left = left[rng.permutation(len(left))]
    right = right[rng.permutation(len(right))]
    position = np.full(n, -1, dtype=np.int64)
    position[left] = np.arange(len(left))
    position[right] = np.arange(len(right))
    top = int(points.max(initial=0))
    bonus = (min(len(left), len(right)) + 1) * (top + 1) if cardinality_first else 0

    mentor, mentee = _oriented(pool, graph.lo, graph.hi)
    keys = set((mentor * n + mentee).tolist())
    state = None
    rounds = 0
    while True:
        rounds += 1
        u, v = position[mentor], position[mentee]
        w = points[mentor, mentee].astype(np.int64) + bonus
        by_left = np.lexsort((v, u))
        by_right = np.lexsort((u, v))
        left_start = np.searchsorted(u[by_left], np.arange(len(left) + 1))
        right_start = np.searchsorted(v[by_right], np.arange(len(right) + 1))
        if state is None:
            state = start_dual(
                len(left), len(right), left_start, v[by_left], w[by_left]
            )
        mate_left, mate_right, y_left, y_right = state
        phases(
            len(left), len(right), left_start, v[by_left], w[by_left],
            mate_left, mate_right, y_left, y_right,
        )  # fmt: skip
        # Warm starts can leave a right vertex out with y > 0: the same method
        # from that side (it leaves no left vertex out with y > 0).
        phases(
            len(right), len(left), right_start, u[by_right], w[by_right],
            mate_right, mate_left, y_right, y_left,
        )  # fmt: skip
        matched = np.flatnonzero(mate_left >= 0)
        mate = np.full(n, -1, dtype=np.int64)
        mate[left[matched]] = right[mate_left[matched]]
        mate[right[mate_left[matched]]] = left[matched]
        y = np.zeros(n, dtype=np.float64)
        y[left] = y_left
        y[right] = y_right
        duals = Duals(
            y=y, sets=[], z=np.zeros(0), mu=float(bonus), nu=len(matched), rho={},
            budgets={},
        )  # fmt: skip
        lo, hi, _, found = price_each(points, duals, pool.country, SHORT, PER_PERSON)
        a, b = _oriented(pool, lo, hi)
        fresh = [k for k, key in enumerate((a * n + b).tolist()) if key not in keys]
        if not found or not fresh:  # (not fresh: at the float check's limit)
            return mate.tolist(), duals, len(mentor), rounds
        a, b = a[fresh], b[fresh]
        keys.update((a * n + b).tolist())
        mentor = np.concatenate([mentor, a])
        mentee = np.concatenate([mentee, b])
        # Warm start: raise each mentor's y until their new pairs are paid
        # for; a mentor whose y rose is no longer tight with their mentee, so
        # both are free again for the next phases.
        excess = points[a, b].astype(np.int64) + bonus
        excess -= y_left[position[a]] + y_right[position[b]]
        rise = np.zeros(len(left), dtype=np.int64)
        np.maximum.at(rise, position[a], excess)
        y_left += rise
        raised = np.flatnonzero((rise > 0) & (mate_left >= 0))
        mate_right[mate_left[raised]] = -1
        mate_left[raised] = -1


def _oriented(pool, lo, hi):
    """Pairs (lo, hi) as (mentor, mentee) index arrays."""
    lo, hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
    lo_is_mentor = pool.is_mentor[lo]
    return np.where(lo_is_mentor, lo, hi), np.where(lo_is_mentor, hi, lo)


__all__ = ["hungarian", "solve_bipartite"]
