"""Every ``Doc._`` extension corroborator uses, registered in one place.

What the text scanners and the extractors leave on a parsed report for each other
is declared here, the spaCy way, rather than kept under private ``doc.user_data``
keys. Each is None until it is set; ``register()`` is idempotent and runs when the
``corroborator.nlp`` package is imported (so in every process that parses: forked
workers, Dask workers and tests building Docs by hand) and again in ``make_nlp``.

========================  =========================================  ==================  ====================
extension                 what                                       set by              read by
========================  =========================================  ==================  ====================
``corroborator_scans``    the text scans of selective parsing:       ``selective.        ``extract.extract``
                          (published date, quantities, dates,        select``            (which clears it)
                          quote spans)
``corroborator_dates``    the report's dates, weekdays read forward  ``extract.extract`` ``extract._time_of``
                          where the sentence looks ahead
``corroborator_sents``    (sentences, sentence of each token): the   ``syntax.sent_of``  ``syntax.sent_of``
                          index behind ``syntax.sent_of``
``corroborator_text``     ``doc.text``, joined once                  ``syntax.text_of``  ``syntax.text_of``
``corroborator_ents``     ``doc.ents``, built once                   ``syntax.ents_of``  ``syntax.ents_of``
``corroborator_strings``  one string object per distinct sentence    ``extract._shared`` ``extract._shared``
                          text (the mentions of a sentence share it)
========================  =========================================  ==================  ====================

The caches (sents, text, ents, dates, strings) hold Spans and Python objects made
for one extraction; ``extract.extract`` clears them when it is done, so nothing
of them travels with the Doc. The parser's context vectors of the mentions are not
left on the Doc: ``extract.extract_with_vectors`` returns them beside the mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc

SCANS = "corroborator_scans"
DATES = "corroborator_dates"
SENTS = "corroborator_sents"
TEXT = "corroborator_text"
ENTS = "corroborator_ents"
STRINGS = "corroborator_strings"

DOC_EXTENSIONS = (SCANS, DATES, SENTS, TEXT, ENTS, STRINGS)
CACHES = (DATES, SENTS, TEXT, ENTS, STRINGS)  # cleared after extraction


def register() -> None:
    """Declare every extension on ``Doc`` (None until set). Safe to call again."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def clear(doc: Doc, names: tuple[str, ...] = CACHES) -> None:
    """Set ``names`` on ``doc`` back to None, dropping what they held."""
    for name in names:
        setattr(doc._, name, None)
