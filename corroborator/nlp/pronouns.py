"""Who a pronoun stands for, by agreement: gender for 'he' and 'she', number for 'they'
and 'it'.

``person_antecedent`` gives the nearest earlier person named in the report (a PERSON
entity, or a run of proper nouns opening with a given name or following a title, which the
small model often tags as a place or a product) whose gender, as the report shows it, does
not disagree with the pronoun: a title or role beside any mention ("Mr.", "spokeswoman"), a
given name ("Elaine"), or the first "he"/"she" after a mention. A surname the tagger missed
counts when the report names the person in full elsewhere. "He said" is the last one who
spoke or was the subject of a main clause, not a person spoken of in between ("Rendell
said ... He added that Clinton is likely to ... 'Quote,' he said"). Otherwise, among the
nearest three it prefers one who speaks or acts (a subject, a quote's speaker). ``group_antecedent`` gives
the nearest earlier subject of the same number. The word lists are general English and
common given names; nothing here is fitted to a corpus.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .cues import GROUPS, LISTENERS
from .syntax import REPORTING, ents_of, headline_case, sent_of, strip_possessive

if TYPE_CHECKING:
    from .quotes import QuoteSpan

Attributed = Sequence[tuple["QuoteSpan", str | None, str | None]]

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
MALE_WORDS = frozenset(
    "mr mr. sir spokesman chairman congressman councilman businessman father husband son "  # noqa: SIM905
    "brother king prince boy man uncle grandfather nephew".split()
)
FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss madam spokeswoman chairwoman congresswoman councilwoman businesswoman "  # noqa: SIM905
    "mother wife daughter sister queen princess girl woman aunt grandmother niece actress".split()
)
# common given names whose bearers are nearly always of one gender: the last evidence
# "she said" has when the report gives no title, role or earlier pronoun for a person
MALE_NAMES = frozenset(
    "james john robert michael william david richard joseph thomas charles christopher daniel "  # noqa: SIM905
    "matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy "
    "ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin "
    "scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry "
    "tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold "
    "keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan "
    "joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene "
    "vincent russell elijah louis bobby philip johnny mike bill tom jim bob barack bernie ted "
    "marco mitt chris tim rand jeb newt dick al rudy reince steve sean ben carlos luis miguel "
    "jorge pedro antonio francisco manuel javier vladimir emmanuel boris xi ahmed mohammed "
    "muhammad ali omar hassan ivan dmitri sergei hans klaus jurgen pierre jean-luc luca marco "
    "giovanni francesco alejandro diego pablo rafael andres fernando ricardo sergio mateo "
    "hamid karim yusuf ibrahim mustafa mahmoud khalid tariq rahul amit raj arjun vijay "
    "hiroshi takeshi kenji wei jun hao min-jun tomas jan piotr pavel andrei nikolai oleg "
    "olaf lars sven erik nils kofi kwame emeka chinedu tunde liam owen connor declan "
    "ian colin neil graham martin hugh rupert nigel simon luke travis trevor wesley "
    "lukas markus stefan tobias jonas matteo viktor anton milan petr josef karel marek "
    "tomasz jakub filip mikhail alexei dominik florian matthias johannes".split()
)
FEMALE_NAMES = frozenset(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty "  # noqa: SIM905
    "margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah "
    "stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma "
    "nicole helen samantha katherine christine debra rachel carolyn janet catherine maria "
    "heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan "
    "evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison "
    "frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn "
    "danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori "
    "hillary melania ivanka michelle nancy elaine kellyanne sarah huma donna carly nikki "
    "elizabeth kamala jill tulsi condoleezza madeleine angela theresa marine ana lucia carmen "
    "rosa sofia elena irina olga fatima aisha leila priya lara jane joanna susanna ines "
    "isabel beatriz lucia paula adriana gabriela valentina camila daniela marta claudia "
    "francesca giulia chiara ingrid astrid greta anke heike ursula sabine monique sylvie "
    "nathalie amelie yasmin zainab mariam noor layla sunita anjali deepa kavita meera "
    "yuki keiko hana mei ling xiu svetlana natasha tatiana anastasia ewa katarzyna agnieszka "
    "ngozi amara chioma abena wanjiru siobhan niamh aoife fiona kirsty gemma holly jodie "
    "tracy wendy sheila pauline rita vera nadia tanya irena jana petra katarina zuzana "
    "magdalena lena milena natalia ludmila alena lenka monika veronika barbora".split()
)
NAMES_FILE = Path(__file__).with_name("names_data") / "given_names.txt.gz"


def given_gender(word: str) -> str | None:
    """'m' or 'f' for a given name nearly all of whose bearers are of one gender: the lists
    above, then nomquamgender's name data (``scripts/given_names.py``); else None."""
    low = word.lower()
    if low in MALE_NAMES:
        return "m"
    if low in FEMALE_NAMES:
        return "f"
    return _given_names().get(low)


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    with gzip.open(NAMES_FILE, "rt", encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t") for line in f if not line.startswith("#"))


PERSONAL = frozenset({"he", "she", "him", "her"})
TITLES = frozenset(
    "mr mrs ms dr sen rep gov mayor president minister gen col capt lt sgt judge senator "  # noqa: SIM905
    "governor prof professor sir dame lord lady chief secretary commissioner director".split()
)
ACTOR_TOKENS = 60  # how far back a one-word name is taken for 'he' or 'she' when no person is
PLACES = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "PRODUCT"})
LOOKBACK_TOKENS = 600  # how far back a pronoun's antecedent is looked for
SPEAKER_TOKENS = 250  # how far back "he said" looks for the last one who spoke


def person_antecedent(doc: Doc, pron: Token, quotes: Attributed = ()) -> str | None:
    """The person 'he'/'she' stands for: the nearest earlier person named in the report whose
    gender, as the report shows it, does not disagree; returned by the fullest form of the
    name the report uses."""
    low = pron.lower_
    if low not in PERSONAL and low not in ("his", "hers"):
        return None
    want = "m" if low in MALE else "f"
    inside = [(q.open_at, q.close_at) for q, _, _ in quotes]
    persons = [e for e in _persons(doc, max(0, pron.i - LOOKBACK_TOKENS), pron.i)
               if not any(a <= e.start_char < b for a, b in inside)]
    speakers = {w for _, name, _ in quotes if name for w in name.split()}
    bound = _reporter_of(pron, persons)
    if bound is not None and _titled(doc, bound) in (None, want):
        return fullest(doc, bound, want)  # "Trump says he would pay for it": the one whose
        # words the clause is, whatever another bearer of the name would make of his gender
    compatible = [e for e in reversed(persons) if gender(doc, e, persons, pron.i) in (None, want)
                  and not (e.root.dep_ == "compound" and e.root.head.pos_ == "NOUN")]
    if compatible and _just_introduced(doc, compatible[0], pron, inside):
        return fullest(doc, compatible[0], want)  # "... talking about Vesna Radic, the gran
        # pulled alive after 52 hours. '...,' she told the Flash": the one just introduced
    if pron.dep_ == "nsubj" and pron.head.lemma_.lower() in REPORTING:
        spoke = _last_speaker(pron, quotes, want)
        if spoke is not None and not any(strip_possessive(e.text) == spoke for e in compatible):
            return spoke  # '"...," fumed Maja Korven, 46. "...," she said': the last one
            # quoted, a woman by her given name, whom the tagger named no person
        for ent in compatible:  # "..., he said": the last one who spoke or acted, if one
            if ent.start < pron.i - SPEAKER_TOKENS:  # did lately; not one spoken of
                break
            if _speaks(ent, speakers) or _main_subject(ent):
                return fullest(doc, ent, want)
    for ent in compatible[:3]:  # the nearest that is someone speaking or acting, if any
        if _salient(ent, speakers):
            return fullest(doc, ent, want)
    if compatible:
        return fullest(doc, compatible[0], want)
    actor = _named_actor(doc, pron)
    return strip_possessive(actor.text) if actor is not None else None


def _last_speaker(pron: Token, quotes: Attributed, want: str) -> str | None:
    """The speaker of the last quote closed shortly before the pronoun, when the given name
    says the pronoun's gender (``given_gender``)."""
    before = [(q.close_at, name) for q, name, _ in quotes if name and q.close_at <= pron.idx]
    if not before:
        return None
    close, name = max(before)
    if pron.idx - close > SPEAKER_CHARS or len(name.split()) < 2:
        return None
    return name if given_gender(name.split()[0]) == want else None


SPEAKER_CHARS = 400  # how far after a quote "she said" may take its speaker


def _reporter_of(pron: Token, persons: list[Span]) -> Span | None:
    """The person named as the subject of the verb of saying whose clause the pronoun
    opens: "Trump says he would ...", "Ruiz said she had ..."."""
    verb = pron.head
    if pron.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp":
        return None
    saying = verb.head
    if saying.lemma_.lower() not in REPORTING or saying.i > pron.i:
        return None
    subj = next((c for c in saying.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    return next((e for e in persons if e.start <= subj.i < e.end), None)  # a person, however
    # the tagger took the word


def _titled(doc: Doc, ent: Span) -> str | None:
    """'m' or 'f' from a title or gendered word just before this mention ("Mr", "Mrs")."""
    near = {t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]}
    if near & MALE_WORDS:
        return "m"
    if near & FEMALE_WORDS:
        return "f"
    return None


def _just_introduced(doc: Doc, ent: Span, pron: Token, inside: Sequence[tuple[int, int]]) -> bool:
    """Whether ``ent`` is a person introduced (named in full for the first time, with an
    appositive that says who they are) in the sentence just before the pronoun's, sentences
    inside quotations (``inside``) passed over."""
    described = (any(c.dep_ == "appos" for c in ent.root.children) or ent.root.dep_ == "appos"
                 or ent.end + 1 < len(doc) and doc[ent.end].text == ","
                 and doc[ent.end + 1].lower_ in ("the", "a", "an"))  # "Vesna Radic, the gran"
    if not described:
        return False
    before = sent_of(pron)
    for _ in range(8):
        if before.start == 0:
            return False
        before = sent_of(doc[before.start - 1])
        if not any(a <= before.start_char < b for a, b in inside):
            break
    if not (before.start <= ent.start and ent.end <= before.end) or len(ent) < 2:
        return False
    surname = ent[-1].text
    return not any(t.text == surname for t in doc[: ent.start])


def _named_actor(doc: Doc, pron: Token) -> Token | None:
    """With no person named before it: a one-word proper name that is the subject of a verb
    just before the pronoun ("Varga posted a video. ... he wrote"), which the small model
    may tag as an organisation."""
    for tok in reversed(doc[max(0, pron.i - ACTOR_TOKENS) : pron.i]):
        if (tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB"
                and tok.ent_type_ not in PLACES and tok.text[:1].isupper()
                and not any(c.dep_ == "compound" for c in tok.children)):
            return tok
    return None


def _persons(doc: Doc, lo: int, hi: int) -> list[Span]:
    """The people named between tokens ``lo`` and ``hi``: PERSON entities, and runs of proper
    nouns the tagger did not take for a person but that open with a given name or follow a
    title ('Mayor Ines Varga', 'Ana Lima' read as a place)."""
    people = [e for e in ents_of(doc) if e.label_ == "PERSON" and lo <= e.start and e.end <= hi]
    taken = {i for e in people for i in range(e.start, e.end)}
    i = lo
    while i < hi:
        j = i
        while j < hi and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if j - i >= 2 and not taken & set(range(i, j)):
            first, before = doc[i].lower_, doc[i - 1].lower_.rstrip(".") if i else ""
            if first.rstrip(".") in TITLES and j - i >= 3:
                people.append(doc[i + 1 : j])
            elif given_gender(first) is not None or before in TITLES:
                people.append(doc[i:j])
        i = max(j, i + 1)
    surnames = {e.text.split()[-1] for e in ents_of(doc) if e.label_ == "PERSON" and len(e) > 1}
    taken = {i for e in people for i in range(e.start, e.end)}
    people += [doc[t.i : t.i + 1] for t in doc[lo:hi] if t.text in surnames and t.i not in taken
               and t.pos_ == "PROPN" and t.dep_ != "compound"]  # "Schiff", tagged a place
    return sorted(people, key=lambda e: e.start)


# pronouns that stand for a group or a body: plural ("they said", "their count") and
# singular ("it said", "its magnitude")
THEY = frozenset({"they", "them", "their"})
IT = frozenset({"it", "its"})


def group_antecedent(doc: Doc, pron: Token, bodies: frozenset[str]) -> Token | None:
    """What 'they' or 'it' stands for as a source: the nearest earlier subject, within the
    pronoun's sentence and the two before it, that agrees in number (a plural noun for
    'they'; for 'it', a singular organisation or a noun of ``bodies``: 'the ministry')."""
    sent = sent_of(pron)
    first = sent_of(doc[max(0, sent.start - 1)]) if sent.start else sent
    first = sent_of(doc[max(0, first.start - 1)]) if first.start else first
    said = [c for c in pron.head.children if c.dep_ in ("ccomp", "parataxis") and c.i < pron.i]
    for tok in reversed(doc[first.start : pron.i]):
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.left_edge.i <= tok.i <= c.right_edge.i for c in said):
            continue  # "Roughly 14,000 investors lost money, they said": not what is said
        if (pron.lower_ in ("they", "them") and pron.head.lemma_.lower() in REPORTING
                and not can_speak(tok, bodies)):
            continue  # "The program has expanded, they say": changes do not speak
        plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "cc" for c in tok.children)
        org = tok.ent_type_ in ("ORG", "NORP", "GPE") or tok.lemma_.lower() in bodies or any(
            c.dep_ == "appos" and c.ent_type_ == "ORG" for c in tok.children) or (  # "The
            # operator, Blue Line Ferries, ..."
            tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON") and _named_org(doc, tok))
        if (pron.lower_ in THEY and plural) or (pron.lower_ in IT and not plural and org):
            return tok
    return None


COMPANY_WORDS = 3  # words a company's full name may add to its short one
COMPANY_ENDINGS = frozenset({"Group", "Ltd", "Limited", "Inc", "Inc.", "Corp", "Corp.",
                             "Corporation", "Company", "Co", "Co.", "Holdings", "plc", "PLC",
                             "AG", "SA", "GmbH", "LLC"})


def _named_org(doc: Doc, tok: Token) -> bool:
    """Whether the report tags the name ``tok`` ends elsewhere as an organisation, alone or
    with a company's ending ("Kelmark Mining Group"): a name the tagger leaves untyped (or
    takes for a person's) in one sentence is that organisation's ("Kelmark has been fined
    ..., not the €1.2 million it quotes"); a name within a longer one is not ("Palomen
    Star" of "Palomen Star Families and Survivors Association")."""
    name = " ".join(t.text for t in tok.subtree if t.dep_ == "compound" or t.i == tok.i)
    for e in doc.ents:
        rest = e.text[len(name) + 1 :].split() if e.text.startswith(name + " ") else None
        if e.label_ == "ORG" and (e.text == name or rest and len(rest) <= COMPANY_WORDS
                                  and rest[-1] in COMPANY_ENDINGS):
            return True  # "Kelmark", "Kelmark Group", "Kelmark Mining Group"
    return False


# endings of English nouns for people by what they do: reporters, investors, economists,
# officials, civilians, residents, participants
AGENT_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ial", "ials",
                 "ent", "ents", "ant", "ants", "ee", "ees")
SPEAKING = GROUPS | frozenset(
    "people critics leaders members staff crew democrats republicans lawmakers voters "  # noqa: SIM905
    "families parents victims sources nurses economists lawyers activists groups".split()
)


def can_speak(tok: Token, bodies: frozenset[str]) -> bool:
    """Whether a subject can be a source that speaks: a name, a body or record
    (``bodies``), or a common noun for people (by its ending or ``SPEAKING``); not "the
    changes", "prices"."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    low, lemma = tok.lower_, tok.lemma_.lower()
    return (lemma in bodies or low in bodies or low in SPEAKING or lemma in SPEAKING
            or low.endswith(AGENT_ENDINGS))


def _salient(ent: Span, speakers: set[str]) -> bool:
    """Someone speaking or acting: a subject, the name in a subject's appositive ("the new
    chair, Maria Costa, opened"), the agent of a passive ("opened by Maria Costa"), a quote's
    speaker, or the one a reporting verb names."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass") or ent.text.split()[-1] in speakers:
        return True
    if root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return True
    return (root.dep_ in ("dobj", "attr", "appos") and root.head.lemma_.lower() in REPORTING
            and root.head.lemma_.lower() not in LISTENERS)


def _acting(ent: Span) -> Token:
    """The token that stands for a name in its clause: the subject whose appositive it is
    ("the new chair, Maria Costa, opened"), or who gave it as their name ("one man, who gave
    only his first name, Pieter, said"), else its own root."""
    root = ent.root
    if root.dep_ == "appos" and root.head.lemma_.lower() == "name":
        clause = root.head.head  # "One man, who gave only his first name, Pieter, said":
        # the one who gave his name
        if clause.dep_ in ("relcl", "acl") and clause.head.dep_ in ("nsubj", "nsubjpass"):
            return clause.head
    return root.head if root.dep_ == "appos" and root.head.dep_ == "nsubj" else root


def _main_subject(ent: Span) -> bool:
    """The subject (or a passive's agent) of its sentence's main clause ("Brandt called on
    the agency to act"), not of a clause inside it ("he added that Ortiz is likely to
    sign")."""
    root = _acting(ent)
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        root = root.head  # "the hearing was opened by Maria Costa": the one who acted
    verb = root.head
    return root.dep_ in ("nsubj", "agent") and (verb.dep_ == "ROOT" or verb.dep_ == "conj"
                                                and verb.head.dep_ == "ROOT")


def _speaks(ent: Span, speakers: set[str]) -> bool:
    """Someone the report has speak: the subject of a reporting verb ("Rendell said"), the
    name after one ("said Rendell"), the name in its subject's appositive, a quote's
    speaker. Not the subject of what was said ("he added that Clinton is likely to")."""
    if ent.text.split()[-1] in speakers:
        return True
    main = ent.root.sent.root
    if (ent.root.dep_ == "appos" and ent.end <= main.i and main.lemma_.lower() in REPORTING
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in main.children)):
        return True  # "At the hospital, the medical director, Dr Ilse Fenwick, said ...": a
        # verb the parser left without its subject, hung on the place before it
    root = _acting(ent)
    if root.dep_ == "nsubj":  # "Schultz supported Democrats and said ...": its conjunct too
        verbs = [root.head] + [c for c in root.head.children if c.dep_ == "conj" and not any(
            d.dep_ in ("nsubj", "nsubjpass") for d in c.children)]
        return any(v.lemma_.lower() in REPORTING for v in verbs)
    return (root.dep_ in ("dobj", "attr") and root.head.lemma_.lower() in REPORTING
            and root.head.lemma_.lower() not in LISTENERS)  # "said Rendell", not "told KBC":
    # the one told listens


def fullest(doc: Doc, ent: Span, want: str | None = None) -> str:
    """The fullest form the report gives of this person's name: the longest PERSON name that
    ends with its last word (outside a headline), and whose given name does not disagree
    with the gender ``want`` ('she' and "Clinton" is never "Bill Clinton"); of two such,
    the one named last before."""
    last = strip_possessive(ent.text).split()[-1] if ent.text.split() else ent.text
    other = {"m": FEMALE_NAMES, "f": MALE_NAMES}.get(want or "", frozenset())
    forms = [e for e in ents_of(doc) if e.label_ == "PERSON"
             and strip_possessive(e.text).split()[-1:] == [last]
             and (e.start == ent.start or not headline_case(sent_of(e[0])))  # a headline's
             # "Rip Donald Trump": the parser reads every capitalised word as a name
             and strip_possessive(e.text).split()[0].lower() not in other]
    if not forms:
        return strip_possessive(ent.text)
    best = max(forms, key=lambda e: (len(strip_possessive(e.text).split()), e.start <= ent.start,
                                     e.start if e.start <= ent.start else -e.start))
    return strip_possessive(best.text)


def gender(doc: Doc, ent: Span, persons: list[Span], upto: int) -> str | None:
    """'m', 'f' or None: from a title or role beside any mention of this person, or from
    the first personal pronoun that follows a mention before another person is named."""
    full = strip_possessive(ent.text).split()
    last = full[-1:]
    kin = {tuple(w) for e in persons if len(w := strip_possessive(e.text).split()) > 1
           and w[-1:] == last}
    if len(full) > 1 and len(kin) > 1:  # "Anselm Ruel" and his daughter "Lene Ruel": one
        # surname, two people, each known by the full name
        def same(e: Span) -> bool:
            return strip_possessive(e.text).split() == full
    else:
        def same(e: Span) -> bool:
            return strip_possessive(e.text).split()[-1:] == last
    votes = {"m": 0, "f": 0}
    for e in persons:  # a given name, in any mention of this person: "Elaine Kamarck"
        words = strip_possessive(e.text).split()
        if len(words) > 1 and same(e):
            given = given_gender(words[0])
            votes["m"] += 2 * (given == "m")
            votes["f"] += 2 * (given == "f")
    mentions = [e for e in persons if same(e)]
    for k, e in enumerate(mentions):
        near = [t.lower_ for t in doc[max(0, e.start - 3) : e.start]]
        near += [t.lower_ for t in doc[e.end : min(len(doc), e.end + 8)] if t.dep_ in ("appos", "attr")
                 or t.head.dep_ == "appos"]
        votes["m"] += sum(w in MALE_WORDS for w in near)
        votes["f"] += sum(w in FEMALE_WORDS for w in near)
        nxt = [p.start for p in persons if p.start > e.start and not same(p)]
        stop = min(nxt + [upto])
        for t in doc[e.end : stop]:
            if t.lower_ in ("he", "she"):
                votes["m" if t.lower_ == "he" else "f"] += 1
                break
    if votes["m"] == votes["f"]:
        return None
    return "m" if votes["m"] > votes["f"] else "f"
