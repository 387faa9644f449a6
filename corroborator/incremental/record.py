"""The record's SQLite file, read in parts and changed in place.

``store.write_record`` writes a record whole; here the rows a new report brings
are added to it and the rows it changes are replaced, on one connection that
holds the record and (attached as ``state``) the state kept beside it, inside
one transaction: a reader sees the record before or after the addition, never
between. The rows are the ones ``store`` writes (its row builders are used), so
``store.read_record`` reads an updated record as it reads a rebuilt one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import NotIncremental, StoreError
from ..models import CleanDoc, Entity, Event, Fact, Mention, Quote, Sentence, Skipped
from ..reconcile.series import find_series
from ..record import store
from ..record.state import in_chunks

FTS_TABLES = {"sentences": "sentences_fts", "quotes": "quotes_fts"}


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
            out[r["id"]] = CleanDoc(raw=store._raw_doc(r), text=r["text"])
    return out


def mentions_of(con: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[Mention]]:
    """The mentions of the reports ``ids``, report by report, in order."""
    out: dict[str, list[Mention]] = {d: [] for d in ids}
    for chunk in in_chunks(list(ids)):
        sql = f"SELECT * FROM main.mentions WHERE {where_in('doc', chunk)} ORDER BY rowid"
        for r in rows(con, sql, chunk):
            out[r["doc"]].append(store._mention(r))
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


def _insert(con: sqlite3.Connection, table: str, items: Iterable[dict[str, Any]]) -> None:
    batch = list(items)
    if not batch:
        return
    cols = list(batch[0])
    sql = (f"INSERT INTO main.[{table}] ({', '.join(f'[{c}]' for c in cols)}) "
           f"VALUES ({', '.join(':' + c for c in cols)})")
    con.executemany(sql, batch)


def insert_documents(con: sqlite3.Connection, docs: Sequence[CleanDoc]) -> None:
    _insert(con, "documents", (store._document_row(d) for d in docs))
    _insert(con, "segments", store._segment_rows(docs))
    _insert(con, "removed", store._removed_rows(docs))


def insert_analysis(con: sqlite3.Connection, docs: Sequence[CleanDoc], sents: Sequence[Sentence],
                    mentions: Sequence[Mention], quotes: Sequence[Quote]) -> None:
    """A new report's sentences, mentions (in no fact yet) and quotes, searchable."""
    texts = {d.id: d.text for d in docs}
    _insert(con, "sentences", ({"doc": s.doc, "idx": s.index, "start": s.start, "end": s.end,
                                "text": texts[s.doc][s.start : s.end]} for s in sents))
    _insert(con, "mentions", (store._mention_row(m) | {"fact": None, "event": None,
                                                       "extra": _extra(m)} for m in mentions))
    _insert(con, "quotes", (store._quote_row(q) for q in quotes))
    ids = list(texts)
    for table, fts in FTS_TABLES.items():
        for chunk in in_chunks(ids):
            con.execute(f"INSERT INTO main.{fts} (rowid, text) SELECT rowid, text FROM main.{table} "
                        f"WHERE {where_in('doc', chunk)}", chunk)


def _extra(m: Mention) -> str:
    """A mention's extra fields as the record keeps them: without its working vector."""
    return json.dumps({k: v for k, v in m.extra.items() if k != "tensor"}, default=str)


def update_names(con: sqlite3.Connection, mentions: Sequence[Mention],
                 quotes: Sequence[Quote]) -> None:
    """Mentions and quotes whose names now stand for another entity."""
    con.executemany(
        "UPDATE main.mentions SET said_by = ?, subject = ?, entities = ? WHERE id = ?",
        [(m.said_by, m.subject, json.dumps(list(m.entities)), m.id) for m in mentions])
    con.executemany("UPDATE main.quotes SET speaker = ? WHERE id = ?",
                    [(q.speaker, q.id) for q in quotes])


def update_removed(con: sqlite3.Connection, reasons: Sequence[tuple[str, int, str]]) -> None:
    """(report, index of the removed span, new reason) for spans whose reason changes."""
    con.executemany("UPDATE main.removed SET reason = ? WHERE doc = ? AND idx = ?",
                    [(reason, doc, idx) for doc, idx, reason in reasons])


def write_event(con: sqlite3.Connection, event: Event) -> None:
    """An event, new or with a new member or label (its reports in order)."""
    con.execute("INSERT OR REPLACE INTO main.events (id, label, [when]) VALUES (?, ?, ?)",
                (event.id, event.label, event.when))
    con.execute("DELETE FROM main.event_documents WHERE event = ?", (event.id,))
    con.executemany("INSERT INTO main.event_documents (event, doc, position) VALUES (?, ?, ?)",
                    [(event.id, d, k) for k, d in enumerate(event.documents)])


def replace_facts(con: sqlite3.Connection, event: Event, facts: Sequence[Fact]) -> None:
    """The facts of ``event`` replaced by ``facts``; its reports' mentions point to them."""
    old = [r[0] for r in con.execute("SELECT id FROM main.facts WHERE event = ?", (event.id,))]
    for chunk in in_chunks(old):
        con.execute(f"DELETE FROM main.fact_mentions WHERE {where_in('fact', chunk)}", chunk)
        con.execute(f"DELETE FROM main.facts WHERE {where_in('id', chunk)}", chunk)
    _insert(con, "facts", (store._fact_row(f) for f in facts))
    con.execute("DELETE FROM main.series WHERE event = ?", (event.id,))
    _insert(con, "series", (store.series_row(x) for x in find_series(facts)))
    _insert(con, "fact_mentions", ({"fact": f.id, "mention": m.id, "position": k}
                                   for f in facts for k, m in enumerate(f.mentions)))
    docs = list(event.documents)
    for chunk in in_chunks(docs):
        con.execute(f"UPDATE main.mentions SET fact = NULL, event = ? WHERE {where_in('doc', chunk)}",
                    [event.id, *chunk])
    con.executemany("UPDATE main.mentions SET fact = ? WHERE id = ?",
                    [(f.id, m.id) for f in facts for m in f.mentions])


def replace_entities(con: sqlite3.Connection, gone: Iterable[str], entities: Sequence[Entity]
                     ) -> None:
    """Entities ``gone`` (ids) removed, ``entities`` written (new, or merged anew)."""
    ids = sorted(set(gone) | {e.id for e in entities})
    for chunk in in_chunks(ids):
        con.execute(f"DELETE FROM main.entities WHERE {where_in('id', chunk)}", chunk)
    _insert(con, "entities", (store._entity_row(e) for e in entities))


def append_skipped(con: sqlite3.Connection, skipped: Sequence[Skipped]) -> None:
    _insert(con, "skipped", ({"path": s.path, "reason": s.reason} for s in skipped))
