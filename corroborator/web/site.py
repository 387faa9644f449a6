"""A loaded record and the lookups its pages need, computed once per record.

The app reads the record only through ``store.read_record``; a ``Site`` is the
``Record`` it returns plus indexes (facts by report, subject, event, entity,
speaker; quotes by speaker; ...) so that no page scans more than it shows,
which is what keeps a page of a 10,000-fact record well under 300 ms.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

from ..models import (
    STATUSES,
    CleanDoc,
    Derivation,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    Record,
    Support,
)
from ..reconcile.series import find_series, series_of
from ..reconcile.sides import sides
from ..record import serialise
from ..record.serialise import as_json
from ..report.render import event_places, format_mention, format_value, rank_events, safe_url
from . import urls

__all__ = ["NO_SPEAKER", "Site"]

T = TypeVar("T")

NO_SPEAKER = "(speaker unknown)"
STATUS_ORDER = {status: rank for rank, status in enumerate(STATUSES)}


def _group(pairs: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for key, value in pairs:
        bucket = out.setdefault(key, [])
        if not bucket or bucket[-1] is not value:
            bucket.append(value)
    return out


class Site:
    """A record with its indexes. Read-only once built; safe to share between threads."""

    def __init__(self, record: Record, path: Path) -> None:
        self.record = record
        self.path = path
        self._lock = threading.Lock()
        self._memo: dict[str, object] = {}
        self.docs: dict[str, CleanDoc] = {d.id: d for d in record.documents}
        self.facts: dict[str, Fact] = {f.id: f for f in record.facts}
        self.events: dict[str, Event] = {e.id: e for e in record.events}
        self.entities: dict[str, Entity] = {e.id: e for e in record.entities}
        self.series_of = series_of(find_series(record.facts))
        self.fact_of: dict[str, Fact] = {}
        for fact in record.facts:
            for m in fact.mentions:
                self.fact_of.setdefault(m.id, fact)
        self.fact_docs = {
            f.id: tuple(dict.fromkeys(m.doc for m in f.mentions)) for f in record.facts
        }
        self.fact_speakers = {
            f.id: frozenset(m.said_by for m in f.mentions if m.said_by) for f in record.facts
        }
        self.facts_by_doc = _group((d, f) for f in record.facts for d in self.fact_docs[f.id])
        self.facts_by_subject = _group((f.subject, f) for f in record.facts if f.subject)
        self.facts_by_event = _group((f.event, f) for f in record.facts if f.event)
        self.mentions_by_doc = _group((m.doc, m) for m in record.mentions)
        self.quotes_by_doc = _group((q.doc, q) for q in record.quotes)
        self.quotes_by_speaker = _group((q.speaker or NO_SPEAKER, q) for q in record.quotes)
        self.events_of_doc = _group((d, e) for e in record.events for d in e.documents)
        self.entity_by_name = self._entity_names(record.entities)
        self.facts_by_entity = self._facts_by_entity(record.facts)
        self.support: dict[str, Support] = {s.fact: s for s in record.support or ()}
        self.derived: dict[str, Derivation] = {d.doc: d for d in record.derivations or ()}
        self.copied_by = _group((d.source_doc, d) for d in record.derivations or ())

    def memo(self, name: str, build: Callable[[Site], T]) -> T:
        """``build(self)``, computed once per site on first use (the search index, the tables)."""
        with self._lock:
            if name not in self._memo:
                self._memo[name] = build(self)
            return cast(T, self._memo[name])

    # -- indexes -------------------------------------------------------------

    @staticmethod
    def _entity_names(entities: Iterable[Entity]) -> dict[str, Entity]:
        """Each canonical name and alias to its entity (the first entity wins a shared alias)."""
        out: dict[str, Entity] = {}
        for e in entities:
            out.setdefault(e.name, e)
        for e in entities:
            for alias in e.aliases:
                out.setdefault(alias, e)
        return out

    def _facts_by_entity(self, facts: Iterable[Fact]) -> dict[str, list[Fact]]:
        """Facts whose subject, speaker or sentence names an entity, by entity id."""
        pairs: list[tuple[str, Fact]] = []
        for fact in facts:
            names = {fact.subject} if fact.subject else set()
            for m in fact.mentions:
                names.update(m.entities)
                if m.said_by:
                    names.add(m.said_by)
            ids = {self.entity_by_name[n].id for n in names if n in self.entity_by_name}
            pairs.extend((ident, fact) for ident in sorted(ids))
        return _group(pairs)

    # -- lookups and small views of records ----------------------------------

    @functools.cached_property
    def conflicts(self) -> list[Fact]:
        return [f for f in self.record.facts if f.status == "conflict"]

    @functools.cached_property
    def facts_ranked(self) -> list[Fact]:
        """All facts, conflicts first, then agreed, then single-source; record order within."""
        return sorted(self.record.facts, key=lambda f: STATUS_ORDER.get(f.status, len(STATUSES)))

    @functools.cached_property
    def events_ranked(self) -> list[Event]:
        """All events, those with the most conflicts first, else in record order."""
        return rank_events(self.record.events, Counter(f.event for f in self.conflicts))

    @functools.cached_property
    def event_places(self) -> dict[str, str]:
        """Where each event happened, by event id, when its reports say."""
        return event_places(self.record.events, self.record.entities)

    def event_ref(self, event_id: str | None) -> dict[str, Any] | None:
        """An event as a link: id, label and page; None for no event or one the record lacks."""
        event = self.events.get(event_id) if event_id else None
        if event is None:
            return None
        return {"id": event.id, "label": event.label, "href": urls.event(event.id)}

    @functools.cached_property
    def speakers(self) -> list[str]:
        """Everyone a value or a quote is attributed to, alphabetically."""
        names = {m.said_by for m in self.record.mentions if m.said_by}
        names.update(q.speaker for q in self.record.quotes if q.speaker)
        return sorted(names, key=str.casefold)

    @functools.cached_property
    def kinds(self) -> list[str]:
        return sorted({f.kind for f in self.record.facts})

    def doc_label(self, doc_id: str) -> str:
        """How a report is named: outlet and title, or whatever is known, or its id."""
        doc = self.docs.get(doc_id)
        if doc is None:
            return doc_id
        parts = [p for p in (doc.source.outlet, doc.source.title) if p]
        return " — ".join(parts) if parts else doc_id

    def doc_short(self, doc_id: str) -> str:
        """A report's outlet, or its title, or its id: for narrow places like table columns."""
        doc = self.docs.get(doc_id)
        if doc is None:
            return doc_id
        return doc.source.outlet or doc.source.title or doc_id

    def doc_ref(self, doc_id: str) -> dict[str, Any]:
        """A report as JSON data: its fields (``serialise.document``), a label and its page."""
        doc = self.docs.get(doc_id)
        if doc is None:
            return {"id": doc_id, "label": doc_id, "outlet": None, "title": None,
                    "published": None, "url": None, "safe_url": None, "href": None}
        fields: dict[str, Any] = as_json(serialise.document(doc))
        return fields | {"label": self.doc_label(doc_id), "safe_url": safe_url(doc.source.url),
                         "href": urls.report(doc_id)}

    def fact_ref(self, fact: Fact) -> dict[str, Any]:
        """A fact as one row of a list (``serialise.fact``, without its mentions), with how
        to show it and where to see its mentions."""
        docs = self.fact_docs.get(fact.id, ())
        series = self.series_of.get(fact.id)
        fields: dict[str, Any] = as_json(serialise.fact(fact, self.support.get(fact.id),
                                                        series.id if series else None,
                                                        mentions=False))
        return fields | {
            "display": format_value(fact.value, fact.unit),
            "sides": [{"text": s.text, "display": format_value(s.value, s.unit),
                       "sources": list(s.sources), "n_reports": len(s.docs)}
                      for s in sides(fact.mentions)],
            "n_reports": len(docs),
            "reports": [self.doc_short(d) for d in docs],
            "href": urls.fact(fact.id),
            "subject_href": urls.subject(fact.subject) if fact.subject else None,
        }

    def mention_ref(self, m: Mention) -> dict[str, Any]:
        """A mention with its fact, its report and where it sits in the report's page."""
        fact = self.fact_of.get(m.id)
        return {
            "mention": m,
            "display": format_mention(m),
            "fact": fact.id if fact else None,
            "fact_href": urls.fact(fact.id) if fact else None,
            "doc": self.doc_ref(m.doc),
        }

    def quote_ref(self, q: Quote) -> dict[str, Any]:
        return {"quote": q, "doc": self.doc_ref(q.doc), "speaker": q.speaker or NO_SPEAKER}

    def entity_for(self, name: str | None) -> Entity | None:
        return self.entity_by_name.get(name) if name else None
