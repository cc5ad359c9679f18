"""The loops over every pair of people, compiled with numba.

Three passes are quadratic in the pool: the points of every pair (with the
pairs the rules forbid marked -1), each person's best candidates, and the
pricing of every pair against the dual of the matching problem (see
`bound.py`). In numpy each is a dozen passes over n^2 temporary arrays
(6 s at 10,000 people); a compiled loop reads each pair once (0.3 s). The
compiled code is cached beside this file (or in numba's user cache when that
folder is read-only), so only the first run on a machine compiles.
"""

from __future__ import annotations

import numba as nb
import numpy as np

M1 = np.uint64(0x5555555555555555)
M2 = np.uint64(0x3333333333333333)
M4 = np.uint64(0x0F0F0F0F0F0F0F0F)
H01 = np.uint64(0x0101010101010101)


@nb.njit(cache=True, inline="always")
def _popcount(x):
    x = x - ((x >> np.uint64(1)) & M1)
    x = (x & M2) + ((x >> np.uint64(2)) & M2)
    x = (x + (x >> np.uint64(4))) & M4
    return int((x * H01) >> np.uint64(56))


@nb.njit(cache=True)
def pair_points(
    languages,
    country,
    mentor,
    mentor_mode,
    allow_same_country,
    interests,
    interest_count,
    interest_table,
    interest_width,
    sector,
    sector_points,
    stage_code,
    stage_table,
    stage_width,
    offset,
    timezone_table,
    out,
):
    """Fill `out` (n x n) with the points of every pair, -1 where the base
    rules (self, role, language, country) forbid it. `timezone_table` is read
    at offset[i] - offset[j] + 1440. The matrix is symmetric: each pair is
    computed once, in tiles small enough that writing the mirror image stays
    in the cache."""
    n = country.shape[0]
    tile = 64
    for i in range(n):
        out[i, i] = -1
    for start_i in range(0, n, tile):
        for start_j in range(start_i, n, tile):
            for i in range(start_i, min(start_i + tile, n)):
                for j in range(max(start_j, i + 1), min(start_j + tile, n)):
                    value = _points(
                        i,
                        j,
                        languages,
                        country,
                        mentor,
                        mentor_mode,
                        allow_same_country,
                        interests,
                        interest_count,
                        interest_table,
                        interest_width,
                        sector,
                        sector_points,
                        stage_code,
                        stage_table,
                        stage_width,
                        offset,
                        timezone_table,
                    )
                    out[i, j] = value
                    out[j, i] = value


@nb.njit(cache=True, inline="always")
def _points(
    i,
    j,
    languages,
    country,
    mentor,
    mentor_mode,
    allow_same_country,
    interests,
    interest_count,
    interest_table,
    interest_width,
    sector,
    sector_points,
    stage_code,
    stage_table,
    stage_width,
    offset,
    timezone_table,
):
    if mentor_mode and mentor[i] == mentor[j]:
        return -1
    if not allow_same_country and country[i] == country[j]:
        return -1
    shared_language = False
    for w in range(languages.shape[1]):
        if languages[i, w] & languages[j, w]:
            shared_language = True
    if not shared_language:
        return -1
    shared = 0
    for w in range(interests.shape[1]):
        shared += _popcount(interests[i, w] & interests[j, w])
    smaller = min(interest_count[i], interest_count[j])
    total = interest_table[shared * interest_width + smaller]
    if sector[i] >= 0 and sector[i] == sector[j]:
        total += sector_points
    if mentor_mode and not mentor[i]:
        total += stage_table[stage_code[j] * stage_width + stage_code[i]]
    else:
        total += stage_table[stage_code[i] * stage_width + stage_code[j]]
    return total + timezone_table[offset[i] - offset[j] + 1440]


@nb.njit(cache=True)
def best_candidates(points, k, top):
    """Each row's k best compatible columns (ties: lowest column first; `top`
    is the largest value in `points`), as
    two arrays (row, column), and each row's number of compatible columns;
    a row with k or fewer compatible keeps all."""
    n = points.shape[0]
    rows = np.empty(n * k, dtype=np.int64)
    cols = np.empty(n * k, dtype=np.int64)
    degree = np.zeros(n, dtype=np.int64)
    count = np.zeros(top + 2, dtype=np.int64)
    found = 0
    for i in range(n):
        count[:] = 0
        compatible = 0
        for j in range(n):
            if points[i, j] >= 0:
                count[points[i, j]] += 1
                compatible += 1
        degree[i] = compatible
        # The threshold: the k-th best value of the row, and how many of the
        # columns at it are taken.
        threshold, at_threshold, above = -1, 0, 0
        if compatible > k:
            for value in range(top, -1, -1):
                if above + count[value] >= k:
                    threshold = value
                    at_threshold = k - above
                    break
                above += count[value]
        for j in range(n):
            value = points[i, j]
            if value < 0 or value < threshold:
                continue
            if value == threshold and threshold >= 0:
                if at_threshold == 0:
                    continue
                at_threshold -= 1
            rows[found] = i
            cols[found] = j
            found += 1
    return rows[:found], cols[:found], degree


@nb.njit(cache=True)
def price_pairs(points, potential, set_bits, set_values, floor, capacity):
    """Every pair (i < j) whose points exceed what the dual pays for it by
    more than `floor`: points - potential[i] - potential[j] - Z(i, j) > floor,
    where Z sums `set_values` over the odd sets holding both (`set_bits`).

    Returns the pairs and their excess (up to `capacity`; the count says how
    many there are in all) and, per person, the largest excess over their
    pairs, never below 0 (what repairs the dual to feasibility)."""
    n = points.shape[0]
    rows = np.empty(capacity, dtype=np.int64)
    cols = np.empty(capacity, dtype=np.int64)
    excess = np.empty(capacity, dtype=np.float64)
    worst = np.zeros(n, dtype=np.float64)
    words = set_bits.shape[1]
    found = 0
    for i in range(n):
        for j in range(i + 1, n):
            value = points[i, j]
            if value < 0:
                continue
            gain = value - potential[i] - potential[j]
            if gain <= floor and gain <= 0.0:
                continue
            for w in range(words):
                both = set_bits[i, w] & set_bits[j, w]
                while both:
                    low = both & (~both + np.uint64(1))
                    bit = _popcount(low - np.uint64(1))
                    gain -= set_values[w * 64 + bit]
                    both ^= low
            if gain > worst[i]:
                worst[i] = gain
            if gain > worst[j]:
                worst[j] = gain
            if gain > floor:
                if found < capacity:
                    rows[found] = i
                    cols[found] = j
                    excess[found] = gain
                found += 1
    kept = min(found, capacity)
    return rows[:kept], cols[:kept], excess[:kept], found, worst


@nb.njit(cache=True)
def price_rows(points, potential, set_bits, set_values, floor, per_row):
    """`price_pairs` for column generation: every pair (i < j) whose excess
    is above `floor`, but only the `per_row` largest of each row i are kept,
    so one pass brings the worst pairs of every person, not of the first
    rows scanned. Returns (rows, columns, excess) and how many there are in
    all."""
    n = points.shape[0]
    best_col = np.full((n, per_row), -1, dtype=np.int64)
    best_gain = np.full((n, per_row), -np.inf, dtype=np.float64)
    words = set_bits.shape[1]
    found = 0
    for i in range(n):
        for j in range(i + 1, n):
            value = points[i, j]
            if value < 0:
                continue
            gain = value - potential[i] - potential[j]
            if gain <= floor:
                continue
            for w in range(words):
                both = set_bits[i, w] & set_bits[j, w]
                while both:
                    low = both & (~both + np.uint64(1))
                    bit = _popcount(low - np.uint64(1))
                    gain -= set_values[w * 64 + bit]
                    both ^= low
            if gain <= floor:
                continue
            found += 1
            # Insert into row i's short list, kept sorted (largest first).
            k = per_row - 1
            if gain <= best_gain[i, k]:
                continue
            while k > 0 and best_gain[i, k - 1] < gain:
                best_gain[i, k] = best_gain[i, k - 1]
                best_col[i, k] = best_col[i, k - 1]
                k -= 1
            best_gain[i, k] = gain
            best_col[i, k] = j
    rows = np.empty(n * per_row, dtype=np.int64)
    cols = np.empty(n * per_row, dtype=np.int64)
    excess = np.empty(n * per_row, dtype=np.float64)
    kept = 0
    for i in range(n):
        for k in range(per_row):
            if best_col[i, k] < 0:
                break
            rows[kept] = i
            cols[kept] = best_col[i, k]
            excess[kept] = best_gain[i, k]
            kept += 1
    return rows[:kept], cols[:kept], excess[:kept], found


@nb.njit(cache=True, inline="always")
def _row_sets(i, pos, anc_start, anc_lo, anc_hi, anc_z, zrow):
    """Fill zrow (by position) with the z that sets holding person i pay for
    each pair of i: the sets are intervals of positions (a laminar family in
    the order of a walk of its tree). Returns the span written (lo, hi)."""
    first = anc_start[i]
    last = anc_start[i + 1]
    if first == last:
        return 0, 0
    lo = anc_lo[first]
    hi = anc_hi[first]
    for k in range(first, last):
        if anc_lo[k] < lo:
            lo = anc_lo[k]
        if anc_hi[k] > hi:
            hi = anc_hi[k]
    for p in range(lo, hi + 1):
        zrow[p] = 0.0
    for k in range(first, last):
        zrow[anc_lo[k]] += anc_z[k]
        zrow[anc_hi[k]] -= anc_z[k]
    running = 0.0
    for p in range(lo, hi):
        running += zrow[p]
        zrow[p] = running
    return lo, hi


@nb.njit(cache=True)
def price_pairs_laminar(
    points, potential, pos, anc_start, anc_lo, anc_hi, anc_z, floor, capacity
):
    """`price_pairs` for a laminar family of odd sets, given as intervals
    [anc_lo, anc_hi) of positions `pos` (each person's sets listed in
    anc_*[anc_start[i]:anc_start[i + 1]]): the z a pair pays is read from one
    row of sums per person, O(n) per person instead of per pair and set."""
    n = points.shape[0]
    rows = np.empty(capacity, dtype=np.int64)
    cols = np.empty(capacity, dtype=np.int64)
    excess = np.empty(capacity, dtype=np.float64)
    worst = np.zeros(n, dtype=np.float64)
    zrow = np.zeros(n + 1, dtype=np.float64)
    found = 0
    for i in range(n):
        lo, hi = _row_sets(i, pos, anc_start, anc_lo, anc_hi, anc_z, zrow)
        for j in range(i + 1, n):
            value = points[i, j]
            if value < 0:
                continue
            gain = value - potential[i] - potential[j]
            if gain <= floor and gain <= 0.0:
                continue
            p = pos[j]
            if lo <= p < hi:
                gain -= zrow[p]
            if gain > worst[i]:
                worst[i] = gain
            if gain > worst[j]:
                worst[j] = gain
            if gain > floor:
                if found < capacity:
                    rows[found] = i
                    cols[found] = j
                    excess[found] = gain
                found += 1
    kept = min(found, capacity)
    return rows[:kept], cols[:kept], excess[:kept], found, worst


@nb.njit(cache=True)
def price_rows_laminar(
    points, potential, pos, anc_start, anc_lo, anc_hi, anc_z, floor, per_row
):
    """`price_rows` for a laminar family of odd sets (as in
    `price_pairs_laminar`). Serial on purpose: numba's default threading
    layer aborts the process if two threads (two matching runs in one
    server) launch parallel code at once."""
    n = points.shape[0]
    best_col = np.full((n, per_row), -1, dtype=np.int64)
    best_gain = np.full((n, per_row), -np.inf, dtype=np.float64)
    found_in = np.zeros(n, dtype=np.int64)
    zrow = np.zeros(n + 1, dtype=np.float64)
    for i in range(n):
        lo, hi = _row_sets(i, pos, anc_start, anc_lo, anc_hi, anc_z, zrow)
        found = 0
        for j in range(i + 1, n):
            value = points[i, j]
            if value < 0:
                continue
            gain = value - potential[i] - potential[j]
            if gain <= floor:
                continue
            p = pos[j]
            if lo <= p < hi:
                gain -= zrow[p]
                if gain <= floor:
                    continue
            found += 1
            k = per_row - 1
            if gain <= best_gain[i, k]:
                continue
            while k > 0 and best_gain[i, k - 1] < gain:
                best_gain[i, k] = best_gain[i, k - 1]
                best_col[i, k] = best_col[i, k - 1]
                k -= 1
            best_gain[i, k] = gain
            best_col[i, k] = j
        found_in[i] = found
    rows = np.empty(n * per_row, dtype=np.int64)
    cols = np.empty(n * per_row, dtype=np.int64)
    excess = np.empty(n * per_row, dtype=np.float64)
    kept = 0
    for i in range(n):
        for k in range(per_row):
            if best_col[i, k] < 0:
                break
            rows[kept] = i
            cols[kept] = best_col[i, k]
            excess[kept] = best_gain[i, k]
            kept += 1
    return rows[:kept], cols[:kept], excess[:kept], found_in.sum()


@nb.njit(cache=True)
def laminar_intervals(n, start, members, z):
    """A family of sets (set k: members[start[k]:start[k + 1]], value z[k])
    as intervals of one order of the people, if it is laminar: (pos,
    anc_start, anc_lo, anc_hi, anc_z) for the laminar kernels, where person
    i's sets are anc_*[anc_start[i]:anc_start[i + 1]]; an empty pos if it is
    not laminar."""
    count = len(z)
    sizes = start[1:] - start[:-1]
    by_size = np.argsort(-sizes, kind="mergesort")
    inner = np.full(n, -1, dtype=np.int64)
    parent = np.full(count, -1, dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    for k in by_size:
        first = start[k]
        last = start[k + 1]
        if first == last:
            continue
        holder = inner[members[first]]
        for q in range(first, last):
            if inner[members[q]] != holder:
                return empty, empty, empty, empty, np.zeros(0)
        parent[k] = holder
        for q in range(first, last):
            inner[members[q]] = k
    # Children and people of each set, then a walk of the tree: a set's
    # people, then its children's.
    child_count = np.zeros(count + 1, dtype=np.int64)
    for k in range(count):
        child_count[parent[k] + 1] += 1
    child_start = np.zeros(count + 2, dtype=np.int64)
    for k in range(count + 1):
        child_start[k + 1] = child_start[k] + child_count[k]
    children = np.empty(count, dtype=np.int64)
    fill = child_start.copy()
    for k in range(count):
        children[fill[parent[k] + 1]] = k
        fill[parent[k] + 1] += 1
    people_count = np.zeros(count + 1, dtype=np.int64)
    for v in range(n):
        people_count[inner[v] + 1] += 1
    people_start = np.zeros(count + 2, dtype=np.int64)
    for k in range(count + 1):
        people_start[k + 1] = people_start[k] + people_count[k]
    people = np.empty(n, dtype=np.int64)
    fill = people_start.copy()
    for v in range(n):
        people[fill[inner[v] + 1]] = v
        fill[inner[v] + 1] += 1
    pos = np.empty(n, dtype=np.int64)
    lo = np.zeros(count, dtype=np.int64)
    hi = np.zeros(count, dtype=np.int64)
    placed = 0
    # Node k + 1 for set k, node 0 for "in no set"; the stack holds node
    # codes, negative when leaving.
    stack = np.empty(2 * count + 2, dtype=np.int64)
    top = 0
    stack[top] = 0
    top += 1
    while top:
        top -= 1
        node = stack[top]
        if node < 0:
            hi[-node - 2] = placed
            continue
        if node > 0:
            lo[node - 1] = placed
            stack[top] = -node - 1
            top += 1
        for q in range(people_start[node], people_start[node + 1]):
            pos[people[q]] = placed
            placed += 1
        for q in range(child_start[node], child_start[node + 1]):
            stack[top] = children[q] + 1
            top += 1
    depth = np.zeros(n + 1, dtype=np.int64)
    for v in range(n):
        k = inner[v]
        d = 0
        while k >= 0:
            d += 1
            k = parent[k]
        depth[v + 1] = depth[v] + d
    anc_lo = np.empty(depth[n], dtype=np.int64)
    anc_hi = np.empty(depth[n], dtype=np.int64)
    anc_z = np.empty(depth[n], dtype=np.float64)
    for v in range(n):
        k = inner[v]
        q = depth[v]
        while k >= 0:
            anc_lo[q] = lo[k]
            anc_hi[q] = hi[k]
            anc_z[q] = z[k]
            q += 1
            k = parent[k]
    return pos, depth, anc_lo, anc_hi, anc_z
