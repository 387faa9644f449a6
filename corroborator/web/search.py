"""Search across the record: facts, report sentences, quotes, entities, events, reports.

The index is built once per record from the ``Record`` itself: each entry is
a text folded ahead of time (``fold``: case, diacritics and hyphens dropped, so
``MS-13`` finds "MS13" and ``Vucic`` finds "Vučić"), so a query is a scan of
plain ``in`` tests (milliseconds for tens of thousands of sentences). Every word
of the query must occur; matches are marked in a snippet of the text. A quote is
found by its speaker's name too, a fact by the names of those who state it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..report.render import Node, anchor
from . import urls
from .common import Page, Request, paginate
from .site import NO_SPEAKER, Site

__all__ = ["GROUPS", "Entry", "build_index", "fold", "search", "snippet"]

GROUPS = ("facts", "sentences", "quotes", "entities", "events", "reports")
MAX_TERMS = 8
PER_GROUP = 8  # hits shown per group when no group is chosen
SNIPPET = 110  # characters of text around the first hit
HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u00ad")  # dropped: "MS-13" is "MS13"


def fold_map(text: str) -> tuple[str, list[int]]:
    """``text`` casefolded, without diacritics or hyphens, and for each of its characters
    the offset of the character of ``text`` it comes from (to mark a hit in the original)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch in HYPHENS:
            continue
        for part in unicodedata.normalize("NFKD", ch.casefold()):
            if not unicodedata.combining(part):
                out.append(part)
                where.append(i)
    return "".join(out), where


_DROP_HYPHENS = {ord(h): None for h in HYPHENS}


def fold(text: str) -> str:
    """What search compares: ``text`` casefolded, without diacritics or hyphens (the same
    as ``fold_map(text)[0]``, faster: the index folds every sentence of the record)."""
    text = text.translate(_DROP_HYPHENS).casefold()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable thing: its group, what to show, where it links, and its text."""

    group: str
    title: str
    href: str
    text: str
    lowered: str
    note: str = ""


def build_index(site: Site) -> dict[str, list[Entry]]:
    """The search entries of a record, by group."""
    record = site.record
    index: dict[str, list[Entry]] = {g: [] for g in GROUPS}

    def add(group: str, title: str, href: str, text: str, note: str = "", also: str = "") -> None:
        searched = fold(f"{text} · {also}" if also else text)
        index[group].append(Entry(group, title, href, text, searched, note))

    for f in record.facts:
        text = " · ".join(p for p in (f.label, f.subject, f.reason) if p)
        add(
            "facts",
            f.label,
            urls.fact(f.id),
            text,
            f.status,
            " · ".join(site.fact_speakers.get(f.id, ())),
        )
    for s in record.sentences:
        doc = site.docs.get(s.doc)
        if doc is not None:
            add("sentences", site.doc_short(s.doc), urls.report(s.doc), doc.text[s.start : s.end])
    for q in record.quotes:
        href = f"{urls.report(q.doc)}#{anchor('q', q.id)}"
        add("quotes", q.speaker or NO_SPEAKER, href, q.text, site.doc_short(q.doc), q.speaker or "")
    for e in record.entities:
        add(
            "entities",
            e.name,
            urls.entity(e.id),
            " · ".join(dict.fromkeys((e.name,) + e.aliases)),
            e.label,
        )
    for ev in record.events:
        add("events", ev.label, urls.event(ev.id), ev.label, ev.when or "")
    for d in record.documents:
        src = d.source
        text = " · ".join(p for p in (src.outlet, src.title, src.author, d.id) if p)
        add("reports", site.doc_label(d.id), urls.report(d.id), text, src.published or "")
    return index


def terms(query: str) -> list[str]:
    """The words of a query, folded as the index is (``fold``), at most ``MAX_TERMS``."""
    return list(dict.fromkeys(w for w in fold(query).split() if w))[:MAX_TERMS]


def matches(entries: list[Entry], words: list[str]) -> list[Entry]:
    return [e for e in entries if all(w in e.lowered for w in words)]


def snippet(text: str, words: list[str]) -> list[Node]:
    """A window of ``text`` around the first hit, every hit marked."""
    folded, where = fold_map(text)
    spans = sorted(
        (where[m.start()], where[m.end() - 1] + 1)
        for w in words
        for m in re.finditer(re.escape(w), folded)
    )
    first = spans[0][0] if spans else 0
    lo = max(0, first - SNIPPET)
    hi = min(len(text), first + SNIPPET)
    hits = [(s - lo, min(e, hi) - lo) for s, e in spans if lo <= s < hi]
    nodes = [Node(text="…")] if lo else []
    pos = 0
    for start, end in hits:
        if start < pos:
            continue
        nodes.append(Node(text=text[lo + pos : lo + start]))
        nodes.append(Node(tag="mark", cls="hit", children=[Node(text=text[lo + start : lo + end])]))
        pos = end
    nodes.append(Node(text=text[lo + pos : hi]))
    return nodes + ([Node(text="…")] if hi < len(text) else [])


def search(site: Site, request: Request, index: dict[str, list[Entry]]) -> Page:
    """Hits for ``?q=`` in every group, or every hit of one group with ``?group=``, paginated."""
    query = request.arg("q") or ""
    group = request.arg("group")
    words = terms(query)
    chosen = [group] if group in GROUPS else list(GROUPS)
    results: list[dict[str, Any]] = []
    snippets: dict[str, list[list[Node]]] = {}
    for name in chosen:
        found = matches(index[name], words) if words else []
        paged = paginate(found, request) if group else None
        shown = paged.items if paged else found[:PER_GROUP]
        hits = [{"title": e.title, "href": e.href, "text": e.text, "note": e.note} for e in shown]
        snippets[name] = [snippet(e.text, words) for e in shown]
        more = None if group else urls.with_query("/search", {"q": [query]}, group=name)
        page = paged.links(request) if paged else None
        results.append(
            {"group": name, "total": len(found), "hits": hits, "more": more, "page": page}
        )
    data = {
        "q": query,
        "terms": words,
        "group": group if group in GROUPS else None,
        "results": results,
    }
    return Page(
        "search.html", f"Search: {query}" if query else "Search", data, {"snippets": snippets}
    )
