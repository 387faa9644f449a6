"""What ``corroborator add`` keeps beside a record to add reports in place.

A build learns things across its whole batch that a later report changes only a
little: which short lines are boilerplate, the document frequencies behind event
grouping, which reports form a story, the entity names and what each stands for.
``write_state`` keeps them (from ``pipeline.BuildIndex``) in ``cache/state.sqlite``;
``incremental.add_reports`` reads and updates them with the record, in one
transaction, so that adding a report touches only what it changes.

Tables (line keys are kept as 64-bit hashes: only equality is ever asked of them)::

    meta         generation (shared with the record's meta), code, settings, counts
    docs         each report of the record: order, analysis cache key, story, profile parts,
                 lead embedding
    heavy        a report's heaviest words, which find its story partners
    blobs        "frequencies": document frequencies of the word, lead and name bags
    lines        each report's candidate boilerplate lines, and whether it counts for each
    counts       each candidate line's count of unrelated reports
    body         each report's body lines (what copies share)
    boiler       removed spans whose reason states a line's count
    names        entity names in the order first seen, and the name each stands for
    name_docs, name_labels, surfaces   what merging reads of each name

It is a cache in the sense that matters: deleting it (or a record built by other code or
settings) makes ``add`` rebuild the record whole, which writes it anew.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..clean.boilerplate import line_hash
from ..group.profiles import Frequencies
from ..pipeline import BuildIndex
from ..settings import Settings
from .cache import code_digest

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs (id TEXT PRIMARY KEY, position INTEGER, analysis TEXT, story INTEGER,
                   parts BLOB, lead BLOB);
CREATE TABLE heavy (word TEXT, doc TEXT);
CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB);
CREATE TABLE lines (key INTEGER, doc TEXT, counted INTEGER, PRIMARY KEY (key, doc)) WITHOUT ROWID;
CREATE TABLE counts (key INTEGER PRIMARY KEY, n INTEGER);
CREATE TABLE body (line INTEGER, doc TEXT, PRIMARY KEY (line, doc)) WITHOUT ROWID;
CREATE TABLE boiler (doc TEXT, idx INTEGER, key INTEGER);
CREATE TABLE names (name TEXT PRIMARY KEY, position INTEGER, target TEXT);
CREATE TABLE name_docs (name TEXT, doc TEXT, PRIMARY KEY (name, doc)) WITHOUT ROWID;
CREATE TABLE name_labels (name TEXT, label TEXT, n INTEGER, position INTEGER,
                          PRIMARY KEY (name, label)) WITHOUT ROWID;
CREATE TABLE surfaces (surface TEXT, name TEXT, PRIMARY KEY (surface, name)) WITHOUT ROWID;
CREATE INDEX heavy_word ON heavy (word);
CREATE INDEX lines_doc ON lines (doc);
CREATE INDEX body_doc ON body (doc);
CREATE INDEX boiler_key ON boiler (key);
CREATE INDEX names_target ON names (target);
CREATE INDEX name_docs_doc ON name_docs (doc);
CREATE INDEX surfaces_name ON surfaces (name);
"""
FILE = "state.sqlite"
BATCH = 5000  # rows per executemany
# Settings that do not change a record: a state kept under other values is still good.
NEUTRAL_SETTINGS = ("n_process", "batch_size", "page_max_reports")


def settings_digest(settings: Settings) -> str:
    """What of the settings a record depends on (so a state made under others is refused)."""
    kept = {k: v for k, v in asdict(settings).items() if k not in NEUTRAL_SETTINGS}
    return hashlib.sha256(repr(sorted(kept.items())).encode()).hexdigest()[:16]


def write_state(path: Path, index: BuildIndex, *, settings: Settings, generation: str) -> None:
    """Write the state of a build (``index``) to ``path``, replacing it atomically.

    ``generation``: the token the record's meta holds too, so that a record and a state
    written by different builds are never taken for a pair."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with closing(sqlite3.connect(tmp)) as con:
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.executescript(SCHEMA)
            with con:
                _fill(con, index, settings, generation)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _fill(con: sqlite3.Connection, index: BuildIndex, settings: Settings, generation: str
          ) -> None:
    g = index.grouping
    docs = g.ids
    meta = {
        "generation": generation, "code": code_digest(), "settings": settings_digest(settings),
        "context": index.context, "valued": str(index.valued),
    }
    con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    leads = g.leads.astype("float32")
    _insert(con, "docs", ((d, k, index.keys[d], g.story_of[k], blob, leads[k].tobytes())
                          for k, (d, blob) in enumerate(zip(docs, g.parts))))
    _insert(con, "heavy", ((w, d) for d, words in zip(docs, g.heavy) for w in words))
    con.execute("INSERT INTO blobs VALUES ('frequencies', ?)", (pack_frequencies(g.frequencies),))
    lines = index.lines
    ids = index.ids
    counted = {(key, ids[d]) for key, holders in lines.counted.items() for d in holders}
    _insert(con, "lines", ((line_hash(key), ids[d], int((key, ids[d]) in counted))
                           for d, keys in enumerate(lines.candidates) for key in keys))
    _insert(con, "counts", ((line_hash(key), n) for key, n in lines.counts.items()))
    _insert(con, "body", ((h, ids[d]) for d, body in enumerate(lines.bodies) for h in body))
    _insert(con, "boiler", ((ids[d], idx, line_hash(key)) for d, found in enumerate(lines.boiler)
                            for idx, key in found))
    write_names(con, index.names.docs, index.names.labels, index.names.surfaces, index.names.canon)


def write_names(con: sqlite3.Connection, docs: dict[str, set[str]],
                labels: dict[str, dict[str, int]], surfaces: dict[str, set[str]],
                canon: dict[str, str], *, start: int = 0) -> None:
    """Insert names (first seen in this order, from position ``start``)."""
    _insert(con, "names", ((name, start + k, canon[name]) for k, name in enumerate(docs)))
    _insert(con, "name_docs", ((name, d) for name, held in docs.items() for d in held))
    _insert(con, "name_labels", ((name, label, n, k) for name, counts in labels.items()
                                 for k, (label, n) in enumerate(counts.items())))
    _insert(con, "surfaces", ((s, name) for name, forms in surfaces.items() for s in forms))


def pack_frequencies(freq: Frequencies) -> bytes:
    counts = (freq.n, dict(freq.words), dict(freq.lead), dict(freq.names))
    return zlib.compress(pickle.dumps(counts, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack_frequencies(blob: bytes) -> Frequencies:
    n, words, lead, names = pickle.loads(zlib.decompress(blob))
    return Frequencies(n, Counter(words), Counter(lead), Counter(names))


def _insert(con: sqlite3.Connection, table: str, rows: Iterable[Sequence[Any]]) -> None:
    it = iter(rows)
    while True:
        chunk = [row for _, row in zip(range(BATCH), it)]
        if not chunk:
            return
        marks = ", ".join("?" * len(chunk[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", chunk)


def read_meta(con: sqlite3.Connection, schema: str = "state") -> dict[str, str]:
    return dict(con.execute(f"SELECT key, value FROM {schema}.meta").fetchall())


def in_chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """``items`` a slice at a time (SQLite limits the parameters of one statement)."""
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]
