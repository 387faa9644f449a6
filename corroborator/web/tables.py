"""The record's tables, browsable, filterable and exportable, as Datasette would show them.

``/table/<name>`` shows the rows of one table of ``record.sqlite`` with the
same columns, built from the loaded ``Record`` by the store's own row
builders (so a table here is the table in the file, row for row; only
``meta`` is left out: its ``created`` is stamped at write time and is not
part of the record). Query parameters follow Datasette's where they can:

* ``?column=value`` or ``?column__op=value`` filters, ``op`` one of ``OPS``;
* ``?_search=text`` keeps rows with ``text`` in any column (case, diacritics and hyphens
  aside);
* ``?_sort=column`` / ``?_sort_desc=column`` orders;
* ``?page=`` / ``?size=`` paginate; ``.json`` and ``.csv`` twins (or
  ``?_format=json|csv``) give the filtered rows, the CSV all of them.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..record import store
from . import urls
from .common import HTTPError, Page, Request, Response, paginate
from .search import fold
from .site import Site

__all__ = ["OPS", "Table", "load_tables", "table", "tables"]

HIDDEN = frozenset({"meta"})
RESERVED = frozenset({"page", "size"})
CELL_CHARS = 160  # longer text is cut in the HTML table (never in JSON or CSV)
FACET_VALUES = 12
FACETS = {
    "documents": ("outlet", "format", "language"),
    "facts": ("status", "kind", "event", "subject", "independent_sources", "outlets"),
    "mentions": ("kind", "doc", "bound", "hedged", "in_quote", "said_by", "said_by_kind"),
    "derivations": ("kind", "source_doc"),
    "quotes": ("speaker", "doc", "cue"),
    "entities": ("label",),
    "removed": ("doc", "reason"),
    "sentences": ("doc",),
    "event_documents": ("event", "doc"),
    "skipped": ("reason",),
}
# Columns whose value is the id of something with a page of its own.
LINKS: dict[tuple[str, str], Callable[[str], str]] = {
    ("documents", "id"): urls.report,
    ("facts", "id"): urls.fact,
    ("events", "id"): urls.event,
    ("entities", "id"): urls.entity,
    ("facts", "event"): urls.event,
    ("facts", "subject"): urls.subject,
    ("mentions", "fact"): urls.fact,
    ("mentions", "event"): urls.event,
    ("fact_mentions", "fact"): urls.fact,
    ("event_documents", "event"): urls.event,
}
for _table in ("segments", "removed", "sentences", "mentions", "quotes", "event_documents",
               "derivations"):
    LINKS[(_table, "doc")] = urls.report
LINKS[("derivations", "source_doc")] = urls.report


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: list[str]
    rows: list[dict[str, Any]]


def load_tables(site: Site) -> dict[str, Table]:
    """Every table of the record file, rebuilt from the record (see the module docstring)."""
    out: dict[str, Table] = {}
    for name, rows in store.table_rows(site.record):  # the store's own rows: one definition
        if name not in HIDDEN:
            out[name] = Table(name, list(store.SCHEMA[name][0]), [dict(r) for r in rows])
    return out


# ---------------------------------------------------------------------------
# filters


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _compare(cell: object, value: str) -> int:
    """-1, 0 or 1: numbers compare as numbers, anything else as text."""
    a, b = _number(cell), _number(value)
    left, right = (a, b) if a is not None and b is not None else (_text(cell), value)
    return (left > right) - (left < right)  # type: ignore[operator]


OPS: dict[str, Callable[[object, str], bool]] = {
    "exact": lambda cell, v: _compare(cell, v) == 0 if cell is not None else v == "",
    "not": lambda cell, v: not (_compare(cell, v) == 0 if cell is not None else v == ""),
    "contains": lambda cell, v: v.casefold() in _text(cell).casefold(),
    "startswith": lambda cell, v: _text(cell).casefold().startswith(v.casefold()),
    "gt": lambda cell, v: cell is not None and _compare(cell, v) > 0,
    "gte": lambda cell, v: cell is not None and _compare(cell, v) >= 0,
    "lt": lambda cell, v: cell is not None and _compare(cell, v) < 0,
    "lte": lambda cell, v: cell is not None and _compare(cell, v) <= 0,
    "isnull": lambda cell, v: cell is None or cell == "",
    "notnull": lambda cell, v: not (cell is None or cell == ""),
}


@dataclass(frozen=True, slots=True)
class Filter:
    column: str
    op: str
    value: str

    @property
    def key(self) -> str:
        return self.column if self.op == "exact" else f"{self.column}__{self.op}"


def _filters(tbl: Table, request: Request) -> list[Filter]:
    """The column filters in the query; an unknown column or operator is a 400."""
    out: list[Filter] = []
    for key, values in request.query.items():
        if key.startswith("_") or key in RESERVED:
            continue
        column, _, op = key.partition("__")
        op = op or "exact"
        if column not in tbl.columns:
            raise HTTPError(
                400, f"{tbl.name} has no column {column!r}; it has {', '.join(tbl.columns)}"
            )
        if op not in OPS:
            raise HTTPError(400, f"unknown filter {op!r}; use one of {', '.join(OPS)}")
        out.extend(Filter(column, op, v) for v in values)
    return out


def _select(tbl: Table, filters: list[Filter], search: str | None) -> list[dict[str, Any]]:
    rows = tbl.rows
    for f in filters:
        test = OPS[f.op]
        rows = [r for r in rows if test(r[f.column], f.value)]
    if search:
        needle = fold(search)  # case, diacritics and hyphens aside: MS-13 finds MS13
        rows = [r for r in rows if any(needle in fold(_text(v)) for v in r.values())]
    return rows


def _sorted(
    tbl: Table, rows: list[dict[str, Any]], request: Request
) -> tuple[list[Any], str | None, bool]:
    desc = request.arg("_sort_desc")
    column = desc or request.arg("_sort")
    if column is None:
        return rows, None, False
    if column not in tbl.columns:
        raise HTTPError(400, f"cannot sort {tbl.name} by {column!r}: no such column")

    def key(row: dict[str, Any]) -> tuple[int, float, str]:
        cell = row[column]
        number = _number(cell)
        return (cell is None, number if number is not None else float("inf"), _text(cell))

    return sorted(rows, key=key, reverse=bool(desc)), column, bool(desc)


# ---------------------------------------------------------------------------
# views


def tables(site: Site, request: Request) -> Page:
    """The tables of the record file, with their columns and row counts."""
    loaded = site.memo("tables", load_tables)
    rows = [
        {"table": t.name, "columns": t.columns, "rows": len(t.rows), "href": urls.table(t.name)}
        for t in loaded.values()
    ]
    data = {"record": str(site.path), "tables": rows}
    return Page("tables.html", "Tables", data)


def table(site: Site, request: Request, name: str) -> Page | Response:
    """One table's rows, filtered, sorted and paginated; the CSV twin gives every matching row."""
    tbl = site.memo("tables", load_tables).get(name)
    if tbl is None:
        raise HTTPError(404, f"No table {name!r}; see /tables for the tables of this record.")
    if (redirect := _form_redirect(tbl, request)) is not None:
        return redirect
    filters = _filters(tbl, request)
    rows, sort, desc = _sorted(tbl, _select(tbl, filters, request.arg("_search")), request)
    if request.fmt == "csv":
        return _csv(tbl, rows)
    paged = paginate(rows, request)
    data = {
        "table": tbl.name,
        "columns": tbl.columns,
        "filters": [{"column": f.column, "op": f.op, "value": f.value} for f in filters],
        "search": request.arg("_search"),
        "sort": sort,
        "sort_desc": desc,
        "page": paged.links(request),
        "rows": paged.items,
    }
    html = {
        "cells": [[_cell(tbl.name, c, r[c]) for c in tbl.columns] for r in paged.items],
        "facets": _facets(tbl, rows, request),
        "chips": [(f, request.url(**{f.key: None})) for f in filters],
        "ops": list(OPS),
        "csv": request.url(".csv"),
    }
    return Page("table.html", tbl.name, data, html)


def _form_redirect(tbl: Table, request: Request) -> Response | None:
    """Turn the filter form's ``_filter_*`` fields into a plain ``column__op=value`` URL."""
    column = request.arg("_filter_column")
    if column is None:
        return None
    op = request.arg("_filter_op") or "exact"
    value = request.arg("_filter_value") or ""
    if column not in tbl.columns or op not in OPS:
        raise HTTPError(400, f"cannot filter {tbl.name} on {column!r} with {op!r}")
    key = column if op == "exact" else f"{column}__{op}"
    drop = {"_filter_column": None, "_filter_op": None, "_filter_value": None, "page": None}
    location = request.url(**drop, **{key: value or ("1" if op in ("isnull", "notnull") else "")})
    return Response(302, "text/plain; charset=utf-8", b"", (("Location", location),))


def _cell(table_name: str, column: str, value: object) -> dict[str, Any]:
    """A cell for the HTML table: its text, cut if long, and a link if it names a page."""
    text = _text(value)
    link = LINKS.get((table_name, column))
    return {
        "text": text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…",
        "full": len(text) > CELL_CHARS,
        "null": value is None,
        "href": link(text) if link and text else None,
    }


def _facets(tbl: Table, rows: list[dict[str, Any]], request: Request) -> list[dict[str, Any]]:
    """The commonest values of a table's facet columns among the matching rows."""
    out: list[dict[str, Any]] = []
    for column in FACETS.get(tbl.name, ()):
        counts = Counter(_text(r[column]) for r in rows)
        top = counts.most_common(FACET_VALUES)
        values = [
            {"value": v, "count": n, "href": request.url(**{column: v, "page": None})}
            for v, n in top
            if v
        ]
        if values:
            out.append({"column": column, "values": values, "distinct": len(counts)})
    return out


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(...),
# @SUM(...), +cmd|...); tab and carriage return hide such a start (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def csv_cell(text: str) -> str:
    """``text`` safe to open in a spreadsheet: a cell that would start a formula is given a
    leading apostrophe (shown as text, not run); a plain number (-3.5) is left as it is."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv(tbl: Table, rows: list[dict[str, Any]]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(tbl.columns)
    writer.writerows(
        [csv_cell(_text(r[c])) if not isinstance(r[c], float) else repr(r[c])
         for c in tbl.columns]
        for r in rows
    )
    disposition = f'attachment; filename="{tbl.name}.csv"'
    return Response(
        200,
        "text/csv; charset=utf-8",
        buffer.getvalue().encode("utf-8"),
        (("Content-Disposition", disposition),),
    )
