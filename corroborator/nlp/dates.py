"""Find dates in running text and resolve them against the report's published date.

``find_dates(text, published)`` returns ``DateSpan``s whose ``value`` is an ISO
8601 string at the precision the text supports ("1798", "2025-01", "2025-03-16"),
or None when the text is relative ("on Sunday") and the published date is not
known precisely enough to resolve it; the text is always kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
# a month's name, or its abbreviation with or without its dot ("Sept. 8"); a full name
# takes no dot, which ends its sentence ("on 16 July.\n\n8. Of the ..." is no 8 July)
_MONTH = r"(?P<month>(?:" + "|".join(sorted(
    [name.lower() for name in calendar.month_name if name], key=len, reverse=True)) + r")|(?:" + "|".join(sorted(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"],
    key=len, reverse=True)) + r")\.?)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2}|2100)"
_NUMWORD = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)", re.IGNORECASE)),
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE)),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE)),
    # "October 18 of last year", "March of this year": the year said in words
    ("mdrel", re.compile(rf"\b{_MONTH},?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+of\s+"
                         r"(?P<which>last|this|next)\s+year\b(?!['’]s)", re.IGNORECASE)),
    ("mrel", re.compile(rf"\b{_MONTH}\s+of\s+(?P<which>last|this|next)\s+year\b",
                        re.IGNORECASE)),
    ("md", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)", re.IGNORECASE)),
    ("dm", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE)),
    ("ago", re.compile(rf"\b{_NUMWORD}\s+(?P<unit>year|month|week|day)s?\s+ago\b", re.IGNORECASE)),
    ("rel", re.compile(r"\b(?P<which>last|this|next|past)\s+(?P<unit>year|month|week)\b", re.IGNORECASE)),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight|last night"
                           r"|this (?:morning|afternoon|evening))\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:(?P<which>last|this|next)\s+)?{_WEEKDAY}\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:(?P<prep>in|since|during|until|by|from|last|this|early|late|mid-?)\s+){_MONTH}\b(?!\s+\d)", re.IGNORECASE)),
    ("year", re.compile(rf"(?<![\d,.$€£-])\b{_YEAR}\b(?!\d|,\d|\s*(?:%|percent))")),
]


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 at the text's precision, None if unresolved
    relative: bool  # resolved against the published date


def day_of(value: object) -> str:
    """A date's value without its time of day ("2026-10-05T03:40": "2026-10-05")."""
    return str(value).split("T", 1)[0]


def first_day(value: str) -> dt.date:
    """The first day an ISO date at any precision covers ("2025", "2025-03", "2025-W11",
    "2025-03-12T21:40"); ValueError when it is no date."""
    value = day_of(value)
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        return dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
    parts = [int(p) for p in value.split("-")[:3]]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


def parse_published(published: str | None) -> tuple[dt.date | None, int]:
    """The published date and its precision: 3 day, 2 month, 1 year, 0 unknown."""
    if not published:
        return None, 0
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published.strip())
    if not m:
        return None, 0
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    precision = 3 if m.group(3) else 2 if m.group(2) else 1
    try:
        return dt.date(year, month, day), precision
    except ValueError:
        return None, 0


_MONTH_DAY = dict(PATTERNS)["md"]


def month_day(text: str) -> str | None:
    """"MM-DD" of a day written without its year ("Feb. 26", as the "md" pattern reads
    it), else None."""
    m = _MONTH_DAY.fullmatch(text.strip())
    if not m or not 1 <= int(m.group("day")) <= 31:
        return None
    return f"{_month_num(m.group('month')):02d}-{int(m.group('day')):02d}"


def _month_num(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _absolute(kind: str, m: re.Match[str]) -> str | None:
    g = m.groupdict()
    try:
        if kind == "iso":
            return dt.date(int(g["year"]), int(g["mnum"]), int(g["day"])).isoformat()
        if kind in ("mdy", "dmy"):
            return dt.date(int(g["year"]), _month_num(g["month"]), int(g["day"])).isoformat()
    except ValueError:
        return None
    if kind == "my":
        return f"{int(g['year']):04d}-{_month_num(g['month']):02d}"
    if kind == "year":
        return g["year"]
    return None


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    total = day.year * 12 + (day.month - 1) + months
    return total // 12, total % 12 + 1


def _relative(kind: str, m: re.Match[str], pub: dt.date | None, precision: int) -> str | None:
    """Resolve a relative expression, or None when the published date is too vague."""
    g = m.groupdict()
    if pub is None:
        return None
    if kind in ("mdrel", "mrel"):
        year = pub.year + {"last": -1, "this": 0, "next": 1}[g["which"].lower()]
        if kind == "mrel":
            return f"{year:04d}-{_month_num(g['month']):02d}"
        try:
            return dt.date(year, _month_num(g["month"]), int(g["day"])).isoformat()
        except ValueError:
            return None
    if kind in ("md", "dm") and precision >= 1:
        month, day = _month_num(g["month"]), int(g["day"])
        year = _year_of(month, day if precision == 3 else None, pub, precision)
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if kind == "month":
        month = _month_num(g["month"])
        year = _year_of(month, None, pub, precision)
        return f"{year:04d}-{month:02d}"
    if kind == "ago":
        return _ago(g["n"].lower(), g["unit"].lower(), pub, precision)
    if kind == "rel":
        return _last_this_next(g["which"].lower(), g["unit"].lower(), pub, precision)
    if precision < 3:
        return None
    if kind == "deictic":
        word = " ".join(g["word"].lower().split())
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return (pub + dt.timedelta(days=offset)).isoformat()
    if kind == "weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        back = (pub.weekday() - target) % 7
        if back == 0 and (g.get("which") or "").lower() == "last":
            back = 7  # "last Tuesday", written on a Tuesday
        if (g.get("which") or "").lower() == "next":
            return (pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat()
        return (pub - dt.timedelta(days=back)).isoformat()
    return None


FUTURE_WEIGHT = 3  # a report looks back more often than ahead: a date ahead counts 3x as far


def _year_of(month: int, day: int | None, pub: dt.date, precision: int) -> int:
    """The year of a date written without one ("Oct. 3", "in December"): the report's year,
    or the one before or after, whichever puts the date nearest the published date (a date
    ahead weighs ``FUTURE_WEIGHT`` times as far). With only the year published, that year."""
    if precision == 1:
        return pub.year

    def distance(year: int) -> float:
        if day is None:
            gap = float((year * 12 + month) - (pub.year * 12 + pub.month))
        else:
            try:
                gap = float((dt.date(year, month, day) - pub).days)
            except ValueError:  # 29 February in a common year
                gap = float((dt.date(year, month, 28) - pub).days)
        return gap * FUTURE_WEIGHT if gap > 0 else -gap

    return min((pub.year - 1, pub.year, pub.year + 1), key=distance)


def _ago(n_text: str, unit: str, pub: dt.date, precision: int) -> str | None:
    n = int(n_text) if n_text.isdigit() else _SMALL.get(n_text, 0)
    if unit == "year":
        return f"{pub.year - n:04d}"
    if unit == "month" and precision >= 2:
        y, mo = _shift_months(pub, -n)
        return f"{y:04d}-{mo:02d}"
    if precision >= 3:
        days = n * (7 if unit == "week" else 1)
        return (pub - dt.timedelta(days=days)).isoformat()
    return None


def _last_this_next(which: str, unit: str, pub: dt.date, precision: int) -> str | None:
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return f"{pub.year + step:04d}"
    if unit == "month" and precision >= 2:
        y, mo = _shift_months(pub, step)
        return f"{y:04d}-{mo:02d}"
    if unit == "week" and precision >= 3:
        iso = (pub + dt.timedelta(weeks=step)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return None


def find_dates(text: str, published: str | None = None) -> list[DateSpan]:
    """Every date expression in ``text``, earliest first, without overlaps."""
    pub, precision = parse_published(published)
    taken: list[tuple[int, int]] = []
    found: list[DateSpan] = []
    weekdays: set[int] = set()
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            value = _absolute(kind, m)
            relative = value is None
            if relative:
                value = _relative(kind, m, pub, precision)
            taken.append((start, end))
            found.append(DateSpan(start, end, m.group(), value, relative))
            if kind == "weekday":
                weekdays.add(start)
    found.sort(key=lambda d: d.start)
    # "Monday 5 October", "Tuesday, Oct. 10, 1972": the weekday names the date after it
    return [d for d, after in zip(found, [*found[1:], None])
            if not (d.start in weekdays and after is not None
                    and after.value and len(after.value) == 10
                    and WEEKDAY_BEFORE.fullmatch(text[d.end : after.start]))]


WEEKDAY_BEFORE = re.compile(r",?\s{1,2}(?:the\s)?")


STAMP_LINES = 5  # the first lines of a report where a date stamp ("Mar 16, 2025 04:56") stands
STAMP_CHARS = 80  # ...on a line this short (a longer one is a caption or a sentence)
STAMP_WORDS = 6  # ...with this few words beside its dates ("By Neve Castell | Wednesday, June
# 12, 2024"), not a sentence of the story ("On Tuesday, Oct. 10, 1972, Washington awoke to
# this startling news:")
BYLINE_BAR = "|"  # a byline's fields stand between bars...
BYLINE_CHARS = 160  # ...on a line this short
FIELD_WORDS = 2  # ...and its date field has this few words beside the date ("Published")


def stamp_line(text: str, published: str | None = None) -> tuple[str, str] | None:
    """The date stamp among a report's first lines ("Mar 16, 2025 04:56", "Protest in
    Belgrade, Sat. March 15 2025"): the line, and the day it gives (with ``published``,
    when the report was written, a stamp without its year: "Sunday 8 March, 23:10")."""
    lines = [line for line in text.split("\n") if line.strip()][:STAMP_LINES]
    for line in lines:
        if line.rstrip().endswith(":"):
            continue
        if len(line) <= STAMP_CHARS:
            day = _stamp_day(line, STAMP_WORDS, published)
            if day:
                return line, day
        if len(line) <= BYLINE_CHARS and BYLINE_BAR in line:
            # a byline's fields: "Review | By Claire Dunmore, Editor | 10 March 2026"
            day = next(filter(None, (_stamp_day(f, FIELD_WORDS, published)
                                     for f in line.split(BYLINE_BAR))), None)
            if day:
                return line, day
    return None


def _stamp_day(text: str, words: int, published: str | None = None) -> str | None:
    """The day a stamp gives, when ``text`` holds a full date and at most ``words``
    words beside its dates."""
    dates = find_dates(text, published)
    day = next((d.value for d in dates if d.value and len(d.value) == 10 and (
        not d.relative or any(w.lower().rstrip(".,") in MONTHS for w in d.text.split()))),
        None)  # a day and a month whose year ``published`` gives ("8 March"), not "Sunday"
    rest = text
    for d in dates:
        rest = rest.replace(d.text, " ")
    return day if day and len(re.findall(r"[A-Za-z]+", rest)) <= words else None


def written(text: str, published: str | None) -> str | None:
    """When a report was written, to read its relative dates ("on March 15", "Saturday")
    against: its published date when known to the day, else the day of its date stamp,
    else its published date as far as it is known."""
    _, precision = parse_published(published)
    if precision == 3:
        return published
    found = stamp_line(text)
    return found[1] if found else published


_BARE_WEEKDAY = re.compile(rf"(?:(?P<which>this|coming|upcoming|this\s+coming)\s+)?{_WEEKDAY}", re.IGNORECASE)


def ahead(span: DateSpan, published: str | None) -> DateSpan:
    """``span`` read forward: a bare weekday ("would resume on Thursday", "this Friday")
    whose sentence looks ahead is the first such day on or after the published date, not
    the one before. Any other span is returned as it is."""
    m = _BARE_WEEKDAY.fullmatch(span.text)
    pub, precision = parse_published(published)
    if m is None or pub is None or precision < 3:
        return span
    days = (WEEKDAYS[m.group("weekday").lower()] - pub.weekday()) % 7
    value = (pub + dt.timedelta(days=days)).isoformat()
    return DateSpan(span.start, span.end, span.text, value, span.relative)


# a time of day: "12:01 a.m. PDT", "4 p.m.", "0700 GMT", "19:00", "midnight"
_ZONE = r"(?:\s*\(?(?P<zone>GMT|UTC|[ECMP][SD]?T|CES?T|BST|IST|JST|AE[SD]T)\b\)?)?"
_CLOCK = re.compile(
    r"(?<![\d:.,])(?:(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3])(?::|(?=[0-5]\d\s*(?:GMT|UTC|hours|hrs)\b))(?P<m24>[0-5]\d)"
    r"|\b(?P<word>midnight|noon|midday)\b)" + _ZONE, re.IGNORECASE)
CLOCK_REACH = 24  # characters between a date and the time of day that goes with it


def clock_near(text: str, start: int, end: int) -> str | None:
    """The time of day written next to the date at ``text[start:end]`` ("12:01 a.m. PDT
    Friday", "Friday (0700 GMT)"), as "HH:MM" plus its zone when given; else None."""
    best: tuple[int, str] | None = None
    window_start = max(0, start - CLOCK_REACH)
    for m in _CLOCK.finditer(text, window_start, min(len(text), end + CLOCK_REACH)):
        if m.start() < end and start < m.end():
            continue  # inside the date itself
        gap = start - m.end() if m.end() <= start else m.start() - end
        if gap < 0 or "\n" in text[min(m.end(), end) : max(m.start(), start)]:
            continue
        value = _clock_value(m)
        if value is not None and (best is None or gap < best[0]):
            best = (gap, value)
    return best[1] if best else None


# what sets a time of day by itself as when something happened: "capsized at about 21:40",
# "did not reach the area until after 23:00", "fell below the limit by 14:00"
_CLOCK_LEAD = re.compile(r"\b(?:at|by|until|till|after|before|from|around)\s+(?:(?:about|around|"
                         r"approximately|roughly|some|just|shortly|after|before)\s+){0,2}$",
                         re.IGNORECASE)


def clocks_alone(text: str, dates: Sequence[DateSpan]) -> list[DateSpan]:
    """Times of day that no date stands next to ("It overturned at about 9.40pm"), each
    dated to the last day the text named before it ("late on Friday"), as
    "YYYY-MM-DDTHH:MM"; a time with no day named before it is left out, as is one that
    no "at", "by", "until" ... sets as the time of an act (a page's "Updated 14:05")."""
    days = sorted((d.start, d.value) for d in dates if d.value and len(d.value) == 10)
    out = []
    for m in _CLOCK.finditer(text):
        if not _CLOCK_LEAD.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        if any(m.start() - CLOCK_REACH <= d.end and d.start <= m.end() + CLOCK_REACH
               for d in dates):
            continue  # "at 3.40am on Monday": the date's own time of day
        before = [value for start, value in days if start < m.start()]
        value = _clock_value(m)
        if before and value:
            out.append(DateSpan(m.start(), m.end(), m.group(0), f"{before[-1]}T{value[:5]}",
                                True))
    return out


def _clock_value(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g["word"]:
        hour, minute = (0, 0) if g["word"].lower() == "midnight" else (12, 0)
    elif g["ap"]:
        hour, minute = int(g["h12"]) % 12 + (12 if g["ap"].lower() == "p" else 0), int(g["m12"] or 0)
    else:
        hour, minute = int(g["h24"]), int(g["m24"])
    zone = f" {g['zone'].upper()}" if g["zone"] else ""
    return f"{hour:02d}:{minute:02d}{zone}"
