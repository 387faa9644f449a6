"""The extraction budget (issue 19, 6): pathological HTML is refused or stopped, never waited for.

Each page is generated here. Without the guards, the attribute page keeps libxml2 busy
for minutes in one C call, the paragraph of inline tags keeps trafilatura for minutes,
and both were built (or hung the batch): these tests then fail on their reason or their
clock. Budgets are made small through the settings, so each test takes seconds.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from corroborator.errors import InputError
from corroborator.ingest import budget
from corroborator.ingest.budget import ExtractorGone, Overtime, check_structure, run_with_budget
from corroborator.ingest.reports import iter_reports
from corroborator.models import RawDoc, Skipped
from corroborator.settings import Settings

pytestmark = pytest.mark.issue(19)
ROOT = Path(__file__).resolve().parents[1]
STORY = ("<p>The ferry Marlow Star capsized off Port Ellis on Sunday with 142 people on "
         "board, the coast guard said, and 12 remain missing.</p>")  # fmt: skip


def page(body: str, title: str = "Ferry capsizes off Port Ellis") -> str:
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


def attributes(n: int) -> str:
    """One element with ``n`` attributes: libxml2 compares each with all the others."""
    return page("<p " + " ".join(f'a{i}="1"' for i in range(n)) + ">" + STORY[3:] + STORY)


def inline_tags(n: int) -> str:
    """One paragraph of ``n`` inline tags: trafilatura walks them once per tag."""
    return page(STORY * 3 + "<p>" + "<span>word</span> " * n + "</p>")


def paragraphs(n: int) -> str:
    return page(STORY + "<p>More.</p>" * n)


def read(folder: Path, settings: Settings) -> tuple[list[RawDoc], list[Skipped], float]:
    started = time.monotonic()
    items = list(iter_reports([folder], settings=settings))
    took = time.monotonic() - started
    return ([i for i in items if isinstance(i, RawDoc)],
            [i for i in items if isinstance(i, Skipped)], took)  # fmt: skip


def batch(tmp_path: Path, bad: str) -> Path:
    """A folder with the bad page between two good reports."""
    (tmp_path / "a-good.html").write_text(page(STORY * 3), encoding="utf-8")
    (tmp_path / "b-bad.html").write_text(bad, encoding="utf-8")
    (tmp_path / "c-good.txt").write_text("Ferry capsizes\n\n" + STORY[3:-4] * 2, encoding="utf-8")
    return tmp_path


def test_budget_an_element_with_too_many_attributes_is_refused_at_once(tmp_path: Path) -> None:
    """30,000 attributes: 8 s a parse, and trafilatura parses several times."""
    docs, skipped, took = read(batch(tmp_path, attributes(30_000)), Settings())
    assert [d.id for d in docs] == ["a-good", "c-good"]
    assert [s.path for s in skipped] == [str(tmp_path / "b-bad.html")]
    assert skipped[0].reason == (
        "b-bad.html has an HTML element with 5,001 or more attributes, over the 5,000 one "
        "element may have (the HTML parser's time grows with the square of their number): "
        "save the article text as .txt, or raise max_html_attributes in the settings."
    )
    assert took < 10, f"{took:.1f} s"


def test_budget_a_page_of_too_many_elements_is_refused_at_once(tmp_path: Path) -> None:
    docs, skipped, _ = read(batch(tmp_path, paragraphs(3_000)), Settings(max_html_elements=2_000))
    assert [d.id for d in docs] == ["a-good", "c-good"]
    assert skipped[0].reason.startswith(
        "b-bad.html has 3,006 HTML elements, over the 2,000 one report may have")
    assert "raise max_html_elements in the settings" in skipped[0].reason


def test_budget_a_slow_extraction_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    """12,000 inline tags in one paragraph take trafilatura half a minute; the budget is 1 s."""
    docs, skipped, took = read(batch(tmp_path, inline_tags(12_000)), Settings(extract_seconds=1))
    assert [d.id for d in docs] == ["a-good", "c-good"]
    assert len(skipped) == 1
    assert skipped[0].reason.startswith(
        "b-bad.html took more than 1 s to extract, so its extraction was stopped and the "
        "report skipped")
    assert skipped[0].reason.endswith("or raise extract_seconds in the settings.")
    assert took < 8, f"{took:.1f} s"


def test_budget_stops_work_inside_c_code(tmp_path: Path) -> None:
    """With the attribute check off, libxml2 parses 40,000 attributes in one C call of
    about 14 s, which no signal interrupts: the worker process is killed at the budget."""
    settings = Settings(extract_seconds=1, max_html_attributes=0)
    docs, skipped, took = read(batch(tmp_path, attributes(40_000)), settings)
    assert [d.id for d in docs] == ["a-good", "c-good"]
    assert "took more than 1 s to extract" in skipped[0].reason
    assert took < 8, f"{took:.1f} s"


def test_budget_worker_gives_what_extraction_here_gives() -> None:
    """The fixture pages of every test, through the worker and in this process alike."""
    pages = sorted((ROOT / "tests" / "fixtures").rglob("*.html"))
    assert len(pages) >= 5
    through_worker = [list(iter_reports([p], settings=Settings())) for p in pages]
    assert budget._worker._proc is not None
    here = [list(iter_reports([p], settings=Settings(extract_seconds=0))) for p in pages]
    assert through_worker == here


def test_budget_a_worker_that_dies_skips_only_its_report() -> None:
    with pytest.raises(ExtractorGone, match="ended by signal SIGKILL"):
        run_with_budget(5, signal.raise_signal, signal.SIGKILL)  # raised in the worker
    assert run_with_budget(5, len, "after") == 5  # a new worker


def test_budget_overtime_and_errors_come_back() -> None:
    with pytest.raises(Overtime):
        run_with_budget(0.5, time.sleep, 30)
    with pytest.raises(ValueError, match="invalid literal"):
        run_with_budget(5, int, "x")
    assert run_with_budget(0, len, "here") == 4


def test_budget_check_structure_passes_scripts_and_normal_pages() -> None:
    script = "<script>for(i=0;i<n " + "&& x " * 20_000 + ";){}</script>"
    check_structure(page(STORY + script), "a.html", "a.html", Settings())
    check_structure(page(STORY * 500), "b.html", "b.html", Settings())
    with pytest.raises(InputError):
        check_structure(attributes(6_000), "c.html", "c.html", Settings())


WORKER_PID = """
import sys, threading, time
from corroborator.ingest import budget
from corroborator.ingest.reports import extract_html
sys.path.insert(0, sys.argv[1])
from test_budget import inline_tags
threading.Thread(target=budget.run_with_budget, args=(300, extract_html, inline_tags(60_000)),
                 daemon=True).start()
while budget._worker._proc is None:
    time.sleep(0.05)
print(budget._worker._proc.pid, flush=True)
time.sleep(300)
"""


def test_budget_the_worker_dies_with_its_process() -> None:
    """A killed build leaves no worker behind (it would hold the machine, not the lock:
    the worker inherits no file)."""
    with subprocess.Popen([sys.executable, "-c", WORKER_PID, str(ROOT / "tests")],
                          stdout=subprocess.PIPE, text=True) as proc:  # fmt: skip
        assert proc.stdout is not None
        worker = int(proc.stdout.readline())
        time.sleep(1.0)  # the worker is extracting
        proc.kill()
    for _ in range(100):
        if not Path(f"/proc/{worker}").exists() or "Z" in _state(worker):
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"worker {worker} outlived its process")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
    except (OSError, IndexError):
        return "Z"


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (lambda: paragraphs(500_000), "has 500,006 HTML elements, over the 100,000"),
        (lambda: attributes(1_000_000), "has an HTML element with 5,001 or more attributes"),
    ],
    ids=["500k-paragraphs", "1e6-attributes"],
)
def test_budget_the_issue_pages_are_refused_at_once_by_default(
    tmp_path: Path, html: Callable[[], str], problem: str
) -> None:
    """The pages of the issue, at their size, with the default settings (each took the
    extractor more than 300 s)."""
    docs, skipped, took = read(batch(tmp_path, html()), Settings())
    assert [d.id for d in docs] == ["a-good", "c-good"]
    assert problem in skipped[0].reason
    assert took < 20, f"{took:.1f} s"


def test_budget_a_slow_page_does_not_hold_the_build(tmp_path: Path) -> None:
    """``corroborator build`` of two reports and 40,000 tags in one paragraph (122 s and
    more to extract): with a 2 s budget the build skips it, names it, and ends, releasing
    the dossier's lock, instead of holding it for minutes."""
    demo = ROOT / "demo" / "corpus"
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("001_port-ansel-courier.txt", "004_meridian-review.html"):
        (reports / name).write_bytes((demo / name).read_bytes())
    (reports / "slow.html").write_text(inline_tags(40_000), encoding="utf-8")
    settings = tmp_path / "budget.cfg"
    settings.write_text("[corroborator]\nextract_seconds = 2\n", encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "corroborator", "build", str(reports), "--out",
         str(tmp_path / "d"), "--settings", str(settings)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    [line] = [line for line in done.stderr.splitlines() if "slow.html" in line]
    assert line.startswith("skipped: ") and "took more than 2 s to extract" in line
    with sqlite3.connect(tmp_path / "d" / "record.sqlite") as db:
        ids = sorted(r[0] for r in db.execute("SELECT id FROM documents"))
    db.close()
    assert ids == ["001_port-ansel-courier", "004_meridian-review"]
    assert took < 120, f"{took:.0f} s"
