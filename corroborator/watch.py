"""Keep a dossier up to date with a folder that reports arrive in.

``corroborator watch DIR FOLDER`` stays running with the spaCy pipeline and the
sentence embedding model loaded, looks at FOLDER every few seconds and adds the
reports that arrived (in place, as ``corroborator add`` does). A report then costs
its own analysis and the facts it touches, not the start of a process and the
loading of the models (about three seconds of a one-report ``add``).

A file is taken once it has stopped changing: its size and modification time are
the same at two looks in a row, so a report still being written or copied is left
for a later look. Files are found as a build of the folder finds them: hidden files
(``.name``) and other formats are ignored, so a writer can write under a hidden name
and rename the file when it is whole.

``Dossier.watch`` (``api.py``) runs ``watch`` with the models loaded and each batch
added to the dossier; the command is a shell over it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .ingest.reports import report_files

__all__ = ["Arrivals", "watch"]

Stamp = tuple[int, int]  # size, modification time (ns)


@dataclass
class Arrivals:
    """The report files of a folder that have stopped changing and were not given out yet."""

    folder: Path
    taken: set[Path] = field(default_factory=set)  # given out, or held already
    seen: dict[Path, Stamp] = field(default_factory=dict)  # at the last look

    def ready(self) -> list[Path]:
        """The files unchanged since the last look and not given out before (each given
        out once, in name order); the others are remembered for the next look."""
        now = dict(self._look())
        out = sorted(p for p, stamp in now.items()
                     if p not in self.taken and self.seen.get(p) == stamp)
        self.seen = now
        self.taken.update(out)
        return out

    def _look(self) -> Iterator[tuple[Path, Stamp]]:
        for path in report_files(self.folder):  # as a build of the folder finds them
            try:
                st = path.stat()
            except OSError:  # gone between the listing and the look
                continue
            yield path.resolve(), (st.st_size, st.st_mtime_ns)


def watch(folder: Path, add: Callable[[list[Path]], None], *, interval: float,
          held: Iterable[Path] = (), stop: Callable[[], bool] = lambda: False,
          sleep: Callable[[float], None] = time.sleep) -> None:
    """Call ``add`` with each batch of reports that arrive in ``folder`` (files in
    ``held`` are left out), looking every ``interval`` seconds until ``stop()``."""
    arrivals = Arrivals(folder, taken={Path(p).resolve() for p in held})
    while not stop():
        ready = arrivals.ready()
        if ready:
            add(ready)
        sleep(interval)
