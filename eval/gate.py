"""The quality gate: score every corpus with a gold file against its pinned floors.

Each corpus (the bundled demo and every folder of ``../shared/corpus`` with a
``gold.yaml``) is built with ``corroborator.Dossier(...).build`` (the library the
CLI runs; spaCy loads once for all corpora) and its ``dossier.json`` scored with
``../shared/eval/score.py``. ``eval/baseline.json`` pins, per corpus, the sha256 of
its files and a floor for each figure (a ceiling for false conflicts). The gate fails
when:

- a figure falls below its floor (false conflicts rise above their ceiling);
- a corpus changed since its floors were pinned (its sha256 differs): figures of
  another corpus do not compare, so it fails until its floors are pinned again;
- a corpus has no floors pinned, or a pinned corpus is missing.

``--update`` pins the figures of this run (each floor ``MARGIN`` under its figure,
false conflicts as they are) and the corpora's sha256. It never lowers a floor on
its own: a floor the new figure still meets is kept; one it does not meet (a
regression) is refused, and nothing is written, unless ``--allow-regression`` is
given. Raising a floor needs no flag.

usage: python eval/gate.py [--update [--allow-regression]] [--baseline FILE]
                           [--corpus NAME=DIR ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BASELINE = ROOT / "eval" / "baseline.json"
HIGHER_IS_BETTER = ("mention_recall", "link_f1", "conflict_recall", "attribution",
                    "quote_recall", "quote_speaker", "event_pair_f1")
LOWER_IS_BETTER = ("false_conflicts",)
MARGIN = 0.005  # a floor sits this far under its figure: run-to-run noise is not a failure
EPSILON = 1e-9

Figures = Mapping[str, Any]


def corpora() -> dict[str, Path]:
    """The corpora the gate scores: the demo, then every shared corpus with a gold file."""
    found = {"demo": ROOT / "demo" / "corpus"}
    for gold in sorted((SHARED / "corpus").glob("*/gold.yaml")):
        found[gold.parent.name] = gold.parent
    return {name: path for name, path in found.items() if (path / "gold.yaml").exists()}


def corpus_sha(folder: Path) -> str:
    """sha256 over every file of the corpus that is not hidden (the files a build reads,
    gold.yaml, sources.csv): each file's path in the folder, its size, then its bytes."""
    digest = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        relative = f.relative_to(folder)
        if f.is_file() and not any(part.startswith(".") for part in relative.parts):
            data = f.read_bytes()
            digest.update(f"{relative.as_posix()}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def score(folder: Path) -> dict[str, Any]:
    """Build the corpus into a temporary folder and score its dossier.json against gold.yaml."""
    from corroborator import Dossier

    with tempfile.TemporaryDirectory() as out:
        Dossier(out).build(folder)
        done = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"),
                               str(folder / "gold.yaml"), f"{out}/dossier.json", "--json"],
                              check=True, capture_output=True, text=True)  # fmt: skip
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


# --- the rules ---------------------------------------------------------------------------


def failures(name: str, figures: Figures, floors: Figures) -> list[str]:
    """Each figure under its floor (or over its ceiling), in words."""
    out = []
    for key in HIGHER_IS_BETTER:
        if key in floors and (figures.get(key) is None or figures[key] < floors[key] - EPSILON):
            out.append(f"{name}: {key} {figures.get(key)} is below its floor {floors[key]}")
    for key in LOWER_IS_BETTER:
        if key in floors and (figures.get(key) is None or figures[key] > floors[key]):
            out.append(f"{name}: {figures.get(key)} {key.replace('_', ' ')}, at most "
                       f"{floors[key]} allowed")
    return out


def check(name: str, entry: Mapping[str, Any] | None, sha: str, figures: Figures) -> list[str]:
    """What fails the gate for one corpus."""
    if entry is None:
        return [f"{name}: no floors pinned: check its figures, then pin them with --update"]
    problems = []
    if entry.get("sha256") != sha:
        problems.append(
            f"{name}: the corpus changed since its floors were pinned (sha256 "
            f"{str(entry.get('sha256'))[:12]}… now {sha[:12]}…): its figures do not compare "
            "with the floors; check them, then pin them again with --update")
    return problems + failures(name, figures, entry.get("floors", {}))


def proposed(figures: Figures) -> dict[str, float | int]:
    """The floors this run's figures give: MARGIN under each, false conflicts as they are."""
    floors: dict[str, float | int] = {k: round(figures[k] - MARGIN, 3) for k in HIGHER_IS_BETTER
                                      if figures.get(k) is not None}  # fmt: skip
    floors.update({k: figures[k] for k in LOWER_IS_BETTER if figures.get(k) is not None})
    return floors


def updated(name: str, old: Figures, figures: Figures, *, allow_regression: bool
            ) -> tuple[dict[str, float | int], list[str], list[str]]:
    """The floors to pin for ``figures`` over the ``old`` ones, the regressions refused, and
    the floors lowered (only with ``allow_regression``)."""
    new, refused, lowered = proposed(figures), [], []
    for key, floor in old.items():
        worse = key in LOWER_IS_BETTER
        value = figures.get(key)
        if key in new and (new[key] <= floor if worse else new[key] >= floor):
            continue  # as good or better: the new floor stands
        met = value is not None and (value <= floor if worse else value >= floor - EPSILON)
        if met:
            new[key] = floor  # within the margin of its floor: kept, never lowered
        elif allow_regression:
            lowered.append(f"{name}: {key} floor lowered from {floor} to {new.get(key)}")
            if key not in new:
                continue
        else:
            refused.append(
                f"{name}: {key} is {value}, {'over' if worse else 'below'} its "
                f"{'ceiling' if worse else 'floor'} {floor}: --update would "
                f"{'raise' if worse else 'lower'} it; fix the regression, or pass "
                "--allow-regression to pin the worse figure")
            new[key] = floor
    return dict(sorted(new.items(), key=lambda kv: _order(kv[0]))), refused, lowered


def _order(key: str) -> int:
    keys = HIGHER_IS_BETTER + LOWER_IS_BETTER
    return keys.index(key) if key in keys else len(keys)


# --- the run -----------------------------------------------------------------------------


@dataclass
class Run:
    """What one run of the gate found, and the baseline it would write."""

    baseline: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    lowered: list[str] = field(default_factory=list)


def gate(chosen: Mapping[str, Path], baseline: dict[str, Any], *, update: bool,
         allow_regression: bool = False, every_pinned: bool = True) -> Run:
    """Score ``chosen`` corpora and check (or, with ``update``, pin) their floors."""
    run = Run(dict(baseline))
    if every_pinned:
        run.problems += [f"{name}: floors are pinned but the corpus is missing"
                         for name in baseline if name not in chosen]  # fmt: skip
    for name, folder in chosen.items():
        sha, figures = corpus_sha(folder), score(folder)
        entry = baseline.get(name)
        shown = {k: figures.get(k) for k in HIGHER_IS_BETTER + LOWER_IS_BETTER}
        print(name, json.dumps(shown), flush=True)
        if not update:
            run.problems += check(name, entry, sha, figures)
            continue
        old = entry.get("floors", {}) if entry else {}
        floors, refused, lowered = updated(name, old, figures, allow_regression=allow_regression)
        run.refused += refused
        run.lowered += lowered
        run.baseline[name] = {"sha256": sha, "floors": floors}
    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true",
                        help="pin this run's figures and the corpora's sha256 as the floors")
    parser.add_argument("--allow-regression", action="store_true",
                        help="with --update: let a floor fall to a worse figure")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help="the floors file")
    parser.add_argument("--corpus", action="append", default=[], metavar="NAME=DIR",
                        help="gate only these corpora (repeatable); default: all")
    args = parser.parse_args(argv)
    if args.allow_regression and not args.update:
        parser.error("--allow-regression goes with --update")
    chosen = dict(_corpus_arg(parser, c) for c in args.corpus) if args.corpus else corpora()
    baseline = json.loads(args.baseline.read_text()) if args.baseline.exists() else {}
    run = gate(chosen, baseline, update=args.update, allow_regression=args.allow_regression,
               every_pinned=not args.corpus)
    for line in run.lowered:
        print("LOWERED", line)
    for line in run.problems + run.refused:
        print("FAIL", line)
    if args.update and not run.refused:
        args.baseline.write_text(json.dumps(run.baseline, indent=2) + "\n")
        print(f"pinned the floors of {', '.join(chosen)} in {args.baseline}")
    elif run.refused:
        print(f"{args.baseline} is left as it was")
    return 1 if run.problems or run.refused else 0


def _corpus_arg(parser: argparse.ArgumentParser, value: str) -> tuple[str, Path]:
    name, _, folder = value.partition("=")
    path = Path(folder)
    if not name or not (path / "gold.yaml").is_file():
        parser.error(f"--corpus {value}: give NAME=DIR, a folder with a gold.yaml")
    return name, path


if __name__ == "__main__":
    sys.exit(main())
