"""``corroborator add`` in place: new reports join a record without rebuilding it.

A build keeps, beside its record, what it learnt across the batch
(``state.write_state``). Adding reports reads that kept state and runs the build's
own stages on the new reports, each given its kept state (``kept.py`` reads and
extends it in SQLite), then writes what changed::

    read      only the new inputs                         -> RawDoc
    clean     clean_batch(raw, lines=kept lines)          -> CleanDoc
    parse     the new reports only (analysis cache)       -> mentions, quotes, names, leads
    names     entities.merge(names, kept names)           -> entities
    events    placing.place(reports, kept stories)        -> Event
    reconcile the events the new reports touch            -> Fact
    write     new rows added, changed rows replaced, record and state in one transaction

Anything this cannot do exactly as a build would (a record built by other code or
settings, a missing cache, a new report that changes an earlier report's text or
the kind of context vectors reconciliation uses) raises ``NotIncremental`` before
the transaction commits; the caller then rebuilds the record whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..clean.batch import clean_batch
from ..errors import NotIncremental
from ..group.entities import Merged, Names, merge, resolve
from ..group.placing import NewReport, place
from ..models import CleanDoc, Event, Mention, Quote, RawDoc, Skipped
from ..nlp import embed
from ..nlp.analyse import Progress, analyse
from ..pipeline import canon_mention, canon_quote, read
from ..reconcile.facts import context_mode, reconcile
from ..record import store
from ..record.cache import AnalysisCache, BlockCache, analysis_key, code_digest
from ..record.state import FILE, settings_digest
from ..settings import Settings
from . import record as rec
from .kept import LinesDb, NamesDb, StoriesDb

__all__ = ["Added", "add_reports"]


@dataclass
class Added:
    """What an addition did."""

    reports: list[str] = field(default_factory=list)  # ids of the reports added
    events: list[str] = field(default_factory=list)  # ids of the events they joined or started
    skipped: list[Skipped] = field(default_factory=list)


def add_reports(dossier: Path, paths: Sequence[str | Path], settings: Settings, *,
                urls: Sequence[str] = (), progress: Progress | None = None) -> Added:
    """Add the reports of ``paths`` and ``urls`` to the record in ``dossier`` in place.

    Raises ``NotIncremental`` (nothing written) when it cannot; ``StoreError`` if there
    is no record to add to."""
    cache = dossier / "cache"
    con = rec.connect(dossier / "record.sqlite", cache / FILE)
    try:
        _check(con, settings)
        raw, skipped = read(paths, settings, urls=urls, cache_dir=cache)
        raw, taken = _not_in_record(con, raw)
        con.execute("BEGIN IMMEDIATE")
        try:
            with embed.stored(cache / "embeddings.sqlite"):
                added = _add(con, raw, settings, cache, progress)
            added.skipped = [*skipped, *taken, *added.skipped]
            rec.append_skipped(con, added.skipped)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:  # SQLite may have rolled back itself (disk full, I/O error)
                con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return added


def _check(con: sqlite3.Connection, settings: Settings) -> None:
    try:
        kept = dict(con.execute("SELECT key, value FROM state.meta").fetchall())
    except sqlite3.DatabaseError as exc:
        raise NotIncremental(f"the kept state cannot be read ({exc})") from exc
    if rec.meta(con).get("state") != kept.get("generation"):
        raise NotIncremental("the record and the kept state come from different builds")
    if kept.get("code") != code_digest():
        raise NotIncremental("the record was built by another version of corroborator")
    if kept.get("settings") != settings_digest(settings):
        raise NotIncremental("the record was built with other settings")


def _not_in_record(con: sqlite3.Connection, raw: list[RawDoc]) -> tuple[list[RawDoc], list[Skipped]]:
    """The reports the record does not hold yet. A report it holds already (same id, same
    bytes) is left out quietly, so that running an addition again changes nothing; another
    report with an id the record uses is skipped."""
    ids = [d.id for d in raw]
    held: dict[str, tuple[str, str]] = {}
    for chunk in (ids[k : k + 500] for k in range(0, len(ids), 500)):
        sql = f"SELECT id, path, sha256 FROM main.documents WHERE {rec.where_in('id', chunk)}"
        held.update((d, (path, sha)) for d, path, sha in con.execute(sql, chunk))
    fresh = [d for d in raw if d.id not in held]
    taken = [Skipped(d.path, f"{d.path} gives report id {d.id!r}, already used by "
                             f"{held[d.id][0]}: rename one of them.")
             for d in raw if d.id in held and held[d.id][1] != d.sha256]
    return fresh, taken


def _add(con: sqlite3.Connection, raw: list[RawDoc], settings: Settings, cache: Path,
         progress: Progress | None) -> Added:
    cleaned = clean_batch(raw, settings=settings, lines=LinesDb(con))
    for doc in cleaned.retexted:  # its analysis would have to be redone: a rebuild does
        raise NotIncremental(f"a new report makes a line of report {doc!r} boilerplate, which "
                             "changes that report's text")
    analysed = analyse(cleaned.docs, settings, progress, AnalysisCache(cache / "analysis"))
    found, names = Names(), NamesDb(con)
    found.add(analysed.entities)
    merged = merge(found, names)
    aliases = resolve(_aliases(analysed.mentions, analysed.quotes), names, merged.canon)
    mentions = [canon_mention(m, aliases) for m in analysed.mentions]
    quotes = [canon_quote(q, aliases) for q in analysed.quotes]
    touched = _rename_earlier(con, names, merged, cache)
    _check_context(con, settings, mentions)
    docs = analysed.docs
    rec.insert_documents(con, docs)
    rec.insert_analysis(con, docs, analysed.sentences, mentions, quotes)
    new_by_doc: dict[str, list[Mention]] = {d.id: [] for d in docs}
    for m in mentions:
        new_by_doc[m.doc].append(m)
    starts: dict[str, list[int]] = {d.id: [] for d in docs}
    for s in analysed.sentences:
        starts[s.doc].append(s.start)
    keys = {d.id: analysis_key(d, settings.spacy_model, settings.selective_parsing) for d in docs}
    events = place([NewReport(d, new_by_doc[d.id], starts[d.id], analysed.leads[k])
                    for k, d in enumerate(docs)],
                   StoriesDb(con, merged.canon, keys), threshold=settings.event_threshold)
    touched.update((e.id, e) for e in events)
    rec.update_removed(con, cleaned.reasons)
    _replace_removed(con, cleaned.recleaned)
    rec.replace_entities(con, merged.gone, merged.entities)
    _reconcile(con, touched, new_by_doc, settings, cache, names, merged, analysed.tensors)
    rec.refresh_support(con, touched, settings.page_max_reports)
    return Added([d.id for d in docs], [e.id for e in events], list(analysed.skipped))


def _aliases(mentions: Sequence[Mention], quotes: Sequence[Quote]) -> set[str]:
    out = {q.speaker for q in quotes if q.speaker}
    for m in mentions:
        out.update(a for a in (m.said_by, m.subject, *m.entities) if a)
    return out


def _check_context(con: sqlite3.Connection, settings: Settings, mentions: Sequence[Mention]) -> None:
    """Reconciliation must use the context vectors the record's facts were found with."""
    kept = dict(con.execute("SELECT key, value FROM state.meta").fetchall())
    valued = int(kept["valued"]) + sum(m.value is not None for m in mentions)
    if context_mode(settings.context_vectors, valued) != kept["context"]:
        raise NotIncremental("the new reports change the context vectors reconciliation uses")
    con.execute("UPDATE state.meta SET value = ? WHERE key = 'valued'", (str(valued),))


def _cached(con: sqlite3.Connection, docs: Sequence[str], cache: Path
            ) -> dict[str, tuple[list[Mention], list[Quote], dict[str, np.ndarray]]]:
    """The kept analyses of ``docs``: mentions, quotes, and the mentions' context vectors."""
    analyses = AnalysisCache(cache / "analysis")
    out = {}
    for chunk in (list(docs)[k : k + 500] for k in range(0, len(docs), 500)):
        sql = f"SELECT id, analysis FROM state.docs WHERE {rec.where_in('id', chunk)}"
        for doc, key in con.execute(sql, chunk):
            hit = analyses.get(key)
            if hit is None:
                raise NotIncremental(f"the analysis of {doc} is no longer in the cache")
            out[doc] = (list(hit[1]), list(hit[2]), dict(hit[5]))
    return out


def _rename_earlier(con: sqlite3.Connection, names: NamesDb, merged: Merged, cache: Path
                    ) -> dict[str, Event]:
    """Earlier reports whose names now stand for other entities: their mentions and quotes
    updated; the events whose facts may change as a result."""
    if not merged.renamed:
        return {}
    found = _cached(con, sorted(merged.renamed), cache)
    ms = [m for doc_ms, _, _ in found.values() for m in doc_ms]
    qs = [q for _, doc_qs, _ in found.values() for q in doc_qs]
    aliases = resolve(_aliases(ms, qs), names, merged.canon)
    rec.update_names(con, [canon_mention(m, aliases) for m in ms],
                     [canon_quote(q, aliases) for q in qs])
    events = rec.event_documents(con)
    return {e: _stored_event(con, e, docs) for e, docs in events.items()
            if merged.renamed.intersection(docs)}


def _stored_event(con: sqlite3.Connection, event: str, docs: list[str]) -> Event:
    label, when = con.execute("SELECT label, [when] FROM main.events WHERE id = ?",
                              (event,)).fetchone()
    return Event(event, label, tuple(docs), when)


def _replace_removed(con: sqlite3.Connection, docs: Sequence[CleanDoc]) -> None:
    """Earlier reports cleaned again (same text): their removed spans replaced."""
    store.apply(con, store.Changes(delete={"removed": [{"doc": d.id} for d in docs]},
                                   insert={"removed": list(store.removed_rows(docs))}))


def _reconcile(con: sqlite3.Connection, touched: dict[str, Event],
               new: dict[str, list[Mention]], settings: Settings, cache: Path,
               names: NamesDb, merged: Merged, tensors: dict[str, np.ndarray]) -> None:
    """The facts of every touched event found again (blocks seen before come from the
    block cache) and written over its old ones. ``new``: the new reports' mentions;
    ``tensors``: their context vectors."""
    context = dict(con.execute("SELECT key, value FROM state.meta").fetchall())["context"]
    blocks = BlockCache(cache / "blocks.sqlite")
    try:
        for event in touched.values():
            earlier = [d for d in event.documents if d not in new]
            stored = _cached(con, earlier, cache)
            olds = [m for d in earlier for m in stored[d][0]]
            aliases = resolve(_aliases(olds, []), names, merged.canon)
            by_doc: dict[str, list[Mention]] = {m.doc: [] for m in olds} | new
            for m in olds:
                by_doc[m.doc].append(canon_mention(m, aliases))
            mentions = [m for d in event.documents for m in by_doc.get(d, ())]
            kept = {i: v for d in earlier for i, v in stored[d][2].items()}
            facts = reconcile(mentions, {d: event.id for d in event.documents},
                              threshold=settings.link_threshold,
                              tolerance=settings.value_tolerance, context=context, kept=blocks,
                              tensors={**kept, **tensors})
            rec.replace_facts(con, event, facts)
    finally:
        blocks.close()
