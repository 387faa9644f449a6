"""RSS and Atom feeds: the list of pages to fetch, with what the feed says of each.

Parsing only: ``parse_feed`` turns a feed's bytes into ``FeedItem``\\ s (the
item's page URL, made absolute, and its title, date and author as a ``Source``
to fill what the page itself leaves empty). ``fetch.read_urls`` and
``fetch.read_feed_file`` fetch the pages.

feedparser reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 and survives most broken
feeds; it is only ever given bytes, so it never fetches anything itself.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError
from ..models import Skipped, Source

__all__ = ["FEED_SUFFIXES", "FEED_TYPES", "Feed", "FeedItem", "is_feed", "parse_feed"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/feed+xml",
})
XML_TYPES = frozenset({"application/xml", "text/xml"})
FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
SNIFF_BYTES = 2048


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: the page to fetch and the metadata the feed gives it."""

    url: str
    source: Source


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its items, and the entries that could not be used (no link)."""

    url: str
    title: str | None
    items: tuple[FeedItem, ...]
    skipped: tuple[Skipped, ...] = ()


def is_feed(content_type: str, body: bytes) -> bool:
    """True for a feed's media type, or generic XML (or none) whose root is a feed's."""
    if content_type in FEED_TYPES:
        return True
    if content_type and content_type not in XML_TYPES and content_type != "text/plain":
        return False
    return FEED_ROOT.search(body[:SNIFF_BYTES]) is not None


def parse_feed(data: bytes, url: str, *, label: str | None = None) -> Feed:
    """The items of an RSS or Atom feed, links resolved against ``url``.

    Raises InputError (path ``label`` or ``url``) when the bytes are not a feed
    at all; a feed with some broken entries keeps the good ones.
    """
    import feedparser

    label = label or url
    parsed = feedparser.parse(
        data, response_headers={"content-location": url}, sanitize_html=False
    )
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({problem})" if problem else ""
        raise InputError(label, f"{label} is not an RSS or Atom feed{why}: give the feed's "
                         "address, or the pages' addresses one per line.")
    items: list[FeedItem] = []
    skipped: list[Skipped] = []
    for n, entry in enumerate(parsed.entries, start=1):
        link = _entry_link(entry)
        if link is None:
            skipped.append(Skipped(f"{label}#{n}", f"item {n} of {label} has no link to a web "
                                   "page, so there is nothing to fetch for it."))
            continue
        items.append(FeedItem(link, _entry_source(entry, link)))
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return Feed(url, title or None, tuple(items), tuple(skipped))


def _entry_link(entry: Mapping[str, Any]) -> str | None:
    """The item's page: its alternate link, else an id that is an http(s) URL."""
    for candidate in (entry.get("link"), entry.get("id")):
        if isinstance(candidate, str) and urlsplit(candidate).scheme in ("http", "https"):
            return candidate.strip()
    return None


def _entry_source(entry: Mapping[str, Any], link: str) -> Source:
    return Source(
        url=link,
        title=_text(entry.get("title")),
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=_text(entry.get("author")),
        language=_text(entry.get("language")),
    )


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _date(value: object) -> str | None:
    """A feed date (feedparser's UTC struct_time) as YYYY-MM-DD."""
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    return None
