"""Placing a report added to a record among the record's events.

The batch grouping (``events.group``) runs in two levels; a new report goes
through both, against what the record kept:

1. its **story**: the kept story whose reports it is most like, by the mean TF-IDF
   cosine (the batch's ``STORY_SIMILAR``) to the story's reports, scoring only the
   partners its heaviest words find (``events.candidate_arrays``' rule); none alike
   enough, and it starts a story of its own. Profiles are weighted with the
   record's document frequencies, the new report counted in;
2. its **event** within the story: the batch's pair model and average linkage
   (``events._events_of_story``) over the story's reports, whose known events are
   locked, so the report joins one of them or starts an event of its own.

What differs from grouping the whole batch afresh is only that earlier reports
keep their stories (a full rebuild could regroup them now that frequencies moved
a little), the same way ``add`` keeps their events.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..group import event_parts as parts_of_event
from ..group.event_parts import Clashes
from ..group.events import (
    BLOCK_MAX_DOCS,
    BLOCK_MAX_SHARE,
    BLOCK_MIN_DOCS,
    STORY_MIN_DOCS,
    STORY_PARTNERS,
    STORY_SIMILAR,
    _events_of_story,
    event_logit,
    heaviest,
)
from ..group.profiles import Frequencies, Parts, pack, unpack, weigh, weighted
from ..models import CleanDoc, Event, Mention
from ..record.state import in_chunks, pack_frequencies, unpack_frequencies
from . import record as rec
from .naming import entities_of


@dataclass
class NewReport:
    """A report being added, with what placing it reads."""

    doc: CleanDoc
    mentions: list[Mention]
    starts: list[int]
    parts: Parts
    lead: np.ndarray  # its lead's embedding
    analysis: str  # its analysis cache key


def load_frequencies(con: sqlite3.Connection) -> Frequencies:
    row = con.execute("SELECT data FROM state.blobs WHERE name = 'frequencies'").fetchone()
    return unpack_frequencies(row[0])


def save_frequencies(con: sqlite3.Connection, freq: Frequencies) -> None:
    con.execute("INSERT OR REPLACE INTO state.blobs (name, data) VALUES ('frequencies', ?)",
                (pack_frequencies(freq),))


def place(con: sqlite3.Connection, new: NewReport, freq: Frequencies, canon: dict[str, str],
          threshold: float) -> Event:
    """The event ``new`` joins (with it among its reports) or starts; the report and its
    story are kept in the state. ``freq`` must already count it."""
    story, number = _story(con, new.parts, freq)
    position = int(con.execute("SELECT count(*) FROM state.docs").fetchone()[0])
    con.execute("INSERT INTO state.docs (id, position, analysis, story, parts, lead) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (new.doc.id, position, new.analysis, number, pack(new.parts),
                 new.lead.astype("float32").tobytes()))
    vec = weighted(new.parts.words, freq.n, freq.words)
    con.executemany("INSERT INTO state.heavy (word, doc) VALUES (?, ?)",
                    [(w, new.doc.id) for w in heaviest(vec)])
    members = _event_in_story(con, story, new, freq, canon, threshold)
    return _event(con, members, new, canon)


def _story(con: sqlite3.Connection, parts: Parts, freq: Frequencies) -> tuple[list[str], int]:
    """The reports (in order) of the story the report joins, and that story's number."""
    docs = [(d, s) for d, s in con.execute("SELECT id, story FROM state.docs ORDER BY position")]
    fresh = max((s for _, s in docs), default=-1) + 1
    if freq.n < STORY_MIN_DOCS:
        number = docs[0][1] if docs else fresh
        return [d for d, s in docs if s == number], number
    vec = weighted(parts.words, freq.n, freq.words)
    partners = _partners(con, vec, [d for d, _ in docs], freq.n)
    story_of = dict(docs)
    sizes: dict[int, int] = {}
    for _, s in docs:
        sizes[s] = sizes.get(s, 0) + 1
    totals: dict[int, float] = {}
    for doc, other in _parts(con, partners).items():
        cos = _dot(vec, weighted(other.words, freq.n, freq.words))
        totals[story_of[doc]] = totals.get(story_of[doc], 0.0) + cos
    means = {s: total / sizes[s] for s, total in totals.items()}  # unscored pairs count 0
    best = max(means, key=lambda s: (means[s], -s), default=None)
    if best is None or means[best] < STORY_SIMILAR:
        return [], fresh
    return [d for d, s in docs if s == best], best


def _partners(con: sqlite3.Connection, vec: dict[str, float], docs: list[str], n: int) -> list[str]:
    """The reports a new report is scored against (``events.candidate_arrays``' rule)."""
    if n <= BLOCK_MIN_DOCS:
        return docs
    words = heaviest(vec)
    postings: dict[str, list[str]] = {w: [] for w in words}
    if words:
        sql = f"SELECT word, doc FROM state.heavy WHERE {rec.where_in('word', words)}"
        for word, doc in con.execute(sql, words):
            postings[word].append(doc)
    cap = max(2, min(int(BLOCK_MAX_SHARE * n), BLOCK_MAX_DOCS))
    found: set[str] = set()
    for w in sorted(words, key=lambda w: (len(postings[w]) + 1, w)):
        if len(postings[w]) + 1 > cap or len(found) >= STORY_PARTNERS:
            break
        found.update(postings[w])
    return sorted(found)


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b[w] for w, v in sorted(a.items()) if w in b)


def _parts(con: sqlite3.Connection, docs: Sequence[str]) -> dict[str, Parts]:
    out: dict[str, Parts] = {}
    for chunk in in_chunks(list(docs)):
        sql = f"SELECT id, parts FROM state.docs WHERE {rec.where_in('id', chunk)}"
        out.update((d, unpack(blob)) for d, blob in con.execute(sql, chunk))
    return out


def _event_in_story(con: sqlite3.Connection, story: list[str], new: NewReport, freq: Frequencies,
                    canon: dict[str, str], threshold: float) -> list[str]:
    """The reports of the event the new report ends up in (it last)."""
    if not story:
        return [new.doc.id]
    ids = [*story, new.doc.id]
    stored = _parts(con, story)
    profs = weigh([*(stored[d] for d in story), new.parts], freq, entities_of(con, ids, canon))
    vecs = _lead_vectors(con, story, new.lead)
    docs = [*rec.documents(con, story).values(), new.doc]
    docs.sort(key=lambda d: ids.index(d.id))
    by_doc = rec.mentions_of(con, story) | {new.doc.id: new.mentions}
    starts = rec.sentence_starts(con, story) | {new.doc.id: new.starts}
    forbidden = Clashes(docs, by_doc, starts).between
    index = {d: k for k, d in enumerate(ids)}
    seeds = sorted(([index[d] for d in members if d in index]
                    for members in rec.event_documents(con).values() if members[0] in index),
                   key=lambda s: (-len(s), min(s)))  # as the record orders its events
    groups = _events_of_story(list(range(len(ids))), profs, vecs, seeds,
                              event_logit(threshold), forbidden)
    mine = next(g for g in groups if len(ids) - 1 in g)
    return [ids[k] for k in sorted(mine)]


def _lead_vectors(con: sqlite3.Connection, story: list[str], lead: np.ndarray) -> np.ndarray:
    """The lead embeddings of ``story``'s reports (as the build found them), then ``lead``."""
    found: dict[str, bytes] = {}
    for chunk in in_chunks(story):
        sql = f"SELECT id, lead FROM state.docs WHERE {rec.where_in('id', chunk)}"
        found.update(con.execute(sql, chunk).fetchall())
    rows = [np.frombuffer(found[d], dtype=np.float32) for d in story]
    return np.vstack([*rows, lead.astype(np.float32)[None, :]]) if rows else lead[None, :]


def _event(con: sqlite3.Connection, members: list[str], new: NewReport, canon: dict[str, str]
           ) -> Event:
    """The event of ``members``: the known one they extend (same id), or a new one, with its
    label and date worked out as a batch does (``events._events``)."""
    known = rec.event_documents(con)
    old = next((e for e, docs in known.items() if members[0] in docs), None)
    taken = set(known)
    event_id = old or next(f"e{k}" for k in range(1, len(taken) + 2) if f"e{k}" not in taken)
    earlier = members[:-1]
    docs = [*(rec.documents(con, earlier)[d] for d in earlier), new.doc]
    by_doc = rec.mentions_of(con, earlier) | {new.doc.id: new.mentions}
    vecs = _lead_vectors(con, earlier, new.lead)
    g = list(range(len(members)))
    central = max(g, key=lambda i: (float(np.sum(vecs[g] @ vecs[i])), -i))
    when = parts_of_event.when(docs, by_doc)
    places = parts_of_event.Places(entities_of(con, members, canon))
    label = parts_of_event.label(docs[central], when, parts_of_event.where(members, places))
    return Event(event_id, label, tuple(members), when)
