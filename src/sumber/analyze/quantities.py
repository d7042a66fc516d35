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
from sumber.analyze.numparse import NumberLexicon, find_token, lexicon as number_lexicon, parse_words, tokens_of, words_pattern
from sumber.lang import Pack
from sumber.model import Quantity, Span

_STRIP = "()[]{},.;:!?\"'“”‘’«»"
_LEAD = "([{\"'“”‘’«"
_DIGITS = frozenset("0123456789")
_SENT_END = (".", "!", "?", ":", "”", '"', "’")
_OPENERS = frozenset(".!?:;”\"’—–-•*")  # after these a capital letter starts a sentence or an item
_BOUNDARY = frozenset(".,;:!?)”\"(")
_DIGIT_LEAD = frozenset("0123456789([{\"'“”‘’«")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_LETTERS = re.compile(r"[^\W\d_]+")
_PHONE = re.compile(r"\W*\d+-\d+-\w")
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
    tail_rx: re.Pattern[str]
    mod_last: frozenset[str]
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
    pair_words: frozenset[str]
    and_words: frozenset[str]
    list_joiners: frozenset[str]
    between_and: frozenset[str]
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
        tail_rx=re.compile(
            rf"(?P<suf>{wp(suffixes)}(?![\w]))?(?P<sc>(?:\s*{wp(nums.scales)}(?![\w])){{0,2}})"
            rf"(?:\s*(?P<unit>{wp(units.get('attached', []))})(?![\w]))?"
        ),
        mod_last=frozenset(w.split()[-1].lower() for group in ("approximate", "lower", "upper") for w in mods.get(group, [])),
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
        pair_words=frozenset(w.lower() for w in coll.get("pair_words", [])),
        and_words=frozenset(w.lower() for w in coll.get("and_words", [])),
        list_joiners=frozenset(w.lower() for w in ident.get("list_joiners", [])),
        between_and=frozenset(w.lower() for w in ranges.get("between_and", [])),
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
        self.i = -1  # index of the token being read (-1: inside a token)
        self.ident_end = -1  # end of the last identifier number ("Pasal 365 dan 285")

    # ----- helpers
    def in_time(self, start: int, end: int) -> bool:
        k = bisect_right(self.time_starts, end - 1) - 1
        return k >= 0 and self.time_ends[k] > start

    def word_before(self, pos: int) -> str:
        """The lower-case word right before ``pos`` ("" after punctuation)."""
        chunk = self.text[max(0, pos - 30):pos].split()
        if not chunk or chunk[-1][-1] in _BOUNDARY:
            return ""
        return chunk[-1].lower()

    def modifiers(self, start: int) -> tuple[bool, str | None]:
        """(approximate, bound) from the words right before the current token."""
        i, toks, q = self.i, self.toks, self.q
        if i <= 0 or toks[i - 1].lower() not in q.mod_last:
            return False, None
        ws = self.prev_words(3)
        for n in (3, 2, 1):
            if len(ws) < n:
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
        text, toks = self.text, self.toks
        hits = [i for i, t in enumerate(toks) if t in trig or t[0] in _DIGIT_LEAD or (t[0] in cur0 and t.startswith(cur_starts))]
        cursor = 0
        for i in hits:
            t = toks[i]
            cls = trig.get(t, 0)
            lead = len(t) - len(t.lstrip(_LEAD))
            if not cls and not (t[lead:lead + 1] in _DIGITS or t.startswith(cur_starts, lead)):
                continue
            p = find_token(text, t, cursor)
            if p < 0:
                continue
            cursor = p + len(t)
            start = p + lead
            if start < self.covered or self.in_time(start, start + 1):
                continue
            self.i = i if not lead else -1
            if cls & (Q_COLL | Q_VAGUE | Q_ROMAN | Q_ONEUNIT) or (cls & Q_WORD and not t[lead:lead + 1].isdigit()):
                self.read_word(i, start, cls)
            else:
                self.read_digits(i, start)
        self.mark_ranges()
        self.out.sort(key=lambda x: x.start)
        return self.out

    def prev_words(self, n: int) -> list[str]:
        """Up to ``n`` lower-case words before the current token, nearest first, not across punctuation."""
        i, toks = self.i, self.toks
        out: list[str] = []
        if i < 0:
            return out
        for k in range(1, n + 1):
            if i - k < 0:
                break
            raw = toks[i - k]
            if raw[-1] in _BOUNDARY:
                break
            out.append(raw.lower())
        return out

    def read_digits(self, i: int, start: int, in_range: bool = False) -> Quantity | None:
        q, text = self.q, self.text
        m = q.num_rx.match(text, start)
        if m is None:
            return None
        num = m.group("num")
        ns, ne = m.span("num")
        cur = m.group("cur")
        # what may not touch the digits
        if not cur and not in_range and ns > 0:
            before = text[ns - 1]
            if before.isalnum() or before in "/_":
                return None
            if before in "-–" and ns > 1 and text[ns - 2].isalpha():
                return None  # Covid-19, ke-2
        after = text[ne:ne + 1]
        if after == "/" and text[ne + 1:ne + 2].isdigit():
            return None  # 24/7, 1/2
        if num[0] == "0" and num.isdigit() and len(num) >= 4 or num.isdigit() and len(num) >= 9:
            return None  # phone numbers, codes
        if not in_range and i >= 0 and not cur and _PHONE.match(self.toks[i]):
            return None  # 1-800-555, 021-555-0100: phone numbers
        value = q.nums.parse_digits(num)
        if value is None:
            return None
        approx, bound = False, None
        unit: Span | None = None
        measured = False
        if after.isalpha():
            letters = _LETTERS.match(text, ne)
            scale = q.nums.scales.get(letters.group(0).lower()) if letters else None
            if scale is not None and letters is not None:
                value, end = value * scale, letters.end()  # "$5.3bn"
                unit = Span(m.start("cur"), m.end("cur"), cur) if cur else self.unit_after(end)
            else:
                jm = q.joined_rx.match(text, ne)
                if jm is None:
                    return None  # 3D, 1st, H5N1-like codes
                end = jm.end()
                unit, measured = Span(ne, end, text[ne:end]), True
        else:
            tm = q.tail_rx.match(text, ne)
            assert tm is not None  # every part of the tail is optional
            end = tm.end()
            suf = tm.group("suf")
            if suf:
                approx = suf in q.approx_suffix
                bound = "lower" if suf in q.lower_suffix else None
            for w in tm.group("sc").split():
                value = value * q.nums.scales[w.lower()]
            if tm.group("unit"):
                unit, measured = Span(tm.start("unit"), tm.end("unit"), tm.group("unit")), True
            elif cur:
                unit = Span(m.start("cur"), m.end("cur"), cur)
            else:
                unit = self.unit_after(end)
        if isinstance(value, float) and value.is_integer() and value >= 1:
            value = int(value)
        start = m.start() if cur else ns
        if self.in_time(start, end):
            return None
        if not in_range and not cur:
            why = self.excluded_before(ns, measured)
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
        i, toks = self.i, self.toks
        if i <= 0:
            return None
        w1, w2 = toks[i - 1], toks[i - 2] if i > 1 else ""
        low = w1.lower().lstrip(_LEAD).rstrip(".")
        if low in self.q.identifiers and w1[-1] not in ",;:)”\"":
            return "identifier"
        joiner = self.text[self.ident_end:ns].strip(" ,").lower() if self.ident_end >= 0 and ns - self.ident_end < 10 else None
        if joiner is not None and (not joiner or joiner in self.q.list_joiners):
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
        if text[start].isupper() and self.i > 0 and self.toks[self.i - 1][-1] not in _OPENERS:
            return  # a number word inside a name: "Jalan Masjid Satu", "Formula One"
        if " " not in word and q.ordinal_heads:
            prev = self.prev_words(1)
            if prev and prev[0] in q.ordinal_heads:
                return  # "dosis dua" = dose two
        if value == 1 and " " not in word:
            prev = self.prev_words(1)
            nxt = _WORD_AFTER.match(text, end)
            if (prev and prev[0] in q.one_not_after) or (nxt and nxt.group(1).lower() in q.one_not_before and text[end:end + 1] != "-"):
                return
        if word in self.q.pair_words and self.both_and(end):
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
        return any(w.lower().strip(_STRIP) in self.q.and_words for w in words)

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
            prev = self.prev_words(1)
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
                if not (gap.strip().lower() in self.q.between_and and self.word_before(a.start) in self.q.between):
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
