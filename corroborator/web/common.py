"""What every view shares: the request it reads, the page it returns, paging, JSON.

A view is a function ``(site, request, **path_params) -> Page | Response``.
A ``Page`` holds ``data``, plain JSON-ready values that are the page's JSON
twin, and ``html``, what only the template needs (highlight trees, chart
geometry). Keeping the two apart is what makes every page's ``.json`` twin
say the same thing as the page, without markup in it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..record import serialise
from . import urls

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "HTTPError",
    "Page",
    "Paged",
    "Request",
    "Response",
    "jsonable",
    "paginate",
]

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class HTTPError(Exception):
    """A request the app refuses, with the status to send and a message for the reader."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Request:
    """One GET: the path without its format suffix, the format asked for, the query."""

    path: str
    fmt: str  # "html", "json" or "csv"
    query: dict[str, list[str]] = field(default_factory=dict)

    def arg(self, name: str) -> str | None:
        """The first non-empty value of a query parameter, stripped."""
        for value in self.query.get(name, ()):
            if value.strip():
                return value.strip()
        return None

    def url(self, suffix: str = "", /, **changes: str | None) -> str:
        """This page's URL (``suffix`` ``.json`` for its twin), some parameters changed."""
        path = "/index" if self.path == "/" and suffix else self.path
        params = {k: v for k, v in self.query.items() if k != "_format"}
        return urls.with_query(path + suffix, params, **changes)


@dataclass(frozen=True, slots=True)
class Response:
    """A finished response, for views that answer with something other than a page."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """What a view answers: a template, its title, the JSON twin's data and template extras."""

    template: str
    title: str
    data: dict[str, Any]
    html: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Paged(Generic[T]):
    """One page of a longer list."""

    items: list[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    def links(self, request: Request) -> dict[str, Any]:
        """Where this page sits, with the URLs of its neighbours (for HTML and JSON alike)."""
        suffix = "" if request.fmt == "html" else f".{request.fmt}"

        def at(n: int) -> str | None:
            if not 1 <= n <= self.pages or n == self.number:
                return None
            return request.url(suffix, page=str(n) if n > 1 else None)

        return {
            "number": self.number,
            "size": self.size,
            "total": self.total,
            "pages": self.pages,
            "first": self.number == 1,
            "prev": at(self.number - 1),
            "next": at(self.number + 1),
        }


MAX_DIGITS = 12  # a page number or size longer than this is no page of any record


def paginate(
    items: Sequence[T], request: Request, size: int = DEFAULT_PAGE_SIZE, cap: int = MAX_PAGE_SIZE
) -> Paged[T]:
    """The page of ``items`` that ``?page=`` (and ``?size=``, up to ``cap``) asks for."""
    number = _positive(request, "page", 1)
    size = min(_positive(request, "size", size), cap)
    start = (number - 1) * size
    return Paged(
        items=list(items[start : start + size]), number=number, size=size, total=len(items)
    )


def _positive(request: Request, name: str, default: int) -> int:
    raw = request.arg(name)
    if raw is None:
        return default
    # ASCII digits only: str.isdigit() is true for "²" and "٣", which int() refuses or reads
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_DIGITS or int(raw) < 1:
        raise HTTPError(400, f"?{name}= takes a whole number from 1 up, not {raw[:40]!r}")
    return int(raw)


def jsonable(value: Any) -> Any:
    """Plain JSON data for a value: a report, mention, quote or fact as its serialiser
    gives it (as in dossier.json and record.sqlite), other dataclasses as objects,
    tuples as arrays."""
    found = serialise.model_json(value)
    if found is not None:
        return found
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value
