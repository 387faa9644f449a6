"""A small, realistic ``Record`` built by hand, for tests of the output stages.

``make_record()`` is the shared fixture: three short fictional reports written
for this project (two about a chemical plant fire, one about a council vote
that followed), with:

* mentions at offsets computed from the text, so they are right by construction;
* one conflict fact (23 vs 21 injured), one agreed fact ($6 million of damage,
  once hedged and inside a quote), one single fact (340 employees);
* mentions that belong to no fact (dates, a duration inside a quote);
* three quotes, two events, six entities;
* one removed clutter span (a subscription prompt) with its segments;
* one skipped input.

``make_report``, ``make_mention`` and ``make_quote`` build further documents
the same way, for tests that need text of their own (hostile HTML, say).

Two variants test how the pages show events: ``make_one_event_record()`` is
the same record as one event, and ``make_events_record()`` lists its events
vote first and adds a fact of no event.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corroborator.models import (
    CleanDoc,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    RawDoc,
    Record,
    Removed,
    Sentence,
    Skipped,
    Source,
)

__all__ = [
    "make_events_record",
    "make_mention",
    "make_one_event_record",
    "make_quote",
    "make_record",
    "make_report",
]

PARAGRAPH_BREAK = "\n\n"


def make_report(
    doc_id: str,
    paragraphs: Sequence[Sequence[str]],
    *,
    source: Source,
    clutter: tuple[int, str, str] | None = None,
    fmt: str = "txt",
) -> tuple[CleanDoc, tuple[Sentence, ...]]:
    """A cleaned report and its sentences from paragraphs of sentences.

    Sentences are joined by a space and paragraphs by a blank line. ``clutter``
    is ``(paragraph index, text, reason)``: ``text`` stands before that
    paragraph in the raw text and is removed from the cleaned text.
    """
    clean, raw = "", ""
    removed: list[Removed] = []
    segments: list[tuple[int, int, int]] = []
    sentences: list[Sentence] = []
    for p, paragraph in enumerate(paragraphs):
        if p:
            clean, raw = clean + PARAGRAPH_BREAK, raw + PARAGRAPH_BREAK
        if clutter is not None and clutter[0] == p:
            removed.append(Removed(len(raw), len(raw) + len(clutter[1]), clutter[1], clutter[2]))
            segments.append((len(clean), len(raw) + len(clutter[1]), 0))
            raw += clutter[1]
        for s, sentence in enumerate(paragraph):
            if s:
                clean, raw = clean + " ", raw + " "
            sentences.append(
                Sentence(doc_id, len(sentences), len(clean), len(clean) + len(sentence))
            )
            clean, raw = clean + sentence, raw + sentence
    raw_doc = RawDoc(
        id=doc_id,
        path=f"reports/{doc_id}.{fmt}",
        format=fmt,
        text=raw,
        source=source,
        sha256=hashlib.sha256(raw.encode()).hexdigest(),
    )
    doc = CleanDoc(raw_doc, clean, tuple(removed), _segments(segments, len(clean), len(raw)))
    return doc, tuple(sentences)


def _segments(
    cuts: list[tuple[int, int, int]], clean_len: int, raw_len: int
) -> tuple[tuple[int, int, int], ...]:
    """Runs kept verbatim: from the start, then after each cut, each to the next cut or the end."""
    starts = [(0, 0)] + [(c, r) for c, r, _ in cuts]
    ends = [c for c, _, _ in cuts] + [clean_len]
    runs = tuple((c, r, end - c) for (c, r), end in zip(starts, ends, strict=True))
    assert runs[-1][1] + runs[-1][2] == raw_len
    return runs


def make_mention(
    doc: CleanDoc,
    sentences: Sequence[Sentence],
    mention_id: str,
    surface: str,
    *,
    sentence: int,
    kind: str,
    value: float | str | None,
    unit: str | None = None,
    **fields: Any,
) -> Mention:
    """A mention of ``surface`` in sentence ``sentence`` of ``doc``, offsets found in the text."""
    s = sentences[sentence]
    sentence_text = doc.text[s.start : s.end]
    start = s.start + sentence_text.index(surface)
    return Mention(
        id=mention_id,
        doc=doc.id,
        kind=kind,
        value=value,
        unit=unit,
        text=surface,
        start=start,
        end=start + len(surface),
        sentence=sentence_text,
        sent_start=s.start,
        sent_end=s.end,
        **fields,
    )


def make_quote(
    doc: CleanDoc, quote_id: str, quoted: str, speaker: str | None, cue: str | None = "said"
) -> Quote:
    """A quote of ``quoted`` (the text between the quote marks) in ``doc``."""
    start = doc.text.index(quoted)
    return Quote(quote_id, doc.id, quoted, start, start + len(quoted), speaker, cue)


FIRE = "Halvern Chemicals plant fire"
EVENT_FIRE = "ev-fire"
EVENT_VOTE = "ev-vote"


def _ledger_fire() -> tuple[CleanDoc, tuple[Sentence, ...], tuple[Mention, ...], Quote]:
    doc, sents = make_report(
        "ledger-fire",
        [
            [
                "A fire tore through the Halvern Chemicals plant in Marlow on March 14, 2025.",
                "Fire Chief Dana Ortiz said 23 workers were injured.",
            ],
            [
                '"We got everyone out within 20 minutes," Ortiz said.',
                "The company put the damage at $6 million.",
            ],
        ],
        source=Source(
            url="https://marlow-ledger.example/news/halvern-fire",
            outlet="Marlow Ledger",
            title="Fire at Halvern Chemicals injures 23",
            published="2025-03-14",
            author="Sam Patel",
            language="en",
        ),
        clutter=(
            1,
            "Subscribe to the Marlow Ledger for $1 a week." + PARAGRAPH_BREAK,
            "boilerplate",
        ),
    )
    d = "ledger-fire"
    mentions = (
        make_mention(doc, sents, f"{d}-m1", "March 14, 2025", sentence=0, kind="date",
                     value="2025-03-14", frame=("tear",), subject=FIRE,
                     entities=("Halvern Chemicals", "Marlow")),
        make_mention(doc, sents, f"{d}-m2", "23", sentence=1, kind="count", value=23.0,
                     counted="workers", head="worker", frame=("injure",),
                     context="[N] workers were injured", said_by="Dana Ortiz",
                     attribution_cue="said", subject=FIRE, entities=("Dana Ortiz",)),
        make_mention(doc, sents, f"{d}-m3", "20 minutes", sentence=2, kind="duration",
                     value=20.0, unit="minute", frame=("get",), said_by="Dana Ortiz",
                     attribution_cue="said", subject=FIRE, entities=("Dana Ortiz",),
                     in_quote=True),
        make_mention(doc, sents, f"{d}-m4", "$6 million", sentence=3, kind="amount",
                     value=6_000_000.0, unit="USD", counted="damage", head="damage",
                     frame=("put", "damage"), context="the damage at [N]",
                     said_by="Halvern Chemicals", attribution_cue="put", subject=FIRE,
                     extra={"parser": "money"}),
    )  # fmt: skip
    quote = make_quote(doc, f"{d}-q1", "We got everyone out within 20 minutes,", "Dana Ortiz")
    return doc, sents, mentions, quote


def _courier_fire() -> tuple[CleanDoc, tuple[Sentence, ...], tuple[Mention, ...], Quote]:
    doc, sents = make_report(
        "courier-fire",
        [
            [
                (
                    "Marlow General Hospital said 21 people were injured in the March 14 blaze "
                    "at the Halvern Chemicals plant."
                )
            ],
            ['"The damage could reach about $6 million," said plant spokesperson Lena Voss.'],
        ],
        source=Source(
            url="https://valley-courier.example/2025/03/15/marlow-blaze",
            outlet="Valley Courier",
            title="Marlow blaze: 21 hurt, hospital says",
            published="2025-03-15",
            language="en",
        ),
        fmt="html",
    )
    d = "courier-fire"
    mentions = (
        make_mention(doc, sents, f"{d}-m1", "21", sentence=0, kind="count", value=21.0,
                     counted="people", head="person", frame=("injure",),
                     context="[N] people were injured in the blaze",
                     said_by="Marlow General Hospital", attribution_cue="said", subject=FIRE,
                     entities=("Marlow General Hospital", "Halvern Chemicals")),
        make_mention(doc, sents, f"{d}-m2", "March 14", sentence=0, kind="date",
                     value="2025-03-14", time=None, subject=FIRE),
        make_mention(doc, sents, f"{d}-m3", "about $6 million", sentence=1, kind="amount",
                     value=6_000_000.0, unit="USD", bound="approx", low=5_400_000.0,
                     high=6_600_000.0, counted="damage", head="damage", frame=("reach",),
                     context="the damage could reach [N]", said_by="Lena Voss",
                     attribution_cue="said", hedged=True, hedge_cue="could", subject=FIRE,
                     entities=("Lena Voss",), in_quote=True),
    )  # fmt: skip
    quote = make_quote(doc, f"{d}-q1", "The damage could reach about $6 million,", "Lena Voss")
    return doc, sents, mentions, quote


def _ledger_council() -> tuple[CleanDoc, tuple[Sentence, ...], tuple[Mention, ...], Quote]:
    doc, sents = make_report(
        "ledger-council",
        [
            [
                (
                    "Marlow's town council voted on Tuesday to keep the Halvern Chemicals plant "
                    "closed until an inspection is complete."
                ),
                "The plant employs 340 people, according to the company.",
            ],
            ['"Safety comes before the schedule," Mayor Ruth Adeyemi said.'],
        ],
        source=Source(
            url="https://marlow-ledger.example/news/council-halvern",
            outlet="Marlow Ledger",
            title="Council keeps Halvern plant shut",
            published="2025-03-18",
            author="Sam Patel",
            language="en",
        ),
    )
    d = "ledger-council"
    mentions = (
        make_mention(doc, sents, f"{d}-m1", "340", sentence=1, kind="count", value=340.0,
                     counted="people", head="person", frame=("employ",),
                     context="the plant employs [N] people", said_by="Halvern Chemicals",
                     attribution_cue="according to", subject="Halvern Chemicals",
                     entities=("Halvern Chemicals",)),
    )  # fmt: skip
    quote = make_quote(doc, f"{d}-q1", "Safety comes before the schedule,", "Ruth Adeyemi")
    return doc, sents, mentions, quote


def _facts(
    a: tuple[Mention, ...], b: tuple[Mention, ...], c: tuple[Mention, ...]
) -> tuple[Fact, ...]:
    return (
        Fact("f-injured", EVENT_FIRE, "people injured", FIRE, "count", "conflict",
             (a[1], b[0]), value=23.0, reason="23 vs 21"),
        Fact("f-damage", EVENT_FIRE, "damage", FIRE, "amount", "agreed", (a[3], b[2]),
             value=6_000_000.0, unit="USD",
             reason="$6 million is compatible with about $6 million"),
        Fact("f-employees", EVENT_VOTE, "plant employees", "Halvern Chemicals", "count",
             "single", (c[0],), value=340.0, reason="one report"),
    )  # fmt: skip


def _entities() -> tuple[Entity, ...]:
    every = ("ledger-fire", "courier-fire", "ledger-council")
    return (
        Entity("e-halvern", "Halvern Chemicals", "ORG", ("Halvern Chemicals",), every),
        Entity("e-marlow", "Marlow", "GPE", ("Marlow", "Marlow's"), every),
        Entity("e-ortiz", "Dana Ortiz", "PERSON", ("Dana Ortiz", "Ortiz"), ("ledger-fire",)),
        Entity("e-voss", "Lena Voss", "PERSON", ("Lena Voss",), ("courier-fire",)),
        Entity("e-hospital", "Marlow General Hospital", "ORG", ("Marlow General Hospital",),
               ("courier-fire",)),
        Entity("e-adeyemi", "Ruth Adeyemi", "PERSON", ("Ruth Adeyemi",), ("ledger-council",)),
    )  # fmt: skip  (in a record's order: most reports first, then by name)


def make_record() -> Record:
    """The shared fixture record (see the module docstring for what it holds)."""
    doc_a, sents_a, ments_a, quote_a = _ledger_fire()
    doc_b, sents_b, ments_b, quote_b = _courier_fire()
    doc_c, sents_c, ments_c, quote_c = _ledger_council()
    events = (
        Event(
            EVENT_FIRE, "Fire at the Halvern Chemicals plant", (doc_a.id, doc_b.id), "2025-03-14"
        ),
        Event(
            EVENT_VOTE, "Marlow council keeps the Halvern plant closed", (doc_c.id,), "2025-03-18"
        ),
    )
    return Record(
        documents=(doc_a, doc_b, doc_c),
        sentences=sents_a + sents_b + sents_c,
        mentions=ments_a + ments_b + ments_c,
        quotes=(quote_a, quote_b, quote_c),
        entities=_entities(),
        events=events,
        facts=_facts(ments_a, ments_b, ments_c),
        skipped=(Skipped("reports/scan.pdf", "unsupported format .pdf; convert it to text first"),),
        story="Halvern Chemicals plant fire, Marlow",
    )


def make_one_event_record() -> Record:
    """The shared record as one event: the council vote's report and fact joined to the fire."""
    base = make_record()
    fire = base.events[0]
    event = dataclasses.replace(fire, documents=tuple(d.id for d in base.documents))
    facts = tuple(dataclasses.replace(f, event=fire.id) for f in base.facts)
    return dataclasses.replace(base, events=(event,), facts=facts)


def make_events_record() -> Record:
    """The shared record with its events listed vote first, and a fact of no event.

    Shown event by event, the fire (which has the conflict) still comes first,
    then the vote, then the evacuation time, a fact of no event.
    """
    base = make_record()
    [duration] = [m for m in base.mentions if m.id == "ledger-fire-m3"]
    loose = Fact("f-evacuation", None, "evacuation time", FIRE, "duration", "single",
                 (duration,), value=20.0, unit="minute", reason="one report")  # fmt: skip
    return dataclasses.replace(base, events=base.events[::-1], facts=base.facts + (loose,))


def build_fixture(name: str, out: Path) -> Path:
    """``corroborator build`` of the fixture corpus ``tests/fixtures/NAME`` into ``out``."""
    from click.testing import CliRunner

    from corroborator.cli import cli

    corpus = Path(__file__).resolve().parent / "fixtures" / name
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out
