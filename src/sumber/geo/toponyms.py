"""Find name candidates in a text: country names and gazetteer names, longest first.

One left-to-right pass over word tokens.  A candidate starts at a capitalized
word, may contain up to two lower-case connector words ("Rio de Janeiro",
"Mukuru kwa Njenga") and ends on a capitalized word; it only grows while some
country or gazetteer name still starts with the words read so far, so the cost
stays close to one hash probe per capitalized word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sumber.geo.gazetteer import Hit, Index
from sumber.geo.lexicon import CountryName, GeoLexicon
from sumber.geo.names import Phrases, fold_word

_WORD = re.compile(r"[^\W_]+")
_JOIN = frozenset({" ", "-", "'", "’", ".", ". ", "\u00a0", "‑", ".-"})
_MAX_TOKENS = 7
_MAX_HITS = 40  # entries come main names first, then by prior: the tail is hamlets
_MAX_LOWER = 2


class Toks:
    """Word tokens as parallel lists (cheaper than one object per word)."""

    __slots__ = ("start", "end", "low", "cap")

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _WORD.finditer(text)]
        self.start = [a for a, _ in spans]
        self.end = [b for _, b in spans]
        lowered = text.lower()
        if len(lowered) == len(text):
            self.low = [lowered[a:b] for a, b in spans]
            if not text.isascii():  # re-fold only the words with accents or other scripts
                low = self.low
                for i, w in enumerate(low):
                    if not w.isascii():
                        low[i] = fold_word(w)
        else:
            self.low = [fold_word(text[a:b]) for a, b in spans]
        self.cap = [text[a].isupper() for a, _ in spans]

    def __len__(self) -> int:
        return len(self.low)


@dataclass(slots=True)
class Match:
    t0: int  # first token
    t1: int  # last token (inclusive)
    start: int
    end: int
    key: str
    country: CountryName | None
    hits: tuple[Hit, ...]


def tokenize(text: str) -> Toks:
    return Toks(text)


def joined(text: str, toks: Toks, a: int, b: int) -> bool:
    """True when tokens ``a`` and ``b`` (= a + 1) are written as parts of one name."""
    return text[toks.end[a]:toks.start[b]] in _JOIN


def find(text: str, toks: Toks, lex: GeoLexicon, gaz: Index, lowercase_ok: frozenset[int] = frozenset()) -> list[Match]:
    """Longest non-overlapping country/gazetteer names.  ``lowercase_ok``: token
    indexes allowed to start a name although not capitalized (datelines)."""
    out: list[Match] = []
    n = len(toks)
    countries = lex.countries
    cprefix = lex.country_prefixes
    i = 0
    cap, low = toks.cap, toks.low
    while i < n:
        if not cap[i] and i not in lowercase_ok:
            i += 1
            continue
        k = low[i]
        best: tuple[int, CountryName | None, tuple[Hit, ...]] | None = None
        j = i
        lowers = 0
        while True:
            alive = False
            c = countries.get(k)
            if c is not None and k in lex.caps_only and not _caps_ok(text, toks, i, j):
                c = None
            g = gaz.probe(k)
            if g is not None:
                alive = True
            if k in cprefix:
                alive = True
            if (cap[j] or j in lowercase_ok) and (c is not None or g):
                best = (j, c, g or ())
            elif j == i + 1 and (cap[j] or j in lowercase_ok) and text[toks.end[i]:toks.start[j]] == " ":
                # "Lubuk Linggau" written in two words for "Lubuklinggau"
                g2 = gaz.probe(low[i] + low[j])
                if g2:
                    best = (j, None, g2)
            if c is not None:
                alive = True
            if not alive or j + 1 >= n or j - i + 1 >= _MAX_TOKENS or not joined(text, toks, j, j + 1):
                break
            j += 1
            if cap[j] or j in lowercase_ok:
                lowers = 0
            else:
                lowers += 1
                if lowers > _MAX_LOWER:
                    break
            k = k + " " + low[j]
        if best is None:
            i += 1
            continue
        j, c, g = best
        out.append(Match(i, j, toks.start[i], toks.end[j], " ".join(low[i:j + 1]), c, g[:_MAX_HITS]))
        i = j + 1
    return out


def _caps_ok(text: str, toks: Toks, i: int, j: int) -> bool:
    letters = [ch for ch in text[toks.start[i]:toks.end[j]] if ch.isalpha()]
    return all(ch.isupper() for ch in letters)


def _edges(phrases: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    if isinstance(phrases, Phrases):
        return phrases.first, phrases.last
    got = _EDGES.get(id(phrases))
    if got is None or got[0] is not phrases:
        if len(_EDGES) > 256:  # callers pass the lexicon's long-lived sets; stay bounded anyway
            _EDGES.clear()
        got = (phrases, frozenset(p.split(" ")[0] for p in phrases), frozenset(p.split(" ")[-1] for p in phrases))
        _EDGES[id(phrases)] = got
    return got[1], got[2]


_EDGES: dict[int, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}


def phrase_before(toks: Toks, i: int, phrases: frozenset[str], text: str, max_words: int = 4,
                  need_join: bool = False) -> int:
    """Length in tokens of the longest phrase from ``phrases`` ending right before token ``i`` (0 if none)."""
    if i < 1 or toks.low[i - 1] not in _edges(phrases)[1]:
        return 0
    best = 0
    words: list[str] = []
    for k in range(i - 1, max(-1, i - 1 - max_words), -1):
        if (need_join or k < i - 1) and k + 1 < len(toks) and not joined(text, toks, k, k + 1):
            break
        words.insert(0, toks.low[k])
        if " ".join(words) in phrases:
            best = i - k
    return best


def words_before(text: str, toks: Toks, i: int, phrases: frozenset[str], max_words: int = 3) -> int:
    """Like ``phrase_before`` but only across white space (same clause, no punctuation)."""
    best = 0
    words: list[str] = []
    for k in range(i - 1, max(-1, i - 1 - max_words), -1):
        if text[toks.end[k]:toks.start[k + 1]].strip():
            break
        words.insert(0, toks.low[k])
        if " ".join(words) in phrases:
            best = i - k
    return best


def phrase_after(toks: Toks, j: int, phrases: frozenset[str], text: str, max_words: int = 4,
                 need_join: bool = True) -> int:
    """Length in tokens of the longest phrase from ``phrases`` starting right after token ``j``."""
    if j + 1 >= len(toks.low) or toks.low[j + 1] not in _edges(phrases)[0]:
        return 0
    best = 0
    words: list[str] = []
    for k in range(j + 1, min(len(toks), j + 1 + max_words)):
        if (k > j + 1 or (need_join and j >= 0)) and not joined(text, toks, k - 1, k):
            break
        words.append(toks.low[k])
        if " ".join(words) in phrases:
            best = k - j
    return best
