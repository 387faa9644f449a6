"""Tests for corroborator.ingest.fetch (and corroborator.ingest.language, which it applies).

The fetcher is tested against a real HTTP server on loopback serving the
fixture site (tests/fixtures/web): nothing here leaves this machine.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from typing import Self

import httpx
import pytest
from fixtures.web.server import SiteServer

from corroborator.ingest.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    FetchPolicy,
    Page,
    media_type,
    page_doc,
    read_url_list,
    read_urls,
    url_doc_id,
)
from corroborator.ingest.language import detect_language, not_english_reason
from corroborator.models import RawDoc, Skipped
from corroborator.settings import Settings

# allow_private: the fixture site is on loopback, which the fetcher refuses unless asked
FAST = FetchPolicy(connect_timeout=2.0, read_timeout=0.5, host_interval=0.0, retries=1,
                   backoff=0.01, max_bytes=100_000, allow_private=True)
FERRY = "/news/ferry-strike.html"
LIBRARY = "/news/library-vote.html"
pytestmark = pytest.mark.issue(6)


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server


def fetch_all(urls: Iterable[str], cache: Path | None = None, policy: FetchPolicy = FAST,
              ) -> tuple[list[RawDoc], list[Skipped]]:
    """read_urls with a fresh fetcher, split into reports and skipped inputs."""
    docs: list[RawDoc] = []
    skipped: list[Skipped] = []
    with Fetcher(policy=policy, cache=cache) as fetcher:
        for item in read_urls(list(urls), fetcher=fetcher):
            (docs if isinstance(item, RawDoc) else skipped).append(item)
    return docs, skipped


def only_skipped(urls: Iterable[str], policy: FetchPolicy = FAST) -> Skipped:
    docs, skipped = fetch_all(urls, policy=policy)
    assert docs == []
    assert len(skipped) == 1, skipped
    return skipped[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- reading pages -------------------------------------------------------------


def test_fetch_reads_page_text_and_metadata(site: SiteServer) -> None:
    docs, skipped = fetch_all([site.url(FERRY)])
    assert skipped == []
    [doc] = docs
    assert doc.id == "127.0.0.1-ferry-strike"
    assert doc.path == site.url(FERRY)
    assert doc.format == "html"
    assert doc.text.startswith("Ferry crews strike for a second day at Port Ellis")
    assert "about 2,300 passengers" in doc.text
    assert "Subscribe" not in doc.text
    source = doc.source
    assert (source.url, source.outlet, source.published, source.author, source.language) == (
        site.url(FERRY), "Harbour Gazette", "2025-03-17", "Mara Quinn", "en-GB")
    assert source.title == "Ferry crews strike for a second day at Port Ellis"


def test_fetch_outlet_falls_back_to_host(site: SiteServer) -> None:
    [doc], _ = fetch_all([site.url(LIBRARY)])
    assert doc.source.outlet == "127.0.0.1"
    assert doc.source.language == "en"


def test_fetch_user_agent_names_the_project(site: SiteServer) -> None:
    fetch_all([site.url(FERRY)])
    assert site.hits
    assert {h.user_agent for h in site.hits} == {USER_AGENT}
    assert USER_AGENT.startswith("corroborator/")


def test_fetch_plain_text_page_read_as_text(site: SiteServer) -> None:
    [doc], _ = fetch_all([site.url("/news/notice.txt")])
    assert doc.format == "txt"
    assert doc.source.title == "Harbour notice: North Quay closed for repairs"


@pytest.mark.parametrize(("path", "expected"), [
    ("/image.png", "is image/png, not an HTML page or text"),
    ("/news/empty.html", "is too short to be a report"),
    ("/news/withdrawn.html", "answered HTTP 404 Not Found: check the address"),
])
def test_fetch_unreadable_page_is_skipped(site: SiteServer, path: str, expected: str) -> None:
    skipped = only_skipped([site.url(path)])
    assert skipped.path == site.url(path)
    assert expected in skipped.reason
    assert skipped.reason.startswith(site.url(path))


@pytest.mark.parametrize(("path", "language"), [
    ("/news/greve-ferries.html", "French (fr)"),
    ("/news/hafen-streik.html", "German (de)"),
])
def test_fetch_report_not_in_english_is_skipped(site: SiteServer, path: str,
                                                language: str) -> None:
    skipped = only_skipped([site.url(path)])
    assert f"is in {language}, not English" in skipped.reason


def test_fetch_same_url_twice_is_read_once(site: SiteServer) -> None:
    docs, skipped = fetch_all([site.url(FERRY), site.url(FERRY)])
    assert len(docs) == 1 and skipped == []


# --- robots.txt ------------------------------------------------------------------


def test_fetch_obeys_robots_txt(site: SiteServer) -> None:
    skipped = only_skipped([site.url("/private/memo.html")])
    assert "disallowed by" in skipped.reason and "robots.txt" in skipped.reason
    assert "/private/memo.html" not in site.paths()


def test_fetch_reads_robots_txt_once_per_host(site: SiteServer) -> None:
    fetch_all([site.url(FERRY), site.url(LIBRARY), site.url("/private/memo.html")])
    assert site.paths().count("/robots.txt") == 1


def test_fetch_checks_each_redirect_against_robots_txt(site: SiteServer) -> None:
    skipped = only_skipped([site.url("/redirect-private")])
    assert skipped.path == site.url("/redirect-private")
    assert skipped.reason.startswith(
        f"{site.url('/redirect-private')} redirects to {site.url('/private/memo.html')}: "
        f"{site.url('/private/memo.html')} is disallowed by")
    assert "/private/memo.html" not in site.paths()


def test_fetch_robots_txt_server_error_forbids_the_host() -> None:
    with SiteServer(robots_status=500) as site:
        skipped = only_skipped([site.url(FERRY)])
        assert "robots.txt answered HTTP 500" in skipped.reason
        assert FERRY not in site.paths()


def test_fetch_missing_robots_txt_allows_everything() -> None:
    with SiteServer(robots_status=404) as site:
        docs, _ = fetch_all([site.url("/private/memo.html")])
    assert len(docs) == 1


# --- redirects, size, timeouts ---------------------------------------------------


def test_fetch_follows_redirects(site: SiteServer) -> None:
    [doc], _ = fetch_all([site.url("/redirect/2")])
    assert doc.path == site.url("/redirect/2")
    assert doc.source.url == site.url(FERRY)


def test_fetch_stops_at_the_redirect_limit(site: SiteServer) -> None:
    policy = replace(FAST, max_redirects=3)
    skipped = only_skipped([site.url("/redirect/9")], policy)
    assert "redirects more than 3 times" in skipped.reason
    assert "/redirect/5" not in site.paths()


def test_fetch_refuses_a_redirect_off_the_web(site: SiteServer) -> None:
    skipped = only_skipped([site.url("/redirect-ftp")])
    assert "is not an http(s) address (it redirects to ftp://" in skipped.reason


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_fetch_refuses_a_page_over_the_size_cap(site: SiteServer, path: str) -> None:
    skipped = only_skipped([site.url(path)])
    assert "over the 100,000-byte limit" in skipped.reason


def test_fetch_times_out_and_retries(site: SiteServer) -> None:
    policy = replace(FAST, read_timeout=0.2)
    skipped = only_skipped([site.url("/slow")], policy)
    assert "timed out after 2 tries" in skipped.reason
    assert site.paths().count("/slow") == 2


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "not a url", "http:///nohost"])
def test_fetch_refuses_what_is_not_a_web_address(url: str) -> None:
    skipped = only_skipped([url])
    assert "is not an http(s) address" in skipped.reason


def test_fetch_unreachable_host_is_skipped() -> None:
    url = f"http://127.0.0.1:{free_port()}/story.html"
    skipped = only_skipped([url], replace(FAST, retries=0))
    assert "could not be reached (connection failed" in skipped.reason


# --- retries and politeness ------------------------------------------------------


def test_fetch_retries_server_errors(site: SiteServer) -> None:
    docs, _ = fetch_all([site.url("/flaky/a/2")], policy=replace(FAST, retries=2))
    assert len(docs) == 1
    assert site.paths().count("/flaky/a/2") == 3


def test_fetch_gives_up_after_the_retries(site: SiteServer) -> None:
    skipped = only_skipped([site.url("/flaky/b/5")])
    assert "answered HTTP 503 after 2 tries" in skipped.reason


def test_fetch_backs_off_exponentially(site: SiteServer) -> None:
    waits: list[float] = []
    policy = replace(FAST, retries=2, backoff=0.05)
    with Fetcher(policy=policy, sleep=waits.append) as fetcher:
        page = fetcher.fetch(site.url("/flaky-nowait/c/2"))
    assert page.status == 200
    assert waits == [0.05, 0.1]


def test_fetch_gives_up_when_asked_to_wait_too_long(site: SiteServer) -> None:
    skipped = only_skipped([site.url("/busy")])
    assert "asked to wait 3600 s" in skipped.reason
    assert site.paths().count("/busy") == 1


def test_fetch_spaces_requests_to_one_host(site: SiteServer) -> None:
    fetch_all([site.url(FERRY), site.url(LIBRARY), site.url("/news/notice.txt")],
              policy=replace(FAST, host_interval=0.3))
    times = [h.at for h in site.hits]
    assert len(times) == 4  # robots.txt and three pages
    assert min(b - a for a, b in pairwise(times)) >= 0.25


def test_fetch_rate_limit_waits_with_the_injected_clock() -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    transport = httpx.MockTransport(lambda request: httpx.Response(404))
    policy = replace(FAST, host_interval=2.0, retries=0)
    with Fetcher(policy=policy, transport=transport, clock=lambda: now[0], sleep=sleep) as f:
        for path in ("/a", "/b"):
            with pytest.raises(FetchError):
                f.fetch(f"http://news.example{path}")
    assert waits == [2.0, 2.0]  # robots.txt, /a (robots 404: allowed), /b


# --- the cache -------------------------------------------------------------------


def test_fetch_cache_means_a_rebuild_fetches_nothing(site: SiteServer, tmp_path: Path) -> None:
    urls = [site.url(FERRY), site.url(LIBRARY)]
    first, _ = fetch_all(urls, cache=tmp_path)
    hits = len(site.hits)
    second, _ = fetch_all(urls, cache=tmp_path)
    assert len(site.hits) == hits
    assert [(d.id, d.text, d.sha256, d.source) for d in first] == [
        (d.id, d.text, d.sha256, d.source) for d in second]


def test_fetch_cache_keeps_no_failure(site: SiteServer, tmp_path: Path) -> None:
    fetch_all([site.url("/news/withdrawn.html")], cache=tmp_path)
    fetch_all([site.url("/news/withdrawn.html")], cache=tmp_path)
    assert site.paths().count("/news/withdrawn.html") == 2


def test_fetch_cache_ignores_a_damaged_entry(site: SiteServer, tmp_path: Path) -> None:
    with Fetcher(policy=FAST, cache=tmp_path) as fetcher:
        fetcher.fetch(site.url(FERRY))
    for body in tmp_path.glob("*.body"):
        body.write_bytes(b"truncated")
    with Fetcher(policy=FAST, cache=tmp_path) as fetcher:
        page = fetcher.fetch(site.url(FERRY))
    assert not page.from_cache
    assert b"Bluewater Lines" in page.body


# --- the batch -------------------------------------------------------------------


def test_fetch_failures_never_stop_the_batch(site: SiteServer) -> None:
    urls = [site.url(FERRY), site.url("/news/withdrawn.html"), site.url("/private/memo.html"),
            f"http://127.0.0.1:{free_port()}/gone.html", "ftp://example.org/x",
            site.url("/image.png"), site.url("/redirect-private"), site.url(LIBRARY)]
    docs, skipped = fetch_all(urls, policy=replace(FAST, retries=0))
    assert [d.path for d in docs] == [urls[0], urls[-1]]
    assert [s.path for s in skipped] == urls[1:-1]


def test_fetch_read_url_list(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("# the ferry story\nhttps://a.example/one\n\n  https://b.example/two  \n"
                       "   # indented comment\n", encoding="utf-8")
    assert read_url_list(listing) == ["https://a.example/one", "https://b.example/two"]


@pytest.mark.parametrize(("url", "ident"), [
    ("https://www.harbour.example/news/2025/ferry-strike.html", "harbour.example-ferry-strike"),
    ("https://harbour.example/", "harbour.example"),
    ("https://harbour.example/story?id=7", "harbour.example-story-f422c8"),
    ("http://127.0.0.1:8000/News/Ferry_Strike/", "127.0.0.1-ferry-strike"),
])
def test_fetch_url_doc_id(url: str, ident: str) -> None:
    assert url_doc_id(url) == ident


def test_fetch_page_doc_uses_the_http_charset() -> None:
    html = ("<html><body><article><h1>Café owners vote to stay open</h1><p>"
            + "Owners of the harbour café said on Monday that they would stay open through "
              "the winter, after the council cut their rent by a fifth. " * 3
            + "</p></article></body></html>")
    page = Page("https://x.example/cafe", "https://x.example/cafe", 200, "text/html", "cp1252",
                html.encode("cp1252"), "2025-03-17T00:00:00+00:00")
    doc = page_doc(page)
    assert "Café owners" in doc.text


def test_fetch_media_type() -> None:
    assert media_type("Text/HTML; Charset=\"ISO-8859-1\"") == ("text/html", "iso-8859-1")
    assert media_type("") == ("", None)


# --- language ------------------------------------------------------------------

ENGLISH = ("The council said on Monday that the ferry would run again from April, after "
           "repairs to the harbour wall were finished ahead of time and under budget.")
SAMPLES = {
    "fr": "Le conseil a annoncé lundi que le ferry reprendra son service en avril, après la "
          "fin des travaux sur le mur du port, qui ont été terminés plus tôt que prévu et pour "
          "un coût moins élevé que ce que la ville avait prévu dans son budget.",
    "es": "El ayuntamiento anunció el lunes que el ferry volverá a funcionar en abril, después "
          "de que las obras del muro del puerto se terminaran antes de lo previsto y con un "
          "coste menor que el que la ciudad había previsto en su presupuesto.",
    "de": "Der Rat teilte am Montag mit, dass die Fähre ab April wieder fahren wird, nachdem "
          "die Arbeiten an der Hafenmauer früher als geplant und zu geringeren Kosten beendet "
          "wurden, als die Stadt in ihrem Haushalt vorgesehen hatte.",
    "ru": "Совет объявил в понедельник, что паром снова будет ходить с апреля, после того как "
          "ремонт стены гавани был закончен раньше срока.",
    "el": "Το συμβούλιο ανακοίνωσε τη Δευτέρα ότι το πλοίο θα ξεκινήσει ξανά τον Απρίλιο, "
          "αφού ολοκληρώθηκαν οι εργασίες στο λιμάνι.",
    "ja": "市議会は月曜日、港の壁の修理が予定より早く終わったため、フェリーが四月から運航を再開すると発表した。",
}


def test_language_detects_english() -> None:
    guess = detect_language(ENGLISH * 2)
    assert guess.is_english and guess.name == "English"
    assert not_english_reason(ENGLISH * 2, label="x") is None


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_language_names_other_languages(code: str) -> None:
    guess = detect_language(SAMPLES[code])
    assert guess.code == code
    reason = not_english_reason(SAMPLES[code], label="page.html")
    assert reason is not None and reason.startswith(f"page.html is in {guess.name} ({code})")


@pytest.mark.parametrize("text", ["", "Port Ellis 2025", "12 14 17 — 44\n18 22 13 17 — 70\n" * 5])
def test_language_short_or_odd_text_passes(text: str) -> None:
    assert detect_language(text).code is None
    assert not_english_reason(text, label="x") is None


def test_language_english_with_foreign_names_stays_english() -> None:
    text = ("The mayor of São Paulo, João da Silva, met the president of the Deutsche Bahn "
            "board and said that the new line from the port to the city would open in May. ")
    assert detect_language(text * 2).is_english


# --- decompression bombs (issue 19, 3) ---------------------------------------------


def gzipped(chunks: Iterable[bytes]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join([*(packer.compress(c) for c in chunks), packer.flush()])


BOMB_MB = 128  # what the stacked gzip expands to; a few hundred bytes on the wire


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """BOMB_MB of zeros, gzipped twice: sent as ``Content-Encoding: gzip, gzip``."""
    return gzipped([gzipped(b"\0" * (1 << 20) for _ in range(BOMB_MB))])


class LoopbackServer:
    """A threaded HTTP server on a free loopback port serving ``handler``; a context manager.
    ``stop`` is set when it closes (a handler still sending can check it)."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.stop = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,))

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class BombServer(LoopbackServer):
    """A loopback server whose pages (or robots.txt) are ``body``, sent with ``encoding``
    (a stacked-gzip bomb unless told otherwise)."""

    def __init__(self, body: bytes, *, robots: bool = False, encoding: str = "gzip, gzip"
                 ) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.paths.append(self.path)
                if self.path == "/robots.txt" and not robots:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                kind = "text/plain" if self.path == "/robots.txt" else "text/html"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.paths: list[str] = []
        super().__init__(Handler)


def peak_bytes(run: Callable[[], object]) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.issue(19)
def test_fetch_stacked_gzip_is_capped_as_it_streams(bomb: bytes) -> None:
    """10 KB on the wire took 19 GB before the cap applied: the cap must hold for what it
    decompresses to, piece by piece."""
    assert len(bomb) < 10_000
    with BombServer(bomb) as server:
        skipped, peak = peak_bytes(lambda: only_skipped([server.url("/bomb.html")]))
    assert isinstance(skipped, Skipped)
    assert "over the 100,000-byte limit" in skipped.reason
    assert peak < 16_000_000, f"{peak:,} bytes held for a 100 KB cap"


@pytest.mark.issue(19)
def test_fetch_stacked_gzip_robots_txt_is_capped(bomb: bytes) -> None:
    with BombServer(bomb, robots=True) as server:
        skipped, peak = peak_bytes(lambda: only_skipped([server.url("/story.html")]))
        assert server.paths == ["/robots.txt"]  # the host is refused, the page not asked for
    assert isinstance(skipped, Skipped)
    assert "robots.txt" in skipped.reason and "over the 100,000-byte limit" in skipped.reason
    assert peak < 16_000_000, f"{peak:,} bytes held for a 100 KB cap"


@pytest.mark.issue(19)
@pytest.mark.parametrize("encoding", ["gzip", "gzip, gzip", "x-gzip", "deflate", "raw deflate",
                                      "identity", ""])
def test_fetch_gzip_and_deflate_still_read(encoding: str) -> None:
    """Ordinary compressed answers (one layer, or two) read as before."""
    page = b"<html><body><p>" + b"Ferry crews strike at Port Ellis. " * 40 + b"</p></body></html>"
    raw_deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = {
        "gzip": gzipped([page]),
        "x-gzip": gzipped([page]),
        "gzip, gzip": gzipped([gzipped([page])]),
        "deflate": zlib.compress(page),
        "raw deflate": raw_deflate.compress(page) + raw_deflate.flush(),  # as some servers send
    }.get(encoding, page)
    sent = "deflate" if encoding == "raw deflate" else encoding
    with BombServer(body, encoding=sent) as server, Fetcher(policy=FAST) as fetcher:
        assert fetcher.fetch(server.url("/a.html")).body == page


@pytest.mark.issue(19)
def test_fetch_refuses_encodings_stacked_too_deep() -> None:
    body = gzipped([gzipped([gzipped([gzipped([b"<p>hi</p>"])])])])
    with BombServer(body, encoding="gzip, gzip, gzip, gzip") as server:
        skipped = only_skipped([server.url("/a.html")])
    assert "compressed 4 times over" in skipped.reason


# --- private addresses (issue 19, 5) -------------------------------------------------

PUBLIC = replace(FAST, allow_private=False)  # the default: non-public addresses refused


@pytest.mark.issue(19)
def test_fetch_refuses_a_loopback_address_unless_allowed(site: SiteServer) -> None:
    skipped = only_skipped([site.url(FERRY)], PUBLIC)
    assert skipped.path == site.url(FERRY)
    assert "127.0.0.1, a private or local address" in skipped.reason
    assert "allow_private_addresses = true" in skipped.reason
    assert site.paths() == []  # not even robots.txt was asked for


@pytest.mark.issue(19)
def test_fetch_checks_the_address_a_name_resolves_to(site: SiteServer) -> None:
    """localhost is a name, not an address: what it resolves to is what is checked."""
    url = site.url(FERRY).replace("127.0.0.1", "localhost")
    skipped = only_skipped([url], PUBLIC)
    assert "localhost, which resolves to 127.0.0.1" in skipped.reason or (
        "localhost, which resolves to ::1" in skipped.reason)
    assert site.paths() == []


@pytest.mark.issue(19)
def test_fetch_connection_checks_the_address_it_connects_to(site: SiteServer) -> None:
    """The check made on connecting (the resolved IP, as DNS answers then) holds on its own."""
    import httpcore

    from corroborator.ingest.fetch import PrivateAddress, _GuardedBackend

    port = int(site.url("/").split(":")[2].split("/")[0])
    with pytest.raises(PrivateAddress):
        _GuardedBackend(lambda: False).connect_tcp("localhost", port, timeout=2.0)
    stream = _GuardedBackend(lambda: True).connect_tcp("localhost", port, timeout=2.0)
    assert isinstance(stream, httpcore.NetworkStream)
    stream.close()


@pytest.mark.issue(19)
@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/admin", "http://192.168.1.1/",
    "http://127.0.0.1:9/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
    "http://100.64.0.1/", "http://[fd00::1]/",
])
def test_fetch_refuses_a_redirect_to_a_private_address(target: str) -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.host == "news.example" and request.url.path == "/story.html":
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(404)

    with (Fetcher(policy=PUBLIC, transport=httpx.MockTransport(handler)) as fetcher,
          pytest.raises(FetchError) as caught):
        fetcher.fetch("http://news.example/story.html")
    assert caught.value.problem.startswith(
        f"http://news.example/story.html redirects to {target}: {target} was not fetched")
    assert asked == ["http://news.example/robots.txt", "http://news.example/story.html"]


@pytest.mark.issue(19)
@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False), ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.0.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::1", False), ("fe80::1", False), ("fd12::1", False), ("::ffff:10.0.0.1", False),
    ("255.255.255.255", False), ("not an address", False),
])
def test_fetch_is_public_address(address: str, public: bool) -> None:
    from corroborator.ingest.fetch import is_public_address

    assert is_public_address(address) is public


@pytest.mark.issue(19)
def test_fetch_feed_items_on_private_addresses_are_refused(site: SiteServer,
                                                           tmp_path: Path) -> None:
    from corroborator.ingest.fetch import read_feed_file

    feed = tmp_path / "news.rss"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Ferry</title><link>{site.url(FERRY)}</link></item>
</channel></rss>""", encoding="utf-8")
    with Fetcher(policy=PUBLIC) as fetcher:
        items = list(read_feed_file(feed, fetcher=fetcher))
    [only] = items
    assert isinstance(only, Skipped)
    assert "a private or local address" in only.reason
    assert site.paths() == []


@pytest.mark.issue(19)
def test_fetch_settings_allow_private_addresses(site: SiteServer) -> None:
    from corroborator.settings import Settings

    with Fetcher(policy=PUBLIC) as fetcher:
        items = list(read_urls([site.url(FERRY)], fetcher=fetcher,
                               settings=Settings(allow_private_addresses=True)))
    assert [type(i) for i in items] == [RawDoc]


@pytest.mark.issue(19)
def test_fetch_build_refuses_loopback_unless_the_settings_allow_it(site: SiteServer,
                                                                   tmp_path: Path) -> None:
    """The executable: refused by default; allowed by a settings file (explicitly)."""
    exe = Path(sys.executable).with_name("corroborator")
    url = site.url(FERRY)
    refused = subprocess.run([str(exe), "build", url, "--out", str(tmp_path / "a"), "-q"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert refused.returncode != 0
    assert "a private or local address" in refused.stderr
    assert site.paths() == []
    cfg = tmp_path / "local.cfg"
    cfg.write_text("[corroborator]\nallow_private_addresses = true\n", encoding="utf-8")
    allowed = subprocess.run([str(exe), "build", url, "--out", str(tmp_path / "b"), "-q",
                              "--settings", str(cfg)],
                             cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert allowed.returncode == 0, allowed.stderr
    assert FERRY in site.paths()


# --- a server that drips (issue 19, 6) ------------------------------------------------


class DripServer(LoopbackServer):
    """A loopback server that sends its answer one byte at a time, ``every`` seconds apart
    (each byte well inside the read timeout), the headers too when ``headers`` is set."""

    def __init__(self, every: float, *, headers: bool) -> None:
        page = b"<html><body><p>" + b"Ferry crews strike at Port Ellis. " * 20 + b"</p></body></html>"
        head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                + str(len(page)).encode() + b"\r\nConnection: close\r\n\r\n")
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/robots.txt":
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                dripped = head + page if headers else page
                if not headers:
                    self.wfile.write(head)
                    self.wfile.flush()
                for byte in dripped:
                    if outer.stop.wait(every):
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:
                        return

        super().__init__(Handler)


@pytest.mark.issue(19)
@pytest.mark.parametrize("headers", [False, True], ids=["body", "headers"])
def test_fetch_a_page_that_drips_is_dropped_past_its_time_budget(headers: bool) -> None:
    """One byte every 0.2 s never trips the 0.5 s read timeout; the page's time budget
    (2 s here) ends it, once, without retries."""
    policy = replace(FAST, max_seconds=2.0, retries=2)
    with DripServer(0.2, headers=headers) as server:
        started = time.monotonic()
        skipped = only_skipped([server.url("/drip.html")], policy)
        took = time.monotonic() - started
    assert "took longer than 2 s" in skipped.reason
    assert took < 5.0, f"{took:.1f} s"


# --- pages that keep the extractor busy (issue 19, 6) -----------------------------------

SLOW_STORY = (b"<p>Ferry crews walked out at Port Ellis on Monday, the union said, and 40 "
              b"sailings were cancelled.</p>")  # fmt: skip


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"<html><body><p " + b" ".join(b'a%d="1"' % i for i in range(40_000)) + b">x</p>"
         + SLOW_STORY * 3 + b"</body></html>",
         "has an HTML element with 5,001 or more attributes"),
        (b"<html><body>" + SLOW_STORY * 3 + b"<p>" + b"<span>word</span> " * 40_000
         + b"</p></body></html>", "took more than 1 s to extract"),
    ],
    ids=["40k-attributes", "40k-inline-tags"],
)
def test_fetch_a_page_that_keeps_the_extractor_busy_is_skipped_in_time(body: bytes, problem: str
                                                                       ) -> None:
    """A fetched page goes through the same guards as a file: refused from its structure,
    or stopped at its budget (1 s here), with the URL in the message."""
    settings = Settings(extract_seconds=1, allow_private_addresses=True)
    with BombServer(body, encoding="identity") as server:
        url = server.url("/slow.html")
        started = time.monotonic()
        with Fetcher(policy=replace(FAST, max_bytes=5_000_000)) as fetcher:
            items = list(read_urls([url], fetcher=fetcher, settings=settings))
        took = time.monotonic() - started
    [skipped] = items
    assert isinstance(skipped, Skipped) and skipped.path == url
    assert skipped.reason.startswith(url) and problem in skipped.reason
    assert took < 10, f"{took:.1f} s"
