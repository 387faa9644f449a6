"""Write ``corroborator/nlp/names_data/given_names.txt.gz``: given names whose bearers are
nearly all of one gender, from nomquamgender's name data (Van Buskirk, Clauset & Larremore,
"An open-source cultural consensus approach to name-based gender classification", ICWSM
2023; MIT licence, https://github.com/ianvanbuskirk/nomquamgender).

Kept: names seen at least ``MIN_COUNT`` times whose share of women is at most ``SHARE`` or at
least ``1 - SHARE``. ``pronouns.gender`` reads the file as its last evidence of a person's
gender, after titles, roles and the pronouns the report itself uses.

Run (with the nomquamgender 0.1.4 wheel unpacked, or installed, anywhere)::

    python scripts/given_names.py path/to/nomquamgender/name_data.json
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

MIN_COUNT = 300
SHARE = 0.03
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corroborator" / "nlp" / "names_data" / "given_names.txt.gz"
HEADER = ("# given names and their usual gender (m/f), from nomquamgender 0.1.4 (MIT licence, "
          "Copyright (c) 2022 Ian Van Buskirk); see scripts/given_names.py\n")


def main(source: str) -> None:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    rows = []
    for name, row in sorted(data.items()):
        count, share = row[1], row[2]
        if not name.isalpha() or count < MIN_COUNT:
            continue
        if share <= SHARE:
            rows.append(f"{name}\tm")
        elif share >= 1 - SHARE:
            rows.append(f"{name}\tf")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(HEADER + "\n".join(rows) + "\n")
    print(f"{len(rows)} names -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
