"""The files of a dossier folder, written after a build or an addition.

::

    record.sqlite        the record (``store``), always
    cache/state.sqlite   what ``add`` needs to add to it in place (``state``), always
    dossier.json         the record as JSON (``dossier``)           } up to ``page_max_reports``
    index.html           the record as one page (``report``)         } reports; beyond, index.html
                                                                       says how to read the record
                                                                       and dossier.json is not kept
A large record's JSON and page cost more to write than adding a report does
(their size grows with the record: 340 MB of HTML at 10,000 reports), so beyond
the limit they are written only on demand (``corroborator export``).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from ..models import Record
from ..pipeline import BuildIndex
from ..reconcile.support import supported
from ..report import index_chunks, render_large
from ..settings import Settings
from .dossier import write_atomic, write_json
from .state import FILE, write_state
from .store import discard_journals, read_record, read_summary, settle, write_record

__all__ = ["refresh_pages", "write_built", "write_pages"]

RECORD = "record.sqlite"


def write_built(out: Path, record: Record, index: BuildIndex, settings: Settings) -> None:
    """A built record's files: its kept state, the record, then the pages. The state and
    the record share a generation token, so a crash between their writes is noticed."""
    token = uuid.uuid4().hex
    # Both files are replaced whole: no journal of the old ones may outlive them (SQLite
    # would "roll it back" into the new file). Roll back both first (a transaction of
    # `add` spans the two), then remove what could not be.
    for database in (out / RECORD, out / "cache" / FILE):
        settle(database)
    discard_journals(out / "cache" / FILE)
    write_state(out / "cache" / FILE, index, settings=settings, generation=token)
    write_record(record, out / RECORD, meta={"state": token})
    write_pages(out, record, settings)


def write_pages(out: Path, record: Record, settings: Settings, *, force: bool = False) -> None:
    """dossier.json and index.html of ``record`` (or, beyond ``page_max_reports`` and
    unless ``force``, the page that says how to read it)."""
    if force or len(record.documents) <= settings.page_max_reports:
        record = supported(record)  # kept by the record, or (a large one) worked out once here
        write_json(record, out / "dossier.json")
        write_atomic(out / "index.html", index_chunks(record))
        return
    _large(out, settings)


def refresh_pages(out: Path, settings: Settings) -> None:
    """The pages of the record in ``out`` after it was changed in place."""
    counts, _ = read_summary(out / RECORD)
    if counts["reports"] <= settings.page_max_reports:
        write_pages(out, read_record(out / RECORD), settings)
    else:
        _large(out, settings)


def _large(out: Path, settings: Settings) -> None:
    counts, story = read_summary(out / RECORD)
    (out / "dossier.json").unlink(missing_ok=True)  # it would describe an older record
    page = render_large(counts, story=story, limit=settings.page_max_reports, folder=str(out))
    write_atomic(out / "index.html", page)
