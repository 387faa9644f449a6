"""URLs of the pages, and the tilde encoding that keeps any id a single path segment.

Ids come from reports (a report's id is its file name; a subject is a phrase
from the text), so they may hold ``/``, ``.``, ``%`` or spaces. Like Datasette,
each id is tilde-encoded into one path segment: letters, digits, ``_`` and
``-`` stand for themselves, a space is ``+`` and every other byte of its UTF-8
form is ``~XX``. A dot is always encoded, so ``.json`` at the end of a path is
never part of an id, and servers or proxies that decode ``%2F`` cannot split it.
"""

from __future__ import annotations

import re
import string
from urllib.parse import urlencode

__all__ = [
    "entity",
    "event",
    "fact",
    "facts",
    "quotes",
    "report",
    "subject",
    "table",
    "tilde_decode",
    "tilde_encode",
    "with_query",
]

SAFE = frozenset(string.ascii_letters + string.digits + "_-")
ESCAPE = re.compile(r"~([0-9A-Fa-f]{2})")


def tilde_encode(text: str) -> str:
    """``text`` as one path segment (see the module docstring)."""
    out: list[str] = []
    for ch in text:
        if ch in SAFE:
            out.append(ch)
        elif ch == " ":
            out.append("+")
        else:
            out.extend(f"~{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def tilde_decode(segment: str) -> str | None:
    """The id a segment encodes, or None if it is not valid tilde encoding of UTF-8."""
    data = bytearray()
    pos = 0
    for match in ESCAPE.finditer(segment):
        data += segment[pos : match.start()].replace("+", " ").encode("utf-8")
        data.append(int(match.group(1), 16))
        pos = match.end()
    data += segment[pos:].replace("+", " ").encode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _query(params: dict[str, str | None]) -> str:
    kept = {k: v for k, v in params.items() if v}
    return f"?{urlencode(kept)}" if kept else ""


def fact(ident: str) -> str:
    return f"/fact/{tilde_encode(ident)}"


def report(ident: str) -> str:
    return f"/report/{tilde_encode(ident)}"


def subject(name: str) -> str:
    return f"/subject/{tilde_encode(name)}"


def entity(ident: str) -> str:
    return f"/entity/{tilde_encode(ident)}"


def event(ident: str) -> str:
    return f"/event/{tilde_encode(ident)}"


def table(name: str) -> str:
    return f"/table/{tilde_encode(name)}"


def facts(**filters: str | None) -> str:
    """The fact list with these filters (``status``, ``kind``, ``report``, ``speaker``, ...)."""
    return "/facts" + _query(filters)


def quotes(**filters: str | None) -> str:
    """The quotes page with these filters (``speaker``, ``report``)."""
    return "/quotes" + _query(filters)


def with_query(path: str, params: dict[str, list[str]], **changes: str | None) -> str:
    """``path`` with the query ``params``, some changed (a None or empty value drops one)."""
    merged = {k: list(v) for k, v in params.items()}
    for key, value in changes.items():
        merged.pop(key, None)
        if value:
            merged[key] = [value]
    pairs = [(k, v) for k, values in merged.items() for v in values if v]
    return path + (f"?{urlencode(pairs)}" if pairs else "")
