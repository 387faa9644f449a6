"""Issue 4: `corroborator add` updates a record in place, and gives the record a build gives.

- the boilerplate count of an appended report, from the kept index, is the batch's;
- a report added in place (demo: a .txt, a .json and an .html report; cecot) gives the
  record a build of all the reports gives, up to the ids of new events;
- running the same addition again changes nothing;
- a record built by other settings, whose kept state is from another build, or that has
  no kept state, is rebuilt instead (and says so);
- a record of more than ``page_max_reports`` reports keeps a page that says how to read
  it, and ``corroborator export`` writes its JSON and full page.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborator.clean.boilerplate import count_new, learn
from corroborator.models import Record
from corroborator.record.store import read_record

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"
CECOT = ROOT.parent / "shared" / "corpus" / "cecot-2025"
EXE = Path(sys.executable).with_name("corroborator")
FIELDS = ("documents", "sentences", "mentions", "quotes", "entities", "events", "facts")


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(EXE), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          check=False,
                          timeout=900)
    assert done.returncode == 0, done.stderr
    return done


def reports(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".json", ".html"))


def split(corpus: Path, late: str, work: Path) -> tuple[Path, Path]:
    """The corpus without ``late`` in work/base, ``late`` alone in work/late (sources.csv
    beside both)."""
    base, later = work / "base", work / "late"
    for folder in (base, later):
        folder.mkdir(parents=True)
        if (corpus / "sources.csv").exists():
            shutil.copy(corpus / "sources.csv", folder / "sources.csv")
    for p in reports(corpus):
        shutil.copy(p, (later if p.name == late else base) / p.name)
    return base, later


def modulo_event_ids(a: Record, b: Record) -> tuple[Record, Record]:
    """The records with b's events renamed to a's where they hold the same reports, and
    facts in id order (a fact's place follows its event's id)."""
    ids = {frozenset(e.documents): e.id for e in a.events}
    rename = {e.id: ids.get(frozenset(e.documents), e.id) for e in b.events}
    b = replace(b, events=tuple(replace(e, id=rename[e.id]) for e in b.events),
                facts=tuple(replace(f, event=rename.get(f.event, f.event)) for f in b.facts))

    def ordered(r: Record) -> Record:
        return replace(r, facts=tuple(sorted(r.facts, key=lambda f: f.id)))

    return ordered(a), ordered(b)


# --- boilerplate counted for an appended report ------------------------------------------

LINES = st.sampled_from([f"line {k}" for k in range(6)])
BODIES = st.frozensets(st.sampled_from([f"body {k}" for k in range(8)]), max_size=5)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(LINES, max_size=4), BODIES), min_size=1, max_size=12))
def test_incremental_boilerplate_of_an_appended_report_is_counted_as_the_batch_counts_it(
        docs: list[tuple[list[str], frozenset[str]]]) -> None:
    whole = learn([c for c, _ in docs], [b for _, b in docs])
    before = learn([c for c, _ in docs[:-1]], [b for _, b in docs[:-1]])
    names = [str(k) for k in range(len(docs))]
    counted = {key: [names[d] for d in held] for key, held in before.counted.items()}
    candidates, body = docs[-1]
    counts = count_new(candidates, body, counted, lambda d: docs[int(d)][1])
    for key in candidates:
        assert whole.counts[key] == before.counts.get(key, 0) + (key in counts)


# --- an addition in place gives the record of a build -------------------------------------


CASES = [("demo", "006_harbourline-weekly.txt"), ("demo", "002_island-press-agency.json"),
         ("demo", "004_meridian-review.html"), ("cecot", "003_0110a264dabf5fe2.txt")]


@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "late"), CASES)
def test_incremental_a_report_added_in_place_gives_the_record_of_a_build(
        corpus: str, late: str, tmp_path: Path) -> None:
    base, later = split(DEMO if corpus == "demo" else CECOT, late, tmp_path)
    run("build", base, "--out", tmp_path / "dossier", "--quiet", cwd=tmp_path)
    done = run("add", tmp_path / "dossier", later / late, cwd=tmp_path)
    assert done.stdout.startswith("added 1 report "), done.stdout
    assert "rebuilding" not in done.stderr
    run("build", base, later / late, "--out", tmp_path / "full", "--quiet", cwd=tmp_path)
    a, b = modulo_event_ids(read_record(tmp_path / "dossier" / "record.sqlite"),
                            read_record(tmp_path / "full" / "record.sqlite"))
    for field in FIELDS:
        assert getattr(a, field) == getattr(b, field), field
    summaries = [json.loads((tmp_path / folder / "dossier.json").read_text())["summary"]
                 for folder in ("dossier", "full")]
    assert summaries[0] == summaries[1]  # the pages were written again from the new record


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo without its last report, built; and that report."""
    work = tmp_path_factory.mktemp("inplace")
    base, later = split(DEMO, "006_harbourline-weekly.txt", work)
    run("build", base, "--out", work / "built", "--quiet", cwd=work)
    return {"work": work, "built": work / "built", "late": later / "006_harbourline-weekly.txt"}


def rows(record: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(record) as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE '%fts%'")]
        return {t: sorted(map(repr, db.execute(f"SELECT * FROM [{t}]"))) for t in tables}


def test_incremental_adding_the_same_report_again_changes_nothing(
        dossier: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(dossier["built"], folder)
    run("add", folder, dossier["late"], cwd=tmp_path)
    once = rows(folder / "record.sqlite")
    again = run("add", folder, dossier["late"], cwd=tmp_path)
    assert again.stdout.startswith("added 0 reports")
    assert "skipped" not in again.stderr
    assert rows(folder / "record.sqlite") == once


def test_incremental_a_report_with_a_taken_id_is_skipped_and_named(
        dossier: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(dossier["built"], folder)
    other = tmp_path / "elsewhere" / "001_port-ansel-courier.txt"
    other.parent.mkdir()
    other.write_text("A different report under a name the record already uses, about the ferry "
                     "that sank off the coast with 40 people aboard on Monday.\n")
    done = run("add", folder, other, cwd=tmp_path)
    assert "already used by" in done.stderr and str(other) in done.stderr
    record = read_record(folder / "record.sqlite")
    assert [s.path for s in record.skipped] == [str(other)]
    assert len(record.documents) == 5


def test_incremental_a_record_built_with_other_settings_is_rebuilt(
        dossier: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(dossier["built"], folder)
    cfg = tmp_path / "settings.cfg"
    cfg.write_text("[corroborator]\nlink_threshold = 0.5\n")
    inputs = json.loads((folder / "inputs.json").read_text())
    inputs["settings"] = str(cfg)  # as if built with this file, whose values then changed
    (folder / "inputs.json").write_text(json.dumps(inputs))
    done = run("add", folder, dossier["late"], cwd=tmp_path)
    assert "rebuilding the record: the record was built with other settings" in done.stderr
    assert len(read_record(folder / "record.sqlite").documents) == 6
    again = run("add", folder, dossier["late"], cwd=tmp_path)  # the rebuild kept a new state
    assert again.stdout.startswith("added 0 reports")


def test_incremental_a_state_from_another_build_is_not_used(
        dossier: dict[str, Path], tmp_path: Path) -> None:
    folder, other = tmp_path / "d", tmp_path / "other"
    shutil.copytree(dossier["built"], folder)
    run("build", DEMO, "--out", other, "--quiet", cwd=tmp_path)
    shutil.copy(other / "cache" / "state.sqlite", folder / "cache" / "state.sqlite")
    done = run("add", folder, dossier["late"], cwd=tmp_path)
    assert "different builds" in done.stderr
    assert len(read_record(folder / "record.sqlite").documents) == 6


def test_incremental_a_record_without_a_kept_state_is_rebuilt(
        dossier: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "d"  # as a record built by an older version, or a cleared cache
    shutil.copytree(dossier["built"], folder)
    (folder / "cache" / "state.sqlite").unlink()
    done = run("add", folder, dossier["late"], cwd=tmp_path)
    assert "rebuilding the record" in done.stderr and "no kept state" in done.stderr
    assert len(read_record(folder / "record.sqlite").documents) == 6
    assert (folder / "cache" / "state.sqlite").is_file()  # the rebuild keeps one


def test_incremental_a_large_record_keeps_a_page_saying_how_to_read_it(tmp_path: Path) -> None:
    cfg = tmp_path / "small-pages.cfg"
    cfg.write_text("[corroborator]\npage_max_reports = 3\n")
    folder = tmp_path / "d"
    run("build", DEMO, "--out", folder, "--settings", cfg, "--story", "<b>Ferry</b>",
        "--quiet", cwd=tmp_path)
    assert not (folder / "dossier.json").exists()
    page = (folder / "index.html").read_text()
    assert "too large for one page" in page and "corroborator serve" in page
    assert "&lt;b&gt;Ferry&lt;/b&gt;" in page and "<b>Ferry" not in page
    assert 'data-count="reports">6<' in page
    run("export", folder, "--to", tmp_path / "full", cwd=tmp_path)
    exported = json.loads((tmp_path / "full" / "dossier.json").read_text())
    assert len(exported["documents"]) == 6
    assert "too large" not in (tmp_path / "full" / "index.html").read_text()


# --- a new report that makes a line boilerplate -------------------------------------------

HARBOUR = """Council approves new harbour wall after two-year delay

The Port Ansel council voted 7 to 2 on Tuesday to build a new harbour wall, ending a dispute that began in 2023.
The wall will cost 14 million dollars and take three years to finish, the harbour master said.

{line}

Residents had asked for the wall since storms flooded 40 homes on the quay two winters ago.
Work is due to start in May, once the contractor has signed.
"""
LIGHTHOUSE = """Lighthouse keeper retires after 31 years on Tesk Point

Anna Varga has kept the Tesk Point light since 1994, and on Friday she climbed its 112 steps for the last time.
She said the automated lamp that replaces her will need a visit only twice a year.

The island's museum will open the keeper's cottage to visitors next summer.
"""
QUOTA = """Fishing quota cut by a fifth for the coming season

The fisheries board cut the cod quota for the northern grounds by 20 percent on Thursday, citing falling stocks.
Skippers in Kelda said the cut would cost each boat about 30,000 euros a year.

{line}

The board will review the quota again in March after a new survey of the grounds.
"""


@pytest.mark.parametrize(("line", "in_place"), [
    ("Listen to the Harbour Hour on Kestrel FM", True),  # a teaser before: only its reason changes
    ("Kestrel FM morning bulletin", False),  # kept before: the earlier report's text changes
])
def test_incremental_a_line_the_new_report_makes_boilerplate(line: str, in_place: bool,
                                                              tmp_path: Path) -> None:
    base, later = tmp_path / "base", tmp_path / "late"
    base.mkdir()
    later.mkdir()
    (base / "harbour.txt").write_text(HARBOUR.format(line=line))
    (base / "lighthouse.txt").write_text(LIGHTHOUSE)
    (later / "quota.txt").write_text(QUOTA.format(line=line))
    run("build", base, "--out", tmp_path / "d", "--quiet", cwd=tmp_path)
    done = run("add", tmp_path / "d", later / "quota.txt", cwd=tmp_path)
    assert done.stdout.startswith("added 1 report ") == in_place
    if not in_place:
        assert "makes a line of report 'harbour' boilerplate" in done.stderr
    run("build", base, later / "quota.txt", "--out", tmp_path / "full", "--quiet", cwd=tmp_path)
    a, b = modulo_event_ids(read_record(tmp_path / "d" / "record.sqlite"),
                            read_record(tmp_path / "full" / "record.sqlite"))
    for field in FIELDS:
        assert getattr(a, field) == getattr(b, field), field
    harbour = next(d for d in a.documents if d.id == "harbour")
    assert [r.reason for r in harbour.removed] == ["boilerplate repeated in 2 reports"]


# --- a record of many stories ----------------------------------------------------------


@pytest.mark.slow
def test_incremental_reports_added_to_a_record_of_many_stories_give_the_record_of_a_build(
        tmp_path: Path) -> None:
    """Some 60 generated reports (many stories, and enough that story partners are found
    through their heaviest words) and two more added: the last report of a story the record
    holds, which joins its event, and the first of another story, which starts its own."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate_reports, write_corpus

    reports = generate_reports(75, seed=11)
    story = [r.id.split("-")[0] for r in reports]  # ids are "<story>-<n>_<outlet>"
    last = next(k for k in range(58, len(reports)) if story[k] != story[k - 1]) - 1
    joining, alone = reports[last], reports[last + 1]  # the last of a story, a new story's first
    write_corpus(tmp_path / "base", reports[:last])
    write_corpus(tmp_path / "late", [joining, alone])
    assert story[last] == story[last - 1] and story[last + 1] not in story[:last + 1]
    run("build", tmp_path / "base", "--out", tmp_path / "dossier", "--quiet", cwd=tmp_path)
    done = run("add", tmp_path / "dossier", tmp_path / "late", cwd=tmp_path)
    assert done.stdout.startswith("added 2 reports"), done.stdout + done.stderr
    run("build", tmp_path / "base", tmp_path / "late", "--out", tmp_path / "full", "--quiet",
        cwd=tmp_path)
    a, b = modulo_event_ids(read_record(tmp_path / "dossier" / "record.sqlite"),
                            read_record(tmp_path / "full" / "record.sqlite"))
    for field in FIELDS:
        assert getattr(a, field) == getattr(b, field), field
    event_of = {d: e.id for e in a.events for d in e.documents}
    assert event_of[joining.id] == event_of[reports[last - 1].id]
    assert [d for e in a.events if alone.id in e.documents for d in e.documents] == [alone.id]
