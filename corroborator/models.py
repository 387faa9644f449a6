"""Plain data passed between the stages of the pipeline.

Every stage is a function over these frozen dataclasses::

    ingest  -> RawDoc | Skipped     (a file, a JSON record, a page)
    clean   -> CleanDoc             (clutter removed, offsets kept)
    extract -> Mention, Quote       (values and quotes, with provenance)
    events  -> Event                (reports grouped by what they describe)
    reconcile -> Fact               (one real-world slot, its mentions, a status)
    support -> Derivation, Support  (which report copies which; who stands behind a fact)
    Record  = all of the above: what ``store`` writes and ``report`` renders.

Provenance is data: a mention carries its document id, character offsets into
the cleaned text and the sentence that states it, so it can always be shown in
context; ``CleanDoc.to_raw`` maps a cleaned offset back to the original text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

Value = float | str | None

KINDS = ("count", "amount", "date", "duration", "percent", "measure", "other")
STATUSES = ("conflict", "agreed", "single")


@dataclass(frozen=True, slots=True)
class Source:
    """What is known of where a report came from (sources.csv, HTML or JSON metadata)."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 at the precision known: "2025", "2025-03", "2025-03-16"
    author: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One report as read from its input, before cleaning.

    ``text`` is the report's text: the file itself for .txt/.md, the main text
    that trafilatura extracted for HTML, the body field of a JSON export.
    """

    id: str  # the input file's name without extension (or "<file>-<n>" for a JSONL line)
    path: str
    format: str  # "txt", "md", "html", "json", "jsonl"
    text: str
    source: Source
    sha256: str  # hash of the original bytes (or of the record, for JSON exports)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read, and why. Never fatal to a batch."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A span of clutter removed from ``RawDoc.text`` (offsets into the raw text)."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CleanDoc:
    """A report with its clutter removed.

    ``segments`` maps the cleaned text back to the raw text: each entry is
    ``(clean_start, raw_start, length)`` for a run of characters kept verbatim,
    sorted by ``clean_start``.
    """

    raw: RawDoc
    text: str
    removed: tuple[Removed, ...] = ()
    segments: tuple[tuple[int, int, int], ...] = ()

    @property
    def id(self) -> str:
        return self.raw.id

    @property
    def source(self) -> Source:
        return self.raw.source

    def to_raw(self, offset: int) -> int:
        """Map an offset in the cleaned text to the raw text."""
        if not self.segments:
            return offset
        starts = [s[0] for s in self.segments]
        k = max(0, bisect.bisect_right(starts, offset) - 1)
        clean_start, raw_start, length = self.segments[k]
        return raw_start + min(offset - clean_start, length)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a cleaned report (offsets into ``CleanDoc.text``)."""

    doc: str
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One checkable value stated in one sentence of one report."""

    id: str
    doc: str
    kind: str  # one of KINDS
    value: Value  # a number, or an ISO date string; None for a date that cannot be resolved
    unit: str | None  # "USD", "km", "year", "%", ...; None for plain counts
    text: str  # the surface form, e.g. "over 250", "$6 million", "in January"
    start: int  # character offsets of ``text`` in the cleaned document text
    end: int
    sentence: str
    sent_start: int
    sent_end: int
    bound: str = "exact"  # exact | approx | min | max | range | vague
    low: float | None = None  # interval the value allows, for bounds and ranges
    high: float | None = None
    counted: str | None = None  # what it counts or measures: "Tren de Aragua members"
    head: str | None = None  # lemma of the counted noun: "member"
    qualifiers: tuple[str, ...] = ()  # names qualifying the counted noun: ("Tren de Aragua",)
    frame: tuple[str, ...] = ()  # lemmas of the predicate and nouns governing the value
    context: str = ""  # a short description of the slot, value masked, for similarity
    time: str | None = None  # an ISO date the value is stated for ("as of March 2024")
    said_by: str | None = None
    attribution_cue: str | None = None  # "according to", "said", "confirmed", ...
    hedged: bool = False
    hedge_cue: str | None = None
    subject: str | None = None  # what the value is about: an entity or an event
    entities: tuple[str, ...] = ()  # canonical names of the entities in the sentence
    in_quote: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who the text says spoke it."""

    id: str
    doc: str
    text: str  # without the quote marks
    start: int  # offsets of the quoted text in the cleaned document text
    end: int
    speaker: str | None
    cue: str | None = None  # the reporting verb: "said", "wrote", "added"


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing, merged across its aliases and reports."""

    id: str
    name: str  # canonical name, the longest informative alias
    label: str  # spaCy NER label: PERSON, ORG, GPE, FAC, LAW, NORP, ...
    aliases: tuple[str, ...]
    docs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world event and the reports that describe it."""

    id: str
    label: str
    documents: tuple[str, ...]
    when: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """One real-world slot, every mention of it across reports, and a status."""

    id: str
    event: str | None
    label: str
    subject: str | None
    kind: str
    status: str  # one of STATUSES
    mentions: tuple[Mention, ...]
    value: Value = None  # the agreed value, or the most supported one
    unit: str | None = None
    reason: str = ""  # why this status: "23 vs 21", "over 250 is compatible with 261"


REPRINT_SHARE = 0.8  # at least this share of a report copied: a reprint; less: a partial copy


@dataclass(frozen=True, slots=True)
class Derivation:
    """``doc`` copies ``source_doc``: ``share`` of its words are in copied paragraphs."""

    doc: str
    source_doc: str
    share: float
    paragraphs: int  # paragraphs of ``doc`` copied from ``source_doc``
    of: int  # paragraphs of ``doc`` considered

    @property
    def kind(self) -> str:
        return "reprint" if self.share >= REPRINT_SHARE else "partial"


@dataclass(frozen=True, slots=True)
class SupportSource:
    """One independent source behind a fact: the reports of one origin or one outlet."""

    origin: str  # the report the others copy (or the one report)
    label: str  # "LPA wire", an outlet, a host, or the report's id
    documents: tuple[str, ...]  # the fact's reports that come from this source
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Support:
    """How many outlets state a fact's value, and how many independent sources they are."""

    fact: str
    outlets: int | None  # None when some report's outlet is unknown
    reports: int
    independent: int
    sources: tuple[SupportSource, ...]
    summary: str  # "3 outlets, 1 independent source (LPA wire)"


@dataclass(frozen=True, slots=True)
class Record:
    """Everything ``corroborator build`` learns from a corpus."""

    documents: tuple[CleanDoc, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    facts: tuple[Fact, ...]
    skipped: tuple[Skipped, ...] = ()
    story: str | None = None
    # The support stage's output (``reconcile.support``); None until it has run.
    derivations: tuple[Derivation, ...] | None = None
    support: tuple[Support, ...] | None = None  # one per fact, in the facts' order


def fact_order(f: Fact) -> tuple[int, str, str]:
    """Where a fact stands in a record: conflicts first, then agreed, then single; then by
    event and id."""
    return (STATUSES.index(f.status), f.event or "", f.id)
