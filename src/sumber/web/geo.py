"""GeoJSON features of places and events read from the store, for the map and exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from sumber.store import EventFilter, PlaceFilter, Store
from sumber.web import cache
from sumber.web.claimview import claim_key


def _point(row: dict[str, Any]) -> dict[str, Any] | None:
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def place_feature(row: dict[str, Any]) -> dict[str, Any] | None:
    geom = _point(row)
    if geom is None:
        return None
    props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    props["kind"] = "place"
    props["href"] = "/claims?" + urlencode({"about": row.get("name") or ""})
    return {"type": "Feature", "geometry": geom, "properties": props}


MAP_EVENT_FIELDS = ("article_id", "id", "date", "type", "status", "trigger", "actor", "target", "place", "country",
                    "precision", "attribution", "outlet", "language")


def event_feature(row: dict[str, Any], fields: tuple[str, ...] | None = None) -> dict[str, Any] | None:
    """A point feature of an event; ``fields`` keeps only those properties (the map needs few)."""
    geom = _point(row)
    if geom is None:
        return None
    props = {k: v for k, v in row.items() if k not in ("latitude", "longitude") and (fields is None or k in fields)}
    props["kind"] = "event"
    props["href"] = (f"/claims/{claim_key(row['article_id'], row['attribution'])}" if row.get("attribution")
                     else f"/articles/{row['article_id']}")
    return {"type": "Feature", "geometry": geom, "properties": props}


def features(store: Store, base: dict[str, Any], layers: set[str], limit: int) -> list[dict[str, Any]]:
    """Most-mentioned places and newest events (each at most ``limit``) that have coordinates."""
    out: list[dict[str, Any]] = []
    if "places" in layers:
        for row in cache.places(store, PlaceFilter(**base), limit).rows:
            f = place_feature(row)
            if f:
                out.append(f)
    if "events" in layers:
        for row in store.events(EventFilter(**base), limit).rows:
            f = event_feature(row, MAP_EVENT_FIELDS)
            if f:
                out.append(f)
    return out


def stream(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    """A FeatureCollection written as rows arrive (places or events; rows without coordinates are left out)."""
    yield b'{"type": "FeatureCollection", "features": ['
    n = 0
    for r in rows:
        f = event_feature(r) if "trigger" in r else place_feature(r)
        if f is None:
            continue
        yield (("," if n else "") + "\n" + json.dumps(f, ensure_ascii=False)).encode()
        n += 1
    yield b"\n]}\n"
