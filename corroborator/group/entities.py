"""Merge entity names across their aliases and reports.

"Nayib Bukele", "Bukele" and "President Nayib Bukele" are one person; "CECOT"
and "the Terrorism Confinement Center (CECOT)" one facility. Rules, in order:
a name whose words are the tail of a longer name of the same kind is that name
("Bukele" -> "Nayib Bukele"); titles are dropped ("President"); an acronym equal
to the initials of a longer name is that name. The canonical name is the
longest informative alias.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Entity

KEEP = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW", "EVENT", "LOC", "PRODUCT"}
TITLES = {"president", "mr", "mrs", "ms", "dr", "judge", "secretary", "minister", "sen",
          "senator", "rep", "gov", "governor", "mayor", "general", "gen", "the", "prime"}


def _clean(name: str) -> str:
    name = re.sub(r"['’]s?$", "", name.strip())
    words = name.split()
    while words and words[0].lower().strip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in ("of", "the", "de"))


@dataclass
class Names:
    """The entity names of a batch, in the order first seen, with what merging reads of
    each: the reports naming it, its NER labels with counts (in the order first seen) and
    the surface forms it was written as."""

    docs: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, int]] = field(default_factory=dict)
    surfaces: dict[str, set[str]] = field(default_factory=dict)

    def add(self, found: Iterable[tuple[str, str, str]]) -> None:
        """Take (doc, surface, label) triples: names of kept labels, titles dropped."""
        for doc, surface, label in found:
            name = name_of(surface, label)
            if name is None:
                continue
            self.docs.setdefault(name, set()).add(doc)
            counts = self.labels.setdefault(name, {})
            counts[label] = counts.get(label, 0) + 1
            self.surfaces.setdefault(name, set()).add(surface.strip())


def name_of(surface: str, label: str) -> str | None:
    """The name an entity mention of ``label`` counts for (None: not an entity we keep)."""
    if label not in KEEP:
        return None
    name = _clean(surface)
    return name if name and any(c.isalpha() for c in name) else None


def merge_entities(found: Iterable[tuple[str, str, str]]) -> tuple[list[Entity], dict[str, str]]:
    """(doc, surface, label) triples -> entities and a map from every alias to its canonical name."""
    names = Names()
    names.add(found)
    entities, alias_map, _ = merge_names(names)
    return entities, alias_map


def merge_names(names: Names) -> tuple[list[Entity], dict[str, str], dict[str, str]]:
    """Entities (most reported first), the map from every alias to its entity's name, and
    the map from every name to the canonical name it stands for."""
    canon = _canonical(list(names.docs))
    members: dict[str, list[str]] = {}
    for name, target in canon.items():
        members.setdefault(target, []).append(name)
    merged = [entity(target, group, names) for target, group in members.items()]
    alias_map = {a: e.name for e in merged for a in e.aliases}
    return sorted(merged, key=lambda e: (-len(e.docs), e.name)), alias_map, canon


def entity(target: str, members: Iterable[str], names: Names) -> Entity:
    """The entity named ``target``, merged from the names that stand for it."""
    aliases: set[str] = set()
    docs: set[str] = set()
    for name in members:
        aliases |= names.surfaces[name] | {name}
        docs |= names.docs[name]
    counts = names.labels[target]
    label = max(counts, key=counts.__getitem__)
    return Entity(entity_id(target), target, label, tuple(sorted(aliases)), tuple(sorted(docs)))


def entity_id(name: str) -> str:
    return "n" + hashlib.sha1(name.encode()).hexdigest()[:10]


LINKING = frozenset({"of", "for", "and", "&", "the", "de", "del", "la", "on", "to", "in"})


def _canonical(names: list[str]) -> dict[str, str]:
    """Each name -> the name it is short for: the longest name (most words, then most
    letters) that ends with its words ("Bukele" -> "Nayib Bukele"), or, for an all-capitals
    word, whose initials it is ("CECOT" -> "Centro de Confinamiento del Terrorismo");
    followed to that name's own canonical name. Indexed by suffix and initials, so the
    work grows with the names, not with their pairs."""
    by_len = sorted(names, key=lambda n: (-len(n.split()), -len(n)))
    rank = {name: k for k, name in enumerate(by_len)}
    by_suffix: dict[tuple[str, ...], str] = {}
    by_initials: dict[str, str] = {}
    for full in by_len:
        lw = tuple(full.lower().split())
        for size in range(1, len(lw)):
            if lw[-size - 1] not in LINKING:  # "Party of Vucic" is no longer name of Vucic
                by_suffix.setdefault(lw[-size:], full)
        if len(lw) > 1:
            by_initials.setdefault(_initials(full), full)
    canon: dict[str, str] = {}
    for name in by_len:
        words = tuple(name.lower().split())
        options = [by_suffix.get(words)]
        if len(words) == 1 and name.isupper():
            options.append(by_initials.get(name))
        found = [o for o in options if o is not None and len(o.split()) > len(words)]
        longer = min(found, key=rank.__getitem__) if found else None
        canon[name] = canon.get(longer, longer) if longer else name
    return canon
