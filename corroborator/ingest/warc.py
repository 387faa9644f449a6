"""Web archives: every HTML page captured in a WARC file is a report.

``read_warc(path)`` walks a ``.warc`` or ``.warc.gz`` file (as written by
wget ``--warc-file``, Browsertrix, Heritrix or warcio) with warcio and yields a
``RawDoc`` per captured HTML page, read exactly as a fetched page is
(``fetch.page_doc``: ingest's HTML path through trafilatura, then the English
check). Which records count:

* ``response`` records with a 2xx HTTP status, and ``resource`` records, whose
  content is HTML: one report each, the first capture of a URL only;
* images, stylesheets, scripts, redirects, ``request``/``metadata``/``revisit``
  records: not reports, passed over in silence;
* an HTML capture of an error (4xx/5xx), a page too large, a later capture of a
  URL already read, a page not in English: a ``Skipped`` with the reason;
* a page record without ``WARC-Target-URI``, and a record cut off before the
  length its header declares (a truncated archive): a ``Skipped`` naming the file
  and the record, never the end of the batch nor a report built from part of a page.

A report's path is ``<file>:<offset>``, the record's byte offset in the archive
(what CDX indexes and ``warcio extract`` take); its URL is the captured one.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..models import RawDoc, Skipped
from ..settings import Settings
from .fetch import HTML_TYPES, Page, media_type, page_doc, url_doc_id
from .reports import normalise_date

__all__ = ["WARC_SUFFIXES", "is_warc", "read_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
DEFAULT_SETTINGS = Settings()
STATUS = re.compile(r"^\s*(\d{3})")
GZIP_PEEK = 4096
CHUNK = 65_536
PAGE_RECORDS = ("response", "resource")  # the records that can hold a report
TRUNCATED_AT = "\0record\0"  # placeholder in _page's message, for the file and record


def is_warc(path: str | Path) -> bool:
    """True for a path named like a WARC file."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def read_warc(path: str | Path, *, settings: Settings = DEFAULT_SETTINGS
              ) -> Iterator[RawDoc | Skipped]:
    """One ``RawDoc`` per HTML page captured in the archive, or a ``Skipped`` with the reason."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), f"{path.name} cannot be read ({exc.strerror or exc}): check "
                      "the path.")
        return
    with handle:
        if not _starts_like_warc(handle):
            yield Skipped(str(path), f"{path.name} is not a WARC file (it does not start with a "
                          "WARC record): give a .warc or .warc.gz web archive.")
            return
        yield from _records(path, handle, settings)


def _starts_like_warc(handle: BinaryIO) -> bool:
    """The first record's version line, gzipped or not: warcio alone takes any text for ARC."""
    head = handle.read(GZIP_PEEK)
    handle.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def _records(path: Path, handle: BinaryIO, settings: Settings) -> Iterator[RawDoc | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen: dict[str, str] = {}
    ids: set[str] = set()
    count = 0
    try:
        records = ArchiveIterator(handle)
        _tolerate_missing_uri(records.loader)
        for record in records:
            count += 1
            if record.rec_type in PAGE_RECORDS and not _target_uri(record):
                where = f"{path}:{records.get_record_offset()}"
                yield Skipped(where, f"{path.name}: record {count} (at byte "
                              f"{records.get_record_offset()}) is a {record.rec_type} record "
                              "without WARC-Target-URI, so its page has no address: skipped.")
                continue
            page = _page(record, settings.max_file_bytes)
            if page is None:
                continue
            # the offset is known only once the record is read (warcio reads to its end)
            where = f"{path}:{records.get_record_offset()}"
            if isinstance(page, str):
                page = page.replace(TRUNCATED_AT, f"{path.name}: record {count} (at byte "
                                    f"{records.get_record_offset()})")
            yield _report(page, where, settings, seen, ids)
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        what = "is not a WARC file" if count == 0 else f"is damaged after record {count}"
        yield Skipped(str(path), f"{path.name} {what} ({exc}): check that it is a complete "
                      ".warc or .warc.gz file.")


def _tolerate_missing_uri(loader: Any) -> None:
    """warcio reads the HTTP headers of a response only for an http(s) WARC-Target-URI, and
    fails (AttributeError, ending the iteration) when there is none: read it as no URI."""
    original = loader.load_http_headers

    def load_http_headers(rec_type: str, uri: str | None, stream: Any, length: Any) -> Any:
        return original(rec_type, uri or "", stream, length)

    loader.load_http_headers = load_http_headers


def _target_uri(record: Any) -> str:
    return str(record.rec_headers.get_header("WARC-Target-URI") or "").strip()


def _truncated(record: Any) -> tuple[int, int] | None:
    """(bytes present, bytes declared) of a record whose block ends before its
    Content-Length says (a cut-off archive), once its content was read; else None."""
    raw = record.raw_stream
    while raw.read(CHUNK):  # what the content stream left (trailers, padding)
        pass
    missing = getattr(raw, "limit", 0) or 0
    declared = getattr(raw, "_orig_limit", None)
    if missing <= 0 or not isinstance(declared, int):
        return None
    return declared - missing, declared


def _report(page: Page | str, where: str, settings: Settings, seen: dict[str, str],
            ids: set[str]) -> RawDoc | Skipped:
    """The report of one captured page, or a Skipped with the reason."""
    if isinstance(page, str):
        return Skipped(where, page)
    if page.url in seen:
        return Skipped(where, f"{page.url} is captured again in the archive; the capture at "
                       f"{seen[page.url]} was read.")
    seen[page.url] = where
    ident = url_doc_id(page.url)
    base, n = ident, 1
    while ident in ids:
        n += 1
        ident = f"{base}-{n}"
    ids.add(ident)
    try:
        return page_doc(page, settings, doc_id=ident, path=where)
    except InputError as exc:
        return Skipped(exc.path, exc.problem)


def _page(record: Any, cap: int) -> Page | str | None:
    """A captured HTML page as a ``Page`` (as if just fetched), why it is unusable, or None."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "response":
        if record.http_headers is None:
            return None  # a non-HTTP response (dns:, ftp:)
        status = _status(record.http_headers.get_statuscode())
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        status, content_type = 200, record.rec_headers.get_header("Content-Type") or ""
    media, charset = media_type(content_type)
    if media not in HTML_TYPES or 300 <= status < 400:
        return None
    if status >= 400:
        return f"{url} was archived as an error page (HTTP {status}), not a report."
    body = record.content_stream().read(cap + 1)
    if len(body) > cap:
        return (f"{url} is over the {cap:,}-byte limit for a report: raise max_file_bytes in "
                "the settings if it is one.")
    cut = _truncated(record)
    if cut is not None:
        return (f"{TRUNCATED_AT} is truncated: {cut[0]:,} of its {cut[1]:,} bytes are in the "
                f"archive, so the capture of {url} is incomplete: skipped (fetch the page "
                "again, or repair the archive).")
    date = record.rec_headers.get_header("WARC-Date") or ""
    return Page(url, url, status, media, charset, body, normalise_date(date) or date)


def _status(code: object) -> int:
    match = STATUS.match(str(code or ""))
    return int(match.group(1)) if match else 200
