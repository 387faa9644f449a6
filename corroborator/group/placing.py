"""Reports added to a record placed among its kept stories and events.

The batch grouping (``events.group``) runs in two levels; a report added in place
goes through both, against what the record kept (``KeptStories``; a build keeps
it from its ``Grouping``):

1. its **story**: the kept story whose reports it is most like, by the mean TF-IDF
   cosine (``stories.STORY_SIMILAR``) to the story's reports, scoring only the
   partners its heaviest words find (``stories.partners``, the batch's rule, with
   the report counted among the holders of its words); none alike enough, and it
   starts a story of its own. Profiles are weighted with the record's document
   frequencies, the new report counted in;
2. its **event** within the story: the events of each story the new reports
   joined are found again over all its reports, the new ones together, with the
   batch's pair model and linkage (``events.events_of_story``) and the story's
   known events locked, so a new report joins one of them or starts an event,
   alone or with other new reports, labelled as a batch labels it
   (``events.event_of``). This is what a build given the record's events as
   ``known`` does with the story.

What differs from grouping the whole batch afresh is only that earlier reports
keep their stories (a full rebuild could regroup them now that frequencies moved
a little), the same way ``add`` keeps their events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..models import CleanDoc, Entity, Event, Mention
from .event_parts import Clashes, Places
from .events import event_logit, event_of, events_of_story, free_ids
from .profiles import Frequencies, Parts, Vector, parts_of, weigh, weighted
from .stories import BLOCK_MIN_DOCS, STORY_MIN_DOCS, STORY_SIMILAR, heaviest, partners

__all__ = ["KeptStories", "NewReport", "place"]


class KeptStories(Protocol):
    """What placing reads of the reports a record holds, and what it adds to it."""

    def frequencies(self) -> Frequencies:
        """The document frequencies of the record's reports."""

    def stories(self) -> list[tuple[str, int]]:
        """Each report of the record, in order, with the number of its story."""

    def holding(self, words: Sequence[str]) -> dict[str, list[str]]:
        """For each of ``words``, the reports it is one of the heaviest words of."""

    def parts(self, ids: Sequence[str]) -> dict[str, Parts]:
        """The profile parts of the reports ``ids``."""

    def leads(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The lead embeddings of the reports ``ids`` (as the build found them)."""

    def documents(self, ids: Sequence[str]) -> dict[str, CleanDoc]: ...

    def mentions(self, ids: Sequence[str]) -> dict[str, list[Mention]]: ...

    def starts(self, ids: Sequence[str]) -> dict[str, list[int]]:
        """Where the sentences of the reports ``ids`` start."""

    def events(self) -> dict[str, list[str]]:
        """The record's events (id -> its reports in order), in the record's order."""

    def entities(self, ids: Sequence[str]) -> list[Entity]:
        """The entities the reports ``ids`` name, with only those reports."""

    def add(self, report: str, story: int, parts: Parts, lead: np.ndarray,
            heavy: list[str]) -> None:
        """Keep a placed report: its story, parts, lead embedding and heaviest words."""

    def keep_event(self, event: Event) -> None:
        """Keep an event a report joined (same id) or started."""

    def keep_frequencies(self, freq: Frequencies) -> None:
        """Keep the document frequencies, the placed reports counted in."""


@dataclass(frozen=True)
class NewReport:
    """A report being added, with what placing reads of its analysis."""

    doc: CleanDoc
    mentions: list[Mention]
    starts: list[int]
    lead: np.ndarray  # its lead's embedding (``nlp.analyse.Analysed.leads``)


def place(new: Sequence[NewReport], kept: KeptStories, *, threshold: float) -> list[Event]:
    """The event each of ``new`` joins or starts, in the order of ``new``.

    Each report is placed in a story after the ones before it; then the events of each
    story they joined are found over all its reports, the new ones together, its known
    events locked (as a build given the record's events as ``known`` finds them).
    ``kept`` is updated."""
    freq = kept.frequencies()
    parts: dict[str, Parts] = {}
    touched: dict[int, None] = {}  # the stories joined or started, in order
    for report in new:
        found = parts[report.doc.id] = parts_of(report.doc, report.mentions, report.starts)
        freq.add(found)
        vec = weighted(found.words, freq.n, freq.words)
        number = _story(kept, report.doc.id, vec, freq)
        kept.add(report.doc.id, number, found, report.lead, heaviest(vec))
        touched[number] = None
    kept.keep_frequencies(freq)
    taken = set(kept.events())
    event_of_report: dict[str, Event] = {}
    fresh = {r.doc.id: r for r in new}
    for number in touched:
        for event in _events_in_story(kept, number, fresh, parts, freq, threshold, taken):
            kept.keep_event(event)
            taken.add(event.id)
            event_of_report.update((d, event) for d in event.documents)
    return [event_of_report[r.doc.id] for r in new]


def _story(kept: KeptStories, report: str, vec: Vector, freq: Frequencies) -> int:
    """The number of the story the report joins (a new number: it starts one)."""
    docs = kept.stories()
    fresh = max((s for _, s in docs), default=-1) + 1
    if freq.n < STORY_MIN_DOCS:  # a batch this small is one story
        return docs[0][1] if docs else fresh
    story_of = dict(docs)
    sizes: dict[int, int] = {}
    for _, s in docs:
        sizes[s] = sizes.get(s, 0) + 1
    totals: dict[int, float] = {}
    scored = _partners(kept, report, vec, [d for d, _ in docs], freq.n)
    for doc, other in kept.parts(scored).items():
        cos = _dot(vec, weighted(other.words, freq.n, freq.words))
        totals[story_of[doc]] = totals.get(story_of[doc], 0.0) + cos
    means = {s: total / sizes[s] for s, total in totals.items()}  # unscored pairs count 0
    best = max(means, key=lambda s: (means[s], -s), default=None)
    return fresh if best is None or means[best] < STORY_SIMILAR else best


def _partners(kept: KeptStories, report: str, vec: Vector, docs: list[str], n: int
              ) -> list[str]:
    """The kept reports the new report is scored against: all of a small batch, else
    those ``stories.partners`` finds (the report counted among the holders of its words)."""
    if n <= BLOCK_MIN_DOCS:
        return docs
    words = heaviest(vec)
    postings = {w: [*held, report] for w, held in kept.holding(words).items()}
    found = partners(words, postings, n)
    found.discard(report)
    return sorted(found)


def _dot(a: Vector, b: Vector) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b[w] for w, v in sorted(a.items()) if w in b)


def _events_in_story(kept: KeptStories, number: int, new: dict[str, NewReport],
                     parts: dict[str, Parts], freq: Frequencies, threshold: float,
                     taken: set[str]) -> list[Event]:
    """The events of story ``number`` that hold one of the ``new`` reports: known events
    they joined (same ids) and events they started (free ids), largest first."""
    ids = [d for d, s in kept.stories() if s == number]
    old = [d for d in ids if d not in new]
    parts = parts | kept.parts(old)
    profs = weigh([parts[d] for d in ids], freq, kept.entities(ids))
    leads = kept.leads(old) | {d: r.lead for d, r in new.items()}
    vecs = np.vstack([np.asarray(leads[d], dtype=np.float32) for d in ids])
    found = kept.documents(old) | {d: r.doc for d, r in new.items()}
    docs = [found[d] for d in ids]
    by_doc = kept.mentions(old) | {d: r.mentions for d, r in new.items()}
    starts = kept.starts(old) | {d: r.starts for d, r in new.items()}
    index = {d: k for k, d in enumerate(ids)}
    known = [(e, [index[d] for d in members if d in index])
             for e, members in kept.events().items() if members[0] in index]
    known.sort(key=lambda k: (-len(k[1]), min(k[1])))  # as the record orders its events
    seed_of = {i: e for e, seed in known for i in seed}
    groups = events_of_story(list(range(len(ids))), profs, vecs, [s for _, s in known],
                             event_logit(threshold), Clashes(docs, by_doc, starts).between)
    free = free_ids(taken)
    out = []
    for g in sorted(groups, key=lambda g: (-len(g), min(g))):
        members = [ids[i] for i in g]
        if new.keys().isdisjoint(members):
            continue
        event_id = next((seed_of[i] for i in g if i in seed_of), None) or next(free)
        out.append(event_of(event_id, [docs[i] for i in g], by_doc, vecs[g],
                            Places(kept.entities(members))))
    return out
