"""Remove web clutter from reports while keeping every offset traceable.

Scraped text keeps what surrounded the story on its page: ad markers, comment
and share counters, "read next" teasers, author boxes, markup residue. They are
found by what such lines *look like*, never by a list of their strings, since
each site words them its own way:

1. trims inside a line: empty image markup, table-pipe residue, heading marks;
2. line features (``features``): words, terminal punctuation, title case, UI
   vocabulary next to digits, decoration around a lone label, navigation
   separators (a table row, with pipes at both ends, is data), newsletter
   sign-up prompts;
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
from .features import (
    LABELLED,
    SHORT_TOKENS,
    content_words,
    has_alnum,
    has_letters,
    headline_shaped,
    interface_reason,
    is_body,
    is_sentence,
    may_repeat,
    overlap,
    pointer_line,
    sign_up,
    teaser_heading,
    teaser_label,
    terminal,
    tokens_of,
    words_of,
)

__all__ = ["clean_reports", "clean_text", "find_boilerplate"]

DEFAULT_SETTINGS = Settings()  # frozen, so one shared default is safe
# Formats whose text an extractor already cut out of its page (RawDoc.format).
EXTRACTED_FORMATS = frozenset({"html", "json", "jsonl"})
Segments = tuple[tuple[int, int, int], ...]

LABEL_TOKENS = 4  # longest label before ": Headline" or "– Headline"
TEASER_MIN_WORDS = 6  # a bare headline this long can be a teaser for another story
TITLE_CASE_MIN = 0.75  # share of capitalised content words in a headline-shaped line
LABELLED_TITLE_CASE_MIN = 0.6
FOREIGN_OVERLAP_MAX = 0.2  # at most this share of a teaser's words occur in the story
RETOLD_MIN_SHARE = 0.5  # a repeated run of body lines this share of the story is a second copy
RETOLD_MIN_LINES = 3  # ... if it is at least this many lines long


MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
HEADING_MARKS = re.compile(r"^#{1,6}[ \t]+(?=\S)")
LEADING_PIPES = re.compile(r"^\|(?:[ \t]*\|)*[ \t]*")
TRAILING_PIPES = re.compile(r"(?:[ \t]*\|)+$")
# A headline tagged as a link to more: "Plane passengers quarantined [VIDEO]" (not "[sic]").
TAGGED_TEASER = re.compile(r"\s\[(?P<tag>[^\W\d_]{2,})\]$")


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
    body = [ln for ln in lines if is_body(ln.core)]
    headline = next((ln.number for ln in lines if has_letters(ln.core)), None)
    words: Counter[str] = Counter()
    for line in lines:
        words.update(content_words(line.core))
    first, last = (body[0].number, body[-1].number) if body else (None, None)
    teasers = pointers = None
    if extracted and last is not None:
        after = (ln.number for ln in lines[last + 1 :] if teaser_heading(ln.core))
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
        if not (line.blank or closing or pointer_line(line.core)):
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
    if not has_alnum(core):  # nothing but markup: judge (and remove) the line as a whole
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


# --- line rules ----------------------------------------------------------------


def _verdict(line: _Line, doc: _Doc, repeated: Mapping[str, int]) -> str | None:
    """Why this line is clutter, or None to keep it. The first rule that fires wins."""
    text = line.core
    if line.number in doc.retold:
        return "second copy of the story"
    headline = line.number == doc.headline
    if is_sentence(text):
        return "newsletter sign-up" if not headline and sign_up(text) else None
    reason = interface_reason(text, table=line.table)
    if reason is not None or headline:
        return reason
    if sign_up(text):
        return "newsletter sign-up"
    if doc.headline is not None and line.key == doc.lines[doc.headline].key:
        return "headline repeated"
    if line.key in repeated and may_repeat(text):
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
        short = not terminal(text) and len(tokens_of(text)) <= SHORT_TOKENS
        return "after the end of the story" if short else None
    if doc.teasers_from is not None and line.number >= doc.teasers_from:
        return "link teaser"
    if doc.pointers_from is not None and line.number >= doc.pointers_from:
        return "after the end of the story" if pointer_line(text) else None
    return None


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
        and headline_shaped(text[: tagged.start()], 0.0)
    ):
        return True
    labelled = LABELLED.match(text)
    label = labelled.group("label") if labelled else ""
    if len(label) == 1:  # "Q: ...", "A: ...": a turn of an interview
        return False
    if labelled and len(tokens_of(label)) <= LABEL_TOKENS:
        tail = labelled.group("tail")
        if teaser_label(label):
            return headline_shaped(tail, 0.0)
        if middle and headline_shaped(tail, LABELLED_TITLE_CASE_MIN):
            return overlap(tail, doc.words) <= FOREIGN_OVERLAP_MAX
    if middle and len(words_of(text)) >= TEASER_MIN_WORDS and headline_shaped(text, TITLE_CASE_MIN):
        return overlap(text, doc.words) <= FOREIGN_OVERLAP_MAX
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
    return frozenset(ln.key for ln in doc.lines if is_body(ln.core))


def candidate_lines(doc: _Doc) -> list[str]:
    """Lines that may be boilerplate: short non-sentences below the headline."""
    return [
        line.key
        for line in doc.lines
        if doc.headline is not None
        and line.number > doc.headline
        and may_repeat(line.core)
        and has_alnum(line.core)
    ]
