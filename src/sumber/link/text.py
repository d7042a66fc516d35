"""Language-independent text signals: word shingles, MinHash, numbers and name tokens.

Nothing here knows a language.  Shingles are hashed with CRC-32 (stable across
processes, unlike ``hash``), so signatures computed in worker processes or in an
earlier run compare equal.  Numbers are reduced to their digits ("3,000",
"3.000" and "3000" all give ``3000``) so an English and an Indonesian report of
the same figure meet without parsing either convention.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left, bisect_right
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash

NUM_PERM = 64
SHINGLE = 4

_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_CAPITAL = re.compile(r"[^\W\d_][\w'’\-]*")
_SENTENCE_END = ".!?:;\n\"“”«»"


def words(text: str) -> list[str]:
    """Lower-cased runs of letters and digits."""
    return _WORD.findall(text.lower())


def shingle_hashes(tokens: list[str], k: int = SHINGLE) -> np.ndarray:
    """Sorted unique CRC-32 hashes of the word ``k``-grams (the whole text when shorter)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    if len(tokens) < k:
        grams = [" ".join(tokens)]
    else:
        grams = [" ".join(tokens[i:i + k]) for i in range(len(tokens) - k + 1)]
    arr = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32, count=len(grams))
    return np.unique(arr)


def _identity(x: int) -> int:
    return x


@lru_cache(maxsize=None)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, hashfunc=_identity)


def minhash(hashes: np.ndarray) -> LeanMinHash:
    """A compact MinHash of already hashed 32-bit values (datasketch, fixed seed)."""
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=_identity, permutations=t.permutations, scheme=t.scheme)
    if len(hashes):
        m.update_batch(hashes.tolist())
    return LeanMinHash(m)


def token_hashes(tokens: set[str] | frozenset[str]) -> np.ndarray:
    return np.unique(np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint32, count=len(tokens)))


def jaccard_containment(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Exact Jaccard similarity and containment (shared / smaller set) of two sorted hash sets."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def number_token(raw: str) -> str | None:
    """Digits of a written number; None for one-digit numbers (too common to tell stories apart)."""
    digits = re.sub(r"\D", "", raw)
    digits = digits.lstrip("0") or "0"
    return digits if len(digits) >= 2 else None


def numbers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """``(offset, digits)`` of written numbers between start and end."""
    out = []
    for m in _NUMBER.finditer(text, start, len(text) if end is None else end):
        tok = number_token(m.group())
        if tok:
            out.append((m.start(), tok))
    return out


def capitalized(text: str, start: int = 0, end: int | None = None, skip: list[tuple[int, int]] | None = None
                ) -> list[tuple[int, str]]:
    """``(offset, lower-cased word)`` of capitalized words that do not open a sentence.

    In both our languages (and most Latin-script ones) such words are names, and
    names are written alike across languages: Kursk, Tykhyi, Pentagon.  ``skip``
    spans (e.g. country mentions, already keyed by ISO code) are left out.
    """
    out = []
    skip = sorted(skip or [])
    starts = [s for s, _ in skip]
    end = len(text) if end is None else end
    for m in _CAPITAL.finditer(text, start, end):
        w = m.group()
        if not w[0].isupper() or len(w) < 3:
            continue
        i = m.start() - 1
        while i >= 0 and text[i] in " \t(—–-'‘’":
            i -= 1
        if i < 0 or text[i] in _SENTENCE_END:
            continue
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < skip[k][1]:
            continue
        out.append((m.start(), w.lower().replace("’", "'")))
    return out


def between(items: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """Tokens of ``(offset, token)`` pairs (sorted by offset) with start <= offset < end."""
    lo = bisect_left(items, (start, ""))
    hi = bisect_left(items, (end, ""))
    return [t for _, t in items[lo:hi]]
