"""``corroborator serve`` in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Each test builds a corpus with the real pipeline (``corroborator build``),
starts ``corroborator serve`` on it in a subprocess on a free loopback port,
and reads it as a person would: overview, a conflict's fact page, its report
and back, a filter, the search. The hostile fixture (``tests/fixtures/xss``:
reports whose text, HTML and metadata carry ``<script>``, event handlers,
``javascript:`` links and ``</textarea>``, each payload setting
``window.__xss`` and calling ``alert``) is opened page by page: nothing may
run. Screenshots of every page are kept in ``tests/artifacts/``.

Playwright drives the Chromium binary that apt installed
(``executable_path``); it never downloads a browser of its own.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corroborator.web import urls

pytestmark = [pytest.mark.issue(3), pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "no /usr/bin/chromium: `apt-get install -y chromium` to run the browser tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="no playwright: `pip install playwright` (no `playwright install`)",
)

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Any of these in a page means markup from a report came alive.
INERT_CHECK = """() => ({
    xss: window.__xss === undefined ? null : window.__xss,
    scripts: document.scripts.length,
    handlers: [...document.querySelectorAll('*')].flatMap(
        e => [...e.attributes].filter(a => a.name.toLowerCase().startsWith('on'))
                              .map(a => e.tagName + ' ' + a.name)),
    jsLinks: [...document.querySelectorAll('[href],[src],[action]')].map(
        e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
        .filter(u => u.trim().toLowerCase().startsWith('javascript:')),
    frames: document.querySelectorAll('iframe, object, embed').length,
})"""


def _build(corpus: Path, out: Path) -> Path:
    cmd = [sys.executable, "-m", "corroborator", "build", str(corpus), "--out", str(out), "-q"]
    subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=300)
    return out


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A function starting ``corroborator serve`` on a built folder; all stop at the end.

    The server prints one line, its URL, on stdout; its log goes to a file, so
    no pipe can fill up and stall it.
    """
    procs: list[subprocess.Popen[str]] = []
    logs = tmp_path_factory.mktemp("serve-logs")

    def start(folder: Path) -> str:
        cmd = [sys.executable, "-m", "corroborator", "serve", str(folder), "--port", "0"]
        log = logs / f"{folder.name}.log"
        with log.open("w") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True)
        procs.append(proc)
        line = proc.stdout.readline() if proc.stdout else ""
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found is None:
            pytest.fail(f"corroborator serve did not start: {line}{log.read_text()}")
        return found.group(0).rstrip("/")

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.fixture(scope="module")
def demo_url(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(serve(_build(ROOT / "demo" / "corpus", tmp_path_factory.mktemp("demo"))))


@pytest.fixture(scope="module")
def xss_url(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(serve(_build(ROOT / "tests" / "fixtures" / "xss", tmp_path_factory.mktemp("xss"))))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A persistent Chromium context on a fresh profile (``--user-data-dir``), headless."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A tab that fails the test on any dialog (an ``alert`` from a report would open one)."""
    tab = browser.new_page()
    dialogs: list[str] = []

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", refuse)
    yield tab
    tab.close()
    assert dialogs == [], f"a report's script ran: {dialogs}"


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def _assert_inert(page: Any) -> None:
    found = page.evaluate(INERT_CHECK)
    assert found == {"xss": None, "scripts": 0, "handlers": [], "jsLinks": [], "frames": 0}, (
        page.url
    )


# ---------------------------------------------------------------------------
# reading a story


def test_web_browser_conflict_to_fact_to_report_and_back(page: Any, demo_url: str) -> None:
    response = page.goto(demo_url + "/")
    assert response.status == 200
    assert "script-src 'none'" in response.headers["content-security-policy"]
    conflict = page.locator("table.conflicts a.fact-link").first
    conflict.wait_for()
    _shot(page, "overview")

    conflict.click()
    page.wait_for_url(re.compile(r"/fact/"))
    sentences = page.locator("li.statement blockquote.context .sentence")
    assert sentences.count() >= 2
    for i in range(2):
        assert sentences.nth(i).is_visible()
        background = sentences.nth(i).evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("li.statement mark.value").count() >= 2
    fact_url = page.url
    _shot(page, "fact")

    page.locator("a.in-report").first.click()
    page.wait_for_url(re.compile(r"/report/.+#m-"))
    target = page.locator(":target")
    assert target.evaluate("e => e.tagName") == "MARK"
    assert target.is_visible()
    _shot(page, "report")

    page.go_back()
    page.wait_for_url(fact_url)
    assert page.locator("li.statement").count() >= 2
    _assert_inert(page)


def test_web_browser_report_mentions_link_back_to_facts(page: Any, demo_url: str) -> None:
    page.goto(demo_url + "/reports")
    page.locator("table.data tbody a").first.click()
    page.wait_for_url(re.compile(r"/report/"))
    linked = page.locator("div.text mark.mention > a").first
    linked.click()
    page.wait_for_url(re.compile(r"/fact/.+#st-"))
    assert page.locator("li.statement:target").is_visible()


def test_web_browser_filter_facts(page: Any, demo_url: str) -> None:
    page.goto(demo_url + "/facts")
    page.select_option("form.filters select[name=status]", "agreed")
    page.select_option("form.filters select[name=kind]", "count")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"status=agreed"))
    rows = page.locator("table.facts tbody tr")
    assert rows.count() >= 1
    assert rows.evaluate_all("rs => rs.every(r => r.className === 'row-agreed')")
    assert set(page.locator("table.facts td.kind").all_inner_texts()) == {"count"}
    _shot(page, "facts-filtered")


def test_web_browser_search(page: Any, demo_url: str) -> None:
    page.goto(demo_url + "/")
    page.fill("form.search input[name=q]", "Lirio Star")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Lirio"))
    assert page.locator("mark.hit").count() >= 1
    page.locator("#results-sentences a.hit-title").first.click()
    page.wait_for_url(re.compile(r"/report/"))
    _shot(page, "search-followed")
    page.go_back()
    _shot(page, "search")


@pytest.mark.parametrize(
    "path",
    [
        "/compare",
        "/timeline",
        "/quotes",
        "/entities",
        "/events",
        "/subjects",
        "/tables",
        "/table/facts?status=conflict",
    ],
)
def test_web_browser_pages_render(page: Any, demo_url: str, path: str) -> None:
    response = page.goto(demo_url + path)
    assert response.status == 200
    assert page.locator("main h1").is_visible()
    name = path.strip("/").split("?")[0].replace("/", "-")
    _shot(page, name)


# ---------------------------------------------------------------------------
# hostile reports


def _hostile_paths(page: Any, base: str) -> list[str]:
    """Every report, fact and entity page of the hostile corpus, and the list pages."""
    found: set[str] = set()
    for listing in ("/reports", "/facts?size=500", "/entities?size=500", "/events"):
        page.goto(base + listing)
        hrefs = page.locator("main a[href^='/']").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))"
        )
        found.update(h for h in hrefs if re.match(r"^/(report|fact|entity|event|subject)/", h))
    lists = [
        "/",
        "/facts",
        "/compare",
        "/quotes",
        "/timeline",
        "/subjects",
        "/search?q=script",
        "/search?q=onerror&group=quotes",
        "/table/documents",
        "/table/quotes",
        "/table/removed",
    ]
    return lists + sorted(found)


def test_web_browser_hostile_reports_stay_inert(page: Any, xss_url: str) -> None:
    paths = _hostile_paths(page, xss_url)
    assert any(p.startswith("/report/crane-wire") for p in paths)
    for path in paths:
        response = page.goto(xss_url + path)
        assert response.status == 200, path
        _assert_inert(page)
    page.goto(xss_url + "/report/crane-wire")
    text = page.locator("div.text").inner_text()
    assert "<script>window.__xss = 1" in text and "</textarea>" in text
    _shot(page, "xss-report")
    page.goto(xss_url + "/")
    _shot(page, "xss-overview")


# ---------------------------------------------------------------------------
# a disputed figure (issue 14): each source's figure side by side


def _served(serve: Any, tmp_path_factory: pytest.TempPathFactory, name: str) -> tuple[str, Path]:
    """The fixture corpus ``tests/fixtures/NAME`` built and served: its URL and folder."""
    out = _build(ROOT / "tests" / "fixtures" / name, tmp_path_factory.mktemp(name))
    return str(serve(out)), out


@pytest.fixture(scope="module")
def dispute_site(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return _served(serve, tmp_path_factory, "dispute")


@pytest.mark.issue(14)
def test_web_browser_disputed_fact_shows_each_sources_figure(
    page: Any, dispute_site: tuple[str, Path]
) -> None:
    url, out = dispute_site
    facts = json.loads((out / "dossier.json").read_text())["facts"]
    crowd = next(f for f in facts if f["dispute"])
    page.goto(url + urls.fact(crowd["id"]))
    meta = page.locator(".fact-meta .value").inner_text()
    assert meta.startswith("disputed: ") and "12,000" in meta and "40,000" in meta
    rows = page.locator("table.sides tbody tr")
    assert rows.count() == 2
    cells = {rows.nth(k).locator("td").nth(0).inner_text(): rows.nth(k).locator("td").nth(1)
             .inner_text().casefold() for k in range(2)}
    assert cells == {"12,000": "police", "40,000": "organisers"}
    _assert_inert(page)
    _shot(page, "fact-dispute")


@pytest.fixture(scope="module")
def series_site(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return _served(serve, tmp_path_factory, "series")


@pytest.mark.issue(14)
def test_web_browser_fact_in_a_series_draws_its_history(
    page: Any, series_site: tuple[str, Path]
) -> None:
    url, out = series_site
    (series,) = json.loads((out / "dossier.json").read_text())["series"]
    middle = series["points"][1]
    page.goto(url + urls.fact(middle["fact"]))
    chart = page.locator("svg.series-chart")
    assert chart.count() == 1
    assert page.locator("svg.series-chart circle").count() == 3
    assert page.locator("svg.series-chart circle.current").count() == 1
    labels = page.locator("svg.series-chart text").all_text_contents()
    assert {"2025-06-03", "2025-06-04", "2025-06-05", "90", "860", "2,100"} <= set(labels)
    assert "conflict" not in page.locator("h1.fact-title").inner_text().lower()
    page.locator("svg.series-chart a").last.click()
    page.wait_for_url("**" + urls.fact(series["points"][-1]["fact"]))
    _assert_inert(page)
    _shot(page, "fact-series")
