"""Edmonds' blossom search on the full compatibility graph: proves a matching
has maximum cardinality (Berge: no augmenting path), or augments it."""

from __future__ import annotations

from collections import deque

import numpy as np


def augment_to_maximum(adjacency: np.ndarray, mate: list[int]) -> list[tuple[int, int]]:
    """Grow `mate` into a maximum matching of `adjacency` (booleans, or points
    with -1 for a pair not allowed); return the new edges.

    Edmonds' blossom search from all free vertices at once (a forest). A finished
    search without an augmenting path proves the matching maximum (Berge).
    """
    return maximum_and_deficient(adjacency, mate)[0]


def maximum_and_deficient(
    adjacency: np.ndarray, mate: list[int], has_edge: np.ndarray | None = None
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """`augment_to_maximum`, and the outer vertices of the last search: the
    people some maximum matching leaves out (D of the Gallai-Edmonds
    decomposition). Each connected part of D is an odd set that every
    maximum matching leaves at most one person of (bound.py uses them).
    `has_edge`, if known, says who has anyone allowed at all."""
    if has_edge is None:
        has_edge = _allowed(adjacency).any(axis=1)
    added: list[tuple[int, int]] = []
    while True:
        roots = [v for v in range(len(mate)) if mate[v] < 0 and has_edge[v]]
        if not roots:
            return added, np.zeros(len(mate), dtype=bool)
        path, even = _augmenting_search(adjacency, mate, roots)
        if path is None:
            return added, even
        added.extend(path)


def _allowed(adjacency: np.ndarray) -> np.ndarray:
    """A boolean adjacency as it is; a matrix of points (-1: not allowed) read."""
    return adjacency if adjacency.dtype == bool else adjacency >= 0


def _augmenting_search(
    adjacency: np.ndarray, mate: list[int], roots: list[int]
) -> tuple[list[tuple[int, int]] | None, np.ndarray]:
    size = len(mate)
    labelled = np.zeros(size, dtype=bool)
    even = np.zeros(size, dtype=bool)
    base = np.arange(size)
    parent = [-1] * size
    root = [-1] * size
    queue: deque[int] = deque()
    for r in roots:
        labelled[r] = even[r] = True
        root[r] = r
        queue.append(r)

    def lca(a: int, b: int) -> int:
        seen = set()
        while True:
            a = int(base[a])
            seen.add(a)
            if mate[a] < 0:
                break
            a = parent[mate[a]]
        while True:
            b = int(base[b])
            if b in seen:
                return b
            b = parent[mate[b]]

    def mark(v: int, b: int, child: int, in_blossom: np.ndarray) -> None:
        while base[v] != b:
            in_blossom[base[v]] = in_blossom[base[mate[v]]] = True
            parent[v] = child
            child = mate[v]
            v = parent[mate[v]]

    while queue:
        v = queue.popleft()
        row = _allowed(adjacency[v])
        for w in np.flatnonzero(row & ~labelled).tolist():
            if labelled[w]:
                continue  # labelled as the mate of an earlier neighbour
            m = mate[w]  # every free vertex with an edge is a root, so w is matched
            labelled[w] = True
            parent[w] = v
            root[w] = root[m] = root[v]
            labelled[m] = even[m] = True
            queue.append(m)
        while True:
            others = np.flatnonzero(row & even & (base != base[v]))
            if not others.size:
                break
            w = int(others[0])
            if root[w] != root[v]:
                return _augment(v, w, mate, parent), even
            top = lca(v, w)
            in_blossom = np.zeros(size, dtype=bool)
            mark(v, top, w, in_blossom)
            mark(w, top, v, in_blossom)
            inside = in_blossom[base]
            base[inside] = top
            new = inside & ~even
            even[new] = True
            queue.extend(np.flatnonzero(new).tolist())
    return None, even


def _augment(
    v: int, w: int, mate: list[int], parent: list[int]
) -> list[tuple[int, int]]:
    """Flip the path root(w) .. w - v .. root(v); return the newly matched edges."""
    new: list[tuple[int, int]] = []
    y = mate[w]
    while y >= 0:  # free w from its tree: walk up from its mate
        z = parent[y]
        up = mate[z]
        mate[y], mate[z] = z, y
        new.append((y, z))
        y = up
    parent[w] = v
    a = w
    while a >= 0:
        p = parent[a]
        up = mate[p]
        mate[a], mate[p] = p, a
        new.append((a, p))
        a = up
    return new
