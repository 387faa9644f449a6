"""The record as a SQLite file: what ``corroborator build`` leaves behind.

A record is written whole, once, by one writer: ``write_record`` builds a
fresh database in a temporary file beside the target and moves it into place
with ``os.replace``, so a crash never leaves a half-written record and a
reader never sees one. ``read_record`` loads it back into the same
``Record`` (``read_record`` after ``write_record`` gives an equal record).

The tables are plain and linked by foreign keys so that Datasette (or any
SQLite client) browses them well::

    documents        one row per report: source metadata, raw and cleaned text
    segments         runs of cleaned text kept verbatim from the raw text
    removed          clutter cut from the raw text, and why
    sentences        sentences of the cleaned text (full-text searchable)
    mentions         every checkable value, its provenance, fact and event
    facts            one real-world slot, its status and value; its stated values and
                     sources as JSON arrays (facet on them), and whether it is disputed
    fact_mentions    which mentions each fact cites, in order
    series           a figure's history: one slot's value at each time it is stated for
    quotes           direct quotations and their speakers (full-text searchable)
    entities         named things, with their aliases and reports (JSON arrays)
    events           real-world events
    event_documents  which reports describe each event, in order
    skipped          inputs that could not be read, and why
    meta             format, schema version, corroborator version, created, story

Values (``Mention.value``, ``Fact.value``) are a number or an ISO date string.
Their column is declared ``BLOB`` so that SQLite applies no type affinity: a
number stays a REAL, a date stays TEXT, and each reads back as the Python type
it was written as.
"""

from __future__ import annotations

import glob
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import sqlite_utils

from ..errors import StoreError
from ..models import (
    CleanDoc,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    RawDoc,
    Record,
    Removed,
    Sentence,
    Skipped,
    Source,
    fact_order,
)
from ..reconcile.series import Series, find_series
from ..reconcile.sides import disputed, sides
from .dossier import shared_mode

__all__ = [
    "FORMAT", "SCHEMA_VERSION", "discard_journals", "read_record", "read_summary", "series_row",
    "settle",
    "write_record",
]

FORMAT = "corroborator-record"
SCHEMA_VERSION = "1"

Row = dict[str, Any]
# A table's definition: columns, primary key, foreign keys (column, table, column).
TableSpec = tuple[dict[str, Any], str | tuple[str, ...] | None, list[tuple[str, str, str]]]

# No type affinity: a float stays REAL, an ISO date stays TEXT (see module docstring).
VALUE = bytes
JSON = str

SCHEMA: dict[str, TableSpec] = {
    "documents": (
        {
            "id": str, "path": str, "format": str, "title": str, "outlet": str, "url": str,
            "published": str, "author": str, "language": str, "sha256": str,
            "raw_text": str, "text": str,
        },
        "id",
        [],
    ),
    "segments": (
        {"doc": str, "clean_start": int, "raw_start": int, "length": int},
        ("doc", "clean_start"),
        [("doc", "documents", "id")],
    ),
    "removed": (
        {"doc": str, "idx": int, "start": int, "end": int, "text": str, "reason": str},
        ("doc", "idx"),
        [("doc", "documents", "id")],
    ),
    "sentences": (
        {"doc": str, "idx": int, "start": int, "end": int, "text": str},
        ("doc", "idx"),
        [("doc", "documents", "id")],
    ),
    "events": ({"id": str, "label": str, "when": str}, "id", []),
    "event_documents": (
        {"event": str, "doc": str, "position": int},
        ("event", "doc"),
        [("event", "events", "id"), ("doc", "documents", "id")],
    ),
    "facts": (
        {
            "id": str, "event": str, "label": str, "subject": str, "kind": str, "status": str,
            "value": VALUE, "unit": str, "reason": str, "n_mentions": int, "n_documents": int,
            "dispute": int, "n_values": int, "stated_values": JSON, "sources": JSON,
        },
        "id",
        [("event", "events", "id")],
    ),
    "series": (
        {"id": str, "event": str, "label": str, "kind": str, "unit": str, "points": JSON,
         "facts": JSON},
        "id",
        [("event", "events", "id")],
    ),
    "mentions": (
        {
            "id": str, "doc": str, "kind": str, "value": VALUE, "unit": str, "text": str,
            "start": int, "end": int, "sentence": str, "sent_start": int, "sent_end": int,
            "bound": str, "low": float, "high": float, "counted": str, "head": str,
            "qualifiers": JSON, "frame": JSON, "context": str, "time": str, "said_by": str,
            "attribution_cue": str, "hedged": int, "hedge_cue": str, "subject": str,
            "entities": JSON, "in_quote": int, "extra": JSON, "fact": str, "event": str,
        },
        "id",
        [("doc", "documents", "id"), ("fact", "facts", "id"), ("event", "events", "id")],
    ),
    "fact_mentions": (
        {"fact": str, "mention": str, "position": int},
        ("fact", "mention"),
        [("fact", "facts", "id"), ("mention", "mentions", "id")],
    ),
    "quotes": (
        {
            "id": str, "doc": str, "text": str, "start": int, "end": int,
            "speaker": str, "cue": str,
        },
        "id",
        [("doc", "documents", "id")],
    ),
    "entities": (
        {"id": str, "name": str, "label": str, "aliases": JSON, "docs": JSON},
        "id",
        [],
    ),
    "skipped": ({"path": str, "reason": str}, None, []),
    "meta": ({"key": str, "value": str}, "key", []),
}  # fmt: skip

INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mentions", ("doc",)),
    ("mentions", ("fact",)),
    ("mentions", ("event",)),
    ("mentions", ("kind",)),
    ("facts", ("event",)),
    ("facts", ("status",)),
    ("fact_mentions", ("mention",)),
    ("event_documents", ("doc",)),
    ("quotes", ("doc",)),
    ("quotes", ("speaker",)),
)

FTS_COLUMNS = {"sentences": ["text"], "quotes": ["text"]}


# ---------------------------------------------------------------------------
# writing


INSERT_BATCH = 1000  # rows per INSERT (sqlite-utils lowers it to fit SQLite's limit)


def write_record(record: Record, path: str | Path, *, meta: dict[str, str] | None = None) -> None:
    """Write ``record`` to the SQLite file ``path``, replacing it atomically (``meta``: more
    keys for its meta table, such as the generation of the state ``add`` keeps beside it).

    The database is built in a temporary file in the same directory (so the
    final ``os.replace`` is a rename on one file system) and only moved over
    ``path`` once it is complete; on any failure the old file is untouched.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise StoreError(f"{target.parent}: no such directory; create it before writing {target}")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.fchmod(fd, shared_mode())
    os.close(fd)
    try:
        _write_database(record, Path(tmp_name), meta or {})
        _fsync(Path(tmp_name))
        # A journal a killed writer left beside the old record would be "rolled back"
        # into the new one by the next open, and corrupt it: settle it first.
        settle(target)
        discard_journals(target)
        os.replace(tmp_name, target)
        _fsync(target.parent)
    except (sqlite3.Error, TypeError, ValueError, OSError) as exc:
        raise StoreError(
            f"{target}: could not write the record ({exc}); the old file is kept"
        ) from exc
    finally:
        for leftover in (tmp_name, tmp_name + "-journal"):
            if os.path.exists(leftover):
                os.remove(leftover)


# The files SQLite keeps beside a database: a rollback journal, a write-ahead log and its
# index, and (for a transaction over attached databases) a super-journal "NAME-mjXXXXXXXX".
JOURNALS = ("-journal", "-wal", "-shm")
SETTLE_TIMEOUT = 5.0  # seconds to wait for a reader while rolling a journal back


def journals(path: str | Path) -> list[Path]:
    """The journal files present beside the SQLite file ``path``."""
    target = Path(path)
    found = [Path(f"{target}{suffix}") for suffix in JOURNALS]
    found = [p for p in found if p.exists()]
    if target.parent.is_dir():
        found += sorted(target.parent.glob(f"{glob.escape(target.name)}-mj*"))
    return found


def settle(path: str | Path) -> bool:
    """Roll back what a killed writer left in the journal of the SQLite file ``path``, as
    SQLite does on its next read-write open; True if no journal is left. Call it holding
    the dossier lock (no writer may be at work on the file)."""
    target = Path(path)
    if not target.is_file() or not journals(target):
        return True
    try:
        with closing(sqlite3.connect(target, timeout=SETTLE_TIMEOUT)) as con:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        return False
    return not journals(target)


def discard_journals(path: str | Path) -> None:
    """Remove the journal files beside ``path``; only before the file is replaced whole."""
    for leftover in journals(path):
        leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush a file (or a directory's entries) to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_database(record: Record, path: Path, meta: dict[str, str]) -> None:
    """Create every table in a fresh database at ``path`` and fill it in one transaction.

    The file is a private temporary until it is complete, so SQLite keeps no journal
    and does not sync as it goes; ``write_record`` syncs it once, before the rename."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        db = sqlite_utils.Database(conn)
        _create_schema(db)
        with conn:
            for table, rows in _table_rows(record):
                db.table(table).insert_all(rows, batch_size=INSERT_BATCH)
            db.table("meta").insert_all(({"key": k, "value": v} for k, v in meta.items()),
                                        replace=True)
        for table, columns in FTS_COLUMNS.items():
            db.table(table).enable_fts(columns)


def _create_schema(db: sqlite_utils.Database) -> None:
    """Create the tables in dependency order, so each foreign key names an existing table."""
    for name, (columns, pk, foreign_keys) in SCHEMA.items():
        db.table(name).create(columns, pk=pk, foreign_keys=foreign_keys)
    for table, indexed in INDEXES:
        db.table(table).create_index(indexed)


def _table_rows(record: Record) -> Iterator[tuple[str, Iterable[Row]]]:
    """Every table's rows, in the order the tables are created."""
    yield "documents", (_document_row(d) for d in record.documents)
    yield "segments", _segment_rows(record.documents)
    yield "removed", _removed_rows(record.documents)
    yield "sentences", _sentence_rows(record)
    yield "events", ({"id": e.id, "label": e.label, "when": e.when} for e in record.events)
    yield "event_documents", _event_document_rows(record.events)
    yield "facts", (_fact_row(f) for f in record.facts)
    yield "series", (series_row(x) for x in find_series(record.facts))
    yield "mentions", _mention_rows(record)
    yield "fact_mentions", _fact_mention_rows(record)
    yield "quotes", (_quote_row(q) for q in record.quotes)
    yield "entities", (_entity_row(e) for e in record.entities)
    yield "skipped", ({"path": s.path, "reason": s.reason} for s in record.skipped)
    yield "meta", _meta_rows(record)


def _document_row(doc: CleanDoc) -> Row:
    raw, source = doc.raw, doc.raw.source
    return {
        "id": raw.id,
        "path": raw.path,
        "format": raw.format,
        "title": source.title,
        "outlet": source.outlet,
        "url": source.url,
        "published": source.published,
        "author": source.author,
        "language": source.language,
        "sha256": raw.sha256,
        "raw_text": raw.text,
        "text": doc.text,
    }


def _segment_rows(docs: Iterable[CleanDoc]) -> Iterator[Row]:
    for doc in docs:
        for clean_start, raw_start, length in doc.segments:
            yield {
                "doc": doc.id,
                "clean_start": clean_start,
                "raw_start": raw_start,
                "length": length,
            }


def _removed_rows(docs: Iterable[CleanDoc]) -> Iterator[Row]:
    for doc in docs:
        for idx, r in enumerate(doc.removed):
            yield {
                "doc": doc.id,
                "idx": idx,
                "start": r.start,
                "end": r.end,
                "text": r.text,
                "reason": r.reason,
            }


def _sentence_rows(record: Record) -> Iterator[Row]:
    """Sentences with their text copied in, so full-text search and Datasette can show it."""
    texts = {doc.id: doc.text for doc in record.documents}
    for s in record.sentences:
        text = texts.get(s.doc, "")[s.start : s.end]
        yield {"doc": s.doc, "idx": s.index, "start": s.start, "end": s.end, "text": text}


def _event_document_rows(events: Iterable[Event]) -> Iterator[Row]:
    for event in events:
        for position, doc in enumerate(event.documents):
            yield {"event": event.id, "doc": doc, "position": position}


def series_row(series: Series) -> Row:
    """A figure's history: its points (time, value, fact) and its facts, as JSON arrays."""
    points = [{"time": p.time, "value": p.value, "fact": p.fact} for p in series.points]
    return {"id": series.id, "event": series.event, "label": series.label, "kind": series.kind,
            "unit": series.unit, "points": json.dumps(points, ensure_ascii=False),
            "facts": json.dumps([p.fact for p in series.points])}


def _fact_row(fact: Fact) -> Row:
    stated = sides(fact.mentions)
    return {
        "id": fact.id,
        "event": fact.event,
        "label": fact.label,
        "subject": fact.subject,
        "kind": fact.kind,
        "status": fact.status,
        "value": fact.value,
        "unit": fact.unit,
        "reason": fact.reason,
        "n_mentions": len(fact.mentions),
        "n_documents": len({m.doc for m in fact.mentions}),
        # the values and sources as arrays Datasette can facet on (_facet_array=sources)
        "dispute": int(disputed(fact)),
        "n_values": len(stated),
        "stated_values": json.dumps([s.text for s in stated], ensure_ascii=False),
        "sources": json.dumps(sorted({m.said_by for m in fact.mentions if m.said_by}),
                              ensure_ascii=False),
    }


def _mention_rows(record: Record) -> Iterator[Row]:
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
        yield _mention_row(m) | {"fact": cited_by.id if cited_by else None, "event": event_id}


def _mention_row(m: Mention) -> Row:
    return {
        "id": m.id, "doc": m.doc, "kind": m.kind, "value": m.value, "unit": m.unit,
        "text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence,
        "sent_start": m.sent_start, "sent_end": m.sent_end, "bound": m.bound,
        "low": m.low, "high": m.high, "counted": m.counted, "head": m.head,
        "qualifiers": json.dumps(list(m.qualifiers)), "frame": json.dumps(list(m.frame)),
        "context": m.context, "time": m.time, "said_by": m.said_by,
        "attribution_cue": m.attribution_cue, "hedged": int(m.hedged), "hedge_cue": m.hedge_cue,
        "subject": m.subject, "entities": json.dumps(list(m.entities)),
        "in_quote": int(m.in_quote),
        # extra is diagnostics, outside equality: never let it make a record unwritable
        "extra": json.dumps(m.extra, default=str),
    }  # fmt: skip


def _fact_mention_rows(record: Record) -> Iterator[Row]:
    """Links from facts to mentions; a fact citing an unlisted mention is a pipeline bug."""
    listed = {m.id: m for m in record.mentions}
    for fact in record.facts:
        for position, m in enumerate(fact.mentions):
            if listed.get(m.id) != m:
                raise StoreError(
                    f"fact {fact.id!r} cites mention {m.id!r}, which is not among the record's "
                    "mentions (or differs from it); every fact must cite mentions of the record"
                )
            yield {"fact": fact.id, "mention": m.id, "position": position}


def _quote_row(q: Quote) -> Row:
    return {
        "id": q.id, "doc": q.doc, "text": q.text, "start": q.start, "end": q.end,
        "speaker": q.speaker, "cue": q.cue,
    }  # fmt: skip


def _entity_row(e: Entity) -> Row:
    return {
        "id": e.id,
        "name": e.name,
        "label": e.label,
        "aliases": json.dumps(list(e.aliases)),
        "docs": json.dumps(list(e.docs)),
    }


def _meta_rows(record: Record) -> list[Row]:
    return [
        {"key": "format", "value": FORMAT},
        {"key": "schema_version", "value": SCHEMA_VERSION},
        {"key": "corroborator_version", "value": _package_version()},
        {"key": "created", "value": datetime.now(UTC).isoformat(timespec="seconds")},
        {"key": "story", "value": record.story},
    ]


def _package_version() -> str:
    try:
        return version("corroborator")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


# ---------------------------------------------------------------------------
# reading


def read_events(path: str | Path) -> tuple[Event, ...]:
    """Only the events of the record at ``path`` (what ``corroborator add`` keeps);
    StoreError as ``read_record`` raises it."""
    with _reading(path) as db:
        return _events(db)


def read_paths(path: str | Path) -> list[str]:
    """The paths of the files the record at ``path`` holds, read or skipped."""
    with _reading(path) as db:
        return [r[0] for r in db.execute(
            "SELECT path FROM documents UNION SELECT path FROM skipped").fetchall()]


def read_summary(path: str | Path) -> tuple[dict[str, int], str | None]:
    """The record's counts (reports, events, facts, conflicts, skipped) and its story,
    without loading it."""
    with _reading(path) as db:

        def count(sql: str) -> int:
            return int(db.execute(sql).fetchone()[0])

        counts = {
            "reports": count("SELECT count(*) FROM documents"),
            "events": count("SELECT count(*) FROM events"),
            "facts": count("SELECT count(*) FROM facts"),
            "conflicts": count("SELECT count(*) FROM facts WHERE status = 'conflict'"),
            "skipped": count("SELECT count(*) FROM skipped"),
        }
        return counts, _meta(db).get("story")


def read_record(path: str | Path) -> Record:
    """Load the record written by ``write_record`` at ``path``.

    Raises ``StoreError`` if the file is missing, is not SQLite, or is an
    SQLite file that is not a corroborator record.
    """
    with _reading(path) as db:
        return _load(db)


@contextmanager
def _reading(path: str | Path) -> Iterator[sqlite_utils.Database]:
    """The record at ``path``, opened read-only and checked; read errors as StoreError."""
    source = Path(path)
    if not source.is_file():
        raise StoreError(f"{source}: no such record; run `corroborator build` to create one")
    try:
        with closing(_open_read_only(source)) as conn:
            yield sqlite_utils.Database(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{source}: not a readable corroborator record ({exc})") from exc
    except (KeyError, ValueError, TypeError) as exc:
        raise StoreError(
            f"{source}: a damaged corroborator record ({exc!r}); rebuild it with `corroborator build`"
        ) from exc


SQLITE_READONLY_ROLLBACK = 776  # a read-only open found a hot journal it may not roll back
RECOVER_WAIT = 10.0  # seconds a reader waits for the dossier lock to roll a journal back


def _open_read_only(source: Path) -> sqlite3.Connection:
    """``source`` opened read-only, its format checked. A read-only open cannot roll back
    the journal a killed writer left ("attempt to write a readonly database"): it is
    rolled back under the dossier lock, as a writer would, and the file opened again."""
    for attempt in range(2):
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            _check_format(sqlite_utils.Database(conn), source)
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            if attempt or not _hot_journal(exc, source):
                raise
            _recover(source)
        except BaseException:
            conn.close()
            raise
    raise AssertionError("unreachable")


def _hot_journal(exc: sqlite3.OperationalError, source: Path) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code == SQLITE_READONLY_ROLLBACK or ("readonly" in str(exc) and bool(journals(source)))


def _recover(source: Path) -> None:
    """Roll back the journal beside ``source`` under the lock of its folder, or say how to."""
    from .lock import dossier_lock

    left = ", ".join(p.name for p in journals(source)) or "a journal"
    try:
        with dossier_lock(source.parent, timeout=RECOVER_WAIT):
            if settle(source):
                return
    except (StoreError, OSError):
        pass
    raise StoreError(
        f"{source}: a write to this record was interrupted (a killed `corroborator add`?) and "
        f"left {left} beside it, which must be rolled back before the record can be read; "
        f"this needs write access to {source.parent}: run `corroborator export "
        f"{source.parent}` as a user who may write there, or rebuild with `corroborator build`"
    )


def _check_format(db: sqlite_utils.Database, source: Path) -> None:
    """Refuse SQLite files that corroborator did not write, or wrote in another schema."""
    if "meta" not in db.table_names():
        raise StoreError(f"{source}: an SQLite file, but not a corroborator record (no meta table)")
    meta = _meta(db)
    if meta.get("format") != FORMAT:
        raise StoreError(f"{source}: an SQLite file, but not a corroborator record")
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise StoreError(
            f"{source}: record schema {meta.get('schema_version')!r}, this corroborator reads "
            f"{SCHEMA_VERSION!r}; rebuild the record with `corroborator build`"
        )


def _meta(db: sqlite_utils.Database) -> dict[str, str | None]:
    return {row["key"]: row["value"] for row in _rows(db, "meta")}


def _rows(db: sqlite_utils.Database, table: str) -> Iterator[Row]:
    """A table's rows in the order they were written."""
    return db.table(table).rows_where(order_by="rowid")


def _load(db: sqlite_utils.Database) -> Record:
    mentions = tuple(_mention(row) for row in _by_document(db, "mentions"))
    by_id = {m.id: m for m in mentions}
    entities = sorted((_entity(row) for row in _rows(db, "entities")),
                      key=lambda e: (-len(e.docs), e.name))
    return Record(
        documents=_documents(db),
        sentences=tuple(
            Sentence(doc=r["doc"], index=r["idx"], start=r["start"], end=r["end"])
            for r in _by_document(db, "sentences")
        ),
        mentions=mentions,
        quotes=tuple(_quote(row) for row in _by_document(db, "quotes")),
        entities=tuple(entities),
        events=_events(db),
        facts=_facts(db, by_id),
        skipped=tuple(Skipped(path=r["path"], reason=r["reason"]) for r in _rows(db, "skipped")),
        story=_meta(db).get("story"),
    )


def _by_document(db: sqlite_utils.Database, table: str) -> Iterator[Row]:
    """A table's rows report by report (in the reports' order), each report's in the order
    they were written: the order of a record whose reports were added later too."""
    sql = (f"SELECT t.* FROM [{table}] t JOIN documents d ON d.id = t.doc "
           "ORDER BY d.rowid, t.rowid")
    return iter(db.query(sql))


def _documents(db: sqlite_utils.Database) -> tuple[CleanDoc, ...]:
    segments: dict[str, list[tuple[int, int, int]]] = {}
    for r in _rows(db, "segments"):
        segments.setdefault(r["doc"], []).append((r["clean_start"], r["raw_start"], r["length"]))
    removed: dict[str, list[Removed]] = {}
    for r in _rows(db, "removed"):
        span = Removed(start=r["start"], end=r["end"], text=r["text"], reason=r["reason"])
        removed.setdefault(r["doc"], []).append(span)
    return tuple(
        CleanDoc(
            raw=_raw_doc(row),
            text=row["text"],
            removed=tuple(removed.get(row["id"], ())),
            segments=tuple(segments.get(row["id"], ())),
        )
        for row in _rows(db, "documents")
    )


def _raw_doc(row: Row) -> RawDoc:
    source = Source(
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        author=row["author"],
        language=row["language"],
    )
    return RawDoc(
        id=row["id"],
        path=row["path"],
        format=row["format"],
        text=row["raw_text"],
        source=source,
        sha256=row["sha256"],
    )


def _mention(row: Row) -> Mention:
    fields = {k: v for k, v in row.items() if k not in ("fact", "event")}
    for key in ("qualifiers", "frame", "entities"):
        fields[key] = tuple(json.loads(fields[key]))
    fields["hedged"] = bool(fields["hedged"])
    fields["in_quote"] = bool(fields["in_quote"])
    fields["extra"] = json.loads(fields["extra"])
    return Mention(**fields)


def _quote(row: Row) -> Quote:
    return Quote(**row)


def _entity(row: Row) -> Entity:
    return Entity(
        id=row["id"],
        name=row["name"],
        label=row["label"],
        aliases=tuple(json.loads(row["aliases"])),
        docs=tuple(json.loads(row["docs"])),
    )


def _events(db: sqlite_utils.Database) -> tuple[Event, ...]:
    """Events in the order a build gives them: most reports first, then by where their
    first report stands."""
    docs: dict[str, list[str]] = {}
    for r in db.query("select event, doc from event_documents order by event, position"):
        docs.setdefault(r["event"], []).append(r["doc"])
    place = {r["id"]: r["rowid"] for r in db.query("select id, rowid from documents")}
    events = [
        Event(id=r["id"], label=r["label"], documents=tuple(docs.get(r["id"], ())), when=r["when"])
        for r in _rows(db, "events")
    ]
    first = len(place)
    events.sort(key=lambda e: (-len(e.documents),
                               min((place.get(d, first) for d in e.documents), default=first)))
    return tuple(events)


def _facts(db: sqlite_utils.Database, mentions: dict[str, Mention]) -> tuple[Fact, ...]:
    cited: dict[str, list[Mention]] = {}
    for r in db.query("select fact, mention from fact_mentions order by fact, position"):
        cited.setdefault(r["fact"], []).append(mentions[r["mention"]])
    facts = [
        Fact(
            id=r["id"],
            event=r["event"],
            label=r["label"],
            subject=r["subject"],
            kind=r["kind"],
            status=r["status"],
            mentions=tuple(cited.get(r["id"], ())),
            value=r["value"],
            unit=r["unit"],
            reason=r["reason"],
        )
        for r in _rows(db, "facts")
    ]
    return tuple(sorted(facts, key=fact_order))
