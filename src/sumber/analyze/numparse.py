"""Numbers written with digits or words, read with a language pack's conventions.

Digit groups differ by language (Indonesian ``12.000`` is English ``12,000``), so
the digit pattern and its reading come from ``numbers.toml``.  Spelled numbers
("dua puluh lima", "one hundred and nine") are read by one small grammar driven
by the pack's word classes: plain words, multipliers (puluh, hundred), adders
(belas) and scales (ribu, million).  Everything is compiled once per pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sumber.errors import PackError
from sumber.lang import Pack

Number = int | float


def words_pattern(words: Iterable[str], ignore_case: bool = True) -> str:
    """A regex alternation of ``words`` (longest first, spaces match any whitespace).

    Returns a pattern that never matches when ``words`` is empty, so callers can
    compile the same grammar for every language.
    """
    items = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not items:
        return "(?!x)x"
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in items)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """The number words and digit conventions of one language."""

    code: str
    thousands_sep: str
    decimal_sep: str
    words: dict[str, Number]
    multipliers: dict[str, int]
    adders: dict[str, int]
    scales: dict[str, int]
    connectors: frozenset[str]
    article_one: frozenset[str]
    digits_re: re.Pattern[str]
    run_pattern: str  # regex source for a run of number words (no groups)

    def parse_digits(self, text: str) -> Number | None:
        """Read a digit numeral as written in this language; None when it is not one number."""
        return parse_digits(text, self.thousands_sep, self.decimal_sep)

    def parse_words(self, tokens: list[str]) -> tuple[Number | None, int]:
        """Read number words from the start of ``tokens``; (value, tokens used)."""
        return parse_words(tokens, self)

    def scale_of(self, word: str) -> int | None:
        w = word.lower()
        return self.scales.get(w) or self.multipliers.get(w)


def parse_digits(text: str, thousands_sep: str, decimal_sep: str) -> Number | None:
    """``12.000`` -> 12000 with ``.`` groups; ``36,42`` -> 36.42 with ``,`` decimals.

    A dot used as thousands separator but followed by other than three digits is
    read as a decimal point (Indonesian coordinates such as ``0.14``).  Returns None for
    strings that are not a single well-formed numeral.
    """
    s = text.strip()
    if not s or not s[0].isdigit() or not s[-1].isdigit():
        return None
    if s.count(decimal_sep) > 1:
        return None
    whole, _, frac = s.partition(decimal_sep)
    if thousands_sep in whole:
        groups = whole.split(thousands_sep)
        if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            whole = "".join(groups)
        elif len(groups) == 2 and not frac and thousands_sep == ".":
            whole, frac = groups  # 0.14: a decimal point in a language with dot groups
        else:
            return None
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return None
    if frac:
        return float(f"{whole}.{frac}")
    return int(whole)


def parse_words(tokens: list[str], lex: NumberLexicon) -> tuple[Number | None, int]:
    """Read a spelled number from the start of ``tokens`` (lower-case words).

    Returns (value, count of tokens used); (None, 0) when the first token does
    not start a number.  Stops at the first token that cannot continue it, so
    "five 10" reads as 5 and leaves "10".
    """
    total: Number = 0
    group: Number = 0  # hundreds part of the current thousand-group
    small: Number | None = None  # units/tens being built
    small_from_tens = False
    used = 0
    last = ""  # kind of the last token read: word, mult, add, scale, one
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if t in lex.connectors:
            # "one hundred and nine", "twenty-five": only between two parts of a number
            if last in ("mult", "word", "scale") and i + 1 < n and tokens[i + 1] in lex.words:
                i += 1
                continue
            break
        if t in lex.article_one:
            nxt = tokens[i + 1] if i + 1 < n else ""
            if last == "" and (nxt in lex.multipliers or nxt in lex.scales):
                small, last = 1, "one"
                i += 1
                used = i
                continue
            if last == "word" and small is not None and small < 1 and nxt in lex.scales:
                i += 1  # "half a million"
                continue
            break
        if t in lex.words:
            v = lex.words[t]
            if v in lex.multipliers.values() and v >= 100:
                # "seratus" = one hundred: a word standing for 1 x multiplier
                if small is not None or last in ("mult",):
                    break
                group += v
                small, last = None, "mult"
            elif v in lex.scales.values() and v >= 1000:
                if small is not None or group:
                    break
                total += v
                small, last = None, "scale"
            elif small is None:
                small = v
                small_from_tens = v >= 20 and v % 10 == 0 and v < 100
                last = "word"
            elif last in ("word", "mult") and small_from_tens and isinstance(v, int) and 0 < v < 10:
                small += v  # "fifty five"
                small_from_tens = False
            else:
                break
            i += 1
            used = i
            continue
        if t in lex.multipliers:
            m = lex.multipliers[t]
            if small is None:
                break
            if small >= m and m >= 100:
                break
            if m >= 100:
                group += small * m
                small, last = None, "mult"
            else:
                small = small * m  # "dua puluh" = 20, "two dozen" = 24
                small_from_tens = m == 10
                last = "mult"
            i += 1
            used = i
            continue
        if t in lex.adders:
            if small is None or not (0 < small < 10) or last != "word":
                break
            small += lex.adders[t]  # "dua belas" = 12
            last = "add"
            i += 1
            used = i
            continue
        if t in lex.scales:
            s = lex.scales[t]
            base = group + (small or 0)
            if not base:
                break
            total += base * s
            group, small, last = 0, None, "scale"
            i += 1
            used = i
            continue
        break
    if used == 0:
        return None, 0
    value = total + group + (small or 0)
    if isinstance(value, float) and value.is_integer() and value >= 1:
        value = int(value)
    return value, used


def _digits_regex(thousands: str, decimal: str) -> re.Pattern[str]:
    t, d = re.escape(thousands), re.escape(decimal)
    if thousands == ".":
        # 12.000 / 12.000,5 / 0.14 (dot decimal when not a 3-digit group) / 36,42 / 2022
        body = rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?(?!{t}?\d)|\d+{t}(?:\d{{1,2}}|\d{{4,}})(?!{t}?\d)|\d+(?:{d}\d+)?"
    else:
        body = rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?(?!\d)|\d+(?:{d}\d+)?"
    return re.compile(rf"(?<![\d.,])(?:{body})(?!\d)")


@lru_cache(maxsize=None)
def _build(code: str, pack: Pack) -> NumberLexicon:
    sec = pack["numbers"]
    for key in ("thousands_sep", "decimal_sep"):
        if not isinstance(sec.get(key), str):
            raise PackError(f"language pack '{code}': numbers.{key} must be a string")
    words = {k.lower(): v for k, v in (sec.get("words") or {}).items()}
    mult = {k.lower(): int(v) for k, v in (sec.get("multipliers") or {}).items()}
    adders = {k.lower(): int(v) for k, v in (sec.get("adders") or {}).items()}
    scales = {k.lower(): int(v) for k, v in (sec.get("scales") or {}).items()}
    spelling = sec.get("spelling") or {}
    connectors = frozenset(w.lower() for w in spelling.get("connectors", []))
    article_one = frozenset(w.lower() for w in spelling.get("article_one", []))
    number_words = set(words) | set(mult) | set(adders) | set(scales)
    word_alt = words_pattern(number_words)
    conn = [c for c in connectors if c != "-"]
    sep = r"(?:\s+|-)" + (f"(?:{words_pattern(conn)}\\s+)?" if conn else "")
    art = f"(?:{words_pattern(article_one)}\\s+(?={words_pattern(set(mult) | set(scales))}(?!\\w)))?" if article_one else ""
    run = rf"{art}(?<![\w-]){word_alt}(?![\w])(?:{sep}{word_alt}(?![\w]))*"
    return NumberLexicon(
        code=code,
        thousands_sep=sec["thousands_sep"],
        decimal_sep=sec["decimal_sep"],
        words=words,
        multipliers=mult,
        adders=adders,
        scales=scales,
        connectors=connectors,
        article_one=article_one,
        digits_re=_digits_regex(sec["thousands_sep"], sec["decimal_sep"]),
        run_pattern=run,
    )


def lexicon(pack: Pack) -> NumberLexicon:
    """The number lexicon of ``pack`` (built once per process)."""
    return _build(pack.code, pack)


_TOKEN = re.compile(r"[^\W\d_]+|-")


def tokens_of(text: str) -> list[str]:
    """Lower-case word tokens of a spelled number ("twenty-five" -> twenty, -, five)."""
    return [t.lower() for t in _TOKEN.findall(text)]


def parse_number(text: str, lex: NumberLexicon) -> Number | None:
    """Read a whole numeral: digits, digits with scale words ("7,5 juta"), or words."""
    s = text.strip()
    m = lex.digits_re.match(s)
    if m:
        value = lex.parse_digits(m.group(0))
        if value is None:
            return None
        rest = tokens_of(s[m.end():])
        for t in rest:
            k = lex.scale_of(t)
            if k is None:
                return None
            value = value * k
        if isinstance(value, float) and value.is_integer() and value >= 1:
            value = int(value)
        return value
    toks = tokens_of(s)
    value, used = lex.parse_words(toks)
    if value is None or used != len(toks):
        return None
    return value


def find_token(text: str, tok: str, start: int) -> int:
    """Offset of ``tok`` as a whole whitespace-delimited token at or after ``start`` (-1 if absent).

    Both stages scan ``text.split()`` (fast) and locate only the tokens they need.
    """
    n, k = len(text), len(tok)
    p = text.find(tok, start)
    while p >= 0 and ((p > 0 and not text[p - 1].isspace()) or (p + k < n and not text[p + k].isspace())):
        p = text.find(tok, p + 1)
    return p
