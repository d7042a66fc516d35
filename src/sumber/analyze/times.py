"""Time expressions: find dates, weekdays, relative expressions and clock times, then normalize them.

Three steps, all driven by the language pack (``dates.toml``):

1. *match*: compiled patterns (``timewords``) propose candidates; the leftmost
   longest wins where they overlap;
2. *merge*: a weekday joins its date ("Kamis (17/3/2022)"), two dates joined by
   a range word become an interval, a bare weekday joins its clock time;
3. *resolve*: explicit dates first, then dates lacking a year, then weekdays,
   relative and narrative expressions and clock times, each against the
   publication date, or failing that the date the article itself reports from
   (a weekday written with its date), or the previous date in the text.
   What cannot be resolved keeps ``value=None``: nothing is invented.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sumber.analyze.doc import Doc
from sumber.analyze.numparse import find_token, parse_words, tokens_of
from sumber.analyze.timewords import T_CLK, T_DP, T_DX, T_FRAC, T_HOL, T_MON, T_OCLOCK, T_UNIT, T_WD, TimeLexicon, time_lexicon
from sumber.model import TimeExpr

_DATE_KINDS = frozenset({"numeric", "dmy", "mdy", "month", "year", "dayrange", "yrange", "decade", "iso"})
_DAY_KINDS = frozenset({"numeric", "dmy", "mdy", "iso"})
_PART_MONTHS = {"early": 1, "mid": 6, "late": 12}
_DECADE_PARTS = {"early": (0, 4), "mid": (3, 7), "late": (5, 9)}
_PREV_WORD = re.compile(r"([\w.]+)[\s(]*$")


@dataclass(slots=True)
class _C:
    """A candidate expression and, once resolved, its value."""

    start: int
    end: int
    kind: str
    g: dict[str, Any]  # the pattern's named groups
    prio: int = 0
    wd: int | None = None  # weekday named in the span
    short_wd: bool = False  # abbreviated weekday: only valid next to a date
    day_of: _C | None = None  # clock time: the day expression it belongs to
    second: _C | None = None  # range: its end
    value: str | None = None
    gran: str = "unknown"
    anchor: str = "unresolved"
    explicit: bool = False
    day: date | None = None  # resolved day (day-level and clock expressions)
    ym: tuple[int, int] | None = None  # resolved month
    year: int | None = None  # resolved year
    hm: tuple[int, int] | None = None  # clock time
    hm2: tuple[int, int] | None = None  # end of a clock range
    dm: tuple[int, int] = (0, 0)  # day and month as written
    mon: int = 0  # month as written
    years: tuple[int, int] = (0, 0)  # year range as written
    first: _C | None = None  # range: its start


def extract(doc: Doc) -> list[TimeExpr]:
    """All time expressions of ``doc.text``, in text order, each normalized where possible."""
    lex = time_lexicon(doc.pack)
    text = doc.text
    cands = _select(_match(text, lex))
    cands = _merge(text, cands, lex)
    _Resolver(doc, cands, lex).run()
    out = []
    for c in cands:
        out.append(TimeExpr(c.start, c.end, text[c.start:c.end], c.value, c.gran, c.anchor if c.value is not None else "unresolved"))
    return out


# --------------------------------------------------------------------------- match


_STRIP = "()[]{},.;:!?\"'“”‘’«»"
_LEAD = "([{\"'“”‘’«"
_DIGIT_START = frozenset("0123456789(")
_HYPHENS = re.compile(r"[-–]")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCKISH = re.compile(r"\d{1,2}[.:]\d{2}")


def _norm(tok: str) -> str:
    return tok.strip(_STRIP).lower()


class _Tokens:
    """Whitespace tokens of the text and their offsets, located lazily (only around triggers)."""

    __slots__ = ("text", "toks", "pos", "cursor")

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = text.split()
        self.pos: dict[int, int] = {}
        self.cursor = 0

    def at(self, i: int) -> int:
        """Offset of token ``i``; call with increasing ``i`` for the anchors."""
        p = self.pos.get(i)
        if p is not None:
            return p
        text, t = self.text, self.toks[i]
        k = len(t)
        p = find_token(text, t, self.cursor)
        self.pos[i] = p
        self.cursor = p + k
        return p

    def before(self, i: int) -> int:
        """Offset of token ``i - 1`` (token ``i`` already located)."""
        p = self.pos.get(i - 1)
        if p is None:
            p = self.text.rfind(self.toks[i - 1], 0, self.pos[i])
            self.pos[i - 1] = p
        return p

    def norm(self, i: int) -> str:
        return _norm(self.toks[i]) if 0 <= i < len(self.toks) else ""


def _match(text: str, lex: TimeLexicon) -> list[_C]:
    """Candidates found by running the patterns only where a trigger word or a digit is."""
    tk = _Tokens(text)
    toks = tk.toks
    trig = lex.triggers
    hits = [i for i, t in enumerate(toks) if t in trig or t[0] in _DIGIT_START or "-" in t]
    out: list[_C] = []
    seen: set[tuple[int, int, int]] = set()
    for i in hits:
        t = toks[i]
        cls = trig.get(t, 0)
        kinds: list[str] = []
        back = 3
        extra_starts: list[int] = []
        if cls:
            if cls & T_WD:
                kinds.append("weekday")
            if cls & T_MON:
                kinds += ["dmy", "dayrange", "mdy", "month"]
            if cls & T_UNIT:
                # a unit word ("pekan", "week") is worth a look only next to a modifier or a count
                prev_ok = i > 0 and (tk.norm(i - 1) in lex.neighbours or toks[i - 1][0].isdigit())
                if prev_ok or tk.norm(i + 1) in lex.neighbours:
                    kinds += ["count", "unit_pre", "window", "unit_post", "deictic"]
            if cls & T_DX:
                kinds.append("deictic")
            if cls & T_DP:
                kinds += ["deictic", "unit_pre", "unit_post", "daypart"]
            if cls & (T_CLK | T_OCLOCK | T_FRAC):
                kinds.append("clock")
            if cls & T_HOL:
                kinds.append("holiday")
        elif t[0] in _DIGIT_START:
            kinds = _digit_kinds(tk, i, lex)
            if not kinds:
                continue
        else:
            parts = t.split("-")
            pcls = 0
            for part in parts:
                pcls |= trig.get(part, 0)
            if pcls & T_MON:
                kinds += ["month", "dmy", "mdy"]
                j = tk.at(i)
                for part in parts[:-1]:
                    j += len(part) + 1
                    extra_starts.append(j)
            elif parts[0].lower() in lex.parts and parts[-1][:1].isdigit():
                kinds += ["year", "decade"]
            else:
                continue
        if not kinds:
            continue
        pos = tk.at(i)
        starts = [pos]
        lead = len(t) - len(t.lstrip(_LEAD))
        if lead:
            starts.append(pos + lead)
        j = i
        while back and j > 0:
            prev = toks[j - 1]
            if not (prev[0].isdigit() or _norm(prev) in lex.prefixable):
                break
            j -= 1
            back -= 1
            p = tk.before(j + 1)
            starts.append(p)
            lead = len(prev) - len(prev.lstrip(_LEAD))
            if lead:
                starts.append(p + lead)
            if "-" in prev or "–" in prev:
                starts += [p + m.end() for m in _HYPHENS.finditer(prev)]
        starts += extra_starts
        for s in starts:
            for kind in kinds:
                for prio, rx in lex.by_kind.get(kind, ()):
                    m = rx.match(text, s)
                    if m is not None and m.end() > pos:
                        key = (m.start(), m.end(), prio)
                        if key in seen:
                            continue
                        seen.add(key)
                        c = _accept(kind, m, text, lex)
                        if c is not None:
                            c.prio = prio
                            out.append(c)
    return out


def _digit_kinds(tk: _Tokens, i: int, lex: TimeLexicon) -> list[str]:
    """Which patterns a token starting with a digit (or "(") may begin."""
    t = tk.toks[i]
    core = t.lstrip("(“”\"'").rstrip(".,;:)”\"'!?")
    if not core or not core[0].isdigit():
        return []
    if "/" in core:
        return ["numeric", "yrange"]
    nxt = tk.norm(i + 1)
    kinds: list[str] = []
    if core.isdigit():
        if len(core) == 4 and 1800 <= int(core) <= 2099:
            kinds.append("year")
        if nxt in lex.ampm_words:
            kinds.append("clock")
        if nxt in lex.unit_words:
            kinds.append("count")
        return kinds
    if _ISO.match(core):
        return ["iso"]
    if "-" in core or "–" in core:
        parts = _HYPHENS.split(core)
        if all(p.isdigit() for p in parts):
            return ["yrange", "count"] if nxt in lex.unit_words or len(parts[0]) == 4 else []
        return []
    if _CLOCKISH.fullmatch(core):
        return [] if tk.norm(i - 1) in lex.clock_prefix else ["clock"]
    low = core.lower()
    if low[:4].isdigit() and low[4:] in ("s", "'s", "’s"):
        return ["decade"]
    if any(low.endswith(w.rstrip(".")) for w in lex.ampm_words):
        return ["clock"]
    return []


def _int(s: str | None) -> int | None:
    return int(s) if s and s.isdigit() else None


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def _accept(kind: str, m: re.Match[str], text: str, lex: TimeLexicon) -> _C | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        d, mo = (b, a) if lex.numeric_order == "mdy" else (a, b)
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            return None
        paren = bool(g["open"] and g["close"])
        if not g["y"] and not paren:
            return None
        if not paren:
            start = m.start("a")
            if g["close"]:
                end = m.end("y") if g["y"] else m.end("b")
        c = _C(start, end, kind, g)
        c.dm = (d, mo)
        return c
    if kind == "iso":
        c = _C(start, end, kind, g)
        c.dm = (int(g["d"]), int(g["mo"]))
        if g.get("h"):
            c.hm = (int(g["h"]), int(g["mi"]))
        return c
    if kind in ("dmy", "mdy", "dayrange"):
        d = _int(g.get("d")) or lex.ordinal_days.get((g.get("od") or "").lower()) or 0
        if not 1 <= d <= 31:
            return None
        if kind == "dayrange" and not (int(g["d1"]) < d):
            return None
        c = _C(start, end, kind, g)
        c.dm = (d, lex.month[g["mon"].rstrip(".")] if g["mon"].rstrip(".") in lex.month else lex.month[g["mon"]])
        return c
    if kind == "month":
        name = g["mon"]
        bare = name.rstrip(".") if name.rstrip(".") in lex.month else name
        if not (g["y"] or g["ty"] or g["post"]) and (bare in lex.month_needs_number or name in lex.month_needs_number):
            return None
        c = _C(start, end, kind, g)
        c.mon = lex.month[bare]
        return c
    if kind == "yrange":
        y1 = int(g["y1"])
        y2s = g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if not y1 < y2 <= y1 + 30:
            return None
        c = _C(start, end, kind, g)
        c.years = (y1, y2)
        return c
    if kind == "year":
        if g["open"] and not g["close"]:
            start = m.start("y")
        elif g["close"] and not g["open"]:
            end = m.end("y")
        if not _year_ok(g, text, start, end, m, lex):
            return None
        return _C(start, end, kind, g)
    if kind == "clock":
        return _accept_clock(g, start, end, lex)
    if kind == "weekday":
        c = _C(start, end, kind, g)
        c.wd = lex.weekday[g["wd"]] if g["wd"] in lex.weekday else lex.weekday[g["wd"].rstrip(".")]
        c.short_wd = g["wd"].rstrip(".") in lex.weekday_short
        return c
    return _C(start, end, kind, g)


def _year_ok(g: dict[str, Any], text: str, start: int, end: int, m: re.Match[str], lex: TimeLexicon) -> bool:
    """A bare four-digit number is a year only when its context says so ("pada 2018", "in 2000,")."""
    if g.get("yw") or g.get("part") or g.get("post") or (g.get("open") and g.get("close")):
        return True
    ys = m.start("y")
    if ys > 0 and text[ys - 1] == "(":
        return True
    prev = _prev_word(text, ys)
    if prev in lex.year_before:
        return True
    k = ys - 1
    while k > 0 and text[k] == " ":
        k -= 1
    if prev and k > len(prev) and text[k - len(prev) + 1:k + 1][:1].isupper() and text[k - len(prev)] == " " and text[k - len(prev) - 1] not in ".!?:”\"":
        return True  # after a name: "Piala Dunia 2022", "Euro 2020"
    j = m.end("y")
    while j < len(text) and text[j] == " ":
        j += 1
    if j >= len(text) or text[j] in ".,;:)!?”\"'’":
        return True
    return text[j].isupper()


def _accept_clock(g: dict[str, Any], start: int, end: int, lex: TimeLexicon) -> _C | None:
    if g.get("fr"):
        hour = lex.hour_words.get((g.get("hw") or "").lower()) or _int(g.get("hw"))
        if not hour:
            return None
        mins = int(lex.fractions[g["fr"].lower()])
        if (g.get("dir") or "").lower() in lex.clock_to:
            h, mi = (hour - 1) % 24, 60 - mins
        else:
            h, mi = hour, mins
    elif g.get("hw"):
        hour_word = lex.hour_words.get(g["hw"].lower()) or _int(g["hw"])
        if hour_word is None:
            return None
        h, mi = hour_word, 0
        dp = (g.get("dp") or "").lower()
        if dp in lex.pm_parts and h < 12:
            h += 12
    else:
        h, mi = int(g["h"]), int(g.get("mi") or 0)
        ampm = (g.get("ampm") or "").lower()
        if ampm:
            if not 1 <= h <= 12:
                return None
            if ampm in lex.pm and h != 12:
                h += 12
            elif ampm in lex.am and h == 12:
                h = 0
    if not (0 <= h <= 24 and 0 <= mi <= 59):
        return None
    c = _C(start, end, "clock", g)
    c.hm = (h, mi)
    if g.get("h2"):
        h2, mi2 = int(g["h2"]), int(g["mi2"] or 0)
        if not (0 <= h2 <= 24 and 0 <= mi2 <= 59):
            return None
        c.hm2 = (h2, mi2)
    return c


def _select(cands: list[_C]) -> list[_C]:
    """Leftmost-longest non-overlapping candidates (ties: the earlier pattern)."""
    cands.sort(key=lambda c: (c.start, c.start - c.end, c.prio))
    out: list[_C] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
    return out


# --------------------------------------------------------------------------- merge


def _merge(text: str, cs: list[_C], lex: TimeLexicon) -> list[_C]:
    out: list[_C] = []
    i = 0
    n = len(cs)
    while i < n:
        c = cs[i]
        nxt = cs[i + 1] if i + 1 < n else None
        gap = text[c.end:nxt.start] if nxt else ""
        # weekday + its date: "Kamis (17/3/2022)", "Thursday, May 5", "Jumat nanti, 4 Maret 2022"
        if c.kind == "weekday" and nxt and nxt.kind in _DAY_KINDS and nxt.wd is None and lex.wd_date_gap.fullmatch(gap):
            nxt.start, nxt.wd = c.start, c.wd
            i += 1
            continue
        # "Tahun ini (2022)": the written year wins
        if c.kind == "unit_post" and nxt and nxt.kind == "year" and nxt.g.get("open") and not gap.strip():
            nxt.start = c.start
            i += 1
            continue
        out.append(c)
        i += 1
    # drop what is only valid next to something else
    cs = [c for c in out if not (c.kind == "numeric" and not c.g.get("y") and c.wd is None) and not (c.kind == "weekday" and c.short_wd)]
    out = []
    i = 0
    n = len(cs)
    while i < n:
        c = cs[i]
        nxt = cs[i + 1] if i + 1 < n else None
        gap = text[c.end:nxt.start] if nxt else ""
        if nxt and c.kind in _DATE_KINDS and nxt.kind in _DATE_KINDS and c.wd is None and nxt.wd is None and lex.range_gap.fullmatch(gap):
            r = _C(c.start, nxt.end, "range", {}, c.prio)
            r.first, r.second = c, nxt
            out.append(r)
            i += 2
            continue
        if nxt and nxt.kind == "clock" and c.kind in ("weekday", "deictic") and lex.day_clock_gap.fullmatch(gap):
            nxt.start, nxt.day_of = c.start, c
            out.append(nxt)
            i += 2
            continue
        if nxt and c.kind == "clock" and c.day_of is None and nxt.kind in ("weekday", "deictic") and gap.strip() and lex.clock_day_gap.fullmatch(gap):
            c.end, c.day_of = nxt.end, nxt
            out.append(c)
            i += 2
            continue
        out.append(c)
        i += 1
    return out


# --------------------------------------------------------------------------- resolve


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(base: date, mon: int, day: int | None) -> int:
    best, best_delta = base.year, None
    for y in (base.year - 1, base.year, base.year + 1):
        if day is not None:
            d = _safe_date(y, mon, day)
            if d is None:
                continue
            delta = abs((d - base).days)
        else:
            delta = abs((y * 12 + mon) - (base.year * 12 + base.month)) * 30
        if best_delta is None or delta < best_delta:
            best, best_delta = y, delta
    return best


def _weekday_from(base: date, wd: int, mode: int | None) -> date:
    """The weekday ``wd`` near ``base``: on or before (None), before (-1), in the same week (0), after (1)."""
    if mode is None:
        return base - timedelta(days=(base.weekday() - wd) % 7)
    if mode < 0:
        return base - timedelta(days=(base.weekday() - wd) % 7 or 7)
    if mode > 0:
        return base + timedelta(days=(wd - base.weekday()) % 7 or 7)
    return base + timedelta(days=wd - base.weekday())


class _Resolver:
    """Normalizes the merged candidates of one document (see the module docstring for the order)."""

    def __init__(self, doc: Doc, cs: list[_C], lex: TimeLexicon) -> None:
        self.doc, self.cs, self.lex = doc, cs, lex
        self.pub = doc.published
        self.text = doc.text
        self.zone = self._article_zone()
        self.para_starts = [s for s, _ in doc.paragraphs] or [0]

    def _article_zone(self) -> str:
        for c in self.cs:
            tz = c.g.get("tz") if c.kind == "clock" else None
            if tz and tz in self.lex.zones:
                return self.lex.zones[tz]
        return self.lex.default_zone

    def _para(self, pos: int) -> int:
        return bisect_left(self.para_starts, pos + 1) - 1

    # ----- setters
    def _set_day(self, c: _C, d: date, anchor: str) -> None:
        c.day, c.ym, c.year = d, (d.year, d.month), d.year
        c.value, c.gran, c.anchor = d.isoformat(), "day", anchor

    def _set_month(self, c: _C, y: int, m: int, anchor: str) -> None:
        c.ym, c.year = (y, m), y
        c.value, c.gran, c.anchor = f"{y:04d}-{m:02d}", "month", anchor

    def _set_year(self, c: _C, y: int, anchor: str) -> None:
        c.year = y
        c.value, c.gran, c.anchor = f"{y:04d}", "year", anchor

    def _set_week(self, c: _C, d: date, anchor: str) -> None:
        c.ym, c.year = (d.year, d.month), d.year
        c.value, c.gran, c.anchor = _iso_week(d), "week", anchor

    # ----- context
    def _prev_explicit(self, i: int) -> _C | None:
        for j in range(i - 1, -1, -1):
            p = self.cs[j]
            if p.explicit and (p.day or p.ym):
                return p
        return None

    def _next_explicit(self, i: int) -> _C | None:
        for p in self.cs[i + 1:]:
            if p.explicit and (p.day or p.ym):
                return p
        return None

    def _refs(self) -> list[_C]:
        return [c for c in self.cs if c.wd is not None and c.day is not None and c.kind in _DAY_KINDS]

    def _ref(self, pos: int) -> tuple[date, str] | None:
        """The date relative words count from: publication, else the article's own weekday-dated date."""
        if self.pub is not None:
            return self.pub, "published"
        refs = self._refs()
        if not refs:
            return None
        sent = self.doc.sentence_index(pos) if self.doc.sentences else None
        if sent is not None:
            same = [r for r in refs if self.doc.sentence_index(r.start) == sent]
            if same:
                r = min(same, key=lambda r: abs(r.start - pos))
                if r.day is not None:
                    return r.day, "context"
        day = self._pick(refs, pos)
        return (day, "context") if day is not None else None

    def _year_for(self, i: int, mon: int, day: int | None) -> tuple[int, str] | None:
        """The year of a date written without one.

        The publication date's; else that of the nearest written date before it (after it
        when there is none before) when the result stays close to that date; else the
        year of the day the article reports from.
        """
        if self.pub is not None:
            return _nearest_year(self.pub, mon, day), "published"
        p = self._prev_explicit(i) or self._next_explicit(i)
        if p is not None and p.year is not None:
            y = p.year
            if day is not None and (p.day is not None or p.ym is not None):
                pivot = p.day or date(p.ym[0], p.ym[1], 1)  # type: ignore[index]
                d = _safe_date(y, mon, day)
                if d is not None and -60 <= (d - pivot).days <= 240:
                    return y, "context"
            else:
                py, pm = p.ym if p.ym else (p.year, 1)
                if -3 <= (y * 12 + mon) - (py * 12 + pm) <= 6:
                    return y, "context"
        ref = self._ref(self.cs[i].start)
        if ref is not None:
            return _nearest_year(ref[0], mon, day), ref[1]
        return None

    # ----- passes
    def run(self) -> None:
        for c in self.cs:
            self._explicit(c)
        self._repair_weekdays()
        for i, c in enumerate(self.cs):
            if c.value is None and c.kind in ("numeric", "dmy", "mdy", "dayrange", "month", "holiday", "range"):
                self._contextual(i, c)
        for i, c in enumerate(self.cs):
            if c.value is None:
                self._relative(i, c)

    def _explicit(self, c: _C) -> None:
        g = c.g
        k = c.kind
        if k in ("numeric", "dmy", "mdy", "dayrange") and g.get("y"):
            d, mo = c.dm
            ys = g["y"] or ""
            y = int(ys) if len(ys) == 4 else 2000 + int(ys) if int(ys) < 50 else 1900 + int(ys)
            day = _safe_date(y, mo, d)
            if day is None:
                return
            c.explicit = True
            if k == "dayrange":
                first = _safe_date(y, mo, int(g["d1"] or 0))
                if first is None:
                    return
                c.day, c.ym, c.year = day, (y, mo), y
                c.value, c.gran, c.anchor = f"{first.isoformat()}/{day.isoformat()}", "interval", "explicit"
                return
            self._set_day(c, day, "explicit")
        elif k == "iso":
            day = _safe_date(int(g["y"]), c.dm[1], c.dm[0])
            if day is not None:
                c.explicit = True
                self._set_day(c, day, "explicit")
                if c.hm is not None:
                    c.value, c.gran = f"{day.isoformat()}T{c.hm[0]:02d}:{c.hm[1]:02d}", "time"
        elif k == "month" and g.get("y"):
            c.explicit = True
            self._set_month(c, int(g["y"] or 0), c.mon, "explicit")
        elif k == "year":
            y = int(g["y"] or 0)
            c.explicit = True
            part = self.lex.parts.get((g.get("part") or "").lower())
            if part and g.get("yw"):
                self._set_month(c, y, _PART_MONTHS[part], "explicit")
            else:
                self._set_year(c, y, "explicit")
        elif k == "yrange":
            y1, y2 = c.years
            c.explicit, c.year = True, y2
            c.value, c.gran, c.anchor = f"{y1}/{y2}", "interval", "explicit"
        elif k == "decade":
            base = int(g["dec"] or 0)
            part = self.lex.parts.get((g.get("part") or "").lower())
            lo, hi = _DECADE_PARTS.get(part or "", (0, 9))
            c.explicit, c.year = True, base + hi
            c.value, c.gran, c.anchor = f"{base + lo}/{base + hi}", "interval", "explicit"
        elif k == "holiday" and g.get("y"):
            self._holiday(c, int(g["y"] or 0), "explicit")
            c.explicit = c.value is not None
        elif k == "range" and c.first is not None and c.second is not None:
            self._explicit(c.first)
            self._explicit(c.second)
            self._finish_range(c)

    def _finish_range(self, c: _C) -> None:
        a, b = c.first, c.second
        if a is not None and b is not None and a.value is not None and b.value is not None:
            c.value, c.gran = f"{a.value}/{b.value}", "interval"
            c.anchor = "explicit" if a.explicit and b.explicit else b.anchor
            c.explicit = a.explicit and b.explicit
            c.day, c.ym, c.year = b.day, b.ym, b.year

    def _holiday(self, c: _C, year: int, anchor: str) -> None:
        hol = self.lex.holidays.get((c.g.get("hol") or "").lower())
        if hol is None:
            return
        iso = hol.dates.get(year) or (f"{year:04d}-{hol.fixed}" if hol.fixed else None)
        if iso:
            self._set_day(c, date.fromisoformat(iso), anchor)

    def _repair_weekdays(self) -> None:
        """A written weekday that disagrees with its date marks a typo in the date ("Sabtu (26/2/2021)").

        Try the same day one month or one year off and keep the candidate closest to the
        article's other dates; without other dates the date stays as written.
        """
        days = [(c, c.day) for c in self.cs if c.explicit and c.day is not None and c.kind in _DAY_KINDS]
        for c, d0 in days:
            if c.wd is None or d0.weekday() == c.wd:
                continue
            others = sorted(od for o, od in days if o is not c and (o.wd is None or od.weekday() == o.wd))
            if not others:
                continue
            mid = others[len(others) // 2]
            options = []
            for dm in (-3, -2, -1, 1, 2, 3):
                y, m = _add_months(d0.year, d0.month, dm)
                options.append(_safe_date(y, m, d0.day))
            options += [_safe_date(d0.year + 1, d0.month, d0.day), _safe_date(d0.year - 1, d0.month, d0.day)]
            good = [o for o in options if o is not None and o.weekday() == c.wd and abs((o - mid).days) <= 120]
            if good:
                self._set_day(c, min(good, key=lambda o: abs((o - mid).days)), "explicit")

    def _contextual(self, i: int, c: _C) -> None:
        """Dates missing their year: the year comes from publication or the surrounding dates."""
        g = c.g
        if c.kind == "range":
            a, b = c.first, c.second
            if a is None or b is None:
                return
            if b.value is None:
                self._contextual(i, b)
            if a.value is None and b.year is not None:
                self._inherit_year(a, b)
            self._finish_range(c)
            return
        if c.kind == "holiday":
            ref = self._ref(c.start)
            if ref is not None:
                self._holiday(c, ref[0].year, ref[1])
            return
        if c.kind == "month":
            mon: int = c.mon
            post = (g.get("post") or "").lower()
            if g.get("ty") or post:
                ref = self._ref(c.start)
                if ref is None:
                    return
                base, anchor = ref
                off = self.lex.after.get(post, 0) if post else 0
                y = base.year
                if off < 0 and mon >= base.month:
                    y -= 1
                elif off > 0 and mon <= base.month:
                    y += 1
                self._set_month(c, y, mon, anchor)
                return
            got = self._year_for(i, mon, None)
            if got:
                self._set_month(c, got[0], mon, got[1])
            return
        d, mo = c.dm
        if g.get("ty"):
            ref = self._ref(c.start)
            got = (ref[0].year, ref[1]) if ref else None
        else:
            got = self._year_for(i, mo, d)
        if not got:
            return
        day = _safe_date(got[0], mo, d)
        if day is None:
            return
        if c.kind == "dayrange":
            first = _safe_date(got[0], mo, int(g["d1"] or 0))
            if first:
                c.day, c.ym, c.year = day, (got[0], mo), got[0]
                c.value, c.gran, c.anchor = f"{first.isoformat()}/{day.isoformat()}", "interval", got[1]
            return
        self._set_day(c, day, got[1])

    def _inherit_year(self, a: _C, b: _C) -> None:
        """The first end of a range takes its year from the second ("Januari hingga Februari 2022")."""
        y = b.year
        assert y is not None
        if a.kind == "month":
            mon: int = a.mon
            bm = b.ym[1] if b.ym else 12
            self._set_month(a, y if mon <= bm else y - 1, mon, b.anchor)
        elif a.kind in _DAY_KINDS or a.kind == "dayrange":
            d, mo = a.dm
            bm = b.ym[1] if b.ym else 12
            day = _safe_date(y if mo <= bm else y - 1, mo, d)
            if day:
                self._set_day(a, day, b.anchor)

    def _relative(self, i: int, c: _C) -> None:
        k, g, lex = c.kind, c.g, self.lex
        if k == "weekday":
            self._weekday(i, c)
        elif k == "deictic":
            c.gran = "day"
            unit_off = lex.deictic.get(re.sub(r"\s+", " ", (g.get("dx") or "").lower()), 0)
            ref = self._ref(c.start)
            word = (g.get("dx") or "").lower()
            unit = "weekend" if any(lex.units.get(w) == "weekend" for w in word.split()) else "day"
            if ref:
                self._shift(c, ref[0], unit, unit_off, ref[1])
            else:
                c.gran = "week" if unit == "weekend" else "day"
        elif k == "unit_pre":
            word = (g.get("unit") or "").lower()
            unit = lex.units.get(word, "day")
            off = lex.before.get(re.sub(r"\s+", " ", (g.get("pre") or "").lower()), 0)
            self._unit_shift(c, unit, off, self._ref(c.start), None)
        elif k == "unit_post":
            word = re.sub(r"\s+", " ", (g.get("unit") or "").lower())
            unit = lex.units.get(word, "day")
            part = lex.parts.get((g.get("part") or "").lower())
            if part and unit == "week":
                unit = "weekend"
            if g.get("narr"):
                off = lex.narrative.get((g["narr"] or "").lower(), 0)
                self._unit_shift(c, unit, off, self._narrative_base(i, unit), part)
            else:
                off = lex.after.get(re.sub(r"\s+", " ", (g.get("post") or "").lower()), 0)
                self._unit_shift(c, unit, off, self._ref(c.start), part)
        elif k == "count":
            self._count(i, c)
        elif k == "window":
            self._window(c)
        elif k == "daypart":
            c.gran = "day"
            base = self._narrative_base(i, "day")
            if base:
                self._set_day(c, base[0], base[1])
        elif k == "clock":
            self._clock(i, c)
        elif k in ("month",):
            c.gran = "month"
        elif k in _DAY_KINDS:
            c.gran = "day"
        elif k in ("range", "dayrange", "yrange", "decade"):
            c.gran = "interval"

    def _narrative_base(self, i: int, unit: str) -> tuple[date, str] | None:
        """The previous resolved date in the same paragraph ("sehari sebelumnya", "malam harinya")."""
        para = self._para(self.cs[i].start)
        for j in range(i - 1, -1, -1):
            p = self.cs[j]
            if self._para(p.start) != para:
                break
            if p.value is None or p.gran == "interval":
                continue
            if unit in ("day", "week", "weekend") and p.day is not None:
                return p.day, "context"
            if unit == "month" and p.ym is not None:
                return date(p.ym[0], p.ym[1], 1), "context"
            if unit == "year" and p.year is not None:
                return date(p.year, 7, 1), "context"
        return self._ref(self.cs[i].start)

    def _shift(self, c: _C, base: date, unit: str, off: int, anchor: str) -> None:
        if unit == "day":
            self._set_day(c, base + timedelta(days=off), anchor)
        elif unit == "week":
            self._set_week(c, base + timedelta(weeks=off), anchor)
        elif unit == "weekend":
            sat = base - timedelta(days=(base.weekday() - 5) % 7)  # last Saturday on or before
            if off >= 0:
                sat += timedelta(weeks=off + (1 if base.weekday() < 5 else 0))
            else:
                sat += timedelta(weeks=off + 1)
            self._set_week(c, sat, anchor)
        elif unit == "month":
            y, m = _add_months(base.year, base.month, off)
            self._set_month(c, y, m, anchor)
        elif unit == "year":
            self._set_year(c, base.year + off, anchor)

    def _unit_shift(self, c: _C, unit: str, off: int, ref: tuple[date, str] | None, part: str | None) -> None:
        c.gran = {"weekend": "week"}.get(unit, unit)
        if ref is None:
            return
        base, anchor = ref
        if unit == "year" and part:
            self._set_month(c, base.year + off, _PART_MONTHS[part], anchor)
            return
        self._shift(c, base, unit, off, anchor)

    def _weekday(self, i: int, c: _C) -> None:
        c.gran = "day"
        g, lex = c.g, self.lex
        wd = c.wd
        assert wd is not None
        mode: int | None = None
        if g.get("pre"):
            mode = lex.before.get(re.sub(r"\s+", " ", g["pre"].lower()), None)
        elif g.get("post"):
            mode = lex.after.get(re.sub(r"\s+", " ", g["post"].lower()), None)
        if mode is None:
            same = self._same_weekday(i, wd)
            if same is not None:
                self._set_day(c, same, "context")
                return
            if self.pub is not None:
                self._set_day(c, _weekday_from(self.pub, wd, None), "published")
            return
        ref = self._ref(c.start)
        if ref is not None:
            self._set_day(c, _weekday_from(ref[0], wd, mode), ref[1])

    def _same_weekday(self, i: int, wd: int) -> date | None:
        """A date in the text falling on this weekday (the bare "Kamis" after "Kamis (17/3/2022)").

        Dates written with their weekday name come first; among them the latest one before
        the expression (the day the article reports from), else the first one after it.
        """
        near = self.cs[max(0, i - 200):i + 200]  # a weekday refers to a date nearby; keeps long texts linear
        found = [c for c in near if c.day is not None and c.kind in _DAY_KINDS and (c.explicit or c.wd is not None) and c.day.weekday() == wd]
        if self.pub is not None:
            lo, hi = self.pub - timedelta(days=13), self.pub + timedelta(days=6)
            found = [c for c in found if c.day is not None and lo <= c.day <= hi]
        named = [c for c in found if c.wd is not None]
        return self._pick(named or found, self.cs[i].start)

    @staticmethod
    def _pick(found: list[_C], pos: int) -> date | None:
        if not found:
            return None
        before = [c.day for c in found if c.start < pos and c.day is not None]
        if before:
            return max(before)
        return found[0].day

    def _count_value(self, s: str | None) -> int | None:
        if not s:
            return None
        s = s.strip()
        low = s.lower()
        if low in self.lex.numbers.article_one:
            return 1
        if low in self.lex.vague_counts:
            return None
        m = re.fullmatch(r"(\d+)(?:\s*[-–]\s*(\d+))?", s)
        if m:
            return int(m.group(2) or m.group(1))
        value, used = parse_words(tokens_of(s), self.lex.numbers)
        return int(value) if isinstance(value, (int, float)) and value >= 1 and float(value).is_integer() else None

    def _count(self, i: int, c: _C) -> None:
        g, lex = c.g, self.lex
        unit = lex.units.get(re.sub(r"\s+", " ", (g.get("unit") or g.get("unit1") or "").lower()), "day")
        n = 1 if g.get("unit1") else self._count_value(g.get("n"))
        if g.get("win"):
            c.gran = "interval"
            ref = self._ref(c.start)
            if n is None or ref is None:
                return
            self._window_value(c, ref[0], unit, n, -1, ref[1])
            return
        c.gran = {"weekend": "week"}.get(unit, unit)
        if g.get("narr"):
            off = lex.narrative.get((g["narr"] or "").lower(), 0)
            base = self._narrative_base(i, unit)
        else:
            off = lex.count_after.get(re.sub(r"\s+", " ", (g.get("dir") or "").lower()), 0)
            base = self._ref(c.start)
        if n is None or base is None:
            return
        self._shift(c, base[0], unit, off * n, base[1])

    def _window(self, c: _C) -> None:
        g, lex = c.g, self.lex
        c.gran = "interval"
        unit = lex.units.get((g.get("unit") or "").lower(), "day")
        word = (g.get("win") or "").lower()
        n = self._count_value(g.get("n")) if g.get("n") else (1 if not (g.get("unit") or "").lower().endswith("s") else None)
        ref = self._ref(c.start)
        if n is None or ref is None:
            return
        self._window_value(c, ref[0], unit, n, -1 if word in lex.window_back else 1, ref[1])

    def _window_value(self, c: _C, base: date, unit: str, n: int, direction: int, anchor: str) -> None:
        """The last (or next) ``n`` units: whole days and years before the reference; months including its own."""
        if unit in ("day", "week", "weekend"):
            days = n * (7 if unit != "day" else 1)
            if direction < 0:
                a, b = base - timedelta(days=days), base - timedelta(days=1)
            else:
                a, b = base + timedelta(days=1), base + timedelta(days=days)
            value = f"{a.isoformat()}/{b.isoformat()}"
        elif unit == "month":
            first = _add_months(base.year, base.month, -(n - 1) if direction < 0 else 1)
            last = (base.year, base.month) if direction < 0 else _add_months(base.year, base.month, n)
            value = f"{first[0]:04d}-{first[1]:02d}" + (f"/{last[0]:04d}-{last[1]:02d}" if last != first else "")
        else:
            lo, hi = (base.year - n, base.year - 1) if direction < 0 else (base.year + 1, base.year + n)
            value = f"{lo}/{hi}" if lo != hi else f"{lo}"
        c.value, c.gran, c.anchor = value, "interval", anchor
        c.day, c.ym, c.year = base, (base.year, base.month), base.year

    def _clock_day(self, i: int) -> date | None:
        """The day of a clock time written without one.

        A date earlier in the same sentence; else the first date written with its weekday
        (in agency and Kompas style the day of the reported event); else the nearest
        earlier date in the paragraph.
        """
        pos = self.cs[i].start
        sent = self.doc.sentence_index(pos) if self.doc.sentences else -1
        para = self._para(pos)
        nearest: date | None = None
        for j in range(i - 1, -1, -1):
            p = self.cs[j]
            if p.day is None or p.gran not in ("day", "time") or p.kind in ("holiday", "daypart", "count", "unit_post"):
                continue
            if self.doc.sentences and self.doc.sentence_index(p.start) == sent:
                return p.day
            if nearest is None and self._para(p.start) == para:
                nearest = p.day
        refs = self._refs()
        if refs:
            return refs[0].day
        return nearest

    def _clock(self, i: int, c: _C) -> None:
        c.gran = "time"
        day: date | None = None
        anchor = "context"
        from_context = False
        if c.day_of is not None:
            d = c.day_of
            if d.value is None:
                self._relative(i, d)
            day, anchor = d.day, d.anchor
        else:
            found = self._clock_day(i)
            if found is not None:
                day, anchor, from_context = found, "context", True
            elif self.pub is not None:
                day, anchor = self.pub, "published"
        if day is None or c.hm is None:
            return
        h, mi = c.hm
        if from_context and i > 0:
            prev = self.cs[i - 1]
            if prev.kind == "clock" and prev.hm and prev.day == day and prev.hm > (h, mi) and self.doc.sentence_index(prev.start) == self.doc.sentence_index(c.start):
                day = day + timedelta(days=1)  # "between 7:00 p.m. and 2:00 a.m." runs past midnight
        tz = c.g.get("tz")
        zone = self.lex.zones.get(tz, self.zone) if tz else self.zone
        c.day = day
        c.value = f"{day.isoformat()}T{h:02d}:{mi:02d}{zone}"
        c.anchor = anchor
        if c.hm2 is not None:
            h2, mi2 = c.hm2
            c.value += f"/{day.isoformat()}T{h2:02d}:{mi2:02d}{zone}"
            c.gran = "interval"
