"""The sides of a fact: each value its mentions state, with who states it and where.

A conflict is read side by side ("23 (Nayib Bukele) vs 21 (Tom Homan)"), and it
is a **dispute** when two or more of its sides are each stated by named sources
and those sources differ: police against organisers, an official count against
a cabinet member's. A conflict whose values come from the outlets' own voice (a
drifting figure, a typo) is a conflict, not a dispute. The dossier JSON, the
SQLite record, the one-page dossier and the web pages all read them from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Fact, Mention, Value


@dataclass(frozen=True, slots=True)
class Side:
    """One value of a fact: how it was written, who states it, in which reports."""

    value: Value
    unit: str | None
    text: str  # the surface of its first mention: "23", "over 250", "$2.2 billion"
    sources: tuple[str, ...]  # the named sources its mentions are attributed to
    docs: tuple[str, ...]
    own_voice: int  # mentions the outlets state in their own voice

    def label(self) -> str:
        """"23 (Nayib Bukele)", "33,000 (4 reports)"."""
        if self.sources:
            return f"{self.text} ({', '.join(self.sources)})"
        n = len(self.docs)
        return f"{self.text} ({n} report{'s' if n != 1 else ''})"


def sides(mentions: Sequence[Mention]) -> list[Side]:
    """The distinct values of a group of mentions, most reports first."""
    groups: dict[tuple[Value, str | None, str], list[Mention]] = {}
    for m in mentions:
        groups.setdefault((m.value, m.unit, m.bound), []).append(m)
    out = []
    for (value, unit, _), ms in groups.items():
        sources = _distinct_names([m.said_by for m in ms if m.said_by])
        docs = tuple(dict.fromkeys(m.doc for m in ms))
        out.append(Side(value, unit, ms[0].text, sources, docs,
                        sum(1 for m in ms if not m.said_by)))
    return sorted(out, key=lambda s: (-len(s.docs), -len(s.sources), str(s.value)))


def _distinct_names(names: Sequence[str]) -> tuple[str, ...]:
    """Names in order, each once: a name whose words all appear in a longer one ("Bukele",
    "Nayib Bukele") is that one; case aside."""
    words = {n: set(n.casefold().split()) for n in names}
    out: list[str] = []
    for n in sorted(dict.fromkeys(names), key=lambda n: -len(words[n])):
        if not any(words[n] <= words[o] for o in out):
            out.append(n)
    return tuple(sorted(out, key=names.index))


def supporting_docs(fact: Fact) -> set[str]:
    """The reports that support a fact's value: all of its reports, or for a conflict the
    reports of its leading value only (a dissenting report is no support)."""
    found = sides(fact.mentions)
    if fact.status == "conflict" and found:
        return set(found[0].docs)
    return {m.doc for m in fact.mentions}


def disputed(fact: Fact) -> bool:
    """A conflict whose sides are stated by different named sources."""
    return fact.status == "conflict" and named_apart(sides(fact.mentions))


def named_apart(found: Sequence[Side]) -> bool:
    """Two or more sides are stated by named sources, and not all by the same ones."""
    named = {frozenset(x.casefold() for x in s.sources) for s in found if s.sources}
    return len(named) >= 2


def describe(mentions: Sequence[Mention]) -> str:
    """A conflict in one line, each value with its sources (or how many reports state it)."""
    return " vs ".join(s.label() for s in sides(mentions))
