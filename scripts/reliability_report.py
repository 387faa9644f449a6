#!/usr/bin/env python3
"""Run the reliability checks of issue 5 and write docs/RELIABILITY.md from what they measured.

Usage::

    .venv/bin/python scripts/reliability_report.py                # the CI-sized run
    .venv/bin/python scripts/reliability_report.py --kills 200    # more crash runs
    .venv/bin/python scripts/reliability_report.py --check        # run, but write nothing

It runs tests/test_hostile.py, test_crash.py, test_concurrency.py and
test_fuzz.py with pytest, reads the figures the tests record in the JUnit XML
(``record_property`` / ``record_testsuite_property``) and writes the document:
what is promised, and the figures measured by this run. The document is only
written when every check passed. Nothing in it is typed by hand except the
wording of the promises below.
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
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # per file
    suite: dict[str, str] = field(default_factory=dict)  # testsuite properties


def run_checks(kills: tuple[int, int], junit: Path) -> int:
    env = {**os.environ, "CRASH_BUILD_KILLS": str(kills[0]), "CRASH_ADD_KILLS": str(kills[1])}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
           f"--junitxml={junit}", *(f"tests/{s}" for s in SUITES)]  # fmt: skip
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
record.sqlite, in the `skipped` list of dossier.json and in index.html.
2. **Memory stays bounded.** No file is read whole beyond `max_file_bytes` (20 MB by \
default): a larger file is refused from its size. No text longer than `max_report_chars` \
(200,000 characters by default) reaches the parser, whose memory grows with a text's length. \
Both are settings.
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
    args = parser.parse_args()
    kills = (args.kills, args.kills) if args.kills else (24, 16)
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "junit.xml"
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
