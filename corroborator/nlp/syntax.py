"""Small readers of the spaCy parse shared by the extractors.

They answer the questions a fact-checker asks of a value in a sentence: what
does it count (the head noun of its phrase), which names qualify that
("Tren de Aragua members"), which predicate and nouns govern it (its frame:
"capacity", "deport"), and who is the speaker of a reporting verb.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .extensions import ENTS, SENTS, TEXT, clear

REPORTING = frozenset(
    "say tell add write state confirm announce report claim note explain post tweet declare "  # noqa: SIM905
    "insist argue warn allege acknowledge admit affirm assert estimate document testify reveal "
    "disclose describe indicate suggest stress emphasize emphasise underscore highlight deny "
    "reply respond comment conclude predict boast concede contend maintain recall quote "
    "announce publish show find promise pledge vow forecast".split()
)
# reporting verbs that give what they govern: "pledged €40,000" is a pledge of the money
COMMITS = frozenset({"promise", "pledge", "vow"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW", "PRODUCT", "EVENT", "LOC"})
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
RELATIVE = frozenset({"who", "which", "that", "whom"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
HEDGES = (
    "allegedly", "alleged", "reportedly", "purportedly", "supposedly", "suspected",
    "unconfirmed", "unverified", "apparently", "citing no evidence", "without evidence",
    "without providing evidence", "believed to", "is said to", "are said to", "could not be verified",
    "claimed", "claims", "estimated", "may have", "might have", "could have", "possibly", "rumored",
    "rumoured",
)
SKIP_FRAME = frozenset({"be", "have", "do", "include", "including", "also", "%"}) | REPORTING


def sent_of(tok: Token) -> Span:
    """``tok.sent``, from a per-Doc index (``doc._.corroborator_sents``): spaCy walks the
    whole Doc on every ``.sent``."""
    doc = tok.doc
    index: tuple[list[Span], list[int]] | None = doc._.corroborator_sents
    if index is None:
        sents = list(doc.sents)
        owner = [0] * len(doc)
        for k, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                owner[i] = k
        index = (sents, owner)
        doc._.corroborator_sents = index
    sents, owner = index
    return sents[owner[tok.i]]


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once (``doc._.corroborator_text``): spaCy joins every token on
    each access."""
    text: str | None = doc._.corroborator_text
    if text is None:
        text = doc._.corroborator_text = doc.text
    return text


def verb_lemma(tok: Token, known: frozenset[str]) -> str:
    """The lemma, or a verb of ``known`` the lemmatizer missed ("rated" -> "rat", "raged" ->
    "rag"): the word with a verb ending taken off."""
    lemma = tok.lemma_.lower()
    if lemma in known or not tok.tag_.startswith("VB"):
        return lemma
    low = tok.lower_
    for end, add in (("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", ""), ("ing", ""),
                     ("ing", "e")):
        if low.endswith(end) and low[: -len(end)] + add in known:
            return low[: -len(end)] + add
    return lemma


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once (``doc._.corroborator_ents``): spaCy makes every entity Span
    anew on each access."""
    ents: tuple[Span, ...] | None = doc._.corroborator_ents
    if ents is None:  # not a "person" of common nouns ("a 34-year-old lorry driver"), which
        # the small model tags so: a name has a capital
        ents = doc._.corroborator_ents = tuple(
            _relabelled(e) for e in doc.ents
            if e.label_ != "PERSON" or any(c.isupper() for c in e.text))
    return ents


def _relabelled(ent: Span) -> Span:
    """The entity, a "person" whose name ends in a body's word ("the opposition Civic
    Alliance") made an organisation and one that ends in a place's ("Liberty Square") a
    facility. (``entity_label`` corrects groups the same model takes for persons, for the
    event grouping.)"""
    last = ent[-1].lower_ if ent.label_ == "PERSON" and len(ent) > 1 else ""
    label = "ORG" if last in BODY_WORDS else "FAC" if last in PLACE_WORDS else None
    return Span(ent.doc, ent.start, ent.end, label=label) if label else ent


# the last word of a place's name: "Liberty Square" is no person
PLACE_WORDS = frozenset(
    "square street boulevard avenue road bridge park stadium airport station harbour "  # noqa: SIM905
    "harbor port valley river lake bay hills mountains island".split()
)


# the last word of an organisation's name: "the opposition Civic Alliance" is no person
BODY_WORDS = frozenset(
    "alliance party union group front movement coalition council committee association "  # noqa: SIM905
    "federation league ministry agency authority institute service company bank society "
    "foundation trust network bureau commission corporation partners club".split()
)


GROUP_NOUNS = frozenset({"member", "gang", "cartel", "faction", "affiliate", "militia",
                         "clique", "gangster", "fighter", "militant"})


def entity_label(ent: Span) -> str:
    """An entity's label, a group the small model takes for a person corrected: a name
    with a digit in it ("MS-13"), one read with "the" ("the Tren de Aragua"), or one naming
    the group its members, fighters or gang belong to ("Tren de Aragua members") is an
    organisation."""
    if ent.label_ != "PERSON":
        return ent.label_
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    root = ent.root
    if root.dep_ in ("compound", "appos") and root.head.lemma_.lower() in GROUP_NOUNS:
        return "ORG"  # "Tren de Aragua members", "gang members, Tren de Aragua, ..."
    if root.dep_ == "compound":  # "the Trump administration" names a person's office
        return ent.label_
    if any(c.isdigit() for c in ent.text) or ent[0].lower_ == "the" or before == "the":
        return "ORG"
    return ent.label_


def ents_in(span: Span) -> list[Span]:
    """The entities inside ``span`` (``span.ents`` without rebuilding the Doc's)."""
    return [e for e in ents_of(span.doc) if span.start <= e.start and e.end <= span.end]


def forget_sents(doc: Doc) -> None:
    """Drop the per-Doc caches (they hold Spans, which should not travel with the Doc)."""
    clear(doc, (SENTS, TEXT, ENTS))


def number_head(tok: Token) -> Token | None:
    """The noun a number token counts: '238 ... members' -> members."""
    head = tok
    for _ in range(3):  # climb over numbers that modify numbers ("two hundred")
        if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.i > tok.i:
            head = head.head
            if head.pos_ in ("NOUN", "PROPN") and not head.like_num:
                return head
        else:
            break
    for child in tok.children:  # "thousands of soldiers", "six of them"
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objs:
                return objs[0]
    if (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN"
            and tok.head.head.lemma_.lower() in COLLECTIVES):
        return tok.head.head  # "a crew of 11", "a crowd of 10,000": the crew, the crowd
    return estimated(tok) or tallied(tok)


def bare_tally(tok: Token) -> bool:
    """"Puts the number at more than 40,000": a number of what the sentences before have
    just counted, the tally word said without its "of"."""
    obj = _set_at(tok)
    return (obj is not None and obj.lemma_.lower() in TALLIES
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in obj.children))


# nouns for a body of people, said with its size after "of": "a crew of 11"
COLLECTIVES = frozenset("crew crowd team force group staff workforce delegation contingent squad".split())  # noqa: SIM905


# verbs that set a figure on a thing: "put the number of protesters at 300,000"
ESTIMATING = frozenset("put estimate place peg set fix reckon".split())  # noqa: SIM905
# words for a number of things: "the number of protesters" counts protesters
TALLIES = frozenset("number total count tally figure".split())  # noqa: SIM905


def estimated(tok: Token) -> Token | None:
    """What a figure counts in "put the number of X at N" ("put the number of protesters
    at 300,000", "the number of missing at 23": protesters, missing)."""
    obj = _set_at(tok)
    if obj is None or obj.lemma_.lower() not in TALLIES:
        return None  # "put the crowd at 36,000", "the turnout", "the toll": a number of
        # people already, whichever noun names it
    inner = _of_objects(obj)
    return inner[0] if inner else None


def _of_objects(noun: Token) -> list[Token]:
    """What ``noun``'s "of" phrases hold: "the number of protesters" -> [protesters]."""
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ in ("pobj", "pcomp")]


# verbs that give a tally its value: "the number of cases reached 412", "has risen to 27"
TALLYING = frozenset("be reach total hit top exceed surpass stand rise climb grow increase "  # noqa: SIM905
                     "jump swell mount soar fall drop".split())


def tallied(tok: Token) -> Token | None:
    """What a figure counts when a verb gives it to a tally of something: "the number of heat
    deaths exceeds 300", "the number of people confirmed dead has risen to 27", "put the
    number of homes destroyed at 126" (the "at" hung on the participle): deaths, people,
    homes. Not a tally that names nothing ("the toll stood at 61": a number of people
    already, whichever noun names it)."""
    link = tok
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in ("to", "at"):
        link = tok.head
    elif tok.dep_ not in ("dobj", "attr"):
        return None
    verb = link.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in TALLIES and link.lower_ == "at" \
            and verb.head.head.lemma_.lower() in ESTIMATING:
        tally: Token | None = verb.head  # "put the number of homes destroyed at 126"
    elif verb.lemma_.lower() in TALLYING:
        tally = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    else:
        return None
    if tally is None or tally.lemma_.lower() not in TALLIES or tally.i > tok.i:
        return None
    inner = [g for g in _of_objects(tally) if g.dep_ == "pobj" and g.pos_ == "NOUN"]
    return inner[0] if inner else None


def _set_at(tok: Token) -> Token | None:
    """What a verb of estimating sets at the figure ``tok``: "put the number of protesters
    at 300,000" -> number; None when ``tok`` is no such "at" figure."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "at" or tok.head.dep_ != "prep":
        return None
    verb = tok.head.head
    if verb.dep_ == "relcl" and tok.head.right_edge.i == verb.right_edge.i:
        top = verb  # "put the number of vehicles that fell at 12": the "at" closes a clause
        # on the object's "of" noun, where the parser hangs it
        while top.dep_ in ("relcl", "pobj", "prep") and top.head.i != top.i:
            top = top.head
        if top.dep_ == "dobj" and top.lemma_.lower() in TALLIES:
            verb = top.head
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if verb.lemma_.lower() not in ESTIMATING or obj is None or obj.i > tok.i:
        return None
    return obj


# words that date a figure to the moment of the report: a running tally, not a settled fact
RUNNING = re.compile(r"\b(?:now|so far|to date|as of|currently|latest|stood at|stands at|"
                     r"still|remain|remains|remained)\b", re.IGNORECASE)


def running(anchor: Token, saying: frozenset[str] = frozenset()) -> bool:
    """Is the figure a running tally as of its report: its verb in the present perfect
    ("has killed 187", "have been evacuated"; not a past perfect shifted back under
    "said", nor a verb of ``saying``: "have calculated a magnitude of 7.1" reckons, it does
    not tally; nor one that sets a quantity at the figure: "have reconciled the quantity on
    site at 310 tonnes") or its sentence dating it to the moment ("now", "so far", "as
    of", "stood at")?"""
    verb = governing_verb(anchor)
    if verb is not None and verb.tag_ == "VBN" and verb.lemma_ not in saying and any(
            c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ != "VBD"
            for c in verb.children) and not _reckoned(anchor, verb):
        return True
    return bool(RUNNING.search(anchor.sent.text))


QUANTITY_NOUNS = frozenset({"quantity", "number", "total", "amount", "volume", "size",
                            "value", "cost"})


def _reckoned(anchor: Token, verb: Token) -> bool:
    """A quantity the verb sets at the figure, as "put ... at" does ("have reconciled the
    quantity on site at 310 tonnes"): a reckoning of it, not a tally the act runs up."""
    for tok in (anchor, *anchor.ancestors):
        if tok.i == verb.i:
            return False
        if tok.dep_ == "pobj" and tok.head.lower_ == "at" and tok.head.head.i == verb.i:
            return any(c.dep_ == "dobj" and c.lemma_.lower() in QUANTITY_NOUNS
                       for c in verb.children)
    return False


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb at or above ``tok`` in its tree, if any."""
    return next((t for t in (tok, *tok.ancestors) if t.pos_ in ("VERB", "AUX")), None)


def present(anchor: Token) -> bool:
    """Is the figure's verb in the present ("the business owes $45 billion", "a company
    that is wallowing in $60 billion debt"): a state as of the report, not a past act ("was
    ordered to forfeit $14 million")?"""
    verb = governing_verb(anchor)
    if verb is None:
        return False
    return verb.tag_ in ("VBZ", "VBP") or verb.tag_ in ("VBG", "VBN") and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def as_people(tok: Token) -> bool:
    """A participle or adjective standing for the people it describes: "the number of
    missing", "the injured", "the dead"."""
    return tok.pos_ in ("VERB", "ADJ") and tok.dep_ in ("pobj", "pcomp", "dobj") or (
        tok.lower_ == "dead" and tok.dep_ in ("pobj", "dobj"))


def of_phrase(head: Token, limit: int = 10) -> list[Token]:
    """The tokens of ``head``'s 'of ...' complement, if any (at most ``limit``)."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            toks = [t for t in child.subtree if not t.is_punct or t.text in "-"]
            return toks[:limit]
    return []


def name_groups(tokens: list[Token]) -> list[str]:
    """Contiguous runs of proper names (or names like 'MS-13') among ``tokens``."""
    groups: list[list[Token]] = []
    for tok in tokens:
        if tok.pos_ == "DET" or tok.is_punct and tok.text != "-":
            continue
        named = tok.pos_ == "PROPN" or tok.ent_type_ in NAME_LABELS or _is_code(tok)
        glue = tok.lower_ in ("de", "del", "la", "of", "-") and groups and groups[-1]
        if named or (glue and groups and groups[-1][-1].i == tok.i - 1):
            if groups and groups[-1][-1].i == tok.i - 1:
                groups[-1].append(tok)
            else:
                groups.append([tok])
    names = []
    for g in groups:
        while g and g[-1].lower_ in ("de", "del", "la", "of", "-"):
            g.pop()
        if g:
            names.append(g[0].doc[g[0].i : g[-1].i + 1].text)
    return names


def _is_code(tok: Token) -> bool:
    text = tok.text
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


WORD = re.compile(r"[^\W\d_]")  # a word has a letter ("|" tagged a noun is none)


def frame_lemmas(start: Token, limit: int = 4) -> list[str]:
    """Content lemmas of the predicates and nouns above ``start``, nearest first."""
    out: list[str] = []
    # "20 people hospitalized"; not a naming ("outbreaks, defined as 3 or more cases")
    own = next((c for c in start.children if c.dep_ in ("acl", "relcl")
                and c.pos_ == "VERB" and (c.lemma_.lower() not in SKIP_FRAME or _does(c))
                and not any(g.dep_ == "prep" and g.lower_ == "as" for g in c.children)), None)
    if own is not None:
        out.append(own.lemma_.lower())
    tok = start
    while tok.head.i != tok.i and len(out) < limit:
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            break  # a clause of its own: "four have died and three remain missing"
        below, tok = tok, tok.head
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and below.dep_ in ("nsubj", "nsubjpass"):
            out.extend(_purpose(tok))  # "96% voted to strike": the vote is to strike
            out.extend(_state(tok))  # "three remain missing", "11 confirmed dead"
        if lemma == "be" and any(c.dep_ == "expl" for c in tok.children):
            out.append("exist")  # "there have been 177 cases": the cases are, no more
        if tok.pos_ in ("NOUN", "VERB", "ADJ") and WORD.search(lemma) and (
                lemma not in SKIP_FRAME or lemma in COMMITS and below.dep_ == "dobj"):
            out.append(lemma)
        if tok.dep_ == "ROOT":
            break
    for child in start.children:  # "inmates engaged in workshops"
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() not in SKIP_FRAME:
            out.append(child.lemma_.lower())
            out.extend(
                g.lemma_.lower() for g in child.subtree
                if g.pos_ == "NOUN" and g.i != start.i and g.i - child.i < 6
            )
    return out[: limit + 3]


def _does(participle: Token) -> bool:
    """A present participle with an object of its own, what the counted noun does ("212
    polling stations reporting turnout above 95%"), even a verb that elsewhere only cues
    a source."""
    return participle.dep_ == "acl" and participle.tag_ == "VBG" and any(
        c.dep_ == "dobj" for c in participle.children)


def _state(verb: Token) -> list[str]:
    """The state a verb puts its subject in: "remain missing", "confirmed dead"."""
    return [c.lemma_.lower() for c in verb.children
            if c.dep_ in ("acomp", "oprd") and c.pos_ in ("ADJ", "VERB")][:1]


def _purpose(verb: Token) -> list[str]:
    """The verb a verb of will governs, what its subject voted, agreed or decided to do."""
    return [c.lemma_.lower() for c in verb.children
            if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lemma_.lower() not in SKIP_FRAME][:1]


def path_up(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a verb; for a relative clause, the noun it modifies."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    real = [c for c in subjects if c.lower_ not in RELATIVE]
    if real:
        return real[0]
    if subjects or verb.dep_ in ("relcl", "acl"):
        return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None
    inverted = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i
                and (c.ent_type_ in SPEAKER_LABELS or c.pos_ == "PROPN")]
    return inverted[0] if inverted else None


def phrase_name(tok: Token) -> str:
    """A short name for the noun phrase headed by ``tok``: its entity, its proper-noun
    run, an entity in its appositive, or compounds + head ('justice minister')."""
    doc = tok.doc
    for ent in ents_of(doc):
        if ent.start <= tok.i < ent.end and ent.label_ in SPEAKER_LABELS:
            return strip_possessive(ent.text)
    if tok.pos_ == "PROPN":
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
            start -= 1
        return strip_possessive(doc[start : tok.i + 1].text)
    for child in tok.children:
        if child.dep_ == "appos":
            for ent in ents_of(doc):
                if ent.start <= child.i < ent.end and ent.label_ in SPEAKER_LABELS:
                    return strip_possessive(ent.text)
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "poss") and c.i >= tok.i - 4
             and c.pos_ != "PRON"]
    start = min([c.left_edge.i if c.dep_ == "poss" else c.i for c in left], default=tok.i)
    while doc[start].pos_ == "DET" and start < tok.i:
        start += 1
    return strip_possessive(doc[start : tok.i + 1].text)


def strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def hedge_in(sent: Span) -> str | None:
    low = sent.text.lower()
    for cue in HEDGES:
        k = low.find(cue)
        if k >= 0 and (k == 0 or not low[k - 1].isalpha()):
            end = k + len(cue)
            if end >= len(low) or not low[end].isalpha():
                return cue
    return None


def hedge_for(tok: Token) -> str | None:
    """The hedge that governs the value at ``tok``: a cue of ``HEDGES`` in its sentence that
    is on the value's way up the tree, modifies a word on it ("allegedly killed 5", "may
    have", "citing no evidence"), or lies in the value's own phrase ("an estimated 500");
    not one that qualifies something else ("the suspected gunman ... on 4 May")."""
    sent = sent_of(tok)
    low = sent.text.lower()
    path = {t.i for t in path_up(tok)}
    head = tok.head if tok.dep_ in ("nummod", "quantmod", "compound") else tok
    phrase = {t.i for left in head.lefts for t in left.subtree}  # "an estimated 500 people"
    for cue in HEDGES:
        for k in _matches(low, cue):
            span = tok.doc.char_span(sent.start_char + k, sent.start_char + k + len(cue),
                                     alignment_mode="expand")
            if span is None:
                continue
            if any(h.i in path or h.head.i in path or h.i in phrase
                   or (h.head.head.i in path and h.head.dep_ in ("aux", "advmod", "neg"))
                   for h in span):
                return cue
    return None


def _matches(low: str, cue: str) -> list[int]:
    out = []
    k = low.find(cue)
    while k >= 0:
        end = k + len(cue)
        if (k == 0 or not low[k - 1].isalpha()) and (end >= len(low) or not low[end].isalpha()):
            out.append(k)
        k = low.find(cue, k + 1)
    return out


def named_antecedent(tok: Token) -> Token:
    """The name a common noun stands for: 'the Alien Enemies Act, a law ...' -> Act for
    'law', and a later 'the law' -> Act too (the nearest earlier appositive of that noun)."""
    if tok.pos_ != "NOUN":
        return tok
    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
        return tok.head
    if not any(c.lower_ in ("the", "this", "that") for c in tok.children):
        return tok
    for prev in reversed(tok.doc[max(0, tok.i - 200) : tok.i]):
        if prev.lemma_ == tok.lemma_ and prev.dep_ == "appos" and prev.head.pos_ == "PROPN":
            return prev.head
    return tok


def headline_case(sent: Span) -> bool:
    """A line in headline case: every word of three letters or more capitalised, verbs too
    ("Voters Rip Ana Ruiz As A Fraud"), where a sentence full of names still has its verbs
    in lower case ("Senator Ana Ruiz met President Obama")."""
    words = [t.text for t in sent if t.is_alpha and len(t.text) >= 3]
    return len(words) >= 4 and all(w[0].isupper() for w in words)
