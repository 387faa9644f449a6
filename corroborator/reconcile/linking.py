"""Do two mentions fill one real-world slot? A logistic pair model over slot-frame features.

Reports word one slot in many ways ("5 people were on board", "the plane carried
five", "all five occupants"), and disputed figures differ by far more than a
rounding ("police said 60,000, organisers 400,000"). So no single key (the
counted noun, its verb, its value) decides a link: the model weighs evidence
that holds across stories:

    context     MiniLM cosine of the two masked contexts (the sentence around
                the value, with the value replaced by ``#``)
    slot        what is counted: the same lemma, or the cosine of the counted
                phrases; whether either has none ("put the crowd at 36,000")
    frame       the governing predicates and nouns shared
    names       the names qualifying the counted noun: shared, or clashing
    values      equal as stated; compatible as intervals; how far apart
                (log ratio); a small whole number (which recurs by chance)
    sources     who the text attributes each to: the same, or two different
                sources (a dispute is one slot stated by two sources)
    place       the same report, the same sentence
    time        the years the values are stated for differ

``WEIGHTS`` and ``BIAS`` are fit by ``bench/facts.py --fit`` on the pairs of
gold mentions of the visible real stories (``../shared/corpus``): every pair of
found mentions of one event and one dimension, labelled by whether gold puts
them in one fact. The figures quoted in ``bench/RESULTS.md`` are leave-one-story-
out: fit on the other stories, score the one left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz

from ..models import Mention
from ..nlp.dates import first_day
from ..nlp.numbers import to_base
from . import money

QUALIFIER_MATCH = 85  # rapidfuzz ratio above which two names are one name
FAR_LOG = 3.0  # log ratios of values are capped here (a factor of 20)

LEAD_CHARS = 400  # a value whose sentence starts this early is in the headline or lead
NEAR_WORDS = 6  # words each side of the value in its near context
HEADS_ALIKE = 0.6  # counted phrases this alike (cosine) name one thing in other words
DRIFT = 0.15  # values within this log ratio (about 16%) drift rather than differ

FEATURES = (
    "context",
    "near_context",
    "slot_phrase",
    "both_in_lead",
    "slot_same_head",
    "slot_similarity",
    "slot_missing",
    "heads_differ",
    "frame_shared",
    "names_shared",
    "names_clash",
    "same_value",
    "same_value_specific",
    "compatible",
    "log_ratio",
    "log_ratio_two_sources",
    "drift",
    "sources_differ",
    "same_source",
    "same_report",
    "same_sentence",
    "subject_shared",
    "date",
)
# what the values say, left out when a dispute is judged (``LinkModel.dispute_logit``)
VALUE_FEATURES = ("same_value", "same_value_specific", "log_ratio", "log_ratio_two_sources",
                  "drift")
# Two sets of weights: for pairs whose values can both be true (``AGREE``: is this the same
# slot stated twice?) and for pairs whose values cannot (``DISAGREE``: is this one slot in
# dispute, or two slots?). Equal values are the strongest evidence of the first and say
# nothing of the second, so one set of weights would let them drown the rest.
# fmt: off
AGREE = (
    1.60, 1.21, 1.25, 0.98, 0.54, -0.09, 0.56, -0.05, -0.29, 0.12, 0.09, 1.15,
    0.40, -0.00, -2.50, 0.02, 0.00, 0.82, 0.92, -0.47, -0.34, 0.21, 0.89,
)
AGREE_BIAS = -0.82
DISAGREE = (
    1.04, 0.00, 2.02, -0.10, -0.97, 0.62, 0.57, -1.38, -0.20, 1.87, 0.42, 0.00,
    0.00, 0.00, -0.89, -0.27, 0.52, 1.89, -2.02, -0.94, 1.15, -0.45, 1.03,
)
DISAGREE_BIAS = -2.40
# fmt: on

def norm_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def names_overlap(a: Sequence[str], b: Sequence[str]) -> bool:
    na, nb = [norm_name(x) for x in a], [norm_name(x) for x in b]
    return any(x and y and (x == y or fuzz.ratio(x, y) >= QUALIFIER_MATCH or x in y or y in x)
               for x in na for y in nb) or any(
        acronym_of(x, y) or acronym_of(y, x) for x in a for y in b)


def acronym_of(short: str, name: str) -> bool:
    """"USGS" of "the U.S. Geological Survey", "CDC" of "Centers for Disease Control",
    "DSHS" of "Texas Department of State Health Services" (a leading place may be left
    out of the letters)."""
    letters = re.sub(r"[^A-Za-z]", "", short)
    if not (2 <= len(letters) <= 8 and letters.isupper()) or len(name) <= len(short):
        return False
    initials = "".join(
        re.sub(r"[^A-Z]", "", w) if re.fullmatch(r"(?:[A-Z]\.)+", w) else w[0]
        for w in re.findall(r"[A-Za-z][\w.'-]*", name) if w[0].isupper())
    return len(initials) >= len(letters) and initials.endswith(letters)


def slot_text(m: Mention) -> str:
    return m.counted or m.head or ""


def specific(m: Mention) -> bool:
    """A value unlikely to recur by chance: not a small whole number."""
    if m.kind == "date":
        return True
    return not (isinstance(m.value, float) and m.value <= 12 and m.value.is_integer())


def same_statement(a: Mention, b: Mention) -> bool:
    """Equal values stated the same way (both exact, or the same kind of bound)."""
    if a.value != b.value or a.bound != b.bound:
        return False
    return a.kind not in ("measure", "amount") or a.unit == b.unit


def log_ratio(a: Mention, b: Mention, cap: float = FAR_LOG) -> float:
    """How far apart two values are, as |log(x / y)| capped at ``cap``; two dates: 0 when
    one covers the other, else the years between them (capped at ``FAR_LOG``)."""
    if not isinstance(a.value, float) or not isinstance(b.value, float):
        return _years_apart(str(a.value), str(b.value))
    x, y = abs(to_base(a.value, a.unit)[0]), abs(to_base(b.value, b.unit)[0])
    if a.kind == "amount" and a.unit != b.unit:  # "€2 billion" and "$2.2 billion"
        y *= money.factor(a, b) or 1.0
    if x == y:
        return 0.0
    if x == 0 or y == 0:
        return cap
    return min(cap, abs(math.log(x / y)))


def close(a: Mention, b: Mention) -> bool:
    """Values near enough to drift: within ``DRIFT`` of each other, or two whole counts, or
    two whole durations in one unit, one apart ("two killed", "three killed"; "no one", "one
    person"; "for three weeks", "for four weeks"), the nearest two such figures can be."""
    if log_ratio(a, b) < DRIFT:
        return True
    return bool(a.kind == b.kind and a.kind in ("count", "duration")
                and a.unit == b.unit and isinstance(a.value, float)
                and isinstance(b.value, float) and a.value.is_integer() and b.value.is_integer()
                and abs(a.value - b.value) == 1)


def _years_apart(a: str, b: str) -> float:
    if a.startswith(b) or b.startswith(a):
        return 0.0
    try:
        x, y = first_day(a), first_day(b)
    except ValueError:
        return FAR_LOG
    return min(FAR_LOG, abs((x - y).days) / 365.25)


def two_sources(a: Mention, b: Mention) -> bool:
    """Each is attributed to a named source, and the two are different sources."""
    return bool(a.said_by and b.said_by and not names_overlap([a.said_by], [b.said_by]))


def time_clash(a: Mention, b: Mention) -> bool:
    """Both values are stated for a time, in different years."""
    return bool(a.time and b.time and a.time[:4] != b.time[:4])


def near_context(m: Mention) -> str:
    """The ``NEAR_WORDS`` words each side of the masked value: what the figure is, said
    closely ("police put the crowd at #", "# people were injured")."""
    words = m.context.split()
    at = next((k for k, w in enumerate(words) if "#" in w), 0)
    return " ".join(words[max(0, at - NEAR_WORDS) : at + NEAR_WORDS + 1])


def slot_phrase(m: Mention) -> str:
    """What is counted and the predicates that govern it: "people die", "attendance put"."""
    words = [m.counted or m.head or ""]
    words += [f for f in m.frame[:2] if f not in words[0].lower()]
    return " ".join(w for w in words if w)


TEXTS = (lambda m: m.context, near_context, slot_text, slot_phrase)  # embedded per mention


def features(a: Mention, b: Mention, sims: Sequence[float], compatible: bool) -> list[float]:
    """The model's features (``FEATURES``) for one pair. ``sims`` are the cosines of the
    embedded ``TEXTS`` of the two (masked context, near context, counted phrase, slot
    phrase); ``compatible`` whether their values can both be true."""
    context, near, slot, phrase = sims
    same = same_statement(a, b)
    ratio = log_ratio(a, b)
    both_heads = bool(a.head and b.head)
    sources = (a.said_by, b.said_by)
    two = two_sources(a, b)
    return [
        context,
        near,
        phrase,
        float(a.sent_start < LEAD_CHARS and b.sent_start < LEAD_CHARS),
        float(both_heads and a.head == b.head),
        slot if both_heads else 0.0,
        float(not both_heads),
        float(both_heads and a.head != b.head and slot < HEADS_ALIKE),
        _jaccard(a.frame, b.frame),
        float(bool(a.qualifiers and b.qualifiers and names_overlap(a.qualifiers, b.qualifiers))),
        float(bool(a.qualifiers and b.qualifiers and not names_overlap(a.qualifiers, b.qualifiers))),
        float(same),
        float(same and specific(a)),
        float(compatible),
        ratio,
        ratio if two else 0.0,
        float(not compatible and ratio < DRIFT),
        float(two),
        float(bool(sources[0] and sources[1] and names_overlap([sources[0]], [sources[1]]))),
        float(a.doc == b.doc),
        float(a.doc == b.doc and a.sent_start == b.sent_start),
        float(bool(a.subject and a.subject == b.subject)),
        float(a.kind == "date"),
    ]


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a[:4]), set(b[:4])
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


class LinkModel:
    """The fitted weights: ``logit(features, compatible)`` is the log-odds that a pair is one
    slot, by the weights for agreeing or for disagreeing pairs."""

    def __init__(self, agree: tuple[Sequence[float], float] = (AGREE, AGREE_BIAS),
                 disagree: tuple[Sequence[float], float] = (DISAGREE, DISAGREE_BIAS)) -> None:
        for weights, _ in (agree, disagree):
            if len(weights) != len(FEATURES):
                raise ValueError(f"{len(weights)} weights for {len(FEATURES)} features")
        self.agree = (np.asarray(agree[0], dtype=np.float64), float(agree[1]))
        self.disagree = (np.asarray(disagree[0], dtype=np.float64), float(disagree[1]))

    def logit(self, feats: Sequence[float], compatible: bool) -> float:
        weights, bias = self.agree if compatible else self.disagree
        return float(np.dot(weights, feats)) + bias

    def dispute_logit(self, feats: Sequence[float]) -> float:
        """For two values that cannot both be true, stated by two different named sources:
        the log-odds that they fill one slot judged as two agreeing mentions are, with the
        values left out (a dispute is one slot however far apart its figures are: police
        60,000, organisers 400,000)."""
        blind = list(feats)
        for name in VALUE_FEATURES:
            blind[FEATURES.index(name)] = 0.0
        blind[FEATURES.index("compatible")] = 1.0
        return self.logit(blind, True)

    def __repr__(self) -> str:
        return repr((self.agree[0].tolist(), self.agree[1], self.disagree[0].tolist(),
                     self.disagree[1]))

def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, steps: int = 3000,
        weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (a few features, a few thousand
    pairs): the weights and the bias. ``weight``: each pair's weight (default 1)."""
    n, k = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(k + 1)
    sw = np.ones(n) if weight is None else weight
    reg = np.full(k + 1, l2)
    reg[-1] = 1e-6  # the bias is not shrunk
    for _ in range(min(steps, 100)):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (sw * (p - y)) + reg * w
        hess = (xb * (sw * p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1], float(w[-1])
