"""Choose among gazetteer entries for one name, in the article's context.

A candidate's score is its prior (population for towns, a fixed weight for
provinces, regencies and curated regions) plus context: the countries the
article mentions, the pack's home country, the dateline's country, distance to
places already resolved with confidence (anchors), a province of the candidate
named elsewhere, and the type word written with the name ("Kabupaten",
"Province").  Context beats raw population: "Pokrovsk" in a Ukraine story is the
Donetsk-oblast town, not Engels (once called Pokrovsk) in Russia.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sumber.geo.gazetteer import ADM1, ADM2, CITY, COUNTRY, REGION, Hit, Index, nearest_km
from sumber.geo.names import key as name_key

PRECISION = {CITY: "city", ADM1: "region", ADM2: "region", REGION: "region", COUNTRY: "country"}
_BASE = {ADM1: 6.3, ADM2: 5.2, REGION: 7.0, COUNTRY: 7.0}
_MAX_HITS = 40  # hits come main names first, then by prior: the tail is hamlets
_NEAR_WEIGHT = {CITY: 1.0, ADM2: 1.0, ADM1: 0.25, REGION: 0.25, COUNTRY: 0.0}
_LEVEL_BONUS = {
    "admin1": {ADM1: 4.0, REGION: 1.0},
    "admin2": {ADM2: 4.0, CITY: 1.5},
    "city": {CITY: 2.0, ADM2: 2.0},
    "local": {CITY: 1.0},
    "region": {REGION: 2.0, ADM1: 1.0, ADM2: 0.5},
}


@dataclass(slots=True)
class Context:
    """What the article says about where it is."""

    countries: dict[str, int] = field(default_factory=dict)  # ISO2 -> mentions
    home: frozenset[str] = frozenset()
    dateline_country: str | None = None
    anchors: list[tuple[float, float, str]] = field(default_factory=list)  # lat, lon, key of the name
    admin1: set[int] = field(default_factory=set)  # admin1 entries named in the article
    country_spans: set[tuple[int, int]] = field(default_factory=set)  # where countries are mentioned
    place_countries: dict[str, int] = field(default_factory=dict)  # countries of confidently placed names
    anchor_keys: set[str] = field(default_factory=set)
    country_forms: dict[str, set[str]] = field(default_factory=dict)  # ISO2 -> keys of its mentions
    country_mentions: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, ISO2


def prior(gaz: Index, e: int) -> float:
    k = gaz.kind[e]
    if k == CITY:
        return min(7.5, max(1.0, math.log10(gaz.pop[e] + 10)))
    return _BASE[k]


def score(gaz: Index, hit: Hit, k: str, ctx: Context, level: str | None = None, own: tuple[int, int] | None = None) -> float:
    e = hit.entry
    kind = gaz.kind[e]
    s = prior(gaz, e)
    if not hit.main:
        s -= 1.5
    elif kind in (ADM1, ADM2) and name_key(gaz.name(e)) != k:
        # matched without its type word: "Pokrovsk" is first the town, "Washington" the state
        s -= 0.7 if kind == ADM1 else 1.5
    if gaz.curated(e):
        s += 0.3  # our own regions file overrides a package entry of the same name
    c = gaz.country(e)
    if c is not None:
        if c in ctx.countries:
            s += 2.5
        else:  # the article's other places lie in this country (most of them: as good as naming it)
            n = ctx.place_countries.get(c, 0) - (1 if k in ctx.anchor_keys else 0)
            if n > 0:
                total = sum(ctx.place_countries.values()) - (1 if k in ctx.anchor_keys else 0)
                s += 2.5 if n >= 2 and n * 5 >= total * 3 else 1.5
        if c in ctx.home:
            s += 1.5
        if c == ctx.dateline_country:
            s += 1.0
    if ctx.anchors:
        best = nearest_km(gaz.lat[e], gaz.lon[e], ctx.anchors, k, 400.0)
        if best is not None:
            w = _NEAR_WEIGHT[kind]
            if best < 100:
                s += 2.0 * w
            elif best < 400:
                s += 1.0 * w
    if kind in (CITY, ADM2) and gaz.admin1[e] in ctx.admin1:
        s += 1.5 if kind == CITY else 0.75
    if level:
        s += _LEVEL_BONUS.get(level, {}).get(kind, -0.5 if level in ("admin1", "admin2") else 0.0)
    return s


def country_score(iso2: str, ctx: Context, k: str = "") -> float:
    """Score of reading a name as the country itself (comparable with ``score``).
    Mentions of the country by this very name ("Georgia" again) are no evidence."""
    named_otherwise = bool(ctx.country_forms.get(iso2, set()) - {k})
    return _BASE[COUNTRY] + (2.5 if named_otherwise else 1.5 if iso2 in ctx.place_countries else 0.0)


def rank(gaz: Index, hits: tuple[Hit, ...], k: str, ctx: Context, level: str | None = None,
         allow_country: bool = False) -> list[tuple[float, Hit]]:
    """Hits scored in context, best first (country entries only when asked)."""
    out = []
    for h in hits[:_MAX_HITS]:
        if gaz.kind[h.entry] == COUNTRY and not allow_country:
            continue
        out.append((score(gaz, h, k, ctx, level), h))
    out.sort(key=lambda x: -x[0])
    return out


def near_context(gaz: Index, e: int, ctx: Context, km: float = 400.0, k: str = "") -> bool:
    """The entry lies near an anchor or in a country the article names; in the
    home or dateline country only when no anchor lies far away from it."""
    lat, lon = gaz.lat[e], gaz.lon[e]
    if nearest_km(lat, lon, ctx.anchors, k, km) is not None:
        return True
    c = gaz.country(e)
    if c is None:
        return False
    if c in ctx.countries:
        return True
    if c in ctx.home or c == ctx.dateline_country:
        others = any(ak != k for _, _, ak in ctx.anchors)
        return not others or nearest_km(lat, lon, ctx.anchors, k, 800.0) is not None
    return False
