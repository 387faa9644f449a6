"""Generate a large, seeded corpus of realistic news reports for the benchmarks.

Every report is written by this module from its own templates and vocabulary
(``bench/stories.py``): invented stories (a ferry capsizing, a plant fire, a
flood, a mine collapse, a strike, a bridge collapse) in invented places, each
told by several outlets in their own voices. A report has 400-800 words: a
headline, a byline, a lead, paragraphs stating the story's figures (counts as
digits and as words, money, percents, distances, durations, years; bounds such
as "at least nine"; now and then a figure that disagrees with the other
reports), quotes with named speakers, attributions, hedged claims, background
paragraphs with figures of their own, and web clutter ("- Advertisement -",
"12 Comments", "Read more: ...") for the cleaner to remove. Dates are absolute
("June 12, 2024") and relative to the publication date ("late on Tuesday",
"26 years ago").

The same seed always gives the same corpus. Run::

    .venv/bin/python bench/generate.py OUT --reports 1000 [--seed 7]

which writes OUT/<id>.txt and OUT/sources.csv (id,url,outlet,published,title,author).
From Python: ``generate_reports(n, seed=7)`` gives the reports, ``write_corpus``
writes them.
"""

# ruff: noqa: SIM905  (word lists read better as one string each)
from __future__ import annotations

import argparse
import csv
import random
import string
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import (
    BACKGROUND,
    CLUTTER_END,
    CLUTTER_MID,
    CLUTTER_TOP,
    KINDS,
    NARRATIVE,
    TEASERS,
    Kind,
    Slot,
)

__all__ = ["Report", "generate_reports", "write_corpus"]

MIN_WORDS, MAX_WORDS = 400, 800
REPORTS_PER_STORY = (3, 8)
NARRATIVE_PER_REPORT = 16  # figure-free sentences a report draws from stories.NARRATIVE
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

# Syllables for invented names: nothing here names a real person or place.
ONSETS = ("Al Bar Cal Dar El Fen Gal Hal Is Jar Kel Lor Mar Nev Or Pel Quin Ros Sal Tal Ul "
          "Var Wen Yor Zan Bre Cor Dra Esk Fal Gor Hes Ith Kav Lun Mor Nal Ost Pra Rav Sel "
          "Tor Vel Wyr Ard Bel Cas").split()
MIDDLES = ("a e i o u an en ar el ir or ad ev").split()
ENDINGS = ("ne ra ia ko len mon sa vin na rik tta dor is mar sel ny via don ric lo wen").split()
SURNAME_ENDS = ("berg well mont ridge ley ford ham wick ton ane ero sky ova ic as ell ard "
                "vane holt stead").split()
PLACE_ENDS = ("port haven mouth by wick ford stead ton holm ness bridge vale moor field "
              "crest").split()
COUNTRY_ENDS = ("esh ia ora and avia en os une").split()


@dataclass(frozen=True)
class Voice:
    """How an outlet writes: figures, quote marks, bylines, clutter and caution."""

    name: str
    counts: str  # "ap" (words below ten), "words" (below a hundred), "digits"
    percent: str  # "%", " percent", " per cent"
    quotes: tuple[str, str]
    byline: str  # "by", "dateline", "none"
    delay: tuple[int, int]  # days from the event to publication
    bound_rate: float  # chance a figure is given with a bound ("at least")
    clutter_rate: float  # chance of a clutter line between two paragraphs
    hedge_rate: float
    suffixes: tuple[str, ...]


VOICES = (
    Voice("daily", "ap", "%", ("\u201c", "\u201d"), "by", (0, 2), 0.3, 0.25, 0.5,
          ("Courier", "Herald", "Gazette", "Chronicle")),
    Voice("wire", "ap", " percent", ('"', '"'), "dateline", (0, 1), 0.2, 0.05, 0.3,
          ("Press Agency", "News Service", "Wire")),
    Voice("radio", "words", " percent", ('"', '"'), "none", (0, 1), 0.4, 0.15, 0.4,
          ("Radio News", "FM News", "Broadcasting")),
    Voice("weekly", "words", " per cent", ("\u201c", "\u201d"), "by", (4, 9), 0.25, 0.1, 0.6,
          ("Weekly", "Review", "Observer")),
    Voice("tabloid", "digits", "%", ("\u2018", "\u2019"), "by", (0, 3), 0.5, 0.35, 0.9,
          ("Daily Star", "Post", "Mirror")),
    Voice("online", "digits", "%", ('"', '"'), "by", (0, 2), 0.3, 0.4, 0.5,
          ("Today", "Now", "Online", "24")),
)


@dataclass(frozen=True)
class Report:
    id: str
    text: str
    url: str
    outlet: str
    published: str
    title: str
    author: str


# ---------------------------------------------------------------- numbers in words


def words(n: int) -> str:
    """0 <= n < 1,000,000 in English words: 23 -> "twenty-three"."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = f" and {words(n % 100)}" if n % 100 else ""
        return f"{ONES[n // 100]} hundred{rest}"
    rest = f" {words(n % 1000)}" if n % 1000 else ""
    return f"{words(n // 1000)} thousand{rest}"


def digits(x: float) -> str:
    """1234 -> "1,234"; 2500000 -> "2.5 million"; 4.5 -> "4.5"."""
    for size, name in ((1e9, "billion"), (1e6, "million")):
        if x >= size:
            return f"{x / size:.1f}".rstrip("0").rstrip(".") + " " + name
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.1f}"


def round_sig(x: float, sig: int = 2) -> float:
    if x < 100:
        return float(round(x))
    step = 10 ** (len(str(int(x))) - sig)
    return float(round(x / step) * step)


# ---------------------------------------------------------------- one story, one report


@dataclass
class Figure:
    """A figure as one report states it; ``format(spec)`` renders it in that report's voice."""

    kind: str
    value: float
    report: ReportPlan

    def __format__(self, spec: str) -> str:
        return self.report.render(self, spec)


@dataclass
class Story:
    kind: Kind
    names: dict[str, str]
    values: dict[str, tuple[str, float]]  # slot -> (kind, value), kinds as in stories.Slot
    day: date
    currency: str
    speakers: dict[str, tuple[str, str, str]]  # key -> (first mention, last name, pronoun)


@dataclass
class ReportPlan:
    story: Story
    voice: Voice
    outlet: str
    published: date
    rng: random.Random
    values: dict[str, tuple[str, float]] = field(default_factory=dict)
    introduced: set[str] = field(default_factory=set)

    def render(self, fig: Figure, spec: str) -> str:
        kind, x = fig.kind, fig.value
        if kind == "year":
            return f"{self.published.year - int(x)} years ago" if spec == "ago" else str(int(x))
        bound = ""
        if spec in ("b", "C") and self.rng.random() < self.voice.bound_rate:
            bound, x = self._bound(x)
        text = self._plain(kind, x, spec)
        if spec == "C":
            if bound:
                return bound[0].upper() + bound[1:] + " " + text
            if text[0].isdigit() or text[0] in "$€£":
                return self.rng.choice(("Some", "About", "Around")) + " " + text
            return text[0].upper() + text[1:]
        return f"{bound} {text}" if bound else text

    def _bound(self, x: float) -> tuple[str, float]:
        """A bound that still holds: "more than 80" for 84, "nearly 2,000" for 1,960."""
        if x < 20:
            return "at least", x
        step = 10.0 ** (len(str(int(x))) - (1 if x < 100 else 2))
        word = self.rng.choice(("at least", "more than", "about", "nearly", "over", "some"))
        if word in ("more than", "over"):
            low = (x // step) * step
            return (word, low) if low < x else ("at least", x)
        if word == "nearly":
            high = -(-x // step) * step
            return (word, high) if high > x else ("at least", x)
        if word in ("about", "some"):
            return word, round(x / step) * step
        return word, x

    def _plain(self, kind: str, x: float, spec: str) -> str:
        if kind == "count":
            return self._count(int(x), spec)
        if kind == "money":
            return self._money(x)
        if kind == "pct":
            return digits(x) + self.voice.percent
        if kind == "km":
            miles = round(x * 0.621)
            forms = (f"{int(x)} kilometres ({miles} miles)", f"{int(x)} km", f"{miles} miles")
            return self.rng.choice(forms)
        if kind == "hours":
            if int(x) % 24 == 0 and self.rng.random() < 0.6:
                return f"{self._count(int(x) // 24, 'w')} days"
            return f"{self._count(int(x), spec)} hours"
        if kind == "tonnes":
            return digits(x) + self.rng.choice((" tonnes", " tonnes", " metric tons"))
        if kind == "hectares":
            return f"{digits(x)} hectares"
        raise ValueError(kind)

    def _count(self, n: int, spec: str) -> str:
        style = {"w": "words", "d": "digits"}.get(spec, self.voice.counts)
        if spec == "C" and n < 100:
            style = "words"
        if (style == "ap" and n < 10) or (style == "words" and n < 100):
            if n == 12 and self.rng.random() < 0.3:
                return "a dozen"
            return words(n)
        return digits(n)

    def _money(self, x: float) -> str:
        sym = self.story.currency
        name = {"$": "dollars", "€": "euros", "£": "pounds"}[sym]
        if x >= 1_000_000 and self.rng.random() < 0.25:
            return f"{digits(x)} {name}"
        return sym + digits(x)


class Context(dict[str, object]):
    """What the templates see: names, slot figures (fresh each time) and date phrases."""

    def __init__(self, plan: ReportPlan, extra: dict[str, tuple[str, float]]) -> None:
        super().__init__(plan.story.names)
        self.plan, self.extra = plan, extra

    def __missing__(self, key: str) -> object:
        plan = self.plan
        if key in plan.values:
            return Figure(*plan.values[key], plan)
        if key in self.extra:
            return Figure(*self.extra[key], plan)
        if key == "when":
            return when(plan.story.day, plan.published, plan.rng)
        if key in ("q", "qq"):
            return plan.voice.quotes[key == "qq"]
        if key == "weekday":
            return plan.rng.choice(WEEKDAYS)
        if key == "month":
            return MONTHS[plan.rng.randrange(12)]
        if key == "outlet":
            return plan.outlet
        raise KeyError(key)


def when(day: date, published: date, rng: random.Random) -> str:
    """The event's date as a report published on ``published`` would put it."""
    delta = (published - day).days
    weekday = WEEKDAYS[day.weekday()]
    if delta <= 6:
        forms = [f"on {weekday}", f"late on {weekday}", f"early on {weekday}",
                 f"on {weekday} night", f"on {weekday} morning"]
        if delta >= 2:
            forms.append(f"last {weekday}")
        return rng.choice(forms)
    if rng.random() < 0.5:
        return f"on {MONTHS[day.month - 1]} {day.day}"
    return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"


class Names:
    """Invented names, fresh while the name space lasts (then a name may recur, as in life)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set()

    def _fresh(self, make) -> str:  # type: ignore[no-untyped-def]
        name = make()
        for _ in range(50):
            if name not in self.used:
                break
            name = make()
        self.used.add(name)
        return name

    def stem(self) -> str:
        r = self.rng
        return r.choice(ONSETS) + (r.choice(MIDDLES) if r.random() < 0.4 else "") + r.choice(ENDINGS)

    def _infix(self) -> str:
        r = self.rng.random()
        return "" if r < 0.3 else self.rng.choice(MIDDLES if r < 0.6 else ENDINGS)

    def first(self) -> str:
        return self.rng.choice(ONSETS) + self.rng.choice(ENDINGS)

    def surname(self) -> str:
        return self._fresh(lambda: self.rng.choice(ONSETS) + self._infix()
                           + self.rng.choice(SURNAME_ENDS))

    def person(self) -> tuple[str, str]:
        return self.first(), self.surname()

    def place(self) -> str:
        return self._fresh(lambda: self.rng.choice(ONSETS) + self._infix()
                           + self.rng.choice(PLACE_ENDS))

    def country(self) -> str:
        return self._fresh(lambda: self.stem()[:-1] + self.rng.choice(COUNTRY_ENDS))

    def word(self) -> str:
        return self._fresh(self.stem)


def _value(slot: Slot, rng: random.Random) -> float:
    """A story's figure: exact small counts and years, rounded large counts and money."""
    if slot.kind in ("year", "hours", "km") or (slot.kind == "count" and slot.high < 1000):
        return float(rng.randint(int(slot.low), int(slot.high)))
    if slot.kind == "pct" and rng.random() < 0.2:
        return round(rng.uniform(slot.low, slot.high), 1)
    return round_sig(rng.uniform(slot.low, slot.high), 2 if slot.kind == "money" else 3)


def _story_names(kind: Kind, names: Names, rng: random.Random) -> dict[str, str]:
    country, region = names.country(), names.place().replace("port", "ria")
    town, town2, capital = names.place(), names.place(), names.place()
    company = f"{names.surname()} {rng.choice(('Group', 'Corporation', 'Energy', 'Company'))}"
    agency_words = rng.choice((("National", "Safety", "Authority"), ("Civil", "Protection",
                                "Service"), ("State", "Emergency", "Agency")))
    agency_short = "".join(w[0] for w in agency_words)
    n = {"country": country, "region": f"{region} Province", "town": town, "town2": town2,
         "capital": capital, "island": f"{names.place()} Island", "company": company,
         "agency": f"the {country} {' '.join(agency_words)}", "agency_short": agency_short,
         "union": f"the {rng.choice(('General', 'United', 'National'))} Workers' Union",
         "university": f"University of {capital}", "hospital_ward": f"{town} General Hospital",
         "workers_noun": rng.choice(("workers", "dockers", "drivers", "nurses", "miners")),
         "official_title": rng.choice(("Governor", "Mayor", "Minister")),
         "warned": words(rng.randint(2, 9)), "fare_rise": f"{rng.randint(5, 30)}%"}
    for key, patterns in kind.objects.items():
        n[key] = rng.choice(patterns).format(A=names.word(), B=names.place())
    n.setdefault("river", f"{names.word()} River")
    return n


def _speakers(n: dict[str, str], names: Names, rng: random.Random
              ) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    roles = {
        "spokes": "{F} {L}, a spokes{man} for {agency}",
        "official": "{official_title} {F} {L}",
        "union": "{F} {L}, who leads {union}",
        "witness": "{F} {L}, a {age}-year-old resident of {town}",
        "company": "{F} {L}, a spokes{man} for {company}",
        "expert": "Professor {F} {L} of the {university}",
    }
    for key, pattern in roles.items():
        first, last = names.person()
        pron = rng.choice(("he", "she"))
        full = pattern.format(F=first, L=last, man="man" if pron == "he" else "woman",
                              age=rng.randint(19, 83), **n)
        out[key] = (full, last, pron)
    n["official_last"], n["official_pron"] = out["official"][1], out["official"][2]
    n["expert"] = f"{out['expert'][0].split(' of the ')[0]}"
    return out


def _background_figures(rng: random.Random, day: date) -> dict[str, tuple[str, float]]:
    y = day.year
    return {
        "pop": ("count", round_sig(rng.uniform(8000, 400000), 3)),
        "pop_old": ("count", round_sig(rng.uniform(6000, 300000), 3)),
        "dist_b": ("km", float(rng.randint(20, 400))),
        "census_year": ("year", float(y - rng.randint(1, 4))),
        "tourism": ("pct", float(rng.randint(8, 45))),
        "growth": ("pct", round(rng.uniform(0.5, 6.5), 1)),
        "since": ("year", float(y - rng.randint(1, 12))),
        "election_year": ("year", float(y + rng.randint(1, 3))),
        "founded": ("year", float(rng.randint(1950, 2010))),
        "agency_staff": ("count", round_sig(rng.uniform(150, 9000), 2)),
        "stat_year": ("year", float(y - 1)),
        "incidents": ("count", float(rng.randint(5, 60))),
        "incidents_old": ("count", float(rng.randint(5, 60))),
        "beds": ("count", float(rng.randint(80, 900))),
        "revenue": ("money", round_sig(rng.uniform(2e7, 3e9), 2)),
        "company_staff": ("count", round_sig(rng.uniform(500, 30000), 2)),
        "infra": ("money", round_sig(rng.uniform(1e8, 9e9), 2)),
        "infra_year": ("year", float(y - rng.randint(3, 15))),
        "old_year": ("year", float(rng.randint(1960, y - 5))),
        "report_weeks": ("count", float(rng.randint(2, 12))),
        "volunteers": ("count", round_sig(rng.uniform(40, 3000), 2)),
        "donations": ("money", round_sig(rng.uniform(1e4, 2e6), 2)),
        "council_fund": ("money", round_sig(rng.uniform(5e4, 5e6), 2)),
        "petition": ("count", round_sig(rng.uniform(800, 90000), 2)),
        "petition_days": ("count", float(rng.choice((7, 14, 30, 60, 90)))),
        "students": ("pct", float(rng.randint(5, 60))),
        "claims": ("money", round_sig(rng.uniform(1e6, 4e8), 2)),
        "claims_share": ("pct", float(rng.randint(5, 70))),
        "unemployment": ("pct", round(rng.uniform(3, 19), 1)),
        "inspectors": ("count", float(rng.randint(3, 80))),
        "aid_trucks": ("count", float(rng.randint(4, 120))),
        "cut": ("pct", float(rng.randint(4, 35))),
    }


def make_story(kind: Kind, names: Names, rng: random.Random) -> Story:
    day = date(2021, 1, 1) + timedelta(days=rng.randrange(4 * 365))
    n = _story_names(kind, names, rng)
    speakers = _speakers(n, names, rng)
    values = {key: (slot.kind, _value(slot, rng)) for key, slot in kind.slots.items()}
    return Story(kind, n, values, day, rng.choice("$$€£"), speakers)


def _perturb(kind: str, x: float, rng: random.Random) -> float:
    """Another figure for the same slot: a different count, a transposed year."""
    if kind == "year":
        s = str(int(x))
        swapped = s[:2] + s[3] + s[2]
        return float(swapped) if swapped != s and rng.random() < 0.5 else x + rng.randint(1, 9)
    step = max(1.0, x * rng.uniform(0.05, 0.25))
    return round_sig(max(1.0, x + rng.choice((-1, 1)) * step), 2)


# ---------------------------------------------------------------- writing a report


def _quote(plan: ReportPlan, key: str, text: str, ctx: Context) -> str:
    full, last, pron = plan.story.speakers[key]
    q, qq = plan.voice.quotes
    body = text.format_map(ctx)
    known = key in plan.introduced
    plan.introduced.add(key)
    who = last if known else full
    said_by = who + ("," if ", " in who else "")  # close the apposition before a verb
    r = plan.rng.random()
    if known and r < 0.3:
        return f"{q}{body},{qq} {pron} said."
    if r < 0.4:
        return f"{q}{body},{qq} said {who}."
    if r < 0.7:
        return f"{said_by} said: {q}{body}.{qq}"
    if r < 0.85:
        return f"{q}{body},{qq} {said_by} told reporters in {ctx['town']}."
    return f"{q}{body}.{qq} {said_by} added that more details would follow."


def _byline(plan: ReportPlan, author: str) -> str | None:
    p = plan.published
    long_date = f"{WEEKDAYS[p.weekday()]}, {MONTHS[p.month - 1]} {p.day}, {p.year}"
    if plan.voice.byline == "by":
        hour, minute = plan.rng.randint(5, 11), plan.rng.choice((0, 10, 25, 40, 55))
        return f"By {author} | {long_date}, {hour}:{minute:02d} a.m."
    if plan.voice.byline == "dateline":
        return None  # the lead carries it
    return f"Published {long_date}"


def _paragraphs(plan: ReportPlan, ctx: Context) -> list[str]:
    """The body: the story's figures, quotes, hedged claims and background, shuffled."""
    kind, rng = plan.story.kind, plan.rng
    body = [cap(rng.choice(options).format_map(ctx)) for options in kind.paragraphs]
    quotes = [_quote(plan, key, text, ctx) for key, text in
              rng.sample(kind.quotes, k=rng.randint(2, len(kind.quotes)))]
    hedged = [cap(h.format_map(ctx)) for h in kind.hedged if rng.random() < plan.voice.hedge_rate]
    rng.shuffle(body)
    middle = body[:2] + quotes[:1] + body[2:] + hedged + quotes[1:]
    background = rng.sample(BACKGROUND, k=len(BACKGROUND) // 2)
    background += rng.sample(NARRATIVE, k=NARRATIVE_PER_REPORT)
    rng.shuffle(background)
    tail: list[str] = []
    for k in range(0, len(background), 2):
        tail.append(" ".join(cap(b.format_map(ctx)) for b in background[k : k + 2]))
    return middle + tail


def _clutter(pattern: str, plan: ReportPlan, author: str, slug: str) -> str:
    rng = plan.rng
    return pattern.format(
        mins=rng.randint(2, 9), hours_ago=rng.randint(1, 11), slug=slug, outlet=plan.outlet,
        cdn=f"https://cdn.{_domain(plan.outlet)}", photographer=author.split()[-1],
        teaser=rng.choice(TEASERS), comments=rng.randint(0, 480), author=author,
        beat=rng.choice(("local news", "business", "the region", "transport")),
        year=plan.published.year, tags=", ".join(rng.sample(("News", "Region", "Disasters",
                                                            "Business", "Politics"), 3)),
        shares=f"{rng.randint(1, 90) / 10}K")


def write_report(plan: ReportPlan, author: str, slug: str) -> tuple[str, str]:
    """The text of one report and its headline."""
    kind, rng = plan.story.kind, plan.rng
    ctx = Context(plan, _background_figures(random.Random(hash_story(plan.story)), plan.story.day))
    headline = rng.choice(kind.headlines).format_map(ctx)
    headline = cap(headline)
    lead = cap(rng.choice(kind.leads).format_map(ctx))
    if plan.voice.byline == "dateline":
        p = plan.published
        lead = f"{plan.story.names['town'].upper()}, {MONTHS[p.month - 1]} {p.day} - {lead}"
    lines = [headline]
    lines += [_clutter(c, plan, author, slug) for c in rng.sample(CLUTTER_TOP, 2)
              if rng.random() < plan.voice.clutter_rate * 2]
    byline = _byline(plan, author)
    lines += [byline] if byline else []
    lines.append(lead)
    target = rng.randint(MIN_WORDS + 20, MAX_WORDS - 100)  # about 600 words on average
    for para in _paragraphs(plan, ctx):
        if sum(len(x.split()) for x in lines) + len(para.split()) > target + 40:
            continue  # a shorter paragraph further on may still fit
        lines.append(para)
        if rng.random() < plan.voice.clutter_rate:
            lines.append(_clutter(rng.choice(CLUTTER_MID), plan, author, slug))
    lines += [_clutter(c, plan, author, slug) for c in rng.sample(CLUTTER_END, 3)
              if rng.random() < 0.5 + plan.voice.clutter_rate]
    return "\n\n".join(lines) + "\n", headline


def cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def hash_story(story: Story) -> int:
    """A stable seed per story, so its background figures agree across its reports."""
    return zlib.crc32((story.names["town"] + story.day.isoformat()).encode())


def _domain(outlet: str) -> str:
    return "".join(c for c in outlet.lower() if c in string.ascii_lowercase) + ".example"


def _outlets(names: Names, rng: random.Random, count: int) -> list[tuple[str, Voice]]:
    out = []
    for k in range(count):
        voice = VOICES[k % len(VOICES)]
        stem = names.place() if rng.random() < 0.7 else names.word()
        out.append((f"{'The ' if rng.random() < 0.2 else ''}{stem} {rng.choice(voice.suffixes)}",
                    voice))
    return out


def generate_reports(n: int, *, seed: int = 7) -> list[Report]:
    """``n`` reports, story by story, each story told by 3-8 outlets."""
    rng = random.Random(seed)
    names = Names(rng)
    outlets = _outlets(names, rng, 60)
    authors = [" ".join(names.person()) for _ in range(200)]
    reports: list[Report] = []
    story_no = 0
    while len(reports) < n:
        story_no += 1
        story = make_story(KINDS[rng.randrange(len(KINDS))], names, rng)
        count = min(rng.randint(*REPORTS_PER_STORY), n - len(reports))
        for k, (outlet, voice) in enumerate(rng.sample(outlets, count)):
            plan = ReportPlan(story, voice, outlet,
                              story.day + timedelta(days=rng.randint(*voice.delay)), rng)
            plan.values = {key: (kind, _perturb(kind, x, rng) if rng.random() <
                                 story.kind.slots[key].conflict else x)
                           for key, (kind, x) in story.values.items()}
            author = rng.choice(authors)
            slug = f"{story.kind.key}-{story.names['town'].lower()}-{k}"
            text, title = write_report(plan, author, slug)
            rid = f"{story_no:05d}-{k}_{_domain(outlet).split('.')[0]}"
            url = f"https://www.{_domain(outlet)}/{plan.published:%Y/%m/%d}/{slug}"
            reports.append(Report(rid, text, url, outlet, plan.published.isoformat(), title,
                                  author))
    return reports


def write_corpus(folder: Path, reports: Sequence[Report]) -> None:
    """Write ``<id>.txt`` per report and ``sources.csv`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "sources.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "url", "outlet", "published", "title", "author"])
        for r in reports:
            (folder / f"{r.id}.txt").write_text(r.text, encoding="utf-8")
            out.writerow([r.id, r.url, r.outlet, r.published, r.title, r.author])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the reports into")
    parser.add_argument("--reports", type=int, default=1000, help="how many (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    reports = generate_reports(args.reports, seed=args.seed)
    write_corpus(args.out, reports)
    n_words = sum(len(r.text.split()) for r in reports)
    print(f"{len(reports)} reports, {n_words} words, into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
