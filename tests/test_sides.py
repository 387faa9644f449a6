"""A fact's sides and disputes through a real build: dossier.json, record.sqlite, the web page.

The corpus (tests/fixtures/dispute) is written for these tests: three reports of one march
whose crowd the police put at 12,000 and the organisers at 40,000.
"""

import json
import sqlite3

import pytest
from records import build_fixture

from corroborator.models import Mention
from corroborator.reconcile.sides import describe, sides


def _mention(doc, value, said_by=None, text=None):
    return Mention(id=f"{doc}-{value}-{said_by}", doc=doc, kind="count", value=float(value),
                   unit=None, text=text or f"{value:,}", start=0, end=1, sentence="s",
                   sent_start=0, sent_end=1, said_by=said_by)


def test_sides_group_values_with_their_sources_most_reports_first():
    ms = [_mention("a", 12000, "Police"), _mention("b", 40000, "organisers"),
          _mention("c", 40000, "Organisers"), _mention("d", 40000)]
    found = sides(ms)
    assert [(s.text, s.sources, s.docs, s.own_voice) for s in found] == [
        ("40,000", ("organisers",), ("b", "c", "d"), 1), ("12,000", ("Police",), ("a",), 0)]
    assert describe(ms) == "40,000 (organisers) vs 12,000 (Police)"


def test_sides_without_sources_count_reports():
    assert describe([_mention("a", 33000), _mention("b", 33000), _mention("c", 32000)]) == (
        "33,000 (2 reports) vs 32,000 (1 report)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("dispute", tmp_path_factory.mktemp("dispute"))


def _crowd(facts):
    return next(f for f in facts if {m["value"] for m in f["mentions"]} == {12000, 40000})


def test_sides_dossier_marks_the_dispute_and_each_source_figure(built):
    fact = _crowd(json.loads((built / "dossier.json").read_text())["facts"])
    assert fact["status"] == "conflict" and fact["dispute"] is True
    assert fact["reason"].startswith("disputed: ")
    by_value = {v["value"]: v for v in fact["values"]}
    assert [s.casefold() for s in by_value[12000]["said_by"]] == ["police"]
    assert [s.casefold() for s in by_value[40000]["said_by"]] == ["organisers"]
    assert set(by_value[40000]["documents"]) == {"coastal-times", "evening-post"}


def test_sides_sqlite_facts_carry_values_and_sources_to_facet_on(built):
    with sqlite3.connect(built / "record.sqlite") as db:
        rows = db.execute("select dispute, n_values, stated_values, sources from facts "
                          "where status = 'conflict'").fetchall()
    assert len(rows) == 1
    dispute, n_values, stated, sources = rows[0]
    assert (dispute, n_values) == (1, 2)
    assert sorted(json.loads(stated)) == ["12,000", "40,000"]
    assert {s.casefold() for s in json.loads(sources)} == {"police", "organisers"}


def test_sides_web_fact_page_shows_the_dispute_side_by_side(built):
    from wsgiref.util import setup_testing_defaults

    from corroborator.web import make_app, urls

    app = make_app(built / "record.sqlite")
    fact = _crowd(json.loads((built / "dossier.json").read_text())["facts"])
    environ: dict = {}
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "127.0.0.1"
    environ["PATH_INFO"] = urls.fact(fact["id"])
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
    page = body.decode()
    assert status[0].startswith("200")
    assert "Disputed: each source" in page and "disputed: " in page
    assert "12,000" in page and "40,000" in page


def test_sides_one_source_named_two_ways_is_one_source():
    ms = [_mention("a", 23, "Nayib Bukele"), _mention("b", 23, "Bukele"), _mention("c", 21, "Homan")]
    assert describe(ms) == "23 (Nayib Bukele) vs 21 (Homan)"


def test_sides_a_conflict_is_supported_by_its_leading_value_only(built):
    fact = _crowd(json.loads((built / "dossier.json").read_text())["facts"])
    leading = set(fact["values"][0]["documents"])
    assert set(fact["support"]["sources"][0]["documents"]) <= leading
    assert sum(len(s["documents"]) for s in fact["support"]["sources"]) == len(leading)
