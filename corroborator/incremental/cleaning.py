"""Cleaning reports added to a record, against the boilerplate the record learnt.

A report appended to a batch is counted for each of its candidate lines as the
batch would count it last (``boilerplate.count_new``), from the kept index: the
reports counted for the line so far, and the body lines of those that share one
with the new report. Counting it can change earlier reports in two ways:

- a line already boilerplate gains a report: the reason of its removal in the
  reports holding it states the new count (``update_removed``);
- a line becomes boilerplate: the reports holding it are cleaned again. If that
  changes the text of one of them, adding in place stops (``NotIncremental``):
  its analysis would have to be redone, which a full rebuild does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..clean.boilerplate import count_new, line_hash
from ..clean.clutter import (
    analyse_lines,
    body_lines,
    boilerplate_reason,
    boilerplate_removals,
    candidate_lines,
    clean_analysed,
)
from ..errors import NotIncremental
from ..models import CleanDoc, RawDoc
from ..record.state import in_chunks
from ..settings import Settings
from . import record as rec


@dataclass
class Cleaned:
    """The new reports cleaned, and the changes to earlier ones."""

    docs: list[CleanDoc] = field(default_factory=list)
    reasons: list[tuple[str, int, str]] = field(default_factory=list)  # (doc, idx, reason)
    recleaned: list[CleanDoc] = field(default_factory=list)  # same text, other removals


def clean_new(con: sqlite3.Connection, raws: Sequence[RawDoc], settings: Settings) -> Cleaned:
    """Clean ``raws`` (in order, each counted after the ones before it) and record their
    lines in the state."""
    floor = max(settings.repeated_line_min_docs, 2)
    out = Cleaned()
    crossed: set[int] = set()
    for raw in raws:
        lines = analyse_lines(raw)
        keys = {key: line_hash(key) for key in dict.fromkeys(candidate_lines(lines))}
        body = frozenset(line_hash(line) for line in body_lines(lines))
        before = _counts(con, list(keys.values()))
        counts_for = count_new((keys[k] for k in keys), body, _counted(con, keys, body),
                               _bodies(con))
        after = {h: before.get(h, 0) + (h in counts_for) for h in keys.values()}
        repeated = {key: after[h] for key, h in keys.items() if after[h] >= floor}
        clean = clean_analysed(raw, lines, repeated)
        out.docs.append(clean)
        for h in counts_for:
            if before.get(h, 0) >= floor:
                out.reasons += [(doc, idx, boilerplate_reason(after[h])) for doc, idx in
                                con.execute("SELECT doc, idx FROM state.boiler WHERE key = ?", (h,))]
            elif after[h] >= floor:
                crossed.add(h)
        _remember(con, raw.id, keys, counts_for, after, body,
                  [(idx, line_hash(key)) for idx, key in boilerplate_removals(clean, lines)])
    if crossed:
        out.recleaned = _clean_again(con, crossed, {d.id for d in out.docs}, floor)
    return out


def _counts(con: sqlite3.Connection, hashes: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for chunk in in_chunks(hashes):
        sql = f"SELECT key, n FROM state.counts WHERE {rec.where_in('key', chunk)}"
        out.update(con.execute(sql, chunk).fetchall())
    return out


def _counted(con: sqlite3.Connection, keys: dict[str, int], body: frozenset[int]
             ) -> dict[int, list[str]]:
    """For each candidate line, the reports counted for it that share a body line with the
    new report (the only ones it can be a copy of)."""
    near: set[str] = set()
    for chunk in in_chunks(sorted(body)):
        sql = f"SELECT DISTINCT doc FROM state.body WHERE {rec.where_in('line', chunk)}"
        near.update(d for (d,) in con.execute(sql, chunk))
    out: dict[int, list[str]] = {}
    hashes = list(keys.values())
    for chunk in in_chunks(hashes):
        sql = f"SELECT key, doc FROM state.lines WHERE counted = 1 AND {rec.where_in('key', chunk)}"
        for key, doc in con.execute(sql, chunk):
            if doc in near:
                out.setdefault(key, []).append(doc)
    return out


def _bodies(con: sqlite3.Connection):  # type: ignore[no-untyped-def]
    known: dict[str, frozenset[int]] = {}

    def body_of(doc: str) -> frozenset[int]:
        if doc not in known:
            rows = con.execute("SELECT line FROM state.body WHERE doc = ?", (doc,))
            known[doc] = frozenset(h for (h,) in rows)
        return known[doc]

    return body_of


def _remember(con: sqlite3.Connection, doc: str, keys: dict[str, int], counts_for: set[int],
              after: dict[int, int], body: frozenset[int], boiler: list[tuple[int, int]]) -> None:
    con.executemany("INSERT INTO state.lines (key, doc, counted) VALUES (?, ?, ?)",
                    [(h, doc, int(h in counts_for)) for h in keys.values()])
    con.executemany("INSERT OR REPLACE INTO state.counts (key, n) VALUES (?, ?)",
                    [(h, after[h]) for h in keys.values()])
    con.executemany("INSERT INTO state.body (line, doc) VALUES (?, ?)", [(h, doc) for h in body])
    con.executemany("INSERT INTO state.boiler (doc, idx, key) VALUES (?, ?, ?)",
                    [(doc, idx, h) for idx, h in boiler])


def _clean_again(con: sqlite3.Connection, crossed: set[int], new: set[str], floor: int
                 ) -> list[CleanDoc]:
    """The earlier reports holding a line that just became boilerplate, cleaned again: their
    text must stay as it was (else NotIncremental); their removals may change."""
    holders: set[str] = set()
    for chunk in in_chunks(sorted(crossed)):
        sql = f"SELECT DISTINCT doc FROM state.lines WHERE {rec.where_in('key', chunk)}"
        holders.update(d for (d,) in con.execute(sql, chunk))
    old = rec.documents(con, sorted(holders - new))
    out = []
    for doc_id, stored in old.items():
        lines = analyse_lines(stored.raw)
        keys = {key: line_hash(key) for key in dict.fromkeys(candidate_lines(lines))}
        counts = _counts(con, list(keys.values()))
        repeated = {key: counts[h] for key, h in keys.items() if counts.get(h, 0) >= floor}
        clean = clean_analysed(stored.raw, lines, repeated)
        if clean.text != stored.text:
            raise NotIncremental(f"a new report makes a line of report {doc_id!r} boilerplate, which "
                                 "changes that report's text")
        con.execute("DELETE FROM state.boiler WHERE doc = ?", (doc_id,))
        con.executemany("INSERT INTO state.boiler (doc, idx, key) VALUES (?, ?, ?)",
                        [(doc_id, idx, line_hash(key))
                         for idx, key in boilerplate_removals(clean, lines)])
        out.append(clean)
    return out
