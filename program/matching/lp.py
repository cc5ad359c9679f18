"""The linear programme of a maximum weight matching, solved with HiGHS.

    maximise    sum_e w_e x_e
    subject to  x(delta(v)) <= 1              for every person v      (y_v)
                x(E[S]) <= (|S| - 1) / 2      for odd sets S found    (z_S)
                x(E) >= nu                    when nu is known        (mu)
                sum_{v in c} x(delta(v)) <= b for capped countries c  (rho_c)
                x >= 0

over the edges given so far (the candidate graph, then whatever pricing
adds). With every odd-set row it would describe the matching polytope
(Edmonds), whose corners are matchings; rows are added only when the
optimum breaks one (`odd_sets`, Padberg and Rao's separation on the
fractional part). Rows and columns are added to the same HiGHS model, so
each solve starts from the previous basis.

The duals in brackets are what `bound.py` turns into a proof. Used for the
bound of rounds with a country cap (optimum.prove_capped); peer and
mentor/mentee rounds without one are solved combinatorially (blossom.py,
assignment.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import highspy
import numba as nb
import numpy as np

INF = highspy.kHighsInf
TOLERANCE = 1e-6  # primal values this close to 0 or 1 are taken as 0 or 1
EXACT_SEPARATION_UP_TO = 60  # vertices of a fractional part for Padberg-Rao


@dataclass
class Duals:
    """The dual values of the programme (see the module docstring)."""

    y: np.ndarray  # per vertex, >= 0
    sets: list[np.ndarray]  # the odd sets, as vertex index arrays
    z: np.ndarray  # per odd set, >= 0
    mu: float  # cardinality (the row's dual plus the bonus per pair), >= 0
    nu: int  # the cardinality row's right-hand side (0 without one)
    rho: dict[int, float]  # per capped country code, >= 0
    budgets: dict[int, int]


class MatchingLP:
    def __init__(self, n: int, country: np.ndarray | None = None) -> None:
        self.n = n
        self.country = country
        highs = highspy.Highs()
        for name, value in (
            ("output_flag", False),
            ("presolve", "off"),
            ("threads", 1),
            ("random_seed", 0),
        ):
            highs.setOptionValue(name, value)
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        none = np.zeros(0, dtype=np.int32)
        highs.addRows(
            n, np.full(n, -INF), np.ones(n), 0, none.copy(), none, np.zeros(0)
        )
        self.highs = highs
        self.lo = np.zeros(0, dtype=np.int64)
        self.hi = np.zeros(0, dtype=np.int64)
        self.w = np.zeros(0, dtype=np.float64)
        self.keys: set[int] = set()
        self.sets: list[np.ndarray] = []
        self.set_masks: list[np.ndarray] = []
        self.set_rows: list[int] = []
        self.card_row: int | None = None
        self.nu = 0
        self.bonus = 0.0
        self.cap_rows: dict[int, int] = {}
        self.budgets: dict[int, int] = {}
        self.rows = n

    # Building --------------------------------------------------------------------

    def has(self, i: int, j: int) -> bool:
        return min(i, j) * self.n + max(i, j) in self.keys

    def add_edges(self, lo: np.ndarray, hi: np.ndarray, w: np.ndarray) -> int:
        """Add columns for the edges not yet in the programme; returns how many."""
        lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
        keys = lo * self.n + hi
        _, first = np.unique(keys, return_index=True)
        first.sort()
        fresh = [k for k in first.tolist() if int(keys[k]) not in self.keys]
        if not fresh:
            return 0
        lo, hi, w = lo[fresh], hi[fresh], np.asarray(w, dtype=np.float64)[fresh]
        self.keys.update((lo * self.n + hi).tolist())
        count = len(lo)
        every = np.arange(count)
        # (column, row, coefficient) of every entry, then sorted by column.
        column = [every, every]
        row = [lo, hi]
        value = [np.ones(count), np.ones(count)]
        if self.card_row is not None:
            column.append(every)
            row.append(np.full(count, self.card_row))
            value.append(np.ones(count))
        for mask, set_row in zip(self.set_masks, self.set_rows, strict=True):
            inside = np.flatnonzero(mask[lo] & mask[hi])
            column.append(inside)
            row.append(np.full(len(inside), set_row))
            value.append(np.ones(len(inside)))
        for c, cap_row in self.cap_rows.items():
            ends = (self.country[lo] == c).astype(np.float64) + (self.country[hi] == c)
            inside = np.flatnonzero(ends)
            column.append(inside)
            row.append(np.full(len(inside), cap_row))
            value.append(ends[inside])
        columns = np.concatenate(column)
        order = np.argsort(columns, kind="stable")
        index = np.concatenate(row)[order].astype(np.int32)
        starts = np.searchsorted(columns[order], every).astype(np.int32)
        costs = w + self.bonus
        self.highs.addCols(
            count, costs, np.zeros(count), np.full(count, INF), len(index), starts,
            index, np.concatenate(value)[order],
        )  # fmt: skip
        self.lo = np.concatenate([self.lo, lo])
        self.hi = np.concatenate([self.hi, hi])
        self.w = np.concatenate([self.w, w])
        return count

    def add_odd_sets(self, sets: list[np.ndarray]) -> None:
        for members in sets:
            mask = np.zeros(self.n, dtype=bool)
            mask[members] = True
            inside = np.flatnonzero(mask[self.lo] & mask[self.hi])
            self._add_row(-INF, (len(members) - 1) / 2, inside)
            self.sets.append(np.sort(members))
            self.set_masks.append(mask)
            self.set_rows.append(self.rows - 1)

    def require_cardinality(self, nu: int) -> None:
        """At least `nu` edges (the most any matching has): the optimum is
        then the best among the matchings of the most people."""
        if self.card_row is None:
            self._add_row(nu, INF, np.arange(len(self.lo)))
            self.card_row = self.rows - 1
        else:
            self.highs.changeRowBounds(self.card_row, nu, INF)
        self.nu = nu

    def cap_countries(self, budgets: dict[int, int]) -> None:
        """At most budgets[c] matched people of country code c."""
        for c, budget in budgets.items():
            ends = (self.country[self.lo] == c).astype(np.float64)
            ends += self.country[self.hi] == c
            columns = np.flatnonzero(ends)
            self._add_row(-INF, budget, columns, ends[columns])
            self.cap_rows[c] = self.rows - 1
            self.budgets[c] = budget

    def _add_row(self, lower, upper, columns, values=None) -> None:
        columns = np.asarray(columns, dtype=np.int32)
        if values is None:
            values = np.ones(len(columns))
        self.highs.addRows(
            1, np.array([lower], dtype=np.float64), np.array([upper], dtype=np.float64),
            len(columns), np.array([0], dtype=np.int32), columns,
            np.asarray(values, dtype=np.float64),
        )  # fmt: skip
        self.rows += 1

    # Solving ---------------------------------------------------------------------

    def solve(self) -> bool:
        """Solve from the last basis; False if HiGHS found no optimum."""
        self.highs.run()
        return self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal

    def values(self) -> np.ndarray:
        return np.asarray(self.highs.getSolution().col_value, dtype=np.float64)

    def duals(self) -> Duals:
        row = np.asarray(self.highs.getSolution().row_dual, dtype=np.float64)
        mu = self.bonus
        if self.card_row is not None:
            mu += max(0.0, -float(row[self.card_row]))  # a >= row: dual <= 0
        return Duals(
            y=np.maximum(row[: self.n], 0.0),
            sets=list(self.sets),
            z=np.maximum(row[self.set_rows], 0.0) if self.set_rows else np.zeros(0),
            mu=mu,
            nu=self.nu,
            rho={c: max(0.0, float(row[r])) for c, r in self.cap_rows.items()},
            budgets=dict(self.budgets),
        )

    def odd_sets(self) -> list[np.ndarray]:
        """Odd sets whose row the current optimum breaks (see `odd_sets`)."""
        return odd_sets(self.lo, self.hi, self.values())


# Separation ----------------------------------------------------------------------


def odd_sets(lo: np.ndarray, hi: np.ndarray, x: np.ndarray) -> list[np.ndarray]:
    """Odd vertex sets S with x(E[S]) > (|S| - 1) / 2, from the fractional part.

    An odd set is broken exactly when x(delta(S)) + slack(S) < 1 (slack: 1 -
    x(delta(v))), and a smallest such S lies within one connected part of the
    edges with 0 < x < 1 (a vertex there has no edge at 1). Per part: the whole
    part if it is odd and broken (an odd cycle of halves), else Padberg and
    Rao: the odd cuts of a Gomory-Hu tree of the part plus one vertex that
    carries the slacks include a minimum one.
    """
    fractional = np.flatnonzero((x > TOLERANCE) & (x < 1 - TOLERANCE))
    if not fractional.size:
        return []
    parent: dict[int, int] = {}

    def find(v: int) -> int:
        while parent.setdefault(v, v) != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for e in fractional.tolist():
        a, b = find(int(lo[e])), find(int(hi[e]))
        if a != b:
            parent[max(a, b)] = min(a, b)
    parts: defaultdict[int, list[int]] = defaultdict(list)
    for e in fractional.tolist():
        parts[find(int(lo[e]))].append(e)
    found = []
    for edges in parts.values():
        vertices = sorted({int(lo[e]) for e in edges} | {int(hi[e]) for e in edges})
        inside = float(x[edges].sum())
        exact = []
        if len(vertices) <= EXACT_SEPARATION_UP_TO:
            exact = _padberg_rao(vertices, lo[edges], hi[edges], x[edges])
        if exact:
            found += exact
        elif len(vertices) % 2 and inside > (len(vertices) - 1) / 2 + TOLERANCE:
            found.append(np.array(vertices, dtype=np.int64))
    return found


def _padberg_rao(vertices, lo, hi, x) -> list[np.ndarray]:
    k = len(vertices)
    where = {v: i for i, v in enumerate(vertices)}
    capacity = np.zeros((k + 1, k + 1))
    for a, b, value in zip(lo.tolist(), hi.tolist(), x.tolist(), strict=True):
        capacity[where[a], where[b]] += value
        capacity[where[b], where[a]] += value
    slack = np.maximum(1 - capacity[:k, :k].sum(axis=1), 0)
    capacity[:k, k] = capacity[k, :k] = slack  # vertex k carries the slacks
    # Gusfield's algorithm: k minimum cuts give a Gomory-Hu tree.
    tree = [0] * (k + 1)
    found = []
    seen = set()
    for s in range(1, k + 1):
        value, side = _min_cut(capacity, s, tree[s])
        for t in range(s + 1, k + 1):
            if side[t] and tree[t] == tree[s]:
                tree[t] = s
        if value >= 1 - TOLERANCE:
            continue
        members = [i for i in range(k) if side[i] != side[k]]  # away from slack
        key = tuple(members)
        if len(members) % 2 and len(members) >= 3 and key not in seen:
            seen.add(key)
            found.append(np.array([vertices[i] for i in members], dtype=np.int64))
    return found


@nb.njit(cache=True)
def _min_cut(capacity: np.ndarray, s: int, t: int) -> tuple[float, np.ndarray]:
    """Maximum flow s -> t (shortest augmenting paths); returns its value and
    the source side of a minimum cut. Compiled: Gusfield's tree needs one
    per vertex of every fractional part."""
    size = len(capacity)
    residual = capacity.copy()
    total = 0.0
    previous = np.empty(size, dtype=np.int64)
    queue = np.empty(size, dtype=np.int64)
    while True:
        previous[:] = -1
        previous[s] = s
        queue[0] = s
        head, tail = 0, 1
        while head < tail and previous[t] < 0:
            v = queue[head]
            head += 1
            for u in range(size):
                if previous[u] < 0 and residual[v, u] > 1e-12:
                    previous[u] = v
                    queue[tail] = u
                    tail += 1
        if previous[t] < 0:
            return total, previous >= 0
        push = np.inf
        v = t
        while v != s:
            push = min(push, residual[previous[v], v])
            v = previous[v]
        v = t
        while v != s:
            residual[previous[v], v] -= push
            residual[v, previous[v]] += push
            v = previous[v]
        total += push
