"""Flatten an ``Analysis`` into the rows of the store's relational tables.

This runs in the analysis workers, so the process that writes to the database
only executes inserts.  Everything a query filters on is computed here once
(folded names, the day used for date filters, place keys), in Python, so both
backends see identical values and return identical results.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import datetime, timezone
from typing import Any

from sumber.model import Analysis, Mention

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """Same result as ``Record.to_dict()`` (the JSON contract), several times faster.

    Ingest serialises every analysis, so this is on the hot path; field names are
    looked up once per record type.  Tests check it against ``to_dict``.
    """
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    names = _FIELDS.get(type(value))
    if names is None:
        if not is_dataclass(value):
            return value
        names = _FIELDS.setdefault(type(value), tuple(f.name for f in fields(value)))
    return {n: plain(getattr(value, n)) for n in names}


def day(value: str | None) -> str:
    """The ``YYYY-MM-DD`` a value starts with, else ''."""
    if not value:
        return ""
    m = _DAY.match(value)
    return m.group(1) if m else ""


def fold(text: str | None) -> str:
    """Case- and space-insensitive form used for name filters (same on every backend)."""
    return " ".join((text or "").casefold().split())


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def place_key(gazetteer_id: str | None, name: str, country: str | None, lat: float | None, lon: float | None) -> str:
    """One key per distinct place: the gazetteer id, else name, country and rounded point."""
    if gazetteer_id:
        return gazetteer_id
    point = f"{lat:.3f},{lon:.3f}" if lat is not None and lon is not None else ""
    return f"{fold(name)}|{country or ''}|{point}"


@dataclass(slots=True)
class Prepared:
    """One analysed article ready to insert: article row, analysis JSON and child rows."""

    article_id: str
    article: dict[str, Any]
    analysis_json: str
    children: dict[str, list[tuple]] = field(default_factory=dict)
    analyzer: str | None = None


def _about_rows(article_id: str, claim_ord: int, mentions: list[Mention]) -> list[tuple]:
    rows: list[tuple] = []
    seen: set[tuple] = set()
    for m in mentions:
        for name in (m.name, m.text):
            key = (m.ref, fold(name))
            if not key[1] or key in seen:
                continue
            seen.add(key)
            rows.append((article_id, claim_ord, len(rows), m.ref, key[1], m.kind))
    return rows


def prepare(analysis: Analysis, analyzer: str | None = None) -> Prepared:
    """Rows for every table; the article row's ``ingested`` is set at write time."""
    a = analysis.article
    aid = a.id
    pub_day = day(a.published)
    children: dict[str, list[tuple]] = {}
    children["provenance"] = [(aid, i, m.kind, m.text, m.name, m.start, m.end) for i, m in enumerate(a.provenance)]
    children["mentions"] = [(aid, i, m.start, m.end, m.text, m.kind, m.ref, m.name) for i, m in enumerate(analysis.mentions)]
    children["places"] = [
        (aid, i, p.start, p.end, p.text, p.name, p.country, p.admin1, p.lat, p.lon, p.precision, p.gazetteer_id,
         p.score, place_key(p.gazetteer_id, p.name, p.country, p.lat, p.lon), pub_day)
        for i, p in enumerate(analysis.places)
    ]
    children["times"] = [(aid, i, t.start, t.end, t.text, t.value, t.granularity, t.anchor) for i, t in enumerate(analysis.times)]
    children["quantities"] = [
        (aid, i, q.start, q.end, q.text, None if q.value is None else float(q.value), int(q.approximate), q.bound,
         q.unit.text if q.unit else None)
        for i, q in enumerate(analysis.quantities)
    ]
    claims, about, claim_texts = [], [], []
    events_by_attr: dict[str, list[Mention]] = {}
    for e in analysis.events:
        if e.attribution:
            events_by_attr.setdefault(e.attribution, []).extend(m for m in (e.actor, e.target) if m)
    for i, at in enumerate(analysis.attributions):
        src = at.source
        c = at.content
        inside = [m for m in analysis.mentions if c and m.start >= c.start and m.end <= c.end]
        about.extend(_about_rows(aid, i, inside + events_by_attr.get(at.id, [])))
        claims.append((
            aid, i, at.id, src.text, src.kind, src.name, fold(f"{src.name or ''} | {src.text}"), int(src.anonymous),
            src.start, src.end, at.cue.text, at.cue.lemma, at.stance, int(at.hedged), int(at.direct_quote),
            c.text if c else None, c.start if c else None, c.end if c else None,
            at.via.text if at.via else None, at.channel.text if at.channel else None,
            at.addressee.text if at.addressee else None, at.time, day(at.time) or pub_day,
        ))
        claim_texts.append(" ".join(x for x in (src.name or src.text, c.text if c else "") if x))
    children["claims"] = claims
    children["claim_about"] = about
    events = []
    for i, e in enumerate(analysis.events):
        names = [x for m in (e.actor, e.target) if m for x in (m.ref, m.name, m.text) if x]
        pl, tm, qn = e.place, e.time, e.quantity
        events.append((
            aid, i, e.id, e.type, e.mode, e.status, e.trigger.text, e.trigger.start, e.trigger.end,
            (e.actor.name or e.actor.text) if e.actor else None, e.actor.ref if e.actor else None,
            e.actor.kind if e.actor else None,
            (e.target.name or e.target.text) if e.target else None, e.target.ref if e.target else None,
            e.target.kind if e.target else None,
            "\x1f".join(fold(n) for n in names),
            pl.name if pl else None, pl.country if pl else None, pl.admin1 if pl else None,
            pl.lat if pl else None, pl.lon if pl else None, pl.precision if pl else None,
            tm.value if tm else None, tm.granularity if tm else None,
            None if not qn or qn.value is None else float(qn.value), qn.text if qn else None,
            e.attribution, day(tm.value if tm else None) or pub_day,
        ))
    children["events"] = events
    article = {
        "id": aid, "url": a.url, "title": a.title, "text": a.text, "outlet": a.outlet, "language": a.language,
        "published": a.published, "date": pub_day, "crawled": a.crawled, "extractor": a.extractor,
        "source": a.source, "text_hash": text_hash(a.text), "claims_text": "\n".join(claim_texts),
    }
    return Prepared(aid, article, json.dumps(plain(analysis), ensure_ascii=False), children, analyzer)
