"""The record as a SQLite file: round trip, schema, integrity, atomic replace, errors."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from records import make_record

from corroborator.errors import StoreError
from corroborator.models import Record
from corroborator.reconcile.support import supported
from corroborator.record import store
from corroborator.record.store import read_record, write_record

TABLES = {
    "documents", "segments", "removed", "sentences", "mentions", "facts", "fact_mentions",
    "quotes", "entities", "events", "event_documents", "skipped", "meta", "series", "derivations",
}  # fmt: skip


@pytest.fixture
def record() -> Record:
    """A record as the pipeline gives it: with the support stage's derivations and
    support (``write_record`` runs the stage on a record that lacks them)."""
    return supported(make_record())


@pytest.fixture
def written(record: Record, tmp_path: Path) -> Path:
    path = tmp_path / "record.db"
    write_record(record, path)
    return path


@pytest.fixture
def db(written: Path) -> Iterator[sqlite_utils.Database]:
    database = sqlite_utils.Database(written)
    yield database
    database.close()


def _query(path: Path, sql: str, params: Sequence[object] = ()) -> list[Any]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def test_store_round_trip_equals_record(record: Record, written: Path) -> None:
    assert read_record(written) == record


def test_store_round_trip_accepts_str_path(record: Record, tmp_path: Path) -> None:
    path = str(tmp_path / "record.db")
    write_record(record, path)
    assert read_record(path) == record


def test_store_round_trip_of_empty_record(tmp_path: Path) -> None:
    empty = Record((), (), (), (), (), (), ())
    write_record(empty, tmp_path / "empty.db")
    assert read_record(tmp_path / "empty.db") == empty


def test_store_writes_a_real_sqlite_file_and_no_leftovers(written: Path) -> None:
    assert written.read_bytes()[:16] == b"SQLite format 3\x00"
    assert [p.name for p in written.parent.iterdir()] == ["record.db"]


def test_store_has_every_table(db: sqlite_utils.Database) -> None:
    assert TABLES <= set(db.table_names())


def test_store_integrity_check_ok(written: Path) -> None:
    assert _query(written, "PRAGMA integrity_check") == [("ok",)]


def test_store_foreign_keys_hold(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    declared = {(fk.table, fk.column, fk.other_table) for t in db.tables for fk in t.foreign_keys}
    assert {
        ("mentions", "doc", "documents"),
        ("mentions", "fact", "facts"),
        ("fact_mentions", "mention", "mentions"),
        ("event_documents", "event", "events"),
        ("quotes", "doc", "documents"),
    } <= declared


@pytest.mark.parametrize(
    ("mention_id", "value", "sqlite_type"),
    [
        ("ledger-fire-m2", 23.0, "real"),
        ("ledger-fire-m1", "2025-03-14", "text"),
    ],
)
def test_store_value_keeps_its_sqlite_type(
    written: Path, mention_id: str, value: object, sqlite_type: str
) -> None:
    sql = "select value, typeof(value) from mentions where id = ?"
    assert _query(written, sql, [mention_id]) == [(value, sqlite_type)]


@pytest.mark.parametrize("value", [None, 0.1, 1e-300, 7, "2025", "2025-03", "12"])
def test_store_value_type_restored_exactly(record: Record, tmp_path: Path, value: object) -> None:
    # ledger-fire-m1 belongs to no fact, so it can change alone
    changed = [dataclasses.replace(m, value=value) if m.id == "ledger-fire-m1" else m
               for m in record.mentions]  # fmt: skip
    record = dataclasses.replace(record, mentions=tuple(changed))
    write_record(record, tmp_path / "r.db")
    [back] = [m for m in read_record(tmp_path / "r.db").mentions if m.id == "ledger-fire-m1"]
    assert back.value == value and type(back.value) is type(value)


def test_store_tuples_are_json_arrays(db: sqlite_utils.Database) -> None:
    row = db.table("mentions").get("courier-fire-m1")
    assert row["entities"] == '["Marlow General Hospital", "Halvern Chemicals"]'
    assert db.table("entities").get("e-ortiz")["aliases"] == '["Dana Ortiz", "Ortiz"]'


def test_store_mentions_know_their_fact_and_event(db: sqlite_utils.Database) -> None:
    assert db.table("mentions").get("courier-fire-m1")["fact"] == "f-injured"
    assert db.table("mentions").get("ledger-fire-m1")["fact"] is None
    assert db.table("mentions").get("ledger-fire-m1")["event"] == "ev-fire"
    assert db.table("facts").get("f-injured")["n_documents"] == 2


def test_store_meta_names_version_and_story(db: sqlite_utils.Database) -> None:
    meta = {r["key"]: r["value"] for r in db.table("meta").rows}
    assert meta["format"] == store.FORMAT
    assert meta["corroborator_version"]
    assert meta["created"]
    assert meta["story"] == "Halvern Chemicals plant fire, Marlow"


@pytest.mark.parametrize(
    ("table", "query", "expected"),
    [
        ("sentences", "injured", 2),
        ("quotes", "schedule", 1),
    ],
)
def test_store_full_text_search(
    db: sqlite_utils.Database, table: str, query: str, expected: int
) -> None:
    hits = list(db.table(table).search(query))
    assert len(hits) == expected
    assert all(query in hit["text"] for hit in hits)


def test_store_failed_write_keeps_old_file(record: Record, written: Path) -> None:
    broken = dataclasses.replace(record.quotes[0], text=object())  # sqlite cannot bind it
    before = written.read_bytes()
    with pytest.raises(StoreError, match="old file is kept"):
        write_record(dataclasses.replace(record, story="a new story",
                                         quotes=(broken, *record.quotes[1:])), written)
    assert written.read_bytes() == before
    assert [p.name for p in written.parent.iterdir()] == ["record.db"]
    assert read_record(written) == record


def test_store_rewrite_replaces_the_record(record: Record, written: Path) -> None:
    newer = dataclasses.replace(record, story="Halvern fire, updated", skipped=())
    write_record(newer, written)
    assert read_record(written) == newer


def test_store_fact_citing_unlisted_mention_is_refused(record: Record, tmp_path: Path) -> None:
    kept = tuple(m for m in record.mentions if m.id != "courier-fire-m1")
    unlisted = dataclasses.replace(record, mentions=kept)
    with pytest.raises(StoreError, match="courier-fire-m1"):
        write_record(unlisted, tmp_path / "r.db")
    assert not list(tmp_path.iterdir())


def test_store_write_into_missing_directory_raises(record: Record, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such directory"):
        write_record(record, tmp_path / "missing" / "record.db")


def test_store_read_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such record"):
        read_record(tmp_path / "nothing.db")
    assert not (tmp_path / "nothing.db").exists()


def test_store_read_non_sqlite_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the records you are looking for\n" * 20)
    with pytest.raises(StoreError, match="not a readable corroborator record"):
        read_record(path)


def test_store_read_other_sqlite_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = sqlite_utils.Database(path)
    other.table("dogs").insert({"name": "Cleo"})
    other.close()
    with pytest.raises(StoreError, match="not a corroborator record"):
        read_record(path)


def test_store_read_newer_schema_raises(written: Path) -> None:
    db = sqlite_utils.Database(written)
    db.table("meta").update("schema_version", {"value": "99"})
    db.close()
    with pytest.raises(StoreError, match="rebuild"):
        read_record(written)


# --- changes in place (store.apply) ---------------------------------------------------


def _apply(path: Path, changes: store.Changes) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as con:
        con.execute("BEGIN")
        store.apply(con, changes)
        con.execute("COMMIT")


def _fts_intact(path: Path) -> None:
    """FTS5's own check that an external-content index matches its table."""
    with closing(sqlite3.connect(path)) as con:
        for table in store.FTS_COLUMNS:
            con.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('integrity-check')")


@pytest.mark.issue(17)
def test_store_apply_insert_gives_the_record_written_whole(record: Record, tmp_path: Path
                                                          ) -> None:
    """A record written without its last report's quote, then the quote inserted in place,
    reads back as the record written whole; the quote is searchable."""
    last = record.quotes[-1]
    assert last.doc == record.documents[-1].id
    path = tmp_path / "record.db"
    write_record(dataclasses.replace(record, quotes=record.quotes[:-1]), path)
    _apply(path, store.Changes(insert={"quotes": [store.quote_row(last)]}))
    assert read_record(path) == record
    word = last.text.split()[-1].strip(".,")
    assert _query(path, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [word])
    _fts_intact(path)


@pytest.mark.issue(17)
def test_store_apply_delete_and_update_keep_the_search_index(written: Path) -> None:
    doc = _query(written, "SELECT doc FROM sentences LIMIT 1")[0][0]
    _apply(written, store.Changes(
        delete={"sentences": [{"doc": doc}]},
        update={"quotes": [({"text": "a wholly new quotation"}, {"doc": doc})]},
    ))
    assert not _query(written, "SELECT 1 FROM sentences WHERE doc = ?", [doc])
    assert _query(written, "SELECT doc FROM quotes_fts JOIN quotes ON quotes.rowid = "
                           "quotes_fts.rowid WHERE quotes_fts MATCH 'wholly'") == [(doc,)]
    _fts_intact(written)


@pytest.mark.issue(17)
def test_store_apply_replace_and_meta(record: Record, written: Path) -> None:
    fact = record.facts[0]
    row = store.fact_row(dataclasses.replace(fact, label="a new label"),
                         (record.support or ())[0])
    _apply(written, store.Changes(replace={"facts": [row]}, meta={"state": "token"}))
    assert _query(written, "SELECT label FROM facts WHERE id = ?", [fact.id]) == [("a new label",)]
    assert _query(written, "SELECT count(*) FROM facts") == [(len(record.facts),)]
    assert _query(written, "SELECT value FROM meta WHERE key = 'state'") == [("token",)]


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (store.Changes(insert={"dogs": [{"name": "Cleo"}]}), "unknown tables"),
        (store.Changes(insert={"meta": [{"key": "k", "value": "v"}]}), "Changes.meta"),
        (store.Changes(delete={"facts": [{}]}), "which rows"),
        (store.Changes(insert={"skipped": [{"path": "p", "why": "?"}]}), "no column"),
        (store.Changes(replace={"skipped": [{"path": "p", "reason": "r"}]}), "no primary key"),
    ],
)
def test_store_apply_refuses_a_wrong_change(written: Path, changes: store.Changes,
                                            message: str) -> None:
    before = written.read_bytes()
    with pytest.raises(StoreError, match=message), \
            closing(sqlite3.connect(written, isolation_level=None)) as con:
        con.execute("BEGIN")
        try:
            store.apply(con, changes)
        finally:
            con.execute("ROLLBACK")
    assert written.read_bytes() == before


@pytest.mark.issue(17)
@pytest.mark.parametrize("stage", [False, True])
def test_store_keeps_whether_the_support_stage_ran(tmp_path: Path, stage: bool) -> None:
    """A record beyond the limit is built without derivations and support (None), one
    within it with them (maybe none found: ()); each reads back as it was written."""
    record = supported(make_record()) if stage else make_record()
    write_record(record, tmp_path / "r.db")
    again = read_record(tmp_path / "r.db")
    assert (again.derivations, again.support) == (record.derivations, record.support)
    nulls = _query(tmp_path / "r.db", "SELECT count(*) FROM facts WHERE support IS NULL")
    assert nulls == [(0 if stage else len(record.facts),)]


@pytest.mark.issue(17)
def test_store_mentions_carry_attribution_kind_and_cue(tmp_path: Path) -> None:
    record = make_record()
    m = record.mentions[0]
    tagged = dataclasses.replace(m, extra={"said_by_kind": "named", "said_by_cue": "said"})
    facts = tuple(dataclasses.replace(f, mentions=tuple(tagged if x.id == m.id else x
                                                        for x in f.mentions))
                  for f in record.facts)
    record = dataclasses.replace(record, mentions=(tagged, *record.mentions[1:]), facts=facts)
    write_record(record, tmp_path / "r.db")
    assert _query(tmp_path / "r.db", "SELECT said_by_kind, said_by_cue FROM mentions "
                                     "WHERE id = ?", [m.id]) == [("named", "said")]
    assert read_record(tmp_path / "r.db").mentions[0].extra == tagged.extra
