"""End to end: `corroborator build` on the bundled demo corpus and on bad inputs."""

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "corroborator", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, check=False)


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    done = run("build", DEMO, "--out", out, "--quiet")
    assert done.returncode == 0, done.stderr
    return out


def test_pipeline_writes_the_three_outputs(demo_out):
    assert {p.name for p in demo_out.iterdir()} >= {"dossier.json", "record.sqlite", "index.html"}


def test_pipeline_dossier_follows_the_contract(demo_out):
    d = json.loads((demo_out / "dossier.json").read_text())
    ids = {doc["id"] for doc in d["documents"]}
    assert ids == {p.stem for p in DEMO.iterdir() if p.suffix in (".txt", ".json", ".html")}
    for fact in d["facts"]:
        assert fact["status"] in ("agreed", "single", "conflict")
        assert fact["kind"] in ("count", "amount", "date", "duration", "percent", "measure", "other")
        for m in fact["mentions"]:
            assert m["doc"] in ids and m["text"] in m["sentence"]
    statuses = [f["status"] for f in d["facts"]]
    assert statuses == sorted(statuses, key=["conflict", "agreed", "single"].index)


def test_pipeline_mentions_point_into_the_cleaned_text(demo_out):
    db = sqlite3.connect(demo_out / "record.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = db.execute("SELECT m.text, m.start, m.end, d.text FROM mentions m "
                      "JOIN documents d ON d.id = m.doc").fetchall()
    assert rows
    for text, start, end, doc_text in rows:
        assert doc_text[start:end] == text


def test_pipeline_bad_reports_are_skipped_not_fatal(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DEMO, corpus)
    (corpus / "empty.txt").write_text("")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (corpus / "broken.json").write_text("{not json")
    done = run("build", corpus, "--out", tmp_path / "out", "--quiet")
    assert done.returncode == 0, done.stderr
    for name in ("empty.txt", "image.txt", "broken.json"):
        assert name in done.stderr
    d = json.loads((tmp_path / "out" / "dossier.json").read_text())
    assert len(d["skipped"]) == 3 and len(d["documents"]) == 6


def test_pipeline_folder_without_reports_fails_with_a_clear_message(tmp_path):
    done = run("build", tmp_path, "--out", tmp_path / "out")
    assert done.returncode != 0
    assert str(tmp_path) in done.stderr and "no readable reports" in done.stderr


def test_pipeline_help_reads_like_a_cli():
    done = run("build", "--help")
    assert done.returncode == 0 and "--out" in done.stdout and "dossier.json" in done.stdout


def test_pipeline_outputs_get_the_mode_the_umask_gives(demo_out):
    import os

    mask = os.umask(0)
    os.umask(mask)
    for name in ("dossier.json", "index.html", "record.sqlite", "inputs.json"):
        assert (demo_out / name).stat().st_mode & 0o777 == 0o666 & ~mask, name


@pytest.mark.issue(18)
def test_pipeline_build_takes_one_path_given_alone(tmp_path, monkeypatch):
    import corroborator

    (tmp_path / "reports").mkdir()
    shutil.copy(DEMO / "001_port-ansel-courier.txt", tmp_path / "reports")
    monkeypatch.chdir(tmp_path)  # relative: read as characters, "/" would be walked whole
    record = corroborator.build("reports")  # a folder as a str, not its characters
    assert [d.id for d in record.documents] == ["001_port-ansel-courier"]
    record = corroborator.build(Path("reports/001_port-ansel-courier.txt"))  # a file as a Path
    assert [d.id for d in record.documents] == ["001_port-ansel-courier"]
    with pytest.raises(TypeError, match="a path or URL"):
        corroborator.build(42)
