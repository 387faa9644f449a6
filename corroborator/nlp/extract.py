"""Doc -> mentions and quotes: every checkable value with its provenance.

For each quantity (``nlp.numbers``) and date (``nlp.dates``) in a parsed report
this reads, from the parse: what it counts, the names that qualify it, the
frame that governs it, the time it is stated for, who the text attributes it
to, whether it is hedged, and a masked context for slot similarity; and, beside the
mentions (``extract_with_vectors``), each mention's context vector from the parser's
tok2vec layer, which reconciliation compares when it runs on ``context="tok2vec"``.

What it reads from and leaves on the Doc while it works is declared in
``extensions.py`` (``doc._.corroborator_scans``, ``_dates``, ``_strings`` and the
caches of ``syntax``); all of it is cleared before it returns.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..models import CleanDoc, Mention, Quote, Sentence
from . import is_dateline, syntax
from .attribution import attribute, source_fields, unverified
from .cues import BODIES, CUES, RECKONINGS, VALUES
from .dates import (
    MONTHS,
    DateSpan,
    ahead,
    clock_near,
    clocks_alone,
    find_dates,
    month_day,
    stamp_line,
    written,
)
from .extensions import CACHES, SCANS, clear
from .numbers import RATIO, Quantity, digits_to_number, find_quantities, is_age
from .quotes import QuoteSpan, attribute_quotes, find_quote_spans
from .sources import WE

CONTEXT_CHARS = 90  # characters each side of a value in its masked context
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LAW", "EVENT", "LOC", "PRODUCT")
Attributed = list[tuple[QuoteSpan, str | None, str | None]]  # quote, speaker, reporting verb
Vectors = dict[str, np.ndarray]  # mention id -> context vector (float32, unit length)


def mention_id(doc_id: str, start: int, end: int) -> str:
    return "m" + hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:12]


def sentences(doc: Doc, doc_id: str) -> list[Sentence]:
    """The report's sentences; a wire dateline, parsed apart ("HALVIK, Nov 10 (Meridian) -",
    see ``paragraph_boundaries``), is kept with the sentence it opens."""
    out: list[Sentence] = []
    opening: int | None = None
    for sent in (s for s in doc.sents if s.text.strip()):
        if is_dateline(doc, sent):
            opening = sent.start_char
            continue
        start = sent.start_char if opening is None else opening
        out.append(Sentence(doc_id, len(out), start, sent.end_char))
        opening = None
    return out


def _opened(doc: Doc, sent: Span) -> int:
    """Where ``sent`` starts as a sentence of the record: at the dateline before it, if one
    was parsed apart (``sentences``)."""
    if sent.start > 0:
        before = doc[sent.start - 1].sent
        if is_dateline(doc, before):
            return before.start_char
    return sent.start_char


def extract(doc: Doc, clean: CleanDoc) -> tuple[list[Mention], list[Quote]]:
    """All mentions and quotes of one parsed report."""
    return _extract(doc, clean, None)


def extract_with_vectors(doc: Doc, clean: CleanDoc
                         ) -> tuple[list[Mention], list[Quote], Vectors]:
    """``extract``, and the context vector of each mention that has one, by mention id: the
    mean tok2vec vector of the clause around the value (``_tensor_context``). They go to
    ``reconcile(tensors=...)`` beside the mentions, not inside them."""
    vectors: Vectors = {}
    mentions, quotes = _extract(doc, clean, vectors)
    return mentions, quotes, {m.id: vectors[m.id] for m in mentions if m.id in vectors}


def _extract(doc: Doc, clean: CleanDoc, vectors: Vectors | None
             ) -> tuple[list[Mention], list[Quote]]:
    """The mentions and quotes; each mention's context vector into ``vectors`` if given."""
    scans = doc._.corroborator_scans
    clear(doc, (SCANS,))
    published = written(clean.text, clean.source.published)
    if scans is not None and scans[0] == published:
        _, quantities, dates, spans = scans  # already made by nlp.selective
    else:
        text = syntax.text_of(doc)
        quantities, spans = find_quantities(text), find_quote_spans(text)
        dates = find_dates(text, published)
    dates = [_directed(doc, d, published) for d in dates]
    doc._.corroborator_dates = dates
    attributed = attribute_quotes(doc, spans)
    quotes = [
        Quote("q" + mention_id(clean.id, qs.start, qs.end)[1:], clean.id,
              syntax.text_of(doc)[qs.start : qs.end].strip(), qs.start, qs.end, speaker, cue)
        for qs, speaker, cue in attributed
    ]
    mentions: list[Mention] = []
    multi = [(d.start, d.end) for d in dates if not re.fullmatch(r"\d{4}", d.text)]
    for q in quantities:
        if any(q.start < e and s < q.end for s, e in multi):
            continue  # "11 June", "two years ago": a date, not a count
        m = _from_quantity(doc, clean, q, attributed, vectors)
        if m is not None:
            mentions.append(m)
    taken = [(m.start, m.end) for m in mentions]
    stamp = _stamp_span(syntax.text_of(doc), published) if dates else (0, 0)
    for d in [*dates, *clocks_alone(syntax.text_of(doc), dates)]:
        if any(d.start < e and s < d.end for s, e in taken):
            continue
        m = _from_date(doc, clean, d, attributed, vectors, stamp)
        if m is not None:
            mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    mentions = _partitives(doc, _tallied(_elided(doc, mentions)))
    clear(doc, CACHES)
    return _pair_conversions(mentions), quotes


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    nums = [t for t in span if t.like_num or t.pos_ == "NUM"]
    return nums[-1] if nums else span[-1]


def _from_quantity(doc: Doc, clean: CleanDoc, q: Quantity, quotes: Attributed,
                   vectors: Vectors | None) -> Mention | None:
    tok = _token_at(doc, q.number_start, q.number_end)
    if tok is None or re.match(r"\s+ago\b", syntax.text_of(doc)[q.end : q.end + 5]):
        return None  # "two years ago" is a date
    if _in_phone_number(syntax.text_of(doc), q.start, q.end):
        return None  # "+49 30 5550 1212" in a press contact: no figure
    if (tok.pos_ == "PROPN" and tok.i > syntax.sent_of(tok).start and not tok.like_num
            and q.kind != "amount"):
        return None  # a number word inside a name: "Zero Idleness", "Three Gorges" (not the
        # "US1" the tokenizer makes of "$US1 million")
    if not tok.text[0].isdigit() and tok.i > syntax.sent_of(tok).start and tok.text[0].isupper() and (
            tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper()):
        return None
    if q.kind == "count" and q.value == 1 and tok.lower_ == "one" and tok.dep_ != "nummod":
        return None  # "one of them", "one faces charges": a pronoun, not a count
    if q.kind == "count" and q.bound == "exact" and tok.lower_ == "one" and _adverbial(tok):
        return None  # "at one point", "in one case": where or when, not how many
    if q.kind == "count" and (tok.ent_type_ == "TIME" or _is_identifier(tok, q)):
        return None  # "at 4 in the afternoon", "Route 9", "the 737 MAX": not counts
    if q.kind == "count" and _age_aside(tok, q):
        q = dataclasses.replace(q, kind="measure", unit="years old")  # "Ana Ruiz, 45, said"
    if q.kind == "count" and _multiplier(tok):
        q = dataclasses.replace(q, kind="measure", unit=RATIO)  # "10 times more likely",
        # "three times the 600 acknowledged": a ratio, no count of anything
    if _in_definition(tok):
        return None  # "outbreaks (defined as 3 or more cases)": a yardstick, not a figure
    if _in_condition(tok):
        return None  # "if just one cable were down": a supposition, not a claim
    change = _change_role(doc, q)
    if q.change and change is None:  # "ranging from 30 to 34": one range
        if q.change == "to":
            return None
        q = _as_range(doc, q)
    head = syntax.number_head(tok) if q.kind in ("count", "percent") else None
    relative = False
    if q.kind == "percent":
        pct = tok.head if tok.head.text in ("%",) or tok.head.lower_ == "percent" else tok
        of = syntax.of_phrase(pct)
        counted = " ".join(t.text for t in of[1:]) or None
        head_tok = of[-1] if of else None
        relative, compared = _compared(pct)
        if compared is not None and head_tok is None:  # "a 40% larger battery"
            head_tok, counted = compared, compared.text
        if head_tok is None and not relative:  # "put turnout at 49%", "turnout was 61.4%"
            counted, head_tok = _valued(doc, q)
    elif q.kind == "count":
        counted, head_tok = _counted(doc, q, head)
    else:
        head_tok = _modified_noun(doc, q)
        counted = head_tok.text if head_tok is not None else None
        if head_tok is None:
            counted, head_tok = _valued(doc, q)
    # a vague quantity ("hundreds") keeps its words and interval, and states no figure
    value = None if q.bound == "vague" else q.value
    extra: dict[str, Any] | None = {"change": change} if change else None
    if relative:
        extra = {**(extra or {}), "compares": True}
    if q.kind == "count" and _population(tok, head_tok):
        extra = {**(extra or {}), "population": True}
    if q.kind == "count" and head_tok is None and syntax.bare_tally(tok):
        extra = {**(extra or {}), "bare_tally": True}  # "puts the number at 40,000"
    if q.kind == "count" and head_tok is None and _of_pronoun(tok):
        extra = {**(extra or {}), "of_pronoun": True}  # "212 of them": a part of a whole
        # the text does not name here
    if is_age(q.unit) and head_tok is not None and _definite(head_tok):
        extra = {**(extra or {}), "definite": True}  # "the 12-year-old aircraft": one thing
    if q.kind in ("count", "amount") and _increment(syntax.text_of(doc), q):
        extra = {**(extra or {}), "increment": True}  # "two more people died": added to a
        # tally, not the tally
    return _mention(doc, clean, q.kind, value, q.unit, q.start, q.end, tok, head_tok,
                    counted, quotes, bound=q.bound, low=q.low, high=q.high, extra=extra,
                    vectors=vectors)


INCREMENT_AFTER = re.compile(r"\s+(?:more|further|additional|extra)\b(?!\s+than\b)",
                             re.IGNORECASE)
INCREMENT_BEFORE = re.compile(r"\b(?:another|an? (?:additional|further|extra))\s+$",
                              re.IGNORECASE)


def _increment(text: str, q: Quantity) -> bool:
    """A figure added to a tally ("two more people died", "another three", "an additional
    $5 million"), not the tally; not a comparison ("12 more than last year")."""
    return bool(INCREMENT_AFTER.match(text, q.end) or INCREMENT_BEFORE.search(
        text[max(0, q.start - 20) : q.start]))


# predicates of a change in value: "rose from 30 to 34", "an increase from 30 to 34"
CHANGE_LEMMAS = frozenset(
    "rise grow increase climb jump surge soar swell balloon double triple quadruple fall drop "  # noqa: SIM905
    "decline decrease shrink sink slide slip plunge plummet tumble dip ease go move raise lower "
    "cut reduce boost lift hike revise change shift expand narrow widen up down fluctuate "
    "growth reduction".split())
# predicates of a span of values: "ranging from 30 to 34"
RANGE_LEMMAS = frozenset({"range", "vary", "span", "between", "anywhere"})
NAME_ENTS = frozenset({"FAC", "ORG", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "GPE", "LOC"})


def _change_role(doc: Doc, q: Quantity) -> str | None:
    """"previous" for the 30 of "rose from 30 to 34", "current" for its 34, else None.

    The value follows "from" or "to", and that preposition hangs on a predicate of change
    (a verb or its noun: "rose", "an increase"), not on one of range ("ranging")."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    prep = doc[span.start - 1]
    if prep.lower_ not in ("from", "to"):
        return None
    role = "previous" if prep.lower_ == "from" else "current"
    if role == "current":  # the parse hangs "from 30 to 34" on "from"
        before = [t for t in doc[max(0, prep.i - 8) : prep.i] if t.lower_ == "from"]
        prep = before[-1] if before else prep
    node = prep.head
    for _ in range(3):
        lemma = node.lemma_.lower()
        if lemma in RANGE_LEMMAS:
            return None
        if lemma in CHANGE_LEMMAS:
            return role
        if node.pos_ in ("VERB", "NOUN") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _as_range(doc: Doc, q: Quantity) -> Quantity:
    """Both halves of "from 30 to 34" as the one range the text states."""
    assert q.partner is not None
    _, end, high, _ = q.partner
    text = syntax.text_of(doc)
    return Quantity(q.start, end, text[q.start : end], q.kind, q.value, q.unit, "range",
                    min(q.value, high), max(q.value, high), q.number_start, q.number_end)


DEFINING = frozenset({"define", "classify", "class", "designate"})


def _in_definition(tok: Token) -> bool:
    """The value is the yardstick of a definition, the object of "as" after a verb of
    defining: "outbreaks (defined as 3 or more related cases)", "a heatwave is classed as
    three days above 30C"."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return False
        if node.dep_ == "pobj":  # the first phrase the value sits in decides
            verb = node.head.head
            return (node.head.lower_ == "as" and verb.pos_ == "VERB" and verb.tag_ == "VBN"
                    and verb.lemma_.lower() in DEFINING)
        node = node.head
    return False


def _adverbial(tok: Token) -> bool:
    """"One" of a phrase that says where or when something happened ("at one point", "in
    one case", "on one occasion") or whose the counted are ("12 of one family"), not how
    many of a thing there were ("aware of one death")."""
    noun = tok.head
    prep = noun.head
    if tok.dep_ == "nummod" and noun.dep_ == "pobj" and prep.lower_ == "of" and (
            prep.head.like_num or any(c.dep_ == "nummod" for c in prep.head.children)):
        return True  # "seven members of one family": whose the counted are, not a count
    return (tok.dep_ == "nummod" and noun.dep_ == "pobj" and prep.lower_ in PLACING
            and prep.head.pos_ in ("VERB", "AUX"))


PLACING = frozenset({"at", "in", "on"})


def _compared(pct: Token) -> tuple[bool, Token | None]:
    """Whether a percent measures a comparison ("12 percent higher", "a 40% larger
    battery"), and the noun it compares when the comparative qualifies one ("battery",
    "holds 40 percent more energy")."""
    comp = pct.head
    if pct.dep_ != "npadvmod" or comp.tag_ not in ("JJR", "RBR"):
        return False, None
    noun = comp.head if comp.dep_ == "amod" and comp.head.pos_ in ("NOUN", "PROPN") else None
    return True, noun


# people a report gives an age to: "the victim, 23, died"
PERSON_NOUNS = frozenset(
    "victim man woman boy girl child teenager suspect driver passenger officer mother father "  # noqa: SIM905
    "son daughter wife husband resident student worker pilot soldier patient gunman shooter "
    "defendant witness owner mayor nurse doctor teacher player".split()
)


def _multiplier(tok: Token) -> bool:
    """'10 times more likely', 'three times the 600', 'twice as large': a figure that says
    how many times another is, before 'times' and a comparative, 'as' or a determiner."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != RATIO:
        return False
    after = doc[tok.i + 2]
    return after.tag_ in ("JJR", "RBR") or after.lower_ in ("as", "the", "that", "what", "over")


def _age_aside(tok: Token, q: Quantity) -> bool:
    """A bare whole number set off by commas after a noun it stands beside: a person's
    age ("John Smith, 45, said", "Timmons, now 16, was armed"), not a count."""
    doc = tok.doc
    person = tok.head.pos_ == "PROPN" or tok.head.text[:1].isupper() or (
        tok.head.ent_type_ == "PERSON" or tok.head.lemma_.lower() in PERSON_NOUNS)
    if tok.dep_ != "appos" or not person or tok.head.i > tok.i:
        return False
    if q.bound != "exact" or not (isinstance(q.value, float) and q.value.is_integer()
                                  and 0 < q.value < 125):
        return False
    first = min(t.i for t in tok.subtree)
    before = doc[first - 1] if first > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (before is not None and before.text == "," and after is not None
            and after.text in (",", ")", ";"))


# places whose "of N (people)" is how many live there: "a city of 160,000 people"
SETTLEMENTS = frozenset(
    "city town village country nation state island region province community district "  # noqa: SIM905
    "municipality capital county metropolis suburb neighbourhood neighborhood".split()
)
POPULATIONS = frozenset({"population", "inhabitant"})  # "population 167,000", "its inhabitants"


def _population(tok: Token, head: Token | None) -> bool:
    """A count of how many live in a place, which no event changes: "a city of 160,000
    people", "population 167,000", "its 2,000 inhabitants", "home to 300,000 people", "the
    population rose to 41,200"."""
    if head is not None and head.lemma_.lower() in POPULATIONS:
        return True
    if tok.head.lemma_.lower() == "population":
        return True
    for node in syntax.path_up(tok)[1:]:  # "the island's population rose to 41,200"
        if node.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in POPULATIONS
                   for c in node.children):
                return True
            break
    anchor = head if head is not None else tok
    prep = anchor.head
    return anchor.dep_ == "pobj" and (
        prep.lower_ == "of" and prep.head.lemma_.lower() in SETTLEMENTS
        or prep.lower_ == "to" and prep.head.lower_ == "home")


def _in_condition(tok: Token) -> bool:
    """The value sits in the clause of a condition, which states no fact: "if there was
    just one cable down", "unless 500 workers sign"."""
    for node in syntax.path_up(tok)[1:]:
        if node.pos_ in ("VERB", "AUX"):
            return node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in CONDITIONS for c in node.children)
    return False


CONDITIONS = frozenset({"if", "unless"})
# words that can modify a bare count: "Another 12 died", "Only 3 survived"
QUANTIFIERS = frozenset(
    "another only just nearly almost about around roughly some all over under more fewer "  # noqa: SIM905
    "least most at approximately barely exactly precisely total further additional".split()
)


def _is_identifier(tok: Token, q: Quantity) -> bool:
    """Digits that name something rather than count it: "Route 9", "District 751",
    "Boeing 737", the 737 of "the 737 MAX"; and the same digits elsewhere in the report
    ("making more 737 and 787 planes"), once the report has used them as a name."""
    if q.bound != "exact" or not tok.text.isdigit():
        return False
    if _names(tok):
        return True
    # three digits or more: "15" named in a slogan does not make the report's 15 deaths a name;
    # nor does a headline in title case, where the parser reads every word as part of a name
    # ("Police Say 300 Arrested In Capital")
    return len(tok.text) >= 3 and any(t.text == tok.text and t.i != tok.i and _names(t)
                                      and not _title_case(syntax.sent_of(t))
                                      for t in tok.doc)


# a telephone number: a country code and groups of digits, a trunk '0' and three groups,
# or four groups or more
PHONE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,5})+"
                   r"|0\d{1,4}(?:[ .-]\d{3,5}){2,}|\d{2,5}(?:[ .-]\d{2,5}){3,})(?![\w.,]\d)")


def _in_phone_number(text: str, start: int, end: int) -> bool:
    """Whether the characters ``start:end`` lie in a telephone number."""
    lo = max(0, start - 24)
    return bool(DIALLED.search(text, max(0, start - 30), start)) or any(
        m.start() + lo <= start and end <= m.end() + lo
        for m in PHONE.finditer(text[lo : end + 24]))


# a number to call: "the emergency number, 112", "dial 999", "call 112"
DIALLED = re.compile(r"\b(?:(?:phone|telephone|emergency|hotline|helpline) number|dial|call|"
                     r"ring|hotline|helpline)(?: on)?,?\s*$", re.IGNORECASE)


def _title_case(sent: Span) -> bool:
    """A line in title case: nearly every longer word capitalised (a headline)."""
    words = [t.text for t in sent if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _names(tok: Token) -> bool:
    """Whether the parse reads these digits as part of a name."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if tok.ent_type_ in NAME_ENTS and (tok.ent_iob_ == "I" or tok.ent_type_ == "PRODUCT"):
        return True  # inside a name ("Route 9" as FAC), or a product ("737")
    if (tok.dep_ in ("nummod", "compound") and tok.head.i > tok.i and tok.head.tag_ in ("NN", "NNP")
            and tok.head.text[:1].isupper() and float(tok.text) > 1
            and tok.head.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY")):
        return True  # a count comes with a plural noun; before a singular name it is part of
        # the name: "the 737 Max" (but "300 staff", "40 aircraft" are counts)
    if prev is None or prev.ent_type_ in ("DATE", "TIME") or prev.lower_.rstrip(".") in MONTHS:
        return False
    if (prev.dep_ in ("amod", "compound") and prev.head.i == tok.i and prev.text[:1].isupper()
            and prev.pos_ in ("ADJ", "NOUN", "PROPN") and prev.lower_ not in QUANTIFIERS
            and prev.whitespace_ == " "):
        return True  # "Local 12 organises the depot": a capitalised word modifying the
        # digits themselves names them (a count modifies its noun: "12 workers")
    if not prev.text[:1].isupper() or prev.whitespace_ != " ":
        return False
    # digits right after a proper name ("Boeing 737", "MAX 9"), or after the capitalised noun
    # they belong to ("Flight 370"): a label, where a count comes before its noun
    return prev.pos_ == "PROPN" or (prev.pos_ in ("NOUN", "ADJ") and tok.head.i == prev.i)


def _counted(doc: Doc, q: Quantity, head: Token | None) -> tuple[str | None, Token | None]:
    if head is None:
        return None, None
    span_end = doc.char_span(q.start, q.end, alignment_mode="expand")
    first = span_end.end if span_end is not None else head.i
    if head.i < first:  # "put the death toll at 40": the thing is named before the figure
        toks = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss", "case")]
        return " ".join(t.text for t in toks if not t.is_punct) or None, head
    toks = list(doc[first : head.i + 1]) + syntax.of_phrase(head)
    text = " ".join(t.text for t in toks if t.text not in ",").strip()
    return re.sub(r"\s+-\s+", "-", text) or None, head


def _modified_noun(doc: Doc, q: Quantity) -> Token | None:
    """The noun a money/duration/measure value modifies: 'a $6 million deal' -> deal."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    if root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end:
        return root.head
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "ADJ") and nxt.head.pos_ == "NOUN":
        return nxt.head
    return None


def _of_pronoun(tok: Token) -> bool:
    """"212 of them", "three of these": a count of a part of what a bare pronoun stands
    for (not "20 of those who marched", which says whom)."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and g.pos_ == "PRON" and not any(
            d.dep_ in ("relcl", "acl") for d in g.children) for g in c.children)
        for c in tok.children)


def _definite(noun: Token) -> bool:
    """A noun that names one thing the reader knows: "the aircraft", "this jet", "its
    captain"; not "a 34-year-old man", one the text brings in."""
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that")
               for c in noun.children)


# verbs that give their subject a value: "losses will reach $640 million", "the bill is
# closer to $4 billion", "losses were likely to be around $1.1 billion"
VALUING = frozenset("be reach total hit top exceed surpass stand amount come near approach".split())  # noqa: SIM905
ASPECTUAL = frozenset({"be"})  # a duration or measure with "be" says how long a state lasted
_TO_VALUING = frozenset({"pobj", "prep", "attr", "dobj", "acomp", "quantmod", "advmod", "npadvmod"})


def _valued(doc: Doc, q: Quantity) -> tuple[str | None, Token | None]:
    """What an amount, a duration or a measure that qualifies no noun is the value of: the
    noun an amount is "in" or "of" ("$2 billion in sales"), the thing a verb of value
    gives it to (the subject of "reach", "total", "be": "losses will reach $640
    million"), or the thing "put ... at" sets it for ("put the cost of the damage at $2.6
    billion", "puts the crew's duty at 9.5 hours"); for a duration with "be", the state
    that lasted ("had been on duty for 13 hours"). Not a name or a pronoun ("Boeing
    reached $2 billion", "it reached"), nor a figure referred to."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None, None
    tok = span.root
    of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
          for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
    if of and q.kind == "amount":  # "$2 billion in sales", "$45 billion of debt" (not "five
        # days of riots": a duration of an act that runs on is told by its act)
        return of[0].text, of[0]
    if any(c.dep_ in ("det", "relcl") for c in tok.children):
        return None, None  # "less than the $1.6 billion that Anderson estimates": a figure
        # referred to, not the value of what the sentence speaks of
    for _ in range(4):
        if tok.dep_ not in _TO_VALUING or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            break
    if tok.pos_ not in ("VERB", "AUX"):
        return None, None
    lemma = tok.lemma_.lower()
    if is_age(q.unit) and lemma in ASPECTUAL:  # "the aircraft was 14
        thing = syntax.subject_of(tok)  # years old": the aircraft's age
    elif q.kind not in ("amount", "percent") and lemma in ASPECTUAL:  # "is 4 km long"
        state = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "in")
                 for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        return (state[0].text, state[0]) if state else (None, None)  # "had been on duty
        # for 13 hours", "were on strike for 58 days": the state that lasted
    elif lemma in syntax.ESTIMATING:
        thing = next((c for c in tok.children if c.dep_ == "dobj"), None)
    elif lemma in VALUING:
        verb = tok
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":  # "were likely to be"
            verb = verb.head.head
        thing = syntax.subject_of(verb)
    else:
        return None, None
    if thing is None or thing.pos_ != "NOUN" or thing.i > span.start:
        return None, None
    toks = [t for t in thing.subtree if t.i <= thing.i and t.dep_ not in ("det", "poss", "case")]
    return " ".join(t.text for t in toks if not t.is_punct) or None, thing


# a dateline: a paragraph's opening place in capitals (and maybe a region), a comma, the
# date, then a dash, a colon or a bracketed agency: "MARROW, June 3 -", "WASHINGTON, Sept. 14
# (Reuters) -"
DATELINE_BEFORE = re.compile(r"[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][A-Za-z .'-]{1,30})?,\s*")
DATELINE_AFTER = re.compile(r"\s*(?:\([A-Za-z .]{1,20}\))?\s*[-\u2013\u2014:(]")


def _in_dateline(text: str, start: int, end: int) -> bool:
    line = text.rfind("\n", 0, start) + 1
    return bool(DATELINE_BEFORE.fullmatch(text[line:start])
                and DATELINE_AFTER.match(text, end))


def _stamp_span(text: str, published: str | None) -> tuple[int, int]:
    """Where the report's date stamp or byline date line stands (``dates.stamp_line``);
    (0, 0) when it has none."""
    found = stamp_line(text, published)
    at = text.find(found[0]) if found else -1
    return (at, at + len(found[0])) if found and at >= 0 else (0, 0)


def _from_date(doc: Doc, clean: CleanDoc, d: DateSpan, quotes: Attributed,
               vectors: Vectors | None, stamp: tuple[int, int] = (0, 0)) -> Mention | None:
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    if re.fullmatch(r"\d{4}", d.text) and tok.dep_ == "nummod" and tok.head.tag_ == "NNS":
        return None  # "2000 people": a count, not a year
    if _in_dateline(syntax.text_of(doc), d.start, d.end) or _in_phone_number(
            syntax.text_of(doc), d.start, d.end):
        return None  # "MARROW, June 3 -": when the report was filed, not a claim
    # a byline's date ("By Ann Lee | The Herald | 8 March 2026") dates no thing of the story
    dated = None if stamp[0] <= d.start < stamp[1] else _dated(tok)
    furniture = _furniture(span, dated)
    if dated is not None and (given := _given_as(tok, dated)) is not None:
        dated = given  # "gave the opening year as 1971": the year is dated, not the giving
    verb = dated.lemma_.lower() if dated is not None and dated.pos_ == "VERB" else None
    onset = _onset_of(dated) if dated is not None and verb is not None else None
    if dated is not None and dated.pos_ == "VERB" and dated.dep_ in ("acl", "relcl"):
        dated = dated.head  # "a law passed in 1798": the law is what is dated
    if dated is not None:
        dated = syntax.named_antecedent(dated)
    counted = _dated_phrase(dated) if dated is not None else None
    extra: dict[str, Any] = {"relative": d.relative, "verb": verb}
    if furniture:
        extra["furniture"] = True
    if onset:
        extra["onset"] = onset
    if verb is not None and dated is not None and (named := _named_subject(dated)):
        extra["named"] = named  # "Oderna has ... since the company was founded in 1932"
    if dated is not None and dated.pos_ == "VERB":
        extra["what"] = _dated_clause(dated)  # "the law passed", not "passed law"
    value = d.value
    clock = (value.split("T", 1)[1] if value and "T" in value  # a time of day standing alone
             else clock_near(syntax.text_of(doc), d.start, d.end))
    if clock is not None:  # "12:01 a.m. PDT Friday": the time of day goes with its date
        extra["clock"] = clock
        if value is not None and len(value) == 10:
            value = f"{value}T{clock[:5]}"  # "at 3.40am on Monday 5 October": 2026-10-05T03:40
    return _mention(doc, clean, "date", value, None, d.start, d.end, tok, dated, counted,
                    quotes, extra=extra, vectors=vectors)


FORWARD_AUX = {"will", "would", "shall", "'ll"}
FORWARD_WORDS = {"next", "coming", "upcoming", "forthcoming"}
FORWARD_TO = {"go", "set", "due", "schedule", "expect", "plan", "slate", "poise"}  # "set to resume"


def _directed(doc: Doc, d: DateSpan, published: str | None) -> DateSpan:
    """A weekday read forward when its sentence looks ahead (``dates.ahead``): its governing
    verb has will/would/shall, is present progressive ("is meeting on Friday") or follows
    "going/set/due to"; or "next/coming/upcoming" qualifies it or the noun it dates. Past
    tense or no cue keeps the day before the published date."""
    if d.value is None or not d.relative or ahead(d, published) == d:
        return d
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or not len(span):
        return d
    tok = span.root
    if any(t.lower_ in FORWARD_WORDS for t in doc[max(0, span.start - 2) : span.start]):
        return ahead(d, published)  # "this coming Friday"
    before = [t for t in doc[max(0, span.start - 2) : span.start] if t.lower_ != "on"]
    if before and before[-1].tag_ == "VBD" and before[-1].lemma_.lower() in syntax.REPORTING:
        return d  # "the company said on Monday it would close ...": the day of saying, which
        # the parser hangs on the clause said
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i and cur.pos_ not in ("VERB", "AUX"):
            return d
        if cur.i != tok.i and cur.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "amod" and c.lower_ in FORWARD_WORDS for c in cur.children):
            return ahead(d, published)  # "the upcoming vote on Friday"
        if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
            return ahead(d, published) if _looks_ahead(cur) else d
        if cur.head.i == cur.i:
            return d
        cur = cur.head
    return d


def _looks_ahead(verb: Token) -> bool:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FORWARD_AUX or a.lemma_.lower() in FORWARD_AUX for a in aux):
        return True  # "will resume", "would resume", "'ll meet"
    if verb.tag_ == "VBG" and any(a.lemma_.lower() == "be" and a.tag_ in ("VBZ", "VBP")
                                  for a in aux):
        return True  # "is meeting on Friday"
    head = verb.head
    if (any(a.tag_ == "TO" for a in aux) and verb.dep_ == "xcomp" and head.i != verb.i
            and head.lemma_.lower() in FORWARD_TO):  # "is going to meet", "are set to resume"
        return _looks_ahead(head) or (head.tag_ != "VBD" and not any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children))
    return False


# verbs of an event's start: "the fire broke out", "erupted", "started", "began"
ONSET = frozenset("erupt start begin ignite".split())  # noqa: SIM905


def _onset_of(verb: Token) -> str | None:
    """What a dated verb says began, when it is the start of a thing the report names
    definitely ("the fire broke out on Saturday", "the fire, which started on Saturday",
    "the strike began"): the thing's lemma. A thing begins once; "a second fire started"
    or "it broke out" names no thing to hold to."""
    lemma = verb.lemma_.lower()
    if not (lemma in ONSET or lemma == "break" and any(
            c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)):
        return None
    thing = verb.head if verb.dep_ in ("acl", "relcl") else next(
        (c for c in verb.children if c.dep_ == "nsubj"), None)
    if thing is None or thing.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in thing.children):
        return None
    if any(c.dep_ == "amod" for c in thing.children):
        return None  # "the second fire", "the earlier strike": one of several
    return thing.lemma_.lower()


def _named_subject(verb: Token) -> str | None:
    """The name a dated verb's definite subject, a body, stands for ("since the company was
    founded" -> the company the sentence named before it: "Oderna has maintained
    locomotives here since the company was founded in 1932"): the nearest name before it
    in the sentence that is a clause's subject (the tagger calls an unknown firm a place
    as often as a body)."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in BODIES or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return None  # "the halls were opened": not the firm the sentence named
    names = [e for e in syntax.ents_in(syntax.sent_of(verb))
             if e.end <= subj.i and e.root.dep_ in ("nsubj", "nsubjpass")
             and e.label_ in ("ORG", "PERSON", "FAC", "PRODUCT", "GPE", "NORP")]
    return syntax.strip_possessive(names[-1].text) if names else None


def _given_as(tok: Token, verb: Token) -> Token | None:
    """What a date is given as the value of ("Some coverage gave the opening year as 1971",
    "the statement gave the date as October 14, 2024"): the verb's object, whose date it
    states, when the date is what "as" introduces after it."""
    if not (verb.pos_ == "VERB" and tok.dep_ == "pobj" and tok.head.lower_ == "as"
            and tok.head.head.i == verb.i):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _furniture(span: Span, dated: Token | None) -> bool:
    """Is the date on a line that states nothing: no verb, and the date dates no thing the line
    names ("Varos, 13 March 2026", "KBC News | Sunday 14 June 2026", "(c) 2026 Northstar
    Press"): a byline, a dateline or a copyright, not a claim. A date of a thing stays
    ("Government statement on the 14 July power failure", "RVSA decision of March 6"). Such
    a date still places its report in time (``group.events``), but is no side of a dispute."""
    if any(t.pos_ in ("VERB", "AUX") for t in syntax.sent_of(span.root)):
        return False
    return dated is None or dated.pos_ != "NOUN"


def _dated(tok: Token) -> Token | None:
    """What a date dates: the noun or verb it attaches to ('Act of 1798', 'passed in 1798')."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "NOUN", "PROPN") else None
        cur = cur.head
        if (cur.pos_ in ("VERB", "NOUN", "PROPN") and cur.ent_type_ != "DATE"
                and syntax.WORD.search(cur.text)):
            return cur
    return None


def _dated_phrase(tok: Token) -> str:
    if tok.pos_ == "VERB":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj", "attr")]
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            objs.append(tok.head)
        words = [tok.text] + [syntax.phrase_name(o) for o in objs[:2]
                              if o.lower_ not in syntax.RELATIVE]
        return " ".join(words)
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and c.ent_type_ != "DATE"]
    start = left[0].i if left else tok.i
    return tok.doc[start : tok.i + 1].text


def _dated_clause(verb: Token) -> str:
    """What a date dates when it dates an act, as a reader says it: the act's named doer,
    the verb, what it was done to, in the sentence's order ("Officials reported cases",
    "the child was hospitalized"); pronouns and relative words left out."""
    parts: list[tuple[float, str]] = [(verb.i, verb.text)]
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") and c.lower_ not in (
                syntax.RELATIVE | syntax.PRONOUNS) and c.pos_ != "PRON":
            parts.append((c.i, syntax.phrase_name(c)))
    if verb.dep_ == "auxpass" or any(c.dep_ == "auxpass" for c in verb.children):
        parts.append((verb.i - 0.5, "was"))
    return " ".join(text for _, text in sorted(parts))


def _shared(doc: Doc, text: str) -> str:
    """One string object per distinct text of a report: the mentions of one sentence share
    its text (in memory, and in the pickle a worker sends back), rather than a copy each."""
    strings: dict[str, str] | None = doc._.corroborator_strings
    if strings is None:
        strings = doc._.corroborator_strings = {}
    return strings.setdefault(text, text)


def _mention(doc: Doc, clean: CleanDoc, kind: str, value: float | str | None, unit: str | None,
             start: int, end: int, tok: Token, head: Token | None, counted: str | None,
             quotes: Attributed, *, bound: str = "exact", low: float | None = None,
             high: float | None = None, extra: dict[str, Any] | None = None,
             vectors: Vectors | None = None) -> Mention:
    """The mention, and (into ``vectors``, when given) its context vector."""
    sent = syntax.sent_of(tok)
    opened = _opened(doc, sent)
    anchor = head if head is not None else tok
    qualifiers = _qualifiers(doc, start, end, head, counted) or _share_of(kind, tok)
    said_by, cue, in_quote, source_kind = _attribution(doc, tok, start, quotes)
    if said_by == WE or said_by is None and not in_quote and _first_plural(anchor):
        # "our shift records show 38 men", "seven of our members remain unaccounted for":
        # the report's issuer, outside a quote (in one, "we" are the speaker's)
        said_by = None if in_quote else issuer(clean.raw.source.outlet, clean.text)
        source_kind = "named" if said_by else None
    hedge = syntax.hedge_for(tok) or unverified(said_by)
    time, said_on = ((None, False) if kind == "date" or is_age(unit)  # an age is as of its
                     # report, not of the clause's act ("the jet, delivered in 2012, is 14
                     # years old")
                     else _time_of(doc, tok, anchor, start, end, clean.source.published))
    if said_on:
        extra = {**(extra or {}), "said_on": True}
    head_word = head.lemma_.lower() if head is not None else None
    # "the number of missing": people, of whom it is said that they are missing
    people = kind == "count" and head is not None and syntax.as_people(head)
    frame = ((head_word,) if people and head_word else ()) + tuple(syntax.frame_lemmas(anchor))
    if time and time.startswith("--"):  # the year is the event's: reconcile gives it
        extra = {**(extra or {}), "time_no_year": time[2:]}
        time = None
    mention = Mention(
        id=mention_id(clean.id, start, end), doc=clean.id, kind=kind,
        value=_tidy(value), unit=unit, text=syntax.text_of(doc)[start:end], start=start, end=end,
        sentence=_shared(doc, syntax.text_of(doc)[opened:sent.end_char].strip()),
        sent_start=opened, sent_end=sent.end_char,
        bound=bound, low=low, high=high, counted=counted,
        head="people" if people else head_word, qualifiers=tuple(qualifiers), frame=frame,
        context=_context(doc, tok, start, end), time=time, said_by=said_by,
        attribution_cue=cue, hedged=hedge is not None, hedge_cue=hedge,
        subject=_subject(anchor, qualifiers), entities=tuple(_entities(sent)),
        in_quote=in_quote,
        extra={**(extra or {}), **source_fields(said_by, cue, source_kind),
               **_frame_written(sent, frame),
               **({"running": True} if syntax.running(anchor, CUES) else {}),
               **({"now": True} if kind == "amount" and syntax.present(anchor) else {}),
               **({"holder": holder} if kind in HELD and head is None
                  and (holder := _holder(tok)) else {}),
               # the report's day: the rate that converts an amount, the day a toll was
               # current (``reconcile.facts.updated``)
               **({"day": clean.source.published} if clean.source.published else {})},
    )
    if vectors is not None and (vector := _tensor_context(doc, tok, start, end)) is not None:
        vectors[mention.id] = vector
    return mention


def _frame_written(sent: Span, frame: tuple[str, ...]) -> dict[str, str]:
    """The word the first frame lemma is written as in the sentence ("took" for "take"),
    when it is not the lemma itself: a fact's label says it as the report does."""
    if not frame:
        return {}
    word = next((t.lower_ for t in sent if t.lemma_.lower() == frame[0]), frame[0])
    return {"frame_text": word} if word != frame[0] else {}


def _tidy(value: float | str | None) -> float | str | None:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return float(int(value))
    return value


def _qualifiers(doc: Doc, start: int, end: int, head: Token | None, counted: str | None) -> list[str]:
    if head is None:
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    first = span.end if span is not None else head.i
    toks = [t for t in doc[first : head.i] if t.i != head.i] + syntax.of_phrase(head, 14)
    for child in head.children:
        if child.dep_ == "appos":
            toks.extend(child.subtree)
    names = syntax.name_groups(toks)
    if head.pos_ == "PROPN" or head.ent_type_ in syntax.NAME_LABELS:
        names.append(head.text)
    return names


def _share_of(kind: str, tok: Token) -> list[str]:
    """Whose share a percent is when a count puts a named one at it ("It puts Velasko at
    46.7% and Dusanek at 45.2%"): the candidate's, not the turnout the same verb gives
    elsewhere ("put the turnout at 49%")."""
    if tok.dep_ == "nummod" and tok.head.text == "%":
        tok = tok.head
    prep = tok.head if tok.dep_ == "pobj" else None
    if kind != "percent" or prep is None or prep.lower_ != "at" or prep.i == 0:
        return []
    if prep.head.lemma_.lower() not in syntax.ESTIMATING:
        return []
    name = tok.doc[prep.i - 1]
    if name.pos_ != "PROPN" and name.ent_type_ not in ("PERSON", "ORG"):
        return []
    start = name.i
    while start > 0 and tok.doc[start - 1].pos_ == "PROPN":
        start -= 1
    return [tok.doc[start : name.i + 1].text]


def _first_plural(anchor: Token) -> bool:
    """The figure counts something of "ours" or is what "we" did ("seven of our members",
    "we have deployed 300 staff")."""
    verb = syntax.governing_verb(anchor)
    near = [*anchor.subtree, *(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
            ] if verb is not None else list(anchor.subtree)
    return any(t.lower_ in ("our", "we") for t in near)


def issuer(outlet: str | None, text: str) -> str | None:
    """Who put out a report, named as its source list names the outlet, without what kind of
    paper it is ("Federation of Mine Workers (press statement)" -> "Federation of Mine
    Workers"), when the report names it too: a body's statement names itself; a news
    outlet's "we" is its own voice, which the record leaves unnamed (None)."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", outlet or "").strip()
    return name if name and name.lower() in text.lower() else None


def _attribution(doc: Doc, tok: Token, start: int, quotes: Attributed
                 ) -> tuple[str | None, str | None, bool, str | None]:
    """Who the text gives as the source of the value, the cue, whether it is quoted, and the
    kind of source (``nlp.attribution``)."""
    found = attribute(doc, tok, start, quotes)
    return found.said_by, found.cue, found.in_quote, found.kind


HELD = frozenset({"measure", "duration"})  # figures that measure a thing they need not name
# nouns of a measure's own dimension, which say what is measured but not of what
DIMENSIONS = frozenset(
    "magnitude size height depth length width breadth speed weight distance area volume "  # noqa: SIM905
    "temperature level total figure maximum minimum limit capacity range radius "
    "duration period time span".split()
)


def _holder(tok: Token) -> str | None:
    """What a measure or a duration that counts no noun is of: the noun it is "of" ("180
    tonnes of vinyl chloride", "waves of 4.5 metres") or, as the complement of a verb, the
    verb's subject ("waves were about 2.5 metres", "the fire burned for 31 hours"); a
    common noun, never a name or a pronoun (a speaker: "Dravik says 180 tonnes")."""
    unit = tok.head if tok.dep_ in ("nummod", "quantmod") else tok
    for c in unit.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() not in DIMENSIONS:
                return obj.lemma_.lower()
    if unit.dep_ == "pobj" and unit.head.lower_ == "of" and unit.head.head.pos_ == "NOUN":
        noun = unit.head.head.lemma_.lower()
        return None if noun in DIMENSIONS else noun  # "a magnitude of 6.1": of what?
    if unit.dep_ not in ("dobj", "attr", "acomp", "npadvmod", "pobj"):
        return None
    verb = unit.head if unit.dep_ != "pobj" else unit.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or subj.lemma_.lower() in DIMENSIONS:
        return None
    return subj.lemma_.lower()


def _time_of(doc: Doc, tok: Token, anchor: Token, start: int, end: int, published: str | None
             ) -> tuple[str | None, bool]:
    """The date a value is stated for, when a date in its sentence governs it; "--MM-DD"
    for a day written without its year in a report without a date. With it, whether the
    date is the day the figure was said rather than its clause's ("on Monday gave the
    first police estimate, saying 61,000 people had been inside"): the date's verb is
    above the figure's own."""
    sent = syntax.sent_of(tok)
    region = {t.i for t in syntax.path_up(anchor)}  # a date a few steps below it counts too
    # (the test below climbs four from the date), one deep inside a clause on the counted
    # noun is another act's ("people killed by the flood that swept down after the spillway
    # failed on Tuesday has risen to 11")
    for verb in syntax.path_up(anchor):  # "figures released on Wednesday say 19,300"
        region |= {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                   and c.lemma_.lower() in RELEASES for t in c.subtree}
    best: tuple[int, str, bool] | None = None
    own = next((t for t in syntax.path_up(anchor)[1:] if t.pos_ in ("VERB", "AUX")), None)
    text = syntax.text_of(doc)
    dates: list[DateSpan] | None = doc._.corroborator_dates
    if dates is None:
        dates = doc._.corroborator_dates = find_dates(text, written(text, published))
    for d in dates:
        value = d.value or (f"--{md}" if (md := month_day(d.text)) else None)
        if value is None or not (sent.start_char <= d.start and d.end <= sent.end_char):
            continue
        if d.start < end and start < d.end:
            continue
        dspan = doc.char_span(d.start, d.end, alignment_mode="expand")
        if dspan is None:
            continue
        root = dspan.root
        if (root.dep_ in ("nummod", "compound") and root.head.ent_type_ != "DATE"
                and root.head.lemma_.lower() not in RELEASES):
            continue  # "the 1789 Wartime Act": a name, not the time of the value (but
            # "the Wednesday update put the toll at 163": the day of the papers)
        as_of = AS_OF.search(text[max(0, d.start - 12) : d.start]) or _period_end(text, d, dates)
        # "as of Feb. 26"; a period ("between October 18 and March 19") the parse hangs
        # anywhere in the sentence: the figure is its total as of the period's end
        if as_of or any(t.i in region for t in syntax.path_up(root)[:4]):
            dist = abs(dspan.root.i - tok.i)
            if best is None or dist < best[0]:
                dated = next((t for t in syntax.path_up(root)[1:] if t.pos_ in ("VERB", "AUX")),
                             None)
                said = bool(not as_of and dated is not None and own is not None
                            and dated.i != own.i and dated in own.ancestors
                            and dated.lemma_.lower() in SAYING)
                best = (dist, _period_end(text, d, dates) or value, said)
    return (best[1], best[2]) if best else (None, False)


SAYING = syntax.REPORTING | frozenset({"give"})  # "gave the first estimate, saying ..."


# the papers that give a figure: the day they were released is the day it is stated for
# ("the agency's latest figures, issued at 6pm on Wednesday, put the toll at 214")
RELEASES = frozenset("figure count toll tally data statistic update estimate bulletin".split())  # noqa: SIM905
AS_OF = re.compile(r"\b(?:as of|as at)\s+$", re.IGNORECASE)  # "177 cases ... as of Feb. 26"
PERIOD = re.compile(r"\s*(?:and|to|until|till|through|-|–|—)\s*$", re.IGNORECASE)
PERIOD_START = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


def _period_end(text: str, d: DateSpan, dates: list[DateSpan]) -> str | None:
    """The end of the period a date opens ("between October 18 and March 19", "from May
    to July"): a figure stated for a period is stated as of its end."""
    if not PERIOD_START.search(text[max(0, d.start - 10) : d.start]):
        return None
    after = next((e for e in dates if e.start >= d.end), None)
    if after is None or after.value is None or not PERIOD.fullmatch(text[d.end : after.start]):
        return None
    return after.value


def _context(doc: Doc, tok: Token, start: int, end: int) -> str:
    """The sentence around the value, the value itself masked as '#'."""
    sent = syntax.sent_of(tok)
    left = syntax.text_of(doc)[max(_opened(doc, sent), start - CONTEXT_CHARS) : start]
    right = syntax.text_of(doc)[end : min(sent.end_char, end + CONTEXT_CHARS)]
    return re.sub(r"\s+", " ", f"{left}#{right}").strip()


def _subject(anchor: Token, qualifiers: list[str]) -> str | None:
    """What the value is about: the entity it dates or counts, else its clause's subject,
    below any reporting verb (whose subject is who says it, not what it is about)."""
    for ent in syntax.ents_of(anchor.doc):
        if ent.start <= anchor.i < ent.end and ent.label_ in ENTITY_LABELS:
            return syntax.strip_possessive(ent.text)
    if qualifiers:
        return qualifiers[0]
    for node in syntax.path_up(anchor)[1:5]:
        if node.pos_ == "VERB" and node.lemma_.lower() in syntax.REPORTING:
            break  # "Kennedy added that 20 people were hospitalized": the speaker is the source
        if node.pos_ == "VERB":
            subj = syntax.subject_of(node)
            if subj is not None and subj.lower_ not in syntax.PRONOUNS:
                ents = [e for e in syntax.ents_in(syntax.sent_of(anchor)) if e.start <= subj.i < e.end
                        and e.label_ in ENTITY_LABELS]
                if ents:
                    return syntax.strip_possessive(ents[0].text)
    return None


def _entities(sent: Span) -> list[str]:
    seen: list[str] = []
    for ent in syntax.ents_in(sent):
        name = syntax.strip_possessive(ent.text.strip())
        if ent.label_ in ENTITY_LABELS and name not in seen:
            seen.append(name)
    return seen


def _elided(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A bare number that answers a figure before it in its sentence, under the same verb,
    counts what that figure counts: "some reports say 90 days, the union says 120" (120
    days), "police said 40 people were hurt; the hospital said 35" (35 people). The noun
    or unit is left out because the sentence has just said it; so is the act of a duration
    or measure that gives only its unit ("were held for 40 minutes; the alliance says 90
    minutes"). Not a number with a noun of its own, the value of a noun it is "of" ("the
    stadium's capacity of 55,000"), "of" a whole ("212 of them"), or under another verb
    ("arrested 20 people and said 3 were injured")."""
    out: list[Mention] = []
    for m in mentions:
        prev = next((p for p in reversed(out) if p.sent_start == m.sent_start
                     and p.kind != "date"), None)  # "40 cases in May and 35 in June"
        if (prev is not None and m.kind == "count" and m.head is None and m.counted is None
                and not m.extra.get("of_pronoun") and m.bound in ("exact", "approx")
                and not _of_noun(doc, m)
                and (prev.kind == "duration" or prev.kind == "count" and prev.head)
                and (found := _answers(doc, prev, m)) is not None):
            m = found
            if prev.said_by and m.said_by in (None, prev.said_by) and (
                    source := _gapped_source(doc, prev, m)):
                m = dataclasses.replace(m, said_by=source, extra={
                    **m.extra, **source_fields(source, prev.attribution_cue, None)})
        elif (prev is not None and m.kind in ("duration", "measure") and prev.kind == m.kind
              and m.head is None and len(m.frame) <= 1 and len(prev.frame) > 1
              and m.frame[:1] == prev.frame[:1] and _under_same_verb(doc, prev, m)):
            m = dataclasses.replace(m, frame=prev.frame)  # "police say fans were held for
            # 40 minutes; the alliance says 90 minutes": held for 90 minutes
        out.append(m)
    return out


GAP_OPENERS = frozenset({",", ";", "and", "while", "whereas", "but"})


def _gapped_source(doc: Doc, prev: Mention, m: Mention) -> str | None:
    """The source of an answering figure whose verb the sentence leaves out: "police said
    2,000 people marched, organisers 15,000"; "the ministry says eight died, the association
    13"; "police put the crowd at 2,000, organisers at 15,000". The noun phrase just before
    the figure (and its "at"), set off from the clause before by a comma, a semicolon or
    "while", is who says it; the figure closes its clause."""
    tok = _token_at(doc, m.start, m.end)
    if tok is None or tok.i + 1 < len(doc) and not (
            doc[tok.i + 1].is_punct or doc[tok.i + 1].lower_ in GAP_OPENERS):
        return None
    j = tok.i - 1
    if j >= 0 and doc[j].lower_ == "at":
        j -= 1
    if j < 0 or doc[j].pos_ not in ("NOUN", "PROPN") or doc[j].ent_type_ in (
            "DATE", "TIME", "CARDINAL", "QUANTITY") or doc[j].idx < prev.end:
        return None
    k = j
    while k - 1 >= 0 and doc[k - 1].idx >= prev.end and (
            doc[k - 1].dep_ in ("compound", "amod", "det", "poss", "case")
            or doc[k - 1].pos_ == "PROPN"):
        k -= 1
    if k == 0 or doc[k - 1].text not in GAP_OPENERS:
        return None
    words = [t for t in doc[k : j + 1] if t.dep_ != "det" or t.lower_ != "the"]
    return " ".join(t.text for t in words) if words else None


def _of_noun(doc: Doc, m: Mention) -> bool:
    """The figure is the value of a noun it hangs on by "of" that says what it is ("the
    stadium's capacity of 55,000", "a population of 12,000"), not a figure or an estimate
    that leaves that to the sentence ("the league's figure of 52,000")."""
    tok = _token_at(doc, m.start, m.end)
    if tok is None:
        return False
    node = tok.head if tok.dep_ == "nummod" else tok
    prep = node.head
    return (node.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN"
            and prep.head.lemma_.lower() not in VALUES | RECKONINGS)


def _partitives(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Four of the six gates were open", "Eleven of the valley's 19 water systems": the
    part keeps the value of its whole (``extra["of_total"]``), so that the two are never
    one slot, nor is the part in one report the whole in another."""
    at = {}
    for k, m in enumerate(mentions):
        tok = _token_at(doc, m.start, m.end) if m.kind == "count" else None
        if tok is not None:
            at[tok.i] = k
    out = list(mentions)
    for i, k in at.items():
        wholes = [at[t.i] for c in doc[i].children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"
                  for t in g.children if t.dep_ == "nummod" and t.i in at]
        if wholes and isinstance(value := mentions[wholes[0]].value, float):
            out[k] = dataclasses.replace(out[k], extra={**out[k].extra, "of_total": value})
    return out


def _tallied(mentions: list[Mention]) -> list[Mention]:
    """"About 12,000 people have been displaced, the agency says. The mayor puts the number
    at more than 40,000": a tally said without its "of" counts what the count just before
    it counts, in its sentence or the one before, under that count's act."""
    out: list[Mention] = []
    for m in mentions:
        prev = next((p for p in reversed(out) if p.kind == "count"), None)
        if (m.extra.get("bare_tally") and prev is not None and prev.head
                and _adjacent(prev, m)):
            m = dataclasses.replace(m, head=prev.head, counted=prev.counted,
                                    frame=prev.frame + m.frame)
        out.append(m)
    return out


def _adjacent(prev: Mention, m: Mention) -> bool:
    """Is ``prev`` in ``m``'s sentence or the one just before it?"""
    return prev.sent_start == m.sent_start or (
        prev.sent_end <= m.sent_start and m.sent_start - prev.sent_end <= 2)


def _answers(doc: Doc, prev: Mention, m: Mention) -> Mention | None:
    """``m`` as the figure of what ``prev`` counts, when its verb is one of the verbs
    above ``prev``, or one like it (the same saying, said again: "reported 40 cases in May
    and 35 in June"), else None."""
    theirs = _token_at(doc, prev.start, prev.end)
    if theirs is None or not _under_same_verb(doc, prev, m):
        return None  # another verb: another act ("said 3 were injured")
    if prev.kind == "count":
        return dataclasses.replace(m, head=prev.head, counted=prev.counted)
    number = digits_to_number(theirs.text)
    if number is None or not isinstance(prev.value, float) or not isinstance(m.value, float):
        return None
    factor = prev.value / number if number else 1.0  # "three weeks": 21 days, 7 a week
    return dataclasses.replace(m, kind="duration", unit=prev.unit, value=m.value * factor,
                               low=None if m.low is None else m.low * factor,
                               high=None if m.high is None else m.high * factor)


def _under_same_verb(doc: Doc, prev: Mention, m: Mention) -> bool:
    """Is ``m``'s verb one of the verbs above ``prev`` (or, for counts, the verb of a clause
    joined to ``prev``'s, ``_subjects_of_conjuncts``)?"""
    mine, theirs = _token_at(doc, m.start, m.end), _token_at(doc, prev.start, prev.end)
    if mine is None or theirs is None:
        return False
    verb = syntax.governing_verb(mine)
    if prev.kind == "count" and _subjects_of_conjuncts(theirs, mine, verb):
        return True
    above = {t.lemma_.lower() for t in theirs.ancestors if t.pos_ in ("VERB", "AUX")}
    return verb is not None and verb.lemma_.lower() in above


def _subjects_of_conjuncts(theirs: Token, mine: Token, verb: Token | None) -> bool:
    """The bare number is the subject of a verb joined to the one whose subject the figure
    before it is, or the object of one joined to the one whose object it is: "four people
    have died and three remain missing", "19 people still missing and 11 confirmed dead",
    "killing three people and injuring 27". Not the subject after an object ("arrested 20
    people and 3 were injured"): the object is not what the second clause is told of."""
    noun = theirs.head if theirs.dep_ == "nummod" else theirs
    return (verb is not None and verb.dep_ == "conj" and verb.head.i == noun.head.i
            and (mine.dep_ in SUBJECTS and noun.dep_ in SUBJECTS
                 or mine.dep_ == noun.dep_ == "dobj"))


SUBJECTS = ("nsubj", "nsubjpass")


def _pair_conversions(mentions: list[Mention]) -> list[Mention]:
    """'72 kilometers (45 miles)', '€2 billion ($2.2 billion)': mark the parenthetical as
    the same statement in another unit or currency."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        between = m.sentence[prev.end - m.sent_start : m.start - m.sent_start] if prev else ""
        if (prev is not None and prev.kind == m.kind and prev.doc == m.doc
                and (m.kind == "measure" and 0 < m.start - prev.end <= 3 and "(" in m.sentence
                     or m.kind == "amount" and "(" in between and len(between) <= 4)):
            prev.extra["alt"] = {"value": m.value, "unit": m.unit, "text": m.text}
            continue
        out.append(m)
    return out


def _tensor_context(doc: Doc, tok: Token, start: int, end: int) -> np.ndarray | None:
    """Mean tok2vec vector of the clause around the value (free: the parser computed it),
    as float32: an array, not a list of Python floats, is 8 times smaller in memory."""
    if doc.tensor is None or not len(doc.tensor):
        return None
    sent = syntax.sent_of(tok)
    idx = [t.i for t in sent if not (start <= t.idx < end) and not t.is_punct and not t.is_space
           and abs(t.i - tok.i) <= 12]
    if not idx:
        return None
    vec: np.ndarray = doc.tensor[idx].mean(axis=0)
    return (vec / (np.linalg.norm(vec) or 1.0)).astype(np.float32)
