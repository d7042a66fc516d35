"""Places: find toponyms, decide which are places, and put them on the map.

Conventions (docs/gold-format.md): country names are actors, not places; a
capital is a place when used as a location; datelines, regions, provinces,
states, seas and facilities are places; a place name inside an organisation
name or a title ("Polda Banten", "Wali Kota Bogor") is not.

Candidates are gazetteer names (``geo.toponyms``), names after a type word
("Kecamatan Benda", "Desa Wukirsari") and facility names ("RSUD Merauke",
"Barnet General Hospital").  Each is resolved in context (``geo.resolve``): first
without distances, then again with the confident ones as anchors.  A facility or
a village the gazetteer does not know takes the position of the place it is
written with ("Kecamatan X, Kabupaten Y") or of the nearest place before it.
``resolve`` does the same for one given span (evaluation with gold spans).
"""

from __future__ import annotations

from dataclasses import dataclass

from sumber.analyze.doc import Doc
from sumber.geo.gazetteer import ADM1, ADM2, CITY, COUNTRY, REGION, Hit, nearest_km
from sumber.geo.lexicon import CAPITAL, DEMONYM
from sumber.geo.names import key as name_key
from sumber.geo.resolve import PRECISION, Context, Focus, country_score, near_context, prior_ranked, rank, votes
from sumber.geo.scan import Scan, scan
from sumber.geo.toponyms import Match, phrase_after, phrase_before, words_before
from sumber.model import Place

_SPACE = (" ", "\u00a0")
_MAX_NAME_TOKENS = 5


@dataclass(slots=True)
class Cand:
    t0: int  # span tokens, type words included
    t1: int
    n0: int  # name tokens
    n1: int
    key: str
    hits: tuple[Hit, ...]
    level: str | None = None
    strong: bool = False  # locative, type word or dateline
    dateline: bool = False
    facility: bool = False
    type_word: bool = False  # the name is (part of) a facility's type words, not its proper name
    initial: bool = False
    accepted: bool = False
    best: tuple[float, Hit] | None = None
    margin: float = 0.0
    place: Place | None = None


def extract(doc: Doc) -> list[Place]:
    sc = scan(doc)
    return list(_analysis(doc, sc)[0])


def resolve(doc: Doc, start: int, end: int) -> Place | None:
    """Resolve the toponym written at ``doc.text[start:end]`` in the article's context.

    Tries the extracted place at that span, the name (and its variants: without
    "the", a type word, a possessive; region adjectives; state abbreviations) as a
    country or a gazetteer name, a name inside the span, and finally the place the
    article is about (``gazetteer_id`` None, a low score) for names no gazetteer
    knows.  None when the article gives nothing to go on.
    """
    sc = scan(doc)
    places, ctx = _analysis(doc, sc)
    for p in places:
        if p.start == start and p.end == end and p.lat is not None:
            return p
    text = doc.text[start:end]
    named = sc.cache["names"].get((start, end))  # the name of "Washington state", "Kabupaten Bogor"
    if named is not None and named.lat is not None:
        return Place(start, end, text, named.name, named.country, named.lat, named.lon, named.precision,
                     named.admin1, named.gazetteer_id, named.score)
    gaz, lex = sc.gaz, sc.lex
    best: tuple[float, int] | None = None
    for k in _key_variants(text, lex):
        c = lex.countries.get(k)
        if c is not None and c.form != CAPITAL and (k not in lex.caps_only or text.upper() == text):
            e = gaz.country_entry(c.iso2)
            if e is not None and (best is None or country_score(c.iso2, ctx, k) > best[0]):
                best = (country_score(c.iso2, ctx, k), e)
        ranked = rank(gaz, gaz.lookup(k), k, ctx, allow_country=True)
        if ranked and (best is None or ranked[0][0] > best[0]):
            best = (ranked[0][0], ranked[0][1].entry)
        placed = ctx.resolved.get(k)  # one name, one place in an article
        if placed is not None and (best is None or placed[0] >= best[0] - 1.0):
            best = placed
        if best is not None:
            return _place(sc, start, end, best[1], best[0])
    # a longer span (facility, "the X area"): the best place written inside it
    inner = [p for p in places if start <= p.start and p.end <= end and p.lat is not None]
    if inner:
        return max(inner, key=lambda p: p.score)
    for m in sc.matches:
        if start <= m.start and m.end <= end and m.hits:
            ranked = rank(gaz, m.hits, m.key, ctx)
            if ranked:
                e = ranked[0][1].entry
                if ranked[0][1].main and (near_context(gaz, e, ctx, k=m.key) or gaz.kind[e] in (ADM1, REGION) or gaz.pop[e] >= 100000):
                    return _place(sc, start, end, e, ranked[0][0] * 0.5)
    # a name no gazetteer knows (a street, a venue, a river): where the article is
    focus = _companion(places, start, end, doc.text)
    if focus is not None:
        return Place(start, end, text, text, focus.country, focus.lat, focus.lon, focus.precision, focus.admin1,
                     None, round(min(focus.score, 1.0) * 0.1, 3))
    return None


def _key_variants(text: str, lex) -> list[str]:
    k = name_key(text)
    out = [k]
    for table in (lex.abbreviations, lex.adjectives):
        if k in table:
            out.insert(0, table[k])
    words = k.split(" ")
    if words and words[0] == "the":
        out.append(" ".join(words[1:]))
    if len(words) > 1 and words[-1] == "s":
        out.append(" ".join(words[:-1]))
    for table in (lex.prefix,):
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[:n]) in table:
                out.append(" ".join(words[n:]))
    for n in (2, 1):
        if len(words) > n and " ".join(words[-n:]) in lex.suffix:
            out.append(" ".join(words[:-n]))
    return [x for x in dict.fromkeys(out) if x]


# --------------------------------------------------------------------------- analysis

def _analysis(doc: Doc, sc: Scan) -> tuple[list[Place], Context]:
    cached = sc.cache.get("places")
    if cached is not None and cached[0] == len(doc.mentions):
        return cached[1], cached[2]
    ctx = _context(doc, sc)
    _qualifiers(sc, ctx)
    _seats(sc, ctx)
    facilities = _facilities(sc)
    cands = _candidates(doc, sc, facilities, ctx)
    _resolve_all(sc, cands, ctx)
    places = _emit(sc, cands, facilities, ctx)
    places.extend(_directional(sc, ctx, places))
    if sc.outlets:  # "MEDAN, Tribun Medan —": names in the publisher's name are not places
        places = [p for p in places if not sc.in_outlet(p.start, p.end)]
    places.sort(key=lambda p: p.start)
    sc.cache["places"] = (len(doc.mentions), places, ctx)
    toks = sc.toks
    sc.cache["names"] = {(toks.start[c.n0], toks.end[c.n1]): c.place for c in cands if c.place is not None}
    return places, ctx


def _context(doc: Doc, sc: Scan) -> Context:
    ctx = Context(home=sc.lex.home)
    mentions = [m for m in doc.mentions if m.kind == "country"]
    if not mentions:
        from sumber.analyze.countries import mentions as country_mentions

        mentions = country_mentions(sc)
    for m in mentions:
        if m.ref:
            ctx.countries[m.ref] = ctx.countries.get(m.ref, 0) + 1
            ctx.country_spans.add((m.start, m.end))
            ctx.country_forms.setdefault(m.ref, set()).add(name_key(m.text))
            ctx.country_mentions.append((m.start, m.end, m.ref))
    return ctx


def _seats(sc: Scan, ctx: Context) -> None:
    """Countries whose seat-of-government words the article uses (White House,
    Kremlin), looked for only when a capital shares a name written in the article."""
    lex, gaz, toks, text = sc.lex, sc.gaz, sc.toks, sc.text
    if not lex.seats:
        return
    wanted = {gaz.country(h.entry) for m in sc.matches if len(m.hits) > 1 for h in m.hits[:_SEAT_HITS]
              if gaz.capital(h.entry)} & set(lex.seats.values())
    if not wanted:
        return
    first, keys = lex.seat_keys.first, lex.seat_keys
    found = set()
    low = toks.low
    for i, w in enumerate(low):
        if w not in first:
            continue
        for n in (1, 2, 3, 4, 5):
            k = " ".join(low[i:i + n])
            if k in keys and (toks.cap[i] or k in lex.seat_lower):
                found.add(lex.seats[k])
    ctx.seats = frozenset(found & wanted)


_SEAT_HITS = 3


def _qualifiers(sc: Scan, ctx: Context) -> None:
    """"Paris, Texas", "FAIRFIELD, Conn.", "Bogor, Jawa Barat", "Sydney, Australia": a
    province, state (or its press abbreviation) or country written after a name and a
    comma binds every mention of that name in the article to it."""
    toks, text, gaz, lex = sc.toks, sc.text, sc.gaz, sc.lex
    by_start = {m.t0: m for m in sc.matches}
    n = len(toks)
    for m in sc.matches:
        j = m.t1 + 1
        if not m.hits or j >= n or not text.startswith(",", toks.end[m.t1]) or not toks.cap[j] \
                or text[toks.end[m.t1]:toks.start[j]] not in (",", ", "):
            continue
        q = by_start.get(j)
        admin1: list[int] = []
        countries: list[str] = []
        if q is not None:
            if q.country is not None and q.country.form not in (DEMONYM, CAPITAL):
                countries.append(q.country.iso2)
            admin1 = [h.entry for h in q.hits if h.main and gaz.kind[h.entry] == ADM1]
        else:
            admin1 = _abbreviated_state(sc, j)
        if not admin1 and not countries:
            continue
        # only a qualifier that some reading of the name lies in
        ok = {gaz.admin1[h.entry] for h in m.hits if gaz.admin1[h.entry] in admin1 or gaz.country(h.entry) in countries}
        if ok and m.key not in ctx.qualifiers:
            ctx.qualifiers[m.key] = (frozenset(admin1), frozenset(countries))
            if len(ok) == 1 and admin1:  # local news: the state of "Fairfield, Conn." is the story's
                ctx.admin1.update(ok)


def _abbreviated_state(sc: Scan, j: int) -> list[int]:
    """Admin1 entries of a press abbreviation starting at token ``j`` ("Conn.", "N.C.", "W.Va.")."""
    toks, text, gaz, lex = sc.toks, sc.text, sc.gaz, sc.lex
    if not lex.abbreviations:
        return []
    for n in (3, 2, 1):
        if j + n > len(toks):
            continue
        if any(text[toks.end[i]:toks.start[i + 1]] != "." for i in range(j, j + n - 1)):
            continue
        target = lex.abbreviations.get(" ".join(toks.low[j:j + n]))
        word = text[toks.start[j]:toks.end[j + n - 1]]
        if target is not None and (text.startswith(".", toks.end[j + n - 1]) or word.isupper()):
            return [h.entry for h in gaz.lookup(target) if h.main and gaz.kind[h.entry] == ADM1]
    return []


def _name_tok(text: str, toks, i: int) -> bool:
    return toks.cap[i] or toks.low[i].isdigit() or _roman(text, toks, i)


def _facilities(sc: Scan) -> list[tuple[int, int, int]]:
    """Token ranges of facility names (prefix- or suffix-headed), as (first, last,
    first token of the proper name: "Bilorai" in "Bandar Udara Bilorai").

    A prefix-headed name ("Bandara Ilaga", "Rumah Sakit Umum Daerah Merauke") runs
    over capitalized words, numbers and the pack's connectors, and stops after a
    gazetteer name or three words, so a following person's name stays out.
    """
    toks, lex, text = sc.toks, sc.lex, sc.text
    out: list[tuple[int, int]] = []
    n = len(toks)
    cap, low = toks.cap, toks.low
    ends = {m.t0: m.t1 for m in sc.matches if m.hits or m.country is not None}
    if lex.facility_prefix:
        starts = lex.facility_prefix.first
        i = 0
        while i < n:
            if not cap[i] or low[i] not in starts:
                i += 1
                continue
            h = phrase_after(toks, i - 1, lex.facility_prefix, text, max_words=5, need_join=False)
            # "Kantor Berita X" is an agency; a building another stage calls an organisation
            # is still a place when something happens in it ("di Kantor Polsek ...")
            if not h or _org_before(sc, i) or phrase_after(toks, i - 1, lex.org_before, text, max_words=4, need_join=False) > h \
                    or (sc.blocked_by(toks.start[i], toks.end[i + h - 1]) in ("organization", "media", "agency")
                        and not _locative_before(sc, i)):
                i += 1
                continue
            j = i + h - 1
            end, words = j, 0
            while end + 1 < n and words < 3 and _facility_gap(text, toks, end):
                nxt = end + 1
                if _name_tok(text, toks, nxt):
                    if nxt in ends:  # a known name closes the facility name
                        end = ends[nxt]
                        break
                    end, words = nxt, words + 1
                elif low[nxt] in lex.name_connectors and nxt + 1 < n and cap[nxt + 1] and _facility_gap(text, toks, nxt):
                    end = nxt
                else:
                    break
            while end > j and not _name_tok(text, toks, end):
                end -= 1
            if end > j:
                out.append((i, end, j + 1))
                i = end + 1
            else:
                i += 1
    if lex.facility_suffix:
        ends_with = lex.facility_suffix.last
        for j in [x for x, w in enumerate(low) if w in ends_with]:
            if not cap[j]:
                continue
            h = phrase_before(toks, j + 1, lex.facility_suffix, text, max_words=3)
            if not h:
                continue
            head = j - h + 1
            if not all(cap[x] for x in range(head, j + 1)):
                continue
            start = head
            while start - 1 >= 0 and head - start < _MAX_NAME_TOKENS and cap[start - 1] and text[toks.end[start - 1]:toks.start[start]] in _SPACE + ("-", "'", "’"):
                start -= 1
            while start < head and (low[start] in ("the", "a", "an") or (start in sc.initial and sc.written_lower(low[start]))):
                start += 1
            if start < head:
                out.append((start, j, start))
    if lex.facility_after:
        for m in sc.matches:
            if m.hits and m.country is None:
                h = phrase_after(toks, m.t1, lex.facility_after, text, max_words=2)
                if h and not cap[m.t1 + 1]:
                    out.append((m.t0, m.t1 + h, m.t0))
    out.sort()
    merged: list[tuple[int, int, int]] = []
    for a, b, n in out:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]), merged[-1][2])
        else:
            merged.append((a, b, n))
    return merged


def _facility_gap(text: str, toks, i: int) -> bool:
    gap = text[toks.end[i]:toks.start[i + 1]]
    return gap in (" ", "-", "\u00a0") or (gap in (".", ". ") and toks.end[i] - toks.start[i] <= 2)


def _roman(text: str, toks, i: int) -> bool:
    w = text[toks.start[i]:toks.end[i]]
    return bool(w) and all(c in "IVX" for c in w) and len(w) <= 4


def _candidates(doc: Doc, sc: Scan, facilities: list[tuple[int, int, int]], ctx: Context) -> list[Cand]:
    toks, lex, text, gaz = sc.toks, sc.lex, sc.text, sc.gaz
    prefixes, suffixes = lex.prefix_keys, lex.suffix_keys
    country_spans = ctx.country_spans
    cands: list[Cand] = []
    taken: set[int] = set()
    by_start = {m.t0: m for m in sc.matches}

    def in_facility(a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y, _ in facilities)

    def in_facility_type(a: int, b: int) -> bool:  # "Taman" of "Taman Pemakaman Umum X"
        return any(x <= a and b <= y and a < n for x, y, n in facilities)

    # names after a type word: "Kecamatan Benda", "Kabupaten Pasaman Barat"
    first = prefixes.first
    for i in [x for x, w in enumerate(toks.low) if w in first]:
        if not toks.cap[i] or i in taken:
            continue
        h = phrase_after(toks, i - 1, prefixes, text, max_words=3, need_join=False)
        if not h:
            continue
        n0 = i + h
        if n0 >= len(toks) or not toks.cap[n0] or text[toks.end[n0 - 1]:toks.start[n0]] not in _SPACE:
            continue
        if _org_before(sc, i) or sc.blocked_by(toks.start[i], toks.end[n0]):
            continue
        level = lex.prefix[" ".join(toks.low[i:n0])]
        whole = by_start.get(i)  # "kabupaten pasaman barat" is itself a gazetteer name
        m = by_start.get(n0)
        if whole is not None and whole.t1 >= n0 and whole.hits:
            n1, hits = whole.t1, whole.hits
        elif m is not None:
            if m.country is not None and m.country.form != CAPITAL:
                continue  # a country after the type word
            n1, hits = m.t1, m.hits
        else:
            n1 = n0
            if n1 + 1 < len(toks) and toks.cap[n1 + 1] and text[toks.end[n1]:toks.start[n1 + 1]] in _SPACE \
                    and toks.low[n1 + 1] not in lex.stop_names and not phrase_after(toks, n1, prefixes, text, max_words=3) \
                    and not (n1 + 2 < len(toks) and toks.cap[n1 + 2] and text[toks.end[n1 + 1]:toks.start[n1 + 2]] in _SPACE):
                n1 += 1
            hits = gaz.lookup(" ".join(toks.low[n0:n1 + 1]))
        c = Cand(i, n1, n0, n1, " ".join(toks.low[n0:n1 + 1]), tuple(h for h in hits if gaz.kind[h.entry] != COUNTRY),
                 level, strong=True)
        c.facility = in_facility(i, n1)
        cands.append(c)
        taken.update(range(i, n1 + 1))
    for m in sc.matches:
        if m.t0 in taken or m.t1 in taken:
            continue
        if m.country is not None:
            if m.country.form == DEMONYM:
                continue
            if m.country.form != CAPITAL:
                # a country name is a place only as a province ("Georgia" the state) or
                # one of our regions that a country uses as a nickname ("Central Africa")
                if (m.start, m.end) in country_spans or not any(h.main and (gaz.kind[h.entry] == ADM1 or (
                        gaz.kind[h.entry] == REGION and gaz.curated(h.entry))) for h in m.hits):
                    continue
            elif (m.start, m.end) in country_spans:
                continue
            else:
                from sumber.analyze.countries import capital_acts

                if capital_acts(sc, m):
                    continue
        hits = tuple(h for h in m.hits if gaz.kind[h.entry] != COUNTRY)
        if not hits:
            continue
        level = None
        words = m.key.split(" ")
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[:n]) in lex.prefix:
                level = lex.prefix[" ".join(words[:n])]
                break
        t1 = m.t1
        sfx = phrase_after(toks, m.t1, suffixes, text, max_words=2)
        if sfx and (toks.cap[m.t1 + 1] or " ".join(toks.low[m.t1 + 1:m.t1 + 1 + sfx]) in lex.suffix_lowercase):
            level = lex.suffix[" ".join(toks.low[m.t1 + 1:m.t1 + 1 + sfx])]
            t1 = m.t1 + sfx
        c = Cand(m.t0, t1, m.t0, m.t1, m.key, hits, level)
        c.facility = in_facility(m.t0, t1)
        c.type_word = c.facility and in_facility_type(m.t0, t1)
        c.dateline = sc.in_dateline(m.t0, m.t1)
        c.initial = m.t0 in sc.initial
        c.strong = c.dateline or level is not None or _locative_before(sc, m.t0)
        if not c.facility and not _plausible(sc, c, m):
            continue
        cands.append(c)
    cands.sort(key=lambda c: c.t0)
    return cands


def _locative_before(sc: Scan, t: int) -> bool:
    """A locative word right before token ``t``, or before a determiner there ("in the Middle East")."""
    toks, lex, text = sc.toks, sc.lex, sc.text
    if words_before(text, toks, t, lex.locative):
        return True
    return t > 0 and toks.low[t - 1] in lex.determiners and words_before(text, toks, t - 1, lex.locative) > 0


def _org_before(sc: Scan, t: int) -> bool:
    """A capitalized run ending before token ``t`` that opens with an organisation or
    title word ("Polda Banten", "Dinas Kesehatan Kota Tangerang") or holds an
    acronym ("DPD PKS Kota Bekasi")."""
    toks, lex, text = sc.toks, sc.lex, sc.text
    if phrase_before(toks, t, lex.org_before, text, need_join=True) or phrase_before(toks, t + 1, lex.org_before, text, need_join=True) > 1:
        return True
    k = t - 1
    steps = 0
    while k >= 0 and steps < 6 and (toks.cap[k] or toks.low[k].isdigit()) and text[toks.end[k]:toks.start[k + 1]] in _SPACE + ("-",):
        if phrase_after(toks, k - 1, lex.org_before, text, max_words=3, need_join=False):
            return True
        w = text[toks.start[k]:toks.end[k]]
        if len(w) >= 2 and w.isupper() and w.isalpha() and toks.low[k] not in lex.prefix and not sc.gaz.probe(toks.low[k]):
            return True
        if k in sc.initial:
            break
        k -= 1
        steps += 1
    return False


def _plausible(sc: Scan, c: Cand, m: Match) -> bool:
    toks, lex, text = sc.toks, sc.lex, sc.text
    start, end = toks.start[c.t0], toks.end[c.t1]
    if sc.outlets and sc.in_outlet(start, end):
        return False  # "MEDAN, Tribun Medan —": the publisher's name
    if sc.blocked_by(start, end):
        exact = any(s == start and e == end for s, e, _ in sc.blocked)
        admin = c.level is not None or any(sc.gaz.kind[h.entry] in (ADM1, ADM2, REGION) and h.main and len(c.key.split(" ")) > 1 for h in c.hits)
        if not (exact and admin):  # "Rift Valley Province" is a place whatever else it was called
            return False
    if _org_before(sc, c.t0):
        return False
    if phrase_after(toks, c.t1, lex.org_after, text, max_words=2) and toks.cap[c.t1 + 1] \
            and text[toks.end[c.t1]:toks.start[c.t1 + 1]] in _SPACE:
        return False
    if c.dateline:
        return True
    if c.level is None and (m.key in lex.stop_names):
        return False
    if words_before(text, toks, c.t0, lex.person_before, max_words=2):
        return False
    if m.key in lex.weak_names and not c.strong:
        return False
    single = c.n0 == c.n1
    if single and len(m.key) <= 3 and not c.strong:
        word = text[toks.start[c.n0]:toks.end[c.n0]]
        if not (word.isupper() and any(sc.gaz.kind[h.entry] == ADM1 and h.main for h in c.hits)):
            return False  # "Bo", "Tak"; but "NTB", a province written short
    if single and not c.strong and sc.written_lower(m.key):
        return False
    # part of a longer capitalized name ("Kim Hong-kyun", "Bo Ryan") unless a type word joins
    a, b = c.t0 - 1, c.t1 + 1
    if a >= 0 and toks.cap[a] and text[toks.end[a]:toks.start[c.t0]] in _SPACE + ("-",) and not _neutral(sc, a):
        return False
    if b < len(toks) and toks.cap[b] and text[toks.end[c.t1]:toks.start[b]] in _SPACE + ("-",) and not _neutral(sc, b, after=True):
        return False
    return True


def _neutral(sc: Scan, t: int, after: bool = False) -> bool:
    """A capitalized neighbour that does not make a longer name: a locative or type
    word, a common word (stop name), or a sentence-initial word also written in lower case."""
    lex, low = sc.lex, sc.toks.low[t]
    if low in lex.locative or low in lex.prefix or low in lex.suffix or low in lex.stop_names:
        return True
    return not after and t in sc.initial and sc.written_lower(low)


def _resolve_all(sc: Scan, cands: list[Cand], ctx: Context) -> None:
    """Rank every candidate: first on priors, named countries and qualifiers alone;
    then with the article's focus (the soft votes of all its names); then again
    with the confident readings as anchors."""
    gaz = sc.gaz
    for c in cands:
        if c.dateline and c.hits:
            r = rank(gaz, c.hits, c.key, ctx, c.level)
            if r:
                ctx.dateline_country = gaz.country(r[0][1].entry)
    # a name with one reading has nothing to choose: it is scored once, at the end
    multi = [len(c.hits) > 1 for c in cands]
    ranked = [rank(gaz, c.hits, c.key, ctx, c.level) if many else [(0.0, c.hits[0])] if c.hits else []
              for c, many in zip(cands, multi)]
    fixed = _other_names(sc, cands)  # votes that do not change: other names, names with one reading
    for c, many in zip(cands, multi):
        if not many and c.hits and not c.type_word:
            _vote(fixed, c, [(0.0, c.hits[0])], gaz)
    base = Focus()
    base.build(fixed)
    anchor_set = set(ctx.anchors)
    _build_focus(sc, cands, ranked, multi, ctx, base)
    for _pass in (0, 1):
        if _pass == 1:
            _build_focus(sc, cands, ranked, multi, ctx, base)  # again, from the readings the focus chose
            _lists(sc, cands, ctx)
        seen_rank: dict[tuple, list] = {}  # a repeated name is ranked once per pass (long texts stay linear)
        for i, (c, many) in enumerate(zip(cands, multi)):
            if _pass == 0 and not many:
                r = [(0.0, c.hits[0])] if c.hits else []
            else:
                rk = (c.key, c.level, len(c.hits), c.hits[0] if c.hits else None)
                r = seen_rank.get(rk)
                if r is None:
                    r = seen_rank[rk] = rank(gaz, c.hits, c.key, ctx, c.level)
                ranked[i] = r
            c.best = r[0] if r else None
            c.margin = (r[0][0] - r[1][0]) if len(r) > 1 else 9.0
        if _pass == 0:
            for c in cands:
                if c.best is None:
                    continue
                e = c.best[1].entry
                if c.dateline or (c.margin >= 1.5 and c.level != "local" and not c.type_word and _accept(sc, c, ctx)):
                    anchor = (gaz.lat[e], gaz.lon[e], c.key)
                    if anchor not in anchor_set:  # one anchor per name and reading
                        anchor_set.add(anchor)
                        ctx.anchors.append(anchor)
                    iso = gaz.country(e)
                    if iso is not None and c.key not in ctx.anchor_keys:
                        ctx.place_countries[iso] = ctx.place_countries.get(iso, 0) + 1
                    ctx.anchor_keys.add(c.key)
                    if gaz.kind[e] == ADM1:
                        ctx.admin1.add(e)
    for c in cands:
        c.accepted = c.best is not None and _accept(sc, c, ctx)
        if c.accepted and not c.type_word and (c.key not in ctx.resolved or c.best[0] > ctx.resolved[c.key][0]):
            ctx.resolved[c.key] = (c.best[0], c.best[1].entry)


def _other_names(sc: Scan, cands: list[Cand]) -> dict[str, tuple[float, list]]:
    """Weak votes of names that are not places themselves but say where the story is:
    inside organisation names ("Ontario Municipal Board", "Berea Police Department").
    Their readings share the vote by prior alone."""
    gaz = sc.gaz
    taken = {c.key for c in cands}
    out: dict[str, tuple[float, list]] = {}
    for m in sc.matches:
        if not m.hits or m.country is not None or m.key in taken or m.key in out or m.key in sc.lex.stop_names \
                or sc.blocked_by(m.start, m.end) == "person":
            continue
        out[m.key] = (_WEAK_VOTE, votes(gaz, prior_ranked(gaz, m.hits)))
    return out


_WEAK_VOTE = 0.5


def _vote(names: dict[str, tuple[float, list]], c: Cand, r: list, gaz) -> None:
    w = 1.0 if (c.strong or c.dateline or not c.initial) else 0.6
    got = names.get(c.key)
    if got is None or w > got[0]:
        names[c.key] = (w, votes(gaz, r))


def _build_focus(sc: Scan, cands: list[Cand], ranked: list[list], multi: list[bool], ctx: Context,
                 base: Focus) -> None:
    """Each distinct name votes once (its strongest mention) for the countries,
    states and counties of its likely readings; ``base`` holds the votes that do
    not change (names with one reading, names that only vote)."""
    names: dict[str, tuple[float, list]] = {}
    for c, r, many in zip(cands, ranked, multi):
        if many and r and not c.type_word and c.key not in base.own:
            _vote(names, c, r, sc.gaz)
    ctx.focus = base.copy()
    ctx.focus.build(names)


def _lists(sc: Scan, cands: list[Cand], ctx: Context) -> None:
    """Names in a list with accepted places ("Suba, Migori, Homa Bay dan Siaya") are
    places too: the list is the evidence a locative word would give."""
    text, toks = sc.text, sc.toks
    ok = [c.best is not None and _accept(sc, c, ctx) for c in cands]
    for i, c in enumerate(cands):
        if c.strong:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(cands) and ok[j]:
                a, b = (cands[j], c) if j < i else (c, cands[j])
                gap = text[toks.end[a.t1]:toks.start[b.t0]].strip(" ")
                if gap in sc.lex.list_joiners:
                    c.strong = True
                    break


def _accept(sc: Scan, c: Cand, ctx: Context) -> bool:
    """Is the best reading of this candidate a place of the article?"""
    if c.best is None:
        return False
    gaz = sc.gaz
    h = c.best[1]
    e = h.entry
    kind = gaz.kind[e]
    near = near_context(gaz, e, ctx, k=c.key)
    single = c.n0 == c.n1
    weak_surface = single and c.initial  # a capital letter that says nothing
    if c.dateline:
        return True
    if kind in (ADM1, REGION):
        generic = kind == ADM1 and all(w in sc.lex.stop_names for w in c.key.split(" "))  # "North Eastern"
        if near or (c.strong and not (generic and c.level is None)):
            return True
        return h.main and not weak_surface and len(c.key) >= 4 and not generic
    if kind == ADM2:
        if c.level is not None:
            return True
        stripped = name_key(gaz.name(e)) != c.key
        return near and h.main and (not stripped or gaz.country(e) in ctx.home or c.strong)
    pop = gaz.pop[e]
    if c.level is not None:
        return near
    if not h.main:  # an old or other name: a big town, or a town in the story's country named as a place
        return (pop >= 100000 and (c.strong or near) and not weak_surface) or (c.strong and near and pop >= 5000)
    if c.strong:  # population 0: GeoNames does not know it (villages, districts)
        return pop >= 20000 or (near and (pop >= 500 or pop == 0 or not single))
    if weak_surface:
        return pop >= 1000000 or (near and pop >= 100000)
    if pop >= 100000:
        return True
    return near and (pop >= 5000 or (not single and pop >= 1000))


def _near_anchor(sc: Scan, e: int, ctx: Context, k: str, km: float) -> bool:
    return nearest_km(sc.gaz.lat[e], sc.gaz.lon[e], ctx.anchors, k, km) is not None


def _emit(sc: Scan, cands: list[Cand], facilities: list[tuple[int, int, int]], ctx: Context) -> list[Place]:
    gaz, toks, text = sc.gaz, sc.toks, sc.text
    out: list[Place] = []
    pending: list[Cand] = []
    for c in cands:
        start, end = toks.start[c.t0], toks.end[c.t1]
        if c.accepted:
            e = c.best[1].entry
            if c.level == "local" and (gaz.kind[e] != CITY or (ctx.anchors and not _near_anchor(sc, e, ctx, c.key, 150))):
                pending.append(c)  # a village named like a town elsewhere: place it by its neighbours
                continue
            c.place = _place(sc, start, end, e, c.best[0])
            out.append(c.place)
        elif c.level is not None:
            pending.append(c)
    for c in pending:
        ref = _companion(out, toks.start[c.t0], toks.end[c.t1], text)
        if ref is not None:
            c.place = _borrow(sc, c.t0, c.t1, ref, "city")
            out.append(c.place)
    out = _propagate(sc, cands, out)
    out.extend(_unknown_before(sc, out))
    seen: dict[str, Place] = {}  # proper name of a facility -> where it was placed first
    inners = []
    for a, b, n in facilities:  # names inside facility names are not places of their own
        fs, fe = toks.start[a], toks.end[b]
        inners.append([p for p in out if fs <= p.start and p.end <= fe])
    drop = {id(p) for inner in inners for p in inner}
    out = [p for p in out if id(p) not in drop]
    for (a, b, n), inner in zip(facilities, inners):
        fs, fe = toks.start[a], toks.end[b]
        # a name inside a facility name is its town only when it is the proper name
        # ("RSUD Merauke", not "Bandar" of "Bandar Udara") and fits the story
        # (not a namesake: "Royal Alexandra Hospital")
        regions = {q.name for q in out if q.precision == "region"}
        inner = [p for p in inner if p.start >= toks.start[n] and (_fits(p, ctx) or p.admin1 in regions)]
        proper = " ".join(toks.low[n:b + 1])
        ref = max(inner, key=lambda p: p.score) if inner else seen.get(proper) or _companion(out, fs, fe, text)
        if ref is not None:
            place = _borrow(sc, a, b, ref, "point")
            seen.setdefault(proper, place)
            out.append(place)
    out.sort(key=lambda p: p.start)
    return out


def _unknown_before(sc: Scan, placed: list[Place]) -> list[Place]:
    """"in Greenlane, Auckland", "di Ulujami, Jakarta Selatan": a capitalized name no
    gazetteer knows, used as a location and followed by a comma and a placed town or
    province, lies there."""
    toks, text, lex = sc.toks, sc.text, sc.lex
    known: set[int] | None = None
    out = []
    taken = {(p.start, p.end) for p in placed}
    for p in placed:
        if p.gazetteer_id is None or p.precision not in ("city", "region") or not text.startswith(",", p.start - 2):
            continue
        j = sc.tok_at(p.start)
        if j < 2 or toks.start[j] != p.start or text[toks.end[j - 1]:toks.start[j]] not in (",", ", "):
            continue
        if known is None:
            known = {t for m in sc.matches for t in range(m.t0, m.t1 + 1)}
        a = j - 1
        while a - 1 >= 0 and j - a < 3 and toks.cap[a - 1] and text[toks.end[a - 1]:toks.start[a]] in _SPACE:
            a -= 1
        while a < j and not toks.cap[a]:
            a += 1
        if a >= j or any(t in known or toks.low[t] in lex.stop_names or not toks.cap[t] for t in range(a, j)):
            continue
        s, e = toks.start[a], toks.end[j - 1]
        if (s, e) in taken or not _locative_before(sc, a) or sc.blocked_by(s, e) or _org_before(sc, a):
            continue
        out.append(_borrow(sc, a, j - 1, p, "city"))
        taken.add((s, e))
    return out


_O, _I = 1 / 6, 5 / 6  # middle of the outer third of the country's extent
_COMPASS = {"N": (_I, 0.5), "S": (_O, 0.5), "E": (0.5, _I), "W": (0.5, _O), "C": (0.5, 0.5),
            "NE": (_I, _I), "NW": (_I, _O), "SE": (_O, _I), "SW": (_O, _O)}
_COMPASS_NAME = {"N": "northern", "S": "southern", "E": "eastern", "W": "western", "C": "central",
                 "NE": "north-eastern", "NW": "north-western", "SE": "south-eastern", "SW": "south-western"}


def _directional(sc: Scan, ctx: Context, places: list[Place]) -> list[Place]:
    """"in northern Angola", "di Ukraina timur": a compass part of a country used as
    a location is a place (the country stays a country mention), placed in the
    middle of that third of the country's extent."""
    lex, toks, text, gaz = sc.lex, sc.toks, sc.text, sc.gaz
    if not lex.directions:
        return []
    taken = [(p.start, p.end) for p in places]
    out = []
    for s, e, iso in ctx.country_mentions:
        ext = gaz.extents.get(iso)
        form = lex.countries.get(name_key(text[s:e]))
        if ext is None or (form is not None and form.form == DEMONYM):
            continue  # "central Philippine province": an adjective, not a part of the country
        t0, t1 = sc.tok_at(s), sc.tok_at(e) - 1
        found = None
        if lex.direction_after:
            k = t1 + 1
            if k < len(toks) and toks.low[k] in lex.direction_links and not toks.cap[k]:
                k += 1
            for n in (2, 1):
                if k + n <= len(toks) and not any(toks.cap[k:k + n]) and " ".join(toks.low[k:k + n]) in lex.directions \
                        and not text[toks.end[k - 1]:toks.start[k]].strip():
                    found = (s, toks.end[k + n - 1], lex.directions[" ".join(toks.low[k:k + n])])
                    break
        elif t0 > 0 and toks.low[t0 - 1] in lex.directions and not text[toks.end[t0 - 1]:s].strip() \
                and (not toks.cap[t0 - 1] or t0 - 1 in sc.initial):
            found = (toks.start[t0 - 1], e, lex.directions[toks.low[t0 - 1]])
        if found is None or any(a < found[1] and found[0] < b for a, b in taken):
            continue
        if not _locative_before(sc, sc.tok_at(found[0])):
            continue  # a part of a country is a place when used as a location ("in northern Angola")
        a, b, code = found
        fy, fx = _COMPASS.get(code, (0.5, 0.5))
        lat = ext[0] + (ext[1] - ext[0]) * fy
        lon = ext[2] + (ext[3] - ext[2]) * fx
        name = f"{_COMPASS_NAME.get(code, code)} {lex.canonical.get(iso, iso)}"
        out.append(Place(a, b, text[a:b], name, iso, round(lat, 4), round(lon, 4), "region", None,
                         f"rg:{iso.lower()}-{code.lower()}", 3.0))
        taken.append((a, b))
    return out


def _fits(p: Place, ctx: Context) -> bool:
    if p.country is not None and (p.country in ctx.countries or p.country in ctx.home or p.country == ctx.dateline_country):
        return True
    return p.lat is not None and nearest_km(p.lat, p.lon, ctx.anchors, name_key(p.text), 400.0) is not None


def _propagate(sc: Scan, cands: list[Cand], out: list[Place]) -> list[Place]:
    """A name placed once with a type word ("Distrik Ilaga") is that place when
    written alone later in the article ("di Ilaga")."""
    toks = sc.toks
    known: dict[str, Place] = {}
    for c in cands:
        if c.level is not None and c.place is not None:
            known.setdefault(c.key, c.place)
    if not known:
        return out
    covered = [(p.start, p.end) for p in out]
    first = {k.split(" ")[0] for k in known}
    for i in range(len(toks)):
        if not toks.cap[i] or toks.low[i] not in first:
            continue
        for k, ref in known.items():
            words = k.split(" ")
            j = i + len(words) - 1
            if j < len(toks) and toks.low[i:j + 1] == words:
                s, e = toks.start[i], toks.end[j]
                if phrase_before(toks, i, sc.lex.prefix_keys, sc.text) or _org_before(sc, i):
                    break  # "Kota X" was judged as a candidate; "Wali Kota X" is a title
                if not any(a < e and s < b for a, b in covered) and not sc.blocked_by(s, e):
                    out.append(Place(s, e, sc.text[s:e], ref.name, ref.country, ref.lat, ref.lon, ref.precision,
                                     ref.admin1, ref.gazetteer_id, round(ref.score * 0.8, 3)))
                    covered.append((s, e))
                break
    return out


def _companion(places: list[Place], start: int, end: int, text: str) -> Place | None:
    """Where a facility or an unknown village lies: the place written right after
    it (", Kabupaten Y"); else the nearest town before it in its sentence; else the
    dateline; else the nearest town before it in its paragraph; else the article's
    most frequent place (its focus)."""
    located = [p for p in places if p.lat is not None and p.gazetteer_id is not None]
    if not located:
        return None
    after = [p for p in located if p.start >= end and p.start - end <= 40 and "." not in text[end:p.start]]
    if after:
        return min(after, key=lambda p: p.start)
    sent = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    para = text.rfind("\n", 0, start)
    towns = [p for p in located if p.precision == "city" and p.end <= start]
    in_sentence = [p for p in towns if p.start > sent]
    if in_sentence:
        return max(in_sentence, key=lambda p: p.end)
    dateline = [p for p in located if p.start < 80 and p.text.isupper()]
    if dateline:
        return dateline[0]
    in_para = [p for p in towns if p.start > para]
    if in_para:
        return max(in_para, key=lambda p: p.end)
    counts: dict[str, int] = {}
    for p in located:
        counts[p.gazetteer_id] = counts.get(p.gazetteer_id, 0) + 1
    return max(located, key=lambda p: (counts[p.gazetteer_id], p.precision == "city", -p.start))


def _borrow(sc: Scan, t0: int, t1: int, ref: Place, precision: str) -> Place:
    start, end = sc.toks.start[t0], sc.toks.end[t1]
    txt = sc.text[start:end]
    return Place(start, end, txt, txt, ref.country, ref.lat, ref.lon, precision, ref.admin1, None, round(ref.score * 0.5, 3))


def _place(sc: Scan, start: int, end: int, e: int, s: float) -> Place:
    gaz = sc.gaz
    kind = gaz.kind[e]
    admin1 = gaz.name(e) if kind == ADM1 else gaz.admin1_name(e)
    return Place(start, end, sc.text[start:end], gaz.name(e), gaz.country(e), round(float(gaz.lat[e]), 5),
                 round(float(gaz.lon[e]), 5), PRECISION[kind], admin1, gaz.gazetteer_id(e), round(s, 3))

