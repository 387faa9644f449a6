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
2. its **event** within the story: the batch's pair model and linkage
   (``events.events_of_story``) over the story's reports, whose known events are
   locked, so the report joins one of them or starts an event of its own, labelled
   as a batch labels it (``events.event_of``).

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
    """The event each of ``new`` joins (with it among its reports) or starts, placed in
    order, each after the ones before it; ``kept`` is updated as they are placed."""
    freq = kept.frequencies()
    out = []
    for report in new:
        parts = parts_of(report.doc, report.mentions, report.starts)
        freq.add(parts)
        vec = weighted(parts.words, freq.n, freq.words)
        story, number = _story(kept, report.doc.id, vec, freq)
        kept.add(report.doc.id, number, parts, report.lead, heaviest(vec))
        members = _event_in_story(kept, story, report, parts, freq, threshold)
        event = _event(kept, members, report)
        kept.keep_event(event)
        out.append(event)
    kept.keep_frequencies(freq)
    return out


def _story(kept: KeptStories, report: str, vec: Vector, freq: Frequencies
           ) -> tuple[list[str], int]:
    """The reports (in order) of the story the report joins, and that story's number."""
    docs = kept.stories()
    fresh = max((s for _, s in docs), default=-1) + 1
    if freq.n < STORY_MIN_DOCS:  # a batch this small is one story
        number = docs[0][1] if docs else fresh
        return [d for d, s in docs if s == number], number
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
    if best is None or means[best] < STORY_SIMILAR:
        return [], fresh
    return [d for d, s in docs if s == best], best


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


def _event_in_story(kept: KeptStories, story: list[str], new: NewReport, parts: Parts,
                    freq: Frequencies, threshold: float) -> list[str]:
    """The reports of the event the new report ends up in (it last)."""
    if not story:
        return [new.doc.id]
    ids = [*story, new.doc.id]
    stored = kept.parts(story)
    profs = weigh([*(stored[d] for d in story), parts], freq, kept.entities(ids))
    vecs = _lead_vectors(kept, story, new.lead)
    found = kept.documents(story)
    docs = [*(found[d] for d in story), new.doc]
    by_doc = kept.mentions(story) | {new.doc.id: new.mentions}
    starts = kept.starts(story) | {new.doc.id: new.starts}
    forbidden = Clashes(docs, by_doc, starts).between
    index = {d: k for k, d in enumerate(ids)}
    seeds = sorted(([index[d] for d in members if d in index]
                    for members in kept.events().values() if members[0] in index),
                   key=lambda s: (-len(s), min(s)))  # as the record orders its events
    groups = events_of_story(list(range(len(ids))), profs, vecs, seeds,
                             event_logit(threshold), forbidden)
    mine = next(g for g in groups if len(ids) - 1 in g)
    return [ids[k] for k in sorted(mine)]


def _lead_vectors(kept: KeptStories, earlier: list[str], lead: np.ndarray) -> np.ndarray:
    """The lead embeddings of the ``earlier`` reports, then ``lead``."""
    found = kept.leads(earlier)
    rows = [np.asarray(found[d], dtype=np.float32) for d in earlier]
    return np.vstack([*rows, np.asarray(lead, dtype=np.float32)[None, :]])


def _event(kept: KeptStories, members: list[str], new: NewReport) -> Event:
    """The event of ``members``: the known one they extend (same id), or a new one."""
    known = kept.events()
    old = next((e for e, docs in known.items() if members[0] in docs), None)
    event_id = old or next(free_ids(set(known)))
    earlier = members[:-1]
    found = kept.documents(earlier)
    docs = [*(found[d] for d in earlier), new.doc]
    by_doc = kept.mentions(earlier) | {new.doc.id: new.mentions}
    places = Places(kept.entities(members))
    return event_of(event_id, docs, by_doc, _lead_vectors(kept, earlier, new.lead), places)
