"""The timeline: the story's events in date order, their key figures, each figure's history,
and everything the record dates drawn on a proportional time axis (inline SVG).

The page, top to bottom:

1. the story, day by day: the events and what is dated close to them (a day a
   dot, a month a month-wide bar), on one scale (``timeaxis``);
2. the background: what is dated before or after, on an axis of its own whose
   long empty stretches are cut out and marked; a band shows where the story is;
3. the events in date order, each with its date at its precision, its key
   figures (the facts most reports state, conflicts marked with each side's
   figure) and the figures the record follows over time (``reconcile.series``),
   each drawn as a small chart on a proportional time axis;
4. every dated fact in date order, paginated: the charts as a list.

Labels say what is dated: an event by its label, a figure by its label and
value, a date by the words of the report that state it ("The Lirio Star was
built in 1989": ``gist``), since a date fact's label ("Date: built The Lirio
Star") is a slot name, not a sentence; the record's label heads its tooltip and
its row in the list. Every string goes through the template's autoescaping like
the rest of a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..models import STATUSES, Fact, Mention
from ..reconcile.series import Series
from ..reconcile.sides import sides
from ..report.render import format_value
from . import urls
from .common import Page, Request, paginate
from .site import Site
from .timeaxis import Axis, When, build_axis, parse_when

__all__ = ["Chart", "Item", "When", "charts", "collect", "focus", "parse_when", "timeline"]

WIDTH = 1100  # the charts' user units; they scale to the page width
PAD = 16
LANE = 24
GROUP_HEAD = 22
AXIS_ROOM = 46  # below the axis: tick labels, then the breaks' labels
CHAR = 6.4  # estimated width of one label character at the chart's font size
LABEL_CHARS = 52
MIN_BAR = 3.0  # a month or a year narrower than this is still drawn this wide
PAGE_SIZE = 60  # dated facts listed per page
CHART_MAX = 60  # marks drawn in one chart: the events, then the facts most reports state
KEY_FIGURES = 5
NEAR = timedelta(days=31)  # a dated thing this close to the story's days is part of the story
SERIES_W, SERIES_H, SERIES_LEFT, SERIES_TOP = 540, 160, 58, 26
SERIES_LABEL = 48  # value labels closer than this are stacked
STATUS_RANK = {s: k for k, s in enumerate(STATUSES)}
GROUPS = (
    ("Events", ("event",)),
    ("Dates stated", ("date",)),
    ("Figures stated for a date", ("as-of",)),
)


@dataclass(frozen=True, slots=True)
class Item:
    """One dated thing: an event, a date fact (every date its reports state), or a figure
    stated for a date (``as-of``)."""

    kind: str  # "event", "date" or "as-of"
    id: str
    label: str
    href: str
    status: str | None
    whens: tuple[When, ...]
    n_reports: int
    said: str = ""  # a sentence stating it, for the tooltip
    short: str = ""  # its label on a chart, when not ``label``: the words that state a date

    @property
    def start(self) -> date:
        return min(w.start for w in self.whens)

    @property
    def end(self) -> date:
        return max(w.end for w in self.whens)


def collect(site: Site) -> list[Item]:
    """Every event with a date and every dated fact, earliest first, events first on a day."""
    items = [
        Item("event", e.id, e.label, urls.event(e.id), None, (w,), len(e.documents))
        for e in site.record.events
        if (w := parse_when(e.when))
    ]
    items += [item for f in site.record.facts if (item := _fact_item(site, f))]
    return sorted(items, key=lambda i: (i.start, i.kind != "event", -i.n_reports, i.label))


def _fact_item(site: Site, fact: Fact) -> Item | None:
    """A date fact at the dates its mentions state; another fact at the date it is stated for."""
    short = ""
    if fact.kind == "date":
        values = [m.value for m in fact.mentions] or [fact.value]
        label, kind = fact.label, "date"
        short = next((f"“{g}”" for m in fact.mentions if (g := gist(m))), "")
    else:
        values = [m.time for m in fact.mentions if m.time]
        label, kind = f"{fact.label}: {format_value(fact.value, fact.unit)}", "as-of"
    whens = {w.text: w for v in values if (w := parse_when(v))}
    if not whens:
        return None
    ordered = tuple(sorted(whens.values(), key=lambda w: (w.start, w.end)))
    said = fact.mentions[0].sentence if fact.mentions else ""
    n = len(site.fact_docs.get(fact.id, ()))
    return Item(kind, fact.id, label, urls.fact(fact.id), fact.status, ordered, n, said, short)


CLAUSE = re.compile(r"[,;:](?=\s)|[()\[\]\"“”|—–]|\s-\s")  # not the comma of 38,500
GIST_WORDS = 6


def gist(m: Mention) -> str | None:
    """The words of the report that state a date: its clause up to the date ("The Lirio Star
    was built in 1989"), and a few words after it when the date opens the sentence ("In
    March, the authority warned Halvane…"). None when the mention is not in its sentence."""
    at = m.start - m.sent_start
    if m.sentence[at : at + len(m.text)] != m.text:
        at = m.sentence.find(m.text)
    if at < 0 or not m.text:
        return None
    head = m.sentence[:at]
    cut = max((b.end() for b in CLAUSE.finditer(head)), default=0)
    words = head[cut:].split()
    lead = ("…" if len(words) > GIST_WORDS else "") + " ".join(words[-GIST_WORDS:])
    tail = ""
    if cut == 0 and len(words) <= 2:
        rest = m.sentence[at + len(m.text) :]
        body = rest.lstrip(" ,;:")
        clause = CLAUSE.split(body)[0].split()
        if clause:
            more = "…" if len(clause) > GIST_WORDS else ""
            tail = (
                rest[: len(rest) - len(body)].rstrip() + " " + " ".join(clause[:GIST_WORDS]) + more
            )
    if not lead.strip("…") and not tail:
        return None  # the date alone (a dateline) says no more than the axis does
    return f"{lead} {m.text}{tail}".strip().rstrip(".")


def focus(items: list[Item]) -> tuple[date, date] | None:
    """The story's days: from its first event to its last, widened to take in what is dated
    to a month or less within ``NEAR`` of them. None when no event has a date."""
    events = [i for i in items if i.kind == "event"]
    if not events:
        return None
    lo, hi = min(i.start for i in events), max(i.end for i in events)
    fine = [i for i in items if i.kind != "event" and (i.end - i.start) <= NEAR]
    for i in sorted(fine, key=lambda i: i.start):  # later, while each is near the last
        if i.start > hi + NEAR:
            break
        hi = max(hi, i.end)
    for i in sorted(fine, key=lambda i: i.end, reverse=True):  # earlier, likewise
        if i.end < lo - NEAR:
            break
        lo = min(lo, i.start)
    return lo, hi


# ---------------------------------------------------------------------------
# charts


Dot = tuple[float, When]  # x, and the day it stands for
Bar = tuple[float, float, When]  # x from, x to, and the month or year it stands for


@dataclass(frozen=True, slots=True)
class Mark:
    """One item as drawn: dots and bars on its lane, a joining line, a label, a tooltip."""

    item: Item
    y: float
    dots: tuple[Dot, ...]
    bars: tuple[Bar, ...]
    join: tuple[float, float] | None
    label: str
    label_x: float
    anchor: str  # "start" or "end"
    title: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the template draws for one chart."""

    name: str  # "story" or "background"
    title: str
    width: int
    height: int
    axis: Axis
    marks: list[Mark]
    groups: list[tuple[float, str]]
    axis_y: float
    band: tuple[float, float, str] | None  # where the story is, on the background chart
    drawn: int
    total: int


def charts(items: list[Item]) -> list[Chart]:
    """The story's chart and the background's: each item in the one that holds all its dates."""
    window = focus(items)
    if window is None:
        return [_chart("background", "Everything dated", items, None, [])] if items else []
    lo, hi = window
    inside = [i for i in items if lo <= i.start and i.end <= hi]
    outside = [i for i in items if not (lo <= i.start and i.end <= hi)]
    title = f"The story, {_period(lo, hi)}"
    ends = [When("story", lo, lo), When("story", hi, hi)]  # the axis runs from end to end
    out = [_chart("story", title, inside, None, ends)]
    if outside:
        span = When("story", lo, hi)
        out.append(_chart("background", "Before and after the story", outside, span, [span]))
    return out


def _period(lo: date, hi: date) -> str:
    a, b = When("", lo, lo).label, When("", hi, hi).label
    return a if a == b else f"{a} to {b}"


def _chart(name: str, title: str, items: list[Item], story: When | None, also: list[When]) -> Chart:
    """Items on lanes, grouped by kind, over an axis holding their dates and those ``also``
    given; ``story`` is marked as a band (on the background chart)."""
    chosen = _most_stated(items)
    whens = [w for i in chosen for w in i.whens] + also
    axis = build_axis(whens, PAD, WIDTH - PAD)
    y, marks, groups = 0.0, [], []
    for head, kinds in GROUPS:
        group = [_mark(axis, i) for i in chosen if i.kind in kinds]
        if group:
            groups.append((y + 15, head))
            placed, y = _lanes(group, y + GROUP_HEAD)
            marks += placed
            y += 6
    band = None
    if story:
        a, b = axis.span(story)
        band = (a, max(b, a + MIN_BAR), "the story (above)")
    return Chart(
        name,
        title,
        WIDTH,
        int(y + AXIS_ROOM),
        axis,
        marks,
        groups,
        y + 4,
        band,
        len(chosen),
        len(items),
    )


def _most_stated(items: list[Item]) -> list[Item]:
    """At most ``CHART_MAX`` items, in date order: every event first, then the facts most
    reports state, conflicts first among equals."""
    if len(items) <= CHART_MAX:
        return items
    rank = sorted(
        items,
        key=lambda i: (i.kind != "event", -i.n_reports, STATUS_RANK.get(i.status or "", 9)),
    )
    kept = {id(i) for i in rank[:CHART_MAX]}
    return [i for i in items if id(i) in kept]


def _shapes(axis: Axis, item: Item) -> tuple[list[Dot], list[Bar]]:
    """A dot at a day's middle; a bar over a month or a year, as wide as the days it covers."""
    dots: list[Dot] = []
    bars: list[Bar] = []
    for w in item.whens:
        a, b = axis.span(w)
        if w.precision == "day":
            dots.append((round((a + b) / 2, 1), w))
        else:
            bars.append((a, round(max(b, a + MIN_BAR), 1), w))
    return dots, bars


def _mark(axis: Axis, item: Item) -> tuple[Mark, float, float]:
    """An item's mark on lane 0, with the horizontal room it takes (shapes and label)."""
    dots, bars = _shapes(axis, item)
    points = [x for x, _ in dots] + [x for a, b, _ in bars for x in (a, b)]
    left, right = min(points) - 6, max(points) + 6
    after, before = WIDTH - 4 - (right + 2), left - 2 - 4  # room for a label either side
    label = _clip(item.short or item.label, min(LABEL_CHARS * CHAR, max(after, before)))
    width = len(label) * CHAR
    anchor, label_x = "start", right + 2
    if width > after:
        anchor, label_x = "end", left - 2
    lo, hi = (left, label_x + width) if anchor == "start" else (label_x - width, right)
    centers = sorted([x for x, _ in dots] + [(a + b) / 2 for a, b, _ in bars])
    join = (centers[0], centers[-1]) if len(centers) > 1 else None
    mark = Mark(
        item, 0, tuple(dots), tuple(bars), join, label, round(label_x, 1), anchor, _title(item)
    )
    return mark, lo, hi


def _clip(text: str, room: float) -> str:
    """``text`` cut (with an ellipsis) to the characters that fit in ``room`` units."""
    fits = max(4, int(room / CHAR))
    return text if len(text) <= fits else text[: fits - 1] + "…"


def _title(item: Item) -> str:
    """The tooltip: the whole label, the dates as stated, the status, a sentence stating it."""
    dates = " or ".join(w.label for w in item.whens)
    reports = f"{item.n_reports} report{'s' if item.n_reports != 1 else ''}"
    status = f", {item.status}" if item.status else ""
    said = f"\n“{item.said}”" if item.said else ""
    return f"{item.label}\n{dates} ({reports}{status}){said}"


def _lanes(marks: list[tuple[Mark, float, float]], top: float) -> tuple[list[Mark], float]:
    """Stack marks into lanes so that no two overlap; returns the marks and the next free y."""
    lanes: list[float] = []
    placed = []
    for mark, lo, hi in marks:
        lane = next((k for k, right in enumerate(lanes) if right + 8 < lo), len(lanes))
        if lane == len(lanes):
            lanes.append(hi)
        lanes[lane] = hi
        placed.append(replace(mark, y=top + LANE * lane + LANE / 2))
    return placed, top + LANE * max(1, len(lanes))


# ---------------------------------------------------------------------------
# events, their key figures, and figures over time


def events(site: Site) -> list[dict[str, Any]]:
    """Every event, dated ones in date order then the rest, with key figures and series."""
    by_event: dict[str | None, list[Series]] = {}
    for s in _all_series(site):
        by_event.setdefault(s.event if s.event in site.events else None, []).append(s)
    dated = sorted(
        ((w, e) for e in site.record.events if (w := parse_when(e.when))),
        key=lambda we: (we[0].start, we[0].end),
    )
    undated = [e for e in site.record.events if parse_when(e.when) is None]
    rows = []
    for when, event in [*dated, *((None, e) for e in undated)]:
        facts = site.facts_by_event.get(event.id, [])
        figures = sorted(
            (f for f in facts if f.kind != "date"),
            key=lambda f: (-len(site.fact_docs[f.id]), STATUS_RANK.get(f.status, 9), f.label),
        )
        rows.append(
            {
                "id": event.id,
                "label": event.label,
                "href": urls.event(event.id),
                "date": _date(when),
                "where": site.event_places.get(event.id),
                "n_reports": len(event.documents),
                "n_facts": len(facts),
                "n_conflicts": sum(f.status == "conflict" for f in facts),
                "figures": [_figure(site, f) for f in figures[:KEY_FIGURES]],
                "more_figures": max(0, len(figures) - KEY_FIGURES),
                "facts_href": urls.facts(event=event.id),
                "series": [series_row(s) for s in by_event.pop(event.id, [])],
            }
        )
    return rows


def _all_series(site: Site) -> list[Series]:
    """Every series of the record (``Site.series_of`` holds each once per point).

    Called from inside ``Site.memo`` builders, so it must not call ``memo`` itself (its lock
    is not reentrant)."""
    return list({id(s): s for s in site.series_of.values()}.values())


def loose_series(site: Site) -> list[dict[str, Any]]:
    """The series of no event the record has (shown after the events)."""
    return [series_row(s) for s in _all_series(site) if s.event not in site.events]


def _date(when: When | None) -> dict[str, Any] | None:
    if when is None:
        return None
    return {
        "text": when.text,
        "label": when.label,
        "precision": when.precision,
        "start": when.start.isoformat(),
        "end": when.end.isoformat(),
    }


def _figure(site: Site, fact: Fact) -> dict[str, Any]:
    """A key figure: its value, or each side's figure and source when it is in conflict."""
    stated = [
        format_value(s.value, s.unit) + (f" ({', '.join(s.sources)})" if s.sources else "")
        for s in sides(fact.mentions)
    ]
    times = sorted({w.label for m in fact.mentions if (w := parse_when(m.time))})
    series = site.series_of.get(fact.id)
    return {
        "id": fact.id,
        "label": fact.label,
        "href": urls.fact(fact.id),
        "status": fact.status,
        "display": format_value(fact.value, fact.unit),
        "stated": stated if fact.status == "conflict" else [],
        "as_of": times,
        "n_reports": len(site.fact_docs.get(fact.id, ())),
        "series": series.id if series else None,
    }


def series_row(series: Series) -> dict[str, Any]:
    """A figure's history: its points in time order, and a small chart on a proportional axis."""
    points = [(p, w) for p in series.points if (w := parse_when(p.time))]
    return {
        "id": series.id,
        "label": series.label,
        "event": series.event,
        "unit": series.unit,
        "points": [
            {
                "time": p.time,
                "date": w.label,
                "value": p.value,
                "display": format_value(p.value, series.unit),
                "fact": p.fact,
                "href": urls.fact(p.fact),
            }
            for p, w in points
        ],
    }


def series_charts(site: Site) -> dict[str, dict[str, Any]]:
    """Each series' chart geometry by series id (for the template; the JSON has the points)."""
    out = {}
    for s in _all_series(site):
        points = [(p, w) for p in s.points if (w := parse_when(p.time))]
        if chart := _series_chart(points, s.unit):
            out[s.id] = chart
    return out


def _series_chart(points: list[tuple[Any, When]], unit: str | None) -> dict[str, Any] | None:
    """Each point at its date (a dot for a day, a bar for a month or a year) and its value,
    from a zero baseline; time runs on one proportional scale, unbroken."""
    values = [p.value for p, _ in points]
    if len(points) < 2 or not all(isinstance(v, int | float) for v in values):
        return None
    axis = build_axis([w for _, w in points], SERIES_LEFT, SERIES_W - 44, max_breaks=0)
    low, high = min(0.0, *values), max(values)
    base = SERIES_H - 34
    scale = (base - SERIES_TOP) / ((high - low) or 1.0)
    drawn = []
    for (p, w), v in zip(points, values, strict=True):
        a, b = axis.span(w)
        y = round(base - (v - low) * scale, 1)
        bar = None if w.precision == "day" else (a, round(max(b, a + MIN_BAR), 1))
        drawn.append(
            {
                "x": round((a + b) / 2, 1),
                "y": y,
                "bar": bar,
                "href": urls.fact(p.fact),
                "display": format_value(v, unit),
                "date": w.label,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
            }
        )
    _place_labels(drawn)
    return {
        "width": SERIES_W,
        "height": SERIES_H,
        "base": base,
        "top": SERIES_TOP,
        "left": axis.left,
        "right": axis.right,
        "start": axis.segments[0].start.isoformat(),
        "end": axis.segments[-1].end.isoformat(),
        "ticks": axis.ticks,
        "low": format_value(low, unit),
        "high": format_value(high, unit),
        "line": " ".join(f"{d['x']},{d['y']}" for d in drawn),
        "points": drawn,
    }


def _place_labels(points: list[dict[str, Any]]) -> None:
    """Each point's value label above it; when the next point is close, to its left, and when
    the last one is, to its right, so that two figures a day apart never print over each other."""
    for k, p in enumerate(points):
        near_next = k + 1 < len(points) and points[k + 1]["x"] - p["x"] < SERIES_LABEL
        near_last = k > 0 and p["x"] - points[k - 1]["x"] < SERIES_LABEL
        if near_next and not near_last:
            p["label"] = (round(p["x"] - 8, 1), round(p["y"] + 4, 1), "end")
        elif near_last and not near_next:
            p["label"] = (round(p["x"] + 8, 1), round(p["y"] + 4, 1), "start")
        else:
            p["label"] = (p["x"], round(p["y"] - 9, 1), "middle")


# ---------------------------------------------------------------------------
# the view


def timeline(site: Site, request: Request) -> Page:
    """The events in order with their key figures and series; everything dated, charted."""
    items = site.memo("timeline", collect)
    paged = paginate(items, request, size=PAGE_SIZE)
    data = {
        "page": paged.links(request),
        "events": site.memo("timeline-events", events),
        "series": site.memo("timeline-loose-series", loose_series),
        "items": [_item_row(i) for i in paged.items],
    }
    drawn = site.memo("timeline-charts", lambda s: charts(items))
    history = site.memo("timeline-series-charts", series_charts)
    return Page("timeline.html", "Timeline", data, {"charts": drawn, "series_charts": history})


def _item_row(i: Item) -> dict[str, Any]:
    return {
        "kind": i.kind,
        "id": i.id,
        "label": i.label,
        "status": i.status,
        "dates": [w.text for w in i.whens],
        "date_labels": [w.label for w in i.whens],
        "start": i.start.isoformat(),
        "end": i.end.isoformat(),
        "n_reports": i.n_reports,
        "said": i.said,
        "href": i.href,
    }
