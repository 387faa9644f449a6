"""A report's headline, read from its first lines: what it is about, in its own words.

Pages open with more than their headline: the site's own name (a masthead), a tagline
under it, section names, bylines, "4 min read", image markup. ``headline_of`` takes the
title or the first line that reads as a headline, never the masthead or its tagline:
under a masthead it takes the line whose words the lines after it tell most of. Ingest
names a report by it when the page's title is its masthead; event labels start from it.
"""

from __future__ import annotations

import re

from ..models import Source

# Page furniture that is no headline: bylines, sign-ups, section and photo lines, markup.
FURNITURE = re.compile(
    r"follow us|subscribe|sign up|newsletter|advertisement|published in|published:|click here"
    r"|read more|min read|photo:|image:|getty|^\s*by\s|^[^\w(\"'\u201c\u2018]|!\[|\]\(|cookie|all rights",
    re.IGNORECASE,
)
HEADLINE_WORDS = (3, 40)  # a headline has this many words (fewer: a section name or a byline)
HEADLINE_LINES = 4  # the report's first lines where a headline may stand
LEAD_LINES = 4  # lines after a headline: the lead it sums up
STEM = 5  # letters of a word compared between a headline and its lead
# A dateline opening a lead: "SEATTLE (AP) —", "LUBBOCK, Texas —", "Washington, Sep 14 (UNI)"
LEAD_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’]*(?:[ ,]+[A-Z][A-Za-z.'’]*){0,3}(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,30}\))?\s*[—–-]+\s+"
    r"|[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*){0,3},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"\s*(?:\([^)]{1,30}\))?\s+|\([A-Z]{2,6}\)\s*[—–-]+\s+)"
)
DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b(?:mon|tues|wednes|thurs"
    r"|fri|satur|sun)day\b|\b\d[\d:]*\b|\b(?:am|pm|jst|gmt|utc|est|edt|pdt|pst)\b",
    re.IGNORECASE,
)


def readable(line: str) -> str | None:
    """A headline a person reads: the longest part of a line split at " | " (the site or
    section name goes), unless it is page furniture, a date stamp or too short or long."""
    line = max((part.strip() for part in line.split(" | ")), key=len, default="")
    if FURNITURE.search(line):
        return None
    words = line.split()
    plain = DATE_WORDS.sub(" ", line).split()
    if not HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1] or len(plain) < HEADLINE_WORDS[0]:
        return None
    return line


def titled(source: Source) -> bool:
    """Whether a report's own title (its metadata) reads as a headline: not a masthead,
    a byline or a date stamp."""
    title = source.title or ""
    return readable(title) is not None and not is_masthead(title, site_names(source))


def headline_of(text: str, source: Source) -> str:
    """What a report is about: its title or one of its first lines when one reads as a
    headline, else its first sentence (its dateline taken off). A page headed by its
    site's own name (a masthead, often over a tagline) takes, of the lines under it, the
    one whose words the lines after it tell most of."""
    lines = [s.strip() for s in text.strip().split("\n") if s.strip()]
    site = site_names(source)
    found: list[tuple[str, int]] = []  # a readable line, and where the lines after it begin
    masthead = False
    for at, line in [(0, source.title or ""), *((k + 1, s) for k, s in
                                                     enumerate(lines[:HEADLINE_LINES]))]:
        if len(line.split()) > HEADLINE_WORDS[1]:
            break  # the body has begun
        if is_masthead(line, site):
            masthead = True
            continue
        found_line = readable(line)
        if found_line and found_line not in (f for f, _ in found):
            found.append((found_line, at))
    if found:
        best = found[0][0]
        if masthead:
            told = [(_told(f, _stems(" ".join(lines[at : at + LEAD_LINES]))), -k, f)
                    for k, (f, at) in enumerate(found)]
            best = max(told)[2]  # the first of the best
        return LEAD_DATELINE.sub("", best, count=1)
    body = next((s for s in lines if not FURNITURE.search(s)), lines[0] if lines else "")
    return LEAD_DATELINE.sub("", body, count=1)


def _stems(text: str) -> set[str]:
    """The first letters of a text's longer words: enough to match 'runs' and 'ran',
    'rescued' and 'rescue'."""
    return {w[:STEM] for w in re.findall(rf"[a-z]{{{STEM},}}", text.lower())}


def _told(line: str, lead: set[str]) -> float:
    """The share of a headline's longer words that the report's lead also uses: a headline
    says what the lead tells; a site's tagline ("Community news from ...") does not."""
    stems = _stems(line)
    return len(stems & lead) / len(stems) if stems else 0.0


def _squashed(text: str) -> str:
    """Letters and digits only, lower case, without a leading "the"."""
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^\s*the\s+", "", text.lower()))


def site_names(source: Source) -> set[str]:
    """The names the report's site goes by: its outlet, and its web address's name
    ("keldaislander" of keldaislander.example), squashed."""
    names = {_squashed(source.outlet)} if source.outlet else set()
    host = re.match(r"[a-z]+://(?:www\.)?([^/:]+)", (source.url or "").lower())
    if host:
        names.add(_squashed(host.group(1).split(".")[0]))
    return names - {""}


def is_masthead(line: str, site: set[str]) -> bool:
    """The line opens with the site's own name ("The Kelda Islander", "HARBOURLINE WEEKLY |
    Ferries"); a title that ends with it ("Headline | Site") is a headline."""
    return _squashed(line.split(" | ")[0]) in site
