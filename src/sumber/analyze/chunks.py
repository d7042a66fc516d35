"""Word tokens and runs of capitalized words (name candidates), language-neutral.

A "name run" is a maximal sequence of capitalized tokens, allowing the pack's lower-case
connectors inside ("Ministry of Unification", "Utusan Korea Utara untuk PBB") and
initials or abbreviations followed by a period ("Mr. Corby", "Arief R. Wismansyah").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

# Words may hold inner hyphens, apostrophes, periods and slashes ("Hong-kyun", "O'Brien",
# "U.S", "Kompas.com", "Covid-19"); a leading @ marks a handle.
TOKEN = re.compile(r"@?\w+(?:[-.&/'’]\w+)*")


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    low: str


def _key(word: str) -> str:
    """Lower-case key for lexicon look-ups; acronyms ("WHO", "IT", "US") keep their case so
    they never match a common word."""
    if len(word) > 1 and word.isupper():
        return word
    return word.lower()


@lru_cache(maxsize=4)
def _all_tokens(text: str) -> tuple[list[Tok], list[int]]:
    """Tokens of a whole article, computed once and shared by every window on it."""
    new = tuple.__new__  # builds the named tuples without the Python-level __new__ (hot path)
    toks = []
    for m in TOKEN.finditer(text):
        w = m.group()
        toks.append(new(Tok, (m.start(), m.end(), w, w if (len(w) > 1 and w.isupper()) else w.lower())))
    return toks, [t.start for t in toks]


def _cut(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(m.start(), m.end(), m.group(0), _key(m.group(0))) for m in TOKEN.finditer(text, start, end)]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens between ``start`` and ``end``; a token crossing either edge is cut there.

    Long texts (articles) are tokenized once and windows are sliced from that; short
    strings are tokenized directly.
    """
    stop = len(text) if end is None else end
    if len(text) < 1000:
        return _cut(text, start, stop)
    toks, starts = _all_tokens(text)
    i = bisect_left(starts, start)
    j = bisect_left(starts, stop)
    out = toks[i:j]
    if i > 0 and toks[i - 1].end > start:
        out[:0] = _cut(text, start, min(toks[i - 1].end, stop))  # cut at the left edge
    if out and out[-1].end > stop:
        out[-1:] = _cut(text, out[-1].start, stop)
    return out


def is_cap(tok: str) -> bool:
    """Capitalized or an acronym: 'Seoul', 'PBB', 'McDonald's', '@rvvoenkor_bot' (handles count)."""
    c = tok[0]
    if c == "@":
        return True
    return c.isupper() or (len(tok) > 1 and c.isdigit() and any(ch.isupper() for ch in tok))


def gap_ok(text: str, prev: Tok, nxt: Tok, abbrev: frozenset[str]) -> bool:
    """May a name continue from ``prev`` to ``nxt`` across the characters between them?"""
    gap = text[prev.end:nxt.start]
    if gap == " " or (gap.isspace() and "\n" not in gap):
        return True
    if gap.startswith(".") and gap[1:].isspace() and "\n" not in gap and (len(prev.text) == 1 or prev.low in abbrev):
        return True  # "R. Wismansyah", "Mr. Corby", "Dr. Besser"
    return False


class Run(NamedTuple):
    start: int
    end: int
    toks: tuple[Tok, ...]


def name_runs(
    text: str,
    toks: list[Tok],
    connectors: frozenset[str],
    abbrev: frozenset[str],
    digits_ok: bool = True,
) -> list[Run]:
    """Maximal runs of capitalized tokens joined by spaces, connectors inside only."""
    runs: list[Run] = []
    i, n = 0, len(toks)
    while i < n:
        if not is_cap(toks[i].text):
            i += 1
            continue
        j = i
        while j + 1 < n:
            nxt = toks[j + 1]
            if not gap_ok(text, toks[j], nxt, abbrev):
                break
            if is_cap(nxt.text) or (digits_ok and nxt.text.isdigit() and j + 1 > i):
                j += 1
                continue
            # connector(s) followed by a capitalized token
            k = j + 1
            while k < n and toks[k].low in connectors and gap_ok(text, toks[k - 1], toks[k], abbrev):
                k += 1
            if k > j + 1 and k < n and is_cap(toks[k].text) and gap_ok(text, toks[k - 1], toks[k], abbrev):
                j = k
                continue
            break
        runs.append(Run(toks[i].start, toks[j].end, tuple(toks[i:j + 1])))
        i = j + 1
    return runs


class SpanIndex:
    """Answers "does [a, b) overlap any of these spans?" in O(log n)."""

    __slots__ = ("starts", "max_end")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        m = -1
        for _, e in spans:
            m = max(m, e)
            self.max_end.append(m)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, b)
        return i > 0 and self.max_end[i - 1] > a

    def add(self, a: int, b: int) -> None:
        """Add a span (keeps the index exact; O(n), for the few spans added while scanning)."""
        i = bisect_left(self.starts, a)
        self.starts.insert(i, a)
        prev = self.max_end[i - 1] if i > 0 else -1
        self.max_end.insert(i, max(prev, b))
        for k in range(i + 1, len(self.max_end)):
            if self.max_end[k] >= self.max_end[k - 1]:
                break
            self.max_end[k] = self.max_end[k - 1]
