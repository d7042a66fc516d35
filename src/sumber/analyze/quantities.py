"""Quantities: counts, amounts and measures written with digits or words.

Only tokens that can start a numeral are looked at (a digit, a currency sign, a
number word from the pack), so the stage costs little on text without numbers.
Each numeral is read with the pack's separators and words (``numparse``), then
checked against what makes a number *not* a quantity: it lies inside a time
expression, it is an identifier ("Pasal 12", "SMP Negeri 30"), part of a code
("H5N1", "Covid-19"), a phone number, an ordinal ("dosis kedua"), a name
("Urban 20"), or "one of" / "salah satu".  Modifiers before it ("sekitar",
"more than") and suffixes ("-an", "+") set ``approximate`` and ``bound``; two
numerals joined by a range word are two entries, lower and upper bound.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from sumber.analyze.doc import Doc
from sumber.analyze.numparse import NumberLexicon, lexicon as number_lexicon, parse_words, tokens_of, words_pattern
from sumber.lang import Pack
from sumber.model import Quantity, Span

_STRIP = "()[]{},.;:!?\"'“”‘’«»"
_LEAD = "([{\"'“”‘’«"
_DIGITS = frozenset("0123456789")
_SENT_END = (".", "!", "?", ":", "”", '"', "’")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_WORD_AFTER = re.compile(r"-?\s*([^\W\d_][\w’']*(?:-[^\W\d_]+)*)")

# trigger classes
Q_WORD, Q_VAGUE, Q_COLL, Q_CUR, Q_ROMAN, Q_ONEUNIT = 1, 2, 4, 8, 16, 32
_TRAIL = ("", ",", ".", ";", ":", ")", "),", ").", "”", "”,", "”.", ",”", ".”", "?", "!", '"', '",', '".', "-an")


@dataclass(slots=True)
class _QLex:
    """Quantity words of one language and the anchored patterns built from them."""

    nums: NumberLexicon
    triggers: dict[str, int]
    cur_starts: tuple[str, ...]
    cur0: frozenset[str]
    num_rx: re.Pattern[str]
    run_rx: re.Pattern[str]
    vague_rx: re.Pattern[str]
    coll_rx: re.Pattern[str]
    suffix_rx: re.Pattern[str]
    joined_rx: re.Pattern[str]
    scale_rx: re.Pattern[str]
    unit_rx: re.Pattern[str]
    range_rx: re.Pattern[str]
    approximate: frozenset[str]
    lower: frozenset[str]
    upper: frozenset[str]
    approx_suffix: frozenset[str]
    lower_suffix: frozenset[str]
    between: frozenset[str]
    identifiers: frozenset[str]
    one_not_after: frozenset[str]
    one_not_before: frozenset[str]
    not_units: frozenset[str]
    measure_before: frozenset[str]
    roman_before: frozenset[str]
    coll_words: dict[str, int]
    coll_suffix: str
    ordinal_heads: frozenset[str]
    fixed_after: frozenset[str]
    one_unit_words: frozenset[str]


def _variants(word: str) -> list[str]:
    forms = {word, word.lower(), word[:1].upper() + word[1:]}
    return [lead + f + trail for f in forms for lead in ("", "(", "”", "“", '"') for trail in _TRAIL]


@lru_cache(maxsize=None)
def _build(code: str, pack: Pack) -> _QLex:
    nums = number_lexicon(pack)
    sec = pack["numbers"]
    mods = sec.get("modifiers", {}) or {}
    units = sec.get("units", {}) or {}
    ranges = sec.get("ranges", {}) or {}
    ident = sec.get("identifiers", {}) or {}
    vague = sec.get("vague", {}) or {}
    coll = sec.get("collective", {}) or {}
    wp = words_pattern
    triggers: dict[str, int] = {}

    def add(word: str, cls: int) -> None:
        for v in _variants(word):
            triggers[v] = triggers.get(v, 0) | cls

    for w in list(nums.words) + list(nums.multipliers) + list(nums.article_one):
        if w not in nums.article_one or True:
            add(w, Q_WORD)
    vague_words = list(vague.get("words", []))
    for w in vague_words:
        add(w.split()[0], Q_VAGUE)
    for w in vague.get("several", []):
        add(w.split()[0], Q_VAGUE)
    coll_prefix = str(coll.get("prefix", ""))
    coll_suffix = str(coll.get("suffix", ""))
    coll_words = {k.lower(): int(v) for k, v in (coll.get("words", {}) or {}).items()}
    for w in coll_words:
        add(w, Q_COLL)
        if coll_suffix:
            add(w + coll_suffix, Q_COLL)
    cur_before = [c for c in units.get("currency_before", [])]
    for w in cur_before:
        for lead in ("", "("):
            triggers[lead + w] = triggers.get(lead + w, 0) | Q_CUR
    for w in units.get("roman_before", []):
        add(w, Q_ROMAN)
    one_unit = [w.lower() for w in units.get("one_unit_words", [])]
    for w in one_unit:
        add(w, Q_ONEUNIT)
    joined_before = tuple(units.get("joined_before", []))
    digits_body = nums.digits_re.pattern
    cur_alt = wp(cur_before, ignore_case=False)
    several = wp(vague.get("several", []))
    mult_scale = wp(set(nums.multipliers) | set(nums.scales))
    vague_alt = wp(vague_words)
    coll_alt = wp(coll_words)
    num_rx = re.compile(rf"(?:(?P<cur>{cur_alt})\s?)?(?P<num>{digits_body})")
    run_rx = re.compile(nums.run_pattern)
    vague_rx = re.compile(rf"(?<![\w-])(?:{vague_alt}|{several}\s+{mult_scale})(?![\w])")
    suffixes = list(mods.get("approximate_suffix", [])) + list(mods.get("lower_suffix", []))
    coll_re = rf"(?<![\w-]){coll_alt}(?:{re.escape(coll_suffix)})?(?![\w])" if coll_words else "(?!x)x"
    return _QLex(
        nums=nums,
        triggers=triggers,
        cur_starts=joined_before,
        cur0=frozenset(c[0] for c in joined_before),
        num_rx=num_rx,
        run_rx=run_rx,
        vague_rx=vague_rx,
        coll_rx=re.compile(coll_re),
        suffix_rx=re.compile(f"(?:{wp(suffixes)})(?![\\w])" if suffixes else "(?!x)x"),
        joined_rx=re.compile(rf"(?:{wp(units.get('joined', []))})(?![\w])"),
        scale_rx=re.compile(rf"\s*({wp(nums.scales)})(?![\w])"),
        unit_rx=re.compile(rf"\s*({wp(units.get('attached', []))})(?![\w])"),
        range_rx=re.compile(rf"\s*(?:{wp(ranges.get('connectors', []))})\s*"),
        approximate=frozenset(w.lower() for w in mods.get("approximate", [])),
        lower=frozenset(w.lower() for w in mods.get("lower", [])),
        upper=frozenset(w.lower() for w in mods.get("upper", [])),
        approx_suffix=frozenset(mods.get("approximate_suffix", [])),
        lower_suffix=frozenset(mods.get("lower_suffix", [])),
        between=frozenset(w.lower() for w in ranges.get("between", [])),
        identifiers=frozenset(w.lower().rstrip(".") for w in ident.get("before", [])),
        one_not_after=frozenset(w.lower() for w in ident.get("one_not_after", [])),
        one_not_before=frozenset(w.lower() for w in ident.get("one_not_before", [])),
        not_units=frozenset(w.lower() for w in units.get("not_units", [])),
        measure_before=frozenset(units.get("measure_before", [])) | frozenset(cur_before),
        roman_before=frozenset(units.get("roman_before", [])),
        coll_words=coll_words,
        coll_suffix=coll_suffix,
        ordinal_heads=frozenset(w.lower() for w in coll.get("ordinal_heads", [])),
        fixed_after=frozenset(w.lower() for w in coll.get("fixed_after", [])),
        one_unit_words=frozenset(one_unit),
    )


def _qlex(pack: Pack) -> _QLex:
    return _build(pack.code, pack)


def _norm(tok: str) -> str:
    return tok.strip(_STRIP).lower()


class _Reader:
    """Reads the quantities of one document."""

    def __init__(self, doc: Doc, q: _QLex) -> None:
        self.doc, self.q = doc, q
        self.text = doc.text
        self.toks = self.text.split()
        self.time_starts = [t.start for t in doc.times]
        self.time_ends = [t.end for t in doc.times]
        self.out: list[Quantity] = []
        self.taken: set[int] = set()
        self.covered = 0  # end of the last quantity read: tokens before it belong to it
        self.ident_end = -1  # end of the last identifier number ("Pasal 365 dan 285")

    # ----- helpers
    def in_time(self, start: int, end: int) -> bool:
        k = bisect_right(self.time_starts, end - 1) - 1
        return k >= 0 and self.time_ends[k] > start

    def words_before(self, pos: int, n: int = 3) -> list[str]:
        """Up to ``n`` lower-case words before ``pos``, nearest first (stops at punctuation)."""
        chunk = self.text[max(0, pos - 40):pos]
        out: list[str] = []
        for raw in reversed(chunk.split()):
            w = raw.lower()
            if not w or len(out) >= n:
                break
            if w[-1] in ",;:)”\"" and out == [] and False:
                break
            out.append(w.strip(_STRIP) if w[-1] not in ".,;:!?)”\"" else w)
            if raw[-1] in ".,;:!?)”\"(":
                out[-1] = "\x00"  # a boundary: nothing before it belongs to this number
                break
        return out

    def raw_word_before(self, pos: int) -> tuple[str, str]:
        """The whitespace token right before ``pos`` and the one before it."""
        j = pos
        text = self.text
        while j > 0 and text[j - 1] == " ":
            j -= 1
        if j == pos:
            return "", ""
        k = j
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        w1 = text[k:j]
        m = k
        while m > 0 and text[m - 1] == " ":
            m -= 1
        n = m
        while n > 0 and not text[n - 1].isspace():
            n -= 1
        return w1, text[n:m] if m < k else ""

    def modifiers(self, start: int) -> tuple[bool, str | None]:
        """(approximate, bound) from the words right before a numeral."""
        ws = self.words_before(start, 4)
        q = self.q
        for n in (3, 2, 1):
            if len(ws) < n or "\x00" in ws[:n]:
                continue
            phrase = " ".join(reversed(ws[:n]))
            if phrase in q.approximate:
                return True, None
            if phrase in q.lower:
                return False, "lower"
            if phrase in q.upper:
                return False, "upper"
        return False, None

    def unit_after(self, end: int) -> Span | None:
        m = _WORD_AFTER.match(self.text, end)
        if not m:
            return None
        w = m.group(1)
        if w.lower() in self.q.not_units or w.lower() in self.q.nums.scales:
            return None
        return Span(m.start(1), m.end(1), w)

    def add(self, start: int, end: int, value: float | int | None, approx: bool, bound: str | None, unit: Span | None) -> Quantity | None:
        if start in self.taken or self.in_time(start, end):
            return None
        self.taken.add(start)
        self.covered = max(self.covered, end)
        q = Quantity(start, end, self.text[start:end], value, approx, unit, bound)
        self.out.append(q)
        return q

    # ----- readers
    def run(self) -> list[Quantity]:
        q = self.q
        trig = q.triggers
        cur0, cur_starts = q.cur0, q.cur_starts
        text = self.text
        cursor = 0
        for i, t in enumerate(self.toks):
            c0 = t[0]
            cls = trig.get(t, 0)
            if not cls and not (c0 in _DIGITS or (c0 in cur0 and t.startswith(cur_starts))):
                if not (c0 in _LEAD and len(t) > 1 and (t[1] in _DIGITS or t[1:].startswith(cur_starts))):
                    continue
            p = text.find(t, cursor)
            while p > 0 and not text[p - 1].isspace():
                p = text.find(t, p + 1)
            if p < 0:
                continue
            cursor = p + len(t)
            lead = len(t) - len(t.lstrip(_LEAD))
            start = p + lead
            if start < self.covered:
                continue
            if cls & (Q_COLL | Q_VAGUE | Q_ROMAN | Q_ONEUNIT) or (cls & Q_WORD and not t[lead:lead + 1].isdigit()):
                self.read_word(i, start, cls)
            else:
                self.read_digits(i, start)
        self.mark_ranges()
        self.out.sort(key=lambda x: x.start)
        return self.out

    def read_digits(self, i: int, start: int, in_range: bool = False) -> Quantity | None:
        q, text = self.q, self.text
        m = q.num_rx.match(text, start)
        if m is None:
            return None
        ns, ne = m.span("num")
        value = q.nums.parse_digits(m.group("num"))
        if value is None:
            return None
        num = m.group("num")
        # what may not touch the digits
        before = text[ns - 1] if ns > 0 else " "
        if not m.group("cur") and not in_range:
            if before.isalnum() or before in "/_":
                return None
            if before in "-–" and ns > 1 and text[ns - 2].isalpha():
                return None  # Covid-19, ke-2
        after = text[ne] if ne < len(text) else " "
        end = ne
        approx, bound = False, None
        unit: Span | None = None
        if after == "/" and ne + 1 < len(text) and text[ne + 1].isdigit():
            return None
        jm = q.joined_rx.match(text, ne) if after.isalpha() else None
        if after.isalpha() and jm is None:
            return None  # 3D, 1st, H5N1-like codes
        if jm is not None:
            end = jm.end()
            unit = Span(ne, end, text[ne:end])
        sm = q.suffix_rx.match(text, end)
        if sm is not None:
            suf = sm.group(0)
            if suf in q.approx_suffix:
                approx = True
            elif suf in q.lower_suffix:
                bound = "lower"
            end = sm.end()
        digits_only = num.replace(q.nums.thousands_sep, "").replace(q.nums.decimal_sep, "")
        if num[0] == "0" and len(digits_only) >= 4 and num.isdigit():
            return None  # phone numbers, codes
        if num.isdigit() and len(num) >= 9:
            return None
        # scale words: "7,5 juta", "US$11.4 million"
        if unit is None:
            while True:
                sc = q.scale_rx.match(text, end)
                if sc is None:
                    break
                value = value * q.nums.scales[sc.group(1).lower()]
                end = sc.end()
        if isinstance(value, float) and value.is_integer() and value >= 1:
            value = int(value)
        cur = m.group("cur")
        start = m.start() if cur else ns
        if unit is None:
            um = q.unit_rx.match(text, end)
            if um is not None:
                unit = Span(um.start(1), um.end(1), um.group(1))
                end = um.end()
            elif cur:
                unit = Span(m.start("cur"), m.end("cur"), cur)
            else:
                unit = self.unit_after(end)
        if self.in_time(start, end):
            return None
        if not in_range and not cur:
            why = self.excluded_before(ns, um_present=unit is not None and q.unit_rx.match(text, unit.start) is not None)
            if why:
                if why == "identifier":
                    self.ident_end = end
                return None
        if not in_range:
            a, b = self.modifiers(start)
            approx, bound = approx or a, bound or b
        got = self.add(start, end, value, approx, bound, unit)
        self.follow_range(end)
        return got

    def excluded_before(self, ns: int, um_present: bool) -> str | None:
        """Identifiers and names before the digits: "Pasal 12", "No. 49", "Urban 20" (the reason, or None)."""
        w1, w2 = self.raw_word_before(ns)
        if not w1:
            return None
        low = w1.lower().rstrip(".")
        if low in self.q.identifiers:
            return "identifier"
        if self.ident_end >= 0 and ns - self.ident_end < 8 and self.text[self.ident_end:ns].strip(" ,").lower() in ("", "dan", "and", "atau", "or", "&"):
            return "identifier"  # "Pasal 365 dan 285": a list of identifiers
        if w1 in self.q.measure_before or w1[-1] in ",;:()”\"'’" or w1.endswith(("'s", "’s")):
            return None
        if w1[0].isupper() and w1.replace("-", "").isalpha() and not um_present:
            sentence_start = not w2 or w2[-1] in _SENT_END
            if not sentence_start and _norm(w1) not in self.q.approximate | self.q.lower | self.q.upper:
                return "name"
        return None

    def follow_range(self, end: int) -> None:
        """A second numeral joined by "-" inside the same token ("6-11 tahun", "Rp 90.000-Rp 100.000")."""
        text = self.text
        if end < len(text) and text[end] in "-–" and end + 1 < len(text):
            nxt = text[end + 1]
            if nxt.isdigit() or text.startswith(self.q.cur_starts, end + 1):
                self.read_digits(-1, end + 1, in_range=True)

    def read_word(self, i: int, start: int, cls: int) -> None:
        q, text = self.q, self.text
        if cls & Q_VAGUE:
            m = q.vague_rx.match(text, start)
            if m is not None:
                self.add(start, m.end(), None, True, None, self.unit_after_of(m.end()))
                return
        if cls & Q_COLL:
            m = q.coll_rx.match(text, start)
            if m is not None:
                self.read_collective(start, m)
                return
        if cls & Q_ONEUNIT:
            w = _norm(self.toks[i])
            end = start + len(w)
            a, b = self.modifiers(start)
            self.add(start, end, 1, a, b, Span(start, end, text[start:end]))
            return
        if cls & Q_ROMAN:
            self.read_roman(start)
            return
        if not cls & Q_WORD:
            return
        m = q.run_rx.match(text, start)
        if m is None:
            return
        toks = tokens_of(m.group(0))
        value, used = parse_words(toks, q.nums)
        if value is None:
            return
        # the span covers the tokens used
        end = start
        for tm in re.finditer(r"[^\W\d_]+|-", m.group(0)):
            used -= 1
            end = start + tm.end()
            if used == 0:
                break
        word = text[start:end].lower()
        if " " not in word and q.ordinal_heads:
            prev = self.words_before(start, 1)
            if prev and prev[0] in q.ordinal_heads:
                return  # "dosis dua" = dose two
        if value == 1 and " " not in word:
            prev = self.words_before(start, 1)
            nxt = _WORD_AFTER.match(text, end)
            if (prev and prev[0] in q.one_not_after) or (nxt and nxt.group(1).lower() in q.one_not_before and text[end:end + 1] != "-"):
                return
        if word in ("both",) and self.both_and(end):
            return
        sc = q.scale_rx.match(text, end)
        while sc is not None and word not in q.nums.scales:
            value = value * q.nums.scales[sc.group(1).lower()]
            end = sc.end()
            sc = q.scale_rx.match(text, end)
        um = q.unit_rx.match(text, end)
        if um is not None:
            unit: Span | None = Span(um.start(1), um.end(1), um.group(1))
            end = um.end()
        else:
            unit = self.unit_after(end)
        a, b = self.modifiers(start)
        self.add(start, end, value, a, b, unit)
        self.follow_range(end)

    def unit_after_of(self, end: int) -> Span | None:
        m = re.match(r"\s+(?:of\s+)?([^\W\d_][\w’']*)", self.text[end:end + 40])
        if not m:
            return None
        w = m.group(1)
        if w.lower() in self.q.not_units:
            return None
        return Span(end + m.start(1), end + m.end(1), w)

    def both_and(self, end: int) -> bool:
        """ "both X and Y" joins two things; it counts nothing."""
        words = self.text[end:end + 60].split()[:5]
        return any(w.lower().strip(_STRIP) in ("and", "dan") for w in words)

    def read_collective(self, start: int, m: re.Match[str]) -> None:
        """ "Kedua kapal" = 2, "keenam korban" = 6, "Keduanya" = 2; "dosis kedua" is an ordinal."""
        q, text = self.q, self.text
        word = m.group(0).lower()
        has_suffix = bool(q.coll_suffix) and word.endswith(q.coll_suffix) and word not in q.coll_words
        base = word[: -len(q.coll_suffix)] if has_suffix else word
        value = q.coll_words.get(base)
        if value is None:
            return
        end = m.end()
        if not has_suffix:
            prev = self.words_before(start, 1)
            if prev and prev[0] in q.ordinal_heads:
                return
            nxt = _WORD_AFTER.match(text, end)
            if nxt is None or text[end:end + 1] != " " or not nxt.group(1)[0].isalpha() or nxt.group(1).lower() in q.not_units:
                return
            if nxt.group(1).lower() in q.fixed_after:
                end = nxt.end(1)
                nxt = _WORD_AFTER.match(text, end)
            unit = Span(nxt.start(1), nxt.end(1), nxt.group(1)) if nxt else None
        else:
            unit = None
        self.add(start, end, value, False, None, unit)

    def read_roman(self, start: int) -> None:
        """ "V MMI": a Roman numeral before an intensity unit."""
        text = self.text
        j = start - 1
        while j > 0 and text[j] == " ":
            j -= 1
        k = j
        while k >= 0 and text[k] in _ROMAN:
            k -= 1
        roman = text[k + 1:j + 1]
        if not roman or (k >= 0 and text[k].isalnum()):
            return
        value = _roman_value(roman)
        if value:
            unit_end = start + len(text[start:].split()[0].strip(_STRIP))
            self.add(k + 1, unit_end, value, False, None, Span(start, unit_end, text[start:unit_end]))

    def mark_ranges(self) -> None:
        """Consecutive numerals joined by a range word: lower and upper bound, shared unit."""
        qs = sorted(self.out, key=lambda x: x.start)
        for a, b in zip(qs, qs[1:]):
            gap = self.text[a.end:b.start]
            if not gap or not self.q.range_rx.fullmatch(gap):
                if not (gap.strip().lower() in ("and", "dan") and self.words_before(a.start, 1)[:1] and self.words_before(a.start, 1)[0] in self.q.between):
                    continue
            a.bound, b.bound = "lower", "upper"
            b.approximate = b.approximate or a.approximate
            if a.unit is None or (a.unit.start >= b.start):
                a.unit = b.unit
            if a.unit is not None and a.unit.start == b.start:
                a.unit = b.unit


def _roman_value(s: str) -> int:
    total = 0
    for ch, nxt in zip(s, s[1:] + " "):
        v = _ROMAN[ch]
        total += -v if nxt in _ROMAN and _ROMAN[nxt] > v else v
    return total


def extract(doc: Doc) -> list[Quantity]:
    """Quantities of ``doc.text`` in text order; numbers inside ``doc.times`` are skipped."""
    return _Reader(doc, _qlex(doc.pack)).run()
