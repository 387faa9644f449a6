"""The exceptions corroborator raises, and what to do about each.

::

    CorroboratorError
    ├── InputError          a report could not be read (named file, reason, what to do)
    │   └── NoReportsError  nothing at all could be read from the inputs given
    ├── StoreError          the SQLite record could not be written or read
    │   ├── NotIncremental  `add` cannot update this record in place (it rebuilds it instead)
    │   └── WriteError      a dossier folder cannot be written: the disk is full, a file size
    │                       limit is reached, the folder is read-only or not ours
    └── ConfigError         a settings file or option is wrong

A bad report is never fatal to a batch: ``ingest`` turns an ``InputError`` into
a ``Skipped`` entry, and the build goes on with the rest.

``write_problem`` reads what the operating system or SQLite said when a write
failed (``OSError`` ENOSPC, EFBIG, EROFS, EACCES; SQLite's "database or disk is
full") as the problem in words and what to do about it, for a ``WriteError``.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import sqlite3
from pathlib import Path
from typing import NamedTuple


class CorroboratorError(Exception):
    """Base class of every error corroborator raises on purpose."""


class InputError(CorroboratorError):
    """A report could not be read."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class NoReportsError(CorroboratorError):
    """None of the inputs gave a readable report."""


class StoreError(CorroboratorError):
    """The SQLite record could not be written or read."""


class ConfigError(CorroboratorError):
    """A setting is missing or has a wrong value."""


class NotIncremental(StoreError):
    """``corroborator add`` cannot add to this record in place: it was built by other code
    or settings, its kept state is missing, or the new reports change what earlier ones
    were cleaned or parsed into. ``add`` then rebuilds the record from all its inputs."""


class WriteError(StoreError):
    """A dossier folder cannot be written (the disk is full, a file size limit is reached,
    the folder or its file system is read-only, or it belongs to another user). The message
    names the folder, the problem, what the dossier holds now and what to do."""


class Problem(NamedTuple):
    """Why a write failed, in words, and what to do about it."""

    what: str  # "the disk is full (No space left on device)"
    todo: str  # "free some space": what to do before running the command again

    def then(self, step: str) -> str:
        """"Free some space, then run the command again." """
        return f"{self.todo[:1].upper()}{self.todo[1:]}, then {step}."


FREE_SPACE = "free some space"
NOT_OURS = "give a folder you may write to (or ask its owner)"
LOW_SPACE_BYTES = 1 << 20  # an I/O error with less free than this is a full disk
# SQLite's primary result codes (extended codes carry them in their low byte)
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 3, 8, 10, 13, 14


def write_problem(exc: BaseException, folder: Path) -> Problem | None:
    """What went wrong writing into ``folder``, if ``exc`` (or an exception it was raised
    from) is a failed write: the disk full, a file size limit, a read-only file system, no
    permission. None for any other error (a bug, a bad input: those keep their message)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        found = _os_problem(e, folder) if isinstance(e, OSError) else (
            _sqlite_problem(e, folder) if isinstance(e, sqlite3.Error) else None)
        if found is not None:
            return found
        todo += [e.__context__, e.__cause__]
    return None


def _os_problem(exc: OSError, folder: Path) -> Problem | None:
    if exc.filename is not None and not _inside(Path(os.fsdecode(exc.filename)), folder):
        return None  # about another file (an input): not a write into the dossier
    said = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Problem(f"the disk is full ({said})", FREE_SPACE)
    if exc.errno == errno.EFBIG:
        return _size_limit(said)
    if exc.errno == errno.EROFS:
        return Problem(f"its file system is read-only ({said})", NOT_OURS)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Problem(f"this user may not write there ({said})", NOT_OURS)
    return None


def _sqlite_problem(exc: sqlite3.Error, folder: Path) -> Problem | None:
    code = getattr(exc, "sqlite_errorcode", None)
    said = str(exc)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == SQLITE_FULL or "database or disk is full" in said:
        return Problem(f"the disk is full ({said})", FREE_SPACE)
    if primary == SQLITE_IOERR or "disk I/O error" in said:
        # SQLite says "disk I/O error" of a write refused for its size or for space
        if resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY:
            return _size_limit(said)
        if _free_bytes(folder) < LOW_SPACE_BYTES:
            return Problem(f"the disk is full ({said})", FREE_SPACE)
        return Problem(f"a write to the disk failed ({said})", "check the disk")
    if primary in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM) or "readonly" in said:
        if _read_only_fs(folder):
            return Problem(f"its file system is read-only ({said})", NOT_OURS)
        return Problem(f"this user may not write there ({said})", NOT_OURS)
    return None


def _size_limit(said: str) -> Problem:
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    size = f" of {limit:,} bytes" if limit != resource.RLIM_INFINITY else ""
    return Problem(f"a file reached the size limit for files{size} ({said})",
                   "raise the limit (ulimit -f) or write elsewhere")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.absolute().relative_to(folder.absolute())
    except ValueError:
        return False
    return True


def _free_bytes(folder: Path) -> int:
    for place in (folder, *folder.absolute().parents):
        try:
            return shutil.disk_usage(place).free
        except OSError:
            continue
    return LOW_SPACE_BYTES


def _read_only_fs(folder: Path) -> bool:
    for place in (folder, *folder.absolute().parents):
        try:
            return bool(os.statvfs(place).f_flag & os.ST_RDONLY)
        except OSError:
            continue
    return False
