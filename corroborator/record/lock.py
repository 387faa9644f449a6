"""One writer at a time per dossier folder: an advisory lock on ``DIR/.lock``.

``corroborator add`` reads ``inputs.json``, adds to it, rebuilds and writes the
record. Two of them at once on one dossier would each read the inputs before
the other wrote them, and the second to finish would drop the first one's
reports (a lost update). So each command holds ``dossier_lock(DIR)`` from
reading the inputs to writing the last file; a second command waits for it,
then reads the inputs the first one left. Both additions land, in either order.

* ``fcntl.flock`` on ``DIR/.lock``: the kernel drops the lock when its holder
  exits, however it exits (SIGKILL included), so a crash never leaves a
  dossier locked and there is no stale lock file to clean up by hand;
* waiting is polled, up to ``timeout`` seconds, and ``waiting`` is told once
  (the CLI prints it) which process holds the lock;
* re-entrant within a process: ``add`` holds the lock and calls the build,
  which takes it again;
* the holder is the only writer, so the journal a killed writer left beside the record
  or its kept state is rolled back on taking it (``settle_journals``), and temporary files that a killed writer left
  beside the outputs (``.record.sqlite.k3j2x_9q.tmp``) or in the caches under
  ``DIR/cache`` (``tmpk3j2x_9q.tmp``) are removed on taking it.

Advisory only: readers (``corroborator serve``) never take it, since every
output file is replaced atomically and a reader sees the old or the new one.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import NOT_OURS, Problem, StoreError, WriteError, write_problem

__all__ = ["LOCK_FILE", "LOCK_TIMEOUT", "dossier_lock", "remove_stale_temp_files",
           "settle_journals", "terminal_text"]

LOCK_FILE = ".lock"
LOCK_TIMEOUT = 600.0  # seconds to wait for another command on the same dossier
POLL_SECONDS = 0.05
# The temporary files of the dossier's outputs: tempfile.mkstemp(prefix=".NAME.",
# suffix=".tmp") adds 8 random characters; SQLite adds "-journal" beside a database.
OUTPUTS = ("dossier.json", "record.sqlite", "index.html", "inputs.json")
STALE_TEMP = re.compile(
    rf"^\.(?:{'|'.join(map(re.escape, OUTPUTS))})\.[a-z0-9_]{{8}}\.tmp(?:-journal)?$"
)
RECORD = "record.sqlite"
STATE = "state.sqlite"  # under CACHE_DIR: what `add` keeps (corroborator.record.state.FILE)
CACHE_DIR = "cache"  # corroborator's own: fetched pages, per-report analyses
STALE_CACHE_TEMP = re.compile(r"^(?:tmp|\..+\.)[a-z0-9_]{8}\.tmp$")

_held: dict[Path, int] = {}  # folders this process holds the lock of -> nesting depth


@contextmanager
def dossier_lock(
    folder: str | Path,
    *,
    timeout: float = LOCK_TIMEOUT,
    waiting: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the dossier lock of ``folder`` (created if missing) for the ``with`` block.

    Raises ``StoreError`` if another process holds it for more than ``timeout`` seconds,
    ``WriteError`` if the folder cannot be made or written (read-only, not ours).
    """
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    key = path.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    try:
        fd = os.open(key / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    try:
        _acquire(fd, key, timeout, waiting)
        _held[key] = 1
        try:
            _write_pid(fd)
            remove_stale_temp_files(key)
            settle_journals(key)
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# Characters a terminal acts on instead of showing: C0 controls (newline included: a file
# name with one could forge a "skipped:" line), DEL, C1 controls, and the bidirectional
# overrides and isolates that reorder what follows them.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: object) -> str:
    """``text`` safe to print on a terminal: what it would act on (escape sequences,
    newlines, carriage returns, bidi overrides) shown as escapes (``\\x1b``, ``\\n``)."""
    return _UNSHOWABLE.sub(_escaped, str(text))


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unwritable(folder: Path, exc: OSError) -> WriteError:
    """A folder corroborator may not write a dossier in (read-only, not ours, full)."""
    problem = write_problem(exc, folder) or Problem(exc.strerror or str(exc), NOT_OURS)
    return WriteError(f"{terminal_text(folder)}: corroborator cannot write a dossier here: "
                      f"{problem.what}. Nothing was written. "
                      f"{problem.then('run the command again')}")


def _acquire(fd: int, folder: Path, timeout: float, waiting: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(fd)
        if time.monotonic() >= deadline:
            raise StoreError(
                f"{terminal_text(folder)} is being written by another corroborator "
                f"command{holder}, still "
                f"after {timeout:g} s: wait for it to finish and run this again."
            )
        if waiting is not None and not told:
            waiting(f"waiting for another corroborator command{holder} to finish with "
                    f"{terminal_text(folder)}")
            told = True
        time.sleep(POLL_SECONDS)


def _holder(fd: int) -> str:
    """The holder named in the lock file, as " (process 1234)", or ""."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def _write_pid(fd: int) -> None:
    """Name the holder in the lock file, for the message of a command that waits."""
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)


def settle_journals(folder: Path) -> None:
    """Roll back the journals a killed writer left beside the record and its kept state, as
    SQLite would on their next read-write open; call it holding the lock. (Read-only opens,
    ``serve``'s, cannot roll back; a build that replaced the record would otherwise leave
    the old journal beside the new file, to be "rolled back" into it.)"""
    from .store import settle

    for database in (folder / RECORD, folder / CACHE_DIR / STATE):
        settle(database)


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files of writes that never finished; call it holding the lock."""
    found = [Path(e.path) for e in os.scandir(folder)
             if e.is_file(follow_symlinks=False) and STALE_TEMP.match(e.name)]  # fmt: skip
    for parent, _, files in os.walk(folder / CACHE_DIR):
        found += [Path(parent, name) for name in files if STALE_CACHE_TEMP.match(name)]
    removed = []
    for path in found:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed
