"""Events: PLOVER-typed actions found by pack triggers, tied to whoever claims them.

An event inside the content of an attribution takes its status from that attribution's
stance, so "X denies sending troops" yields the troop-sending event with status
``denied`` attributed to X, never an affirmative event.  Negation right before a trigger
("tidak mengirim", "did not attack") also gives ``denied``; a refusal ("refused to
withdraw") gives a REJECT event; a modal or plan ("akan", "will", "plans to") gives
``hypothetical``.  Actor, target, place, time and quantity are read from the same sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from sumber.analyze.chunks import tokens
from sumber.analyze.doc import Doc
from sumber.analyze.matcher import PhraseMatcher, lower_same_length
from sumber.errors import PackError
from sumber.lang import Pack
from sumber.model import Attribution, Event, Mention, Place, Quantity, Span, TimeExpr

_ACTOR_KINDS = frozenset({"country", "organization", "agency", "media", "person", "social_account"})
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT"})
_STATUS = {"asserts": "asserted", "denies": "denied", "unconfirmed": "unconfirmed"}


class EventLexicon:
    def __init__(self, pack: Pack) -> None:
        section = pack.get("events", {}) or {}
        triggers = section.get("triggers", {})
        if not isinstance(triggers, dict):
            raise PackError(f"language pack '{pack.code}': events.triggers must be a table")
        phrases: dict[str, str] = {}
        for category, forms in triggers.items():
            if not isinstance(forms, list):
                raise PackError(f"language pack '{pack.code}': events.triggers.{category} must be a list")
            for form in forms:
                phrases.setdefault(form.lower(), category)
        self.triggers = PhraseMatcher(phrases)
        words = section.get("words", {})
        self.negators = PhraseMatcher({w: True for w in words.get("negators", [])})
        self.refusals = PhraseMatcher({w: True for w in words.get("refusals", [])})
        self.modals = PhraseMatcher({w: True for w in words.get("modals", [])})
        self.frames = PhraseMatcher({w: True for w in words.get("frames", [])})


@lru_cache(maxsize=None)
def event_lexicon(pack: Pack) -> EventLexicon:
    return EventLexicon(pack)


class _Ends:
    """End offsets of one phrase list's matches in an article, for "just before" checks."""

    __slots__ = ("ends",)

    def __init__(self, matcher: PhraseMatcher, text: str, low: str) -> None:
        self.ends = sorted(e for _, e, _ in matcher.find(text, low))

    def before(self, text: str, start: int, pos: int, max_words: int = 3) -> bool:
        """Does a phrase end within ``max_words`` words before ``pos`` (not before ``start``)?"""
        i = bisect_right(self.ends, pos) - 1
        if i < 0 or self.ends[i] < start:
            return False
        toks = tokens(text, max(start, pos - 40), pos)
        if not toks:
            return False
        window_start = toks[-max_words].start if len(toks) >= max_words else toks[0].start
        return self.ends[i] >= window_start


def extract(doc: Doc, attributions: list[Attribution]) -> list[Event]:
    lex = event_lexicon(doc.pack)
    if lex.triggers.empty:
        return []
    text = doc.text
    low = lower_same_length(text)
    actors = [m for m in doc.mentions if m.kind in _ACTOR_KINDS]
    cues = [(a.cue.start, a.cue.end, a) for a in attributions]
    out: list[Event] = []
    seen: set[tuple[int, str, str | None]] = set()
    found = lex.triggers.find(text, low)
    if not found:
        return []
    refusals = _Ends(lex.refusals, text, low)
    negators = _Ends(lex.negators, text, low)
    modals = _Ends(lex.modals, text, low)
    frames = _Ends(lex.frames, text, low)
    for k, (s, e, category) in enumerate(found):
        if lex.refusals.match_at(low, s) is not None and k + 1 < len(found) and found[k + 1][0] - e < 25:
            continue  # "refused to withdraw": the refused action carries the event (REJECT)
        if any(m.start <= s and e <= m.end for m in doc.mentions if m.kind != "country"):
            continue  # inside a name ("Komisi ... Perlindungan")
        cue_hit = next((a for cs, ce, a in cues if cs < e and s < ce), None)
        if cue_hit is not None and (cue_hit.stance != "asserts" or category not in _SPEECH_ACTS):
            continue  # a denial is a stance, not an event; other cues are not actions
        sent = doc.sentence_at(s)
        if frames.before(text, sent[0], s, max_words=1):
            continue  # "with assistance from ...": a circumstance
        holders: list[Attribution | None] = [cue_hit] if cue_hit is not None else (_holders(attributions, s) or [None])
        for holder in holders:
            status = _STATUS.get(holder.stance, "asserted") if holder is not None else "asserted"
            kind, mode = category, None
            refusal = refusals.before(text, sent[0], s) and not any(cs < s and s - ce < 20 for cs, ce, _ in cues)
            if refusal:
                mode, kind = category.lower(), "REJECT"
            elif negators.before(text, sent[0], s):
                status = "denied" if status == "asserted" else status
                mode = "negated"
            elif status == "asserted" and modals.before(text, sent[0], s, max_words=4):
                status = "hypothetical"
            clause_start = holder.content.start if holder is not None and holder is not cue_hit and holder.content else sent[0]
            actor = _as_mention(cue_hit) if cue_hit is not None else _nearest_before(actors, max(sent[0], clause_start), s)
            target = _first_after(actors, e, sent[1], exclude=actor)
            if actor is None and target is None:
                continue
            key = (sent[0], kind, holder.id if holder is not None else None)
            if key in seen:
                continue
            seen.add(key)
            out.append(Event(
                id=f"e{len(out) + 1}",
                type=kind,
                trigger=Span(s, e, text[s:e]),
                actor=actor,
                target=target,
                place=_place(doc.places, sent, e),
                time=_time(doc.times, sent),
                quantity=_quantity(doc.quantities, e, sent[1]),
                attribution=holder.id if holder is not None else None,
                status=status,
                mode=mode,
            ))
    return out


def _holders(attributions: list[Attribution], pos: int) -> list[Attribution]:
    """The innermost attributions whose content contains ``pos`` (several when two sources
    assert and deny the same words, as in "menolak tuduhan X bahwa ...")."""
    inside = [a for a in attributions if a.content is not None and a.content.start <= pos < a.content.end]
    if not inside:
        return []
    size = min(a.content.end - a.content.start for a in inside)
    innermost = [a for a in inside if a.content.end - a.content.start <= size + 40]
    return innermost


def _as_mention(a: Attribution) -> Mention:
    src = a.source
    return Mention(src.start, src.end, src.text, src.kind, None, src.name)


def _nearest_before(actors: list[Mention], start: int, pos: int) -> Mention | None:
    best = None
    for m in actors:
        if m.start >= start and m.end <= pos:
            best = m
        elif m.start >= pos:
            break
    return best


def _first_after(actors: list[Mention], pos: int, end: int, exclude: Mention | None) -> Mention | None:
    for m in actors:
        if m.start >= pos and m.end <= min(end, pos + 120):
            if exclude is not None and ((m.ref == exclude.ref and m.ref is not None)
                                        or (exclude.start <= m.start and m.end <= exclude.end)):
                continue
            return m
        if m.start >= end:
            break
    return None


def _place(places: list[Place], sent: tuple[int, int], pos: int) -> Place | None:
    inside = [p for p in places if sent[0] <= p.start and p.end <= sent[1]]
    after = [p for p in inside if p.start >= pos]
    return (after or inside or [None])[0]


def _time(times: list[TimeExpr], sent: tuple[int, int]) -> TimeExpr | None:
    return next((t for t in times if sent[0] <= t.start and t.end <= sent[1]), None)


def _quantity(quantities: list[Quantity], pos: int, end: int) -> Quantity | None:
    return next((q for q in quantities if pos <= q.start < min(end, pos + 80)), None)
