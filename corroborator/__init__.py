"""corroborator: a sourced, conflict-aware record of what a pile of news reports claim.

The public API (``__all__``; the README's "Python API" section shows it):

- ``Dossier(path)``: a dossier folder, with ``build``, ``add``, ``export``, ``watch`` and
  ``record``, each holding the folder's lock while it writes; ``Update`` is what a build
  or an addition did;
- ``build(paths)``: the ``Record`` of a corpus, in memory, written nowhere;
- ``Settings``: every threshold, with defaults that need no file;
- the models of a record (``Record``, ``Fact``, ``Mention``, ...), all frozen dataclasses;
- the errors (``CorroboratorError`` and its tree, see ``errors.py``).
"""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Callable, Sequence
from pathlib import Path

from .api import Dossier, Update
from .errors import (
    ConfigError,
    CorroboratorError,
    InputError,
    NoReportsError,
    StoreError,
    WriteError,
)
from .models import (
    CleanDoc,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    RawDoc,
    Record,
    Skipped,
    Source,
)
from .settings import Settings


def build(paths: str | Path | Sequence[str | Path], settings: Settings | None = None, *,
          progress: Callable[[int, int], None] | None = None, story: str | None = None,
          urls: str | Sequence[str] = (), cache_dir: Path | None = None,
          engine: str = "local", scheduler: str | None = None,
          known_events: Sequence[Event] = ()) -> Record:
    """Build the record of a corpus in memory (``Dossier.build`` writes one to a folder).

    ``paths``: report files, folders, feed files, WARC files and http(s) URLs of pages or
    feeds, in any mix; one may be given alone (``build("reports/")``). ``urls``: more URLs.
    Raises ``NoReportsError`` if nothing could be read. See ``corroborator.pipeline.build``.
    """
    from .pipeline import build as _build  # spaCy and the stages load on first use

    return _build(paths, settings, progress=progress, story=story, urls=urls,
                  cache_dir=cache_dir, engine=engine, scheduler=scheduler,
                  known_events=known_events)


__all__ = [
    "CleanDoc",
    "ConfigError",
    "CorroboratorError",
    "Dossier",
    "Entity",
    "Event",
    "Fact",
    "InputError",
    "Mention",
    "NoReportsError",
    "Quote",
    "RawDoc",
    "Record",
    "Settings",
    "Skipped",
    "Source",
    "StoreError",
    "Update",
    "WriteError",
    "__version__",
    "build",
]
