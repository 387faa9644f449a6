"""Reading a made-up text as the pipeline reads a report: its mentions and quotes."""

from __future__ import annotations

from corroborator.models import CleanDoc, Mention, Quote, RawDoc, Source
from corroborator.nlp import make_nlp
from corroborator.nlp.extract import extract


def read(text: str, published: str | None = "2026-03-10",
         outlet: str | None = None) -> tuple[list[Mention], list[Quote]]:
    """The mentions and quotes ``extract`` finds in ``text``, read as report "r1"."""
    raw = RawDoc("r1", "r1.txt", "txt", text, Source(published=published, outlet=outlet),
                 "0" * 64)
    return extract(make_nlp()(text), CleanDoc(raw, text))


def said_by_of(text: str, figure: str) -> str | None:
    """Who the first mention holding ``figure`` is said by."""
    mentions = read(text)[0]
    hits = [m for m in mentions if figure in m.text]
    assert hits, f"no mention {figure!r} in {[m.text for m in mentions]}"
    return hits[0].said_by


def speaker_of(text: str, fragment: str) -> str | None:
    """The speaker of the first quote holding ``fragment``."""
    hits = [q for q in read(text)[1] if fragment in q.text]
    assert hits, f"no quote with {fragment!r}"
    return hits[0].speaker
