"""Tests for corroborator.ingest.feeds, and for feeds read through corroborator.ingest.fetch.

Feeds and their pages are served by the fixture site on loopback
(tests/fixtures/web); nothing here leaves this machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from fixtures.web.server import SITE, SiteServer

from corroborator.errors import InputError
from corroborator.ingest.feeds import is_feed, parse_feed
from corroborator.ingest.fetch import Fetcher, FetchPolicy, read_feed_file, read_urls
from corroborator.models import RawDoc, Skipped

# allow_private: the fixture site is on loopback, which the fetcher refuses unless asked
FAST = FetchPolicy(read_timeout=0.5, host_interval=0.0, retries=0, max_bytes=100_000,
                   allow_private=True)
RSS = "/feeds/news.rss"
ATOM = "/feeds/news.atom"
pytestmark = pytest.mark.issue(6)


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server


def split(items: Iterable[RawDoc | Skipped]) -> tuple[dict[str, RawDoc], list[Skipped]]:
    docs: dict[str, RawDoc] = {}
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, RawDoc):
            docs[item.id] = item
        else:
            skipped.append(item)
    return docs, skipped


def read(urls: list[str], cache: Path | None = None) -> tuple[dict[str, RawDoc], list[Skipped]]:
    with Fetcher(policy=FAST, cache=cache) as fetcher:
        return split(read_urls(urls, fetcher=fetcher))


# --- feeds read from the web -----------------------------------------------------


def test_feeds_rss_items_are_fetched_and_built(site: SiteServer) -> None:
    docs, skipped = read([site.url(RSS)])
    assert sorted(docs) == ["127.0.0.1-ferry-strike", "127.0.0.1-library-vote"]
    reasons = {s.path: s.reason for s in skipped}
    assert "disallowed by" in reasons[site.url("/private/memo.html")]
    assert "HTTP 404" in reasons[site.url("/news/withdrawn.html")]
    assert "has no link to a web page" in reasons[f"{site.url(RSS)}#5"]
    assert len(skipped) == 3


def test_feeds_item_metadata_fills_what_the_page_lacks(site: SiteServer) -> None:
    docs, _ = read([site.url(RSS)])
    library = docs["127.0.0.1-library-vote"].source
    assert (library.author, library.published) == ("Sam Idowu", "2025-03-18")
    assert library.title == "Marren votes to keep its library open on Sundays"
    ferry = docs["127.0.0.1-ferry-strike"].source
    assert ferry.author == "Mara Quinn"  # the page's byline wins over the feed's "Gazette staff"


def test_feeds_atom_relative_links_are_resolved(site: SiteServer) -> None:
    docs, skipped = read([site.url(ATOM)])
    assert sorted(docs) == ["127.0.0.1-council-budget", "127.0.0.1-ferry-strike"]
    budget = docs["127.0.0.1-council-budget"]
    assert budget.path == site.url("/news/council-budget.html")
    assert (budget.source.outlet, budget.source.author, budget.source.published) == (
        "Island Courier", "Priya Nandakumar", "2025-03-19")
    [french] = skipped
    assert french.path == site.url("/news/greve-ferries.html")
    assert "is in French (fr), not English" in french.reason


def test_feeds_served_as_generic_xml_is_recognised(site: SiteServer) -> None:
    docs, _ = read([site.url("/feed-as-xml")])
    assert "127.0.0.1-ferry-strike" in docs


def test_feeds_page_in_two_feeds_is_read_once(site: SiteServer) -> None:
    docs, _ = read([site.url(RSS), site.url(ATOM), site.url("/news/ferry-strike.html")])
    assert sorted(docs) == ["127.0.0.1-council-budget", "127.0.0.1-ferry-strike",
                            "127.0.0.1-library-vote"]
    assert site.paths().count("/news/ferry-strike.html") == 1


def test_feeds_rebuild_fetches_nothing(site: SiteServer, tmp_path: Path) -> None:
    first, _ = read([site.url(RSS)], cache=tmp_path)
    hits = len(site.hits)
    second, _ = read([site.url(RSS)], cache=tmp_path)
    assert sorted(second) == sorted(first)
    # only what failed is asked again: the 404, and robots.txt for it and the private page
    assert sorted(site.paths()[hits:]) == ["/news/withdrawn.html", "/robots.txt"]


# --- feed files ------------------------------------------------------------------


def test_feeds_feed_file_items_are_fetched(site: SiteServer, tmp_path: Path) -> None:
    feed = tmp_path / "saved.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Saved</title>'
        f'<item><title>Ferry</title><link>{site.url("/news/ferry-strike.html")}</link></item>'
        "<item><title>Relative</title><link>notice.txt</link></item>"
        "</channel></rss>", encoding="utf-8")
    with Fetcher(policy=FAST) as fetcher:
        docs, skipped = split(read_feed_file(feed, fetcher=fetcher))
    assert list(docs) == ["127.0.0.1-ferry-strike"]
    [relative] = skipped
    assert "has no link to a web page" in relative.reason  # relative to a file: file://


def test_feeds_file_that_is_not_a_feed_is_skipped(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.xml"
    bogus.write_text("this is a note, not a feed", encoding="utf-8")
    with Fetcher(policy=FAST) as fetcher:
        docs, skipped = split(read_feed_file(bogus, fetcher=fetcher))
    assert docs == {}
    [only] = skipped
    assert only.path == "notes.xml" and "is not an RSS or Atom feed" in only.reason


def test_feeds_missing_file_is_skipped(tmp_path: Path) -> None:
    with Fetcher(policy=FAST) as fetcher:
        [only] = list(read_feed_file(tmp_path / "gone.rss", fetcher=fetcher))
    assert isinstance(only, Skipped) and "cannot be read" in only.reason


# --- parsing ---------------------------------------------------------------------


def test_feeds_parse_rss() -> None:
    feed = parse_feed((SITE / "feeds/news.rss").read_bytes(), "https://gazette.example/rss")
    assert feed.title == "Harbour Gazette: latest news"
    assert [i.url for i in feed.items][:2] == [
        "https://gazette.example/news/ferry-strike.html",
        "https://gazette.example/news/library-vote.html"]
    first = feed.items[0].source
    assert (first.title, first.published, first.author) == (
        "Ferry crews strike for a second day at Port Ellis", "2025-03-17", "Gazette staff")
    assert len(feed.items) == 4 and len(feed.skipped) == 1


def test_feeds_entry_id_that_is_a_url_stands_for_its_link() -> None:
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b"<entry><title>a</title><id>https://x.example/a</id></entry>"
            b"<entry><title>b</title><id>urn:uuid:1</id></entry></feed>")
    feed = parse_feed(atom, "https://x.example/feed")
    assert [i.url for i in feed.items] == ["https://x.example/a"]
    assert len(feed.skipped) == 1


def test_feeds_parse_refuses_what_is_not_a_feed() -> None:
    with pytest.raises(InputError, match="is not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>a page</p></body></html>", "https://x.example/")


@pytest.mark.parametrize(("content_type", "body", "expected"), [
    ("application/rss+xml", b"", True),
    ("application/atom+xml", b"", True),
    ("application/xml", b'<?xml version="1.0"?><rss version="2.0">', True),
    ("text/xml", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', True),
    ("application/xml", b'<?xml version="1.0"?><sitemap>', False),
    ("text/html", b"<html><body><rss>not really</rss></body></html>", False),
    ("", b"<rss version='2.0'>", True),
])
def test_feeds_is_feed(content_type: str, body: bytes, expected: bool) -> None:
    assert is_feed(content_type, body) is expected
