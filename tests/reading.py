"""Reading a made-up text as the pipeline reads a report: its mentions and quotes."""

from __future__ import annotations

from corroborator.models import CleanDoc, Mention, Quote, RawDoc, Source
from corroborator.nlp import make_nlp
from corroborator.nlp.extract import extract


def read(text: str, published: str | None = "2026-03-10") -> tuple[list[Mention], list[Quote]]:
    """The mentions and quotes ``extract`` finds in ``text``, read as report "r1"."""
    raw = RawDoc("r1", "r1.txt", "txt", text, Source(published=published), "0" * 64)
    return extract(make_nlp()(text), CleanDoc(raw, text))
