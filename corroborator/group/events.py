"""Group reports by the real-world event they describe, in two levels.

Reports about one story share words; within a story, similar but different
events (two earthquakes on one island, two offers to one ballplayer) share most
of them too. So reports are grouped twice:

1. **stories** (``stories.py``): TF-IDF cosine of the whole text, average linkage
   at ``STORY_SIMILAR``, scoring only the pairs that share a distinctive word;
2. **events** within each story: a logistic model scores every pair of the
   story's reports (``pair_features``). Sibling events of a story share most
   words, so besides words, lead, names and MiniLM similarity (and the same
   measured against the rest of the story) it reads what tells siblings apart:
   names and lead weighted by TF-IDF *within the story* (the words all its
   reports share weigh nothing) and compared against the rest of it; years the
   leads' dates fall in, shared or all different; weekdays the leads name;
   places and people named by two or more of the story's reports, none shared
   or how many; shared or clashing lead figures; whether the names that open
   each report occur in the other; and time: the days each report's event fell
   in (``profiles.event_days``: a lead date, else its published date, date stamp
   or dateline), close together or how far apart. Groups join by average linkage
   while the mean log-odds of their pairs pass those of ``threshold`` (0.5: even
   odds) by ``MERGE_MARGIN``. Two reports whose headline counts (the first count
   of each lead) count the same thing, in the same role, ``HEADLINE_RATIO`` or
   more apart may never share an event (cannot-link), unless they are dated close
   together. A group of ``SMALL_EVENT`` reports or fewer then joins the closest
   larger event of its story when its mean log-odds reach ``ATTACH_LOGIT`` and
   they are not dated ``FAR_DAYS`` or more apart: a report whose wording strays
   is rarely an event of its own, but one dated weeks away is. This level is
   quadratic in the size of a story, not of the batch.

The model's weights (``WEIGHTS``) are fit by ``bench/events_real.py --fit`` on the
ECB+ dev topics 1-35 and on the real multi-outlet stories with gold events
(``shared/corpus``); ``MERGE_MARGIN``, ``ATTACH_LOGIT`` and ``REAL_WEIGHT`` were
chosen by leaving one real story out at a time (``--choose``), with ECB+ held
at 0.95 pairwise F1 or more. The features added to the first nine and
``SMALL_EVENT`` were chosen earlier by cross-validation across the dev topics;
topics 36-45 (the ECB+ test split) were used neither to fit nor to choose.

Grouping is incremental: events passed as ``known`` keep their reports and
their ids; a new report joins one of them or starts a new event, and two known
events are never merged. A report added to a record in place is placed by
``placing.place`` against the record's kept stories, with this module's pair
model, linkage and labels (``events_of_story``, ``event_of``).
"""


from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..models import CleanDoc, Entity, Event, Mention
from ..nlp.embed import embed
from . import event_parts as parts
from .event_parts import Clashes
from .profiles import (
    Frequencies,
    Profile,
    Vector,
    days_apart,
    lead_text,
    pack,
    parts_of,
    tfidf,
    unpack,
    weigh,
)
from .stories import average_linkage, heaviest, stories

MERGE_MARGIN = 0.0  # groups join when their mean log-odds pass the threshold's by this
SMALL_EVENT = 5  # an event this small may join the closest larger one...
ATTACH_LOGIT = -1.0  # ...when the mean log-odds that they are one event reach this
FULL_PAIRS_MAX = 60  # a story this large or smaller has every pair of reports scored...
NEIGHBOURS = 30  # ...a larger one each report's most alike reports only
UNSCORED_LOGIT = -8.0  # the log-odds an unscored pair counts for: surely two events
COSINE_BLOCK = 4096  # words per dense block when a story's cosines are computed
CLOSE_DAYS = 3  # two reports whose event days are this close (each known to a week)...
CLOSE_WIDTH = 7  # ...are dated close together
APART_CAP = 120  # days apart count up to this (in months of 30 days)
FAR_DAYS = 10  # a small event dated this many days from a larger one does not join it
REAL_WEIGHT = 1.0  # in the fit (bench/events_real.py), a real story's pair against an ECB+ pair

# Weights of the pair model, fit by ``bench/events_real.py --fit`` on ECB+ dev topics 1-35
# and the real stories.
FEATURES = (
    "words",
    "lead",
    "embedding",
    "names",
    "words_in_story",
    "embedding_in_story",
    "figures_agree",
    "figures_clash",
    "opening_names_shared",
    "names_by_story",
    "lead_by_story",
    "years_shared",
    "years_differ",
    "weekdays_differ",
    "places_differ",
    "people_shared",
    "dates_close",
    "dates_apart",
)
# "dates_close" and "dates_apart" are left out of the fit (weight 0): see bench/RESULTS.md
# fmt: off
WEIGHTS = (
    15.51, -0.75, 0.95, -1.47, -7.6, 8.52, 1.96, -1.43, 4.02,
    5.23, 5.46, 3.21, -0.4, -0.68, -0.9, 1.6, 0.0, 0.0,
)
# fmt: on
BIAS = -10.08

# -- level 2: events within a story ----------------------------------------------------


def _second_order(sim: np.ndarray) -> np.ndarray:
    """How alike two reports' similarities to the rest of the story are."""
    rows = sim / np.maximum(np.linalg.norm(sim, axis=1, keepdims=True), 1e-9)
    out: np.ndarray = rows @ rows.T
    return out


def _cosines(vectors: Sequence[Vector]) -> np.ndarray:
    """Every pair's cosine (the diagonal set to 1) as one matrix product, over the
    vectors' words in blocks of ``COSINE_BLOCK`` so that memory stays bounded."""
    m = len(vectors)
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for x, vec in enumerate(vectors):
        for w, v in vec.items():
            rows.append(x)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append(v)
    out = np.zeros((m, m))
    r, c = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    weights = np.array(vals)
    for lo in range(0, len(vocab), COSINE_BLOCK):
        sel = (c >= lo) & (c < lo + COSINE_BLOCK)
        dense = np.zeros((m, min(COSINE_BLOCK, len(vocab) - lo)))
        dense[r[sel], c[sel] - lo] = weights[sel]
        out += dense @ dense.T
    np.fill_diagonal(out, 1.0)
    return out


def _differ(a: frozenset[str], b: frozenset[str]) -> float:
    """1.0 when both reports give some and none of them agree."""
    return float(bool(a and b and not a & b))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.5


def _coverage(a: Profile, b: Profile, shared: Counter[str]) -> float:
    """Share of the names a report opens with (and others in the story use) found in another."""
    names = [w for w in a.opening_names if shared[w] >= 2]
    return sum(w in b.tokens for w in names) / len(names) if names else 1.0


def _figures_match(a: Profile, b: Profile) -> tuple[int, int]:
    keys = a.figures.keys() & b.figures.keys()
    agree = sum(1 for k in keys if a.figures[k] & b.figures[k])
    return min(agree, 2), min(len(keys) - agree, 2)


def _in_story(story: Sequence[int], profs: Sequence[Profile]) -> list[Profile]:
    """The story's profiles with only the people and places two or more of its reports name:
    one report's stray name tells it from no one."""
    people = Counter(p for i in story for p in profs[i].people)
    places = Counter(p for i in story for p in profs[i].places)
    return [
        replace(
            profs[i],
            people=frozenset(p for p in profs[i].people if people[p] >= 2),
            places=frozenset(p for p in profs[i].places if places[p] >= 2),
        )
        for i in story
    ]


def pair_features(
    story: Sequence[int], profs: Sequence[Profile], vecs: np.ndarray
) -> dict[tuple[int, int], list[float]]:
    """The model's features (``FEATURES``) for the pairs of a story's reports (every pair,
    or in a large story, each report with its nearest; see ``_story_pairs``).

    Names and lead are also weighted by TF-IDF within the story, where the words
    every report of it shares weigh nothing and the ones that tell its events
    apart weigh most, and compared against the rest of the story.
    """
    words = _cosines([profs[i].words for i in story])
    emb = vecs[list(story)] @ vecs[list(story)].T
    words2, emb2 = _second_order(words), _second_order(emb)
    names2 = _second_order(_cosines(tfidf([list(profs[i].name_bag) for i in story])))
    lead2 = _second_order(_cosines(tfidf([list(profs[i].lead_bag) for i in story])))
    shared = Counter(w for i in story for w in profs[i].opening_names)
    local = _in_story(story, profs)
    leads = _cosines([a.lead for a in local])
    names = _cosines([a.names for a in local])
    out = {}
    for x, y in _story_pairs(words + emb):
        a, b = local[x], local[y]
        agree, clash = _figures_match(a, b)
        out[(story[x], story[y])] = [
            words[x, y],
            float(leads[x, y]),
            float(emb[x, y]),
            float(names[x, y]),
            float(words2[x, y]),
            float(emb2[x, y]),
            agree,
            clash,
            _coverage(a, b, shared) * _coverage(b, a, shared),
            float(names2[x, y]),
            float(lead2[x, y]),
            float(bool(a.years & b.years)),
            _differ(a.years, b.years),
            _differ(a.weekdays, b.weekdays),
            _differ(a.places, b.places),
            _jaccard(a.people, b.people),
            *_time(a, b),
        ]
    return out


def _time(a: Profile, b: Profile) -> tuple[float, float]:
    """Whether two reports' event days are known to a week and close, and how many
    months (of 30 days, up to ``APART_CAP`` days) apart they are (0 when either is
    undated: ECB+ reports carry no dates)."""
    gap = days_apart(a.dated, b.dated)
    if gap is None or a.dated is None or b.dated is None:
        return 0.0, 0.0
    narrow = max(a.dated[1] - a.dated[0], b.dated[1] - b.dated[0]) <= CLOSE_WIDTH
    return float(narrow and gap <= CLOSE_DAYS), min(gap, APART_CAP) / 30


def _story_pairs(similar: np.ndarray) -> list[tuple[int, int]]:
    """The pairs of a story's reports the model scores: all of them, or in a story of more
    than ``FULL_PAIRS_MAX`` reports each report's ``NEIGHBOURS`` most alike (words and lead
    embedding): the work then grows linearly with the story, not with its square."""
    m = len(similar)
    if m <= FULL_PAIRS_MAX:
        return [(x, y) for x in range(m) for y in range(x + 1, m)]
    near = np.argsort(-similar, axis=1, kind="stable")[:, : NEIGHBOURS + 1]
    return sorted({(min(x, int(y)), max(x, int(y))) for x in range(m) for y in near[x] if y != x})


def pair_logits(features: dict[tuple[int, int], list[float]]) -> dict[tuple[int, int], float]:
    w = np.array(WEIGHTS)
    return {p: float(np.dot(w, f)) + BIAS for p, f in features.items()}


def _attach_small(
    groups: list[list[int]],
    logits: dict[tuple[int, int], float],
    known: set[int],
    forbidden: Callable[[list[int], list[int]], bool],
    days: Callable[[int], tuple[int, int] | None] | None = None,
) -> list[list[int]]:
    """Small new groups join the larger group of the story they are most likely one with,
    unless ``days`` (a report's event days) date them ``FAR_DAYS`` or more apart: a report
    dated weeks from an event is no stray report of it (a later protest, a second storm).

    ``known`` holds the reports of known events: a group holding one is never small, and
    is a larger group only when it has more than ``SMALL_EVENT`` reports, as it was when
    the build found it (so that ``add`` places a report as a build of all would).
    """

    def mean(a: list[int], b: list[int]) -> float:
        return sum(logits.get((min(i, j), max(i, j)), UNSCORED_LOGIT)
                   for i in a for j in b) / (len(a) * len(b))

    out = [list(g) for g in groups]
    small = [k for k, g in enumerate(out) if len(g) <= SMALL_EVENT and not known.intersection(g)]
    larger = [k for k, g in enumerate(out) if len(g) > SMALL_EVENT]
    for k in small:
        options = [(mean(out[k], out[t]), -t) for t in larger
                   if not forbidden(out[k], out[t]) and not _far(out[k], out[t], days)]
        best = max(options, default=None)
        if best and best[0] >= ATTACH_LOGIT:
            out[-best[1]] += out[k]
            out[k] = []
    return [sorted(g) for g in out if g]


def _far(a: list[int], b: list[int], days: Callable[[int], tuple[int, int] | None] | None
         ) -> bool:
    """Whether the dated reports of two groups are all ``FAR_DAYS`` or more apart."""
    if days is None:
        return False
    x = [d for d in map(days, a) if d is not None]
    y = [d for d in map(days, b) if d is not None]
    return bool(x and y) and min(days_apart(i, j) or 0.0 for i in x for j in y) >= FAR_DAYS


# -- the stage --------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """Events, and what ``corroborator add`` keeps to place a later report among them
    (``placing.place``): each report's profile parts (``profiles.pack``ed, as they are
    kept), the batch's frequencies, each report's story (an index into the stories) and
    its heaviest words (which find its story partners), and the lead embeddings the
    events were found with."""

    events: list[Event]
    ids: list[str]
    parts: list[bytes]
    frequencies: Frequencies
    story_of: list[int]
    heavy: list[list[str]]
    leads: np.ndarray  # each report's lead embedding (float32, one row a report)


def group_events(
    docs: Sequence[CleanDoc],
    mentions: Sequence[Mention],
    sent_starts: dict[str, list[int]],
    *,
    threshold: float,
    entities: Sequence[Entity] = (),
    known: Sequence[Event] = (),
    leads: np.ndarray | None = None,
) -> list[Event]:
    """Reports grouped by event; ``threshold`` is the probability two reports must reach.

    ``known`` events (from an earlier build) keep their reports and ids; the
    reports they do not hold join one of them or form new events.
    """
    if not docs:
        return []
    return group(docs, mentions, sent_starts, threshold=threshold, entities=entities,
                 known=known, leads=leads).events


def lead_vectors(docs: Sequence[CleanDoc]) -> np.ndarray:
    """The lead embeddings of ``docs`` (one row a report), for a caller that has none from
    the analysis (``nlp.analyse.Analysed.leads``)."""
    return embed([lead_text(d) for d in docs])


def group(
    docs: Sequence[CleanDoc],
    mentions: Sequence[Mention],
    sent_starts: dict[str, list[int]],
    *,
    threshold: float,
    entities: Sequence[Entity] = (),
    known: Sequence[Event] = (),
    leads: np.ndarray | None = None,
) -> Grouping:
    """``group_events``, with the ``Grouping`` it was found from. ``leads``: the reports'
    lead embeddings, in the order of ``docs`` (embedded here when None)."""
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m)
    index = {d.id: k for k, d in enumerate(docs)}
    seen: set[str] = set()
    seeds = []
    for e in known:  # a report held by two known events stays with the first
        seeds.append([index[d] for d in e.documents if d in index and d not in seen])
        seen.update(e.documents)
    keep = [k for k, s in enumerate(seeds) if s]
    known, seeds = [known[k] for k in keep], [seeds[k] for k in keep]
    # parts are packed as they are made (what they hold as objects is ten times what they
    # pack to) and unpacked one at a time to be weighed
    freq, packed, openings = Frequencies(), [], set[str]()
    for d in docs:
        p = parts_of(d, by_doc.get(d.id, []), sent_starts.get(d.id, []))
        freq.add(p)
        openings |= p.opening_names
        packed.append(pack(p))
    profs = weigh((unpack(b) for b in packed), freq, entities, openings=frozenset(openings))
    vecs = lead_vectors(docs) if leads is None else np.asarray(leads, dtype=np.float32)
    if len(vecs) != len(docs):
        raise ValueError(f"group() takes one lead vector a report: {len(vecs)} for {len(docs)}")
    forbidden = Clashes(docs, by_doc, sent_starts).between
    groups: list[list[int]] = []
    logit = event_logit(threshold)
    story_of = [0] * len(docs)
    for number, story in enumerate(stories(profs, seeds)):
        for i in story:
            story_of[i] = number
        groups.extend(events_of_story(story, profs, vecs, seeds, logit, forbidden))
    events = _events(groups, docs, by_doc, vecs, known, seeds, entities)
    heavy = [heaviest(p.words) for p in profs]
    return Grouping(events, [d.id for d in docs], packed, freq, story_of, heavy, vecs)


def event_logit(threshold: float) -> float:
    """The mean log-odds two groups need to join, for a probability ``threshold``."""
    logit = math.log(threshold / (1 - threshold)) if 0 < threshold < 1 else 0.0
    return logit + MERGE_MARGIN


def events_of_story(
    story: list[int],
    profs: Sequence[Profile],
    vecs: np.ndarray,
    seeds: Sequence[Sequence[int]],
    logit: float,
    forbidden: Callable[[list[int], list[int]], bool],
) -> list[list[int]]:
    """The events of a story's reports (``story``: their positions in ``profs`` and
    ``vecs``): the pair model's log-odds linked by ``link_story``, the ``seeds`` (known
    events) locked."""
    if len(story) == 1:
        return [story]
    return link_story(story, pair_logits(pair_features(story, profs, vecs)), seeds, logit,
                      forbidden, days=lambda i: profs[i].dated)


def link_story(
    story: list[int],
    logits: dict[tuple[int, int], float],
    seeds: Sequence[Sequence[int]],
    logit: float,
    forbidden: Callable[[list[int], list[int]], bool],
    *,
    days: Callable[[int], tuple[int, int] | None] | None = None,
) -> list[list[int]]:
    """The events of a story's reports from its pairs' log-odds: average linkage at
    ``logit`` (known events locked), then small groups join the closest larger one not
    dated far from them (``days``: a report's event days)."""
    inside = set(story)
    own = [list(s) for s in seeds if inside.issuperset(s)]
    local = {i: k for k, i in enumerate(story)}
    scores = {(local[i], local[j]): s for (i, j), s in logits.items()}
    found = average_linkage(
        len(story),
        scores,
        logit,
        seeds=[[local[i] for i in s] for s in own],
        fixed=len(own),
        forbidden=lambda a, b: forbidden([story[i] for i in a], [story[i] for i in b]),
        unscored=UNSCORED_LOGIT,
    )
    groups = [[story[i] for i in g] for g in found]
    return _attach_small(groups, logits, {i for s in own for i in s}, forbidden, days)


def _events(
    groups: list[list[int]],
    docs: Sequence[CleanDoc],
    by_doc: dict[str, list[Mention]],
    vecs: np.ndarray,
    known: Sequence[Event],
    seeds: Sequence[Sequence[int]],
    entities: Sequence[Entity],
) -> list[Event]:
    """Events, largest first, with ids: a known event keeps its id, new ones take free ones."""
    seed_of = {i: k for k, s in enumerate(seeds) for i in s}
    taken = {e.id for e in known}
    fresh = free_ids(taken)
    places = parts.Places(entities)
    events = []
    for g in sorted(groups, key=lambda g: (-len(g), min(g))):
        k = next((seed_of[i] for i in g if i in seed_of), None)
        event_id = known[k].id if k is not None else next(fresh)
        events.append(event_of(event_id, [docs[i] for i in g], by_doc, vecs[g], places))
    return events


def free_ids(taken: set[str]) -> Iterator[str]:
    """Event ids not in ``taken``, in order: e1, e2, ..."""
    return (f"e{k}" for k in itertools.count(1) if f"e{k}" not in taken)


def event_of(event_id: str, members: Sequence[CleanDoc], by_doc: dict[str, list[Mention]],
             vecs: np.ndarray, places: parts.Places) -> Event:
    """The event of the reports ``members`` (``vecs``: their lead embeddings, in order):
    labelled with the headline that best sums up their leads (of the reports with a title,
    when any has one), its place and its day."""
    centre = np.sum(vecs, axis=0)
    # the headline that best sums up the event's leads, of the reports with a title when
    # any has one (a first line may be a photo caption)
    pool = [i for i, d in enumerate(members) if parts.headed(d)] or list(range(len(members)))
    lines = embed([parts.headline(members[i]) for i in pool])
    central = pool[int(np.argmax(np.round(lines @ centre, 5)))]
    when = parts.when(members, by_doc)
    ids = tuple(d.id for d in members)
    label = parts.label(members[central], when, parts.where(ids, places))
    return Event(event_id, label, ids, when)
