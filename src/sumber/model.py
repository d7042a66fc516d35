"""Typed records shared by every part of Sumber, and their stable JSON form.

All offsets are Python ``str`` indices (code points) into ``Article.text``; every
extracted item carries them so it can be checked against its words.  ``to_dict``
gives the JSON contract other tools read: keys are fixed, absent values are
``null``, never missing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

Stance = Literal["asserts", "denies", "unconfirmed"]
STANCES: tuple[str, ...] = ("asserts", "denies", "unconfirmed")
EventStatus = Literal["asserted", "denied", "unconfirmed", "hypothetical"]

MENTION_KINDS: tuple[str, ...] = (
    "country",
    "place",
    "organization",
    "person",
    "role",
    "social_account",
    "media",
    "agency",
    "platform",
    "anonymous",
    "document",
)


def _plain(value: Any) -> Any:
    """Convert records, lists and dicts to plain JSON-able values (keys kept in order)."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: stable dict form of a dataclass record."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(slots=True)
class Span(Record):
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Marker(Record):
    """A provenance marker found in or attached to an article.

    ``kind``: ``syndication`` ("diterbitkan dari feed sindikasi"), ``agency``
    ("(AFP)"), ``translation``, ``dateline``, ``outlet``.  ``start``/``end`` are
    null when the marker came from metadata rather than the text.
    """

    kind: str
    text: str
    name: str | None = None
    start: int | None = None
    end: int | None = None


_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|ref_src$|cmpid$)")


def normalize_url(url: str) -> str:
    """Normalize a URL so that trivially different links to one page compare equal."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    if scheme == "https":
        scheme = "http"
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = re.sub(r"/+", "/", parts.path or "/")
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    return urlunsplit((scheme, netloc, path, query, ""))


def article_id(url: str | None, text: str) -> str:
    """Stable id: hash of the normalized URL, else of the whitespace-normalized text."""
    if url:
        key = "u:" + normalize_url(url)
    else:
        key = "t:" + " ".join(text.split())
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article(Record):
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or date-time
    crawled: str | None = None
    extractor: str | None = None  # e.g. "trafilatura 2.3.1", "text"
    provenance: list[Marker] = field(default_factory=list)
    source: str | None = None  # where it was read from: path, path#offset, URL
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.url, self.text)


@dataclass(slots=True)
class Mention(Record):
    """A named or described entity in the text.

    ``ref`` is a stable key: ISO 3166 alpha-2 for countries, ``gn:<geonameid>``
    or ``rg:<key>`` for places, ``@handle`` for accounts, a canonical slug otherwise.
    ``name`` is the canonical English name where known.
    """

    start: int
    end: int
    text: str
    kind: str
    ref: str | None = None
    name: str | None = None


@dataclass(slots=True)
class Place(Record):
    start: int
    end: int
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str  # point, city, region, country
    admin1: str | None = None
    gazetteer_id: str | None = None
    score: float = 0.0


@dataclass(slots=True)
class TimeExpr(Record):
    start: int
    end: int
    text: str
    value: str | None  # ISO date, YYYY-MM, YYYY, YYYY-Www, interval a/b, or null
    granularity: str  # day, week, month, year, interval, time, unknown
    anchor: str = "explicit"  # explicit, published, context, unresolved


@dataclass(slots=True)
class Quantity(Record):
    start: int
    end: int
    text: str
    value: float | int | None
    approximate: bool = False
    unit: Span | None = None
    bound: str | None = None  # lower, upper, or null


@dataclass(slots=True)
class Source(Record):
    start: int
    end: int
    text: str
    kind: str  # person, role, organization, agency, media, social_account, anonymous, document, country
    name: str | None = None
    anonymous: bool = False
    refers_to: Span | None = None  # antecedent of an anaphor ("pejabat tersebut", "he", "ujarnya")


@dataclass(slots=True)
class Cue(Record):
    start: int
    end: int
    text: str
    lemma: str | None = None  # the pack's key for this cue


@dataclass(slots=True)
class Attribution(Record):
    id: str
    source: Source
    cue: Cue
    stance: str  # asserts, denies, unconfirmed
    hedged: bool
    direct_quote: bool
    content: Span | None
    via: Source | None = None
    channel: Span | None = None
    addressee: Span | None = None
    time: str | None = None


@dataclass(slots=True)
class Event(Record):
    id: str
    type: str  # PLOVER category
    trigger: Span
    actor: Mention | None = None
    target: Mention | None = None
    place: Place | None = None
    time: TimeExpr | None = None
    quantity: Quantity | None = None
    attribution: str | None = None  # id of the attribution whose content holds the event
    status: str = "asserted"  # asserted, denied, unconfirmed, hypothetical
    mode: str | None = None


@dataclass(slots=True)
class Link(Record):
    kind: str  # duplicate_of, syndicated_from, translation_of, same_claim, contradicts, cites
    a: dict[str, Any]
    b: dict[str, Any]
    score: float
    evidence: str = ""


@dataclass(slots=True)
class Analysis(Record):
    article: Article
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _span(d: dict | None) -> Span | None:
    return Span(**d) if d else None


def _source(d: dict | None) -> Source | None:
    if not d:
        return None
    d = dict(d)
    d["refers_to"] = _span(d.get("refers_to"))
    return Source(**d)


def analysis_from_dict(d: dict[str, Any]) -> Analysis:
    """Rebuild an ``Analysis`` from its JSON form (the inverse of ``to_dict``)."""
    a = dict(d["article"])
    a["provenance"] = [Marker(**m) for m in a.get("provenance") or []]
    article = Article(**a)
    attributions = []
    for x in d.get("attributions", []):
        x = dict(x)
        x["source"] = _source(x["source"])
        x["cue"] = Cue(**x["cue"])
        x["content"] = _span(x.get("content"))
        x["via"] = _source(x.get("via"))
        x["channel"] = _span(x.get("channel"))
        x["addressee"] = _span(x.get("addressee"))
        attributions.append(Attribution(**x))
    events = []
    for e in d.get("events", []):
        e = dict(e)
        e["trigger"] = Span(**e["trigger"])
        e["actor"] = Mention(**e["actor"]) if e.get("actor") else None
        e["target"] = Mention(**e["target"]) if e.get("target") else None
        e["place"] = Place(**e["place"]) if e.get("place") else None
        e["time"] = TimeExpr(**e["time"]) if e.get("time") else None
        if e.get("quantity"):
            q = dict(e["quantity"])
            q["unit"] = _span(q.get("unit"))
            e["quantity"] = Quantity(**q)
        events.append(Event(**e))
    quantities = []
    for q in d.get("quantities", []):
        q = dict(q)
        q["unit"] = _span(q.get("unit"))
        quantities.append(Quantity(**q))
    return Analysis(
        article=article,
        mentions=[Mention(**m) for m in d.get("mentions", [])],
        places=[Place(**p) for p in d.get("places", [])],
        times=[TimeExpr(**t) for t in d.get("times", [])],
        quantities=quantities,
        attributions=attributions,
        events=events,
    )
