"""A proportional time axis for the timeline's charts: dates at their precision, one scale.

Dates in a record are ISO strings at the precision the reports give (``2024``,
``2024-06``, ``2024-06-12``), so a date is the interval of days it covers: a
day is drawn as a point, a month as a month-wide span, a year as a year-wide
span, each as wide as the days it covers.

An axis has one scale: a day is as wide everywhere on it. Where nothing is
dated for a long stretch (a ferry built in 1998, sunk in 2024), the stretch is
cut out; the cut is drawn as a break labelled with the time it skips, and the
parts either side keep the same scale. A stretch is cut only when it would
take more than ``BREAK_SHARE`` of what is left to draw, so a story of one week
and one of two years are both drawn whole.
"""

from __future__ import annotations

import calendar
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Axis", "Break", "Segment", "When", "build_axis", "parse_when"]

ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = tuple(calendar.month_name[1:])

BREAK_WIDTH = 34  # the room a break takes on the axis, in the chart's units
BREAK_SHARE = 0.25  # cut an empty stretch longer than this share of what is left to draw
MIN_BREAK_DAYS = 21  # never cut a stretch shorter than three weeks
MAX_BREAKS = 4
PAD_SHARE = 0.03  # room before and after each part of the axis, as a share of the days drawn
DAY_STEPS = (1, 2, 7, 14)
MONTH_STEPS = (1, 2, 3)  # beyond a quarter, years read better
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500)
Tick = tuple[float | None, float, str]  # the x of its line (None: a label alone), of its label


@dataclass(frozen=True, slots=True)
class When:
    """An ISO date at its precision, as the days it covers (``end`` inclusive)."""

    text: str
    start: date
    end: date

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``: how precisely the reports give the date."""
        if self.start == self.end:
            return "day"
        return "month" if self.start.month == self.end.month else "year"

    @property
    def label(self) -> str:
        """The date as a reader writes it: ``15 March 2025``, ``March 2025``, ``2025``."""
        d = self.start
        if self.precision == "day":
            return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
        return f"{MONTH_NAMES[d.month - 1]} {d.year}" if self.precision == "month" else str(d.year)

    @property
    def after(self) -> date:
        """The first day after the period (its exclusive end)."""
        return self.end + timedelta(days=1)


def parse_when(value: object) -> When | None:
    """``2024``, ``2024-06`` or ``2024-06-12`` as the days it covers; None for anything else."""
    if not isinstance(value, str) or not (m := ISO.match(value.strip())):
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    text = value.strip()[:10]
    try:
        if not month:
            return When(text, date(year, 1, 1), date(year, 12, 31))
        if not day:
            last = calendar.monthrange(year, month)[1]
            return When(text, date(year, month, 1), date(year, month, last))
        return When(text, date(year, month, day), date(year, month, day))
    except ValueError:  # month 13, 30 February: a date the parser got wrong
        return None


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time drawn between ``x0`` and ``x1``; ``end`` is exclusive."""

    start: date
    end: date
    x0: float
    per_day: float

    @property
    def x1(self) -> float:
        return self.x0 + (self.end - self.start).days * self.per_day

    def x(self, day: date) -> float:
        return round(self.x0 + (day - self.start).days * self.per_day, 1)


@dataclass(frozen=True, slots=True)
class Break:
    """An empty stretch cut out of the axis: where it is drawn and how long it is."""

    x: float
    skipped: str  # "8 years", "3 months"


@dataclass(frozen=True, slots=True)
class Axis:
    """Segments on one scale (``per_day`` units a day), the breaks between them, ticks."""

    segments: tuple[Segment, ...]
    per_day: float
    breaks: tuple[Break, ...]
    ticks: tuple[Tick, ...]

    @property
    def left(self) -> float:
        return self.segments[0].x0

    @property
    def right(self) -> float:
        return self.segments[-1].x1

    def span(self, when: When) -> tuple[float, float]:
        """Where a date falls: from the x of its first day to that of the day after its last."""
        return self.x(when.start), self.x(when.after)

    def x(self, day: date) -> float:
        """The x of a day; a day in a break is drawn at the break's edge."""
        for seg in self.segments:
            if day <= seg.end:
                return seg.x(max(day, seg.start))
        return self.segments[-1].x(self.segments[-1].end)


def _runs(whens: Iterable[When]) -> list[tuple[date, date]]:
    """The stretches the dates cover, overlapping ones merged (``end`` exclusive)."""
    runs: list[tuple[date, date]] = []
    for w in sorted(whens, key=lambda w: w.start):
        if runs and w.start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], w.after))
        else:
            runs.append((w.start, w.after))
    return runs


def _cuts(runs: list[tuple[date, date]], max_breaks: int) -> set[int]:
    """Which gaps to cut (gap k lies after run k): the longest first, while each is long."""
    gaps = sorted(((runs[k + 1][0] - runs[k][1]).days, k) for k in range(len(runs) - 1))[::-1]
    left = (runs[-1][1] - runs[0][0]).days if runs else 0
    cut: set[int] = set()
    for days, k in gaps:
        if len(cut) < max_breaks and days >= MIN_BREAK_DAYS and days > BREAK_SHARE * left:
            cut.add(k)
            left -= days
    return cut


def build_axis(
    whens: Sequence[When], left: float, right: float, *, max_breaks: int = MAX_BREAKS
) -> Axis:
    """An axis from ``left`` to ``right`` holding every date in ``whens`` (at least one)."""
    runs = _runs(whens)
    cut = _cuts(runs, max_breaks)
    parts: list[tuple[date, date]] = []
    for k, run in enumerate(runs):
        if parts and k - 1 not in cut:
            parts[-1] = (parts[-1][0], run[1])
        else:
            parts.append(run)
    drawn = sum((end - start).days for start, end in parts)
    pad = timedelta(days=max(1, math.ceil(drawn * PAD_SHARE)))
    parts = [(start - pad, end + pad) for start, end in parts]
    days = sum((end - start).days for start, end in parts)
    per_day = (right - left - BREAK_WIDTH * (len(parts) - 1)) / days
    segments, x = [], left
    for start, end in parts:
        segments.append(Segment(start, end, x, per_day))
        x = segments[-1].x1 + BREAK_WIDTH
    breaks = tuple(
        Break(round(a.x1 + BREAK_WIDTH / 2, 1), _duration((b.start - a.end).days))
        for a, b in itertools.pairwise(segments)
    )
    return Axis(tuple(segments), per_day, breaks, tuple(_ticks(segments, per_day)))


def _duration(days: int) -> str:
    """A skipped stretch in words, roughly: ``9 days``, ``3 months``, ``11 years``."""
    for unit, size in (("year", 365.25), ("month", 30.44), ("week", 7.0)):
        if days >= 2 * size or (unit == "year" and days >= size):
            n = round(days / size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


# ---------------------------------------------------------------------------
# ticks


def _ticks(segments: list[Segment], per_day: float) -> list[Tick]:
    """Ticks at days, months or years, whichever the one scale has room for. A line marks
    where each period starts and, one period a tick, its label sits in the period's middle;
    each label clear of the last. A part of the axis left with none gets a label alone."""
    unit, step, room = _unit(per_day)
    out: list[Tick] = []
    for seg in segments:
        mine: list[Tick] = []
        for d in _tick_dates(seg, unit, step):
            x = seg.x(d)
            # one period a tick: the label in the middle of what is shown of the period
            shown = (max(x, seg.x0), min(seg.x(_next(d, unit)), seg.x1))
            at = round(sum(shown) / 2, 1) if step == 1 else x
            clear = seg.x0 + room / 3 <= at <= seg.x1 - room / 3
            if clear and (not (out or mine) or at - (mine or out)[-1][1] >= room):
                line = x if x >= seg.x0 else None  # a period begun before the segment
                mine.append((line, at, _tick_label(d, unit, first=not mine)))
        if not mine:
            middle = seg.start + (seg.end - seg.start) / 2
            mine.append(
                (None, round((seg.x0 + seg.x1) / 2, 1), _tick_label(middle, unit, first=True))
            )
        out += mine
    return out


def _next(d: date, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=1)
    if unit == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return date(d.year + 1, 1, 1)


def _unit(per_day: float) -> tuple[str, int, float]:
    """The finest of days, months or years (and step) whose labels the scale has room for."""
    for unit, size, steps, room in (
        ("day", 1.0, DAY_STEPS, 62),
        ("month", 30.44, MONTH_STEPS, 66),
        ("year", 365.25, YEAR_STEPS, 44),
    ):
        for step in steps:
            if step * size * per_day >= room:
                return unit, step, room
    return "year", 1000, 44


def _tick_dates(seg: Segment, unit: str, step: int) -> list[date]:
    """Where each period starts; one period a tick takes in the period the segment starts in."""
    if unit == "day":
        first = seg.start if step == 1 else seg.start + timedelta(days=-seg.start.weekday() % 7)
        return [first + timedelta(days=k) for k in range(0, (seg.end - first).days, step)]
    if unit == "month":
        out, d = [], date(seg.start.year, seg.start.month, 1)
        while d < seg.end:
            if (d.month - 1) % step == 0 and (d >= seg.start or step == 1):
                out.append(d)
            d = _next(d, "month")
        return out
    years = [date(y, 1, 1) for y in range(seg.start.year, seg.end.year + 1) if y % step == 0]
    return [d for d in years if (seg.start <= d or step == 1) and d < seg.end]


def _tick_label(d: date, unit: str, *, first: bool) -> str:
    """``11 Jun`` (with the year on a part's first tick and on 1 January), ``Mar 2025``,
    ``2025``."""
    if unit == "day":
        new_year = d.month == 1 and d.day == 1
        return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if first or new_year else "")
    if unit == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    return str(d.year)
