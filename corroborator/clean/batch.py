"""Cleaning a batch of reports, or reports appended to a cleaned batch.

``clean_batch(raws, settings=..., lines=kept)`` is the stage. Boilerplate is
learnt across reports (``boilerplate``), so cleaning a report depends on the
others:

- with no kept lines (a build), the whole batch is counted at once
  (``boilerplate.learn``) and each report cleaned against its repeated lines;
- with the ``KeptLines`` of a record (``corroborator add``), each new report is
  counted as the batch would count it last (``boilerplate.count_new``), in order,
  from the kept index: the reports counted for the line so far, and the body
  lines of those that share one with it. Counting it can change earlier reports
  in two ways: a line already boilerplate gains a report, so the reason of its
  removal in the reports holding it states the new count (``Cleaned.reasons``);
  or a line becomes boilerplate, so the reports holding it are cleaned again
  (``Cleaned.recleaned``; ``Cleaned.retexted`` names those whose text changed).

Both give the same counts (``boilerplate``'s property test), so a record with
reports appended is cleaned as a build of all of them would clean it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..models import CleanDoc, RawDoc
from ..settings import Settings
from .boilerplate import LineIndex, count_new, line_hash, min_count
from .clutter import (
    DEFAULT_SETTINGS,
    analyse_lines,
    body_lines,
    boilerplate_reason,
    boilerplate_removals,
    candidate_lines,
    clean_analysed,
    line_index,
)

__all__ = ["Cleaned", "KeptLines", "clean_batch", "clean_reports"]


class KeptLines(Protocol):
    """The boilerplate index of the reports cleaned before, lines as ``line_hash``es."""

    def counts(self, lines: Sequence[int]) -> dict[int, int]:
        """The count of each of ``lines`` (lines never seen are left out)."""

    def counted(self, lines: Sequence[int], body: frozenset[int]) -> dict[int, list[str]]:
        """For each of ``lines``, the reports counted for it that share a line of ``body``
        (the only ones a report with that body can be a copy of)."""

    def body_of(self, report: str) -> frozenset[int]:
        """A report's body lines."""

    def removed_as(self, line: int) -> list[tuple[str, int]]:
        """(report, index of the removed span) of each removal of ``line`` as boilerplate."""

    def holders(self, lines: Sequence[int]) -> set[str]:
        """The reports holding one of ``lines`` as a candidate."""

    def documents(self, ids: Sequence[str]) -> dict[str, CleanDoc]:
        """The reports ``ids`` as they were cleaned."""

    def add(self, report: str, lines: Sequence[int], counted: set[int], counts: dict[int, int],
            body: frozenset[int]) -> None:
        """Keep an appended report: its candidate ``lines``, those it counts for, their
        new ``counts``, and its body."""

    def set_removed(self, report: str, removed: list[tuple[int, int]]) -> None:
        """A report's removals as boilerplate: (index of the removed span, line)."""


@dataclass
class Cleaned:
    """The reports cleaned; for a build the index learnt, for an addition the changes to
    earlier reports."""

    docs: list[CleanDoc] = field(default_factory=list)
    index: LineIndex | None = None  # a build's boilerplate index (what it keeps)
    reasons: list[tuple[str, int, str]] = field(default_factory=list)  # (doc, idx, reason)
    recleaned: list[CleanDoc] = field(default_factory=list)  # earlier reports cleaned again
    retexted: list[str] = field(default_factory=list)  # ...those whose text changed


def clean_reports(docs: Sequence[RawDoc], *, settings: Settings = DEFAULT_SETTINGS
                  ) -> list[CleanDoc]:
    """Clean every report, one ``CleanDoc`` per ``RawDoc`` in the same order.

    Boilerplate is learnt across the whole batch first: a line repeated in
    ``settings.repeated_line_min_docs`` unrelated reports is the sites', not the story's.
    """
    return clean_batch(docs, settings=settings).docs


def clean_batch(docs: Sequence[RawDoc], *, settings: Settings = DEFAULT_SETTINGS,
                lines: KeptLines | None = None) -> Cleaned:
    """Clean ``docs``: as a batch (``lines`` None), or appended in order to the reports
    whose boilerplate index is ``lines`` (which is updated)."""
    if lines is not None:
        return _append(docs, settings, lines)
    analysed = [analyse_lines(d) for d in docs]
    index = line_index(analysed)
    repeated = index.repeated(settings.repeated_line_min_docs)
    cleaned = [clean_analysed(doc, found, repeated) for doc, found in zip(docs, analysed)]
    index.boiler = [boilerplate_removals(c, found) for c, found in zip(cleaned, analysed)]
    return Cleaned(cleaned, index)


def _append(raws: Sequence[RawDoc], settings: Settings, kept: KeptLines) -> Cleaned:
    floor = min_count(settings.repeated_line_min_docs)
    out = Cleaned()
    crossed: set[int] = set()
    for raw in raws:
        found = analyse_lines(raw)
        keys = {key: line_hash(key) for key in dict.fromkeys(candidate_lines(found))}
        hashes = list(keys.values())
        body = frozenset(line_hash(line) for line in body_lines(found))
        before = kept.counts(hashes)
        counts_for = count_new(hashes, body, kept.counted(hashes, body), kept.body_of)
        after = {h: before.get(h, 0) + (h in counts_for) for h in hashes}
        clean = clean_analysed(raw, found, {k: after[h] for k, h in keys.items() if after[h] >= floor})
        out.docs.append(clean)
        for h in counts_for:
            if before.get(h, 0) >= floor:
                out.reasons += [(doc, idx, boilerplate_reason(after[h]))
                                for doc, idx in kept.removed_as(h)]
            elif after[h] >= floor:
                crossed.add(h)
        kept.add(raw.id, hashes, counts_for, after, body)
        kept.set_removed(raw.id, [(idx, line_hash(key))
                                  for idx, key in boilerplate_removals(clean, found)])
    if crossed:
        _clean_again(kept, crossed, {d.id for d in out.docs}, floor, out)
    return out


def _clean_again(kept: KeptLines, crossed: set[int], new: set[str], floor: int, out: Cleaned
                 ) -> None:
    """The earlier reports holding a line that just became boilerplate, cleaned again."""
    holders = kept.holders(sorted(crossed)) - new
    recleaned = set()
    for doc_id, stored in sorted(kept.documents(sorted(holders)).items()):
        found = analyse_lines(stored.raw)
        keys = {key: line_hash(key) for key in dict.fromkeys(candidate_lines(found))}
        counts = kept.counts(list(keys.values()))
        repeated = {key: counts[h] for key, h in keys.items() if counts.get(h, 0) >= floor}
        clean = clean_analysed(stored.raw, found, repeated)
        if clean.text != stored.text:
            out.retexted.append(doc_id)
        kept.set_removed(doc_id, [(idx, line_hash(key))
                                  for idx, key in boilerplate_removals(clean, found)])
        out.recleaned.append(clean)
        recleaned.add(doc_id)
    out.reasons = [r for r in out.reasons if r[0] not in recleaned]
