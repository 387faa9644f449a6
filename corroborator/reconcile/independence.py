"""Which reports copy which: one wire story in ten outlets is one source, not ten.

A fact stated by ten reports is well supported only if they found it out
separately. News is republished wholesale (wire copy, syndication) and in part
(a rewrite that keeps half the wire's paragraphs), so support is counted in
independent sources, not reports. The steps:

1. paragraphs: each cleaned report is cut into paragraphs (blank-line blocks,
   or lines when a block is one paragraph per line); those under
   ``MIN_PARAGRAPH_WORDS`` words (datelines, bylines, leftover clutter) are left out;
2. shingles: a paragraph is the set of its lower-cased 3-word shingles;
3. MinHash + LSH: a 128-value MinHash signature per paragraph, banded (64
   bands of 2 rows) so that paragraphs sharing a fifth of their shingles or
   more meet in a bucket; only those candidate pairs are compared, exactly;
4. copied paragraph: Jaccard similarity of at least ``PARAGRAPH_JACCARD``, or
   one paragraph at least ``PARAGRAPH_CONTAINMENT`` inside the other (a
   trimmed or merged paragraph), between paragraphs of two different reports;
5. derivation: a report whose copied paragraphs hold at least ``MIN_SHARE``
   of its words (and are at least ``MIN_COPIED_PARAGRAPHS``) derives from the
   other report. Direction: the earlier published is the source; undated
   reports come after dated ones, the longer first (reprints trim, rarely add);
   each report gets the one source it shares most with;
6. groups: reports joined by derivations are one source; its label is the
   wire named in a dateline ("PORT ELLIS (LPA) —") if any, else the outlet of
   its earliest report.

MinHash is our own (numpy, multiply-shift hashing): datasketch would bring
scipy (~140 MB) for the 20 lines used, and the candidates are checked on
exact shingle sets anyway, so no estimate decides a match.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from ..models import REPRINT_SHARE, CleanDoc, Derivation

__all__ = [
    "REPRINT_SHARE",
    "Derivation",
    "Paragraph",
    "Supporter",
    "find_derivations",
    "independent_groups",
    "minhash",
    "paragraphs",
    "roots",
    "support",
    "wire_credit",
]

SHINGLE_WORDS = 3
MIN_PARAGRAPH_WORDS = 8
NUM_PERM = 128
BANDS = 64  # rows per band = NUM_PERM // BANDS = 2: P(candidate) > 0.9 from Jaccard 0.2
PARAGRAPH_JACCARD = 0.5
PARAGRAPH_CONTAINMENT = 0.8
MIN_SHARE = 0.3  # share of a report's words in copied paragraphs that makes it derivative
MAX_BUCKET = 20  # an LSH bucket this full holds a stock phrase, not copies
SOURCES = 8  # a paragraph many reports hold is copied from one of the earliest few
MIN_COPIED_PARAGRAPHS = 2  # one shared paragraph is a shared quote or statement, not a copy
SEED = 20_250_317
WRAPPED_LINE_CHARS = 40  # hard-wrapped text: most lines at least this long, no end stop
WORD = re.compile(r"\w+")
TERMINAL = ".!?…:\"'”’)"
# A wire dateline: "PORT ELLIS (LPA) —", "LONDON (Reuters) -", "WASHINGTON, D.C. (AP) —".
DATELINE = re.compile(
    r"^[\"'“]?[A-Z][A-Z .,'’-]{1,40}?(?:,\s*[A-Z][\w .'’-]{1,30})?\s*\(\s*(?P<wire>[A-Z][\w&.' -]{0,30}?)\s*\)\s*[-–—]",
    re.MULTILINE,
)
WIRE_NAMES = {"associated press": "AP", "the associated press": "AP",
              "agence france-presse": "AFP", "agence france presse": "AFP"}
DATELINE_CHARS = 1500  # the dateline opens the story: look only at its start


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed as objects
class Paragraph:
    """A paragraph of a cleaned report (offsets into ``CleanDoc.text``) and its shingles."""

    doc: str
    index: int
    start: int
    end: int
    words: int
    shingles: np.ndarray  # sorted, distinct uint64 hashes: 8 bytes each, not a set of ints


# --- paragraphs and signatures ---------------------------------------------------


def paragraphs(doc: CleanDoc) -> list[Paragraph]:
    """The report's paragraphs long enough to compare, in order."""
    found: list[Paragraph] = []
    for start, end in _paragraph_spans(doc.text):
        words = [w.casefold() for w in WORD.findall(doc.text[start:end])]
        if len(words) >= MIN_PARAGRAPH_WORDS:
            found.append(Paragraph(doc.id, len(found), start, end, len(words), _shingles(words)))
    return found


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blocks between blank lines; a block whose lines are not hard-wrapped is one per line."""
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*", text):
        lines = [(m.start() + block.start(), m.end() + block.start())
                 for m in re.finditer(r"[^\n]+", block.group())]
        if len(lines) > 1 and _hard_wrapped([text[s:e] for s, e in lines]):
            spans.append((block.start(), block.end()))
        else:
            spans.extend(lines)
    return spans


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph cut at a width: long, and most not ending a sentence."""
    body = [line.rstrip() for line in lines[:-1]]
    open_ended = sum(1 for line in body if line and line[-1] not in TERMINAL)
    long_enough = sum(1 for line in body if len(line) >= WRAPPED_LINE_CHARS)
    return open_ended * 2 > len(body) and long_enough * 2 > len(body)


def _shingles(words: list[str]) -> np.ndarray:
    """3-word shingles as 64-bit hashes (stable across runs, unlike ``hash``), sorted and
    distinct: a set as an array (at 10,000 reports, sets of Python ints took a gigabyte)."""
    grams = (" ".join(words[i : i + SHINGLE_WORDS])
             for i in range(max(1, len(words) - SHINGLE_WORDS + 1)))
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little")
         for g in grams),
        dtype=np.uint64,
    )
    return np.unique(hashes)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
    return a, b


PERM_A, PERM_B = _permutations()


def minhash(shingles: Iterable[int]) -> np.ndarray:
    """A MinHash signature: per permutation, the least (a·x + b mod 2^64) >> 32 over shingles.

    Multiply-shift hashing with odd ``a`` is universal; uint64 arithmetic wraps,
    which is the ``mod 2^64``.
    """
    values = np.asarray(shingles if isinstance(shingles, np.ndarray) else list(shingles),
                        dtype=np.uint64)
    if values.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    hashed = (values[:, None] * PERM_A[None, :] + PERM_B[None, :]) >> np.uint64(32)
    return np.asarray(hashed.min(axis=0), dtype=np.uint64)


def _candidate_pairs(paras: Sequence[Paragraph]) -> set[tuple[int, int]]:
    """Pairs of paragraphs that share a band of their signatures. A bucket of more than
    ``MAX_BUCKET`` paragraphs (a stock phrase with names swapped) proposes no pairs."""
    if not paras:
        return set()
    signatures = np.stack([minhash(p.shingles) for p in paras])
    rows = NUM_PERM // BANDS
    pairs: set[tuple[int, int]] = set()
    for band in range(BANDS):
        block = signatures[:, band * rows : (band + 1) * rows]
        keys = np.zeros(len(paras), dtype=np.uint64)
        for r in range(rows):  # one 64-bit key per band (uint64 arithmetic wraps)
            keys = keys * np.uint64(0x9E3779B97F4A7C15) + block[:, r]
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        cuts = np.flatnonzero(np.diff(ordered)) + 1
        starts, ends = np.r_[0, cuts], np.r_[cuts, len(keys)]
        small = ((ends - starts) > 1) & ((ends - starts) <= MAX_BUCKET)
        for a, b in zip(starts[small].tolist(), ends[small].tolist()):
            ids = sorted(order[a:b].tolist())
            for x, i in enumerate(ids):
                for j in ids[x + 1 :]:
                    pairs.add((i, j))
    return pairs


def _copied_pairs(paras: Sequence[Paragraph], rank: Mapping[str, int]
                  ) -> Iterator[tuple[Paragraph, Paragraph]]:
    """(later, earlier) pairs of paragraphs of different reports where one copies the other.

    Identical paragraphs are compared once (LSH runs over distinct texts), and a
    paragraph held by many reports is taken to come from the ``SOURCES`` earliest of
    them (by ``rank``), not from every earlier one: so a line that k reports share costs
    k pairs, not k².
    """
    same: dict[bytes, list[Paragraph]] = defaultdict(list)
    for p in paras:
        same[p.shingles.tobytes()].append(p)
    groups = list(same.values())
    reps = [g[0] for g in groups]
    linked = [(k, k) for k, g in enumerate(groups) if len({p.doc for p in g}) > 1]
    linked += [(i, j) for i, j in sorted(_candidate_pairs(reps)) if _copied(reps[i], reps[j])]
    seen: set[tuple[int, int]] = set()
    for i, j in linked:
        holders = sorted({*groups[i], *groups[j]}, key=lambda p: (rank[p.doc], p.doc, p.index))
        earliest: list[Paragraph] = []
        for p in holders:
            for source in earliest:
                if source.doc != p.doc and (id(p), id(source)) not in seen:
                    seen.add((id(p), id(source)))
                    yield p, source
            if len(earliest) < SOURCES and all(e.doc != p.doc for e in earliest):
                earliest.append(p)


def _copied(a: Paragraph, b: Paragraph) -> bool:
    """Same paragraph, lightly edited, or one kept whole inside the other."""
    shared = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    if not shared:
        return False
    jaccard = shared / (len(a.shingles) + len(b.shingles) - shared)
    containment = shared / min(len(a.shingles), len(b.shingles))
    return jaccard >= PARAGRAPH_JACCARD or containment >= PARAGRAPH_CONTAINMENT


# --- derivations ------------------------------------------------------------------


def find_derivations(docs: Sequence[CleanDoc], *, min_share: float = MIN_SHARE
                     ) -> list[Derivation]:
    """For each report that copies another, the one it copies most (see the module doc).
    Asked once per record, by the support stage (``reconcile.support``)."""
    by_doc = {d.id: paragraphs(d) for d in docs}
    paras = [p for ps in by_doc.values() for p in ps]
    order = sorted(docs, key=_precedence)
    rank = {d.id: k for k, d in enumerate(order)}
    copied: dict[tuple[str, str], set[int]] = defaultdict(set)  # (doc, source) -> doc's paras
    for later, earlier in _copied_pairs(paras, rank):
        copied[(later.doc, earlier.doc)].add(later.index)
    others: dict[str, list[str]] = defaultdict(list)
    for d, other in copied:
        others[d].append(other)
    found: list[Derivation] = []
    for doc in order:
        own = by_doc[doc.id]
        options = [_derivation(doc.id, other, own, copied[(doc.id, other)])
                   for other in others[doc.id] if rank[other] < rank[doc.id]]
        options = [o for o in options
                   if o.share >= min_share and o.paragraphs >= MIN_COPIED_PARAGRAPHS]
        if options:
            found.append(max(options, key=lambda o: (o.share, -rank[o.source_doc])))
    return found


def _precedence(doc: CleanDoc) -> tuple[str, int, str]:
    """Sources first: earlier published; undated last; then longer; then by id."""
    return (doc.source.published or "~", -len(WORD.findall(doc.text)), doc.id)


def _derivation(doc: str, other: str, own: Sequence[Paragraph], copied: set[int]
                ) -> Derivation:
    total = sum(p.words for p in own) or 1
    words = sum(p.words for p in own if p.index in copied)
    return Derivation(doc, other, round(words / total, 3), len(copied), len(own))


def independent_groups(docs: Iterable[CleanDoc | str], derivations: Sequence[Derivation]
                       ) -> list[tuple[str, ...]]:
    """Reports grouped by the source they copy, each group's origin first.

    A report that copies none and is copied by none is a group of its own.
    Groups come in the order of their origin in ``docs``.
    """
    ids = [d if isinstance(d, str) else d.id for d in docs]
    root = roots(derivations)
    groups: dict[str, list[str]] = {}
    for ident in ids:
        groups.setdefault(root.get(ident, ident), [])
    for ident in ids:
        members = groups[root.get(ident, ident)]
        if ident == root.get(ident, ident):
            members.insert(0, ident)
        else:
            members.append(ident)
    return [tuple(members) for members in groups.values()]


def roots(derivations: Sequence[Derivation]) -> dict[str, str]:
    """Each derived report's origin: the end of its chain of sources."""
    source = {d.doc: d.source_doc for d in derivations}
    found: dict[str, str] = {}
    for doc in source:
        seen = {doc}
        current = doc
        while current in source and source[current] not in seen:
            current = source[current]
            seen.add(current)
        found[doc] = current
    return found


# --- support ----------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)  # asked once per fact for each report of a group
def wire_credit(text: str) -> str | None:
    """The news agency a dateline credits: "PORT ELLIS (LPA) — ..." -> "LPA"."""
    match = DATELINE.search(text[:DATELINE_CHARS])
    if match is None:
        return None
    wire = " ".join(match.group("wire").split())
    return WIRE_NAMES.get(wire.casefold(), wire)


def support(fact_docs: Iterable[str], derivations: Sequence[Derivation], *,
            docs: Sequence[CleanDoc] = ()) -> dict[str, Any]:
    """How many outlets state a fact, and how many independent sources they amount to.

    Reports that derive from one another are one source; so are reports of
    one outlet (one newsroom). ``docs`` (the record's reports) gives outlets
    and wire credits; without it every report is its own outlet. For many facts
    of one record, make one ``Supporter`` and ask it.
    """
    return Supporter(derivations, docs).support(fact_docs)


class Supporter:
    """``support`` for the facts of one record: what every fact shares is worked out once."""

    def __init__(self, derivations: Sequence[Derivation], docs: Sequence[CleanDoc] = ()) -> None:
        self.info = {d.id: d for d in docs}
        self.root = roots(derivations)
        self.members_of = _members(derivations)
        self.outlets: dict[str, str] = {}

    def support(self, fact_docs: Iterable[str]) -> dict[str, Any]:
        ids = sorted(set(fact_docs))
        outlet = {ident: self._outlet(ident) for ident in ids}
        groups = _support_groups(ids, self.root, outlet)
        sources = [
            {"origin": origin,
             "label": _label(origin, self.members_of.get(origin, {origin}), self.info),
             "documents": members, "outlets": sorted({outlet[m] for m in members})}
            for origin, members in groups
        ]
        outlets = len(set(outlet.values()))
        known = all(outlet[i] != i for i in ids)  # every report's outlet (or host) is known
        return {"outlets": outlets if known else None, "reports": len(ids),
                "independent": len(sources), "sources": sources,
                "summary": _summary(outlets, sources) if known else _unknown(len(ids), sources)}

    def _outlet(self, ident: str) -> str:
        found = self.outlets.get(ident)
        if found is None:
            found = self.outlets[ident] = _outlet(self.info.get(ident), ident)
        return found


def _outlet(doc: CleanDoc | None, ident: str) -> str:
    """The outlet's name, else the URL's host, else the report itself."""
    if doc is None:
        return ident
    if doc.source.outlet:
        return doc.source.outlet.strip()
    host = urlsplit(doc.source.url or "").hostname
    return host.removeprefix("www.") if host else ident


def _support_groups(ids: Sequence[str], root: Mapping[str, str], outlet: Mapping[str, str]
                    ) -> list[tuple[str, list[str]]]:
    """Fact reports joined by common origin or common outlet (union-find), origin first."""
    parent = {ident: ident for ident in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for ident in ids:
        for key in (f"origin:{root.get(ident, ident)}", f"outlet:{outlet[ident]}"):
            other = first.setdefault(key, ident)
            parent[find(ident)] = find(other)
    grouped: dict[str, list[str]] = defaultdict(list)
    for ident in ids:
        grouped[find(ident)].append(ident)
    result: list[tuple[str, list[str]]] = []
    for members in grouped.values():
        origins = [root.get(m, m) for m in members]
        result.append((Counter(origins).most_common(1)[0][0], members))
    return result


def _members(derivations: Sequence[Derivation]) -> dict[str, set[str]]:
    """Origin -> every report in the corpus that derives from it (and itself)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for doc, origin in roots(derivations).items():
        groups[origin].update((doc, origin))
    return groups


def _label(origin: str, members: set[str], info: Mapping[str, CleanDoc]) -> str:
    """"LPA wire" if the group's reports credit a wire in their dateline, else the outlet."""
    credits = Counter(c for m in sorted(members) if m in info
                      for c in [wire_credit(info[m].text)] if c)
    if credits:
        return f"{credits.most_common(1)[0][0]} wire"
    return _outlet(info.get(origin), origin)


def _unknown(reports: int, sources: Sequence[Mapping[str, Any]]) -> str:
    """'3 reports (outlets unknown), 2 independent sources': without metadata a report is
    not an outlet, and its file name is no source's name."""
    k = len(sources)
    return (f"{reports} report{'s' if reports != 1 else ''} (outlets unknown), {k} "
            f"independent source{'s' if k != 1 else ''}")


def _summary(outlets: int, sources: Sequence[Mapping[str, Any]]) -> str:
    """'3 outlets, 1 independent source (LPA wire)'."""
    k = len(sources)
    labels = [str(s["label"]) for s in sources[:3]]
    if k > 3:
        labels.append(f"{k - 3} more")
    text = (f"{outlets} outlet{'s' if outlets != 1 else ''}, {k} independent "
            f"source{'s' if k != 1 else ''}")
    return f"{text} ({'; '.join(labels)})" if labels else text
