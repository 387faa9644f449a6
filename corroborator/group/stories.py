"""Level 1 of event grouping: reports grouped by **story**.

Reports about one story share words. Stories are found by TF-IDF cosine of the
whole text, average linkage at ``STORY_SIMILAR``. Only pairs of reports that
share a distinctive word are scored: each report takes its partners from an
inverted index over each report's ``BLOCK_TERMS`` heaviest words, rarest word
first (``partners``), skipping words found in more than ``BLOCK_MAX_SHARE`` of
reports or more than ``BLOCK_MAX_DOCS``, and stopping at ``STORY_PARTNERS``; so
the work grows linearly with the number of reports, not with n². A batch of
fewer than ``STORY_MIN_DOCS`` reports is one story.

``partners`` is the one rule that finds a report's candidates, for a batch
(``candidate_arrays``) and for a report placed among a record's kept stories
(``placing``). ``average_linkage`` also links the events within a story
(``events``).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import TypeVar

import numpy as np

from .profiles import Profile, Vector

T = TypeVar("T", int, float)  # totals kept between groups: pair counts, score sums
D = TypeVar("D", bound=Hashable)  # a report, by position or by id
STORY_SIMILAR = 0.05  # mean TF-IDF cosine at which reports are one story
STORY_MIN_DOCS = 30  # a smaller batch is one story
BLOCK_TERMS = 40  # a report's heaviest words that find its candidate neighbours
BLOCK_MAX_SHARE = 0.2  # words in more of the reports than this find no one,
BLOCK_MAX_DOCS = 300  # nor words in more reports than this: the work stays linear in n
STORY_PARTNERS = 300  # candidate partners a report takes, rarest shared words first
BLOCK_MIN_DOCS = 50  # ...unless the batch is this small: then every pair is scored


def heaviest(vec: Vector) -> list[str]:
    """A report's ``BLOCK_TERMS`` heaviest words: those that find its story partners."""
    return sorted(vec, key=lambda w: (-vec[w], w))[:BLOCK_TERMS]


def partners(words: Sequence[str], postings: Mapping[str, Sequence[D]], n: int) -> set[D]:
    """The reports a report with the heaviest ``words`` is scored against, in a batch of
    ``n`` reports whose heaviest words are indexed in ``postings`` (word -> the reports
    holding it, the report itself among them): those of its rarest words first, until a
    word is held by more than ``BLOCK_MAX_SHARE`` of the batch (or ``BLOCK_MAX_DOCS``)
    or ``STORY_PARTNERS`` are found. The report itself is among the partners returned."""
    cap = max(2, min(int(BLOCK_MAX_SHARE * n), BLOCK_MAX_DOCS))
    found: set[D] = set()
    for w in sorted(words, key=lambda w: (len(postings[w]), w)):
        members = postings[w]
        if len(members) > cap or len(found) >= STORY_PARTNERS:
            break
        found.update(members)
    return found


def candidate_pairs(vectors: Sequence[Vector]) -> dict[tuple[int, int], float]:
    """Cosines of the pairs of reports that share one of their heaviest distinctive words
    (``candidate_arrays`` as a dict)."""
    firsts, seconds, cosines = candidate_arrays(vectors)
    return {(i, j): c for i, j, c in zip(firsts.tolist(), seconds.tolist(), cosines.tolist())}


def candidate_arrays(vectors: Sequence[Vector]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs (i < j, in order) of reports that share one of their heaviest distinctive
    words, and their cosines, as three arrays (a dict of millions of pairs would cost
    gigabytes at 10,000 reports).

    Each report takes its partners from its rarest shared words first, and stops once it
    has ``STORY_PARTNERS`` (``partners``): the pairs grow with the number of reports times that bound,
    whatever the number of reports sharing a word."""
    n = len(vectors)
    if n <= BLOCK_MIN_DOCS:
        firsts, seconds = np.triu_indices(n, k=1)
        return firsts, seconds, pair_cosine_array(vectors, firsts, seconds)
    heavy = [heaviest(vec) for vec in vectors]
    postings: dict[str, list[int]] = {}
    for i, words in enumerate(heavy):
        for w in words:
            postings.setdefault(w, []).append(i)
    codes: list[np.ndarray] = []  # pair (i, j), i < j, coded as i * n + j
    for i, words in enumerate(heavy):
        found_set = partners(words, postings, n)
        found_set.discard(i)
        found = np.fromiter(found_set, dtype=np.int64, count=len(found_set))
        codes.append(np.minimum(found, i) * n + np.maximum(found, i))
    pairs = np.unique(np.concatenate(codes)) if codes else np.zeros(0, dtype=np.int64)
    firsts, seconds = pairs // n, pairs % n
    return firsts, seconds, pair_cosine_array(vectors, firsts, seconds)


def pair_cosine_array(vectors: Sequence[Vector], firsts: np.ndarray, seconds: np.ndarray
                      ) -> np.ndarray:
    """The cosines of the pairs (``firsts[k]``, ``seconds[k]``) of unit vectors, computed in
    bulk, one report at a time against all its partners.

    A pair's dot product adds the products of its shared words one after another, in
    alphabetical order (``np.bincount`` sums in order), so it does not depend on which
    report of the pair comes first nor on where the reports stand in the batch.
    """
    out = np.zeros(len(firsts))
    if not len(firsts):
        return out
    col = {w: k for k, w in enumerate(sorted({w for vec in vectors for w in vec}))}
    offsets = np.zeros(len(vectors) + 1, dtype=np.int64)
    cols_of: list[np.ndarray] = []
    vals_of: list[np.ndarray] = []
    for x, vec in enumerate(vectors):
        entries = sorted((col[w], v) for w, v in vec.items())
        cols_of.append(np.array([c for c, _ in entries], dtype=np.int64))
        vals_of.append(np.array([v for _, v in entries], dtype=np.float64))
        offsets[x + 1] = offsets[x] + len(entries)
    cols, vals = np.concatenate(cols_of), np.concatenate(vals_of)
    dense = np.zeros(len(col))
    order = np.argsort(firsts, kind="stable")
    bounds = np.flatnonzero(np.diff(firsts[order])) + 1
    for rows in np.split(order, bounds):
        i = int(firsts[rows[0]])
        dense[cols_of[i]] = vals_of[i]
        partners = seconds[rows]
        lengths = offsets[partners + 1] - offsets[partners]
        seg = np.repeat(np.arange(len(rows)), lengths)
        ends = np.cumsum(lengths)
        pos = np.arange(int(ends[-1])) - np.repeat(ends - lengths, lengths)
        pos += np.repeat(offsets[partners], lengths)
        products = dense[cols[pos]] * vals[pos]
        shared = products != 0.0  # weights are positive: a zero product is a word not shared
        out[rows] = np.bincount(seg[shared], weights=products[shared], minlength=len(rows))
        dense[cols_of[i]] = 0.0
    return out


Scores = dict[tuple[int, int], float] | tuple[np.ndarray, np.ndarray, np.ndarray]


def _scored(scores: Scores) -> Iterator[tuple[int, int, float]]:
    """(i, j, score) of a dict of pairs, or of three arrays (read a slice at a time)."""
    if isinstance(scores, dict):
        for (i, j), s in scores.items():
            yield i, j, s
        return
    firsts, seconds, values = scores
    for lo in range(0, len(firsts), 65536):
        hi = lo + 65536
        yield from zip(firsts[lo:hi].tolist(), seconds[lo:hi].tolist(), values[lo:hi].tolist())


def average_linkage(
    n: int,
    scores: Scores,
    threshold: float,
    *,
    seeds: Sequence[Sequence[int]] = (),
    fixed: int = 0,
    forbidden: Callable[[list[int], list[int]], bool] | None = None,
    unscored: float = 0.0,
) -> list[list[int]]:
    """Average linkage over scored pairs (a dict, or arrays of firsts, seconds and scores;
    an unscored pair counts ``unscored``), best mean first.

    ``seeds`` are starting groups (the rest start alone); the first ``fixed`` of
    them are never merged with each other. ``forbidden(a, b)`` vetoes a merge.
    """
    seeded = {i for s in seeds for i in s}
    groups: dict[int, list[int]] = {k: sorted(s) for k, s in enumerate(seeds)}
    groups.update(
        {len(seeds) + k: [i] for k, i in enumerate(x for x in range(n) if x not in seeded)}
    )
    owner = {i: g for g, members in groups.items() for i in members}
    sums: dict[int, dict[int, float]] = {g: {} for g in groups}
    # how many pairs of two groups were scored: needed only when an unscored pair counts
    # something (the story level, with millions of pairs, counts them 0 and keeps no counts)
    counts: dict[int, dict[int, int]] | None = {g: {} for g in groups} if unscored else None
    for i, j, s in _scored(scores):
        a, b = owner[i], owner[j]
        if a != b:
            sums[a][b] = sums[b][a] = sums[a].get(b, 0.0) + s
            if counts is not None:
                counts[a][b] = counts[b][a] = counts[a].get(b, 0) + 1
    locked = set(range(min(fixed, len(seeds))))

    def mean(a: int, b: int) -> float:
        pairs = len(groups[a]) * len(groups[b])
        if counts is None:
            return sums[a].get(b, 0.0) / pairs
        missing = pairs - counts[a].get(b, 0)
        return (sums[a].get(b, 0.0) + unscored * missing) / pairs

    heap = [(-mean(a, b), a, b) for a in sums for b in sums[a] if a < b and mean(a, b) >= threshold]
    heapq.heapify(heap)
    next_id = len(groups)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in groups or b not in groups or abs(mean(a, b) + neg) > 1e-12:
            continue  # a stale entry
        if (a in locked and b in locked) or (forbidden and forbidden(groups[a], groups[b])):
            continue
        new = next_id
        next_id += 1
        groups[new] = sorted(groups.pop(a) + groups.pop(b))
        if a in locked or b in locked:
            locked.add(new)
        _fold(sums, a, b, new)
        if counts is not None:
            _fold(counts, a, b, new)
        for other in sums[new]:
            if mean(new, other) >= threshold:
                heapq.heappush(heap, (-mean(new, other), min(new, other), max(new, other)))
    return [groups[g] for g in sorted(groups)]


def stories(profs: Sequence[Profile], seeds: Sequence[Sequence[int]] = ()) -> list[list[int]]:
    """Reports grouped by story; a batch of fewer than ``STORY_MIN_DOCS`` is one story
    (its TF-IDF weights are too unsteady to split it, and it needs no blocking)."""
    if len(profs) < STORY_MIN_DOCS:
        return [list(range(len(profs)))]
    return average_linkage(
        len(profs), candidate_arrays([p.words for p in profs]), STORY_SIMILAR, seeds=seeds
    )


def _fold(table: dict[int, dict[int, T]], a: int, b: int, new: int) -> None:
    """In a symmetric table of totals between groups, rows ``a`` and ``b`` become row
    ``new``, their sum (what they held between each other is dropped)."""
    row: dict[int, T] = {}
    for old in (a, b):
        for other, value in table.pop(old).items():
            if other in (a, b):
                continue
            del table[other][old]
            row[other] = table[other][new] = row.get(other, 0) + value
    table[new] = row

