"""corroborator: a sourced, conflict-aware record of what a pile of news reports claim."""

__version__ = "0.1.0"

from .errors import CorroboratorError, InputError, NoReportsError, StoreError
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


def build(*args, **kwargs):  # type: ignore[no-untyped-def]
    """Build the record of a corpus: see ``corroborator.pipeline.build``."""
    from .pipeline import build as _build

    return _build(*args, **kwargs)


__all__ = [
    "CleanDoc", "CorroboratorError", "Entity", "Event", "Fact", "InputError", "Mention",
    "NoReportsError", "Quote", "RawDoc", "Record", "Settings", "Skipped", "Source", "StoreError",
    "__version__", "build",
]
