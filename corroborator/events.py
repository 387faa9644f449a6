"""Group reports by the real-world event they describe.

Reports about one story are alike in words, so similarity alone merges a later,
smaller incident into the first one. Two signals decide:

- similarity of the reports' leads (title and first sentences), embedded with
  all-MiniLM-L6-v2: reports with little in common are different events;
- the headline count: the first count of people or things in a report's lead
  ("Seventeen members were flown", "over 250 gang members deported"). Two
  reports whose headline counts of the same kind of thing differ by a factor of
  ``HEADLINE_RATIO`` or more describe different events, however alike their words.
  Such pairs may never share an event (a cannot-link constraint).

Clustering is average-linkage agglomeration under those constraints.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from .embed import embed
from .models import CleanDoc, Event, Mention

LEAD_SENTENCES = 6  # sentences of a report that form its lead
ROLE_SIMILAR = 0.45  # masked contexts this alike give a count the same role
HEADLINE_RATIO = 3.0  # headline counts this far apart describe different events


def lead_text(doc: CleanDoc, limit: int = 600) -> str:
    title = doc.source.title or ""
    body = " ".join(doc.text.split())
    text = body if title and body.startswith(title) else f"{title}. {body}"
    return text[:limit]


def lead_counts(mentions: Sequence[Mention], lead_end: int) -> list[Mention]:
    """The exact or bounded counts of people or things in the lead of a report."""
    return [m for m in mentions if m.start <= lead_end and m.kind == "count"
            and m.head and m.bound != "vague" and m.low is not None]


def _role(m: Mention) -> tuple[str, str]:
    """What a count counts and what happened to it: ('people', 'rescue')."""
    return (m.head or "", m.frame[0] if m.frame else "")


def _far_apart(a: Mention, b: Mention) -> bool:
    lo_a, hi_a = a.low or 0.0, a.high if a.high is not None else math.inf
    lo_b, hi_b = b.low or 0.0, b.high if b.high is not None else math.inf
    if hi_a < lo_b:
        return lo_b >= HEADLINE_RATIO * max(hi_a, 1.0)
    if hi_b < lo_a:
        return lo_a >= HEADLINE_RATIO * max(hi_b, 1.0)
    return False


def _lead_end(doc: CleanDoc, sentence_starts: Sequence[int]) -> int:
    starts = sorted(sentence_starts)
    return starts[LEAD_SENTENCES] if len(starts) > LEAD_SENTENCES else len(doc.text)


def cannot_link(docs: Sequence[CleanDoc], by_doc: dict[str, list[Mention]],
                sent_starts: dict[str, list[int]]) -> set[tuple[int, int]]:
    """Pairs of reports whose leads count the same thing, in the same role, far apart."""
    leads = [lead_counts(by_doc.get(d.id, []), _lead_end(d, sent_starts.get(d.id, [])))
             for d in docs]
    flat = [m for lead in leads for m in lead]
    vecs = embed([m.context for m in flat])
    index = {m.id: k for k, m in enumerate(flat)}
    out: set[tuple[int, int]] = set()
    for i, a in enumerate(leads):
        for j in range(i + 1, len(leads)):
            if _leads_clash(a, leads[j], lambda x, y: float(vecs[index[x.id]] @ vecs[index[y.id]])):
                out.add((i, j))
    return out


def _leads_clash(a: Sequence[Mention], b: Sequence[Mention],
                 sim: Callable[[Mention, Mention], float]) -> bool:
    """True when a lead count and its closest counterpart in the other lead are far apart."""
    for xs, ys in ((a, b), (b, a)):
        for x in xs:
            same = [y for y in ys if y.head == x.head
                    and ((_role(y) == _role(x) and all(_role(x))) or sim(x, y) >= ROLE_SIMILAR)]
            if same and _far_apart(x, max(same, key=lambda y: sim(x, y))):
                return True
    return False


def cluster(sim: np.ndarray, forbidden: set[tuple[int, int]], threshold: float) -> list[list[int]]:
    """Average-linkage agglomerative clustering that never joins a forbidden pair."""
    clusters: list[list[int]] = [[i] for i in range(len(sim))]
    while len(clusters) > 1:
        best: tuple[float, int, int] | None = None
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                if any((min(i, j), max(i, j)) in forbidden for i in clusters[a] for j in clusters[b]):
                    continue
                score = float(np.mean([sim[i, j] for i in clusters[a] for j in clusters[b]]))
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, a, b)
        if best is None:
            break
        _, a, b = best
        clusters[a] = sorted(clusters[a] + clusters[b])
        del clusters[b]
    return sorted(clusters, key=lambda c: (-len(c), c[0]))


def group_events(docs: Sequence[CleanDoc], mentions: Sequence[Mention],
                 sent_starts: dict[str, list[int]], *, threshold: float) -> list[Event]:
    if not docs:
        return []
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m)
    vecs = embed([lead_text(d) for d in docs])
    groups = cluster(vecs @ vecs.T, cannot_link(docs, by_doc, sent_starts), threshold)
    events = []
    for k, members in enumerate(groups, start=1):
        ids = tuple(docs[i].id for i in members)
        central = max(members, key=lambda i: float(np.sum(vecs[members] @ vecs[i])))
        events.append(Event(f"e{k}", _label(docs[central], by_doc.get(docs[central].id, [])), ids,
                            _when(ids, by_doc, docs)))
    return events


def _label(doc: CleanDoc, mentions: Sequence[Mention]) -> str:
    title = doc.source.title or doc.text.strip().split("\n", 1)[0]
    words = title.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def _when(ids: Sequence[str], by_doc: dict[str, list[Mention]], docs: Sequence[CleanDoc]) -> str | None:
    published = sorted(d.source.published for d in docs if d.id in ids and d.source.published)
    return published[0] if published else None
