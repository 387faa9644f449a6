"""What the NLP stage leaves on a Doc is declared (``nlp.extensions``), and the parser's
context vectors travel beside the mentions to ``reconcile``, not inside them (issue 17)."""

import os
import subprocess
import sys

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from corroborator.models import CleanDoc, Mention, RawDoc, Source
from corroborator.nlp import extensions, make_nlp, selective
from corroborator.nlp.extract import extract, extract_with_vectors
from corroborator.reconcile.facts import TENSOR_DIM, Scorer, block_key, reconcile

pytestmark = pytest.mark.issue(17)

TEXT = ("The ferry Aurora sank off Marrow on 3 March 2024.\n\n"
        "Coastguard officials said 212 passengers were on board and 17 were missing.\n\n"
        "\u201cWe saw it go down,\u201d a fisherman said.")
PUBLISHED = "2024-03-04"


def _clean(text: str = TEXT) -> CleanDoc:
    raw = RawDoc("r1", "r1.txt", "txt", text, Source(published=PUBLISHED), "0" * 64)
    return CleanDoc(raw, text)


def test_extensions_register_is_idempotent_and_declares_each_name() -> None:
    extensions.register()
    extensions.register()  # again: no error, nothing replaced
    doc = spacy.blank("en")("Nothing is set yet.")
    for name in extensions.DOC_EXTENSIONS:
        assert Doc.has_extension(name)
        assert getattr(doc._, name) is None


def test_extensions_each_is_documented_in_the_module() -> None:
    assert extensions.__doc__ is not None
    for name in extensions.DOC_EXTENSIONS:
        assert f"``{name}``" in extensions.__doc__


def test_extensions_registered_in_a_new_process_that_imports_the_nlp_package() -> None:
    # a spawned worker or a Dask worker never calls make_nlp before reading a Doc
    code = ("import spacy\n"
            "from corroborator.nlp import syntax\n"
            "doc = spacy.blank('en')('Seventeen were missing.')\n"
            "print(syntax.text_of(doc), doc._.corroborator_text == doc.text)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "Seventeen were missing. True"


def test_extensions_selective_scans_are_read_and_cleared_by_extract() -> None:
    nlp = make_nlp()
    (doc,) = selective.parse(nlp, [(TEXT, PUBLISHED)])
    scans = doc._.corroborator_scans
    assert scans is not None and scans[0] == PUBLISHED
    assert {"212", "17"} <= {q.text for q in scans[1]}
    assert [d.text for d in scans[2]] == ["3 March 2024"]
    mentions, _ = extract(doc, _clean())
    assert {m.text for m in mentions} >= {"212", "17", "3 March 2024"}
    for name in extensions.DOC_EXTENSIONS:
        assert getattr(doc._, name) is None, name  # nothing made for extraction stays
    assert not [k for k in doc.user_data if isinstance(k, str)]  # no private keys


def test_extract_context_vectors_come_beside_the_mentions() -> None:
    nlp = make_nlp()
    plain, quotes = extract(nlp(TEXT), _clean())
    mentions, quotes_too, vectors = extract_with_vectors(nlp(TEXT), _clean())
    assert mentions == plain and quotes_too == quotes
    assert all("tensor" not in m.extra for m in mentions)
    assert set(vectors) == {m.id for m in mentions}  # every value's clause was parsed
    for v in vectors.values():
        assert v.dtype == np.float32 and v.shape == (TENSOR_DIM,)
        assert np.linalg.norm(v) == pytest.approx(1.0, abs=1e-5)
    assert len({v.tobytes() for v in vectors.values()}) == len(vectors)  # each its own clause


def _mention(doc: str, value: float, start: int = 0) -> Mention:
    sentence = f"Officials said {value:g} passengers were on board."
    return Mention(id=f"m{doc}{start}", doc=doc, kind="count", value=value, unit=None,
                   text=f"{value:g}", start=start, end=start + 3, sentence=sentence,
                   sent_start=0, sent_end=len(sentence), low=value, high=value,
                   counted="passengers", head="passenger", frame=("board",),
                   context=sentence.replace(f"{value:g}", "#"))


def _unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(TENSOR_DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def test_reconcile_tok2vec_contexts_are_the_tensors_given_by_mention_id() -> None:
    block = [_mention("a", 212.0), _mention("b", 212.0), _mention("c", 210.0)]
    tensors = {"ma0": _unit(1), "mc0": _unit(3)}
    ctx = Scorer(block, "tok2vec", tensors=tensors).ctx
    assert np.array_equal(ctx[0], tensors["ma0"])
    assert not ctx[1].any()  # no vector for b: zeros, as for a clause the parse skipped
    assert np.array_equal(ctx[2], tensors["mc0"])


def test_reconcile_block_key_changes_with_a_mention_tensor() -> None:
    block = [_mention("a", 212.0), _mention("b", 212.0)]
    one = block_key(block, 0.5, 0.005, "tok2vec", tensors={"ma0": _unit(1)})
    other = block_key(block, 0.5, 0.005, "tok2vec", tensors={"ma0": _unit(2)})
    assert one != other  # a memo never serves a grouping found with other vectors
    assert one == block_key(block, 0.5, 0.005, "tok2vec", tensors={"ma0": _unit(1)})


def test_reconcile_tok2vec_tensors_reach_the_forked_workers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from corroborator.reconcile import facts

    mentions = [_mention(d, v, start) for d in "abcdef" for start, v in
                ((0, 212.0), (50, 17.0), (100, 210.0))]
    tensors = {m.id: _unit(k) for k, m in enumerate(mentions)}
    event_of = dict.fromkeys("abcdef", "e1")

    def found(processes: int) -> list[tuple[str, ...]]:
        out = reconcile(mentions, event_of, threshold=0.5, tolerance=0.005,
                        context="tok2vec", processes=processes, tensors=tensors)
        return sorted(tuple(m.id for m in f.mentions) for f in out)

    serial = found(1)
    parent, real = os.getpid(), facts.cluster_block

    def in_worker(*args: object) -> list[list[int]]:
        assert os.getpid() != parent, "a block was clustered in the parent process"
        given = args[5]
        assert isinstance(given, dict) and given.keys() == tensors.keys()
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(facts, "PARALLEL_MIN_MENTIONS", 0)
    monkeypatch.setattr(facts, "cluster_block", in_worker)
    assert found(2) == serial
