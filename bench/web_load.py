"""A bounded load run of ``corroborator serve`` on loopback, and the record it runs against.

    .venv/bin/python bench/web_load.py                  # 2,000 requests, 8 at a time
    .venv/bin/python bench/web_load.py --record DIR     # against a built record instead

By default it writes a synthetic record of 10,000 facts (``synthetic_record``,
also used by ``tests/test_web.py`` for the 300 ms page budget), starts
``corroborator serve`` on it in a subprocess on a free loopback port, sends a
fixed number of GET requests over a mix of pages and JSON twins from a few
threads, stops the server, and writes latency percentiles and the error count
to ``bench/web_load.json``. Every request goes to 127.0.0.1 only; the run is
bounded by the request count and a per-request timeout, and stops by itself.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from corroborator.models import (
    CleanDoc,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    RawDoc,
    Record,
    Sentence,
    Source,
)
from corroborator.record.store import read_record, write_record
from corroborator.web import urls

HERE = Path(__file__).resolve().parent
KINDS = ("count", "amount", "date", "percent", "measure")
UNITS = {"count": None, "amount": "USD", "date": None, "percent": "%", "measure": "km"}


# ---------------------------------------------------------------------------
# the synthetic record


def _surface(kind: str, value: float | str) -> str:
    if kind == "date":
        return f"June {int(str(value)[-2:])}, 2024"
    if kind == "amount":
        return f"${value:,.0f}"
    if kind == "percent":
        return f"{value:g}%"
    if kind == "measure":
        return f"{value:g} km"
    return f"{value:g}"


def _value(kind: str, i: int, variant: int) -> float | str:
    if kind == "date":
        return f"2024-06-{1 + (i + variant) % 28:02d}"
    return float(10 + i % 900 + variant)


class _Doc:
    """A report under construction: text, sentences, mentions, quotes."""

    def __init__(self, index: int) -> None:
        self.id = f"report-{index:04d}"
        self.index = index
        self.text = ""
        self.sentences: list[Sentence] = []
        self.mentions: list[Mention] = []
        self.quotes: list[Quote] = []

    def add(self, sentence: str) -> tuple[int, int]:
        """Append a sentence (a new paragraph every fourth) and return its offsets."""
        if self.sentences:
            self.text += "\n\n" if len(self.sentences) % 4 == 0 else " "
        start = len(self.text)
        self.text += sentence
        self.sentences.append(Sentence(self.id, len(self.sentences), start, len(self.text)))
        return start, len(self.text)

    def state(
        self, fact_id: str, n: int, kind: str, value: float | str, who: str, subject: str
    ) -> Mention:
        """A sentence stating ``value`` and the mention of it."""
        surface = _surface(kind, value)
        sentence = f"{who} said the figure for {subject} in case {fact_id} was {surface} on record."
        start, end = self.add(sentence)
        at = start + sentence.index(f" was {surface}") + 5
        mention = Mention(
            id=f"{fact_id}-m{n}",
            doc=self.id,
            kind=kind,
            value=value,
            unit=UNITS[kind],
            text=surface,
            start=at,
            end=at + len(surface),
            sentence=sentence,
            sent_start=start,
            sent_end=end,
            said_by=who,
            attribution_cue="said",
            subject=subject,
            entities=(who, subject),
            context=f"the figure for {subject} was [N]",
        )
        self.mentions.append(mention)
        if len(self.sentences) % 5 == 0:
            self.quote(who)
        return mention

    def quote(self, who: str) -> None:
        words = f"We have checked case {len(self.sentences)} twice and stand by it,"
        start, _ = self.add(f'"{words}" said {who}.')
        q = Quote(
            f"{self.id}-q{len(self.quotes)}", self.id, words, start + 1, start + 1 + len(words), who
        )
        self.quotes.append(q)

    def clean(self) -> CleanDoc:
        source = Source(
            url=f"https://outlet{self.index % 40}.example/{self.id}",
            outlet=f"Outlet {self.index % 40}",
            title=f"Report {self.index} on the story",
            published=f"2024-06-{1 + self.index % 28:02d}",
            language="en",
        )
        raw = RawDoc(
            self.id, f"synthetic/{self.id}.txt", "txt", self.text, source, f"{self.index:064x}"
        )
        return CleanDoc(raw, self.text, (), ((0, 0, len(self.text)),))


def _status(i: int) -> str:
    return "conflict" if i % 10 == 0 else "agreed" if i % 10 < 5 else "single"


def synthetic_record(n_facts: int = 10_000, *, n_docs: int = 200, seed: int = 7) -> Record:
    """A record of ``n_facts`` facts over ``n_docs`` reports, shaped like a built one.

    One fact in ten is a conflict (two reports, two values), four in ten are
    agreed (two reports, one value), the rest single-source; a fifth are
    dates. Offsets are computed from the text, so every page can highlight it.
    """
    rng = random.Random(seed)
    docs = [_Doc(i) for i in range(n_docs)]
    speakers = [f"Speaker {k}" for k in range(120)]
    subjects = [f"Subject {k}" for k in range(400)]
    events = [f"ev-{k}" for k in range(20)]
    facts = []
    for i in range(n_facts):
        kind, status, fact_id = KINDS[i % len(KINDS)], _status(i), f"fact-{i:05d}"
        subject, who = subjects[i % len(subjects)], rng.choice(speakers)
        first = docs[i % n_docs]
        mentions = [first.state(fact_id, 0, kind, _value(kind, i, 0), who, subject)]
        if status != "single":
            second = docs[
                (i * 7 + 3) % n_docs if (i * 7 + 3) % n_docs != i % n_docs else (i + 1) % n_docs
            ]
            value = _value(kind, i, 1 if status == "conflict" else 0)
            mentions.append(second.state(fact_id, 1, kind, value, rng.choice(speakers), subject))
        reason = (
            "values differ"
            if status == "conflict"
            else "agree"
            if status == "agreed"
            else "one report"
        )
        facts.append(
            Fact(
                fact_id,
                events[i % len(events)],
                f"figure ({kind} {i % 50})",
                subject,
                kind,
                status,
                tuple(mentions),
                mentions[0].value,
                UNITS[kind],
                reason,
            )
        )
    return _assemble(docs, facts, speakers, subjects, events)


def _assemble(
    docs: list[_Doc], facts: list[Fact], speakers: list[str], subjects: list[str], events: list[str]
) -> Record:
    ids = tuple(d.id for d in docs)
    entities = tuple(
        Entity(f"e-p{k}", name, "PERSON", (name,), ids[k % 40 :: 40])
        for k, name in enumerate(speakers)
    ) + tuple(
        Entity(f"e-s{k}", name, "ORG", (name,), ids[k % 50 :: 50])
        for k, name in enumerate(subjects)
    )
    return Record(
        documents=tuple(d.clean() for d in docs),
        sentences=tuple(s for d in docs for s in d.sentences),
        mentions=tuple(m for d in docs for m in d.mentions),
        quotes=tuple(q for d in docs for q in d.quotes),
        entities=entities,
        events=tuple(
            Event(e, f"Event {k} of the story", ids[k :: len(events)], f"2024-06-{1 + k:02d}")
            for k, e in enumerate(events)
        ),
        facts=tuple(facts),
        story="Synthetic story, 10,000 facts" if len(facts) == 10_000 else "Synthetic story",
    )


# ---------------------------------------------------------------------------
# the load run


def paths(record: Record, n: int, seed: int = 11) -> list[str]:
    """``n`` request paths over every kind of page and JSON twin, in a fixed random order."""
    rng = random.Random(seed)
    fixed = [
        "/",
        "/index.json",
        "/facts",
        "/facts.json?status=conflict",
        "/compare",
        "/compare.json?kind=date",
        "/subjects",
        "/quotes",
        "/entities",
        "/events",
        "/timeline",
        "/timeline.json",
        "/search?q=figure+case",
        "/tables",
        "/table/mentions?kind=date&page=3",
        "/table/facts.json?status=agreed",
    ]

    def one() -> str:
        pick = rng.randrange(8)
        if pick == 0:
            return urls.fact(rng.choice(record.facts).id)
        if pick == 1:
            return urls.report(rng.choice(record.documents).id) + rng.choice(("", ".json"))
        if pick == 2:
            return urls.subject(rng.choice(record.facts).subject or "") + "?page=1"
        if pick == 3:
            status = rng.choice(("conflict", "agreed", "single"))
            return f"/facts?status={status}&page={rng.randint(1, 20)}"
        return rng.choice(fixed)

    return [one() for _ in range(n)]


def _get(host: str, port: int, path: str, timeout: float) -> tuple[float, int]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return time.perf_counter() - started, status


def run_load(
    host: str, port: int, todo: list[str], *, concurrency: int, timeout: float = 10.0
) -> dict[str, object]:
    """Send every path once, ``concurrency`` at a time; latency percentiles and errors."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda p: _get(host, port, p, timeout), todo))
    elapsed = time.perf_counter() - started
    times = sorted(t for t, _ in results)
    q = statistics.quantiles(times, n=100, method="inclusive")
    errors = [s for _, s in results if s != 200]
    return {
        "requests": len(todo),
        "concurrency": concurrency,
        "errors": len(errors),
        "error_statuses": sorted(set(errors)),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(todo) / elapsed, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p90_ms": round(q[89] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "max_ms": round(times[-1] * 1000, 1),
    }


@contextlib.contextmanager
def _serve(record_dir: Path, log: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """``corroborator serve`` on a free loopback port (its log to a file), stopped on exit."""
    cmd = [sys.executable, "-m", "corroborator", "serve", str(record_dir), "--port", "0"]
    with log.open("w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if "http://127.0.0.1:" not in line:
            raise RuntimeError(f"the server did not start: {line}{log.read_text()}")
        yield proc, int(line.split("http://127.0.0.1:")[1].split("/")[0])
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", type=Path, help="a built record folder (default: synthetic)")
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--out", type=Path, default=HERE / "web_load.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.record or Path(tmp)
        if args.record is None:
            write_record(synthetic_record(args.facts), folder / "record.sqlite")
        todo = paths(read_record(folder / "record.sqlite"), args.requests)
        with _serve(folder, Path(tmp) / "serve.log") as (_, port):
            _get("127.0.0.1", port, "/", 30.0)  # one first request: the run measures a warm server
            result = run_load("127.0.0.1", port, todo, concurrency=args.concurrency)
    result |= {
        "record": "synthetic" if args.record is None else str(args.record),
        "facts": args.facts if args.record is None else None,
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
