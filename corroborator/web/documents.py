"""The pages about sources: reports, a report's text, quotes, entities, events.

The report page reuses the static report's highlighter
(``report.render.highlight``): the cleaned text becomes a tree of nodes that
the template escapes like any other value, so a report's own markup can only
ever be shown as text. Each mention in it links back to its fact.
"""

from __future__ import annotations

from typing import Any

from ..models import Quote
from ..report.render import anchor, derivation_text, highlight, mention_span, quote_span
from . import urls
from .common import HTTPError, Page, Request, paginate
from .site import NO_SPEAKER, Site
from .views import OVERVIEW_CONFLICTS, FactFilter, conflict_row, derived_ref

__all__ = ["entities", "entity", "event", "events", "quotes", "report", "reports"]

SPEAKERS_LISTED = 60


# ---------------------------------------------------------------------------
# reports


def reports(site: Site, request: Request) -> Page:
    """Every report with what the record found in it."""
    paged = paginate(site.record.documents, request)
    rows = [_report_summary(site, d.id) for d in paged.items]
    return Page("reports.html", "Reports", {"page": paged.links(request), "reports": rows})


def _report_summary(site: Site, doc_id: str) -> dict[str, Any]:
    facts = site.facts_by_doc.get(doc_id, [])
    return site.doc_ref(doc_id) | {
        "n_mentions": len(site.mentions_by_doc.get(doc_id, [])),
        "n_quotes": len(site.quotes_by_doc.get(doc_id, [])),
        "n_facts": len(facts),
        "n_conflicts": sum(f.status == "conflict" for f in facts),
        "events": [
            {"id": e.id, "label": e.label, "href": urls.event(e.id)}
            for e in site.events_of_doc.get(doc_id, [])
        ],
    }


def report(site: Site, request: Request, ident: str) -> Page:
    """One report: metadata, the cleaned text highlighted, the clutter removed from it."""
    doc = site.docs.get(ident)
    if doc is None:
        raise HTTPError(404, f"No report {ident!r} in this record; see /reports for the list.")
    mentions = site.mentions_by_doc.get(ident, [])
    quotes = site.quotes_by_doc.get(ident, [])
    spans = [quote_span(q) for q in quotes]
    spans += [mention_span(m, site.fact_of.get(m.id)) for m in mentions]
    links: dict[str, dict[str, str | None]] = {}
    for m in mentions:
        if (f := site.fact_of.get(m.id)) is not None:
            links[anchor("m", m.id)] = {"href": f"{urls.fact(f.id)}#{anchor('st', m.id)}"}
    for q in quotes:
        speaker = q.speaker or NO_SPEAKER
        links[anchor("q", q.id)] = {"href": urls.quotes(speaker=speaker), "label": speaker}
    raw = doc.raw
    data = _report_summary(site, ident) | {
        "author": doc.source.author,
        "language": doc.source.language,
        "path": raw.path,
        "format": raw.format,
        "sha256": raw.sha256,
        "text": doc.text,
        "mentions": [site.mention_ref(m) for m in mentions],
        "quotes": [site.quote_ref(q) for q in quotes],
        "removed": list(doc.removed),
        "copies": derived_ref(site, ident),
        "copied_by": [site.doc_ref(d.doc) | {"display": derivation_text(d)}
                      for d in site.copied_by.get(ident, [])],
        "facts": [site.fact_ref(f) for f in FactFilter(report=ident).select(site)],
    }
    html = {"paragraphs": highlight(doc.text, spans), "links": links}
    return Page("report.html", doc.source.title or ident, data, html)


# ---------------------------------------------------------------------------
# quotes


def quotes(site: Site, request: Request) -> Page:
    """Quotes grouped by speaker, filtered by ``?speaker=`` and ``?report=``."""
    speaker, doc = request.arg("speaker"), request.arg("report")
    chosen = site.quotes_by_speaker.get(speaker, []) if speaker else list(site.record.quotes)
    if doc:
        chosen = [q for q in chosen if q.doc == doc]
    chosen = sorted(chosen, key=lambda q: (q.speaker is None, (q.speaker or "").casefold()))
    paged = paginate(chosen, request)
    speakers = sorted(site.quotes_by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    data = {
        "filters": {k: v for k, v in (("speaker", speaker), ("report", doc)) if v},
        "page": paged.links(request),
        "quotes": [site.quote_ref(q) | {"href": _quote_in_report(q)} for q in paged.items],
        "speakers": [
            {"speaker": name, "n_quotes": len(qs), "href": urls.quotes(speaker=name)}
            for name, qs in speakers[:SPEAKERS_LISTED]
        ],
        "n_speakers": len(speakers),
    }
    reports = [(d.id, site.doc_label(d.id)) for d in site.record.documents]
    return Page("quotes.html", "Quotes", data, {"reports": reports})


def _quote_in_report(q: Quote) -> str:
    return f"{urls.report(q.doc)}#{anchor('q', q.id)}"


# ---------------------------------------------------------------------------
# entities


def entities(site: Site, request: Request) -> Page:
    """Named things, most widely reported first, filtered by ``?label=``."""
    label = request.arg("label")
    chosen = [e for e in site.record.entities if label is None or e.label == label]
    chosen.sort(key=lambda e: (-len(e.docs), e.name.casefold()))
    paged = paginate(chosen, request)
    rows = [
        {
            "id": e.id,
            "name": e.name,
            "label": e.label,
            "aliases": list(e.aliases),
            "n_reports": len(e.docs),
            "n_facts": len(site.facts_by_entity.get(e.id, [])),
            "href": urls.entity(e.id),
        }
        for e in paged.items
    ]
    labels = sorted({e.label for e in site.record.entities})
    data = {
        "filters": {"label": label} if label else {},
        "page": paged.links(request),
        "entities": rows,
    }
    return Page("entities.html", "Entities", data, {"labels": labels})


def entity(site: Site, request: Request, ident: str) -> Page:
    """One named thing: the reports and facts that mention it, and what it is quoted saying."""
    found = site.entities.get(ident)
    if found is None:
        raise HTTPError(404, f"No entity {ident!r} in this record; see /entities.")
    paged = paginate(site.facts_by_entity.get(ident, []), request)
    said = site.quotes_by_speaker.get(found.name, [])
    data = {
        "entity": found,
        "reports": [site.doc_ref(d) for d in found.docs],
        "page": paged.links(request),
        "facts": [site.fact_ref(f) for f in paged.items],
        "quotes": [site.quote_ref(q) | {"href": _quote_in_report(q)} for q in said[:20]],
        "n_quotes": len(said),
        "quotes_href": urls.quotes(speaker=found.name) if said else None,
        "subject_href": urls.subject(found.name) if found.name in site.facts_by_subject else None,
    }
    return Page("entity.html", found.name, data)


# ---------------------------------------------------------------------------
# events


def events(site: Site, request: Request) -> Page:
    """Real-world events and the reports that describe each."""
    paged = paginate(site.record.events, request)
    rows = []
    for e in paged.items:
        facts = site.facts_by_event.get(e.id, [])
        rows.append(
            {
                "id": e.id,
                "label": e.label,
                "when": e.when,
                "href": urls.event(e.id),
                "reports": [site.doc_ref(d) for d in e.documents],
                "n_facts": len(facts),
                "n_conflicts": sum(f.status == "conflict" for f in facts),
            }
        )
    return Page("events.html", "Events", {"page": paged.links(request), "events": rows})


def event(site: Site, request: Request, ident: str) -> Page:
    """One event: when and where, its conflicts, its reports, and its facts, conflicts first."""
    found = site.events.get(ident)
    if found is None:
        raise HTTPError(404, f"No event {ident!r} in this record; see /events.")
    facts = site.facts_by_event.get(ident, [])
    conflicts = [f for f in facts if f.status == "conflict"]
    paged = paginate(FactFilter(event=ident).select(site), request)
    data = {
        "event": found,
        "where": site.event_places.get(ident),
        "counts": {
            "reports": len(found.documents),
            "facts": len(facts),
            "conflicts": len(conflicts),
        },
        "conflicts": [conflict_row(site, f) for f in conflicts[:OVERVIEW_CONFLICTS]],
        "more_conflicts": max(0, len(conflicts) - OVERVIEW_CONFLICTS),
        "conflicts_href": urls.facts(event=ident, status="conflict"),
        "reports": [site.doc_ref(d) for d in found.documents],
        "page": paged.links(request),
        "facts": [site.fact_ref(f) for f in paged.items],
        "facts_href": urls.facts(event=ident),
    }
    return Page("event.html", found.label, data)
