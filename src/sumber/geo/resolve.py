"""Choose among gazetteer entries for one name, in the article's context.

A candidate's score is its prior plus what the article says about where it is.

Prior: population for towns (a country's capital counts as a much bigger town:
news write "Washington" for the capital far more often than for the state), the
population of the towns inside for provinces, states and counties, a fixed
weight for curated regions, seas and continents.

Context, hand-weighted (no weights are fitted on evaluation data):

- countries the article names, the pack's home country, the dateline's country;
- the article's *focus*: every other name in the article votes for the country,
  province/state and county of its own likely readings (a soft count: a name's
  readings share one vote by their scores, and a name never votes for itself).
  Local news rarely names its state or country; its other places do: "Paris" in
  a story that also names Henry County and Murray is Paris, Tennessee;
- a qualifier written with the name ("Paris, Texas", "Fairfield, Conn.",
  "Bogor, Jawa Barat") binds it to that state, province or country;
- distance to places already resolved with confidence (anchors);
- a country's seat-of-government words (White House, Pentagon, Kremlin) make its
  capital the likely reading of a name the capital shares;
- the type word written with the name ("Kabupaten", "Province").

Context beats raw population: "Pokrovsk" in a Ukraine story is the
Donetsk-oblast town, not Engels (once called Pokrovsk) in Russia.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sumber.geo.gazetteer import ADM1, ADM2, CITY, COUNTRY, REGION, Hit, Index, nearest_km

PRECISION = {CITY: "city", ADM1: "region", ADM2: "region", REGION: "region", COUNTRY: "country"}
_COUNTRY_PRIOR = 7.0
_MAX_HITS = 40  # hits come main names first, then by prior: the tail is hamlets
_VOTE_HITS = 10  # readings of a name that share its vote
_CLOSE = 3.0  # readings this close to a name's best one count as agreeing on a county
_NEAR_WEIGHT = {CITY: 1.0, ADM2: 1.0, ADM1: 0.25, REGION: 0.25, COUNTRY: 0.0}
_LEVEL_BONUS = {
    "admin1": {ADM1: 4.0, REGION: 1.0},
    "admin2": {ADM2: 4.0, CITY: 1.5},
    "city": {CITY: 2.0, ADM2: 2.0},
    "local": {CITY: 1.0},
    "region": {REGION: 2.0, ADM1: 1.0, ADM2: 0.5},
}
# weights of the article's focus (saturating: a few agreeing names are enough)
W_COUNTRY = 2.5
W_ADMIN1 = 2.0
W_ADMIN2 = 1.5
W_QUALIFIER = 4.0
W_SEAT = 2.5
W_COUNTRY_NAME = 1.5
_NEAR_VOTES = 0.5  # votes for a state that make a town in it part of the story


@dataclass(slots=True)
class Focus:
    """Soft votes of the article's names for countries, admin1 and admin2 entries,
    with each name's own share kept apart so that a name never votes for itself."""

    country: dict[str, float] = field(default_factory=dict)
    admin1: dict[int, float] = field(default_factory=dict)
    admin2: dict[int, float] = field(default_factory=dict)
    own: dict[str, tuple[dict, dict, dict]] = field(default_factory=dict)  # key -> its votes
    total: float = 0.0

    def copy(self) -> "Focus":
        return Focus(dict(self.country), dict(self.admin1), dict(self.admin2), dict(self.own), self.total)

    def build(self, names: dict[str, tuple[float, list[tuple[float, str | None, int, int]]]]) -> None:
        """Add ``names``: key -> (weight, votes), votes being (share, country, admin1, admin2)
        of the name's readings with shares summing to 1 (share -1: the whole vote for a
        county); one vote per distinct name, never added twice."""
        for k, (weight, vs) in names.items():
            mine: tuple[dict, dict, dict] = ({}, {}, {})
            for share, c, a1, a2 in vs:
                if share < 0.0:
                    mine[2][a2] = weight
                    continue
                w = share * weight
                if c:
                    mine[0][c] = mine[0].get(c, 0.0) + w
                if a1 >= 0:
                    mine[1][a1] = mine[1].get(a1, 0.0) + w
            for table, part in zip((self.country, self.admin1, self.admin2), mine):
                for x, w in part.items():
                    table[x] = table.get(x, 0.0) + w
            self.own[k] = mine
            self.total += weight

    def support(self, table: int, x, k: str) -> float:
        """Votes for ``x`` from every name but ``k``."""
        t = (self.country, self.admin1, self.admin2)[table]
        got = t.get(x, 0.0)
        if got <= 0.0:
            return 0.0
        mine = self.own.get(k)
        if mine is not None:
            got -= mine[table].get(x, 0.0)
        return got if got > 1e-9 else 0.0


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
    focus: Focus = field(default_factory=Focus)
    qualifiers: dict[str, tuple[frozenset[int], frozenset[str]]] = field(default_factory=dict)  # key -> admin1s, countries
    seats: frozenset[str] = frozenset()  # countries whose seat-of-government words the article uses
    resolved: dict[str, tuple[float, int]] = field(default_factory=dict)  # key -> (score, entry) placed in the article


def prior(gaz: Index, e: int) -> float:
    """The entry's weight before context (computed when the gazetteer is built)."""
    return gaz.prior[e]


def _sat(x: float) -> float:
    return x if x < 1.0 else 1.0


def country_bonus(ctx: Context, c: str | None, k: str) -> float:
    """Named countries and the article's focus; home and dateline countries."""
    if c is None:
        return 0.0
    s = 0.0
    if c in ctx.countries and (len(ctx.country_forms.get(c, ())) > 1 or k not in ctx.country_forms.get(c, ())):
        s = W_COUNTRY  # named, and not only by this very name ("Dublin" acting for Ireland)
    else:
        v = ctx.focus.support(0, c, k)
        if v > 0.0:
            share = v / ctx.focus.total if ctx.focus.total > 0 else 0.0
            s = W_COUNTRY * _sat(0.35 * v + 0.6 * share)
    if c in ctx.home:
        s += 1.5
    if c == ctx.dateline_country:
        s += 1.0
    return s


def score(gaz: Index, hit: Hit, k: str, ctx: Context, level: str | None = None) -> float:
    """One reading's score (``rank`` scores all of a name's readings at once)."""
    return _scores(gaz, (hit,), k, ctx, level, True)[0][0]


def _scores(gaz: Index, hits, k: str, ctx: Context, level: str | None, allow_country: bool) -> list[tuple[float, Hit]]:
    kinds, priors, admin1, admin2 = gaz.kind, gaz.prior, gaz.admin1, gaz.admin2
    focus = ctx.focus
    named_a1 = ctx.admin1
    own = focus.own.get(k)
    a1_votes, a2_votes = focus.admin1, focus.admin2
    own_a1 = own[1] if own is not None else {}
    own_a2 = own[2] if own is not None else {}
    anchors = ctx.anchors
    q = ctx.qualifiers.get(k)
    seats = ctx.seats
    level_bonus = _LEVEL_BONUS.get(level, {}) if level else None
    level_else = -0.5 if level in ("admin1", "admin2") else 0.0
    by_country: dict[str | None, float] = {}
    out = []
    for h in hits:
        e = h.entry
        kind = kinds[e]
        if kind == COUNTRY and not allow_country:
            continue
        s = priors[e]
        if not h.main:
            if not (kind == CITY and gaz.namesake(e)):  # "New York" for New York City
                s -= 1.5
        elif not h.exact and (kind == ADM1 or kind == ADM2):
            # matched without its type word: "Pokrovsk" is first the town, "Washington" the state
            s -= 0.7 if kind == ADM1 else 1.5
        c = gaz.country(e)
        cb = by_country.get(c)
        if cb is None:
            cb = by_country[c] = country_bonus(ctx, c, k)
        s += cb
        a1 = admin1[e]
        if a1 >= 0:
            if kind != ADM1 and a1 in named_a1:
                s += W_ADMIN1
            else:
                v = a1_votes.get(a1, 0.0) - own_a1.get(a1, 0.0)
                if v > 1e-9:
                    s += W_ADMIN1 * (v if v < 1.0 else 1.0)
        if kind != ADM1 and a2_votes:
            a2 = admin2[e]
            if a2 >= 0:
                v = a2_votes.get(a2, 0.0) - own_a2.get(a2, 0.0)
                if v > 1e-9:
                    s += W_ADMIN2 * (v if v < 1.0 else 1.0)
        if anchors:
            best = nearest_km(gaz.lat[e], gaz.lon[e], anchors, k, 400.0)
            if best is not None:
                w = _NEAR_WEIGHT[kind]
                s += (2.0 if best < 100 else 1.0) * w
        if q is not None:
            s += W_QUALIFIER if (a1 in q[0] or c in q[1]) else -1.0
        if seats and c in seats and gaz.capital(e):
            s += W_SEAT
        if level_bonus is not None:
            s += level_bonus.get(kind, level_else)
        out.append((s, h))
    return out


def country_score(iso2: str, ctx: Context, k: str = "") -> float:
    """Score of reading a name as the country itself (comparable with ``score``).
    Mentions of the country by this very name ("Georgia" again) are no evidence."""
    named_otherwise = bool(ctx.country_forms.get(iso2, set()) - {k})
    # a country's own name means the country unless the article firmly says otherwise
    # ("China, Maine"; "Palestine" among Anderson County towns)
    base = _COUNTRY_PRIOR + W_COUNTRY_NAME
    if named_otherwise:
        return base + W_COUNTRY
    v = ctx.focus.support(0, iso2, k)
    return base + (W_COUNTRY * _sat(0.5 * v) if v > 0.0 else 0.0)


def rank(gaz: Index, hits: tuple[Hit, ...], k: str, ctx: Context, level: str | None = None,
         allow_country: bool = False) -> list[tuple[float, Hit]]:
    """Hits scored in context, best first (country entries only when asked)."""
    out = _scores(gaz, hits[:_MAX_HITS], k, ctx, level, allow_country)
    out.sort(key=lambda x: -x[0])
    return out


def prior_ranked(gaz: Index, hits: tuple[Hit, ...]) -> list[tuple[float, Hit]]:
    """A name's first readings scored by prior alone (cheap; for names that only vote)."""
    prior = gaz.prior
    out = [(prior[h.entry] - (0.0 if h.main else 1.5), h) for h in hits[:_VOTE_HITS] if gaz.kind[h.entry] != COUNTRY]
    out.sort(key=lambda x: -x[0])
    return out


def votes(gaz: Index, ranked: list[tuple[float, Hit]]) -> list[tuple[float, str | None, int, int]]:
    """A name's vote over its best readings: (share, country, admin1, admin2).  Shares
    (softmax of the scores) sum to 1 and go to countries and admin1s; a county gets
    the whole vote of every reading that is close to the best one (share < 0), since
    two names agreeing on one county by chance is rare ("Paris" and "Henry County"
    meet only in Henry County, Tennessee)."""
    top = ranked[:_VOTE_HITS]
    if not top:
        return []
    m = top[0][0]
    ws = [math.exp(s - m) for s, _ in top]
    z = sum(ws)
    out = []
    for (s, h), w in zip(top, ws):
        e = h.entry
        kind = gaz.kind[e]
        a2 = gaz.admin2[e] if kind != ADM1 else -1
        out.append((w / z, gaz.country(e), gaz.admin1[e], -1))
        if a2 >= 0 and s >= m - _CLOSE:
            out.append((-1.0, None, -1, a2))
    return out


def near_context(gaz: Index, e: int, ctx: Context, km: float = 400.0, k: str = "") -> bool:
    """The entry lies near an anchor or in a country the article names; in the
    home or dateline country only when no anchor lies far away from it."""
    lat, lon = gaz.lat[e], gaz.lon[e]
    if nearest_km(lat, lon, ctx.anchors, k, km) is not None:
        return True
    # the article's other names agree on its county or state
    if gaz.admin2[e] >= 0 and gaz.kind[e] != ADM1 and ctx.focus.support(2, gaz.admin2[e], k) > 0.0:
        return True
    if gaz.admin1[e] >= 0 and ctx.focus.support(1, gaz.admin1[e], k) >= _NEAR_VOTES:
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
