"""Selective parsing: the statistical pipeline runs only where a claim can be.

Most sentences of a news report carry no figure, date, quote or attribution, and
nothing corroborator records is read from them. So a report is parsed in three
cheap steps and one expensive one:

1. the tokenizer over the whole text (fast: rules, no model);
2. rule-based sentences: spaCy's ``Sentencizer`` plus the line-break rule of
   ``corroborator_paragraphs_v1``;
3. the cues, by the extractors' own scanners, so no value can be missed for want
   of a parse: the sentences holding a quantity (``find_quantities``), a date
   (``find_dates``, and a time of day standing alone: ``clocks_alone``) or a quotation
   (``find_quote_spans``); with them the
   sentences just before and after each quote (where its speaker is named) and,
   for a sentence with "he" or "she", the sentences back to the nearest one with
   a name in it (``he`` is resolved to the last person named), and for one with an "it"
   or "they" that may be a source (opening the sentence, before a verb of saying, or
   owning a reckoning: "its forecast"), the two sentences before it (where the body or
   group it stands for is the subject: ``pronouns.group_antecedent``). A reporting verb
   alone is no cue: attribution is read only for a value or a quote, and those
   sentences are parsed anyway;
4. the full pipeline (tok2vec, tagger, parser, attribute ruler, lemmatizer, NER)
   over each run of consecutive selected sentences, as one Doc, so the parser
   still finds the sentence boundaries inside a run.

The annotations are then copied back into the report's Doc: a skipped sentence
gets a flat tree (its first token the root) so that sentence boundaries stay
where the rules put them, no tags and no entities, and zero vectors.
``select`` and ``parse`` are separate so the benchmark can report the share of
text parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .dates import clocks_alone, find_dates
from .numbers import find_quantities
from .quotes import find_quote_spans

Selected = tuple[Doc, list[tuple[int, int]], list[tuple[int, int]]]  # doc, sentences, runs

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
NAME_LOOKBACK = 4  # sentences searched back for the name a 'he' or 'she' stands for
_HE_SHE = re.compile(r"\b(?:he|she|He|She)\b")
# "it" or "they" that may be a source: opening a sentence, before a verb of saying, or
# owning a reckoning
_IT_THEY = re.compile(
    r"^\W*(?:It|They)\b|\b(?:it|they)\s+(?:also\s+)?(?:said|says|say|wrote|writes|write|"
    r"told|tells|reported|reports|added|adds|noted|notes|estimated|estimates|found|finds|"
    r"argued|argues|claimed|claims|believe|believes|warned|warns|expects|expect)\b"
    r"|\b(?:its|their)\s+(?:\w+\s+){0,3}?(?:forecasts?|estimates?|counts?|tally|projections?|"
    r"predictions?|calculations?)\b")  # "it raised its growth forecast": a reckoning's author
GROUP_LOOKBACK = 2  # sentences searched back for what an 'it' or 'they' source stands for
_NAME_INSIDE = re.compile(r"\S\s+[A-Z][a-z]")  # a capitalised word not opening the sentence


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Rule-based sentences of a tokenized Doc, as (start, end) token indices."""
    if not len(doc):
        return []
    starts = [0]
    sentencizer = _SENTENCIZER
    marked = sentencizer.predict([doc])[0]
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            if not doc[i].is_space:
                starts.append(i)
        elif marked[i] and not doc[i].is_space:
            starts.append(i)
    return list(zip(starts, [*starts[1:], len(doc)]))


_SENTENCIZER = Sentencizer()


def select(doc: Doc, published: str | None = None) -> tuple[list[tuple[int, int]], list[bool]]:
    """The report's rule-based sentences and, for each, whether it must be parsed."""
    text = doc.text
    bounds = sentence_bounds(doc)
    if not bounds:
        return bounds, []
    chars = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in bounds]
    starts = [c[0] for c in chars]
    keep = [False] * len(bounds)

    def mark(lo: int, hi: int, pad: int = 0) -> None:
        """Select the sentences overlapping characters [lo, hi), and ``pad`` on each side."""
        first = max(0, _index_at(starts, lo))
        last = _index_at(starts, max(lo, hi - 1))
        for k in range(max(0, first - pad), min(len(bounds), last + pad + 1)):
            keep[k] = True

    quantities, quotes = find_quantities(text), find_quote_spans(text)
    dates = find_dates(text, published)
    doc._.corroborator_scans = (published, quantities, dates, quotes)  # extract reuses them
    for q in quantities:
        mark(q.start, q.end)
    for d in [*dates, *clocks_alone(text, dates)]:  # "It overturned at about 9.40pm"
        mark(d.start, d.end)
    for qs in quotes:
        mark(qs.open_at, max(qs.close_at, qs.end), pad=1)
    for k, (lo, hi) in enumerate(chars):
        if keep[k] and _HE_SHE.search(text[lo:hi]):
            for j in range(k - 1, max(-1, k - 1 - NAME_LOOKBACK), -1):
                keep[j] = True
                if _NAME_INSIDE.search(text[chars[j][0] : chars[j][1]]):
                    break
        if keep[k] and _IT_THEY.search(text[lo:hi]):
            for j in range(max(0, k - GROUP_LOOKBACK), k):
                keep[j] = True
    return bounds, keep


def _index_at(starts: Sequence[int], char: int) -> int:
    """Index of the sentence that holds character ``char``."""
    import bisect

    return bisect.bisect_right(starts, char) - 1


def runs(bounds: Sequence[tuple[int, int]], keep: Sequence[bool]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive selected sentences, as token ranges."""
    out: list[tuple[int, int]] = []
    for (a, b), k in zip(bounds, keep):
        if not k:
            continue
        if out and out[-1][1] == a:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def parse(nlp: Language, texts: Iterable[tuple[str, str | None]], batch_size: int = 16,
          stats: dict[str, int] | None = None) -> Iterator[Doc]:
    """Each (text, published date) as a Doc with the full pipeline's annotations on the
    selected sentences (see the module docstring); ``stats`` counts tokens seen and parsed."""
    batch: list[Selected] = []
    for text, published in texts:
        doc = nlp.make_doc(text)
        bounds, keep = select(doc, published)
        batch.append((doc, bounds, runs(bounds, keep)))
        if len(batch) >= batch_size:
            yield from _annotate(nlp, batch, stats)
            batch = []
    if batch:
        yield from _annotate(nlp, batch, stats)


def _annotate(nlp: Language, batch: list[Selected], stats: dict[str, int] | None) -> Iterator[Doc]:
    """Each run is parsed with the sentence before it as context (as a full parse reads it:
    the tagger's and parser's view of a run's first words depends on the words before them),
    and only the run's own annotations are kept."""
    starts = [[_context_start(bounds, a) for a, _ in spans] for _, bounds, spans in batch]
    pieces = [Doc(nlp.vocab, words=[t.text for t in doc[c:b]],
                  spaces=[bool(t.whitespace_) for t in doc[c:b]])
              for (doc, _, spans), cs in zip(batch, starts) for (a, b), c in zip(spans, cs)]
    parsed = iter(nlp.pipe(pieces, batch_size=64))
    for (doc, bounds, spans), cs in zip(batch, starts):
        own = [_own(next(parsed), a - c) for (a, _), c in zip(spans, cs)]
        yield _merge(doc, bounds, spans, own)
        if stats is not None:
            stats["tokens"] = stats.get("tokens", 0) + len(doc)
            stats["parsed"] = stats.get("parsed", 0) + sum(b - c for (_, b), c in zip(spans, cs))


def _context_start(bounds: Sequence[tuple[int, int]], a: int) -> int:
    """Where the sentence before the one starting at token ``a`` starts (``a`` if none)."""
    before = [s for s, e in bounds if e == a]
    return before[0] if before else a


def _own(piece: Doc, skip: int) -> Doc:
    """The part of a parsed piece after its ``skip`` context tokens, as a Doc of its own: a
    head in the context becomes the token itself (a root), an entity cut at the start
    begins there."""
    if not skip:
        return piece
    arr = piece.to_array(ATTRS)[skip:].astype("int64")
    head, iob = ATTRS.index(HEAD), ATTRS.index(ENT_IOB)
    target = np.arange(len(arr)) + arr[:, head]
    outside = (target < 0) | (target >= len(arr))
    arr[outside, head] = 0
    arr[outside, ATTRS.index(DEP)] = piece.vocab.strings.add("ROOT")
    if len(arr) and arr[0, iob] == 1:  # I(nside) an entity begun in the context
        arr[0, iob] = 3  # B(egin)
    words = [t.text for t in piece[skip:]]
    out = Doc(piece.vocab, words=words, spaces=[bool(t.whitespace_) for t in piece[skip:]])
    out.from_array(ATTRS, arr.astype("uint64"))  # type: ignore[arg-type]  # thinc Ints2d
    if piece.tensor is not None and len(piece.tensor):
        out.tensor = piece.tensor[skip:]
    return out


def _merge(doc: Doc, bounds: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]],
           parsed: Sequence[Doc]) -> Doc:
    """Copy the parsed runs' annotations into ``doc``; skipped sentences get flat trees."""
    n = len(doc)
    arr = np.zeros((n, len(ATTRS)), dtype="uint64")
    dep_col, head_col, iob_col, lemma_col = (ATTRS.index(a) for a in (DEP, HEAD, ENT_IOB, LEMMA))
    root, flat = doc.vocab.strings.add("ROOT"), doc.vocab.strings.add("dep")
    for a, b in bounds:
        arr[a:b, dep_col] = flat
        arr[a, dep_col] = root
        # HEAD is an offset to the head, stored unsigned: a - i wraps around as spaCy expects
        arr[a:b, head_col] = (a - np.arange(a, b)).astype("int64").astype("uint64")
    arr[:, iob_col] = 2  # outside any entity
    arr[:, lemma_col] = [t.lower for t in doc]
    width = 0
    tensors: list[tuple[int, np.ndarray]] = []
    for (a, b), piece in zip(spans, parsed):
        arr[a:b] = piece.to_array(ATTRS)
        if piece.tensor is not None and len(piece.tensor):
            width = piece.tensor.shape[1]
            tensors.append((a, piece.tensor))
    doc.from_array(ATTRS, arr)  # type: ignore[arg-type]  # thinc's Ints2d is an int ndarray
    if width:
        tensor = np.zeros((n, width), dtype="float32")
        for a, t in tensors:
            tensor[a : a + len(t)] = t
        doc.tensor = tensor
    return doc
