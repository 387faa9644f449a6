"""The timeline page in a real headless Chromium (issue 18, item 6).

Each corpus is built with the real pipeline (``corroborator build``) and
served by ``corroborator serve`` on a free loopback port: the fixture story
written for this test (``tests/fixtures/timeline``: a footbridge that
collapses on a day, with a month and years in its background and a death toll
restated over four days) and the bundled demo. The page is then measured as
drawn, in screen pixels: every chart has one scale (a day is as wide on each
part of its axis), a month is drawn a month wide and a day as a point in its
day's middle, no label prints over another or off the chart, the points of a
series are spaced by the time between them, and the links lead where they say.
Screenshots go to ``tests/artifacts/`` (``web-timeline-demo.png`` is the
README's).

Playwright drives the Chromium binary that apt installed (``executable_path``);
it never downloads a browser of its own.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_web_browser import ARTIFACTS, ROOT, _build, browser, demo_url, page, serve  # noqa: F401

from corroborator.web import urls
from corroborator.web.timeline import MIN_BAR

pytestmark = [pytest.mark.issue(18), pytest.mark.slow]

PX = 1.0  # screen pixels of slack: SVG coordinates are rounded to a tenth of a unit

# Every chart, measured in screen pixels: its axis segments (x, width, first day, day after),
# its bars and dots with the dates they stand for, its labels' boxes, and its own box.
MEASURE = """svg => {
    const box = e => e.getBoundingClientRect();
    const seg = [...svg.querySelectorAll('line.tl-axis')].map(l => ({
        x: box(l).left, w: box(l).width, start: l.dataset.start, end: l.dataset.end}));
    const bars = [...svg.querySelectorAll('rect.tl-bar')].map(r => ({
        x: box(r).left, w: box(r).width, start: r.dataset.start, end: r.dataset.end}));
    const dots = [...svg.querySelectorAll('.tl-dot')].map(d => ({
        x: box(d).left + box(d).width / 2, day: d.dataset.day}));
    const labels = [...svg.querySelectorAll('text.tl-label, text.tl-value')].map(t => {
        const b = box(t); return {text: t.textContent, l: b.left, r: b.right, t: b.top, b: b.bottom};
    });
    const s = box(svg), unit = s.width / svg.viewBox.baseVal.width;
    return {seg, bars, dots, labels, unit, svg: {l: s.left, r: s.right, t: s.top, b: s.bottom}};
}"""


@pytest.fixture(scope="module")
def fixture_site(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:  # noqa: F811
    out = _build(ROOT / "tests" / "fixtures" / "timeline", tmp_path_factory.mktemp("timeline"))
    return str(serve(out)), out


# ---------------------------------------------------------------------------
# measuring a chart as drawn


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def _scale(chart: dict[str, Any]) -> float:
    """Screen pixels a day, the same on every part of the axis (asserted)."""
    scales = [s["w"] / _days(s["start"], s["end"]) for s in chart["seg"]]
    assert scales and max(scales) / min(scales) < 1.01, scales
    return scales[0]


def _x(chart: dict[str, Any], day: str) -> float:
    """Where ``day`` starts, in screen pixels."""
    for s in chart["seg"]:
        if s["start"] <= day <= s["end"]:
            return float(s["x"] + _days(s["start"], day) * s["w"] / _days(s["start"], s["end"]))
    raise AssertionError(f"{day} is on no part of the axis")


def _assert_drawn_to_scale(chart: dict[str, Any]) -> None:
    """Bars as wide as the days they cover (at least ``MIN_BAR`` units), dots in their day's
    middle."""
    per_day = _scale(chart)
    for bar in chart["bars"]:
        covers = _days(bar["start"], bar["end"]) + 1
        assert bar["x"] == pytest.approx(_x(chart, bar["start"]), abs=PX), bar
        expected = max(covers * per_day, MIN_BAR * chart["unit"])
        assert bar["w"] == pytest.approx(expected, abs=PX), (bar, covers, per_day)
    for dot in chart["dots"]:
        assert dot["x"] == pytest.approx(_x(chart, dot["day"]) + per_day / 2, abs=PX), dot


def _assert_labels_clear(chart: dict[str, Any]) -> None:
    """No label prints over another, and every one is inside its chart."""
    box, labels = chart["svg"], chart["labels"]
    for k, a in enumerate(labels):
        assert box["l"] - PX <= a["l"] and a["r"] <= box["r"] + PX, a
        for b in labels[k + 1 :]:
            overlap_x = min(a["r"], b["r"]) - max(a["l"], b["l"])
            overlap_y = min(a["b"], b["b"]) - max(a["t"], b["t"])
            assert overlap_x <= PX or overlap_y <= PX, (a, b)


def _charts(page: Any) -> dict[str, dict[str, Any]]:  # noqa: F811
    return {
        svg.evaluate("s => s.closest('figure').id"): svg.evaluate(MEASURE)
        for svg in page.locator("svg.timeline-chart, svg.series-time").all()
    }


# ---------------------------------------------------------------------------
# the fixture story


def test_web_timeline_browser_charts_are_drawn_to_scale(
    page: Any, fixture_site: tuple[str, Path]  # noqa: F811
) -> None:
    url, _ = fixture_site
    assert page.goto(url + "/timeline").status == 200
    charts = _charts(page)
    assert {"chart-story", "chart-background"} <= set(charts)
    for name, chart in charts.items():
        _assert_drawn_to_scale(chart)
        _assert_labels_clear(chart)
        assert chart["bars"] or chart["dots"], name
    background = charts["chart-background"]
    months = [b for b in background["bars"] if b["start"] == "2024-03-01"]
    years = [b for b in background["bars"] if b["start"] == "1987-01-01"]
    assert months and years  # March 2024 a month wide, 1987 a year wide, on one scale
    assert years[0]["w"] / months[0]["w"] == pytest.approx(365 / 31, rel=0.05)
    breaks = page.locator("#chart-background text.tl-break-label").all_text_contents()
    assert len(breaks) == len(background["seg"]) - 1 >= 1
    assert all(re.fullmatch(r"\d+ (day|week|month|year)s?", b) for b in breaks), breaks
    _shot(page, "timeline-fixture")


def test_web_timeline_browser_series_spaced_by_time(
    page: Any, fixture_site: tuple[str, Path]  # noqa: F811
) -> None:
    url, out = fixture_site
    series = json.loads((out / "dossier.json").read_text())["series"]
    toll = next(s for s in series if [p["time"] for p in s["points"]] == [
        "2025-06-03", "2025-06-04", "2025-06-06"
    ])
    page.goto(url + "/timeline")
    chart = page.locator(f"#series-{toll['id']} svg.series-time").evaluate(MEASURE)
    xs = [d["x"] for d in chart["dots"]]
    assert xs[2] - xs[1] == pytest.approx(2 * (xs[1] - xs[0]), abs=PX)  # 3, 4 and 6 June
    _assert_drawn_to_scale(chart)
    _assert_labels_clear(chart)
    shown = page.locator(f"#series-{toll['id']} text.tl-value").all_text_contents()
    assert shown == [str(p["value"]) for p in toll["points"]]


def test_web_timeline_browser_key_figures_lead_to_their_facts(
    page: Any, fixture_site: tuple[str, Path]  # noqa: F811
) -> None:
    url, _ = fixture_site
    page.goto(url + "/timeline")
    cards = page.locator("li.tl-event-card")
    assert cards.count() >= 1
    reports = [int(n) for n in cards.first.locator("table.tl-figures td.num").all_inner_texts()]
    assert reports == sorted(reports, reverse=True) and reports
    figure = cards.first.locator("table.tl-figures a.fact-link").first
    label = figure.inner_text()
    figure.click()
    page.wait_for_url(re.compile(r"/fact/"))
    assert page.locator("h1.fact-title").inner_text().startswith(label)
    page.go_back()
    link = page.locator("a.tl-series-link").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator("figure.tl-series:target").is_visible()


# ---------------------------------------------------------------------------
# the demo: the README's screenshot


def test_web_timeline_browser_demo(page: Any, demo_url: str) -> None:  # noqa: F811
    response = page.goto(demo_url + "/timeline")
    assert response.status == 200
    for chart in _charts(page).values():
        _assert_drawn_to_scale(chart)
        _assert_labels_clear(chart)
    conflicts = page.locator("table.tl-figures tr.row-conflict td.value").all_inner_texts()
    assert conflicts and all(" vs " in c for c in conflicts)
    dates = page.locator("li.tl-event-card .tl-when time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))"
    )
    assert dates == sorted(dates)
    found = page.evaluate(
        "() => ({scripts: document.scripts.length, xss: window.__xss === undefined})"
    )
    assert found == {"scripts": 0, "xss": True}
    _shot(page, "timeline-demo", top=page.locator("li.tl-event-card").first)
    first = page.locator("li.tl-event-card h3 a").first
    href = first.get_attribute("href")
    assert href is not None and href.startswith("/event/")
    assert urls.event(href.removeprefix("/event/")) == href


def _shot(page: Any, name: str, top: Any = None) -> None:  # noqa: F811
    """A screenshot in ``tests/artifacts/``: the whole page, or down to the end of ``top``."""
    path = str(ARTIFACTS / f"web-{name}.png")
    if top is None:
        page.screenshot(path=path, full_page=True)
        return
    box = top.bounding_box()
    height = box["y"] + box["height"] + 16
    page.screenshot(path=path, full_page=True, clip={"x": 0, "y": 0, "width": 1400,
                                                      "height": height})
