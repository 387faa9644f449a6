"""One serialiser per model: a report, a mention, a quote and a fact as named fields.

``record.sqlite`` (``store``), ``dossier.json`` (``dossier``) and the web app's JSON
twins all take a model's fields from here, so the three cannot drift apart::

    document(d)                    a report's metadata (SQLite adds its two texts)
    mention(m)                     every field of a mention; the attribution's kind and
                                   cue (``said_by_kind``, ``said_by_cue``) from its extra
    quote(q)
    fact(f, support, series)       a fact, its sides, reports, support and mentions
    derivation(d), support(s)      the support stage's output

Each gives plain Python values (lists, dicts, numbers, text, bools, None). ``as_json``
makes them JSON (an integral float as an int, no infinities); SQLite's rows are built
from the same dicts by ``mention_row``, ``fact_row`` and the others: lists and dicts as
JSON text (Datasette facets on JSON arrays), bools as 0 and 1, values as they are.
``mention_from_row`` and ``quote_from_row`` read a row back into the model.
"""

from __future__ import annotations

import json
import math
from dataclasses import fields
from typing import Any

from ..models import (
    CleanDoc,
    Derivation,
    Fact,
    Mention,
    Quote,
    Support,
    SupportSource,
)
from ..reconcile.sides import Side, disputed, sides

__all__ = [
    "MENTION_EXTRAS",
    "SUPPORT_COLUMNS",
    "as_json",
    "derivation",
    "document",
    "fact",
    "fact_json",
    "fact_row",
    "mention",
    "mention_from_row",
    "mention_json",
    "mention_row",
    "model_json",
    "quote",
    "quote_from_row",
    "side",
    "support",
    "support_from_json",
]

Fields = dict[str, Any]

# What a mention's extra says that is shown as a field of its own (a column to facet on).
MENTION_EXTRAS = ("said_by_kind", "said_by_cue")
LIFTED = ("alt", "change", "clock")  # a converted figure; "from 30 to 34"; "4 p.m."
_MENTION_FIELDS = tuple(f.name for f in fields(Mention) if f.name != "extra")
_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
# The columns of ``facts`` that ``fact_row`` fills from the fact's support.
SUPPORT_COLUMNS = ("outlets", "supporting_reports", "independent_sources", "support",
                   "support_sources", "support_detail")
_JSON_COLUMNS = frozenset({"qualifiers", "frame", "entities", "extra"})
_BOOL_COLUMNS = frozenset({"hedged", "in_quote"})


# --- the models as fields ----------------------------------------------------------


def document(d: CleanDoc) -> Fields:
    """A report's metadata: where it came from, what it is."""
    raw, source = d.raw, d.raw.source
    return {
        "id": raw.id, "path": raw.path, "format": raw.format, "title": source.title,
        "outlet": source.outlet, "url": source.url, "published": source.published,
        "author": source.author, "language": source.language, "sha256": raw.sha256,
    }  # fmt: skip


def mention(m: Mention) -> Fields:
    """Every field of a mention, in the model's order, with ``MENTION_EXTRAS`` after
    ``said_by`` and the rest of its extra (diagnostics, a converted figure) last."""
    out: Fields = {}
    for name in _MENTION_FIELDS:
        value = getattr(m, name)
        out[name] = list(value) if isinstance(value, tuple) else value
        if name == "said_by":
            out.update((key, m.extra.get(key)) for key in MENTION_EXTRAS)
    out["extra"] = dict(m.extra)
    return out


def quote(q: Quote) -> Fields:
    return {"id": q.id, "doc": q.doc, "speaker": q.speaker, "cue": q.cue, "text": q.text,
            "start": q.start, "end": q.end}


def side(s: Side) -> Fields:
    """One value of a fact with who states it and where (a conflict's sides)."""
    return {"value": s.value, "unit": s.unit, "text": s.text, "said_by": list(s.sources),
            "documents": list(s.docs), "own_voice": s.own_voice}


def support(s: Support | None) -> Fields | None:
    """How many outlets and independent sources stand behind a fact."""
    if s is None:
        return None
    return {"outlets": s.outlets, "reports": s.reports, "independent": s.independent,
            "summary": s.summary,
            "sources": [{"origin": x.origin, "label": x.label, "documents": list(x.documents),
                         "outlets": list(x.outlets)} for x in s.sources]}


def support_from_json(fact_id: str, data: dict[str, Any]) -> Support:
    sources = tuple(SupportSource(x["origin"], x["label"], tuple(x["documents"]),
                                  tuple(x["outlets"])) for x in data["sources"])
    return Support(fact_id, data["outlets"], data["reports"], data["independent"], sources,
                   data["summary"])


def derivation(d: Derivation | None) -> Fields | None:
    """Which report this one copies, and how much of it: None for an independent report."""
    if d is None:
        return None
    return {"doc": d.source_doc, "share": d.share, "paragraphs": d.paragraphs, "of": d.of,
            "kind": d.kind}


def fact(f: Fact, found: Support | None = None, series: str | None = None, *,
         mentions: bool = True) -> Fields:
    """A fact: its slot, status and value, its sides (each value with its sources), its
    reports and named sources, its support and (unless ``mentions`` is false) its
    mentions."""
    stated = sides(f.mentions)
    out: Fields = {
        "id": f.id, "event": f.event, "label": f.label, "subject": f.subject, "kind": f.kind,
        "status": f.status, "value": f.value, "unit": f.unit, "reason": f.reason,
        "dispute": disputed(f),
        "series": series,
        "values": [side(s) for s in stated],
        "documents": sorted({m.doc for m in f.mentions}),
        "sources": sorted({m.said_by for m in f.mentions if m.said_by}),
        "n_mentions": len(f.mentions),
        "support": support(found),
    }  # fmt: skip
    if mentions:
        out["mentions"] = [mention(m) for m in f.mentions]
    return out


# --- JSON ------------------------------------------------------------------------


def as_json(value: Any) -> Any:
    """Plain fields made JSON: an integral float as an int, a non-finite one as None
    (its text keeps what was written), tuples as lists, anything else unknown as text."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def mention_json(m: Mention) -> Fields:
    """A mention as dossier.json and the web app give it. Its bounds keep an infinite
    end as ``"inf"`` (an open range: "more than 5"); a converted figure, a change and a
    clock time (``LIFTED``) are fields of their own too."""
    out = as_json(mention(m))
    out["low"], out["high"] = _bound(m.low), _bound(m.high)
    for key in LIFTED:  # as dossier.json has always given them, beside their extra
        if key in m.extra:
            out[key] = out["extra"][key]
    return dict(out)


def _bound(value: float | None) -> float | str | None:
    if value is not None and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return as_json(value)  # type: ignore[no-any-return]


def fact_json(f: Fact, found: Support | None = None, series: str | None = None
              ) -> Fields:
    """A fact as dossier.json and the web app give it, its mentions in full."""
    out: Fields = as_json(fact(f, found, series, mentions=False))
    out["mentions"] = [mention_json(m) for m in f.mentions]
    return out


def model_json(value: object) -> Fields | None:
    """A report, mention, quote or fact as JSON (None for anything else)."""
    if isinstance(value, Mention):
        return mention_json(value)
    if isinstance(value, Quote):
        return dict(as_json(quote(value)))
    if isinstance(value, CleanDoc):
        return dict(as_json(document(value)))
    if isinstance(value, Fact):
        return fact_json(value)
    return None


# --- SQLite rows -----------------------------------------------------------------


def mention_row(m: Mention, *, fact: str | None = None, event: str | None = None) -> Fields:
    """A mention as a row of ``mentions``, with the fact citing it and its event."""
    out = mention(m)
    for key in _JSON_COLUMNS:
        out[key] = json.dumps(out[key], ensure_ascii=False, default=str)
    for key in _BOOL_COLUMNS:
        out[key] = int(out[key])
    return out | {"fact": fact, "event": event}


def mention_from_row(row: dict[str, Any]) -> Mention:
    """A row of ``mentions`` back into the mention it was written from."""
    kept = {k: row[k] for k in _MENTION_FIELDS}
    for key in ("qualifiers", "frame", "entities"):
        kept[key] = tuple(json.loads(kept[key]))
    for key in _BOOL_COLUMNS:
        kept[key] = bool(kept[key])
    return Mention(**kept, extra=json.loads(row["extra"]))


def quote_row(q: Quote) -> Fields:
    return quote(q)


def quote_from_row(row: dict[str, Any]) -> Quote:
    return Quote(**{k: row[k] for k in _QUOTE_FIELDS})


def fact_row(f: Fact, found: Support | None) -> Fields:
    """A fact as a row of ``facts``: its fields, with its sides, sources and support
    flattened into columns Datasette can facet on (``_facet_array=support_sources``)."""
    full = fact(f, found, mentions=False)
    s = full["support"] or {}
    return {
        "id": f.id, "event": f.event, "label": f.label, "subject": f.subject, "kind": f.kind,
        "status": f.status, "value": f.value, "unit": f.unit, "reason": f.reason,
        "n_mentions": full["n_mentions"], "n_documents": len(full["documents"]),
        "dispute": int(full["dispute"]), "n_values": len(full["values"]),
        "stated_values": _array([v["text"] for v in full["values"]]),
        "sources": _array(full["sources"]),
        "outlets": s.get("outlets"), "supporting_reports": s.get("reports"),
        "independent_sources": s.get("independent"), "support": s.get("summary"),
        "support_sources": _array([x["label"] for x in s.get("sources", [])]),
        "support_detail": json.dumps(s, ensure_ascii=False) if found else None,
    }  # fmt: skip


def _array(items: list[str]) -> str:
    return json.dumps(items, ensure_ascii=False)
