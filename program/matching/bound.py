"""The proof: an upper bound on the best total score the rules allow.

Weak duality of the matching programme (lp.py): for any y >= 0 per person,
z >= 0 per odd set S, mu >= 0 and rho >= 0 per capped country such that every
allowed pair {u, v} of the FULL compatibility graph is paid for,

    y_u + y_v + sum_{S holds u, v} z_S - mu + rho_c(u) + rho_c(v) >= w_uv,

every matching of at least nu pairs that keeps each capped country c within
its budget b_c scores at most

    sum_v y_v + sum_S z_S (|S| - 1) / 2 - mu nu + sum_c rho_c b_c.

With nu the largest number of pairs any matching has (the cardinality
certificate), that is a bound on the rules' objective: the most people
matched, then the best score. Nothing here depends on how the duals or the
proposal were found: `prove()` checks the condition on every allowed pair
(n^2 / 2 of them, compiled: kernels.py) and, where HiGHS' tolerances leave
a pair a hair short, raises y at its ends until it holds exactly, so the
number returned is a true bound for whatever duals it is given.

Odd sets that form a laminar family (the blossoms of blossom.py) are read
as intervals of one order of the people, so each person's row of z is one
pass of sums; any other family (HiGHS' cuts) as bit rows.

`price()` is the same pass used to grow the candidate graph: a pair that is
not paid for could improve the matching, so it joins the programme
(column generation). When no pair is short, the programme's optimum over the
candidate graph is the optimum over the full graph.
"""

from __future__ import annotations

import math

import numpy as np

from .kernels import (
    laminar_intervals,
    price_pairs,
    price_pairs_laminar,
    price_rows,
    price_rows_laminar,
)
from .lp import Duals

SHORT = 1e-6  # a pair paid for to within this is not worth adding


def potentials(duals: Duals, country: np.ndarray) -> np.ndarray:
    """y_v + rho_c(v) - mu / 2: what the dual pays per end of a pair."""
    paid = duals.y.copy()
    for c, value in duals.rho.items():
        paid[country == c] += value
    return paid - duals.mu / 2


def set_bits(n: int, duals: Duals) -> tuple[np.ndarray, np.ndarray]:
    """Membership of the odd sets with z_S > 0 as bit rows, and their z."""
    used = [k for k, value in enumerate(duals.z.tolist()) if value > 0]
    words = max(1, -(-len(used) // 64))
    bits = np.zeros((n, words), dtype=np.uint64)
    values = np.zeros(64 * words, dtype=np.float64)
    for position, k in enumerate(used):
        word, bit = divmod(position, 64)
        bits[duals.sets[k], word] |= np.uint64(1) << np.uint64(bit)
        values[position] = duals.z[k]
    return bits, values


def laminar(n: int, duals: Duals):
    """The odd sets with z > 0 as intervals of one order of the people, if
    they form a laminar family (any two nested or apart; the blossoms of
    blossom.py always do): (position of each person, and per person the
    start of their sets in, the sets' first and last positions and z), or
    None. Pricing then reads each pair's z from one row of sums per person
    (kernels.price_pairs_laminar)."""
    used = [k for k, value in enumerate(duals.z.tolist()) if value > 0]
    sizes = np.array([len(duals.sets[k]) for k in used], dtype=np.int64)
    start = np.zeros(len(used) + 1, dtype=np.int64)
    np.cumsum(sizes, out=start[1:])
    members = (
        np.concatenate([np.asarray(duals.sets[k], dtype=np.int64) for k in used])
        if used
        else np.zeros(0, dtype=np.int64)
    )
    z = np.asarray(duals.z, dtype=np.float64)[np.asarray(used, dtype=np.int64)]
    found = laminar_intervals(n, start, members, z)
    return found if found[0] is not None and len(found[0]) == n else None


def _pairs(points, duals, country, floor, capacity):
    """`price_pairs` with the odd sets as intervals when they are laminar,
    as bit rows otherwise."""
    family = laminar(len(points), duals)
    paid = potentials(duals, country)
    if family is not None:
        return price_pairs_laminar(points, paid, *family, floor, capacity)
    bits, values = set_bits(len(points), duals)
    return price_pairs(points, paid, bits, values, floor, capacity)


def price(
    points: np.ndarray, duals: Duals, country: np.ndarray, floor: float, limit: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Pairs whose points exceed what the dual pays by more than `floor`,
    the `limit` largest excesses first: (lo, hi, excess, how many in all)."""
    capacity = max(limit, 1)
    while True:
        lo, hi, excess, found, _ = _pairs(points, duals, country, floor, capacity)
        if found <= capacity:
            break
        capacity = found
    if len(excess) > limit:
        keep = np.argsort(-excess, kind="stable")[:limit]
        keep.sort()
        lo, hi, excess = lo[keep], hi[keep], excess[keep]
    return lo, hi, excess, found


def price_each(
    points: np.ndarray, duals: Duals, country: np.ndarray, floor: float, per_person: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """`price()` in one pass for column generation: of the pairs whose points
    exceed what the dual pays by more than `floor`, the `per_person` largest
    excesses of each person (as the lower index of the pair), and how many
    such pairs there are in all."""
    family = laminar(len(points), duals)
    paid = potentials(duals, country)
    if family is not None:
        return price_rows_laminar(points, paid, *family, floor, per_person)
    bits, values = set_bits(len(points), duals)
    return price_rows(points, paid, bits, values, floor, per_person)


def prove(points: np.ndarray, duals: Duals, country: np.ndarray) -> float:
    """The bound for these duals, made feasible on every allowed pair."""
    *_, worst = _pairs(points, duals, country, math.inf, 1)
    y = duals.y + worst  # now every allowed pair is paid for in full
    terms = [
        float(y.sum()),
        sum(
            float(z) * (len(s) - 1) / 2
            for z, s in zip(duals.z.tolist(), duals.sets, strict=True)
        ),
        -duals.mu * duals.nu,
        sum(value * duals.budgets[c] for c, value in duals.rho.items()),
    ]
    return math.fsum(terms)


def best_possible(bound: float, achieved: int) -> int:
    """The bound as a whole number of points: scores are integers, so the best
    possible is the bound rounded down (after a margin far above the float
    error of the sums), and never below what was achieved."""
    margin = 1e-7 * max(1.0, abs(bound))
    return max(achieved, math.floor(bound + margin))
