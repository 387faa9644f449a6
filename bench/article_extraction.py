"""Score corroborator's HTML ingestion on the Article Extraction Benchmark.

The benchmark (``shared/bench/article-extraction``: 181 real pages and their
true article bodies) scores an extractor by the F1 of 4-word shingles of the
body against the true body: per page, shingle counts give true positives,
false positives and false negatives, normalised so that long pages weigh no
more than short ones; precision and recall are averaged over pages (a page
with an empty prediction counts for recall only) and F1 is taken of those two
means. That is the metric behind trafilatura's published 0.958, re-implemented
here so the figures are comparable.

Scored extractions::

    trafilatura     trafilatura.extract(html), the benchmark's own call: the reference
    ingest          corroborator's HTML path (ingest.html_doc): main text and tables,
                    the headline put first when the body lacks it
    ingest + clean  the same, then the clutter cleaner (clean.clean_reports) run
                    over the whole batch, as ``corroborator build`` does

each as *body* (without the headline ingest adds: the benchmark's true bodies
have none) and *as stored* (the text the record analyses). The cleaner's
removals are also counted by rule, split into words of the true body (a loss)
and other words (clutter removed, a gain): the figures to tune it by.

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from results import write_section  # bench/results.py (bench/ is on sys.path)

if TYPE_CHECKING:
    from corroborator.models import CleanDoc, RawDoc

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


def ingest_docs(pages: dict[str, bytes]) -> dict[str, RawDoc | None]:
    """corroborator's HTML path: a RawDoc per page, or None when ingest refuses the page."""
    from corroborator.errors import InputError
    from corroborator.ingest.reports import html_doc
    from corroborator.settings import Settings

    settings = Settings()
    docs: dict[str, RawDoc | None] = {}
    for key, data in pages.items():
        try:
            docs[key] = html_doc(Path(f"{key}.html"), data, settings)
        except InputError:
            docs[key] = None
    return docs


def clean_docs(docs: dict[str, RawDoc | None]) -> dict[str, CleanDoc | None]:
    """The clutter cleaner over the batch of ingested pages, as the pipeline runs it."""
    from corroborator.clean.clutter import clean_reports

    cleaned = {c.id: c for c in clean_reports([d for d in docs.values() if d is not None])}
    return {key: cleaned.get(key) for key in docs}


def body(doc: RawDoc | None, text: str) -> str:
    """The text without the headline ingest puts first (the benchmark's bodies have none)."""
    if doc is None:
        return ""
    title = (doc.source.title or "").strip()
    if title and doc.text.startswith(f"{title}\n\n") and text.startswith(title):
        return text[len(title):].lstrip("\n")
    return text


def removals(bodies: dict[str, str], cleaned: dict[str, CleanDoc | None]
             ) -> list[tuple[str, int, int, int]]:
    """Per cleaner rule: lines removed, words of the true body removed, other words removed.

    A removed line is a loss when the true body holds its words more often than
    the cleaned text still does: a second copy of a paragraph that is kept once
    is not a loss, though its words are in the true body.
    """
    found: dict[str, list[int]] = {}
    for key, clean in cleaned.items():
        if clean is None:
            continue
        truth, kept = _joined(bodies[key]), _joined(clean.text)
        for removed in clean.removed:
            words = WORD.findall(removed.text)
            if not words:
                continue
            rule = removed.reason.split(":")[0]
            rule = "boilerplate repeated in reports" if rule.startswith("boilerplate") else rule
            counts = found.setdefault(rule, [0, 0, 0])
            counts[0] += 1
            phrase = _joined(removed.text)
            counts[1 if truth.count(phrase) > kept.count(phrase) else 2] += len(words)
    rows = [(rule, c[0], c[1], c[2]) for rule, c in found.items()]
    return sorted(rows, key=lambda r: -r[2] - r[3])


def _joined(text: str) -> str:
    """The words of a text, case-folded and space-separated, with a space at each end."""
    return f" {' '.join(WORD.findall(text)).casefold()} "


def score(name: str, bodies: dict[str, str], predicted: dict[str, str], seconds: float) -> Score:
    counts = [page_counts(bodies[key], predicted.get(key, "")) for key in bodies]
    empty = sum(1 for key in bodies if not predicted.get(key, "").strip())
    return summarise(name, counts, empty, seconds)


def run_all(data: Path) -> tuple[list[Score], list[tuple[str, int, int, int]]]:
    pages, bodies = load_pages(data)
    start = time.perf_counter()
    raw = extract_trafilatura(pages)
    t_raw = time.perf_counter() - start
    start = time.perf_counter()
    docs = ingest_docs(pages)
    t_ingest = time.perf_counter() - start
    start = time.perf_counter()
    cleaned = clean_docs(docs)
    t_clean = t_ingest + time.perf_counter() - start
    stored = {k: d.text if d else "" for k, d in docs.items()}
    clean_text = {k: c.text if c else "" for k, c in cleaned.items()}
    scores = [
        score("trafilatura.extract, the benchmark's own call", bodies, raw, t_raw),
        score("ingest, body", bodies, {k: body(docs[k], t) for k, t in stored.items()}, t_ingest),
        score("ingest + clean, body", bodies,
              {k: body(docs[k], t) for k, t in clean_text.items()}, t_clean),
        score("ingest, as stored (headline first)", bodies, stored, t_ingest),
        score("ingest + clean, as stored (headline first)", bodies, clean_text, t_clean),
    ]
    return scores, removals(bodies, cleaned)


# --- results file -------------------------------------------------------------


def section(scores: Sequence[Score], rules: Sequence[tuple[str, int, int, int]],
            pages: int) -> str:
    """The Markdown section: the scores, what the cleaner removed, and how to read them."""
    intro = (
        f"Article Extraction Benchmark: {pages} real pages (`shared/bench/article-extraction`), "
        "scored as the benchmark scores them: F1 of 4-word shingles of the article body. "
        f"Published figure for trafilatura: {PUBLISHED_TRAFILATURA}. Written by "
        "`bench/article_extraction.py`."
    )
    legend = (
        "*body*: the text without the headline that ingest puts first (the benchmark's true "
        "bodies have no headline; the record keeps it because headlines carry claims). "
        "*clean*: `clean.clean_reports` over the whole batch, as `corroborator build` runs it."
    )
    rules_intro = (
        "What the cleaner removed, by rule: words of the true article body (a loss: the true "
        "body holds the removed line more often than the cleaned text still does) and other "
        "words (clutter, a gain). HTML pages are extracted articles to the cleaner, so only "
        "links, fields and teasers go after their last paragraph."
    )
    lines = [SECTION, "", intro, "",
             "| extraction | F1 | precision | recall | empty pages | seconds |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {s.name} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | {s.empty} | "
              f"{s.seconds:.1f} |" for s in scores]
    lines += ["", legend, "", rules_intro, "",
              "| rule | lines | true-body words | other words |", "|---|---|---|---|"]
    lines += [f"| {rule} | {n} | {true} | {other} |" for rule, n, true, other in rules]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"no benchmark at {args.data}: pass --data", file=sys.stderr)
        return 2
    scores, rules = run_all(args.data)
    pages = len(list((args.data / "html").glob("*.html.gz")))
    text = section(scores, rules, pages)
    write_section(args.results, SECTION, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
