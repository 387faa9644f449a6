"""The HTML page: content and order, working links, exact highlights, hostile text kept inert."""

from __future__ import annotations

import dataclasses

import lxml.html
import pytest
from lxml.html import HtmlElement as Element
from records import (
    make_events_record,
    make_mention,
    make_one_event_record,
    make_quote,
    make_record,
    make_report,
)

from corroborator.models import Event, Fact, Record, Removed, Skipped, Source
from corroborator.report import render_index
from corroborator.report.render import Node, Span, anchor, format_value, highlight, safe_url

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TEXTAREA = "</textarea>"


@pytest.fixture(scope="module")
def record() -> Record:
    return make_record()


@pytest.fixture(scope="module")
def page(record: Record) -> Element:
    return lxml.html.document_fromstring(render_index(record))


@pytest.fixture(scope="module")
def one_event_page() -> Element:
    return lxml.html.document_fromstring(render_index(make_one_event_record()))


@pytest.fixture(scope="module")
def events_page() -> Element:
    return lxml.html.document_fromstring(render_index(make_events_record()))


def _by_id(page: Element, ident: str) -> Element:
    [element] = page.xpath("//*[@id=$i]", i=ident)
    return element


def _hostile_record() -> Record:
    """The fixture record plus a report, quote, fact and skipped input full of markup."""
    doc, sents = make_report(
        "hostile",
        [
            [f"Officials said {HOSTILE_SCRIPT} 12 people left.",
             f"{HOSTILE_IMG} and {HOSTILE_TEXTAREA} showed up in the feed."],
            ['"<b onmouseover=alert(3)>Run</b>," said <i>Eve</i>.'],
        ],
        source=Source(url="javascript:alert(1)", outlet='"><script>alert(2)</script>',
                      title=f"{HOSTILE_IMG} headline"),
        clutter=(1, "</textarea><script>alert(7)</script>\n\n", "<b>boilerplate</b>"),
    )  # fmt: skip
    mention = make_mention(doc, sents, "hostile-m1", "12", sentence=0, kind="count", value=12.0,
                           said_by=HOSTILE_IMG, hedged=True, hedge_cue='"><script>')  # fmt: skip
    quote = make_quote(doc, "hostile-q1", "<b onmouseover=alert(3)>Run</b>,", HOSTILE_IMG)
    fact = Fact("hostile-f", None, HOSTILE_SCRIPT, HOSTILE_IMG, "count", "conflict", (mention,),
                value=12.0, reason=HOSTILE_TEXTAREA)  # fmt: skip
    base = make_record()
    return dataclasses.replace(
        base,
        documents=base.documents + (doc,),
        sentences=base.sentences + sents,
        mentions=base.mentions + (mention,),
        quotes=base.quotes + (quote,),
        events=base.events + (Event("hostile-e", HOSTILE_SCRIPT, ("hostile",)),),
        facts=base.facts + (fact,),
        skipped=base.skipped + (Skipped(HOSTILE_IMG, HOSTILE_SCRIPT),),
        story=HOSTILE_SCRIPT,
    )


# ---------------------------------------------------------------------------
# content and order


def test_report_summary_counts(page: Element) -> None:
    counts = {e.get("data-count"): int(e.text) for e in page.xpath("//*[@data-count]")}
    assert counts == {"reports": 3, "events": 2, "facts": 3, "conflicts": 1, "skipped": 1}


def test_report_sections_in_order(one_event_page: Element) -> None:
    ids = [s.get("id") for s in one_event_page.xpath("//section")]
    assert ids == ["conflicts", "facts", "quotes", "events", "reports"]


def test_report_conflict_shows_values_side_by_side(page: Element) -> None:
    conflict = _by_id(page, "fact-f-injured")
    columns = conflict.xpath(".//*[@class='value-column']")
    assert [c.xpath("string(*[@class='column-value'])") for c in columns] == ["23", "21"]
    assert "Dana Ortiz" in columns[0].text_content()
    assert "Valley Courier" in columns[1].text_content()
    assert [m.text_content() for m in conflict.xpath(".//blockquote//mark")] == ["23", "21"]
    assert "23 vs 21" in conflict.text_content()


def test_report_hedged_value_has_badge(page: Element) -> None:
    damage = _by_id(page, "fact-f-damage")
    [badge] = damage.xpath(".//*[contains(@class, 'badge hedged')]")
    assert badge.getparent().xpath(".//a/@href") == ["#m-courier-fire-m3"]


def test_report_facts_grouped_by_status_then_subject(one_event_page: Element) -> None:
    facts = _by_id(one_event_page, "facts")
    headings = [h.text_content() for h in facts.xpath("h3 | h4")]
    assert headings == [
        "Agreed",
        "Halvern Chemicals plant fire",
        "Single source",
        "Halvern Chemicals",
    ]


# ---------------------------------------------------------------------------
# a record of several events, read event by event


def test_report_events_overview_comes_before_conflicts(events_page: Element) -> None:
    ids = [s.get("id") for s in events_page.xpath("//section")]
    assert ids == ["event-overview", "conflicts", "facts", "quotes", "events", "reports"]


def test_report_events_overview_lists_conflicted_events_first(events_page: Element) -> None:
    rows = _by_id(events_page, "event-overview").xpath(".//tbody/tr")
    cells = [
        [r.get("data-event")] + [r.xpath(f"string(td[contains(@class, '{c}')])").strip()
                                 for c in ("label", "when", "where", "n-reports", "n-facts",
                                           "n-conflicts")]
        for r in rows
    ]  # fmt: skip
    assert cells == [
        ["ev-fire", "Fire at the Halvern Chemicals plant", "2025-03-14", "Marlow", "2", "2", "1"],
        ["ev-vote", "Marlow council keeps the Halvern plant closed", "2025-03-18", "Marlow",
         "1", "1", "0"],
        ["", "No event", "—", "—", "1", "1", "0"],
    ]  # fmt: skip
    assert [r.get("class") for r in rows] == ["event has-conflicts", "event", "event"]


def test_report_events_overview_links_to_each_events_part(events_page: Element) -> None:
    links = [r.xpath(".//a/@href") for r in _by_id(events_page, "event-overview").xpath(".//tr")]
    assert links[1:] == [
        ["#conflicts-ev-fire", "#event-ev-fire", "#conflicts-ev-fire"],
        ["#facts-ev-vote", "#event-ev-vote"],
        ["#no-event-facts"],
    ]
    assert _by_id(events_page, "event-ev-fire").getparent().get("id") == "events"


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("conflicts", [("conflicts-ev-fire", ["fact-f-injured"])]),
        ("facts", [("facts-ev-fire", ["fact-f-damage"]),
                   ("facts-ev-vote", ["fact-f-employees"]),
                   ("no-event-facts", ["fact-f-evacuation"])]),
    ],
)  # fmt: skip
def test_report_facts_grouped_by_event_in_overview_order(
    events_page: Element, section: str, expected: list[tuple[str, list[str]]]
) -> None:
    groups: list[tuple[str, list[str]]] = []
    for element in _by_id(events_page, section).xpath("h3 | *[contains(@class, 'fact')]"):
        if element.tag == "h3":
            groups.append((element.get("id"), []))
        else:
            groups[-1][1].append(element.get("id"))
    assert groups == expected


def test_report_event_group_headed_by_status_then_subject(events_page: Element) -> None:
    facts = _by_id(events_page, "facts")
    headings = [(h.tag, h.text_content()) for h in facts.xpath("h3 | h4 | h5")]
    assert headings[:3] == [
        ("h3", "Fire at the Halvern Chemicals plant 2025-03-14 · Marlow"),
        ("h4", "Agreed"),
        ("h5", "Halvern Chemicals plant fire"),
    ]
    assert ("h3", "No event") in headings


def test_report_one_event_record_is_not_grouped(one_event_page: Element) -> None:
    assert one_event_page.xpath("//*[@id='event-overview'] | //*[@class='event-heading']") == []
    conflicts = _by_id(one_event_page, "conflicts")
    assert [a.get("id") for a in conflicts.xpath("article")] == ["fact-f-injured"]
    assert conflicts.xpath("article/h3/text()") == ["people injured"]


def test_report_hostile_event_label_escaped_in_overview(hostile_html: str) -> None:
    page = lxml.html.document_fromstring(hostile_html)
    labels = [
        td.text_content() for td in page.xpath("//*[@id='event-overview']//td[@class='label']")
    ]
    assert HOSTILE_SCRIPT in labels and "No event" in labels


def test_report_quotes_grouped_by_speaker(page: Element) -> None:
    speakers = [h.text_content() for h in _by_id(page, "quotes").xpath("h3")]
    assert speakers == ["Dana Ortiz", "Lena Voss", "Ruth Adeyemi"]


def test_report_events_list_their_reports(page: Element) -> None:
    links = _by_id(page, "events").xpath(".//a/@href")
    assert links == ["#doc-ledger-fire", "#doc-courier-fire", "#doc-ledger-council"]


def test_report_every_internal_link_resolves(page: Element) -> None:
    ids = set(page.xpath("//@id"))
    targets = [h[1:] for h in page.xpath("//a/@href") if h.startswith("#")]
    assert any(t.startswith("m-") for t in targets)
    assert [t for t in targets if t not in ids] == []


def test_report_every_mention_marked_with_its_text(record: Record, page: Element) -> None:
    for m in record.mentions:
        mark = _by_id(page, f"m-{m.id}")
        assert mark.tag == "mark"
        assert mark.text_content() == m.text
        assert f"kind-{m.kind}" in mark.get("class")


def test_report_mention_inside_quote_is_nested(page: Element) -> None:
    quote = _by_id(page, "q-courier-fire-q1")
    assert [m.get("id") for m in quote.xpath(".//mark")] == ["m-courier-fire-m3"]
    assert quote.text_content() == "The damage could reach about $6 million,"


def test_report_removed_clutter_is_collapsed_with_reason(page: Element) -> None:
    [details] = _by_id(page, "doc-ledger-fire").xpath(".//details[@class='removed']")
    assert details.get("open") is None
    assert "boilerplate" in details.text_content()
    assert "Subscribe to the Marlow Ledger" in details.text_content()
    assert "Subscribe" not in _by_id(page, "doc-ledger-fire").xpath("string(.//div)")


def test_report_skipped_input_listed(page: Element) -> None:
    [item] = _by_id(page, "skipped").xpath(".//li")
    assert "reports/scan.pdf" in item.text_content()
    assert "unsupported format .pdf" in item.text_content()


def test_report_is_self_contained(record: Record) -> None:
    html = render_index(record)
    page = lxml.html.document_fromstring(html)
    assert page.xpath("//script | //link | //img | //iframe | //@src") == []
    assert page.xpath("//style")


def test_report_renders_a_record_without_conflicts_or_story() -> None:
    page = lxml.html.document_fromstring(render_index(Record((), (), (), (), (), (), ())))
    assert "No conflicts" in _by_id(page, "conflicts").text_content()
    assert page.xpath("string(//title)") == "Corroborator record"
    assert page.xpath("//*[@id='skipped']") == []


def test_report_no_link_to_a_mention_not_shown(record: Record) -> None:
    # a fact citing a mention of a report the record lacks: listed, but not linked
    orphan = dataclasses.replace(record.mentions[1], id="orphan", doc="gone")
    fact = dataclasses.replace(record.facts[0], mentions=record.facts[0].mentions + (orphan,))
    page = lxml.html.document_fromstring(
        render_index(dataclasses.replace(record, facts=(fact,) + record.facts[1:]))
    )
    assert "#m-orphan" not in page.xpath("//a/@href")
    assert "gone" in _by_id(page, "fact-f-injured").text_content()


# ---------------------------------------------------------------------------
# untrusted text


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_index(_hostile_record())


def test_report_hostile_text_creates_no_elements(hostile_html: str) -> None:
    page = lxml.html.document_fromstring(hostile_html)
    assert page.xpath("//script | //img | //textarea | //b | //i") == []
    assert [a for a in page.xpath("//@*") if a.attrname.lower().startswith("on")] == []


def test_report_hostile_text_shown_escaped(hostile_html: str) -> None:
    lowered = hostile_html.lower()
    assert "<script" not in lowered and "</textarea" not in lowered and "<img" not in lowered
    page = lxml.html.document_fromstring(hostile_html)
    text = _by_id(page, "doc-hostile").text_content()
    assert HOSTILE_SCRIPT in text and HOSTILE_IMG in text and HOSTILE_TEXTAREA in text


def test_report_hostile_mention_still_marked(hostile_html: str) -> None:
    page = lxml.html.document_fromstring(hostile_html)
    assert _by_id(page, "m-hostile-m1").text_content() == "12"


def test_report_non_http_url_not_linked(hostile_html: str) -> None:
    page = lxml.html.document_fromstring(hostile_html)
    hrefs = page.xpath("//a/@href")
    assert all(h.startswith(("#", "https://")) for h in hrefs)
    assert "javascript:alert(1)" in _by_id(page, "doc-hostile").text_content()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("  http://example.org/ ", "http://example.org/"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("//example.org/protocol-relative", None),
        ("https:///no-host", None),
        ("", None),
        (None, None),
    ],
)
def test_report_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


# ---------------------------------------------------------------------------
# highlighting


def _text(nodes: list[Node]) -> str:
    return "".join(n.text if not n.tag else _text(n.children) for n in nodes)


def _find(nodes: list[Node], ident: str) -> Node | None:
    for n in nodes:
        if n.id == ident:
            return n
        found = _find(n.children, ident)
        if found is not None:
            return found
    return None


def _count_fragments(nodes: list[Node], anchor_id: str, cls: str) -> int:
    return sum(
        (n.id == anchor_id or (n.cls.startswith(cls) and "continued" in n.cls))
        + _count_fragments(n.children, anchor_id, cls)
        for n in nodes
    )


def _span(start: int, end: int, *, mention: bool, name: str) -> Span:
    cls = "mention" if mention else "quote"
    return Span(start, end, atomic=mention, anchor=name, cls=cls, title=name)


@pytest.mark.parametrize(
    ("quote", "mention"),
    [
        ((0, 20), (5, 10)),  # mention inside quote
        ((0, 8), (5, 12)),  # quote ends inside mention
        ((7, 20), (5, 12)),  # quote starts inside mention
        ((5, 10), (5, 10)),  # same span
    ],
)
def test_report_highlight_keeps_mentions_whole(
    quote: tuple[int, int], mention: tuple[int, int]
) -> None:
    text = "abcdefghijklmnopqrstuvwxyz"
    spans = [_span(*quote, mention=False, name="q"), _span(*mention, mention=True, name="m")]
    opened: set[str] = set()
    [paragraph] = highlight(text, spans, opened)
    assert _text(paragraph) == text
    mark = _find(paragraph, "m")
    assert mark is not None and _text(mark.children) == text[slice(*mention)]
    assert _text(_find(paragraph, "q").children)  # type: ignore[union-attr]
    assert opened == {"q", "m"}


def test_report_highlight_splits_a_span_over_a_paragraph_break() -> None:
    text = "first part\n\nsecond part"
    [one, two] = highlight(text, [_span(6, 18, mention=False, name="q")])
    assert _text(one) == "first part" and _text(two) == "second part"
    assert _find(one, "q") is not None and _find(two, "q") is None
    assert _text(one[1].children) + _text(two[0].children) == "part" + "second"
    assert "continued" in two[0].cls


def test_report_highlight_crossing_mentions_split_the_later_one() -> None:
    text = "0123456789"
    spans = [_span(2, 6, mention=True, name="a"), _span(4, 8, mention=True, name="b")]
    [paragraph] = highlight(text, spans)
    assert _text(paragraph) == text
    assert _text(_find(paragraph, "a").children) == "2345"  # type: ignore[union-attr]
    assert _count_fragments(paragraph, "b", "mention") == 2


@pytest.mark.parametrize(("start", "end"), [(-5, 3), (8, 99), (4, 4)])
def test_report_highlight_tolerates_bad_offsets(start: int, end: int) -> None:
    text = "0123456789"
    [paragraph] = highlight(text, [_span(start, end, mention=True, name="x")])
    assert _text(paragraph) == text


# ---------------------------------------------------------------------------
# small helpers


@pytest.mark.parametrize(
    ("ident", "expected"),
    [("ledger-fire-m2", "m-ledger-fire-m2"), ("a b", "m-a_20_b"), ("a#b", "m-a_23_b"),
     ("a_20_b", "m-a_5f_20_5f_b")],
)  # fmt: skip
def test_report_anchor_is_safe_and_distinct(ident: str, expected: str) -> None:
    assert anchor("m", ident) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (261.0, None, "261"),
        (6_000_000.0, "USD", "6,000,000 USD"),
        (12.5, "%", "12.5 %"),
        ("2025-03-14", None, "2025-03-14"),
        (None, None, "unresolved"),
    ],
)
def test_report_format_value(value: float | str | None, unit: str | None, expected: str) -> None:
    assert format_value(value, unit) == expected


def test_report_removed_reason_escaped() -> None:
    base = make_record()
    doc = base.documents[0]
    odd = dataclasses.replace(doc, removed=(Removed(0, 3, "<b>x</b>", "<i>why</i>"),))
    html = render_index(dataclasses.replace(base, documents=(odd,) + base.documents[1:]))
    assert "&lt;i&gt;why&lt;/i&gt;" in html and "<i>" not in html


def test_report_states_each_facts_independent_support():
    from records import make_record

    from corroborator.report import render_index

    page = render_index(make_record())
    assert page.count('class="support"') >= len(make_record().facts)
    assert "independent source" in page


# --- large records: written in pieces -------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 500, 1 << 20])
def test_report_page_in_pieces_is_the_page(chunk: int) -> None:
    from corroborator.report import index_chunks

    record = make_events_record()
    pieces = list(index_chunks(record, chunk=chunk))
    assert "".join(pieces) == render_index(record)
    assert len(pieces) > 1 if chunk == 1 else True


@pytest.mark.parametrize("chunk", [1, 500, 1 << 20])
def test_report_dossier_json_in_pieces_is_the_json(chunk: int, tmp_path) -> None:
    import json

    from corroborator.record.dossier import json_chunks, to_json, write_json

    record = make_events_record()
    whole = json.dumps(to_json(record), ensure_ascii=False, allow_nan=False)
    pieces = list(json_chunks(record, chunk=chunk))
    assert "".join(pieces) == whole
    assert len(pieces) > 2 if chunk == 1 else len(pieces) >= 1
    write_json(record, tmp_path / "dossier.json")
    assert json.loads((tmp_path / "dossier.json").read_text("utf-8")) == to_json(record)
