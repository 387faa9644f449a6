"""The words attribution reads cues and sources by: reporting verbs and their kinds,
nouns of record, bodies that speak as one, and the dependencies that make a figure a
circumstance of the saying rather than what is said. General English, written by hand;
nothing here is fitted to a corpus (``nlp.attribution`` uses them).
"""

from __future__ import annotations

import re

from .syntax import REPORTING

__all__ = [
    "ACCOUNTS",
    "ADMISSIONS",
    "ANONYMOUS",
    "ATTITUDES",
    "BODIES",
    "BODY_LOOKBACK",
    "CIRCUMSTANCE",
    "CIRCUMSTANCE_PREPS",
    "CLAIMS",
    "CLAUSE_CUES",
    "CONFORMITY",
    "CUES",
    "CUE_WITH",
    "GROUPS",
    "HEADLINE_CUE",
    "LISTENERS",
    "METHODS",
    "NOT_LABELS",
    "NOUN_MODIFIERS",
    "OBJECT_PREPS",
    "PAPERS",
    "PROPOSALS",
    "RECKONINGS",
    "RECORDS",
    "RECORD_LOOKBACK",
    "SPEECH",
    "SPOKEN",
    "SURVEYS",
    "TAG_CHARS",
    "UNNAMED",
    "UNNAMED_BY_REQUEST",
    "UNVERIFIED",
    "VALUES",
]

# verbs that report only what their clause says: "the court ruled that", "the paper learned"
CLAUSE_CUES = frozenset(
    "charge rule learn hear joke complain lament observe reiterate recount caution speculate "  # noqa: SIM905
    "determine conclude agree".split()
)
# verbs whose object or complement is what the subject states, beyond the reporting ones
CUES = REPORTING | frozenset(
    "clarify recommend expect project calculate tally count cite rate believe think "  # noqa: SIM905
    "forecast predict calculate put make want plan propose intend seek demand urge ask offer value "
    "reference mention feature publish call point list brag unveil propound aver posit proclaim "
    "profess pronounce opine hint imply confess confide divulge retort swear reaffirm "
    "theorize theorise hypothesize counter concur assure measure record beg plead "
    "lobby give link flag".split()
) | CLAUSE_CUES
# verbs of speech proper: what they report is a clause or a quotation, never a noun object
SPEECH = frozenset(
    "say add tell write state note explain insist argue warn comment reply respond answer "  # noqa: SIM905
    "declare remark agree post tweet claim".split()
)
# participles that say how a figure was reached, not what is stated: "..., using 5 polls"
METHODS = frozenset({"use", "base", "draw", "rely", "cite"})
# verbs whose "to" phrase is what is admitted: "the company admits to at least 600"
ADMISSIONS = frozenset({"admit", "confess", "testify"})
# what a clause can be said in: "told jurors in his closing argument that ..."
SPOKEN = frozenset({"interview", "speech", "testimony", "remarks", "address", "briefing",
                    "letter", "filing", "post", "tweet"})
OBJECT_PREPS = frozenset({"from", "of", "among", "with"})  # a phrase of the cue's object
# verbs whose object is the one spoken to: "told reporters", "asked the moderator, who ..."
LISTENERS = frozenset("tell ask urge warn remind inform assure advise brief notify".split())  # noqa: SIM905
# "put X at 36,000", "made clear that ...": cues only with that complement
# ("his lawyers begged for just eight", "lobbied for a 25% raise")
CUE_WITH = {"put": ("at",), "make": ("clear",), "call": ("for",), "point": ("to", "out"),
            "beg": ("for",), "plead": ("for",), "lobby": ("for",),
            "value": ("at",),  # "a villa that investigators have valued at €1.8 million"
            "give": ("as",),  # "some reports have given the figure as 121"
            "link": ("to",)}  # "the ministry has linked 14 deaths to the heat": a claim of cause
SURVEYS = frozenset({"poll", "survey", "study", "census", "tally", "count", "analysis", "audit"})
# cues of intention or belief: an explicit "according to" in the sentence outranks them
ATTITUDES = frozenset({"want", "plan", "propose", "intend", "seek", "hope", "expect", "believe",
                       "think", "offer", "demand", "urge", "ask"})
# nouns whose clause ("Trump's claim that ...", "a Times report that ...") is what their
# author states; and proposals, whose figures are their author's ("Clinton's plan would ...")
CLAIMS = frozenset(
    "claim assertion allegation promise emphasis argument warning view belief prediction "  # noqa: SIM905
    "statement report estimate finding contention".split()
)
PROPOSALS = frozenset({"plan", "proposal", "budget", "offer", "bill", "platform", "pledge"})
# records and documents: the source is their author, when the text gives one
RECORDS = frozenset(
    "report study poll survey analysis data figure figures estimate estimates record records "  # noqa: SIM905
    "statement post posts filing filings complaint letter document documents tally count "
    "database review audit investigation release update count tweet memo notice bulletin "
    "research projection projections assessment calculation calculations article story "
    "editorial column book image images imagery footage readings monitoring "
    "measurements list catalogue catalog manifest log logbook register specification "
    "inventory ledger picture pictures photo photos photograph photographs video videos "
    "finding findings".split()
)
# papers a record can come from without being made by them: "documents from his tax return"
PAPERS = frozenset({"return", "returns", "archive", "archives", "file", "files", "folder",
                    "records", "database", "server", "account", "accounts"})
UNVERIFIED = frozenset({"posts", "post", "rumours", "rumors", "rumour", "rumor", "unconfirmed",
                        "unverified", "social", "anonymous", "unnamed"})
# records that are a value themselves: "a 140,000 estimate" is the estimate; "a 52-count
# complaint" or "a 46-page analysis" only describes the document
VALUES = frozenset({"estimate", "estimates", "count", "tally", "figure", "figures", "projection",
                    "projections", "calculation", "forecast", "poll", "request", "ask",
                    "demand", "offer", "bid", "proposal"})
RECKONINGS = frozenset({"estimate", "count", "tally", "calculation", "reckoning", "forecast", "result",
                        "projection", "prediction"})
# what "according to" a thing of this kind says is conformity, not a source: "overweight
# according to his body mass index", "according to the rules"
CONFORMITY = frozenset(
    "law rule rules regulation regulations index definition standard standards schedule "  # noqa: SIM905
    "formula guideline guidelines tradition custom constitution statute bylaw protocol "
    "procedure timetable calendar scale metric".split()
)
# common nouns for a body that speaks as one: what "it said" stands for
BODIES = frozenset(
    "ministry agency government company department office council court committee union "  # noqa: SIM905
    "firm board army military police service authority administration commission "
    "campaign party group organisation organization institute center centre bank "
    "hospital university school newspaper paper network station coalition alliance "
    "embassy regulator watchdog charity foundation team club league operator airline carrier "
    "manufacturer owner publisher broadcaster insurer utility lab laboratory reinsurer "
    "county city province region municipality directorate inspectorate bureau secretariat tribunal "
    "gang cartel militia syndicate guard".split()
)
# people who speak as a group: a common noun a title-case headline capitalises
GROUPS = frozenset(
    "officials police authorities experts analysts witnesses residents organisers organizers "  # noqa: SIM905
    "doctors scientists researchers investigators prosecutors rescuers workers unions".split()
)
ACCOUNTS = frozenset({"account", "page", "website", "site", "channel", "feed", "blog", "profile"})
ANONYMOUS = frozenset({"source", "sources", "person", "people", "insider", "insiders"})
UNNAMED = frozenset({"familiar", "anonymous", "unnamed", "unidentified"})
RECORD_LOOKBACK = 300  # tokens searched back for where a record was first named
BODY_LOOKBACK = 2500  # characters searched back for the name of "the firm", "the group"
TAG_CHARS = 200  # how far after a quote its speaker's tag is read
# a source that the text says asked to stay unnamed
UNNAMED_BY_REQUEST = re.compile(
    r"anonymity|not to be (?:named|identified|quoted by name)|not authori[sz]ed to (?:speak|"
    r"discuss|comment)|(?:declined|refused) to be (?:named|identified)", re.IGNORECASE)
NOUN_MODIFIERS = frozenset({"det", "poss", "amod", "compound", "nummod"})
# dependencies by which a figure hangs from a verb as a circumstance, not as what is said
CIRCUMSTANCE = frozenset({"npadvmod", "advmod", "advcl", "dative", "agent", "punct", "mark", "aux",
                          "auxpass", "neg", "cc", "nsubj", "nsubjpass", "csubj", "prt", "intj"})
# prepositions that set a reporting verb in time or place, or name its listener; any other
# ("between 275,000 and 325,000", "with a 93% rate") introduces what is said
CIRCUMSTANCE_PREPS = frozenset(
    "on in at during after before since until by from over through throughout amid following "  # noqa: SIM905
    "despite as for to into across near inside outside within under ahead upon of".split()
)
NOT_LABELS = frozenset(
    "update updated watch breaking exclusive analysis opinion editorial note photos photo video "  # noqa: SIM905
    "live read related correction q a by listen timeline factbox explainer fact check "
    "background context claim claims verdict rating".split()
)
# a title-case headline's source and cue: "Ruiz Says 40 Soldiers Wounded"
HEADLINE_CUE = re.compile(
    r"[\"“']?((?:[A-Z][\w.'’-]*\s){1,4}?)(Says?|Said|Reports?|Claims?|Estimates?|Warns?|"
    r"Confirms?|Finds?|Shows?|Announces?|Puts?)\s")
