"""Mentions -> facts: one fact per real-world slot, with a status.

Stages (each a pure function)::

    block     mentions of one event and one dimension (kind + base unit)
    score     how alike two mentions' slots are: counted noun, qualifying names,
              governing frame, masked context (embedded), stated time
    cluster   average-linkage, with cannot-links (different names, different
              times, two values of one sentence)
    verdict   agreed / single / conflict from the mentions' value intervals

No false alarms by construction: a bound is an interval ("over 250" is
[250, inf)), so it conflicts only with a value outside it; unit conversions are
compared in base units; dates at their common precision; and two mentions
whose values disagree must be more alike to share a fact than two that agree
(``CONFLICT_MARGIN``), because a wrong link with different values is a false
conflict while a wrong link with equal values is harmless.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import math
import multiprocessing
import re
from collections import Counter
from collections.abc import MutableMapping, Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from rapidfuzz import fuzz

from .clustering import Clusters, average_linkage, candidate_pairs
from .embed import embed
from .models import Fact, Mention, fact_order
from .nlp.numbers import to_base

CONFLICT_MARGIN = 0.12  # extra similarity two disagreeing mentions need to be linked
QUALIFIER_MATCH = 85  # rapidfuzz ratio above which two names are one name
SAME_VALUE_BONUS = 0.2  # equal values, stated alike, in one event are evidence of one slot
CLOSE_RATIO = 2.0  # values further apart than this are not "the same figure"
SAME_DOC_BONUS = 0.15  # ... and more so when one report repeats its own figure
AUTO_MINILM_MAX = 3000  # "auto": sentence embeddings up to this many mentions, tok2vec beyond
TENSOR_DIM = 96  # width of en_core_web_sm's tok2vec vectors
PARALLEL_MIN_MENTIONS = 5000  # fewer mentions to cluster are clustered in this process


def dimension(m: Mention) -> str:
    if m.kind in ("measure", "duration") and m.value is not None:
        return f"{m.kind}:{to_base(float(m.value), m.unit)[1]}"
    if m.kind == "amount":
        return f"amount:{m.unit}"
    return m.kind


def interval(m: Mention, tol: float) -> tuple[float, float]:
    value = float(m.value)  # type: ignore[arg-type]
    low = m.low if m.low is not None else value
    high = m.high if m.high is not None else value
    base, _ = to_base(1.0, m.unit) if m.kind in ("measure", "duration") else (1.0, None)
    if m.bound == "exact":
        low, high = value * (1 - tol), value * (1 + tol)
        if m.kind == "measure" and m.unit and m.unit not in ("km", "kg", "l"):
            low, high = value * (1 - 0.02), value * (1 + 0.02)  # converted figures are rounded
    if "alt" in m.extra:
        low, high = value * 0.98, value * 1.02
    return low * base, high * base


def compatible(a: Mention, b: Mention, tol: float) -> bool:
    if a.kind == "date" or b.kind == "date":
        x, y = _day_range(str(a.value)), _day_range(str(b.value))
        return x[0] <= y[1] and y[0] <= x[1]
    lo_a, hi_a = interval(a, tol)
    lo_b, hi_b = interval(b, tol)
    return lo_a <= hi_b and lo_b <= hi_a


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


def _norm_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _names_overlap(a: Sequence[str], b: Sequence[str]) -> bool:
    na, nb = [_norm_name(x) for x in a], [_norm_name(x) for x in b]
    return any(x and y and (x == y or fuzz.ratio(x, y) >= QUALIFIER_MATCH or x in y or y in x)
               for x in na for y in nb)


def _time_clash(a: Mention, b: Mention) -> bool:
    if not a.time or not b.time:
        return False
    return a.time[:4] != b.time[:4]


def cannot_link(a: Mention, b: Mention) -> bool:
    if a.doc == b.doc and a.sent_start == b.sent_start:
        return True  # two values of one sentence are two slots
    if _time_clash(a, b):
        return True
    return bool(a.qualifiers and b.qualifiers and not _names_overlap(a.qualifiers, b.qualifiers))


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a[:4]), set(b[:4])
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def _slot_text(m: Mention) -> str:
    return m.counted or m.head or ""


class Scorer:
    """Pairwise slot similarity over a block of mentions.

    Context vectors are MiniLM embeddings of the masked contexts (``context="minilm"``)
    or the parser's own tok2vec vectors, computed during the parse at no extra cost
    (``context="tok2vec"``, for large corpora).
    """

    def __init__(self, block: Sequence[Mention], context: str = "minilm") -> None:
        self.block = list(block)
        if context == "tok2vec":
            zero = np.zeros(TENSOR_DIM, dtype=np.float32)
            self.ctx = np.array([_or(m.extra.get("tensor"), zero) for m in block], dtype=np.float32)
        else:
            self.ctx = embed([m.context for m in block])
        self.slot = _embed_unique([_slot_text(m) for m in block])

    def score(self, i: int, j: int) -> float:
        a, b = self.block[i], self.block[j]
        if cannot_link(a, b):
            return -1.0
        ctx = float(self.ctx[i] @ self.ctx[j])
        if a.head and b.head:
            head = 1.0 if a.head == b.head else max(0.0, float(self.slot[i] @ self.slot[j]))
        else:
            head = 0.4 if not a.head and not b.head else 0.2
        score = 0.45 * ctx + 0.35 * head + 0.2 * _jaccard(a.frame, b.frame)
        same = same_statement(a, b)
        if a.qualifiers and b.qualifiers:
            score += 0.2  # the same names qualify both (a clash was ruled out above)
        elif (a.qualifiers or b.qualifiers) and not same:
            score -= 0.1
        if same:
            score += SAME_VALUE_BONUS if _specific(a) else SAME_VALUE_BONUS / 2.5
            if a.doc == b.doc:
                score += SAME_DOC_BONUS
        return score


def _or(vector: np.ndarray | None, default: np.ndarray) -> np.ndarray:
    return default if vector is None else vector


def _embed_unique(texts: Sequence[str]) -> np.ndarray:
    """Embed each distinct text once (counted phrases repeat a lot)."""
    unique = sorted(set(texts))
    vecs = embed(unique)
    where = {t: k for k, t in enumerate(unique)}
    return vecs[[where[t] for t in texts]] if texts else vecs


def _specific(m: Mention) -> bool:
    """A value unlikely to recur by chance: not a small whole number."""
    if m.kind == "date":
        return True
    return not (isinstance(m.value, float) and m.value <= 12 and m.value.is_integer())


def same_statement(a: Mention, b: Mention) -> bool:
    """Equal values stated the same way (both exact, or the same kind of bound)."""
    if a.value != b.value or a.bound != b.bound:
        return False
    return a.kind != "measure" or a.unit == b.unit


def link_threshold(a: Mention, b: Mention, base: float, tol: float) -> float:
    """Agreeing mentions link at ``base``; disagreeing ones need more, and the same slot key."""
    if compatible(a, b, tol) and _close(a, b):
        return base
    return base + CONFLICT_MARGIN if same_slot_key(a, b) else math.inf


def _close(a: Mention, b: Mention) -> bool:
    """Stated values of one order of magnitude: two lower bounds, 'over 250' and
    'over 70,000', are compatible as intervals but hardly the same figure."""
    if a.kind == "date" or not isinstance(a.value, float) or not isinstance(b.value, float):
        return True
    x, y = sorted((abs(to_base(a.value, a.unit)[0]), abs(to_base(b.value, b.unit)[0])))
    return x == y or (x > 0 and y / x <= CLOSE_RATIO)


def same_slot_key(a: Mention, b: Mention) -> bool:
    """Hard evidence that two mentions fill one slot, required before calling a conflict:
    the same names qualify them, or they count the same noun under the same predicates
    (for dates: they date the same noun or act). Figures drift, they do not jump: values
    an order of magnitude apart are taken for two slots, not one disputed slot."""
    if a.qualifiers and b.qualifiers and _names_overlap(a.qualifiers, b.qualifiers):
        return _close(a, b)
    if a.kind == "date":
        verbs = a.extra.get("verb"), b.extra.get("verb")
        return bool(a.head and a.head == b.head) or bool(verbs[0] and verbs[0] == verbs[1])
    if not a.head or a.head != b.head:
        return False
    # the same governing predicates: "was carrying 131" is not "licensed to carry 400"
    return bool(a.frame and b.frame and a.frame[:2] == b.frame[:2]) and _close(a, b)


def _block_keys(m: Mention) -> list[object]:
    keys: list[object] = [("v", str(m.value))]
    if m.head:
        keys.append(("h", m.head))
    elif m.frame:
        keys.append(("f", m.frame[0]))
    keys.extend(("q", _norm_name(q)) for q in m.qualifiers)
    return keys


def cluster_block(block: Sequence[Mention], base: float, tol: float,
                  context: str = "minilm") -> list[list[int]]:
    """Two phases over candidate pairs: mentions that agree are grouped by average
    linkage; then groups whose values disagree are joined where a pair of them shares a
    hard slot key and the groups are alike on average."""
    if len(block) == 1:
        return [[0]]
    scorer = Scorer(block, context)
    pairs = candidate_pairs([_block_keys(m) for m in block], scorer.ctx)
    clusters = Clusters(len(block))
    keyed: list[tuple[float, int, int]] = []
    for i, j in pairs.tolist():
        score = scorer.score(i, j)
        clusters.add_edge(i, j, score)
        if score >= base + CONFLICT_MARGIN and same_slot_key(block[i], block[j]):
            keyed.append((score, i, j))
    agree = lambda x, y: _may_join(block, x, y, tol, need_agreement=True)
    average_linkage(clusters, base, agree)
    return _merge_conflicts(block, clusters, sorted(keyed, reverse=True), base, tol)


def _may_join(block: Sequence[Mention], xs: list[int], ys: list[int], tol: float, *,
              need_agreement: bool) -> bool:
    """Cluster-level constraints: no sentence twice, one set of names, one stated year,
    and (in the first phase) values that all agree."""
    sx = {(block[i].doc, block[i].sent_start) for i in xs}
    if any((block[j].doc, block[j].sent_start) in sx for j in ys):
        return False
    for attr in ("qualifiers", "time"):
        if not _compatible_sets(block, xs, ys, attr):
            return False
    if not need_agreement:
        return True
    vx = {_value_key(block[i]): block[i] for i in xs}
    vy = {_value_key(block[j]): block[j] for j in ys}
    return all(compatible(a, b, tol) and _close(a, b) for a in vx.values() for b in vy.values())


def _value_key(m: Mention) -> tuple[object, ...]:
    return (m.value, m.unit, m.bound, m.low, m.high)


def _compatible_sets(block: Sequence[Mention], xs: list[int], ys: list[int], attr: str) -> bool:
    if attr == "time":
        tx = {t[:4] for i in xs if (t := block[i].time)}
        ty = {t[:4] for j in ys if (t := block[j].time)}
        return not tx or not ty or bool(tx & ty)
    qx = [q for i in xs for q in block[i].qualifiers]
    qy = [q for j in ys for q in block[j].qualifiers]
    return not qx or not qy or _names_overlap(qx, qy)


def _merge_conflicts(block: Sequence[Mention], clusters: Clusters,
                     keyed: list[tuple[float, int, int]], base: float, tol: float) -> list[list[int]]:
    """Join disagreeing groups linked by a keyed pair and alike on average."""
    owner = {i: cid for cid, members in clusters.members.items() for i in members}
    next_id = max(clusters.members) + 1
    for _, i, j in keyed:
        a, b = owner[i], owner[j]
        if a == b:
            continue
        avg = clusters.average(a, b)
        if avg is None or avg < base - CONFLICT_MARGIN:
            continue
        if not _may_join(block, clusters.members[a], clusters.members[b], tol, need_agreement=False):
            continue
        clusters.merge(a, b, next_id)
        for k in clusters.members[next_id]:
            owner[k] = next_id
        next_id += 1
    return [sorted(m) for m in clusters.members.values()]


def verdict(mentions: Sequence[Mention], tol: float) -> tuple[str, str]:
    docs = {m.doc for m in mentions}
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if not compatible(a, b, tol):
                return "conflict", f"{a.text} ({a.doc}) vs {b.text} ({b.doc})"
    if len(docs) >= 2:
        return "agreed", f"{len(mentions)} mentions in {len(docs)} reports agree"
    return "single", "stated in one report only"


def reconcile(mentions: Sequence[Mention], event_of: dict[str, str], *,
              threshold: float, tolerance: float, context: str = "auto",
              memo: MutableMapping[str, list[list[int]]] | None = None,
              processes: int = 1) -> list[Fact]:
    """Group mentions into facts, event by event and dimension by dimension.

    A block's grouping depends on nothing but its mentions and the settings, so with a
    ``memo`` (``cache.BlockCache``: kept beside the record) a block seen before is not
    clustered again: ``corroborator add`` re-clusters only the blocks a new report joins.
    Blocks are independent: with ``processes`` > 1 and enough mentions to cluster, they
    are clustered by that many forked worker processes.
    """
    blocks: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        if m.value is None:
            continue  # an unresolved date ("on Sunday", published day unknown)
        blocks.setdefault((event_of.get(m.doc, ""), dimension(m)), []).append(m)
    context = context_mode(context, sum(len(b) for b in blocks.values()))
    keys = {b: block_key(block, threshold, tolerance, context) for b, block in blocks.items()}
    done = {b: memo.get(key) for b, key in keys.items()} if memo is not None else {}
    todo = [block for b, block in blocks.items() if done.get(b) is None]
    # one batched call for every distinct slot text (and context); blocks then find them embedded
    embed(sorted({_slot_text(m) for block in todo for m in block if len(block) > 1}))
    if context == "minilm":
        embed(sorted({m.context for block in todo for m in block if len(block) > 1}))
    pending = [b for b in sorted(blocks) if done.get(b) is None]
    found = _cluster_all([blocks[b] for b in pending], threshold, tolerance, context, processes)
    for b, groups in zip(pending, found):
        done[b] = groups
        if memo is not None:
            memo[keys[b]] = groups
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


def _cluster_all(blocks: Sequence[Sequence[Mention]], threshold: float, tolerance: float,
                 context: str, processes: int) -> list[list[list[int]]]:
    """``cluster_block`` of each block, in order; in worker processes when worth it."""
    if (processes <= 1 or sum(len(b) for b in blocks) < PARALLEL_MIN_MENTIONS
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [cluster_block(b, threshold, tolerance, context) for b in blocks]
    global _WORK
    _WORK = (blocks, threshold, tolerance, context)  # forked workers inherit it: nothing is sent
    gc.freeze()  # their garbage collector then leaves the inherited objects' pages shared
    try:
        largest_first = sorted(range(len(blocks)), key=lambda k: -len(blocks[k]))
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            groups = dict(zip(largest_first, pool.map(_cluster_at, largest_first, chunksize=4)))
    finally:
        gc.unfreeze()
        _WORK = None
    return [groups[k] for k in range(len(blocks))]


_WORK: tuple[Sequence[Sequence[Mention]], float, float, str] | None = None


def _cluster_at(k: int) -> list[list[int]]:
    assert _WORK is not None
    blocks, threshold, tolerance, context = _WORK
    return cluster_block(blocks[k], threshold, tolerance, context)


def block_key(block: Sequence[Mention], threshold: float, tolerance: float, context: str) -> str:
    """What a block's grouping depends on: every field of its mentions, in order, and the
    settings (``repr`` of a float is exact; a vector counts by its bytes)."""
    from .cache import code_digest

    h = hashlib.sha256(f"{code_digest()}|{threshold!r}|{tolerance!r}|{context}".encode())
    for m in block:
        extra = {k: v.tobytes() if isinstance(v, np.ndarray) else v
                 for k, v in sorted(m.extra.items())}
        fingerprint = repr((tuple(getattr(m, f) for f in _MENTION_FIELDS), extra))
        h.update(fingerprint.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


_MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(Mention) if f.name != "extra")


def make_fact(group: Sequence[Mention], event: str | None, tol: float) -> Fact:
    status, reason = verdict(group, tol)
    values = Counter(m.value for m in group)
    value, _ = values.most_common(1)[0]
    digest = hashlib.sha1("|".join(m.id for m in group).encode()).hexdigest()[:10]
    return Fact(
        id=f"f{digest}", event=event, label=fact_label(group), subject=_subject(group),
        kind=group[0].kind, status=status, mentions=tuple(group), value=value,
        unit=group[0].unit, reason=reason,
    )


def _subject(group: Sequence[Mention]) -> str | None:
    subjects = Counter(m.subject for m in group if m.subject)
    return subjects.most_common(1)[0][0] if subjects else None


def fact_label(group: Sequence[Mention]) -> str:
    """A readable label: what is counted or dated, and the frame that governs it."""
    m = max(group, key=lambda x: len(x.counted or ""))
    what = m.counted or m.head or m.kind
    frame = next((f for x in group for f in x.frame if f != m.head), "")
    if m.kind == "date":
        return f"date: {what}"
    if frame and frame not in what.lower():
        return f"{what} ({frame})"
    return what
