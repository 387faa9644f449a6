"""The one orchestrator: ``build(paths, settings)`` runs the stages in order.

::

    ingest   files, folders, JSON exports          -> RawDoc | Skipped
    clean    clutter removed, offsets kept          -> CleanDoc
    parse    spaCy (en_core_web_sm 3.8.0) on the    -> Doc
             sentences that can carry a claim
    extract  values, dates, quotes, attribution     -> Mention, Quote
    entities names merged across aliases            -> Entity
    events   reports grouped by event               -> Event
    reconcile one fact per slot, with a status      -> Fact

A report that fails at any stage is recorded as skipped with the reason; the
rest of the batch is built.

Parse and extract run in ``settings.n_process`` forked workers for a large batch,
and so does reconciliation. With a ``cache_dir`` (``build --out`` keeps one in the
dossier folder) each report's analysis, each text's embedding and each
reconciliation block's grouping are kept, so ``corroborator add`` parses only the
new reports and re-clusters only the blocks they change.
"""

from __future__ import annotations

import gc
import itertools
import logging
import math
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from sys import intern

import numpy as np

from .clean.boilerplate import LineIndex
from .clean.clutter import clean_batch
from .group.entities import Names, merge_names
from .group.events import Grouping, group
from .group.profiles import lead_text
from .ingest.reports import iter_reports, no_reports_error
from .models import CleanDoc, Event, Mention, Quote, RawDoc, Record, Sentence, Skipped
from .nlp import embed, make_nlp, selective
from .nlp.extract import extract, sentences
from .reconcile.facts import context_mode, reconcile
from .record.cache import AnalysisCache, BlockCache, analysis_key
from .settings import Settings

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
EntityMention = tuple[str, str, str]  # (report, surface, NER label)
PARALLEL_MIN_REPORTS = 24  # below this, one process parses faster than two
CHUNK_REPORTS = 16  # reports a worker analyses per task


def read(paths: Sequence[str | Path], settings: Settings, *, urls: Sequence[str] = (),
         cache_dir: Path | None = None) -> tuple[list[RawDoc], list[Skipped]]:
    """Reports from files and folders, WARC files, feed files and URLs (pages or feeds).

    Fetched pages are cached under ``cache_dir`` so a rebuild fetches nothing again.
    A report not in English, or with an id already taken, is skipped.
    """
    from .ingest.feeds import FEED_SUFFIXES
    from .ingest.fetch import Fetcher, read_feed_file, read_urls
    from .ingest.warc import is_warc, read_warc

    warcs = [p for p in paths if is_warc(p)]
    feeds = [p for p in paths if Path(p).suffix.lower() in FEED_SUFFIXES and not is_warc(p)]
    files = [p for p in paths if p not in warcs and p not in feeds]
    items: list[RawDoc | Skipped] = [*_english_only(iter_reports(files, settings=settings))]
    for archive in warcs:
        items.extend(read_warc(archive, settings=settings))
    if feeds or urls:
        with Fetcher(cache=cache_dir / "pages" if cache_dir else None) as fetcher:
            for feed in feeds:
                items.extend(read_feed_file(feed, fetcher=fetcher, settings=settings))
            items.extend(read_urls(urls, fetcher=fetcher, settings=settings))
    return _unique_ids(items)


def _english_only(items: Iterable[RawDoc | Skipped]) -> Iterator[RawDoc | Skipped]:
    """Files are checked here; fetched and archived pages are checked as they are read."""
    from .ingest.language import not_english_reason

    for item in items:
        reason = None
        if isinstance(item, RawDoc):
            label = Path(item.path.split(":", 1)[0]).name
            reason = not_english_reason(item.text, label=label, declared=item.source.language)
        yield item if reason is None else Skipped(item.path, reason)


def _unique_ids(items: Iterable[RawDoc | Skipped]) -> tuple[list[RawDoc], list[Skipped]]:
    """Split reports from skipped inputs; a report whose id is taken is skipped."""
    docs: dict[str, RawDoc] = {}
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.id in docs:
            skipped.append(Skipped(item.path, f"{item.path} gives report id {item.id!r}, already "
                                   f"used by {docs[item.id].path}: rename one of them."))
        else:
            docs[item.id] = item
    return list(docs.values()), skipped


# one report's analysis: sentences, mentions, quotes, entity mentions (report, text, label),
# and its lead text with the lead's embedding (which event grouping needs)
Analysis = tuple[list[Sentence], list[Mention], list[Quote], list[tuple[str, str, str]],
                 tuple[str, np.ndarray]]


def analyse(cleaned: Sequence[CleanDoc], settings: Settings, progress: Progress | None = None,
            cache: AnalysisCache | None = None,
            ) -> tuple[list[CleanDoc], list[Sentence], list[Mention], list[Quote], list[EntityMention],
                      list[Skipped]]:
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
    kept: list[CleanDoc] = []
    sents: list[Sentence] = []
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    ents: list[EntityMention] = []
    skipped: list[Skipped] = []
    for k, clean in enumerate(cleaned):
        result = done[k]
        if isinstance(result, Skipped):
            skipped.append(result)
            continue
        kept.append(clean)
        for into, part in zip((sents, mentions, quotes, ents), result[:4]):
            into.extend(part)  # type: ignore[attr-defined]
        lead, vector = result[4]
        embed.remember([lead], vector[None, :])
    return kept, sents, mentions, quotes, ents, skipped


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
        docs = selective.parse(nlp, ((d.text, d.source.published) for d in cleaned),
                               batch_size=settings.batch_size)
    else:
        docs = nlp.pipe((d.text for d in cleaned), batch_size=settings.batch_size)
    out: list[Analysis | Skipped] = []
    leads = [lead_text(d) for d in cleaned]
    vectors = embed.embed(leads)  # here, so that workers share the work
    for clean, doc, lead, vector in zip(cleaned, docs, leads, vectors):
        try:
            ms, qs = extract(doc, clean)
            out.append((sentences(doc, clean.id), ms, qs,
                        [(clean.id, e.text, e.label_) for e in doc.ents], (lead, vector)))
        except Exception as exc:
            log.exception("extraction failed for %s", clean.raw.path)
            out.append(Skipped(clean.raw.path, f"could not analyse the text ({exc!r}); "
                               "please report this as a bug with the file attached"))
    return out


@dataclass
class BuildIndex:
    """What a build knows beyond its record that ``corroborator add`` needs to add reports
    in place (kept by ``incremental.state``): the boilerplate index of the cleaned reports
    (``ids`` in its order), each analysed report's cache key, the event grouping, the
    entity names with the canonical name of each, and the context vectors reconciliation
    used for the ``valued`` mentions that have a value."""

    ids: list[str]
    lines: LineIndex
    keys: dict[str, str]
    grouping: Grouping
    names: Names
    canon: dict[str, str]
    context: str
    valued: int


def build(paths: str | Path | Sequence[str | Path], settings: Settings | None = None, *,
          progress: Progress | None = None, story: str | None = None,
          urls: str | Sequence[str] = (), cache_dir: Path | None = None,
          engine: str = "local", scheduler: str | None = None,
          known_events: Sequence[Event] = ()) -> Record:
    """Build the record of a corpus. Raises NoReportsError if nothing could be read.

    ``paths``: report files, folders, feed files, WARC files and http(s) URLs of pages or
    feeds, in any mix, as ``corroborator build`` takes them; one of them may be given
    alone (``build("reports/")``). ``urls``: more URLs.

    ``known_events`` (the events of the record being added to) keep their reports and
    ids; reports they do not hold join one of them or start new events.

    ``engine="dask"`` parses and extracts on a Dask cluster (``scheduler``: its
    address; None starts a local one); the record is the same as with "local".
    """
    from .ingest.fetch import is_url

    given, more = _one_or_many(paths, "paths"), _one_or_many(urls, "urls")
    files = [p for p in given if not is_url(p)]
    urls = [*(str(p) for p in given if is_url(p)), *map(str, more)]
    return build_indexed(files, settings, progress=progress, story=story, urls=urls,
                         cache_dir=cache_dir, engine=engine, scheduler=scheduler,
                         known_events=known_events)[0]


def _one_or_many(given: str | Path | Sequence[str | Path], name: str) -> list[str | Path]:
    """A path or URL given alone, as a list of one (a str is not read as its characters)."""
    if isinstance(given, str | Path):
        return [given]
    if isinstance(given, bytes) or not isinstance(given, Iterable):
        raise TypeError(f"build() takes {name} as a path or URL (str or Path) or a list of "
                        f"them, not {type(given).__name__}")
    return list(given)


def build_indexed(paths: Sequence[str | Path], settings: Settings | None = None, *,
                  progress: Progress | None = None, story: str | None = None,
                  urls: Sequence[str] = (), cache_dir: Path | None = None,
                  engine: str = "local", scheduler: str | None = None,
                  known_events: Sequence[Event] = ()) -> tuple[Record, BuildIndex]:
    """``build``, and the ``BuildIndex`` that lets ``corroborator add`` add to its record."""
    settings = settings or Settings()
    raw, skipped = read(paths, settings, urls=urls, cache_dir=cache_dir)
    if not raw:
        raise no_reports_error([*paths, *urls], skipped)
    cleaned, lines = clean_batch(raw, settings=settings)
    if engine == "dask":
        from .distributed import analyse_dask

        analysed = analyse_dask(cleaned, settings, scheduler=scheduler, progress=progress)
    else:
        cache = AnalysisCache(cache_dir / "analysis") if cache_dir is not None else None
        analysed = analyse(cleaned, settings, progress, cache)
    docs, sents, mentions, quotes, ents, failed = analysed
    skipped += failed
    if not docs:
        raise no_reports_error([*paths, *urls], skipped)
    blocks = BlockCache(cache_dir / "blocks.sqlite") if cache_dir is not None else None
    try:
        with embed.stored(cache_dir / "embeddings.sqlite") if cache_dir else nullcontext():
            record, parts = _assemble(docs, sents, mentions, quotes, ents, skipped, settings,
                                      story, blocks, known_events)
    finally:
        if blocks is not None:
            blocks.close()
    keys = {c.id: analysis_key(c, settings.spacy_model, settings.selective_parsing) for c in docs}
    return record, BuildIndex([c.id for c in cleaned], lines, keys, *parts)


def _assemble(docs: list[CleanDoc], sents: list[Sentence], mentions: list[Mention],
              quotes: list[Quote], ents: list[EntityMention], skipped: list[Skipped],
              settings: Settings,
              story: str | None, blocks: BlockCache | None = None,
              known_events: Sequence[Event] = ()
              ) -> tuple[Record, tuple[Grouping, Names, dict[str, str], str, int]]:
    """Entities, events and facts over the analysed reports (and what the build index
    keeps of them)."""
    names = Names()
    names.add(ents)
    entities, canon, name_canon = merge_names(names)
    # replaced in the lists themselves: the caller's analysed mentions are not kept twice
    mentions[:] = [canon_mention(m, canon) for m in mentions]
    quotes[:] = [canon_quote(q, canon) for q in quotes]
    starts: dict[str, list[int]] = {}
    for s in sents:
        starts.setdefault(s.doc, []).append(s.start)
    grouping = group(docs, mentions, starts, threshold=settings.event_threshold,
                     entities=entities, known=known_events)
    events = grouping.events
    event_of = {doc: e.id for e in reversed(events) for doc in e.documents}
    valued = sum(m.value is not None for m in mentions)
    context = context_mode(settings.context_vectors, valued)
    facts = reconcile(mentions, event_of, threshold=settings.link_threshold,
                      tolerance=settings.value_tolerance, context=context,
                      memo=blocks, processes=settings.n_process)
    for m in mentions:
        m.extra.pop("tensor", None)  # a working vector, not part of the record
    record = Record(tuple(docs), tuple(sents), tuple(mentions), tuple(quotes), tuple(entities),
                    tuple(events), tuple(facts), tuple(skipped), story)
    return record, (grouping, names, name_canon, context, valued)


def canon_mention(m: Mention, canon: dict[str, str]) -> Mention:
    """The mention with its names replaced by their entities' names. Its short repeated
    strings (kind, unit, bound, cues, what it counts, frame words) are interned on the way:
    unpickled from each report's analysis they are copies, a third of a record's memory."""
    return replace(
        m,
        doc=intern(m.doc),
        kind=intern(m.kind),
        unit=_interned(m.unit),
        bound=intern(m.bound),
        counted=_interned(m.counted),
        head=_interned(m.head),
        qualifiers=tuple(map(intern, m.qualifiers)),
        frame=tuple(map(intern, m.frame)),
        said_by=_interned(m.said_by),  # as its report names it (a merged name may not occur there)
        attribution_cue=_interned(m.attribution_cue),
        hedge_cue=_interned(m.hedge_cue),
        subject=_interned(canon.get(m.subject, m.subject)) if m.subject else None,
        entities=tuple(dict.fromkeys(intern(canon.get(e, e)) for e in m.entities)),
        extra=m.extra,
    )


def _interned(text: str | None) -> str | None:
    return intern(text) if text is not None else None


def canon_quote(q: Quote, canon: dict[str, str]) -> Quote:
    """The quote as it is: its speaker as its report names it (issue 15: a claimer always
    occurs in its own report; the merged entity is found through the entities table)."""
    return q
