"""Issue 17: the stages take their kept state as an argument, so a build is the stage
with an empty state and `add` the same stage with the record's.

- names merged in two steps (a build, then reports added) give every name the
  entity a merge of all of them gives, and the entities merged anew are those;
- the kept names are the ones a build of all the reports would keep.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborator.group.entities import Names, merge, resolve

SURFACES = ["Ana Ruiz", "Ruiz", "President Ruiz", "Progressive Party", "PP", "Party of Ruiz",
            "Kelda", "Port Ansel", "Ansel", "Anna Varga", "Varga", "Dr Varga"]
LABELS = ["PERSON", "ORG", "GPE"]
FOUND = st.lists(st.tuples(st.sampled_from([f"r{k}" for k in range(6)]),
                           st.sampled_from(SURFACES), st.sampled_from(LABELS)), max_size=25)


def _names(found: list[tuple[str, str, str]]) -> Names:
    names = Names()
    names.add(found)
    return names


@settings(max_examples=200, deadline=None)
@given(FOUND, FOUND)
def test_add_stages_names_merged_in_two_steps_are_merged_as_all_at_once(
        first: list[tuple[str, str, str]], later: list[tuple[str, str, str]]) -> None:
    whole = merge(_names([*first, *later]), Names())
    kept = Names()
    built = merge(_names(first), kept)
    added = merge(_names(later), kept)
    assert added.canon == whole.canon
    kept_entities = {e.id: e for e in built.entities if e.id not in added.gone}
    together = sorted([*kept_entities.values(), *added.entities],
                      key=lambda e: (-len(e.docs), e.name))
    assert together == whole.entities
    everything = _names([*first, *later])  # what a build of all the reports keeps
    assert kept.targets() == whole.canon
    assert (kept.docs, kept.labels, kept.surfaces) == (
        everything.docs, everything.labels, everything.surfaces)
    assert list(kept.labels) == list(everything.labels)  # names in the order first seen


@settings(max_examples=100, deadline=None)
@given(FOUND)
def test_add_stages_aliases_resolve_to_the_entities_a_build_names(
        found: list[tuple[str, str, str]]) -> None:
    kept = Names()
    merged = merge(_names(found), kept)
    built = {a: e.name for e in merged.entities for a in e.aliases}
    assert resolve(SURFACES, kept, merged.canon) == {a: built[a] for a in SURFACES if a in built}
