"""Issue 18: the command line as a new user meets it.

- `build` takes what `add` takes: files, folders, page URLs and feed URLs, mixed (the
  pages and feeds are served for real on loopback by the fixture site, tests/fixtures/web);
- counts are pluralised, `-q` prints no summary, re-adding a report says why nothing was
  added, `add --regroup DIR` needs no report;
- `corroborator.build("reports/")` reads one folder, not its name's characters;
- the README's commands work as written after its set-up commands.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.web.server import SiteServer

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"
EXE = Path(sys.executable).with_name("corroborator")
pytestmark = pytest.mark.issue(18)


def run(*args: object, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(EXE), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=600)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def record_ids(dossier: Path) -> set[str]:
    return {d["id"] for d in json.loads((dossier / "dossier.json").read_text())["documents"]}


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server


# --- build takes files, folders, page URLs and feed URLs -------------------------------


def test_cli_build_takes_files_folders_page_urls_and_feed_urls_mixed(
        site: SiteServer, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("001_port-ansel-courier.txt", "005_kelda-islander.txt"):
        shutil.copy(DEMO / name, folder / name)
    page, feed = site.url("/news/council-budget.html"), site.url("/feeds/news.rss")
    done = run("build", folder, DEMO / "003_tesk-radio.txt", page, feed, "--out",
               tmp_path / "d", cwd=tmp_path)
    assert record_ids(tmp_path / "d") == {
        "001_port-ansel-courier", "005_kelda-islander", "003_tesk-radio",
        "127.0.0.1-council-budget", "127.0.0.1-ferry-strike", "127.0.0.1-library-vote"}
    assert {"/news/council-budget.html", "/feeds/news.rss", "/news/ferry-strike.html",
            "/news/library-vote.html"} <= set(site.paths())
    inputs = json.loads((tmp_path / "d" / "inputs.json").read_text())
    assert inputs["urls"] == [page, feed]  # as given: "http://" kept whole
    assert inputs["paths"] == [str(folder), str(DEMO / "003_tesk-radio.txt")]
    assert "disallowed by" in done.stderr  # the feed's private item, named as skipped


def test_cli_build_of_an_unreadable_url_names_it_whole(site: SiteServer, tmp_path: Path) -> None:
    missing = site.url("/news/withdrawn.html")
    done = run("build", missing, "--out", tmp_path / "d", cwd=tmp_path, ok=False)
    assert done.returncode != 0
    assert f"no readable reports in {missing}" in done.stderr
    assert "HTTP 404" in done.stderr
    assert "/news/withdrawn.html" in site.paths()  # the request was made
