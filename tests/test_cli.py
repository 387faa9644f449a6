"""Issue 18: the command line as a new user meets it.

- `build` takes what `add` takes: files, folders, page URLs and feed URLs, mixed (the
  pages and feeds are served for real on loopback by the fixture site, tests/fixtures/web);
- counts are pluralised, `-q` prints no summary, re-adding a report says why nothing was
  added, `add --regroup DIR` needs no report;
- `corroborator.build("reports/")` reads one folder, not its name's characters;
- the README's commands work as written after its set-up commands;
- issue 19, 8: a full disk, a file size limit and a read-only dossier folder give a message
  naming the folder and the problem (no traceback), and lose nothing recorded: the same
  command goes through once the problem is gone.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
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


# --- a full disk, a file size limit, a read-only folder (issue 19, 8) ---------------------

LATE = "005_kelda-islander.txt"  # of one_report's work folder, not in its dossier
SIZE_LIMIT = 100_000  # bytes: the record and the caches are larger, inputs.json smaller

# The CLI with a file size limit (ulimit -f): a write past it fails with EFBIG (SIGXFSZ,
# which would kill the process, ignored as a shell with `ulimit -f` and `trap` does).
LIMITED = r"""
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from corroborator.cli import cli
sys.exit(cli(sys.argv[2:], "corroborator"))
"""


def kept(folder: Path) -> tuple[list[str], str]:
    """The record, row for row (checked whole), and inputs.json."""
    with closing(sqlite3.connect(folder / "record.sqlite")) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = list(db.iterdump())
    return rows, (folder / "inputs.json").read_text()


def failed_clearly(done: subprocess.CompletedProcess[str], folder: Path, problem: str) -> str:
    """The one-line message of a command that could not write ``folder``."""
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"Error: {folder}: corroborator cannot write a dossier here: "
                               f"{problem}"), lines[0]
    return lines[0]


@pytest.mark.issue(19)
@pytest.mark.parametrize("command", ["add", "build"])
def test_cli_a_file_size_limit_is_told_and_loses_nothing(command: str,
                                                        one_report: dict[str, object],
                                                        tmp_path: Path) -> None:
    folder = copy_of(one_report, tmp_path)
    work = Path(str(one_report["work"]))
    args = (["add", folder, work / LATE] if command == "add"
            else ["build", work, "--out", folder])
    before = kept(folder)
    done = subprocess.run([sys.executable, "-c", LIMITED, str(SIZE_LIMIT), *map(str, args)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          check=False)
    message = failed_clearly(done, folder, f"a file reached the size limit for files of "
                                           f"{SIZE_LIMIT:,} bytes")
    assert message.endswith("is as it was. Raise the limit (ulimit -f) or write elsewhere, "
                            "then run the command again.")
    assert kept(folder) == before
    run(*args, cwd=tmp_path)  # no limit: the same command goes through
    assert record_ids(folder) == {"001_port-ansel-courier", "005_kelda-islander"}


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (root only; skipped elsewhere)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(folder)], capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(disk: Path, leave: int) -> Path:
    """A file taking all the free space of ``disk`` but ``leave`` bytes."""
    st = os.statvfs(disk)
    filler = disk / "filler"
    with filler.open("wb") as fh:
        left = st.f_bavail * st.f_frsize - leave
        while left > 0:
            left -= fh.write(bytes(min(left, 1 << 20)))
    return filler


@pytest.mark.issue(19)
def test_cli_a_full_disk_during_add_is_told_and_loses_nothing(one_report: dict[str, object],
                                                               tmp_path: Path) -> None:
    work = Path(str(one_report["work"]))
    with small_disk(tmp_path / "disk", "4m") as disk:
        folder = disk / "d"
        shutil.copytree(one_report["built"], folder)  # type: ignore[arg-type]
        before = kept(folder)
        filler = fill(disk, leave=16 * 1024)
        done = run("add", folder, work / LATE, cwd=tmp_path, ok=False)
        message = failed_clearly(done, folder, "the disk is full")
        assert message.endswith("Nothing was added: the record is as it was. Free some "
                                "space, then run the command again.")
        assert kept(folder) == before
        filler.unlink()
        run("add", folder, work / LATE, cwd=tmp_path)
        assert record_ids(folder) == {"001_port-ansel-courier", "005_kelda-islander"}


def read_only(path: Path) -> tuple[list[str], list[str]]:
    """The commands that make ``path`` read-only and writable again: chmod, or for root
    (whom modes do not stop) the immutable attribute."""
    if os.geteuid() != 0:
        return ["chmod", "a-w", str(path)], ["chmod", "u+w", str(path)]
    return ["chattr", "+i", str(path)], ["chattr", "-i", str(path)]


@contextmanager
def made_read_only(path: Path) -> Iterator[None]:
    lock, unlock = read_only(path)
    if subprocess.run(lock, capture_output=True, check=False).returncode != 0:
        pytest.skip(f"{lock[0]} cannot make {path.name} read-only here")
    try:
        yield
    finally:
        subprocess.run(unlock, check=True)


@pytest.mark.issue(19)
@pytest.mark.parametrize("command", ["add", "build"])
def test_cli_a_read_only_dossier_folder_is_told_before_the_work(command: str,
                                                                one_report: dict[str, object],
                                                                tmp_path: Path) -> None:
    folder = copy_of(one_report, tmp_path)
    work = Path(str(one_report["work"]))
    args = ["add", folder, work / LATE] if command == "add" else ["build", work, "--out", folder]
    before, files = kept(folder), files_in(folder)
    with made_read_only(folder):
        done = run(*args, cwd=tmp_path, ok=False)
    failed_clearly(done, folder, "this user may not write there")
    assert "Give a folder you may write to (or ask its owner)" in done.stderr
    assert kept(folder) == before
    # told before the work: the new report was not analysed into the (writable) cache
    assert files_in(folder) == files


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name != ".lock")


@pytest.mark.issue(19)
@pytest.mark.skipif(os.geteuid() != 0, reason="a page that cannot be replaced: chattr, as root")
def test_cli_pages_not_written_after_the_record_say_how_to_write_them(
        one_report: dict[str, object], tmp_path: Path) -> None:
    folder = copy_of(one_report, tmp_path)
    work = Path(str(one_report["work"]))
    with made_read_only(folder / "index.html"):
        done = run("add", folder, work / LATE, cwd=tmp_path, ok=False)
    message = failed_clearly(done, folder, "this user may not write there")
    assert message.endswith("The record was written, but not its pages (index.html, "
                            "dossier.json). Give a folder you may write to (or ask its "
                            f"owner), then run `corroborator export {folder}`.")
    with closing(sqlite3.connect(folder / "record.sqlite")) as db:
        assert len(db.execute("SELECT id FROM documents").fetchall()) == 2
    assert str(work / LATE) in json.loads((folder / "inputs.json").read_text())["paths"]
    run("export", folder, cwd=tmp_path)
    assert record_ids(folder) == {"001_port-ansel-courier", "005_kelda-islander"}


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
