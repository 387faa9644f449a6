"""Fetch reports from the web, politely, and read them like HTML files.

``Fetcher.fetch(url)`` gets one page under a ``FetchPolicy``; ``read_urls``
turns a list of URLs (pages or RSS/Atom feeds) into ``RawDoc | Skipped``, as
``ingest.iter_reports`` does for files. One URL goes through these steps:

1. check: an http(s) URL with a host, else skipped; a host that is or resolves to
   a private, loopback, link-local or otherwise non-public address is refused
   (checked again on connecting, on the address connected to, and for every
   redirect and feed item) unless ``Settings.allow_private_addresses`` asks for it;
2. cache: a page fetched before (by any earlier build) is read from the
   on-disk cache, never fetched again, so a rebuild gives the same record;
3. robots.txt: fetched once per host and obeyed for our User-Agent (``Crawl-delay``
   too); a host whose robots.txt fails with a server error is not fetched, as
   RFC 9309 asks; a missing one (4xx) allows everything;
4. politeness: requests to one host are at least ``host_interval`` seconds
   apart; the User-Agent names corroborator;
5. request: timeouts on connect and read, redirects followed by hand (each hop
   checked against robots.txt, at most ``max_redirects``), the whole answer
   within ``max_seconds`` (a server dripping a byte at a time is cut off), the body read in
   chunks, decompressed here a bounded piece at a time (gzip and deflate, stacked
   at most three deep), and abandoned past ``max_bytes`` of decompressed bytes; timeouts, dropped connections, 429
   and 5xx answers are retried with exponential backoff (honouring
   ``Retry-After`` up to a bound);
6. read: a feed is expanded into its items' pages (``feeds``); an HTML page goes
   through ingest's HTML path (trafilatura: main text, title, site name as
   outlet, date, author, language); plain text is read as a .txt file; a report
   not in English is skipped, naming its language (``language``).

A failure is a ``Skipped`` for that URL, with one sentence saying what happened
and what to do; it never stops the batch.
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import json
import os
import re
import socket
import tempfile
import threading
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import __version__
from ..errors import InputError
from ..models import RawDoc, Skipped, Source
from ..settings import Settings
from .feeds import FeedItem, is_feed, parse_feed
from .language import detect_language, not_english_reason
from .reports import html_doc, plain_doc

__all__ = [
    "USER_AGENT",
    "FetchError",
    "FetchPolicy",
    "Fetcher",
    "Page",
    "PageCache",
    "PrivateAddress",
    "is_public_address",
    "is_url",
    "media_type",
    "page_doc",
    "read_feed_file",
    "read_url_list",
    "read_urls",
    "url_doc_id",
]

USER_AGENT = (
    f"corroborator/{__version__} (news report fact-checking tool; obeys robots.txt; "
    "python-httpx)"
)
ROBOTS_AGENT = "corroborator"  # the token robots.txt rules name
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
MAX_CRAWL_DELAY = 30.0  # a robots.txt Crawl-delay above this is capped, not obeyed blindly
CHUNK = 65_536
ID_CHARS = re.compile(r"[^a-z0-9]+")
ID_MAX = 60
DEFAULT_SETTINGS = Settings()
Clock = Callable[[], float]
Sleep = Callable[[float], None]


class FetchError(InputError):
    """A URL could not be fetched: ``problem`` says why and what to do."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how far to fetch. Every limit has a reason in its comment."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0  # a host that does not answer in this long is down
    read_timeout: float = 20.0  # between two chunks of the answer, not for the whole page
    max_bytes: int = 5_000_000  # a news page is well under 5 MB; more is not an article
    max_redirects: int = 5
    host_interval: float = 1.0  # seconds between two requests to one host
    retries: int = 2  # tries after the first, for timeouts, dropped connections, 429, 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    max_retry_after: float = 60.0  # a longer Retry-After is a refusal, not a delay
    obey_robots: bool = True
    # the whole answer (headers and body) must arrive within this many seconds: a server
    # that sends a byte now and then never trips read_timeout, and would hold the batch
    max_seconds: float = 60.0
    # private, loopback, link-local and other non-public addresses (10.x, 192.168.x, 127.x,
    # 169.254.169.254, ::1, ...) are refused unless asked for: a page from the web must not
    # lead the fetcher into the user's own network (Settings.allow_private_addresses)
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched answer: the body as bytes and what is needed to read it."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters
    charset: str | None
    body: bytes
    fetched: str  # ISO 8601 UTC time of the fetch
    from_cache: bool = False


# --- the cache ------------------------------------------------------------------


class PageCache:
    """Fetched pages on disk, one ``.json`` (metadata) and one ``.body`` file per URL.

    Entries never expire: a rebuild must give the same record from the same
    inputs, and a page that changed is a new report. Delete the folder, or fetch
    with ``refresh=True``, to fetch again. Only successful answers are stored.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def get(self, url: str) -> Page | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None  # absent, or half-written by a killed run: fetch again
        if meta.get("url") != url or meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return Page(url, meta["final_url"], int(meta["status"]), meta["content_type"],
                    meta.get("charset"), body, meta["fetched"], from_cache=True)

    def put(self, page: Page) -> None:
        """Store a page: body first, so a metadata file always has its body."""
        self.folder.mkdir(parents=True, exist_ok=True)
        meta_path, body_path = self._paths(page.url)
        meta = {
            "url": page.url, "final_url": page.final_url, "status": page.status,
            "content_type": page.content_type, "charset": page.charset,
            "fetched": page.fetched, "sha256": hashlib.sha256(page.body).hexdigest(),
        }
        _write_atomic(body_path, page.body)
        _write_atomic(meta_path, json.dumps(meta, indent=1).encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# --- the fetcher ----------------------------------------------------------------


@dataclass
class _Host:
    """What is known of one host during a run: its rules and when it was last asked."""

    robots: urllib.robotparser.RobotFileParser | None = None
    refusal: str | None = None  # why nothing may be fetched from it (robots.txt unreachable)
    interval: float = 0.0
    last: float | None = None


@dataclass
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes
    url: str


class Fetcher:
    """Fetches pages under a ``FetchPolicy``, with an optional on-disk ``PageCache``.

    ``transport`` is httpx's seam (e.g. ``httpx.MockTransport`` in unit tests);
    ``clock`` and ``sleep`` make the waits testable. Use it as a context manager,
    or call ``close()``.
    """

    def __init__(self, *, policy: FetchPolicy | None = None, cache: PageCache | str | Path |
                 None = None, transport: httpx.BaseTransport | None = None,
                 clock: Clock = time.monotonic, sleep: Sleep = time.sleep) -> None:
        self.policy = policy or FetchPolicy()
        self.cache = cache if isinstance(cache, PageCache) or cache is None else PageCache(cache)
        self._clock, self._sleep = clock, sleep
        self._hosts: dict[str, _Host] = {}
        self.allow_private = self.policy.allow_private
        # With its own transport the fetcher checks every address it connects to (the IP a
        # name resolves to when connecting, not only the name); a given transport (a test's
        # httpx.MockTransport) makes no connection, so it is left as it is.
        self._guarded = transport is None
        if transport is None:
            transport = _guarded_transport(lambda: self.allow_private)
        timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=timeout,
            follow_redirects=False, transport=transport,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, *, refresh: bool = False) -> Page:
        """The page at ``url``, from the cache if it is there; raises FetchError."""
        _check_url(url)
        if self.cache is not None and not refresh:
            cached = self.cache.get(url)
            if cached is not None:
                return cached
        answer = self._follow(url)
        content_type, charset = media_type(answer.headers.get("content-type", ""))
        page = Page(url, answer.url, answer.status, content_type, charset, answer.body,
                    datetime.now(UTC).isoformat(timespec="seconds"))
        if self.cache is not None:
            self.cache.put(page)
        return page

    def _follow(self, url: str) -> _Answer:
        """GET ``url``, following redirects by hand so each hop is checked and counted."""
        current = url
        for _ in range(self.policy.max_redirects + 1):
            answer = self._hop(url, current)
            location = answer.headers.get("location")
            if answer.status not in REDIRECT_STATUSES or not location:
                if answer.status >= 300:
                    raise FetchError(url, _status_problem(url, answer.status))
                return answer
            current = urljoin(current, location)
            _check_url(current, original=url)
        raise FetchError(
            url, f"{url} redirects more than {self.policy.max_redirects} times (last to "
            f"{current}): give the final address instead."
        )

    def _hop(self, url: str, current: str) -> _Answer:
        """One step of ``_follow``; a failure after a redirect is reported for ``url``."""
        try:
            self._check_address(current)
            self._check_robots(current)
            return self._get(current)
        except FetchError as exc:
            if current == url:
                raise
            raise FetchError(url, f"{url} redirects to {current}: {exc.problem}") from exc

    def _get(self, url: str) -> _Answer:
        """One GET with retries and backoff; a final failure raises FetchError."""
        problem, wait = "", 0.0
        for attempt in range(self.policy.retries + 1):
            if attempt:
                self._sleep(wait)
            self._wait_turn(url)
            backoff = self.policy.backoff * 2**attempt
            try:
                answer = self._request(url)
            except PrivateAddress as exc:
                raise FetchError(url, _private_problem(url, exc.host, exc.address)) from exc
            except httpx.TimeoutException:
                if _budget.overtime:  # no retry: a second try would drip as slowly
                    raise FetchError(url, _overtime_problem(url, self.policy.max_seconds)
                                     ) from None
                problem, wait = "timed out", backoff
                continue
            except httpx.TransportError as exc:
                problem, wait = f"could not be reached ({_transport_problem(exc)})", backoff
                continue
            if answer.status not in RETRY_STATUSES:
                return answer
            problem = f"answered HTTP {answer.status}"
            retry_after = _retry_after(answer.headers.get("retry-after"))
            if retry_after is not None and retry_after > self.policy.max_retry_after:
                problem += f" and asked to wait {retry_after:.0f} s"
                break
            wait = backoff if retry_after is None else retry_after
        tries = attempt + 1
        raise FetchError(url, f"{url} {problem} after {tries} tr{'y' if tries == 1 else 'ies'}: "
                         "check the address, or try again later.")

    def _request(self, url: str) -> _Answer:
        """Stream one answer, refusing it as soon as it is known to be too large.

        The body is read raw and decompressed here, a bounded piece at a time, so the cap
        holds for what it decompresses to: a few KB of stacked gzip ("Content-Encoding:
        gzip, gzip") can expand to gigabytes, and is refused past the cap, never held."""
        cap = self.policy.max_bytes
        with _time_budget(self.policy.max_seconds), self._client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap and response.status_code < 300:
                raise FetchError(url, _too_big(url, f"{int(declared):,} bytes", cap))
            decoders = _decoders(url, response.headers.get("content-encoding", ""))
            stream: Iterable[bytes] = response.iter_raw(CHUNK)
            if response.is_stream_consumed:  # a body given whole (httpx.MockTransport): decoded
                stream, decoders = [response.content], []
            chunks: list[bytes] = []
            size = 0
            for raw in stream:
                if _budget.left() <= 0:  # a given transport's answer (the socket checks its own)
                    raise FetchError(url, _overtime_problem(url, self.policy.max_seconds))
                for chunk in _decoded(url, decoders, raw):
                    size += len(chunk)
                    if size > cap:
                        raise FetchError(url, _too_big(url, f"over {cap:,} bytes", cap))
                    chunks.append(chunk)
            return _Answer(response.status_code, response.headers, b"".join(chunks), url)

    def _check_address(self, url: str) -> None:
        """Refuse a URL whose host is, or resolves to, a non-public address (unless allowed),
        before robots.txt is asked for; the connection checks the address again."""
        if self.allow_private:
            return
        host = urlsplit(url).hostname or ""
        if _ip(host) is None and not self._guarded:
            return  # no connection is made, no name is resolved (a test's transport)
        try:
            found = _non_public(host, urlsplit(url).port or 443)
        except OSError:
            return  # unknown name: the request reports it as it always did
        if found is not None:
            raise FetchError(url, _private_problem(url, host, found))

    def _wait_turn(self, url: str) -> None:
        """Sleep until the host may be asked again, then note the time."""
        host = self._host(url)
        interval = max(self.policy.host_interval, host.interval)
        if host.last is not None:
            wait = host.last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        host.last = self._clock()

    def _host(self, url: str) -> _Host:
        key = _origin(url)
        if key not in self._hosts:
            self._hosts[key] = _Host()
        return self._hosts[key]

    def _check_robots(self, url: str) -> None:
        """Raise FetchError if the host's robots.txt forbids ``url`` to us."""
        if not self.policy.obey_robots:
            return
        host = self._host(url)
        if host.robots is None and host.refusal is None:
            self._load_robots(url, host)
        if host.refusal is not None:
            raise FetchError(url, f"{url} was not fetched: {host.refusal}")
        assert host.robots is not None
        if not host.robots.can_fetch(self.policy.user_agent, url):
            raise FetchError(
                url, f"{url} is disallowed by {_origin(url)}/robots.txt for corroborator: "
                "it was not fetched; save the page yourself if you may use it."
            )

    def _load_robots(self, url: str, host: _Host) -> None:
        """Fetch and parse robots.txt (RFC 9309: 4xx allows all, 5xx or no answer forbids)."""
        robots_url = f"{_origin(url)}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            answer = self._robots_answer(robots_url)
        except FetchError as exc:
            host.refusal = exc.problem
            return
        if answer.status >= 500:
            host.refusal = (f"{robots_url} answered HTTP {answer.status}, so the site's rules "
                            "are unknown: try again later.")
            return
        text = answer.body.decode("utf-8", "replace") if answer.status < 300 else ""
        parser.parse(text.splitlines())
        host.robots = parser
        delay = parser.crawl_delay(self.policy.user_agent)
        if delay is not None:
            host.interval = min(float(delay), MAX_CRAWL_DELAY)

    def _robots_answer(self, robots_url: str) -> _Answer:
        """robots.txt, following redirects (RFC 9309 asks for at least five)."""
        current = robots_url
        for _ in range(self.policy.max_redirects + 1):
            answer = self._get(current)
            location = answer.headers.get("location")
            if answer.status not in REDIRECT_STATUSES or not location:
                return answer
            current = urljoin(current, location)
        return _Answer(404, httpx.Headers(), b"", current)  # too many redirects: as missing


# --- private addresses -------------------------------------------------------------


class PrivateAddress(Exception):
    """A connection refused: ``host`` resolves to the non-public ``address``."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} is at {address}, not a public address")
        self.host, self.address = host, address


def is_public_address(address: str) -> bool:
    """True for a global unicast address; False for private (10/8, 172.16/12, 192.168/16,
    fc00::/7), loopback, link-local (169.254/16, cloud metadata), shared (100.64/10),
    multicast, reserved and unspecified ones, IPv4-mapped IPv6 included."""
    ip = _ip(address)
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _addresses(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (itself if it is one); raises OSError."""
    if _ip(host) is not None:
        return [host.strip("[]")]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _non_public(host: str, port: int) -> str | None:
    """The first non-public address of ``host``, or None if all are public."""
    return next((a for a in _addresses(host, port) if not is_public_address(a)), None)


def _private_problem(url: str, host: str, address: str) -> str:
    where = f"{host}, a private or local address" if host == address else (
        f"{host}, which resolves to {address}, a private or local address")
    return (f"{url} was not fetched: it is on {where}, and a page from the web must not lead "
            "into your own network; to fetch local addresses on purpose, set "
            "allow_private_addresses = true in a settings file (--settings).")


class _Budget(threading.local):
    """The deadline of the request this thread is making (``_time_budget``)."""

    deadline: float | None = None
    overtime: bool = False

    def left(self) -> float:
        return float("inf") if self.deadline is None else self.deadline - time.monotonic()

    def timeout(self, timeout: float | None) -> float | None:
        """``timeout`` for one socket operation, cut to what is left of the budget; past
        it, a timeout now (httpcore.ReadTimeout), noted as overtime."""
        left = self.left()
        if left == float("inf"):
            return timeout
        if left <= 0:
            self.overtime = True
            raise httpcore.ReadTimeout("the request's time budget is spent")
        if timeout is None or left < timeout:
            self.overtime = True  # if this operation times out, the budget is what ended it
            return left
        self.overtime = False
        return timeout


_budget = _Budget()


@contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    _budget.deadline, _budget.overtime = time.monotonic() + seconds, False
    try:
        yield
    finally:
        _budget.deadline = None


def _overtime_problem(url: str, seconds: float) -> str:
    return (f"{url} took longer than {seconds:g} s to arrive (the server sends it too slowly): "
            "try again later, or raise FetchPolicy.max_seconds.")


class _BudgetStream(httpcore.NetworkStream):
    """A connection whose every read and write is bounded by the request's time budget."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _budget.timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _budget.timeout(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _BudgetStream(self._inner.start_tls(ssl_context, server_hostname,
                                                   _budget.timeout(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, resolving the host itself and connecting only to the
    addresses it checked: a name that resolves to a public address when checked and to a
    private one when connecting (DNS rebinding) is caught here."""

    def __init__(self, allowed: Callable[[], bool]) -> None:
        self._allowed = allowed

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _BudgetStream(self._connect(host, port, timeout, local_address, socket_options))

    def _connect(self, host: str, port: int, timeout: float | None,
                 local_address: str | None, socket_options: Iterable[Any] | None
                 ) -> httpcore.NetworkStream:
        if self._allowed():
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses = _addresses(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        refused = next((a for a in addresses if not is_public_address(a)), None)
        if refused is not None:
            raise PrivateAddress(host, refused)
        problem: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                problem = exc
        raise problem


def _guarded_transport(allowed: Callable[[], bool]) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    transport._pool._network_backend = _GuardedBackend(allowed)  # no public seam in httpx
    return transport


# --- content encodings, decompressed under the cap --------------------------------

ACCEPT_ENCODING = "gzip, deflate"  # what _Inflate reads; no br or zstd is asked for
MAX_ENCODINGS = 3  # content encodings stacked on one answer; more is an attack, not a page


class _Inflate:
    """One gzip or deflate layer, giving at most CHUNK bytes of output at a time."""

    def __init__(self, url: str, kind: str) -> None:
        self.url, self.kind = url, kind
        self.started = False
        self.obj = self._new()

    def _new(self, wbits: int | None = None) -> Any:
        if wbits is None:
            wbits = zlib.MAX_WBITS | 16 if self.kind == "gzip" else zlib.MAX_WBITS
        return zlib.decompressobj(wbits)

    def pieces(self, data: bytes) -> Iterator[bytes]:
        while True:
            try:
                out = self.obj.decompress(data, CHUNK)
            except zlib.error as exc:
                if self.kind == "deflate" and not self.started:
                    self.obj = self._new(-zlib.MAX_WBITS)  # raw deflate, as some servers send
                    self.started = True
                    continue
                raise FetchError(self.url, f"{self.url} sent a damaged {self.kind} body "
                                 f"({exc}): try again later.") from exc
            self.started = True
            data = self.obj.unconsumed_tail
            if out:
                yield out
            if self.obj.eof:
                rest = self.obj.unused_data
                if self.kind != "gzip" or not rest.strip(b"\0"):
                    return  # trailing bytes after a deflate stream, or gzip padding
                self.obj = self._new()  # the next member of a multi-member gzip
                data = rest
                continue
            if not data and len(out) < CHUNK:
                return


def _decoders(url: str, header: str) -> list[_Inflate]:
    """The layers to undo, in order (the last encoding listed was applied last)."""
    names = [n.strip().lower() for n in header.split(",") if n.strip()]
    names = [n for n in names if n != "identity"]
    if len(names) > MAX_ENCODINGS:
        raise FetchError(url, f"{url} is compressed {len(names)} times over ({header}): "
                         "refused as a decompression bomb.")
    unknown = [n for n in names if n not in ("gzip", "x-gzip", "deflate")]
    if unknown:
        raise FetchError(url, f"{url} is sent with content encoding {unknown[0]!r}, which "
                         "corroborator does not read: save the page and pass the file.")
    return [_Inflate(url, "deflate" if n == "deflate" else "gzip") for n in reversed(names)]


def _decoded(url: str, decoders: Sequence[_Inflate], data: bytes) -> Iterator[bytes]:
    """``data`` through every layer, in pieces of at most CHUNK bytes."""
    if not decoders:
        if data:
            yield data
        return
    for piece in decoders[0].pieces(data):
        yield from _decoded(url, decoders[1:], piece)


def _check_url(url: str, *, original: str | None = None) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        where = original or url
        via = f" (it redirects to {url})" if original else ""
        raise FetchError(where, f"{where} is not an http(s) address{via}: give a web page's "
                         "URL, or save the page and pass the file.")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def media_type(header: str) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8'."""
    kind, _, params = header.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return kind.strip().lower(), match.group(1).lower() if match else None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _status_problem(url: str, status: int) -> str:
    try:
        phrase = httpx.codes.get_reason_phrase(status)
    except ValueError:
        phrase = ""
    if status in (401, 403):
        todo = "the page needs a login or refuses robots: save it from a browser instead"
    elif status in (404, 410):
        todo = "check the address"
    else:
        todo = "check the address, or try again later"
    return f"{url} answered HTTP {status} {phrase}".rstrip() + f": {todo}."


def _transport_problem(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    if "Name or service not known" in text or "nodename" in text:
        return "the host name is unknown"
    if isinstance(exc, httpx.ConnectError):
        return f"connection failed: {text}"
    return text


def _too_big(url: str, size: str, cap: int) -> str:
    return (f"{url} is {size}, over the {cap:,}-byte limit for a page: it is not an article, "
            "or raise FetchPolicy.max_bytes.")


# --- URLs to reports ------------------------------------------------------------


def is_url(value: str | Path) -> bool:
    """True for an http(s) address given where a file path could be."""
    return isinstance(value, str) and re.match(r"(?i)https?://", value) is not None


def read_url_list(path: str | Path) -> list[str]:
    """The URLs of a urls.txt: one per line; blank lines and # comments ignored."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"{Path(path).name} cannot be read as a UTF-8 list of "
                         f"URLs ({exc}).") from exc
    lines = (line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
             for line in text.splitlines())
    return [line for line in lines if line]


def url_doc_id(url: str) -> str:
    """A readable report id from a URL: host and last path words ("example.org-ferry-strike")."""
    parts = urlsplit(url)
    host = (parts.hostname or "web").removeprefix("www.")
    path = re.sub(r"\.(s?html?|php|aspx?)$", "", parts.path.rstrip("/"), flags=re.IGNORECASE)
    words = ID_CHARS.sub("-", path.rsplit("/", 2)[-1].lower()).strip("-")
    ident = f"{host}-{words}" if words else host
    if parts.query:
        ident += "-" + hashlib.sha256(parts.query.encode()).hexdigest()[:6]
    return ident[:ID_MAX].strip("-")


@dataclass
class _Batch:
    """State of one ``read_urls`` run: URLs seen and ids given."""

    fetcher: Fetcher
    settings: Settings
    seen: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)

    def unique_id(self, url: str) -> str:
        base = url_doc_id(url)
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident


def read_urls(urls: Iterable[str], *, fetcher: Fetcher,
              settings: Settings = DEFAULT_SETTINGS) -> Iterator[RawDoc | Skipped]:
    """One ``RawDoc`` per page (a feed gives one per item), or a ``Skipped`` per failure."""
    fetcher.allow_private |= settings.allow_private_addresses
    batch = _Batch(fetcher, settings)
    for url in urls:
        yield from _read_url(url.strip(), batch)


def read_feed_file(path: str | Path, *, fetcher: Fetcher,
                   settings: Settings = DEFAULT_SETTINGS) -> Iterator[RawDoc | Skipped]:
    """A feed saved as a file (.rss, .atom, .xml): every item's page fetched and read."""
    path = Path(path)
    fetcher.allow_private |= settings.allow_private_addresses
    try:
        feed = parse_feed(path.read_bytes(), path.resolve().as_uri(), label=path.name)
    except OSError as exc:
        yield Skipped(str(path), f"{path.name} cannot be read ({exc.strerror or exc}).")
        return
    except InputError as exc:
        yield Skipped(exc.path, exc.problem)
        return
    yield from _read_items(feed.items, feed.skipped, _Batch(fetcher, settings))


def _read_url(url: str, batch: _Batch) -> Iterator[RawDoc | Skipped]:
    if url in batch.seen:
        return
    batch.seen.add(url)
    try:
        page = batch.fetcher.fetch(url)
        if is_feed(page.content_type, page.body):
            feed = parse_feed(page.body, page.final_url, label=url)
        else:
            yield _page_report(page, batch, None)
            return
    except InputError as exc:
        yield Skipped(exc.path, exc.problem)
        return
    yield from _read_items(feed.items, feed.skipped, batch)


def _read_items(items: Sequence[FeedItem], skipped: Sequence[Skipped],
                batch: _Batch) -> Iterator[RawDoc | Skipped]:
    yield from skipped
    for item in items:
        if item.url in batch.seen:
            continue
        batch.seen.add(item.url)
        try:
            yield _page_report(batch.fetcher.fetch(item.url), batch, item.source)
        except InputError as exc:
            yield Skipped(exc.path, exc.problem)


def _page_report(page: Page, batch: _Batch, hint: Source | None) -> RawDoc | Skipped:
    try:
        return page_doc(page, batch.settings, doc_id=batch.unique_id(page.url), hint=hint)
    except InputError as exc:
        return Skipped(exc.path, exc.problem)


def page_doc(page: Page, settings: Settings = DEFAULT_SETTINGS, *, doc_id: str | None = None,
             hint: Source | None = None, path: str | None = None) -> RawDoc:
    """A fetched (or archived) page as a report; raises InputError with the reason.

    HTML goes through ingest's own HTML path, so a URL and a saved page give
    the same text and metadata. ``hint`` (a feed item's metadata) fills what the
    page leaves empty; the outlet falls back to the host name.
    """
    ident = doc_id or url_doc_id(page.url)
    where = path or page.url
    if page.content_type in HTML_TYPES or (not page.content_type and _looks_html(page.body)):
        doc = _read_as(where, ident, "html", _with_charset(page.body, page.charset), settings)
    elif page.content_type in TEXT_TYPES:
        doc = _read_as(where, ident, "txt", page.body, settings)
    else:
        raise InputError(where, f"{page.url} is {page.content_type or 'of unknown type'}, not "
                         "an HTML page or text: corroborator reads web pages and feeds only.")
    source = _page_source(doc.source, page, hint)
    reason = not_english_reason(doc.text, label=page.url, declared=source.language)
    if reason:
        raise InputError(where, reason)
    if source.language is None and detect_language(doc.text).is_english:
        source = replace(source, language="en")
    return replace(doc, id=ident, path=where, source=source)


def _read_as(where: str, ident: str, fmt: str, data: bytes, settings: Settings) -> RawDoc:
    """Reuse ingest's readers; their messages name a file, so put the URL back in them."""
    name = f"{ident}.{fmt}"
    try:
        if not data:
            raise InputError(name, f"{name} is empty (0 bytes).")
        if fmt == "html":
            return html_doc(Path(name), data, settings)
        return plain_doc(Path(name), fmt, data, settings)
    except InputError as exc:
        raise InputError(where, exc.problem.replace(name, where)) from exc


def _page_source(found: Source, page: Page, hint: Source | None) -> Source:
    """The page's metadata, then the feed item's, then the host as the outlet."""
    values = {f.name: getattr(found, f.name) or (getattr(hint, f.name) if hint else None)
              for f in fields(Source)}
    values["url"] = page.final_url
    if not values["outlet"]:
        values["outlet"] = (urlsplit(page.final_url).hostname or "").removeprefix("www.") or None
    return Source(**values)


def _looks_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _with_charset(body: bytes, charset: str | None) -> bytes:
    """Carry the HTTP charset into the page when it declares none, so ingest decodes it."""
    if charset is None or re.search(rb"<meta[^>]+charset", body[:4096], re.IGNORECASE):
        return body
    return f'<meta charset="{charset}">'.encode("ascii", "ignore") + body
