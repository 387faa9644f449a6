"""The kept state of a record, read and extended in SQLite: what the stages take as
``kept`` when reports are added in place.

Each class answers one stage's protocol over the connection ``record.connect``
opens (the record as ``main``, ``cache/state.sqlite`` attached as ``state``, one
transaction): ``LinesDb`` is cleaning's ``clean.batch.KeptLines``, ``NamesDb``
merging's ``group.entities.KeptNames``, ``StoriesDb`` placing's
``group.placing.KeptStories``. They hold no rule of a stage, only where its data
is kept (tables described in ``record.state``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..group.entities import Names, entity_id, main_label
from ..group.profiles import Frequencies, Parts, pack, unpack
from ..models import CleanDoc, Entity, Event, Mention
from ..record.state import in_chunks, pack_frequencies, unpack_frequencies
from . import record as rec

Row = tuple[Any, ...]


def _select(con: sqlite3.Connection, sql: str, column: str, values: Sequence[Any],
            *, order: str = "") -> list[Row]:
    """The rows of ``sql`` (a SELECT ... WHERE, its condition to follow) where ``column``
    is one of ``values``, a chunk at a time."""
    out: list[Row] = []
    for chunk in in_chunks(list(values)):
        out += con.execute(f"{sql} {rec.where_in(column, chunk)} {order}", chunk).fetchall()
    return out


class LinesDb:
    """The boilerplate index kept: each report's candidate lines (and whether it counts for
    each), each line's count, each report's body lines and boilerplate removals."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.bodies: dict[str, frozenset[int]] = {}

    def counts(self, lines: Sequence[int]) -> dict[int, int]:
        return dict(_select(self.con, "SELECT key, n FROM state.counts WHERE", "key", lines))

    def counted(self, lines: Sequence[int], body: frozenset[int]) -> dict[int, list[str]]:
        near = {d for (d,) in _select(self.con, "SELECT DISTINCT doc FROM state.body WHERE",
                                      "line", sorted(body))}
        out: dict[int, list[str]] = {}
        for key, doc in _select(self.con, "SELECT key, doc FROM state.lines WHERE counted = 1 AND",
                                "key", lines):
            if doc in near:
                out.setdefault(key, []).append(doc)
        return out

    def body_of(self, report: str) -> frozenset[int]:
        if report not in self.bodies:
            rows = self.con.execute("SELECT line FROM state.body WHERE doc = ?", (report,))
            self.bodies[report] = frozenset(h for (h,) in rows)
        return self.bodies[report]

    def removed_as(self, line: int) -> list[tuple[str, int]]:
        return self.con.execute("SELECT doc, idx FROM state.boiler WHERE key = ?",
                                (line,)).fetchall()

    def holders(self, lines: Sequence[int]) -> set[str]:
        return {d for (d,) in _select(self.con, "SELECT DISTINCT doc FROM state.lines WHERE",
                                      "key", lines)}

    def documents(self, ids: Sequence[str]) -> dict[str, CleanDoc]:
        return rec.documents(self.con, ids)

    def add(self, report: str, lines: Sequence[int], counted: set[int], counts: dict[int, int],
            body: frozenset[int]) -> None:
        self.con.executemany("INSERT INTO state.lines (key, doc, counted) VALUES (?, ?, ?)",
                             [(h, report, int(h in counted)) for h in lines])
        self.con.executemany("INSERT OR REPLACE INTO state.counts (key, n) VALUES (?, ?)",
                             [(h, counts[h]) for h in lines])
        self.con.executemany("INSERT INTO state.body (line, doc) VALUES (?, ?)",
                             [(h, report) for h in body])

    def set_removed(self, report: str, removed: list[tuple[int, int]]) -> None:
        self.con.execute("DELETE FROM state.boiler WHERE doc = ?", (report,))
        self.con.executemany("INSERT INTO state.boiler (doc, idx, key) VALUES (?, ?, ?)",
                             [(report, idx, h) for idx, h in removed])


class NamesDb:
    """The entity names kept: each name in the order first seen with the name it stands
    for, and what merging reads of it (its reports, labels and surface forms)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def targets(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT name, target FROM state.names ORDER BY position"))

    def read(self, names: Sequence[str]) -> Names:
        out = Names()
        for name, doc in _select(self.con, "SELECT name, doc FROM state.name_docs WHERE",
                                 "name", names):
            out.docs.setdefault(name, set()).add(doc)
        for name, s in _select(self.con, "SELECT name, surface FROM state.surfaces WHERE",
                               "name", names):
            out.surfaces.setdefault(name, set()).add(s)
        for name, label, n in _select(self.con, "SELECT name, label, n FROM state.name_labels "
                                      "WHERE", "name", names, order="ORDER BY name, position"):
            out.labels.setdefault(name, {})[label] = n
        for name in names:
            out.docs.setdefault(name, set())
            out.surfaces.setdefault(name, set())
        return out

    def reports_naming(self, names: Sequence[str]) -> set[str]:
        return {d for (d,) in _select(self.con, "SELECT DISTINCT doc FROM state.name_docs WHERE",
                                      "name", names)}

    def surface_names(self, surfaces: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for surface, name in _select(self.con, "SELECT surface, name FROM state.surfaces WHERE",
                                     "surface", surfaces):
            out[surface] = min(out.get(surface, name), name)
        return out

    def label_counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for name, label, n in self.con.execute(
                "SELECT name, label, n FROM state.name_labels ORDER BY name, position"):
            out.setdefault(name, {})[label] = n
        return out

    def keep(self, found: Names, added: Sequence[str], targets: dict[str, str]) -> None:
        con = self.con
        start = int(con.execute("SELECT count(*) FROM state.names").fetchone()[0])
        new = set(added)
        con.executemany("INSERT INTO state.names (name, position, target) VALUES (?, ?, ?)",
                        [(n, start + k, targets[n]) for k, n in enumerate(added)])
        con.executemany("UPDATE state.names SET target = ? WHERE name = ?",
                        [(t, n) for n, t in sorted(targets.items()) if n not in new])
        con.executemany("INSERT OR IGNORE INTO state.name_docs (name, doc) VALUES (?, ?)",
                        [(n, d) for n, held in found.docs.items() for d in sorted(held)])
        con.executemany("INSERT OR IGNORE INTO state.surfaces (surface, name) VALUES (?, ?)",
                        [(s, n) for n, forms in found.surfaces.items() for s in sorted(forms)])
        for name, counts in found.labels.items():
            for label, n in counts.items():
                if not con.execute("UPDATE state.name_labels SET n = n + ? WHERE name = ? AND "
                                   "label = ?", (n, name, label)).rowcount:
                    con.execute(
                        "INSERT INTO state.name_labels (name, label, n, position) SELECT ?, ?, "
                        "?, coalesce(max(position) + 1, 0) FROM state.name_labels WHERE name = ?",
                        (name, label, n, name))


class StoriesDb:
    """The event grouping kept: each report's story, profile parts, lead embedding and
    heaviest words, the document frequencies; the record's events and reports.

    ``canon``: what every name stands for (``entities.Merged.canon``); ``keys``: the
    analysis cache key of each report being added (kept with it)."""

    def __init__(self, con: sqlite3.Connection, canon: dict[str, str], keys: dict[str, str]
                 ) -> None:
        self.con, self.canon, self.keys = con, canon, keys

    def frequencies(self) -> Frequencies:
        row = self.con.execute("SELECT data FROM state.blobs WHERE name = 'frequencies'").fetchone()
        return unpack_frequencies(row[0])

    def keep_frequencies(self, freq: Frequencies) -> None:
        self.con.execute("INSERT OR REPLACE INTO state.blobs (name, data) VALUES "
                         "('frequencies', ?)", (pack_frequencies(freq),))

    def stories(self) -> list[tuple[str, int]]:
        return self.con.execute("SELECT id, story FROM state.docs ORDER BY position").fetchall()

    def holding(self, words: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {w: [] for w in words}
        for word, doc in _select(self.con, "SELECT word, doc FROM state.heavy WHERE", "word",
                                 words):
            out[word].append(doc)
        return out

    def parts(self, ids: Sequence[str]) -> dict[str, Parts]:
        return {d: unpack(blob) for d, blob in
                _select(self.con, "SELECT id, parts FROM state.docs WHERE", "id", ids)}

    def leads(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        return {d: np.frombuffer(blob, dtype=np.float32) for d, blob in
                _select(self.con, "SELECT id, lead FROM state.docs WHERE", "id", ids)}

    def documents(self, ids: Sequence[str]) -> dict[str, CleanDoc]:
        return rec.documents(self.con, ids)

    def mentions(self, ids: Sequence[str]) -> dict[str, list[Mention]]:
        return rec.mentions_of(self.con, ids)

    def starts(self, ids: Sequence[str]) -> dict[str, list[int]]:
        return rec.sentence_starts(self.con, ids)

    def events(self) -> dict[str, list[str]]:
        return rec.event_documents(self.con)

    def entities(self, ids: Sequence[str]) -> list[Entity]:
        held: dict[str, set[str]] = {}
        for name, doc in _select(self.con, "SELECT name, doc FROM state.name_docs WHERE", "doc",
                                 ids):
            held.setdefault(self.canon[name], set()).add(doc)
        labels: dict[str, dict[str, int]] = {}
        for name, label, n in _select(self.con, "SELECT name, label, n FROM state.name_labels "
                                      "WHERE", "name", sorted(held), order="ORDER BY name, position"):
            labels.setdefault(name, {})[label] = n
        return [Entity(entity_id(t), t, main_label(labels[t]), (), tuple(sorted(held[t])))
                for t in sorted(held) if labels.get(t)]

    def add(self, report: str, story: int, parts: Parts, lead: np.ndarray,
            heavy: list[str]) -> None:
        position = int(self.con.execute("SELECT count(*) FROM state.docs").fetchone()[0])
        self.con.execute("INSERT INTO state.docs (id, position, analysis, story, parts, lead) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         (report, position, self.keys[report], story, pack(parts),
                          np.asarray(lead, dtype=np.float32).tobytes()))
        self.con.executemany("INSERT INTO state.heavy (word, doc) VALUES (?, ?)",
                             [(w, report) for w in heavy])

    def keep_event(self, event: Event) -> None:
        rec.write_event(self.con, event)
