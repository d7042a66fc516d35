"""Exports of a store: JSON Lines, CSV, GeoJSON, FollowTheMoney and ACLED-style CSV.

Every exporter streams: it reads the store page by page (or analysis by
analysis) and writes as it goes, so memory stays flat on any corpus.
``export(store, fmt, out, what=...)`` is the one entry point.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from sumber.errors import SumberError
from sumber.export.acled import write_acled
from sumber.export.ftm import write_ftm
from sumber.export.rows import write_rows
from sumber.store import ArticleFilter, ClaimFilter, EventFilter, PlaceFilter, Store

FORMATS = ("jsonl", "csv", "geojson", "ftm", "acled", "prov")
WHAT = {
    "jsonl": ("analyses", "articles", "claims", "events", "places", "links"),
    "csv": ("claims", "events", "places", "articles", "links"),
    "geojson": ("all", "places", "events"),
    "ftm": ("analyses",),
    "acled": ("events",),
    "prov": ("chains",),
}


def _filter(kind: str, base: ArticleFilter) -> Any:
    cls = {"claims": ClaimFilter, "events": EventFilter, "places": PlaceFilter}.get(kind, ArticleFilter)
    return cls(since=base.since, until=base.until, lang=base.lang, text=base.text, outlet=base.outlet)


def _flat_link(d: dict[str, Any]) -> dict[str, Any]:
    return {"kind": d["kind"], "a_article": d["a"]["article"], "a_item": d["a"]["item"], "a_url": d["a"]["url"],
            "b_article": d["b"]["article"], "b_item": d["b"]["item"], "b_url": d["b"]["url"], "score": d["score"],
            "evidence": d["evidence"]}


def write_geojson(store: Store, out: TextIO, what: str, base: ArticleFilter) -> int:
    """A FeatureCollection of places (with mention counts) and of events that have coordinates."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0

    def feature(lon: float, lat: float, props: dict[str, Any]) -> None:
        nonlocal n
        f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        out.write(("," if n else "") + "\n" + json.dumps(f, ensure_ascii=False))
        n += 1

    if what in ("all", "places"):
        for p in store.iterate("places", _filter("places", base)):
            if p["latitude"] is not None and p["longitude"] is not None:
                feature(p["longitude"], p["latitude"], {"kind": "place", **{k: v for k, v in p.items()
                                                                             if k not in ("latitude", "longitude")}})
    if what in ("all", "events"):
        for e in store.iterate("events", _filter("events", base)):
            if e["latitude"] is not None and e["longitude"] is not None:
                feature(e["longitude"], e["latitude"], {"kind": "event", **{k: v for k, v in e.items()
                                                                             if k not in ("latitude", "longitude")}})
    out.write("\n]}\n")
    return n


def export(store: Store, fmt: str, out: TextIO, what: str | None = None, filter: ArticleFilter | None = None,
           statuses: tuple[str, ...] = ("asserted",)) -> int:
    """Write the store (or the filtered part) in ``fmt``; returns the number of records written."""
    if fmt not in FORMATS:
        raise SumberError(f"unknown export format '{fmt}' (one of {', '.join(FORMATS)})")
    what = what or WHAT[fmt][0]
    if what not in WHAT[fmt]:
        raise SumberError(f"--what {what} is not available as {fmt} (one of {', '.join(WHAT[fmt])})")
    base = filter or ArticleFilter()
    if fmt == "ftm":
        return write_ftm(store, out, base)
    if fmt == "acled":
        return write_acled(store, out, base, statuses)
    if fmt == "geojson":
        return write_geojson(store, out, what, base)
    if fmt == "prov":
        from sumber.export.prov import write_prov

        return write_prov(store, out)
    if what == "analyses":
        n = 0
        for _, d in store.iter_analyses(raw=True, filter=base):
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            n += 1
        return n
    if what == "links":
        rows = (link.to_dict() for link in store.iter_links())
        return write_rows(rows if fmt == "jsonl" else (_flat_link(r) for r in rows), fmt, out)
    return write_rows(store.iterate(what, _filter(what, base)), fmt, out)
