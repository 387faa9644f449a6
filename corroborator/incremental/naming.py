"""Entity names of reports added to a record, merged with the record's names.

The record keeps every entity name in the order first seen, with the reports,
labels and surface forms of each (``state.names``, ...). New names come after
them, as they would in a batch holding the new reports last; every name is then
mapped again to the name it stands for (``entities._canonical``, the batch's own
rule), and only the entities whose members or target changed are merged anew.
A new, longer name can absorb older ones ("Bukele" -> "Nayib Bukele"): the
earlier reports naming them are then ``changed_docs``, whose mentions and
quotes name another entity.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..group.entities import Names, _canonical, entity, entity_id
from ..models import Entity
from ..record.state import in_chunks
from .record import where_in


@dataclass
class Naming:
    canon: dict[str, str]  # every name -> the name it stands for
    entities: list[Entity] = field(default_factory=list)  # merged anew
    gone: set[str] = field(default_factory=set)  # ids of entities merged anew or gone
    changed_docs: set[str] = field(default_factory=set)  # earlier reports naming other entities


def add_names(con: sqlite3.Connection, found: Iterable[tuple[str, str, str]]) -> Naming:
    """Merge the (doc, surface, label) entity mentions of new reports into the record's names
    (and record them in the state)."""
    rows = con.execute("SELECT name, target FROM state.names ORDER BY position").fetchall()
    old = dict(rows)
    fresh = Names()
    fresh.add(found)
    added = [n for n in fresh.docs if n not in old]
    canon = _canonical([*old, *added])
    changed = {n for n, target in canon.items() if old.get(n) != target}
    _remember(con, fresh, added, len(old), canon, changed & old.keys())
    targets = {canon[n] for n in changed | fresh.docs.keys()} | {old[n] for n in changed & old.keys()}
    members: dict[str, list[str]] = {}
    for name, target in canon.items():
        if target in targets:
            members.setdefault(target, []).append(name)
    naming = Naming(canon, gone={entity_id(t) for t in targets})
    naming.entities = [entity(t, names, _names(con, names)) for t, names in members.items()]
    gone_names = sorted(changed & old.keys())
    for chunk in in_chunks(gone_names):
        sql = f"SELECT DISTINCT doc FROM state.name_docs WHERE {where_in('name', chunk)}"
        naming.changed_docs.update(d for (d,) in con.execute(sql, chunk))
    naming.changed_docs -= {d for held in fresh.docs.values() for d in held}
    return naming


def _remember(con: sqlite3.Connection, fresh: Names, added: list[str], start: int,
              canon: dict[str, str], moved: set[str]) -> None:
    con.executemany("INSERT INTO state.names (name, position, target) VALUES (?, ?, ?)",
                    [(n, start + k, canon[n]) for k, n in enumerate(added)])
    con.executemany("UPDATE state.names SET target = ? WHERE name = ?",
                    [(canon[n], n) for n in sorted(moved)])
    con.executemany("INSERT OR IGNORE INTO state.name_docs (name, doc) VALUES (?, ?)",
                    [(n, d) for n, held in fresh.docs.items() for d in sorted(held)])
    con.executemany("INSERT OR IGNORE INTO state.surfaces (surface, name) VALUES (?, ?)",
                    [(s, n) for n, forms in fresh.surfaces.items() for s in sorted(forms)])
    for name, counts in fresh.labels.items():
        for label, n in counts.items():
            updated = con.execute("UPDATE state.name_labels SET n = n + ? WHERE name = ? AND label = ?",
                                  (n, name, label)).rowcount
            if not updated:
                con.execute(
                    "INSERT INTO state.name_labels (name, label, n, position) SELECT ?, ?, ?, "
                    "coalesce(max(position) + 1, 0) FROM state.name_labels WHERE name = ?",
                    (name, label, n, name))


def _names(con: sqlite3.Connection, members: Sequence[str]) -> Names:
    """What merging reads of ``members``, from the state."""
    names = Names()
    for chunk in in_chunks(list(members)):
        cond = where_in("name", chunk)
        for name, doc in con.execute(f"SELECT name, doc FROM state.name_docs WHERE {cond}", chunk):
            names.docs.setdefault(name, set()).add(doc)
        for name, s in con.execute(f"SELECT name, surface FROM state.surfaces WHERE {cond}", chunk):
            names.surfaces.setdefault(name, set()).add(s)
        sql = f"SELECT name, label, n FROM state.name_labels WHERE {cond} ORDER BY name, position"
        for name, label, n in con.execute(sql, chunk):
            names.labels.setdefault(name, {})[label] = n
    for name in members:
        names.docs.setdefault(name, set())
        names.surfaces.setdefault(name, set())
    return names


def alias_map(con: sqlite3.Connection, aliases: Iterable[str], canon: dict[str, str]
              ) -> dict[str, str]:
    """Each of ``aliases`` that is an entity's name or surface form -> its entity's name."""
    wanted = sorted(set(aliases))
    out: dict[str, str] = {a: canon[a] for a in wanted if a in canon}
    for chunk in in_chunks(wanted):
        sql = f"SELECT surface, name FROM state.surfaces WHERE {where_in('surface', chunk)}"
        for surface, name in con.execute(sql, chunk):
            out.setdefault(surface, canon[name])
    return out


def entities_of(con: sqlite3.Connection, docs: Sequence[str], canon: dict[str, str]
                ) -> list[Entity]:
    """The entities the reports ``docs`` name (with only those reports, and no aliases):
    what event grouping reads of them (their ids, names, labels and reports)."""
    held: dict[str, set[str]] = {}
    for chunk in in_chunks(list(docs)):
        sql = f"SELECT name, doc FROM state.name_docs WHERE {where_in('doc', chunk)}"
        for name, doc in con.execute(sql, chunk):
            held.setdefault(canon[name], set()).add(doc)
    labels: dict[str, dict[str, int]] = {}
    targets = sorted(held)
    for chunk in in_chunks(targets):
        sql = (f"SELECT name, label, n FROM state.name_labels WHERE {where_in('name', chunk)} "
               "ORDER BY name, position")
        for name, label, n in con.execute(sql, chunk):
            labels.setdefault(name, {})[label] = n
    return [Entity(entity_id(t), t, max(labels[t], key=labels[t].__getitem__), (),
                   tuple(sorted(held[t]))) for t in targets if labels.get(t)]
