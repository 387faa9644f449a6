"""Tests for corroborator.clean.clutter: clutter goes, story stays, offsets map back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborator.clean.clutter import clean_reports, clean_text, find_boilerplate
from corroborator.ingest.reports import iter_reports
from corroborator.models import CleanDoc, RawDoc, Source
from corroborator.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
CORPUS = Path(__file__).parents[2] / "shared" / "corpus"
GOLD_CORPORA = sorted(p.parent for p in CORPUS.glob("*/gold.yaml")) if CORPUS.is_dir() else []
SENTENCE = "The council said on Monday that 42 sailings had been cancelled because of the strike."

# Shapes of clutter that no report in any corpus should keep after cleaning. This
# is what the tests expect, not what the cleaner looks for.
CLUTTER = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^[-–—\s]*advertisement[-–—\s]*$",
        r"^\d+\s+comments?$",
        r"^this will close in \d+ seconds$",
        r"^\d+\s+min(ute)?s?\s+read$",
        r"^about the author$",
        r"^also read\s*[–—:-]",
        r"^!\[\]\(\)",
    )
]


def raw_doc(text: str, doc_id: str = "doc", fmt: str = "txt") -> RawDoc:
    return RawDoc(doc_id, f"{doc_id}.{fmt}", fmt, text, Source(), sha256="0" * 64)


def fixture_docs() -> list[RawDoc]:
    return [d for d in iter_reports([FIXTURES]) if isinstance(d, RawDoc)]


def cleaned_fixture(doc_id: str) -> CleanDoc:
    return {d.id: d for d in clean_reports(fixture_docs())}[doc_id]


def assert_maps_back(raw: str, text: str, segments: tuple[tuple[int, int, int], ...]) -> None:
    """Every cleaned character is the raw character that to_raw points at, in order."""
    doc = CleanDoc(raw=raw_doc(raw), text=text, segments=segments)
    positions = [doc.to_raw(i) for i in range(len(text))]
    assert all(raw[p] == ch for p, ch in zip(positions, text, strict=True))
    assert positions == sorted(set(positions))  # strictly increasing: raw order kept
    covered = 0
    for clean_start, raw_start, length in segments:
        assert clean_start == covered and length > 0
        assert text[clean_start : clean_start + length] == raw[raw_start : raw_start + length]
        covered += length
    assert covered == len(text)


def squash(text: str) -> str:
    """Whitespace collapsed and quote marks unified, to compare anchors with text."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


# --- clutter removed -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Home › Regional › Transport", "navigation"),
        ("3 min read", "interface counter"),
        ("![](https://img.example.org/ferry.jpg) |", "markup residue"),
        ("— ADVERTISEMENT —", "decorated label"),
        (
            "Related: Council Votes to Expand Night Bus Network Across Northern Suburbs",
            "link teaser",
        ),
        ("Get the Morning Briefing delivered to your inbox", "boilerplate repeated in 2 reports"),
        ("12 Comments", "interface counter"),
        ("Share this article", "interface text"),
        ("About the author", "interface text"),
    ],
)
def test_clean_removes_clutter_line(line: str, reason: str) -> None:
    doc = cleaned_fixture("ferry-strike")
    assert line in doc.raw.text
    assert line not in doc.text
    assert (line, reason) in [(r.text, r.reason) for r in doc.removed]


@pytest.mark.parametrize(
    ("text", "removed", "reason"),
    [
        (f"{SENTENCE}\n\n- Advertisement -\n\n{SENTENCE}", "- Advertisement -", "decorated label"),
        (f"{SENTENCE}\n[Sponsored]\n{SENTENCE}", "[Sponsored]", "decorated label"),
        (f"{SENTENCE}\n\n8 Comments", "8 Comments", "interface counter"),
        (f"{SENTENCE}\n\n1.2K Shares", "1.2K Shares", "interface counter"),
        (f"Headline\n\n4 Min Read\n\n{SENTENCE}", "4 Min Read", "interface counter"),
        (
            f"{SENTENCE}\n\nThis will close in 20 seconds",
            "This will close in 20 seconds",
            "interface counter",
        ),
        (
            f"{SENTENCE}\n\nSubscribe to our newsletter\n\n{SENTENCE}",
            "Subscribe to our newsletter",
            "interface text",
        ),
        (f"{SENTENCE}\n\nAbout The Author", "About The Author", "interface text"),
        (f"![]() |\nHeadline of the day\n{SENTENCE}", "![]() |", "markup residue"),
        (f"{SENTENCE}\n* * *\n{SENTENCE}", "* * *", "markup residue"),
        (f"{SENTENCE}\n<br/>\n{SENTENCE}", "<br/>", "markup residue"),
        (
            f"{SENTENCE}\nAlso Read – Anti-Corruption Panel Backs New Port Tariffs\n{SENTENCE}",
            "Also Read – Anti-Corruption Panel Backs New Port Tariffs",
            "link teaser",
        ),
        (
            f"{SENTENCE}\nMore: Seven Cheap Weekend Breaks Within Reach of the Capital\n{SENTENCE}",
            "More: Seven Cheap Weekend Breaks Within Reach of the Capital",
            "link teaser",
        ),
        (
            (
                f"{SENTENCE}\nTrending Now: Celebrity Chef Opens Floating Restaurant in Lisbon Harbour"
                f"\n{SENTENCE}"
            ),
            "Trending Now: Celebrity Chef Opens Floating Restaurant in Lisbon Harbour",
            "link teaser",
        ),
        (
            f"{SENTENCE}\nStory continues below advertisement\n{SENTENCE}",
            "Story continues below advertisement",
            "interface text",
        ),
        (
            f"{SENTENCE}\nUpdated 3 hours ago\n{SENTENCE}",
            "Updated 3 hours ago",
            "interface counter",
        ),
        (
            f"{SENTENCE}\n(Photo by Jane Doe/Harbour Images)\n{SENTENCE}",
            "(Photo by Jane Doe/Harbour Images)",
            "photo credit",
        ),
        (
            f"{SENTENCE}\nRELATED: Mayor backs plan for a second harbour tunnel\n{SENTENCE}",
            "RELATED: Mayor backs plan for a second harbour tunnel",
            "link teaser",
        ),
        (
            f"{SENTENCE}\n\nTags: transport, strikes, ferries",
            "Tags: transport, strikes, ferries",
            "after the end of the story",
        ),
        (
            f"{SENTENCE}\n\n© 2025 The Coastal Ledger",
            "© 2025 The Coastal Ledger",
            "copyright notice",
        ),
        (f"{SENTENCE}\n- Anzeige -\n{SENTENCE}", "- Anzeige -", "decorated label"),
        (
            f"{SENTENCE}\nHarbour pilots walk out over night-shift pay [VIDEO]\n{SENTENCE}",
            "Harbour pilots walk out over night-shift pay [VIDEO]",
            "link teaser",
        ),
        (
            f"{SENTENCE}\nSubscribe to the Harbour Briefing newsletter\n{SENTENCE}",
            "Subscribe to the Harbour Briefing newsletter",
            "newsletter sign-up",
        ),
        (  # a sign-up prompt reads as a sentence, yet it is not the story's
            (
                f"{SENTENCE}\nGet the day's ferry news delivered to your inbox by subscribing "
                f"to our newsletter.\n{SENTENCE}"
            ),
            "Get the day's ferry news delivered to your inbox by subscribing to our newsletter.",
            "newsletter sign-up",
        ),
    ],
)
def test_clean_removes_clutter_kind(text: str, removed: str, reason: str) -> None:
    cleaned, spans, segments = clean_text(text)
    assert removed not in cleaned
    assert [(r.text, r.reason) for r in spans] == [(removed, reason)]
    assert all(text[r.start : r.end] == r.text for r in spans)
    assert_maps_back(text, cleaned, segments)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Headline |\n\n{SENTENCE} |", f"Headline\n\n{SENTENCE}"),
        (f"| {SENTENCE}", SENTENCE),
        (f"{SENTENCE} ![](x.png) {SENTENCE}", f"{SENTENCE} {SENTENCE}"),
        (f"## Subhead\n{SENTENCE}", f"Subhead\n{SENTENCE}"),
    ],
)
def test_clean_trims_residue_inside_a_line(text: str, expected: str) -> None:
    cleaned, removed, segments = clean_text(text)
    assert cleaned == expected
    assert removed and all(text[r.start : r.end] == r.text for r in removed)
    assert_maps_back(text, cleaned, segments)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{SENTENCE}\n\n\n\n\n{SENTENCE}", f"{SENTENCE}\n\n{SENTENCE}"),
        (f"\n\n  \n{SENTENCE}\n \t\n\n", SENTENCE),
        (f"{SENTENCE}\n{SENTENCE}", f"{SENTENCE}\n{SENTENCE}"),
        (f"{SENTENCE}\n\n- Advertisement -\n\n{SENTENCE}", f"{SENTENCE}\n\n{SENTENCE}"),
        (f"{SENTENCE}\n- Advertisement -\n{SENTENCE}", f"{SENTENCE}\n{SENTENCE}"),
        (f"   {SENTENCE}   \n", SENTENCE),
    ],
)
def test_clean_collapses_blank_lines(text: str, expected: str) -> None:
    cleaned, _, segments = clean_text(text)
    assert cleaned == expected
    assert_maps_back(text, cleaned, segments)


# --- story kept ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Ferry crews walk out over rota changes, stranding 9,000 passengers",  # headline
        "Why the rota matters",  # subhead
        '"We want the boats running again by the weekend," she said.',  # short quote
        "Talks broke down late on Monday.",  # short sentence
        "Lena Ostrova covers transport and infrastructure for the Ledger.",  # a sentence
    ],
)
def test_clean_keeps_story_lines(line: str) -> None:
    assert line in cleaned_fixture("ferry-strike").text


@pytest.mark.parametrize(
    "text",
    [
        # a headline at the top, even one shaped like "label: Headline"
        f"Inside the Port: How Night Shifts Came to Dominate the Docks\n\n{SENTENCE}",
        # subheads in the body, short or title-cased, with or without a label
        f"{SENTENCE}\nWhy the rota matters\n{SENTENCE}",
        f"{SENTENCE}\nInside the Strike: The Council Ferries and Their Sailings\n{SENTENCE}",
        f"{SENTENCE}\nThe Night Sailings the Council Cancelled\n{SENTENCE}",
        # sentences made of clutter-like words
        "Advertisement revenue fell by 12 percent in the quarter, the company said on Monday.",
        "8 comments posted under the minister's video were deleted by the moderators, he said.",
        "Share prices of the ferry operator dropped by a third on Monday, analysts said.",
        # short non-sentence lines that carry a fact
        f"{SENTENCE}\n42 sailings cancelled\n{SENTENCE}",
        # a speaker label introducing a quote
        f"{SENTENCE}\nMINISTER:\n{SENTENCE}",
        # markdown emphasis and section words that are interface words only with a number
        f"{SENTENCE}\n**Why it matters**\n{SENTENCE}",
        f"{SENTENCE}\nReactions\n{SENTENCE}",
        # a label that is part of the story, before a headline about the story
        f"{SENTENCE}\nHome Secretary: Council Must Restore the Cancelled Sailings\n{SENTENCE}",
        # a citation in brackets, a title in angle brackets, a turn of an interview
        f"{SENTENCE}\n[Coastal Ledger]\n{SENTENCE}",
        f"<Inside the Port: A Night on the Docks>\n\n{SENTENCE}",
        f"{SENTENCE}\nA: Brannock Fish Market, Kelda Quay and Skerrow Rocks\n{SENTENCE}",
        f"{SENTENCE}\nThe minister said the sailing figures were plainly wrong [sic]\n{SENTENCE}",
        # a sentence about a newsletter that does not ask the reader to sign up
        "The council said residents could subscribe to its newsletter for timetable changes.",
    ],
)
def test_clean_keeps_headlines_subheads_and_sentences(text: str) -> None:
    cleaned, removed, segments = clean_text(text)
    assert cleaned == text
    assert removed == ()
    assert segments == ((0, 0, len(text)),)


def test_clean_never_removes_a_sentence_even_if_boilerplate() -> None:
    text = f"Headline\n{SENTENCE}\n{SENTENCE}"
    cleaned, removed, _ = clean_text(text, boilerplate=frozenset({SENTENCE}))
    assert cleaned == text
    assert removed == ()


def test_clean_keeps_table_rows() -> None:
    """Cells joined by pipes are a table, not a menu: only the edge pipes go."""
    text = f"{SENTENCE}\n| Pos | Skipper | Points |\n| 1 | Lena Ostrova | 5040 |\n{SENTENCE}"
    cleaned, removed, segments = clean_text(text)
    assert "Pos | Skipper | Points" in cleaned
    assert "1 | Lena Ostrova | 5040" in cleaned
    assert {r.reason for r in removed} == {"table-pipe residue"}
    assert_maps_back(text, cleaned, segments)


def test_clean_removes_repeated_headline() -> None:
    text = f"Ferry strike ends\n{SENTENCE}\nFerry strike ends\n{SENTENCE}"
    cleaned, removed, _ = clean_text(text)
    assert cleaned == f"Ferry strike ends\n{SENTENCE}\n{SENTENCE}"
    assert [(r.text, r.reason) for r in removed] == [("Ferry strike ends", "headline repeated")]


# --- after the end of the story ------------------------------------------------------------

TOUR_LINES = (
    "Harbour Band announces anniversary tour",
    "",
    SENTENCE,
    "The band will play eight dates next summer, its promoter said on Monday afternoon.",
    "Tour dates:",
    "June 9 – Port Ansel, Harbour Arena",
    "June 12 – Brannock, Fish Market Hall",
    "June 15 – Kelda, Skerrow Rocks Amphitheatre",
    "Tags: music, tours, summer",
    "reporter@ledger.example",
    "You may also like:",
    "Council Votes to Expand Night Bus Network",
    "Library Reopens With a New Children's Floor",
)
TOUR = "\n".join(TOUR_LINES)
TOUR_LIST = ["Tour dates:", "June 9 – Port Ansel, Harbour Arena", "June 15 – Kelda, Skerrow"]
TOUR_CLOSE = [
    ("Tags: music, tours, summer", "after the end of the story"),
    ("reporter@ledger.example", "after the end of the story"),
    ("You may also like:", "link teaser"),
    ("Council Votes to Expand Night Bus Network", "link teaser"),
    ("Library Reopens With a New Children's Floor", "link teaser"),
]


def test_clean_extracted_article_keeps_its_lists_after_the_end() -> None:
    """An extracted article's own list stays; the fields, links and teasers closing it go."""
    cleaned, removed, segments = clean_text(TOUR, extracted=True)
    assert all(line in cleaned for line in TOUR_LIST)
    assert [(r.text, r.reason) for r in removed] == TOUR_CLOSE
    assert_maps_back(TOUR, cleaned, segments)


def test_clean_scraped_page_drops_short_lines_after_the_end() -> None:
    """A scraped page goes on with its furniture: every short line after the story goes."""
    cleaned, removed, _ = clean_text(TOUR)
    assert not any(line in cleaned for line in TOUR_LIST)
    assert {r.reason for r in removed} == {"after the end of the story"}


def test_clean_extracted_article_keeps_a_link_under_each_item() -> None:
    """A link belongs to its list item; only the run of links that closes the text goes."""
    items = "\n".join(f"{n}) Harbour cruise {n}\nhttps://tickets.example/{n}" for n in (1, 2))
    text = f"Headline\n{SENTENCE}\n{items}\nhttps://ledger.example/ferries"
    cleaned, removed, _ = clean_text(text, extracted=True)
    assert "https://tickets.example/1" in cleaned
    assert [r.text for r in removed] == [
        "https://tickets.example/2",
        "https://ledger.example/ferries",
    ]


@pytest.mark.parametrize(("fmt", "kept"), [("html", True), ("json", True), ("txt", False)])
def test_clean_reports_reads_the_format(fmt: str, kept: bool) -> None:
    """HTML and JSON reports are extracted articles; .txt reports are scraped pages."""
    (doc,) = clean_reports([raw_doc(TOUR, fmt=fmt)])
    assert all((line in doc.text) is kept for line in TOUR_LIST)


# --- a story told twice --------------------------------------------------------------------

PARAGRAPHS = [
    SENTENCE,
    "Crews voted by a large majority to reject the new rota, their union said on Sunday.",
    "Talks with the operator are due to resume on Thursday morning at the harbour office.",
]


def test_clean_removes_a_second_copy_of_the_story() -> None:
    """Some pages render the story twice (a summary block, the page's metadata)."""
    story = "\n".join(PARAGRAPHS)
    text = f"Headline\n{story}\nIn brief\n{story}"
    cleaned, removed, segments = clean_text(text)
    assert cleaned == f"Headline\n{story}\nIn brief"
    assert {r.reason for r in removed} == {"second copy of the story"}
    assert_maps_back(text, cleaned, segments)


def test_clean_keeps_a_repeated_block_in_a_longer_story() -> None:
    """A block recurring in a long list (a daily plan, a refrain) is not a second copy."""
    block = "\n".join(PARAGRAPHS)
    days = [
        f"Day {n}: the ferry left Port Ansel at {n} o'clock and reached Kelda at noon."
        for n in range(9)
    ]
    text = "\n".join(["Headline", block, *days, block])
    cleaned, removed, _ = clean_text(text)
    assert cleaned == text
    assert removed == ()


# --- repetition across reports -------------------------------------------------------------


def test_clean_boilerplate_needs_unrelated_reports() -> None:
    texts = [
        f"Headline {n}\n{SENTENCE} ({n})\nSign up for the Daily Wire\n{n} more." for n in (1, 2)
    ]
    assert find_boilerplate(texts, min_docs=2) == {"Sign up for the Daily Wire": 2}
    assert find_boilerplate(texts, min_docs=3) == {}


def test_clean_boilerplate_ignores_copies_of_one_story() -> None:
    """Two copies of one story share their subheads: those are story, not boilerplate."""
    text = f"Headline\n{SENTENCE}\nThe Night Sailings the Council Cancelled\n{SENTENCE.upper()}"
    assert find_boilerplate([text, text, text.replace("Headline", "Other")], min_docs=2) == {}


def test_clean_boilerplate_counts_copies_once_among_many_reports() -> None:
    """A line in many reports, some of them copies of one another, counts each story once:
    the count the removal reason gives is the number of unrelated reports."""
    stories = [f"Headline {n}\n{SENTENCE[:-1]} at port {n}." for n in range(25)]
    texts = [f"{stories[n % 25]}\nSign up for the Daily Wire\nEnd {n}." for n in range(40)]
    assert find_boilerplate(texts, min_docs=2) == {"Sign up for the Daily Wire": 25}


def test_clean_boilerplate_never_includes_headlines() -> None:
    texts = [f"Same Headline for Both\n{SENTENCE} ({n})" for n in (1, 2)]
    assert find_boilerplate(texts) == {}


def test_clean_reports_uses_settings_threshold() -> None:
    docs = fixture_docs()
    strict = clean_reports(docs, settings=Settings(repeated_line_min_docs=3))
    line = "Get the Morning Briefing delivered to your inbox"
    assert all(line in d.text for d in strict if line in d.raw.text)
    assert not any(line in d.text for d in clean_reports(docs))


def test_clean_text_takes_a_boilerplate_set() -> None:
    text = f"Headline\n{SENTENCE}\nListen to our podcast Harbour Talk\n{SENTENCE}"
    cleaned, removed, _ = clean_text(
        text, boilerplate=frozenset({"Listen to our podcast Harbour Talk"})
    )
    assert "podcast" not in cleaned
    assert [r.reason for r in removed] == ["boilerplate"]


def test_clean_reports_keeps_order_and_maps_every_fixture() -> None:
    docs = fixture_docs()
    cleaned = clean_reports(docs)
    assert [c.raw for c in cleaned] == docs
    for doc in cleaned:
        assert_maps_back(doc.raw.text, doc.text, doc.segments)
        assert all(doc.raw.text[r.start : r.end] == r.text for r in doc.removed)


# --- properties --------------------------------------------------------------------------

LINES = st.sampled_from(
    [
        "",
        " ",
        "- Advertisement -",
        "8 Comments",
        "![]() |",
        "Also Read – Mayor Backs New Harbour Tunnel Plan",
        "Short Subhead",
        SENTENCE,
        f"{SENTENCE} |",
        "| cell | cell |",
        "a ![](x) b",
    ]
)
TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from("ab .|-–![]()#\n\t\r:©0"), max_size=200),
    st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=30).map("\n".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_clean_text_property_keeps_raw_characters_in_order(text: str) -> None:
    cleaned, removed, segments = clean_text(text)
    assert_maps_back(text, cleaned, segments)
    kept = {raw + k for _, raw, length in segments for k in range(length)}
    for span in removed:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.reason
        assert kept.isdisjoint(range(span.start, span.end))


@settings(max_examples=50, deadline=None)
@given(st.lists(TEXTS, min_size=2, max_size=4))
def test_clean_reports_property_never_crashes(texts: list[str]) -> None:
    docs = [raw_doc(t, f"d{n}") for n, t in enumerate(texts)]
    for doc in clean_reports(docs):
        assert_maps_back(doc.raw.text, doc.text, doc.segments)


# --- real corpora ------------------------------------------------------------------------


def cleaned_corpus(folder: Path) -> dict[str, CleanDoc]:
    docs = [d for d in iter_reports([folder]) if isinstance(d, RawDoc)]
    return {d.id: d for d in clean_reports(docs)}


def gold_anchors(folder: Path) -> list[tuple[str, str]]:
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    anchors = [(m["doc"], m["anchor"]) for f in gold.get("facts", []) for m in f["mentions"]]
    anchors += [(q["doc"], q["anchor"]) for q in gold.get("quotes", [])]
    return [(doc, str(anchor)) for doc, anchor in anchors if anchor]


@pytest.mark.skipif(not GOLD_CORPORA, reason="no corpus with a gold.yaml under ../shared/corpus")
@pytest.mark.parametrize("folder", GOLD_CORPORA, ids=lambda p: p.name)
def test_clean_corpus_keeps_every_gold_anchor(folder: Path) -> None:
    docs = cleaned_corpus(folder)
    missing = [
        (doc, anchor)
        for doc, anchor in gold_anchors(folder)
        if squash(anchor) not in squash(docs[doc].text)
    ]
    assert missing == []


@pytest.mark.skipif(not GOLD_CORPORA, reason="no corpus with a gold.yaml under ../shared/corpus")
@pytest.mark.parametrize("folder", GOLD_CORPORA, ids=lambda p: p.name)
def test_clean_corpus_removes_obvious_clutter(folder: Path) -> None:
    for doc in cleaned_corpus(folder).values():
        kept = [ln.strip() for ln in doc.text.split("\n")]
        assert [ln for ln in kept if any(p.search(ln) for p in CLUTTER)] == [], doc.id
        assert not any(ln.endswith(" |") for ln in kept), doc.id
        assert "\n\n\n" not in doc.text
        assert_maps_back(doc.raw.text, doc.text, doc.segments)


@pytest.mark.skipif(not (CORPUS / "cecot-2025").is_dir(), reason="cecot-2025 corpus absent")
def test_clean_corpus_cecot_clutter_lines_are_gone() -> None:
    """The clutter seen in these scraped files, checked by name so a rule change shows."""
    removed = {
        (doc.id[:3], r.text.strip())
        for doc in cleaned_corpus(CORPUS / "cecot-2025").values()
        for r in doc.removed
    }
    assert removed == {
        ("000", "Also Read – Anti-Trump UAW Leader Backs Auto Tariffs to Boost U.S. Manufacturing"),
        ("001", "4 Min Read"),
        ("001", "- Advertisement -"),
        ("001", "8 Comments"),
        ("001", "This will close in 20 seconds"),
        ("002", "![]() |"),
        ("002", "|"),
        ("002", "0 Comments"),
        ("003", "About The Author"),
        ("004", "|"),
    }
