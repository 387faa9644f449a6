"""Tests for corroborator.ingest.warc: every HTML page captured in a WARC file is a report.

The archives are written by each test with warcio from the fixture site's pages
(tests/fixtures/web/site), as a crawler would have captured them.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from corroborator.ingest.reports import iter_reports
from corroborator.ingest.warc import is_warc, read_warc
from corroborator.models import RawDoc, Skipped
from corroborator.settings import Settings

SITE = Path(__file__).parent / "fixtures" / "web" / "site"
HTML = "text/html; charset=utf-8"
pytestmark = pytest.mark.issue(6)


@dataclass(frozen=True)
class Capture:
    uri: str
    body: bytes
    status: str = "200 OK"
    content_type: str = HTML
    kind: str = "response"
    headers: list[tuple[str, str]] = field(default_factory=list)


def page(name: str) -> bytes:
    return (SITE / "news" / name).read_bytes()


def write_warc(path: Path, captures: Sequence[Capture], *, compress: bool = True) -> Path:
    """Write the captures as WARC records, each response preceded by its request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        for c in captures:
            if c.kind == "resource":
                record = writer.create_warc_record(
                    c.uri, "resource", payload=io.BytesIO(c.body), length=len(c.body),
                    warc_content_type=c.content_type)
            else:
                request = writer.create_warc_record(
                    c.uri, "request", payload=io.BytesIO(b""), length=0,
                    http_headers=StatusAndHeaders(f"GET {c.uri} HTTP/1.1", [],
                                                  is_http_request=True))
                writer.write_record(request)
                headers = StatusAndHeaders(c.status, [("Content-Type", c.content_type)]
                                           + c.headers, protocol="HTTP/1.1")
                record = writer.create_warc_record(c.uri, "response",
                                                   payload=io.BytesIO(c.body), length=len(c.body),
                                                   http_headers=headers)
            writer.write_record(record)
    return path


def read(path: Path, settings: Settings | None = None
         ) -> tuple[dict[str, RawDoc], list[Skipped]]:
    docs: dict[str, RawDoc] = {}
    skipped: list[Skipped] = []
    for item in read_warc(path, settings=settings or Settings()):
        if isinstance(item, RawDoc):
            docs[item.id] = item
        else:
            skipped.append(item)
    return docs, skipped


CRAWL = [
    Capture("https://gazette.example/news/ferry-strike.html", page("ferry-strike.html")),
    Capture("https://gazette.example/style.css", b"body{color:#222}", content_type="text/css"),
    Capture("https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
    Capture("https://gazette.example/old-link", b"", status="301 Moved Permanently",
            headers=[("Location", "https://gazette.example/news/ferry-strike.html")]),
    Capture("https://marren.example/library-vote.html", page("library-vote.html")),
    Capture("https://courier.example/news/council-budget.html", page("council-budget.html")),
]


def test_warc_each_html_response_is_a_report(tmp_path: Path) -> None:
    docs, skipped = read(write_warc(tmp_path / "crawl.warc.gz", CRAWL))
    assert skipped == []
    assert sorted(docs) == ["courier.example-council-budget", "gazette.example-ferry-strike",
                            "marren.example-library-vote"]
    ferry = docs["gazette.example-ferry-strike"]
    assert ferry.format == "html"
    assert ferry.path.startswith(f"{tmp_path / 'crawl.warc.gz'}:")
    source = ferry.source
    assert (source.url, source.outlet, source.published, source.author) == (
        "https://gazette.example/news/ferry-strike.html", "Harbour Gazette", "2025-03-17",
        "Mara Quinn")
    assert docs["marren.example-library-vote"].source.outlet == "marren.example"


def test_warc_path_is_the_record_offset(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    archive = write_warc(tmp_path / "crawl.warc.gz", CRAWL)
    docs, _ = read(archive)
    offset = int(docs["gazette.example-ferry-strike"].path.rsplit(":", 1)[1])
    with archive.open("rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Target-URI").endswith("ferry-strike.html")


def test_warc_reads_pages_as_ingest_reads_html_files(tmp_path: Path) -> None:
    docs, _ = read(write_warc(tmp_path / "crawl.warc.gz", CRAWL))
    [from_file] = [d for d in iter_reports([SITE / "news" / "ferry-strike.html"])
                   if isinstance(d, RawDoc)]
    from_warc = docs["gazette.example-ferry-strike"]
    assert from_warc.text == from_file.text
    assert from_warc.sha256 == from_file.sha256


def test_warc_uncompressed_archive(tmp_path: Path) -> None:
    docs, _ = read(write_warc(tmp_path / "crawl.warc", CRAWL, compress=False))
    assert len(docs) == 3


def test_warc_gzip_encoded_body_is_decoded(tmp_path: Path) -> None:
    capture = Capture("https://gazette.example/news/ferry-strike.html",
                      gzip.compress(page("ferry-strike.html")),
                      headers=[("Content-Encoding", "gzip")])
    docs, _ = read(write_warc(tmp_path / "gz.warc.gz", [capture]))
    assert "about 2,300 passengers" in docs["gazette.example-ferry-strike"].text


def test_warc_resource_record_is_a_report(tmp_path: Path) -> None:
    capture = Capture("https://marren.example/library-vote.html", page("library-vote.html"),
                      content_type="text/html", kind="resource")
    docs, _ = read(write_warc(tmp_path / "res.warc.gz", [capture]))
    assert list(docs) == ["marren.example-library-vote"]


@pytest.mark.parametrize(("capture", "expected"), [
    (Capture("https://gazette.example/gone.html", b"<html><body><h1>Not found</h1></body></html>",
             status="404 Not Found"), "was archived as an error page (HTTP 404)"),
    (Capture("https://journal.example/greve-ferries.html", page("greve-ferries.html")),
     "is in French (fr), not English"),
    (Capture("https://gazette.example/empty.html", page("empty.html")),
     "is too short to be a report"),
])
def test_warc_unusable_page_is_skipped(tmp_path: Path, capture: Capture, expected: str) -> None:
    docs, skipped = read(write_warc(tmp_path / "crawl.warc.gz", [*CRAWL[:1], capture]))
    assert list(docs) == ["gazette.example-ferry-strike"]
    [only] = skipped
    assert expected in only.reason
    assert only.path.startswith(str(tmp_path / "crawl.warc.gz") + ":")


def test_warc_later_capture_of_a_url_is_skipped(tmp_path: Path) -> None:
    docs, skipped = read(write_warc(tmp_path / "crawl.warc.gz", [CRAWL[0], CRAWL[0]]))
    assert len(docs) == 1
    [again] = skipped
    assert "is captured again in the archive" in again.reason


def test_warc_page_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    settings = Settings(max_file_bytes=1_000)
    docs, skipped = read(write_warc(tmp_path / "crawl.warc.gz", CRAWL[:1]), settings)
    assert docs == {}
    assert "over the 1,000-byte limit" in skipped[0].reason


def test_warc_same_story_path_on_two_hosts_gets_two_ids(tmp_path: Path) -> None:
    captures = [CRAWL[0], Capture("https://gazette.example/amp/ferry-strike.html",
                                  page("ferry-strike.html"))]
    docs, _ = read(write_warc(tmp_path / "crawl.warc.gz", captures))
    assert sorted(docs) == ["gazette.example-ferry-strike", "gazette.example-ferry-strike-2"]


def test_warc_file_that_is_not_an_archive_is_skipped(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.warc"
    bogus.write_text("these are notes, not an archive\n" * 10, encoding="utf-8")
    docs, skipped = read(bogus)
    assert docs == {}
    [only] = skipped
    assert "notes.warc is not a WARC file" in only.reason


def test_warc_damaged_archive_keeps_what_came_before(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "crawl.warc", CRAWL, compress=False)
    data = archive.read_bytes()
    cut = data.index(b"WARC/1.", data.index(b"marren.example/library-vote.html"))
    archive.write_bytes(data[:cut] + b"GARBAGE\r\n\r\n" + data[cut:])
    docs, skipped = read(archive)
    assert "gazette.example-ferry-strike" in docs
    assert len(skipped) == 1 and "is damaged after record" in skipped[0].reason


def test_warc_missing_file_is_skipped(tmp_path: Path) -> None:
    docs, skipped = read(tmp_path / "gone.warc.gz")
    assert docs == {} and "cannot be read" in skipped[0].reason


@pytest.mark.parametrize(("name", "expected"), [
    ("crawl.warc", True), ("crawl.WARC.GZ", True), ("crawl.warc.gz.txt", False),
    ("crawl.arc", False), ("report.html", False),
])
def test_warc_is_warc(name: str, expected: bool) -> None:
    assert is_warc(name) is expected


# --- hostile records (issue 19, 4) ---------------------------------------------------


def raw_record(kind: str, block: bytes, *, uri: str | None = None,
               content_type: str = "application/http; msgtype=response",
               length: int | None = None) -> bytes:
    """One WARC record written by hand (warcio's writer always names a target)."""
    head = [b"WARC/1.0", f"WARC-Type: {kind}".encode(), b"WARC-Record-ID: <urn:uuid:1>",
            f"Content-Type: {content_type}".encode()]
    if uri is not None:
        head.append(f"WARC-Target-URI: {uri}".encode())
    head.append(f"Content-Length: {len(block) if length is None else length}".encode())
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def http_block(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body


@pytest.mark.issue(19)
@pytest.mark.parametrize("record", [
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n\r\n\r\n",  # 56 bytes
    raw_record("response", http_block(page("library-vote.html"))),
    raw_record("resource", page("library-vote.html"), content_type="text/html"),
], ids=["minimal", "response", "resource"])
def test_warc_record_without_target_uri_is_skipped_not_fatal(tmp_path: Path, record: bytes
                                                             ) -> None:
    before = write_warc(tmp_path / "before.warc", CRAWL[:1], compress=False).read_bytes()
    after = write_warc(tmp_path / "after.warc", CRAWL[5:], compress=False).read_bytes()
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(before + record + after)
    docs, skipped = read(archive)
    assert sorted(docs) == ["courier.example-council-budget", "gazette.example-ferry-strike"]
    [only] = skipped
    offset = len(before)
    assert only.path == f"{archive}:{offset}"
    assert only.reason.startswith(f"crawl.warc: record 3 (at byte {offset}) is a ")
    assert "without WARC-Target-URI" in only.reason


@pytest.mark.issue(19)
def test_warc_truncated_record_is_skipped_not_built(tmp_path: Path) -> None:
    body = page("library-vote.html")
    cut = raw_record("response", http_block(body), uri="https://marren.example/library-vote.html",
                     length=len(http_block(body)) + 5_000)[:-4]  # the archive ends mid-record
    before = write_warc(tmp_path / "before.warc", CRAWL[:1], compress=False).read_bytes()
    archive = tmp_path / "cut.warc"
    archive.write_bytes(before + cut)
    docs, skipped = read(archive)
    assert list(docs) == ["gazette.example-ferry-strike"]
    [only] = skipped
    assert only.path == f"{archive}:{len(before)}"
    assert only.reason.startswith(f"cut.warc: record 3 (at byte {len(before)}) is truncated")
    assert "https://marren.example/library-vote.html is incomplete" in only.reason


@pytest.mark.issue(19)
def test_warc_gzipped_archive_cut_short_builds_no_partial_report(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    archive = write_warc(tmp_path / "crawl.warc.gz", CRAWL)
    with archive.open("rb") as handle:
        records = ArchiveIterator(handle)
        last = [records.get_record_offset() for _ in records][-1]
    data = archive.read_bytes()
    archive.write_bytes(data[: (last + len(data)) // 2])  # inside the last page's record
    docs, skipped = read(archive)
    assert "courier.example-council-budget" not in docs
    assert sorted(docs) == ["gazette.example-ferry-strike", "marren.example-library-vote"]
    assert len(skipped) == 1
    assert "truncated" in skipped[0].reason or "damaged after record" in skipped[0].reason
