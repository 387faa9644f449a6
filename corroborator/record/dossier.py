"""Record -> the dossier JSON (the contract of ``shared/eval/GOLD.md``, plus extra fields)."""

from __future__ import annotations

import functools
import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..models import Fact, Mention, Record
from ..reconcile.independence import Derivation, Supporter, find_derivations
from ..reconcile.series import Series, find_series, series_of
from ..reconcile.sides import Side, disputed, sides, supporting_docs

CHUNK_CHARS = 1 << 20  # characters written at a time


def _num(value: float | None) -> float | str | None:
    if value is None:
        return None
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return int(value) if float(value).is_integer() else value


def mention_json(m: Mention) -> dict[str, Any]:
    value: Any = m.value
    if isinstance(value, float) and not math.isfinite(value):
        value = None  # JSON has no infinity; the text keeps what was written
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    out: dict[str, Any] = {
        "id": m.id, "doc": m.doc, "value": value, "unit": m.unit, "text": m.text,
        "bound": m.bound, "low": _num(m.low), "high": _num(m.high),
        "sentence": m.sentence, "start": m.start, "end": m.end,
        "said_by": m.said_by, "attribution_cue": m.attribution_cue,
        "hedged": m.hedged, "hedge_cue": m.hedge_cue, "counted": m.counted,
        "subject": m.subject, "time": m.time, "in_quote": m.in_quote,
    }
    for key in ("alt", "change", "clock"):  # a converted figure; "from 30 to 34"; "4 p.m."
        if key in m.extra:
            out[key] = m.extra[key]
    return out


def fact_json(f: Fact, support_json: dict[str, Any] | None = None,
              series: str | None = None) -> dict[str, Any]:
    value: Any = f.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return {
        "id": f.id, "event": f.event, "label": f.label, "subject": f.subject, "kind": f.kind,
        "status": f.status, "value": value, "unit": f.unit, "reason": f.reason,
        "dispute": disputed(f),
        "series": series,
        "values": [side_json(s) for s in sides(f.mentions)],
        "documents": sorted({m.doc for m in f.mentions}),
        "support": support_json,
        "mentions": [mention_json(m) for m in f.mentions],
    }


def series_json(s: Series) -> dict[str, Any]:
    """A figure's history: one slot's value at each time it is stated for, fact by fact."""
    return {"id": s.id, "event": s.event, "label": s.label, "kind": s.kind, "unit": s.unit,
            "points": [{"time": p.time, "value": _plain(p.value), "fact": p.fact}
                       for p in s.points]}


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def side_json(s: Side) -> dict[str, Any]:
    """One value of a fact with who states it and where (a conflict's sides)."""
    value: Any = s.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return {"value": value, "unit": s.unit, "text": s.text, "said_by": list(s.sources),
            "documents": list(s.docs), "own_voice": s.own_voice}


def derivation_json(d: Derivation | None) -> dict[str, Any] | None:
    """Which report this one copies, and how much of it: None for an independent report."""
    if d is None:
        return None
    return {"doc": d.source_doc, "share": d.share, "paragraphs": d.paragraphs, "of": d.of,
            "kind": d.kind}


def to_json(record: Record) -> dict[str, Any]:
    """The dossier as one JSON-ready dict."""
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in _sections(record).items()}


def _sections(record: Record) -> dict[str, Any]:
    """The dossier's top-level fields in order; the long lists as generators, so that
    ``write_json`` can write them one item at a time."""
    facts = record.facts
    derivations = find_derivations(record.documents)
    derived = {d.doc: d for d in derivations}
    supporter = Supporter(derivations, record.documents)
    found = find_series(facts)
    in_series = {fact: x.id for fact, x in series_of(found).items()}
    return {
        "corroborator": __version__,
        "story": record.story,
        "summary": {
            "documents": len(record.documents), "events": len(record.events),
            "facts": len(facts), "conflicts": sum(f.status == "conflict" for f in facts),
            "mentions": len(record.mentions), "quotes": len(record.quotes),
            "skipped": len(record.skipped),
        },
        "documents": (
            {"id": d.id, "title": d.source.title, "published": d.source.published,
             "outlet": d.source.outlet, "url": d.source.url, "path": d.raw.path,
             "format": d.raw.format, "derived_from": derivation_json(derived.get(d.id))}
            for d in record.documents
        ),
        "events": ({"id": e.id, "label": e.label, "when": e.when, "documents": list(e.documents)}
                   for e in record.events),
        "facts": (fact_json(f, supporter.support(supporting_docs(f)), in_series.get(f.id))
                  for f in facts),
        "series": [series_json(x) for x in found],
        "quotes": ({"id": q.id, "doc": q.doc, "speaker": q.speaker, "cue": q.cue, "text": q.text,
                    "start": q.start, "end": q.end} for q in record.quotes),
        "entities": ({"id": e.id, "name": e.name, "label": e.label, "aliases": list(e.aliases),
                      "documents": list(e.docs)} for e in record.entities),
        "skipped": [{"path": s.path, "reason": s.reason} for s in record.skipped],
    }


def json_chunks(record: Record, chunk: int = CHUNK_CHARS) -> Iterator[str]:
    """The text of ``json.dumps(to_json(record))``, in pieces of about ``chunk`` characters:
    each list item is encoded on its own (by CPython's C encoder), so neither the whole
    dict nor the whole text is ever held."""
    return buffered(_json_pieces(record), chunk)


def _json_pieces(record: Record) -> Iterator[str]:
    dumps = functools.partial(json.dumps, ensure_ascii=False, allow_nan=False)
    yield "{"
    for n, (key, value) in enumerate(_sections(record).items()):
        yield f"{', ' if n else ''}{dumps(key)}: "
        if not isinstance(value, Iterator):
            yield dumps(value)
            continue
        yield "["
        for k, item in enumerate(value):
            yield f", {dumps(item)}" if k else dumps(item)
        yield "]"
    yield "}"


def buffered(pieces: Iterable[str], chunk: int = CHUNK_CHARS) -> Iterator[str]:
    """Small pieces of a text joined into pieces of about ``chunk`` characters (the last
    one maybe shorter), for writing."""
    held: list[str] = []
    size = 0
    for piece in pieces:
        held.append(piece)
        size += len(piece)
        if size >= chunk:
            yield "".join(held)
            held, size = [], 0
    yield "".join(held)


def shared_mode() -> int:
    """The mode a new file gets from the user's umask (0644 under the usual 022): the
    temporary files outputs are written in are private (0600) until made so."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write a file (``text``: a string, or its pieces in order) so that a reader sees the
    old or the new content, never half of it, and the new content is on the disk (synced)
    before it replaces the old."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, shared_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            if isinstance(text, str):
                fh.write(text)
            else:
                for piece in text:
                    fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_json(record: Record, path: Path) -> None:
    """The dossier as compact JSON, written as it is encoded (``json_chunks``);
    ``python -m json.tool dossier.json`` pretty-prints it."""
    write_atomic(path, json_chunks(record))
