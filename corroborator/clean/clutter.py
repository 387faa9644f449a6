"""Remove web clutter from reports while keeping every offset traceable.

Scraped text keeps what surrounded the story on its page: ad markers, comment
and share counters, "read next" teasers, author boxes, markup residue. They are
found by what such lines *look like*, never by a list of their strings, since
each site words them its own way:

1. trims inside a line: empty image markup, table-pipe residue, heading marks;
2. line features: words, terminal punctuation, title case, UI vocabulary next
   to digits, decoration around a lone label, navigation separators (a table
   row, with pipes at both ends, is data), newsletter sign-up prompts;
3. position: after the story's last paragraph a scraped page (``.txt``,
   ``.md``) goes on with its furniture, so every short line there goes; an
   extracted article (HTML, JSON) goes on with its own lists, tables and
   credits, so only what closes it and points elsewhere goes: links,
   "Tags: ..." fields, a "You may also like" heading and the headlines under it;
4. context: a "label: Headline" line whose headline shares no words with the
   story, or a headline tagged "[VIDEO]", is a teaser for another story;
5. repetition: a short non-sentence line found verbatim in several unrelated
   reports is the sites' boilerplate (``find_boilerplate``); a later copy of
   the headline, or of the whole story, is the page repeating itself.

It is conservative: a line that ends like a sentence and has at least
``PROTECTED_WORDS`` words goes only as a second copy of the story or a sign-up
prompt, and the headline only when it is plainly markup or interface text.
Runs of blank lines collapse to one blank line (the paragraph separator).

The cleaned text is made only of raw characters, in order; ``segments`` maps it
back (see ``CleanDoc.to_raw``) and every removal is a ``Removed`` with its raw
offsets and reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import CleanDoc, RawDoc, Removed
from ..settings import Settings
from .boilerplate import LineIndex, learn

__all__ = ["clean_reports", "clean_text", "find_boilerplate"]

DEFAULT_SETTINGS = Settings()  # frozen, so one shared default is safe
# Formats whose text an extractor already cut out of its page (RawDoc.format).
EXTRACTED_FORMATS = frozenset({"html", "json", "jsonl"})
Segments = tuple[tuple[int, int, int], ...]

PROTECTED_WORDS = 8  # a line ending like a sentence with this many words is story
BODY_TOKENS = 20  # a line this long is body text even without final punctuation
SHORT_TOKENS = 12  # longest line that position or repetition alone can remove
UI_LINE_TOKENS = 6  # longest line of pure interface vocabulary
LABEL_TOKENS = 4  # longest label before ": Headline" or "– Headline"
TEASER_TAIL_WORDS = 4  # a shorter tail is a list of tags or a name, not a headline
TEASER_MIN_WORDS = 6  # a bare headline this long can be a teaser for another story
TEASER_MAX_TOKENS = 25
TITLE_CASE_MIN = 0.75  # share of capitalised content words in a headline-shaped line
LABELLED_TITLE_CASE_MIN = 0.6
FOREIGN_OVERLAP_MAX = 0.2  # at most this share of a teaser's words occur in the story
RETOLD_MIN_SHARE = 0.5  # a repeated run of body lines this share of the story is a second copy
RETOLD_MIN_LINES = 3  # ... if it is at least this many lines long
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
MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
HEADING_MARKS = re.compile(r"^#{1,6}[ \t]+(?=\S)")
LEADING_PIPES = re.compile(r"^\|(?:[ \t]*\|)*[ \t]*")
TRAILING_PIPES = re.compile(r"(?:[ \t]*\|)+$")
# An HTML tag's name is lower or upper case; "<The Palace: Jang Noksu>" is a title.
MARKUP = re.compile(
    r"!?\[[^\]\n]*\]\([^)\n]*\)|</?(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:[\s/][^<>\n]*)?>|&#?\w+;"
)
# A lone label between dashes or brackets: "- Advertisement -", "[Sponsored]". Emphasis
# marks (* _) and wiki "=" are left out: "**Why it matters**" is a subhead.
DECORATED = re.compile(r"^[-–—~|•·\[(<{]+\s*(?P<core>[^\W\d_][\w'’ ]*?)\s*[-–—~|•·\])>}]+$")
LABELLED = re.compile(r"^(?P<label>[^\W\d_][\w'’ ]*?)\s*(?::|\||–|—|\s-)\s+(?P<tail>\S.*)$")
NAV_SEPARATOR = re.compile(r"\s+[|›»>/•·]\s+")
# A headline tagged as a link to more: "Plane passengers quarantined [VIDEO]" (not "[sic]").
TAGGED_TEASER = re.compile(r"\s\[(?P<tag>[^\W\d_]{2,})\]$")
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


@dataclass(frozen=True, slots=True)
class _Line:
    """One raw line: its kept spans after in-line trims, and what was trimmed."""

    number: int
    start: int  # raw offset of the line's first character
    end: int  # raw offset of its end (the newline, or the end of the text)
    spans: tuple[tuple[int, int], ...]  # kept raw spans, whitespace stripped
    trims: tuple[Removed, ...]
    core: str  # the kept text, spans joined
    table: bool  # a table row: pipes at both ends

    @property
    def blank(self) -> bool:
        return not self.core

    @property
    def key(self) -> str:
        return " ".join(self.core.split())


@dataclass(frozen=True, slots=True)
class _Doc:
    """What the line rules need to know about the whole report."""

    lines: tuple[_Line, ...]
    headline: int | None  # number of the first line with letters
    first_body: int | None
    last_body: int | None
    words: Counter[str]  # content words of the whole report
    extracted: bool  # cut out of its page by an extractor (see EXTRACTED_FORMATS)
    retold: frozenset[int]  # lines of a second copy of the story
    teasers_from: int | None  # a "You may also like" heading after the story
    pointers_from: int | None  # where the run of links and fields that ends the text starts


def clean_text(
    text: str, *, boilerplate: frozenset[str] = frozenset(), extracted: bool = False
) -> tuple[str, tuple[Removed, ...], Segments]:
    """Clean one report: (cleaned text, removed spans, segments back to ``text``).

    ``boilerplate`` holds lines known to repeat across reports (as returned by
    ``find_boilerplate``); they are removed unless they read as sentences.
    ``extracted`` says the text is an article an extractor already cut out of
    its page (an HTML or JSON report) rather than a whole scraped page: what
    follows its last paragraph is then kept unless it points elsewhere.
    """
    return _clean(text, dict.fromkeys(boilerplate, 0), extracted=extracted)


def clean_reports(
    docs: Sequence[RawDoc], *, settings: Settings = DEFAULT_SETTINGS
) -> list[CleanDoc]:
    """Clean every report, one ``CleanDoc`` per ``RawDoc`` in the same order (the batch
    stage, ``batch.clean_reports``, which learns boilerplate across the batch)."""
    from .batch import clean_reports as clean_all  # batch.py builds on this module

    return clean_all(docs, settings=settings)


def boilerplate_removals(clean: CleanDoc, lines: _Doc) -> list[tuple[int, str]]:
    """(index in ``clean.removed``, line key) of each line removed as learnt boilerplate:
    its reason states the line's count, which a later report can change."""
    key_at = {line.spans[0][0]: line.key for line in lines.lines if line.spans}
    return [(k, key_at[r.start]) for k, r in enumerate(clean.removed)
            if r.reason.startswith(BOILERPLATE_REASON) and r.start in key_at]


def analyse_lines(doc: RawDoc) -> _Doc:
    """What the line rules read of a report: its lines, headline, body, tail."""
    return _analyse(doc.text, extracted=doc.format in EXTRACTED_FORMATS)


def clean_analysed(doc: RawDoc, lines: _Doc, repeated: Mapping[str, int]) -> CleanDoc:
    """One report cleaned, given its ``analyse_lines`` and the batch's boilerplate."""
    extracted = doc.format in EXTRACTED_FORMATS
    text, removed, segments = _clean(doc.text, repeated, extracted=extracted, doc=lines)
    return CleanDoc(raw=doc, text=text, removed=removed, segments=segments)


BOILERPLATE_REASON = "boilerplate"


def boilerplate_reason(count: int) -> str:
    """Why a learnt boilerplate line was removed (``count``: the unrelated reports holding it)."""
    return f"{BOILERPLATE_REASON} repeated in {count} reports" if count else BOILERPLATE_REASON


def _clean(
    text: str, repeated: Mapping[str, int], *, extracted: bool, doc: _Doc | None = None
) -> tuple[str, tuple[Removed, ...], Segments]:
    doc = doc if doc is not None else _analyse(text, extracted=extracted)
    pieces: list[tuple[int, int]] = []
    removed: list[Removed] = []
    previous: _Line | None = None
    gap = False  # a blank line since the last kept line
    for line in doc.lines:
        if line.blank:
            gap = gap or previous is not None
            continue
        reason = _verdict(line, doc, repeated)
        if reason is not None:
            first, last = line.spans[0][0], line.spans[-1][1]
            removed.append(Removed(first, last, text[first:last], reason))
            continue
        removed.extend(line.trims)
        if previous is not None:
            pieces.append((previous.end, previous.end + 1))  # the newline after it
            if gap:
                pieces.append((line.start - 1, line.start))  # the newline before this line
        pieces.extend(line.spans)
        previous, gap = line, False
    return _assemble(text, pieces), tuple(removed), _segments(pieces)


# --- lines and in-line trims -------------------------------------------------


def _analyse(text: str, *, extracted: bool = False) -> _Doc:
    lines: list[_Line] = []
    start = 0
    for number, raw in enumerate(text.split("\n")):
        lines.append(_trim(text, number, start, start + len(raw)))
        start += len(raw) + 1
    body = [ln for ln in lines if _is_body(ln.core)]
    headline = next((ln.number for ln in lines if _has_letters(ln.core)), None)
    words: Counter[str] = Counter()
    for line in lines:
        words.update(_content_words(line.core))
    first, last = (body[0].number, body[-1].number) if body else (None, None)
    teasers = pointers = None
    if extracted and last is not None:
        after = (ln.number for ln in lines[last + 1 :] if _teaser_heading(ln.core))
        teasers = next(after, None)
        pointers = _pointers_from(lines[last + 1 :], teasers)
    retold = _retold(body)
    return _Doc(tuple(lines), headline, first, last, words, extracted, retold, teasers, pointers)


def _pointers_from(tail: Sequence[_Line], teasers: int | None) -> int | None:
    """Where the run of links, fields and furniture that closes the text starts.

    A link under each item of a list belongs to the item, so only a closing run goes.
    """
    start = None
    for line in reversed(tail):
        closing = teasers is not None and line.number >= teasers
        if not (line.blank or closing or _pointer_line(line.core)):
            break
        start = line.number
    return start


def _retold(body: list[_Line]) -> frozenset[int]:
    """Later copies of body lines, when the page renders its story twice.

    A second copy (a print version, the page's metadata) is a run of body lines
    repeating earlier ones in order, as long as half the story; a pull quote or
    a block recurring in a long list is not.
    """
    keys = [line.key for line in body]
    seen: dict[str, list[int]] = {}
    runs: dict[int, tuple[int, int]] = {}  # earlier index -> (lines, chars) of the run ending here
    longest = (0, 0)
    for i, key in enumerate(keys):
        current: dict[int, tuple[int, int]] = {}
        for j in seen.get(key, []):
            lines, chars = runs.get(j - 1, (0, 0))
            current[j] = (lines + 1, chars + len(key))
            longest = max(longest, current[j], key=lambda run: run[1])
        runs = current
        seen.setdefault(key, []).append(i)
    story = sum(len(key) for key in set(keys))
    lines, chars = longest
    if lines < RETOLD_MIN_LINES or chars < RETOLD_MIN_SHARE * story:
        return frozenset()
    first = {key: i for i, key in reversed(list(enumerate(keys)))}
    return frozenset(line.number for i, line in enumerate(body) if first[line.key] < i)


def _trim(text: str, number: int, start: int, end: int) -> _Line:
    """Cut markup residue out of a line and strip its whitespace, keeping raw spans."""
    raw = text[start:end]
    cuts: list[tuple[int, int, str]] = []
    for match in MD_IMAGE.finditer(raw):
        stop = match.end()
        if match.start() > 0 and raw[match.start() - 1].isspace():
            while stop < len(raw) and raw[stop] in " \t":
                stop += 1
        cuts.append((match.start(), stop, "markup residue"))
    for pattern, reason in (
        (HEADING_MARKS, "markup residue"),
        (LEADING_PIPES, "table-pipe residue"),
        (TRAILING_PIPES, "table-pipe residue"),
    ):
        found = pattern.search(raw)
        if found and found.end() > found.start():
            cuts.append((found.start(), found.end(), reason))
    spans = _complement(raw, _merge(cuts))
    core = "".join(raw[a:b] for a, b in spans)
    if not _has_alnum(core):  # nothing but markup: judge (and remove) the line as a whole
        spans, cuts = _complement(raw, []), []
        core = raw.strip()
    trims = tuple(Removed(start + a, start + b, raw[a:b], reason) for a, b, reason in _merge(cuts))
    kept = tuple((start + a, start + b) for a, b in spans)
    stripped = raw.strip()
    table = len(stripped) > 1 and stripped[0] == stripped[-1] == "|" and "|" in core
    return _Line(number, start, end, kept, trims, core, table)


def _merge(cuts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for a, b, reason in sorted(cuts):
        if merged and a <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], b), last[2])
        else:
            merged.append((a, b, reason))
    return merged


def _complement(raw: str, cuts: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The spans of ``raw`` outside ``cuts``, with the line's outer whitespace stripped."""
    spans: list[tuple[int, int]] = []
    position = 0
    for a, b, _ in [*cuts, (len(raw), len(raw), "")]:
        if a > position:
            spans.append((position, a))
        position = max(position, b)
    if not spans:
        return []
    first_a, first_b = spans[0]
    spans[0] = (first_a + len(raw[first_a:first_b]) - len(raw[first_a:first_b].lstrip()), first_b)
    last_a, last_b = spans[-1]
    spans[-1] = (last_a, last_b - (len(raw[last_a:last_b]) - len(raw[last_a:last_b].rstrip())))
    return [(a, b) for a, b in spans if b > a]


# --- line features -----------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _has_alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _words(text: str) -> list[str]:
    return [t for t in _tokens(text) if _has_letters(t)]


def _content_words(text: str) -> list[str]:
    """Lower-cased words that say what a line is about (no function words, no numbers)."""
    found = []
    for word in _words(text):
        word = word.lower().replace("’", "'")
        word = word.removesuffix("'s")
        if word not in STOPWORDS and not NUMBER.fullmatch(word):
            found.append(word)
    return found


def _terminal(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def _is_sentence(text: str) -> bool:
    """Ends like a sentence and is long enough to state something: never removed."""
    return _terminal(text) and len(_words(text)) >= PROTECTED_WORDS


def _is_body(text: str) -> bool:
    return _is_sentence(text) or len(_tokens(text)) >= BODY_TOKENS


def _title_ratio(text: str) -> float:
    words = [w for w in _words(text) if w.lower() not in STOPWORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _ui_only(text: str, *, counted: bool) -> bool:
    """A short line made only of interface words (and, with a number, counter words)."""
    content = _content_words(text)
    vocabulary = UI_WORDS | COUNTER_WORDS if counted else UI_WORDS
    return (
        bool(content)
        and len(_tokens(text)) <= UI_LINE_TOKENS
        and all(w in vocabulary for w in content)
    )


def _overlap(text: str, words: Counter[str]) -> float:
    """Share of a line's content words that occur elsewhere in the report."""
    own = Counter(_content_words(text))
    if not own:
        return 1.0
    return sum(1 for w in own if words[w] > own[w]) / len(own)


def _headline_shaped(text: str, title_min: float) -> bool:
    tokens = _tokens(text)
    return (
        len(_words(text)) >= TEASER_TAIL_WORDS
        and len(tokens) <= TEASER_MAX_TOKENS
        and not text.rstrip(CLOSERS).endswith((".", "!"))
        and _title_ratio(text) >= title_min
    )


# --- line rules ----------------------------------------------------------------


def _verdict(line: _Line, doc: _Doc, repeated: Mapping[str, int]) -> str | None:
    """Why this line is clutter, or None to keep it. The first rule that fires wins."""
    text = line.core
    if line.number in doc.retold:
        return "second copy of the story"
    headline = line.number == doc.headline
    if _is_sentence(text):
        return "newsletter sign-up" if not headline and _sign_up(text) else None
    reason = _interface_reason(text, table=line.table)
    if reason is not None or headline:
        return reason
    if _sign_up(text):
        return "newsletter sign-up"
    if doc.headline is not None and line.key == doc.lines[doc.headline].key:
        return "headline repeated"
    if line.key in repeated and _may_repeat(text):
        count = repeated[line.key]
        return boilerplate_reason(count)
    if line.table:  # a row of data, wherever it stands
        return None
    if _is_teaser(text, doc, middle=_in_middle(line, doc)):
        return "link teaser"
    if doc.last_body is not None and line.number > doc.last_body:
        return _after_story_reason(line, doc)
    return None


def _after_story_reason(line: _Line, doc: _Doc) -> str | None:
    """A line after the story's last paragraph: the page's furniture or the article's own?"""
    text = line.core
    if not doc.extracted:
        short = not _terminal(text) and len(_tokens(text)) <= SHORT_TOKENS
        return "after the end of the story" if short else None
    if doc.teasers_from is not None and line.number >= doc.teasers_from:
        return "link teaser"
    if doc.pointers_from is not None and line.number >= doc.pointers_from:
        return "after the end of the story" if _pointer_line(text) else None
    return None


def _interface_reason(text: str, *, table: bool = False) -> str | None:
    """Lines that are page furniture wherever they stand, even at the top."""
    if not _has_alnum(text):
        return "markup residue"
    if not _has_alnum(MARKUP.sub("", text)):
        return "markup residue"
    if _decorated_label(text):
        return "decorated label"
    has_number = any(NUMBER.fullmatch(t) for t in _tokens(text))
    if _ui_only(text, counted=has_number):
        return "interface counter" if has_number else "interface text"
    if COPYRIGHT.search(text) and len(_words(text)) < PROTECTED_WORDS:
        return "copyright notice"
    if CREDIT.match(text):
        return "photo credit"
    parts = NAV_SEPARATOR.split(text)
    if not table and len(parts) >= 3 and all(len(_tokens(p)) <= 3 for p in parts):
        return "navigation"
    return None


def _decorated_label(text: str) -> bool:
    """A lone label between dashes ("- Anzeige -"), or interface words in brackets.

    Brackets also hold citations ("[Reuters]" after a quote): "[Sponsored]" goes, they stay.
    """
    decorated = DECORATED.match(text)
    if not decorated or len(_tokens(decorated.group("core"))) > 3:
        return False
    return text[0] not in "[(<{" or _ui_only(decorated.group("core"), counted=False)


def _sign_up(text: str) -> bool:
    """A newsletter prompt: a newsletter or inbox, signing up, and the reader addressed.

    It often reads as a sentence ("Get the headlines in your inbox by subscribing
    to our newsletter."), so sentence protection does not cover it.
    """
    if not (SIGN_UP_CHANNEL.search(text) and SIGN_UP_ACTION.search(text)):
        return False
    words = [w.lower() for w in _words(text)]
    return bool(words) and (words[0] in UI_WORDS or not READER_WORDS.isdisjoint(words))


def _pointer_line(text: str) -> bool:
    """Links, fields and page furniture: what may close an article without being its text."""
    return _link_line(text) or _field_line(text) or _interface_reason(text) is not None


def _link_line(text: str) -> bool:
    """A line that points elsewhere: a web or e-mail address and a few words at most."""
    return bool(LINK.search(text)) and len(_tokens(LINK.sub(" ", text))) <= SHORT_TOKENS


def _field_line(text: str) -> bool:
    """A short "Label: value" field: "Tags: ferries, strikes", "Filed under: Transport".

    A value with digits is data ("Adults: 60"); one ending like a sentence is story.
    """
    field = LABELLED.match(text)
    if field is None or ":" not in text[: field.start("tail")] or _terminal(text):
        return False
    label, tail = field.group("label"), field.group("tail")
    listed = "," in tail or len(_words(tail)) <= FIELD_TAIL_WORDS
    return len(_words(label)) <= 2 and listed and not any(ch.isdigit() for ch in tail)


def _teaser_heading(text: str) -> bool:
    """A heading over links to other stories: "You may also like...", "More:", "Related"."""
    core = text.rstrip(".:…").strip()
    return 0 < len(_tokens(core)) <= UI_LINE_TOKENS and _teaser_label(core)


def _may_repeat(text: str) -> bool:
    """Short non-sentences can be boilerplate; labels ending in ':' introduce what follows."""
    return not _terminal(text) and not text.endswith(":") and len(_tokens(text)) <= SHORT_TOKENS


def _teaser_label(label: str) -> bool:
    """A label made of "read more" words: "Also Read", "Most Popular", "Don't Miss"."""
    words = [w.lower().replace("’", "'") for w in _words(label)]
    named = [w for w in words if w in TEASER_LABEL_WORDS]
    return bool(named) and all(w in TEASER_LABEL_WORDS or w in STOPWORDS for w in words)


def _in_middle(line: _Line, doc: _Doc) -> bool:
    if doc.first_body is None or doc.last_body is None:
        return False
    return doc.first_body < line.number < doc.last_body


def _is_teaser(text: str, doc: _Doc, *, middle: bool) -> bool:
    """A link to another story: "Also Read – Headline", or a foreign headline mid-story."""
    tagged = TAGGED_TEASER.search(text)
    if (
        tagged
        and tagged.group("tag")[0].isupper()
        and _headline_shaped(text[: tagged.start()], 0.0)
    ):
        return True
    labelled = LABELLED.match(text)
    label = labelled.group("label") if labelled else ""
    if len(label) == 1:  # "Q: ...", "A: ...": a turn of an interview
        return False
    if labelled and len(_tokens(label)) <= LABEL_TOKENS:
        tail = labelled.group("tail")
        if _teaser_label(label):
            return _headline_shaped(tail, 0.0)
        if middle and _headline_shaped(tail, LABELLED_TITLE_CASE_MIN):
            return _overlap(tail, doc.words) <= FOREIGN_OVERLAP_MAX
    if middle and len(_words(text)) >= TEASER_MIN_WORDS and _headline_shaped(text, TITLE_CASE_MIN):
        return _overlap(text, doc.words) <= FOREIGN_OVERLAP_MAX
    return False


# --- assembly --------------------------------------------------------------------


def _assemble(text: str, pieces: list[tuple[int, int]]) -> str:
    return "".join(text[a:b] for a, b in pieces)


def _segments(pieces: list[tuple[int, int]]) -> Segments:
    """Merge raw spans that touch into (clean_start, raw_start, length) runs."""
    runs: list[list[int]] = []
    clean = 0
    for a, b in pieces:
        if runs and runs[-1][1] + runs[-1][2] == a:
            runs[-1][2] += b - a
        else:
            runs.append([clean, a, b - a])
        clean += b - a
    return tuple((c, r, n) for c, r, n in runs)


# --- boilerplate across reports ----------------------------------------------------


def find_boilerplate(texts: Sequence[str], *, min_docs: int = 2,
                     analysed: Sequence[_Doc] | None = None) -> dict[str, int]:
    """Short non-sentence lines found verbatim in ``min_docs`` unrelated reports, with counts.

    Reports that share many body lines are copies of one story (syndication, the
    same file twice): their common lines are story, so related reports count once.
    The first line of a report (its headline) never counts. ``analysed``: the texts'
    ``_analyse`` when the caller has it (its lines do not depend on ``extracted``).
    """
    if analysed is None:
        analysed = [_analyse(t) for t in texts]
    return line_index(analysed).repeated(min_docs)


def line_index(analysed: Sequence[_Doc]) -> LineIndex:
    """The candidate and body lines of analysed reports, counted (``boilerplate.learn``)."""
    return learn([candidate_lines(doc) for doc in analysed], [body_lines(doc) for doc in analysed])


def body_lines(doc: _Doc) -> frozenset[str]:
    """The keys of a report's body lines (sentences and long lines): what copies share."""
    return frozenset(ln.key for ln in doc.lines if _is_body(ln.core))


def candidate_lines(doc: _Doc) -> list[str]:
    """Lines that may be boilerplate: short non-sentences below the headline."""
    return [
        line.key
        for line in doc.lines
        if doc.headline is not None
        and line.number > doc.headline
        and _may_repeat(line.core)
        and _has_alnum(line.core)
    ]
