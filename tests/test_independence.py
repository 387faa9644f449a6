"""Tests for corroborator.reconcile.independence: copied reports are one source, not several.

The fixtures (tests/fixtures/independence, all written for these tests) are one
wire story and what outlets did with it:

    lpa-original            the Lakeside Press Agency story (10 March)
    valley-times-reprint    verbatim, with text clutter (ads, share links, teasers)
    coast-courier-reprint   verbatim, as an HTML page with its own clutter
    harbour-herald-rewrite  three of its paragraphs kept, the rest rewritten or new
    north-star-independent  the same event, reported separately
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from corroborator.clean.clutter import clean_reports
from corroborator.ingest.reports import iter_reports
from corroborator.models import CleanDoc, RawDoc, Source
from corroborator.reconcile.independence import (
    Derivation,
    find_derivations,
    independent_groups,
    minhash,
    paragraphs,
    support,
    wire_credit,
)

FIXTURES = Path(__file__).parent / "fixtures" / "independence"
ORIGINAL = "lpa-original"
REPRINTS = ("coast-courier-reprint", "valley-times-reprint")
REWRITE = "harbour-herald-rewrite"
INDEPENDENT = "north-star-independent"
pytestmark = pytest.mark.issue(6)


@pytest.fixture(scope="module")
def docs() -> list[CleanDoc]:
    raw = [d for d in iter_reports([FIXTURES]) if isinstance(d, RawDoc)]
    assert len(raw) == 5
    return clean_reports(raw)


@pytest.fixture(scope="module")
def derivations(docs: list[CleanDoc]) -> list[Derivation]:
    return find_derivations(docs)


def by_doc(derivations: list[Derivation]) -> dict[str, Derivation]:
    return {d.doc: d for d in derivations}


def make_doc(ident: str, text: str, *, published: str | None = None,
             outlet: str | None = None) -> CleanDoc:
    raw = RawDoc(ident, f"{ident}.txt", "txt", text, Source(outlet=outlet, published=published),
                 "0" * 64)
    return CleanDoc(raw, text)


# --- derivations -------------------------------------------------------------------


def test_independence_reprints_derive_from_the_original(derivations: list[Derivation]) -> None:
    found = by_doc(derivations)
    for reprint in REPRINTS:
        assert found[reprint].source_doc == ORIGINAL
        assert found[reprint].share >= 0.9
        assert found[reprint].kind == "reprint"


def test_independence_partial_rewrite_is_caught(derivations: list[Derivation]) -> None:
    rewrite = by_doc(derivations)[REWRITE]
    assert rewrite.source_doc == ORIGINAL
    assert rewrite.kind == "partial"
    assert rewrite.paragraphs == 3
    assert 0.3 <= rewrite.share <= 0.6


def test_independence_separate_report_derives_from_nothing(
        derivations: list[Derivation]) -> None:
    assert INDEPENDENT not in by_doc(derivations)
    assert ORIGINAL not in by_doc(derivations)
    assert all(d.source_doc != INDEPENDENT for d in derivations)


def test_independence_groups(docs: list[CleanDoc], derivations: list[Derivation]) -> None:
    groups = independent_groups(docs, derivations)
    assert sorted(groups, key=len) == [
        (INDEPENDENT,),
        (ORIGINAL, "coast-courier-reprint", REWRITE, "valley-times-reprint"),
    ]


def test_independence_earlier_report_is_the_source(docs: list[CleanDoc]) -> None:
    """Dates decide the direction, whatever the order the reports come in."""
    original = next(d for d in docs if d.id == ORIGINAL)
    reprint = next(d for d in docs if d.id == "valley-times-reprint")
    earlier = replace(reprint, raw=replace(reprint.raw, source=Source(published="2025-03-01")))
    [found] = find_derivations([original, earlier])
    assert (found.doc, found.source_doc) == (ORIGINAL, "valley-times-reprint")


def test_independence_undated_copy_derives_from_the_longer(docs: list[CleanDoc]) -> None:
    original = next(d for d in docs if d.id == ORIGINAL)
    text = original.text
    trimmed = text[: text.index("Geologists from the council")]
    undated = [make_doc("zz-full", text), make_doc("aa-trimmed", trimmed)]
    [found] = find_derivations(undated)
    assert (found.doc, found.source_doc, found.share) == ("aa-trimmed", "zz-full", 1.0)


def test_independence_one_shared_paragraph_is_no_derivation() -> None:
    quote = ('"We are lucky this happened at night and not at the morning peak," said '
             "Coastway's chief engineer, Ruth Anders, on Monday.")
    a = make_doc("a", "The coast line is shut after a landslide near Gull Point that buried the "
                 "track on Sunday morning.\n\n" + quote, published="2025-03-10")
    b = make_doc("b", "Engineers began clearing rock from the railway at Gull Point as buses "
                 "replaced trains for commuters.\n\n" + quote, published="2025-03-11")
    assert find_derivations([a, b]) == []


def test_independence_lightly_edited_paragraphs_still_match() -> None:
    paras = [
        ("A landslide early on Sunday buried 120 metres of the coastal railway between Port "
         "Ellis and Marren, the operator said."),
        ("About 9,000 passengers use the line on a weekday, most of them commuters travelling "
         "into Port Ellis every morning."),
        ("Replacement buses will run every 15 minutes from Tuesday and add about 40 minutes to "
         "the journey, Coastway said."),
    ]
    edited = [p.replace("Sunday", "Sunday morning").replace("Coastway said", "the firm said")
              for p in paras]
    a = make_doc("a", "\n\n".join(paras), published="2025-03-10")
    b = make_doc("b", "\n\n".join(edited), published="2025-03-11")
    [found] = find_derivations([a, b])
    assert (found.doc, found.source_doc, found.paragraphs) == ("b", "a", 3)


# --- paragraphs and signatures -------------------------------------------------------


def test_independence_paragraphs_of_hard_wrapped_text() -> None:
    text = ("A landslide early on Sunday buried 120 metres of the coastal railway\n"
            "between Port Ellis and Marren, and the line will stay closed for up to\n"
            "six weeks, the rail operator Coastway said on Monday.\n\n"
            "Short line\n"
            "About 9,000 passengers use the line on a weekday, most of them commuters.\n")
    found = paragraphs(make_doc("w", text))
    assert [p.words for p in found] == [35, 14]  # "Short line" is too short to compare
    assert text[found[0].start:found[0].end].endswith("said on Monday.")


def test_independence_minhash_estimates_jaccard() -> None:
    a = set(range(1000))
    b = set(range(500, 1500))  # Jaccard 1/3
    estimate = float(np.mean(minhash(a) == minhash(b)))
    assert abs(estimate - 1 / 3) < 0.12
    assert np.array_equal(minhash(a), minhash(sorted(a)))


def test_independence_no_reports() -> None:
    assert find_derivations([]) == []
    assert independent_groups([], []) == []


# --- support ---------------------------------------------------------------------------


def test_independence_support_of_a_wire_story(docs: list[CleanDoc],
                                              derivations: list[Derivation]) -> None:
    result = support([ORIGINAL, *REPRINTS], derivations, docs=docs)
    assert (result["outlets"], result["independent"]) == (3, 1)
    assert result["summary"] == "3 outlets, 1 independent source (LPA wire)"
    [source] = result["sources"]
    assert source["origin"] == ORIGINAL
    assert source["documents"] == sorted([ORIGINAL, *REPRINTS])


def test_independence_support_without_the_original(docs: list[CleanDoc],
                                                   derivations: list[Derivation]) -> None:
    """Two reprints of a wire story not stating the fact themselves are still one source."""
    result = support([*REPRINTS, REWRITE], derivations, docs=docs)
    assert result["summary"] == "3 outlets, 1 independent source (LPA wire)"


def test_independence_support_counts_separate_reporting(
        docs: list[CleanDoc], derivations: list[Derivation]) -> None:
    result = support([ORIGINAL, REWRITE, INDEPENDENT], derivations, docs=docs)
    assert (result["outlets"], result["independent"]) == (3, 2)
    assert result["summary"] == "3 outlets, 2 independent sources (LPA wire; North Star Gazette)"


def test_independence_support_one_outlet_is_one_source() -> None:
    a = make_doc("a", "x", outlet="Harbour Gazette")
    b = make_doc("b", "y", outlet="Harbour Gazette")
    result = support(["a", "b"], [], docs=[a, b])
    assert (result["outlets"], result["independent"]) == (1, 1)


@pytest.mark.issue(18)
def test_independence_support_without_outlets_counts_reports_not_outlets() -> None:
    """Without metadata a report is not an outlet, and its file name names no source."""
    result = support(["a", "b", "c"], [Derivation("b", "a", 1.0, 5, 5)])
    assert (result["outlets"], result["reports"], result["independent"]) == (None, 3, 2)
    assert result["summary"] == "3 reports (outlets unknown), 2 independent sources"


@pytest.mark.parametrize(("text", "wire"), [
    ("Headline\n\nPORT ELLIS (LPA) — A landslide buried the line.", "LPA"),
    ("LONDON (Reuters) - Shares fell on Monday.", "Reuters"),
    ("WASHINGTON, D.C. (The Associated Press) — The Senate voted.", "AP"),
    ("The mayor (Labour) said the line would reopen.", None),
    ("Coastway (the operator) — said nothing.", None),
])
def test_independence_wire_credit(text: str, wire: str | None) -> None:
    assert wire_credit(text) == wire
