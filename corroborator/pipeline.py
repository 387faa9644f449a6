"""The one orchestrator: ``build(paths, settings)`` runs the stages in order.

::

    ingest   files, folders, JSON exports          -> RawDoc | Skipped
    clean    clutter removed, offsets kept          -> CleanDoc
    parse    spaCy (en_core_web_sm 3.8.0)           -> Doc
    extract  values, dates, quotes, attribution     -> Mention, Quote
    entities names merged across aliases            -> Entity
    events   reports grouped by event               -> Event
    reconcile one fact per slot, with a status      -> Fact

A report that fails at any stage is recorded as skipped with the reason; the
rest of the batch is built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from .clean import clean_reports
from .entities import merge_entities
from .events import group_events
from .extract import extract, sentences
from .ingest import iter_reports, no_reports_error
from .models import CleanDoc, Mention, Quote, RawDoc, Record, Sentence, Skipped
from .nlp import make_nlp
from .reconcile import reconcile
from .settings import Settings

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


def read(paths: Sequence[str | Path], settings: Settings) -> tuple[list[RawDoc], list[Skipped]]:
    docs: list[RawDoc] = []
    skipped: list[Skipped] = []
    for item in iter_reports(paths, settings=settings):
        (skipped if isinstance(item, Skipped) else docs).append(item)  # type: ignore[arg-type]
    return docs, skipped


def analyse(cleaned: Sequence[CleanDoc], settings: Settings, progress: Progress | None = None,
            ) -> tuple[list[CleanDoc], list[Sentence], list[Mention], list[Quote], list, list[Skipped]]:
    """Parse and extract every cleaned report; a report that fails is skipped."""
    nlp = make_nlp(settings.spacy_model)
    kept: list[CleanDoc] = []
    sents: list[Sentence] = []
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    ents: list = []
    skipped: list[Skipped] = []
    texts = (d.text for d in cleaned)
    for k, (clean, doc) in enumerate(zip(cleaned, nlp.pipe(texts, batch_size=settings.batch_size))):
        try:
            ms, qs = extract(doc, clean)
        except Exception as exc:  # noqa: BLE001 - one bad report never aborts a batch
            log.exception("extraction failed for %s", clean.raw.path)
            skipped.append(Skipped(clean.raw.path, f"could not analyse the text ({exc!r}); "
                                   "please report this as a bug with the file attached"))
            continue
        kept.append(clean)
        sents.extend(sentences(doc, clean.id))
        mentions.extend(ms)
        quotes.extend(qs)
        ents.extend((clean.id, e.text, e.label_) for e in doc.ents)
        if progress:
            progress(k + 1, len(cleaned))
    return kept, sents, mentions, quotes, ents, skipped


def build(paths: Sequence[str | Path], settings: Settings | None = None, *,
          progress: Progress | None = None, story: str | None = None) -> Record:
    """Build the record of a corpus. Raises NoReportsError if nothing could be read."""
    settings = settings or Settings()
    raw, skipped = read(paths, settings)
    if not raw:
        raise no_reports_error(paths, skipped)
    cleaned = clean_reports(raw, settings=settings)
    docs, sents, mentions, quotes, ents, failed = analyse(cleaned, settings, progress)
    skipped += failed
    if not docs:
        raise no_reports_error(paths, skipped)
    entities, canon = merge_entities(ents)
    mentions = [canon_mention(m, canon) for m in mentions]
    quotes = [canon_quote(q, canon) for q in quotes]
    starts: dict[str, list[int]] = {}
    for s in sents:
        starts.setdefault(s.doc, []).append(s.start)
    events = group_events(docs, mentions, starts, threshold=settings.event_threshold)
    event_of = {doc: e.id for e in reversed(events) for doc in e.documents}
    facts = reconcile(mentions, event_of, threshold=settings.link_threshold,
                      tolerance=settings.value_tolerance)
    return Record(tuple(docs), tuple(sents), tuple(mentions), tuple(quotes), tuple(entities),
                  tuple(events), tuple(facts), tuple(skipped), story)


def canon_mention(m: Mention, canon: dict[str, str]) -> Mention:
    from dataclasses import replace

    return replace(
        m,
        said_by=canon.get(m.said_by, m.said_by) if m.said_by else None,
        subject=canon.get(m.subject, m.subject) if m.subject else None,
        entities=tuple(dict.fromkeys(canon.get(e, e) for e in m.entities)),
        extra=m.extra,
    )


def canon_quote(q: Quote, canon: dict[str, str]) -> Quote:
    from dataclasses import replace

    return replace(q, speaker=canon.get(q.speaker, q.speaker) if q.speaker else None)
