"""Event grouping on hand-written reports: stories, events, cannot-links, increments, labels."""

import pytest

from corroborator.events import (
    BLOCK_MIN_DOCS,
    STORY_MIN_DOCS,
    Clashes,
    average_linkage,
    candidate_pairs,
    group_events,
    profiles,
    stories,
)
from corroborator.models import CleanDoc, Entity, Event, Mention, RawDoc, Source

QUAKE = [
    (
        "Aceh earthquake kills 24\n\nA magnitude 6.1 earthquake struck Aceh province in Indonesia "
        "on Tuesday, killing 24 people and injuring more than 200, the disaster agency said. "
        "Rescuers in Bener Meriah searched collapsed houses for survivors."
    ),
    (
        "Quake in Indonesia's Aceh leaves 24 dead\n\nAt least 24 people died when a 6.1 magnitude "
        "quake hit Aceh on Tuesday, Indonesia's disaster agency said. Houses collapsed in Bener "
        "Meriah and Central Aceh, and rescuers were searching for survivors."
    ),
    (
        "Rescuers dig for Aceh quake survivors\n\nRescuers in Bener Meriah dug through collapsed "
        "houses on Wednesday after the 6.1 magnitude earthquake that struck Aceh province in "
        "Indonesia, killing 24 people, the disaster agency said."
    ),
]
MATCH = [
    (
        "Harbour City beat Northfield 3-1\n\nHarbour City beat Northfield 3-1 at Riverside Park on "
        "Saturday, with Tomas Keller scoring twice in the second half of the league match."
    ),
    (
        "Keller double lifts Harbour City\n\nTomas Keller scored twice as Harbour City came from "
        "behind to beat Northfield 3-1 at Riverside Park in the league on Saturday."
    ),
]


def report(rid: str, text: str, *, published: str | None = None) -> CleanDoc:
    title = text.split("\n", 1)[0]
    raw = RawDoc(rid, f"{rid}.txt", "txt", text, Source(title=title, published=published), rid)
    return CleanDoc(raw, text)


def starts(docs: list[CleanDoc]) -> dict[str, list[int]]:
    """Sentence starts: the headline, then each sentence of the body."""
    out = {}
    for d in docs:
        marks = [0] + [k + 2 for k, c in enumerate(d.text) if d.text[k : k + 2] in (". ", "\n\n")]
        out[d.id] = sorted(set(marks))
    return out


def count(
    doc: str,
    value: float,
    text: str,
    *,
    start: int = 0,
    head: str = "member",
    frame: tuple[str, ...] = ("fly",),
) -> Mention:
    sentence = f"{text} gang members were flown to the prison."
    return Mention(
        id=f"{doc}-{start}",
        doc=doc,
        kind="count",
        value=value,
        unit=None,
        text=text,
        start=start,
        end=start + len(text),
        sentence=sentence,
        sent_start=start,
        sent_end=start + len(sentence),
        low=value,
        high=value,
        head=head,
        frame=frame,
        context=sentence.replace(text, "#"),
    )


def groups(events: list[Event]) -> list[list[str]]:
    return sorted(sorted(e.documents) for e in events)


def test_events_average_linkage_merges_best_mean_first() -> None:
    scores = {(0, 1): 0.9, (1, 2): 0.6, (0, 2): 0.1}
    # {0,1} first; then {0,1}+2 has mean (0.6 + 0.1) / 2 = 0.35
    assert average_linkage(3, scores, 0.4) == [[2], [0, 1]]
    assert average_linkage(3, scores, 0.3) == [[0, 1, 2]]


def test_events_average_linkage_counts_unscored_pairs_as_zero() -> None:
    assert average_linkage(3, {(0, 1): 0.9, (1, 2): 0.9}, 0.5) == [[2], [0, 1]]


def test_events_average_linkage_never_merges_two_fixed_seeds() -> None:
    scores = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.8}
    assert average_linkage(3, scores, 0.5, seeds=[[0], [1]], fixed=2) == [[1], [0, 2]]


def test_events_average_linkage_obeys_a_veto() -> None:
    scores = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.8}
    veto = lambda a, b: {0, 2} <= set(a) | set(b)
    assert average_linkage(3, scores, 0.5, forbidden=veto) == [[2], [0, 1]]


def test_events_candidate_pairs_block_a_large_batch() -> None:
    vectors = [{f"topic{k % 10}": 0.8, f"word{k}": 0.6} for k in range(BLOCK_MIN_DOCS + 10)]
    pairs = candidate_pairs(vectors)
    assert all(i % 10 == j % 10 for i, j in pairs)  # only reports sharing a word are scored
    assert len(pairs) < len(vectors) ** 2 / 10


def test_events_small_batch_is_one_story() -> None:
    docs = [report(f"r{k}", t) for k, t in enumerate(QUAKE + MATCH)]
    assert len(docs) < STORY_MIN_DOCS
    assert stories(profiles(docs, {}, starts(docs))) == [[0, 1, 2, 3, 4]]


def test_events_reports_of_different_stories_are_different_events() -> None:
    docs = [report(f"q{k}", t) for k, t in enumerate(QUAKE)]
    docs += [report(f"m{k}", t) for k, t in enumerate(MATCH)]
    events = group_events(docs, [], starts(docs), threshold=0.5)
    assert groups(events) == [["m0", "m1"], ["q0", "q1", "q2"]]
    assert [e.id for e in events] == ["e1", "e2"]  # largest first


def test_events_far_apart_headline_counts_never_share_an_event() -> None:
    docs = [report("a", QUAKE[0]), report("b", QUAKE[1])]
    mentions = [count("a", 250.0, "Over 250"), count("b", 17.0, "Seventeen")]
    assert Clashes(docs, {"a": mentions[:1], "b": mentions[1:]}, starts(docs)).pair(0, 1)
    events = group_events(docs, mentions, starts(docs), threshold=0.5)
    assert groups(events) == [["a"], ["b"]]


@pytest.mark.parametrize(("other", "frame"), [(238.0, ("fly",)), (17.0, ("arrest",))])
def test_events_close_or_unrelated_headline_counts_do_not_clash(other: float, frame: tuple) -> None:
    docs = [report("a", QUAKE[0]), report("b", QUAKE[1])]
    a = count("a", 250.0, "Over 250")
    b = count("b", other, "some", head="member" if other > 100 else "suspect", frame=frame)
    assert not Clashes(docs, {"a": [a], "b": [b]}, starts(docs)).pair(0, 1)


def test_events_new_report_joins_a_known_event() -> None:
    docs = [report(f"q{k}", t) for k, t in enumerate(QUAKE)] + [report("m0", MATCH[0])]
    known = [Event("e7", "Aceh earthquake", ("q0", "q1")), Event("e3", "Cup match", ("m0",))]
    events = group_events(docs, [], starts(docs), threshold=0.5, known=known)
    assert {e.id: sorted(e.documents) for e in events} == {"e7": ["q0", "q1", "q2"], "e3": ["m0"]}


def test_events_known_events_are_never_merged() -> None:
    docs = [report(f"q{k}", t) for k, t in enumerate(QUAKE)]
    known = [Event("e1", "one", ("q0",)), Event("e2", "two", ("q1",))]
    events = group_events(docs, [], starts(docs), threshold=0.5, known=known)
    assert sorted(len(e.documents) for e in events) == [1, 2]
    assert {"e1", "e2"} <= {e.id for e in events}


def test_events_new_event_takes_a_free_id() -> None:
    docs = [report("q0", QUAKE[0]), report("m0", MATCH[0])]
    events = group_events(
        docs, [], starts(docs), threshold=0.5, known=[Event("e1", "Aceh earthquake", ("q0",))]
    )
    assert {e.id: e.documents for e in events} == {"e1": ("q0",), "e2": ("m0",)}


def test_events_grouping_is_deterministic() -> None:
    docs = [report(f"q{k}", t) for k, t in enumerate(QUAKE)]
    docs += [report(f"m{k}", t) for k, t in enumerate(MATCH)]
    first = group_events(docs, [], starts(docs), threshold=0.5)
    assert group_events(docs, [], starts(docs), threshold=0.5) == first


def test_events_label_says_what_where_when() -> None:
    docs = [report(f"q{k}", t, published=f"2013-07-0{k + 2}") for k, t in enumerate(QUAKE)]
    aceh = Entity("n1", "Bener Meriah", "GPE", ("Bener Meriah",), ("q0", "q1", "q2"))
    (event,) = group_events(docs, [], starts(docs), threshold=0.5, entities=[aceh])
    assert event.when == "2013-07-02"
    assert event.label.endswith("(Bener Meriah, 2013-07-02)")
    assert any(word in event.label for word in ("Aceh", "quake"))
