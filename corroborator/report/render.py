"""One self-contained HTML page that a person reads to check a story.

``render_index(record)`` returns the page: a summary, the conflicts first,
then the other facts, the quotes, the events and every report with its
values highlighted in place. A record of two or more events reads event by
event: an overview of the events follows the summary (those with conflicts
first), and the conflicts and the facts are grouped under each event in that
order, the facts of no event last. Every value on the page links to where it is
stated (``#m-<mention id>``), so a reader can always check it in context.

Every report is untrusted text. The template is rendered by Jinja2 with
autoescaping always on, and this module never builds markup itself: the
highlighted report text is handed to the template as a tree of ``Node``
objects (text, or a ``mark``/``span`` with children) that the template
escapes like any other value. URLs from metadata become links only if they
are http(s). The page has inline CSS and no script: ``<details>`` collapses.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import jinja2

from ..group.event_parts import event_places
from ..models import KINDS, STATUSES, CleanDoc, Derivation, Event, Fact, Mention, Quote, Record
from ..reconcile.support import supported
from ..record.dossier import CHUNK_CHARS, buffered

__all__ = [
    "Node",
    "anchor",
    "derivation_text",
    "event_places",
    "format_mention",
    "format_value",
    "highlight",
    "index_chunks",
    "rank_events",
    "render_index",
    "safe_url",
]

TEMPLATE = "index.html"
PARAGRAPH = re.compile(r"\n\s*\n")
SAFE_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:-")
NO_SUBJECT = "(no subject)"
NO_SPEAKER = "(speaker unknown)"
NO_EVENT = "No event"
MULTI_EVENT = 2  # a record of this many events or more is shown event by event


@dataclass(slots=True)
class Node:
    """A piece of highlighted text: a text run (``tag == ""``) or an element with children."""

    text: str = ""
    tag: str = ""  # "", "mark" (a mention) or "span" (a quote)
    id: str | None = None
    cls: str = ""
    title: str | None = None
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Span:
    """A range of a report's text to highlight."""

    start: int
    end: int
    atomic: bool  # a mention: kept whole when it crosses a quote
    anchor: str
    cls: str
    title: str


def render_index(record: Record) -> str:
    """The whole page for ``record``, as one HTML string."""
    return _environment().get_template(TEMPLATE).render(page=_page(record))


def index_chunks(record: Record, chunk: int = CHUNK_CHARS) -> Iterator[str]:
    """``render_index(record)`` in pieces of about ``chunk`` characters, as the template
    produces them: a large record's page is written without ever being held whole."""
    return buffered(_environment().get_template(TEMPLATE).generate(page=_page(record)), chunk)


def render_large(counts: dict[str, int], *, story: str | None, limit: int, folder: str) -> str:
    """The page of a record of more than ``limit`` reports: its ``counts`` (reports, events,
    facts, conflicts, skipped) and how to read it."""
    page = {"counts": counts, "story": story, "limit": limit, "folder": folder}
    return _environment().get_template("large.html").render(page=page)


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("corroborator.report", "templates"),
        autoescape=True,  # always: every report, title and name is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = _plural
    return env


def _plural(n: int, word: str) -> str:
    return f"{word}" if n == 1 else f"{word}s"


# ---------------------------------------------------------------------------
# small helpers shared by the template data


def anchor(prefix: str, ident: str) -> str:
    """An HTML id for ``ident``: itself when it is plain, otherwise escaped reversibly.

    Ids land in ``id=`` and ``href="#..."``; whitespace, ``#`` or ``%`` would
    break the link, so such characters become ``_<hex>_`` (and ``_`` itself too,
    which keeps two different ids from ever sharing an anchor).
    """
    safe = "".join(c if c in SAFE_ID_CHARS else f"_{ord(c):x}_" for c in ident)
    return f"{prefix}-{safe}"


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL with a host, else None (shown as text, never linked)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts)


def format_value(value: float | str | None, unit: str | None) -> str:
    """A value as a reader expects it: ``261``, ``6,000,000 USD``, ``12.5 %``, ``2025-03-14``."""
    if value is None:
        text = "unresolved"
    elif isinstance(value, str):
        text = value
    elif float(value).is_integer() and abs(value) < 1e15:
        text = f"{int(value):,}"
    else:
        text = f"{value:,.6g}"
    return f"{text} {unit}" if unit else text


def format_mention(m: Mention) -> str:
    """A mention's value as its report states it: the figure, or, for a quantity stated
    without one ("hundreds", "tens of thousands"), its words: never a made-up figure."""
    if m.value is None and m.kind != "date" and m.text:
        return m.text
    return format_value(m.value, m.unit)


def _doc_label(doc: CleanDoc | None, doc_id: str) -> str:
    """How a report is named on the page: outlet and title, or whatever is known."""
    if doc is None:
        return doc_id
    parts = [p for p in (doc.source.outlet, doc.source.title) if p]
    return " — ".join(parts) if parts else doc_id


# ---------------------------------------------------------------------------
# highlighting: offsets into CleanDoc.text -> a tree of nodes


def highlight(text: str, spans: Sequence[Span], opened: set[str] | None = None) -> list[list[Node]]:
    """The paragraphs of ``text`` as node trees, every span highlighted.

    Spans may nest (a mention inside a quote) or cross (a quote ending inside
    a mention, a span running over a paragraph break). A span that cannot be
    one element is split into several; only the first fragment carries its
    anchor id, recorded in ``opened`` so the caller knows which anchors exist.
    """
    opened = set() if opened is None else opened
    paragraphs = []
    for lo, hi in _paragraph_bounds(text):
        inside = [s for s in spans if s.start < hi and s.end > lo and s.start < s.end]
        paragraphs.append(_highlight_range(text, inside, lo, hi, opened))
    return paragraphs


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text between blank lines."""
    bounds, lo = [], 0
    for gap in PARAGRAPH.finditer(text):
        if gap.start() > lo:
            bounds.append((lo, gap.start()))
        lo = gap.end()
    if lo < len(text) or not bounds:
        bounds.append((lo, len(text)))
    return bounds


def _highlight_range(
    text: str, spans: list[Span], lo: int, hi: int, opened: set[str]
) -> list[Node]:
    """One paragraph: walk the pieces between span edges, keeping a stack of open elements."""
    root: list[Node] = []
    stack: list[tuple[Span, Node]] = []
    edges = sorted({lo, hi} | {min(max(x, lo), hi) for s in spans for x in (s.start, s.end)})
    for a, b in itertools.pairwise(edges):
        active = _outer_first([s for s in spans if s.start <= a and s.end >= b])
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep][0] is active[keep]:
            keep += 1
        del stack[keep:]
        for span in active[keep:]:
            node = _open(span, opened)
            (stack[-1][1].children if stack else root).append(node)
            stack.append((span, node))
        (stack[-1][1].children if stack else root).append(Node(text=text[a:b]))
    return root


def _open(span: Span, opened: set[str]) -> Node:
    """An element for ``span``; the anchor id goes on its first fragment only."""
    first = span.anchor not in opened
    opened.add(span.anchor)
    tag = "mark" if span.atomic else "span"
    cls = span.cls if first else f"{span.cls} continued"
    return Node(tag=tag, id=span.anchor if first else None, cls=cls, title=span.title)


def _outer_first(active: list[Span]) -> list[Span]:
    """Order the spans covering a piece from outermost to innermost.

    A span containing another is outside it; when a mention and a quote
    cross, the mention is outside, so it stays one element and the quote is
    split instead; otherwise the earlier span is outside. The order of two
    spans never changes between pieces, so nothing is split needlessly.
    """

    def compare(x: Span, y: Span) -> int:
        x_in_y = y.start <= x.start and x.end <= y.end
        y_in_x = x.start <= y.start and y.end <= x.end
        if x_in_y != y_in_x:
            return -1 if y_in_x else 1
        if x.atomic != y.atomic:  # equal extent: quote outside; crossing: mention outside
            return (-1 if x.atomic else 1) * (-1 if x_in_y else 1)
        return -1 if (x.start, -x.end, x.anchor) < (y.start, -y.end, y.anchor) else 1

    return sorted(active, key=functools.cmp_to_key(compare))


def _sentence_nodes(m: Mention) -> list[Node]:
    """The mention's sentence with its value marked, found by offsets or, failing that, by text."""
    rel = m.start - m.sent_start
    if m.sentence[rel : rel + len(m.text)] != m.text:
        rel = m.sentence.find(m.text)
    if rel < 0 or not m.text:
        return [Node(text=m.sentence)]
    end = rel + len(m.text)
    mark = Node(tag="mark", cls="value", children=[Node(text=m.text)])
    return [Node(text=m.sentence[:rel]), mark, Node(text=m.sentence[end:])]


# ---------------------------------------------------------------------------
# the page's data, section by section


@dataclass(frozen=True, slots=True)
class Claimed:
    """One mention as shown in a fact: where, by whom, in which sentence, and a link."""

    mention: Mention
    doc: str
    url: str | None
    sentence: list[Node]
    link: str | None


@dataclass(frozen=True, slots=True)
class Column:
    """All mentions of a conflict fact that state one value."""

    value: str
    claims: list[Claimed]


@dataclass(frozen=True, slots=True)
class FactView:
    fact: Fact
    anchor: str
    value: str
    columns: list[Column]
    n_documents: int
    support: str  # "3 outlets, 1 independent source (LPA wire)"


@dataclass(frozen=True, slots=True)
class ReportView:
    doc: CleanDoc
    anchor: str
    url: str | None
    paragraphs: list[list[Node]]
    # the report it copies (anchor, label) and how: "reprint, 92% of its words"
    derived_from: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One event of a multi-event page, with its conflicts and its other facts.

    ``event`` is None for the group of facts that belong to no event (or to an
    event the record lacks). Each group has two anchors, one over its conflicts
    and one over its other facts; ``anchor`` is its entry in the Events list.
    """

    event: Event | None
    label: str
    when: str | None
    place: str | None
    anchor: str | None
    conflicts_anchor: str
    facts_anchor: str
    n_reports: int
    n_facts: int
    conflicts: list[FactView]
    facts: list[tuple[str, list[tuple[str, list[FactView]]]]]  # by status, then subject

    @property
    def href(self) -> str | None:
        """Where the overview sends a reader: the conflicts, else the facts, else the reports."""
        if self.conflicts:
            return self.conflicts_anchor
        return self.facts_anchor if self.facts else self.anchor


def _page(record: Record) -> dict[str, object]:
    """Everything the template shows, computed once, in the order it is shown. Support and
    derivations are the record's (the support stage's)."""
    record = supported(record)
    docs = {d.id: d for d in record.documents}
    derived = {d.doc: d for d in record.derivations or ()}
    support = {s.fact: s.summary for s in record.support or ()}
    fact_of = _fact_of(record.facts)
    opened: set[str] = set()
    mentions: dict[str, list[Mention]] = {}
    for m in record.mentions:
        mentions.setdefault(m.doc, []).append(m)
    quotes: dict[str, list[Quote]] = {}
    for q in record.quotes:
        quotes.setdefault(q.doc, []).append(q)
    reports = [_report(d, mentions.get(d.id, []), quotes.get(d.id, []), fact_of, opened,
                       _derived(derived.get(d.id), docs)) for d in record.documents]
    facts = [_fact_view(f, docs, opened, support.get(f.id, "")) for f in record.facts]
    return {
        "story": record.story,
        "counts": _counts(record),
        "skipped": record.skipped,
        "by_event": _by_event(record, facts) if len(record.events) >= MULTI_EVENT else [],
        "conflicts": [v for v in facts if v.fact.status == "conflict"],
        "facts": _facts_by_status(facts),
        "quotes": _quotes_by_speaker(record.quotes, docs, opened),
        "events": [(e, anchor("event", e.id), _event_documents(e, docs)) for e in record.events],
        "reports": reports,
    }


def _by_event(record: Record, facts: list[FactView]) -> list[EventGroup]:
    """Facts grouped by event, in the order of ``rank_events``; the facts of no event last."""
    known = {e.id for e in record.events}
    views: dict[str | None, list[FactView]] = {}
    for view in facts:
        views.setdefault(view.fact.event if view.fact.event in known else None, []).append(view)
    places = event_places(record.events, record.entities)
    conflicts = Counter(v.fact.event for v in facts if v.fact.status == "conflict")
    groups = [
        _event_group(e, views.get(e.id, []), places.get(e.id))
        for e in rank_events(record.events, conflicts)
    ]
    if None in views:
        groups.append(_event_group(None, views[None], None))
    return groups


def _event_group(event: Event | None, views: list[FactView], place: str | None) -> EventGroup:
    conflicts = [v for v in views if v.fact.status == "conflict"]
    by_status = [(s, groups) for s, groups in _facts_by_status(views) if groups]
    ids: tuple[str | None, str, str]
    if event is None:
        n_reports = len({m.doc for v in views for m in v.fact.mentions})
        ids = (None, "no-event-conflicts", "no-event-facts")  # no other id starts "no-"
    else:
        n_reports = len(event.documents)
        ids = (anchor("event", event.id), anchor("conflicts", event.id), anchor("facts", event.id))
    return EventGroup(
        event=event,
        label=event.label if event else NO_EVENT,
        when=event.when if event else None,
        place=place,
        anchor=ids[0],
        conflicts_anchor=ids[1],
        facts_anchor=ids[2],
        n_reports=n_reports,
        n_facts=len(views),
        conflicts=conflicts,
        facts=by_status,
    )


def rank_events(events: Iterable[Event], conflicts: Mapping[str | None, int]) -> list[Event]:
    """Events with the most conflicts (``conflicts`` by event id) first, else in record order."""
    return sorted(events, key=lambda e: -conflicts.get(e.id, 0))


def _event_documents(event: Event, docs: dict[str, CleanDoc]) -> list[tuple[str | None, str]]:
    """(anchor, label) of each report of an event; no anchor for a report the record lacks."""
    return [
        (anchor("doc", d) if d in docs else None, _doc_label(docs.get(d), d))
        for d in event.documents
    ]


def _counts(record: Record) -> dict[str, int]:
    return {
        "reports": len(record.documents),
        "events": len(record.events),
        "facts": len(record.facts),
        "conflicts": sum(f.status == "conflict" for f in record.facts),
        "skipped": len(record.skipped),
    }


def _fact_of(facts: Iterable[Fact]) -> dict[str, Fact]:
    """The fact each mention belongs to (the first, if a mention were cited twice)."""
    out: dict[str, Fact] = {}
    for fact in facts:
        for m in fact.mentions:
            out.setdefault(m.id, fact)
    return out


def _fact_view(fact: Fact, docs: dict[str, CleanDoc], opened: set[str], support: str
               ) -> FactView:
    """A fact with its mentions grouped by the value they state, in order of first mention."""
    columns: dict[str, list[Claimed]] = {}
    for m in fact.mentions:
        doc = docs.get(m.doc)
        link = anchor("m", m.id)
        claim = Claimed(
            mention=m,
            doc=_doc_label(doc, m.doc),
            url=safe_url(doc.source.url) if doc else None,
            sentence=_sentence_nodes(m),
            link=link if link in opened else None,
        )
        columns.setdefault(format_mention(m), []).append(claim)
    return FactView(
        fact=fact,
        anchor=anchor("fact", fact.id),
        value=format_value(fact.value, fact.unit),
        columns=[Column(v, c) for v, c in columns.items()],
        n_documents=len({m.doc for m in fact.mentions}),
        support=support,
    )


def _facts_by_status(facts: list[FactView]) -> list[tuple[str, list[tuple[str, list[FactView]]]]]:
    """Agreed facts, then single-source ones, each grouped by subject in order of appearance."""
    out = []
    for status in ("agreed", "single"):
        groups: dict[str, list[FactView]] = {}
        for view in facts:
            if view.fact.status == status:
                groups.setdefault(view.fact.subject or NO_SUBJECT, []).append(view)
        out.append((status, list(groups.items())))
    return out


def _quotes_by_speaker(
    quotes: Iterable[Quote], docs: dict[str, CleanDoc], opened: set[str]
) -> list[tuple[str, list[tuple[Quote, str, str | None]]]]:
    """Quotes grouped by who spoke them: (quote, report label, link or None)."""
    groups: dict[str, list[tuple[Quote, str, str | None]]] = {}
    for q in quotes:
        link = anchor("q", q.id)
        entry = (q, _doc_label(docs.get(q.doc), q.doc), link if link in opened else None)
        groups.setdefault(q.speaker or NO_SPEAKER, []).append(entry)
    return list(groups.items())


def _report(doc: CleanDoc, mentions: Sequence[Mention], quotes: Sequence[Quote],
            fact_of: dict[str, Fact], opened: set[str],
            derived_from: tuple[str, str, str] | None = None) -> ReportView:
    """A report's metadata and its text with every mention and quote highlighted."""
    spans = [quote_span(q) for q in quotes]
    spans += [mention_span(m, fact_of.get(m.id)) for m in mentions]
    return ReportView(
        doc=doc,
        anchor=anchor("doc", doc.id),
        url=safe_url(doc.source.url),
        paragraphs=highlight(doc.text, spans, opened),
        derived_from=derived_from,
    )


def derivation_text(d: Derivation) -> str:
    """"reprint, 92% of its words copied"; "partial copy, 41% of its words copied"."""
    kind = "reprint" if d.kind == "reprint" else "partial copy"
    return f"{kind}, {round(d.share * 100)}% of its words copied"


def _derived(d: Derivation | None, docs: Mapping[str, CleanDoc]
             ) -> tuple[str, str, str] | None:
    """(anchor, label, how) of the report ``d`` says a report copies."""
    if d is None:
        return None
    return anchor("doc", d.source_doc), _doc_label(docs.get(d.source_doc), d.source_doc), \
        derivation_text(d)


def quote_span(q: Quote) -> Span:
    said = f"quote: {q.speaker}" if q.speaker else "quote, speaker unknown"
    return Span(q.start, q.end, atomic=False, anchor=anchor("q", q.id), cls="quote", title=said)


def mention_span(m: Mention, fact: Fact | None) -> Span:
    """A mention's highlight: its kind and status as classes, its reading as a tooltip."""
    kind = m.kind if m.kind in KINDS else "other"
    cls = f"mention kind-{kind}"
    title = f"{kind}: {format_mention(m)}"
    if fact is not None:
        cls += f" status-{fact.status}" if fact.status in STATUSES else ""
        title += f" · fact: {fact.label} ({fact.status})"
    else:
        title += " · in no fact"
    if m.hedged:
        cls += " hedged"
        title += f" · hedged ({m.hedge_cue})" if m.hedge_cue else " · hedged"
    if m.said_by:
        title += f" · said by {m.said_by}"
    return Span(m.start, m.end, atomic=True, anchor=anchor("m", m.id), cls=cls, title=title)
