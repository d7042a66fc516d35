"""A language's date and time words (``dates.toml``) compiled into regexes, once per pack.

The grammar (which shapes a date can take: "Kamis (17/3/2022)", "July 8, 2008",
"tiga pekan lalu", "the last five months", "pukul 08.35 WIB") is the same for
every language; the words come from the pack.  A list a language lacks compiles
to a pattern that never matches, so both word orders ("last week", "pekan lalu")
live side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sumber.analyze.numparse import NumberLexicon, lexicon as number_lexicon, words_pattern
from sumber.errors import PackError
from sumber.lang import Pack

B = r"(?<![\w])"  # word start
E = r"(?![\w])"  # word end
YEAR = r"(?:1[89]\d\d|20\d\d)"


@dataclass(frozen=True, slots=True)
class Holiday:
    key: str
    dates: dict[int, str]  # year -> ISO date
    fixed: str | None  # "MM-DD" for holidays on the same day every year


@dataclass(slots=True)
class TimeLexicon:
    """Date and time words of one language plus the compiled patterns, in priority order."""

    code: str
    numbers: NumberLexicon
    weekday: dict[str, int]
    weekday_short: frozenset[str]
    month: dict[str, int]
    month_abbrev: frozenset[str]
    month_needs_number: frozenset[str]
    numeric_order: str
    ordinal_days: dict[str, int]
    year_words: frozenset[str]
    year_before: frozenset[str]
    year_after: frozenset[str]
    this_year: frozenset[str]
    parts: dict[str, str]
    day_parts: frozenset[str]
    units: dict[str, str]
    one_prefix: str
    deictic: dict[str, int]
    before: dict[str, int]
    after: dict[str, int]
    narrative: dict[str, int]
    count_after: dict[str, int]
    count_window: dict[str, int]
    window_back: frozenset[str]
    vague_counts: frozenset[str]
    am: frozenset[str]
    pm: frozenset[str]
    pm_parts: frozenset[str]
    fractions: dict[str, int]
    clock_to: frozenset[str]
    zones: dict[str, str]
    default_zone: str
    hour_words: dict[str, int]
    holidays: dict[str, Holiday]  # lower-case name -> holiday
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    by_kind: dict[str, list[tuple[int, re.Pattern[str]]]] = field(default_factory=dict)
    # trigger tables for the anchored matcher (see times._match)
    triggers: dict[str, int] = field(default_factory=dict)  # token as written (with punctuation variants) -> classes
    prefixable: frozenset[str] = frozenset()  # lower-case words that may open an expression before its trigger
    neighbours: frozenset[str] = frozenset()  # words next to a unit word that make it worth a closer look
    unit_words: frozenset[str] = frozenset()
    ampm_words: frozenset[str] = frozenset()
    oclock_words: frozenset[str] = frozenset()
    clock_prefix: frozenset[str] = frozenset()
    wd_date_gap: re.Pattern[str] = re.compile("")
    range_gap: re.Pattern[str] = re.compile("")
    day_clock_gap: re.Pattern[str] = re.compile("")
    clock_day_gap: re.Pattern[str] = re.compile("")


# trigger classes
T_WD, T_MON, T_UNIT, T_DX, T_DP, T_CLK, T_HOL, T_OCLOCK, T_FRAC = 1, 2, 4, 8, 16, 32, 64, 128, 256
_LEAD = ("", "(", "”", "“", '"', "'", "‘")
_TRAIL = (
    "", ",", ".", ";", ":", ")", "),", ").", "”", "”,", "”.", ",”", ".”", "?", "!", '"', '",', '".', ',"', '."', "?”", '?"',
    "'s", "’s", "’", ")”", "):", ");",
)


def _variants(word: str) -> list[str]:
    """A word as it may appear between spaces: with punctuation attached, lower and capitalized."""
    forms = {word, word.lower(), word[:1].upper() + word[1:]}
    return [lead + f + trail for f in forms for lead in _LEAD for trail in _TRAIL]


def _lower_map(d: dict[str, Any] | None) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in (d or {}).items()}


def _words(sec: dict[str, Any], key: str) -> list[str]:
    v = sec.get(key, [])
    if isinstance(v, dict):
        v = v.get("words", [])
    if not isinstance(v, list):
        raise PackError(f"dates.{key} must be a list of words")
    return [str(w) for w in v]


def _names(names: list[str], dotted: frozenset[str] | set[str] = frozenset()) -> str:
    """Case-sensitive alternation of names; abbreviations in ``dotted`` may carry a dot ("Feb.")."""
    items = sorted(set(names), key=lambda w: (-len(w), w))
    if not items:
        return "(?!x)x"
    return "(?:" + "|".join(re.escape(n) + (r"\.?" if n in dotted else "") for n in items) + ")"


@lru_cache(maxsize=None)
def _build(code: str, pack: Pack) -> TimeLexicon:
    sec = pack["dates"]
    nums = number_lexicon(pack)
    weekday: dict[str, int] = {}
    for i, names in enumerate(pack.require("dates", "weekdays", list)):
        for n in names:
            weekday[n] = i
    if len(set(weekday.values())) != 7:
        raise PackError(f"language pack '{code}': dates.weekdays must list 7 days")
    min_len = int(sec.get("weekday_min_len", 0))
    month: dict[str, int] = {}
    abbrev: set[str] = set()
    for i, names in enumerate(pack.require("dates", "months", list)):
        for k, n in enumerate(names):
            month[n] = i + 1
            if k:
                abbrev.add(n)
    if len(set(month.values())) != 12:
        raise PackError(f"language pack '{code}': dates.months must list 12 months")
    years = sec.get("years", {}) or {}
    units_sec = sec.get("units", {}) or {}
    units: dict[str, str] = {}
    for unit in ("day", "week", "weekend", "month", "year"):
        for w in units_sec.get(unit, []):
            units[w.lower()] = unit
    clock = sec.get("clock", {}) or {}
    window = sec.get("window_before", {}) or {}
    hour_words = {w: int(v) for w, v in nums.words.items() if isinstance(v, int) and 1 <= v <= 12}
    holidays: dict[str, Holiday] = {}
    holiday_names: list[str] = []
    for key, h in (sec.get("holidays", {}) or {}).items():
        hol = Holiday(key, {int(y): str(d) for y, d in (h.get("dates") or {}).items()}, h.get("fixed"))
        for n in h.get("names", []):
            holidays[n.lower()] = hol
            holiday_names.append(n)
    lex = TimeLexicon(
        code=code,
        numbers=nums,
        weekday=weekday,
        weekday_short=frozenset(n for n in weekday if len(n) < min_len),
        month=month,
        month_abbrev=frozenset(abbrev),
        month_needs_number=frozenset(sec.get("month_needs_number", [])),
        numeric_order=str(sec.get("numeric_order", "dmy")),
        ordinal_days=_lower_map(sec.get("ordinal_days")),
        year_words=frozenset(w.lower() for w in years.get("year_words", [])),
        year_before=frozenset(w.lower() for w in years.get("year_before", [])),
        year_after=frozenset(w.lower() for w in years.get("year_after", [])),
        this_year=frozenset(w.lower() for w in years.get("this_year", [])),
        parts=_lower_map(sec.get("parts")),
        day_parts=frozenset(w.lower() for w in _words(sec.get("day_parts", {}) or {}, "words")),
        units=units,
        one_prefix=str(units_sec.get("one_prefix", "")),
        deictic=_lower_map(sec.get("deictic")),
        before=_lower_map(sec.get("before")),
        after=_lower_map(sec.get("after")),
        narrative=_lower_map(sec.get("narrative")),
        count_after=_lower_map(sec.get("count_after")),
        count_window=_lower_map(sec.get("count_window")),
        window_back=frozenset(w.lower() for w in window.get("back", [])),
        vague_counts=frozenset(w.lower() for w in _words(sec.get("vague_counts", {}) or {}, "words")),
        am=frozenset(w.lower() for w in clock.get("am", [])),
        pm=frozenset(w.lower() for w in clock.get("pm", [])),
        pm_parts=frozenset(w.lower() for w in clock.get("pm_parts", [])),
        fractions=_lower_map(clock.get("fractions")),
        clock_to=frozenset(w.lower() for w in clock.get("to", [])),
        zones=dict(clock.get("zones", {}) or {}),
        default_zone=str(clock.get("default_zone", "")),
        hour_words=hour_words,
        holidays=holidays,
    )
    _compile(lex, sec, clock, window, years, holiday_names)
    return lex


def _compile(
    lex: TimeLexicon, sec: dict[str, Any], clock: dict[str, Any], window: dict[str, Any], years: dict[str, Any], holiday_names: list[str]
) -> None:
    wp = words_pattern
    WD = _names(list(lex.weekday), lex.weekday_short)
    MON = _names(list(lex.month), {n for n in lex.month_abbrev if len(n) <= 4})
    THE = wp(years.get("the_words", []))
    OF = wp(years.get("of_words", []))
    THISYEAR = wp(lex.this_year)
    PARTS = wp(lex.parts)
    DAYPARTS = wp(lex.day_parts)
    UNITS = wp(lex.units)
    AFTER = wp(lex.after)
    BEFORE = wp(lex.before)
    NARR = wp(lex.narrative)
    COUNT_AFTER = wp(lex.count_after)
    COUNT_WINDOW = wp(lex.count_window)
    WINDOW = wp(window.get("words", []))
    DEICTIC = wp(lex.deictic)
    DXPFX = wp(_words(sec.get("deictic_prefix", {}) or {}, "words"))
    WDPFX = wp(sec.get("weekday_prefix", []))
    YEARWORDS = wp(lex.year_words)
    YEARAFTER = wp(lex.year_after)
    ORD = wp(lex.ordinal_days)
    ZONES = _names(list(lex.zones))
    CLOCKPFX = wp(clock.get("prefix", []))
    AMPM = wp(lex.am | lex.pm)
    OCLOCK = wp(clock.get("oclock", []))
    FRACTIONS = wp(lex.fractions)
    TOPAST = wp(set(clock.get("to", [])) | set(clock.get("past", [])))
    HOURW = wp(lex.hour_words)
    DPJOIN = wp(clock.get("dp_joiners", []))
    VAGUE = wp(lex.vague_counts)
    ONE = wp(lex.numbers.article_one)
    HOL = words_pattern(holiday_names, ignore_case=False)
    DP = rf"(?:\s+(?P<dp>{DAYPARTS}){E})?"
    NOT_OF = rf"(?!\s+(?:{OF}){E})"  # "the last day of the session" names a day, it is not relative
    COUNT = rf"\d+(?:\s*[-–]\s*\d+)?|{lex.numbers.run_pattern}|{VAGUE}|{ONE}"
    unit_noun = [u for u in lex.units if " " not in u]
    ONEUNIT = rf"|(?i:{re.escape(lex.one_prefix)})(?P<unit1>{wp(unit_noun)})" if lex.one_prefix else ""
    Y = rf"(?<![\d][.,])(?P<y>{YEAR}){E}(?![.,]\d)"
    pats: list[tuple[str, str]] = [
        ("numeric", rf"(?P<open>\()?{B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d{{2}}))?(?![\d/])(?P<close>\))?{DP}"),
        ("dmy", rf"{B}(?:(?:{THE})\s+)?(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:{OF}))?|(?P<od>{ORD})\s+(?:{OF}))\s+(?P<mon>{MON}){E}(?:,?\s+{Y})?{DP}"),
        ("dayrange", rf"{B}(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d>\d{{1,2}})\s+(?P<mon>{MON}){E}(?:,?\s+{Y})?"),
        ("month", rf"{B}(?:(?P<part>{PARTS})(?:\s+|-))?(?P<mon>{MON}){E}(?!\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d|[.,]\d))(?:,?\s+(?:(?:{OF})\s+)?{Y}|\s+(?P<ty>{THISYEAR}){E}|\s+(?P<post>{AFTER}){E})?"),
        ("iso", rf"{B}(?P<y>{YEAR})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d))?{E}(?![.,/-]\d)"),
        ("yrange", rf"{B}(?P<y1>{YEAR})\s*[-–/]\s*(?P<y2>{YEAR}|\d{{2}}){E}(?![.,/]\d)"),
        ("decade", rf"{B}(?:(?:{THE})\s+)?(?:(?P<part>{PARTS})(?:\s+|-))?(?P<dec>1[89]\d0|20\d0)['’]?s{E}"),
        ("year", rf"{B}(?:(?P<part>{PARTS})(?:\s+|-))?(?:(?P<yw>{YEARWORDS})\s+)?(?P<open>\()?{Y}(?P<close>\))?(?:\s+(?P<post>{YEARAFTER}){E})?"),
        ("clock", rf"{B}(?P<pfx>{CLOCKPFX})\s+(?P<h>\d{{1,2}})[.:](?P<mi>\d{{2}})(?:\s*[-–]\s*(?P<h2>\d{{1,2}})[.:](?P<mi2>\d{{2}}))?{E}(?:\s+(?P<tz>{ZONES}){E})?"),
        ("clock", rf"{B}(?P<h>\d{{1,2}})[.:](?P<mi>\d{{2}})\s*\(?(?P<tz>{ZONES})\)?{E}"),
        ("clock", rf"{B}(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ampm>{AMPM})(?![\w])(?:\s*\(?(?P<tz>{ZONES})\)?(?![\w]))?"),
        ("clock", rf"{B}(?P<h>\d{{1,2}}):(?P<mi>\d{{2}}){E}(?:\s*\(?(?P<tz>{ZONES})\)?(?![\w]))?"),
        ("clock", rf"{B}(?P<hw>{HOURW}|\d{{1,2}})\s+(?:{OCLOCK})(?:\s+(?:{DPJOIN})\s+(?P<dp>{DAYPARTS}){E})?"),
        ("clock", rf"{B}(?P<fr>{FRACTIONS})\s+(?P<dir>{TOPAST})\s+(?P<hw>{HOURW}|\d{{1,2}}){E}"),
        ("holiday", rf"{B}(?P<hol>{HOL}){E}(?:\s+{Y})?"),
        ("weekday", rf"{B}(?:(?P<pre>{BEFORE})\s+)?(?:(?P<pfx>{WDPFX})\s+)?(?P<wd>{WD}){E}{DP}(?:\s+(?P<post>{AFTER}){E})?"),
        ("deictic", rf"{B}(?:(?P<pfx>{DXPFX})\s+)?(?P<dx>{DEICTIC}){E}"),
        ("count", rf"{B}(?:(?P<n>{COUNT})\s+(?P<unit>{UNITS}){ONEUNIT})\s+(?:(?P<dir>{COUNT_AFTER})|(?P<narr>{NARR})|(?P<win>{COUNT_WINDOW})){E}"),
        ("unit_pre", rf"{B}(?:(?:{THE})\s+)?(?:(?P<pfx>{DXPFX})\s+)?(?P<pre>{BEFORE})\s+(?P<unit>{UNITS}|{DAYPARTS}){E}{NOT_OF}"),
        ("window", rf"{B}(?:(?:{THE})\s+)?(?P<win>{WINDOW})\s+(?:(?P<n>{COUNT})\s+)?(?P<unit>{UNITS}){E}{NOT_OF}"),
        ("unit_post", rf"{B}(?:(?P<part>{PARTS})\s+)?(?P<unit>{UNITS}|{DAYPARTS})\s+(?:(?P<post>{AFTER})|(?P<narr>{NARR})){E}"),
        ("daypart", rf"{B}(?P<dp>{DAYPARTS})\s+(?P<sd>{wp(_words(sec.get('day_parts', {}) or {}, 'same_day_suffix'))}){E}"),
    ]
    if lex.numeric_order == "mdy":
        pats.insert(2, ("mdy", rf"{B}(?P<mon>{MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{E}(?![.,]\d)(?:,?\s+{Y})?(?:,?\s+(?P<ty>{THISYEAR}){E})?{DP}"))
    lex.patterns = [(kind, re.compile(p)) for kind, p in pats]
    for prio, (kind, rx) in enumerate(lex.patterns):
        lex.by_kind.setdefault(kind, []).append((prio, rx))
    _triggers(lex, sec, clock, window, years)
    wd_join = wp(_words(sec.get("weekday_date", {}) or {}, "joiners"))
    lex.wd_date_gap = re.compile(rf"\s*,?\s*(?:(?:{wd_join})\s*,?\s*)?")
    lex.range_gap = re.compile(rf"\s*(?:{wp(_words(sec.get('ranges', {}) or {}, 'connectors'))})\s*")
    lex.day_clock_gap = re.compile(rf"\s*,?\s*(?:(?:{wp(clock.get('joiners', []))})\s+)?")
    lex.clock_day_gap = re.compile(rf"\s*,?\s*(?:(?:{wp(clock.get('day_joiners', []))})\s+)?")


def _triggers(lex: TimeLexicon, sec: dict[str, Any], clock: dict[str, Any], window: dict[str, Any], years: dict[str, Any]) -> None:
    """Words that anchor an expression, and the words that may precede them inside it."""
    trig: dict[str, int] = {}

    def add(word: str, cls: int, case_sensitive: bool = False) -> None:
        for v in ([f"{lead}{word}{trail}" for lead in _LEAD for trail in _TRAIL] if case_sensitive else _variants(word)):
            trig[v] = trig.get(v, 0) | cls

    for w in lex.weekday:
        add(w, T_WD, case_sensitive=True)
    for w in lex.month:
        add(w, T_MON, case_sensitive=True)
    for w in lex.units:
        add(w.split()[-1], T_UNIT)
        if lex.one_prefix and " " not in w:
            add(lex.one_prefix + w, T_UNIT)
    common = set(lex.before) | {w.lower() for w in (sec.get("triggers", {}) or {}).get("common", [])}
    for w in lex.deictic:
        for part in w.split():
            if part in lex.units or part in lex.day_parts or part in common:
                continue
            add(part, T_DX)
    same_day = _words(sec.get("day_parts", {}) or {}, "same_day_suffix")
    for w in list(lex.day_parts) + same_day:
        add(w.split()[-1], T_DP)
    for w in clock.get("prefix", []):
        add(w, T_CLK)
    for w in clock.get("oclock", []):
        add(w, T_OCLOCK)
    for w in lex.fractions:
        add(w, T_FRAC)
    for name in lex.holidays:
        for part in name.split():
            if part[:1].isupper():
                add(part, T_HOL)
    for name in [n for n in lex.holidays]:
        add(name.split()[-1], T_HOL)
    lex.triggers = trig
    pre: set[str] = set()
    for group in (
        years.get("the_words", []), years.get("of_words", []), lex.parts, lex.year_words, lex.before, window.get("words", []),
        _words(sec.get("deictic_prefix", {}) or {}, "words"), sec.get("weekday_prefix", []), lex.vague_counts,
        lex.numbers.article_one, lex.ordinal_days, lex.day_parts, lex.numbers.words, lex.numbers.multipliers,
        lex.numbers.adders, lex.numbers.scales, lex.deictic, clock.get("prefix", []), clock.get("joiners", []),
    ):
        for w in group:
            pre.update(p.lower() for p in str(w).split())
    pre.update(n.lower() for name in lex.holidays for n in name.split())
    lex.prefixable = frozenset(pre)
    nb: set[str] = set()
    for group in (lex.after, lex.narrative, lex.count_after, lex.count_window, lex.deictic, lex.before, window.get("words", []), lex.parts, years.get("the_words", [])):
        for w in group:
            nb.update(p.lower() for p in str(w).split())
    lex.neighbours = frozenset(nb | set(lex.vague_counts) | set(lex.numbers.words) | set(lex.numbers.article_one))
    lex.unit_words = frozenset(lex.units)
    lex.ampm_words = frozenset(lex.am | lex.pm)
    lex.oclock_words = frozenset(w.lower() for w in clock.get("oclock", []))
    lex.clock_prefix = frozenset(w.lower() for w in clock.get("prefix", []))


def time_lexicon(pack: Pack) -> TimeLexicon:
    """The time lexicon of ``pack`` (built once per process)."""
    return _build(pack.code, pack)
