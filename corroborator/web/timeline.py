"""The timeline: dated facts and events drawn on a time axis, as inline SVG.

Dates in a record are ISO strings at the precision the reports give
(``2024``, ``2024-06``, ``2024-06-12``), so a date is an interval: a day is
drawn as a dot, a month or a year as a bar over the whole period. A date
fact in conflict draws every date its reports state, joined by a line.

Stories reach back: a ferry built in 1998, inspected in 2022, sunk on a
Tuesday in June 2024. One linear axis would crush the story into a pixel, so
the axis is broken into segments wherever dates are far apart; each segment
has its own scale and ticks, and its width grows with what it holds.

The SVG is built from numbers computed here; every string in it (labels,
tooltips) goes through the template's autoescaping like the rest of a page.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..models import Fact
from ..report.render import format_value
from . import urls
from .common import Page, Request, paginate
from .site import Site

__all__ = ["Chart", "When", "layout", "parse_when", "timeline"]

ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

WIDTH = 1100  # the chart's user units; it scales to the page width
PAD = 14
BREAK = 26  # room for the axis break between two segments
MIN_SEGMENT = 90
GAP = timedelta(days=14)  # dates further apart than this may go to separate segments
MAX_SEGMENTS = 5
LANE = 24
AXIS = 40
CHAR = 6.6  # estimated width of one label character at the chart's font size
LABEL_CHARS = 46
TICK_ROOM = 78  # horizontal room one tick label needs
EDGE = 30  # no tick label this close to a segment's edge, where the next segment's may be
PAGE_SIZE = 60


@dataclass(frozen=True, slots=True)
class When:
    """An ISO date at its precision, as the days it covers (``end`` inclusive)."""

    text: str
    start: date
    end: date


def parse_when(value: object) -> When | None:
    """``2024``, ``2024-06`` or ``2024-06-12`` as the days it covers; None for anything else."""
    if not isinstance(value, str) or not (m := ISO.match(value.strip())):
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        if not month:
            return When(value, date(year, 1, 1), date(year, 12, 31))
        if not day:
            last = calendar.monthrange(year, month)[1]
            return When(value, date(year, month, 1), date(year, month, last))
        return When(value, date(year, month, day), date(year, month, day))
    except ValueError:  # month 13, 30 February: a date the parser got wrong
        return None


@dataclass(frozen=True, slots=True)
class Item:
    """One thing on the timeline: an event, or a fact with the dates its reports state."""

    kind: str  # "event", "date" (a date fact) or "as-of" (a value stated for a date)
    id: str
    label: str
    href: str
    status: str | None
    whens: tuple[When, ...]

    @property
    def start(self) -> date:
        return min(w.start for w in self.whens)


def collect(site: Site) -> list[Item]:
    """Every event with a date and every dated fact, earliest first, events before facts."""
    items = [
        Item("event", e.id, e.label, urls.event(e.id), None, (w,))
        for e in site.record.events
        if (w := parse_when(e.when))
    ]
    items += [item for f in site.record.facts if (item := _fact_item(f))]
    return sorted(items, key=lambda i: (i.start, i.kind != "event"))


def _fact_item(fact: Fact) -> Item | None:
    """A date fact at the dates its mentions state; another fact at the date it is stated for."""
    if fact.kind == "date":
        values = [m.value for m in fact.mentions] or [fact.value]
        label, kind = fact.label.removeprefix("date: "), "date"
    else:
        values = [m.time for m in fact.mentions if m.time]
        label, kind = f"{fact.label}: {format_value(fact.value, fact.unit)}", "as-of"
    whens = {w.text: w for v in values if (w := parse_when(v))}
    if not whens:
        return None
    return Item(kind, fact.id, label, urls.fact(fact.id), fact.status, tuple(whens.values()))


# ---------------------------------------------------------------------------
# geometry


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time drawn with one linear scale between ``x0`` and ``x1``."""

    start: date
    end: date  # exclusive
    x0: float
    x1: float
    years: tuple[int, int]  # the first and last year of the dates in it (without padding)

    def x(self, day: date) -> float:
        span = (self.end - self.start).days
        return round(self.x0 + (self.x1 - self.x0) * (day - self.start).days / span, 1)


Bar = tuple[float, float, bool]  # x from, x to, clipped to the segment


@dataclass(frozen=True, slots=True)
class Mark:
    """One item as drawn: dots and bars on its lane, a joining line, a label, a link."""

    item: Item
    y: float
    dots: tuple[float, ...]
    bars: tuple[Bar, ...]
    join: tuple[float, float] | None
    label: str
    label_x: float
    anchor: str  # "start" or "end"
    title: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the template draws."""

    width: int
    height: int
    marks: list[Mark]
    ticks: list[tuple[float, str]]
    breaks: list[float]
    groups: list[tuple[float, str]]
    axis_y: float


def _runs(whens: list[When]) -> list[list[When]]:
    """Dates (sorted by start) in runs with no gap longer than ``GAP``."""
    runs: list[list[When]] = []
    reach = date.min  # the last day the current run covers
    for w in whens:
        if runs and w.start <= reach + GAP:
            runs[-1].append(w)
            reach = max(reach, w.end)
        else:
            runs.append([w])
            reach = w.end
    return runs


def _clusters(items: list[Item]) -> list[list[When]]:
    """The dates that set the segments, in runs, merged down to ``MAX_SEGMENTS``.

    Days set the segments. A month or a year that overlaps a run of days is
    drawn clipped to it rather than stretching it: "June 2024" must not
    squeeze the week the story happened into a quarter of its segment.
    Merging joins the two neighbouring runs holding the fewest dates, so sparse
    background years share a segment and the story's busy weeks keep their own.
    """
    whens = sorted((w for i in items for w in i.whens), key=lambda w: w.start)
    runs = _runs([w for w in whens if w.end - w.start <= GAP])
    spans = [(r[0].start, max(w.end for w in r)) for r in runs]
    loose = [w for w in whens if w.end - w.start > GAP and not _overlaps(w, spans)]
    merged: list[list[When]] = []
    for run in sorted(runs + _runs(loose), key=lambda r: r[0].start):
        if merged and run[0].start <= max(w.end for w in merged[-1]):
            merged[-1] += run  # a loose run reaching into the next run of days
        else:
            merged.append(run)
    while len(merged) > MAX_SEGMENTS:
        k = min(range(len(merged) - 1), key=lambda i: len(merged[i]) + len(merged[i + 1]))
        merged[k : k + 2] = [merged[k] + merged[k + 1]]
    return merged


def _overlaps(w: When, spans: list[tuple[date, date]]) -> bool:
    return any(w.start <= end and start <= w.end for start, end in spans)


def _segments(items: list[Item]) -> list[Segment]:
    """One segment per cluster of dates, the width shared out by how many dates each holds."""
    clusters = _clusters(items)
    total = sum(len(c) for c in clusters)
    room = WIDTH - 2 * PAD - BREAK * (len(clusters) - 1)
    spare = max(0.0, room - MIN_SEGMENT * len(clusters))
    x, out = float(PAD), []
    for cluster in clusters:
        width = min(MIN_SEGMENT, room / len(clusters)) + spare * len(cluster) / total
        start, end = min(w.start for w in cluster), max(w.end for w in cluster) + timedelta(1)
        pad = timedelta(days=max(1, (end - start).days // 25))
        years = (start.year, (end - timedelta(1)).year)
        out.append(Segment(start - pad, end + pad, x, x + width, years))
        x += width + BREAK
    return out


def _extents(segments: list[Segment], w: When) -> list[tuple[float, float, bool]]:
    """Where ``w`` falls on each segment it overlaps, and whether it was clipped there."""
    out = []
    for seg in segments:
        lo, hi = max(w.start, seg.start), min(w.end + timedelta(1), seg.end)
        if lo < hi:
            out.append((seg.x(lo), seg.x(hi), lo != w.start or hi != w.end + timedelta(1)))
    return out


def _shapes(segments: list[Segment], item: Item) -> tuple[list[float], list[Bar]]:
    """A dot for a day (or a period narrower than a few units), a bar for a month or a year."""
    dots, bars = [], []
    for w in item.whens:
        for a, b, clipped in _extents(segments, w):
            if w.start == w.end or (b - a < 6 and not clipped):
                dots.append(round((a + b) / 2, 1))
            else:
                bars.append((a, b, clipped))
    return dots, bars


def _mark(segments: list[Segment], item: Item) -> tuple[Mark, float, float]:
    """An item's mark on lane 0, with the horizontal room it takes (shapes and label)."""
    dots, bars = _shapes(segments, item)
    points = dots + [x for a, b, _ in bars for x in (a, b)]
    left, right = min(points), max(points)
    label = item.label if len(item.label) <= LABEL_CHARS else item.label[: LABEL_CHARS - 1] + "…"
    width = len(label) * CHAR
    anchor, label_x = "start", right + 7
    if label_x + width > WIDTH - PAD and left - 7 - width >= PAD:
        anchor, label_x = "end", left - 7
    lo, hi = (left, label_x + width) if anchor == "start" else (label_x - width, right)
    centers = dots + [(a + b) / 2 for a, b, _ in bars]
    join = (min(centers), max(centers)) if len(centers) > 1 else None
    dates = ", ".join(w.text for w in item.whens)
    title = f"{item.label} — {dates}" + (f" ({item.status})" if item.status else "")
    mark = Mark(item, 0, tuple(dots), tuple(bars), join, label, round(label_x, 1), anchor, title)
    return mark, lo, hi


def _lanes(marks: list[tuple[Mark, float, float]], top: float) -> tuple[list[Mark], float]:
    """Stack marks into lanes so that no two overlap; returns the marks and the next free y."""
    lanes: list[float] = []
    placed = []
    for mark, lo, hi in marks:
        lane = next((i for i, right in enumerate(lanes) if right + 10 < lo), len(lanes))
        if lane == len(lanes):
            lanes.append(hi)
        lanes[lane] = hi
        placed.append(_at(mark, top + LANE * lane + LANE / 2))
    return placed, top + LANE * max(1, len(lanes))


def _at(mark: Mark, y: float) -> Mark:
    return Mark(
        mark.item,
        y,
        mark.dots,
        mark.bars,
        mark.join,
        mark.label,
        mark.label_x,
        mark.anchor,
        mark.title,
    )


def layout(items: list[Item]) -> Chart | None:
    """The chart of ``items``: segments, lanes for events then facts, an axis at the bottom."""
    if not items:
        return None
    segments = _segments(items)
    y, marks, groups = 0.0, [], []
    for title, kinds in (("Events", ("event",)), ("Dated facts", ("date", "as-of"))):
        chosen = [_mark(segments, i) for i in items if i.kind in kinds]
        if chosen:
            groups.append((y + 14, title))
            placed, y = _lanes(chosen, y + 20)
            marks += placed
            y += 8
    ticks = [t for seg in segments for t in _ticks(seg)]
    breaks = [round(s.x1 + BREAK / 2, 1) for s in segments[:-1]]
    return Chart(WIDTH, int(y + AXIS), marks, ticks, breaks, groups, y + 6)


# ---------------------------------------------------------------------------
# ticks


def _ticks(seg: Segment) -> list[tuple[float, str]]:
    """Tick positions and labels for one segment: days, months or years, as room allows."""
    room = max(1, int((seg.x1 - seg.x0) // TICK_ROOM))
    days = (seg.end - seg.start).days
    if days <= 45:
        step = next((s for s in (1, 2, 7, 14) if days / s <= room), 31)
        first = seg.start + timedelta(1)
        dates = [first + timedelta(days=k) for k in range(0, days, step)]
        labels = [f"{d.day} {MONTHS[d.month - 1]}" for d in dates]
        labels[:1] = [f"{labels[0]} {dates[0].year}"] if dates else []
    elif days <= 3 * 366:
        step = next((s for s in (1, 2, 3, 6) if days / 30.4 / s <= room), 12)
        dates = [d for d in _month_starts(seg) if (d.month - 1) % step == 0]
        labels = [f"{MONTHS[d.month - 1]} {d.year}" for d in dates]
    else:
        step = next((s for s in (1, 2, 5, 10, 20, 50) if days / 365.25 / s <= room), 100)
        dates = [date(y, 1, 1) for y in range(seg.start.year, seg.end.year + 1) if y % step == 0]
        labels = [str(d.year) for d in dates]
    return _spaced(
        seg, [(seg.x(d), t) for d, t in zip(dates, labels, strict=True) if seg.start <= d < seg.end]
    )


def _spaced(seg: Segment, ticks: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """Ticks clear of the segment's edges and of each other; one mid label if none is left."""
    kept: list[tuple[float, str]] = []
    for x, text in ticks:
        clear = seg.x0 + EDGE <= x <= seg.x1 - EDGE
        if clear and (not kept or x - kept[-1][0] >= TICK_ROOM):
            kept.append((x, text))
    if kept:
        return kept
    first, last = seg.years
    return [(round((seg.x0 + seg.x1) / 2, 1), str(first) if first == last else f"{first}–{last}")]


def _month_starts(seg: Segment) -> list[date]:
    out, d = [], date(seg.start.year, seg.start.month, 1)
    while d < seg.end:
        out.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


# ---------------------------------------------------------------------------
# the view


def timeline(site: Site, request: Request) -> Page:
    """The dated facts and events of the record on a time axis, a page of items at a time."""
    paged = paginate(site.memo("timeline", collect), request, size=PAGE_SIZE)
    rows: list[dict[str, Any]] = [
        {
            "kind": i.kind,
            "id": i.id,
            "label": i.label,
            "status": i.status,
            "dates": [w.text for w in i.whens],
            "start": min(w.start for w in i.whens).isoformat(),
            "end": max(w.end for w in i.whens).isoformat(),
            "href": i.href,
        }
        for i in paged.items
    ]
    data = {"page": paged.links(request), "items": rows}
    return Page("timeline.html", "Timeline", data, {"chart": layout(paged.items)})
