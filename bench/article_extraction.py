"""Score corroborator's HTML ingestion on the Article Extraction Benchmark.

The benchmark (``shared/bench/article-extraction``: 181 real pages and their
true article bodies) scores an extractor by the F1 of 4-word shingles of the
body against the true body: per page, shingle counts give true positives,
false positives and false negatives, normalised so that long pages weigh no
more than short ones; precision and recall are averaged over pages (a page
with an empty prediction counts for recall only) and F1 is taken of those two
means. That is the metric behind trafilatura's published 0.958, re-implemented
here so the figures are comparable.

Three extractions are scored::

    trafilatura     trafilatura.extract(html), the benchmark's own call: the reference
    ingest          corroborator's HTML path (ingest._html_doc): main text,
                    tables, the headline put first when the body lacks it
    ingest + clean  the same, then the clutter cleaner (clean.clean_reports) run
                    over the whole batch, as ``corroborator build`` does

Run::

    .venv/bin/python bench/article_extraction.py [--data DIR] [--results bench/RESULTS.md]

It writes the figures under "## Article extraction" in the results file,
leaving every other section as it was.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "bench" / "article-extraction"
DEFAULT_RESULTS = HERE / "RESULTS.md"
SECTION = "## Article extraction"
SHINGLE = 4  # words per shingle, as the benchmark
PUBLISHED_TRAFILATURA = 0.958
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Counts:
    """One page's shingle matches, normalised to sum to 1 (empty page: all zero)."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True)
class Score:
    name: str
    precision: float
    recall: float
    f1: float
    empty: int  # pages for which nothing was extracted
    seconds: float


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Word 4-grams with their counts; a text shorter than 4 words is one shingle."""
    words = WORD.findall(text)
    if len(words) < SHINGLE:
        return Counter([tuple(words)] if words else [])
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def page_counts(true: str, pred: str) -> Counts:
    """Matched, extra and missing shingles of one page, as shares of their sum."""
    gold, got = shingles(true), shingles(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return Counts(tp / total, fp / total, fn / total) if total else Counts(0.0, 0.0, 0.0)


def _precision(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fp)


def _recall(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fn)


def summarise(name: str, counts: Sequence[Counts], empty: int, seconds: float) -> Score:
    """Mean precision over pages with a prediction, mean recall over pages with a body."""
    precision = statistics.mean(_precision(c) for c in counts if c.tp + c.fp > 0)
    recall = statistics.mean(_recall(c) for c in counts if c.tp + c.fn > 0)
    f1 = 2 * precision * recall / (precision + recall)
    return Score(name, precision, recall, f1, empty, seconds)


# --- extractors ---------------------------------------------------------------


def load_pages(data: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """The pages' bytes and true bodies, both by the page's hash."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        path.name.split(".")[0]: gzip.decompress(path.read_bytes())
        for path in sorted((data / "html").glob("*.html.gz"))
    }
    bodies = {key: str(truth[key].get("articleBody") or "") for key in pages}
    return pages, bodies


def extract_trafilatura(pages: dict[str, bytes]) -> dict[str, str]:
    """The benchmark's own trafilatura call, on the page decoded as UTF-8 as it does."""
    import trafilatura

    out: dict[str, str] = {}
    for key, data in pages.items():
        html = data.decode("utf-8", errors="replace")
        out[key] = trafilatura.extract(html, include_comments=False) or ""
    return out


def ingest_docs(pages: dict[str, bytes]) -> dict[str, object]:
    """corroborator's HTML path: a RawDoc per page, or None when ingest refuses the page."""
    from corroborator.errors import InputError
    from corroborator.ingest import _html_doc
    from corroborator.settings import Settings

    settings = Settings()
    docs: dict[str, object] = {}
    for key, data in pages.items():
        try:
            docs[key] = _html_doc(Path(f"{key}.html"), data, settings)
        except InputError:
            docs[key] = None
    return docs


def texts_of(docs: dict[str, object]) -> dict[str, str]:
    return {key: getattr(doc, "text", "") if doc is not None else "" for key, doc in docs.items()}


def cleaned_texts(docs: dict[str, object]) -> dict[str, str]:
    """The clutter cleaner over the batch of ingested pages, as the pipeline runs it."""
    from corroborator.clean import clean_reports
    from corroborator.models import RawDoc

    raw = [doc for doc in docs.values() if isinstance(doc, RawDoc)]
    cleaned = {c.id: c.text for c in clean_reports(raw)}
    return {key: cleaned.get(key, "") for key in docs}


def score(name: str, bodies: dict[str, str], predicted: dict[str, str], seconds: float) -> Score:
    counts = [page_counts(bodies[key], predicted.get(key, "")) for key in bodies]
    empty = sum(1 for key in bodies if not predicted.get(key, "").strip())
    return summarise(name, counts, empty, seconds)


def timed(run: Callable[[], dict[str, str]]) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    out = run()
    return out, time.perf_counter() - start


def run_all(data: Path) -> list[Score]:
    pages, bodies = load_pages(data)
    raw, t_raw = timed(lambda: extract_trafilatura(pages))
    start = time.perf_counter()
    docs = ingest_docs(pages)
    t_ingest = time.perf_counter() - start
    cleaned, t_clean = timed(lambda: cleaned_texts(docs))
    return [
        score("trafilatura.extract (benchmark call)", bodies, raw, t_raw),
        score("corroborator ingest", bodies, texts_of(docs), t_ingest),
        score("corroborator ingest + clean", bodies, cleaned, t_ingest + t_clean),
    ]


# --- results file -------------------------------------------------------------


def section(scores: Sequence[Score], pages: int) -> str:
    """The Markdown section: a table and how to read it."""
    lines = [
        SECTION,
        "",
        f"Article Extraction Benchmark, {pages} real pages "
        "(`shared/bench/article-extraction`); F1 of 4-word shingles of the body, as the "
        f"benchmark scores it. Published figure for trafilatura: {PUBLISHED_TRAFILATURA}. "
        "Written by `bench/article_extraction.py`.",
        "",
        "| extraction | F1 | precision | recall | empty pages | seconds |",
        "|---|---|---|---|---|---|",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | {s.empty} "
            f"| {s.seconds:.1f} |"
        )
    return "\n".join(lines) + "\n"


def write_section(path: Path, text: str) -> None:
    """Replace (or append) the section in the results file, keeping the others."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"no benchmark at {args.data}: pass --data", file=sys.stderr)
        return 2
    scores = run_all(args.data)
    pages = len(list((args.data / "html").glob("*.html.gz")))
    text = section(scores, pages)
    write_section(args.results, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
