"""RSS and Atom feeds (feedparser): one article per entry that carries text.

A feed that declares XML entities is refused before parsing: internal entity
definitions are what entity-expansion ("billion laughs") attacks are built from,
and real news feeds do not need them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from sumber.errors import InputError
from sumber.ingest.html import fragment_to_text
from sumber.ingest.records import lang_code
from sumber.model import Article, Marker

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_FEED_HEAD = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_HEAD.search(data[:4096]))


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)


def _entry_text(entry) -> str:  # noqa: ANN001 - feedparser dict
    bodies = [c.get("value") or "" for c in entry.get("content") or []]
    bodies.append(entry.get("summary") or "")
    best = max(bodies, key=len)
    return fragment_to_text(best)


def parse_feed(data: bytes, name: str, crawled: str | None = None) -> Iterator[Article | InputError]:
    """Articles of a feed, or an ``InputError`` for each entry that has no text.

    Raises ``InputError`` when the whole feed is refused (entities, not a feed).
    """
    import feedparser

    if _ENTITY_DECL.search(data):
        raise InputError(f"{name}: feed declares XML entities (<!ENTITY>); refused as a possible "
                         "entity-expansion attack")
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"{name}: not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    outlet = (parsed.feed.get("title") or "").strip() or None
    extractor = f"feedparser {feedparser.__version__}"
    for i, entry in enumerate(parsed.entries):
        where = f"{name}#entry={i}"
        text = _entry_text(entry)
        if not text.strip():
            yield InputError(f"{where}: feed entry has no text (title and link only)")
            continue
        markers = [Marker(kind="outlet", text=outlet, name=outlet)] if outlet else []
        src = entry.get("source") or {}
        src_title = (src.get("title") or "").strip() if isinstance(src, dict) else ""
        if src_title and src_title != outlet:
            markers.append(Marker(kind="syndication", text=src_title, name=src_title))
        yield Article(
            text=text,
            title=(entry.get("title") or "").strip() or None,
            url=entry.get("link") or None,
            outlet=outlet,
            language=lang_code(entry.get("language") or parsed.feed.get("language")),
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            crawled=crawled,
            extractor=extractor,
            provenance=markers,
            source=where,
        )
