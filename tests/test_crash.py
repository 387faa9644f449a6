"""Crash safety (issue 5): ``corroborator build`` and ``add`` killed with SIGKILL, then rerun.

Each command runs in a child process, killed at a seeded random moment, once
or a few times in a row (a chain); then the command is run again to the end.
After every kill, each output is checked to be whole: ``record.sqlite`` passes
``PRAGMA integrity_check`` and holds, row for row, either the record from before
the command or the record the command was writing, never a mix; dossier.json,
index.html and inputs.json are each the old or the new file. (The files are
replaced one after the other, so until the rerun some may be old and some new.)
After every rerun, all four equal the outputs of an uninterrupted run of the
real ``corroborator`` executable, the record compared by the rows of its tables
(``meta.created`` and ``meta.state`` aside), no table has a duplicate row, and no temporary file
is left.

So that many kill points fit in CI, the children are forked from a *zygote*:
a Python process that loaded the spaCy model once. A child runs the CLI as the
``corroborator`` script does (``cli.main``), so a run costs its pipeline (about
a second), not the 2.5 s of loading the model again. The references come from
the real executable, which also checks that the zygote's runs are the same.

Kill points: a third are uniform over a whole run; two thirds are uniform over
its write phase (from the first output write to the exit), measured in a
calibration run, since that is where a crash can tear a file. Set
``CRASH_SEED``, ``CRASH_BUILD_KILLS`` and ``CRASH_ADD_KILLS`` to vary them.
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from corroborator.record.lock import STALE_CACHE_TEMP, STALE_TEMP
from corroborator.record.store import SCHEMA, settle

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
BUILD_REPORTS = [DEMO / n for n in ("001_port-ansel-courier.txt", "003_tesk-radio.txt",
                                    "005_kelda-islander.txt")]  # fmt: skip
BASE_REPORTS = BUILD_REPORTS[:2]  # the dossier that `add` adds to
ADDED_REPORT = BUILD_REPORTS[2]
OUTPUTS = ("dossier.json", "index.html", "inputs.json", "record.sqlite")

SEED = int(os.environ.get("CRASH_SEED", "20250505"))
BUILD_KILLS = int(os.environ.get("CRASH_BUILD_KILLS", "24"))
ADD_KILLS = int(os.environ.get("CRASH_ADD_KILLS", "16"))
MAX_CHAIN = 4  # kills in a row before the rerun that must complete
POLL_SECONDS = 0.002  # how often the folder is looked at for the first output write
WRITE_PHASE_SHARE = 2 / 3
REPLY_TIMEOUT = 300.0  # seconds; a run that takes longer has hung

# The zygote: loads the model and the lazily imported modules, then forks one
# child per command line it reads ({"args", "cwd", "log"}) and reports {"pid"}
# at once, then {"status"} when the child ends.
ZYGOTE = r"""
import json, os, sys, traceback
import corroborator.ingest.feeds, corroborator.ingest.fetch, corroborator.nlp.embed
import corroborator.record.dossier
import corroborator.ingest.language, corroborator.record.lock, corroborator.pipeline, corroborator.report
import corroborator.record.store, corroborator.ingest.warc, charset_normalizer, onnxruntime, trafilatura
from corroborator.ingest import reports as ingest
from corroborator.cli import cli
from corroborator.nlp import make_nlp
from corroborator.settings import Settings

make_nlp(Settings().spacy_model)
ingest._date_parser()
reply = os.fdopen(os.dup(1), "w", buffering=1)
devnull = os.open(os.devnull, os.O_RDWR)
os.dup2(devnull, 1)


def child(cmd):
    os.chdir(cmd["cwd"])
    log = os.open(cmd["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(devnull, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    try:
        cli.main(cmd["args"], prog_name="corroborator")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except BaseException:
        traceback.print_exc()
        code = 70
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


print(json.dumps({"ready": os.getpid()}), file=reply)
for line in sys.stdin:
    cmd = json.loads(line)
    pid = os.fork()
    if pid == 0:
        child(cmd)
    print(json.dumps({"pid": pid}), file=reply)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"status": os.waitstatus_to_exitcode(status)}), file=reply)
"""


class Zygote:
    """The process that forks the runs; see ``ZYGOTE``."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.proc = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd
        )
        assert self.proc.stdout is not None
        self.fd = self.proc.stdout.fileno()
        self.pending = b""  # read from the zygote, not yet a whole line
        self.reply()

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether a whole reply line can be read (waiting up to ``timeout`` seconds)."""
        while b"\n" not in self.pending:
            readable, _, _ = select.select([self.fd], [], [], timeout)
            if not readable:
                return False
            chunk = os.read(self.fd, 4096)
            assert chunk, f"the zygote died (exit {self.proc.wait()})"
            self.pending += chunk
        return True

    def reply(self) -> dict[str, Any]:
        if not self.ready(REPLY_TIMEOUT):
            self.proc.kill()
            raise AssertionError(f"no reply from the zygote in {REPLY_TIMEOUT:g} s")
        line, _, self.pending = self.pending.partition(b"\n")
        result: dict[str, Any] = json.loads(line)
        return result

    def start(self, args: list[str]) -> tuple[int, float]:
        """Fork a run of ``corroborator ARGS``: its pid and when it started."""
        assert self.proc.stdin is not None
        cmd = {"args": args, "cwd": str(self.cwd), "log": str(self.cwd / "run.log")}
        self.proc.stdin.write(json.dumps(cmd).encode() + b"\n")
        self.proc.stdin.flush()
        pid = int(self.reply()["pid"])
        return pid, time.monotonic()

    def wait(self) -> int:
        """The exit status of the run started last (-9 if SIGKILL ended it)."""
        return int(self.reply()["status"])

    def run(self, args: list[str]) -> int:
        self.start(args)
        status = self.wait()
        assert status == 0, (self.cwd / "run.log").read_text(errors="replace")
        return status

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


# --- the state of a dossier folder ----------------------------------------------

State = dict[str, Any]


def record_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted (``meta.created`` and the random generation token
    ``meta.state`` aside); asserts the file is sound."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables: dict[str, list[tuple[Any, ...]]] = {}
        for table in SCHEMA:
            rows = db.execute(f"SELECT * FROM [{table}]").fetchall()
            if table == "meta":
                rows = [r for r in rows if r[0] not in ("created", "state")]
            assert len(rows) == len(set(rows)), f"duplicate rows in {table}"
            tables[table] = sorted(rows, key=repr)
    return tables


def snapshot(folder: Path) -> State:
    """The four outputs of a dossier folder (None where missing)."""
    state: State = {}
    for name in OUTPUTS:
        path = folder / name
        if not path.exists():
            state[name] = None
        elif name == "record.sqlite":
            # what any reader of the record sees: an add killed inside its transaction can
            # leave a hot journal, which corroborator's readers roll back (under the lock)
            # before they read, and which a read-only open may not roll back itself (a
            # journal SQLite does not find hot, its transaction committed, may stay)
            settle(path)
            state[name] = record_rows(path)
        else:
            state[name] = path.read_text(encoding="utf-8")
    return state


def temp_files(folder: Path) -> list[str]:
    """Temporary files in the folder and its caches: a finished command leaves none."""
    found = [p for p in folder.rglob("*") if p.is_file()]
    pattern = {True: STALE_TEMP, False: STALE_CACHE_TEMP}
    return sorted(str(p) for p in found if pattern[p.parent == folder].match(p.name))


# --- kill points -------------------------------------------------------------------


@dataclass
class Timing:
    """How long a run takes, and how long its write phase (first output write to exit) lasts."""

    end: float
    writing: float

    def pick(self, rng: random.Random) -> tuple[str, float]:
        """A kill point: ("run", seconds after the start) or ("writes", seconds into them)."""
        if rng.random() < WRITE_PHASE_SHARE:
            return "writes", rng.uniform(0.0, self.writing * 1.1)
        return "run", rng.uniform(0.0, self.end * 1.1)


@dataclass
class Campaign:
    """What a series of kill chains did."""

    kills: int = 0  # runs that SIGKILL ended
    finished_first: int = 0  # runs that ended before their kill point
    chains: int = 0  # reruns that had to complete after kills
    in_writes: int = 0  # kills after the run had begun writing its outputs
    mid_file: int = 0  # kills while a file was being written (its temporary file was left)
    torn: int = 0  # kills after which the outputs were a mix of old and new files
    kill_points: list[tuple[str, float]] = field(default_factory=list)


def entries(folder: Path) -> set[tuple[str, int]]:
    """The outputs and temporary files in ``folder``, by name and inode."""
    try:
        found = os.scandir(folder)
    except FileNotFoundError:
        return set()
    with found:
        return {(e.name, e.inode()) for e in found if e.name in OUTPUTS or STALE_TEMP.match(e.name)}


def wait_for_writes(zygote: Zygote, folder: Path, timeout: float) -> bool:
    """Wait until the run writes its first output (a file not there at its start)."""
    initial = entries(folder)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not zygote.ready():
        if entries(folder) - initial:
            return True
        time.sleep(POLL_SECONDS)
    return False


def calibrate(zygote: Zygote, args: list[str], folder: Path) -> Timing:
    """Time an uninterrupted run, its write phase as ``kill_at`` sees it."""
    _, started = zygote.start(args)
    seen = wait_for_writes(zygote, folder, timeout=REPLY_TIMEOUT)
    writes = time.monotonic()
    assert zygote.wait() == 0, (zygote.cwd / "run.log").read_text(errors="replace")
    ended = time.monotonic()
    assert seen, "the run wrote no output"
    return Timing(end=ended - started, writing=ended - writes)


def kill_at(zygote: Zygote, args: list[str], folder: Path, point: tuple[str, float],
            timing: Timing) -> tuple[int, set[str]]:  # fmt: skip
    """Start ``corroborator ARGS``, SIGKILL it at ``point``: its exit status, files it added."""
    phase, delay = point
    initial = entries(folder)
    pid, started = zygote.start(args)
    if phase == "writes":
        wait_for_writes(zygote, folder, timeout=timing.end * 3)
        started = time.monotonic()
    time.sleep(max(0.0, started + delay - time.monotonic()))
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:  # it ended first
        pass
    status = zygote.wait()
    return status, {name for name, _ in entries(folder) - initial}


def check_between(state: State, before: State, after: State) -> None:
    """Each output is the old or the new one (the four together may be a mix)."""
    for name in OUTPUTS:
        assert state[name] == before[name] or state[name] == after[name], (
            f"{name} is neither the old nor the new one after a kill"
        )


def campaign(
    zygote: Zygote, args: list[str], *, folder: Path, reset: Callable[[], None],
    before: State, after: State, kills: int, rng: random.Random, timing: Timing,
) -> Campaign:  # fmt: skip
    """Kill ``corroborator ARGS`` ``kills`` times, in chains, each chain then rerun."""
    done = Campaign()
    while done.kills < kills:
        reset()
        for _ in range(min(rng.randint(1, MAX_CHAIN), kills - done.kills)):
            point = timing.pick(rng)
            status, added = kill_at(zygote, args, folder, point, timing)
            if status == -signal.SIGKILL:
                done.kills += 1
                done.kill_points.append(point)
            else:
                assert status == 0, (folder.parent / "run.log").read_text(errors="replace")
                done.finished_first += 1
            state = snapshot(folder)
            check_between(state, before, after)
            if status == -signal.SIGKILL:
                done.in_writes += bool(added)
                done.mid_file += any(STALE_TEMP.match(name) for name in added)
                done.torn += state not in (before, after)
        zygote.run(args)
        done.chains += 1
        assert snapshot(folder) == after, "the rerun after a crash gave another record"
        assert temp_files(folder) == []
    return done


# --- fixtures ---------------------------------------------------------------------


def corroborator(*args: str | Path, cwd: Path) -> None:
    """The real executable, as a user runs it."""
    exe = Path(sys.executable).with_name("corroborator")
    cmd = [str(exe), *map(str, args)]
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="module")
def zygote(work: Path) -> Iterator[Zygote]:
    z = Zygote(work)
    yield z
    z.close()


@pytest.fixture(scope="module")
def template(work: Path) -> Path:
    """The dossier that `add` adds to, built by the executable."""
    folder = work / "base"
    corroborator("build", *BASE_REPORTS, "--out", folder, "--quiet", cwd=work)
    return folder


@pytest.fixture(scope="module")
def figures(record_testsuite_property: Callable[[str, object], None]) -> Iterator[dict[str, Any]]:
    """Figures for docs/RELIABILITY.md, in the JUnit XML of the run."""
    found: dict[str, Any] = {}
    yield found
    for key, value in found.items():
        record_testsuite_property(key, value)


# --- tests -------------------------------------------------------------------------


def test_crash_build_survives_sigkill(work: Path, zygote: Zygote, figures: dict[str, Any]) -> None:
    out = work / "built"
    args = ["build", *map(str, BUILD_REPORTS), "--out", str(out), "--quiet"]
    corroborator(*args, cwd=work)
    reference = snapshot(out)
    assert reference["record.sqlite"]["documents"]

    def reset() -> None:
        shutil.rmtree(out, ignore_errors=True)

    reset()
    timing = calibrate(zygote, args, out)
    assert snapshot(out) == reference  # a forked run builds what the executable builds
    nothing = dict.fromkeys(OUTPUTS)
    done = campaign(zygote, args, folder=out, reset=reset, before=nothing, after=reference,
                    kills=BUILD_KILLS, rng=random.Random(SEED), timing=timing)  # fmt: skip
    figures.update(build_kills=done.kills, build_in_writes=done.in_writes,
                   build_mid_file=done.mid_file, build_torn=done.torn, build_chains=done.chains,
                   build_finished_first=done.finished_first, seed=SEED)  # fmt: skip
    assert done.kills == BUILD_KILLS


def test_crash_add_survives_sigkill(
    work: Path, template: Path, zygote: Zygote, figures: dict[str, Any]
) -> None:
    dossier = work / "dossier"
    before = snapshot(template)
    args = ["add", str(dossier), str(ADDED_REPORT), "--quiet"]

    def reset() -> None:
        shutil.rmtree(dossier, ignore_errors=True)
        shutil.copytree(template, dossier)

    reset()
    corroborator(*args, cwd=work)
    after = snapshot(dossier)
    assert len(after["record.sqlite"]["documents"]) == len(BASE_REPORTS) + 1
    reset()
    timing = calibrate(zygote, args, dossier)
    assert snapshot(dossier) == after
    done = campaign(zygote, args, folder=dossier, reset=reset, before=before, after=after,
                    kills=ADD_KILLS, rng=random.Random(SEED + 1), timing=timing)  # fmt: skip
    figures.update(add_kills=done.kills, add_in_writes=done.in_writes, add_mid_file=done.mid_file,
                   add_torn=done.torn, add_chains=done.chains,
                   add_finished_first=done.finished_first)  # fmt: skip
    assert done.kills == ADD_KILLS


def test_crash_leftovers_of_a_killed_writer_are_removed(work: Path, template: Path) -> None:
    """A killed writer leaves its temporary file; the next command removes it."""
    folder = work / "leftovers"
    shutil.copytree(template, folder)
    stale = [folder / ".record.sqlite.k3j2x_9q.tmp", folder / ".dossier.json.a1b2c3d4.tmp"]
    for path in stale:
        path.write_bytes(b"half a file")
    (folder / "cache" / "analysis" / "zz").mkdir(parents=True)
    (folder / "cache" / "analysis" / "zz" / "tmpk3j2x_9q.tmp").write_bytes(b"half a pickle")
    (folder / "notes.tmp").write_text("not ours")
    corroborator("add", folder, ADDED_REPORT, "--quiet", cwd=work)
    assert temp_files(folder) == []
    assert (folder / "notes.tmp").exists()


# --- a killed add, then other commands (issue 19, 1) --------------------------------

# A writer killed in the middle of a transaction of `add` (the record and, attached, its
# kept state), with pages already spilled to the files: it leaves hot journals beside both.
KILLED_WRITER = r"""
import os, signal, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("ATTACH DATABASE ? AS state", (sys.argv[2],))
con.execute("PRAGMA main.cache_size = 2")
con.execute("PRAGMA state.cache_size = 2")
con.execute("BEGIN IMMEDIATE")
for table in ("mentions", "sentences", "documents", "segments"):
    con.execute(f"UPDATE main.{table} SET rowid = rowid + 100000")
con.execute("DELETE FROM state.docs")
os.kill(os.getpid(), signal.SIGKILL)
"""


def killed_add(template: Path, folder: Path) -> None:
    """``folder``: the template dossier, as an `add` killed mid-transaction leaves it."""
    shutil.copytree(template, folder)
    record, state = folder / "record.sqlite", folder / "cache" / "state.sqlite"
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(record), str(state)],
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert Path(f"{record}-journal").stat().st_size > 0  # hot: the kill left it


def journal_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.endswith(("-journal", "-wal", "-shm")) or "-mj" in p.name)


def test_crash_build_after_a_killed_add_keeps_the_new_record(work: Path, template: Path) -> None:
    """The build replaces the record: the old one's journal must not be rolled back into it."""
    folder = work / "killed-then-built"
    killed_add(template, folder)
    corroborator("build", *BUILD_REPORTS, "--out", folder, "--quiet", cwd=work)
    assert journal_files(folder) == []
    reference = work / "built-clean"
    corroborator("build", *BUILD_REPORTS, "--out", reference, "--quiet", cwd=work)
    rows = record_rows(folder / "record.sqlite")  # integrity_check included
    assert len(rows["documents"]) == len(BUILD_REPORTS)
    assert rows == record_rows(reference / "record.sqlite")
    state = folder / "cache" / "state.sqlite"
    with closing(sqlite3.connect(state)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT count(*) FROM docs").fetchone()[0] == len(BUILD_REPORTS)


def test_crash_readers_after_a_killed_add_see_the_old_record(work: Path, template: Path) -> None:
    """serve, watch and export open the record read-only; a hot journal is rolled back
    (under the lock, as a writer would), not reported as "attempt to write a readonly
    database"."""
    from corroborator.record.store import read_summary

    folder = work / "killed-then-read"
    killed_add(template, folder)
    counts, _ = read_summary(folder / "record.sqlite")
    assert counts == read_summary(template / "record.sqlite")[0]
    assert journal_files(folder) == []
    assert record_rows(folder / "record.sqlite") == record_rows(template / "record.sqlite")

    exported = work / "killed-then-exported"
    killed_add(template, exported)
    exe = Path(sys.executable).with_name("corroborator")
    done = subprocess.run([str(exe), "export", str(exported)], cwd=work, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "readonly" not in done.stderr
    assert journal_files(exported) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_crash_hot_journal_in_a_read_only_folder_is_explained(work: Path, template: Path
                                                              ) -> None:
    from corroborator.errors import StoreError
    from corroborator.record.store import read_summary

    folder = work / "killed-read-only"
    killed_add(template, folder)
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError) as caught:
            read_summary(folder / "record.sqlite")
    finally:
        folder.chmod(0o755)
    message = str(caught.value)
    assert "interrupted" in message and "record.sqlite-journal" in message
    assert "readonly" not in message


HOLD_LOCK = r"""
import fcntl, os, sys, time
fd = os.open(os.path.join(sys.argv[1], ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_crash_hot_journal_that_cannot_be_rolled_back_is_explained(
    work: Path, template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While another process holds the folder, a reader cannot roll the journal back: it
    says what happened and what to do, not "attempt to write a readonly database"."""
    from corroborator.errors import StoreError
    from corroborator.record import store

    folder = work / "killed-and-held"
    killed_add(template, folder)
    monkeypatch.setattr(store, "RECOVER_WAIT", 0.2)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(folder), "30"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError) as caught:
            store.read_summary(folder / "record.sqlite")
    finally:
        holder.kill()
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()
    message = str(caught.value)
    assert "interrupted" in message and "record.sqlite-journal" in message
    assert "readonly" not in message


# --- a command killed between the record and inputs.json (issue 19, 2) ---------------

# The CLI, killed (SIGKILL, by itself) right after it replaced the file named by
# KILL_AFTER: a deterministic kill point between two writes of one command.
KILLED_AFTER = r"""
import os, signal, sys
_replace = os.replace
def replace(src, dst, *args, **kwargs):
    _replace(src, dst, *args, **kwargs)
    if os.path.basename(os.fspath(dst)) == os.environ["KILL_AFTER"]:
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from corroborator.cli import cli
sys.exit(cli(sys.argv[1:], "corroborator"))
"""


def killed_after(name: str, *args: str | Path, cwd: Path) -> None:
    env = {**os.environ, "KILL_AFTER": name}
    done = subprocess.run([sys.executable, "-c", KILLED_AFTER, *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr


def regrouped_ids(folder: Path, cwd: Path) -> set[str]:
    """The reports of the record rebuilt from its inputs (what --regroup, a deleted cache or
    an upgrade does)."""
    corroborator("add", folder, "--regroup", "--quiet", cwd=cwd)
    with closing(sqlite3.connect(folder / "record.sqlite")) as db:
        return {r[0] for r in db.execute("SELECT id FROM documents")}


def test_crash_build_killed_before_inputs_json_loses_no_report(work: Path, template: Path
                                                               ) -> None:
    folder = work / "build-killed-after-record"
    shutil.copytree(template, folder)
    killed_after("record.sqlite", "build", *BUILD_REPORTS, "--out", folder, "--quiet", cwd=work)
    with closing(sqlite3.connect(folder / "record.sqlite")) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == len(BUILD_REPORTS)
    assert len(regrouped_ids(folder, work)) == len(BUILD_REPORTS)


def test_crash_add_killed_before_inputs_json_loses_no_report(work: Path, template: Path
                                                             ) -> None:
    folder = work / "add-killed-after-commit"
    shutil.copytree(template, folder)
    # the pages are written after the commit, inputs.json used to come last
    killed_after("index.html", "add", folder, ADDED_REPORT, "--quiet", cwd=work)
    with closing(sqlite3.connect(folder / "record.sqlite")) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == len(BASE_REPORTS) + 1
    assert len(regrouped_ids(folder, work)) == len(BASE_REPORTS) + 1


# --- an output folder that cannot be written (issue 19, 8) ---------------------------


def _unwritable_folder() -> Path | None:
    """A folder not even root may create files in (sysfs is read-only in a container)."""
    probe = Path("/sys/corroborator-probe")
    try:
        probe.mkdir()
    except OSError:
        return probe
    probe.rmdir()
    return None


@pytest.mark.skipif(_unwritable_folder() is None, reason="no read-only file system here")
def test_crash_unwritable_output_folder_gives_a_message_not_a_traceback(work: Path) -> None:
    folder = _unwritable_folder()
    assert folder is not None
    exe = Path(sys.executable).with_name("corroborator")
    for args in (["build", str(BUILD_REPORTS[0]), "--out", str(folder), "-q"],
                 ["add", str(folder.parent / "kernel"), str(ADDED_REPORT), "-q"]):
        done = subprocess.run([str(exe), *args], cwd=work, capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert "corroborator cannot write a dossier here" in done.stderr
