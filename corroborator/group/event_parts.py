"""Event labels and the headline cannot-link of ``events.py``.

- **labels**: an event is named "what (where, when)": the headline of its most
  central report, the place most of its reports name, its earliest date;
- **cannot-link**: two reports whose headline counts (the first count of each
  lead) count the same thing, in the same role, ``HEADLINE_RATIO`` or more apart
  describe different events (17 deportees on one flight, 238 on another).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..ingest.headline import headline_of, titled
from ..models import CleanDoc, Entity, Event, Mention
from ..nlp.embed import embed
from ..nlp.tolls import toll

LEAD_SENTENCES = 6  # sentences of a report whose counts are its headline counts
ROLE_SIMILAR = 0.45  # masked contexts this alike give a count the same role
HEADLINE_RATIO = 3.0  # headline counts this far apart describe different events
VAGUE_STRETCH = 3.0  # "thousands" may mean this many times its word's bound (33,000 workers)
CLOSE_DAYS = 3  # reports dated this close (each known to a week) are not kept apart by counts
CLOSE_WIDTH = 7
TOLL_DAYS = 14  # a toll (dead, missing, hurt) rises and falls for weeks: reports dated this
# close may give one event's toll on different days (19 missing, then 2)
APART_DAYS = 60  # reports dated (each to a week) this far apart may tell of different events
LABEL_WORDS = 12  # words of the headline an event's label keeps
WHEN_CHARS = 400  # characters of a report whose dates tell the day of its event
PLACE_LABELS = ("GPE", "LOC", "FAC")
# a title that runs into a second sentence without a space ("a 25% pay raise.That is ...")
GLUED_SENTENCE = re.compile(r"(?<=[a-z%)])[.!?](?=[A-Z][a-z])")


def cut(doc: CleanDoc, starts: Sequence[int], sentences: int) -> int:
    ordered = sorted(starts)
    return ordered[sentences] if len(ordered) > sentences else len(doc.text)


# -- labels: what, where, when ---------------------------------------------------------


class Places:
    """The places the reports name (a place name of three letters or more), indexed by
    report, so that an event's place is found from its own reports."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.named: dict[str, list[Entity]] = {}  # report -> the places it names
        for e in entities:
            if (e.label in PLACE_LABELS and e.name[:1].isupper()
                    and sum(c.isalpha() for c in e.name) >= 3):
                for doc in set(e.docs):
                    self.named.setdefault(doc, []).append(e)


def where(ids: Sequence[str], places: Places) -> str | None:
    """The place named by most of the event's reports (at least two, or its only one)."""
    members = set(ids)
    counts = Counter(e.id for doc in members for e in places.named.get(doc, ()))
    name = {e.id: e.name for doc in members for e in places.named.get(doc, ())}
    best = max(((n, name[i]) for i, n in counts.items()),
               key=lambda c: (c[0], -len(c[1]), c[1]), default=(0, ""))
    return best[1] if best[0] >= min(2, len(members)) else None


def when(members: Sequence[CleanDoc], by_doc: dict[str, list[Mention]]) -> str | None:
    """The day most of the reports' events fell on (``profiles.event_days`` known to the
    day), else the earliest of the most precise publication dates, else the full date the
    reports' leads give most."""
    from .profiles import event_days

    days = Counter(d[0] for d in (event_days(m, WHEN_CHARS) for m in members)
                   if d is not None and d[0] == d[1])
    if days:
        return dt.date.fromordinal(min(days, key=lambda v: (-days[v], v))).isoformat()
    published = sorted((d.source.published for d in members if d.source.published),
                       key=lambda v: (-len(v), v))
    if published:
        return published[0]
    dates = Counter(
        m.value[:10]  # a day, with or without its time of day
        for d in members
        for m in by_doc.get(d.id, [])
        if m.kind == "date"
        and isinstance(m.value, str)
        and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d)?", m.value)
        and m.start < 400
    )
    return min(dates, key=lambda v: (-dates[v], v)) if dates else None


def headline(doc: CleanDoc) -> str:
    """What a report is about (``ingest.headline.headline_of`` of its cleaned text)."""
    return headline_of(doc.text, doc.source)


def headed(doc: CleanDoc) -> bool:
    """Whether a report has a title that reads as a headline (its first lines may be a
    photo caption or its first sentence)."""
    return titled(doc.source)


def label(doc: CleanDoc, when: str | None, where: str | None) -> str:
    """'What (where, when)': the headline of the report closest to the rest of the event."""
    first, *_ = GLUED_SENTENCE.split(headline(doc), maxsplit=1)
    words = first.split()
    what = " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")
    context = [
        x for x in (where if where and where.lower() not in what.lower() else None, when) if x
    ]
    return f"{what} ({', '.join(context)})" if context else what


# -- cannot-link: headline counts far apart ---------------------------------------------


def lead_counts(mentions: Sequence[Mention], lead_end: int) -> list[Mention]:
    """The counts of people or things in the lead of a report that bound a number
    ("Seventeen", "over 250", "hundreds": 200-999)."""
    return [
        m
        for m in mentions
        if m.start <= lead_end and m.kind == "count" and m.head and m.low is not None
        and not m.extra.get("increment")  # "two more people died": added to a tally
    ]


def _role(m: Mention) -> tuple[str, str]:
    """What a count counts and what happened to it: ('people', 'rescue')."""
    return (m.head or "", m.frame[0] if m.frame else "")


def _bounds(m: Mention) -> tuple[float, float]:
    """A count's bounds; a vague one ("thousands") reaches ``VAGUE_STRETCH`` times higher."""
    high = m.high if m.high is not None else math.inf
    return m.low or 0.0, high * VAGUE_STRETCH if m.bound == "vague" else high


def _far_apart(a: Mention, b: Mention) -> bool:
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    if hi_a < lo_b:
        return lo_b >= HEADLINE_RATIO * max(hi_a, 1.0)
    if hi_b < lo_a:
        return lo_a >= HEADLINE_RATIO * max(hi_b, 1.0)
    return False


class Clashes:
    """Which reports' headline counts count the same thing, in the same role, far apart.

    A report's headline count is the first count in its lead; later ones are often
    background ("an estimated 1,500 pirates operate there"). Pairs are checked
    when asked (only within a story) and remembered.
    """

    def __init__(
        self,
        docs: Sequence[CleanDoc],
        by_doc: dict[str, list[Mention]],
        sent_starts: dict[str, list[int]],
    ) -> None:
        leads = [
            lead_counts(by_doc.get(d.id, []), cut(d, sent_starts.get(d.id, []), LEAD_SENTENCES))
            for d in docs
        ]
        self.heads = [min(lead, key=lambda m: m.start) if lead else None for lead in leads]
        from .profiles import FEATURE_LEAD, event_days

        self.days = [event_days(d, cut(d, sent_starts.get(d.id, []), FEATURE_LEAD)) for d in docs]
        self.known: dict[tuple[int, int], bool] = {}

    def pair(self, i: int, j: int) -> bool:
        key = (min(i, j), max(i, j))
        if key not in self.known:
            x, y = self.heads[key[0]], self.heads[key[1]]
            self.known[key] = (
                x is not None
                and y is not None
                and not self._dated_close(*key, TOLL_DAYS if toll(x) and toll(x) == toll(y)
                                          else CLOSE_DAYS)
                and x.head == y.head
                and _far_apart(x, y)
                and (
                    (_role(x) == _role(y) and all(_role(x)))
                    or ((toll(x) == toll(y) or self._dated_apart(*key))
                        and _similar(x.context, y.context) >= ROLE_SIMILAR)
                )
            )
        return self.known[key]

    def _gap(self, i: int, j: int) -> int | None:
        """Days between two reports' event days, when both are known to a week."""
        a, b = self.days[i], self.days[j]
        if a is None or b is None or max(a[1] - a[0], b[1] - b[0]) > CLOSE_WIDTH:
            return None
        return max(0, b[0] - a[1], a[0] - b[1])

    def _dated_apart(self, i: int, j: int) -> bool:
        """Whether both reports' event days are known to a week and months apart: their
        headline counts, worded alike, may then tell the same of different events (77
        arrested at a march in July, thousands at one in March) even where what befell the
        people counted differs."""
        gap = self._gap(i, j)
        return gap is not None and gap >= APART_DAYS

    def _dated_close(self, i: int, j: int, days: int = CLOSE_DAYS) -> bool:
        """Whether both reports' event days are known to a week and ``days`` or fewer apart:
        their headline counts then tell different things of one event (56 injured, 325,000
        there), or its toll on different days."""
        gap = self._gap(i, j)
        return gap is not None and gap <= days

    def between(self, a: Iterable[int], b: Iterable[int]) -> bool:
        others = list(b)
        return any(self.pair(i, j) for i in a for j in others)


def _similar(a: str, b: str) -> float:
    """Cosine of two texts' embeddings (embedded when first needed: few pairs get here)."""
    x, y = embed([a, b])
    return float(x @ y)


def event_places(events: Iterable[Event], entities: Sequence[Entity]) -> dict[str, str]:
    """Where each event happened, when its reports say (``where`` of its reports):
    event id -> place name."""
    found = Places(entities)
    out: dict[str, str] = {}
    for event in events:
        place = where(event.documents, found)
        if place:
            out[event.id] = place
    return out
