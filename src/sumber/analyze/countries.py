"""Country mentions: names, aliases, demonyms, and capitals speaking for governments.

Names come from CLDR (babel) in the pack language and English, the pack's
aliases and demonyms, and GeoNames capitals; matching is longest-first together
with the gazetteer, so "Papua New Guinea" is not "Guinea" and "New Mexico" is not
"Mexico".  A capital is a country only when it acts ("Moscow denied", "relations
with Moscow"), never after a locative word or in a dateline.  A country name
inside another organisation's name ("Palang Merah Indonesia") is not a mention,
unless that name is a state body or office ("Presiden Rusia", "Kementerian Luar
Negeri Rusia").
"""

from __future__ import annotations

from sumber.analyze.doc import Doc
from sumber.geo.gazetteer import ADM1, ADM2
from sumber.geo.lexicon import ALIAS, CAPITAL
from sumber.geo.scan import Scan, scan
from sumber.geo.toponyms import Match, phrase_after, phrase_before, words_before
from sumber.model import Mention

_ORG_KINDS = frozenset({"organization", "media", "agency", "platform"})


def extract(doc: Doc, entities: list[Mention]) -> list[Mention]:
    sc = scan(doc, extra_blocked=entities)
    return mentions(sc)


def mentions(sc: Scan) -> list[Mention]:
    """Country mentions of a scanned article (shared with places)."""
    text, lex = sc.text, sc.lex
    kept: list[Match] = []
    for m in sc.matches:
        c = m.country
        if c is None:
            continue
        if c.form == CAPITAL:
            if capital_acts(sc, m):
                kept.append(m)
        elif not _not_a_country(sc, m) and not _region_alias(sc, m):
            kept.append(m)
    kept = _drop_state_homonyms(sc, kept)
    return [Mention(m.start, m.end, text[m.start:m.end], "country", m.country.iso2,
                    lex.canonical.get(m.country.iso2, m.country.iso2)) for m in kept]


def _region_alias(sc: Scan, m: Match) -> bool:
    """An alias that is also the main name of one of our curated regions names the
    region ("Central Africa"), not the country that uses it as a nickname."""
    return m.country.form == ALIAS and any(h.main and sc.gaz.curated(h.entry) for h in m.hits)


def capital_acts(sc: Scan, m: Match) -> bool:
    """A capital names its government: subject of a statement or object of relations."""
    toks, lex, text = sc.toks, sc.lex, sc.text
    if sc.in_dateline(m.t0, m.t1) or words_before(text, toks, m.t0, lex.locative) \
            or words_before(text, toks, m.t0, lex.capital_place_before, max_words=2):
        return False
    if sc.blocked_by(m.start, m.end):
        return False
    if phrase_after(toks, m.t1, lex.capital_after, text, max_words=1, need_join=False):
        return not _inside_name_after(sc, m)
    k = m.t0 - 1
    if k >= 0 and toks.low[k] in lex.capital_before:
        return True
    if k >= 1 and toks.low[k - 1] in lex.capital_before and toks.low[k] in lex.state_heads:
        return True
    return False


def _spaced(sc: Scan, a: int, b: int) -> bool:
    """Tokens ``a`` and ``b`` are separated by white space only (same phrase)."""
    return 0 <= a and b < len(sc.toks) and sc.text[sc.toks.end[a]:sc.toks.start[b]] in (" ", "\u00a0")


def _inside_name_after(sc: Scan, m: Match) -> bool:
    j, toks = m.t1 + 1, sc.toks
    return j < len(toks) and toks.cap[j] and _spaced(sc, m.t1, j) and toks.low[j] not in sc.lex.capital_after


def _not_a_country(sc: Scan, m: Match) -> bool:
    toks, lex, text = sc.toks, sc.lex, sc.text
    if phrase_before(toks, m.t0, lex.not_after, text, max_words=1):
        return True
    if text.startswith("$", m.end) and m.key in lex.caps_only:
        return True  # "US$": a currency
    kind = sc.blocked_by(m.start, m.end)
    if kind == "person":
        return True
    if kind in _ORG_KINDS:
        for s, e, k in sc.blocked:
            if k == kind and s < m.end and m.start < e:
                t = sc.tok_at(s)
                if t < m.t0 and not phrase_after(toks, t - 1, lex.state_heads, text, max_words=3, need_join=False):
                    return True
    if m.key in lex.person_like and _person_context(sc, m):
        return True
    return _inside_other_name(sc, m)


def _person_context(sc: Scan, m: Match) -> bool:
    toks, text = sc.toks, sc.text
    a, b = m.t0 - 1, m.t1 + 1
    before = a >= 0 and toks.cap[a] and _spaced(sc, a, m.t0) and a not in sc.initial and toks.low[a] not in sc.lex.state_heads
    after = b < len(toks) and toks.cap[b] and _spaced(sc, m.t1, b) and not _starts_country(sc, b) and toks.low[b] not in sc.lex.state_heads
    return before or after


def _starts_country(sc: Scan, t: int) -> bool:
    return any(x.t0 == t and x.country is not None for x in sc.matches)


def _inside_other_name(sc: Scan, m: Match) -> bool:
    """A capitalized run before the name that is not a state office makes it part of a name."""
    toks, lex, text = sc.toks, sc.lex, sc.text
    k = m.t0 - 1
    if k >= 1 and toks.low[k] in lex.country_connectors and not toks.cap[k] and toks.cap[k - 1]:
        # "Voice of America", "Bank of Japan" but "President of Russia"
        if toks.low[k - 1] not in lex.state_heads and not ((k - 1) in sc.initial and sc.written_lower(toks.low[k - 1])):
            return True
    run = []
    while k >= 0 and toks.cap[k] and text[toks.end[k]:toks.start[k + 1]] in (" ", "\u00a0"):
        if any(x.t0 <= k <= x.t1 and x.country is not None for x in sc.matches):
            break
        run.insert(0, k)
        if k in sc.initial:
            break
        k -= 1
    if not run:
        return False
    first = run[0]
    # "Presiden Rusia", "Kementerian Luar Negeri Rusia": the run opens with a state office
    if phrase_after(toks, first - 1, lex.state_heads, text, max_words=3, need_join=False) or toks.low[run[-1]] in lex.state_heads:
        return False
    if all(toks.low[i] in lex.state_heads or toks.low[i] in lex.stop_names for i in run):
        return False
    if len(run) == 1 and first in sc.initial and sc.written_lower(toks.low[first]):
        return False  # a common word that happens to start the sentence
    return True


def _drop_state_homonyms(sc: Scan, kept: list[Match]) -> list[Match]:
    """"Georgia" is the US state when the article names other US states or counties
    and writes Georgia only so."""
    by_iso: dict[str, set[str]] = {}
    for m in kept:
        by_iso.setdefault(m.country.iso2, set()).add(m.key)
    gaz = sc.gaz
    place_countries: set | None = None
    out = []
    for m in kept:
        iso = m.country.iso2
        if len(by_iso[iso]) == 1:
            other = {gaz.country(h.entry) for h in gaz.lookup(m.key) if h.main and gaz.kind[h.entry] == ADM1}
            other.discard(iso)
            if other:
                if place_countries is None:  # countries of admin areas named in full ("Laurens County", "Texas")
                    place_countries = {gaz.country(h.entry) for x in sc.matches if x.country is None for h in x.hits
                                       if h.exact and gaz.kind[h.entry] in (ADM1, ADM2)}
                if other & place_countries:
                    continue
        out.append(m)
    return out
