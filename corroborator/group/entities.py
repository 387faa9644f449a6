"""Merge entity names across their aliases and reports.

"Nayib Bukele", "Bukele" and "President Nayib Bukele" are one person; "CECOT"
and "the Terrorism Confinement Center (CECOT)" one facility. Rules, in order:
a name whose words are the tail of a longer name of the same kind is that name
("Bukele" -> "Nayib Bukele"); titles are dropped ("President"); an acronym equal
to the initials of a longer name is that name. The canonical name is the
longest informative alias.

``merge(found, kept)`` is the stage: the names found in new reports merged into
the names kept (``KeptNames``: an empty ``Names`` for a build, a record's kept
names for ``corroborator add``), which it updates. Merging is over all the names,
kept and new, so a record with reports added names its entities as a build of
all of them would; what it returns says which entities changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..models import Entity

KEEP = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW", "EVENT", "LOC", "PRODUCT"}
DOTTED = re.compile(r"(?:[A-Z]\.){2,}")  # an acronym written with stops: "U.S.", "U.N."
PLACES = frozenset({"GPE", "LOC"})  # kinds of name that are places
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


class KeptNames(Protocol):
    """The names merged before, what merging reads of them, and what it adds to them."""

    def targets(self) -> dict[str, str]:
        """Every name, in the order first seen, -> the name it stands for."""

    def read(self, names: Sequence[str]) -> Names:
        """What merging reads of ``names``: their reports, labels and surface forms."""

    def reports_naming(self, names: Sequence[str]) -> set[str]:
        """The reports that name one of ``names``."""

    def surface_names(self, surfaces: Sequence[str]) -> dict[str, str]:
        """Each of ``surfaces`` that a name was written as -> that name."""

    def label_counts(self) -> dict[str, dict[str, int]]:
        """Every name -> its NER labels with counts, in the order first seen."""

    def keep(self, found: Names, added: Sequence[str], targets: dict[str, str]) -> None:
        """Keep ``found`` (the ``added`` names new), and ``targets``: what those names and
        the earlier names that moved now stand for."""


@dataclass
class Names:
    """The entity names of a batch, in the order first seen, with what merging reads of
    each: the reports naming it, its NER labels with counts (in the order first seen) and
    the surface forms it was written as. As kept names (``KeptNames``, in memory) it also
    holds what each name stands for (``canon``)."""

    docs: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, int]] = field(default_factory=dict)
    surfaces: dict[str, set[str]] = field(default_factory=dict)
    canon: dict[str, str] = field(default_factory=dict)

    def targets(self) -> dict[str, str]:
        return {name: self.canon[name] for name in self.docs}

    def read(self, names: Sequence[str]) -> Names:
        return self

    def reports_naming(self, names: Sequence[str]) -> set[str]:
        return {d for name in names for d in self.docs.get(name, ())}

    def surface_names(self, surfaces: Sequence[str]) -> dict[str, str]:
        wanted = set(surfaces)
        out: dict[str, str] = {}
        for name, forms in self.surfaces.items():
            for s in forms & wanted:
                out[s] = min(out.get(s, name), name)
        return out

    def label_counts(self) -> dict[str, dict[str, int]]:
        return self.labels

    def keep(self, found: Names, added: Sequence[str], targets: dict[str, str]) -> None:
        for name, held in found.docs.items():
            self.docs.setdefault(name, set()).update(held)
            self.surfaces.setdefault(name, set()).update(found.surfaces[name])
            counts = self.labels.setdefault(name, {})
            for label, n in found.labels[name].items():
                counts[label] = counts.get(label, 0) + n
        self.canon.update(targets)

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
    merged = merge(names, Names())
    return merged.entities, alias_map(merged.entities)


@dataclass
class Merged:
    """Names merged: what every name stands for, and the entities that changed."""

    canon: dict[str, str]  # every name, kept or new -> the name it stands for
    entities: list[Entity]  # merged anew (all of them for a build), most reported first
    gone: set[str]  # ids of the entities merged anew or gone
    renamed: set[str]  # earlier reports whose names now stand for another entity


def merge(found: Names, kept: KeptNames) -> Merged:
    """The names ``found`` in new reports merged into the ``kept`` names (which keep them).

    Every name is merged anew over all the names (``canonical``); the entities whose
    names moved, or that hold a new name, are made again from the kept names."""
    old = kept.targets()
    added = [n for n in found.docs if n not in old]
    counts = {n: dict(c) for n, c in kept.label_counts().items()}
    for name, found_counts in found.labels.items():
        tally = counts.setdefault(name, {})
        for label, n in found_counts.items():
            tally[label] = tally.get(label, 0) + n
    canon = canonical([*old, *added], {n: main_label(c) for n, c in counts.items() if c})
    changed = {n for n, target in canon.items() if old.get(n) != target}
    moved = changed & old.keys()
    kept.keep(found, added, {n: canon[n] for n in changed})
    targets = {canon[n] for n in changed | found.docs.keys()} | {old[n] for n in moved}
    members: dict[str, list[str]] = {}
    for name, target in canon.items():
        if target in targets:
            members.setdefault(target, []).append(name)
    held = kept.read([n for group in members.values() for n in group])
    entities = [entity(t, group, held) for t, group in members.items()]
    renamed = kept.reports_naming(sorted(moved)) - {d for ds in found.docs.values() for d in ds}
    return Merged(canon, sorted(entities, key=lambda e: (-len(e.docs), e.name)),
                  {entity_id(t) for t in targets}, renamed)


def alias_map(entities: Iterable[Entity]) -> dict[str, str]:
    """Every alias of ``entities`` -> its entity's name."""
    return {a: e.name for e in entities for a in e.aliases}


def resolve(aliases: Iterable[str], kept: KeptNames, canon: dict[str, str]) -> dict[str, str]:
    """Each of ``aliases`` that is a name or a surface form of one -> its entity's name
    (what ``alias_map`` of all the entities gives them)."""
    wanted = sorted(set(aliases))
    out = {a: canon[a] for a in wanted if a in canon}
    for surface, name in kept.surface_names(wanted).items():
        out.setdefault(surface, canon[name])
    return out


def entity(target: str, members: Iterable[str], names: Names) -> Entity:
    """The entity named ``target``, merged from the names that stand for it."""
    aliases: set[str] = set()
    docs: set[str] = set()
    for name in members:
        aliases |= names.surfaces[name] | {name}
        docs |= names.docs[name]
    label = main_label(names.labels[target])
    return Entity(entity_id(target), target, label, tuple(sorted(aliases)), tuple(sorted(docs)))


def main_label(counts: dict[str, int]) -> str:
    """An entity's label: its name's most frequent NER label (the first seen on a tie). The
    small model tags most groups as persons ("Tren de Aragua"), and the analysis reads a
    name as an organisation where its words say so (``syntax.entity_label``): a name read
    as one in at least a third of its mentions, and twice, is an organisation."""
    person, org = counts.get("PERSON", 0), counts.get("ORG", 0)
    if person and org >= max(2, person / 3):
        return "ORG"
    return max(counts, key=counts.__getitem__)


def entity_id(name: str) -> str:
    return "n" + hashlib.sha1(name.encode()).hexdigest()[:10]


LINKING = frozenset({"of", "for", "and", "&", "the", "de", "del", "la", "on", "to", "in"})


def canonical(names: list[str], kinds: dict[str, str] | None = None) -> dict[str, str]:
    """Each name -> the name it is short for: the longest name (most words, then most
    letters) that ends with its words ("Bukele" -> "Nayib Bukele"), or, for an all-capitals
    word, whose initials it is ("CECOT" -> "Centro de Confinamiento del Terrorismo", "U.S."
    -> "United States");
    followed to that name's own canonical name. A place (``kinds``: name -> main NER
    label) is never short for a name that is not one: "Ontario" is not "Public Health
    Ontario". Indexed by suffix and initials, so the work grows with the names, not with
    their pairs."""
    kinds = kinds or {}

    def fits(short: str, full: str) -> bool:
        return kinds.get(short) not in PLACES or kinds.get(full, "GPE") in PLACES

    by_len = sorted(names, key=lambda n: (-len(n.split()), -len(n)))
    rank = {name: k for k, name in enumerate(by_len)}
    by_suffix: dict[tuple[str, ...], list[str]] = {}  # longest first
    by_initials: dict[str, list[str]] = {}
    for full in by_len:
        lw = tuple(full.lower().split())
        for size in range(1, len(lw)):
            if lw[-size - 1] not in LINKING:  # "Party of Vucic" is no longer name of Vucic
                by_suffix.setdefault(lw[-size:], []).append(full)
        if len(lw) > 1:
            by_initials.setdefault(_initials(full), []).append(full)
    canon: dict[str, str] = {}
    for name in by_len:
        words = tuple(name.lower().split())
        options = [next((o for o in by_suffix.get(words, ()) if fits(name, o)), None)]
        if len(words) == 1 and name.isupper():  # "CECOT", "U.S."
            initials = name.replace(".", "") if DOTTED.fullmatch(name) else name
            options.append(next((o for o in by_initials.get(initials, ()) if fits(name, o)),
                                None))
        found = [o for o in options if o is not None and len(o.split()) > len(words)]
        longer = min(found, key=rank.__getitem__) if found else None
        canon[name] = canon.get(longer, longer) if longer else name
    return canon


