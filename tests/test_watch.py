"""`corroborator watch`: reports dropped into a folder are added to the dossier as they arrive.

- a file is given out once it stopped changing between two looks, once only; hidden
  files and other formats are ignored, and files the dossier holds are left out;
- the command, run as a user runs it, adds a report renamed into the folder, leaves
  alone the reports the dossier was built from, reports a bad file and goes on, and
  stops cleanly on Ctrl-C and on SIGTERM.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from corroborator.record.store import read_record
from corroborator.watch import Arrivals, watch

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"
EXE = Path(sys.executable).with_name("corroborator")
LATE = "006_harbourline-weekly.txt"


def test_watch_a_file_is_ready_once_it_stops_changing(tmp_path: Path) -> None:
    arrivals = Arrivals(tmp_path)
    report = tmp_path / "a.txt"
    report.write_text("first part of a report")
    (tmp_path / "notes.docx").write_text("not a report format")
    (tmp_path / ".a.txt.part").write_text("a hidden file still being written")
    assert arrivals.ready() == []  # first seen: maybe still being written
    report.write_text("first part of a report, and the rest of it")
    assert arrivals.ready() == []  # it changed since the last look
    assert arrivals.ready() == [report.resolve()]  # unchanged since the last look: taken
    assert arrivals.ready() == []  # given out once only
    report.write_text("a later edition")
    assert arrivals.ready() == [] and arrivals.ready() == []


def test_watch_gives_each_batch_once_and_leaves_out_the_held_files(tmp_path: Path) -> None:
    held, new = tmp_path / "held.txt", tmp_path / "new.txt"
    held.write_text("a report the dossier was built from")
    batches: list[list[Path]] = []
    looks = iter(range(6))

    def stop() -> bool:
        k = next(looks, None)
        if k == 2:
            new.write_text("a report that arrived")
        return k is None

    watch(tmp_path, batches.append, interval=0, held=[held], stop=stop, sleep=lambda s: None)
    assert batches == [[new.resolve()]]


def _wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _start(dossier: Path, inbox: Path, log_path: Path) -> subprocess.Popen[str]:
    """`corroborator watch`, once it says it is watching."""
    log = log_path.open("w")
    proc = subprocess.Popen([str(EXE), "watch", str(dossier), str(inbox), "--interval", "0.2"],
                            stdout=log, stderr=subprocess.STDOUT, text=True)
    log.close()
    assert _wait_for(lambda: "watching" in log_path.read_text(), 120), log_path.read_text()
    return proc


def _stop(proc: subprocess.Popen[str], how: signal.Signals) -> int:
    proc.send_signal(how)
    try:
        return proc.wait(timeout=60)
    finally:
        proc.kill()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo reports but one, in an inbox, and their dossier."""
    work = tmp_path_factory.mktemp("watch")
    inbox = work / "inbox"
    inbox.mkdir()
    for p in DEMO.iterdir():
        if p.suffix in (".txt", ".json", ".html") and p.name != LATE:
            shutil.copy(p, inbox / p.name)
    done = subprocess.run([str(EXE), "build", str(inbox), "--out", str(work / "d"), "--quiet"],
                          capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    return work


@pytest.mark.slow
def test_watch_adds_a_report_dropped_into_the_folder(built: Path) -> None:
    inbox, log_path = built / "inbox", built / "watch.log"
    proc = _start(built / "d", inbox, log_path)
    try:
        partial = inbox / f".{LATE}.part"  # written under a hidden name, then renamed
        shutil.copy(DEMO / LATE, partial)
        os.replace(partial, inbox / LATE)
        assert _wait_for(lambda: "added 1 report " in log_path.read_text(), 300), \
            log_path.read_text()
        (inbox / "broken.json").write_text("{ not json")
        assert _wait_for(lambda: "added 0 reports" in log_path.read_text(), 120), \
            log_path.read_text()
    finally:
        # Ctrl-C (SIGINT); the test run may have been started in the background, where
        # SIGINT is ignored: watch handles it all the same
        code = _stop(proc, signal.SIGINT)
    text = log_path.read_text()
    assert code == 0, text
    assert text.rstrip().endswith("stopped")
    added = [line.split(" (")[0] for line in text.splitlines() if line.startswith("added")]
    # the reports it was built from were left alone: one addition each for the two files
    assert added == ["added 1 report", "added 0 reports"], text
    assert "broken.json is not valid JSON" in text
    record = read_record(built / "d" / "record.sqlite")
    assert len(record.documents) == 6
    assert LATE.removesuffix(".txt") in {d.id for d in record.documents}
    assert any(s.path.endswith("broken.json") for s in record.skipped)


@pytest.mark.slow
def test_watch_stops_on_sigterm(built: Path, tmp_path: Path) -> None:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    proc = _start(tmp_path / "d", tmp_path / "inbox", tmp_path / "watch.log")
    assert _stop(proc, signal.SIGTERM) == 0  # as `kill` or a service manager stops it
    assert (tmp_path / "watch.log").read_text().rstrip().endswith("stopped")
