"""Article text as escaped HTML with every extracted span marked.

Each extracted item (attribution source, cue and content, mentions, places,
dates, numbers, event triggers) becomes a ``<span class="hl hl-KIND"
data-sid=ID title=NORMALIZED>``.  Spans nest and may cross, so the text is cut
at every span boundary and the open elements are closed and reopened where
needed: the result is always well-formed and the text of all elements sharing a
``data-sid`` is exactly the item's words.  Every piece of article text goes
through ``escape``, so markup in an article is shown, never run.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from sumber.model import Analysis, Span

# Drawing order when two spans cover the same characters: outer first.
_ORDER = {"content": 0, "source": 1, "via": 2, "channel": 3, "addressee": 4, "mention": 5, "place": 6,
          "time": 7, "quantity": 8, "unit": 9, "trigger": 10, "cue": 11}

LEGEND: list[tuple[str, str]] = [
    ("source", "source (who)"), ("cue", "cue (said, denied…)"), ("content-asserts", "content: asserts"),
    ("content-denies", "content: denies"), ("content-unconfirmed", "content: unconfirmed"),
    ("mention", "actor / entity"), ("place", "place"), ("time", "date / time"), ("quantity", "number"),
    ("trigger", "event"),
]


@dataclass(slots=True)
class Mark:
    sid: str
    kind: str  # key of _ORDER
    start: int
    end: int
    text: str
    classes: str
    title: str


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _join(*parts: object) -> str:
    return " · ".join(_fmt(p) for p in parts if p not in (None, "", False))


def marks(analysis: Analysis) -> list[Mark]:
    """Every span of the analysis with its CSS classes and a one-line normalized description."""
    out: list[Mark] = []

    def add(sid: str, kind: str, span: Span | object, classes: str, title: str) -> None:
        start, end = getattr(span, "start", None), getattr(span, "end", None)
        if start is None or end is None:
            return
        out.append(Mark(sid, kind, int(start), int(end), getattr(span, "text", ""), classes, title))

    for a in analysis.attributions:
        s = a.source
        add(f"{a.id}-source", "source", s, f"hl-source hl-src-{s.kind}",
            _join(f"source of {a.id}", s.kind, s.name, "anonymous" if s.anonymous else None,
                  f"refers to “{s.refers_to.text}”" if s.refers_to else None))
        add(f"{a.id}-cue", "cue", a.cue, f"hl-cue hl-stance-{a.stance}",
            _join(f"cue of {a.id}", a.cue.lemma, a.stance, "hedged" if a.hedged else None))
        if a.content:
            add(f"{a.id}-content", "content", a.content, f"hl-content hl-content-{a.stance}",
                _join(f"content of {a.id}", a.stance, "direct quote" if a.direct_quote else None,
                      "hedged" if a.hedged else None, a.time))
        for name in ("via", "channel", "addressee"):
            sp = getattr(a, name)
            if sp is not None:
                add(f"{a.id}-{name}", name, sp, f"hl-{name}", _join(f"{name} of {a.id}", getattr(sp, "name", None)))
    for i, m in enumerate(analysis.mentions):
        add(f"m{i}", "mention", m, f"hl-mention hl-mention-{m.kind}", _join(m.kind, m.name, m.ref))
    for i, p in enumerate(analysis.places):
        point = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else None
        add(f"p{i}", "place", p, "hl-place", _join(p.name, p.admin1, p.country, point, p.precision, p.gazetteer_id))
    for i, t in enumerate(analysis.times):
        add(f"t{i}", "time", t, "hl-time", _join(t.value or "unresolved", t.granularity, f"anchor {t.anchor}"))
    for i, q in enumerate(analysis.quantities):
        add(f"q{i}", "quantity", q, "hl-quantity",
            _join(q.value, "approximate" if q.approximate else None, q.bound, q.unit.text if q.unit else None))
        if q.unit is not None:
            add(f"q{i}-unit", "unit", q.unit, "hl-unit", _join(f"unit of q{i}", q.unit.text))
    for e in analysis.events:
        add(f"{e.id}-trigger", "trigger", e.trigger, f"hl-trigger hl-status-{e.status}",
            _join(e.type, e.mode, e.status, f"actor {e.actor.name or e.actor.text}" if e.actor else None,
                  f"target {e.target.name or e.target.text}" if e.target else None,
                  f"at {e.place.name}" if e.place else None, e.time.value if e.time else None,
                  f"claimed in {e.attribution}" if e.attribution else None))
    return out


def _open(m: Mark) -> str:
    return (f'<span class="hl {escape(m.classes)}" data-sid="{escape(m.sid)}" data-kind="{escape(m.kind)}" '
            f'title="{escape(m.title)}">')


def render(text: str, spans: list[Mark]) -> tuple[Markup, list[Mark]]:
    """Escaped HTML of ``text`` with ``spans`` marked; also returns the spans that do not fit the text."""
    n = len(text)
    good = [m for m in spans if 0 <= m.start < m.end <= n]
    bad = [m for m in spans if m not in good]
    key = {id(m): (m.start, -m.end, _ORDER.get(m.kind, 99), m.sid) for m in good}
    good.sort(key=lambda m: key[id(m)])
    cuts = sorted({0, n, *(m.start for m in good), *(m.end for m in good)})
    html: list[str] = []
    stack: list[Mark] = []
    active: list[Mark] = []
    i = 0  # next span (by start) not yet active
    for a, b in zip(cuts, cuts[1:]):
        while i < len(good) and good[i].start <= a:
            active.append(good[i])
            i += 1
        active = [m for m in active if m.end > a]
        want = sorted(active, key=lambda m: key[id(m)])
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] is want[keep]:
            keep += 1
        html.append("</span>" * (len(stack) - keep))
        html.extend(_open(m) for m in want[keep:])
        stack = want
        html.append(str(escape(text[a:b])))
    html.append("</span>" * len(stack))
    return Markup("".join(html)), bad
