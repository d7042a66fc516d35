"""Read-only gazetteer: name key -> candidate entries with position and type.

Entries are stored column-wise in packed arrays; names are looked up by a 64-bit
hash of their key (``names.key``) with a binary search, so loading is a few
``frombytes`` calls and the index costs tens of megabytes, not hundreds.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from sumber.geo.build import ADM1, ADM2, CAPITAL, CITY, COUNTRY, NAMESAKE, REGION, key_hash
from sumber.geo.cache import load_or_build

__all__ = ["Index", "Hit", "gazetteer", "distance_km", "nearest_km", "CITY", "ADM1", "ADM2", "REGION", "COUNTRY"]


class Hit(NamedTuple):
    entry: int
    main: bool  # the key is the entry's own name (not an alternate/old name)
    exact: bool = False  # ... and not a shortened form ("Pokrovsk" for "Pokrovsk Raion")


def _arr(code: str, data: bytes) -> array:
    a = array(code)
    a.frombytes(data)
    return a


class Index:
    """The loaded gazetteer (share one per process: ``gazetteer()``)."""

    def __init__(self, d: dict) -> None:
        self._names: str = d["names"]
        self._off = _arr("I", d["name_offsets"])
        self.lat = _arr("f", d["lat"])
        self.lon = _arr("f", d["lon"])
        self.pop = _arr("I", d["pop"])
        self.kind = _arr("B", d["kind"])
        self._country = _arr("H", d["country"])
        self.prior = _arr("f", d["prior"])
        self.admin1 = _arr("i", d["admin1"])
        self.admin2 = _arr("i", d["admin2"])
        self.flags = _arr("B", d["flags"])
        self._gid = _arr("q", d["gid"])
        self._curated: list[str] = d["curated"]
        self.countries: list[str] = d["countries"]
        self.extents: dict[str, tuple[float, float, float, float]] = d.get("extents", {})
        self._khash = _arr("q", d["khash"])
        self._kstart = _arr("I", d["kstart"])
        self._kflat = _arr("I", d["kflat"])
        # memo of probes: capitalized words repeat across articles (read-only results)
        self.probe = lru_cache(maxsize=1 << 16)(self._probe)
        self._country_entry: dict[str, int] = {}
        for e in range(len(self.kind)):
            if self.kind[e] == COUNTRY:
                self._country_entry[self.country(e)] = e

    def __len__(self) -> int:
        return len(self.kind)

    def lookup(self, k: str) -> tuple[Hit, ...]:
        """Entries whose name (or alias) has key ``k``; main names first, then by prior."""
        return self.probe(k) or ()

    def _probe(self, k: str) -> tuple[Hit, ...] | None:
        """Like ``lookup`` but None when no name is ``k`` or starts with ``k`` + " "."""
        h = key_hash(k)
        i = bisect_left(self._khash, h)
        if i == len(self._khash) or self._khash[i] != h:
            return None
        return tuple(Hit(c >> 2, (c & 3) >= 2, (c & 3) == 3) for c in self._kflat[self._kstart[i]:self._kstart[i + 1]])

    def __contains__(self, k: str) -> bool:
        h = key_hash(k)
        i = bisect_left(self._khash, h)
        return i < len(self._khash) and self._khash[i] == h

    def name(self, e: int) -> str:
        return self._names[self._off[e]:self._off[e + 1] - 1]

    def country(self, e: int) -> str | None:
        return self.countries[self._country[e]] or None

    def gazetteer_id(self, e: int) -> str:
        g = self._gid[e]
        return f"gn:{g}" if g >= 0 else self._curated[-g - 1]

    def curated(self, e: int) -> bool:
        """The entry comes from our regions file (not from a package)."""
        g = self._gid[e]
        return g < 0 and self._curated[-g - 1].startswith("rg:")

    def country_entry(self, iso2: str) -> int | None:
        """The entry of a country (its reference point), if the country is known."""
        return self._country_entry.get(iso2)

    def capital(self, e: int) -> bool:
        """The entry is its country's capital."""
        return bool(self.flags[e] & CAPITAL)

    def namesake(self, e: int) -> bool:
        """The entry is a town named like its own province, holding much of its people."""
        return bool(self.flags[e] & NAMESAKE)

    def admin1_name(self, e: int) -> str | None:
        a = self.admin1[e]
        return self.name(a) if a >= 0 else None


@lru_cache(maxsize=1)
def gazetteer() -> Index:
    """The process-wide gazetteer, loaded (or built) on first use."""
    return Index(load_or_build())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def nearest_km(lat: float, lon: float, points: list[tuple[float, float, str]], skip: str, limit: float) -> float | None:
    """Distance to the nearest of ``points`` (lat, lon, key; ``skip`` key excluded),
    or None when none lies within ``limit`` km (cheap latitude pre-check first)."""
    best = None
    band = limit / 111.0
    coslat = math.cos(math.radians(lat))
    for a, b, k in points:
        if k == skip or abs(a - lat) > band:
            continue
        dlon = abs(b - lon)
        if dlon > 180.0:
            dlon = 360.0 - dlon
        # equirectangular: within 1 % of the great circle at these distances
        d = 111.195 * math.hypot(a - lat, dlon * coslat)
        if d < limit and (best is None or d < best):
            best = d
    return best
