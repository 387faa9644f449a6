#!/usr/bin/env python3
"""Run the reliability checks of issues 5 and 19 and write docs/RELIABILITY.md from what they measured.

Usage::

    .venv/bin/python scripts/reliability_report.py                # the CI-sized run
    .venv/bin/python scripts/reliability_report.py --kills 200    # more crash runs
    .venv/bin/python scripts/reliability_report.py --check        # run, but write nothing

It runs tests/test_hostile.py, test_crash.py, test_concurrency.py and
test_fuzz.py, and the tests that try each attack of issue 19 (``ATTACKS``: in
test_fetch.py, test_warc.py, test_web.py, test_cli.py, test_budget.py, all on
loopback), with pytest; reads the outcomes and the figures the tests record in the
JUnit XML (``record_property`` / ``record_testsuite_property``) and writes the
document: what is promised, each attack with its result, and the figures measured
by this run. The document is only written when every check passed. Nothing in it
is typed by hand except the wording of the promises and of the attacks below.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "RELIABILITY.md"
SUITES = ("test_hostile.py", "test_crash.py", "test_concurrency.py", "test_fuzz.py")

sys.path.insert(0, str(ROOT / "tests"))
from hostile import KINDS


@dataclass
class Results:
    """What one pytest run reported."""

    outcomes: dict[str, str] = field(default_factory=dict)  # test id -> passed/failed/...
    xfail_reasons: dict[str, str] = field(default_factory=dict)  # test id -> reason
    skip_reasons: dict[str, str] = field(default_factory=dict)  # test id -> reason
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # per file
    suite: dict[str, str] = field(default_factory=dict)  # testsuite properties


@dataclass(frozen=True)
class Attack:
    """One attack of issue 19, as the issue words it, and the tests that try it."""

    number: str
    title: str
    tests: tuple[str, ...]  # "tests/test_x.py::test_name" (every parameter of it)


def _in(module: str, *names: str) -> tuple[str, ...]:
    return tuple(f"tests/test_{module}.py::{name}" for name in names)


ATTACKS = (
    Attack("1", "A killed `add`, then a `build` of the same folder, corrupts the new record "
           "(the killed add's journals rolled back into it)",
           _in("crash", "test_crash_build_after_a_killed_add_keeps_the_new_record")),
    Attack("1", "After a killed `add`, `serve`, `watch` and `export` refuse the folder "
           "(\"attempt to write a readonly database\")",
           _in("crash", "test_crash_readers_after_a_killed_add_see_the_old_record",
               "test_crash_hot_journal_in_a_read_only_folder_is_explained",
               "test_crash_hot_journal_that_cannot_be_rolled_back_is_explained")),
    Attack("2", "An `add` killed after its commit, before `inputs.json`: the next rebuild drops "
           "the report", _in("crash", "test_crash_add_killed_before_inputs_json_loses_no_report")),
    Attack("2", "A `build` killed between the record's rename and `inputs.json`: 6 reports "
           "became 3", _in("crash", "test_crash_build_killed_before_inputs_json_loses_no_report")),
    Attack("3", "A stacked gzip response (`Content-Encoding: gzip, gzip`) took 19 GB before the "
           "5 MB cap; robots.txt too",
           _in("fetch", "test_fetch_stacked_gzip_is_capped_as_it_streams",
               "test_fetch_stacked_gzip_robots_txt_is_capped",
               "test_fetch_refuses_encodings_stacked_too_deep")),
    Attack("4", "A 57-byte WARC record without `WARC-Target-URI` kills the whole batch",
           _in("warc", "test_warc_record_without_target_uri_is_skipped_not_fatal")),
    Attack("4", "A truncated WARC record is built as a complete report",
           _in("warc", "test_warc_truncated_record_is_skipped_not_built",
               "test_warc_gzipped_archive_cut_short_builds_no_partial_report")),
    Attack("5", "The fetcher follows redirects and feed links to private, link-local and "
           "loopback addresses",
           _in("fetch", "test_fetch_refuses_a_redirect_to_a_private_address",
               "test_fetch_feed_items_on_private_addresses_are_refused",
               "test_fetch_refuses_a_loopback_address_unless_allowed",
               "test_fetch_checks_the_address_a_name_resolves_to",
               "test_fetch_connection_checks_the_address_it_connects_to",
               "test_fetch_build_refuses_loopback_unless_the_settings_allow_it")),
    Attack("6", "A server that sends one byte every 3 s",
           _in("fetch", "test_fetch_a_page_that_drips_is_dropped_past_its_time_budget")),
    Attack("6", "A WARC header line of 30 MB or more: quadratic time",
           _in("hostile", "test_hostile_warc_header_line_of_30_mb_is_read_in_linear_time")),
    Attack("6", "HTML with 40,000 sibling tags (122 s) inside the extractor",
           _in("budget", "test_budget_a_slow_extraction_is_stopped_and_the_batch_goes_on",
               "test_budget_stops_work_inside_c_code")
           + _in("fetch", "test_fetch_a_page_that_keeps_the_extractor_busy_is_skipped_in_time")),
    Attack("6", "HTML with 500k paragraphs or 1e6 attributes: more than 300 s each",
           _in("budget", "test_budget_the_issue_pages_are_refused_at_once_by_default",
               "test_budget_an_element_with_too_many_attributes_is_refused_at_once",
               "test_budget_a_page_of_too_many_elements_is_refused_at_once")),
    Attack("6", "A hung build holds the dossier lock for 600 s",
           _in("budget", "test_budget_a_slow_page_does_not_hold_the_build",
               "test_budget_the_worker_dies_with_its_process")),
    Attack("7", "`serve` shows a stale record for good after an `add` whose commit held the lock "
           "over 5 s", _in("web", "test_web_a_reload_that_failed_is_tried_again")),
    Attack("8", "Disk full during `add`, and a read-only output folder, give raw tracebacks",
           _in("cli", "test_cli_a_full_disk_during_add_is_told_and_loses_nothing",
               "test_cli_a_file_size_limit_is_told_and_loses_nothing",
               "test_cli_a_read_only_dossier_folder_is_told_before_the_work")
           + _in("crash", "test_crash_unwritable_output_folder_gives_a_message_not_a_traceback")),
    Attack("8", "Control characters and newlines in file names reach the terminal raw",
           _in("hostile", "test_hostile_file_names_reach_the_terminal_escaped",
               "test_hostile_file_names_in_an_error_reach_the_terminal_escaped")),
    Attack("9", "101 idle connections starve the server (slowloris)",
           _in("web", "test_web_idle_connections_do_not_starve_the_server")),
    Attack("9", "`?page=²` gives HTTP 500",
           _in("web", "test_web_non_ascii_or_huge_page_number_is_400")),
    Attack("9", "CSV exports keep formula payloads (`=HYPERLINK(...)`, `@SUM`)",
           _in("web", "test_web_csv_neutralises_formulas", "test_web_csv_cell")),
    Attack("9", "`serve --host 0.0.0.0` binds without a warning and turns the Host check off",
           _in("web", "test_web_serve_on_all_interfaces_warns_first")
           + _in("hostile", "test_hostile_serve_on_all_interfaces_keeps_the_host_check",
                 "test_hostile_allowed_hosts_name_this_machine",
                 "test_hostile_serve_takes_allowed_hosts_on_the_command_line")),
    Attack("9", "The overview of a dossier with 200k skipped inputs is a 37 MB page",
           _in("web", "test_web_overview_of_many_skipped_inputs_stays_small")),
    Attack("9", "A damaged record crashes `serve` with a traceback",
           _in("hostile", "test_hostile_serve_of_a_damaged_record_says_so")
           + _in("web", "test_web_keeps_serving_when_the_record_breaks")),
)


def attack_tests() -> list[str]:
    """The attack tests outside the suites run whole (each test given once)."""
    return list(dict.fromkeys(t for a in ATTACKS for t in a.tests
                              if t.split("::")[0].removeprefix("tests/") not in SUITES))


def run_checks(kills: tuple[int, int], junit: Path) -> int:
    env = {**os.environ, "CRASH_BUILD_KILLS": str(kills[0]), "CRASH_ADD_KILLS": str(kills[1])}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
           f"--junitxml={junit}", *(f"tests/{s}" for s in SUITES), *attack_tests()]  # fmt: skip
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


def read_junit(path: Path) -> Results:
    results = Results()
    for suite in ET.parse(path).getroot().iter("testsuite"):
        for prop in suite.findall("./properties/property"):
            results.suite[prop.get("name", "")] = prop.get("value", "")
        for case in suite.iter("testcase"):
            test = f"{case.get('classname', '')}::{case.get('name', '')}"
            outcome = "passed"
            for tag in ("failure", "error", "skipped"):
                element = case.find(tag)
                if element is not None:
                    xfail = tag == "skipped" and "xfail" in (element.get("type") or "")
                    outcome = "xfailed" if xfail else tag
                    if xfail:
                        results.xfail_reasons[test] = element.get("message") or ""
                    elif tag == "skipped":
                        results.skip_reasons[test] = element.get("message") or ""
            results.outcomes[test] = outcome
            results.seconds[test.split("::")[0]] += float(case.get("time") or 0)
    return results


def count(results: Results, module: str, outcome: str = "passed") -> int:
    return sum(1 for t, o in results.outcomes.items() if t.startswith(module) and o == outcome)


def hostile_table(results: Results) -> list[str]:
    rows = ["| kind | input | outcome | message in the record |", "|---|---|---|---|"]
    for kind in KINDS:
        test = f"tests.test_hostile::test_hostile_kind_is_handled[{kind.name}]"
        reason = results.suite.get(f"hostile:{kind.name}") or "(built: no message)"
        status = "" if results.outcomes.get(test) == "passed" else " **(check failed)**"
        outcome = "skipped" if kind.outcome == "skipped" else "built"
        rows.append(f"| {kind.name} | {kind.title} | {outcome}{status} | {md(reason)} |")
    return rows


def attack_outcome(results: Results, test: str) -> str:
    """passed, failed, "skipped here: <why>" or not run; every parameter of ``test`` counts
    (a parameter skipped here while others passed is passed)."""
    path, name = test.split("::")
    module = path.removesuffix(".py").replace("/", ".")
    runs = {t: o for t, o in results.outcomes.items()
            if t == f"{module}::{name}" or t.startswith(f"{module}::{name}[")}  # fmt: skip
    if not runs:
        return "not run"
    if any(o not in ("passed", "skipped") for o in runs.values()):
        return "failed"
    if "passed" in runs.values():
        return "passed"
    reason = next(iter(results.skip_reasons.get(t, "") for t in runs))
    return f"skipped here: {reason.split(': ', 1)[-1]}"


def attacks_table(results: Results) -> list[str]:
    rows = ["| # | attack | tried by | result |", "|---|---|---|---|"]
    held = 0
    for attack in ATTACKS:
        outcomes = [attack_outcome(results, t) for t in attack.tests]
        # held: no test of it failed or was left out, and one at least passed here
        ok = "passed" in outcomes and all(o == "passed" or o.startswith("skipped")
                                          for o in outcomes)  # fmt: skip
        held += ok
        tests = "<br>".join(f"`{t.split('::')[1]}`" + ("" if o == "passed" else f" ({o})")
                            for t, o in zip(attack.tests, outcomes))  # fmt: skip
        verdict = "held" if ok else "**broke**" if "failed" in outcomes else "**not tried**"
        rows.append(f"| {attack.number} | {md(attack.title)} | {tests} | {verdict} |")
    return [
        "## The attacks of issue 19",
        "",
        (f"**{held} of {len(ATTACKS)} attacks held** in this run. Each attack the issue lists, "
         "numbered as there, with the tests that try it (written to fail before its fix; every "
         "server they start listens on loopback only) and its result: held when none of its "
         "tests failed and at least one passed (a test that cannot run on this machine, such "
         "as one needing a folder its user cannot write, says so)."),
        "",
        *rows,
        "",
    ]


def md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def figure(results: Results, name: str) -> str:
    return results.suite.get(name, "?")


def git_revision() -> str:
    done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                          capture_output=True, text=True, check=False)  # fmt: skip
    return done.stdout.strip() or "unknown"


PROMISES = """\
## What is promised

1. **A bad input never stops a batch.** Every input that cannot be read is skipped with one \
sentence that names the file, says what is wrong and what to do; every good report of the \
batch is still built. Skipped inputs are listed on stderr, in the `skipped` table of \
record.sqlite, in the `skipped` list of dossier.json and in index.html. No report holds the \
batch: an HTML page is refused before extraction when its structure would keep the extractor \
for minutes (over `max_html_elements` elements, or an element over `max_html_attributes` \
attributes), and its extraction runs in a worker process killed past `extract_seconds` (60 s); \
a fetched page must arrive within its time budget.
2. **Memory stays bounded.** No file is read whole beyond `max_file_bytes` (20 MB by \
default): a larger file is refused from its size. No text longer than `max_report_chars` \
(200,000 characters by default) reaches the parser, whose memory grows with a text's length. \
A fetched page is decompressed a bounded piece at a time and dropped past 5 MB of decompressed \
bytes, robots.txt too. All are settings.
3. **A crash never corrupts the record.** `build` writes the record in a temporary file and \
moves it into place (`os.replace`); dossier.json, index.html and inputs.json likewise. `add` \
changes the record in place, with the state kept beside it (`cache/state.sqlite`), in one \
SQLite transaction over both files: a killed `add` leaves the record as it was or as the \
addition makes it, never between (SQLite rolls back an unfinished transaction when the file is \
next opened), and the files after it are replaced as above. Killed at any moment, each output \
is the old file or the new one, never half of one, and running the command again completes and \
gives the record an uninterrupted run gives, with no duplicate rows (a report the record holds \
already is not added twice). Temporary files a killed run leaves are removed by the next \
command on that dossier. Each new file is synced to the disk before it is moved into place, \
and the folder after, and SQLite syncs a transaction before it commits, so a power cut also \
leaves the old record or the new one (the caches beside the record are rebuilt if damaged).
4. **Concurrent commands do not lose updates.** `build` and `add` hold a lock on the dossier \
folder (`DIR/.lock`, `flock`) from reading its inputs to writing its last file; a second \
command waits (and says so), then reads what the first left. The kernel releases the lock of \
a killed command. No "database is locked" reaches the user: readers never write, and writers \
never share a database file.
5. **The parsers and the reconciler are fuzzed.** The number, date and quote finders, the \
cleaner, decoding and ingest never crash and keep offsets inside the text; printed values \
parse back; the reconciler's facts do not depend on the order of the reports or mentions.
"""

HOSTILE_INTRO = """\
## Hostile inputs

Each kind is written by `tests/hostile.py` at test time (large files are generated, never \
committed), all in one batch with four good reports, and built by `corroborator build` in a \
subprocess under the C locale. The messages below are the ones this run recorded.
"""

CRASH_METHOD = """\
## How the crash test kills

Each run is a child of a process that loaded the spaCy model once and forks one child per \
command; the child runs the CLI as the `corroborator` script does. A third of the kill points \
are uniform over a whole run, two thirds uniform over the write phase (from the first output \
file appearing to the exit), since that is where a crash can tear a file. Kills come in \
chains of one to four before the rerun that must complete. After every kill: `PRAGMA \
integrity_check`, and each output equal to the one from before the command or from an \
uninterrupted run of the real executable (the record compared by the rows of its tables). \
Vary with `CRASH_SEED`, `CRASH_BUILD_KILLS`, `CRASH_ADD_KILLS`.
"""


def header() -> str:
    return (
        "# Reliability\n\n"
        "<!-- Written by scripts/reliability_report.py from a run of the checks; do not edit. -->"
        f"\n\nGenerated {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC from revision "
        f"`{git_revision()}`, Python {platform.python_version()} on {platform.system()} "
        f"({os.cpu_count()} CPUs). Regenerate with `python scripts/reliability_report.py`.\n"
    )


def crash_row(results: Results, command: str, requested: int) -> str:
    def f(name: str) -> str:
        return figure(results, f"{command}_{name}")

    return (
        f"| `{command}` killed with SIGKILL, then rerun | {f('kills')} kills (requested "
        f"{requested}) in {f('chains')} chains; {f('in_writes')} after writing had begun, "
        f"{f('mid_file')} in the middle of a file, {f('torn')} leaving old and new files mixed "
        "until the rerun |"
    )


def figures_table(results: Results, kills: tuple[int, int]) -> list[str]:
    skipped = sum(k.outcome == "skipped" for k in KINDS)
    crash_failures = count(results, "tests.test_crash", "failure")
    pairs = count(results, "tests.test_concurrency::test_concurrency_two_adds")
    return [
        "## Figures from this run",
        "",
        "| check | figure |",
        "|---|---|",
        (
            f"| kinds of hostile input | {len(KINDS)} ({skipped} skipped with a message, "
            f"{len(KINDS) - skipped} built as good reports); "
            f"{count(results, 'tests.test_hostile')} hostile checks passed |"
        ),
        (
            f"| peak memory of the hostile batch | {figure(results, 'hostile_peak_rss_mb')} MB, "
            f"{figure(results, 'hostile_baseline_rss_mb')} MB without its 50 MB and 5 MB files |"
        ),
        crash_row(results, "build", kills[0]),
        crash_row(results, "add", kills[1]),
        (
            f"| crash runs that ended before their kill point | "
            f"{figure(results, 'build_finished_first')} build, "
            f"{figure(results, 'add_finished_first')} add (seed {figure(results, 'seed')}) |"
        ),
        (
            "| corrupt records, wrong reruns, duplicate rows, leftover temporary files | "
            f"{'0' if crash_failures == 0 else 'SEE THE FAILURES'} |"
        ),
        (
            f"| pairs of concurrent `add` (simultaneous, staggered both ways) that both landed | "
            f"{pairs} of 3 |"
        ),
        (
            f"| fuzz examples run | {figure(results, 'fuzz_examples')} over "
            f"{figure(results, 'fuzz_properties')} properties |"
        ),
        "",
    ]


def fuzz_lines(results: Results) -> list[str]:
    counts = sorted((k.split(":", 1)[1], v) for k, v in results.suite.items()
                    if k.startswith("fuzz_examples:"))  # fmt: skip
    times = ", ".join(f"{m.split('.')[-1]} {s:.0f} s" for m, s in sorted(results.seconds.items()))
    return ["Fuzz examples per property:", "", *(f"- {n}: {v}" for n, v in counts), "",
            f"Time per suite: {times}.", ""]  # fmt: skip


def known_problems(results: Results) -> list[str]:
    xfailed = [(t.split("::")[1], results.xfail_reasons.get(t, "")) for t, o in
               results.outcomes.items() if o == "xfailed"]  # fmt: skip
    if not xfailed:
        return []
    return [
        "## Known problems (tests marked xfail, strict)",
        "",
        (
            "Found by these checks and not fixed yet; each test fails once its problem is fixed, "
            "so that its mark is removed."
        ),
        "",
        *(f"- `{name}`: {md(reason.removeprefix('reason: '))}" for name, reason in xfailed),
        "",
    ]


def render(results: Results, kills: tuple[int, int]) -> str:
    parts = [
        header(),
        PROMISES,
        *figures_table(results, kills),
        *fuzz_lines(results),
        *attacks_table(results),
        HOSTILE_INTRO,
        *hostile_table(results),
        "",
        CRASH_METHOD,
        *known_problems(results),
    ]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--kills",
        type=int,
        default=None,
        help="crash runs per command (default: the test's own, 24 and 16)",
    )
    parser.add_argument("--check", action="store_true", help="run the checks, write nothing")
    parser.add_argument("--junit", type=Path, default=None,
                        help="also keep the run's JUnit XML in this file")
    args = parser.parse_args()
    kills = (args.kills, args.kills) if args.kills else (24, 16)
    with tempfile.TemporaryDirectory() as tmp:
        junit = args.junit or Path(tmp) / "junit.xml"
        status = run_checks(kills, junit)
        if status != 0 or not junit.exists():
            print("the checks failed: docs/RELIABILITY.md is left as it was", file=sys.stderr)
            return status or 1
        text = render(read_junit(junit), kills)
    if args.check:
        print(text)
    else:
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
