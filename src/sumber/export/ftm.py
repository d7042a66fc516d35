"""FollowTheMoney entities (JSON lines) from stored analyses.

Per article: an ``Article``; a ``Person`` or ``Organization`` for each named
source and actor; an ``Address`` per geocoded place; an ``Event`` per event; a
``Mention`` tying each name in the text to the article and the entity it
resolves to; and a ``Documentation`` per attribution (who said what, with
stance and cue as its role).  Ids are hashes of stable keys, so the same person
or place from two articles gets the same id and streams merge without
coordination; each article is written on its own (constant memory).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any, TextIO

from sumber.store import ArticleFilter, Store

# ISO 639-1 -> 639-3 (FollowTheMoney's language type uses the three-letter codes).
_LANG3 = {"id": "ind", "en": "eng", "ms": "msa", "jv": "jav", "su": "sun", "tl": "tgl", "vi": "vie", "th": "tha",
          "zh": "zho", "ja": "jpn", "ko": "kor", "ar": "ara", "fa": "fas", "tr": "tur", "ru": "rus", "uk": "ukr",
          "de": "deu", "fr": "fra", "es": "spa", "pt": "por", "it": "ita", "nl": "nld", "pl": "pol", "hi": "hin"}
_PERSON_KINDS = ("person",)
_ORG_KINDS = ("organization", "agency", "media", "platform")


def make_id(*parts: Any) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(str(p or "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def _date(value: str | None) -> str | None:
    """An ISO date or date-time FtM accepts (no zone suffix), or None."""
    if not value or not value[:4].isdigit():
        return None
    return value[:19] if len(value) >= 19 else value.split("/")[0][:10]


def _address_id(p: dict[str, Any]) -> str:
    return make_id("address", p.get("gazetteer_id") or (p["name"], p.get("country"), p.get("lat"), p.get("lon")))


def _entity(schema: str, eid: str, **props: Any) -> dict[str, Any]:
    clean = {}
    for k, v in props.items():
        vals = v if isinstance(v, list) else [v]
        vals = [str(x) for x in vals if x not in (None, "")]
        if vals:
            clean[k] = list(dict.fromkeys(vals))
    return {"id": eid, "schema": schema, "properties": clean}


def _actor(kind: str | None, name: str, ref: str | None) -> tuple[str, str] | None:
    if kind in _PERSON_KINDS:
        return "Person", make_id("person", ref or name.casefold())
    if kind in _ORG_KINDS:
        return "Organization", make_id("org", ref or name.casefold())
    return None


def entities(analysis: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """FtM entities of one analysis (its JSON form), each at most once."""
    art = analysis["article"]
    aid = make_id("article", art["id"])
    countries = sorted({m["ref"].lower() for m in analysis["mentions"] if m["kind"] == "country" and m.get("ref")
                        and len(m["ref"]) == 2})
    yield _entity("Article", aid, title=art.get("title"), bodyText=art["text"], sourceUrl=art.get("url"),
                  publisher=art.get("outlet"), publishedAt=_date(art.get("published")),
                  retrievedAt=_date(art.get("crawled")), language=_LANG3.get(art.get("language") or ""),
                  detectedCountry=countries, generator=art.get("extractor"))
    seen: set[str] = {aid}

    def once(entity: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if entity["id"] not in seen:
            seen.add(entity["id"])
            yield entity

    for m in analysis["mentions"]:
        name = m.get("name") or m["text"]
        actor = _actor(m["kind"], name, m.get("ref"))
        if actor is None:
            continue
        schema, eid = actor
        yield from once(_entity(schema, eid, name=name, alias=m["text"] if m["text"] != name else None))
        yield from once(_entity("Mention", make_id("mention", art["id"], m["start"], m["end"]), document=aid,
                                resolved=eid, name=m["text"], detectedSchema=schema, contextCountry=countries))
    def address(p: dict[str, Any]) -> Iterator[dict[str, Any]]:
        yield from once(_entity("Address", _address_id(p), full=p["name"], name=p["name"], region=p.get("admin1"),
                                country=(p.get("country") or "").lower() or None,
                                latitude=p.get("lat"), longitude=p.get("lon")))

    for p in analysis["places"]:
        yield from address(p)
    for at in analysis["attributions"]:
        src = at["source"]
        name = src.get("name") or src["text"]
        actor = _actor(src["kind"], name, None)
        if actor is None:
            continue
        schema, eid = actor
        yield from once(_entity(schema, eid, name=name))
        content = at["content"]["text"] if at.get("content") else None
        yield from once(_entity("Documentation", make_id("said", art["id"], at["id"]), document=aid, entity=eid,
                                role=f"{at['stance']}: {at['cue']['text']}", summary=content, date=_date(at.get("time"))))
    for ev in analysis["events"]:
        involved = []
        for m in (ev.get("actor"), ev.get("target")):
            if m:
                actor = _actor(m["kind"], m.get("name") or m["text"], m.get("ref"))
                if actor:
                    yield from once(_entity(actor[0], actor[1], name=m.get("name") or m["text"]))
                    involved.append(actor[1])
        place = ev.get("place")
        if place:
            yield from address(place)
        when = ev.get("time") or {}
        yield from once(_entity(
            "Event", make_id("event", art["id"], ev["id"]), name=f"{ev['type']}: {ev['trigger']['text']}",
            summary=ev["trigger"]["text"], description=f"status: {ev['status']}", date=_date(when.get("value")),
            location=place["name"] if place else None, country=(place or {}).get("country", "").lower() or None,
            addressEntity=_address_id(place) if place else None, involved=involved,
            sourceUrl=art.get("url"), proof=aid))


def write_ftm(store: Store, out: TextIO, filter: ArticleFilter | None = None) -> int:
    n = 0
    for _, analysis in store.iter_analyses(raw=True, filter=filter):
        for e in entities(analysis):
            out.write(json.dumps(e, ensure_ascii=False) + "\n")
            n += 1
    return n
