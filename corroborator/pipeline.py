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

from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from sys import intern

from .clean.batch import clean_batch
from .clean.boilerplate import LineIndex
from .group.entities import Names, alias_map, merge
from .group.events import Grouping, group
from .ingest.reports import iter_reports, no_reports_error
from .models import Event, Mention, Quote, RawDoc, Record, Skipped
from .nlp import embed
from .nlp.analyse import Analysed, Analysis, EntityMention, Progress, analyse
from .reconcile.facts import context_mode, reconcile
from .reconcile.support import supported
from .record.cache import AnalysisCache, BlockCache, analysis_key
from .settings import Settings

__all__ = ["Analysed", "Analysis", "BuildIndex", "EntityMention", "Progress", "analyse", "build",
           "build_indexed", "canon_mention", "canon_quote", "read"]


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


@dataclass
class BuildIndex:
    """What a build knows beyond its record that ``corroborator add`` needs to add reports
    in place (kept by ``record.state``): the boilerplate index of the cleaned reports
    (``ids`` in its order), each analysed report's cache key, the event grouping, the
    entity names with the canonical name of each (``Names.canon``), and the context
    vectors reconciliation used for the ``valued`` mentions that have a value."""

    ids: list[str]
    lines: LineIndex
    keys: dict[str, str]
    grouping: Grouping
    names: Names
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

    given = one_or_many(paths, "build() takes paths")
    more = one_or_many(urls, "build() takes urls")
    files = [p for p in given if not is_url(p)]
    urls = [*(str(p) for p in given if is_url(p)), *map(str, more)]
    return build_indexed(files, settings, progress=progress, story=story, urls=urls,
                         cache_dir=cache_dir, engine=engine, scheduler=scheduler,
                         known_events=known_events)[0]


def one_or_many(given: str | Path | Iterable[str | Path], asking: str) -> list[str | Path]:
    """A path or URL given alone, as a list of one (a str is not read as its characters).
    ``asking`` opens the message of the ``TypeError`` for anything else ("build() takes
    paths")."""
    if isinstance(given, str | Path):
        return [given]
    if isinstance(given, bytes) or not isinstance(given, Iterable):
        raise TypeError(f"{asking} as a path or URL (str or Path) or a list of them, "
                        f"not {type(given).__name__}")
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
    cleaned = clean_batch(raw, settings=settings)
    assert cleaned.index is not None  # a batch cleaned without kept lines learns its own
    if engine == "dask":
        from .distributed import analyse_dask

        analysed = analyse_dask(cleaned.docs, settings, scheduler=scheduler, progress=progress)
    else:
        cache = AnalysisCache(cache_dir / "analysis") if cache_dir is not None else None
        analysed = analyse(cleaned.docs, settings, progress, cache)
    analysed.skipped[:0] = skipped
    if not analysed.docs:
        raise no_reports_error([*paths, *urls], analysed.skipped)
    blocks = BlockCache(cache_dir / "blocks.sqlite") if cache_dir is not None else None
    try:
        with embed.stored(cache_dir / "embeddings.sqlite") if cache_dir else nullcontext():
            record, parts = _assemble(analysed, settings, story, blocks, known_events)
    finally:
        if blocks is not None:
            blocks.close()
    keys = {c.id: analysis_key(c, settings.spacy_model, settings.selective_parsing)
            for c in analysed.docs}
    return record, BuildIndex([c.id for c in cleaned.docs], cleaned.index, keys, *parts)


def _assemble(analysed: Analysed, settings: Settings, story: str | None,
              blocks: BlockCache | None = None, known_events: Sequence[Event] = ()
              ) -> tuple[Record, tuple[Grouping, Names, str, int]]:
    """Entities, events and facts over the analysed reports (and what the build index
    keeps of them): the stages with an empty kept state."""
    found, names = Names(), Names()
    found.add(analysed.entities)
    merged = merge(found, names)
    canon = alias_map(merged.entities)
    docs, sents, mentions, quotes = (analysed.docs, analysed.sentences, analysed.mentions,
                                     analysed.quotes)
    # replaced in the lists themselves: the caller's analysed mentions are not kept twice
    mentions[:] = [canon_mention(m, canon) for m in mentions]
    quotes[:] = [canon_quote(q, canon) for q in quotes]
    starts: dict[str, list[int]] = {}
    for s in sents:
        starts.setdefault(s.doc, []).append(s.start)
    grouping = group(docs, mentions, starts, threshold=settings.event_threshold,
                     entities=merged.entities, known=known_events, leads=analysed.leads)
    events = grouping.events
    event_of = {doc: e.id for e in reversed(events) for doc in e.documents}
    valued = sum(m.value is not None for m in mentions)
    context = context_mode(settings.context_vectors, valued)
    facts = reconcile(mentions, event_of, threshold=settings.link_threshold,
                      tolerance=settings.value_tolerance, context=context,
                      kept=blocks, processes=settings.n_process, tensors=analysed.tensors)
    record = supported(Record(tuple(docs), tuple(sents), tuple(mentions), tuple(quotes),
                              tuple(merged.entities), tuple(events), tuple(facts),
                              tuple(analysed.skipped), story),
                       limit=settings.page_max_reports)  # the support stage
    return record, (grouping, names, context, valued)


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
