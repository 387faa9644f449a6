"""The model's attribute ruler, matched by lookup instead of by the Matcher.

en_core_web_sm's ``attribute_ruler`` maps tags to coarse parts of speech and
morphology with 179 token patterns. spaCy's Matcher tries every pattern at every
token, which took 15% of the whole pipeline's time (2.4 s of 20 s on 99,000
tokens). Almost all the patterns are one token long and read only the token's
tag, lower-case form, dependency label and whether it is a space, so here the
patterns matching a token are looked up by those four values (found once per
distinct combination, then remembered), and the few longer patterns are tried
only where their first token fits. The matches are exactly the Matcher's, in
its order (tested on real reports), and they are set by the ruler's own
``set_annotations``.

Patterns of any other shape (another attribute, another operator) make the
component fall back to the Matcher, so a future model cannot be matched wrongly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what a pattern token may read, in signature order
MEMO_MAX = 200_000  # distinct signatures remembered before the memo starts afresh

Signature = tuple[str, str, str, bool]
Test = Callable[[Signature], bool]


class LookupAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose ``match`` looks patterns up by token signature."""

    def __init__(self, vocab: Any, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._compiled: tuple[list[tuple[int, Test]], list[tuple[int, list[Test]]]] | None = None
        self._memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def add(self, patterns: Any, attrs: dict[str, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = None  # compiled again on the next match

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        compiled = self._compile()
        if compiled is None:
            return super().match(doc)  # type: ignore[no-any-return]
        singles, longer = compiled
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        keys = [self.vocab.strings[str(k)] for k in range(len(self.attrs))]
        memo = self._memo
        if len(memo) > MEMO_MAX:
            memo.clear()
        strings = self.vocab.strings
        sigs: list[Signature | None] = [None] * len(rows)

        def signature(i: int) -> Signature:
            sig = sigs[i]
            if sig is None:
                tag, lower, dep, space = rows[i]
                sig = sigs[i] = (
                    strings[tag] if tag else "",
                    strings[lower],
                    strings[dep] if dep else "",
                    bool(space),
                )
            return sig

        found: list[tuple[int, int, int, int]] = []
        starts: list[tuple[int, int]] = []  # (longer pattern, token its first token fits)
        for i, row in enumerate(rows):
            key = tuple(row)
            hit = memo.get(key)
            if hit is None:
                sig = signature(i)
                hit = memo[key] = (
                    tuple(k for k, test in singles if test(sig)),
                    tuple(n for n, (_, tests) in enumerate(longer) if tests[0](sig)),
                )
            found.extend((k, keys[k], i, i + 1) for k in hit[0])
            starts.extend((n, i) for n in hit[1])
        for n, i in starts:
            k, tests = longer[n]
            width = len(tests)
            if i + width <= len(rows) and all(
                test(signature(i + j)) for j, test in enumerate(tests[1:], 1)
            ):
                found.append((k, keys[k], i, i + width))
        found.sort()
        return found

    def _compile(self) -> tuple[list[tuple[int, Test]], list[tuple[int, list[Test]]]] | None:
        """Each pattern as tests on token signatures; None if one cannot be expressed so."""
        if self._compiled is not None:
            return self._compiled
        singles: list[tuple[int, Test]] = []
        longer: list[tuple[int, list[Test]]] = []
        for k in range(len(self.attrs)):
            for pattern in self.matcher.get(self.vocab.strings[str(k)])[1]:
                tests = [_token_test(spec) for spec in pattern]
                if not tests or any(t is None for t in tests):
                    return None
                if len(tests) == 1:
                    singles.append((k, tests[0]))  # type: ignore[arg-type]
                else:
                    longer.append((k, tests))  # type: ignore[arg-type]
        self._compiled = (singles, longer)
        self._memo.clear()
        return self._compiled


def _token_test(spec: dict[str, Any]) -> Test | None:
    """A test of one pattern token on a signature, or None for a spec this cannot read."""
    checks: list[tuple[int, Callable[[Any], bool]]] = []
    for key, want in spec.items():
        check = _value_test(want) if key in KEYS else None
        if check is None:
            return None
        checks.append((KEYS.index(key), check))
    return lambda sig: all(check(sig[at]) for at, check in checks)


def _value_test(want: Any) -> Callable[[Any], bool] | None:
    if isinstance(want, (str, bool)):
        return lambda v: v == want
    if not isinstance(want, dict) or len(want) != 1:
        return None
    ((op, arg),) = want.items()
    if op == "IN" and isinstance(arg, list):
        allowed = frozenset(arg)
        return lambda v: v in allowed
    if op == "NOT_IN" and isinstance(arg, list):
        banned = frozenset(arg)
        return lambda v: v not in banned
    if op == "REGEX" and isinstance(arg, str):
        rx = re.compile(arg)
        return lambda v: isinstance(v, str) and rx.search(v) is not None
    return None


@Language.factory(
    "corroborator_attribute_ruler_v1",
    assigns=["token.pos", "token.morph", "token.lemma", "token.tag", "token.dep"],
)
def make_lookup_ruler(nlp: Language, name: str) -> LookupAttributeRuler:
    return LookupAttributeRuler(nlp.vocab, name)


def use_lookup_ruler(nlp: Language, patterns: Sequence[dict[str, Any]] | None = None) -> None:
    """Replace ``nlp``'s attribute_ruler by a ``LookupAttributeRuler`` with its patterns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    old = nlp.get_pipe("attribute_ruler")
    assert isinstance(old, AttributeRuler)
    patterns = list(patterns if patterns is not None else old.patterns)
    new = nlp.replace_pipe("attribute_ruler", "corroborator_attribute_ruler_v1")
    assert isinstance(new, LookupAttributeRuler)
    new.add_patterns(patterns)
