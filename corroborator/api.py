"""The Python API: a dossier folder as an object, ``corroborator.Dossier``.

::

    dossier = Dossier("dossier/")
    dossier.build(["reports/"])          # record.sqlite, dossier.json, index.html, inputs.json
    dossier.add(["late-edition.txt"])    # in place when it can be, else rebuilt from all inputs
    dossier.export("full/")              # dossier.json and index.html of a record of any size
    dossier.record()                     # the Record in record.sqlite
    dossier.watch("incoming/")           # add each report that lands there, until stopped

Every write holds the dossier lock (``record.lock.dossier_lock``): one writer at a time per
folder, so two ``add`` calls, in this process or in others, both land. ``inputs.json``
says what the dossier was built from, so that ``add`` can rebuild the record whole when it
cannot add in place, and ``add(regroup=True)`` can group every report afresh.

What may be lost if a command stops half-way, it never loses: ``inputs.json`` is written
before the record, so killed between the two it lists more than the record holds (a
rebuild reads them again), never less; a call that fails before the record is written puts
the old ``inputs.json`` back. A folder that cannot be written (the disk full, a file size
limit, a read-only folder or file system) raises ``WriteError``, naming the folder, the
problem and what the dossier holds now, not a traceback.

The command line (``cli.py``) is a shell over this: it parses arguments, shows progress,
and prints what each call returns (an ``Update``).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import (
    NOT_OURS,
    CorroboratorError,
    InputError,
    NotIncremental,
    Problem,
    StoreError,
    WriteError,
    write_problem,
)
from .models import Event, Record, Skipped
from .record.lock import LOCK_TIMEOUT, dossier_lock, terminal_text
from .settings import Settings

if TYPE_CHECKING:
    from .incremental import Added

__all__ = ["INPUTS_FILE", "Dossier", "Inputs", "Progress", "Update"]

INPUTS_FILE = "inputs.json"  # what a dossier was built from, for `add`
RECORD = "record.sqlite"
CACHE = "cache"
Progress = Callable[[int, int], None]  # reports analysed, of how many (as pipeline.Progress)
log = logging.getLogger("corroborator")


@dataclass
class Inputs:
    """What a dossier was built from, as ``inputs.json`` keeps it: the report paths as given
    from ``cwd`` (absolute once added to), the URLs, the settings file and the story's name.
    ``record_cwd`` is where the record's own relative paths are from; ``settings_values``
    are settings given as a ``Settings`` object rather than a file (only those not default)."""

    cwd: str
    paths: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    settings: str | None = None
    story: str | None = None
    record_cwd: str | None = None
    settings_values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Inputs:
        """The inputs of the dossier in ``folder``; ``StoreError`` if it has none."""
        try:
            data = json.loads((folder / INPUTS_FILE).read_text(encoding="utf-8"))
            known = {f.name for f in fields(cls)}
            return cls(**{k: v for k, v in data.items() if k in known})
        except (OSError, ValueError, TypeError) as exc:
            raise StoreError(f"{folder} has no readable {INPUTS_FILE} ({exc}): build it with "
                             "`corroborator build ... --out` first.") from exc

    def to_json(self) -> str:
        data = asdict(self)
        if not data["settings_values"]:  # the file as the command line has always written it
            del data["settings_values"]
        if data["record_cwd"] is None:
            del data["record_cwd"]
        return json.dumps(data, indent=1)

    def load_settings(self) -> Settings:
        return Settings.load(self.settings, **self.settings_values)

    def paths_from_here(self) -> list[Path]:
        """The paths as given, read from the working folder (relative ones joined to
        ``cwd`` when that is elsewhere)."""
        base = Path(self.cwd or Path.cwd())
        paths = [Path(p) for p in self.paths]
        return paths if base == Path.cwd() else [base / p for p in paths]

    def joined(self, paths: Sequence[str], urls: Sequence[str]) -> Inputs:
        """These inputs and the new ones (``paths`` absolute), each once."""
        base = Path(self.cwd or Path.cwd())
        known = [str((base / p).resolve()) for p in self.paths]
        return Inputs(str(Path.cwd()), list(dict.fromkeys([*known, *paths])),
                      list(dict.fromkeys([*self.urls, *urls])), self.settings, self.story,
                      self.record_cwd, dict(self.settings_values))


@dataclass(frozen=True)
class Update:
    """What a build or an addition did to a dossier."""

    counts: dict[str, int]  # the record's reports, events, facts, conflicts and skipped
    skipped: tuple[Skipped, ...]  # the inputs of this call that could not be read
    rebuilt: bool  # the record was built whole (else reports were added to it in place)
    pages: bool  # dossier.json and index.html were written (up to page_max_reports reports)
    added: tuple[str, ...] = ()  # in place: the ids of the reports added
    events: tuple[str, ...] = ()  # in place: the ids of the events they joined or started
    already: tuple[str, ...] = ()  # in place: inputs given that the record holds already
    all_held: tuple[str, ...] = ()  # in place: URLs given (feeds) whose every readable
    #                                 report the record holds already


class Dossier:
    """A dossier folder: ``record.sqlite``, its pages, ``inputs.json`` and the caches.

    ``waiting`` is told (once) when another process holds the folder's lock; a call waits
    up to ``lock_timeout`` seconds for it, then raises ``StoreError``."""

    def __init__(self, path: str | Path, *, waiting: Callable[[str], None] | None = None,
                 lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.waiting = waiting
        self.lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"Dossier({str(self.path)!r})"

    def lock(self) -> AbstractContextManager[None]:
        """Hold the folder's lock (the one writer); re-entrant within a process."""
        return dossier_lock(self.path, timeout=self.lock_timeout, waiting=self.waiting)

    def inputs(self) -> Inputs:
        """What the dossier was built from (``inputs.json``)."""
        return Inputs.read(self.path)

    def record(self) -> Record:
        """The record in ``record.sqlite``; ``StoreError`` if there is none or it is damaged."""
        from .record.store import read_record

        return read_record(self.path / RECORD)

    def build(self, inputs: str | Path | Iterable[str | Path] = (), *,
              urls: Iterable[str] = (), settings: str | Path | Settings | None = None,
              story: str | None = None, engine: str = "local", scheduler: str | None = None,
              progress: Progress | None = None) -> Update:
        """Build the record of ``inputs`` (report files, folders, feed and WARC files, page
        and feed URLs, in any mix) and ``urls`` into this folder, replacing what it held.

        ``settings``: a ``Settings`` or an INI file of them (kept for later additions).
        ``story`` names the story (default: the folder's name when one folder is given).
        ``engine="dask"`` analyses on a Dask cluster (``scheduler``: its address).
        Raises ``NoReportsError`` when nothing could be read, ``WriteError`` when the
        folder cannot be written (the record there, if any, is then kept)."""
        from .ingest.fetch import is_url
        from .pipeline import one_or_many  # the stages load on first use
        given = one_or_many(inputs, "give the inputs")
        paths = [str(Path(p)) for p in given if not is_url(p)]
        links = list(dict.fromkeys([*(str(p) for p in given if is_url(p)), *urls]))
        if not paths and not links:
            raise InputError(str(self.path), "nothing to build: give reports (files, folders "
                             "or URLs)")
        file, values = _settings_given(settings)
        if story is None and len(given) == 1 and not is_url(given[0]) and Path(given[0]).is_dir():
            story = Path(given[0]).resolve().name
        kept = Inputs(str(Path.cwd()), paths, links, file, story, settings_values=values)
        with self._writing("build") as attempt:
            return self._rebuild(kept, attempt, engine=engine, scheduler=scheduler,
                                 progress=progress)

    def add(self, inputs: str | Path | Iterable[str | Path] = (), *, urls: Iterable[str] = (),
            regroup: bool = False, progress: Progress | None = None) -> Update:
        """Add ``inputs`` and ``urls`` (as ``build`` takes them) to the record, and to
        ``inputs.json``.

        Only new reports are parsed and only the facts they touch worked out again; the
        record's events keep their reports and ids. When that cannot be done exactly as a
        build would (the record was built by other code or settings, ...), the record is
        rebuilt from all its inputs, keeping its events. ``regroup=True`` rebuilds it with
        every report grouped into events afresh (with no ``inputs``: the record's own).
        A report the record holds already is not added again (``Update.already``).
        Raises ``InputError`` for a path that does not exist, ``StoreError`` when the
        folder holds no dossier, ``WriteError`` when it cannot be written (nothing is
        then added)."""
        from .ingest.fetch import is_url
        from .pipeline import one_or_many  # the stages load on first use
        given = one_or_many(inputs, "give the inputs")
        links = list(dict.fromkeys([*(str(i) for i in given if is_url(i)), *urls]))
        paths = [str(Path(i).resolve()) for i in given if not is_url(i)]
        for p in paths:
            if not Path(p).exists():
                raise InputError(p, "no such file or folder")
        with self._writing("add") as attempt:
            kept = self.inputs()
            held = self._held(kept)
            inputs_now = kept.joined(paths, links)
            # inputs.json before the record: killed between the two, it lists more reports
            # than the record holds, never fewer
            self._write_inputs(inputs_now)
            if not regroup:
                update = self._add_in_place(inputs_now, paths, links, held, attempt, progress)
                if update is not None:
                    return update
            events = () if regroup else self._known_events()
            return self._rebuild(inputs_now, attempt, known_events=events, progress=progress)

    def export(self, target: str | Path | None = None) -> tuple[Path, Path]:
        """Write ``dossier.json`` and ``index.html`` of the record, of any size, into
        ``target`` (default: this folder); returns their paths."""
        from .record.outputs import write_pages

        out = Path(target) if target is not None else self.path
        with _write_errors(out, "Nothing in the dossier was changed"):
            out.mkdir(parents=True, exist_ok=True)
            with self.lock():
                write_pages(out, self.record(), Settings(), force=True)
        return out / "dossier.json", out / "index.html"

    def watch(self, folder: str | Path, *, interval: float = 2.0,
              added: Callable[[Update], None] | None = None,
              failed: Callable[[CorroboratorError], None] | None = None,
              ready: Callable[[], None] | None = None,
              stop: Callable[[], bool] = lambda: False) -> None:
        """Add each report that arrives in ``folder`` (``watch.watch``) until ``stop()`` is
        true or KeyboardInterrupt (an addition under way is then rolled back whole).

        The models are loaded first (then ``ready()`` is called), so a report costs its
        own analysis. Reports in ``folder`` the dossier does not hold are added at the
        start. ``added`` is given each batch's ``Update``; ``failed`` each batch's error
        (default: logged), and the watch goes on."""
        from .ingest.fetch import is_url
        from .watch import watch

        inputs = self.inputs()
        held = [Path(p) for p in self._held(inputs, strict=True) if not is_url(p)]
        _warm_up(inputs.load_settings())
        if ready is not None:
            ready()

        def add_batch(paths: list[Path]) -> None:
            try:
                update = self.add(paths)
            except CorroboratorError as exc:
                if failed is None:
                    log.error("%s", terminal_text(exc))
                else:
                    failed(exc)
                return
            if added is not None:
                added(update)

        watch(Path(folder), add_batch, interval=interval, held=held, stop=stop)

    # --- the steps ------------------------------------------------------------------

    def _rebuild(self, inputs: Inputs, attempt: _Attempt, *, known_events: Sequence[Event] = (),
                 engine: str = "local", scheduler: str | None = None,
                 progress: Progress | None = None) -> Update:
        from .pipeline import build_indexed
        from .record.outputs import write_built

        settings = inputs.load_settings()
        record, index = build_indexed(inputs.paths_from_here(), settings, progress=progress,
                                      story=inputs.story, urls=inputs.urls,
                                      cache_dir=self.path / CACHE, engine=engine,
                                      scheduler=scheduler, known_events=known_events)
        inputs.record_cwd = str(Path.cwd())  # what the record's relative paths are from
        self._write_inputs(inputs)  # first: killed before the record, it lists more, not less
        write_built(self.path, record, index, settings)
        attempt.recorded = True
        counts = {"reports": len(record.documents), "events": len(record.events),
                  "facts": len(record.facts),
                  "conflicts": sum(f.status == "conflict" for f in record.facts),
                  "skipped": len(record.skipped)}
        return Update(counts, tuple(record.skipped), rebuilt=True,
                      pages=len(record.documents) <= settings.page_max_reports)

    def _add_in_place(self, inputs: Inputs, paths: list[str], urls: list[str],
                      held: Sequence[str], attempt: _Attempt,
                      progress: Progress | None) -> Update | None:
        """Add to the record in place (``incremental``); None when it cannot be done so
        (the reason is logged) and the record must be rebuilt."""
        from .incremental import add_reports
        from .record.outputs import refresh_pages
        from .record.store import read_summary

        settings = inputs.load_settings()
        try:
            added = add_reports(self.path, paths, settings, urls=urls, progress=progress)
        except NotIncremental as exc:
            log.warning("rebuilding the record: %s", exc)
            return None
        attempt.recorded = True  # committed: its last step
        refresh_pages(self.path, settings)
        counts, _ = read_summary(self.path / RECORD)
        return Update(counts, tuple(added.skipped), rebuilt=False,
                      pages=counts["reports"] <= settings.page_max_reports,
                      added=tuple(added.reports), events=tuple(added.events),
                      **_given_again(held, paths, urls, added))

    def _held(self, inputs: Inputs, *, strict: bool = False) -> list[str]:
        """The inputs the record holds (its reports and skipped inputs), as absolute paths
        (URLs as they are); none when there is no record to read, unless ``strict``."""
        from .ingest.fetch import is_url
        from .record.store import read_paths

        base = Path(inputs.record_cwd or inputs.cwd or Path.cwd())
        try:
            return [p if is_url(p) else str((base / p).resolve())
                    for p in read_paths(self.path / RECORD)]
        except CorroboratorError:
            if strict:
                raise
            return []

    def _known_events(self) -> tuple[Event, ...]:
        """The record's events (none if it cannot be read: every report is then grouped
        afresh)."""
        from .record.store import read_events

        try:
            return read_events(self.path / RECORD)
        except CorroboratorError:
            return ()

    def _write_inputs(self, inputs: Inputs) -> None:
        from .record.dossier import write_atomic

        write_atomic(self.path / INPUTS_FILE, inputs.to_json())

    @contextmanager
    def _writing(self, doing: str) -> Iterator[_Attempt]:
        """Hold the lock for a build or an addition; if it fails before the record was
        written, put inputs.json back; a failed write becomes a ``WriteError``."""
        attempt = _Attempt()
        try:
            with self.lock():
                attempt.begin(self.path)
                try:
                    _probe(self.path)  # a folder that cannot be written is told now, not
                    #                    after the analysis
                    yield attempt
                except BaseException:
                    attempt.undo(self.path)
                    raise
        except (OSError, sqlite3.Error, StoreError) as exc:
            if isinstance(exc, WriteError):
                raise
            problem = write_problem(exc, self.path)
            if problem is None:
                raise
            raise WriteError(f"{terminal_text(self.path)}: corroborator cannot write a dossier "
                             f"here: {problem.what}. {attempt.told(doing, self.path, problem)}"
                             ) from exc


@dataclass
class _Attempt:
    """A build or an addition under way: what to put back if it fails."""

    inputs: str | None = None  # inputs.json as it was
    record: tuple[int, int] | None = None  # the record file's identity before (a rebuild
    #                                        replaces it by a new file: a new inode)
    recorded: bool = False  # the record was written (committed or replaced)

    def begin(self, folder: Path) -> None:
        try:
            self.inputs = (folder / INPUTS_FILE).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.inputs = None
        self.record = _identity(folder / RECORD)

    def undo(self, folder: Path) -> None:
        """Put inputs.json back, unless the record was written (then it must list its
        reports). Best effort: on a full disk it may fail, leaving the newer inputs.json,
        which lists more reports than the record holds, never fewer."""
        from .record.dossier import write_atomic

        self.recorded = self.recorded or _identity(folder / RECORD) != self.record
        if self.recorded:
            return
        try:
            if self.inputs is None:
                (folder / INPUTS_FILE).unlink(missing_ok=True)
            else:
                write_atomic(folder / INPUTS_FILE, self.inputs)
        except OSError:
            pass

    def told(self, doing: str, folder: Path, problem: Problem) -> str:
        """What the dossier holds after a failed ``doing`` and what to do, for the message."""
        if self.recorded:
            return ("The record was written, but not its pages (index.html, dossier.json). "
                    + problem.then(f"run `corroborator export {terminal_text(folder)}`"))
        kept = ("Nothing was added: the record is as it was." if doing == "add"
                else "The record there, if any, is as it was.")
        return f"{kept} {problem.then('run the command again')}"


def _probe(folder: Path) -> None:
    """OSError if no file can be made in ``folder`` (read-only, not ours). The file made
    has no name (O_TMPFILE), so it is gone when closed, or when this process is killed."""
    unnamed = getattr(os, "O_TMPFILE", None)
    if unnamed is None:
        return  # not Linux: the writes themselves will tell
    try:
        fd = os.open(folder, unnamed | os.O_WRONLY, 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return  # a file system without unnamed files: the writes will tell
        raise
    os.close(fd)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_dev


@contextmanager
def _write_errors(folder: Path, kept: str) -> Iterator[None]:
    """A failed write into ``folder`` as a ``WriteError`` (``kept``: what is as it was).
    Only writes happen here, so any OSError is one (``folder`` cannot be made, ...)."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        problem = write_problem(exc, folder)
        if problem is None and isinstance(exc, OSError):
            problem = Problem(exc.strerror or str(exc), NOT_OURS)
        if problem is None:
            raise
        raise WriteError(f"{terminal_text(folder)}: corroborator cannot write here: "
                         f"{problem.what}. {kept}. {problem.then('run the command again')}"
                         ) from exc


def _given_again(held: Sequence[str], paths: Sequence[str], urls: Sequence[str],
                 added: Added) -> dict[str, tuple[str, ...]]:
    """The inputs of ``held`` that the given ones name (a report, a URL, or a folder
    holding it), left out because the record holds them already; and, when nothing was
    added, the URLs (feeds) whose every readable report it holds."""
    given = [*paths, *urls]
    skipped = {s.path for s in added.skipped}
    folders = tuple(g.rstrip(os.sep) + os.sep for g in given if Path(g).is_dir())
    names = set(given)
    again = [h for h in held if h not in skipped
             and (h in names or h.split(":", 1)[0] in names or h.startswith(folders))]
    all_held = [] if added.reports else [u for u in urls if u not in again]
    return {"already": tuple(again), "all_held": tuple(all_held)}


def _settings_given(settings: str | Path | Settings | None) -> tuple[str | None, dict[str, Any]]:
    """The settings file (absolute) to keep in inputs.json, or the values of a Settings
    that are not the default."""
    if isinstance(settings, Settings):
        default = Settings()
        return None, {f.name: getattr(settings, f.name) for f in fields(Settings)
                      if getattr(settings, f.name) != getattr(default, f.name)}
    if settings is None:
        return None, {}
    Settings.load(settings)  # a missing or bad file is told now, not after the analysis
    return str(Path(settings).resolve()), {}


def _warm_up(settings: Settings) -> None:
    """Load the NLP pipeline and the embedding model now, not at the first report."""
    from .nlp import embed, make_nlp

    make_nlp(settings.spacy_model)
    embed.load()
