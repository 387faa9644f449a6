"""Figures over time: one slot restated at different times is a series, never a conflict.

A death toll of 90 on the first day, 860 on the second and 2,100 two weeks later
is one slot at three times. Reconciliation keeps values stated for different
times in different facts (a cannot-link across years; within a year, groups
whose values disagree and whose stated times differ are not joined); this
module joins those facts back into the slot's history: the facts of one event
and one dimension that count the same thing, each stated for one time, at two
or more different times, when they also say the same of it (killed, missing).
``dossier.json``, ``record.sqlite`` and the fact
pages (a small chart) read them from here.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Fact, Value
from .clustering import Roots

MIN_POINTS = 2  # a series has at least this many times


@dataclass(frozen=True, slots=True)
class Point:
    time: str  # ISO 8601 at the precision stated
    value: Value
    fact: str  # the fact id


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    event: str | None
    label: str
    kind: str
    unit: str | None
    points: tuple[Point, ...]  # in time order


def fact_time(fact: Fact) -> str | None:
    """The one time a fact's mentions are stated for (those that state one), else None."""
    times = {m.time for m in fact.mentions if m.time}
    return next(iter(times)) if len(times) == 1 else None


def _head(fact: Fact) -> str | None:
    heads = Counter(m.head for m in fact.mentions if m.head)
    return max(heads, key=lambda h: (heads[h], h)) if heads else None


def _predicates(fact: Fact) -> frozenset[str]:
    """What a fact's mentions say of the counted thing: their governing predicates
    ("kill", "miss", "rescue")."""
    return frozenset(m.frame[0] for m in fact.mentions if m.frame)


def _by_predicate(members: list[tuple[str, Fact]]) -> list[list[tuple[str, Fact]]]:
    """``members`` split into histories: facts join when some predicate of one is a
    predicate of the other (people killed, people missing and people rescued are three
    histories); facts with no predicate form one history of their own."""
    roots = Roots(len(members))
    preds = [_predicates(f) for _, f in members]
    for a in range(len(members)):
        for b in range(a):
            if (preds[a] & preds[b]) or not (preds[a] or preds[b]):
                roots.join(b, a)
    parts: dict[int, list[tuple[str, Fact]]] = {}
    for k, member in enumerate(members):
        parts.setdefault(roots.find(k), []).append(member)
    return list(parts.values())


def find_series(facts: Iterable[Fact]) -> list[Series]:
    """The series among ``facts``: per event, kind, unit, counted noun and what is said of
    it (``_by_predicate``), the facts stated for one time each, when two or more times are
    found (the latest fact per time when a time has several: the one most reports
    state)."""
    groups: dict[tuple[str, str, str, str], list[tuple[str, Fact]]] = {}
    for f in facts:
        time, head = fact_time(f), _head(f)
        if time and head and f.kind != "date":
            groups.setdefault((f.event or "", f.kind, f.unit or "", head), []).append((time, f))
    histories = [(key, part) for key, members in sorted(groups.items())
                 for part in _by_predicate(members)]
    out = []
    for (event, kind, unit, head), members in histories:
        by_time: dict[str, Fact] = {}
        for time, f in sorted(members, key=lambda x: (x[0], -len(x[1].mentions), x[1].id)):
            by_time.setdefault(time, f)
        if len(by_time) < MIN_POINTS:
            continue
        points = tuple(Point(t, f.value, f.id) for t, f in sorted(by_time.items()))
        digest = hashlib.sha1("|".join(p.fact for p in points).encode()).hexdigest()[:10]
        label = by_time[points[-1].time].label.split(", as of ")[0]
        out.append(Series(f"s{digest}", event or None, label, kind, unit or None, points))
    return out


def series_of(series: Sequence[Series]) -> dict[str, Series]:
    """Each fact id in a series, with its series."""
    return {p.fact: s for s in series for p in s.points}
