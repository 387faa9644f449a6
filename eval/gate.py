"""The quality gate: score every corpus with a gold file against its pinned floors.

Each corpus (the bundled demo and every folder of ``../shared/corpus``) is built
with ``corroborator build`` and scored with ``../shared/eval/score.py``; the
figures must not fall below the floors pinned in ``eval/baseline.json``. A
corpus without floors is scored and reported, not gated. Each floor entry
records the sha256 of its corpus so a changed corpus is noticed.

usage: python eval/gate.py [--update]   (--update pins the current figures as floors)
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BASELINE = ROOT / "eval" / "baseline.json"
HIGHER_IS_BETTER = ("mention_recall", "link_f1", "conflict_recall", "attribution",
                    "quote_recall", "quote_speaker", "event_pair_f1")


def corpora() -> dict[str, Path]:
    found = {"demo": ROOT / "demo" / "corpus"}
    for gold in sorted((SHARED / "corpus").glob("*/gold.yaml")):
        found[gold.parent.name] = gold.parent
    return {name: path for name, path in found.items() if (path / "gold.yaml").exists()}


def corpus_sha(folder: Path) -> str:
    digest = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            digest.update(f.name.encode() + f.read_bytes())
    return digest.hexdigest()


def score(folder: Path) -> dict[str, float | int | None]:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "corroborator", "build", str(folder), "--out", out,
                        "--quiet"], check=True, capture_output=True)
        done = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"),
                               str(folder / "gold.yaml"), f"{out}/dossier.json", "--json"],
                              check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def failures(name: str, figures: dict, floors: dict) -> list[str]:
    out = []
    for key in HIGHER_IS_BETTER:
        if key in floors and (figures.get(key) is None or figures[key] < floors[key] - 1e-9):
            out.append(f"{name}: {key} {figures.get(key)} is below its floor {floors[key]}")
    if "false_conflicts" in floors and figures["false_conflicts"] > floors["false_conflicts"]:
        out.append(f"{name}: {figures['false_conflicts']} false conflicts, at most "
                   f"{floors['false_conflicts']} allowed")
    return out


def main(argv: list[str]) -> int:
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    problems: list[str] = []
    for name, folder in corpora().items():
        figures = score(folder)
        entry = baseline.get(name)
        print(name, json.dumps({k: figures[k] for k in HIGHER_IS_BETTER + ("false_conflicts",)}))
        if "--update" in argv:
            floors = {k: round(figures[k] - 0.005, 3) for k in HIGHER_IS_BETTER if figures[k] is not None}
            baseline[name] = {"sha256": corpus_sha(folder), "floors": {**floors, "false_conflicts": figures["false_conflicts"]}}
        elif entry is None:
            print(f"{name}: no floors pinned; scored, not gated")
        else:
            if entry.get("sha256") != corpus_sha(folder):
                print(f"{name}: the corpus changed since its floors were pinned")
            problems += failures(name, figures, entry["floors"])
    if "--update" in argv:
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n")
    for p in problems:
        print("FAIL", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
