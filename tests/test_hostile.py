"""Hostile inputs (issue 5): every kind in ``tests/hostile.py``, in one batch, through the CLI.

The batch (four good reports and every hostile kind, the 50 MB file included)
is written at test time and built once by ``corroborator build`` in a
subprocess, under the C locale, as a user would run it. The tests then check,
per kind, that the input was skipped with a reason naming the file and what to
do (or built, when it is a good report in a hostile form); that every good
report is in the record; that the skipped inputs are listed alike on stderr,
in the ``skipped`` table, in dossier.json and in index.html; and that memory
stayed bounded. Unit tests at the end pin the ingest fixes the corpus led to.
"""

from __future__ import annotations

import html
import json
import logging
import math
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile import (
    GOOD_IDS,
    HUGE_BYTES,
    KINDS,
    ODD_ID,
    Corpus,
    Kind,
    good_report,
    unlock,
    write_corpus,
)

from corroborator.ingest.reports import decode_bytes, iter_reports
from corroborator.models import RawDoc, Skipped
from corroborator.settings import Settings

AS_ROOT = os.geteuid() == 0
# Root reads a file whatever its mode. There the CLI runs with Path.open refusing
# locked.txt exactly as the kernel refuses another user (EACCES); elsewhere chmod 0 does.
CLI = "import sys; from corroborator.cli import cli; sys.exit(cli(sys.argv[1:], 'corroborator'))"
DENY_AS_ROOT = """
import errno, pathlib
_open = pathlib.Path.open
def _denied(self, *args, **kwargs):
    if self.name == "locked.txt":
        raise PermissionError(errno.EACCES, "Permission denied", str(self))
    return _open(self, *args, **kwargs)
pathlib.Path.open = _denied
"""
C_LOCALE = {"LC_ALL": "C", "LANG": "C"}


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_rss: int  # bytes


def run_cli(*args: str | Path, cwd: Path) -> Run:
    """``corroborator ARGS`` in a subprocess; its peak resident memory from wait4."""
    code = (DENY_AS_ROOT if AS_ROOT else "") + CLI
    env = {**os.environ, **C_LOCALE}
    with (cwd / "stdout.txt").open("w+b") as out, (cwd / "stderr.txt").open("w+b") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *map(str, args)], stdout=out, stderr=err, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            out.read().decode("utf-8"),
            err.read().decode("utf-8"),
            usage.ru_maxrss * 1024,
        )


@dataclass(frozen=True)
class Batch:
    corpus: Corpus
    out: Path
    run: Run
    documents: dict[str, dict[str, object]]
    skipped: list[tuple[str, str]]  # the record's skipped table


def printable(path: Path | str) -> str:
    """A path as the record shows it: bytes that are not UTF-8 as escapes."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Batch]:
    base = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(base / "reports")
    out = base / "dossier"
    try:
        run = run_cli("build", corpus.root, "--out", out, cwd=base)  # not -q: the summary is read
    finally:
        unlock(corpus)
    with sqlite3.connect(out / "record.sqlite") as db:
        db.row_factory = sqlite3.Row
        documents = {r["id"]: dict(r) for r in db.execute("SELECT * FROM documents")}
        skipped = [(r["path"], r["reason"]) for r in db.execute("SELECT * FROM skipped")]
    db.close()
    yield Batch(corpus, out, run, documents, skipped)
    for kind in KINDS:  # pytest keeps the last runs' folders: not 55 MB each
        if kind.large:
            for path in corpus.paths(kind.name):
                path.unlink()


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The same batch without its two large files: the memory baseline."""
    base = tmp_path_factory.mktemp("small")
    corpus = write_corpus(base / "reports", large=False)
    try:
        return run_cli("build", corpus.root, "--out", base / "out", "-q", cwd=base)
    finally:
        unlock(corpus)


def entries_for(kind: Kind, batch: Batch) -> list[tuple[str, str]]:
    """The skipped entries of the record that come from the inputs of ``kind``."""
    paths = {printable(p) for p in batch.corpus.paths(kind.name)}
    return [(p, r) for p, r in batch.skipped if p in paths or p.rsplit(":", 1)[0] in paths]


def test_hostile_batch_is_built(batch: Batch) -> None:
    assert batch.run.returncode == 0, batch.run.stderr
    assert "Traceback" not in batch.run.stderr
    assert batch.run.stdout.startswith(f"{len(batch.documents)} reports, ")


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_hostile_kind_is_handled(
    batch: Batch, kind: Kind, record_testsuite_property: Callable[[str, object], None]
) -> None:
    entries = entries_for(kind, batch)
    shown = entries[0][1].replace(f"{batch.corpus.root}/", "") if entries else ""
    record_testsuite_property(f"hostile:{kind.name}", shown)  # for docs/RELIABILITY.md
    if kind.outcome == "skipped":
        assert len(entries) == 1, entries
        path, reason = entries[0]
        name = Path(path.rsplit(":", 1)[0] if kind.name.startswith(("json", "lone")) else path)
        assert reason.startswith(name.name), reason  # it names the file first
        for expected in kind.expect:
            assert expected in reason, reason
    else:
        assert entries == []
    assert set(kind.ids) <= set(batch.documents)


def test_hostile_good_reports_are_all_built(batch: Batch) -> None:
    assert set(GOOD_IDS) <= set(batch.documents)
    for name in GOOD_IDS:
        assert batch.documents[name]["raw_text"] == good_report(name)


def test_hostile_nothing_else_is_skipped(batch: Batch) -> None:
    accounted = [e for k in KINDS for e in entries_for(k, batch)]
    assert sorted(accounted) == sorted(batch.skipped)
    assert len(batch.skipped) == sum(k.outcome == "skipped" for k in KINDS)


def test_hostile_skips_are_listed_in_every_output(batch: Batch) -> None:
    dossier = json.loads((batch.out / "dossier.json").read_text(encoding="utf-8"))
    assert [(s["path"], s["reason"]) for s in dossier["skipped"]] == batch.skipped
    assert dossier["summary"]["skipped"] == len(batch.skipped)
    said = [line for line in batch.run.stderr.splitlines() if line.startswith("skipped: ")]
    assert said == [f"skipped: {p}: {r}" for p, r in batch.skipped]
    page = (batch.out / "index.html").read_text(encoding="utf-8")
    for _, reason in batch.skipped:
        assert html.escape(reason, quote=False) in page or html.escape(reason) in page


def test_hostile_record_is_sound(batch: Batch) -> None:
    with sqlite3.connect(batch.out / "record.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        values = db.execute(
            "SELECT value FROM mentions WHERE typeof(value) = 'real' "
            "UNION ALL SELECT low FROM mentions UNION ALL SELECT high FROM mentions"
        ).fetchall()
    db.close()
    assert all(v is None or isinstance(v, str) or math.isfinite(v) for (v,) in values)

    def refuse(constant: str) -> None:
        raise AssertionError(f"dossier.json holds {constant}, which JSON does not allow")

    json.loads((batch.out / "dossier.json").read_text(encoding="utf-8"), parse_constant=refuse)


@pytest.mark.parametrize(
    ("doc", "text"),
    [
        ("utf16", good_report("coastal-wire", suffix="(UTF-16)\n")),
        ("latin1", good_report("evening-ledger", suffix="Reporting by Jos\u00e9 M\u00fcller.\n")),
    ],
)
def test_hostile_encodings_are_decoded(batch: Batch, doc: str, text: str) -> None:
    assert batch.documents[doc]["raw_text"] == text


def test_hostile_odd_path_is_kept_as_given(batch: Batch) -> None:
    (path,) = batch.corpus.paths("odd-path")
    assert batch.documents[ODD_ID]["path"] == str(path)
    assert str(batch.out / "index.html") in batch.run.stdout  # printed under the C locale


def test_hostile_memory_stays_bounded(
    batch: Batch, small_batch: Run, record_testsuite_property: Callable[[str, object], None]
) -> None:
    """The 50 MB file is never read, and the 5 MB line never reaches the parser.

    Parsing 5 MB would take gigabytes; reading the big file, 50 MB more at least.
    """
    assert small_batch.returncode == 0, small_batch.stderr
    extra = batch.run.peak_rss - small_batch.peak_rss
    record_testsuite_property("hostile_peak_rss_mb", round(batch.run.peak_rss / 1e6))
    record_testsuite_property("hostile_baseline_rss_mb", round(small_batch.peak_rss / 1e6))
    assert extra < HUGE_BYTES / 2, f"{extra / 1e6:.0f} MB more than without the large files"


def test_hostile_unreadable_file_has_its_mode_back(batch: Batch) -> None:
    """The test leaves nothing it cannot delete (and, not as root, chmod 0 was real)."""
    (path,) = batch.corpus.paths("unreadable")
    assert os.access(path, os.R_OK)


# --- the ingest fixes the corpus led to ----------------------------------------


STORY = (
    b"The night train to Varga will run again from 1 May, the rail company said on Monday, "
    b"after a 14-month pause caused by a shortage of sleeper carriages."
)


def read(paths: list[Path], settings: Settings | None = None) -> tuple[list[RawDoc], list[Skipped]]:
    items = list(iter_reports(paths, settings=settings or Settings()))
    return [i for i in items if isinstance(i, RawDoc)], [i for i in items if isinstance(i, Skipped)]


@pytest.mark.issue(5)
def test_hostile_damaged_utf8_is_not_read_as_a_legacy_code_page(tmp_path: Path) -> None:
    """Before: decoded as Mac Icelandic, every curly quote garbled, and no word said."""
    text = "\u201cWe will be back\u201d, said Jos\u00e9 M\u00fcller \u2013 the caf\u00e9 reopens."
    data = text.encode("utf-8")
    path = tmp_path / "cafe.txt"
    at = data.index(b", said")
    path.write_bytes(data[:at] + b"\xff" + data[at:] + b" " + STORY)
    docs, skipped = read([path])
    assert docs == []
    assert skipped[0].reason == (
        f"cafe.txt is not valid UTF-8 at byte {at} (0xFF), though the rest of it is UTF-8 text: "
        "fix or delete those bytes (an editor shows them as \ufffd) and save it as UTF-8."
    )


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    "text",
    [
        "CAFÉ’S TERRACE reopens – Zürich, naïve, façade, été",  # É’ is a valid UTF-8 pair
        "“NAÏVE”, SAID THE MAYOR OF ZÜRICH – 12 CAFÉS REOPEN ON MONDAY",
    ],
)
def test_hostile_legacy_text_still_decodes(text: str) -> None:
    """Windows-1252 text whose letters happen to form a valid UTF-8 pair is still Windows-1252."""
    assert decode_bytes(text.encode("cp1252") + b" " + STORY) == text + " " + STORY.decode()


@pytest.mark.issue(5)
def test_hostile_deep_html_says_why_it_has_no_text(tmp_path: Path) -> None:
    body = f"<article><p>{STORY.decode()}</p></article>"
    page = f"<html><body>{'<div>' * 300}{body}{'</div>' * 300}</body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    (tmp_path / "shallow.html").write_text(page.replace("<div>" * 300, "<div>"), encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["shallow"]
    assert skipped[0].reason.startswith("deep.html nests its HTML elements more than 256 deep")


@pytest.mark.issue(5)
def test_hostile_report_over_max_report_chars(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_bytes(STORY * 3)
    docs, skipped = read([tmp_path], Settings(max_report_chars=len(STORY) * 2))
    assert docs == []
    assert skipped[0].reason == (
        f"long.txt has {len(STORY) * 3 + 0:,} characters of text, over the "
        f"{len(STORY) * 2:,}-character limit for one report: split it into separate "
        "reports, or raise max_report_chars in the settings."
    )


@pytest.mark.issue(5)
def test_hostile_file_name_not_utf8(tmp_path: Path) -> None:
    """Before: the build crashed writing dossier.json ("surrogates not allowed")."""
    name = os.path.join(os.fsencode(tmp_path), b"r\xe9sum\xe9.txt")
    with open(name, "wb") as fh:
        fh.write(STORY)
    docs, skipped = read([tmp_path])
    assert docs == []
    assert skipped == [
        Skipped(
            f"{tmp_path}/r\\xe9sum\\xe9.txt",
            "r\\xe9sum\\xe9.txt has a name (or is in a folder with a name) that is not valid "
            "UTF-8: rename it; convmv -f latin1 -t utf8 renames a folder of them.",
        )
    ]
    json.dumps([skipped[0].path, skipped[0].reason], ensure_ascii=False).encode("utf-8")


@pytest.mark.issue(5)
def test_hostile_json_lone_surrogate(tmp_path: Path) -> None:
    """Before: ingest raised UnicodeEncodeError hashing the record, and the build died."""
    record = json.dumps({"title": "T", "author": "A \\udc80", "text": STORY.decode()})
    (tmp_path / "x.json").write_text(record.replace("\\\\udc80", "\\udc80"), encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert docs == []
    assert skipped[0].reason.startswith("x.json holds an escaped lone surrogate")


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.json", b'{"text": "cut', "(Unterminated string starting at line 1, column 10)"),
        ("b.jsonl", b'{"text": "cut\n', "(Unterminated string starting at column 10)"),
    ],
)
def test_hostile_json_message_reads_well(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(data)
    _, skipped = read([tmp_path / name])
    assert reason in skipped[0].reason


@pytest.mark.issue(5)
def test_hostile_no_nameless_trafilatura_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "s.html").write_text("<html><body><script>x()</script></body></html>")
    with caplog.at_level(logging.WARNING):
        _, skipped = read([tmp_path])
    assert skipped[0].reason.startswith("s.html has no main text")
    assert not [r for r in caplog.records if "discarding data" in r.getMessage()]


# --- file names that talk to the terminal (issue 19, 8) ------------------------------

FORGED = "x\nskipped: forged.txt: nothing wrong here\x1b]0;pwned\x07\x1b[2J\r\u202eevil.txt"


def test_hostile_file_names_reach_the_terminal_escaped(tmp_path: Path) -> None:
    """A file name with newlines and escape sequences is shown escaped: it cannot set the
    terminal's title, clear it, reorder text, or forge a "skipped:" line."""
    demo = Path(__file__).resolve().parents[1] / "demo" / "corpus"
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("001_port-ansel-courier.txt", "003_tesk-radio.txt"):
        (reports / name).write_bytes((demo / name).read_bytes())
    (reports / FORGED).write_text("too short", encoding="utf-8")
    built = run_cli("build", reports, "--out", tmp_path / "d", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / FORGED).write_text("too short again", encoding="utf-8")
    added = run_cli("add", tmp_path / "d", tmp_path / "more" / FORGED, cwd=tmp_path)
    for run in (built, added):
        for char in ("\x1b", "\x07", "\r", "\u202e"):
            assert char not in run.stderr + run.stdout, repr(char)
        lines = run.stderr.splitlines()
        assert not [line for line in lines if "forged.txt" in line
                    and not line.startswith("skipped: ")], lines
        named = [line for line in lines if "forged.txt" in line]
        assert len(named) == 1, lines
        assert "x\\nskipped: forged.txt: nothing wrong here\\x1b]0;pwned\\x07" in named[0]
    with sqlite3.connect(tmp_path / "d" / "record.sqlite") as db:  # the record keeps the name
        paths = {r[0] for r in db.execute("SELECT path FROM skipped")}
    db.close()
    assert str(reports / FORGED) in paths


def test_hostile_file_names_in_an_error_reach_the_terminal_escaped(tmp_path: Path) -> None:
    """The error of a batch with nothing readable names its inputs: escaped too."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / FORGED).write_text("too short", encoding="utf-8")
    failed = run_cli("build", reports, "--out", tmp_path / "d", cwd=tmp_path)
    assert failed.returncode != 0
    for char in ("\x1b", "\x07", "\r", "\u202e"):
        assert char not in failed.stderr, repr(char)
    assert not [line for line in failed.stderr.splitlines() if line.startswith("skipped: ")]
    assert "x\\nskipped: forged.txt" in failed.stderr
    missing = run_cli("add", tmp_path / "d", reports / "gone\x1b[2J.txt", cwd=tmp_path)
    assert missing.returncode != 0 and "\x1b" not in missing.stderr


# --- serve beyond loopback keeps its Host check (issue 19, 9) -------------------------


def _get(url: str, host: str) -> tuple[int, str]:
    """GET ``url`` over a real socket, naming ``host`` in the Host header."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        conn.request("GET", "/index.json", headers={"Host": host})
        answer = conn.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.fixture(scope="module")
def served_record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from records import make_record

    from corroborator.record.store import write_record

    path = tmp_path_factory.mktemp("served") / "record.sqlite"
    write_record(make_record(), path)
    return path


@pytest.fixture(scope="module")
def everywhere_url(served_record: Path) -> Iterator[str]:
    """The policy of ``serve --host 0.0.0.0 --allowed-host dossier.newsroom.lan``, served
    for real by waitress, but listening on loopback only."""
    import threading
    import time

    import waitress.server

    from corroborator.web import make_app
    from corroborator.web.server import allowed_hosts

    app = make_app(served_record, allowed_hosts=allowed_hosts("0.0.0.0", ["dossier.newsroom.lan"]))
    server = waitress.server.create_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}/"
    tasks = server.task_dispatcher
    for _ in range(200):  # a task still finishing would write to the closed trigger
        if not tasks.active_count and not tasks.queue:
            break
        time.sleep(0.01)
    server.close()
    thread.join(timeout=10)


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("dossier.newsroom.lan:8000", 200),  # named with --allowed-host
        ("DOSSIER.newsroom.lan.", 200),  # names compared as DNS compares them
        ("192.0.2.10:8000", 200),  # an address: no DNS rebinding through it
        ("[2001:db8::1]:8000", 200),
        ("127.0.0.1:8000", 200),
        ("localhost", 200),
        ("attacker.example:8000", 400),  # a rebound name
        ("newsroom.lan", 400),
        ("", 400),
    ],
)
def test_hostile_serve_on_all_interfaces_keeps_the_host_check(
    everywhere_url: str, host: str, status: int
) -> None:
    """Before: on a non-loopback address every Host was answered (the check was off)."""
    got, body = _get(everywhere_url, host)
    assert got == status, body
    if status == 400:
        assert "--allowed-host NAME" in body


@pytest.mark.issue(19)
def test_hostile_allowed_hosts_name_this_machine() -> None:
    import socket

    from corroborator.web.server import allowed_hosts, exposure_warning

    everywhere = allowed_hosts("0.0.0.0")
    assert socket.gethostname().lower() in everywhere
    assert "attacker.example" not in everywhere and "10.0.0.7" in everywhere
    on_loopback = allowed_hosts("127.0.0.1", ["extra.lan"])
    assert "10.0.0.7" not in on_loopback and "extra.lan" in on_loopback
    assert "192.168.1.5" in allowed_hosts("192.168.1.5")
    warning = exposure_warning("0.0.0.0", allowed_hosts("0.0.0.0", ["dossier.newsroom.lan"]))
    assert warning is not None
    assert warning.startswith("warning: serving on every network interface of this machine")
    assert "Host check" in warning and "stays on" in warning
    assert "dossier.newsroom.lan" in warning and "--allowed-host NAME" in warning


@pytest.mark.issue(19)
def test_hostile_serve_takes_allowed_hosts_on_the_command_line(
    served_record: Path, tmp_path: Path
) -> None:
    """``--allowed-host`` reaches the warning. The port is held on loopback, so the server
    never listens beyond this machine: the bind fails after the warning."""
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = run_cli("serve", served_record, "--host", "0.0.0.0", "--port", str(port),
                       "--allowed-host", "dossier.newsroom.lan", "--allowed-host", "wire.lan",
                       cwd=tmp_path)  # fmt: skip
    assert done.returncode != 0
    first = done.stderr.splitlines()[0]
    assert first.startswith("warning: serving on every network interface"), done.stderr
    assert "dossier.newsroom.lan" in first and "wire.lan" in first


# --- a damaged record and serve (issue 19, 9) ------------------------------------------


@pytest.mark.issue(19)
@pytest.mark.parametrize("damage", ["garbage", "truncated", "overwritten"])
def test_hostile_serve_of_a_damaged_record_says_so(
    served_record: Path, tmp_path: Path, damage: str
) -> None:
    """``serve`` of a damaged record.sqlite ends with one line naming it, no traceback."""
    data = served_record.read_bytes()
    broken = {
        "garbage": b"not a database at all",
        "truncated": data[: len(data) // 2],
        "overwritten": data[:4096] + b"\xff" * 8192 + data[4096 + 8192 :],
    }[damage]
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "record.sqlite").write_bytes(broken)
    done = run_cli("serve", folder, "--port", "0", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: {folder / 'record.sqlite'}: not a readable "
                                  "corroborator record"), done.stderr


# --- a WARC header line of 30 MB (issue 19, 6) -------------------------------------------


@pytest.mark.issue(19)
def test_hostile_warc_header_line_of_30_mb_is_read_in_linear_time(tmp_path: Path) -> None:
    """The issue found a WARC header line of 30 MB or more read in quadratic time: it is read
    in seconds, and the page of the record built."""
    import time

    from corroborator.ingest.warc import read_warc

    body = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"
            + STORY + b"</p></body></html>")
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            b"WARC-Target-URI: https://gazette.example/ferry\r\nX-Padding: " + b"a" * 30_000_000
            + b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n")  # fmt: skip
    archive = tmp_path / "long-line.warc"
    archive.write_bytes(head + body + b"\r\n\r\n")
    del head
    started = time.monotonic()
    items = list(read_warc(archive))
    took = time.monotonic() - started
    assert [type(i).__name__ for i in items] == ["RawDoc"]
    assert took < 60, f"{took:.0f} s"
