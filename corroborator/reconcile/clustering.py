"""Sparse, constrained average-linkage clustering of mentions into slots.

Only candidate pairs are scored (no all-pairs over a large block): a small
block is scored in full; a large one through blocking keys (the counted noun,
the value, the qualifying names) and, inside an over-full key group, each
mention's nearest neighbours by context vector. Clusters are merged best
average first (the average over the scored pairs between them) with a heap,
so the work grows with the number of candidate pairs, not with n².

Constraints are checked per cluster, not per pair: a merge may not put two
values of one sentence, two different qualifying names, two different stated
years, or (in the first phase) two disagreeing values into one cluster.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import numpy as np

FULL_BELOW = 160  # blocks up to this size are scored in full
NEIGHBOURS = 12  # nearest neighbours per mention inside an over-full key group
FORBIDDEN = -1e6  # a pair scored this low (a cannot-link) keeps its two clusters apart


class Roots:
    """Disjoint sets of the numbers ``0 .. n-1`` (union-find with path halving)."""

    def __init__(self, n: int) -> None:
        self.root = list(range(n))

    def find(self, k: int) -> int:
        root = self.root
        while root[k] != k:
            root[k] = root[root[k]]
            k = root[k]
        return k

    def join(self, keep: int, other: int) -> None:
        """Put ``other``'s set under ``keep``'s root."""
        self.root[self.find(other)] = self.find(keep)


def candidate_pairs(keys: Sequence[Iterable[object]], vecs: np.ndarray) -> np.ndarray:
    """Pairs (i < j) worth scoring: all of a small block, else blocked by shared keys."""
    n = len(keys)
    if n <= FULL_BELOW:
        rows, cols = np.triu_indices(n, k=1)
        return np.stack([rows, cols], axis=1)
    groups: dict[object, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            groups[k].append(i)
    found: set[tuple[int, int]] = set()
    for members in groups.values():
        found.update(_group_pairs(members, vecs))
    if not found:
        return np.zeros((0, 2), dtype=int)
    return np.array(sorted(found), dtype=int)


def _group_pairs(members: list[int], vecs: np.ndarray) -> Iterable[tuple[int, int]]:
    if len(members) <= FULL_BELOW:
        return ((a, b) for x, a in enumerate(members) for b in members[x + 1 :])
    idx = np.array(members)
    out: set[tuple[int, int]] = set()
    for start in range(0, len(idx), 1024):
        rows = idx[start : start + 1024]
        sims = vecs[rows] @ vecs[idx].T
        top = np.argpartition(-sims, min(NEIGHBOURS, len(idx) - 1), axis=1)[:, : NEIGHBOURS + 1]
        for r, row in enumerate(rows):
            for c in top[r]:
                other = int(idx[c])
                if other != row:
                    out.add((min(row, other), max(row, other)))
    return out


class Clusters:
    """Union of items, with the sum and count of the scored pairs between clusters; a pair
    scored ``FORBIDDEN`` or lower blocks its two clusters from ever joining."""

    def __init__(self, n: int) -> None:
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}
        self.sums: dict[int, dict[int, tuple[float, int, bool]]] = defaultdict(dict)

    def add_edge(self, a: int, b: int, score: float) -> None:
        s, c, blocked = self.sums[a].get(b, (0.0, 0, False))
        entry = (s + score, c + 1, blocked or score <= FORBIDDEN)
        self.sums[a][b] = entry
        self.sums[b][a] = entry

    def average(self, a: int, b: int) -> float | None:
        s, c, blocked = self.sums[a].get(b, (0.0, 0, True))
        return None if blocked or not c else s / c

    def merge(self, a: int, b: int, new: int) -> None:
        self.members[new] = self.members.pop(a) + self.members.pop(b)
        for old in (a, b):
            for other, (s, c, blocked) in self.sums.pop(old, {}).items():
                if other in (a, b):
                    continue
                self.sums[other].pop(old, None)
                prev = self.sums[new].get(other, (0.0, 0, False))
                entry = (prev[0] + s, prev[1] + c, prev[2] or blocked)
                self.sums[new][other] = entry
                self.sums[other][new] = entry


def average_linkage(clusters: Clusters, threshold: float,
                    allowed: Callable[[list[int], list[int]], bool]) -> Clusters:
    """Merge the pair of clusters with the best average edge score while it reaches
    ``threshold`` and ``allowed`` accepts the union."""
    heap: list[tuple[float, int, int]] = []
    for a, row in clusters.sums.items():
        for b in row:
            avg = clusters.average(a, b)
            if a < b and avg is not None and avg >= threshold:
                heap.append((-avg, a, b))
    heapq.heapify(heap)
    next_id = max(clusters.members, default=-1) + 1
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in clusters.members or b not in clusters.members:
            continue
        avg = clusters.average(a, b)
        if avg is None or abs(avg + neg) > 1e-12:
            continue  # stale entry
        if not allowed(clusters.members[a], clusters.members[b]):
            continue
        clusters.merge(a, b, next_id)
        for other in clusters.sums[next_id]:
            new_avg = clusters.average(next_id, other)
            if new_avg is not None and new_avg >= threshold:
                heapq.heappush(heap, (-new_avg, min(next_id, other), max(next_id, other)))
        next_id += 1
    return clusters
