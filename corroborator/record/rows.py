"""The rows of ``record.sqlite``, built from the record's models (and read back).

``store`` re-exports these: a whole-record write (``store.write_record``), an
in-place change (``store.apply``) and the web app's table pages (``web.tables``)
all build their rows here, so a row is the same however it got into the file.
A model's fields come from its one serialiser (``serialise``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..errors import StoreError
from ..models import (
    CleanDoc,
    Derivation,
    Entity,
    Event,
    Fact,
    Mention,
    RawDoc,
    Record,
    Sentence,
    Skipped,
    Source,
    Support,
)
from ..reconcile.series import Series, find_series
from . import serialise
from .serialise import fact_row, mention_from_row, mention_row, quote_from_row, quote_row

__all__ = [
    "derivation_from_row",
    "derivation_row",
    "document_from_row",
    "document_row",
    "entity_from_row",
    "entity_row",
    "event_document_rows",
    "event_row",
    "fact_mention_rows",
    "fact_row",
    "fact_rows",
    "mention_from_row",
    "mention_row",
    "mention_rows",
    "quote_from_row",
    "quote_row",
    "removed_rows",
    "segment_rows",
    "sentence_rows",
    "series_row",
    "skipped_row",
    "table_rows",
]

Row = dict[str, Any]


def table_rows(record: Record) -> Iterator[tuple[str, Iterable[Row]]]:
    """Every table's rows (but ``meta``'s), in the order the tables are created. The
    record's support (``reconcile.support``) is written as it is: run the stage first."""
    yield "documents", (document_row(d) for d in record.documents)
    yield "segments", segment_rows(record.documents)
    yield "removed", removed_rows(record.documents)
    yield "sentences", sentence_rows(record.documents, record.sentences)
    yield "events", (event_row(e) for e in record.events)
    yield "event_documents", event_document_rows(record.events)
    yield "facts", fact_rows(record.facts, record.support)
    yield "series", (series_row(x) for x in find_series(record.facts))
    yield "mentions", mention_rows(record)
    yield "fact_mentions", fact_mention_rows(record.facts, record.mentions)
    yield "quotes", (quote_row(q) for q in record.quotes)
    yield "entities", (entity_row(e) for e in record.entities)
    yield "derivations", (derivation_row(d) for d in record.derivations or ())
    yield "skipped", (skipped_row(s) for s in record.skipped)


def document_row(doc: CleanDoc) -> Row:
    """A report: its metadata (``serialise.document``), its raw and its cleaned text."""
    return serialise.document(doc) | {"raw_text": doc.raw.text, "text": doc.text}


def document_from_row(row: Row) -> CleanDoc:
    """A report from its row (without its removed spans and segments)."""
    source = Source(url=row["url"], outlet=row["outlet"], title=row["title"],
                    published=row["published"], author=row["author"], language=row["language"])
    raw = RawDoc(id=row["id"], path=row["path"], format=row["format"], text=row["raw_text"],
                 source=source, sha256=row["sha256"])
    return CleanDoc(raw=raw, text=row["text"])


def segment_rows(docs: Iterable[CleanDoc]) -> Iterator[Row]:
    for doc in docs:
        for clean_start, raw_start, length in doc.segments:
            yield {"doc": doc.id, "clean_start": clean_start, "raw_start": raw_start,
                   "length": length}


def removed_rows(docs: Iterable[CleanDoc]) -> Iterator[Row]:
    for doc in docs:
        for idx, r in enumerate(doc.removed):
            yield {"doc": doc.id, "idx": idx, "start": r.start, "end": r.end, "text": r.text,
                   "reason": r.reason}


def sentence_rows(docs: Iterable[CleanDoc], sentences: Iterable[Sentence]) -> Iterator[Row]:
    """Sentences with their text copied in, so full-text search and Datasette can show it."""
    texts = {doc.id: doc.text for doc in docs}
    for s in sentences:
        text = texts.get(s.doc, "")[s.start : s.end]
        yield {"doc": s.doc, "idx": s.index, "start": s.start, "end": s.end, "text": text}


def event_row(event: Event) -> Row:
    return {"id": event.id, "label": event.label, "when": event.when}


def event_document_rows(events: Iterable[Event]) -> Iterator[Row]:
    for event in events:
        for position, doc in enumerate(event.documents):
            yield {"event": event.id, "doc": doc, "position": position}


def fact_rows(facts: Sequence[Fact], support: Sequence[Support] | None) -> Iterator[Row]:
    """Facts with their support (``support``: one per fact, or None when not worked out)."""
    found = {s.fact: s for s in support or ()}
    for f in facts:
        yield fact_row(f, found.get(f.id))


def series_row(series: Series) -> Row:
    """A figure's history: its points (time, value, fact) and its facts, as JSON arrays."""
    points = [{"time": p.time, "value": p.value, "fact": p.fact} for p in series.points]
    return {"id": series.id, "event": series.event, "label": series.label, "kind": series.kind,
            "unit": series.unit, "points": json.dumps(points, ensure_ascii=False),
            "facts": json.dumps([p.fact for p in series.points])}


def mention_rows(record: Record) -> Iterator[Row]:
    """Mentions with the fact that cites them first and the event it (or the report) belongs to."""
    fact_of: dict[str, Fact] = {}
    for fact in record.facts:
        for m in fact.mentions:
            fact_of.setdefault(m.id, fact)
    event_of_doc: dict[str, str] = {}
    for event in record.events:
        for doc in event.documents:
            event_of_doc.setdefault(doc, event.id)
    for m in record.mentions:
        cited_by = fact_of.get(m.id)
        event_id = cited_by.event if cited_by and cited_by.event else event_of_doc.get(m.doc)
        yield mention_row(m, fact=cited_by.id if cited_by else None, event=event_id)


def fact_mention_rows(facts: Iterable[Fact], mentions: Iterable[Mention] | None = None
                      ) -> Iterator[Row]:
    """Links from facts to mentions. Given the record's ``mentions``, a fact citing one
    that is not among them is a pipeline bug, and raises."""
    listed = {m.id: m for m in mentions} if mentions is not None else None
    for fact in facts:
        for position, m in enumerate(fact.mentions):
            if listed is not None and listed.get(m.id) != m:
                raise StoreError(
                    f"fact {fact.id!r} cites mention {m.id!r}, which is not among the record's "
                    "mentions (or differs from it); every fact must cite mentions of the record"
                )
            yield {"fact": fact.id, "mention": m.id, "position": position}


def entity_row(e: Entity) -> Row:
    return {"id": e.id, "name": e.name, "label": e.label, "aliases": json.dumps(list(e.aliases)),
            "docs": json.dumps(list(e.docs))}


def entity_from_row(row: Row) -> Entity:
    return Entity(id=row["id"], name=row["name"], label=row["label"],
                  aliases=tuple(json.loads(row["aliases"])), docs=tuple(json.loads(row["docs"])))


def derivation_row(d: Derivation) -> Row:
    """A report that copies another: which, how much, and whether a reprint or a part."""
    return {"doc": d.doc, "source_doc": d.source_doc, "share": d.share,
            "paragraphs": d.paragraphs, "of": d.of, "kind": d.kind}


def derivation_from_row(row: Row) -> Derivation:
    return Derivation(row["doc"], row["source_doc"], row["share"], row["paragraphs"], row["of"])


def skipped_row(s: Skipped) -> Row:
    return {"path": s.path, "reason": s.reason}
