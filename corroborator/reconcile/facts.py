"""Mentions -> facts: one fact per real-world slot, with a status.

Stages (each a pure function)::

    block     mentions of one event and one dimension (kind + base unit)
    score     the log-odds that two mentions fill one slot, by the pair model of
              ``linking.py`` (fit on the real stories' gold by ``bench/facts.py``):
              one set of weights for values that agree, one for values that do not
    cluster   agreeing groups by average linkage at ``threshold``; then groups whose
              values disagree by their best pair (single linkage), and only where that
              pair is a dispute or a drift (``Scorer.score``): two named sources (or
              two reports) of one counted thing, named alike, under one act in any
              wording or of one named group ("23 MS-13 members"), figures within
              ``DISPUTE_SPAN`` (a dispute; counts under ``COUNTED_ONE_BY_ONE`` within
              ``SMALL_SPAN``) or close (a drift, ``linking.close``), or two
              reports' years of one named thing; judged blind to the values, joined when
              one slot is more likely than two (``DISPUTE_LOGIT``, and at least
              ``threshold``); never where a report would give one slot two values in one
              voice (a report's own figure takes the source it names for it elsewhere:
              ``sourced``). However alike a model finds two disagreeing figures, nothing
              else joins them. Agreeing groups the first pass left apart join at
              ``threshold`` + ``DISAGREE_MARGIN``
    verdict   agreed / single / conflict from the mentions' value intervals

No false alarms by construction where it can be: a bound is an interval ("over
250" is [250, inf)), so it conflicts only with a value outside it; unit
conversions are compared in base units; dates at their common precision; values
stated for different years never share a fact; and two mentions whose values
disagree must be far more alike to share a fact than two that agree, because a
wrong link with different values is a false conflict while a wrong link with
equal values is harmless. The threshold and the margin were chosen by leave-one-
story-out cross-validation (``bench/facts.py``; figures in ``bench/RESULTS.md``).
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import math
import multiprocessing
import re
from collections import Counter
from collections.abc import Collection, Mapping, MutableMapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from ..models import Fact, Mention, fact_order
from ..nlp.attribution import MEASURINGS
from ..nlp.cues import ATTITUDES
from ..nlp.dates import MONTHS, WEEKDAYS, day_of, first_day
from ..nlp.embed import embed
from ..nlp.numbers import DURATION_DAYS, RATIO, UNITS, is_age, to_base
from ..nlp.syntax import COMMITS, ESTIMATING, REPORTING
from ..nlp.tolls import toll
from . import money
from .clustering import FORBIDDEN, Clusters, Roots, average_linkage, candidate_pairs
from .linking import (
    HEADS_ALIKE,
    TEXTS,
    LinkModel,
    close,
    features,
    log_ratio,
    names_overlap,
    norm_name,
    specific,
    time_clash,
    two_sources,
)
from .sides import describe, named_apart, sides

DISPUTE_SPAN = math.log(100)  # estimates two orders of magnitude apart are not one quantity
COUNTED_ONE_BY_ONE = 100  # counts below this are counted, not estimated (deaths, arrests)
SMALL_SPAN = math.log(3)  # and two such counts disputed are within a factor of three
UNNAMED_SPAN = math.log(10)  # counts that name nothing are disputed within a factor of ten
DISPUTE_LOGIT = 0.0  # a dispute, judged blind to its values, is more likely one slot than two
DISAGREE_MARGIN = 3.0  # extra log-odds agreeing groups left apart by average linkage need
AUTO_MINILM_MAX = 3000  # "auto": sentence embeddings up to this many mentions, tok2vec beyond
TENSOR_DIM = 96  # width of en_core_web_sm's tok2vec vectors
PARALLEL_MIN_MENTIONS = 5000  # fewer mentions to cluster are clustered in this process
MOMENT_SLACK = 5  # minutes: two times of one day further apart are two moments


def dimension(m: Mention) -> str:
    if m.kind in ("measure", "duration") and m.value is not None:
        return f"{m.kind}:{to_base(float(m.value), m.unit)[1]}"
    if m.kind == "amount":  # amounts in currencies of the rates table meet (``money``)
        return "amount:money" if money.known(m.unit) else f"amount:{m.unit}"
    return m.kind


def interval(m: Mention, tol: float) -> tuple[float, float]:
    value = float(m.value)  # type: ignore[arg-type]
    low = m.low if m.low is not None else value
    high = m.high if m.high is not None else value
    base, _ = to_base(1.0, m.unit) if m.kind in ("measure", "duration") else (1.0, None)
    if m.bound == "exact":
        whole = m.kind == "count" and value.is_integer()  # 212 dead is not 214: a count
        low, high = (value, value) if whole else (value * (1 - tol), value * (1 + tol))
        if m.kind == "measure" and m.unit and m.unit not in ("km", "kg", "l"):
            low, high = value * (1 - 0.02), value * (1 + 0.02)  # converted figures are rounded
    if "alt" in m.extra:
        low, high = value * 0.98, value * 1.02
    return low * base, high * base


def compatible(a: Mention, b: Mention, tol: float) -> bool:
    if a.kind == "date" or b.kind == "date":
        # a time of day is no evidence of a dispute: outlets time one moment minutes apart
        # ("about 9.40pm", "21:47")
        x, y = _day_range(day_of(a.value)), _day_range(day_of(b.value))
        return x[0] <= y[1] and y[0] <= x[1]
    if a.unit != b.unit and a.kind == b.kind and a.kind in ("amount", "measure"):
        return _rounded_alike(a, b)
    if a.bound == b.bound == "approx" and a.unit == b.unit and a.value != b.value:
        return _rounded_to_one_place(float(a.value), float(b.value))  # type: ignore[arg-type]
    if _stated_measures(a, b):
        # "46.2C" and "45.9C": each is its digits' rounding, so they agree only when the
        # coarser rounds the finer ("46C" holds 46.2), not within a converted figure's 2%
        first, second = float(a.value), float(b.value)  # type: ignore[arg-type]
        return abs(first - second) <= max(_last_place(first), _last_place(second)) / 2 + 1e-9
    lo_a, hi_a = interval(a, tol)
    lo_b, hi_b = interval(b, tol)
    return lo_a <= hi_b and lo_b <= hi_a


def _stated_measures(a: Mention, b: Mention) -> bool:
    """Two exact measures in one unit that is no base unit, neither a conversion of another
    figure in its sentence (``extra["alt"]``)."""
    return bool(a.kind == b.kind == "measure" and a.unit == b.unit
                and a.unit not in (None, "km", "kg", "l") and a.bound == b.bound == "exact"
                and "alt" not in a.extra and "alt" not in b.extra
                and isinstance(a.value, float) and isinstance(b.value, float))


def _rounded_to_one_place(x: float, y: float) -> bool:
    """Two approximations ("about 4,300", "about 4,500") agree when each rounds to the
    other at the coarser place either is stated to: "about 20" and "about 25" (tens) may
    be one figure, "about 4,300" and "about 4,500" (hundreds) are two. An approximation
    against an exact figure keeps its wider interval: "about 1,200" holds 1,230."""
    half = max(_last_place(x), _last_place(y)) / 2
    return abs(x - y) <= 2 * half


def _last_place(value: float) -> float:
    """The place of a figure's last non-zero digit: 4,300 -> 100, 2.5 -> 0.1, 20 -> 10."""
    value = abs(value)
    if value == 0:
        return 1.0
    place = 10.0 ** math.floor(math.log10(value))
    while place > 1e-6 and abs(round(value / place) * place - value) > 1e-9 * max(value, 1.0):
        place /= 10
    return place


def _rounded_alike(a: Mention, b: Mention) -> bool:
    """Two amounts in two currencies, or two measures in two units ("3 miles", "5 km"):
    one is likely a rounded conversion of the other, so each is the interval its digits
    round from (``money.rounded``), ``b``'s stated in ``a``'s unit (an amount at the rate
    of its day, give or take ``money.RATE_SPREAD``)."""
    if a.kind == "amount":
        k, spread = money.factor(a, b), money.RATE_SPREAD
        if k is None:
            return False
    else:
        k, spread = to_base(1.0, b.unit)[0] / to_base(1.0, a.unit)[0], 0.0
    lo_a, hi_a = money.rounded(a)
    lo_b, hi_b = money.rounded(b)
    return lo_a <= hi_b * k * (1 + spread) and lo_b * k * (1 - spread) <= hi_a


def _day_range(value: str) -> tuple[str, str]:
    """The first and last day an ISO date at any precision covers ("2025", "2025-03",
    "2025-03-12", "2025-W11"), as comparable strings."""
    import datetime as dt

    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        try:
            monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return value, value
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return value, value + "\uffff"  # a prefix covers every more precise date under it


def disputable(a: Mention, b: Mention) -> bool:
    """Whether two figures are near enough to be two estimates of one quantity: within
    ``DISPUTE_SPAN`` of each other (police 36,000 and a monitor 140,000; not 22 arrests
    and a crowd of 36,000). Counts under ``COUNTED_ONE_BY_ONE`` are counted, not estimated,
    and are disputed within ``SMALL_SPAN`` (one death or two; not 56 injured and 3, the
    tolls of two incidents), and by a larger count within ``UNNAMED_SPAN`` (47 stations
    and "more than 300"; not four in hospital and a staff of 250); counts that name nothing
    they count within ``UNNAMED_SPAN``
    (an independent monitor's 325,000 and the government's 107,000; not "212 of them" and
    a crowd of 8,000). Dates and non-figures always are."""
    if not isinstance(a.value, float) or not isinstance(b.value, float):
        return True
    ratio = log_ratio(a, b, cap=math.inf)
    if a.kind == "count" and max(a.value, b.value) < COUNTED_ONE_BY_ONE:
        return ratio <= SMALL_SPAN  # "30 dead" and "1 dead" are two events, not a dispute
    if a.kind == "count" and min(a.value, b.value) < COUNTED_ONE_BY_ONE:
        return ratio <= UNNAMED_SPAN  # the commission's 47 stations against the observers'
        # "more than 300"; not "four still in hospital" against "employs about 250"
    if a.kind == "count" and not (thing(a) or thing(b)):
        return ratio <= UNNAMED_SPAN  # "212 of them" and "put the crowd at 8,000"
    return ratio <= DISPUTE_SPAN


def same_thing(a: Mention, b: Mention, thing_a: str | None, thing_b: str | None) -> bool:
    """Do two figures measure one named thing (``thing_a``, ``thing_b``: ``thing`` of each)?
    A percent's noun is the whole it is a share of ("95% of employees voted"): a share whose
    whole goes unsaid ("96% voted") may be of the same whole. An estimate whose noun goes
    unsaid under the act another estimate's people are under ("about 4,500 had been
    evacuated", "4,300 people have been evacuated") counts those people; a small count
    that names nothing ("injuring three") may count a part of them ("one person was
    seriously injured"): those are counted one by one, and said in full."""
    if thing_a == thing_b:
        return True
    held_a, held_b = a.extra.get("holder"), b.extra.get("holder")
    if (held_a or held_b) and (a.head or held_a) == (b.head or held_b):
        return True  # two measures of one thing: "waves reached 4.5 metres", "waves were
        # about 2.5 metres"
    if (a.kind == "count" and {thing_a, thing_b} & PERSONS and None in (thing_a, thing_b)
            and min(a.value or 0.0, b.value or 0.0) >= COUNTED_ONE_BY_ONE):  # type: ignore[operator]
        return bool(act(a)) and act(a) == act(b)
    return a.kind == "percent" and not (thing_a and thing_b)


PERSONS = frozenset({"people", "person"})
# parts of a day, which the parse takes for what a date dates ("on Monday evening")
PARTS_OF_DAY = frozenset(
    "morning afternoon evening night hour dawn dusk daybreak nightfall midnight noon "  # noqa: SIM905
    "midday overnight".split()
)


def once_dated(a: Mention, b: Mention) -> bool:
    """Two reports date one act that happens to a named thing once (``ONCE``): "the Lirio
    Star, a ferry built in 1998" and "the Lirio Star was built in 1989"; "Felt was born in
    1913", "born in 1914"; or the start of a thing each names definitely ("the fire broke
    out on Saturday", "the fire erupted on Sunday": ``extra["onset"]``). Not acts that
    recur ("won the title in 2001", "in 2005"), nor the same act of two things ("his wife
    died in 1984", "Felt died Thursday")."""
    verb = a.extra.get("verb")
    if not (a.kind == b.kind == "date" and a.doc != b.doc):
        return False
    if (onset := a.extra.get("onset")) and onset == b.extra.get("onset"):
        return True  # "the fire broke out on Saturday", "the fire erupted on Sunday"
    return bool(verb in ONCE and verb == b.extra.get("verb") and _names_of(a) & _names_of(b))


def furniture(m: Mention) -> bool:
    """A date of a byline, a dateline or a copyright line ("KBC News | Sunday 14 June 2026"):
    it dates its report, and is in dispute with no other date."""
    return bool(m.extra.get("furniture"))


def dates_nothing(m: Mention, thing_m: str | None) -> bool:
    """A date that dates no thing two reports could disagree about: a part of the day the
    parse took for what it dates ("closed on Wednesday morning"), or a byline's date."""
    return thing_m in PARTS_OF_DAY or furniture(m)


def told_twice(a: Mention, b: Mention, thing_a: str | None, thing_b: str | None) -> bool:
    """Two reports tell one thing's one value, whatever their values and their sources: the
    date of an act that befalls a named thing once, the age of one thing, the year of one
    past event or its toll. Two such figures that differ are one slot in dispute."""
    return (once_dated(a, b) or one_age(a, b, thing_a, thing_b) or past_alike(a, b)
            or past_toll(a, b))


def sources_disagree(a: Mention, b: Mention) -> bool:
    """Two named sources (or two reports of one tally for one day, ``one_tally``) give
    figures near enough to be one quantity (``disputable``), and of one year; not two
    sources each credited with doing what its figure measures (``actor``)."""
    named = two_sources(a, b)
    return ((named or one_tally(a, b)) and disputable(a, b) and not years_apart(a, b)
            and not (named and (actor(a) or actor(b))))


_DENIED = re.compile(r"\bnot\s+(?:the\s+|a\s+|an\s+)?[$€£]?\s*$", re.IGNORECASE)


def _denied(m: Mention) -> bool:
    """The figure is the one a sentence says is wrong: "not the 120 the league claimed"."""
    return bool(_DENIED.search(m.sentence[: max(0, m.start - m.sent_start)]))


def _willed(m: Mention) -> bool:
    """The figure is what its source wills, not what it tells: a pledge, an offer, a
    demand ("the government has promised EUR 20,000 ..., and the operator has offered EUR
    5,000": two offers, not two accounts of one)."""
    return _cue_is(m, COMMITS | ATTITUDES)


def _cue_is(m: Mention, lemmas: Collection[str]) -> bool:
    """The cue that credits the figure to its source ("demanded", "has offered") is, as
    written, one of ``lemmas`` (compared on their first ``STEM`` letters)."""
    cue = (m.extra.get("said_by_cue") or "").split()
    return bool(cue) and any(cue[0].lower()[:STEM] == w[:STEM] for w in lemmas)


def actor(m: Mention) -> bool:
    """The source the figure is credited to is the one who did what it measures ("the
    hijackers demanded 50 million", "a second group demanded 80 million"), not one who tells
    or reckons it: two such sources are two doers, two slots, not a dispute."""
    done = act(m)
    return bool(done and done not in TELLING and _cue_is(m, (done,)))


STEM = 5  # letters a cue as written ("demanded") shares with its lemma ("demand")
TELLING = REPORTING | ESTIMATING | MEASURINGS | {"accord", "figure", "number", "total", "claim"}
# acts of telling or reckoning a figure ("according to the army", "the league's figure of
# about 52,000" are no acts the army or the league did), and of pledging it: "partners
# had pledged more than EUR 45 million" may tell the sum of pledges, "the union pledged EUR
# 12 million" one of them


PAST_SPAN = 10  # years: two years of one past event told apart by more are two events
# a figure in a sentence, not one side of a score or a span ("a 5-19 start", "2006-07"),
# nor part of a name ("the 76ers")
_FIGURE = re.compile(r"(?<![\d.,\-\u2013])\d+(?:,\d{3})*(?:\.\d+)?(?![\d]|[\-\u2013]\d|[A-Za-z])")


def past_alike(a: Mention, b: Mention) -> bool:
    """Two reports give the year of one past event, each told by the same figure: "the 1987
    crush, in which 39 people died" and "the 1978 Tessaly tragedy, when 39 fans died"; "the
    64-metre dam, completed in 1974" and "completed in 1976, the 64 m high dam". A figure
    that is no small whole number (``linking.specific``) and that both sentences tell
    singles out one event, so the two years are one slot in dispute. Not years further
    apart than ``PAST_SPAN``."""
    if not (a.kind == b.kind == "date" and a.doc != b.doc and a.value != b.value):
        return False
    x, y = str(a.value), str(b.value)
    if not (len(x) == len(y) == 4 and x.isdigit() and y.isdigit()
            and abs(int(x) - int(y)) <= PAST_SPAN):
        return False
    return bool(_figures(a) & _figures(b))


def _figures(m: Mention) -> set[float]:
    """The figures a year's sentence tells of its event: numbers over twelve, not shares
    ("61%") nor sides of a score ("a 5-19 start"); none when the sentence holds another
    year, whose event they may be of ("who has ruled since 2016 and won 61% in 2021")."""
    out = set()
    for hit in _FIGURE.finditer(m.sentence):
        text = hit.group(0)
        if len(text) == 4 and text.isdigit() and 1000 < int(text) < 2100:
            if text != str(m.value):
                return set()
            continue
        if re.match(r"\s*(?:%|per ?cent)", m.sentence[hit.end():]):
            continue
        if (value := float(text.replace(",", ""))) > 12:
            out.add(value)
    return out


def past_toll(a: Mention, b: Mention) -> bool:
    """Two reports give the toll of one past event, each dating it to one earlier year and
    naming it alike: "in 2009 an explosion at the Port Selin refinery killed 11 workers",
    "since the 2009 Port Selin refinery inferno, which claimed 12 lives". One toll of one
    named event cannot be both, so the two are one slot in dispute, whatever noun each
    counts (workers, lives)."""
    if not (a.kind == b.kind == "count" and a.doc != b.doc
            and (kind := toll(a)) is not None and kind == toll(b)):
        return False
    years = _years_in(a)
    if len(years) != 1 or years != _years_in(b):
        return False
    year = next(iter(years))
    if not all(str(m.extra.get("day") or "")[:4] > year for m in (a, b)):
        return False  # the year of the story itself: its own toll, told by other rules
    return bool(_proper_words(a) & _proper_words(b))


def _years_in(m: Mention) -> set[str]:
    return set(re.findall(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?!\d|,\d)", m.sentence))


def _proper_words(m: Mention) -> set[str]:
    """The capitalised words of a figure's sentence past its first word: the names it
    tells (a month or a weekday is no name)."""
    return {w.group(0) for w in _NAME_WORD.finditer(m.sentence)
            if w.start() > 0 and w.group(0) not in _NOT_NAMES
            and w.group(0).lower() not in MONTHS and w.group(0).lower() not in WEEKDAYS}


def years_apart(a: Mention, b: Mention) -> bool:
    """The two figures are of two years: each of the year it is stated for, or else of its
    report's year ("a 12-day heatwave killed 214 people in 2003", "4,870 people were
    admitted" in a report of 2026). Two sources' figures of two years are no dispute."""
    year_a = (a.time or a.extra.get("day") or "")[:4]
    year_b = (b.time or b.extra.get("day") or "")[:4]
    return bool(year_a and year_b and year_a != year_b)


def one_tally(a: Mention, b: Mention) -> bool:
    """Two reports give one toll (the dead, the injured, ...) as of one day: "six people
    were killed" on Tuesday in one, "eight people died on Tuesday" in the other; the
    ministry's Wednesday update "put the toll at 162 injured" in one, at 163 in the other.
    Two figures of one tally for one day cannot both be right, whoever each report
    credits, so they are one slot in dispute, as two named sources' figures are. Each
    report must be of that day or the next: a week on, "the flood of 14 April, which
    killed at least 18 people" dates the flood, not the tally."""
    day = (a.time or "")[:10]
    return bool(a.doc != b.doc and len(day) == 10 and day == (b.time or "")[:10]
                and (kind := toll(a)) is not None and kind == toll(b)
                and _told_by_next_day(a, day) and _told_by_next_day(b, day))


def _told_by_next_day(m: Mention, day: str) -> bool:
    told = m.extra.get("day") or ""
    try:
        return 0 <= (first_day(told) - first_day(day)).days <= 1 if len(told) == 10 else False
    except ValueError:
        return False


def one_age(a: Mention, b: Mention, thing_a: str | None, thing_b: str | None) -> bool:
    """Two reports give the age of one thing each names definitely ("the 12-year-old
    aircraft", "the aircraft was 14 years old"): an age is the thing's, whatever either
    sentence tells of it, so two ages are one slot in dispute. Not "a 34-year-old man" and
    "a 58-year-old man": an indefinite noun brings in someone new."""
    return bool(aged(a) and aged(b) and a.doc != b.doc and thing_a and thing_a == thing_b
                and a.extra.get("definite") and b.extra.get("definite"))


# acts that befall a thing once: its date is one slot, whichever report gives it
ONCE = frozenset(
    "build construct erect found establish incorporate inaugurate commission enact bear "  # noqa: SIM905
    "die".split()
)
_NAME_WORD = re.compile(r"\b[A-Z][\w'-]*[a-z][\w'-]*\b")
_NOT_NAMES = frozenset(
    "The An His Her Its Their This That These Those It He She They".split()  # noqa: SIM905
)


def _names_of(m: Mention) -> set[str]:
    """The capitalised words naming what a dated act befalls: its subject, its
    qualifiers, the clause summary ``extract`` keeps ("The Lirio Star was built") and the
    name its definite subject stands for ("the company was founded": ``extra["named"]``)."""
    text = " ".join([m.subject or "", *m.qualifiers, str(m.extra.get("what") or ""),
                     str(m.extra.get("named") or "")])
    return {w for w in _NAME_WORD.findall(text) if w not in _NOT_NAMES}


def _same_names(a: Mention, b: Mention, thing_a: str | None, thing_b: str | None) -> bool:
    """Both count a thing named the same way, or neither names it ("23 MS-13 members" and
    "21 MS-13 members"; not "21 MS-13 members" and "over 250 gang members"). A share whose
    whole goes unsaid ("96% voted to strike") may be of a whole the other names ("95% of
    Boeing employees voted to strike"), as in ``same_thing``, unless both name theirs."""
    if not (a.qualifiers and b.qualifiers):
        named = thing_a if a.qualifiers else thing_b  # the whole the named share is of
        return not (a.qualifiers or b.qualifiers) or a.kind == "percent" and not (
            thing_a and thing_b) and named is not None  # not a share a name holds ("puts
        # Velasko at 46.7%") against one of a whole ("the turnout at 49%")
    return _named_alike(a, b)


def _named_alike(a: Mention, b: Mention) -> bool:
    """Both name what they count, alike ("23 MS-13 members", "21 MS13 gang members"): the
    name fixes the slot, whatever act each report puts the figure under ("arrived", "were
    deported", "sent")."""
    return bool(a.qualifiers and b.qualifiers and names_overlap(a.qualifiers, b.qualifiers))


def cannot_link(a: Mention, b: Mention) -> bool:
    """Hard evidence of two slots: the values are stated for different years, one counts
    how many live in a place and the other does not ("a city of 160,000 people", "160,000
    people were killed"), one compares ("a 40% larger battery") and the other does not,
    one is of a rise and the other of a fall, the two play two roles (a cap and a goal) or
    count two tolls (the dead and the injured), or two amounts are in currencies that no
    rate of their day converts."""
    return (time_clash(a, b) or moments_apart(a, b)
            or _opposite(direction(a), direction(b)) or part_and_whole(a, b)
            or _opposite(role(a), role(b)) or _opposite(toll(a), toll(b))
            or any(bool(a.extra.get(k)) != bool(b.extra.get(k)) for k in APART)
            or a.kind == "amount" and a.unit != b.unit and money.factor(a, b) is None)


def moments_apart(a: Mention, b: Mention) -> bool:
    """Two times of one day more than ``MOMENT_SLACK`` minutes apart are two moments of it
    (the ferry left at 20:25, capsized at 21:40, called for help at 21:47), never one
    moment in dispute: a timeline's steps, each its own slot. Not two times in two zones,
    or one in a zone the other does not name ("just after midnight on Friday (0700 GMT)",
    "12:01 a.m. PDT")."""
    if a.kind != "date" or b.kind != "date" or _zone(a) != _zone(b):
        return False
    x, y = str(a.value), str(b.value)
    if "T" not in x or "T" not in y or day_of(x) != day_of(y):
        return False
    return abs(_minutes(x) - _minutes(y)) > MOMENT_SLACK


def _zone(m: Mention) -> str:
    return str(m.extra.get("clock") or "").partition(" ")[2]


def _minutes(value: str) -> int:
    clock = value.split("T", 1)[1]
    hours, _, minutes = clock.partition(":")
    return int(hours) * 60 + int(minutes or 0)


def part_and_whole(a: Mention, b: Mention) -> bool:
    """One is a part of a whole the other's value is ("four of the six gates were open" and
    "the six gates"; "only two of the six north gates"): a part is never its whole."""
    return a.kind == b.kind == "count" and any(
        x.extra.get("of_total") is not None and x.extra["of_total"] == y.value
        for x, y in ((a, b), (b, a)))


# what a figure is (set by ``extract``): never one slot with a figure that is not it
APART = ("population", "compares")


RISE = frozenset(
    "rise grow increase climb jump surge soar gain swell rebound rally spike advance raise "  # noqa: SIM905
    "double triple up".split()
)
FALL = frozenset(
    "fall drop decline plunge sink slide slump tumble decrease shrink dip plummet lose "  # noqa: SIM905
    "retreat sag down".split()
)


def direction(m: Mention) -> str | None:
    """"rise" or "fall" when the figure is a change that way: its act ("soared 28 percent",
    "fell 12 percent") or "up"/"down" just before it ("drove its stock down 30 percent");
    not a level the change reached or left ("rose to 90")."""
    before = m.sentence[max(0, m.start - m.sent_start - 8) : max(0, m.start - m.sent_start)]
    if re.search(r"\b(?:to|at|from)\s*$", before.lower()):
        return None  # "rose to 90", "fell from 120": a level, not the change
    word = re.search(r"\b(up|down)\s*$", before.lower())
    lemma = word.group(1) if word else act(m)
    return "rise" if lemma in RISE else "fall" if lemma in FALL else None


def _opposite(x: str | None, y: str | None) -> bool:
    """One figure is of a rise and the other of a fall ("shares soared 28 percent", "drove
    its stock down 30 percent"), or the two play two roles (``role``): two slots."""
    return bool(x and y and x != y)


# what a figure is to the one who states it, by the noun that governs it: a limit set on a
# quantity is not the goal set for it, nor a demand what is offered for it
ROLES = {
    **dict.fromkeys(("cap", "limit", "ceiling", "maximum", "quota", "capacity", "license",
                     "licence", "certify", "permit"), "limit"),
    **dict.fromkeys(("goal", "target", "aim", "objective", "ambition"), "goal"),
    "demand": "demand",
    "offer": "offer",
}


def role(m: Mention) -> str | None:
    """The role of a figure, read from the nearest two words of its frame: a limit ("a
    production cap of 38 a month"), a goal ("the goal of producing 38 a month"), a demand
    or an offer; None when it plays none of them."""
    words = [w for w in m.frame if w != unit_word(m)][:2]
    return next((ROLES[w] for w in (m.head, *words) if w in ROLES), None)


def unit_word(m: Mention) -> str | None:
    """The word a measure's unit leads its frame with ("tonne" of "250 tonnes")."""
    return m.frame[0] if m.kind in MEASURED and m.frame and m.frame[0] in m.text.lower() else None


def limit_and_actual(a: Mention, b: Mention) -> bool:
    """One figure is a limit ("certified for 280 passengers", "a permitted maximum of 250
    tonnes") and the other plays no role: what was carried or held is no side of a dispute
    over what was allowed, whatever their values."""
    x, y = role(a), role(b)
    return (x is None) != (y is None) and "limit" in (x, y)


class Scorer:
    """Pairwise log-odds (``linking.LinkModel``) that two mentions of a block fill one slot.

    Context vectors are MiniLM embeddings of the masked contexts (``context="minilm"``)
    or the parser's own tok2vec vectors, computed during the parse at no extra cost
    (``context="tok2vec"``, for large corpora).
    """

    def __init__(self, block: Sequence[Mention], context: str = "minilm", tol: float = 0.005,
                 model: LinkModel | None = None,
                 tensors: Mapping[str, np.ndarray] | None = None) -> None:
        self.block = list(block)
        self.tol = tol
        self.model = model or LinkModel()
        if context == "tok2vec":
            zero = np.zeros(TENSOR_DIM, dtype=np.float32)
            tensors = tensors or {}
            self.ctx = np.array([_or(tensors.get(m.id), zero) for m in block], dtype=np.float32)
        else:
            self.ctx = embed([m.context for m in block])
        self.disputes: set[tuple[int, int]] = set()  # pairs judged blind to their values
        # of them, pairs the reports themselves make one slot: two outlets' own sums of one
        # thing, two figures one sentence sets against each other
        self.stated_one: set[tuple[int, int]] = set()
        self.vecs = [self.ctx] + [_embed_unique([text(m) for m in block]) for text in TEXTS[1:]]
        self.acts = [act(m) for m in block]
        self.things = [thing(m) for m in block]
        self.tolls = [toll(m) for m in block]
        self.act_vecs = _embed_unique([a or "" for a in self.acts])
        self.thing_vecs = _embed_unique([t or "" for t in self.things])

    def score(self, i: int, j: int) -> float:
        a, b = self.block[i], self.block[j]
        if cannot_link(a, b) or self.toll_and_thing(i, j) or self.small_unlike(i, j):
            return FORBIDDEN
        agree = compatible(a, b, self.tol)
        feats = features(a, b, [float(v[i] @ v[j]) for v in self.vecs], agree)
        score = self.model.logit(feats, agree)
        if not agree and self.judged_blind(i, j):
            self.disputes.add((i, j))
            score = max(score, self.model.dispute_logit(feats))
        return score

    def toll_and_thing(self, i: int, j: int) -> bool:
        """One counts a toll of people ("47 people were detained") and the other counts
        things that are no people ("47 polling stations opened late", "600 aftershocks"):
        two slots, whatever their values. Whether a counted noun names people is read
        from its embedding's likeness to "people" (``PEOPLE_ALIKE``)."""
        a, b = self.block[i], self.block[j]
        if a.kind != "count" or not (a.head and b.head) or a.head == b.head:
            return False
        x, y = self.tolls[i], self.tolls[j]
        if (x is None) == (y is None):
            return False
        other = j if x is not None else i
        return float(self.vecs[2][other] @ _people()) < PEOPLE_ALIKE

    def small_unlike(self, i: int, j: int) -> bool:
        """Two counts of one small value of unlike things ("three bridges were destroyed", "the
        spillway's three radial gates", "a panel of three engineers"): a small whole number
        recurs by chance (``linking.specific``), so its equal value is no evidence of one
        slot, and nouns this unalike (``KINDS_APART``) count two. Not when both may name
        people (``PEOPLE_ALIKE``), whom many nouns name ("the three victims", "three
        passengers lost their lives"), or either is "people" or a toll, which any noun of
        people may count ("two deaths", "two people died"), nor a unit or a span of time
        the parse took for the noun ("38/month")."""
        a, b = self.block[i], self.block[j]
        x, y = self.things[i], self.things[j]
        if not (a.kind == b.kind == "count" and x and y and x != y and a.value == b.value
                and not specific(a)):
            return False
        if {x, y} & PERSONS or self.tolls[i] or self.tolls[j] or x in UNITS or y in UNITS:
            return False
        if min(float(self.vecs[2][k] @ _people()) for k in (i, j)) >= PEOPLE_ALIKE:
            return False
        return float(self.thing_vecs[i] @ self.thing_vecs[j]) < KINDS_APART

    def judged_blind(self, i: int, j: int) -> bool:
        """Whether a pair whose values disagree is judged blind to its values: two reports'
        dates of an act that befalls a named thing once, or a pair of one counted thing and
        names that is a dispute, a drift or two reports' dates of one named thing."""
        a, b = self.block[i], self.block[j]
        if told_twice(a, b, self.things[i], self.things[j]):
            return True
        if dates_nothing(a, self.things[i]) or dates_nothing(b, self.things[j]):
            return False  # "closed on Wednesday morning", "reopened on Thursday morning"
        if self.outlets_own_sums(i, j):
            self.stated_one.add((i, j))
            return True
        if (self.tolls[i] is None) != (self.tolls[j] is None):
            return False  # a toll against a count that names none ("the toll stood at 53",
            # "the real figure was more than 400" aboard): nothing says they count one thing
        if a.extra.get("of_pronoun") or b.extra.get("of_pronoun") or limit_and_actual(a, b):
            return False  # "you cannot argue away 212 of them": of what, the pronoun knows
        if self.set_against(i, j):
            self.stated_one.add((i, j))
            return True
        if not (self.things[i] or self.things[j] or a.kind == "percent" or self.acts_alike(i, j)):
            return False  # two figures that name nothing they measure ("KNGC says 38.", "a
            # ground built for 55,000"): only one act in other words makes them one slot
        return bool(not (a.doc == b.doc and not two_sources(a, b))
                    and same_thing(a, b, self.things[i], self.things[j])
                    and _same_names(a, b, self.things[i], self.things[j])
                    and (self.named_date(i, j)
                         or (self.one_act(i, j) or _named_alike(a, b))
                         and (sources_disagree(a, b) or self.drifts(i, j))))

    def set_against(self, i: int, j: int) -> bool:
        """One sentence sets two sources' figures of one kind against each other ("police
        said 2,000 took part, organisers 15,000"; "nearly 400 tonnes, far above the 180
        tonnes the company admits to"), or corrects one ("480 metres, not 420 metres as the
        company has claimed"): one slot in dispute, however each is worded. Not what each
        source wills (``_willed``: two offers are two slots)."""
        a, b = self.block[i], self.block[j]
        if not (a.doc == b.doc and a.sent_start == b.sent_start and a.unit == b.unit
                and not (_willed(a) or _willed(b))):
            return False
        if sources_disagree(a, b):
            return True
        denied = (_denied(a), _denied(b))  # "480 metres underground, not 420 metres as the
        # company has claimed": the sentence corrects the other's figure
        return (denied[0] != denied[1] and a.said_by != b.said_by and disputable(a, b)
                and not years_apart(a, b))

    def outlets_own_sums(self, i: int, j: int) -> bool:
        """Two outlets state, each in its own voice, a sum of one thing: "the company, already
        wallowing in $60 billion debt", "the business owes $45 billion". A sum told in the
        present (``extra["now"]``: a debt, a value, a deficit) is the thing's at the time of
        the story, so the two are one slot in dispute, though neither names a source; sums
        of past acts may be of two acts ("she was ordered to forfeit $14 million", "he
        forfeited $412 million"). The thing is the noun the sum is of, or the act it
        measures, alike in the embedding ("debt", "owe"); a sum stated for another year
        (``cannot_link``) is another slot."""
        a, b = self.block[i], self.block[j]
        x, y = self.things[i], self.things[j]
        return bool(a.kind == b.kind == "amount" and a.doc != b.doc
                    and a.extra.get("now") and b.extra.get("now")
                    and not (a.said_by or b.said_by) and x and y
                    and (x == y or float(self.thing_vecs[i] @ self.thing_vecs[j]) >= HEADS_ALIKE)
                    and _same_names(a, b, x, y) and disputable(a, b))

    def rounded_alike(self, xs: Sequence[int], ys: Sequence[int]) -> bool:
        """Figures of two groups that agree only within rounding ("95%" and "94.6%") agree
        as one slot only under one act: "94.6% voted to reject the contract" and "95% voted
        to strike" are two votes, whichever the tolerance lets meet. Asked of groups in the
        first phase, of pairs in the second. Equal figures are not asked: their acts vary
        with every wording ("marrying 20 women", "involves 20 individuals")."""
        sx, sy = self._stated(xs), self._stated(ys)
        return all(self.one_act(i, j)
                   for vx, ax in sx.items() for vy, ay in sy.items()
                   if vx != vy and compatible(self.block[next(iter(ax.values()))],
                                              self.block[next(iter(ay.values()))], self.tol)
                   for i in ax.values() for j in ay.values())

    def two_things(self, xs: Sequence[int], ys: Sequence[int]) -> bool:
        """Would the union count two things: a range or a bound and a figure it holds
        ("between 20 and 25 vehicles", "23"; "more than 60 firefighters", "148 passengers"),
        each counting a noun, the two nouns not one in other words and no one act governing
        both ("23" people missing, the vehicles carried)? A range or a bound is wide: that it
        holds a figure of something else is a coincidence of two slots. So is a bound in
        the same words as another, of another noun under another act ("more than 3,000
        homes" destroyed, "more than 3,000 rescuers" joined). An amount that
        names nothing measures its act ("programmes attach above $250 million"): one act
        must then govern both, not merely be missing from one ("losses were likely to be
        $1.1 billion")."""
        wide_x = [i for i in xs if self.block[i].bound in WIDE]
        wide_y = [j for j in ys if self.block[j].bound in WIDE]
        if any(self._bare_in_wide(i, j) for i in wide_x for j in ys) or any(
                self._bare_in_wide(i, j) for i in xs for j in wide_y):
            return True  # ranges and bounds are few: the pairs are those they make
        kx, ky = self._kinds(xs), self._kinds(ys)
        rx = {k: i for k, i in kx.items() if self.block[i].bound in WIDE}
        ry = {k: i for k, i in ky.items() if self.block[i].bound in WIDE}
        pairs = [*((a, b) for a in rx.items() for b in ky.items()),
                 *((a, b) for a in kx.items() for b in ry.items())]  # ranges are few
        return any((vx != vy or self.acts[i] and self.acts[j] and not self.acts_alike(i, j))
                   and hx != hy and float(self.vecs[2][i] @ self.vecs[2][j]) < HEADS_ALIKE
                   and not (self.one_act(i, j) if self.block[i].head and self.block[j].head
                            else self.acts_alike(i, j))
                   for ((vx, hx, _), i), ((vy, hy, _), j) in pairs)

    def _bare_in_wide(self, i: int, j: int) -> bool:
        """A range or a bound and a figure it holds, one of the two naming nothing it counts
        and under no act ("testified over three days", its verb lost to the parse, and
        "three days of deliberations"): nothing but the interval says they are one."""
        a, b = self.block[i], self.block[j]
        if (a.bound in WIDE) == (b.bound in WIDE) or _value_key(a) == _value_key(b):
            return False
        return any(not self.block[k].head and not self.acts[k] for k in (i, j))

    def _kinds(self, ks: Sequence[int]) -> dict[tuple[tuple[object, ...], str, str | None], int]:
        """The figures among ``ks`` that count a noun (not a rate's time: "38/month"):
        (value as stated, noun, act) -> one of them."""
        out: dict[tuple[tuple[object, ...], str, str | None], int] = {}
        for k in ks:
            m = self.block[k]
            what = self.things[k] if m.kind in MEASURED else m.head  # an amount's act
            if what and what not in DURATION_DAYS:
                out.setdefault((_value_key(m), what, self.acts[k]), k)
        return out

    def _stated(self, ks: Sequence[int]) -> dict[tuple[float, str | None], dict[str, int]]:
        """The exact figures among ``ks`` that have an act, and the shares that have none (a
        share is of what was done: "61%" with nothing done is no share to round "61.4%
        turnout" to): (value, unit) -> act -> one of them."""
        out: dict[tuple[float, str | None], dict[str, int]] = {}
        for k in ks:
            m = self.block[k]
            act = self.acts[k]
            if m.bound == "exact" and isinstance(m.value, float) and (act or m.kind == "percent"):
                out.setdefault((m.value, m.unit), {}).setdefault(act or "", k)
        return out

    def named_date(self, i: int, j: int) -> bool:
        """Two reports date one named thing: "the 1798 Alien Enemies Act" and "the 1789
        Wartime Act" (a named law has one year of its own, whatever the sentence does with
        it: "invoking", "using"). Not a thing no name singles out ("the 2008 strike", "the
        2024 strike"), nor a date of an act: acts recur ("won the title in 2001", "won the
        belt in 2005"; "his wife died in 1984", "Felt died Thursday")."""
        a, b = self.block[i], self.block[j]
        return bool(a.kind == "date" and a.doc != b.doc and self.things[i]
                    and not a.extra.get("verb") and not b.extra.get("verb")
                    and a.qualifiers and b.qualifiers)

    def drifts(self, i: int, j: int) -> bool:
        """Close figures of one named thing: a counted noun with each figure under an act
        ("killed 14 people", "killed 15 people"), or what an amount, duration or measure
        measures ("a 57-day strike", "struck for 58 days")."""
        a, b = self.block[i], self.block[j]
        return bool((self.things[i] or self.things[j] or a.kind == "percent")
                    and (self.acts[i] and self.acts[j] or a.kind in MEASURED)
                    and close(a, b))

    def one_act(self, i: int, j: int) -> bool:
        """Could one act govern both figures? Not where each has its act and the two are
        not one in other words ("two people died" and "18 people were hospitalized" count
        two things; "died" and "were killed" one). Figures that name nothing they count
        need an act at least: with neither a counted noun nor an act, nothing but the
        context says they measure one thing."""
        a, b = self.acts[i], self.acts[j]
        if (kind := self.tolls[i]) is not None and kind == self.tolls[j]:
            return True  # "seven missing", "six remain missing": one toll, whatever the verb
        if not (a and b):
            if self.block[i].kind == "percent":
                return False  # a share is of what was done or said: "5.6 percent" names neither
            return bool(self.block[i].head or a or b)
        return self.acts_alike(i, j)

    def acts_alike(self, i: int, j: int) -> bool:
        """Both figures have an act, and the two are one in other words."""
        a, b = self.acts[i], self.acts[j]
        return bool(a and b) and (a == b or float(self.act_vecs[i] @ self.act_vecs[j]) >= HEADS_ALIKE)


MEASURED = frozenset({"amount", "duration", "measure"})
WIDE = frozenset({"range", "min", "max"})  # figures that hold many values ("over 60")


def thing(m: Mention) -> str | None:
    """What a figure measures: the noun it counts or qualifies ("a 57-day strike"); for an
    amount, a duration or a measure that qualifies none, the act it measures ("struck for
    58 days", "owes $45 billion")."""
    if m.kind == "count" and m.text.lower() in NOBODY:
        return "person"  # "no one" counts persons, as "one person" does
    if m.extra.get("population"):
        return "population"  # "a city of 160,000 people" counts no one an event touched
    if m.head or m.kind not in MEASURED or aged(m):
        return m.head
    return act(m)


def aged(m: Mention) -> bool:
    """An age ("a 12-year-old jet", "the jet was 14 years old", "Ana Ruiz, 45"): a property of
    its thing, whatever act the sentence tells of it."""
    return is_age(m.unit)


NOBODY = frozenset({"no one", "no-one", "nobody"})


def act(m: Mention) -> str | None:
    """The first word of the figure's frame that is not its own ("month" of "12 months")
    or the thing it counts: the act or attribute that governs it ("die", "attend")."""
    if aged(m):
        return None  # "the 58-year-old passenger died": the age is not the death's
    words = re.findall(r"[a-z]+", m.text.lower())
    own = {m.head, m.unit} | set(words) | {w.rstrip("s") for w in words}
    return next((w for w in m.frame if w not in own), None)


def _or(vector: np.ndarray | None, default: np.ndarray) -> np.ndarray:
    return default if vector is None else vector


PEOPLE_ALIKE = 0.35  # a counted noun this alike to "people" (cosine) may name people
KINDS_APART = 0.4  # counted nouns this unalike (cosine) name two kinds of thing


@functools.cache
def _people() -> np.ndarray:
    vector: np.ndarray = embed(["people"])[0]
    return vector


def _embed_unique(texts: Sequence[str]) -> np.ndarray:
    """Embed each distinct text once (counted phrases repeat a lot)."""
    unique = sorted(set(texts))
    vecs = embed(unique)
    where = {t: k for k, t in enumerate(unique)}
    return vecs[[where[t] for t in texts]] if texts else vecs


def _block_keys(m: Mention) -> list[object]:
    keys: list[object] = [("v", str(m.value))]
    if m.head:
        keys.append(("h", m.head))
    elif m.frame:
        keys.append(("f", m.frame[0]))
    keys.extend(("q", norm_name(q)) for q in m.qualifiers)
    return keys


def cluster_block(block: Sequence[Mention], base: float, tol: float,
                  context: str = "minilm", model: LinkModel | None = None,
                  tensors: Mapping[str, np.ndarray] | None = None) -> list[list[int]]:
    """Agreeing groups join by average linkage over the candidate pairs' log-odds while the
    mean reaches ``base``; then groups whose values disagree by their best pair
    (``_join_disputes``): a dispute or drift at ``DISPUTE_LOGIT`` (and at least ``base``),
    no other pair whose values disagree, a pair whose values agree at ``base`` plus
    ``DISAGREE_MARGIN``. No forbidden pair is ever joined."""
    if len(block) == 1:
        return [[0]]
    block = with_years(block)
    scorer = Scorer(block, context, tol, model, tensors)
    pairs = candidate_pairs([_block_keys(m) for m in block], scorer.ctx)
    clusters = Clusters(len(block))
    scores: dict[tuple[int, int], float] = {}
    for i, j in pairs.tolist():
        scores[(i, j)] = scorer.score(i, j)
        clusters.add_edge(i, j, scores[(i, j)])
    timed = dated(block)
    agree = lambda x, y: (_may_join(block, x, y, tol, need_agreement=True, timed=timed)
                          and scorer.rounded_alike(x, y) and not scorer.two_things(x, y))
    average_linkage(clusters, base, agree)
    groups = [sorted(m) for m in clusters.members.values()]
    # a pair judged blind to its values (a dispute, or a drift of one named thing) joins
    # when one slot is more likely than two (and at least at the base bar); no other pair
    # whose values disagree joins: on unseen news (bench/alarms.py) the model's own
    # disagreeing pairs were mostly false alarms; agreeing pairs need the margin
    bars = {p: max(base, DISPUTE_LOGIT) if p in scorer.disputes
            else base + DISAGREE_MARGIN if compatible(block[p[0]], block[p[1]], tol)
            and scorer.rounded_alike(p[:1], p[1:])
            else NEVER for p in scores}
    over = {p: s if s <= FORBIDDEN else s - bars[p] for p, s in scores.items()}
    return _join_disputes(block, groups, over, tol, scorer.stated_one)


NEVER = 1e3  # the bar of a pair whose values disagree and that is no dispute: it never joins


def with_years(block: Sequence[Mention]) -> list[Mention]:
    """The block, a figure stated for a day without its year ("177 cases as of Feb. 26" in
    a report without a date: ``extra["time_no_year"]``) given the one year the block's
    other figures are stated for, when they agree on one."""
    years = {m.time[:4] for m in block if m.time}
    if len(years) != 1:
        return list(block)
    year = next(iter(years))
    return [dataclasses.replace(m, time=f"{year}-{day}")
            if not m.time and (day := m.extra.get("time_no_year")) else m for m in block]


def dated(block: Sequence[Mention]) -> list[Mention]:
    """The block, each figure stated for no time given the one time its report states the
    same figure for elsewhere (a headline's "toll hits 214" is the body's 214 "issued at
    6pm on Wednesday")."""
    return _filled(block, "time")


def _filled(block: Sequence[Mention], field: str) -> list[Mention]:
    """The block, each figure without ``field`` (a time, a source) given the one value its
    report gives the same figure elsewhere, when it gives exactly one."""
    given: dict[tuple[str, object, str | None], set[str]] = {}
    for m in block:
        if value := getattr(m, field):
            given.setdefault((m.doc, m.value, m.unit), set()).add(value)
    out = []
    for m in block:
        found = given.get((m.doc, m.value, m.unit), set()) if not getattr(m, field) else set()
        fill: dict[str, Any] = {field: next(iter(found))} if len(found) == 1 else {}
        out.append(dataclasses.replace(m, **fill) if fill else m)
    return out


def _join_disputes(block: Sequence[Mention], groups: list[list[int]],
                   over: dict[tuple[int, int], float], tol: float,
                   stated_one: Collection[tuple[int, int]] = ()) -> list[list[int]]:
    """Groups whose values disagree join by their best pair (single linkage, Kruskal's
    order): a dispute is seen where two reports state it most alike ("Bukele said 23 MS-13
    members", "Homan said 21"), not on average over every wording of both sides. ``over``:
    each pair's log-odds over its bar; a pair at 0 or more may join its groups.
    ``stated_one``: pairs the reports themselves make one slot (``Scorer.outlets_own_sums``,
    ``Scorer.set_against``)."""
    owner = {i: g for g, members in enumerate(groups) for i in members}
    best: dict[tuple[int, int], float] = {}
    for (i, j), score in over.items():
        key = (min(owner[i], owner[j]), max(owner[i], owner[j]))
        if key[0] == key[1]:
            continue
        if score <= FORBIDDEN or best.get(key, 0.0) <= FORBIDDEN:
            best[key] = FORBIDDEN
        else:
            best[key] = max(best.get(key, -math.inf), score)
    roots = Roots(len(groups))
    members = {g: list(m) for g, m in enumerate(groups)}
    voiced, timed = sourced(block), dated(block)
    for score, x, y in sorted(((s, x, y) for (x, y), s in best.items() if s >= 0.0),
                              reverse=True):
        rx, ry = roots.find(x), roots.find(y)
        if rx == ry or not _may_join(block, members[rx], members[ry], tol,
                                     need_agreement=False, voiced=voiced, timed=timed,
                                     stated_one=stated_one):
            continue
        roots.join(rx, ry)
        members[rx] += members.pop(ry)
    return [sorted(m) for m in members.values()]


def _may_join(block: Sequence[Mention], xs: list[int], ys: list[int], tol: float, *,
              need_agreement: bool, voiced: Sequence[Mention] | None = None,
              timed: Sequence[Mention] | None = None,
              stated_one: Collection[tuple[int, int]] = ()) -> bool:
    """Cluster-level constraints: one stated year, and (in the first phase) values that all
    agree and no running tally grown from one to the other (``_grown``); in the second, no
    report contradicting itself (``voiced``: the block ``sourced``). ``timed``: the block
    ``dated``, read for the times figures are stated for."""
    tx = {t[:4] for i in xs if (t := block[i].time)}
    ty = {t[:4] for j in ys if (t := block[j].time)}
    if tx and ty and not tx & ty:
        return False
    if any(moments_apart(block[i], block[j]) for i in xs for j in ys):
        return False
    if not need_agreement:
        return (not _stated_apart(timed or block, xs, ys, stated_one)
                and not _self_contradiction(voiced or block, xs, ys, tol)
                and _dispute_or_drift(block, xs, ys, tol, stated_one))
    vx = {_value_key(block[i]): block[i] for i in xs}
    vy = {_value_key(block[j]): block[j] for j in ys}
    return (all(compatible(a, b, tol) for a in vx.values() for b in vy.values())
            and not _grown(timed or block, xs, ys))


def _grown(block: Sequence[Mention], xs: list[int], ys: list[int]) -> bool:
    """One group's running tally grown in the other, in a later report (``updated``), and
    the two state no figure for one time: "has now killed at least 187" on Saturday is not
    the 212 dead as of Wednesday, though a bound lets both be true."""
    if _stated_times(block, xs) & _stated_times(block, ys):
        return False
    return any(updated(block[i], block[j], block) or updated(block[j], block[i], block)
               for i in xs for j in ys)


def _paired(pairs: Collection[tuple[int, int]], i: int, j: int) -> bool:
    """Whether ``i`` and ``j`` are a pair of ``pairs``, either way round."""
    return (i, j) in pairs or (j, i) in pairs


def _stated_apart(block: Sequence[Mention], xs: list[int], ys: list[int],
                  stated_one: Collection[tuple[int, int]] = ()) -> bool:
    """Both groups state their values for times, and no time of one covers one of the
    other's, or a running tally in one is an update of one in the other (``updated``):
    one slot at two times is a series (``series.py``), not a conflict. Not an update where
    a sentence corrects a figure of one with one of the other (a pair of ``stated_one``,
    one figure ``_denied``: "has been fined €2.1 million, not the €1.2 million it quotes"):
    the report says both are live, one of them wrong."""
    if any(past_toll(block[i], block[j]) for i in xs for j in ys):
        return False  # two reports' tolls of one past event: no tally running on
    tx, ty = _stated_times(block, xs), _stated_times(block, ys)
    if tx and ty and not any(a.startswith(b) or b.startswith(a) for a in tx for b in ty):
        return True
    if any(_paired(stated_one, i, j) and _denied(block[i]) != _denied(block[j])
           for i in xs for j in ys):
        return False
    return any(updated(block[i], block[j], block) or updated(block[j], block[i], block)
               for i in xs for j in ys)


def updated(old: Mention, new: Mention, block: Sequence[Mention] = ()) -> bool:
    """``new`` updates ``old``: a running tally (a toll: the dead, the injured, ...; or a
    figure its words date to the report: "has burned", "so far", "as of"), grown, in a
    report of a later day than the one that gave it before (58 dead on Tuesday, 96 on
    Wednesday; 4,000 hectares burned, then 7,200), not stated for one time with it. Two
    sources' figures are an update too (the police's 47 detained on Monday, the minister's
    214 a week later), unless a report of the later day or after still gives the earlier
    figure (``block``): then the two are live side by side, a dispute (the coast guard's 112
    rescued, restated the day the governor said 121). The restatement must be of the same
    tally, and not told as history beside the report's own larger figure (``_outgrown``)."""
    day_old, day_new = old.extra.get("day") or "", new.extra.get("day") or ""
    if not (len(day_old) == len(day_new) == 10 and day_old < day_new
            and isinstance(old.value, float) and isinstance(new.value, float)
            and new.value > old.value
            and ((kind := toll(old)) is not None and kind == toll(new)
                 or old.extra.get("running") or new.extra.get("running"))
            and not (old.time and old.time == new.time)):
        return False
    return not two_sources(old, new) or not any(
        m.value == old.value and m.unit == old.unit and len(day := m.extra.get("day") or "") == 10
        and day >= day_new and toll(m) == toll(old) and not _outgrown(m, new, block)
        for m in block)  # not "three remain missing" beside "four have died"


def _outgrown(old: Mention, new: Mention, block: Sequence[Mention]) -> bool:
    """``old``'s report also gives its tally at ``new``'s figure or beyond: it tells the old
    figure as history ("on the night of the crash, 27 were injured ... officials now say
    43"), not as a live one."""
    kind = toll(old)
    return kind is not None and any(
        m.doc == old.doc and m.unit == old.unit and toll(m) == kind
        and isinstance(m.value, float) and isinstance(new.value, float) and m.value >= new.value
        for m in block)


def _stated_times(block: Sequence[Mention], ks: list[int]) -> set[str]:
    """The times a group's figures are stated for, read from its exact figures when it has
    any: an approximation that joined them ("around 20 kids", told on Wednesday) does not
    date a count the others state exactly."""
    exact = [k for k in ks if block[k].bound == "exact"]
    return {t for k in exact or ks if (t := _stated_time(block[k]))}


def _stated_time(m: Mention) -> str | None:
    """The time a figure is stated for; not the day a figure that does not run on (no
    toll, no running tally) was said ("on Monday gave the first police estimate, saying
    61,000 people had been inside": the crowd of the final)."""
    if m.extra.get("said_on") and toll(m) is None and not m.extra.get("running"):
        return _tally_day(m)
    return m.time or _tally_day(m)


def _tally_day(m: Mention) -> str | None:
    """A running tally the text dates to its report ("seven people are still missing", "so
    far") and to no time of its own is stated as of its report's day."""
    day = m.extra.get("day") or ""
    return day if m.extra.get("running") and len(day) == 10 else None


def _self_contradiction(block: Sequence[Mention], xs: list[int], ys: list[int],
                        tol: float) -> bool:
    """Would the union have one report give one counted thing two values that cannot both
    be true, from one source (or both in its own voice)? A report states a dispute
    ("officials say one, the secretary two") with two sources; the same source giving two
    values of one thing in one report means two slots. Two figures that count different
    things ("two doses", "one dose") say nothing of it: a stray figure linked into a fact
    must not keep that fact's dispute apart; nor does a figure the report denies ("480
    metres, not 420 as the company has claimed"), which it sets against its own."""
    by_doc: dict[str, list[Mention]] = {}
    for i in xs:
        by_doc.setdefault(block[i].doc, []).append(block[i])
    for j in ys:
        b = block[j]
        for a in by_doc.get(b.doc, ()):
            if (not compatible(a, b, tol) and not two_sources(a, b)
                    and thing(a) == thing(b) and _denied(a) == _denied(b)):
                return True
    return False


def sourced(block: Sequence[Mention]) -> list[Mention]:
    """The block, each figure a report states in its own voice given the source the same
    report names for the same figure elsewhere (a headline's "325,000 protest" is the
    Archive's when the body says "325,000, the Archive said"), when it names exactly one.
    A report's own figure against a source's is then a dispute of two sources, not one
    voice contradicting itself."""
    return _filled(block, "said_by")


def _dispute_or_drift(block: Sequence[Mention], xs: list[int], ys: list[int], tol: float,
                      stated_one: Collection[tuple[int, int]] = ()) -> bool:
    """Two groups whose values disagree are one slot only where some pair of them names the
    same thing (``thing``: the same counted noun, or neither names one) and is a dispute
    (two sources, figures within ``DISPUTE_SPAN``) or drifts (values close); a drift of
    figures that name nothing needs the act that governs them shared ("a 97% efficacy
    rate" and "a goal of 95%" are two slots). Two outlets' own sums of one thing and two
    figures one sentence sets against each other (``stated_one``), two reports' dates of
    an act that befalls a thing once (``once_dated``) and two reports' ages of one thing
    (``one_age``) are a dispute."""
    for i in xs:
        for j in ys:
            a, b = block[i], block[j]
            if told_twice(a, b, thing(a), thing(b)) or _paired(stated_one, i, j):
                return True
            if dates_nothing(a, thing(a)) or dates_nothing(b, thing(b)):
                continue
            if not same_thing(a, b, thing(a), thing(b)) or limit_and_actual(a, b):
                continue  # two counted nouns, or one where the other counts none
            if RATIO in (a.unit, b.unit):
                continue  # a multiplier is never disputed: "three times faster" and "five
                # times faster" are two comparisons
            if a.kind == "date" and a.head:
                return True  # two dates of one named thing or act: "passed in 1798" / "1789"
            if sources_disagree(a, b) and not compatible(a, b, tol):
                return True
            if close(a, b) and (thing(a) or set(a.frame[:2]) & set(b.frame[:2])):
                return True  # drift of one named thing, or of what one act did
    return False


def _value_key(m: Mention) -> tuple[object, ...]:
    return (m.value, m.unit, m.bound, m.low, m.high)


def verdict(mentions: Sequence[Mention], tol: float) -> tuple[str, str]:
    """The status and why: a conflict names each value with its sources ("disputed: 23
    (Nayib Bukele) vs 21 (Tom Homan)"), or how many reports state it when no source is
    named ("33,000 (5 reports) vs 32,000 (1 report)")."""
    docs = {m.doc for m in mentions}
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if not compatible(a, b, tol):
                prefix = "disputed: " if named_apart(sides(mentions)) else ""
                return "conflict", prefix + describe(mentions)
    if len(docs) >= 2:
        return "agreed", f"{len(mentions)} mentions in {len(docs)} reports agree"
    return "single", "stated in one report only"


def reconcile(mentions: Sequence[Mention], event_of: dict[str, str], *,
              threshold: float, tolerance: float, context: str = "auto",
              kept: MutableMapping[str, list[list[int]]] | None = None,
              processes: int = 1, model: LinkModel | None = None,
              tensors: Mapping[str, np.ndarray] | None = None) -> list[Fact]:
    """Group mentions into facts, event by event and dimension by dimension.

    ``tensors``: the parser's context vector of each mention by its id (``nlp.extract``
    finds them beside the mentions), which ``context="tok2vec"`` compares.

    ``threshold`` is the probability (``linking.LinkModel``, the shipped weights unless a
    ``model`` is given) at which the mentions of two groups fill one slot on average.

    A block's grouping depends on nothing but its mentions and the settings, so with the
    ``kept`` groupings (``cache.BlockCache``: this stage's kept state, beside the record)
    a block seen before is not clustered again: ``corroborator add`` re-clusters only the
    blocks a new report joins.
    Blocks are independent: with ``processes`` > 1 and enough mentions to cluster, they
    are clustered by that many forked worker processes.
    """
    blocks: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        if m.value is None:
            continue  # an unresolved date ("on Sunday", published day unknown)
        blocks.setdefault((event_of.get(m.doc, ""), dimension(m)), []).append(m)
    for block in blocks.values():  # the same grouping whatever order the reports came in
        block.sort(key=lambda m: (m.doc, m.start, m.id))
    context = context_mode(context, sum(len(b) for b in blocks.values()))
    model = model or LinkModel()
    keys = {b: block_key(block, threshold, tolerance, context, model, tensors)
            for b, block in blocks.items()}
    done = {b: kept.get(key) for b, key in keys.items()} if kept is not None else {}
    todo = [block for b, block in blocks.items() if done.get(b) is None]
    # one batched call for every distinct slot text (and context); blocks then find them embedded
    for text in TEXTS[int(context != "minilm"):]:
        embed(sorted({text(m) for block in todo for m in block if len(block) > 1}))
    # ...and what a Scorer embeds besides (each figure's act and thing, "people"), so that a
    # forked worker finds every text embedded and never starts a model of its own
    embed(sorted({text or "" for block in todo for m in block if len(block) > 1
                  for text in (act(m), thing(m))}))
    _people()
    pending = [b for b in sorted(blocks) if done.get(b) is None]
    found = _cluster_all([blocks[b] for b in pending], link_logit(threshold), tolerance, context,
                         processes, model, tensors)
    for b, groups in zip(pending, found):
        done[b] = groups
        if kept is not None:
            kept[keys[b]] = groups
    facts: list[Fact] = []
    for (event, dim), block in sorted(blocks.items()):
        groups = done[(event, dim)] or []  # every block was clustered above
        for members in groups:
            group = sorted((block[i] for i in members), key=lambda m: (m.doc, m.start))
            facts.append(make_fact(group, event or None, tolerance))
    return sorted(facts, key=fact_order)


def context_mode(setting: str, valued: int) -> str:
    """The context vectors reconciliation uses for ``valued`` mentions with a value:
    ``setting``, or for "auto" MiniLM up to ``AUTO_MINILM_MAX`` mentions and tok2vec beyond."""
    if setting != "auto":
        return setting
    return "minilm" if valued <= AUTO_MINILM_MAX else "tok2vec"


def link_logit(threshold: float) -> float:
    """The mean log-odds two groups need to join, for a probability ``threshold``."""
    return math.log(threshold / (1 - threshold)) if 0 < threshold < 1 else 0.0


def _cluster_all(blocks: Sequence[Sequence[Mention]], threshold: float, tolerance: float,
                 context: str, processes: int, model: LinkModel,
                 tensors: Mapping[str, np.ndarray] | None = None) -> list[list[list[int]]]:
    """``cluster_block`` of each block, in order; in worker processes when worth it."""
    if (processes <= 1 or sum(len(b) for b in blocks) < PARALLEL_MIN_MENTIONS
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [cluster_block(b, threshold, tolerance, context, model, tensors) for b in blocks]
    global _WORK
    _WORK = (blocks, threshold, tolerance, context, model, tensors)  # forked workers inherit it: nothing is sent
    gc.freeze()  # their garbage collector then leaves the inherited objects' pages shared
    try:
        largest_first = sorted(range(len(blocks)), key=lambda k: -len(blocks[k]))
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            groups = dict(zip(largest_first, pool.map(_cluster_at, largest_first, chunksize=4)))
    finally:
        gc.unfreeze()
        _WORK = None
    return [groups[k] for k in range(len(blocks))]


_WORK: tuple[Sequence[Sequence[Mention]], float, float, str, LinkModel,
             Mapping[str, np.ndarray] | None] | None = None


def _cluster_at(k: int) -> list[list[int]]:
    assert _WORK is not None
    blocks, threshold, tolerance, context, model, tensors = _WORK
    return cluster_block(blocks[k], threshold, tolerance, context, model, tensors)


def block_key(block: Sequence[Mention], threshold: float, tolerance: float, context: str,
              model: LinkModel | None = None,
              tensors: Mapping[str, np.ndarray] | None = None) -> str:
    """What a block's grouping depends on: every field of its mentions and their context
    vectors, in order, the settings and the link model's weights (``repr`` of a float is
    exact; a vector counts by its bytes)."""
    from ..record.cache import code_digest

    model = model or LinkModel()
    weights = repr(model)
    h = hashlib.sha256(f"{code_digest()}|{threshold!r}|{tolerance!r}|{context}|{weights}".encode())
    for m in block:
        extra = {k: v.tobytes() if isinstance(v, np.ndarray) else v
                 for k, v in sorted(m.extra.items())}
        tensor = (tensors or {}).get(m.id)
        fingerprint = repr((tuple(getattr(m, f) for f in _MENTION_FIELDS), extra,
                            None if tensor is None else tensor.tobytes()))
        h.update(fingerprint.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


_MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(Mention) if f.name != "extra")


def make_fact(group: Sequence[Mention], event: str | None, tol: float) -> Fact:
    status, reason = verdict(group, tol)
    values = Counter((m.value, m.unit) for m in group)  # "€2 billion" and "$2.2 billion"
    (value, unit), _ = values.most_common(1)[0]
    digest = hashlib.sha1("|".join(m.id for m in group).encode()).hexdigest()[:10]
    return Fact(
        id=f"f{digest}", event=event, label=fact_label(group), subject=_subject(group),
        kind=group[0].kind, status=status, mentions=tuple(group), value=value,
        unit=unit, reason=reason,
    )


def _subject(group: Sequence[Mention]) -> str | None:
    """What the fact is about, as most of its mentions name it: never its source ("Vucic
    said 56 people were injured" is about the injured, not about Vucic)."""
    sources = [m.said_by for m in group if m.said_by]
    subjects = Counter(m.subject for m in group if m.subject and re.search(r"[^\W\d_]", m.subject)
                       and not (sources and names_overlap([m.subject], sources)))
    return subjects.most_common(1)[0][0] if subjects else None


def fact_label(group: Sequence[Mention]) -> str:
    """A readable label: what is counted, measured or dated, as most of its mentions name it,
    with the verb that says what befell it as the reports write it, what it is about, and
    the time it is stated for when they agree on one ("Workers (striking), as of
    2024-09-13"; "People injured"; "Date: the Alien Enemies Act"; "Date: the child was
    hospitalized")."""
    named = Counter(_what(m) for m in group if _what(m))
    what = max(named, key=lambda w: (named[w], len(w), w)) if named else ""
    frames = Counter(f for m in group if (f := _label_frame(m)))
    frame = max(frames, key=lambda f: (frames[f], f)) if frames else ""
    verb = _written(frame, group) if frame else ""
    if group[0].kind == "date":
        label = f"Date: {what}" if what else f"Date ({verb})" if verb else "Date"
    elif what:
        label = what[0].upper() + what[1:]
        if verb and frame not in what.lower() and verb.lower() not in what.lower():
            label += f" {verb}" if PARTICIPLE.search(verb) else f" ({verb})"
    else:
        label = f"{_KIND_NAMES.get(group[0].kind, group[0].kind)} ({verb or 'unnamed'})"
    subject = _subject(group)
    if subject and subject.lower() not in label.lower():
        label += f", {subject}"
    times = {m.time for m in group}
    if len(times) == 1 and (time := next(iter(times))):
        label += f", as of {time}"
    return label


def _label_frame(m: Mention) -> str | None:
    """The frame word a label says: the first; for a share, its act, since a share's
    first frame word is often its own ("per cent", "two-thirds")."""
    if m.kind == "percent":
        return act(m)
    return m.frame[0] if m.frame else None


PARTICIPLE = re.compile(r"(?:ed|en)$")  # "injured", "killed", "taken": said after the noun


def _written(lemma: str, group: Sequence[Mention]) -> str:
    """The word a verb or noun lemma ("injure") is written as in the mentions' sentences
    ("injured"), as most of them write it; the lemma when none does."""
    low = lemma.lower()
    written = Counter(str(m.extra["frame_text"]) for m in group
                      if m.frame[:1] == (lemma,) and m.extra.get("frame_text"))
    if written:  # as the analysis read it off the sentence: "took" for "take"
        return max(written, key=lambda w: (written[w], bool(PARTICIPLE.search(w)), w))
    stem = low.removesuffix("e")
    forms = {low, low + "s", low + "es", low + "d", low + "ed", low + "n", low + "en",
             stem + "ed", stem + "ing", stem + "en", low + low[-1:] + "ed",
             low + low[-1:] + "ing"}  # "injured", "died", "taken", "planned", "ramming"
    found = Counter(w for m in group for w in re.findall(r"[A-Za-z]+", m.sentence)
                    if w.lower() in forms)
    return max(found, key=lambda w: (found[w], w.islower(), w)).lower() if found else lemma


_KIND_NAMES = {"count": "Figure", "amount": "Amount", "duration": "Duration",
               "percent": "Share", "measure": "Measure", "other": "Value"}


def _what(m: Mention) -> str:
    """What a mention counts, as the report words it, without a leading article or "of"
    (for a date of an act, the act as a clause: ``extract._dated_clause``)."""
    words = str(m.extra.get("what") or m.counted or "").split()
    while words and (words[0].lower() in LEADING or not re.match(r"[^\W\d_]", words[0])):
        words = words[1:]  # "and 787 planes", "/ month", "in 5 incoming kindergartners"
    return " ".join(words)


# words a counted phrase may open with that name nothing: articles, "of", conjunctions
LEADING = frozenset(
    "of the a an some its their and or but in per than".split()  # noqa: SIM905
)
