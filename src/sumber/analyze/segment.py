"""Paragraph, sentence and quotation segmentation in one linear pass each.

Sentence ends are found by regex and vetoed by the pack's abbreviation list;
quotes are paired by a small state machine that accepts curly, straight and
Indonesian-style (closing mark used as opener) quotation marks.  No backtracking
regex runs over unbounded text, so pathological input stays linear.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sumber.lang import Pack

_PARA = re.compile(r"\n[ \t\r]*\n+|\n(?=[ \t]*\S)")
_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"(\S+?)[.!?…]+[\"”’»)\]]*$")
_NEXT = re.compile(r"\s+([\"“”'‘«(\[]?)(\S)")

# Quote marks: openers, closers and marks that can do both.
_OPEN = "“«„‟"
_CLOSE = "”»"
_BOTH = "\"″"


class Segmenter:
    """Sentence and quote segmentation configured from a language pack."""

    def __init__(self, pack: Pack) -> None:
        seg = pack.get("segment", {}) or {}
        self.no_split = frozenset(a.lower().rstrip(".") for a in seg.get("abbreviations", []))
        self.starters = frozenset(w.lower() for w in seg.get("sentence_starters", []))
        self.max_quote = int(seg.get("max_quote_chars", 3000))

    def paragraphs(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        pos = 0
        for m in _PARA.finditer(text):
            if text[pos:m.start()].strip():
                out.append(_strip(text, pos, m.start()))
            pos = m.end()
        if text[pos:].strip():
            out.append(_strip(text, pos, len(text)))
        return out

    def sentences(self, text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for p_start, p_end in paragraphs if paragraphs is not None else self.paragraphs(text):
            start = p_start
            for m in _END.finditer(text, p_start, p_end):
                if self._is_boundary(text, start, m.start(), m.end(), p_end):
                    out.append((start, m.end()))
                    nxt = m.end()
                    while nxt < p_end and text[nxt].isspace():
                        nxt += 1
                    start = nxt
            if start < p_end:
                out.append(_strip(text, start, p_end))
        return out

    def _is_boundary(self, text: str, s_start: int, dot: int, end: int, p_end: int) -> bool:
        nm = _NEXT.match(text, end, p_end)
        if not nm:
            return False
        nxt = nm.group(2)
        if not (nxt.isupper() or nxt.isdigit() or (nm.group(1) and nxt.isalpha())):
            return False
        if text[dot] != ".":
            return True
        wm = _WORD_BEFORE.search(text, max(s_start, dot - 40), end)
        word = wm.group(1) if wm else ""
        bare = word.lstrip("\"“”'‘«([").lower()
        if bare in self.no_split:
            return False
        if len(bare) == 1 and bare.isalpha() and word[-1:].isupper():
            return False  # an initial: "Arief R. Wismansyah"
        if "." in bare and all(len(part) <= 2 for part in bare.split(".")):
            # dotted acronym (U.S., U.N.): a boundary only before a typical sentence start
            nxt_word = re.match(r"[\w'’-]+", text[nm.start(2):nm.start(2) + 30])
            return bool(nxt_word and nxt_word.group(0).lower() in self.starters)
        return True

    def quotes(self, text: str) -> list[tuple[int, int, int, int]]:
        """Pair quotation marks; return (open, inner_start, inner_end, close_end) tuples.

        Each mark's direction is read from its neighbours (space before and a letter after
        opens; a letter or punctuation before and space after closes), so one missing mark
        does not invert every later quote.  Ambiguous marks fall back to alternation.
        """
        out: list[tuple[int, int, int, int]] = []
        open_at = -1
        n = len(text)
        for m in _QUOTE_MARK.finditer(text):
            ch = m.group(0)
            i = m.start()
            if open_at >= 0 and i - open_at > self.max_quote:
                open_at = -1  # runaway quote: forget the opener
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < n else " "
            opens = (before.isspace() or before in "([{—–-/:") and not after.isspace()
            closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-\"”'’")
            if ch in _OPEN:
                kind = "open"
            elif ch in _CLOSE:
                kind = "close" if (open_at >= 0 or not opens) else "open"
            elif opens and not closes:
                kind = "open"
            elif closes and not opens:
                kind = "close"
            else:
                kind = "close" if open_at >= 0 else "open"
            if kind == "open":
                open_at = i  # an unclosed earlier opener is dropped
            elif open_at >= 0:
                if i > open_at + 1:
                    out.append((open_at, open_at + 1, i, i + 1))
                open_at = -1
        return out


_QUOTE_MARK = re.compile("[" + re.escape(_OPEN + _CLOSE + _BOTH) + "]")


def _looks_opening(text: str, i: int) -> bool:
    """A closing mark used as an opener (Indonesian style: ”Kami ...,” ujarnya)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([:—–-") and not after.isspace()


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=None)
def segmenter_for(pack: Pack) -> Segmenter:
    return Segmenter(pack)
