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


@pytest.fixture
def loopback(tmp_path: Path) -> Path:
    """A settings file letting the fetcher reach the fixture site (it refuses local addresses
    unless asked)."""
    cfg = tmp_path / "loopback.cfg"
    cfg.write_text("[corroborator]\nallow_private_addresses = true\n")
    return cfg


# --- build takes files, folders, page URLs and feed URLs -------------------------------


def test_cli_build_takes_files_folders_page_urls_and_feed_urls_mixed(
        site: SiteServer, loopback: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("001_port-ansel-courier.txt", "005_kelda-islander.txt"):
        shutil.copy(DEMO / name, folder / name)
    page, feed = site.url("/news/council-budget.html"), site.url("/feeds/news.rss")
    done = run("build", folder, DEMO / "003_tesk-radio.txt", page, feed, "--out",
               tmp_path / "d", "--settings", loopback, cwd=tmp_path)
    assert record_ids(tmp_path / "d") == {
        "001_port-ansel-courier", "005_kelda-islander", "003_tesk-radio",
        "127.0.0.1-council-budget", "127.0.0.1-ferry-strike", "127.0.0.1-library-vote"}
    assert {"/news/council-budget.html", "/feeds/news.rss", "/news/ferry-strike.html",
            "/news/library-vote.html"} <= set(site.paths())
    inputs = json.loads((tmp_path / "d" / "inputs.json").read_text())
    assert inputs["urls"] == [page, feed]  # as given: "http://" kept whole
    assert inputs["paths"] == [str(folder), str(DEMO / "003_tesk-radio.txt")]
    assert "disallowed by" in done.stderr  # the feed's private item, named as skipped


def test_cli_build_of_an_unreadable_url_names_it_whole(site: SiteServer, loopback: Path,
                                                       tmp_path: Path) -> None:
    missing = site.url("/news/withdrawn.html")
    done = run("build", missing, "--out", tmp_path / "d", "--settings", loopback, cwd=tmp_path,
               ok=False)
    assert done.returncode != 0
    assert f"no readable reports in {missing}" in done.stderr
    assert "HTTP 404" in done.stderr
    assert "/news/withdrawn.html" in site.paths()  # the request was made


def test_cli_build_help_and_usage_name_urls_as_inputs(tmp_path: Path) -> None:
    bare = run("build", "--out", tmp_path / "d", cwd=tmp_path, ok=False)
    assert bare.returncode == 2 and "(files, folders or URLs)" in bare.stderr
    assert "web pages, feeds" in run("--help", cwd=tmp_path).stdout
    assert "[REPORT_OR_URL]..." in run("build", "--help", cwd=tmp_path).stdout


def test_cli_an_address_without_its_scheme_is_told_how_to_be_fetched(tmp_path: Path) -> None:
    done = run("build", "www.example.org/news/story.html", "reports/missing.txt", "--out",
               tmp_path / "d", cwd=tmp_path, ok=False)
    assert done.returncode != 0
    said = done.stderr.replace("\n", " ")
    assert ("www.example.org/news/story.html does not exist: check the path. To fetch a web "
            "page or feed, give its whole address, starting with https:// or http://.") in said
    assert said.rstrip().endswith("reports/missing.txt does not exist: check the path.")


def test_cli_re_adding_a_feed_says_its_reports_are_in_the_record(
        site: SiteServer, loopback: Path, tmp_path: Path) -> None:
    feed = site.url("/feeds/news.rss")
    run("build", feed, "--out", tmp_path / "d", "--settings", loopback, "-q", cwd=tmp_path)
    again = run("add", tmp_path / "d", feed, cwd=tmp_path)
    assert again.stdout.startswith("added 0 reports"), again.stdout + again.stderr
    assert f"already in the record: every readable report of {feed}" in again.stderr
    page = site.url("/news/ferry-strike.html")  # one of its items, given alone
    again = run("add", tmp_path / "d", page, cwd=tmp_path)
    assert f"already in the record: {page}\n" in again.stderr
    assert "every readable report of" not in again.stderr


# --- small things: plurals, -q, re-adding, --regroup alone ------------------------------


@pytest.fixture(scope="module")
def one_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A dossier of one demo report, built without -q, and the output of that build."""
    work = tmp_path_factory.mktemp("one")
    (work / "reports").mkdir()
    for name in ("001_port-ansel-courier.txt", "005_kelda-islander.txt"):
        shutil.copy(DEMO / name, work / "reports" / name)
    done = run("build", "reports/001_port-ansel-courier.txt", "--out", "d", cwd=work)
    return {"work": work / "reports", "built": work / "d", "stdout": done.stdout}


def copy_of(one_report: dict[str, object], tmp_path: Path) -> Path:
    folder = tmp_path / "d"
    shutil.copytree(one_report["built"], folder)  # type: ignore[arg-type]
    return folder


def test_cli_summary_counts_one_in_the_singular(one_report: dict[str, object]) -> None:
    from corroborator.cli import _summary_line

    assert str(one_report["stdout"]).startswith("1 report, 1 event, ")
    assert _summary_line({"reports": 1, "events": 2, "facts": 1, "conflicts": 1,
                          "skipped": 1}) == "1 report, 2 events, 1 fact, 1 conflict, 1 skipped"
    assert _summary_line({"reports": 2000, "events": 0, "facts": 2, "conflicts": 0,
                          "skipped": 0}) == "2,000 reports, 0 events, 2 facts, 0 conflicts, 0 skipped"


def test_cli_quiet_build_and_add_print_no_summary(one_report: dict[str, object],
                                                  tmp_path: Path) -> None:
    work = Path(str(one_report["work"]))
    built = run("build", work / "001_port-ansel-courier.txt", "--out", tmp_path / "q", "-q",
                cwd=tmp_path)
    assert built.stdout == ""
    assert (tmp_path / "q" / "record.sqlite").exists()
    added = run("add", tmp_path / "q", work / "005_kelda-islander.txt", "-q", cwd=tmp_path)
    assert added.stdout == "" and added.stderr == ""
    assert record_ids(tmp_path / "q") == {"001_port-ansel-courier", "005_kelda-islander"}


def test_cli_adding_one_report_says_report_and_re_adding_says_why_nothing_was_added(
        one_report: dict[str, object], tmp_path: Path) -> None:
    folder = copy_of(one_report, tmp_path)
    work = Path(str(one_report["work"]))
    once = run("add", folder, work / "005_kelda-islander.txt", cwd=work)
    assert once.stdout.startswith("added 1 report (events: "), once.stdout
    again = run("add", folder, "005_kelda-islander.txt", cwd=work)
    assert again.stdout.startswith("added 0 reports (events: none); 2 reports, ")
    assert "already in the record: 005_kelda-islander.txt" in again.stderr
    assert "001_port" not in again.stderr  # only what was given again is named
    by_folder = run("add", folder, ".", cwd=work)  # the folder holding both reports
    assert by_folder.stdout.startswith("added 0 reports")
    assert "already in the record: 001_port-ansel-courier.txt" in by_folder.stderr
    assert "already in the record: 005_kelda-islander.txt" in by_folder.stderr


def test_cli_add_regroup_needs_no_report(one_report: dict[str, object], tmp_path: Path) -> None:
    folder = copy_of(one_report, tmp_path)
    before = json.loads((folder / "dossier.json").read_text())
    done = run("add", folder, "--regroup", cwd=tmp_path)
    assert done.stdout.startswith("1 report, 1 event, "), done.stdout
    after = json.loads((folder / "dossier.json").read_text())
    assert [d["id"] for d in after["documents"]] == [d["id"] for d in before["documents"]]
    assert after["facts"] == before["facts"]
    bare = run("add", folder, cwd=tmp_path, ok=False)
    assert bare.returncode == 2 and "--regroup" in bare.stderr


def test_cli_the_library_build_takes_urls_among_its_paths(site: SiteServer, loopback: Path,
                                                          tmp_path: Path) -> None:
    import corroborator

    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(DEMO / "003_tesk-radio.txt", reports / "003_tesk-radio.txt")
    record = corroborator.build([reports, site.url("/news/council-budget.html")],
                                corroborator.Settings.load(loopback))
    assert {d.id for d in record.documents} == {"003_tesk-radio", "127.0.0.1-council-budget"}, \
        record.skipped
    assert "/news/council-budget.html" in site.paths()


# --- packaging --------------------------------------------------------------------------


def test_cli_pyproject_declares_its_license_as_an_spdx_expression() -> None:
    """The {text = ...} table is deprecated: setuptools warned of it on every install."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "Apache-2.0"
    assert "setuptools>=77" in project["build-system"]["requires"]  # the first to read it


# --- the README's commands, as written ----------------------------------------------------


def test_cli_readme_set_up_puts_the_command_on_path(tmp_path: Path) -> None:
    """After the README's set-up lines, its `corroborator ...` examples run as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("```\n", 2)[1].splitlines()  # the first block: the set-up commands
    assert [line.split("#")[0].strip() for line in setup] == [
        "make demo", "make test", ". .venv/bin/activate"]
    if not (ROOT / ".venv" / "bin" / "activate").exists():
        pytest.skip("no .venv here: `make test` makes one")
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # a new shell: no venv on PATH
    missing = subprocess.run(["sh", "-c", "command -v corroborator"], env=bare, cwd=ROOT,
                             capture_output=True, text=True, check=False)
    assert missing.returncode != 0
    report = DEMO / "001_port-ansel-courier.txt"
    script = (f". .venv/bin/activate && corroborator build '{report}' --out '{tmp_path / 'd'}' "
              "&& python -c 'import corroborator'")
    done = subprocess.run(["sh", "-c", script], env=bare, cwd=ROOT, capture_output=True,
                          text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 report, ") and (tmp_path / "d" / "index.html").exists()


def test_cli_make_demo_says_how_to_run_the_command() -> None:
    done = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "corroborator build demo/corpus --out demo/out" in done.stdout
    assert ". .venv/bin/activate" in done.stdout and ".venv/bin/corroborator" in done.stdout
