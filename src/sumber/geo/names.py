"""Name keys shared by the gazetteer build and the text matcher.

A key is the name with accents removed, case folded and punctuation reduced to
single spaces, so "Pokrovs'k", "POKROVSK" and "Pokrovsk" meet on one entry and
"U.S." becomes "u s".  Build and lookup must use the very same function.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")
# Letters NFKD does not decompose but readers treat as plain Latin.
_EXTRA = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h"})


def fold_word(word: str) -> str:
    """Lower-case ``word`` and strip its accents (one token, no spaces)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(name: str) -> str:
    """The lookup key of a name: folded words joined by single spaces."""
    return " ".join(_WORD.findall(" ".join(fold_word(w) for w in _WORD.findall(name))))


def tokens(text: str) -> list[tuple[int, int]]:
    """Word spans of ``text`` (letters and digits; punctuation separates)."""
    return [m.span() for m in _WORD.finditer(text)]


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (accents allowed)."""
    for ch in name:
        if ch.isalpha() and not ch.isascii():
            try:
                if "LATIN" not in unicodedata.name(ch):
                    return False
            except ValueError:
                return False
    return True


class Phrases(frozenset):
    """A set of folded phrases that also knows their first and last words."""

    first: frozenset[str]
    last: frozenset[str]

    def __new__(cls, items=()):
        self = super().__new__(cls, items)
        self.first = frozenset(p.split(" ")[0] for p in self)
        self.last = frozenset(p.split(" ")[-1] for p in self)
        return self
