"""Peer mode: a maximum weight matching of a general graph and the dual that
proves it, started from a half-integral optimum.

Edmonds' primal-dual blossom method (as described by Galil, 1986), written
for a warm start. Every person v carries y_v >= 0, every blossom B (an odd
set of people, nested) z_B >= 0, with

    y_u + y_v + sum_{B holds u, v} z_B >= w_uv          for every pair,

equality on the pairs matched, y = 0 on the people left out, and z_B > 0
only where B is full (holds (|B| - 1) / 2 pairs of the matching): then the
matching is a maximum weight one and (y, z) proves it (weak duality).

The start (`solve_peer`): the bipartite double cover (each person a left and
a right copy, each pair {u, v} the edges L_u R_v and L_v R_u) is solved by
the Hungarian method (assignment.py); its duals averaged over the two copies
are an optimal dual of the matching programme without odd-set rows, and
every pair it uses either way is tight for them. Its assignment read as a
map u -> sigma(u) splits into paths and cycles; taking every other pair of
each gives a matching of tight pairs that leaves out one person per odd
cycle, and the people left out with y > 0 are few. The method below only
has to fix those.

Stages: every person left out with y > 0 is the root of an alternating tree
(S: outer, T: inner, both per top-level blossom). Tight pairs grow the trees
(to an unlabelled person's blossom: T, and its mate's: S), close blossoms
(two S in one tree) or augment (two trees, or a tree and a person left out
with y = 0). When no tight pair is left, the dual moves by delta:
y -= delta on S people, += delta on T people, z += 2 delta on S blossoms,
-= 2 delta on T blossoms, with delta the least of: an S person's y (it
reaches 0: the path from its root to it flips, and it is the one left out),
an S - unlabelled slack, half an S - S slack, half a T blossom's z (it
opens). A stage ends at each augmentation or person reaching 0; the method
ends when no one left out has y > 0.

Integers throughout: weights and duals are scaled by `scale` (a power of 2),
doubled again if half an S - S slack is ever odd.

Blossoms are cycles of their children (people or blossoms): `nxt`/`prv`
link the children of each blossom, `ea[c]`, `eb[c]` the pair from child c
to the next (ea in c, eb in the next), `first[b]` is the child holding the
base. Ids 0..n-1 are people, n..2n-1 blossoms.
"""

from __future__ import annotations

import heapq

import numba as nb
import numpy as np

FREE, OUTER, INNER = 0, 1, 2
NONE = -1
MAX_SCALE = 1 << 32  # with weights below 2^31, keys stay far from 2^63


@nb.njit(cache=True)
def _leaves(b, n, first, nxt, out, stack):
    """The people inside b (b itself for a person) into `out`; their number."""
    count = 0
    top = 0
    stack[top] = b
    top += 1
    while top:
        top -= 1
        c = stack[top]
        if c < n:
            out[count] = c
            count += 1
            continue
        child = first[c]
        while True:
            stack[top] = child
            top += 1
            child = nxt[child]
            if child == first[c]:
                break
    return count


@nb.njit(cache=True)
def _rotate(b, v, n, mate, parent, first, nxt, prv, ea, eb, base, tasks):
    """Make person v the base of blossom b, flipping the pairs of the cycles
    on the way (Edmonds' augmentation inside a blossom); nested blossoms are
    handled from a work list."""
    top = 0
    tasks[top, 0] = b
    tasks[top, 1] = v
    top += 1
    while top:
        top -= 1
        b = tasks[top, 0]
        v = tasks[top, 1]
        t = v
        while parent[t] != b:
            t = parent[t]
        if t >= n:
            tasks[top, 0] = t
            tasks[top, 1] = v
            top += 1
        c0 = first[b]
        position = 0
        c = c0
        while c != t:
            c = nxt[c]
            position += 1
        if position % 2 == 1:
            # Forward: the pairs from t's successor on, every other one.
            c = nxt[t]
            while True:
                d = nxt[c]
                mate[ea[c]] = eb[c]
                mate[eb[c]] = ea[c]
                if c >= n:
                    tasks[top, 0] = c
                    tasks[top, 1] = ea[c]
                    top += 1
                if d >= n:
                    tasks[top, 0] = d
                    tasks[top, 1] = eb[c]
                    top += 1
                if d == c0:
                    break
                c = nxt[d]
        elif position > 0:
            # Backward: the pairs from two before t down to the base child.
            c = prv[prv[t]]
            while True:
                d = nxt[c]
                mate[ea[c]] = eb[c]
                mate[eb[c]] = ea[c]
                if c >= n:
                    tasks[top, 0] = c
                    tasks[top, 1] = ea[c]
                    top += 1
                if d >= n:
                    tasks[top, 0] = d
                    tasks[top, 1] = eb[c]
                    top += 1
                if c == c0:
                    break
                c = prv[prv[c]]
        first[b] = t
        base[b] = v


@nb.njit(cache=True)
def _augment(v, w, n, mate, top_of, parent, first, nxt, prv, ea, eb, base, labx,
             laby, tasks):  # fmt: skip
    """Flip the alternating path from v's root to v, v then matched to w
    (w = NONE: v is left out, the root matched)."""
    s = v
    p = w
    while True:
        bs = top_of[s]
        if bs >= n:
            _rotate(bs, s, n, mate, parent, first, nxt, prv, ea, eb, base, tasks)
        mate[s] = p
        if labx[bs] < 0:
            break
        t = labx[bs]
        bt = top_of[t]
        s2 = labx[bt]
        j = laby[bt]
        if bt >= n:
            _rotate(bt, j, n, mate, parent, first, nxt, prv, ea, eb, base, tasks)
        mate[j] = s2
        s = s2
        p = j


@nb.njit(cache=True, inline="always")
def _dual(v, y, tl, t, label, top_of):
    """Person v's y now (S people lose, T people gain what the clock ran
    since their label; the stored value is as of tl[v])."""
    lv = label[top_of[v]]
    if lv == OUTER:
        return y[v] - (t - tl[v])
    if lv == INNER:
        return y[v] + (t - tl[v])
    return y[v]


@nb.njit(cache=True)
def solve_warm(n, start, to, weight, mate, y, scale, counters):
    """The blossom method from a matching `mate` of tight pairs and a feasible
    dual `y` (see the module docstring; scaled by `scale`, with `weight`).
    Pairs of person v: to[start[v]:start[v + 1]]. Changes mate, y, weight in
    place; returns (scale, set_start, set_people, set_z): the blossoms with
    z > 0 as lists of people (z scaled). `counters` counts stages, dual
    steps and scale doublings.

    The dual moves lazily: a clock t runs by each step's delta; a labelled
    person's y is read as of the time its label was given (`_dual`), and a
    top blossom's z likewise. The least of each kind of delta comes from a
    heap keyed so that it needs no update as the clock runs: S people by
    y + t, S - free pairs by slack + t (re-keyed if the free end was T
    meanwhile), S - S pairs by slack + 2 t, T blossoms by z / 2 + t."""
    size = 2 * n
    top_of = np.arange(n, dtype=np.int64)
    parent = np.full(size, NONE, dtype=np.int64)
    first = np.full(size, NONE, dtype=np.int64)
    nxt = np.full(size, NONE, dtype=np.int64)
    prv = np.full(size, NONE, dtype=np.int64)
    ea = np.full(size, NONE, dtype=np.int64)
    eb = np.full(size, NONE, dtype=np.int64)
    base = np.arange(size, dtype=np.int64)
    label = np.zeros(size, dtype=np.int64)
    labx = np.full(size, NONE, dtype=np.int64)
    laby = np.full(size, NONE, dtype=np.int64)
    z = np.zeros(size, dtype=np.int64)
    tl = np.zeros(n, dtype=np.int64)
    tb = np.zeros(size, dtype=np.int64)
    used = np.zeros(size, dtype=np.bool_)
    free = np.arange(size - 1, n - 1, -1).astype(np.int64)
    free_top = n
    queue = np.empty(n, dtype=np.int64)
    leaves = np.empty(n, dtype=np.int64)
    stack = np.empty(size, dtype=np.int64)
    tasks = np.empty((size, 2), dtype=np.int64)
    mark = np.zeros(size, dtype=np.int64)
    stamp = 0
    path_a = np.empty(size, dtype=np.int64)
    path_b = np.empty(size, dtype=np.int64)
    seq = np.empty(size, dtype=np.int64)
    seq_a = np.empty(size, dtype=np.int64)
    seq_b = np.empty(size, dtype=np.int64)
    big = np.iinfo(np.int64).max
    t = np.int64(0)
    entry_type = (np.int64(0), np.int64(0), np.int64(0))

    while True:
        # A stage: every person left out with y > 0 is a root.
        t = np.int64(0)
        for b in range(size):
            label[b] = FREE
            labx[b] = NONE
            laby[b] = NONE
        heap1 = [entry_type]
        heap2 = [entry_type]
        heap3 = [entry_type]
        heap4 = [entry_type]
        heap1.pop()
        heap2.pop()
        heap3.pop()
        heap4.pop()
        qhead = 0
        qtail = 0
        for v in range(n):
            if mate[v] < 0 and y[v] > 0:
                b = top_of[v]
                label[b] = OUTER
                tb[b] = t
                count = _leaves(b, n, first, nxt, leaves, stack)
                for k in range(count):
                    x = leaves[k]
                    tl[x] = t
                    queue[qtail] = x
                    qtail += 1
                    heapq.heappush(heap1, (y[x] + t, x, NONE))
        if qtail == 0:
            break
        counters[0] += 1
        done = False
        # Events: kind 0 scan, 1 a person's y reached 0, 2 tight S - free
        # pair, 3 tight S - S pair, 4 a T blossom's z reached 0.
        kind = 0
        ev_v = NONE
        ev_w = NONE
        while not done:
            if kind == 0:
                if qhead == qtail:
                    kind = -1
                else:
                    ev_v = queue[qhead]
                    qhead += 1
            if kind == -1:
                # The dual step: the least delta of each kind.
                counters[1] += 1
                d1 = big
                d1_v = NONE
                if heap1:
                    d1 = heap1[0][0] - t
                    d1_v = heap1[0][1]
                d2 = big
                d2_v = NONE
                d2_w = NONE
                while heap2:
                    key, v, w = heap2[0]
                    bw = top_of[w]
                    if top_of[v] == bw or label[bw] != FREE:
                        heapq.heappop(heap2)
                        continue
                    slack = (y[v] - (t - tl[v])) + y[w] - weight[_edge(start, to, v, w)]
                    if slack != key - t:
                        heapq.heapreplace(heap2, (slack + t, v, w))
                        continue
                    d2, d2_v, d2_w = slack, v, w
                    break
                d3 = big
                d3_v = NONE
                d3_w = NONE
                while heap3:
                    key, v, w = heap3[0]
                    if top_of[v] == top_of[w]:
                        heapq.heappop(heap3)
                        continue
                    d3, d3_v, d3_w = key - 2 * t, v, w
                    break
                d4 = big
                d4_b = NONE
                while heap4:
                    key, b, _ = heap4[0]
                    if not used[b] or parent[b] >= 0 or label[b] != INNER:
                        heapq.heappop(heap4)
                        continue
                    d4, d4_b = key - t, b
                    break
                best = min(d1, d2, d4)
                if d3_v >= 0 and d3 % 2 == 1 and d3 // 2 < best:
                    # Half this slack is not whole: double the scale.
                    if scale >= MAX_SCALE:
                        raise ValueError("blossom method: scale overflow")
                    scale *= 2
                    counters[3] += 1
                    t *= 2
                    for v in range(n):
                        y[v] *= 2
                        tl[v] *= 2
                    for b in range(size):
                        z[b] *= 2
                        tb[b] *= 2
                    for e in range(len(weight)):
                        weight[e] *= 2
                    _double_keys(heap1)
                    _double_keys(heap2)
                    _double_keys(heap3)
                    _double_keys(heap4)
                    continue
                kind = 1
                delta = d1
                if d2 < delta:
                    kind = 2
                    delta = d2
                if d3_v >= 0 and d3 // 2 < delta:
                    kind = 3
                    delta = d3 // 2
                if d4 < delta:
                    kind = 4
                    delta = d4
                t += delta
                if kind == 1:
                    # Person d1_v's y is 0: flip the path from its root so
                    # that it is the one left out.
                    _augment(d1_v, NONE, n, mate, top_of, parent, first, nxt,
                             prv, ea, eb, base, labx, laby, tasks)  # fmt: skip
                    done = True
                    continue
                if kind == 2:
                    ev_v, ev_w = d2_v, d2_w
                elif kind == 3:
                    ev_v, ev_w = d3_v, d3_w
                else:
                    # Open the T blossom d4_b (z = 0): its people keep the y
                    # they have now.
                    b = d4_b
                    count = _leaves(b, n, first, nxt, leaves, stack)
                    for k in range(count):
                        x = leaves[k]
                        y[x] += t - tl[x]
                        tl[x] = t
                    entry = laby[b]
                    c0 = first[b]
                    c = c0
                    while True:
                        label[c] = FREE
                        labx[c] = NONE
                        laby[c] = NONE
                        tb[c] = t
                        c = nxt[c]
                        if c == c0:
                            break
                    c = c0
                    while True:
                        following = nxt[c]
                        parent[c] = NONE
                        count = _leaves(c, n, first, nxt, leaves, stack)
                        for k in range(count):
                            top_of[leaves[k]] = c
                        c = following
                        if c == c0:
                            break
                    t_child = top_of[entry]
                    position = 0
                    c = c0
                    while c != t_child:
                        c = nxt[c]
                        position += 1
                    # The path from the entry child to the base child
                    # alternates T, S; the children off it are free.
                    label[t_child] = INNER
                    labx[t_child] = labx[b]
                    laby[t_child] = laby[b]
                    if t_child >= n:
                        heapq.heappush(heap4, (z[t_child] // 2 + t, t_child, NONE))
                    c = t_child
                    while c != c0:
                        if position % 2 == 1:
                            d = nxt[c]
                            labx[d] = ea[c]
                            laby[d] = eb[c]
                            e2 = nxt[d]
                            labx[e2] = ea[d]
                            laby[e2] = eb[d]
                        else:
                            d = prv[c]
                            labx[d] = eb[d]
                            laby[d] = ea[d]
                            e2 = prv[d]
                            labx[e2] = eb[e2]
                            laby[e2] = ea[e2]
                        label[d] = OUTER
                        label[e2] = INNER
                        if e2 >= n:
                            heapq.heappush(heap4, (z[e2] // 2 + t, e2, NONE))
                        count = _leaves(d, n, first, nxt, leaves, stack)
                        for k in range(count):
                            x = leaves[k]
                            queue[qtail] = x
                            qtail += 1
                            heapq.heappush(heap1, (y[x] + t, x, NONE))
                        c = e2
                    # Free children: their pairs to S people are candidates.
                    c = c0
                    while True:
                        if label[c] == FREE:
                            count = _leaves(c, n, first, nxt, leaves, stack)
                            for k in range(count):
                                x = leaves[k]
                                for e in range(start[x], start[x + 1]):
                                    u = to[e]
                                    bu = top_of[u]
                                    if bu != c and label[bu] == OUTER:
                                        slack = (y[u] - (t - tl[u])) + y[x] - weight[e]
                                        heapq.heappush(heap2, (slack + t, u, x))
                        nxt_c = nxt[c]
                        nxt[c] = NONE
                        prv[c] = NONE
                        c = nxt_c
                        if c == c0:
                            break
                    used[b] = False
                    first[b] = NONE
                    label[b] = FREE
                    free[free_top] = b
                    free_top += 1
                    kind = -1 if qhead == qtail else 0
                    continue

            # Scan the pairs of S person ev_v (kind 0), or the one pair
            # (ev_v, ev_w) the dual step made tight (kinds 2 and 3).
            v = ev_v
            single = kind != 0
            e = start[v]
            end = start[v + 1]
            while single or e < end:
                if single:
                    w = ev_w
                    slack = 0
                else:
                    w = to[e]
                    e += 1
                bv = top_of[v]
                bw = top_of[w]
                if bw == bv:
                    if single:
                        break
                    continue
                lw = label[bw]
                if lw == INNER:
                    if single:
                        break
                    continue
                if not single:
                    slack = (
                        (y[v] - (t - tl[v]))
                        + _dual(w, y, tl, t, label, top_of)
                        - weight[e - 1]
                    )
                    if slack > 0:
                        if lw == FREE:
                            heapq.heappush(heap2, (slack + t, v, w))
                        else:
                            heapq.heappush(heap3, (slack + 2 * t, v, w))
                        continue
                if lw == FREE:
                    if mate[base[bw]] < 0:
                        # A person left out with y = 0: augment.
                        _augment(v, w, n, mate, top_of, parent, first, nxt,
                                 prv, ea, eb, base, labx, laby, tasks)  # fmt: skip
                        _augment(w, v, n, mate, top_of, parent, first, nxt,
                                 prv, ea, eb, base, labx, laby, tasks)  # fmt: skip
                        done = True
                        break
                    label[bw] = INNER
                    labx[bw] = v
                    laby[bw] = w
                    tb[bw] = t
                    if bw >= n:
                        heapq.heappush(heap4, (z[bw] // 2 + t, bw, NONE))
                    count = _leaves(bw, n, first, nxt, leaves, stack)
                    for k in range(count):
                        tl[leaves[k]] = t
                    m = mate[base[bw]]
                    bm = top_of[m]
                    label[bm] = OUTER
                    labx[bm] = base[bw]
                    laby[bm] = m
                    tb[bm] = t
                    count = _leaves(bm, n, first, nxt, leaves, stack)
                    for k in range(count):
                        x = leaves[k]
                        tl[x] = t
                        queue[qtail] = x
                        qtail += 1
                        heapq.heappush(heap1, (y[x] + t, x, NONE))
                else:
                    # The nearest common S blossom of the two, if any.
                    stamp += 1
                    a = bv
                    c = bw
                    common = NONE
                    while a != NONE or c != NONE:
                        if a != NONE:
                            if mark[a] == stamp:
                                common = a
                                break
                            mark[a] = stamp
                            a = NONE if labx[a] < 0 else top_of[labx[top_of[labx[a]]]]
                        if c != NONE:
                            if mark[c] == stamp:
                                common = c
                                break
                            mark[c] = stamp
                            c = NONE if labx[c] < 0 else top_of[labx[top_of[labx[c]]]]
                    if common == NONE:
                        _augment(v, w, n, mate, top_of, parent, first, nxt,
                                 prv, ea, eb, base, labx, laby, tasks)  # fmt: skip
                        _augment(w, v, n, mate, top_of, parent, first, nxt,
                                 prv, ea, eb, base, labx, laby, tasks)  # fmt: skip
                        done = True
                        break
                    # A new blossom: common, the path down to bv, the pair
                    # (v, w), the path up from bw.
                    la = 0
                    a = bv
                    while a != common:
                        path_a[la] = a
                        la += 1
                        tt = top_of[labx[a]]
                        path_a[la] = tt
                        la += 1
                        a = top_of[labx[tt]]
                    lb = 0
                    c = bw
                    while c != common:
                        path_b[lb] = c
                        lb += 1
                        tt = top_of[labx[c]]
                        path_b[lb] = tt
                        lb += 1
                        c = top_of[labx[tt]]
                    length = 0
                    seq[length] = common
                    length += 1
                    for k in range(la - 1, -1, -1):
                        a = path_a[k]
                        seq_a[length - 1] = labx[a]
                        seq_b[length - 1] = laby[a]
                        seq[length] = a
                        length += 1
                    seq_a[length - 1] = v
                    seq_b[length - 1] = w
                    for k in range(lb):
                        c = path_b[k]
                        seq[length] = c
                        seq_a[length] = laby[c]
                        seq_b[length] = labx[c]
                        length += 1
                    free_top -= 1
                    nb_ = free[free_top]
                    used[nb_] = True
                    z[nb_] = 0
                    tb[nb_] = t
                    for k in range(length):
                        c = seq[k]
                        parent[c] = nb_
                        nxt[c] = seq[(k + 1) % length]
                        prv[c] = seq[(k - 1) % length]
                        ea[c] = seq_a[k]
                        eb[c] = seq_b[k]
                        if c >= n:
                            if label[c] == OUTER:
                                z[c] += 2 * (t - tb[c])
                            else:
                                z[c] -= 2 * (t - tb[c])
                        if label[c] == INNER:
                            # T people become S: y as of now.
                            count = _leaves(c, n, first, nxt, leaves, stack)
                            for q in range(count):
                                x = leaves[q]
                                y[x] += t - tl[x]
                                tl[x] = t
                                queue[qtail] = x
                                qtail += 1
                                heapq.heappush(heap1, (y[x] + t, x, NONE))
                    first[nb_] = common
                    base[nb_] = base[common]
                    label[nb_] = OUTER
                    labx[nb_] = labx[common]
                    laby[nb_] = laby[common]
                    count = _leaves(nb_, n, first, nxt, leaves, stack)
                    for k in range(count):
                        top_of[leaves[k]] = nb_
                if single:
                    break
            kind = 0

        # The stage ends: every dual as of now.
        for v in range(n):
            y[v] = _dual(v, y, tl, t, label, top_of)
            tl[v] = 0
        for b in range(n, size):
            if used[b] and parent[b] < 0:
                if label[b] == OUTER:
                    z[b] += 2 * (t - tb[b])
                elif label[b] == INNER:
                    z[b] -= 2 * (t - tb[b])
            tb[b] = 0

    count_sets = 0
    total = 0
    for b in range(n, size):
        if used[b] and z[b] > 0:
            count_sets += 1
            total += _leaves(b, n, first, nxt, leaves, stack)
    set_start = np.zeros(count_sets + 1, dtype=np.int64)
    set_people = np.empty(total, dtype=np.int64)
    set_z = np.empty(count_sets, dtype=np.int64)
    k = 0
    for b in range(n, size):
        if used[b] and z[b] > 0:
            count = _leaves(b, n, first, nxt, leaves, stack)
            set_people[set_start[k] : set_start[k] + count] = leaves[:count]
            set_start[k + 1] = set_start[k] + count
            set_z[k] = z[b]
            k += 1
    return scale, set_start, set_people, set_z


@nb.njit(cache=True)
def _double_keys(heap):
    """Every key of a heap doubled (the order stays)."""
    for k in range(len(heap)):
        key, a, c = heap[k]
        heap[k] = (2 * key, a, c)


@nb.njit(cache=True)
def _edge(start, to, v, w):
    """The position of pair (v, w) among v's pairs (each person's pairs are
    sorted by the other person)."""
    lo = start[v]
    hi = start[v + 1]
    while lo < hi:
        mid = (lo + hi) // 2
        if to[mid] < w:
            lo = mid + 1
        else:
            hi = mid
    return lo


@nb.njit(cache=True)
def split_cover(mate_left, mate_right, y):
    """A matching from the double cover's assignment u -> mate_left[u]: every
    other pair of each path and cycle; an odd cycle leaves out its person of
    least y (people: int64 mate, -1 for none)."""
    n = len(mate_left)
    mate = np.full(n, NONE, dtype=np.int64)
    seen = np.zeros(n, dtype=np.bool_)
    # Paths, from their first person (whose right copy is left out).
    for u in range(n):
        if seen[u] or mate_right[u] >= 0:
            continue
        a = u
        while a >= 0 and not seen[a]:
            seen[a] = True
            b = mate_left[a]
            if b < 0 or seen[b]:
                break
            seen[b] = True
            mate[a] = b
            mate[b] = a
            a = mate_left[b]
    # What is left is cycles.
    for u in range(n):
        if seen[u]:
            continue
        length = 0
        least = u
        a = u
        while True:
            length += 1
            if y[a] < y[least]:
                least = a
            a = mate_left[a]
            if a == u:
                break
        a = least if length % 2 == 1 else u
        seen[a] = True
        a = mate_left[a]
        if length % 2 == 0:
            a = u
            seen[a] = False
        while not seen[a]:
            b = mate_left[a]
            seen[a] = True
            seen[b] = True
            mate[a] = b
            mate[b] = a
            a = mate_left[b]
    return mate


@nb.njit(cache=True)
def retighten(right_start, right_from, right_weight, rise, mate_left, mate_right,
              y_left, y_right):  # fmt: skip
    """After left copy u's y rose by rise[u] (to pay for new pairs), its
    matched pair is short of tight by that much: lower its partner's y as
    far as the partner's other pairs allow (and y >= 0); if that is the whole
    rise the pair stays matched, otherwise both copies are free again for
    the next phases."""
    for u in range(len(rise)):
        v = mate_left[u]
        if rise[u] <= 0 or v < 0:
            continue
        room = min(rise[u], y_right[v])
        for e in range(right_start[v], right_start[v + 1]):
            x = right_from[e]
            if x == u:
                continue
            slack = y_left[x] + y_right[v] - right_weight[e]
            if slack < room:
                room = slack
        y_right[v] -= room
        if room < rise[u]:
            mate_left[u] = -1
            mate_right[v] = -1


def solve_peer(pool, graph, cardinality_first: bool, seed: int):
    """The exact optimum of peer mode over the full graph and the dual that
    proves it: (mate, Duals, columns, rounds). The candidate graph is solved
    (the double cover, then the blossom method); every allowed pair of the
    full graph is priced against (y, z) and those not paid for join; the
    double cover restarts from its last dual (as in assignment.py), until no
    pair is short."""
    from .assignment import PER_PERSON, phases, start_dual
    from .bound import SHORT, price_each
    from .lp import Duals

    n = pool.n
    points = graph.points
    # The seed shuffles the order the methods meet people in, which only
    # decides between equally good answers.
    order = np.random.default_rng(seed).permutation(n).astype(np.int64)
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    top = int(points.max(initial=0))
    bonus = (n // 2 + 1) * (top + 1) if cardinality_first else 0

    lo = np.minimum(graph.lo, graph.hi).astype(np.int64)
    hi = np.maximum(graph.lo, graph.hi).astype(np.int64)
    keys = np.unique(lo * n + hi)
    lo, hi = keys // n, keys % n
    known = set(keys.tolist())
    state = None
    rise = None
    rounds = 0
    while True:
        rounds += 1
        a = np.concatenate([position[lo], position[hi]])
        b = np.concatenate([position[hi], position[lo]])
        w = points[lo, hi].astype(np.int64) + bonus
        w = np.concatenate([w, w])
        by_left = np.lexsort((b, a))
        by_right = np.lexsort((a, b))
        left_start = np.searchsorted(a[by_left], np.arange(n + 1)).astype(np.int64)
        right_start = np.searchsorted(b[by_right], np.arange(n + 1)).astype(np.int64)
        to, weight = b[by_left], w[by_left]
        if state is None:
            state = start_dual(n, n, left_start, to, weight)
        mate_left, mate_right, y_left, y_right = state
        if rise is not None:
            retighten(right_start, a[by_right], w[by_right], rise, *state)
        phases(n, n, left_start, to, weight, mate_left, mate_right, y_left, y_right)
        phases(
            n, n, right_start, a[by_right], w[by_right],
            mate_right, mate_left, y_right, y_left,
        )  # fmt: skip
        # Half-integral optimum -> matching of tight pairs, then the blossom
        # method in units of half a point (y = y_left + y_right is 2 y).
        y = y_left + y_right
        mate = split_cover(mate_left, mate_right, y)
        scale, set_start, set_people, set_z = solve_warm(
            n, left_start, to, 2 * weight, mate, y, 2, np.zeros(4, dtype=np.int64)
        )
        pool_mate = np.full(n, -1, dtype=np.int64)
        matched = mate >= 0
        pool_mate[order[matched]] = order[mate[matched]]
        pool_y = np.empty(n, dtype=np.float64)
        pool_y[order] = y / scale
        sets = [
            order[set_people[set_start[k] : set_start[k + 1]]]
            for k in range(len(set_z))
        ]
        duals = Duals(
            y=pool_y, sets=sets, z=set_z / scale, mu=float(bonus),
            nu=int(matched.sum()) // 2, rho={}, budgets={},
        )  # fmt: skip
        new_lo, new_hi, _, found = price_each(
            points, duals, pool.country, SHORT, PER_PERSON
        )
        fresh_keys = new_lo * n + new_hi
        fresh = [k for k, key in enumerate(fresh_keys.tolist()) if key not in known]
        if not found or not fresh:
            return pool_mate.tolist(), duals, len(lo), rounds
        new_lo, new_hi = new_lo[fresh], new_hi[fresh]
        known.update(fresh_keys[fresh].tolist())
        lo = np.concatenate([lo, new_lo])
        hi = np.concatenate([hi, new_hi])
        # Warm start of the double cover: raise each left copy's y until its
        # new pairs are paid for (then `retighten`).
        ends_a = np.concatenate([position[new_lo], position[new_hi]])
        ends_b = np.concatenate([position[new_hi], position[new_lo]])
        excess = points[new_lo, new_hi].astype(np.int64) + bonus
        excess = np.concatenate([excess, excess]) - y_left[ends_a] - y_right[ends_b]
        rise = np.zeros(n, dtype=np.int64)
        np.maximum.at(rise, ends_a, excess)
        y_left += rise


__all__ = ["solve_peer", "solve_warm", "split_cover"]
