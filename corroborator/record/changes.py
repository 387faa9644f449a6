"""Changes to a record in place: rows deleted, updated, replaced and inserted.

``store.apply`` (defined here, re-exported by ``store``, the record's one writer)
makes a ``Changes`` on an open connection inside the caller's transaction, and keeps
the full-text indexes of ``sentences`` and ``quotes`` in step with their tables. The
rows are built by ``store``'s row builders (``rows``), as a whole-record write's are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from .rows import Row
from .schema import FTS_COLUMNS, SCHEMA

__all__ = ["Changes", "Where", "apply"]

Where = dict[str, Any]  # column -> value; a row matches when every column equals its value


@dataclass
class Changes:
    """Rows to change in a record, table by table (``apply`` says in which order).

    ``delete``: rows matching each ``Where``; ``update``: (columns to set, ``Where``);
    ``replace``: whole rows, replacing any row of the same primary key; ``insert``: new
    rows; ``meta``: keys of the meta table to set."""

    delete: dict[str, list[Where]] = field(default_factory=dict)
    update: dict[str, list[tuple[Row, Where]]] = field(default_factory=dict)
    replace: dict[str, list[Row]] = field(default_factory=dict)
    insert: dict[str, list[Row]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def merge(self, other: Changes) -> None:
        """Add ``other``'s changes to these (applied together, in ``apply``'s order)."""
        for mine, theirs in ((self.delete, other.delete), (self.update, other.update),
                             (self.replace, other.replace), (self.insert, other.insert)):
            for table, items in theirs.items():
                mine.setdefault(table, []).extend(items)  # type: ignore[arg-type]
        self.meta.update(other.meta)


def apply(con: sqlite3.Connection, changes: Changes, *, schema: str = "main") -> None:
    """Make ``changes`` to the record open on ``con`` (as database ``schema``), inside
    the caller's transaction: deletions (tables in reverse order of ``SCHEMA``, so no row
    outlives what it points to), updates, replacements, then insertions (in order), then
    meta. The full-text indexes of ``sentences`` and ``quotes`` follow their tables."""
    _known(changes)
    for table in reversed(SCHEMA):
        for where in changes.delete.get(table, ()):
            _delete(con, schema, table, where)
    for table in SCHEMA:
        for values, where in changes.update.get(table, ()):
            _update(con, schema, table, values, where)
        for row in changes.replace.get(table, ()):
            _replace(con, schema, table, row)
        _insert(con, schema, table, changes.insert.get(table, ()))
    con.executemany(f"INSERT OR REPLACE INTO {schema}.meta (key, value) VALUES (?, ?)",
                    list(changes.meta.items()))


def _known(changes: Changes) -> list[str]:
    """The tables ``changes`` name; an unknown one is a caller's bug."""
    named = {*changes.delete, *changes.update, *changes.replace, *changes.insert}
    unknown = sorted(named - SCHEMA.keys())
    if unknown or "meta" in named:
        raise StoreError(f"changes to unknown tables {unknown or ['meta']}: a record has "
                         f"{', '.join(SCHEMA)} (set meta keys through Changes.meta)")
    return sorted(named)


def _clause(where: Where) -> tuple[str, list[Any]]:
    if not where:
        raise StoreError("a change must say which rows it is for (an empty where)")
    return " AND ".join(f"[{c}] IS ?" for c in where), list(where.values())


def _delete(con: sqlite3.Connection, schema: str, table: str, where: Where) -> None:
    clause, params = _clause(where)
    _unindex(con, schema, table, clause, params)
    con.execute(f"DELETE FROM {schema}.[{table}] WHERE {clause}", params)


def _update(con: sqlite3.Connection, schema: str, table: str, values: Row, where: Where
            ) -> None:
    clause, params = _clause(where)
    indexed = table in FTS_COLUMNS and bool(set(values) & set(FTS_COLUMNS[table]))
    if indexed:
        _unindex(con, schema, table, clause, params)
    sets = ", ".join(f"[{c}] = ?" for c in values)
    con.execute(f"UPDATE {schema}.[{table}] SET {sets} WHERE {clause}", [*values.values(), *params])
    if indexed:
        _index(con, schema, table, clause, params)


def _replace(con: sqlite3.Connection, schema: str, table: str, row: Row) -> None:
    pk = SCHEMA[table][1]
    if pk is None:
        raise StoreError(f"{table} has no primary key: delete and insert its rows instead")
    keys = (pk,) if isinstance(pk, str) else pk
    _delete(con, schema, table, {k: row[k] for k in keys})
    _insert(con, schema, table, [row])


def _insert(con: sqlite3.Connection, schema: str, table: str, rows: Iterable[Row]) -> None:
    columns = SCHEMA[table][0]
    batch = list(rows)
    for row in batch:
        if not row.keys() <= columns.keys():
            raise StoreError(f"{table} has no column {sorted(row.keys() - columns.keys())}")
    sql = (f"INSERT INTO {schema}.[{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    if table not in FTS_COLUMNS:
        con.executemany(sql, [[row.get(c) for c in columns] for row in batch])
        return
    indexed = FTS_COLUMNS[table]
    fts = (f"INSERT INTO {schema}.[{table}_fts] (rowid, {', '.join(indexed)}) "
           f"VALUES (?, {', '.join('?' * len(indexed))})")
    for row in batch:
        rowid = con.execute(sql, [row.get(c) for c in columns]).lastrowid
        con.execute(fts, [rowid, *(row.get(c) for c in indexed)])


def _unindex(con: sqlite3.Connection, schema: str, table: str, clause: str,
             params: list[Any]) -> None:
    """Take the rows matching ``clause`` out of the table's full-text index (an external
    content FTS5 table is told the old values)."""
    if table not in FTS_COLUMNS:
        return
    columns = ", ".join(FTS_COLUMNS[table])
    con.execute(
        f"INSERT INTO {schema}.[{table}_fts] ([{table}_fts], rowid, {columns}) "
        f"SELECT 'delete', rowid, {columns} FROM {schema}.[{table}] WHERE {clause}", params)


def _index(con: sqlite3.Connection, schema: str, table: str, clause: str,
           params: list[Any]) -> None:
    columns = ", ".join(FTS_COLUMNS[table])
    con.execute(f"INSERT INTO {schema}.[{table}_fts] (rowid, {columns}) "
                f"SELECT rowid, {columns} FROM {schema}.[{table}] WHERE {clause}", params)
