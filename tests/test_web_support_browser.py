"""A fact's support on its page, in a real headless Chromium (issue 17).

The fixture corpus tests/fixtures/independence (a wire story, two reprints, a
rewrite and a separate report, written for these tests) is built with the real
pipeline and served by ``corroborator serve``; the browser, the server and the
Chromium profile are those of ``tests/test_web_browser.py`` (its fixtures are
imported). The fact page must show the support that dossier.json and
record.sqlite hold: one computation, three outputs that agree.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from test_web_browser import ARTIFACTS, INERT_CHECK, browser, page, serve  # noqa: F401

from corroborator.web import urls

pytestmark = [pytest.mark.issue(17), pytest.mark.slow]

CORPUS = Path(__file__).resolve().parent / "fixtures" / "independence"
ORIGINAL = "lpa-original"
REPRINT = "valley-times-reprint"


@pytest.fixture(scope="module")
def site(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:  # noqa: F811
    out = tmp_path_factory.mktemp("independence")
    cmd = [sys.executable, "-m", "corroborator", "build", str(CORPUS), "--out", str(out), "-q"]
    subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=300)
    return str(serve(out)), out


def _wire_fact(out: Path) -> dict[str, Any]:
    """A fact of dossier.json that the wire story and its reprint both support."""
    facts = json.loads((out / "dossier.json").read_text())["facts"]
    return next(f for f in facts
                if any({ORIGINAL, REPRINT} <= set(x["documents"]) for x in f["support"]["sources"]))


def test_web_support_browser_fact_page_shows_the_stored_support(
    page: Any, site: tuple[str, Path]  # noqa: F811
) -> None:
    url, out = site
    fact = _wire_fact(out)
    with closing(sqlite3.connect(out / "record.sqlite")) as con:
        stored, independent = con.execute(
            "SELECT support, independent_sources FROM facts WHERE id = ?", (fact["id"],)
        ).fetchone()
    assert stored == fact["support"]["summary"]

    page.goto(url + urls.fact(fact["id"]))
    summary = page.locator(".fact-meta dd.support-summary")
    assert summary.is_visible()
    assert summary.inner_text() == stored
    section = page.locator("section.support")
    assert section.is_visible()
    assert f"{independent} independent" in section.locator("h2").inner_text()
    rows = section.locator("table.support-sources tbody tr")
    assert rows.count() == independent
    wire = rows.filter(has=page.locator(f"a[href='{urls.report(REPRINT)}']"))
    assert wire.count() == 1
    reprint = wire.locator("li").filter(has=page.locator(f"a[href='{urls.report(REPRINT)}']"))
    assert "reprint" in reprint.locator("span.derived").inner_text()
    assert page.evaluate(INERT_CHECK)["scripts"] == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-fact-support.png"), full_page=True)

    reprint.locator(f"span.derived a[href='{urls.report(ORIGINAL)}']").click()
    page.wait_for_url(re.compile(re.escape(urls.report(ORIGINAL)) + "$"))
    copied_by = page.locator("p.copied-by")
    assert copied_by.is_visible()
    assert copied_by.locator(f"a[href='{urls.report(REPRINT)}']").count() == 1
