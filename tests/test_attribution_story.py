"""Who said it, read over whole made-up reports (issue 15): every figure of a report with
several sources, its claimer, kind and cue, as a careful reader gives them."""

from __future__ import annotations

import pytest

from corroborator.models import CleanDoc, Mention, Quote, RawDoc, Source
from corroborator.nlp import make_nlp
from corroborator.nlp.extract import extract

pytestmark = pytest.mark.issue(15)

FERRY = """Ferry capsizes off Marrow, at least 14 dead

MARROW, June 3 (Harbour Wire) - At least 14 people died when a ferry capsized off the port of \
Marrow on Saturday, the coast guard said, in the region's worst accident since 2011.

The vessel was carrying 212 passengers, according to its manifest, though survivors told \
reporters there were closer to 300 people on board.

"We pulled 40 people out of the water in the first hour," said Capt. Lena Ortiz, who led the \
rescue. "Many more were trapped below deck."

Ortiz said divers would resume the search on Sunday. She added that 9 people remained missing.

The operator, Blue Line Ferries, has not commented. In a statement posted on its website on \
Friday, it said the ferry had passed an inspection in March.

Regional governor Piet Sandoval declared three days of mourning. He told local radio that the \
province would pay 5,000 euros to each family.

The ferry, built in 1987, had been due for retirement.
"""

MARCH = """Tens of thousands march in Velmar over pension plan

Police put the crowd at 42,000; the unions said 150,000 took part.

The Interior Ministry said 17 officers were injured and 23 protesters were detained. A \
hospital spokeswoman, Mira Holt, said 11 people were treated for minor injuries.

According to the organisers, it was the largest march since 2019.

Prime Minister Tomas Berg has defended the plan, saying the system would otherwise run a \
deficit of 12 billion euros a year. "We cannot keep borrowing," he told parliament.

A poll published by the Velmar Herald last week found that 64% of voters oppose the plan.

Union leader Elena Vos said another strike was planned for 14 March. She warned that 3 million \
workers could join it.
"""


def _read(text: str) -> tuple[dict[str, Mention], list[Quote]]:
    raw = RawDoc("r1", "r1.txt", "txt", text, Source(published="2026-06-03"), "0" * 64)
    mentions, quotes = extract(make_nlp()(text), CleanDoc(raw, text))
    return {m.text: m for m in mentions if m.sent_start > 0}, quotes  # not the headline


@pytest.mark.parametrize(
    ("figure", "said_by", "kind", "cue"),
    [
        ("At least 14", "the coast guard", "named", "said"),
        ("2011", None, "own voice", None),
        ("212", "manifest", "nominal", "according to"),
        ("300", "survivors", "nominal", "told"),
        ("40", "Lena Ortiz", "named", "said"),
        ("9", "Lena Ortiz", "pronoun-resolved", "added"),
        ("in March", "Blue Line Ferries", "pronoun-resolved", "said"),
        ("Friday", None, "own voice", None),
        ("three days", "Piet Sandoval", "named", "declared"),  # what he declared
        ("5,000 euros", "Piet Sandoval", "pronoun-resolved", "told"),
        ("1987", None, "own voice", None),
    ],
)
def test_attribution_story_ferry(figure, said_by, kind, cue):
    mentions, _ = _read(FERRY)
    got = mentions[figure]
    assert (got.said_by, got.extra["said_by_kind"], got.extra.get("said_by_cue")) == (
        said_by, kind, cue)


@pytest.mark.parametrize(
    ("figure", "said_by"),
    [
        ("42,000", "Police"), ("150,000", "unions"), ("17", "The Interior Ministry"),
        ("23", "The Interior Ministry"), ("11", "Mira Holt"), ("2019", "organisers"),
        ("12 billion euros", "Tomas Berg"), ("64%", "Velmar Herald"), ("last week", None),
        ("14 March", "Elena Vos"), ("3 million", "Elena Vos"),
    ],
)
def test_attribution_story_march(figure, said_by):
    mentions, _ = _read(MARCH)
    assert mentions[figure].said_by == said_by


def test_attribution_story_quote_speakers():
    _, ferry = _read(FERRY)
    _, march = _read(MARCH)
    assert [q.speaker for q in ferry] == ["Lena Ortiz", "Lena Ortiz"]
    assert [q.speaker for q in march] == ["Tomas Berg"]


STRIKE = """Strike enters second week

Union secretary Piet Sandoval addressed the crowd outside the depot on Monday.

"We have 3,400 members out and not one of them will go back for less than 6 percent," he \
said. "The company made 90 million euros last year.

"They can afford it."

Company spokeswoman Ilse Marten disputed the figures. "Profits were 41 million, not 90," she \
said in an email. "And only 2,100 staff are on strike."

Marten said the company had offered 4 percent over two years.
"""


def test_attribution_story_quotes_that_run_on_keep_speaker_and_cue():
    mentions, quotes = _read(STRIKE)
    assert [(q.speaker, q.cue) for q in quotes] == [("Piet Sandoval", "said")] * 3 + [
        ("Ilse Marten", "said")] * 2
    assert mentions["90 million euros"].said_by == "Piet Sandoval"
    assert mentions["90 million euros"].extra["said_by_cue"] == "said"
    assert mentions["2,100"].said_by == "Ilse Marten"
    assert mentions["4 percent"].said_by == "Ilse Marten"  # the fullest name given
