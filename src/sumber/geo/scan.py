"""Per-article facts that country and place extraction both need.

Tokens, name candidates (``toponyms.find``), datelines, which words start a
sentence, which words the article also writes in lower case (a capitalized
"Bendera" at a sentence start is the common word when "bendera" appears too),
and the spans other stages marked as organisations or persons.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from sumber.analyze.doc import Doc
from sumber.geo.gazetteer import Index, gazetteer
from sumber.geo.lexicon import GeoLexicon, lexicon_for
from sumber.geo.names import key as key_of
from sumber.geo.toponyms import Match, Toks, find, tokenize

# "TANGERANG, KOMPAS.com -", "SEOUL (AFP) -", "Jakarta —", a line "seoul:"
_DATELINE = re.compile(r"[ \t]*([^\W\d_][^\W\d_'’.-]*(?:[ '’.-]+[^\W\d_]+){0,3})[ \t]*(,|\(|—|–|:| -)")
_OPENERS = set(".!?:;\"“”'‘«»()[]—–\n")
NAME_KINDS = frozenset({"organization", "person", "media", "agency", "platform", "social_account", "role", "document"})


@dataclass(slots=True)
class Scan:
    text: str
    lex: GeoLexicon
    gaz: Index
    toks: Toks
    matches: list[Match]
    initial: set[int]  # token indexes that start a sentence, a quote or a line
    dateline: list[tuple[int, int]]  # token ranges (inclusive) of dateline names
    outlets: list[tuple[int, int]] = field(default_factory=list)  # character spans of dateline outlets ("Tribun Medan")
    blocked: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, kind) of other mentions
    _lower: set[str] | None = None
    cache: dict = field(default_factory=dict)  # per-article results of later stages

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.toks.start, offset)

    def written_lower(self, word: str) -> bool:
        """True when the article also writes ``word`` (folded) in lower case."""
        if self._lower is None:
            cap, low = self.toks.cap, self.toks.low
            self._lower = {low[i] for i in range(len(low)) if not cap[i]}
        return word in self._lower

    def blocked_by(self, start: int, end: int) -> str | None:
        """Kind of another stage's mention overlapping the span.  A mention that is
        exactly the span does not count: a bare toponym is not an organisation's name."""
        for s, e, kind in self.blocked:
            if s < end and start < e and not (s == start and e == end and kind != "person"):
                return kind
        return None

    def in_dateline(self, t0: int, t1: int) -> bool:
        return any(a <= t0 and t1 <= b for a, b in self.dateline)

    def in_outlet(self, start: int, end: int) -> bool:
        """The span lies in the outlet of a dateline ("MEDAN, Tribun Medan —"): a publisher's name."""
        return any(a <= start and end <= b for a, b in self.outlets)


_OUTLET_END = re.compile(r"\)|\s[—–-]\s|[—–]")
_MAX_OUTLET = 60


def _outlet(text: str, m: re.Match, p_end: int) -> tuple[int, int] | None:
    """The outlet written after a dateline name: "SEOUL, Kantor Berita Contoh —", "LONDON (Example Wire) -"."""
    if m.group(2) not in (",", "("):
        return None
    end = _OUTLET_END.search(text, m.end(), min(p_end, m.end() + _MAX_OUTLET))
    if end is None or not text[m.end():end.start()].strip():
        return None
    opened = text.find("(", m.end(), end.start())
    if opened >= 0:  # "PARIS, Texas (AP) —": the outlet is in the brackets, the state before them
        return (opened + 1, end.start())
    return (m.end(), end.start())


def _datelines(text: str, toks: Toks, paragraphs: list[tuple[int, int]], starts: list[int],
               outlets: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    out = []
    paras = paragraphs or [(0, len(text))]
    for p_start, p_end in paras[:4]:
        m = _DATELINE.match(text, p_start, p_end)
        if not m:
            continue
        name = m.group(1)
        letters = [c for c in name if c.isalpha()]
        short_line = m.group(2) == ":" and not text[m.end():p_end].strip()
        if not (all(c.isupper() for c in letters) and len(letters) >= 3) and not short_line:
            continue
        a = bisect_left(starts, m.start(1))
        b = bisect_left(starts, m.end(1)) - 1
        if 0 <= a <= b:
            out.append((a, b))
            span = _outlet(text, m, p_end)
            if span is not None and outlets is not None:
                outlets.append(span)
    return out


def _qualifier_at(text: str, a: int, b: int, firsts: dict, lex: GeoLexicon, gaz: Index) -> bool:
    """The outlet span is a province, state (or its abbreviation) or country name."""
    start = a + len(text[a:b]) - len(text[a:b].lstrip())
    m = firsts.get(start)
    if m is not None and (m.country is not None or any(h.main and gaz.kind[h.entry] in (1, 2) for h in m.hits)):
        return True
    return key_of(text[start:b]) in lex.abbreviations


_last: tuple = (None, None, None)


def scan(doc: Doc, extra_blocked: list | None = None) -> Scan:
    """Scan ``doc`` (the last result is reused for the same Doc and text, so the
    country and place stages share one pass); refreshes the blocked spans."""
    global _last
    last_doc, last_text, last_scan = _last
    if last_doc is doc and last_text is doc.text:
        sc = last_scan
    else:
        sc = _scan(doc)
        _last = (doc, doc.text, sc)
    sc.blocked = [(m.start, m.end, m.kind) for m in list(doc.mentions) + list(extra_blocked or []) if m.kind in NAME_KINDS]
    return sc


def _scan(doc: Doc) -> Scan:
    text = doc.text
    lex = lexicon_for(doc.pack)
    gaz = gazetteer()
    toks = tokenize(text)
    starts = toks.start
    outlets: list[tuple[int, int]] = []
    dateline = _datelines(text, toks, doc.paragraphs, starts, outlets)
    dl_tokens = frozenset(i for a, b in dateline for i in range(a, b + 1))
    matches = find(text, toks, lex, gaz, dl_tokens)
    if outlets:  # "PARIS, Texas —": a state or country after the dateline name is no outlet
        firsts = {m.start: m for m in matches}
        outlets = [(a, b) for a, b in outlets if not _qualifier_at(text, a, b, firsts, lex, gaz)]
    initial: set[int] = set()
    sent_starts = {s for s, _ in doc.sentences}
    for i in range(len(starts)):
        if not toks.cap[i]:
            continue
        j = starts[i] - 1
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        if j < 0 or text[j] in _OPENERS or starts[i] in sent_starts:
            initial.add(i)
    return Scan(text, lex, gaz, toks, matches, initial, dateline, outlets)
