"""The layout the architecture page draws is the layout of the code (issue 17): every module
of a stage package is on the page under its stage, every module the page names exists, and
no module imports another module's private names."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "corroborator"
PAGE = ROOT / "docs" / "ARCHITECTURE.md"
STAGES = ("ingest", "clean", "nlp", "group", "reconcile", "record")


def _picture() -> str:
    text = PAGE.read_text(encoding="utf-8")
    return text.split("```")[1]  # the data-flow picture


def _drawn() -> dict[str, set[str]]:
    """The modules the picture names under each stage folder."""
    drawn: dict[str, set[str]] = {}
    stage = None
    for line in _picture().splitlines():
        head = re.match(r"\s*([a-z]+)/\s", line)
        if head:
            stage = head.group(1)
        if stage:
            drawn.setdefault(stage, set()).update(re.findall(r"\b([a-z_]+)\.py\b", line))
    return drawn


def test_architecture_stages_are_drawn_in_pipeline_order():
    order = [s for s in re.findall(r"^ ([a-z]+)/", _picture(), re.MULTILINE) if s in STAGES]
    assert order == list(STAGES)


@pytest.mark.parametrize("stage", STAGES)
def test_architecture_every_module_of_a_stage_is_drawn_and_exists(stage):
    modules = {p.stem for p in (PACKAGE / stage).glob("*.py") if p.stem != "__init__"}
    assert _drawn()[stage] == modules


def _private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith(
                "corroborator")):
            found += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_architecture_no_module_imports_another_modules_private_names():
    found = [hit for p in sorted(PACKAGE.rglob("*.py")) for hit in _private_imports(p)]
    assert found == []
