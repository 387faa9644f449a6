"""Boilerplate learnt across reports: short lines that unrelated reports share.

A site repeats its furniture ("- Advertisement -", "Sign up for the Daily Wire")
on every page, and a story does not repeat its own lines in other outlets'
reports, except when one report copies another. So a short non-sentence line
(a *candidate*) is boilerplate once ``min_docs`` reports hold it that are not
copies of a report already counted for it. Two reports are copies when they
share at least ``RELATED_DOCS_MIN`` of the body lines of the shorter one.

Reports are counted in their order in the batch, each line separately: a report
counts for a line unless it is related to one of the reports already counted
for that line. ``LineIndex`` keeps what counting needs (each report's candidate
and body lines, each line's count and the reports counted for it), so that a
report appended later is counted with the same answer a batch holding it last
would give (``count_new``), without looking at the rest of the batch.

This module works on lines already cut and keyed by ``clean.py``; it knows no
text rules of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
RELATED_DOCS_MIN = 0.3  # share of body lines two reports must share to be copies


def line_hash(key: str) -> int:
    """A line key as a signed 64-bit integer: what is kept of lines only compared for
    equality (and SQLite's INTEGER)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def min_count(min_docs: int) -> int:
    """The count at which a line is boilerplate (``repeated_line_min_docs``, at least 2:
    a line of one report alone is never repeated)."""
    return max(min_docs, 2)


@dataclass
class LineIndex:
    """The candidate and body lines of a batch's reports (by position) and the counts."""

    candidates: list[tuple[str, ...]] = field(default_factory=list)  # per report, distinct
    bodies: list[frozenset[int]] = field(default_factory=list)  # per report, line_hash()es
    counts: dict[str, int] = field(default_factory=dict)  # line -> unrelated reports holding it
    counted: dict[str, list[int]] = field(default_factory=dict)  # line -> the reports counted
    # per report: (index of a removed span, its line) for the lines removed as boilerplate
    boiler: list[list[tuple[int, str]]] = field(default_factory=list)

    def repeated(self, min_docs: int) -> dict[str, int]:
        """The lines that are boilerplate, with their counts."""
        floor = min_count(min_docs)
        return {key: n for key, n in self.counts.items() if n >= floor}


def learn(candidates: Sequence[Iterable[str]], bodies: Sequence[frozenset[str]]) -> LineIndex:
    """Count every candidate line over a batch (``candidates[k]`` and ``bodies[k]``: the
    lines of its k-th report). Body lines are kept as their ``line_hash``."""
    hashed = [frozenset(line_hash(line) for line in body) for body in bodies]
    index = LineIndex([tuple(dict.fromkeys(c)) for c in candidates], hashed)
    holders: dict[str, list[int]] = {}
    for doc, keys in enumerate(index.candidates):
        for key in keys:
            holders.setdefault(key, []).append(doc)
    for key, docs in holders.items():
        index.counted[key] = counted = _unrelated(docs, index.bodies)
        index.counts[key] = len(counted)
    return index


def _unrelated(docs: list[int], bodies: Sequence[frozenset[int]]) -> list[int]:
    """The reports of ``docs`` (in order) that are not copies of one counted before them.

    Two reports can only be related if they share a body line, so each report is
    compared with the counted ones that hold one of its lines (an index of the counted
    reports by line), not with all of them: a line in thousands of reports costs
    their lines, not the square of their number.
    """
    counted: list[int] = []
    holders: dict[int, list[int]] = {}  # body line -> counted reports holding it
    for doc in docs:
        body = bodies[doc]
        near = {other for line in body for other in holders.get(line, ())}
        if any(related(body, bodies[other]) for other in near):
            continue
        counted.append(doc)
        for line in body:
            holders.setdefault(line, []).append(doc)
    return counted


def related(a: frozenset[K], b: frozenset[K]) -> bool:
    """Whether two reports' body lines make them copies of one story."""
    if not a or not b:  # nothing to compare: count them apart
        return False
    return len(a & b) / min(len(a), len(b)) >= RELATED_DOCS_MIN


def count_new(
    candidates: Iterable[K],
    body: frozenset[K],
    counted: Mapping[K, Sequence[str]],
    body_of: Callable[[str], frozenset[K]],
) -> set[K]:
    """The candidate lines a report appended to a batch counts for.

    ``counted`` gives, for each of its candidate lines, the reports already counted for
    it; ``body_of`` a report's body lines. The report counts for a line unless it is
    related to one of those reports (which, as in ``learn``, needs a shared body line).
    Lines may be given as their keys or as any stand-in for them (hashes, say).
    """
    out: set[K] = set()
    for key in dict.fromkeys(candidates):
        near = [o for o in counted.get(key, ()) if body & body_of(o)]
        if not any(related(body, body_of(o)) for o in near):
            out.add(key)
    return out
