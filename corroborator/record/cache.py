"""A cache of per-report analyses, so that `add` parses only what is new.

The parse and extraction of a report depend only on its cleaned text, its id
and its metadata (dates resolve against the published date), and on the
corroborator version and the model. That is the key; the value is what
``nlp.analyse.analyse`` produces for the report. A report whose cleaning changes
(new boilerplate learnt from a new report) gets a new key, so a cached build is
always the same record as a build from scratch.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import tempfile
from collections.abc import Iterator, MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..models import CleanDoc

FORMAT = "3"  # of the cached value: bumped when nlp.analyse.Analysis changes shape


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of corroborator's own source: a cache entry made by other code is not used."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def analysis_key(clean: CleanDoc, model: str, selective: bool = True) -> str:
    parts = [code_digest(), FORMAT, model, str(selective), clean.id, repr(clean.source),
             clean.text]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


class AnalysisCache:
    """Pickled analyses in a folder, one file per key, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> Any | None:
        path = self.folder / key[:2] / f"{key}.pickle"
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing or damaged: analyse again

    def put(self, key: str, value: Any) -> None:
        folder = self.folder / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}.pickle")
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


def open_cache_db(path: Path, schema: str) -> sqlite3.Connection:
    """An SQLite cache file, made anew if it is damaged (it only holds what can be redone)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in (1, 2):
        con = sqlite3.connect(path, timeout=60)
        try:
            con.execute(schema)
            con.execute("PRAGMA quick_check").fetchall()
            return con
        except sqlite3.DatabaseError:
            con.close()
            if attempt == 2:
                raise
            for stale in (path, path.with_name(path.name + "-journal")):
                stale.unlink(missing_ok=True)
    raise AssertionError("unreachable")


class BlockCache(MutableMapping[str, list[list[int]]]):
    """Groupings of reconciliation blocks (``reconcile.block_key`` -> groups of indices) in
    an SQLite file; new entries are written by ``close``. A cache: deleting it costs time."""

    def __init__(self, path: Path) -> None:
        self.con = open_cache_db(path, "CREATE TABLE IF NOT EXISTS blocks "
                                       "(key TEXT PRIMARY KEY, groups TEXT)")
        self.new: dict[str, list[list[int]]] = {}

    def __getitem__(self, key: str) -> list[list[int]]:
        if key in self.new:
            return self.new[key]
        row = self.con.execute("SELECT groups FROM blocks WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return [list(map(int, g)) for g in json.loads(row[0])]

    def __setitem__(self, key: str, groups: list[list[int]]) -> None:
        self.new[key] = groups

    def __delitem__(self, key: str) -> None:
        raise TypeError("a BlockCache only grows")

    def __iter__(self) -> Iterator[str]:
        return iter(k for (k,) in self.con.execute("SELECT key FROM blocks"))

    def __len__(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM blocks").fetchone()[0])

    def close(self) -> None:
        with self.con:
            self.con.executemany("INSERT OR REPLACE INTO blocks VALUES (?, ?)",
                                 [(k, json.dumps(v)) for k, v in self.new.items()])
        self.con.close()
