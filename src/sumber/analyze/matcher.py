"""Whole-word phrase matching with one Aho-Corasick pass (pyahocorasick).

Built once per lexicon and shared read-only; matching an article is a single scan
regardless of the number of phrases, so large cue, title and organisation lists cost
no more per article than small ones.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Iterator

import ahocorasick


def lower_same_length(text: str) -> str:
    """``text.lower()`` with offsets preserved (a few characters change length when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class PhraseMatcher:
    """Find whole-word occurrences of phrases; leftmost-longest, non-overlapping.

    ``phrases`` maps a phrase to its payload.  With ``case_sensitive=False`` the
    phrases are lower-cased and matched against a lower-cased text (pass ``lowered``
    to share that work between matchers).
    """

    __slots__ = ("_auto", "case_sensitive", "empty", "maxlen")

    def __init__(self, phrases: dict[str, Any], case_sensitive: bool = False) -> None:
        self.case_sensitive = case_sensitive
        self._auto = ahocorasick.Automaton()
        self.maxlen = 0
        for phrase, payload in phrases.items():
            key = phrase if case_sensitive else phrase.lower()
            key = " ".join(key.split())
            if key:
                self._auto.add_word(key, (len(key), payload))
                self.maxlen = max(self.maxlen, len(key))
        self.empty = len(self._auto) == 0
        if not self.empty:
            self._auto.make_automaton()

    def find(self, text: str, lowered: str | None = None, start: int = 0, end: int | None = None) -> list[tuple[int, int, Any]]:
        """Matches as ``(start, end, payload)`` sorted by start, overlaps resolved leftmost-longest."""
        if self.empty:
            return []
        hay = text if self.case_sensitive else (lowered if lowered is not None else lower_same_length(text))
        n = len(hay)
        stop = n if end is None else min(end, n)
        # the automaton's iter() converts its whole argument on every call: give it only the
        # window, so many small look-ups in one long article stay linear
        window = hay if (start == 0 and stop == n) else hay[start:stop]
        found: list[tuple[int, int, Any]] = []
        for last, (length, payload) in self._auto.iter(window):
            s = start + last - length + 1
            e = start + last + 1
            if s > 0 and _is_word_char(hay[s - 1]) and _is_word_char(hay[s]):
                continue
            if e < n and _is_word_char(hay[e]) and _is_word_char(hay[e - 1]):
                continue
            found.append((s, e, payload))
        if not found:
            return found
        found.sort(key=lambda m: (m[0], -m[1]))
        out: list[tuple[int, int, Any]] = []
        reach = -1
        for m in found:
            if m[0] >= reach:
                out.append(m)
                reach = m[1]
        return out

    def match_at(self, hay: str, pos: int) -> tuple[int, Any] | None:
        """The longest phrase starting exactly at ``pos`` (whole word), as ``(end, payload)``.

        ``hay`` must already be lower-cased (``lower_same_length``) for a case-insensitive
        matcher: callers pass the article's lowered text once instead of lowering it per call.
        """
        if self.empty:
            return None
        best: tuple[int, Any] | None = None
        for m in self.find_prefixes(hay, pos):
            if best is None or m[0] > best[0]:
                best = m
        return best

    def find_prefixes(self, hay: str, pos: int) -> Iterator[tuple[int, Any]]:
        n = len(hay)
        if pos > 0 and _is_word_char(hay[pos - 1]) and pos < n and _is_word_char(hay[pos]):
            return
        # no phrase is longer than maxlen: scan just that window
        window_end = min(n, pos + self.maxlen)
        for last, (length, payload) in self._auto.iter(hay[pos:window_end]):
            if last - length + 1 != 0:
                continue
            e = pos + last + 1
            if e < n and _is_word_char(hay[e]) and _is_word_char(hay[e - 1]):
                continue
            yield e, payload


class DocHits:
    """All matches of one matcher in one article, found once; range queries by bisection.

    Many small windowed ``find`` calls on one article (per cue, per sentence) cost a slice and an
    automaton pass each; this answers them from a single pass."""

    __slots__ = ("hits", "starts")

    def __init__(self, matcher: PhraseMatcher, text: str, lowered: str | None) -> None:
        self.hits = matcher.find(text, lowered)
        self.starts = [h[0] for h in self.hits]

    def within(self, a: int, b: int) -> list[tuple[int, int, Any]]:
        """Matches lying entirely inside [a, b)."""
        i = bisect_left(self.starts, a)
        out = []
        while i < len(self.hits) and self.hits[i][0] < b:
            if self.hits[i][1] <= b:
                out.append(self.hits[i])
            i += 1
        return out
