"""The record as a SQLite file: what ``corroborator build`` leaves behind.

This module is the record's one writer. ``write_record`` writes a record whole:
it builds a fresh database in a temporary file beside the target and moves it
into place with ``os.replace``, so a crash never leaves a half-written record
and a reader never sees one. ``apply(con, changes)`` changes a record in place
(``corroborator add``): the rows of a ``Changes`` deleted, updated, replaced and
inserted, full-text indexes kept in step, inside the caller's transaction
(``changes``). Both build their rows with the same public row builders (``rows``,
re-exported here), whose fields come from one serialiser per model (``serialise``);
the tables are defined in ``schema``.
``read_record`` loads a record back into the same ``Record`` (``read_record``
after ``write_record`` gives an equal record).

The tables are plain and linked by foreign keys so that Datasette (or any
SQLite client) browses them well::

    documents        one row per report: source metadata, raw and cleaned text
    segments         runs of cleaned text kept verbatim from the raw text
    removed          clutter cut from the raw text, and why
    sentences        sentences of the cleaned text (full-text searchable)
    mentions         every checkable value, its provenance, fact and event
    facts            one real-world slot, its status and value; its stated values and
                     sources as JSON arrays (facet on them), and whether it is disputed;
                     its support: outlets, independent sources (their labels a JSON
                     array to facet on), the summary, and the whole as JSON
    fact_mentions    which mentions each fact cites, in order
    series           a figure's history: one slot's value at each time it is stated for
    quotes           direct quotations and their speakers (full-text searchable)
    entities         named things, with their aliases and reports (JSON arrays)
    derivations      which report copies which, how much of it, reprint or partial
    events           real-world events
    event_documents  which reports describe each event, in order
    skipped          inputs that could not be read, and why
    meta             format, schema version, corroborator version, created, story,
                     whether the support stage ran (``support``)

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
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import sqlite_utils

from ..errors import StoreError
from ..models import (
    CleanDoc,
    Derivation,
    Event,
    Fact,
    Mention,
    Record,
    Removed,
    Sentence,
    Skipped,
    Support,
    fact_order,
)
from .changes import Changes, Where, apply
from .dossier import shared_mode
from .rows import (
    Row,
    derivation_from_row,
    derivation_row,
    document_from_row,
    document_row,
    entity_from_row,
    entity_row,
    event_document_rows,
    event_row,
    fact_mention_rows,
    fact_row,
    fact_rows,
    mention_from_row,
    mention_row,
    mention_rows,
    quote_from_row,
    quote_row,
    removed_rows,
    segment_rows,
    sentence_rows,
    series_row,
    skipped_row,
    table_rows,
)
from .schema import FTS_COLUMNS, INDEXES, SCHEMA
from .serialise import support_from_json

__all__ = [
    "FORMAT", "FTS_COLUMNS", "SCHEMA", "SCHEMA_VERSION", "Changes", "Row", "Where", "apply", "derivation_from_row",
    "derivation_row", "discard_journals", "document_from_row", "document_row",
    "entity_from_row", "entity_row", "event_document_rows", "event_row",
    "fact_mention_rows", "fact_row", "fact_rows", "journals", "mention_from_row",
    "mention_row", "mention_rows", "quote_from_row", "quote_row", "read_events",
    "read_paths", "read_record", "read_summary", "removed_rows", "segment_rows",
    "sentence_rows", "series_row", "settle", "skipped_row", "table_rows", "write_record",
]  # fmt: skip

FORMAT = "corroborator-record"
SCHEMA_VERSION = "2"  # 2: support columns on facts, derivations, said_by_kind/cue

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
            for table, rows in table_rows(record):
                db.table(table).insert_all(rows, batch_size=INSERT_BATCH)
            db.table("meta").insert_all(_meta_rows(record))
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


def _meta_rows(record: Record) -> list[Row]:
    return [
        {"key": "format", "value": FORMAT},
        {"key": "schema_version", "value": SCHEMA_VERSION},
        {"key": "corroborator_version", "value": _package_version()},
        {"key": "created", "value": datetime.now(UTC).isoformat(timespec="seconds")},
        {"key": "story", "value": record.story},
        # whether the support stage ran: its derivations are kept (if none were found too)
        {"key": "support", "value": "0" if record.derivations is None else "1"},
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
    mentions = tuple(mention_from_row(row) for row in _by_document(db, "mentions"))
    by_id = {m.id: m for m in mentions}
    entities = sorted((entity_from_row(row) for row in _rows(db, "entities")),
                      key=lambda e: (-len(e.docs), e.name))
    facts, support = _facts(db, by_id)
    derivations = _derivations(db)
    return Record(
        documents=_documents(db),
        sentences=tuple(
            Sentence(doc=r["doc"], index=r["idx"], start=r["start"], end=r["end"])
            for r in _by_document(db, "sentences")
        ),
        mentions=mentions,
        quotes=tuple(quote_from_row(row) for row in _by_document(db, "quotes")),
        entities=tuple(entities),
        events=_events(db),
        facts=facts,
        skipped=tuple(Skipped(path=r["path"], reason=r["reason"]) for r in _rows(db, "skipped")),
        story=_meta(db).get("story"),
        derivations=derivations,
        support=support if derivations is not None else None,
    )


def _derivations(db: sqlite_utils.Database) -> tuple[Derivation, ...] | None:
    """The record's derivations, by report; None if the support stage did not run."""
    if _meta(db).get("support") != "1":
        return None
    return tuple(derivation_from_row(r) for r in db.query("SELECT * FROM derivations ORDER BY doc"))


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
            raw=document_from_row(row).raw,
            text=row["text"],
            removed=tuple(removed.get(row["id"], ())),
            segments=tuple(segments.get(row["id"], ())),
        )
        for row in _rows(db, "documents")
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


def _facts(db: sqlite_utils.Database, mentions: dict[str, Mention]
           ) -> tuple[tuple[Fact, ...], tuple[Support, ...] | None]:
    """The facts, in a record's order, and their support (None if a fact has none)."""
    cited: dict[str, list[Mention]] = {}
    for r in db.query("select fact, mention from fact_mentions order by fact, position"):
        cited.setdefault(r["fact"], []).append(mentions[r["mention"]])
    facts: list[tuple[Fact, Support | None]] = []
    for r in _rows(db, "facts"):
        fact = Fact(id=r["id"], event=r["event"], label=r["label"], subject=r["subject"],
                    kind=r["kind"], status=r["status"], mentions=tuple(cited.get(r["id"], ())),
                    value=r["value"], unit=r["unit"], reason=r["reason"])
        detail = r["support_detail"]
        facts.append((fact, support_from_json(fact.id, json.loads(detail)) if detail else None))
    facts.sort(key=lambda pair: fact_order(pair[0]))
    support = tuple(s for _, s in facts if s is not None)
    return tuple(f for f, _ in facts), support if len(support) == len(facts) else None
