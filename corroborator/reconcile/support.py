"""The support stage, after reconcile: which report copies which, and who stands behind
each fact.

::

    documents -> derivations   (``independence.find_derivations``: reprints and rewrites)
    facts + derivations -> Support per fact  (outlets, independent sources, a summary)

Both are worked out once, here, and kept on the ``Record``: ``store`` writes them to
``record.sqlite`` (a ``derivations`` table, support columns on ``facts``) and
dossier.json, the one-page dossier and the web app read them from the record. A fact's
support counts the reports of its value (``sides.supporting_docs``: for a conflict, its
leading value's only), grouped by common origin or common outlet.

``corroborator add`` changes derivations (a new report may copy, or be copied by, an
earlier one) and the facts of the events it touches: ``changed_docs`` says whose facts'
support must be worked out again. A record of more than ``page_max_reports`` reports
keeps none (see ``supported``): its pages, written on demand, work them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..models import CleanDoc, Derivation, Fact, Record, Support, SupportSource
from .independence import Supporter, find_derivations, roots
from .sides import supporting_docs

__all__ = ["as_support", "changed_docs", "derivations_of", "fact_support", "supported"]


def supported(record: Record, *, limit: int | None = None) -> Record:
    """``record`` with its derivations and each fact's support; a record that has them
    already (built, or read from ``record.sqlite``) is returned as it is, and so is a
    record of more than ``limit`` reports: finding derivations compares every report's
    paragraphs with every other's (about a minute at 2,000 reports), so beyond the limit a
    build leaves them out and the pages work them out on demand (``corroborator export``),
    as they are written on demand."""
    if record.derivations is not None and record.support is not None:
        return record
    if limit is not None and len(record.documents) > limit:
        return record
    derivations = derivations_of(record.documents)
    return replace(record, derivations=derivations,
                   support=fact_support(record.facts, derivations, record.documents))


def derivations_of(docs: Sequence[CleanDoc]) -> tuple[Derivation, ...]:
    """The record's derivations (``independence.find_derivations``), by report id."""
    return tuple(sorted(find_derivations(docs), key=lambda d: d.doc))


def fact_support(facts: Iterable[Fact], derivations: Sequence[Derivation],
                 docs: Sequence[CleanDoc]) -> tuple[Support, ...]:
    """The support of each fact, in order (``docs``: the record's reports, for outlets
    and wire credits)."""
    supporter = Supporter(derivations, docs)
    return tuple(as_support(f.id, supporter.support(supporting_docs(f))) for f in facts)


def as_support(fact: str, found: Mapping[str, Any]) -> Support:
    """``Supporter.support``'s answer as the record keeps it."""
    sources = tuple(
        SupportSource(origin=s["origin"], label=s["label"], documents=tuple(s["documents"]),
                      outlets=tuple(s["outlets"]))
        for s in found["sources"]
    )
    return Support(fact=fact, outlets=found["outlets"], reports=found["reports"],
                   independent=found["independent"], sources=sources, summary=found["summary"])


def changed_docs(old: Sequence[Derivation], new: Sequence[Derivation]) -> set[str]:
    """The reports whose facts may have other support under ``new`` derivations than
    under ``old``: those whose source changed, and every report of a group (one origin
    and its copies) that gained or lost a member, since a group's label is read from
    all of its members' datelines."""
    before, after = _groups(old), _groups(new)
    root_before = {d: r for r, ms in before.items() for d in ms}
    root_after = {d: r for r, ms in after.items() for d in ms}
    moved = {d for d in root_before.keys() | root_after.keys()
             if root_before.get(d, d) != root_after.get(d, d)}
    out = set(moved)
    for groups, root in ((before, root_before), (after, root_after)):
        for d in moved:
            out.update(groups.get(root.get(d, d), ()))
    return out


def _groups(derivations: Sequence[Derivation]) -> dict[str, set[str]]:
    """Origin -> the origin and every report that copies it, directly or not."""
    groups: dict[str, set[str]] = {}
    for doc, origin in roots(derivations).items():
        groups.setdefault(origin, {origin}).add(doc)
    return groups
