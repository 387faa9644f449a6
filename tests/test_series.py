"""Figures over time (issue 14): one slot restated at different times is a series, never a
conflict. The corpus (tests/fixtures/series) is written for these tests: three reports of one
flood whose death toll is stated as of three days."""

import json
import sqlite3

import pytest
from records import build_fixture

from corroborator.models import Fact, Mention
from corroborator.reconcile.series import fact_time, find_series


def _fact(ident, value, time, *, head="people", event="e1", kind="count", frame=("kill",)):
    m = Mention(id=f"m{ident}", doc=f"d{ident}", kind=kind, value=float(value), unit=None,
                text=str(value), start=0, end=1, sentence="s", sent_start=0, sent_end=1,
                head=head, time=time, frame=frame)
    return Fact(id=ident, event=event, label="People (kill)", subject=None, kind=kind,
                status="single", mentions=(m,), value=float(value))


def test_series_orders_one_slot_by_its_times():
    facts = [_fact("b", 860, "2025-06-04"), _fact("a", 90, "2025-06-03"),
             _fact("c", 2100, "2025-06-17")]
    (found,) = find_series(facts)
    assert [(p.time, p.value, p.fact) for p in found.points] == [
        ("2025-06-03", 90.0, "a"), ("2025-06-04", 860.0, "b"), ("2025-06-17", 2100.0, "c")]


@pytest.mark.parametrize("other", [
    _fact("b", 860, "2025-06-04", head="house"),  # another counted noun
    _fact("b", 860, "2025-06-04", event="e2"),  # another event
    _fact("b", 860, None),  # no stated time
    _fact("b", 860, "2025-06-04", frame=("miss",)),  # people missing, not people killed
])
def test_series_needs_one_event_one_slot_and_two_times(other):
    assert find_series([_fact("a", 90, "2025-06-03"), other]) == []


def test_series_fact_time_is_the_one_time_its_mentions_state():
    fact = _fact("a", 90, "2025-06-03")
    untimed = Mention(**{**{f: getattr(fact.mentions[0], f) for f in Mention.__slots__},
                         "id": "m2", "time": None})
    assert fact_time(Fact(**{**{f: getattr(fact, f) for f in Fact.__slots__},
                             "mentions": (fact.mentions[0], untimed)})) == "2025-06-03"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("series", tmp_path_factory.mktemp("series"))


def test_series_a_rising_toll_is_a_history_not_a_conflict(built):
    dossier = json.loads((built / "dossier.json").read_text())
    tolls = [f for f in dossier["facts"] if {m["value"] for m in f["mentions"]} & {90, 860, 2100}]
    assert all(f["status"] != "conflict" for f in tolls)
    (series,) = [s for s in dossier["series"] if {p["value"] for p in s["points"]} >= {90, 2100}]
    assert [(p["time"], p["value"]) for p in series["points"]] == [
        ("2025-06-03", 90), ("2025-06-04", 860), ("2025-06-05", 2100)]
    assert {f["id"] for f in tolls if f["series"] == series["id"]} == {
        p["fact"] for p in series["points"]}


def test_series_sqlite_keeps_the_history(built):
    with sqlite3.connect(built / "record.sqlite") as db:
        rows = db.execute("select points, facts from series").fetchall()
    assert len(rows) == 1
    points = json.loads(rows[0][0])
    assert [p["value"] for p in points] == [90, 860, 2100]
    assert len(json.loads(rows[0][1])) == 3


def test_series_datelines_are_not_dated_claims(built):
    """"MARROW, June 3 - ..." says when a report was filed: no date mention, so no conflict
    between the filing dates of reports written on different days."""
    dossier = json.loads((built / "dossier.json").read_text())
    dated = [m for f in dossier["facts"] if f["kind"] == "date" for m in f["mentions"]]
    assert dated and not any(m["sentence"].startswith("MARROW, ")
                             and m["sentence"].index(m["text"]) < len("MARROW, June 3")
                             for m in dated)
    assert all(f["status"] != "conflict" for f in dossier["facts"])
