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
from collections import defaultdict
from collections.abc import Iterable

from .models import Entity

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


def merge_entities(found: Iterable[tuple[str, str, str]]) -> tuple[list[Entity], dict[str, str]]:
    """(doc, surface, label) triples -> entities and a map from every alias to its canonical name."""
    docs: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    surfaces: dict[str, set[str]] = defaultdict(set)
    for doc, surface, label in found:
        if label not in KEEP:
            continue
        name = _clean(surface)
        if not name or not any(c.isalpha() for c in name):
            continue
        docs[name].add(doc)
        labels[name][label] += 1
        surfaces[name].add(surface.strip())
    canon = _canonical(list(docs))
    merged: dict[str, Entity] = {}
    for name, target in canon.items():
        prev = merged.get(target)
        aliases = set(prev.aliases if prev else ()) | surfaces[name] | {name}
        all_docs = set(prev.docs if prev else ()) | docs[name]
        label = max(labels[target] or labels[name], key=lambda k: (labels[target] or labels[name])[k])
        eid = "n" + hashlib.sha1(target.encode()).hexdigest()[:10]
        merged[target] = Entity(eid, target, label, tuple(sorted(aliases)), tuple(sorted(all_docs)))
    alias_map = {a: e.name for e in merged.values() for a in e.aliases}
    return sorted(merged.values(), key=lambda e: (-len(e.docs), e.name)), alias_map


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
    for longer in by_len:
        lw = tuple(longer.lower().split())
        for size in range(1, len(lw)):
            by_suffix.setdefault(lw[-size:], longer)
        if len(lw) > 1:
            by_initials.setdefault(_initials(longer), longer)
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
