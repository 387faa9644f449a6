"""The record's SQLite file, read in parts and changed in place.

``store.write_record`` writes a record whole; here the rows a new report brings
are added to it and the rows it changes are replaced, on one connection that
holds the record and (attached as ``state``) the state kept beside it, inside
one transaction: a reader sees the record before or after the addition, never
between. Every write is a ``store.Changes`` that ``store.apply`` makes, its rows
built by ``store``'s row builders, so ``store.read_record`` reads an updated
record as it reads a rebuilt one. ``refresh_support`` runs the support stage
again over what an addition changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import NotIncremental, StoreError
from ..models import CleanDoc, Entity, Event, Fact, Mention, Quote, Sentence, Skipped
from ..reconcile.series import find_series
from ..reconcile.support import changed_docs, derivations_of, fact_support
from ..record import store
from ..record.serialise import SUPPORT_COLUMNS
from ..record.state import in_chunks
from ..record.store import Changes


def connect(record: Path, state: Path) -> sqlite3.Connection:
    """The record, with the state attached as ``state``; transactions are the caller's."""
    if not record.is_file():
        raise StoreError(f"{record.parent}: no record to add to")
    if not state.is_file():
        raise NotIncremental(f"{record.parent}: the record has no kept state (it was built "
                             "by an older version, or its cache was removed)")
    con = sqlite3.connect(record, timeout=60, isolation_level=None)
    con.execute("ATTACH DATABASE ? AS state", (str(state),))
    return con


def rows(con: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def where_in(column: str, values: Sequence[Any]) -> str:
    return f"{column} IN ({', '.join('?' * len(values))})"


def meta(con: sqlite3.Connection) -> dict[str, str]:
    return {r["key"]: r["value"] for r in rows(con, "SELECT key, value FROM main.meta")}


def set_meta(con: sqlite3.Connection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO main.meta (key, value) VALUES (?, ?)", (key, value))


# --- reading parts of the record -----------------------------------------------------


def documents(con: sqlite3.Connection, ids: Sequence[str]) -> dict[str, CleanDoc]:
    """The reports ``ids`` as ``CleanDoc`` (without their removed spans and segments)."""
    out: dict[str, CleanDoc] = {}
    for chunk in in_chunks(list(ids)):
        for r in rows(con, f"SELECT * FROM main.documents WHERE {where_in('id', chunk)}", chunk):
            out[r["id"]] = store.document_from_row(r)
    return out


def mentions_of(con: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[Mention]]:
    """The mentions of the reports ``ids``, report by report, in order."""
    out: dict[str, list[Mention]] = {d: [] for d in ids}
    for chunk in in_chunks(list(ids)):
        sql = f"SELECT * FROM main.mentions WHERE {where_in('doc', chunk)} ORDER BY rowid"
        for r in rows(con, sql, chunk):
            out[r["doc"]].append(store.mention_from_row(r))
    return out


def sentence_starts(con: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {d: [] for d in ids}
    for chunk in in_chunks(list(ids)):
        sql = f"SELECT doc, start FROM main.sentences WHERE {where_in('doc', chunk)} ORDER BY rowid"
        for doc, start in con.execute(sql, chunk):
            out[doc].append(start)
    return out


def event_documents(con: sqlite3.Connection) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for event, doc in con.execute(
            "SELECT event, doc FROM main.event_documents ORDER BY event, position"):
        out.setdefault(event, []).append(doc)
    return out


# --- writing ---------------------------------------------------------------------------


def insert_documents(con: sqlite3.Connection, docs: Sequence[CleanDoc]) -> None:
    store.apply(con, Changes(insert={"documents": [store.document_row(d) for d in docs],
                                     "segments": list(store.segment_rows(docs)),
                                     "removed": list(store.removed_rows(docs))}))


def insert_analysis(con: sqlite3.Connection, docs: Sequence[CleanDoc], sents: Sequence[Sentence],
                    mentions: Sequence[Mention], quotes: Sequence[Quote]) -> None:
    """A new report's sentences, mentions (in no fact yet) and quotes, searchable."""
    store.apply(con, Changes(insert={
        "sentences": list(store.sentence_rows(docs, sents)),
        "mentions": [store.mention_row(m) for m in mentions],
        "quotes": [store.quote_row(q) for q in quotes],
    }))


def update_names(con: sqlite3.Connection, mentions: Sequence[Mention],
                 quotes: Sequence[Quote]) -> None:
    """Mentions and quotes whose names now stand for another entity."""
    named = ("said_by", "subject", "entities")
    store.apply(con, Changes(update={
        "mentions": [({k: row[k] for k in named}, {"id": m.id})
                     for m in mentions for row in [store.mention_row(m)]],
        "quotes": [({"speaker": q.speaker}, {"id": q.id}) for q in quotes],
    }))


def replace_removed(con: sqlite3.Connection, docs: Sequence[CleanDoc]) -> None:
    """The removed spans of ``docs`` (cleaned again) replaced by their new ones."""
    store.apply(con, Changes(delete={"removed": [{"doc": d.id} for d in docs]},
                             insert={"removed": list(store.removed_rows(docs))}))


def update_removed(con: sqlite3.Connection, reasons: Sequence[tuple[str, int, str]]) -> None:
    """(report, index of the removed span, new reason) for spans whose reason changes."""
    store.apply(con, Changes(update={"removed": [({"reason": reason}, {"doc": doc, "idx": idx})
                                                 for doc, idx, reason in reasons]}))


def write_event(con: sqlite3.Connection, event: Event) -> None:
    """An event, new or with a new member or label (its reports in order)."""
    store.apply(con, Changes(delete={"event_documents": [{"event": event.id}]},
                             replace={"events": [store.event_row(event)]},
                             insert={"event_documents": list(store.event_document_rows([event]))}))


def replace_facts(con: sqlite3.Connection, event: Event, facts: Sequence[Fact]) -> None:
    """The facts of ``event`` replaced by ``facts``; its reports' mentions point to them.
    Their support is worked out afterwards, by ``refresh_support``."""
    old = [r[0] for r in con.execute("SELECT id FROM main.facts WHERE event = ?", (event.id,))]
    store.apply(con, Changes(
        delete={"fact_mentions": [{"fact": f} for f in old], "facts": [{"event": event.id}],
                "series": [{"event": event.id}]},
        update={"mentions": [({"fact": None, "event": event.id}, {"doc": d})
                             for d in event.documents]
                + [({"fact": f.id}, {"id": m.id}) for f in facts for m in f.mentions]},
        insert={"facts": [store.fact_row(f, None) for f in facts],
                "series": [store.series_row(x) for x in find_series(facts)],
                "fact_mentions": list(store.fact_mention_rows(facts))},
    ))


def replace_entities(con: sqlite3.Connection, gone: Iterable[str], entities: Sequence[Entity]
                     ) -> None:
    """Entities ``gone`` (ids) removed, ``entities`` written (new, or merged anew)."""
    ids = sorted(set(gone) | {e.id for e in entities})
    store.apply(con, Changes(delete={"entities": [{"id": i} for i in ids]},
                             insert={"entities": [store.entity_row(e) for e in entities]}))


def append_skipped(con: sqlite3.Connection, skipped: Sequence[Skipped]) -> None:
    store.apply(con, Changes(insert={"skipped": [store.skipped_row(s) for s in skipped]}))


# --- support ---------------------------------------------------------------------------


def refresh_support(con: sqlite3.Connection, events: Iterable[str], limit: int | None = None
                    ) -> None:
    """The support stage again, after an addition: the derivations of every report (a new
    report may copy an earlier one, or be the source an earlier one copies), and the
    support of the facts of ``events`` (found again) and of every fact whose reports'
    derivations changed (``support.changed_docs``). A record of more than ``limit``
    reports keeps none, as a build of it would (``support.supported``)."""
    if meta(con).get("support") != "1":
        return  # beyond the limit already: its pages work support out on demand
    count = con.execute("SELECT count(*) FROM main.documents").fetchone()[0]
    if limit is not None and count > limit:
        _drop_support(con)
        return
    docs = list(_texts(con))
    old = [store.derivation_from_row(r)
           for r in rows(con, "SELECT * FROM main.derivations ORDER BY doc")]
    new = derivations_of(docs)
    changed = changed_docs(old, new)
    ids = _facts_of_events(con, events) | _facts_citing(con, sorted(changed))
    facts = _facts(con, sorted(ids))
    gone, came = set(old) - set(new), set(new) - set(old)
    updates = [({k: row[k] for k in SUPPORT_COLUMNS}, {"id": f.id})
               for f, s in zip(facts, fact_support(facts, new, docs))
               for row in [store.fact_row(f, s)]]
    store.apply(con, Changes(delete={"derivations": [{"doc": d.doc} for d in gone]},
                             insert={"derivations": [store.derivation_row(d)
                                                     for d in sorted(came, key=lambda d: d.doc)]},
                             update={"facts": updates}))


def _drop_support(con: sqlite3.Connection) -> None:
    """The record's derivations and support removed (it grew past the limit)."""
    empty = dict.fromkeys(SUPPORT_COLUMNS)
    docs = [r[0] for r in con.execute("SELECT doc FROM main.derivations")]
    facts = [r[0] for r in con.execute("SELECT id FROM main.facts")]
    store.apply(con, Changes(delete={"derivations": [{"doc": d} for d in docs]},
                             update={"facts": [(empty, {"id": f}) for f in facts]},
                             meta={"support": "0"}))


def _texts(con: sqlite3.Connection) -> Iterator[CleanDoc]:
    """Every report with its cleaned text and metadata (its raw text left out)."""
    cur = con.execute("SELECT id, path, format, title, outlet, url, published, author, language, "
                      "sha256, text, '' AS raw_text FROM main.documents ORDER BY rowid")
    names = [c[0] for c in cur.description]
    for r in cur:
        yield store.document_from_row(dict(zip(names, r)))


def _facts_of_events(con: sqlite3.Connection, events: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for chunk in in_chunks(sorted(set(events))):
        sql = f"SELECT id FROM main.facts WHERE {where_in('event', chunk)}"
        out.update(r[0] for r in con.execute(sql, chunk))
    return out


def _facts_citing(con: sqlite3.Connection, docs: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for chunk in in_chunks(list(docs)):
        sql = ("SELECT DISTINCT fm.fact FROM main.fact_mentions fm JOIN main.mentions m "
               f"ON m.id = fm.mention WHERE {where_in('m.doc', chunk)}")
        out.update(r[0] for r in con.execute(sql, chunk))
    return out


def _facts(con: sqlite3.Connection, ids: Sequence[str]) -> list[Fact]:
    """The facts ``ids`` with the mentions they cite, in order."""
    out: list[Fact] = []
    for chunk in in_chunks(list(ids)):
        cited: dict[str, list[Mention]] = {}
        sql = ("SELECT fm.fact AS cited_by, m.* FROM main.fact_mentions fm JOIN main.mentions m "
               f"ON m.id = fm.mention WHERE {where_in('fm.fact', chunk)} "
               "ORDER BY fm.fact, fm.position")
        for r in rows(con, sql, chunk):
            cited.setdefault(r["cited_by"], []).append(store.mention_from_row(r))
        sql = f"SELECT * FROM main.facts WHERE {where_in('id', chunk)} ORDER BY id"
        out.extend(Fact(id=r["id"], event=r["event"], label=r["label"], subject=r["subject"],
                        kind=r["kind"], status=r["status"], mentions=tuple(cited.get(r["id"], ())),
                        value=r["value"], unit=r["unit"], reason=r["reason"])
                   for r in rows(con, sql, chunk))
    return out
