"""Read reports from files and folders: the first stage of the pipeline.

``iter_reports`` turns paths into ``RawDoc`` (one report) or ``Skipped`` (an
input that could not be read, and why). It is a cascade, one step per concern:

1. walk: files are taken as given; folders are walked recursively in sorted
   order, ignoring hidden entries, non-report files and symlink loops;
2. read: the bytes, never more than ``settings.max_file_bytes``;
3. decode: BOM, then UTF-8, then a declared HTML charset, then detection,
   refusing binary files with a reason that says what was found;
4. parse: plain text as is, HTML through trafilatura, JSON exports by their
   usual field names (news-please, trafilatura, generic);
5. metadata: ``sources.csv`` beside the reports wins; HTML/JSON metadata fills
   only what it leaves empty.

A bad input never stops the batch: every problem becomes a ``Skipped`` whose
reason is one sentence naming the file and what to do about it.
"""

from __future__ import annotations

import codecs
import csv
import errno
import functools
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import InputError, NoReportsError
from ..models import RawDoc, Skipped, Source
from ..settings import Settings
from .budget import ExtractorGone, Overtime, check_structure, run_with_budget
from .headline import headline_of, is_masthead, site_names

__all__ = [
    "REPORT_SUFFIXES",
    "decode_bytes",
    "iter_reports",
    "no_reports_error",
    "normalise_date",
    "read_sources",
    "report_files",
    "sha256_hex",
]

# File suffix -> RawDoc.format.
REPORT_SUFFIXES: Mapping[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
SOURCES_FILE = "sources.csv"
DEFAULT_SETTINGS = Settings()  # frozen, so one shared default is safe
SOURCES_COLUMNS = ("url", "outlet", "published", "title", "author", "language")

# Leading bytes of files that are often dropped into a folder of reports by mistake.
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "remove it or convert it to text"),
    (b"\xff\xd8\xff", "a JPEG image", "remove it or convert it to text"),
    (b"GIF87a", "a GIF image", "remove it or convert it to text"),
    (b"GIF89a", "a GIF image", "remove it or convert it to text"),
    (b"%PDF-", "a PDF document", "extract its text (e.g. with pdftotext) into a .txt file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt file)", "unpack it or save it as text"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"SQLite format 3\x00", "an SQLite database", "export the reports from it as text"),
    (b"\x7fELF", "an executable program", "remove it"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file", "save it as text"),
)
# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Legacy encodings preferred when detection ties: news text that is not UTF-8 is
# nearly always Windows-1252 or Latin-1, and short texts make detectors guess
# Central-European or DOS code pages that decode the same letters differently.
PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
CHAOS_SLACK = 0.01
MAX_CONTROL_RATIO = 0.01  # more control characters than this: binary, not text
HTML_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HTML_MAX_DEPTH = 256  # libxml2 drops elements nested deeper than this
HTML_LANG = re.compile(
    r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)""", re.IGNORECASE
)
WORD = re.compile(r"[^\W\d_]{2,}")
TITLE_MAX_WORDS = 30  # a longer first line is a paragraph, not a headline
HEADLINE_WINDOW = 3  # a title found within the first lines is not prepended again

# JSON export field names, in order of preference (news-please, trafilatura, generic).
TEXT_FIELDS = ("maintext", "text", "raw_text", "body", "content")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date_publish", "date", "published", "date_published", "datePublished")
OUTLET_FIELDS = ("sitename", "outlet", "source_domain", "source-hostname", "hostname")
URL_FIELDS = ("url", "link", "source")
AUTHOR_FIELDS = ("authors", "author", "byline")
LANGUAGE_FIELDS = ("language", "lang")


@dataclass
class _Run:
    """State shared across one call of ``iter_reports``."""

    settings: Settings
    seen_files: set[str] = field(default_factory=set)
    seen_dirs: set[Path] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)
    contents: dict[tuple[str, Source], str] = field(default_factory=dict)
    sources: dict[Path, dict[str, Source]] = field(default_factory=dict)


def iter_reports(
    paths: Sequence[str | Path], *, settings: Settings = DEFAULT_SETTINGS
) -> Iterator[RawDoc | Skipped]:
    """Yield one ``RawDoc`` per report found under ``paths``, or a ``Skipped`` per bad input.

    A folder without reports yields nothing; the caller decides whether that is
    an error (see ``no_reports_error``).
    """
    run = _Run(settings)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for item in _walk(path, run.seen_dirs):
                if isinstance(item, Skipped):
                    yield _printable_skip(item)
                else:
                    yield from map(_printable_skip, _from_file(item, run))
        else:
            yield from map(_printable_skip, _explicit_file(path, run))


def _printable_skip(item: RawDoc | Skipped) -> RawDoc | Skipped:
    """A Skipped whose path or reason holds a file name that is not UTF-8, made writable.

    Python gives such names lone surrogates ("caf\\udce9.txt"), which no UTF-8 output
    (JSON, SQLite, the terminal) accepts: show their bytes as escapes instead.
    """
    if isinstance(item, RawDoc) or not (_undecodable(item.path) or _undecodable(item.reason)):
        return item
    return Skipped(_escape_name(item.path), _escape_name(item.reason))


def _undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _escape_name(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def no_reports_error(
    paths: Sequence[str | Path], skipped: Sequence[Skipped] = ()
) -> NoReportsError:
    """The error to raise when ``iter_reports`` gave no ``RawDoc``, naming what was looked at."""
    names = ", ".join(str(p) for p in paths) or "(no paths given)"
    message = f"no readable reports in {names}"
    if skipped:
        reasons = "; ".join(s.reason for s in skipped[:5])
        more = f" (and {len(skipped) - 5} more)" if len(skipped) > 5 else ""
        message += f": {len(skipped)} input(s) skipped: {reasons}{more}"
    else:
        suffixes = ", ".join(REPORT_SUFFIXES)
        message += f": put the reports there as {suffixes} files"
    return NoReportsError(message)


def _explicit_file(path: Path, run: _Run) -> Iterator[RawDoc | Skipped]:
    """A path named on purpose: say why it is not read instead of ignoring it."""
    if not path.exists() and not path.is_symlink():
        yield Skipped(str(path), f"{path} does not exist: check the path.{_url_hint(path)}")
    elif path.name == SOURCES_FILE:
        yield Skipped(
            str(path),
            f"{path.name} is metadata, read automatically beside the reports: name the folder "
            "or the report files instead.",
        )
    elif path.suffix.lower() not in REPORT_SUFFIXES:
        yield Skipped(str(path), _unsupported(path))
    else:
        yield from _from_file(path, run)


# a web address given without its scheme ("www.example.org/story"), or whose "//" a path
# type collapsed ("http:/example.org/story")
_ADDRESS = re.compile(r"(?i)^(?:https?:/|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)")


def _url_hint(path: Path) -> str:
    first = Path(path.parts[0]) if path.parts else path
    if not _ADDRESS.match(str(path)) or first.suffix.lower() in REPORT_SUFFIXES:
        return ""
    return " To fetch a web page or feed, give its whole address, starting with https:// or http://."


def _unsupported(path: Path) -> str:
    suffix = path.suffix or "(none)"
    return (
        f"{path.name} has an unsupported extension {suffix}: corroborator reads "
        f"{', '.join(REPORT_SUFFIXES)} files, so convert it to one of those."
    )


def report_files(folder: Path) -> Iterator[Path]:
    """The report files a build of ``folder`` reads, in order (hidden entries left out,
    subfolders walked); folders that cannot be read are passed over."""
    for item in _walk(folder, set()):
        if isinstance(item, Path):
            yield item


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path | Skipped]:
    """Report files under ``folder`` in sorted order, each real folder visited once.

    Tracking resolved folders stops symlink loops (``a/b -> a``) and folders
    reached twice through links.
    """
    try:
        real = folder.resolve()
        if real in seen:
            return
        seen.add(real)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (OSError, RuntimeError) as exc:
        yield Skipped(str(folder), f"folder {folder} cannot be read ({_os_problem(exc)}).")
        return
    for entry in entries:
        path = folder / entry.name
        if entry.name.startswith("."):
            continue  # .git, .DS_Store and editor files are never reports
        if _is_dir(entry):
            yield from _walk(path, seen)
        elif Path(entry.name).suffix.lower() in REPORT_SUFFIXES:
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink pointing at itself
        return False


def _os_problem(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied: check its permissions"
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "a symbolic link loop: fix the link"
    if isinstance(exc, FileNotFoundError):
        return "it does not exist or is a broken link: check the path"
    return f"{getattr(exc, 'strerror', None) or exc}: check the file"


def _from_file(path: Path, run: _Run) -> Iterator[RawDoc | Skipped]:
    """Read one report file (or the several records of a JSON export)."""
    key = os.path.abspath(path)
    if key in run.seen_files:
        return
    run.seen_files.add(key)
    if _undecodable(str(path)):
        yield Skipped(
            str(path),
            f"{path.name} has a name (or is in a folder with a name) that is not valid UTF-8: "
            "rename it; convmv -f latin1 -t utf8 renames a folder of them.",
        )
        return
    fmt = REPORT_SUFFIXES[path.suffix.lower()]
    sources, problem = _sources_for(path.parent, run)
    if problem is not None:
        yield problem
    try:
        data = _read_capped(path, run.settings.max_file_bytes)
        items = list(_parse(path, fmt, data, run.settings))
    except InputError as exc:
        yield Skipped(exc.path, exc.problem)
        return
    for item in items:
        yield item if isinstance(item, Skipped) else _finish(item, sources, run)


def _finish(doc: RawDoc, sources: Mapping[str, Source], run: _Run) -> RawDoc | Skipped:
    """Apply sources.csv; refuse a second report with an id already used, or an exact copy."""
    other = run.ids.get(doc.id)
    if other is not None:
        return Skipped(
            doc.path,
            f"{Path(doc.path.rsplit(':', 1)[0]).name} gives report id {doc.id!r}, already used by "
            f"{other}: rename one of the files so each report has its own id.",
        )
    listed = sources.get(doc.id)
    doc = doc if listed is None else replace(doc, source=_merge_sources(listed, doc.source))
    title = doc.source.title
    if title and is_masthead(title, site_names(doc.source)):  # the page's own name, not its title
        doc = replace(doc, source=replace(doc.source, title=headline_of(doc.text, doc.source)))
    copy_of = run.contents.setdefault((doc.sha256, doc.source), doc.path)
    if copy_of != doc.path:
        # read twice, a report would agree with itself and make its own claims "agreed"
        # facts; two outlets that ran one text differ in their metadata, and both count
        return Skipped(
            doc.path,
            f"{_file_label(doc)} has the same content as {copy_of}, read already: it is read "
            "once; delete one of the two, or give each its outlet in sources.csv if two "
            "outlets ran the same text.",
        )
    run.ids[doc.id] = doc.path
    return doc


def _file_label(doc: RawDoc) -> str:
    """A report's file name, with the line or item of a JSON export ("wire.jsonl line 3")."""
    file, _, number = doc.path.rpartition(":")
    if doc.format in ("json", "jsonl") and number.isdigit():
        return f"{Path(file).name} {'line' if doc.format == 'jsonl' else 'item'} {int(number)}"
    return Path(doc.path).name


def _read_capped(path: Path, cap: int) -> bytes:
    """The file's bytes; a file over ``cap`` is refused from its size, never read whole."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise InputError(
                str(path), f"{path.name} is not a regular file: copy the report into one."
            )
        if info.st_size > cap:
            raise InputError(str(path), _too_big(path, info.st_size, cap))
        with path.open("rb") as handle:
            data = handle.read(cap + 1)
    except OSError as exc:
        raise InputError(str(path), f"{path.name} cannot be read ({_os_problem(exc)}).") from exc
    if len(data) > cap:  # grew while we looked, or a device/pipe that reports no size
        raise InputError(str(path), _too_big(path, len(data), cap))
    return data


def _too_big(path: Path, size: int, cap: int) -> str:
    return (
        f"{path.name} is {size:,} bytes, over the {cap:,}-byte limit: split it or raise "
        "max_file_bytes in the settings."
    )


def sha256_hex(data: bytes) -> str:
    """Content hash used for RawDoc.sha256 (and by later stages to spot duplicates)."""
    return hashlib.sha256(data).hexdigest()


# --- decoding ---------------------------------------------------------------


def decode_bytes(data: bytes, *, path: str | Path = "input", declared: str | None = None) -> str:
    """Decode report bytes to text, or raise InputError saying what the bytes look like.

    Order: a byte-order mark decides; then UTF-8; then an encoding the file
    declares (HTML); then detection, preferring Windows-1252/Latin-1 on ties.
    """
    where, name = str(path), Path(path).name
    text = _decode_bom(data, where, name)
    if text is None:
        _refuse_binary(data, where, name)
        text = _decode_utf8(data) or _decode_declared(data, declared)
        if text is None:
            _refuse_damaged_utf8(data, where, name)
            text = _detect(data, where, name)
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise InputError(where, _binary(name, "control characters, like a binary file"))
    return text


def _decode_bom(data: bytes, where: str, name: str) -> str | None:
    for bom, encoding, label in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    where,
                    f"{name} starts with a {label} byte-order mark but is not valid {label} at "
                    f"byte {exc.start}: re-save it as UTF-8.",
                ) from exc
    return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _refuse_damaged_utf8(data: bytes, where: str, name: str) -> None:
    """Refuse UTF-8 text with a few bad bytes (a cut download, a bad paste).

    Read as a legacy code page instead, every accented letter and curly quote of
    it would be garbled. In real legacy text, bytes over 127 are lone letters
    between ASCII ones and almost never form a valid UTF-8 sequence, so more
    valid non-ASCII characters than bad bytes means UTF-8 text that was damaged.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")
    if bad <= 0 or good < bad:
        return
    first = 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    more = f", and at {bad - 1:,} more place{'s' if bad > 2 else ''}" if bad > 1 else ""
    raise InputError(
        where,
        f"{name} is not valid UTF-8 at byte {first:,} (0x{data[first]:02X}){more}, though the "
        "rest of it is UTF-8 text: fix or delete those bytes (an editor shows them as \ufffd) "
        "and save it as UTF-8.",
    )


def _binary(name: str, what: str) -> str:
    return f"{name} contains {what}, not a text report: remove it or convert it to text."


def _refuse_binary(data: bytes, where: str, name: str) -> None:
    for magic, what, todo in MAGIC:
        if data.startswith(magic):
            raise InputError(where, f"{name} looks like {what}, not a report: {todo}.")
    if b"\x00" in data[:65536]:
        raise InputError(
            where,
            _binary(name, "NUL bytes (binary data, or UTF-16 text without a byte-order mark)"),
        )


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if declared is None:
        return None
    try:
        return data.decode(codecs.lookup(declared).name)
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(data: bytes, where: str, name: str) -> str:
    """Detect a legacy encoding with charset_normalizer, preferring Western code pages on ties."""
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(
            where, f"{name} could not be decoded as text in any known encoding: save it as UTF-8."
        )
    for match in matches:
        if match.chaos > best.chaos + CHAOS_SLACK:
            continue
        for encoding in PREFERRED_LEGACY:
            if encoding == match.encoding or encoding in match.could_be_from_charset:
                return data.decode(encoding)
    return str(best)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / len(text)


# --- parsing ----------------------------------------------------------------


def _parse(path: Path, fmt: str, data: bytes, settings: Settings) -> Iterator[RawDoc | Skipped]:
    """Dispatch on format; raise InputError for a file that gives nothing."""
    if not data:
        raise InputError(str(path), f"{path.name} is empty (0 bytes): remove it or add the report.")
    if fmt in ("txt", "md"):
        yield plain_doc(path, fmt, data, settings)
    elif fmt == "html":
        yield html_doc(path, data, settings)
    elif fmt == "json":
        yield from _json_docs(path, data, settings)
    else:
        yield from _jsonl_docs(path, data, settings)


def _check_length(text: str, name: str, settings: Settings, where: str) -> None:
    size = len(text.strip())
    if size > settings.max_report_chars:
        # spaCy needs memory and time in proportion to a text's length (about 2 GB and a
        # minute for a million characters on one line): refuse before parsing starts
        raise InputError(
            where,
            f"{name} has {size:,} characters of text, over the {settings.max_report_chars:,}-"
            "character limit for one report: split it into separate reports, or raise "
            "max_report_chars in the settings.",
        )
    if size == 0:
        raise InputError(
            where, f"{name} contains only whitespace: remove it or add the report text."
        )
    if size < settings.min_report_chars:
        raise InputError(
            where,
            f"{name} is too short to be a report ({size} characters, at least "
            f"{settings.min_report_chars} needed): add the full text or remove it.",
        )


def plain_doc(path: Path, fmt: str, data: bytes, settings: Settings) -> RawDoc:
    """A .txt/.md file: the decoded text as is, except line endings, so offsets stay meaningful."""
    text = decode_bytes(data, path=path).replace("\r\n", "\n").replace("\r", "\n")
    _check_length(text, path.name, settings, str(path))
    return RawDoc(
        id=path.stem,
        path=str(path),
        format=fmt,
        text=text,
        source=Source(title=_first_line_title(text)),
        sha256=sha256_hex(data),
    )


def _first_line_title(text: str) -> str | None:
    """The first line with words, if it reads as a headline: short, no closing full stop."""
    for line in text.split("\n"):
        title = line.strip().lstrip("#").rstrip("| ").strip()
        if len(WORD.findall(title)) >= 2:
            paragraph = len(title.split()) > TITLE_MAX_WORDS or title.rstrip("\"'”’)").endswith(".")
            return None if paragraph else title
    return None


def html_doc(path: Path, data: bytes, settings: Settings) -> RawDoc:
    """An HTML page: main text and metadata from trafilatura, headline kept as the first line."""
    match = HTML_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", "replace") if match else None
    html = decode_bytes(data, path=path, declared=declared)
    check_structure(html, path.name, str(path), settings)
    extracted, too_deep = _extract_within_budget(html, path, settings)
    body = (extracted.get("text") or "").strip()
    if not body:
        raise InputError(str(path), _no_main_text(path.name, too_deep))
    lang = HTML_LANG.search(html[:4096])
    source = _source_from(extracted, language=lang.group(1) if lang else None)
    text = _with_headline(source.title, body)
    _check_length(text, path.name, settings, str(path))
    return RawDoc(str(path.stem), str(path), "html", text, source, sha256_hex(data))


def _extract_within_budget(html: str, path: Path, settings: Settings
                           ) -> tuple[dict[str, Any], bool]:
    """``extract_html`` in the extraction worker, stopped past ``settings.extract_seconds``."""
    seconds = settings.extract_seconds
    try:
        return run_with_budget(seconds, extract_html, html)
    except Overtime:
        raise InputError(
            str(path),
            f"{path.name} took more than {seconds:g} s to extract, so its extraction was "
            "stopped and the report skipped (its HTML is built in a way that makes the "
            "extractor slow, such as thousands of tags in one paragraph): save the article "
            "text as .txt, or raise extract_seconds in the settings.",
        ) from None
    except ExtractorGone as exc:
        raise InputError(
            str(path),
            f"{path.name} could not be extracted ({exc}): save the article text as .txt.",
        ) from None


def extract_html(html: str) -> tuple[dict[str, Any], bool]:
    """trafilatura's main text and metadata of a page, and, when it found no text, whether
    the page nests deeper than the HTML parser reads (run in the extraction worker)."""
    found = _trafilatura(html)
    # the trees (body, commentsbody) stay here: only plain values cross to the caller
    extracted = {k: v for k, v in found.items() if isinstance(v, (str, int, float, list))}
    text = extracted.get("text")
    empty = not (isinstance(text, str) and text.strip())
    return extracted, empty and _too_deep(html)


def _no_main_text(name: str, too_deep: bool) -> str:
    if too_deep:
        return (
            f"{name} nests its HTML elements more than {HTML_MAX_DEPTH} deep, past the depth "
            "the HTML parser reads, so its text is lost: save the article text as .txt."
        )
    return (
        f"{name} has no main text that could be extracted (only scripts, styles or "
        "navigation): save the article text as .txt if it is a report."
    )


def _too_deep(html: str) -> bool:
    """Whether libxml2 stopped at its depth limit (and dropped what was below it)."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return False
    return any("Excessive depth" in error.message for error in parser.error_log)


class _NoDiscardNotice(logging.Filter):
    """Drop trafilatura's "discarding data: None" warning for a page without main text.

    The page is skipped with a reason that names it; the warning names nothing.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("discarding data")


@functools.cache
def _quiet_trafilatura() -> None:
    logging.getLogger("trafilatura.core").addFilter(_NoDiscardNotice())


def _trafilatura(html: str) -> dict[str, Any]:
    """Main text (plain, paragraphs on their own lines, no comments) and metadata of a page."""
    import trafilatura

    _quiet_trafilatura()

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    )
    if document is None or isinstance(document, dict):
        return document or {}
    result: dict[str, Any] = document.as_dict()
    return result


def _with_headline(title: str | None, body: str) -> str:
    """Put the headline first unless the body already opens with it: headlines carry claims."""
    if not title or not title.strip():
        return body
    opening = [line for line in body.split("\n") if line.strip()][:HEADLINE_WINDOW]
    if _squash(title) in _squash("\n".join(opening)):
        return body
    return f"{title.strip()}\n\n{body}"


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold().replace("’", "'")


# --- JSON exports -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a JSON record came from: its id, Skipped path and name in messages."""

    id: str
    path: str
    label: str
    format: str


def _json_docs(path: Path, data: bytes, settings: Settings) -> Iterator[RawDoc | Skipped]:
    """A .json file: one object (id = stem) or a list of objects (id = stem-001, ...)."""
    try:
        value = json.loads(decode_bytes(data, path=path))
    except json.JSONDecodeError as exc:
        raise InputError(
            str(path),
            f"{path.name} is not valid JSON ({_json_problem(exc)} at line {exc.lineno}, column "
            f"{exc.colno}): fix it, or name it .jsonl if it holds one object per line.",
        ) from exc
    if isinstance(value, dict):
        yield _record_doc(value, _Where(path.stem, str(path), path.name, "json"), settings)
    elif isinstance(value, list):
        for n, item in enumerate(value, start=1):
            label = f"{path.name} item {n}"
            where = _Where(f"{path.stem}-{n:03d}", f"{path}:{n}", label, "json")
            yield _record_or_skip(item, where, settings)
    else:
        raise InputError(
            str(path),
            f"{path.name} holds a JSON {_json_type(value)}, not an object or a list of "
            "objects: export one article per object.",
        )


def _jsonl_docs(path: Path, data: bytes, settings: Settings) -> Iterator[RawDoc | Skipped]:
    """A .jsonl file: one object per line, id = stem-LINE; a broken line skips only itself."""
    # split on "\n" only: JSON strings may hold U+2028, which str.splitlines() splits on
    for lineno, line in enumerate(decode_bytes(data, path=path).split("\n"), start=1):
        if not line.strip():
            continue
        label = f"{path.name} line {lineno}"
        where = _Where(f"{path.stem}-{lineno:03d}", f"{path}:{lineno}", label, "jsonl")
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(
                where.path,
                f"{label} is not valid JSON ({_json_problem(exc)} at column {exc.colno}): "
                "fix or remove that line.",
            )
            continue
        yield _record_or_skip(value, where, settings)


def _record_or_skip(value: object, where: _Where, settings: Settings) -> RawDoc | Skipped:
    """One record of a multi-record export: a bad one skips only itself."""
    if not isinstance(value, dict):
        return Skipped(where.path, f"{where.label} is a JSON {_json_type(value)}, not an object.")
    try:
        return _record_doc(value, where, settings)
    except InputError as exc:
        return Skipped(exc.path, exc.problem)


def _json_problem(exc: json.JSONDecodeError) -> str:
    """The decoder's message without a trailing "at" ("Unterminated string starting at")."""
    return exc.msg.removesuffix(" at")


def _json_type(value: object) -> str:
    names = {list: "list", dict: "object", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _record_doc(record: dict[str, Any], where: _Where, settings: Settings) -> RawDoc:
    """One exported article: its body field, headline first, metadata from its fields."""
    body = _first_text(record, TEXT_FIELDS)
    if body is None:
        raise InputError(
            where.path,
            f"{where.label} has no article text (looked for {', '.join(TEXT_FIELDS)}): "
            "export the article body in one of those fields.",
        )
    source = _source_from(record)
    text = _with_headline(source.title, body.replace("\r\n", "\n").strip())
    _check_length(text, where.label, settings, where.path)
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if _undecodable(canonical):
        raise InputError(
            where.path,
            f"{where.label} holds an escaped lone surrogate (such as \\ud800), which is not a "
            "character: fix the export, or remove that record.",
        )
    digest = sha256_hex(canonical.encode("utf-8"))
    return RawDoc(where.id, where.path, where.format, text, source, digest)


def _first_text(record: Mapping[str, Any], names: Sequence[str]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _source_from(record: Mapping[str, Any], *, language: str | None = None) -> Source:
    """Metadata from a JSON export or trafilatura's metadata dict."""
    url = _first_text(record, URL_FIELDS)
    date = _first_text(record, DATE_FIELDS)
    return Source(
        url=url if url and "://" in url else None,
        outlet=_first_text(record, OUTLET_FIELDS),
        title=_first_text(record, TITLE_FIELDS),
        published=normalise_date(date) if date else None,
        author=_authors(record),
        language=_first_text(record, LANGUAGE_FIELDS) or language,
    )


def _authors(record: Mapping[str, Any]) -> str | None:
    for name in AUTHOR_FIELDS:
        value = record.get(name)
        if isinstance(value, list):
            names = [v.strip() for v in value if isinstance(v, str) and v.strip()]
            if names:
                return "; ".join(names)
        elif isinstance(value, str) and value.strip():
            return value.strip()
    return None


# --- metadata -----------------------------------------------------------------


def _merge_sources(primary: Source, fallback: Source) -> Source:
    """``primary`` with its empty fields filled from ``fallback``."""
    values = {f.name: getattr(primary, f.name) or getattr(fallback, f.name) for f in fields(Source)}
    return Source(**values)


def _sources_for(folder: Path, run: _Run) -> tuple[dict[str, Source], Skipped | None]:
    """The sources.csv of a folder, read once; a broken one is reported once."""
    key = folder.resolve()
    if key in run.sources:
        return run.sources[key], None
    run.sources[key] = {}
    csv_path = folder / SOURCES_FILE
    if not csv_path.is_file():
        return {}, None
    try:
        run.sources[key] = read_sources(csv_path)
    except InputError as exc:
        return {}, Skipped(exc.path, exc.problem)
    return run.sources[key], None


def read_sources(path: Path) -> dict[str, Source]:
    """Rows of a sources.csv (id,url,outlet,published[,title,author,language]) by report id."""
    try:
        text = decode_bytes(path.read_bytes(), path=path)
    except OSError as exc:
        raise InputError(str(path), f"{path.name} cannot be read ({_os_problem(exc)}).") from exc
    reader = csv.DictReader(text.splitlines())
    if "id" not in (reader.fieldnames or []):
        raise InputError(
            str(path),
            f"{path.name} has no 'id' column: its first line must name the columns "
            "id,url,outlet,published; the reports beside it get no metadata from it.",
        )
    table: dict[str, Source] = {}
    for row in reader:
        doc_id = (row.get("id") or "").strip()
        if doc_id:
            table[doc_id] = _source_row(row)
    return table


def _source_row(row: Mapping[str, str | None]) -> Source:
    values = {name: (row.get(name) or "").strip() or None for name in SOURCES_COLUMNS}
    published = values["published"]
    values["published"] = normalise_date(published) if published else None
    return Source(**values)


ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")
YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def normalise_date(value: str) -> str | None:
    """ISO 8601 at the precision known: "2025", "2025-03", "2025-03-16" (times are dropped).

    Relative or year-less dates ("Sunday") mean nothing as publication metadata,
    so they give None.
    """
    match = ISO_DATE.match(value)
    if match:
        year, month, day = match.groups()
        if not (1 <= int(month or 1) <= 12 and 1 <= int(day or 1) <= 31):
            return None
        return "-".join([year] + [f"{int(p):02d}" for p in (month, day) if p])
    if not YEAR.search(value):
        return None
    return _parse_loose_date(value)


@functools.cache
def _date_parser() -> Any:
    """One dateparser instance: building it loads language data (about 0.3 s)."""
    from dateparser.date import DateDataParser

    return DateDataParser(settings={"RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first"})


def _parse_loose_date(value: str) -> str | None:
    try:
        data = _date_parser().get_date_data(value)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    if data.period == "year":
        return f"{data.date_obj:%Y}"
    if data.period == "month":
        return f"{data.date_obj:%Y-%m}"
    return f"{data.date_obj:%Y-%m-%d}"
