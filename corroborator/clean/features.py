"""What a line of a report looks like, read from its text alone.

The features the line rules of ``clutter`` read: its words and tokens, whether it
ends like a sentence or is long enough to be body text, title case, interface
vocabulary (next to digits, a counter), a decorated lone label, a newsletter
sign-up prompt, a link, a "Label: value" field, a teaser heading or label. Each is
a function of the line's text; where the line stands in its report is
``clutter``'s to judge.
"""

from __future__ import annotations

import re
from collections import Counter

PROTECTED_WORDS = 8  # a line ending like a sentence with this many words is story
BODY_TOKENS = 20  # a line this long is body text even without final punctuation
SHORT_TOKENS = 12  # longest line that position or repetition alone can remove
UI_LINE_TOKENS = 6  # longest line of pure interface vocabulary
TEASER_TAIL_WORDS = 4  # a shorter tail is a list of tags or a name, not a headline
TEASER_MAX_TOKENS = 25
FIELD_TAIL_WORDS = 6  # longest value of a "Tags: ..." field after the story

# Words of web-page furniture: ads, sharing, subscriptions, author boxes, "read
# more" links. A short line made only of these (and numbers) is interface text,
# whatever the site's exact wording.
UI_GROUPS = (
    "advertisement advertisements advert ad ads advertising sponsored promoted promotion",
    "comment comments commenting share sharing tweet follow",
    "facebook twitter whatsapp linkedin telegram reddit instagram youtube tiktok pinterest",
    "subscribe subscribed subscriber subscribers subscription newsletter newsletters premium",
    "signup sign login logout log register notifications download app donate get free",
    "daily weekly inbox alerts briefing",
    "email e-mail print copy link click tap skip close continue continues below scroll",
    "loading menu home search feedback leave content",
    "read reads reading min mins updated published ago",
    "cookie cookies privacy policy terms copyright reserved rights",
    "author authors bio related recommended trending popular latest next previous prev",
    "story stories article articles tag tags topics",
    "watch video photo gallery image credit credits caption listen audio podcast",
)
UI_WORDS = frozenset(" ".join(UI_GROUPS).split())
# Words that are interface only next to a number: "1.2K shares", "close in 20 seconds";
# alone they can head a section ("Reactions", "Views").
COUNTER_GROUPS = (
    "shares likes views votes replies reactions followers photos images videos",
    "minute minutes sec secs seconds hour hours day days",
)
COUNTER_WORDS = frozenset(" ".join(COUNTER_GROUPS).split())
# Labels that introduce a link to another story: "Also Read – ...", "Most Popular: ...".
TEASER_LABEL_GROUPS = (
    "read watch see listen related recommended trending popular latest top more must miss",
    "don't stories story video videos podcast sponsored advertisement like",
)
TEASER_LABEL_WORDS = frozenset(" ".join(TEASER_LABEL_GROUPS).split())
# Function words: ignored when measuring what a line is about.
STOP_GROUPS = (
    "a an the of to in on for at by with from and or but nor as so if than then via",
    "this that these those it its is are was were be been being will would can could",
    "shall should may might must has have had do does did",
    "our us we you your yours my me i he she they them his her their",
    "not no all also about up out more most here there now into over under",
    "what why how who whom when where which while just only very too any some each per",
)
STOPWORDS = frozenset(" ".join(STOP_GROUPS).split())
# A newsletter prompt names where the mail goes and asks the reader to sign up for it.
SIGN_UP_CHANNEL = re.compile(r"\b(?:newsletters?|inbox)\b", re.IGNORECASE)
SIGN_UP_ACTION = re.compile(r"\b(?:subscribe|subscribing|sign(?:ing)?[- ]?up)\b", re.IGNORECASE)
READER_WORDS = frozenset({"you", "your", "our", "us"})

TOKEN = re.compile(r"[^\W_](?:[\w'’.&-]*[^\W_])?")
NUMBER = re.compile(r"\d[\d.,]*[kKmM]?")
TERMINAL = ".!?…"
CLOSERS = "\"'”’»)]*_ "
# An HTML tag's name is lower or upper case; "<The Palace: Jang Noksu>" is a title.
MARKUP = re.compile(
    r"!?\[[^\]\n]*\]\([^)\n]*\)|</?(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:[\s/][^<>\n]*)?>|&#?\w+;"
)
# A lone label between dashes or brackets: "- Advertisement -", "[Sponsored]". Emphasis
# marks (* _) and wiki "=" are left out: "**Why it matters**" is a subhead.
DECORATED = re.compile(r"^[-–—~|•·\[(<{]+\s*(?P<core>[^\W\d_][\w'’ ]*?)\s*[-–—~|•·\])>}]+$")
LABELLED = re.compile(r"^(?P<label>[^\W\d_][\w'’ ]*?)\s*(?::|\||–|—|\s-)\s+(?P<tail>\S.*)$")
NAV_SEPARATOR = re.compile(r"\s+[|›»>/•·]\s+")
# Where a line points elsewhere: a web address or an e-mail address.
LINK = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)+/\S*"
)
# A photo credit or embed label: "(Photo by ...)", "Image: ...", "Video credit: ...".
CREDIT = re.compile(
    r"^[(\[]?\s*(?:photo|photograph|image|picture|video|illustration|credit)s?\b\s*(?:by\b|:|credit)",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|^copyright\b", re.IGNORECASE)


def tokens_of(text: str) -> list[str]:
    return TOKEN.findall(text)


def has_alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def words_of(text: str) -> list[str]:
    return [t for t in tokens_of(text) if has_letters(t)]


def content_words(text: str) -> list[str]:
    """Lower-cased words that say what a line is about (no function words, no numbers)."""
    found = []
    for word in words_of(text):
        word = word.lower().replace("’", "'")
        word = word.removesuffix("'s")
        if word not in STOPWORDS and not NUMBER.fullmatch(word):
            found.append(word)
    return found


def terminal(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def is_sentence(text: str) -> bool:
    """Ends like a sentence and is long enough to state something: never removed."""
    return terminal(text) and len(words_of(text)) >= PROTECTED_WORDS


def is_body(text: str) -> bool:
    return is_sentence(text) or len(tokens_of(text)) >= BODY_TOKENS


def title_ratio(text: str) -> float:
    words = [w for w in words_of(text) if w.lower() not in STOPWORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def ui_only(text: str, *, counted: bool) -> bool:
    """A short line made only of interface words (and, with a number, counter words)."""
    content = content_words(text)
    vocabulary = UI_WORDS | COUNTER_WORDS if counted else UI_WORDS
    return (
        bool(content)
        and len(tokens_of(text)) <= UI_LINE_TOKENS
        and all(w in vocabulary for w in content)
    )


def overlap(text: str, words: Counter[str]) -> float:
    """Share of a line's content words that occur elsewhere in the report."""
    own = Counter(content_words(text))
    if not own:
        return 1.0
    return sum(1 for w in own if words[w] > own[w]) / len(own)


def headline_shaped(text: str, title_min: float) -> bool:
    tokens = tokens_of(text)
    return (
        len(words_of(text)) >= TEASER_TAIL_WORDS
        and len(tokens) <= TEASER_MAX_TOKENS
        and not text.rstrip(CLOSERS).endswith((".", "!"))
        and title_ratio(text) >= title_min
    )


def interface_reason(text: str, *, table: bool = False) -> str | None:
    """Lines that are page furniture wherever they stand, even at the top."""
    if not has_alnum(text):
        return "markup residue"
    if not has_alnum(MARKUP.sub("", text)):
        return "markup residue"
    if decorated_label(text):
        return "decorated label"
    has_number = any(NUMBER.fullmatch(t) for t in tokens_of(text))
    if ui_only(text, counted=has_number):
        return "interface counter" if has_number else "interface text"
    if COPYRIGHT.search(text) and len(words_of(text)) < PROTECTED_WORDS:
        return "copyright notice"
    if CREDIT.match(text):
        return "photo credit"
    parts = NAV_SEPARATOR.split(text)
    if not table and len(parts) >= 3 and all(len(tokens_of(p)) <= 3 for p in parts):
        return "navigation"
    return None


def decorated_label(text: str) -> bool:
    """A lone label between dashes ("- Anzeige -"), or interface words in brackets.

    Brackets also hold citations ("[Reuters]" after a quote): "[Sponsored]" goes, they stay.
    """
    decorated = DECORATED.match(text)
    if not decorated or len(tokens_of(decorated.group("core"))) > 3:
        return False
    return text[0] not in "[(<{" or ui_only(decorated.group("core"), counted=False)


def sign_up(text: str) -> bool:
    """A newsletter prompt: a newsletter or inbox, signing up, and the reader addressed.

    It often reads as a sentence ("Get the headlines in your inbox by subscribing
    to our newsletter."), so sentence protection does not cover it.
    """
    if not (SIGN_UP_CHANNEL.search(text) and SIGN_UP_ACTION.search(text)):
        return False
    words = [w.lower() for w in words_of(text)]
    return bool(words) and (words[0] in UI_WORDS or not READER_WORDS.isdisjoint(words))


def pointer_line(text: str) -> bool:
    """Links, fields and page furniture: what may close an article without being its text."""
    return link_line(text) or field_line(text) or interface_reason(text) is not None


def link_line(text: str) -> bool:
    """A line that points elsewhere: a web or e-mail address and a few words at most."""
    return bool(LINK.search(text)) and len(tokens_of(LINK.sub(" ", text))) <= SHORT_TOKENS


def field_line(text: str) -> bool:
    """A short "Label: value" field: "Tags: ferries, strikes", "Filed under: Transport".

    A value with digits is data ("Adults: 60"); one ending like a sentence is story.
    """
    field = LABELLED.match(text)
    if field is None or ":" not in text[: field.start("tail")] or terminal(text):
        return False
    label, tail = field.group("label"), field.group("tail")
    listed = "," in tail or len(words_of(tail)) <= FIELD_TAIL_WORDS
    return len(words_of(label)) <= 2 and listed and not any(ch.isdigit() for ch in tail)


def teaser_heading(text: str) -> bool:
    """A heading over links to other stories: "You may also like...", "More:", "Related"."""
    core = text.rstrip(".:…").strip()
    return 0 < len(tokens_of(core)) <= UI_LINE_TOKENS and teaser_label(core)


def may_repeat(text: str) -> bool:
    """Short non-sentences can be boilerplate; labels ending in ':' introduce what follows."""
    return not terminal(text) and not text.endswith(":") and len(tokens_of(text)) <= SHORT_TOKENS


def teaser_label(label: str) -> bool:
    """A label made of "read more" words: "Also Read", "Most Popular", "Don't Miss"."""
    words = [w.lower().replace("’", "'") for w in words_of(label)]
    named = [w for w in words if w in TEASER_LABEL_WORDS]
    return bool(named) and all(w in TEASER_LABEL_WORDS or w in STOPWORDS for w in words)
