"""The timeline page in process (issue 18, item 6): events in date order with their key
figures and series; every date drawn at its precision on axes of one scale.

The record is built by hand (``tests/records.py`` helpers): a ferry story with
an event on a day, one in a month and one undated; a date fact in conflict (two
days), a warning dated to a month, a ferry built in a year; a death toll
restated on three days (a series); a disputed rescue count. Pages are read
through the WSGI app from a real SQLite file, as the server does, and the SVG
geometry is checked against the dates: one scale per chart, a month exactly a
month wide, a day a point in its day's middle, breaks labelled with what they
skip.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any
from wsgiref.util import setup_testing_defaults

import lxml.html
import pytest
from lxml.html import HtmlElement
from records import make_mention, make_report

from corroborator.models import Event, Fact, Mention, Record, Source
from corroborator.record.store import write_record
from corroborator.web import App, make_app
from corroborator.web.timeaxis import BREAK_WIDTH, When, build_axis, parse_when
from corroborator.web.timeline import gist

pytestmark = pytest.mark.issue(18)

HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
SVG = "{http://www.w3.org/2000/svg}"


# ---------------------------------------------------------------------------
# the record


def _reports() -> tuple[list[Any], list[Mention]]:
    """Three reports on a ferry capsizing, and the mentions the facts below are made of."""
    courier, c_sents = make_report(
        "courier",
        [[
            "The Lirio Star capsized on June 11, 2024, with 131 passengers aboard.",
            "As of June 11, 9 people had died.",
            "The coast guard said 112 people were rescued.",
            "The authority warned the operator in March 2024.",
            "The ferry was built in 1998.",
        ]],
        source=Source(outlet="Harbour Courier", title="Ferry capsizes", published="2024-06-11"),
    )
    ledger, l_sents = make_report(
        "ledger",
        [[
            "The Lirio Star capsized on June 12, 2024, carrying 131 passengers.",
            "As of June 12, 14 people had died.",
            "Governor Talia Vossberg said 121 people were rescued.",
            "Inspectors warned the operator in March 2024.",
        ]],
        source=Source(outlet="Island Ledger", title="Ferry toll rises", published="2024-06-12"),
    )
    post, p_sents = make_report(
        "post",
        [[
            "The ferry carried 131 passengers.",
            "As of June 14, 19 people had died.",
            f"An inquiry will cost $2 million, {HOSTILE} said.",
        ]],
        source=Source(outlet="Evening Post", title="Inquiry opens", published="2024-06-14"),
    )

    def dead(doc: Any, sents: Any, ident: str, n: int, day: str) -> Mention:
        return make_mention(doc, sents, ident, str(n), sentence=1, kind="count", value=float(n),
                            time=day, head="people", counted="people")

    mentions = [
        make_mention(courier, c_sents, "m-cap-1", "June 11, 2024", sentence=0, kind="date",
                     value="2024-06-11"),
        make_mention(ledger, l_sents, "m-cap-2", "June 12, 2024", sentence=0, kind="date",
                     value="2024-06-12"),
        *(make_mention(d, s, f"m-pax-{k}", "131", sentence=0, kind="count", value=131.0)
          for k, (d, s) in enumerate(((courier, c_sents), (ledger, l_sents), (post, p_sents)))),
        dead(courier, c_sents, "m-dead-1", 9, "2024-06-11"),
        dead(ledger, l_sents, "m-dead-2", 14, "2024-06-12"),
        dead(post, p_sents, "m-dead-3", 19, "2024-06-14"),
        make_mention(courier, c_sents, "m-res-1", "112", sentence=2, kind="count", value=112.0,
                     said_by="the coast guard"),
        make_mention(ledger, l_sents, "m-res-2", "121", sentence=2, kind="count", value=121.0,
                     said_by="Talia Vossberg"),
        make_mention(courier, c_sents, "m-warn-1", "March 2024", sentence=3, kind="date",
                     value="2024-03"),
        make_mention(ledger, l_sents, "m-warn-2", "March 2024", sentence=3, kind="date",
                     value="2024-03"),
        make_mention(courier, c_sents, "m-built", "1998", sentence=4, kind="date", value="1998"),
        make_mention(post, p_sents, "m-cost", "$2 million", sentence=2, kind="amount",
                     value=2e6, unit="USD"),
    ]
    return [courier, ledger, post], mentions


def _fact(ident: str, event: str | None, label: str, kind: str, status: str,
          mentions: Iterable[Mention], value: float | str, unit: str | None = None) -> Fact:
    return Fact(ident, event, label, None, kind, status, tuple(mentions), value, unit)


def timeline_record() -> Record:
    docs, ms = _reports()
    m = {x.id: x for x in ms}
    facts = (
        _fact("f-capsized", "ev-capsize", "Date: capsized, Lirio Star", "date", "conflict",
              [m["m-cap-1"], m["m-cap-2"]], "2024-06-11"),
        _fact("f-pax", "ev-capsize", "Passengers (carry), Lirio Star", "count", "agreed",
              [m["m-pax-0"], m["m-pax-1"], m["m-pax-2"]], 131.0),
        _fact("f-dead-1", "ev-capsize", "People (die), as of 2024-06-11", "count", "single",
              [m["m-dead-1"]], 9.0),
        _fact("f-dead-2", "ev-capsize", "People (die), as of 2024-06-12", "count", "single",
              [m["m-dead-2"]], 14.0),
        _fact("f-dead-3", "ev-capsize", "People (die), as of 2024-06-14", "count", "single",
              [m["m-dead-3"]], 19.0),
        _fact("f-rescued", "ev-capsize", "People (rescue)", "count", "conflict",
              [m["m-res-1"], m["m-res-2"]], 112.0),
        _fact("f-warned", "ev-capsize", "Date: warned the operator, authority", "date", "agreed",
              [m["m-warn-1"], m["m-warn-2"]], "2024-03"),
        _fact("f-built", "ev-capsize", "Date: built, Lirio Star", "date", "single",
              [m["m-built"]], "1998"),
        _fact("f-cost", "ev-inquiry", "Inquiry (cost)", "amount", "single", [m["m-cost"]],
              2e6, "USD"),
    )
    events = (
        Event("ev-inquiry", "An inquiry into the Lirio Star opens (2024-07)", ("post",), "2024-07"),
        Event("ev-undated", "Islanders remember the ferry", ("post",), None),
        Event("ev-capsize", "The Lirio Star capsizes (Tesk Strait, 2024-06-11)",
              ("courier", "ledger", "post"), "2024-06-11"),
        Event("ev-hostile", f"Vigil {HOSTILE}", ("post",), "2024-06-13"),
    )
    return Record(
        documents=tuple(docs), sentences=(), mentions=tuple(ms), quotes=(), entities=(),
        events=events, facts=facts, story="The Lirio Star",
    )


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    path = tmp_path_factory.mktemp("timeline") / "record.sqlite"
    write_record(timeline_record(), path)
    return make_app(path)


def get(app: App, path: str) -> tuple[str, bytes]:
    """One GET through the WSGI app: the status line and the body."""
    environ: dict[str, Any] = {"PATH_INFO": path, "REQUEST_METHOD": "GET",
                               "HTTP_HOST": "127.0.0.1:8000", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    status: list[str] = []

    def start_response(line: str, headers: list[tuple[str, str]], exc: Any = None) -> Any:
        status.append(line)

    body = b"".join(app(environ, start_response))
    return status[0], body


@pytest.fixture(scope="module")
def page(app: App) -> HtmlElement:
    status, body = get(app, "/timeline")
    assert status.startswith("200")
    return lxml.html.document_fromstring(body.decode())


@pytest.fixture(scope="module")
def data(app: App) -> Any:
    status, body = get(app, "/timeline.json")
    assert status.startswith("200")
    return json.loads(body)


# ---------------------------------------------------------------------------
# reading the SVG


def _svg(page: HtmlElement, name: str) -> HtmlElement:
    [svg] = page.xpath(f"//figure[@id='chart-{name}']/svg")
    return svg


def _segments(svg: HtmlElement) -> list[tuple[float, float, date, date]]:
    return [
        (float(a.get("x1")), float(a.get("x2")), date.fromisoformat(a.get("data-start")),
         date.fromisoformat(a.get("data-end")))
        for a in svg.xpath(".//line[contains(@class, 'tl-axis')]")
    ]


def _per_day(seg: tuple[float, float, date, date]) -> float:
    return (seg[1] - seg[0]) / (seg[3] - seg[2]).days


def _x(svg: HtmlElement, day: date) -> float:
    """Where ``day`` starts on the chart's axis, read from its segments."""
    for x0, _, start, end in _segments(svg):
        if start <= day <= end:
            return x0 + (day - start).days * _per_day((x0, _, start, end))
    raise AssertionError(f"{day} is on no segment of the axis")


def _mark(svg: HtmlElement, href: str) -> HtmlElement:
    [mark] = svg.xpath(f".//a[@href='{href}']")
    return mark


# ---------------------------------------------------------------------------
# the axis


@pytest.mark.parametrize("name", ["story", "background"])
def test_web_timeline_each_chart_has_one_scale(page: HtmlElement, name: str) -> None:
    segments = _segments(_svg(page, name))
    assert segments
    scales = [_per_day(s) for s in segments]
    assert max(scales) / min(scales) < 1.01, scales


def test_web_timeline_breaks_are_marked_with_what_they_skip(page: HtmlElement) -> None:
    svg = _svg(page, "background")
    segments = _segments(svg)
    labels = [t.text_content() for t in svg.xpath(".//text[@class='tl-break-label']")]
    assert len(segments) >= 2 and len(labels) == len(segments) - 1
    # 1998 to March 2024: the long empty stretch is cut, and says how long it is
    skipped = [(b[2] - a[3]).days for a, b in itertools.pairwise(segments)]
    assert max(skipped) > 20 * 365
    assert any(re.fullmatch(r"2[0-6] years", label) for label in labels), labels


def test_web_timeline_month_is_a_month_wide_bar(page: HtmlElement) -> None:
    svg = _svg(page, "background")
    [bar] = _mark(svg, "/fact/f-warned").xpath(".//rect[contains(@class, 'tl-bar')]")
    left, width = float(bar.get("x")), float(bar.get("width"))
    assert left == pytest.approx(_x(svg, date(2024, 3, 1)), abs=0.2)
    assert left + width == pytest.approx(_x(svg, date(2024, 4, 1)), abs=0.3)
    [year] = _mark(svg, "/fact/f-built").xpath(".//rect[contains(@class, 'tl-bar')]")
    assert float(year.get("width")) == pytest.approx(365 / 31 * width, rel=0.02)


def test_web_timeline_day_is_a_point_in_its_middle(page: HtmlElement) -> None:
    svg = _svg(page, "story")
    mark = _mark(svg, "/fact/f-capsized")
    dots = sorted(float(c.get("cx")) for c in mark.xpath(".//circle"))
    day = _per_day(_segments(svg)[0])
    assert dots == pytest.approx(
        [_x(svg, date(2024, 6, 11)) + day / 2, _x(svg, date(2024, 6, 12)) + day / 2], abs=0.3
    )
    assert not mark.xpath(".//rect")
    assert mark.xpath(".//line[@class='tl-join']")  # two dates in conflict, joined
    assert "tl-conflict" in mark.get("class")


def test_web_timeline_story_and_background_hold_their_dates(page: HtmlElement) -> None:
    story = {a.get("href") for a in _svg(page, "story").xpath(".//a")}
    background = {a.get("href") for a in _svg(page, "background").xpath(".//a")}
    # the story runs from its first event to its last (July 2024, a month), and takes in
    # what is dated to a day or a month close to them; the rest is background
    assert {"/event/ev-capsize", "/event/ev-inquiry", "/fact/f-capsized", "/fact/f-dead-3"} <= story
    assert background == {"/fact/f-warned", "/fact/f-built"}
    assert not story & background
    [band] = _svg(page, "background").xpath(".//rect[@class='tl-band']")
    assert float(band.get("x")) == pytest.approx(
        _x(_svg(page, "background"), date(2024, 6, 11)), abs=0.2
    )


def test_web_timeline_labels_say_what_is_dated(page: HtmlElement) -> None:
    labels = {
        a.get("href"): a.xpath("string(.//text[@class='tl-label'])")
        for name in ("story", "background")
        for a in _svg(page, name).xpath(".//a[contains(@class, 'tl-mark')]")
    }
    # a date is labelled with the words of the report that state it; a figure with its
    # record label and value; an event with its label
    assert labels["/fact/f-warned"] == "“The authority warned the operator in March 2024”"
    assert labels["/fact/f-dead-1"] == "People (die), as of 2024-06-11: 9"
    assert labels["/event/ev-capsize"].startswith("The Lirio Star capsizes")
    tooltip = _mark(_svg(page, "background"), "/fact/f-warned").xpath("string(title)")
    assert tooltip.startswith("Date: warned the operator, authority\nMarch 2024 (2 reports")


# ---------------------------------------------------------------------------
# events, key figures, series


def test_web_timeline_events_in_date_order(data: Any, page: HtmlElement) -> None:
    assert [e["id"] for e in data["events"]] == [
        "ev-capsize", "ev-hostile", "ev-inquiry", "ev-undated"
    ]
    assert [e["date"] and e["date"]["label"] for e in data["events"]] == [
        "11 June 2024", "13 June 2024", "July 2024", None
    ]
    cards = page.xpath("//li[contains(@class, 'tl-event-card')]")
    assert [c.get("data-event") for c in cards] == [e["id"] for e in data["events"]]
    assert cards[2].xpath("string(.//time)") == "July 2024"
    assert "the day is not given" in cards[2].text_content()


def test_web_timeline_key_figures_most_reports_first_conflicts_marked(
    data: Any, page: HtmlElement
) -> None:
    [capsize] = [e for e in data["events"] if e["id"] == "ev-capsize"]
    figures = capsize["figures"]
    assert [f["id"] for f in figures][:2] == ["f-pax", "f-rescued"]
    assert all(f["id"] not in ("f-capsized", "f-warned", "f-built") for f in figures)
    assert [f["n_reports"] for f in figures] == sorted((f["n_reports"] for f in figures),
                                                        reverse=True)
    rows = page.xpath("//li[@data-event='ev-capsize']//table[contains(@class, 'tl-figures')]"
                      "/tbody/tr")
    rescued = next(r for r in rows if r.xpath(".//a[@href='/fact/f-rescued']"))
    assert rescued.get("class") == "row-conflict"
    assert rescued.xpath("string(td[@class='value'])") == (
        "112 (the coast guard) vs 121 (Talia Vossberg)"
    )
    assert rescued.xpath(".//span[contains(@class, 'status-conflict')]")


def test_web_timeline_series_drawn_proportionally(data: Any, page: HtmlElement) -> None:
    [capsize] = [e for e in data["events"] if e["id"] == "ev-capsize"]
    [series] = capsize["series"]
    assert [p["fact"] for p in series["points"]] == ["f-dead-1", "f-dead-2", "f-dead-3"]
    [figure] = page.xpath(f"//figure[@id='series-{series['id']}']")
    xs = [float(c.get("cx")) for c in figure.xpath(".//a[@class='tl-point']/circle")]
    # 11, 12 and 14 June: the second gap is twice the first
    assert (xs[2] - xs[1]) == pytest.approx(2 * (xs[1] - xs[0]), abs=0.3)
    ys = [float(c.get("cy")) for c in figure.xpath(".//a[@class='tl-point']/circle")]
    assert ys[0] > ys[1] > ys[2]  # 9, 14, 19: higher is up
    values = figure.xpath(".//text[@class='tl-value']/text()")
    assert values == ["9", "14", "19"]
    links = page.xpath(f"//a[@class='tl-series-link'][@href='#series-{series['id']}']")
    assert links  # a key figure in the series links down to its history


def test_web_timeline_escapes_report_text(app: App) -> None:
    _, body = get(app, "/timeline")
    text = body.decode()
    assert "<script>window" not in text and "<img src=x" not in text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in text
    page = lxml.html.document_fromstring(text)
    assert not page.xpath("//script | //img")


def test_web_timeline_json_lists_every_dated_thing(data: Any) -> None:
    assert [i["id"] for i in data["items"]][:2] == ["f-built", "f-warned"]
    [warned] = [i for i in data["items"] if i["id"] == "f-warned"]
    assert warned["date_labels"] == ["March 2024"] and warned["n_reports"] == 2
    assert data["page"]["total"] == len(data["items"])


# ---------------------------------------------------------------------------
# the axis, as a function


def _whens(*texts: str) -> list[When]:
    return [w for t in texts if (w := parse_when(t))]


@pytest.mark.parametrize(
    ("dates", "parts"),
    [
        (("2024-06-11", "2024-06-17"), 1),  # a week: drawn whole
        # every half year for two years: no stretch empty for long enough to cut
        (("2022-03", "2022-09", "2023-03", "2023-09", "2024-01", "2024-06-11"), 1),
        (("2022-03", "2024-06-11"), 2),  # two dates two years apart: the years between cut
        (("1998", "2024-06-11", "2024-06-17"), 2),  # the ferry's build year, cut off
        (("1989", "1998", "2010", "2024-06-11"), 4),
    ],
)
def test_web_timeline_axis_cuts_only_long_empty_stretches(
    dates: tuple[str, ...], parts: int
) -> None:
    axis = build_axis(_whens(*dates), 0, 1000)
    assert len(axis.segments) == parts
    assert len(axis.breaks) == parts - 1
    assert {round(s.per_day, 9) for s in axis.segments} == {round(axis.per_day, 9)}
    assert (axis.left, axis.right) == (0, pytest.approx(1000))
    drawn = sum(s.x1 - s.x0 for s in axis.segments)
    assert drawn == pytest.approx(1000 - BREAK_WIDTH * (parts - 1))


@pytest.mark.parametrize(
    ("text", "precision", "label", "days"),
    [
        ("2025", "year", "2025", 365),
        ("2024-02", "month", "February 2024", 29),
        ("2025-03-14", "day", "14 March 2025", 1),
        ("2025-03-14T10:00:00", "day", "14 March 2025", 1),
    ],
)
def test_web_timeline_dates_read_at_their_precision(
    text: str, precision: str, label: str, days: int
) -> None:
    when = parse_when(text)
    assert when is not None
    assert (when.precision, when.label, (when.after - when.start).days) == (precision, label, days)


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        ("The Lirio Star was built in 1989 and bought in 2011.", "1989",
         "The Lirio Star was built in 1989"),
        ("In March, the authority warned Halvane that the pumps needed replacing.", "March",
         "In March, the authority warned Halvane that the…"),
        ("The population rose from 38,500 at the 2010 census.", "2010",
         "…population rose from 38,500 at the 2010"),
        ("CECOT, which opened two years ago, holds 40,000.", "two years ago",
         "which opened two years ago"),
        ("Thursday 13 June 2024", "Thursday 13 June 2024", None),  # a dateline: the date alone
    ],
)
def test_web_timeline_gist_is_the_clause_stating_the_date(
    sentence: str, date_text: str, expected: str | None
) -> None:
    at = sentence.index(date_text)
    m = Mention("m", "d", "date", None, None, date_text, 100 + at, 100 + at + len(date_text),
                sentence, 100, 100 + len(sentence))
    assert gist(m) == expected
