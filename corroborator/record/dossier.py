"""Record -> the dossier JSON (the contract of ``shared/eval/GOLD.md``, plus extra fields).

Each model's fields come from its one serialiser (``serialise``), as in
``record.sqlite`` and the web app's JSON twins."""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..models import Record
from ..reconcile.series import Series, find_series, series_of
from ..reconcile.support import supported
from . import serialise
from .serialise import as_json, fact_json, mention_json

__all__ = [
    "CHUNK_CHARS", "buffered", "fact_json", "json_chunks", "mention_json", "series_json",
    "shared_mode", "to_json", "write_atomic", "write_json",
]  # fmt: skip

CHUNK_CHARS = 1 << 20  # characters written at a time


def series_json(s: Series) -> dict[str, Any]:
    """A figure's history: one slot's value at each time it is stated for, fact by fact."""
    return {"id": s.id, "event": s.event, "label": s.label, "kind": s.kind, "unit": s.unit,
            "points": [{"time": p.time, "value": as_json(p.value), "fact": p.fact}
                       for p in s.points]}


def to_json(record: Record) -> dict[str, Any]:
    """The dossier as one JSON-ready dict."""
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in _sections(record).items()}


def _sections(record: Record) -> dict[str, Any]:
    """The dossier's top-level fields in order; the long lists as generators, so that
    ``write_json`` can write them one item at a time. Derivations and support are the
    record's own (the support stage's, ``reconcile.support``)."""
    record = supported(record)
    facts = record.facts
    derived = {d.doc: d for d in record.derivations or ()}
    support = {s.fact: s for s in record.support or ()}
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
            "derived": len(derived),
        },
        "documents": (as_json(serialise.document(d))
                      | {"derived_from": as_json(serialise.derivation(derived.get(d.id)))}
                      for d in record.documents),
        "events": ({"id": e.id, "label": e.label, "when": e.when, "documents": list(e.documents)}
                   for e in record.events),
        "facts": (fact_json(f, support.get(f.id), in_series.get(f.id)) for f in facts),
        "series": [series_json(x) for x in found],
        "quotes": (as_json(serialise.quote(q)) for q in record.quotes),
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
