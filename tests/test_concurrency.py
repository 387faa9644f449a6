"""Concurrency (issue 5): two ``corroborator add`` on one dossier at once both land.

Without a lock, each would read inputs.json before the other wrote it, and the
one to finish last would drop the other's report (a lost update). With
``corroborator.record.lock.dossier_lock`` the second waits and then reads the inputs
the first left. The end-to-end test runs pairs of real ``corroborator add``
processes, simultaneous and staggered both ways, and checks that each pair
leaves the record that the same two adds give one after the other, with no
error (no "database is locked") reaching the user. The unit tests pin the lock
itself: exclusion between processes, the wait and its message, the timeout,
release when the holder is killed, re-entry, and the removal of temporary files
a killed writer left.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from corroborator.errors import StoreError
from corroborator.record.lock import LOCK_FILE, dossier_lock, remove_stale_temp_files
from corroborator.record.store import SCHEMA

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
BASE = DEMO / "001_port-ansel-courier.txt"
ADDED = {"B": DEMO / "003_tesk-radio.txt", "C": DEMO / "005_kelda-islander.txt"}
EXE = Path(sys.executable).with_name("corroborator")
STAGGER = 0.8  # seconds: the second add starts once the first holds the lock

HOLD = """
import sys, time
from corroborator.record.lock import dossier_lock
with dossier_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, ``meta.created`` aside; asserts soundness."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        found = {}
        for table in SCHEMA:
            table_rows = db.execute(f"SELECT * FROM [{table}]").fetchall()
            table_rows = [r for r in table_rows if table != "meta" or r[0] != "created"]
            assert len(table_rows) == len(set(table_rows)), f"duplicate rows in {table}"
            found[table] = sorted(table_rows, key=repr)
    return found


def add(dossier: Path, report: Path, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(EXE), "add", str(dossier), str(report), "--quiet"],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "locked" not in err.lower() and "Traceback" not in err, err
    return out + err


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("concurrency")
    done = subprocess.run(
        [str(EXE), "build", str(BASE), "--out", str(folder / "base"), "--quiet"],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def sequential(work: Path) -> Callable[[str], dict[str, list[tuple[Any, ...]]]]:
    """The record of the two adds run one after the other, in a given order ("BC" or "CB")."""
    cache: dict[str, dict[str, list[tuple[Any, ...]]]] = {}

    def record(order: str) -> dict[str, list[tuple[Any, ...]]]:
        if order not in cache:
            folder = work / f"sequential-{order}"
            shutil.copytree(work / "base", folder)
            for name in order:
                finish(add(folder, ADDED[name], work))
            cache[order] = rows(folder / "record.sqlite")
        return cache[order]

    return record


def order_of(dossier: Path) -> str:
    """Which add landed first, from the order of the paths in inputs.json."""
    paths = json.loads((dossier / "inputs.json").read_text(encoding="utf-8"))["paths"]
    return "".join(name for p in paths for name, r in ADDED.items() if Path(p) == r)


@pytest.mark.parametrize(
    ("first", "delay"), [("B", 0.0), ("B", STAGGER), ("C", STAGGER)],
    ids=["simultaneous", "B-then-C", "C-then-B"],
)  # fmt: skip
def test_concurrency_two_adds_both_land(
    work: Path,
    sequential: Callable[[str], dict[str, list[tuple[Any, ...]]]],
    first: str,
    delay: float,
) -> None:
    second = "C" if first == "B" else "B"
    dossier = work / f"dossier-{first}-{delay}"
    shutil.copytree(work / "base", dossier)
    one = add(dossier, ADDED[first], work)
    time.sleep(delay)
    two = add(dossier, ADDED[second], work)
    said = finish(one) + finish(two)
    order = order_of(dossier)
    assert sorted(order) == ["B", "C"], "an add was lost"
    if delay:
        assert order == first + second
        assert "waiting for another corroborator command" in said
    record = rows(dossier / "record.sqlite")
    assert len(record["documents"]) == 3
    assert record == sequential(order)


# --- the lock ---------------------------------------------------------------------


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Callable[[float], subprocess.Popen[str]]]:
    """Start a process that holds the lock of tmp_path for some seconds."""
    started: list[subprocess.Popen[str]] = []

    def hold(seconds: float) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(tmp_path), str(seconds)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        started.append(proc)
        assert proc.stdout is not None and proc.stdout.readline() == "locked\n"
        return proc

    yield hold
    for proc in started:
        proc.kill()
        proc.communicate()


def test_concurrency_lock_waits_for_another_process(
    tmp_path: Path, holder: Callable[[float], subprocess.Popen[str]]
) -> None:
    proc = holder(0.5)
    told: list[str] = []
    start = time.monotonic()
    with dossier_lock(tmp_path, waiting=told.append):
        waited = time.monotonic() - start
    assert waited >= 0.3
    assert told == [
        (
            f"waiting for another corroborator command (process {proc.pid}) to finish with "
            f"{tmp_path.resolve()}"
        )
    ]


def test_concurrency_lock_times_out_with_a_clear_message(
    tmp_path: Path, holder: Callable[[float], subprocess.Popen[str]]
) -> None:
    proc = holder(30)
    with pytest.raises(StoreError) as caught, dossier_lock(tmp_path, timeout=0.2):
        pass
    assert str(caught.value) == (
        f"{tmp_path.resolve()} is being written by another corroborator command (process "
        f"{proc.pid}), still after 0.2 s: wait for it to finish and run this again."
    )


def test_concurrency_lock_of_a_killed_holder_is_free(
    tmp_path: Path, holder: Callable[[float], subprocess.Popen[str]]
) -> None:
    proc = holder(30)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with dossier_lock(tmp_path, timeout=1):
        assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n"


def test_concurrency_lock_is_reentrant_in_a_process(tmp_path: Path) -> None:
    with dossier_lock(tmp_path), dossier_lock(tmp_path, timeout=0), dossier_lock(tmp_path / "."):
        pass
    with dossier_lock(tmp_path, timeout=0):  # and free again afterwards
        pass


def test_concurrency_lock_creates_the_folder(tmp_path: Path) -> None:
    with dossier_lock(tmp_path / "new" / "dossier"):
        assert (tmp_path / "new" / "dossier" / LOCK_FILE).is_file()


def test_concurrency_lock_removes_temporary_files_of_killed_writers(tmp_path: Path) -> None:
    stale = [
        ".record.sqlite.k3j2x_9q.tmp",
        ".record.sqlite.k3j2x_9q.tmp-journal",
        ".dossier.json.a1b2c3d4.tmp",
        ".index.html.zz_00xyz.tmp",
        ".inputs.json.12345678.tmp",
    ]
    kept = ["notes.tmp", ".notes.a1b2c3d4.tmp", "record.sqlite", ".record.sqlite.short.tmp"]
    cached = ["cache/analysis/ab/tmpk3j2x_9q.tmp", "cache/pages/.page.html.a1b2c3d4.tmp"]
    cache_kept = ["cache/analysis/ab/abcdef.pickle", "cache/pages/page.html"]
    for name in stale + kept + cached + cache_kept:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    with dossier_lock(tmp_path):
        left = sorted(
            p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
        )
    assert left == sorted([*kept, *cache_kept, LOCK_FILE])
    assert remove_stale_temp_files(tmp_path) == []
