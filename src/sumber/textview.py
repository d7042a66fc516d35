"""A readable plain-text summary of an ``Analysis`` for people (``--format text``)."""

from __future__ import annotations

from sumber.model import Analysis

_STANCE_MARK = {"asserts": "+", "denies": "-", "unconfirmed": "?"}


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(result: Analysis) -> str:
    a = result.article
    lines = [f"== {a.title or a.source or a.id}  [{a.language}]" + (f"  published {a.published}" if a.published else "")]
    if a.provenance:
        lines.append("provenance: " + "; ".join(f"{m.kind}: {m.name or m.text}" for m in a.provenance))
    if result.attributions:
        lines.append(f"who said what ({len(result.attributions)}):")
        for at in result.attributions:
            src = at.source.name or at.source.text
            if at.source.refers_to:
                src += f" (= {at.source.refers_to.text})"
            flags = [f for f, on in (("quote", at.direct_quote), ("hedged", at.hedged), ("anonymous", at.source.anonymous)) if on]
            extra = f" via {at.via.text}" if at.via else ""
            extra += f" in {at.channel.text}" if at.channel else ""
            content = _clip(at.content.text) if at.content else "-"
            lines.append(f"  [{_STANCE_MARK.get(at.stance, ' ')}] {at.stance:11} {src} «{at.cue.text}»{extra}"
                         + (f" ({', '.join(flags)})" if flags else ""))
            lines.append(f"      {content}")
    countries = sorted({m.ref for m in result.mentions if m.kind == "country" and m.ref})
    if countries:
        lines.append("countries: " + ", ".join(countries))
    others = [m for m in result.mentions if m.kind != "country"]
    if others:
        seen: dict[str, str] = {}
        for m in others:
            seen.setdefault(m.name or m.text, m.kind)
        lines.append("actors: " + "; ".join(f"{n} ({k})" for n, k in seen.items()))
    if result.places:
        lines.append("places: " + "; ".join(
            f"{p.text} -> {p.name}, {p.country or '?'} ({p.lat:.2f}, {p.lon:.2f})" if p.lat is not None else f"{p.text} -> {p.name}"
            for p in result.places))
    if result.times:
        lines.append("dates: " + "; ".join(f"{t.text} = {t.value or 'unresolved'}" for t in result.times))
    if result.quantities:
        lines.append("numbers: " + "; ".join(
            f"{q.text} = {q.value if q.value is not None else 'vague'}{' (approx.)' if q.approximate else ''}"
            for q in result.quantities))
    if result.events:
        lines.append("events:")
        for e in result.events:
            parts = [e.type, f"«{e.trigger.text}»", e.status]
            if e.actor:
                parts.append(f"actor={e.actor.name or e.actor.text}")
            if e.target:
                parts.append(f"target={e.target.name or e.target.text}")
            if e.place:
                parts.append(f"place={e.place.name}")
            if e.time:
                parts.append(f"time={e.time.value}")
            if e.quantity:
                parts.append(f"n={e.quantity.value}")
            lines.append("  " + " ".join(str(p) for p in parts))
    return "\n".join(lines)
