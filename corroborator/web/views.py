"""The pages about facts: overview, fact list, fact, compare, subjects, subject.

Every view returns a ``Page`` whose ``data`` is its JSON twin. Lists are
paginated and filtered by ``FactFilter`` (``?status=&kind=&report=&speaker=
&event=&subject=``), the same filters on every page that lists facts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..models import KINDS, STATUSES, CleanDoc, Fact, Mention
from ..reconcile.series import Series
from ..record import serialise
from ..record.serialise import as_json
from ..report.render import (
    MULTI_EVENT,
    Node,
    Span,
    anchor,
    derivation_text,
    format_mention,
    format_value,
    highlight,
)
from . import urls
from .common import HTTPError, Page, Request, paginate
from .site import Site

__all__ = [
    "FactFilter",
    "compare",
    "conflict_row",
    "context_nodes",
    "derived_ref",
    "fact",
    "facts",
    "overview",
    "subject",
    "subjects",
    "support_view",
]

OVERVIEW_CONFLICTS = 25
OVERVIEW_ROWS = 20
OVERVIEW_SKIPPED = 50
COMPARE_PAGE = 30
COMPARE_MAX = 100  # rows x report columns grows fast: keep one page of the grid bounded
CONTEXT_CHARS = 360  # at most this much text either side of a sentence on a fact page


@dataclass(frozen=True, slots=True)
class FactFilter:
    """The filters every fact list understands; empty ones are ignored."""

    status: str | None = None
    kind: str | None = None
    report: str | None = None
    speaker: str | None = None
    event: str | None = None
    subject: str | None = None

    @classmethod
    def from_request(cls, request: Request) -> FactFilter:
        return cls(**{f.name: request.arg(f.name) for f in fields(cls)})

    def params(self) -> dict[str, str]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name))}

    def select(self, site: Site) -> list[Fact]:
        """The facts that pass every filter, conflicts first. An unknown status or kind is a
        400 naming the values allowed, not an empty list that reads as "no such facts"."""
        self._check("status", self.status, list(STATUSES))
        self._check("kind", self.kind, list(KINDS) + [k for k in site.kinds if k not in KINDS])
        return [f for f in self._candidates(site) if self._keeps(site, f)]

    @staticmethod
    def _check(name: str, value: str | None, allowed: list[str]) -> None:
        if value is not None and value not in allowed:
            raise HTTPError(400, f"unknown {name} {value!r}; use one of {', '.join(allowed)}")

    def _candidates(self, site: Site) -> list[Fact]:
        """Start from the narrowest index a filter allows, so a filtered page scans little."""
        if self.report is not None:
            chosen = site.facts_by_doc.get(self.report, [])
        elif self.event is not None:
            chosen = site.facts_by_event.get(self.event, [])
        elif self.subject is not None:
            chosen = site.facts_by_subject.get(self.subject, [])
        else:
            return site.facts_ranked
        rank = {s: i for i, s in enumerate(STATUSES)}
        return sorted(chosen, key=lambda f: rank.get(f.status, len(rank)))

    def _keeps(self, site: Site, fact: Fact) -> bool:
        return (
            (self.status is None or fact.status == self.status)
            and (self.kind is None or fact.kind == self.kind)
            and (self.event is None or fact.event == self.event)
            and (self.subject is None or fact.subject == self.subject)
            and (self.speaker is None or self.speaker in site.fact_speakers.get(fact.id, ()))
        )


def _filter_form(site: Site, flt: FactFilter, action: str) -> dict[str, Any]:
    """What the filter form offers: the choices and what is chosen (for the template only)."""
    return {
        "action": action,
        "chosen": flt.params(),
        "statuses": list(STATUSES),
        "kinds": [k for k in KINDS if k in site.kinds] + [k for k in site.kinds if k not in KINDS],
        "reports": [(d.id, site.doc_label(d.id)) for d in site.record.documents],
        "events": [(e.id, e.label) for e in site.record.events],
        "speakers": site.speakers,
        "subjects": sorted(site.facts_by_subject, key=str.casefold),
    }


# ---------------------------------------------------------------------------
# overview


def overview(site: Site, request: Request) -> Page:
    """The story at a glance: counts, the conflicts first, then facets, events and reports.

    A record of two or more events (``events_first``) lists its events before
    the conflicts, those with the most conflicts at the top, and names each
    conflict's event.
    """
    record = site.record
    counts = {
        "reports": len(record.documents),
        "events": len(record.events),
        "facts": len(record.facts),
        "conflicts": len(site.conflicts),
        "quotes": len(record.quotes),
        "entities": len(record.entities),
        "skipped": len(record.skipped),
    }
    data = {
        "story": record.story,
        "counts": counts,
        "events_first": len(record.events) >= MULTI_EVENT,
        "conflicts": [conflict_row(site, f) for f in site.conflicts[:OVERVIEW_CONFLICTS]],
        "more_conflicts": max(0, len(site.conflicts) - OVERVIEW_CONFLICTS),
        "by_status": _facet(site.record.facts, "status", STATUSES),
        "by_kind": _facet(site.record.facts, "kind", site.kinds),
        "events": [_event_row(site, e.id) for e in site.events_ranked[:OVERVIEW_ROWS]],
        "reports": [_report_row(site, d) for d in record.documents[:OVERVIEW_ROWS]],
        # the first few: a record of 200,000 skipped inputs made a 37 MB page; the rest are
        # in the skipped table (/table/skipped), which pages them
        "skipped": list(record.skipped[:OVERVIEW_SKIPPED]),
        "more_skipped": max(0, len(record.skipped) - OVERVIEW_SKIPPED),
    }
    return Page("overview.html", record.story or "Overview", data)


def _facet(facts: tuple[Fact, ...], name: str, order: list[str] | tuple[str, ...]) -> list[Any]:
    counts: dict[str, int] = {}
    for f in facts:
        counts[getattr(f, name)] = counts.get(getattr(f, name), 0) + 1
    return [
        {"value": v, "count": counts[v], "href": urls.facts(**{name: v})}
        for v in order
        if counts.get(v)
    ]


def conflict_row(site: Site, fact: Fact) -> dict[str, Any]:
    """A conflict as a table row: each value stated, by which reports and speakers; its event."""
    values: dict[str, dict[str, Any]] = {}
    for m in fact.mentions:
        entry = values.setdefault(
            format_mention(m), {"reports": [], "said_by": [], "texts": []}
        )
        for key, item in (("reports", site.doc_short(m.doc)), ("said_by", m.said_by)):
            if item and item not in entry[key]:
                entry[key].append(item)
        entry["texts"].append(m.text)
    stated = [{"display": k, **v} for k, v in values.items()]
    return site.fact_ref(fact) | {"values": stated, "in_event": site.event_ref(fact.event)}


def _event_row(site: Site, event_id: str) -> dict[str, Any]:
    event = site.events[event_id]
    facts = site.facts_by_event.get(event_id, [])
    return {
        "id": event.id,
        "label": event.label,
        "when": event.when,
        "where": site.event_places.get(event.id),
        "href": urls.event(event.id),
        "n_reports": len(event.documents),
        "n_facts": len(facts),
        "n_conflicts": sum(f.status == "conflict" for f in facts),
    }


def _report_row(site: Site, doc: CleanDoc) -> dict[str, Any]:
    facts = site.facts_by_doc.get(doc.id, [])
    return site.doc_ref(doc.id) | {
        "n_mentions": len(site.mentions_by_doc.get(doc.id, [])),
        "n_quotes": len(site.quotes_by_doc.get(doc.id, [])),
        "n_facts": len(facts),
        "n_conflicts": sum(f.status == "conflict" for f in facts),
    }


# ---------------------------------------------------------------------------
# facts


def facts(site: Site, request: Request) -> Page:
    """Every fact, filtered and paginated, conflicts first."""
    flt = FactFilter.from_request(request)
    paged = paginate(flt.select(site), request)
    data = {
        "filters": flt.params(),
        "page": paged.links(request),
        "facts": [site.fact_ref(f) for f in paged.items],
    }
    return Page("facts.html", "Facts", data, {"form": _filter_form(site, flt, "/facts")})


def fact(site: Site, request: Request, ident: str) -> Page:
    """One fact: every mention with its sentence shown in the context of its report."""
    found = site.facts.get(ident)
    if found is None:
        raise HTTPError(404, f"No fact {ident!r} in this record; see /facts for the list.")
    groups: dict[str, list[dict[str, Any]]] = {}
    contexts: dict[str, list[Node]] = {}
    for m in found.mentions:
        ref = site.mention_ref(m) | {"report_href": _in_report(m)}
        groups.setdefault(ref["display"], []).append(ref)
        contexts[m.id] = context_nodes(site.docs.get(m.doc), m)
    data = {
        "fact": site.fact_ref(found),
        "event": site.event_ref(found.event),
        "support": support_view(site, found),
        "values": [{"display": k, "mentions": v} for k, v in groups.items()],
        "series": series_chart(site.series_of.get(found.id), found.id),
    }
    return Page("fact.html", found.label, data, {"contexts": contexts})


def support_view(site: Site, fact: Fact) -> dict[str, Any] | None:
    """A fact's support as the record keeps it (``serialise.support``), each source's
    reports with their pages and the report each one copies, if any."""
    found = site.support.get(fact.id)
    if found is None:
        return None
    out: dict[str, Any] = as_json(serialise.support(found))
    for source in out["sources"]:
        source["reports"] = [site.doc_ref(d) | {"copies": derived_ref(site, d)}
                             for d in source["documents"]]
    return out


def derived_ref(site: Site, doc_id: str) -> dict[str, Any] | None:
    """The report ``doc_id`` copies, how much of it, and its page (None: it copies none)."""
    d = site.derived.get(doc_id)
    if d is None:
        return None
    return (as_json(serialise.derivation(d)) or {}) | {
        "source": site.doc_ref(d.source_doc), "display": derivation_text(d)}


CHART_W, CHART_H, CHART_PAD = 460, 140, 40  # the series chart's size and margin, in pixels


def series_chart(series: Series | None, current: str) -> dict[str, Any] | None:
    """A figure's history as a small line chart: each point's place, value and link; the
    fact on the page is marked. Plain SVG coordinates, drawn by the template (no script)."""
    if series is None:
        return None
    values = [float(p.value) for p in series.points if isinstance(p.value, (int, float))]
    if len(values) != len(series.points):
        return None
    low, high = min(values + [0.0]), max(values)
    span = (high - low) or 1.0
    step = (CHART_W - 2 * CHART_PAD) / max(1, len(values) - 1)
    points = []
    for k, (p, v) in enumerate(zip(series.points, values)):
        x = CHART_PAD + k * step
        y = CHART_H - CHART_PAD - (v - low) / span * (CHART_H - 2 * CHART_PAD)
        points.append({"x": round(x, 1), "y": round(y, 1), "time": p.time,
                       "display": format_value(p.value, series.unit), "href": urls.fact(p.fact),
                       "current": p.fact == current})
    return {"id": series.id, "label": series.label, "width": CHART_W, "height": CHART_H,
            "line": " ".join(f"{p['x']},{p['y']}" for p in points), "points": points}


def _in_report(m: Mention) -> str:
    return f"{urls.report(m.doc)}#{anchor('m', m.id)}"


def context_nodes(doc: CleanDoc | None, m: Mention) -> list[Node]:
    """The mention's sentence highlighted inside its paragraph, its value marked.

    Offsets are trusted only if they still point at the mention's text in the
    report; otherwise the sentence stored with the mention is shown alone.
    """
    if doc is None or doc.text[m.start : m.end] != m.text or not m.text:
        return [Node(tag="span", cls="sentence", children=_value_in(m.sentence, m.text))]
    text = doc.text
    lo = text.rfind("\n\n", 0, m.sent_start)
    hi = text.find("\n\n", m.sent_end)
    lo = max(0 if lo < 0 else lo + 2, m.sent_start - CONTEXT_CHARS)
    hi = min(len(text) if hi < 0 else hi, m.sent_end + CONTEXT_CHARS)
    spans = [
        Span(m.sent_start - lo, m.sent_end - lo, False, anchor("s", m.id), "sentence", ""),
        Span(m.start - lo, m.end - lo, True, anchor("v", m.id), "value", ""),
    ]
    paragraphs = highlight(text[lo:hi], spans)
    nodes: list[Node] = [Node(text="… ")] if lo > 0 and text[lo - 1] not in "\n" else []
    for i, paragraph in enumerate(paragraphs):
        nodes += ([Node(text="\n\n")] if i else []) + paragraph
    return nodes + ([Node(text=" …")] if hi < len(text) and text[hi] != "\n" else [])


def _value_in(sentence: str, value: str) -> list[Node]:
    at = sentence.find(value) if value else -1
    if at < 0:
        return [Node(text=sentence)]
    mark = Node(tag="mark", cls="value", children=[Node(text=value)])
    return [Node(text=sentence[:at]), mark, Node(text=sentence[at + len(value) :])]


# ---------------------------------------------------------------------------
# compare


def compare(site: Site, request: Request) -> Page:
    """Facts as rows, reports as columns: what each report says of each fact."""
    flt = FactFilter.from_request(request)
    paged = paginate(flt.select(site), request, size=COMPARE_PAGE, cap=COMPARE_MAX)
    shown = {d for f in paged.items for d in site.fact_docs.get(f.id, ())}
    columns = [d.id for d in site.record.documents if d.id in shown]
    rows = [_compare_row(site, f) for f in paged.items]
    data = {
        "filters": flt.params(),
        "page": paged.links(request),
        "reports": [site.doc_ref(d) | {"short": site.doc_short(d)} for d in columns],
        "rows": rows,
    }
    return Page(
        "compare.html", "Compare reports", data, {"form": _filter_form(site, flt, "/compare")}
    )


def _compare_row(site: Site, fact: Fact) -> dict[str, Any]:
    """One fact's cells, by report id; a cell stating another value than the fact's is marked."""
    shown = format_value(fact.value, fact.unit)
    cells: dict[str, list[dict[str, Any]]] = {}
    for m in fact.mentions:
        display = format_mention(m)
        cells.setdefault(m.doc, []).append(
            {
                "mention": m.id,
                "text": m.text,
                "display": display,
                "said_by": m.said_by,
                "hedged": m.hedged,
                "differs": fact.status == "conflict" and display != shown,
                "href": _in_report(m),
            }
        )
    return {"fact": site.fact_ref(fact), "cells": cells}


# ---------------------------------------------------------------------------
# subjects


def subjects(site: Site, request: Request) -> Page:
    """Everything the reports describe, with how many facts each has and how many conflict."""
    rows = [
        {
            "subject": name,
            "href": urls.subject(name),
            "n_facts": len(group),
            "n_conflicts": sum(f.status == "conflict" for f in group),
            "n_reports": len({d for f in group for d in site.fact_docs[f.id]}),
        }
        for name, group in site.facts_by_subject.items()
    ]
    rows.sort(key=lambda r: (-r["n_conflicts"], -r["n_facts"], r["subject"].casefold()))
    paged = paginate(rows, request)
    no_subject = len(site.record.facts) - sum(len(g) for g in site.facts_by_subject.values())
    data = {
        "page": paged.links(request),
        "subjects": paged.items,
        "facts_without_subject": no_subject,
    }
    return Page("subjects.html", "Subjects", data)


def subject(site: Site, request: Request, name: str) -> Page:
    """One thing the reports describe: its facts, their values, statuses and sources."""
    group = site.facts_by_subject.get(name)
    if group is None:
        raise HTTPError(404, f"No facts about {name!r} in this record; see /subjects.")
    flt = FactFilter.from_request(request)
    chosen = FactFilter(**(flt.params() | {"subject": name})).select(site)
    paged = paginate(chosen, request)
    entity = site.entity_for(name)
    data = {
        "subject": name,
        "entity": {"id": entity.id, "name": entity.name, "href": urls.entity(entity.id)}
        if entity
        else None,
        "n_facts": len(group),
        "page": paged.links(request),
        "facts": [_with_sources(site, f) for f in paged.items],
    }
    return Page("subject.html", name, data)


def _with_sources(site: Site, fact: Fact) -> dict[str, Any]:
    """A fact with each mention's value, report and speaker: its sources at a glance."""
    sources = [
        {
            "text": m.text,
            "display": format_mention(m),
            "report": site.doc_short(m.doc),
            "said_by": m.said_by,
            "hedged": m.hedged,
            "href": _in_report(m),
        }
        for m in fact.mentions
    ]
    return site.fact_ref(fact) | {"sources": sources}
