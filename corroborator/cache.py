"""A cache of per-report analyses, so that `add` parses only what is new.

The parse and extraction of a report depend only on its cleaned text, its id
and its metadata (dates resolve against the published date), and on the
corroborator version and the model. That is the key; the value is what
``pipeline.analyse`` produces for the report. A report whose cleaning changes
(new boilerplate learnt from a new report) gets a new key, so a cached build is
always the same record as a build from scratch.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .models import CleanDoc

FORMAT = "2"  # of the cached value: bumped when pipeline.Analysis changes shape


def analysis_key(clean: CleanDoc, model: str, selective: bool = True) -> str:
    parts = [__version__, FORMAT, model, str(selective), clean.id, repr(clean.source), clean.text]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


class AnalysisCache:
    """Pickled analyses in a folder, one file per key, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> Any | None:
        path = self.folder / key[:2] / f"{key}.pickle"
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing or damaged: analyse again

    def put(self, key: str, value: Any) -> None:
        folder = self.folder / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}.pickle")
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
