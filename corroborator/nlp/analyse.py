"""Stage 3, parse and extract: every cleaned report analysed, in worker processes.

``analyse(cleaned, settings)`` parses each report with spaCy (selectively: the full
pipeline only on sentences that can carry a claim) and extracts its mentions,
quotes and entity mentions, and embeds its lead, which event grouping reads. A
large batch is cut into chunks analysed by ``settings.n_process`` forked
workers; with an ``AnalysisCache`` a report analysed before is not parsed again.
The Dask engine (``distributed.analyse_dask``) runs this same ``analyse`` on its
workers, so both engines give one result.

A report whose extraction fails is skipped with the reason; the rest of the batch
is analysed.
"""

from __future__ import annotations

import gc
import itertools
import logging
import math
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from ..group.profiles import lead_text
from ..models import CleanDoc, Mention, Quote, Sentence, Skipped
from ..record.cache import AnalysisCache, analysis_key
from ..settings import Settings
from . import embed, make_nlp, selective, syntax
from .dates import written
from .embed import DIM
from .extract import extract_with_vectors, sentences

__all__ = ["Analysed", "Analysis", "EntityMention", "Progress", "analyse"]

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
EntityMention = tuple[str, str, str]  # (report, surface, NER label)
PARALLEL_MIN_REPORTS = 24  # below this, one process parses faster than two
CHUNK_REPORTS = 16  # reports a worker analyses per task

# one report's analysis, as the analysis cache keeps it: sentences, mentions, quotes,
# entity mentions (report, text, label), its lead text with the lead's embedding, and
# the parser's context vector of each mention by mention id (``extract_with_vectors``)
Analysis = tuple[list[Sentence], list[Mention], list[Quote], list[EntityMention],
                 tuple[str, np.ndarray], dict[str, np.ndarray]]


@dataclass
class Analysed:
    """The analysed reports of a batch, in order, and the reports that failed.

    ``leads`` holds each kept report's lead embedding (one float32 row per report of
    ``docs``): event grouping takes it as an argument (``events.group(leads=...)``)."""

    docs: list[CleanDoc] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    leads: np.ndarray = field(default_factory=lambda: np.zeros((0, DIM), dtype=np.float32))
    # the parser's context vector of each mention by mention id: reconcile(tensors=...)
    tensors: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def join(cls, parts: Sequence[Analysed]) -> Analysed:
        """Analyses of consecutive chunks of a batch, as one (in chunk order)."""
        out = cls()
        for p in parts:
            out.docs += p.docs
            out.sentences += p.sentences
            out.mentions += p.mentions
            out.quotes += p.quotes
            out.entities += p.entities
            out.skipped += p.skipped
            out.tensors.update(p.tensors)
        if parts:
            out.leads = np.vstack([out.leads, *(p.leads for p in parts)])
        return out


def analyse(cleaned: Sequence[CleanDoc], settings: Settings, progress: Progress | None = None,
            cache: AnalysisCache | None = None) -> Analysed:
    """Parse and extract every cleaned report (or take it from ``cache``); a report that
    fails is skipped."""
    keys = [analysis_key(c, settings.spacy_model, settings.selective_parsing) for c in cleaned]
    done: dict[int, Analysis | Skipped] = {}
    if cache is not None:
        for k, key in enumerate(keys):
            hit = cache.get(key)
            if hit is not None:
                done[k] = hit
    todo = [k for k in range(len(cleaned)) if k not in done]
    for k, result in zip(todo, _parse_all([cleaned[k] for k in todo], settings)):
        done[k] = result
        if cache is not None and not isinstance(result, Skipped):
            cache.put(keys[k], result)
        if progress:
            progress(len(done), len(cleaned))
    out = Analysed()
    leads: list[np.ndarray] = []
    for k, clean in enumerate(cleaned):
        result = done[k]
        if isinstance(result, Skipped):
            out.skipped.append(result)
            continue
        out.docs.append(clean)
        out.sentences += result[0]
        out.mentions += result[1]
        out.quotes += result[2]
        out.entities += result[3]
        leads.append(np.asarray(result[4][1], dtype=np.float32))
        out.tensors.update(result[5])
    if leads:
        out.leads = np.vstack(leads)
    return out


def _parse_all(cleaned: Sequence[CleanDoc], settings: Settings) -> Iterator[Analysis | Skipped]:
    """Each report's analysis, in order. Large batches are split into chunks analysed by
    ``settings.n_process`` worker processes (parse and extraction both), forked from this
    one so the loaded model is shared rather than loaded again."""
    if not cleaned:
        return
    make_nlp(settings.spacy_model)
    n_process = settings.n_process if len(cleaned) >= PARALLEL_MIN_REPORTS else 1
    if n_process <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from _analyse_chunk(cleaned, settings)
        return
    size = max(1, min(CHUNK_REPORTS, math.ceil(len(cleaned) / (4 * n_process))))
    chunks = [cleaned[k : k + size] for k in range(0, len(cleaned), size)]
    context = multiprocessing.get_context("fork")
    # the workers get their reports pickled; what this process already holds (every
    # report, the model) they inherit. Frozen objects are left alone by their garbage
    # collector, so those pages stay shared instead of being copied into each worker.
    gc.freeze()
    try:
        with ProcessPoolExecutor(n_process, mp_context=context, initializer=embed.use_threads,
                                 initargs=(1,)) as pool:
            for part in pool.map(_analyse_chunk, chunks, itertools.repeat(settings)):
                yield from part
    finally:
        gc.unfreeze()


def _analyse_chunk(cleaned: Sequence[CleanDoc], settings: Settings) -> list[Analysis | Skipped]:
    """Parse (selectively, unless ``settings.selective_parsing`` is off) and extract."""
    nlp = make_nlp(settings.spacy_model)
    if settings.selective_parsing:
        docs = selective.parse(nlp, ((d.text, written(d.text, d.source.published))
                                     for d in cleaned),
                               batch_size=settings.batch_size)
    else:
        docs = nlp.pipe((d.text for d in cleaned), batch_size=settings.batch_size)
    out: list[Analysis | Skipped] = []
    leads = [lead_text(d) for d in cleaned]
    vectors = embed.embed(leads)  # here, so that workers share the work
    for clean, doc, lead, vector in zip(cleaned, docs, leads, vectors):
        try:
            ms, qs, tensors = extract_with_vectors(doc, clean)
            out.append((sentences(doc, clean.id), ms, qs,
                        [(clean.id, e.text, syntax.entity_label(e)) for e in doc.ents], (lead, vector),
                        tensors))
        except Exception as exc:
            log.exception("extraction failed for %s", clean.raw.path)
            out.append(Skipped(clean.raw.path, f"could not analyse the text ({exc!r}); "
                               "please report this as a bug with the file attached"))
    return out
