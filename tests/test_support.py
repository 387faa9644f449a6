"""Tests for corroborator.reconcile.support: derivations and each fact's support, worked
out once (the stage after reconcile), kept on the record, stored in record.sqlite, and
read from there by dossier.json, the one-page dossier and the web app.

The fixture corpus is tests/fixtures/independence (a wire story, two reprints, a rewrite
and a separate report; see tests/test_independence.py).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from records import build_fixture, make_record

from corroborator.models import Derivation, Record, Support
from corroborator.reconcile.support import changed_docs, supported
from corroborator.record import serialise
from corroborator.record.dossier import to_json
from corroborator.record.store import read_record, write_record
from corroborator.report.render import render_index

FIXTURES = Path(__file__).parent / "fixtures" / "independence"
ORIGINAL = "lpa-original"
REPRINT = "valley-times-reprint"
CLI = [sys.executable, "-m", "corroborator"]
pytestmark = pytest.mark.issue(17)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture("independence", tmp_path_factory.mktemp("support") / "dossier")


def _rows(path: Path, sql: str) -> list[sqlite3.Row]:
    with closing(sqlite3.connect(path)) as con:
        con.row_factory = sqlite3.Row
        return con.execute(sql).fetchall()


def test_support_stage_adds_derivations_and_one_support_per_fact() -> None:
    record = supported(make_record())
    assert record.derivations is not None and record.support is not None
    assert [s.fact for s in record.support] == [f.id for f in record.facts]
    assert all(s.independent >= 1 and s.summary for s in record.support)


def test_support_stage_is_not_run_twice() -> None:
    record = supported(make_record())
    assert supported(record) is record


def test_support_of_a_built_record_is_stored_and_read_back(built: Path) -> None:
    record = read_record(built / "record.sqlite")
    assert record.derivations and record.support is not None
    rows = {r["id"]: r for r in _rows(built / "record.sqlite", "SELECT * FROM facts")}
    for s in record.support:
        row = rows[s.fact]
        assert (row["independent_sources"], row["outlets"], row["support"]) == (
            s.independent, s.outlets, s.summary)
        assert json.loads(row["support_sources"]) == [x.label for x in s.sources]


def test_support_derivations_table_holds_the_reprints(built: Path) -> None:
    rows = _rows(built / "record.sqlite", "SELECT doc, source_doc, kind FROM derivations")
    found = {r["doc"]: (r["source_doc"], r["kind"]) for r in rows}
    assert found[REPRINT] == (ORIGINAL, "reprint")
    assert ORIGINAL not in found


def test_support_a_wire_story_and_its_reprints_are_one_source(built: Path) -> None:
    record = read_record(built / "record.sqlite")
    support = {s.fact: s for s in record.support or ()}
    wire = [s for f in record.facts for s in [support[f.id]]
            if {ORIGINAL, REPRINT} <= {d for x in s.sources for d in x.documents}]
    assert wire, "a fact the wire story and its reprint both state"
    for s in wire:
        (source,) = [x for x in s.sources if ORIGINAL in x.documents]
        assert REPRINT in source.documents
        assert s.independent < s.reports


def marked(record: Record) -> Record:
    """The record with what no computation gives, to show that the outputs read it from
    the record: every fact's support summary "MARK <fact id>", its second report a partial
    copy of its first, and its first fact's first mention's source of kind "named", named
    by "said"."""
    support = tuple(dataclasses.replace(s, summary=f"MARK {s.fact}")
                    for s in supported(record).support or ())
    derivations = (Derivation(record.documents[1].id, record.documents[0].id, 0.5, 2, 4),)
    first = record.facts[0].mentions[0]
    tagged = dataclasses.replace(first, extra={**first.extra, "said_by_kind": "named",
                                               "said_by_cue": "said"})
    facts = tuple(dataclasses.replace(f, mentions=tuple(tagged if m.id == first.id else m
                                                        for m in f.mentions))
                  for f in record.facts)
    mentions = tuple(tagged if m.id == first.id else m for m in record.mentions)
    return dataclasses.replace(record, mentions=mentions, facts=facts,
                               support=support, derivations=derivations)


def test_support_dossier_json_reads_it_from_the_record() -> None:
    record = marked(make_record())
    data = to_json(record)
    assert [f["support"]["summary"] for f in data["facts"]] == [
        f"MARK {f.id}" for f in record.facts]
    first = data["facts"][0]["mentions"]
    assert all("said_by_kind" in m and "said_by_cue" in m for m in first)
    ident = record.facts[0].mentions[0].id
    tagged = [m for f in data["facts"] for m in f["mentions"] if m["id"] == ident]
    assert tagged
    assert all((m["said_by_kind"], m["said_by_cue"]) == ("named", "said") for m in tagged)
    derived = {d["id"]: d["derived_from"] for d in data["documents"]}
    assert derived[record.documents[1].id] == {
        "doc": record.documents[0].id, "share": 0.5, "paragraphs": 2, "of": 4, "kind": "partial"}


def test_support_page_reads_it_from_the_record() -> None:
    record = marked(make_record())
    page = render_index(record)
    assert all(f"MARK {f.id}" in page for f in record.facts)
    assert "partial copy, 50% of its words copied" in page


def test_support_record_sqlite_stores_what_the_record_holds(tmp_path: Path) -> None:
    record = marked(make_record())
    write_record(record, tmp_path / "record.sqlite")
    again = read_record(tmp_path / "record.sqlite")
    assert again.support == record.support
    assert again.derivations == record.derivations


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ([], [], set()),
        ([], [("b", "a")], {"a", "b"}),
        ([("b", "a")], [("b", "a")], set()),
        # c joins a's group: a, b and c may all read a new label
        ([("b", "a")], [("b", "a"), ("c", "a")], {"a", "b", "c"}),
        # b moves from a to d: both groups change
        ([("b", "a"), ("c", "a")], [("b", "d")], {"a", "b", "c", "d"}),
    ],
)
def test_support_changed_docs(old: list[tuple[str, str]], new: list[tuple[str, str]],
                              expected: set[str]) -> None:
    def derivations(pairs: list[tuple[str, str]]) -> list[Derivation]:
        return [Derivation(doc, source, 1.0, 3, 3) for doc, source in pairs]

    assert changed_docs(derivations(old), derivations(new)) == expected


def test_support_serialiser_round_trips() -> None:
    record = supported(make_record())
    for s in record.support or ():
        data = serialise.support(s)
        assert data is not None
        assert serialise.support_from_json(s.fact, json.loads(json.dumps(data))) == s


def test_support_stage_leaves_a_record_beyond_the_limit_alone() -> None:
    record = make_record()
    assert supported(record, limit=len(record.documents) - 1) is record
    assert supported(record, limit=len(record.documents)).support is not None


def _add_gives_the_build(tmp_path: Path, late: str, *flags: str) -> tuple[Record, Record]:
    """Build the corpus without ``late``, add it in place; and build the whole corpus
    (``flags``: for the builds; the addition keeps the settings its record was built with)."""
    base = tmp_path / "base"
    shutil.copytree(FIXTURES, base)
    held = tmp_path / "late"
    held.mkdir()
    shutil.copy(FIXTURES / "sources.csv", held / "sources.csv")  # its metadata, as in a build
    (late_file,) = base.glob(f"{late}.*")
    shutil.move(late_file, held / late_file.name)
    subprocess.run([*CLI, "build", str(base), "--out", str(tmp_path / "added"), "--quiet",
                    *flags], check=True, capture_output=True, cwd=tmp_path)
    done = subprocess.run([*CLI, "add", str(tmp_path / "added"), str(held / late_file.name)],
                          check=True, capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.startswith("added 1 report"), (done.stdout, done.stderr)
    shutil.move(held / late_file.name, base / late_file.name)
    subprocess.run([*CLI, "build", str(base), "--out", str(tmp_path / "built"), "--quiet",
                    *flags], check=True, capture_output=True, cwd=tmp_path)
    return (read_record(tmp_path / "added" / "record.sqlite"),
            read_record(tmp_path / "built" / "record.sqlite"))


@pytest.mark.parametrize("late", [ORIGINAL, REPRINT])
def test_support_added_in_place_equals_a_build(tmp_path: Path, late: str) -> None:
    """A report added in place changes derivations (the original added after its reprints
    becomes their source) and the support of facts outside the events it joins."""
    added, built = _add_gives_the_build(tmp_path, late)
    assert added.derivations == built.derivations
    assert {d.doc for d in added.derivations or ()} >= {REPRINT}
    assert _by_mentions(added) == _by_mentions(built)


def _by_mentions(record: Record) -> dict[frozenset[str], Support]:
    """Each fact's support, keyed by the mentions it cites (an event's id, and so a
    fact's, may differ between an addition and a build)."""
    cites = {f.id: frozenset(m.id for m in f.mentions) for f in record.facts}
    return {cites[s.fact]: dataclasses.replace(s, fact="") for s in record.support or ()}


def test_support_an_addition_past_the_limit_drops_it_as_a_build_would(tmp_path: Path) -> None:
    """Four reports are within a limit of four (support kept); the fifth, added in place,
    takes the record past it: no support, as in a build of the five."""
    cfg = tmp_path / "small.cfg"
    cfg.write_text("[corroborator]\npage_max_reports = 4\n")
    added, built = _add_gives_the_build(tmp_path, REPRINT, "--settings", str(cfg))
    assert (built.derivations, built.support) == (None, None)
    assert (added.derivations, added.support) == (None, None)
    with closing(sqlite3.connect(tmp_path / "added" / "record.sqlite")) as con:
        assert con.execute("SELECT count(*) FROM derivations").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM facts WHERE support IS NOT NULL"
                           ).fetchone() == (0,)


def test_support_mention_serialiser_is_one_for_the_three_outputs(tmp_path: Path) -> None:
    """A mention's fields in dossier.json, in record.sqlite and in the web app's JSON come
    from one serialiser: the same names, and each output's values of them agree."""
    record = marked(make_record())
    m = record.facts[0].mentions[0]
    in_json = next(x for f in to_json(record)["facts"] for x in f["mentions"] if x["id"] == m.id)
    write_record(record, tmp_path / "r.db")
    with closing(sqlite3.connect(tmp_path / "r.db")) as con:
        con.row_factory = sqlite3.Row
        row = dict(con.execute("SELECT * FROM mentions WHERE id = ?", (m.id,)).fetchone())
    assert set(serialise.mention(m)) == set(row) - {"fact", "event"}
    assert set(in_json) >= set(serialise.mention(m))
    for key in ("said_by", "said_by_kind", "said_by_cue", "text", "doc", "sentence"):
        assert in_json[key] == row[key] == serialise.mention(m)[key]


def test_support_dossier_mentions_keep_their_change_and_clock() -> None:
    record = make_record()
    m = dataclasses.replace(record.mentions[0], extra={"change": {"from": 30.0, "to": 34.0}})
    assert serialise.mention_json(m)["change"] == {"from": 30, "to": 34}
    assert "clock" not in serialise.mention_json(m)
