"""Naming a source: the fullest name the report gives for it, and its kind.

``source_name(doc, tok)`` names the source headed by ``tok``: a document or record
stands for its author ("a report by Acme" -> Acme, "the agency's data" -> agency, "the
study" -> the author given where the study was first named), a name is taken whole and
without its title ("Brig. Gen. Ana Ruiz" -> "Ana Ruiz"), a common noun keeps its modifiers
("independent surveys", "a person familiar with the matter"), a dateline is no source, and
a pronoun is resolved by agreement (``resolve_pronoun``, ``nlp.pronouns``). ``kind_of``
gives the kind: named, nominal or anonymous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .cues import (
    ACCOUNTS,
    ANONYMOUS,
    BODIES,
    BODY_LOOKBACK,
    PAPERS,
    RECORD_LOOKBACK,
    RECORDS,
    UNNAMED,
    UNNAMED_BY_REQUEST,
)
from .pronouns import (
    FEMALE_NAMES,
    FEMALE_WORDS,
    IT,
    MALE_NAMES,
    MALE_WORDS,
    PERSONAL,
    THEY,
    TITLES,
    group_antecedent,
    person_antecedent,
)
from .syntax import SPEAKER_LABELS, ents_of, sent_of, strip_possessive, text_of

if TYPE_CHECKING:
    from .quotes import QuoteSpan

Attributed = Sequence[tuple["QuoteSpan", str | None, str | None]]
# who has a record without having made it: "a memo obtained by CNN", "documents seen by X"
RECEIVED = frozenset({"obtain", "see", "review", "acquire", "receive", "get", "view", "examine"})


def author_of(noun: Token) -> Token | None:
    """Who made a record: 'a report by X', 'figures from X', 'X's data'."""
    for child in noun.children:
        objs = [c for c in child.children if c.dep_ == "pobj"]
        if child.dep_ == "prep" and objs and (child.lower_ == "by" or child.lower_ == "from" and (
                objs[0].lemma_.lower() not in RECORDS | PAPERS) or (  # not "documents from
                # his 1995 tax return": a paper comes from another, made by someone
                child.lower_ == "on" and objs[0].lemma_.lower() in ACCOUNTS)):
            return objs[0]  # "a statement on the Student Blockade account": the account's owner
        if child.dep_ == "poss" and child.lower_ == "whose":
            return _relative_head(noun)  # "the Alliance, whose parallel count put ..."
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    for child in noun.children:  # "filed by X": the participle's agent
        if child.dep_ == "acl" and child.lemma_.lower() not in RECEIVED and not any(
                g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for g in child.children
        ):  # not "obtained by"; nor "a statement that the mine had been inspected by X", a
            # clause of what it says
            for grand in child.children:
                if grand.dep_ == "agent":
                    objs = [c for c in grand.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0]
    return None


def _relative_head(tok: Token) -> Token | None:
    """The noun a relative clause holding ``tok`` qualifies."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "relcl":
            return cur.head
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def source_name(doc: Doc, tok: Token, quotes: Attributed = ()) -> tuple[str | None, str | None]:
    """The fullest name the report gives for the source headed by ``tok``, and its kind."""
    low = tok.lower_
    if low in FIRST_PLURAL or tok.lemma_.lower() in RECORDS and any(
            c.dep_ == "poss" and c.lower_ == "our" for c in tok.children):
        return WE, "named"  # "we counted", "our shift records show": the report's own
        # issuer, named by the caller (``extract``), who knows where the report came from
    if low in PERSONAL or low in THEY | IT or low in ("i", "his", "hers"):
        name = resolve_pronoun(doc, tok, quotes)
        return (name, "pronoun") if name else (None, None)
    if tok.pos_ == "PRON" or low in ("you", "n't", "n’t") or _dateline(doc, tok):
        return None, None  # "you", "someone", "one": no source to name; "LOS ANGELES, May 2"
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in OWNING), None)
    if (owner is not None and tok.pos_ == "NOUN" and (tok.lemma_.lower() in STAFF or low in STAFF)
            and not any(c.dep_ in ("appos", "compound", "acl", "relcl") for c in tok.children)
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN")):  # not "his
        # lawyer, Anton Rusk": named where it stands
        name = resolve_pronoun(doc, owner, quotes)  # "its engineers", "her office": theirs
        if name:
            return f"{name}'s {tok.text}", "named"
    for _ in range(3):  # a record stands for its author
        if tok.lemma_.lower() in RECORDS or tok.lower_ in RECORDS:
            author = author_of(tok) or _earlier_author(doc, tok)
            if author is None:
                break
            tok = author
        else:
            break
    named = _named_body(doc, tok)
    if named is not None:
        return named, "named"  # "the firm said" -> "Corvid Analytics"
    name = _name_at(doc, tok).strip("\"“”'‘’<>()[]{} ")  # '">Sanders' left by markup
    if not name:
        return None, None
    if tok.ent_type_ != "PERSON":
        name = _spelled_out(doc, name, tok.idx)
    kind = kind_of(name, tok)
    if kind == "nominal" and UNNAMED_BY_REQUEST.search(sent_of(tok).text):
        kind = "anonymous"  # "one mother, who asked not to be named, said"
    return name, kind


def _spelled_out(doc: Doc, name: str, at: int) -> str:
    """A body's name as the report first gave it in full: an acronym it spelled out, with
    the acronym ("Northern Rail Workers' Union (NRWU)" for "NRWU"), a one-word short form
    of a longer name ("Water" for "Lindby Water"); else ``name``."""
    before = text_of(doc)[:at]
    if ACRONYM.fullmatch(name):
        word = re.escape(name)
        for pattern in (rf"({NAME_PATTERN}) \({word}\)", rf"\b{word} \(({NAME_PATTERN})\)"):
            found = [m.group(1) for m in re.finditer(pattern, before)]
            if found:  # both, as a careful writer gives a body on first reference
                return f"{_without_opening(found[0])} ({name})"
        return name
    if " " in name or not name[:1].isupper():
        return name
    longer = [_without_opening(m.group(1)) for m in re.finditer(
        rf"((?:{_NAME_WORD} (?:(?:of|and|&|for) )?){{1,4}}{re.escape(name)})\b(?!['’]? [A-Z])",
        before)]
    given = MALE_NAMES | FEMALE_NAMES | TITLES
    longer = [n for n in longer if n != name and n.endswith(name)
              and n.split()[0].lower().rstrip(".") not in given]
    return longer[-1] if longer else name  # not "Ivanka Trump" for a "Trump" the tagger
    # took for a body


ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}")
# words that open a sentence before a name, and are no part of it
OPENERS = frozenset("the a an in on at by for from and but or as with after before "  # noqa: SIM905
                    "when while if since under over to of".split())


def _without_opening(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in OPENERS:
        words = words[1:]
    return " ".join(words)


OWNING = frozenset({"its", "their", "his", "her"})
# who speak for the one they work for: "its engineers calculate", "her office said"
STAFF = frozenset("office engineer engineers staff analyst analysts lawyer lawyers "  # noqa: SIM905
                  "attorney attorneys spokesman spokeswoman spokesperson scientist scientists "
                  "expert experts inspector inspectors official officials researcher researchers "
                  "auditor auditors team aide aides adviser advisers advisor advisors "
                  "economist economists accountant accountants".split())


WE = "\x00we"  # a source that is the report's issuer, speaking of itself as "we"
FIRST_PLURAL = frozenset({"we", "us", "our"})


def _named_body(doc: Doc, tok: Token) -> str | None:
    """'the firm', 'the group', 'the agency': the body the report named before and called
    so ('Corvid Analytics, a risk firm', 'the observer group Clean Ballot', 'the Civil
    Protection Agency'), the nearest such name within ``BODY_LOOKBACK`` characters. Read
    from the text, not the parse, so that a report parsed in part (``nlp.selective``)
    names it as a full parse does."""
    lemma = tok.lemma_.lower()
    if (tok.pos_ != "NOUN" or lemma not in BODIES or tok.tag_ != "NN"
            or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children)
            or any(c.dep_ in ("compound", "poss", "prep", "appos") for c in tok.children)
            or tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
        return None  # not "the anti-corruption group Integrity Watch": named where it stands
    start = tok.left_edge.idx
    before = text_of(doc)[max(0, start - BODY_LOOKBACK) : start]
    found = [(m.end(), m.group(1)) for pattern in _body_patterns(tok.lower_)
             for m in re.finditer(pattern, before)
             if ". " not in m.group(1)]  # a name never runs across a sentence
    if not found:
        return None
    sentence = sent_of(tok).text
    here = [(end, name) for end, name in found
            if strip_possessive(name.strip()).removeprefix("The ") in sentence]
    name = strip_possessive(max(here or found)[1].strip())  # the one the sentence names
    # ("Two Clean Ballot observers were released, according to the group"), else the nearest
    return name.removeprefix("The ")


_NAME_WORD = r"[A-Z][\w'’&.-]*"
# a body's or a person's name in running text, for patterns over words: "Fire and Rescue Service"
NAME_PATTERN = rf"{_NAME_WORD}(?: (?:(?:of|and|&|for) )?{_NAME_WORD}){{0,4}}"


# people a body's noun modifies: "Annika Sollberg, a company spokeswoman" is no company
_ROLE_NOUNS = (r"(?:spokes\w*|official|executive|director|chief|head|lawyer|manager|"
               r"engineer|employee|worker|representative|source|member|leader|officer)")


def _body_patterns(noun: str) -> tuple[str, ...]:
    """Where a report names a body it later calls "the ``noun``": a name ending in the
    noun ("the Civil Protection Agency"), a name with an appositive of the noun ("Corvid
    Analytics, a risk-modelling firm", "Tixora, the ticketing company that runs ..."; not
    "outside Vale Pinto, the civil protection office said"), the noun before a name ("the
    observer group Clean Ballot"). Group 1 is the name."""
    word = re.escape(noun)
    return (
        rf"((?:{_NAME_WORD} (?:(?:of|and|&|for) )?){{1,5}}{word.capitalize()})\b",
        rf"({NAME_PATTERN}), an? (?:(?!of |at |for |in )[\w'’-]+ ){{0,4}}{word}\b(?! {_ROLE_NOUNS})",
        rf"({NAME_PATTERN}), the (?:(?!of |at |for |in )[\w'’-]+ ){{0,4}}{word}(?=,| that | which )",
        rf"\b{word} ({NAME_PATTERN})",
    )


def _earlier_author(doc: Doc, record: Token) -> Token | None:
    """'A study by Harbour University found ... The study also found ...': the author the
    report gave for this record when it first named it."""
    if not any(c.lower_ in ("the", "this", "that") for c in record.children):
        return None
    for prev in reversed(doc[max(0, record.i - RECORD_LOOKBACK) : record.i]):
        if prev.lemma_ == record.lemma_ and prev.pos_ == "NOUN":
            return author_of(prev)
    return None


def _dateline(doc: Doc, tok: Token) -> bool:
    """A place in capitals opening its paragraph, then a comma: where the report was filed."""
    text = text_of(doc)
    para = text.rfind("\n", 0, tok.idx) + 1
    end = tok.idx + len(tok)
    head = text[para:end].strip(" \t\"“")
    return bool(head) and head.isupper() and text[end : end + 1] == "," and len(head) <= 40


def _name_at(doc: Doc, tok: Token) -> str:
    """A name: the entity the token is in (or that its run of proper nouns overlaps), an
    entity in its appositive, or the common noun with its modifiers."""
    lo, hi = tok.i, tok.i
    if tok.pos_ == "PROPN" and tok.is_lower and not tok.ent_type_:
        return noun_phrase(doc, tok)  # "the coast guard says": a common noun the tagger took
        # for a name
    if tok.pos_ == "PROPN":
        first = sent_of(tok).start
        while (prev := _skip_space(doc, lo - 1, -1)) >= first and (
                _propn(doc[prev]) or _joined(doc, prev, tok)):
            lo = prev
        while (nxt := _skip_space(doc, hi + 1, 1)) < len(doc) and _propn(doc[nxt]) and (
                doc[nxt].dep_ in ("compound", "flat", "appos") or doc[hi].dep_ == "compound"):
            hi = nxt  # "Gov.  Ana Ruiz": a run of proper nouns, over a doubled space too
    named_on = hi
    while (tok.pos_ == "PROPN" and hi + 1 < len(doc) and doc[hi + 1].is_title
           and doc[hi + 1].pos_ in ("ADV", "ADJ") and not doc[hi + 1].is_sent_start):
        hi += 1  # "Shelter Now International", "aid charity Shelter Now puts": a capitalised
        # word inside a name that the tagger took for another part of speech
    ents = [e for e in ents_of(doc) if e.start <= hi and lo < e.end and e.label_ in SPEAKER_LABELS]
    if ents:
        best = max(ents, key=lambda e: (e.start <= tok.i < e.end, len(e)))
        if hi > named_on and best.end <= hi:
            return strip_possessive(doc[min(lo, best.start) : hi + 1].text)
        if best.label_ != "PERSON" and lo < best.start and doc[lo].lower_ in MALE_NAMES | FEMALE_NAMES:
            return strip_possessive(doc[lo : hi + 1].text)  # "Ana Lima", not the city of Lima
        if lo < best.start and all(t.is_upper and len(t) > 1 for t in doc[lo : best.start]):
            return strip_possessive(doc[lo : best.end].text)  # "SRT Vornic": an acronym the
            # entity left out
        return strip_possessive(best.text)
    if tok.lemma_.lower() in ACCOUNTS:  # "the Student Blockade account": the owner's name
        owners = [e for e in ents_of(doc) if e.label_ in SPEAKER_LABELS
                  and tok.left_edge.i <= e.start and e.end <= tok.i]
        if owners:
            return strip_possessive(owners[-1].text)
        if any(c.dep_ in ("amod", "compound") and c.lower_ != "own" for c in tok.children):
            return noun_phrase(doc, tok)  # "anonymous accounts", "her campaign website":
            # as the text gives them
        return ""  # "its own website": whose, the parse does not say
    if tok.pos_ == "PROPN" and (person := _appos_person(doc, tok)):
        return person  # "The Minister of Health, Dr Corina Aldessa,": a title the tagger
        # took for a name, its holder named beside it
    if tok.pos_ == "PROPN":
        while lo < tok.i and (doc[lo].text == "." or doc[lo].is_space or doc[lo].lower_ in
                              MALE_WORDS | FEMALE_WORDS or doc[lo].lower_.rstrip(".") in TITLES):
            lo += 1  # the name without its title: "Gov. Ana Ruiz" -> "Ana Ruiz"
        return strip_possessive(doc[lo : hi + 1].text)
    for child in tok.children:
        if child.dep_ == "appos" and child.text[:1].isalnum():
            if child.pos_ == "PROPN" and child.text[:1].isalpha():
                return _name_at(doc, child)  # "a spokesperson, Ana Lima,"
            for ent in ents_of(doc):
                if ent.start <= child.i < ent.end and ent.label_ in SPEAKER_LABELS:
                    return strip_possessive(ent.text)
    return noun_phrase(doc, tok)


def _appos_person(doc: Doc, tok: Token) -> str | None:
    """The person an appositive names for ``tok`` ("the Minister of Health, Dr Corina
    Aldessa"), without the title; None when there is none."""
    for child in tok.children:
        if child.dep_ == "appos" and any(
                e.label_ == "PERSON" and e.start <= child.i < e.end for e in ents_of(doc)):
            return _name_at(doc, child)
        if (child.dep_ == "appos" and child.pos_ == "PROPN" and tok.lower_ in TITLES
                and child.i > tok.i):  # "The Minister of Energy, Petra Olund,": a title's
            # holder, whatever the tagger made of the name
            run = [t for t in doc[child.left_edge.i : child.i + 1]
                   if t.dep_ == "compound" and t.pos_ == "PROPN" or t.i == child.i]
            if run and run[0].i + len(run) - 1 == child.i:
                return strip_possessive(" ".join(t.text for t in run))
    return None


def _joined(doc: Doc, i: int, head: Token) -> bool:
    """An "and" at ``i`` inside one name: "the Provincial Fire and Rescue Service", where
    the proper noun before it modifies the name's head (it is no list of two names: "Smith
    and Jones")."""
    if doc[i].lower_ not in ("and", "&") or i == 0 or not _propn(doc[i - 1]):
        return False
    cur = doc[i - 1]
    for _ in range(3):
        if cur.head.i == head.i:
            return cur.dep_ in ("compound", "nmod", "amod")
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _propn(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and "\n" not in tok.whitespace_


def _skip_space(doc: Doc, i: int, step: int) -> int:
    """The index of the first token from ``i`` (going ``step``) that is not whitespace."""
    while 0 <= i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += step
    return i


def noun_phrase(doc: Doc, tok: Token) -> str:
    """'local health officials', 'the agency's spokesman', 'head of state'."""
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "poss", "nmod")
            and c.pos_ != "PRON" and c.lower_ not in ("other", "such")]
    start = min([c.left_edge.i if c.dep_ in ("poss", "compound") else c.i for c in left],
                default=tok.i)
    start = max(start, tok.i - 8)
    while start > max(0, tok.i - 8) and doc[start - 1].whitespace_ == "" and (
            doc[start - 1].text in ("-", "–") or doc[start].text in ("-", "–")):
        start -= 1  # a hyphenated modifier whole: "40-year-old pilot", not "old pilot"
        while start > max(0, tok.i - 8) and doc[start].pos_ == doc[start - 1].pos_ == "PROPN":
            start -= 1  # "the Sao Paulo-based agency"
    while start < tok.i and (doc[start].pos_ in ("DET", "PUNCT") or doc[start].is_punct):
        start += 1
    det = doc[start - 1] if start == tok.i and start > 0 else None
    if det is not None and det.dep_ == "det" and det.head.i == tok.i and det.lower_ in QUANTIFIERS:
        start -= 1  # "some outlets", "several witnesses": how many of them is part of who
    end = tok.i + 1
    close = [c for c in tok.rights if c.dep_ == "amod" and c.lower_ in ("familiar", "close")]
    if close and close[0].right_edge.i - tok.i <= 10:
        return strip_possessive(doc[start : close[0].right_edge.i + 1].text)  # "a person
        # familiar with the matter", "people close to the talks": anonymous, as the text says
    at = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("at", "with", "from", "for")
          and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children)]
    if at and at[0].i == end and at[0].right_edge.i - tok.i <= 8:
        return strip_possessive(doc[start : at[0].right_edge.i + 1].text)  # "analysts at
        # Halvorsen & Pike", "a spokesman for Acme": the body is part of who they are
    of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"]
    if of:
        objs = [c for c in of[0].children if c.dep_ == "pobj"]
        if objs and objs[0].right_edge.i - of[0].i <= 2 and not any(
                d.dep_ == "det" for d in objs[0].children):
            end = objs[0].right_edge.i + 1  # "head of state"
    return strip_possessive(doc[start:end].text)


QUANTIFIERS = frozenset({"some", "many", "several", "most", "few"})


def kind_of(name: str | None, tok: Token | None = None) -> str | None:
    if not name:
        return None
    words = name.split()
    low = [w.lower() for w in words]
    unnamed = low[-1] in ANONYMOUS or bool(UNNAMED & set(low)) or (
        low[0] in ANONYMOUS and len(low) > 1 and low[1] in ("familiar", "close"))
    if unnamed and not (tok is not None and tok.pos_ == "PROPN"):
        return "anonymous"  # "sources", "a person familiar with Mr. Ruiz's thinking"
    if tok is not None:
        return "named" if tok.pos_ == "PROPN" or any(w[:1].isupper() for w in words[1:]) else "nominal"
    return "named" if words[-1][:1].isupper() else "nominal"  # "Ana Ruiz", not "Health officials"


def resolve_pronoun(doc: Doc, pron: Token, quotes: Attributed = ()) -> str | None:
    """Who a pronoun source stands for (``nlp.pronouns``): 'he'/'she' the nearest earlier
    person whose gender does not disagree, by the fullest name the report gives; 'they'/'it'
    the nearest earlier subject that agrees in number, named as a source is."""
    if pron.lower_ in THEY | IT:
        tok = group_antecedent(doc, pron, RECORDS | BODIES)
        if tok is None:
            return None
        more = _conjuncts(tok)
        if not more:
            return source_name(doc, tok)[0]
        start = next(t.i for t in doc[tok.left_edge.i : tok.i + 1] if t.dep_ != "det")
        return doc[start : more[-1].i + 1].text  # "ministry and the police", as written
    return person_antecedent(doc, pron, quotes)


def _conjuncts(tok: Token) -> list[Token]:
    """The nouns coordinated with ``tok``: "the ministry and the police" -> [police]."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"):
            out += [c, *_conjuncts(c)]
    return out
