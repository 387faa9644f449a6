"""Which toll a count of people is: the dead, the injured, the missing, ...

Tolls of one event are never one slot however alike their words are ("killed" and
"injured" are neighbours to an embedding); the fact linking (``reconcile.facts``) keeps
them apart, and the event grouping (``group.event_parts``) reads them to tell whether two
headline counts count the same people.
"""

from __future__ import annotations

import re

from ..models import Mention

# what befell the people a figure counts, by the words that say it
TOLLS = {
    **dict.fromkeys("kill killed die died dead death fatality perish slay murder "  # noqa: SIM905
                    "lives".split(), "dead"),  # "claimed 12 lives"
    **dict.fromkeys("injure injured injury wound wounded hurt serious seriously critical "  # noqa: SIM905
                    "critically".split(), "injured"),
    **dict.fromkeys("miss missing unaccounted".split(), "missing"),  # noqa: SIM905
    **dict.fromkeys("displace displaced homeless evacuate evacuee".split(), "displaced"),  # noqa: SIM905
    **dict.fromkeys("rescue rescued pull save saved".split(), "rescued"),  # noqa: SIM905
    **dict.fromkeys("arrest arrested detain detained detention".split(), "arrested"),  # noqa: SIM905
    **dict.fromkeys("hospitalize hospitalise hospitalized hospitalised treat".split(),  # noqa: SIM905
                    "treated"),
}

# words read after a figure for its toll, to the end of its clause ("six remain missing",
# "two cabin crew members were among the injured", "two of them in a serious condition")
TOLL_AFTER = 8
# a toll named as the subject of its figure's clause: "the (death) toll ... rose to"
TOLL_NAMED = re.compile(r"\b(?:the|its|a)\s+(?:death\s+)?toll\b")
CLAUSE_END = re.compile(r"[,;:.!?()\u2013\u2014]|\b(?:and|but|while|whereas|after|before|when|as)\b")


def toll(m: Mention) -> str | None:
    """Which toll a count of people is ("dead", "injured", "missing", "displaced",
    "rescued", "arrested", "treated"), read from the nearest two words of its frame, the
    words of what it counts ("displaced people", "deaths"), then the words after it to the
    end of its clause ("two of them in a serious condition"), last the words before it
    from the start of its clause ("the death toll rose to three"); None for any other
    figure."""
    if m.kind != "count":
        return None
    clause = CLAUSE_END.split(m.sentence[m.end - m.sent_start :].lower(), maxsplit=1)[0]
    opening = CLAUSE_END.split(m.sentence[: max(0, m.start - m.sent_start)].lower())[-1]
    words = [*m.frame[:2], *re.findall(r"[a-z]+", (m.counted or "").lower()), m.head or "",
             *re.findall(r"[a-z]+", clause)[:TOLL_AFTER],
             *reversed(re.findall(r"[a-z]+", opening)[-TOLL_AFTER:])]
    named = "dead" if TOLL_NAMED.search(opening) else None  # "the death toll from the crash
    # at Corvasse rose to four": a toll named before a long phrase ("the toll" alone is
    # the dead's)
    return next((TOLLS[w] for w in words if w in TOLLS), named)
