"""Provenance markers found in the text: dateline, publisher, agency credits, syndication
and translation notices, each with its span.

The dateline ("SEOUL, KOMPAS —", "seoul:", "JAKARTA (AFP) -") names the place and often the
publisher; a publisher is listed but never counted as the source of an attribution.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sumber.analyze.doc import Doc
from sumber.analyze.matcher import PhraseMatcher, lower_same_length
from sumber.lang import Pack
from sumber.model import Marker

# "SEOUL, KOMPAS —", "Jakarta, Kompas -", "WASHINGTON (Reuters) -", "seoul:" (alone on a line)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'\- ]{1,38}?|[a-z][a-z.'\- ]{1,30}?)"
    r"(?:\s*,\s*(?P<outlet>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}))?"
    r"(?:\s*,\s*(?P<extra>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}))?"  # "KISUMU, Kenya, July 19"
    r"(?:\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?P<sep>[:—–]|--?)(?=\s)"
)
_MONTHISH = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$")


@lru_cache(maxsize=None)
def _notices(pack: Pack) -> dict[str, PhraseMatcher]:
    section = pack.get("provenance", {}) or {}
    return {kind: PhraseMatcher({p: True for p in section.get(kind, [])}) for kind in ("syndication", "translation", "unedited")}


def dateline(doc: Doc) -> list[Marker]:
    text = doc.text
    if not doc.paragraphs:
        return []
    p0, p1 = doc.paragraphs[0]
    m = _DATELINE.match(text, p0, min(p1 + 2, p0 + 90))
    if not m:
        return []
    place = m.group("place").strip()
    if len(place.split()) > 4 or (place.islower() and m.group("sep") != ":"):
        return []
    # a heading such as "Update: ..." has no capitals-only or lower-case city form; accept
    # all-caps places, lower-case places ended by ":" on their own line, or Title Case + outlet
    if not (place.isupper() or place.islower() or m.group("outlet") or m.group("agency")):
        return []
    whole = text[m.start():m.end()].rstrip()
    out = [Marker("dateline", whole, place, m.start(), m.start() + len(whole))]
    outlet = m.group("outlet")
    # "KISUMU, Kenya, July 19 (Reuters) -": a country or a date is not an outlet
    if outlet and not m.group("extra") and not _MONTHISH.match(outlet.split()[0]) and not m.group("agency") \
            and not any(mm.kind == "country" and mm.start == m.start("outlet") for mm in doc.mentions):
        out.append(Marker("outlet", outlet, outlet, m.start("outlet"), m.end("outlet")))
    if m.group("agency"):
        out.append(Marker("agency", m.group("agency"), m.group("agency"), m.start("agency"), m.end("agency")))
    return out


def extract(doc: Doc) -> list[Marker]:
    text = doc.text
    low = lower_same_length(text)
    out = dateline(doc)
    for kind, matcher in _notices(doc.pack).items():
        for s, e, _ in matcher.find(text, low):
            sent = doc.sentence_at(s)
            outlet = next((m for m in doc.mentions if sent[0] <= m.start < sent[1] and m.kind in ("media", "agency")), None)
            out.append(Marker("syndication" if kind == "unedited" else kind, text[s:e], outlet.name if outlet else None, s, e))
    return out


def publisher_refs(doc: Doc, markers: list[Marker]) -> frozenset[str]:
    """Refs of the outlets that publish this article (dateline outlet, syndication notice)."""
    refs = set()
    for mk in markers:
        if mk.kind in ("outlet", "syndication", "agency") and mk.start is not None:
            sent = doc.sentence_at(mk.start)
            lo, hi = (mk.start, mk.end) if mk.kind != "syndication" else sent
            for m in doc.mentions:
                if m.kind in ("media", "agency", "organization") and lo <= m.start and m.end <= hi and m.ref:
                    refs.add(m.ref)
    return frozenset(refs)
