"""A time budget for extracting one HTML report, and the checks that refuse a pathological page first.

Some HTML makes the extractor take time that grows faster than the page: libxml2
compares each attribute of an element with every other one (40,000 attributes on one
element take 14 s to parse, and trafilatura parses a page several times; a million
would take days), trafilatura walks the inline children of one paragraph once per
child (40,000 spans in a paragraph: minutes), and 500,000 paragraphs take about twenty
minutes. Most of that time is spent in C code, which neither a signal nor a thread
can interrupt. So each HTML report goes through two guards:

1. ``check_structure`` counts, with regular expressions (about 1 ms for a 100 KB page),
   the page's elements and the attributes of its longest tags, and refuses a page over
   ``Settings.max_html_elements`` or ``max_html_attributes`` at once, saying what it
   found;
2. ``run_with_budget`` runs the extraction in a worker process, started once and kept
   for every later report (a round trip costs well under a millisecond against the
   tens of milliseconds trafilatura takes). Past ``Settings.extract_seconds`` the worker
   is killed, the report is skipped with a message naming it, and the next report gets
   a new worker. A worker that dies (a crash in C code, memory) skips only its report.

The worker is a fresh Python (``python -m corroborator.ingest.budget``), not a fork:
it inherits no open file, so it never holds the dossier lock, and no thread of this
process. It dies with this process (``PR_SET_PDEATHSIG`` on Linux; elsewhere when its
input pipe closes). Log records of the extraction are sent back and logged here, so
they pass through this process's logging set-up as if the work had run in it.
``extract_seconds = 0`` turns the worker off: extraction runs in this process, with
no budget.
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import re
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

from ..errors import InputError
from ..settings import Settings

__all__ = ["ExtractorGone", "Overtime", "check_structure", "run_with_budget"]

T = TypeVar("T")
HEADER = struct.Struct(">Q")  # the length of one pickled message
READY = b"ready"
STARTUP_SECONDS = 120.0  # a worker's start (Python, trafilatura) on a busy machine
TAG = re.compile(r"<[A-Za-z]")
# a name, then an optional value: one attribute, as libxml2 counts them
ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?""")
TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:_-]*(?:\s|/|$)")
SCRIPT = re.compile(r"<script\b.*?(?:</script\s*>|$)", re.IGNORECASE | re.DOTALL)
LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability", "lxml")
log = logging.getLogger(__name__)


class Overtime(Exception):
    """The extraction did not finish within its budget (the worker was killed)."""


class ExtractorGone(Exception):
    """The worker died while extracting (a crash in C code, memory exhausted)."""


# --- the structure checks ------------------------------------------------------------


def check_structure(html: str, name: str, where: str, settings: Settings) -> None:
    """Raise ``InputError`` for a page whose structure would keep the extractor for minutes."""
    limit = settings.max_html_elements
    # every element opens with "<": count them exactly only when there may be too many
    elements = len(TAG.findall(html)) if limit and html.count("<") > limit else 0
    if elements > limit > 0:
        raise InputError(
            where,
            f"{name} has {elements:,} HTML elements, over the {settings.max_html_elements:,} "
            "one report may have (a news page has a few thousand; the extractor's time grows "
            "faster than their number): save the article text as .txt, or raise "
            "max_html_elements in the settings.",
        )
    most = _most_attributes(html, settings.max_html_attributes)
    if most > settings.max_html_attributes > 0:
        raise InputError(
            where,
            f"{name} has an HTML element with {most:,} or more attributes, over the "
            f"{settings.max_html_attributes:,} one element may have (the HTML parser's time "
            "grows with the square of their number): save the article text as .txt, or raise "
            "max_html_attributes in the settings.",
        )


def _most_attributes(html: str, limit: int) -> int:
    """The attributes of the tag that has most of them, counted up to ``limit + 1``.

    Only tags long enough to hold ``limit`` attributes (two characters each at least)
    are counted, so a normal page costs one ``str.split``; "tags" inside a script
    (``i<n && ...``) are not tags, and are passed over.
    """
    if limit <= 0:
        return 0
    most, scripts = 0, None
    for piece in [p for p in html.split("<") if len(p) >= 2 * limit]:
        tag = piece.split(">", 1)[0]
        if len(tag) < 2 * limit or not TAG_NAME.match(tag):
            continue
        if scripts is None:
            scripts = [m.span() for m in SCRIPT.finditer(html)]
        where = html.find("<" + tag)
        if any(a < where < b for a, b in scripts):
            continue
        count = 0
        for count, _ in enumerate(ATTRIBUTE.finditer(tag)):
            if count > limit:
                break
        most = max(most, count)  # the tag's name is the first match, not an attribute
    return most


# --- the worker ----------------------------------------------------------------------


class _Worker:
    """One worker process, started on first use and replaced when it is killed or dies."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def call(self, seconds: float, fn: Callable[..., T], *args: Any) -> T:
        with self._lock:
            proc = self._running()
            assert proc.stdin is not None and proc.stdout is not None
            level = min(logging.getLogger(n).getEffectiveLevel() for n in LOGGERS)
            try:
                _send(proc.stdin, (fn, args, level))
                status, value, records = _receive(proc.stdout, time.monotonic() + seconds)
            except Overtime:
                self.stop()
                raise
            except (OSError, EOFError, pickle.UnpicklingError) as exc:
                self.stop()
                raise ExtractorGone(_death(proc)) from exc
            except BaseException:  # Ctrl-C mid-report: its answer must not reach the next
                self.stop()
                raise
        for name, levelno, message in records:
            logging.getLogger(name).handle(logging.makeLogRecord(
                {"name": name, "levelno": levelno, "levelname": logging.getLevelName(levelno),
                 "msg": message, "args": None}))
        if status == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def _running(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        self.stop()
        package = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (package, os.environ.get("PYTHONPATH")) if p)
        proc = subprocess.Popen(
            [sys.executable, "-m", "corroborator.ingest.budget", str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path}, close_fds=True,
        )  # fmt: skip
        self._proc = proc
        assert proc.stdout is not None
        try:
            ready = _read_frame(proc.stdout, time.monotonic() + STARTUP_SECONDS)
        except (Overtime, OSError, EOFError) as exc:
            self.stop()
            raise ExtractorGone("the extraction worker did not start") from exc
        if ready != READY:
            self.stop()
            raise ExtractorGone("the extraction worker did not start")
        return proc

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()

    def forget(self) -> None:
        """In a forked child: the worker is the parent's; close our copies of its pipes."""
        proc, self._proc, self._lock = self._proc, None, threading.Lock()
        if proc is None:
            return
        _inherited.append(proc)  # never waited for here, nor warned about as still running
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


def _death(proc: subprocess.Popen[bytes]) -> str:
    code = proc.poll()
    if code is not None and code < 0:
        return f"the extractor was ended by signal {signal.Signals(-code).name}"
    return "the extractor stopped unexpectedly"



_worker = _Worker()
_inherited: list[subprocess.Popen[bytes]] = []  # a parent's workers, in a forked child
atexit.register(_worker.stop)
os.register_at_fork(after_in_child=_worker.forget)


def run_with_budget(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in the worker, killed past ``seconds``; in this process if ``seconds`` <= 0.

    ``fn`` is a module-level function (sent by name) and its arguments and result are
    picklable. Raises ``Overtime`` past the budget, ``ExtractorGone`` if the worker
    died or could not start, and whatever ``fn`` raised.
    """
    if seconds <= 0:
        return fn(*args)
    return _worker.call(seconds, fn, *args)


# --- messages ------------------------------------------------------------------------


def _send(pipe: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(HEADER.pack(len(data)) + data)
    pipe.flush()


def _receive(pipe: IO[bytes], deadline: float) -> tuple[str, Any, list[tuple[str, int, str]]]:
    answer: tuple[str, Any, list[tuple[str, int, str]]] = pickle.loads(
        _read_frame(pipe, deadline))
    return answer


def _read_frame(pipe: IO[bytes], deadline: float) -> bytes:
    (size,) = HEADER.unpack(_read_exactly(pipe.fileno(), HEADER.size, deadline))
    return _read_exactly(pipe.fileno(), size, deadline)


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while size:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise Overtime
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError("the worker closed its pipe")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


# --- the worker's side ---------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the process that started it dies (Linux)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere it ends when its input closes, once the extraction in hand is done
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(0)


def _serve(parent: int) -> None:
    _die_with_parent(parent)
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what the extractor prints goes to stderr, never into the answers
    sys.stdout = sys.stderr
    import trafilatura  # noqa: F401  (imported on first use: warm it before the first report)

    from . import reports  # noqa: F401

    collect = _Collect()
    logging.getLogger().addHandler(collect)
    answers.write(HEADER.pack(len(READY)) + READY)
    answers.flush()
    while True:
        header = requests.read(HEADER.size)
        if len(header) < HEADER.size:
            return  # the parent is done
        (size,) = HEADER.unpack(header)
        fn, args, level = pickle.loads(requests.read(size))
        logging.getLogger().setLevel(level)
        collect.records = []
        try:
            answer = _answer("ok", fn(*args), collect.records)
        except Exception as exc:  # noqa: BLE001  (sent back, and raised there)
            answer = _answer("error", exc, collect.records)
        answers.write(HEADER.pack(len(answer)) + answer)
        answers.flush()


def _answer(status: str, value: object, records: list[tuple[str, int, str]]) -> bytes:
    """The pickled answer; a value that would not come back whole is sent as an error."""
    try:
        data = pickle.dumps((status, value, records), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)  # an exception whose __init__ takes other arguments fails here
    except Exception:  # noqa: BLE001
        data = pickle.dumps(("error", RuntimeError(repr(value)), records))
    return data

if __name__ == "__main__":
    _serve(int(sys.argv[1]))
