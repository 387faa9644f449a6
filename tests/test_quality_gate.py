"""The quality gate: every corpus with a gold file scores at or above its pinned floors."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quality_gate_holds_the_floors():
    done = subprocess.run([sys.executable, str(ROOT / "eval" / "gate.py")],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
