"""Issue 17: `add` runs the build's own stages with kept state. On a real story, a
record built from its first reports, with the rest added in place in one addition:

- equals the record `add` gives by rebuilding (a build of all the reports given the
  record's events as known: earlier reports keep their events), on every visible
  story;
- equals a fresh build of all the reports where that keeps the earlier events
  (strike-2024). In protest-2025 and measles-2025 a fresh build moves an earlier
  report to an event only the later reports show, which `add` by design does not.

The reports stay in ../shared/corpus; each test copies them to its own folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_incremental_inplace import FIELDS, modulo_event_ids, reports, run

from corroborator.models import Record
from corroborator.record.store import read_record

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FIRST = 8  # reports the record is built from; the rest are added in one addition


def _copy(paths: list[Path], folder: Path, corpus: Path) -> Path:
    folder.mkdir(parents=True)
    if (corpus / "sources.csv").exists():
        shutil.copy(corpus / "sources.csv", folder / "sources.csv")
    for p in paths:
        shutil.copy(p, folder / p.name)
    return folder


def _added_in_place(story: str, work: Path) -> tuple[list[Path], Path, Path, Record]:
    """The story's reports, its first and later reports' folders, and the record of the
    first ones with the later ones added in place."""
    corpus = CORPUS / story
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not here")
    found = reports(corpus)
    assert len(found) > FIRST + 1  # several reports in one addition
    base = _copy(found[:FIRST], work / "base", corpus)
    late = _copy(found[FIRST:], work / "late", corpus)
    run("build", base, "--out", work / "dossier", "--quiet", cwd=work)
    shutil.copytree(work / "dossier", work / "rebuilt")
    done = run("add", work / "dossier", late, cwd=work)
    assert done.stdout.startswith(f"added {len(found) - FIRST} reports "), done.stdout
    assert "rebuilding" not in done.stderr, done.stderr
    record = read_record(work / "dossier" / "record.sqlite")
    assert {d.id for d in record.documents} == {p.stem for p in found}
    return found, base, late, record


def _same(a: Record, b: Record) -> None:
    a, b = modulo_event_ids(a, b)
    for field in FIELDS:  # documents, sentences, mentions, quotes, entities, events, facts
        assert getattr(a, field) == getattr(b, field), field


@pytest.mark.slow
@pytest.mark.issue(17)
@pytest.mark.parametrize("story", ["strike-2024", "protest-2025", "measles-2025"])
def test_add_real_story_in_place_equals_adding_by_rebuilding(story: str, tmp_path: Path) -> None:
    _, _, late, record = _added_in_place(story, tmp_path)
    (tmp_path / "rebuilt" / "cache" / "state.sqlite").unlink()  # so `add` rebuilds
    done = run("add", tmp_path / "rebuilt", late, cwd=tmp_path)
    assert "rebuilding the record" in done.stderr
    _same(record, read_record(tmp_path / "rebuilt" / "record.sqlite"))


@pytest.mark.slow
@pytest.mark.issue(17)
def test_add_real_story_in_place_equals_a_fresh_build_of_all(tmp_path: Path) -> None:
    _, base, late, record = _added_in_place("strike-2024", tmp_path)
    run("build", base, late, "--out", tmp_path / "full", "--quiet", cwd=tmp_path)
    _same(record, read_record(tmp_path / "full" / "record.sqlite"))
