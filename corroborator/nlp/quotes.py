"""Direct quotations and their speakers.

``find_quote_spans(text)`` pairs quote marks (curly and straight) inside a
paragraph, and lets a quotation run on over paragraphs the way newspapers do
(an opening mark with no closing one continues into the next paragraph that
opens with a quote mark). ``attribute_quotes(doc, spans)`` finds each quote's
speaker from the parse: the subject of a reporting verb or a verb of voice after
the quote (", Varga said" / ", said the agency" / "he added" / "shouted one
marcher", and after a "?"-quote in a sentence of its own: "Lima asked.") or before
it ("X wrote:", "called the ruling '...'"), through relative clauses ("Varga, who
... posted on X, '...'"), participles ("..., adding '...'"); "he"/"she" resolved by
gender and "it"/"they" by number (``nlp.pronouns``); "according to X" on either
side; a transcript's speaker label ('"RUIZ: ...'); a dash signature ('"..." — Ana
Lima, union leader'). A quote that runs on untagged keeps the speaker and verb of
the one before it. A word of the quote itself is never its speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .attribution import according_to, label_at
from .sources import WE, resolve_pronoun, source_name
from .syntax import (
    PRONOUNS,
    REPORTING,
    SPEAKER_LABELS,
    ents_in,
    ents_of,
    sent_of,
    strip_possessive,
    subject_of,
    text_of,
    verb_lemma,
)

OPEN = "“\"«„"
CLOSING = frozenset({"”", '"', "»", "“", ","})  # what ends a quote just before its tag
CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“"}
MIN_WORDS = 2  # one-word scare quotes ("coolest") are not quotations
# verbs that introduce a quotation beside the reporting ones: '"Why?" she asked'
QUOTE_VERBS = frozenset(
    "ask chant shout yell scream cry exclaim quip joke whisper plead continue sing fume "  # noqa: SIM905
    "snap sigh groan grumble mutter murmur roar bellow gush rage sob vent".split()
)
VOICE = REPORTING | QUOTE_VERBS  # what a verb of a quote's tag may be
TAG_WORDS = 6  # words of a speaker tag that follows a quote as its own sentence ("she asked.")
# a quote signed with a dash: '"We will not give up" — Ana Lima, union leader'
DASHED_NAME = re.compile(r"[ \t]*[—–]{1,2}[ \t]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})[ \t]*(?:,|\n|$)")
CHANTS = frozenset({"chant", "sing", "shout", "yell", "scream", "cry"})  # may take their words
LABEL_CHARS = 45  # how far into a quote a speaker label ("RUIZ:") may end
AFTER_WINDOW = 30  # tokens searched after a quote for its verb: '"...," Dr. X, a long role, said'


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # offsets of the quoted text, marks excluded
    end: int
    open_at: int  # offset of the opening mark
    close_at: int  # offset of the closing mark (== end if the quote ran to a paragraph end)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    pos = 0
    for para in re.split(r"(\n\s*\n|\n)", text):
        if para.strip():
            spans.extend(_in_paragraph(para, pos))
        pos += len(para)
    return [s for s in spans if len(text[s.start : s.end].split()) >= MIN_WORDS]


def _in_paragraph(para: str, base: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    i = 0
    while i < len(para):
        ch = para[i]
        if ch in OPEN and (ch != '"' or _opens(para, i)):
            close = para.find(CLOSE[ch], i + 1)
            if close < 0:  # runs to the end of the paragraph
                out.append(QuoteSpan(base + i + 1, base + len(para.rstrip()), base + i,
                                     base + len(para.rstrip())))
                break
            out.append(QuoteSpan(base + i + 1, base + close, base + i, base + close))
            i = close + 1
            continue
        i += 1
    return out


def _opens(para: str, i: int) -> bool:
    """A straight double quote opens a quotation when it is not glued to a word before it."""
    return i == 0 or not para[i - 1].isalnum()


def _verb_near(doc: Doc, sent: Span, qs: QuoteSpan, after: bool) -> Token | None:
    """The nearest reporting verb after (or before) the quote in its sentence."""
    if after:
        window = [t for t in sent if t.idx > qs.close_at][:AFTER_WINDOW]
    else:
        window = list(reversed([t for t in sent if t.idx + len(t) <= qs.open_at]))[:12]
    for tok in window:
        if _reports(tok):
            return tok
        if after and (tok.text in OPEN or tok.dep_ == "mark"):
            break  # not '"...", and that a full timeline would be published': a clause
            # that goes on with what was said, no tag of the quote
    return None


def _reports(tok: Token) -> bool:
    """A reporting verb, a verb of voice ('asked', 'shouted', 'chanted'), or 'read' with no
    object ('"...," the letter read')."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb_lemma(tok, VOICE)
    if lemma in ("call", "accuse"):  # 'the president called the ruling "a disgrace"',
        # 'accused ministers of "hiding the toll"'; not 'a group called "Save Our Beach"'
        return (tok.tag_ != "VBN" and any(c.dep_ == "nsubj" for c in (
                    *tok.children, *(tok.head.children if tok.dep_ == "conj" else ())))
                or tok.dep_ == "acl" and tok.i > 0 and tok.nbor(-1).text == ","
                and tok.head.pos_ in ("NOUN", "PROPN"))  # 'a sum the union's president,
        # Radka Vesel, called "an insult"': the parser hangs the verb on its subject
    if lemma in CHANTS:  # not "... and chanted slogans": a voice with its own object
        return not any(c.dep_ in ("dobj", "ccomp") and c.i > tok.i for c in tok.children)
    return lemma in REPORTING or lemma in QUOTE_VERBS or lemma == "read" and not any(
        c.dep_ in ("dobj", "ccomp", "prep") and c.i > tok.i for c in tok.children)


def _speaker_of_verb(verb: Token, outside: list[QuoteSpan]) -> Token | None:
    subj = subject_of(verb) or _relative_subject(verb)
    if subj is None or subj.i > verb.i:
        named = _named_between(verb, outside)
        if named is not None:
            return named
    if subj is not None and any(q.open_at <= subj.idx < q.close_at for q in outside):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                     and not any(q.open_at <= c.idx < q.close_at for q in outside)), subj)
        # '"... the old town, ... is all on the ground," Belcic told': the parser gives the
        # verb a subject inside the quote too
    if subj is not None and not any(q.open_at <= subj.idx < q.close_at for q in outside):
        return subj  # not a word of the quote itself ('chanting "Strike, Strike!"')
    after = [c for c in verb.children if c.i > verb.i and c.pos_ in ("NOUN", "PROPN")
             and c.dep_ in ("dobj", "attr", "npadvmod", "nsubj", "appos")
             and c.left_edge.i <= verb.i + 3
             and not any(q.open_at <= c.idx < q.close_at for q in outside)]
    after_quote = verb.i > 0 and verb.nbor(-1).text in CLOSING
    if after and after_quote:
        return after[0]  # '"Enough!" shouted one marcher': the speaker after the verb
    if after_quote:
        entity = next((e for e in ents_in(sent_of(verb)) if e.label_ in SPEAKER_LABELS
                       and verb.i < e.start <= verb.i + 3), None)
        if entity is not None:
            return entity.root  # '"...," said Ana Prell, whose son, Mikel, died': the parser
            # makes the name the subject of the clause after it
    if after_quote and verb.dep_ == "amod" and verb.head.i > verb.i:
        named = verb.head
        while named.dep_ == "compound" and named.head.i > named.i:
            named = named.head
        return named  # '"...," fumed farmer Stefan Ilic': the verb read as the name's modifier
    if verb.lemma_.lower() not in REPORTING:
        return None  # "chanting ...": a crowd's voice, not the last name in the sentence
    if verb.tag_ == "VBG" or verb.dep_ in ("advcl", "xcomp", "conj"):
        prior = [e for e in ents_in(sent_of(verb)) if e.label_ in SPEAKER_LABELS and e.end <= verb.i
                 and not any(q.open_at <= e.start_char < q.close_at for q in outside)]
        persons = [e for e in prior if e.label_ == "PERSON"] or prior
        if persons:
            return persons[-1].root
        if verb.head.i != verb.i:
            return subject_of(verb.head)
    return None


def _relative_subject(verb: Token) -> Token | None:
    """"Dana Kruse, 52, whose son died in his car, said: ...": a verb of saying left without
    a subject, whose name the parser gave to the verb of the relative clause set off
    before it."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i > verb.i:
            continue
        for name in (c for c in clause.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"):
            if any(t.lower_ in ("whose", "who") for t in verb.doc[name.i : clause.i]):
                return name
    return None


def _named_between(verb: Token, outside: list[QuoteSpan]) -> Token | None:
    """'"...," the agency's director-general, Colm Rudd, told reporters': the parser hung
    the phrase that names the speaker inside the quote's clause and left the verb no
    subject; the name between the closing quote and the verb (no verb between) speaks."""
    closes = [q.close_at for q in outside if q.close_at <= verb.idx]
    if not closes:
        return None
    close = max(closes)
    between = [t for t in sent_of(verb) if close < t.idx < verb.idx]
    if not between or any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    names = [e for e in ents_in(sent_of(verb)) if e.label_ in SPEAKER_LABELS
             and e.start_char > close and e.end <= verb.i]
    persons = [e for e in names if e.label_ == "PERSON"] or names
    return persons[-1].root if persons else None


Attributed = list[tuple[QuoteSpan, str | None, str | None]]


def attribute_quotes(doc: Doc, spans: list[QuoteSpan]) -> Attributed:
    """Each quote with its speaker's name (or None) and the reporting verb."""
    people = _people_outside_quotes(doc, spans)
    out: Attributed = []
    for k, qs in enumerate(spans):
        speaker, cue = _speaker(doc, qs, spans, people, out)
        if speaker == WE:
            speaker = None  # '"...," we said': the report's issuer, whom the text names not
        if speaker is None and cue is None:  # a transcript's '"RUIZ: ...'
            label = label_at(doc, min(qs.end, qs.start + LABEL_CHARS))
            if label is not None:
                speaker, cue = label.said_by, label.cue
        if speaker is None and cue is None and k > 0:
            prev_qs, prev_speaker, prev_cue = out[-1]
            between = text_of(doc)[prev_qs.close_at : qs.open_at]
            others = [name for start, name in people if prev_qs.close_at <= start < qs.open_at
                      and not (prev_speaker and _same_person(name, prev_speaker))
                      and _acts(doc, start, name)]  # not "whose husband, Daniel, ..."
            if len(between) < 400 and not others and prev_speaker is not None:
                speaker, cue = prev_speaker, prev_cue  # a quote that runs on, untagged
        out.append((qs, speaker, cue))
    return out


def _acts(doc: Doc, start: int, name: str) -> bool:
    """Whether the person named at ``start`` is a clause's subject, one who may speak next,
    not one spoken of in passing ("whose husband, Daniel, has not been found" is Daniel's
    clause, but the tag's relative clause holds him)."""
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and not any(
        t.dep_ == "relcl" for t in (root.head, *root.head.ancestors))


def _same_person(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa & wb)


def _people_outside_quotes(doc: Doc, spans: list[QuoteSpan]) -> list[tuple[int, str]]:
    """PERSON entities outside quotes; those that are a clause's subject come with a '*'."""
    return [(e.start_char, e.text) for e in ents_of(doc) if e.label_ == "PERSON"
            and not any(q.open_at <= e.start_char < q.close_at for q in spans)]


def _antecedent(doc: Doc, people: list[tuple[int, str]], before: int) -> str | None:
    """The person 'he'/'she' most likely refers to: the last person who was a subject."""
    prior = [(start, name) for start, name in people if start < before]
    for start, name in reversed(prior[-3:]):
        span = doc.char_span(start, start + len(name), alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
            return strip_possessive(name)
    return strip_possessive(prior[-1][1]) if prior else None


def _speaker(doc: Doc, qs: QuoteSpan, spans: list[QuoteSpan], people: list[tuple[int, str]],
             done: Attributed) -> tuple[str | None, str | None]:
    sent_tok = doc.char_span(qs.close_at, qs.close_at + 1, alignment_mode="expand")
    sent = sent_of(sent_tok[0]) if sent_tok is not None and len(sent_tok) else None
    if sent is None:
        return None, None
    after = [t for t in sent if t.idx >= qs.close_at]
    if after and after[0].lower_ in ("according", ",", "”", '"') and any(
            t.lower_ == "according" for t in after[:3]):  # '"...," according to the parliament'
        found = according_to(doc, after[0])
        if found is not None:
            return found.said_by, found.cue
    verb = _verb_near(doc, sent, qs, after=True)
    if verb is not None and verb.dep_ in ("relcl", "acl"):
        verb = _governing_verb(doc, qs) or verb  # 'insist the real figure was "close to
        # 400 tonnes", far above the 180 tonnes the firm admits to': a verb of a clause on
        # a noun after the quote is no tag of it, where a verb before the quote reports it
    verb = verb or _tag_after(doc, sent, qs) or _verb_near(doc, sent, qs, after=False)
    if verb is None:
        open_tok = doc.char_span(qs.open_at, qs.open_at + 1, alignment_mode="expand")
        if open_tok is not None and len(open_tok) and sent_of(open_tok[0]) != sent:
            verb = _verb_near(doc, sent_of(open_tok[0]), qs, after=False)
    if verb is None:
        verb = _colon_verb(doc, qs) or _governing_verb(doc, qs)
    if verb is None:
        dashed = DASHED_NAME.match(text_of(doc), qs.close_at + 1)
        if dashed is not None:  # '"..." — Ana Lima, union leader'
            return dashed.group(1), "—"
        return _according_before(doc, qs)
    subj = _speaker_of_verb(verb, spans)
    if subj is None:
        return None, verb.text
    if subj.lower_ in PRONOUNS:
        if subj.lower_ in ("it", "they"):  # "it added": the record or body, by number
            return resolve_pronoun(doc, subj), verb.text
        if subj.lower_ not in ("he", "she", "him", "her"):
            return None, verb.text
        name = resolve_pronoun(doc, subj, [*done, *((q, None, None) for q in spans)])
        return name or _antecedent(doc, people, qs.open_at), verb.text
    return source_name(doc, subj, done)[0], verb.text


def _tag_after(doc: Doc, sent: Span, qs: QuoteSpan) -> Token | None:
    """'"Why were 40 buses late?" Ana Lima asked.': a quote ending in '?' or '!' ends its
    sentence, and the tag that names its speaker opens the next one."""
    if sent.end >= len(doc) or text_of(doc)[max(0, qs.close_at - 1)] not in "?!":
        return None
    if any(t.idx > qs.close_at and not t.is_punct for t in sent):
        return None  # the sentence goes on after the quote
    nxt = sent_of(doc[sent.end])
    if "\n" in text_of(doc)[qs.close_at : nxt.start_char]:
        return None  # a new paragraph, not the quote's tag
    words = [t for t in nxt if not t.is_punct][:TAG_WORDS]
    verb = next((t for t in words if _reports(t)), None)
    if verb is None or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return None  # "Officials said the buses ...": a sentence of its own, not a tag
    opens = any(c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i == nxt.start
                and c.right_edge.i < verb.i for c in verb.children)
    if verb.i == words[0].i or opens or verb.i + 1 >= nxt.end or doc[verb.i + 1].is_punct:
        return verb  # "she asked.", "Ana Lima asked the mayor", "shouted one marcher."
    return None


def _according_before(doc: Doc, qs: QuoteSpan) -> tuple[str | None, str | None]:
    """'According to Varga, "the strike will go on."': the source before the quote."""
    inside = doc.char_span(qs.start, qs.end, alignment_mode="contract")
    if inside is None or not len(inside):
        return None, None
    sent = sent_of(inside[0])
    if not any(t.lower_ == "according" and t.idx < qs.open_at for t in sent):
        return None, None
    found = according_to(doc, inside[0])
    return (found.said_by, found.cue) if found is not None else (None, None)


def _governing_verb(doc: Doc, qs: QuoteSpan) -> Token | None:
    """'Goran Lisk said rationing, which began on Thursday night, would stay in force "until
    the reservoir is back above 25 per cent"': a quote inside the clause a reporting verb
    governs, however far from it, is what that verb reports."""
    inside = doc.char_span(qs.start, qs.end, alignment_mode="contract")
    if inside is None or not len(inside):
        return None
    tok = inside[0]
    for _ in range(GOVERNING_DEPTH):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.idx < qs.open_at and _reports(tok):
            return tok
    return None


GOVERNING_DEPTH = 8  # heads climbed from a quote to the verb that reports it


def _colon_verb(doc: Doc, qs: QuoteSpan) -> Token | None:
    """'Union secretary Piet Sandoval put it plainly: "..."': the verb before the colon."""
    before = text_of(doc)[: qs.open_at].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    sent = sent_of(colon[0])
    before_colon = [t for t in sent if t.i < colon[0].i]
    inside = {t.i for t in before_colon}
    heads = [t for t in before_colon if t.head.i not in inside and t.pos_ in ("VERB", "AUX")]
    if heads:  # the clause before the colon, even when the parser hangs it on the quote's verb
        return heads[-1]
    root = sent.root
    return root if root.pos_ in ("VERB", "AUX") and root.i < colon[0].i else None
