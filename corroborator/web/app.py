"""The web app: a small, read-only WSGI application over one record file.

``make_app(path)`` loads the record with ``store.read_record`` and answers
GET and HEAD only. Every page has a JSON twin (the same URL with ``.json``,
or ``?_format=json``); tables also have a ``.csv`` twin. The record file is
checked on each request and reloaded when ``corroborator build`` replaces it.

Every report is untrusted, so the app is built to keep what it shows inert:

* templates are rendered with autoescaping on, and no markup is ever built
  from a report's text (highlights are node trees the template escapes);
* the pages carry no script at all, and the Content-Security-Policy forbids
  any (``script-src 'none'``), inline styles and every other origin;
* links from report metadata are kept only if they are http(s) URLs;
* requests must name an allowed host (``AllowedHosts``): on a loopback address
  only loopback names; on another, also the machine's names, the names given with
  ``--allowed-host`` and IP addresses. So a web page cannot reach the record by DNS
  rebinding (a name of the attacker's made to point at this machine).
"""

from __future__ import annotations

import functools
import ipaddress
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import parse_qs

import jinja2

from ..errors import StoreError
from ..models import STATUSES
from ..record.store import read_record
from ..report.render import anchor
from . import documents, search, tables, timeline, urls, views
from .common import HTTPError, Page, Request, Response, jsonable
from .site import Site

__all__ = ["CSP", "LOOPBACK_HOSTS", "App", "make_app"]

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass(frozen=True, slots=True)
class AllowedHosts:
    """The names a request's Host header may give (``host in allowed``).

    ``addresses`` also lets through any IP address: DNS rebinding needs a name the
    attacker controls, so a request naming an address is no such attack, and people on
    the network can use ``http://<this machine's address>:PORT/``.
    """

    names: frozenset[str]
    addresses: bool = False

    def __contains__(self, host: object) -> bool:
        if not isinstance(host, str):
            return False
        return host in self.names or (self.addresses and _is_address(host))

    def refusal(self, host: str) -> str:
        if not self.addresses:
            return f"Host {host!r} is not served here; use http://127.0.0.1"
        return (f"Host {host!r} is not served here: use one of {', '.join(sorted(self.names))} "
                "or an IP address, or restart serve with --allowed-host NAME to allow it")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
REASONS = {
    200: "OK",
    302: "Found",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
}

StartResponse: TypeAlias = Callable[[str, list[tuple[str, str]]], Any]
View: TypeAlias = Callable[..., Page | Response]


@dataclass(frozen=True, slots=True)
class Route:
    pattern: re.Pattern[str]
    view: View
    csv: bool = False


def _route(pattern: str, view: View, *, csv: bool = False) -> Route:
    return Route(re.compile(f"^{pattern}$"), view, csv)


def _search(site: Site, request: Request) -> Page:
    return search.search(site, request, site.memo("search", search.build_index))


ROUTES = (
    _route(r"/(?:index)?", views.overview),
    _route(r"/facts", views.facts),
    _route(r"/fact/(?P<ident>[^/]+)", views.fact),
    _route(r"/compare", views.compare),
    _route(r"/subjects", views.subjects),
    _route(r"/subject/(?P<name>[^/]+)", views.subject),
    _route(r"/reports", documents.reports),
    _route(r"/report/(?P<ident>[^/]+)", documents.report),
    _route(r"/quotes", documents.quotes),
    _route(r"/entities", documents.entities),
    _route(r"/entity/(?P<ident>[^/]+)", documents.entity),
    _route(r"/events", documents.events),
    _route(r"/event/(?P<ident>[^/]+)", documents.event),
    _route(r"/timeline", timeline.timeline),
    _route(r"/search", _search),
    _route(r"/tables", tables.tables),
    _route(r"/table/(?P<name>[^/]+)", tables.table, csv=True),
)


RETRY_SECONDS = 1.0  # how soon a record file that failed to load is read again


def _load(path: Path) -> Site:
    """Read the record and build what its pages share, so no reader waits for it later."""
    site = Site(read_record(path), path)
    site.memo("search", search.build_index)
    site.memo("tables", tables.load_tables)
    site.memo("timeline", timeline.collect)
    return site


class RecordSource:
    """The record file and the ``Site`` loaded from it, reloaded when the file is replaced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp = self._stat()
        self._site = _load(path)  # a bad file fails here, at start-up
        # a file that failed to load (locked by a long commit, half-replaced, damaged) is
        # tried again, at most every RETRY_SECONDS, until it loads: its stamp is not taken
        self._failed: tuple[int, int, int] | None = None
        self._retry_at = 0.0

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def site(self) -> Site:
        """The current site; a file that was replaced is read again, a broken one is ignored."""
        stamp = self._stat()
        if stamp is None or stamp == self._stamp or self._waiting(stamp):
            return self._site
        with self._lock:
            if stamp != self._stamp and not self._waiting(stamp):
                try:
                    self._site = _load(self.path)
                except StoreError as exc:
                    log.warning("%s; still serving the record loaded before, and trying "
                                "again", exc)
                    self._failed, self._retry_at = stamp, time.monotonic() + RETRY_SECONDS
                else:
                    self._stamp, self._failed = stamp, None
        return self._site

    def _waiting(self, stamp: tuple[int, int, int]) -> bool:
        """Whether ``stamp`` failed to load a moment ago (too soon to try it again)."""
        return stamp == self._failed and time.monotonic() < self._retry_at


class App:
    """The WSGI application: routing, formats, security headers, errors."""

    def __init__(self, source: RecordSource, *,
                 allowed_hosts: AllowedHosts | frozenset[str] | None) -> None:
        self.source = source
        self.allowed_hosts = allowed_hosts
        self.static = _static_files()
        self.env = _environment()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self.respond(environ)
        except Exception:  # the last line of defence: log it, tell the reader nothing inside
            log.exception("error answering %s", environ.get("PATH_INFO"))
            response = self._error(500, "Something went wrong; the server log says what.", "html")
        headers = [("Content-Type", response.content_type), *response.headers, *SECURITY_HEADERS]
        headers.append(("Content-Length", str(len(response.body))))
        start_response(f"{response.status} {REASONS.get(response.status, '')}".strip(), headers)
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [response.body]

    def respond(self, environ: dict[str, Any]) -> Response:
        """The response to one request, errors included."""
        fmt = "html"
        try:
            self._check(environ)
            path = _wsgi_text(environ.get("PATH_INFO") or "/")
            if path.startswith("/static/"):
                return self._static(path.removeprefix("/static/"))
            request = _request(path, _wsgi_text(environ.get("QUERY_STRING", "")))
            fmt = request.fmt
            return self._dispatch(request)
        except HTTPError as exc:
            return self._error(exc.status, exc.message, fmt)

    def _check(self, environ: dict[str, Any]) -> None:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            raise HTTPError(405, f"{method} is not allowed: this server is read-only")
        if self.allowed_hosts is not None:
            host = _host_name(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""))
            if host not in self.allowed_hosts:
                allowed = self.allowed_hosts
                raise HTTPError(400, allowed.refusal(host) if isinstance(allowed, AllowedHosts)
                                else f"Host {host!r} is not served here; use http://127.0.0.1")

    def _dispatch(self, request: Request) -> Response:
        for route in ROUTES:
            match = route.pattern.match(request.path)
            if match is None:
                continue
            if request.fmt == "csv" and not route.csv:
                raise HTTPError(404, "Only tables have a CSV twin: try /table/<name>.csv")
            params = {k: urls.tilde_decode(v) for k, v in match.groupdict().items()}
            if any(v is None for v in params.values()):
                raise HTTPError(404, "This address names nothing: its id is wrongly encoded.")
            site = self.source.site()  # one record for the whole answer, even mid-reload
            answer = route.view(site, request, **params)
            return answer if isinstance(answer, Response) else self._render(site, answer, request)
        raise HTTPError(404, f"No page at {request.path!r}; start from the overview at /.")

    def _render(self, site: Site, page: Page, request: Request) -> Response:
        if request.fmt == "json":
            body = json.dumps(jsonable(page.data), ensure_ascii=False, default=str, indent=1)
            return Response(200, "application/json; charset=utf-8", body.encode("utf-8"))
        context = (
            page.data
            | page.html
            | {
                "title": page.title,
                "story": site.record.story,
                "record_path": str(site.path),
                "request": request,
                "json_url": request.url(".json"),
                "section": request.path.strip("/").split("/")[0] or "overview",
            }
        )
        html = self.env.get_template(page.template).render(context)
        return Response(200, "text/html; charset=utf-8", html.encode("utf-8"))

    def _error(self, status: int, message: str, fmt: str) -> Response:
        if fmt == "json":
            body = json.dumps({"ok": False, "status": status, "error": message})
            return Response(status, "application/json; charset=utf-8", body.encode("utf-8"))
        context = {
            "status": status,
            "message": message,
            "title": f"{status} {REASONS.get(status, '')}",
            "story": None,
            "json_url": None,
            "section": None,
            "request": None,
        }
        html = self.env.get_template("error.html").render(context)
        extra = (("Allow", "GET, HEAD"),) if status == 405 else ()
        return Response(status, "text/html; charset=utf-8", html.encode("utf-8"), extra)

    def _static(self, name: str) -> Response:
        found = self.static.get(name)
        if found is None:
            raise HTTPError(404, f"No static file {name!r}")
        content_type, body = found
        return Response(200, content_type, body, (("Cache-Control", "public, max-age=600"),))


def make_app(path: str | Path, *,
             allowed_hosts: AllowedHosts | frozenset[str] | None = LOOPBACK_HOSTS) -> App:
    """The app serving the record file at ``path`` (raises ``StoreError`` if unreadable).

    ``allowed_hosts`` are the host names a request may name in its ``Host``
    header (``server.allowed_hosts`` works them out for an address); None accepts any.
    """
    return App(RecordSource(Path(path)), allowed_hosts=allowed_hosts)


# ---------------------------------------------------------------------------
# helpers


def _wsgi_text(value: str) -> str:
    """WSGI hands paths and queries over as latin-1 decoded bytes; read them as UTF-8."""
    return value.encode("latin-1", "replace").decode("utf-8", "replace")


def _host_name(host: str) -> str:
    """The name in a Host header, without its port (``[::1]:8000`` -> ``[::1]``)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    # "example.org." names what "example.org" names
    return (host.rsplit(":", 1)[0] if host.count(":") == 1 else host).removesuffix(".")


def _request(path: str, query_string: str) -> Request:
    """The request for ``path``: a ``.json``/``.csv`` suffix or ``?_format=`` picks the format."""
    query = parse_qs(query_string, keep_blank_values=True)
    fmt = "html"
    for suffix in (".json", ".csv"):
        if path.endswith(suffix):
            path, fmt = path.removesuffix(suffix) or "/", suffix[1:]
    asked = (query.get("_format") or [""])[0]
    if asked in ("json", "csv", "html"):
        fmt = asked
    path = "/" if path == "/" else path.rstrip("/") or "/"
    return Request(path=path, fmt=fmt, query=query)


@functools.cache
def _static_files() -> dict[str, tuple[str, bytes]]:
    """The files under ``static/``, read once: only these names are ever served."""
    folder = resources.files("corroborator.web") / "static"
    return {
        item.name: (STATIC_TYPES[Path(item.name).suffix], item.read_bytes())
        for item in folder.iterdir()
        if Path(item.name).suffix in STATIC_TYPES
    }


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("corroborator.web", "templates"),
        autoescape=True,  # always: every report, title and name is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = lambda n, word: word if n == 1 else f"{word}s"
    env.globals.update(urls=urls, statuses=STATUSES, anchor=anchor)
    return env
