"""What the extraction budget (issue 19.6) costs a normal report.

Reads the 181 real pages of the Article Extraction Benchmark
(``shared/bench/article-extraction/html``) through ingest's HTML path three ways,
alternating them page by page so that the machine's load falls on all alike:

    in process       extract_seconds = 0 and both structure checks off (as before)
    checks only      the structure checks, extraction in this process
    checks + worker  the defaults: the checks, then extraction in the worker process

and prints the time per page (mean and median over several rounds), the checks'
own time, and the worker's start-up time. The texts must be identical.

Run::

    .venv/bin/python bench/budget.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import time
from pathlib import Path

from corroborator.ingest import budget
from corroborator.ingest.budget import check_structure
from corroborator.ingest.reports import html_doc
from corroborator.settings import Settings

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "bench" / "article-extraction" / "html"
WAYS = {
    "in process": Settings(extract_seconds=0, max_html_elements=0, max_html_attributes=0),
    "checks only": Settings(extract_seconds=0),
    "checks + worker": Settings(),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = [(p.name.split(".")[0][:12] + ".html", gzip.decompress(p.read_bytes()))
             for p in sorted(DATA.iterdir())]  # fmt: skip
    started = time.perf_counter()
    budget.run_with_budget(60, len, "warm")  # the worker's start, timed once
    startup = time.perf_counter() - started
    html_doc(Path(pages[0][0]), pages[0][1], WAYS["in process"])  # import trafilatura here
    times: dict[str, list[float]] = {way: [] for way in WAYS}
    texts: dict[str, list[str]] = {way: [] for way in WAYS}
    for _ in range(args.rounds):
        for name, data in pages:
            for way, settings in WAYS.items():
                t = time.perf_counter()
                try:
                    text = html_doc(Path(name), data, settings).text
                except Exception as exc:  # noqa: BLE001  (a page without text: same in each way)
                    text = type(exc).__name__
                times[way].append(time.perf_counter() - t)
                texts[way].append(text)
    checks = []
    for _, data in pages:
        html = data.decode("utf-8", "replace")
        t = time.perf_counter()
        check_structure(html, "x", "x", Settings())
        checks.append(time.perf_counter() - t)
    assert texts["in process"] == texts["checks only"] == texts["checks + worker"]
    print(f"{len(pages)} pages x {args.rounds} rounds; worker start-up {startup * 1000:.0f} ms")
    base = statistics.mean(times["in process"])
    for way, values in times.items():
        mean = statistics.mean(values)
        print(f"{way:16} mean {mean * 1000:7.1f} ms  median "
              f"{statistics.median(values) * 1000:7.1f} ms  ({(mean / base - 1) * 100:+.1f} %)")
    print(f"structure checks alone: mean {statistics.mean(checks) * 1000:.2f} ms, "
          f"max {max(checks) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
