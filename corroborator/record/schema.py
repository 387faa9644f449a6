"""The tables of ``record.sqlite``: columns, keys, indexes and full-text search.

``store`` creates them (a whole-record write) and ``changes`` changes their rows in
place; the table list with what each holds is in ``store``'s docstring.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FTS_COLUMNS", "INDEXES", "JSON", "SCHEMA", "VALUE", "TableSpec"]

# A table's definition: columns, primary key, foreign keys (column, table, column).
TableSpec = tuple[dict[str, Any], str | tuple[str, ...] | None, list[tuple[str, str, str]]]

# No type affinity: a float stays REAL, an ISO date stays TEXT (see module docstring).
VALUE = bytes
JSON = str

SCHEMA: dict[str, TableSpec] = {
    "documents": (
        {
            "id": str, "path": str, "format": str, "title": str, "outlet": str, "url": str,
            "published": str, "author": str, "language": str, "sha256": str,
            "raw_text": str, "text": str,
        },
        "id",
        [],
    ),
    "segments": (
        {"doc": str, "clean_start": int, "raw_start": int, "length": int},
        ("doc", "clean_start"),
        [("doc", "documents", "id")],
    ),
    "removed": (
        {"doc": str, "idx": int, "start": int, "end": int, "text": str, "reason": str},
        ("doc", "idx"),
        [("doc", "documents", "id")],
    ),
    "sentences": (
        {"doc": str, "idx": int, "start": int, "end": int, "text": str},
        ("doc", "idx"),
        [("doc", "documents", "id")],
    ),
    "events": ({"id": str, "label": str, "when": str}, "id", []),
    "event_documents": (
        {"event": str, "doc": str, "position": int},
        ("event", "doc"),
        [("event", "events", "id"), ("doc", "documents", "id")],
    ),
    "facts": (
        {
            "id": str, "event": str, "label": str, "subject": str, "kind": str, "status": str,
            "value": VALUE, "unit": str, "reason": str, "n_mentions": int, "n_documents": int,
            "dispute": int, "n_values": int, "stated_values": JSON, "sources": JSON,
            "outlets": int, "supporting_reports": int, "independent_sources": int,
            "support": str, "support_sources": JSON, "support_detail": JSON,
        },
        "id",
        [("event", "events", "id")],
    ),
    "series": (
        {"id": str, "event": str, "label": str, "kind": str, "unit": str, "points": JSON,
         "facts": JSON},
        "id",
        [("event", "events", "id")],
    ),
    "mentions": (
        {
            "id": str, "doc": str, "kind": str, "value": VALUE, "unit": str, "text": str,
            "start": int, "end": int, "sentence": str, "sent_start": int, "sent_end": int,
            "bound": str, "low": float, "high": float, "counted": str, "head": str,
            "qualifiers": JSON, "frame": JSON, "context": str, "time": str, "said_by": str,
            "said_by_kind": str, "said_by_cue": str, "attribution_cue": str, "hedged": int, "hedge_cue": str, "subject": str,
            "entities": JSON, "in_quote": int, "extra": JSON, "fact": str, "event": str,
        },
        "id",
        [("doc", "documents", "id"), ("fact", "facts", "id"), ("event", "events", "id")],
    ),
    "fact_mentions": (
        {"fact": str, "mention": str, "position": int},
        ("fact", "mention"),
        [("fact", "facts", "id"), ("mention", "mentions", "id")],
    ),
    "quotes": (
        {
            "id": str, "doc": str, "text": str, "start": int, "end": int,
            "speaker": str, "cue": str,
        },
        "id",
        [("doc", "documents", "id")],
    ),
    "entities": (
        {"id": str, "name": str, "label": str, "aliases": JSON, "docs": JSON},
        "id",
        [],
    ),
    "derivations": (
        {"doc": str, "source_doc": str, "share": float, "paragraphs": int, "of": int,
         "kind": str},
        "doc",
        [("doc", "documents", "id"), ("source_doc", "documents", "id")],
    ),
    "skipped": ({"path": str, "reason": str}, None, []),
    "meta": ({"key": str, "value": str}, "key", []),
}  # fmt: skip

INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mentions", ("doc",)),
    ("mentions", ("fact",)),
    ("mentions", ("event",)),
    ("mentions", ("kind",)),
    ("facts", ("event",)),
    ("facts", ("status",)),
    ("fact_mentions", ("mention",)),
    ("event_documents", ("doc",)),
    ("quotes", ("doc",)),
    ("quotes", ("speaker",)),
    ("derivations", ("source_doc",)),
)

FTS_COLUMNS = {"sentences": ["text"], "quotes": ["text"]}
