"""Who the text says a figure comes from: the source, its cue and the kind of source.

``attribute(doc, tok, start, quotes)`` reads it from the parse, innermost first
(a figure belongs to the source of its own clause or parenthesis):

1. a direct quotation holding the figure gives its speaker;
2. a cue on the figure's way up the dependency tree: a reporting verb whose
   content the figure is in ("officials said 20 died", "a poll found 56%";
   "the government put attendance at 107,000", "estimated the crowd at 20,000"),
   a noun of record with its author ("an estimate by the Archive of 140,000"), a
   relative clause on the figure's noun ("the $1.6 billion that Anderson
   estimates"). Not content: the listener ("asked the moderator, who ..."), a
   noun object of a verb of speech ("the storm claimed 20 lives"), a circumstance
   of the saying ("said on Tuesday"), an adjunct put before the speaker ("In his
   2002 book, X suggested"), a clause across a semicolon;
3. "according to X" / "per X" / "by one estimate", the one nearest the figure
   when a sentence holds several ("from 88,000 (according to the army) to
   107,000 (according to the police)");
4. a reporting clause set off by commas (", the ministry said,"), and a speaker
   label opening the paragraph ("Mayor: 56 injured", a transcript's "RUIZ:").

The source is then named by ``nlp.sources.source_name`` (a record stands for its
author, a name is taken whole without its title, a pronoun is resolved by
agreement in ``nlp.pronouns``); the word lists are in ``nlp.cues``. A claimer is
always a stretch of the report's own text. Each answer carries its cue and a kind: named, nominal,
anonymous, pronoun (resolved) or None (the outlet's own voice); ``source_fields``
gives what a mention records of them (``said_by_kind``, ``said_by_cue``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .cues import (
    ADMISSIONS,
    ANONYMOUS,
    ATTITUDES,
    BODIES,
    CIRCUMSTANCE,
    CIRCUMSTANCE_PREPS,
    CLAIMS,
    CLAUSE_CUES,
    CONFORMITY,
    CUE_WITH,
    CUES,
    GROUPS,
    HEADLINE_CUE,
    LISTENERS,
    METHODS,
    NOT_LABELS,
    NOUN_MODIFIERS,
    OBJECT_PREPS,
    PROPOSALS,
    RECKONINGS,
    RECORDS,
    SPEECH,
    SPOKEN,
    SURVEYS,
    TAG_CHARS,
    UNNAMED_BY_REQUEST,
    UNVERIFIED,
    VALUES,
)
from .numbers import UNITS
from .pronouns import PERSONAL, TITLES, can_speak
from .sources import NAME_PATTERN, author_of, kind_of, noun_phrase, source_name
from .syntax import (
    REPORTING,
    SPEAKER_LABELS,
    ents_of,
    headline_case,
    path_up,
    sent_of,
    strip_possessive,
    text_of,
    verb_lemma,
)

if TYPE_CHECKING:
    from .quotes import QuoteSpan

Attributed = Sequence[tuple["QuoteSpan", str | None, str | None]]


@dataclass(frozen=True, slots=True)
class Attribution:
    said_by: str | None
    cue: str | None
    in_quote: bool = False
    kind: str | None = None  # named | nominal | anonymous | pronoun; None: the outlet's voice


NONE = Attribution(None, None)
KINDS = ("named", "nominal", "anonymous", "pronoun-resolved", "own voice")


def source_fields(said_by: str | None, cue: str | None, kind: str | None) -> dict[str, str]:
    """What a mention's extra records of its attribution: ``said_by_kind``, one of
    ``KINDS`` ("own voice" when the text gives no source), and ``said_by_cue``, the
    reporting verb, "according to" or ":" of a speaker label, when there is a source."""
    if not said_by:
        return {"said_by_kind": "own voice"}
    kind = "pronoun-resolved" if kind == "pronoun" else kind or kind_of(said_by) or "named"
    return {"said_by_kind": kind, **({"said_by_cue": cue} if cue else {})}


def attribute(doc: Doc, tok: Token, start: int, quotes: Attributed) -> Attribution:
    """The source the text gives for the figure at ``tok`` (character ``start``)."""
    for qs, speaker, cue in quotes:
        if qs.start <= start < qs.end:
            if speaker is not None:
                kind = kind_of(speaker)
                tag = text_of(doc)[qs.close_at : qs.close_at + TAG_CHARS].split("\n")[0]
                if kind == "nominal" and UNNAMED_BY_REQUEST.search(tag):
                    kind = "anonymous"  # '"...," said one mother, who asked not to be named'
                return Attribution(speaker, cue, True, kind)
            found = _in_sentence(doc, tok, quotes)
            if found.said_by is None:
                found = _label(doc, tok) or _claimed(doc, tok) or found
            return Attribution(found.said_by, found.cue, True, found.kind)
    found = _shown_after(doc, tok) or _in_sentence(doc, tok, quotes)
    if found.said_by is None:
        found = (_label(doc, tok) or _headline(doc, tok) or _signed_headline(doc, tok)
                 or _records_show(doc, tok) or _colon_after_reckoning(doc, tok, quotes)
                 or found)
    return found


def _colon_after_reckoning(doc: Doc, tok: Token, quotes: Attributed) -> Attribution | None:
    """A figure after a colon that spells out a body's reckoning named before it: "The
    coast guard's count of the dead has risen in steps: nine on Saturday, 27 by Sunday";
    "Vantor's own count is lower: the company has 11 crash reports on file". The figures
    are that count's, so its owner's."""
    sent = sent_of(tok)
    colon = next((t for t in reversed(doc[sent.start : tok.i]) if t.text == ":"), None)
    if colon is None:
        return None
    owned = [t for t in doc[sent.start : colon.i]
             if t.lemma_.lower() in RECKONINGS | VALUES and _body_owned(t)]
    return _authored(doc, owned[0], quotes) if owned else None


# "Records from the State Mining Inspectorate show ...", "Data released by the ministry
# showed ...": a paper of a named body opening its sentence before a verb of showing, which
# the tagger often takes for a noun ("show") and so the parse misses
SHOWING = r"(?:show|shows|showed|suggest|suggests|suggested|indicate|indicates|indicated)"
RECORDS_SHOW = re.compile(
    r"^\W*(?:[A-Z][a-z]+\s+)??(?i:records?|data|figures|documents|statistics|numbers|logs?)\s+"
    r"(?:from|of|by|kept\s+by|released\s+by|published\s+by|compiled\s+by)\s+"
    rf"(?P<name>(?:the\s+)?{NAME_PATTERN})\s+{SHOWING}\b")


# "..., the agency's findings show.": a body's record closing its sentence, which the
# tagger takes for a noun phrase ("findings show" a compound)
RECORDS_SHOW_AFTER = re.compile(
    rf",\s+(?P<owner>(?:the\s+)?(?:{NAME_PATTERN}|[a-z]+))['\u2019]s?\s+(?:own\s+)?"
    rf"(?:findings|records|data|figures|logs|statistics|documents)\s+{SHOWING}\W*$")


def _records_show(doc: Doc, tok: Token) -> Attribution | None:
    """A figure after "Records from <a named body> show" opening its sentence: the body's."""
    sent = tok.sent
    m = RECORDS_SHOW.match(sent.text)
    if m is None or sent.start_char + m.end() > tok.idx:
        return None
    return Attribution(m.group("name"), "show", False, "named")


def _shown_after(doc: Doc, tok: Token) -> Attribution | None:
    """A figure before "..., the agency's findings show" closing its sentence: the body's."""
    sent = tok.sent
    m = RECORDS_SHOW_AFTER.search(sent.text)
    if m is None or sent.start_char + m.start() < tok.idx:
        return None
    owner = doc.char_span(sent.start_char + m.end("owner") - 1, sent.start_char + m.end("owner"),
                          alignment_mode="expand")
    if owner is None:
        return None
    name, kind = source_name(doc, owner.root)
    return Attribution(name, "show", False, kind) if name else None


# a headline signed with its source after a dash, wire style: "Four dead, 11 missing as the
# volcano erupts - civil protection"; the source in lower case (a site's name after its
# headline, "... - The Daily Blaze", is the outlet, not a source)
SIGNED_HEADLINE = re.compile(r"\s[-\u2013\u2014]\s+([a-z][a-z'’ -]{1,40}?)\s*$")
HEADLINE_WORDS = 24  # a line longer than this is no headline


def _signed_headline(doc: Doc, tok: Token) -> Attribution | None:
    """A figure in a headline line (no closing full stop) that ends with its source after a
    dash ("... as Mount Tarrach erupts - civil protection"): the source's."""
    text = text_of(doc)
    line_start, line_end, line = _line_of(text, tok.idx)
    if line.endswith((".", "?", "!")) or len(line.split()) > HEADLINE_WORDS:
        return None
    if (line_start > 1 and text[line_start - 2] != "\n"
            or line_end >= 0 and text[line_end : line_end + 2] != "\n\n"):
        return None  # a line of its own between blank lines, not a wrapped line of a
        # paragraph ("... an entire religion — from")
    m = SIGNED_HEADLINE.search(line)
    if m is None or line_start + m.start() < tok.idx:
        return None
    return Attribution(m.group(1).strip(), "-", False, "nominal")


def _line_of(text: str, at: int) -> tuple[int, int, str]:
    """The line of ``text`` holding character ``at``: where it starts, where its newline is
    (-1 at the end of the text), and the line stripped."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, end, text[start : end if end >= 0 else len(text)].strip()


def _headline(doc: Doc, tok: Token) -> Attribution | None:
    """'Ruiz Says 40 Soldiers Wounded In Ambush': a headline in title case, which the parser
    reads badly, whose source opens it before a capitalised reporting verb."""
    line_start, _, line = _line_of(text_of(doc), tok.idx)
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if len(words) < 4 or line.endswith(".") or sum(w[:1].isupper() for w in words) < 0.7 * len(words):
        return None
    m = HEADLINE_CUE.match(line)
    if m is None or line_start + m.end() > tok.idx:
        return None
    name = m.group(1).strip()
    common = all(w.lower() in BODIES | ANONYMOUS | GROUPS for w in name.split())
    return Attribution(name, m.group(2), False, "nominal" if common else kind_of(name))


def _in_sentence(doc: Doc, tok: Token, quotes: Attributed) -> Attribution:
    for finder in (_on_path, _according_to, _parenthetical, _listed_on):
        found = finder(doc, tok, quotes)
        if found is not None and found.said_by:
            if finder is _on_path and _attitude(found):  # "X plans to ..., according to Y"
                return (_according_to(doc, tok, quotes) or _speech_above(doc, tok, quotes)
                        or _parenthetical(doc, tok, quotes) or found)
            if finder is _on_path and _measured(found):  # "the ministry says emergency
                # departments recorded 11,040 attendances": the ministry states the count
                return (_according_to(doc, tok, quotes)
                        or _speech_above(doc, tok, quotes, MEASURINGS) or found)
            if finder is _on_path and (relayed := _relayed(doc, tok, quotes, found)):
                return relayed
            return found
    return NONE


def _listed_on(doc: Doc, tok: Token, quotes: Attributed) -> Attribution | None:
    """'The researchers reported that Apple holds $214.9 billion offshore; Nike holds $10.7
    billion': a clause after a semicolon that repeats the verb of what a cue reported before
    it goes on with the report (the parser hangs the cue under the last clause)."""
    sent = sent_of(tok)
    semis = [t.i for t in doc[sent.start : tok.i] if t.text == ";"]
    if not semis:
        return None
    verbs = [n for n in path_up(tok)[1:] if n.pos_ in ("VERB", "AUX") and n.i > semis[-1]]
    if not verbs:
        return None
    if any(_lemma(n) in CUES for n in verbs):
        return None  # "...; the report says 537 companies ...": a clause with its own cue
    verb = verbs[-1]  # the head of the clause after the semicolon ("holds ... and would owe")
    for t in doc[sent.start : semis[0]]:
        said = [c for c in t.children if c.dep_ == "ccomp" and c.lemma_ == verb.lemma_
                and c.i < semis[0]]
        if said and _is_cue(t, said[0]):
            return _verb_source(doc, t, quotes)
    return None


def _relayed(doc: Doc, tok: Token, quotes: Attributed, found: Attribution) -> Attribution | None:
    """"Zeta reports that the mayor leads among voters earning $90,000 or more, according
    to the Civic Center": an outlet relays a figure whose source it names with "according
    to" on its own reporting verb; the figure is the named source's."""
    path = path_up(tok)
    verbs = {node.i for k, node in enumerate(path[1:], start=1) if _is_cue(node, path[k - 1])}
    if verbs:  # "Owners have reported that the steering fails at 50 km/h, according to a
        # notice by the regulator": the clause reported, closed by its own "according to"
        top = max(i for i in verbs)
        verbs |= {n.i for n in path[1:] if n.i != top and n.pos_ in ("VERB", "AUX")
                  and n.dep_ == "ccomp" and n.head.i in verbs}
    for t in sent_of(tok):
        if (t.lower_ == "according" and t.head.i in verbs and t.i + 1 < len(doc)
                and doc[t.i + 1].lower_ == "to"):
            relayed = according_to(doc, tok, quotes)
            if relayed is not None and relayed.said_by != found.said_by:
                return relayed
    return None


def _speech_above(doc: Doc, tok: Token, quotes: Attributed,
                  inner: frozenset[str] = ATTITUDES) -> Attribution | None:
    """A verb of statement above an intention (or another ``inner`` cue): 'an official said
    the city expects to move 100 people' is the official's statement."""
    path = path_up(tok)
    seen_attitude = False
    for k, node in enumerate(path[1:], start=1):
        if not _is_cue(node, path[k - 1]):
            continue
        if _lemma(node) in inner:
            seen_attitude = True
        elif seen_attitude and _lemma(node) in REPORTING:
            return _verb_source(doc, node, quotes)
    return None


# cues of a count or a reading, which a statement above them reports: "the ministry says
# emergency departments recorded 11,040 attendances"
MEASURINGS = frozenset({"record", "measure", "count", "tally"})


def _body_name(tok: Token) -> bool:
    """A name the tagger gives an organisation that reads as one: an acronym ("the NSB's")
    or a name with a body's noun in it ("the National Statistics Bureau's"); the tagger
    also takes people for organisations ("Trump's 34 percent")."""
    if tok.ent_type_ != "ORG":
        return False
    if len(tok.text) >= 2 and tok.text.isupper():
        return True
    span = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return span is not None and any(t.lemma_.lower() in BODIES for t in span)


def _measured(found: Attribution) -> bool:
    """A cue of a count or a reading rather than of statement: 'recorded', 'counted'."""
    return _cue_among(found, MEASURINGS, 5)


def _attitude(found: Attribution) -> bool:
    """A cue of intention or belief rather than of statement: 'wants', 'plans', 'believes'."""
    return _cue_among(found, ATTITUDES, 4)


def _cue_among(found: Attribution, lemmas: frozenset[str], stem: int) -> bool:
    """Whether the cue's first word, as written ('recorded', 'plans'), opens with the first
    ``stem`` letters of one of ``lemmas``."""
    word = (found.cue or "").split()[0].lower()
    return word[:stem] in {w[:stem] for w in lemmas}


def _on_path(doc: Doc, tok: Token, quotes: Attributed) -> Attribution | None:
    """The innermost cue above the figure in its sentence's tree."""
    path = path_up(tok)
    fallback: Attribution | None = None
    for k, node in enumerate(path[1:], start=1):
        below = path[k - 1]
        own = [c for c in tok.children if c.dep_ == "acl" or c.dep_ == "relcl" and not _aside(c)
               and not any(d.tag_ == "WRB" for d in c.children)] if k == 1 else []  # not
        # "in March 2022, when surveyors noted ...": a clause of when, not one of saying
        for child in (*own, *node.children):  # "the $1.6 billion that Anderson estimates",
            # "the 47 acknowledged by the commission"
            if (k <= 3 and child.i > child.head.i and child.i != below.i and _is_cue(child, None)
                    and (child.dep_ == "relcl" or child.dep_ == "acl"
                         and any(c.dep_ == "agent" for c in child.children))
                    and _lemma(child) not in ATTITUDES):  # not "plans your state offers"
                found = _verb_source(doc, child, quotes, own=child.head, figure=tok)
                if found is not None:
                    return found
        if k == 1:  # "the agency's 212", "the commission's 61.4%": the figure is its own
            owned = [t for t in (below, node) if (t.i == tok.i or t.lower_ in PERCENT_WORDS)
                     and any(c.dep_ == "poss" and (c.pos_ == "NOUN" or _body_name(c))
                             for c in t.children)]
            # a body ("the agency's", "the NSB's 640"), not a person: "Trump's 34 percent"
            # is his share
            found = _authored(doc, owned[0], quotes) if owned else None
            if found is not None:
                return found
        if (below.dep_ in ("nsubj", "nsubjpass") and k >= 2 and path[k - 2].dep_ == "appos"
                and path[k - 2].i > node.i and (said := [c for c in node.children
                                                     if c.dep_ == "ccomp"])
                and any(t.text == ":" for t in doc[said[0].i : path[k - 2].i])):
            below = said[0]  # "said that 324 people had been aboard: 312 passengers and 12
            # crew": a list after a colon, which the parser hangs on the subject, goes on
            # with the clause said
        elif below.dep_ == "npadvmod" and k >= 2 and path[k - 2].dep_ == "appos":
            below = path[k - 2]  # "said Wednesday, the first death since 2015": the parser
            # hangs the appositive on the date
        elif below.dep_ == "npadvmod" and k >= 2 and _that_clause(path[k - 2]):
            below = path[k - 2]  # "said the same day that 500 homes had been destroyed": the
            # parser hangs the clause said on the day of saying
        elif (below.dep_ == "prep" and k >= 3 and path[k - 2].dep_ == "pobj" and (
                below.lower_ == "in" and path[k - 2].lemma_.lower() in CLAIMS | SPOKEN
                or below.lower_ in ("during", "at", "before", "after"))
              and (path[k - 3].dep_ in ("acl", "ccomp") and _that_clause(path[k - 3])
                   or path[k - 3].dep_ == "relcl" and any(
                       c.dep_ == "mark" and c.lower_ == "that" for c in path[k - 3].children))):
            below = path[k - 3]  # "told jurors in his closing argument that losses were
            # $640 million", "argued during the trial that no more than €4 million had been
            # lost": the clause is what the verb's subject said, not of the noun before it
        said_as = _said_as(node, below)
        if said_as is not None:
            found = _verb_source(doc, said_as, quotes, figure=tok)
            if found is not None:
                return found
        record = _as_of_record(node, below)
        if record is not None and (found := _authored(doc, record, quotes)) is not None:
            return found
        if _is_cue(node, below):
            if _fronted(tok, node, below):
                return fallback  # "In his 2002 book, Ruiz suggested ...": when and where
            found = _verb_source(doc, node, quotes, figure=tok)
            if found is not None and _unowned_record(node) and _cue_above(path, k):
                found = None  # "the institute says its bulletin recommended 15 km": a paper
                # no one is named to have made speaks for the one who says what it says
            if found is not None:
                return found
        if _aside(node) and not _cue_above(path, k):
            return fallback  # "..., which at 35 percent is the highest": the reporter's aside
        if node.pos_ == "NOUN" and (
                node.lemma_.lower() in RECORDS | MEASURES and below.dep_ == "prep"
                and below.lower_ == "of"
                or node.lemma_.lower() in VALUES and below.dep_ in (
                    "prep", "nummod", "compound", "quantmod", "amod")
                or node.lemma_.lower() in CLAIMS and below.dep_ == "prep"
                and below.lower_ == "of"  # "the firm's claim of 38"
                or node.lemma_.lower() in CLAIMS and (below.dep_ in ("acl", "ccomp") or (
                    below.dep_ == "relcl" and any(c.dep_ == "mark" for c in below.children)))):
            found = _authored(doc, node, quotes)
            if found is not None:
                return found
        if node.pos_ in ("VERB", "AUX") and fallback is None:
            fallback = _in_record(doc, node, tok, quotes)  # "In this poll, Trump rose 1 point"
        if node.pos_ in ("VERB", "AUX") and fallback is None and (
                below.dep_ in ("attr", "dobj") or below.dep_ == "prep" and _margin(below)):
            fallback = _released_when(doc, node, quotes, tok)  # "the toll stood at 31 when
            # the agency issued its first figures"
        if (node.pos_ in ("VERB", "AUX") and fallback is None and below.dep_ != "npadvmod"
                and (tok.ent_type_ not in WHEN or _bare_number(tok))):
            for child in node.children:  # "the ministry's count rose to 22", "held the IMF's
                # estimate at 3.1 percent", "the league's figure is 51,800", "the union's demand
                # is 25%": the figure is the value of someone's reckoning or claim (not the time
                # the clause is set in: "this year", "on Tuesday"; nor a poll's sample, which
                # the outlet describes)
                if (child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and child.i != below.i
                        and (child.lemma_.lower() in RECKONINGS | (VALUES - SURVEYS)
                             or child.lemma_.lower() == "toll" and _body_owned(child))
                        and not child.left_edge.i <= tok.i <= child.right_edge.i):
                    fallback = _authored(doc, child, quotes, named_only=True)
                    if fallback is None and child.dep_ == "dobj" and any(
                            c.dep_ == "poss" and c.pos_ == "PRON" for c in child.children):
                        fallback = _verb_source(doc, node, quotes, figure=tok)  # "it raised
                        # its forecast to 4.2 percent": the one who reckons
        if node.pos_ in ("VERB", "AUX") and below.dep_ not in ("nsubj", "nsubjpass"):
            for child in node.children:  # "Clinton's plan would cap it at 28 percent"
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in PROPOSALS or (
                        child.dep_ == "prep" and child.lower_ == "under"):
                    plan = child if child.dep_ != "prep" else next(
                        (c for c in child.children if c.dep_ == "pobj"), None)
                    if plan is not None and plan.lemma_.lower() in PROPOSALS and fallback is None:
                        fallback = _authored(doc, plan, quotes, named_only=True)
    return fallback  # a plan's author, when no one above it states the figure


def _as_of_record(node: Token, below: Token) -> Token | None:
    """"As of the rescue service's last full update, 18 miners had been brought out": the
    record whose time a clause is stated as of, and so whose figures they are."""
    for c in node.children:
        if c.dep_ == "prep" and c.lower_ == "as" and c.i != below.i:
            for of in c.children:
                if of.dep_ == "prep" and of.lower_ == "of":
                    record = next((g for g in of.children if g.dep_ == "pobj"), None)
                    if record is not None and record.lemma_.lower() in RECORDS | RECKONINGS:
                        return record
    return None


# verbs of an "as" clause that gives the source of the clause it hangs on: "as officials said
# on Monday", "not 420 metres as the company has claimed"
SAID_AS = frozenset(
    "say report claim state announce note confirm write estimate allege testify show indicate "  # noqa: SIM905
    "reveal disclose document tell put count tally record".split()
)


def _said_as(node: Token, below: Token) -> Token | None:
    """The verb of an "as" clause on ``node`` that names who states it ("42 people have died,
    as the ministry reported on Friday"): a verb of saying with no object of its own, what
    it says being the clause it hangs on (not "as police announced 12 arrests", nor "as the
    mayor said she would", a clause that says something of its own)."""
    for c in node.children:
        if (c.dep_ == "advcl" and c.i != below.i and _lemma(c) in SAID_AS
                and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
                and not any(m.dep_ in ("dobj", "ccomp", "xcomp", "neg", "attr", "oprd")
                            for m in c.children)):
            return c
    return None


def _bare_number(tok: Token) -> bool:
    """A number the tagger took for a date that is no year: "the ministry's count is 38"."""
    return tok.like_num and not (tok.text.isdigit() and len(tok.text) == 4) and not any(
        c.ent_type_ in WHEN and not c.like_num for c in (tok.head, *tok.children))


def _released_when(doc: Doc, verb: Token, quotes: Attributed, figure: Token
                   ) -> Attribution | None:
    """The source of a figure whose clause is set at the time a body released it: "the toll
    had stood at 31 when the agency issued its first figures", "when the commission
    announced the final result, Velasko's share had settled at 53.1%"."""
    for clause in verb.children:
        if (clause.dep_ == "advcl" and clause.lemma_.lower() in ANNOUNCING
                and any(c.lower_ == "when" for c in clause.children)
                and not clause.left_edge.i <= figure.i <= clause.right_edge.i):
            return _verb_source(doc, clause, quotes, figure=figure)
    return None


# verbs of putting figures out, which set the time of the figures in the clause they modify
# (not ``extract.RELEASES``: the papers a figure is given in)
ANNOUNCING = frozenset(
    "announce issue release publish report post unveil update declare".split())  # noqa: SIM905


def _giver(noun: Token, verbs: frozenset[str] = frozenset()) -> Token | None:
    """Who gives a measure as the object of a verb of giving ("the Survey gave a higher
    magnitude of 7.1", "police issued a toll of 12"), or of one of ``verbs``: its subject,
    when it can speak. (A measure's "its" or "their" stands for the body too: "has stood
    by its magnitude".)"""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in GIVING | verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and can_speak(subject, BODIES) else None


GIVING = frozenset({"give", "issue", "release", "publish", "provide", "post"})


def _maker(noun: Token) -> Token | None:
    """Who made a record that is the object of a verb of making or giving it ("the families
    have drawn up a list of 40 names", "the union compiled a tally of 52"): its subject,
    when it can speak."""
    return _giver(noun, MAKING) if noun.lemma_.lower() in RECORDS else None


MAKING = frozenset({"draw", "compile", "keep", "produce", "prepare", "draft", "assemble"})
PERCENT_WORDS = frozenset({"%", "percent", "per", "cent"})
# what a body measures and states as its own: "the commission's turnout of 61.4%", "its
# magnitude of 6.8", "the agency's toll of 212"
MEASURES = frozenset({"turnout", "magnitude", "toll", "reading", "result", "results", "total"})


def _that_clause(clause: Token) -> bool:
    """A clause opened by 'that' (the parser's relative or noun clause)."""
    return clause.pos_ in ("VERB", "AUX") and any(
        c.lower_ == "that" and (c.dep_ == "mark" or c.i == clause.left_edge.i)
        for c in clause.children)


def _content_taken_for_circumstance(verb: Token, below: Token) -> bool:
    """"Hours before the verdict, officers raided ... and detained four officials, the
    bureau said": a finite clause with no conjunction, set off by a comma before "X said",
    is what is said, which the parser took for a clause of circumstance (not "When police
    arrived, ...", nor a participle: "Speaking to reporters, ...")."""
    return (below.dep_ == "advcl" and below.i < verb.i and below.tag_ in ("VBD", "VBZ", "VBP")
            and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in below.children)
            and below.right_edge.i + 1 < verb.i
            and verb.doc[below.right_edge.i + 1].text == ","
            and any(c.dep_ == "nsubj" and c.i > below.right_edge.i for c in verb.children))


def _fronted(tok: Token, verb: Token, below: Token) -> bool:
    """Whether the figure is in an adjunct put before the verb's subject ("During his 7 years
    in office, Ruiz said ..."), which sets the scene of the saying; content put first is a
    clause ("20 died, police said") or a quotation."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return (bool(subj) and tok.i < subj[0].left_edge.i
            and below.dep_ not in ("ccomp", "parataxis", "nsubj", "nsubjpass", "csubj", "dep",
                                   "punct")
            and not _content_taken_for_circumstance(verb, below))
    # ("dep", "punct": what the parser could not place, hung on the verb of a trailing "...,
    # the coast guard said" or on a comma before it)


def _in_record(doc: Doc, verb: Token, tok: Token, quotes: Attributed) -> Attribution | None:
    """'In the poll, ...', 'in a new survey by X, ...', '... leads by 4 points in the new
    Civic poll': the record a clause is read from."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "from"):
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                if obj.lemma_.lower() in SURVEYS and not (
                        obj.left_edge.i <= tok.i <= obj.right_edge.i):  # "a poll done in May"
                    found = _authored(doc, obj, quotes) or _owned_above(doc, obj, quotes)
                    if found is not None:
                        return found
                    name = noun_phrase(doc, obj)
                    return Attribution(name, child.text, False, "nominal")
    return None


OWNED_LOOKBACK = 3  # sentences searched back for the owner of "the count"


def _owned_above(doc: Doc, noun: Token, quotes: Attributed) -> Attribution | None:
    """"The ministry's figure comes from death certificates. It grew ...: 23 on 7 July and
    112 in the final count": a reckoning the reader knows ("the count") is the one a body
    owned just before (its count, its figure), and so is that body's."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    first = noun.sent
    for _ in range(OWNED_LOOKBACK):
        if first.start > 0:
            first = doc[first.start - 1].sent
    kinds = RECKONINGS | VALUES | {noun.lemma_.lower()}
    owned = (t for t in reversed(doc[first.start : noun.i])
             if t.lemma_.lower() in kinds and _body_owned(t))
    return next((_authored(doc, t, quotes) for t in owned), None)


def _body_owned(noun: Token) -> bool:
    """A noun a body or a person owns: "the NCPA's confirmed death toll" (a body's count), not
    "the storm's toll" (what the storm did)."""
    return any(c.dep_ == "poss" and (c.ent_type_ in ("ORG", "PERSON") or c.lemma_.lower() in BODIES)
               for c in noun.children)


def _authored(doc: Doc, noun: Token, quotes: Attributed, *,
              named_only: bool = False) -> Attribution | None:
    """The author of a record, a claim or a plan: 'by'/'from' X, X's, or a name compound
    ('a New York Times report')."""
    author = author_of(noun) or _maker(noun)
    if author is None and noun.lemma_.lower() in MEASURES | VALUES | CLAIMS:  # "its own
        # figure of 180 tonnes", "their estimate of 4,000"
        author = _giver(noun) or next((c for c in noun.children if c.dep_ == "poss"
                                       and c.lower_ in ("its", "their")), None)
    if author is None:
        names = [e for e in ents_of(doc) if e.label_ in SPEAKER_LABELS
                 and noun.left_edge.i <= e.start and e.end <= noun.i
                 and any(t.dep_ in ("compound", "poss", "nmod") for t in e)]
        if not names:
            return None
        return Attribution(strip_possessive(names[-1].text), noun.text, False, "named")
    name, kind = source_name(doc, author, quotes)
    if not name or named_only and author.lower_ in PERSONAL | {"his", "its", "their"}:
        return None
    return Attribution(name, noun.text, False, kind)


def unverified(said_by: str | None) -> str | None:
    """The hedge a source carries by itself: 'posts on social media', 'unconfirmed reports'."""
    if not said_by:
        return None
    words = set(re.findall(r"[a-z]+", said_by.lower()))
    hit = sorted(words & UNVERIFIED)
    return f"{hit[0]} (source)" if hit else None


def _cue_above(path: Sequence[Token], k: int) -> bool:
    """Whether the clause holding ``path[k]`` is the content of a cue above it ('the Times
    wrote that he claimed a loss, which could have spared him 18 years of tax'): an aside
    inside what is reported is reported too; one on the cue's object ('cited criticism of
    Lauer, who took heat this month') is the reporter's."""
    for j, node in enumerate(path[k + 1 :], start=k + 1):
        if _is_cue(node, path[j - 1]):
            return any(t.dep_ == "ccomp" for t in path[k:j])
    return False


def _unowned_record(verb: Token) -> bool:
    """The cue's subject is a record or a document the reader is taken to know, whose maker
    the text does not name on it ("its bulletin", "the same report", "drone images", "its
    members' shift logs"; not "some reports" nor "a new poll", which are sources of their
    own)."""
    subj = subject(verb)
    if subj is None or subj.lemma_.lower() not in RECORDS and subj.lower_ not in RECORDS:
        return False
    author = author_of(subj)
    if author is not None:  # "its members' logs": the owner is the speaker's own
        return author.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ == "PRON"
                                             for c in author.children)
    dets = [c for c in subj.children if c.dep_ == "det"]
    return (any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children)
            or any(c.lower_ in KNOWN for c in dets)
            or not dets and (subj.tag_ == "NNS" or subj.lower_ in MASS_RECORDS) and not any(
                c.dep_ == "compound" and c.ent_type_ in NAMED for c in subj.children))
    # "drone images show", not "VIA data show"


KNOWN = frozenset({"the", "this", "that", "these", "those"})  # a paper the reader knows
NAMED = frozenset({"ORG", "PERSON", "GPE", "NORP"})
MASS_RECORDS = frozenset({"data", "footage", "imagery", "monitoring"})


def _aside(node: Token) -> bool:
    """A non-restrictive relative clause (set off by a comma or a dash), or a parenthesis."""
    if node.dep_ != "relcl":
        return False
    before = node.doc[node.left_edge.i - 1] if node.left_edge.i > 0 else None
    return before is not None and before.text in (",", "—", "–", "--", "(")


def _lemma(tok: Token) -> str:
    """The lemma, or a cue the lemmatizer missed ("rated" -> "rat")."""
    return verb_lemma(tok, CUES)


def _is_cue(node: Token, below: Token | None) -> bool:
    lemma = _lemma(node)
    if lemma in REVISING and node.pos_ == "VERB":
        return _speaker_subject(node)  # "the institute revised the reading down to 45.9C",
        # "the ministry has revised its toll to 112": who revises a figure gives it
    if lemma in ("put", "count") and node.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in node.children) and not _speaker_subject(node):
        return False  # "says the flight counted as rest and puts the duty at 9.5 hours":
        # a subject the parser lends from another verb, which cannot put a figure
    if lemma == "count" and any(c.dep_ == "prep" and c.lower_ == "as" for c in node.children):
        return False  # "the flight counted as rest": was taken for, not counted
    if lemma == "value" and not any(c.dep_ in ("nsubj", "agent") for c in node.children):
        return False  # "the company, valued at $5 billion, said": what is valued, not who
    if lemma == "admit" and below is not None and below.dep_ == "dobj":
        return False  # "hospitals have admitted 3,400 patients": taken in, not conceded
        # (what is conceded is a clause, or a "to" phrase: "admits to at least 600")
    if lemma == "have" and below is not None:
        return (below.dep_ == "prep" and below.lower_ in ("at", "on") and _margin(below)
                and any(c.dep_ == "dobj" for c in node.children))  # "the commission had
        # Velasko on 58.2%", "the count had him at 46.7%": what the count puts him at
    if lemma not in CUES or node.pos_ not in ("VERB", "AUX") and not (
            node.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in node.children)
            and (any(c.dep_ in ("dobj", "ccomp") for c in node.children)
                 or not any(c.dep_ in NOUN_MODIFIERS for c in node.children))
            or _record_verb(node) is not None):
        return False  # a verb, or one the tagger took for a noun ("the data show"; not
        # "the singer's upcoming show", a noun with its modifiers)
    if lemma in ("link", "agree") and not _speaker_subject(node):
        return False  # "steering fault linked to 17 crashes": what is linked, not who links
    if lemma in CUE_WITH:
        words = CUE_WITH[lemma]
        if not any(c.lower_ in words for c in node.children) and not (
                lemma == "link" and below is not None and below.dep_ == "dobj"
                and any(c.lower_ in words for c in below.children)):  # "linked 14 deaths to
            # the heat": the parser hangs the "to" on the object
            if (lemma == "put" and below is not None and below.dep_ == "advmod"
                    and any(c.dep_ == "prep" and (c.lower_ in words or c.lower_ == "as"
                                                  and below.lower_ in ("high", "low")
                                                  or c.lower_ == "to" and below.lower_ in NEARER)
                            for c in below.children)):
                return True  # "puts the number aboard at 338": the "at" hung on the adverb;
                # "put the number of trapped men as high as 40", "puts the figure closer to
                # 1.6 million"
            return (lemma == "put" and below is not None and _put_at(node, below)
                    and not any(c.dep_ == "prep" for c in node.children))  # not "put the
            # boat, damaged at 3 knots, in the harbour"
        if below is None or below.lower_ in words:
            return not any(c.dep_ == "prt" for c in node.children)  # "put the crowd at
            # 36,000", "called for a 28 percent rate" (not "pressed on for 12 hours")
        if lemma == "put":
            return below.dep_ == "conj" and (below.pos_ in ("NOUN", "ADJ") or _bare_participle(
                below)) and below.i > next(
                c.i for c in node.children if c.lower_ in words) or (  # "put the toll at 214
                # dead and 1,640 hurt": the parser joins the second figure to the verb
                below.dep_ == "advcl" and _elaborates(node, below))  # "..., with 1,100 hurt"
    if any(c.dep_ == "neg" for c in node.children) and lemma not in ("deny", "dispute"):
        return False  # "they did not respond to queries": nothing said
    if lemma == "measure" and below is not None and not _speaker_subject(node) and (
            below.dep_ == "dobj" or not any(c.dep_ == "dobj" for c in node.children)):
        return False  # "the strongest of them measuring 5.1", "five more quakes measuring
        # between 1.0 and 1.9": their size, not a reading (not "the observatory measured the
        # tremor at 5.6")
    return below is None or _states(node, below, lemma)


def _bare_participle(verb: Token) -> bool:
    """"162 injured" taken for a clause of its own: a participle whose subject is the
    figure, with no auxiliary ("put the toll at 21 dead and 162 injured"; not "and 162
    were injured", a clause the reporter adds)."""
    return (verb.tag_ == "VBN" and any(c.dep_ == "nsubj" and c.like_num for c in verb.children)
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))


REVISING = frozenset({"revise"})


def _record_verb(node: Token) -> Token | None:
    """"..., VIA data show.": a verb of a record the tagger took for a noun, its record a
    compound before it and what it shows a clause hung on it; the name the record is of
    ("VIA"), else the record ("the data"), else None."""
    if node.pos_ != "NOUN" or not any(c.dep_ == "ccomp" for c in node.children):
        return None
    record = next((c for c in node.children if c.dep_ == "compound" and c.i == node.i - 1
                   and RECORDS & {c.lower_, c.lemma_.lower()}), None)
    if record is None:
        return None
    return next((c for c in node.children if c.dep_ == "compound" and c.i == record.i - 1
                 and c.pos_ == "PROPN"), record)


def _speaker_subject(verb: Token) -> bool:
    """Whether the verb's subject can speak (``pronouns.can_speak``): "seismologists
    measured", not "the strongest measuring 5.1"."""
    subj = subject(verb)
    return subj is not None and can_speak(subj, RECORDS | BODIES)


def _put_at(verb: Token, below: Token) -> bool:
    """'put the number of homes destroyed at 126', 'put the number of jobs to be cut at 600':
    the parser hangs the 'at' of 'put' on a participle in or after its object; ``below``
    holds that participle."""
    if below.dep_ == "advcl":  # after the verb and not set off ("put the boat, damaged at
        # 3 knots, in the harbour" puts no figure)
        participles = [below] if below.i > verb.i and below.nbor(-1).text != "," else []
    elif below.dep_ == "dobj":
        participles = [c for c in below.children if c.dep_ == "acl"]
        if any(t.dep_ == "relcl" and t.i > below.i and any(
                c.dep_ == "prep" and c.lower_ == "at" and _margin(c)
                and c.right_edge.i == t.right_edge.i for c in t.children) for t in below.subtree):
            return True  # "put the number of cars that fell at 14": the "at" closes the
            # clause on the object
    else:
        participles = []
    return any(p.tag_ in ("VBN", "VBD")
               and not any(c.dep_ in ("nsubj", "nsubjpass") for c in p.children)
               and any(c.dep_ == "prep" and c.lower_ == "at" and _margin(c) for c in p.children)
               for p in participles)


def _states(node: Token, below: Token, lemma: str) -> bool:
    """Whether the cue ``node`` (of ``lemma``) states what hangs from it by ``below``."""
    if _part_of_them(node, below):
        return True
    if below.dep_ == "conj" and below.i > node.i and below.tag_ == node.tag_ and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in below.children):
        return False  # "police said so and arrested 20 people": a second act, not speech
        # (not "says it would cut ..., but would add $84 billion", the parser's conj)
    if below.dep_ == "conj" and below.i > node.i and not any(
            c.dep_ in ("ccomp", "xcomp") or c.dep_ == "prep" and _margin(c)
            for c in node.children) and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in below.children):
        return False  # "Oderna has maintained locomotives here, and the halls were opened
        # in 1958": a clause of its own after a cue that reports no clause
    if below.i < node.i and any(t.text == ";" for t in node.doc[below.right_edge.i + 1 : node.i]):
        return False  # "Unions say 1.2 million joined; the government says 400,000"
    if lemma == "find" and below.dep_ == "dobj" and not _records(node):
        return False  # "rescuers found 12 survivors": found, not stated
    if below.dep_ == "advmod" and below.lower_ in ("up", "down") and below.i > node.i:
        return True  # "reported 14 deaths, up from 9": the change is stated with the figure
    if below.dep_ == "advcl" and _elaborates(node, below):
        return True  # "police reported a crash, injuring three": a participle after the verb
    if below.dep_ == "npadvmod" and below.lemma_.lower() == "time":
        return False  # "had written to the ministry six times": how often, not what
    if below.dep_ == "npadvmod" and not below.ent_type_ and below.pos_ == "NOUN":
        return True  # "..., the agency said Tuesday, an increase of 34"
    if (below.dep_ == "npadvmod" and below.pos_ == "NOUN" and below.i > node.i
            and any(c.dep_ == "nummod" for c in below.children)
            and not any(c.dep_ == "advmod" for c in below.children)
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") and below.i < c.i and not any(
                t.text == "," for t in below.doc[below.i + 1 : c.i]) for c in node.children)):
        return True  # "some reports say 90 days": a span said, which the parser takes for
        # when it was said (not "said two days ago", "said two days later that ...")
    if _content_taken_for_circumstance(node, below):
        return True
    if below.dep_ == "advcl" and _reason_of_content(node, below):
        return True  # "Gowdy said that claim smacked of hypocrisy, because Democrats ...":
        # the reason is the speaker's, part of what is said
    if below.dep_ == "nsubj" and below.i > node.i and any(
            c.dep_ == "nsubj" and c.i < node.i for c in node.children):
        return True  # "the alliance says 90 minutes": the parser makes what is said a second
        # subject after the verb
    if below.dep_ == "punct" and below.i < node.i and any(True for _ in below.children):
        return True  # "Thirty-one were in hospital, six of them in intensive care, the
        # ministry said": the parser hangs the aside on the comma, before the verb
    if (below.dep_ == "advcl" and below.i > node.i
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in below.children)
            and any(c.dep_ == "dobj" and c.i < below.i for c in node.children)):
        return True  # "the register lists the ship as certified for 280 passengers": what
        # the cue says its object is
    if below.dep_ in CIRCUMSTANCE:
        return False
    if below.dep_ == "prep" and below.lower_ in OBJECT_PREPS and any(
            c.dep_ == "dobj" and c.i < below.i for c in node.children) and lemma not in LISTENERS:
        return True  # "cited endorsements from 88 generals": the parser hangs the object's
        # phrase on the verb
    if below.dep_ == "prep" and below.lower_ == "for" and lemma == "ask":
        return True  # "prosecutors had asked for 14 years": what they asked for
    if below.dep_ == "prep" and below.lower_ == "to" and lemma in ADMISSIONS:
        return True  # "the company admits to at least 600"
    if below.dep_ == "prep" and below.lower_ in ("of", "about") and lemma in SPOKEN_OF:
        return True  # "the premier boasted of 250 million marks", "warned of 300 deaths"
    if (below.dep_ == "prep" and below.lower_ in CIRCUMSTANCE_PREPS and not _margin(below)
            and not (lemma in FORESEEING and below.lower_ != "on")):  # "forecasters expect
        # gusts of 90 km/h over the next two days": the span is what is foreseen
        return False
    if lemma in CLAUSE_CUES and below.dep_ != "ccomp":
        return False  # "ruled that ...", not "ruled the country for 20 years"
    # "told reporters", "asked the moderator": the listener; "Economy adds 90,000 jobs", "the
    # storm claimed 20 lives": no speech
    return not (below.dep_ in ("dobj", "dative") and (
        lemma in LISTENERS or lemma in SPEECH and below.pos_ == "NOUN"
        and not _unit_said(node, below) and not _decreed(lemma, below)
        and not (lemma == "say" and _clause_as_object(below))
        and not (lemma == "claim" and below.lemma_.lower() in CHANGES | VALUES
                 and _speaker_subject(node))  # "the union has claimed a 65 per cent rise"
        # (not "the storm claimed 20 lives", "he claimed a loss of $916 million")
        and below.lemma_.lower() not in VALUES))  # "declared a figure of 180 tonnes"


def _part_of_them(verb: Token, below: Token) -> bool:
    """"listed 78 deaths nationwide, 19 of them in the region", "told the Courier that 120
    schools ..., 17 of them in the province": a part set off after what the verb states,
    which the parser hangs on the verb, is stated with it."""
    return (below.i > verb.i and below.like_num and below.doc[below.i - 1].text == ","
            and any(c.dep_ == "prep" and c.lower_ == "of"
                    and any(g.lower_ == "them" for g in c.children) for c in below.children)
            and any(c.dep_ == "ccomp" or c.dep_ == "dobj" and c.i != below.i
                    and any(g.like_num for g in c.subtree) for c in verb.children))


def _clause_as_object(noun: Token) -> bool:
    """A clause said that the parser took for the object of "say": "said the site's
    permit capped storage at 250 tonnes" (a noun with a participle the parser made of the
    clause's verb). "Say" takes no noun of a figure: what follows it is what was said."""
    return noun.dep_ == "dobj" and not headline_case(sent_of(noun)) and (any(
        c.dep_ in ("amod", "acl") and c.tag_ in ("VBN", "VBD") for c in noun.children)
        or any(c.dep_ == "conj" and c.pos_ == "VERB" and c.i > noun.right_edge.i and not any(
            d.dep_ in ("nsubj", "nsubjpass", "expl") for d in c.children)
            for c in noun.head.children)
        or noun.head.dep_ == "parataxis" and noun.head.head.i > noun.right_edge.i and not any(
            d.dep_ in ("nsubj", "nsubjpass", "expl") for d in noun.head.head.children))
    # "residents say about 2,000 homes in the old streets, which ..., went without power":
    # the clause's verb joined to "say", or "say" hung on it


# nouns of a change a figure measures: "claimed a 65 per cent rise"
CHANGES = frozenset({"rise", "increase", "fall", "drop", "decline", "jump", "surge", "gain",
                     "growth", "cut", "reduction"})
# verbs whose "of" or "about" phrase is what is said: "boasted of 250 million marks"
SPOKEN_OF = frozenset({"boast", "brag", "warn"})


# speech that does what it says: what it declares is what it says
DECLARATIONS = frozenset({"declare", "proclaim"})


def _decreed(lemma: str, noun: Token) -> bool:
    """A state declared with its measure ("declared three days of national mourning",
    "declared a 30-day state of emergency"): the measure is the declarer's. Not a thing
    declared that comes with a figure of its own ("declared campaign spending of 38.6
    million marks", a sum on record) or a date ("declared an outbreak on Nov. 1", the day of
    the act)."""
    return lemma in DECLARATIONS and any(
        c.i < noun.i and c.dep_ in ("nummod", "amod", "compound")
        and any(t.like_num for t in c.subtree) for c in noun.children)


def _unit_said(verb: Token, noun: Token) -> bool:
    """A noun that is only the unit of a figure a speaker says ("the alliance says 90
    minutes", "says 40 percent"), not a thing said ("said a prayer", "claimed 20 lives"),
    nor a figure a thing adds ("the deal will add about 6%")."""
    return ((noun.lower_ in UNITS or noun.lower_ in PERCENT_WORDS)
            and any(c.dep_ == "nummod" for c in noun.children)
            and not any(c.dep_ == "prep" for c in noun.children) and _speaker_subject(verb))


def _reason_of_content(verb: Token, clause: Token) -> bool:
    """A clause of reason or result ("because ...", "so ...") after the clause a verb
    reports: the parser hangs it on the verb, but it goes on with what is said."""
    return clause.i > verb.i and any(
        c.dep_ == "ccomp" and c.i < clause.i for c in verb.children) and any(
        c.dep_ == "mark" and c.lower_ in REASONS for c in clause.children)


REASONS = frozenset({"because", "so", "since"})
NEARER = frozenset({"closer", "nearer", "close", "near"})
FORESEEING = frozenset({"expect", "forecast", "predict", "project", "anticipate"})


def _records(verb: Token) -> bool:
    """Whether the subject of ``verb`` is a record or a survey ('the study found')."""
    subj = subject(verb)
    return subj is not None and (subj.lemma_.lower() in RECORDS | SURVEYS or subj.lower_ in RECORDS)


def _margin(prep: Token) -> bool:
    """'shows the mayor ahead by 3.7 points', 'estimated the crowd at 20,000', 'show the
    challenger on 39.8%': 'by', 'at' or 'on' with a figure (not a date) is what is stated,
    not when or how it was."""
    return prep.lower_ in ("by", "at", "on") and any(
        c.dep_ == "pobj" and (c.like_num and c.ent_type_ not in WHEN or any(
            d.dep_ == "nummod" and d.like_num and d.ent_type_ not in WHEN for d in c.children))
        for c in prep.children)  # "at 600 over three years": the parser makes the span
    # the object and the figure its number


WHEN = ("DATE", "TIME")


def _elaborates(verb: Token, clause: Token) -> bool:
    """A participial clause after the verb, with no subject or conjunction of its own."""
    if clause.i > verb.i and clause.tag_ == "CD" and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in clause.children):
        return True  # "said 27 people were injured, four of them seriously"
    if clause.i > verb.i and clause.tag_ == "VBN" and any(
            c.dep_ == "mark" and c.lower_ == "with" for c in clause.children):
        return True  # "..., the agency said on Wednesday, with 740 people injured"
    return (clause.i > verb.i and clause.tag_ in ("VBG", "VBN")
            and clause.lemma_.lower() not in METHODS  # not "..., using an average of 5 polls"
            and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") or c.tag_ == "WRB"
                        for c in clause.children))  # not "shows when looking at ..."


def _verb_source(doc: Doc, verb: Token, quotes: Attributed, own: Token | None = None,
                 figure: Token | None = None) -> Attribution | None:
    subj = subject(verb)
    if subj is None or (own is not None and subj.i == own.i):
        return None
    if figure is not None and _describes(subj, figure, verb):
        return None  # "a 911 caller told a dispatcher": the figure describes the speaker
    if subj.lemma_.lower() in QUANTITIES:
        return None  # "the number of people confirmed dead has risen to 27, the coast guard
        # said": a number speaks for no one (the parser's verb is a participle)
    name, kind = source_name(doc, subj, quotes)
    if not name:
        return None
    cue = verb.text if verb.lemma_.lower() not in CUE_WITH else f"{verb.text} ... {_with_word(verb)}"
    return Attribution(name, cue, False, kind)


QUANTITIES = frozenset({"number", "total", "amount", "share", "percent", "percentage", "proportion",
                        "rate", "level", "sum"})


def _describes(subj: Token, figure: Token, verb: Token) -> bool:
    """Whether the figure is part of the phrase that names the source ("a 911 caller"), not
    what the cue says in a clause hung on it ("its manifest, which lists 96 people")."""
    said = [c for c in subj.children if c.dep_ in ("relcl", "acl")
            and c.left_edge.i <= verb.i <= c.right_edge.i
            or c.dep_ == "appos" and c.i > verb.i  # "..., said that 324 people had been
            # aboard: 312 passengers and 12 crew": a list after the verb, hung on its subject
            or subj.dep_ == "ROOT" and c.left_edge.i <= verb.i <= c.right_edge.i]  # a
    # sentence the parser left without a main verb (``_fronted_subject``)
    return ((figure.i == subj.i or subj.is_ancestor(figure))  # not its span: "Brennic
            # Ferries ... said that 324 people had been aboard: 312 passengers ...", whose
            # list the parser hangs on the subject, round the figure said
            and not any(c.left_edge.i <= figure.i <= c.right_edge.i for c in said))


def _with_word(verb: Token) -> str:
    words = CUE_WITH.get(verb.lemma_.lower(), ())
    return next((c.text for c in verb.children if c.lower_ in words), "")


def subject(verb: Token) -> Token | None:
    """The subject of a cue verb; the agent of a passive one; for a participle or an
    infinitive without one ("..., noting that", "went on to say"), the subject of the
    verb it hangs from."""
    if (record := _record_verb(verb)) is not None:
        return record
    if (fronted := _fronted_subject(verb)) is not None:
        return fronted
    cur: Token | None = verb
    for _ in range(4):
        if cur is None:
            return None
        kids = list(cur.children)
        agent = [c for c in kids if c.dep_ == "agent"]
        if agent:
            objs = [c for c in agent[0].children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
        subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
        subj = [c for c in subj if not _relative(c)] or subj
        if subj and subj[0].dep_ == "nsubj" or (subj and cur.i == verb.i and cur.tag_ != "VBN"):
            return _nominal(subj[0], cur)
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN") and not subj:
            return cur.head
        inverted = [c for c in kids if c.dep_ in ("dobj", "attr") and c.i > cur.i
                    and (c.ent_type_ in SPEAKER_LABELS or c.pos_ == "PROPN")
                    and cur.lemma_.lower() in REPORTING]
        if inverted and cur.i == verb.i:
            return inverted[0]  # ", said the agency"
        if subj:
            return None
        if cur.i == verb.i and cur.dep_ == "ROOT" and (lost := _lost_subject(cur)) is not None:
            return lost
        if cur.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ == "ADP" and cur.head.i != cur.i:
                cur = cur.head
            continue
        return None
    return None


def _fronted_subject(verb: Token) -> Token | None:
    """"The National Audit Office, in a report that first exposed the scheme, put the loss
    at 31.2 million euros": a sentence the parser leaves without a main verb (its root a
    name) hangs the verb on the clause set off after the name; the name is its subject."""
    if verb.dep_ != "conj" or verb.head.dep_ not in ("relcl", "acl") or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    root = verb.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or not root.i < verb.head.head.i < verb.i:
        return None
    if verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    return root


LOST_GAP = frozenset({"punct", "aux", "auxpass", "neg", "appos", "advmod"})


def _lost_subject(verb: Token) -> Token | None:
    """A finite reporting verb the parser left without a subject, whose subject it hung
    inside an opening phrase ("Speaking with the president and his cabinet, Health
    Secretary Ann Lee, Jr., had said that..." parses "Lee" as a conjunct of "cabinet"): the
    name that ends just before the verb, with nothing between them but commas, an
    auxiliary, the name's own apposition or a participle set off after it ("SRT Vornic,
    citing local officials, reported")."""
    deps = {c.dep_ for c in verb.children}
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or (
        verb.tag_ == "VBN" and "aux" in deps and "auxpass" not in deps)  # "had said"
    if not finite or verb.lemma_.lower() not in REPORTING:
        return None
    i = verb.i - 1
    doc = verb.doc
    citing = {t.i for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"
              and c.i < verb.i and c.left_edge.i == c.i > verb.sent.start
              and doc[c.i - 1].text == "," for t in c.subtree}  # "SRT Vornic, citing
    # officials, reported": a participle set off after the name, not one opening the sentence
    named: Token | None = None  # "..., the hospital's director, Dr Ines Vahl, said": the
    # name set beside the role, both hung on the place before them
    while i >= verb.sent.start and (doc[i].dep_ in LOST_GAP or i in citing
                                     or doc[i].head.dep_ == "appos" and doc[i].head.i < verb.i):
        if doc[i].ent_type_ in SPEAKER_LABELS and i not in citing and (
                doc[i].dep_ != "appos" or doc[i].head.ent_type_ not in ("", doc[i].ent_type_)):
            break  # a name (one set beside a place: "In Moltena, ..., SRT Vornic"); not a
            # name's own apposition ("Ann Lee, Jr.")
        if (named is None and doc[i].dep_ == "appos" and doc[i].pos_ == "PROPN"
                and doc[i].ent_type_ in SPEAKER_LABELS and doc[i].head.pos_ == "NOUN"
                and doc[i].head.dep_ == "appos"):
            named = doc[i]
        i -= 1
    if named is not None and (i < verb.sent.start or doc[i].ent_type_ not in SPEAKER_LABELS
                              or named.i in (i, doc[i].head.i)):
        return named
    if i < verb.sent.start:
        return None
    name = doc[i]  # hung as a conjunct or loose dependent, not as an object of the phrase
    lost = name.dep_ in ("conj", "appos", "dep", "npadvmod")
    return name if lost and name.ent_type_ in SPEAKER_LABELS and name.pos_ == "PROPN" else None


def _relative(tok: Token) -> bool:
    """'who', 'which', 'that' as relative pronouns; not 'the WHO'."""
    return tok.lower_ in ("who", "which", "that") and not (tok.text.isupper() and tok.pos_ == "PROPN")


def _nominal(subj: Token, verb: Token) -> Token | None:
    """A subject that is a word, not a dash the parser took for one."""
    if _relative(subj):
        return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None
    if subj.lower_ in ("n't", "n’t", "not", "you", "one", "there"):
        return None  # a negation the tagger took for a noun; a generic "you"
    if any(ch.isalnum() for ch in subj.text) and (
            subj.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or subj.ent_type_):
        return subj
    if subj.pos_ == "ADJ" and any(c.dep_ in ("det", "poss", "compound") for c in subj.children):
        return subj  # "POLITICO's Battleground States average shows": a noun tagged otherwise
    nouns = [t for t in subj.subtree if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in (
        "compound", "pobj", "poss") and any(ch.isalnum() for ch in t.text)]
    return nouns[0] if nouns else None  # "officials − including ... − say": the dash is no name


def _according_to(doc: Doc, tok: Token, quotes: Attributed) -> Attribution | None:
    return according_to(doc, tok, quotes)


def according_to(doc: Doc, tok: Token, quotes: Attributed = ()) -> Attribution | None:
    """'according to X' or 'per X': the one just after ``tok``, else the nearest before."""
    sent = sent_of(tok)
    found: list[tuple[int, Token, str]] = []
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "to":
            objs = [c for c in doc[t.i + 1].children if c.dep_ == "pobj"
                    and c.lemma_.lower() not in CONFORMITY and c.lower_ not in CONFORMITY]
            if objs:
                found.append((t.i, objs[0], "according to"))
            elif (unset := _unset_object(doc, t)) is not None and unset.end <= tok.i:
                return Attribution(unset.text, "according to", False,
                                   "named" if unset.root.pos_ == "PROPN" else "nominal")
        elif t.lower_ == "per" and t.dep_ == "prep":
            objs = [c for c in t.children if c.dep_ == "pobj" and (
                c.ent_type_ in SPEAKER_LABELS or any(d.dep_ in ("det", "poss") for d in c.children))]
            if objs:
                found.append((t.i, objs[0], "per"))
        elif t.lower_ == "by" and t.dep_ == "prep":  # "by one estimate", "by the agency's count"
            objs = [c for c in t.children if c.dep_ == "pobj" and c.lemma_.lower() in RECKONINGS
                    and any(d.dep_ in ("det", "poss", "nummod") for d in c.children)]
            if objs:
                found.append((t.i, objs[0], "by"))
    found = [f for f in found if tok.i not in {t.i for t in f[1].subtree}]
    if not found:
        return None  # the figure describes the source: "according to a 52-count complaint"
    after = [f for f in found if f[0] > tok.i]
    _, obj, cue = min(after) if after else max(found)
    whole = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"), None)
    if whole is not None and obj.lower_ in DOCUMENT_PARTS:  # "the terms of the agreement"
        name, kind = source_name(doc, whole, quotes)
        if not name or name == whole.text:  # no author of its own: the part of it, whole
            name, kind = doc[obj.left_edge.i : whole.right_edge.i + 1].text, "nominal"
            name = name.removeprefix("the ").removeprefix("a ")
        return Attribution(name, cue, False, kind)
    name, kind = source_name(doc, obj, quotes)
    return Attribution(name, cue, False, kind) if name else None


def _unset_object(doc: Doc, according: Token) -> Span | None:
    """What "according to" opening a sentence without a comma names when the parser made it
    the head of the clause ("According to city traffic counts it carries 48,000 vehicles":
    "counts" the root, "it carries ..." its clause): the noun and the words before it, down
    to "to"."""
    noun = according.head
    if noun.i <= according.i + 1 or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    words = doc[according.i + 2 : noun.i + 1]
    if not all(w.head.i in range(according.i + 2, noun.i + 1) for w in words[:-1]):
        return None
    return words[1:] if words[0].lower_ in ("the", "a", "an") else words


# parts of a document, which speak for the document: "the terms of the agreement"
DOCUMENT_PARTS = frozenset({"terms", "text", "minutes", "copy", "details", "draft", "wording",
                            "provisions", "clause", "section", "page", "pages", "transcript"})


def _parenthetical(doc: Doc, tok: Token, quotes: Attributed) -> Attribution | None:
    """'..., the governor's office said, and ...': a reporting verb set off by commas."""
    sent = sent_of(tok)
    root = sent.root
    # the root's own, and one the parser hung on a phrase set off after the figure's clause
    # ("stood at €10.4 million, the bureau said, roughly a fifth of the total")
    tails = [c for t in root.children if t.dep_ in ("npadvmod", "appos") and t.i > tok.i
             for c in t.children if c.dep_ == "parataxis" and c.i < t.i]
    closing = [t for t in sent if t.dep_ in ("relcl", "conj") and t.i > tok.i and _closing_tag(t)]
    tagging = {t.i for t in closing}
    for child in (*root.children, *tails, *closing):
        if ((child.dep_ in ("parataxis", "ccomp") or child.i in tagging)
                and _lemma(child) in REPORTING | CLAUSE_CUES
                and "," in (doc[child.left_edge.i].text, doc[max(0, child.left_edge.i - 1)].text)
                and tok.i not in {t.i for t in child.subtree}
                and not any(_fronted(tok, root, c) for c in root.children
                            if c.left_edge.i <= tok.i <= c.right_edge.i)):
            found = _verb_source(doc, child, quotes)
            if found is not None:
                return found
    return None


def _closing_tag(verb: Token) -> bool:
    """"..., and one sailor was treated for a broken wrist, coast guard spokeswoman Hana Vesk
    told reporters.": a tag closing the sentence that the parser took for a relative clause
    on the noun before it (no relative word, a named subject of its own)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    end = verb.sent.end - 1
    while end > verb.i and (verb.doc[end].is_punct or verb.doc[end].is_space):
        end -= 1
    if verb.dep_ == "conj" and verb.doc[max(0, verb.left_edge.i - 1)].text != ",":
        return False  # "..., and Vesk told reporters 3 were missing": a clause of its own
    return (subj is not None and subj.i < verb.i and subj.ent_type_ in ("PERSON", "ORG")
            and not any(c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.lower_ == "that"
                        for c in verb.subtree if c.i < verb.i)
            and verb.right_edge.i >= end)


# a fact-checker's claim line: 'Claim: "The ferry was carrying 400 passengers." Verdict: ...'
CLAIM_LINE = re.compile(r"^[ \t]*Claim[ \t]*:", re.IGNORECASE)
# where the text after it says the claim came from: "The figure comes from the Survivors
# Association", "was first published by the Daily Blaze", "Brennic has repeatedly said"
CLAIM_FROM = re.compile(
    r"(?:(?:figure|claim|number|statement)s?\s+(?:comes?|came|originates?|originated)\s+from"
    r"|(?:first\s+)?(?:published|made|posted|reported|given|put\s+about|spread)\s+by)"
    rf"\s+(?P<name>(?:the\s+)?{NAME_PATTERN})"
    rf"|^(?P<subject>(?:the\s+)?{NAME_PATTERN})"
    r"\s+(?:has|have|had)\s+(?:\w+\s+)?(?:said|claimed|stated|insisted|argued|maintained)\b")
# who the claim line itself names after the quoted claim: 'Claim: "1.6 million customers" -
# Power Workers' Union', 'Claim: "..." (widely shared on social media)'
CLAIM_SIGNED = re.compile(
    r"[\"\u201d]\s*(?:[-\u2013\u2014]\s*(?P<dash>[A-Z][^\n,()]{1,60}?)\s*(?:,|$)"
    r"|\([^()\n]*?\b(?:on|by|from|in)\s+(?P<paren>[^()\n]{2,60})\))")
CLAIM_LOOKAHEAD = 400  # characters read after a claim line for where it came from


def _claimed(doc: Doc, tok: Token) -> Attribution | None:
    """A figure in a fact-checker's claim line ('Claim: "..." Verdict: ...') is the claim's
    maker's, as the paragraph after it says ("The figure comes from X", "was first
    published by X", "X has repeatedly said")."""
    text = text_of(doc)
    _, end, line = _line_of(text, tok.idx)
    if not CLAIM_LINE.match(line):
        return None
    m = CLAIM_SIGNED.search(line)
    if m is not None:
        name = (m.group("dash") or m.group("paren")).strip().rstrip(".")
        return Attribution(name, "claim", False, kind_of(name))
    after = text[end + 1 : end + 1 + CLAIM_LOOKAHEAD] if end >= 0 else ""
    para = after.strip().split("\n")[0]
    m = CLAIM_FROM.search(para)
    if m is None:
        return None
    name = re.split(r"\.\s", m.group("name") or m.group("subject"))[0].strip().rstrip(".")
    return Attribution(name, "claim", False, kind_of(name))


def _label(doc: Doc, tok: Token) -> Attribution | None:
    return label_at(doc, tok.idx)


def label_at(doc: Doc, at: int) -> Attribution | None:
    """'Mayor: 56 people injured', a transcript's 'RUIZ: ...': a speaker label opening the
    paragraph of the character ``at``, before it."""
    text = text_of(doc)
    para = text.rfind("\n", 0, at) + 1
    m = re.match(r"[ \t\"“']*([A-Z][\w.'’\- ]{0,40}?):[ \t]", text[para:at])
    if m is None:
        return None
    span = doc.char_span(para + m.start(1), para + m.end(1), alignment_mode="expand")
    if span is None or not 0 < len(span) <= 4 or m.group(1).lower() in NOT_LABELS:
        return None
    words = [t for t in span if not t.is_punct]
    upper = m.group(1).isupper() and len(m.group(1)) > 2
    if not words or not (upper or all(t.pos_ in ("PROPN", "NOUN") for t in words)):
        return None
    if any(t.like_num or t.ent_type_ in ("DATE", "TIME", "CARDINAL") for t in span):
        return None
    headline = not text[:para].strip()
    if headline and not _speaker_label(words):
        return None  # a headline's kicker: "Serava earthquake: 45,000 homeless", "VAULT OF
        # SHAME: ..."; a headline's speaker is a name or a role: "Mayor: 56 injured"
    if not headline and not upper and not _may_speak(words):
        return None  # a section's heading in a situation report: "Food: The Red Cross has
        # handed out 7,500 parcels"
    name = m.group(1).strip()
    return Attribution(name, ":", False, kind_of(name))


def _may_speak(words: Sequence[Token]) -> bool:
    """A label of words that can name a speaker: a name, or a common noun for a role, a
    body or people ("Mayor", "Police", "Residents"); not a topic ("Food", "Shelter")."""
    last = words[-1]
    return (any(t.pos_ == "PROPN" or t.ent_type_ in SPEAKER_LABELS for t in words)
            or last.lower_.rstrip(".") in TITLES | ANONYMOUS
            or can_speak(last, BODIES | GROUPS))


def _speaker_label(words: Sequence[Token]) -> bool:
    """A label that can name who speaks: its last word a role or a body ("Mayor",
    "Police") or a name ("Ruiz"), or a transcript's speaker in capitals ("HOST", "SEN.
    RUIZ"); not a kicker ("Serava earthquake", "VAULT OF SHAME")."""
    last = words[-1]
    if last.lower_.rstrip(".") in TITLES | BODIES | GROUPS | ANONYMOUS:
        return True
    if last.text.isupper():
        return len(words) <= 2
    return last.pos_ == "PROPN" or last.text[:1].isupper()  # "Ruiz", tagged a noun
