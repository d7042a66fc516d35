"""What the linker keeps of each article: compact, picklable, language-independent features.

Computed once per article (in worker processes), from the analysis in its JSON
form, so the linker never holds whole analyses in memory.  Claims are reduced to
*propositions*: ``(event type, actor, target)`` with actor and target as ISO
country codes or canonical refs, plus facets (quantity, place country, time) -
the same key whichever language the article is in.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from datasketch import LeanMinHash

from sumber.link import text as T

_STATUS = {"asserted": 1, "denied": -1}
_STANCE = {"asserts": 1, "denies": -1}
LEAD_CHARS = 600


def fold(s: str | None) -> str:
    return " ".join((s or "").casefold().split())


def day_number(value: str | None) -> int | None:
    """Ordinal day of an ISO date or date-time; None when unknown."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@dataclass(slots=True)
class Prop:
    """One proposition of a claim: what happened, who to whom, and its facets."""

    type: str
    actor: str | None
    target: str | None
    quantity: float | None = None
    place: str | None = None  # country of the event's place
    time: str | None = None  # normalized event time value
    inferred: bool = False  # actor taken from the denier's affiliation

    def key(self) -> tuple[str, str | None, str | None]:
        return (self.type, self.actor, self.target)

    def describe(self) -> str:
        s = f"{self.type} {self.actor or '?'} -> {self.target or '?'}"
        if self.quantity is not None:
            s += f" ({self.quantity:g})"
        return s


@dataclass(slots=True)
class Unit:
    """A claim: an attribution, or an event stated in the article's own voice."""

    item: str
    polarity: int  # 1 asserts, -1 denies
    props: list[Prop] = field(default_factory=list)
    content: frozenset[str] = frozenset()  # language-independent tokens of the claim's content
    source: str = ""  # folded source name
    source_kind: str | None = None
    affiliation: frozenset[str] = frozenset()  # countries of the source
    anaphoric: bool = False  # "denied the report": refers back to a claim in the article
    order: int = 0


@dataclass(slots=True)
class Features:
    id: str
    seq: int
    url: str | None
    lang: str | None
    outlet: str  # folded, '' when unknown
    day: int | None
    chars: int
    translated: bool  # carries a translation notice
    marker_names: frozenset[str]  # syndication / agency names in provenance, folded
    shingles: np.ndarray
    mh_text: LeanMinHash
    mh_lead: LeanMinHash
    ent_seq: tuple[str, ...]  # language-independent tokens (numbers, dates, places, names) in text order
    units: list[Unit]
    cited_names: frozenset[str]  # agency / media sources quoted in the article, folded
    cites: list[tuple[str, str | None, str]]  # (citing item or '' for the article, cited item, evidence)


def _mention_token(m: dict[str, Any]) -> str | None:
    kind, ref = m.get("kind"), m.get("ref")
    if kind == "country" and ref:
        return "c:" + ref
    if kind == "place" and ref:
        return "p:" + ref
    if kind == "person" and (m.get("name") or m.get("text")):
        return "w:" + fold(m.get("name") or m.get("text")).split(" ")[-1]
    return None


def _actor_key(m: dict[str, Any] | None) -> str | None:
    if not m:
        return None
    if m.get("kind") == "country" and m.get("ref"):
        return m["ref"]
    if m.get("kind") in ("anonymous", "role"):
        return None
    return m.get("ref") or (fold(m.get("name") or m.get("text")) or None)


_SENT = re.compile(r"[.!?\n]")


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and not _SENT.match(text[i - 1]):
        i -= 1
    return i


def _inside(items: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
    return [m for m in items if m.get("start") is not None and m["start"] >= start and m["end"] <= end]


def content_tokens(text: str, mentions: list[dict[str, Any]], places: list[dict[str, Any]], times: list[dict[str, Any]],
                   start: int, end: int, nums: list[tuple[int, str]] | None = None,
                   caps: list[tuple[int, str]] | None = None) -> frozenset[str]:
    toks: set[str] = set()
    inside = _inside(mentions, start, end)
    for m in inside:
        t = _mention_token(m)
        if t:
            toks.add(t)
    for p in _inside(places, start, end):
        if p.get("gazetteer_id"):
            toks.add("p:" + p["gazetteer_id"])
    for t in _inside(times, start, end):
        if t.get("value"):
            toks.add("t:" + t["value"])
    if nums is None:
        nums = T.numbers(text)
    if caps is None:
        caps = T.capitalized(text, skip=[(m["start"], m["end"]) for m in mentions if m.get("kind") == "country"])
    toks.update("n:" + n for n in T.between(nums, start, end))
    toks.update("w:" + w for w in T.between(caps, start, end))
    return frozenset(toks)


def _affiliation(text: str, src: dict[str, Any], cue: dict[str, Any], mentions: list[dict[str, Any]]) -> frozenset[str]:
    """Countries the source speaks for: inside its span, else in its sentence before the cue."""
    inside = {m["ref"] for m in _inside(mentions, src["start"], src["end"]) if m.get("kind") == "country" and m.get("ref")}
    if inside or src["kind"] == "country":
        if src["kind"] == "country" and not inside:
            return frozenset()
        return frozenset(inside)
    if src["start"] < cue["start"]:
        s = _sentence_start(text, src["start"])
        near = {m["ref"] for m in _inside(mentions, s, cue["start"]) if m.get("kind") == "country" and m.get("ref")}
        return frozenset(near)
    return frozenset()


def _prop(e: dict[str, Any]) -> Prop:
    q = e.get("quantity") or {}
    pl = e.get("place") or {}
    tm = e.get("time") or {}
    tval = tm.get("value")
    return Prop(e["type"], _actor_key(e.get("actor")), _actor_key(e.get("target")),
                float(q["value"]) if q.get("value") is not None else None, pl.get("country"), tval)


def claim_units(d: dict[str, Any], nums: list[tuple[int, str]] | None = None,
                caps: list[tuple[int, str]] | None = None) -> list[Unit]:
    """The claims of one analysis (JSON form) as units with propositions."""
    art = d["article"]
    text = art["text"]
    mentions = d.get("mentions") or []
    if nums is None:
        nums = T.numbers(text)
    if caps is None:
        caps = T.capitalized(text, skip=[(m["start"], m["end"]) for m in mentions if m.get("kind") == "country"])
    places = d.get("places") or []
    times = d.get("times") or []
    by_attr: dict[str, list[dict[str, Any]]] = {}
    units: list[Unit] = []
    for e in d.get("events") or []:
        by_attr.setdefault(e.get("attribution") or "", []).append(e)
    for i, a in enumerate(d.get("attributions") or []):
        pol = _STANCE.get(a.get("stance"))
        if pol is None:
            continue
        src = a["source"]
        name = src.get("name") or src.get("text") or ""
        c = a.get("content")
        toks = content_tokens(text, mentions, places, times, c["start"], c["end"], nums, caps) if c else frozenset()
        u = Unit(a["id"], pol, [], toks, fold(name), src.get("kind"), _affiliation(text, src, a["cue"], mentions),
                 order=i)
        for e in by_attr.get(a["id"], []):
            # a planned or decided act ("decided to send") is still what the source claims
            ep = pol if e.get("status") == "hypothetical" else _STATUS.get(e.get("status"))
            if ep is None or ep != pol:
                continue
            p = _prop(e)
            if pol < 0 and p.actor is None and len(u.affiliation) == 1:
                # "X denies sending troops": the denied act is X's own
                p.actor, p.inferred = next(iter(u.affiliation)), True
            u.props.append(p)
        if not u.props and pol < 0 and not any(t[0] in "cpn" for t in toks):
            u.anaphoric = True  # "denied the report", "membantah laporan tersebut"
        units.append(u)
    base = len(units)
    for j, e in enumerate(by_attr.get("", [])):
        ep = _STATUS.get(e.get("status"))
        if ep is None:
            continue
        trig = e["trigger"]
        s = _sentence_start(text, trig["start"])
        units.append(Unit(e["id"], ep, [_prop(e)], content_tokens(text, mentions, places, times, s, trig["end"], nums, caps),
                          "", None, frozenset(), order=base + j))
    _resolve_anaphora(units)
    return units


def _resolve_anaphora(units: list[Unit]) -> None:
    """A denial with no proposition of its own ("denied the report") takes the nearest earlier claim it answers.

    That is the nearest asserted claim whose actor is the denier's own country
    (people deny their own acts), else - when the denier has no country - the
    nearest asserted claim; when none comes before, the first after (a headline denial).
    """
    for i, u in enumerate(units):
        if not u.anaphoric:
            continue
        for a in [*reversed(units[:i]), *units[i + 1:]]:  # nearest before, else the first after
            if a.polarity < 0 or not a.props or a.anaphoric:
                continue
            hits = [p for p in a.props if p.actor and p.actor in u.affiliation] if u.affiliation else list(a.props)
            if hits:
                u.props = [Prop(p.type, p.actor, p.target, None, p.place, p.time, p.inferred) for p in hits]
                break


def extract(seq: int, d: dict[str, Any]) -> Features:
    """Features of one analysis in its JSON form."""
    art = d["article"]
    text = art.get("text") or ""
    toks = T.words(text)
    sh = T.shingle_hashes(toks)
    first = text.find("\n")
    body = first + 1 if 0 <= first < 160 else 0  # a headline line is often rewritten by copies: skip it
    # the lede paragraph: wire copies keep it verbatim even when they cut or reorder the rest
    para = text.find("\n\n", body + 100, body + LEAD_CHARS)
    lead = T.shingle_hashes(T.words(text[body:para if para > 0 else body + LEAD_CHARS]))
    mentions = d.get("mentions") or []
    ordered: list[tuple[int, str]] = []
    for m in mentions:
        t = _mention_token(m)
        if t and not t.startswith("c:"):
            ordered.append((m["start"], t))
    for p in d.get("places") or []:
        if p.get("gazetteer_id"):
            ordered.append((p["start"], "p:" + p["gazetteer_id"]))
    for t in d.get("times") or []:
        if t.get("value"):
            ordered.append((t["start"], "t:" + t["value"]))
    nums = T.numbers(text)
    caps = T.capitalized(text, skip=[(m["start"], m["end"]) for m in mentions if m.get("kind") == "country"])
    ordered += [(o, "n:" + n) for o, n in nums if not (len(n) == 4 and n[:2] in ("19", "20"))]
    ordered += [(o, "w:" + w) for o, w in caps]
    ordered.sort()
    seen: set[str] = set()
    seqtoks = []
    for _, t in ordered:
        if t not in seen:
            seen.add(t)
            seqtoks.append(t)
    markers = art.get("provenance") or []
    names = frozenset(fold(m.get("name") or m.get("text")) for m in markers
                      if m.get("kind") in ("syndication", "agency") and (m.get("name") or m.get("text")))
    units = claim_units(d, nums, caps)
    cited = frozenset(fold(a["source"].get("name") or a["source"].get("text")) for a in d.get("attributions") or []
                      if a["source"].get("kind") in ("agency", "media"))
    from sumber.link.chains import article_cites

    return Features(
        id=art["id"], seq=seq, url=art.get("url"), lang=art.get("language"), outlet=fold(art.get("outlet")),
        day=day_number(art.get("published")), chars=len(text),
        translated=any(m.get("kind") == "translation" for m in markers), marker_names=names,
        shingles=sh, mh_text=T.minhash(sh), mh_lead=T.minhash(lead), ent_seq=tuple(sys.intern(t) for t in seqtoks),
        units=units, cited_names=cited, cites=article_cites(d),
    )
