"""Events: PLOVER-typed actions found by pack triggers, tied to whoever claims them.

How a sentence becomes events (all words come from ``lang/<code>/events.toml``):

1. *Actions*: trigger words and phrases, each with a PLOVER category, verbal or nominal.
   An operator verb acting on an object makes one action of both ("lifted the curfew" is
   CONCEDE, "restored diplomatic ties" SUPPORT, "sent troops" MOBILIZE, "fired rockets"
   ASSAULT): the pack maps the object's category through the operation.
2. *Heads*: in one clause, a trigger governs a noun in its object ("condemned the attack" is
   one ACCUSE event) and a verb after a complementizer ("urged X to withdraw" is REQUEST with
   mode ``retreat``); the governed action gives its category as the head's ``mode``.  A
   commitment to a conflictual action is a THREATEN ("vowed to retaliate"), accepting a demand
   a CONCEDE, rejecting an accusation a denial (no event).  A noun right before its verb is
   the verb's subject ("protesters were arrested" is COERCE).
3. *Markers* before the head: a refusal ("refused to X", "will not accept") gives REJECT with
   mode = the refused category; negation gives ``denied``; a commitment ("ready to",
   "willing to") makes a cooperative action AGREE and a conflictual one THREATEN; an
   obligation stated by a source ("X said Y must withdraw") is a REQUEST; a future or plan
   ("will", "akan") makes a cooperative action AGREE (PLOVER: cooperative actions in the
   future are intentions) with status ``hypothetical``, and a conflictual one a THREATEN when
   its actor is the speaker; conditions and purposes give ``hypothetical``, hedges ("suspected
   of") ``unconfirmed``.  A noun right after a frame ("with assistance from", "since the
   invasion") is a circumstance, and an action whose subject is a disease or a disaster ("the
   outbreak has killed ...") is context, not an event.
4. *Claims*: an event inside the content of an attribution takes its status from that
   attribution's stance, so "X denies sending troops" yields the troop-sending event with
   status ``denied``, never an affirmative one.
5. *Participants*: the actor is the attribution's source for speech acts, else the nearest
   actor mention before the trigger in its clause (or a nearer actor noun: "the army",
   "polisi"), else the source when the content opens with a pronoun ("X said it will ..."),
   else a capitalized subject (a name the entity stage did not know, or a capital city acting
   as a government); in the passive the agent after "by"/"oleh" is the actor and the subject
   the target.  No actor, no event (PLOVER codes none), unless a passive names its victim.
   One event per category per clause; place, time and quantity come from the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

import ahocorasick

from sumber.analyze.doc import Doc
from sumber.analyze.lexicon import lexicon_for
from sumber.analyze.matcher import lower_same_length
from sumber.errors import PackError
from sumber.lang import Pack
from sumber.model import Attribution, Event, Mention, Place, Quantity, Span, TimeExpr

CATEGORIES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
# PLOVER's quad classes, used to decide what a commitment or a future amounts to.
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_PROTEST_AIMS = frozenset({"REQUEST", "ACCUSE", "PROTEST"})  # what a protest demands is part of it
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT"})
_ACTOR_KINDS = frozenset({"country", "organization", "agency", "media", "person", "social_account"})
_STATUS = {"asserts": "asserted", "denies": "denied", "unconfirmed": "unconfirmed"}
# Punctuation that ends a clause (a comma between digits is a thousands separator; brackets
# mostly hold acronyms and asides, so they do not).
_PUNCT_BREAK = re.compile(r"[;:—–,]")
# Marker kinds and how many words may stand between the marker and the action it marks.
_MARKER_LISTS = {
    "negators": ("neg", 3), "negated_futures": ("negfut", 3), "refusals": ("refuse", 3),
    "commitments": ("commit", 3), "obligations": ("oblige", 3), "futures": ("future", 4),
    "modals": ("modal", 4), "purposes": ("purpose", 0), "frames": ("frame", 3), "hedges": ("hedge", 3),
    "aspects": ("aspect", 0),
}
_REACH = {kind: reach for kind, reach in _MARKER_LISTS.values()}
_NOT_MARKS = frozenset({"break", "sub", "rel", "agent", "nature"})


def _phrase(form: str) -> str:
    return " ".join(str(form).lower().split())


def _table(section: dict[str, Any], name: str, code: str) -> dict[str, list[str]]:
    table = section.get(name, {}) or {}
    if not isinstance(table, dict):
        raise PackError(f"language pack '{code}': events.{name} must be a table")
    for key, forms in table.items():
        if not isinstance(forms, list):
            raise PackError(f"language pack '{code}': events.{name}.{key} must be a list")
    return table


class EventLexicon:
    """The pack's event words, compiled once per process (read-only)."""

    def __init__(self, pack: Pack) -> None:
        code = pack.code
        section = pack.get("events", {}) or {}
        words = section.get("words", {}) or {}
        self.objects = frozenset(_table(section, "objects", code))
        forms: dict[str, tuple[str | None, bool]] = {}
        for w in words.get("blockers", []):
            forms[_phrase(w)] = (None, False)  # "in order to", "sought to": not triggers
        for name, nominal in (("triggers", False), ("nouns", True), ("objects", True)):
            for category, items in _table(section, name, code).items():
                if name != "objects" and category not in CATEGORIES:
                    raise PackError(f"language pack '{code}': events.{name}.{category} is not a PLOVER category")
                for form in items:
                    forms.setdefault(_phrase(form), (category, nominal))
        ops: dict[str, tuple[str, ...]] = {}
        for name, items in _table(section, "operators", code).items():
            for form in items:
                key = _phrase(form)
                ops[key] = ops.get(key, ()) + (name,)
        operations = section.get("operations", {}) or {}
        self.operations: dict[str, dict[str, str]] = {}
        for name, mapping in operations.items():
            if not isinstance(mapping, dict) or any(v not in CATEGORIES for v in mapping.values()):
                raise PackError(f"language pack '{code}': events.operations.{name} must map categories to PLOVER categories")
            self.operations[name] = dict(mapping)
        # Markers, clause breaks and actor nouns share one scan; each phrase carries its tags.
        tags: dict[str, frozenset[str]] = {}
        lists = [(name, kind) for name, (kind, _) in _MARKER_LISTS.items()]
        extra = [("clause_breaks", "break"), ("subordinators", "break"), ("subordinators", "sub"),
                 ("relatives", "break"), ("relatives", "rel"), ("actor_nouns", "agent"), ("non_agents", "nature")]
        for list_name, tag in lists + extra:
            for w in words.get(list_name, []):
                key = _phrase(w)
                tags[key] = tags.get(key, frozenset()) | {tag}
        self.scanner = _Scanner((forms, ops, tags))  # triggers, operators, markers: one pass
        self.complementizers = frozenset(_phrase(w) for w in words.get("complementizers", []))
        self.clause_openers = frozenset(_phrase(w) for w in words.get("clause_openers", []))
        self.coordinators = frozenset(_phrase(w) for w in words.get("coordinators", []))
        self.relatives = frozenset(_phrase(w) for w in words.get("relatives", []) + words.get("clause_openers", []))
        self.proposals = frozenset(_phrase(w).split()[-1] for w in words.get("proposals", []))
        self.claims = frozenset(_phrase(w).split()[-1] for w in words.get("claims", []))
        self.passive_aux = frozenset(_phrase(w) for w in words.get("passive_auxiliaries", []))
        self.passive_prefixes = tuple(_phrase(w) for w in words.get("passive_prefixes", []))
        self.not_passive = frozenset(_phrase(w) for w in words.get("not_passive", []))
        self.agent_markers = frozenset(_phrase(w) for w in words.get("agent_markers", []))
        self.bare_agent = bool(words.get("bare_agent", False))  # "ditangkap polisi": agent without "oleh"
        # may a single capitalized word opening a sentence be an unknown name ("Arnor is about to")?
        self.initial_names = bool(words.get("initial_names", True))
        self.subject_pronouns = frozenset(_phrase(w) for w in words.get("subject_pronouns", []))
        self.prepositions = frozenset(_phrase(w) for w in words.get("prepositions", []))
        glue = set(self.passive_aux) | set(self.subject_pronouns) | set(self.prepositions)
        for list_name in _MARKER_LISTS:
            for w in words.get(list_name, []):
                glue.update(_phrase(w).split())
        glue.update(_phrase(w) for w in words.get("glue", []))
        self.glue = frozenset(glue)  # words that may stand between a subject and its verb
        self.noun_markers = frozenset(_phrase(w) for w in words.get("noun_markers", []))
        self.infinitive_markers = frozenset(_phrase(w) for w in words.get("infinitive_markers", []))
        self.participle_suffixes = tuple(_phrase(w) for w in words.get("participle_suffixes", []))
        self.past_suffixes = tuple(_phrase(w) for w in words.get("past_participle_suffixes", []))


class _Scanner:
    """Whole-word phrase matching for several phrase tables in one Aho-Corasick pass; each
    table's matches are resolved leftmost-longest on their own (a marker may overlap a trigger)."""

    __slots__ = ("_auto", "_n", "empty")

    def __init__(self, tables: tuple[dict[str, Any], ...]) -> None:
        merged: dict[str, list[tuple[int, Any]]] = {}
        for i, table in enumerate(tables):
            for key, payload in table.items():
                if key:
                    merged.setdefault(key, []).append((i, payload))
        self._n = len(tables)
        self._auto = ahocorasick.Automaton()
        for key, entries in merged.items():
            self._auto.add_word(key, (len(key), tuple(entries)))
        self.empty = not merged
        if merged:
            self._auto.make_automaton()

    def find(self, low: str) -> list[list[tuple[int, int, Any]]]:
        """Matches per table as ``(start, end, payload)``, sorted, overlaps resolved."""
        raw: list[list[tuple[int, int, Any]]] = [[] for _ in range(self._n)]
        if self.empty:
            return raw
        n = len(low)
        for last, (length, entries) in self._auto.iter(low):
            s, e = last - length + 1, last + 1
            if s > 0:
                c = low[s - 1]
                if c != " " and (c.isalnum() or c == "_") and (low[s].isalnum() or low[s] == "_"):
                    continue  # inside a word
            if e < n:
                c = low[e]
                if c != " " and (c.isalnum() or c == "_") and (low[e - 1].isalnum() or low[e - 1] == "_"):
                    continue
            for i, payload in entries:
                raw[i].append((s, -e, payload))  # sorts leftmost-longest; one key per span and table
        out = []
        for found in raw:
            found.sort()
            kept: list[tuple[int, int, Any]] = []
            reach = -1
            for s, ne, payload in found:
                if s >= reach:
                    kept.append((s, -ne, payload))
                    reach = -ne
            out.append(kept)
        return out


@lru_cache(maxsize=None)
def event_lexicon(pack: Pack) -> EventLexicon:
    return EventLexicon(pack)


class _Action:
    """A candidate event in one clause: its words, category, and what governs it."""

    __slots__ = ("start", "end", "obj_end", "cat", "nominal", "mode", "governed", "dropped", "decided", "denial",
                 "governs", "left")

    def __init__(self, start: int, end: int, obj_end: int, cat: str, nominal: bool) -> None:
        self.start, self.end, self.obj_end = start, end, obj_end
        self.cat, self.nominal = cat, nominal
        self.mode: str | None = None
        self.governed = False
        self.dropped = False
        self.decided = False  # a REJECT of a proposal or an action, not a denial of a claim
        self.denial = False  # a REJECT of an accusation: a stance, never an event
        self.governs = False
        self.left = 0  # end of the previous action in the sentence


class _Ctx:
    """Per-article look-ups shared by every sentence (computed once per call)."""

    __slots__ = ("doc", "lex", "text", "low", "breaks", "subordinators", "marks", "mark_ends", "names",
                 "name_starts", "runs", "run_starts", "trig_spans", "time_spans", "not_names", "agents", "actors",
                 "actor_starts", "sources", "agent_starts", "place_starts", "time_starts", "source_starts", "cues",
                 "cue_starts", "contents", "content_starts", "quantity_starts", "natures", "punct")

    def __init__(self, doc: Doc, lex: EventLexicon, low: str, found: list[tuple[int, int, Any]],
                 window: tuple[int, int], attributions: list[Attribution],
                 aux: list[tuple[int, int, frozenset[str]]]) -> None:
        self.doc, self.lex, self.text, self.low = doc, lex, doc.text, low
        text = doc.text
        marks: list[tuple[int, int, frozenset[str]]] = []
        subs: list[int] = []
        breaks: list[int] = []
        agents: list[tuple[int, int]] = []
        natures: list[int] = []
        rels: list[int] = []
        a, b = window  # from the first to the last sentence holding a trigger
        for s, e, tags in aux:
            if "break" in tags:
                breaks.append(s)
            if "rel" in tags:
                rels.append(s)
            if "sub" in tags or ("rel" in tags and text[max(0, s - 3):s].rstrip().endswith(",")):
                subs.append(s)  # a subordinate clause, or a relative one set off by a comma
            if "agent" in tags:
                agents.append((s, e))
            if "nature" in tags:
                natures.append(s)
            if not tags <= _NOT_MARKS:
                marks.append((s, e, tags))
        self.subordinators = subs
        for m in _PUNCT_BREAK.finditer(text, a, b):
            i = m.start()
            if text[i] != "," or not text[i + 1:i + 2].isdigit():  # "1,000" is a number
                breaks.append(i)
        i = text.find(" - ", a, b)
        while i >= 0:
            breaks.append(i + 1)
            i = text.find(" - ", i + 3, b)
        self.punct = sorted(set(breaks) - set(subs) - set(rels))
        self.breaks = sorted(breaks)
        self.agents = agents
        self.natures = natures  # "outbreak", "earthquake": causes that are not actors
        self.agent_starts = [a for a, _ in agents]
        self.marks = sorted(marks, key=lambda m: m[1])
        self.mark_ends = [e for _, e, _ in self.marks]
        self.names = [(m.start, m.end) for m in doc.mentions if m.kind != "country"]  # sorted by start
        self.name_starts = [s for s, _ in self.names]
        self.runs = doc.name_runs
        self.run_starts = [r.start for r in self.runs]
        self.trig_spans = [(s, e) for s, e, _ in found]
        self.time_spans = [(t.start, t.end) for t in doc.times]
        self.time_starts = [t.start for t in doc.times]
        self.not_names = lexicon_for(doc.pack).not_names
        self.actors = [m for m in doc.mentions if m.kind in _ACTOR_KINDS  # sorted by start
                       and not (m.ref and m.ref in doc.publishers)]  # the outlet in a dateline acts in nothing
        self.actor_starts = [m.start for m in self.actors]
        # descriptions of sources named after what they said ("..., a member of the team trying
        # to broker a pact said"): not the article's events
        self.sources = sorted((a.source.start, a.source.end) for a in attributions
                              if a.source.start >= a.cue.end or (a.content is not None and a.content.start < a.source.start))
        self.source_starts = [a for a, _ in self.sources]
        self.cues = sorted(((a.cue.start, a.cue.end, a) for a in attributions), key=lambda c: c[0])
        self.cue_starts = [c[0] for c in self.cues]
        self.contents = sorted(((a.content.start, a.content.end, a) for a in attributions if a.content is not None),
                               key=lambda c: c[0])
        self.content_starts = [c[0] for c in self.contents]
        self.quantity_starts = [q.start for q in doc.quantities]
        self.place_starts = [p.start for p in doc.places]

    def words(self, a: int, b: int) -> int:
        return len(self.text[a:b].split()) if b > a else 0

    def broken(self, a: int, b: int) -> bool:
        """Is there a clause break between offsets ``a`` and ``b``?"""
        i = bisect_left(self.breaks, a)
        return i < len(self.breaks) and self.breaks[i] < b

    def hard_broken(self, a: int, b: int) -> bool:
        """A subordinator or punctuation between ``a`` and ``b`` (relative pronouns do not count)."""
        i = bisect_left(self.punct, a)
        if i < len(self.punct) and self.punct[i] < b:
            return True
        j = bisect_left(self.subordinators, a)
        return j < len(self.subordinators) and self.subordinators[j] < b

    def clause_id(self, start: int, pos: int) -> int:
        """The offset of the last clause break before ``pos`` (or ``start``): one event per
        category per clause ("killed 5 and wounded 10"), separate ones across clauses."""
        i = bisect_left(self.punct, pos) - 1
        return self.punct[i] if i >= 0 and self.punct[i] >= start else start

    def relative_before(self, pos: int) -> bool:
        """Is the word right before ``pos`` a relative pronoun ("the sinking that killed 46")?"""
        return self.prev_word(pos) in self.lex.relatives

    def clause_floor(self, start: int, pos: int) -> int:
        """Start of the subordinate clause holding ``pos`` ("... when the bombers detonated"),
        or ``start`` in a main clause (a clause closed by punctuation before ``pos`` is skipped)."""
        i = bisect_left(self.subordinators, pos) - 1
        if i < 0 or self.subordinators[i] < start:
            return start
        b = self.subordinators[i]
        j = bisect_right(self.breaks, b)
        if j < len(self.breaks) and self.breaks[j] < pos:
            return start  # "X, which ..., attacked": the relative clause is closed
        return b

    def has_complementizer(self, a: int, b: int, verbal: bool) -> bool:
        """A complementizer between a head and what it governs: for a verb, right before it
        ("urged X to withdraw") or a clause opener anywhere ("demanded that X withdraw")."""
        gap = self.low[a:b].split()
        while gap and gap[-1] in self.lex.passive_aux:
            gap.pop()  # "to be deployed"
        if not gap:
            return False
        if not verbal:
            return any(w in self.lex.complementizers for w in gap)
        return gap[-1] in self.lex.complementizers or any(w in self.lex.clause_openers for w in gap)

    def excluded(self, s: int, e: int) -> bool:
        """Is [s, e) inside a name, an actor noun ("riot police") or a source's description?"""
        i = bisect_right(self.name_starts, s) - 1
        while i >= 0 and self.name_starts[i] > s - 300:
            if self.names[i][1] >= e:
                return True
            i -= 1
        i = bisect_right(self.agent_starts, s) - 1
        while i >= 0 and self.agent_starts[i] > s - 60:
            a, b = self.agents[i]
            if e <= b and (a, b) != (s, e):
                return True
            i -= 1
        j = bisect_right(self.source_starts, s) - 1
        while j >= 0 and self.source_starts[j] > s - 400:
            if self.sources[j][1] >= e:
                return True
            j -= 1
        return False

    def compound(self, s: int, e: int) -> bool:
        """Is [s, e) part of a hyphenated compound ("open-ended", "Syrian-backed")?"""
        return (s > 0 and self.text[s - 1] == "-") or (e < len(self.text) and self.text[e] == "-")

    def prev_word(self, s: int) -> str:
        words = self.low[s - 24 if s > 24 else 0:s].split()
        return words[-1].strip("\"'“”‘’(") if words else ""

    def participle_adjunct(self, s: int, e: int) -> bool:
        """Does [s, e) open its sentence as a past participle with an agent ("Rebuked by X, ...")?"""
        if not self.suffixed(s, e, self.lex.past_suffixes):
            return False
        after = self.low[e:e + 12].split()[:1]
        return bool(after) and after[0] in self.lex.agent_markers

    def suffixed(self, s: int, e: int, suffixes: tuple[str, ...]) -> bool:
        """Does the first word of [s, e) end with one of ``suffixes`` ("-ing", "-ed")?"""
        return bool(suffixes) and self.low[s:e].split()[0].endswith(suffixes)

    def markers(self, start: int, pos: int) -> set[str]:
        """Kinds of the markers ending shortly before ``pos`` in the same clause."""
        kinds: set[str] = set()
        i = bisect_right(self.mark_ends, pos) - 1
        while i >= 0 and self.mark_ends[i] >= max(start, pos - 60):
            ms, me, mk = self.marks[i]
            i -= 1
            if ms < start or self.broken(me, pos):
                continue
            gap = self.words(me, pos)
            kinds.update(k for k in mk if gap <= _REACH.get(k, -1))
        return kinds

    def has_marker(self, a: int, b: int, kind: str) -> bool:
        i = bisect_left(self.mark_ends, a)
        while i < len(self.marks) and self.mark_ends[i] <= b:
            if self.marks[i][0] >= a and kind in self.marks[i][2]:
                return True
            i += 1
        return False

    def next_words(self, pos: int, n: int) -> list[str]:
        return [w.strip(".,;:\"'”’") for w in self.low[pos:pos + 80].split()[:n]]


def extract(doc: Doc, attributions: list[Attribution]) -> list[Event]:
    lex = event_lexicon(doc.pack)
    text = doc.text
    low = lower_same_length(text)
    found, ops, aux = lex.scanner.find(low)
    found = [f for f in found if f[2][0] is not None]
    if not found:
        return []
    by_sentence: dict[tuple[int, int], list[tuple[int, int, Any]]] = {}
    for f in found:
        by_sentence.setdefault(doc.sentence_at(f[0]), []).append(f)
    sents = list(by_sentence)
    window = (sents[0][0], max(e for _, e in sents))
    ctx = _Ctx(doc, lex, low, found, window, attributions, aux)
    op_starts = [o[0] for o in ops]
    out: list[Event] = []
    seen: set[tuple[int, str, str | None]] = set()
    for sent, trigs in by_sentence.items():
        sent_ops = ops[bisect_left(op_starts, sent[0]):bisect_left(op_starts, sent[1])]
        for act in _actions(ctx, sent, trigs, sent_ops):
            _emit(ctx, act, sent, attributions, out, seen)
    return out


def _actions(ctx: _Ctx, sent: tuple[int, int], trigs: list[tuple[int, int, Any]],
             ops: list[tuple[int, int, Any]]) -> list[_Action]:
    """The clause heads of one sentence (operators applied, governed actions removed)."""
    lex = ctx.lex
    text = ctx.text
    items: list[tuple[int, int, str, bool]] = []
    for s, e, (cat, nominal) in trigs:
        if ctx.compound(s, e):
            continue  # "open-ended", "Syrian-backed": part of a compound modifier
        opening = s <= sent[0] + 2
        if text[s].isupper() and not opening and not text[s - 2:s].strip(" “\"'‘("):
            continue  # "the UN Special Rapporteur on Torture": a word of a title or name
        if cat not in lex.objects and ctx.excluded(s, e):
            continue  # inside a name, an actor noun ("riot police") or a source description
        prev = ctx.prev_word(s)
        if not nominal and opening and ctx.participle_adjunct(s, e):
            continue  # "Backed by X, rebels ...": a sentence-opening participle is background
        if not nominal and prev in lex.noun_markers:
            if ctx.suffixed(s, e, lex.past_suffixes):
                continue  # "the besieged town", "the wounded": an adjective, not an action
            nominal = True  # "the bombing"
        elif nominal and prev in lex.infinitive_markers:
            nominal = False  # "to demand"
        items.append((s, e, cat, nominal))
    taken: set[int] = set()
    acts: list[_Action] = []
    item_starts = [t[0] for t in items]
    for k_op, (os_, oe, names) in enumerate(ops):
        if ctx.compound(os_, oe) or ctx.prev_word(os_) in lex.noun_markers:
            continue  # "the end of"
        j = bisect_left(item_starts, oe)
        if j == len(items):
            continue
        ts, te, cat, nominal = items[j]
        if not nominal or ctx.words(oe, ts) > 5 or ctx.broken(oe, ts):
            continue
        if k_op + 1 < len(ops) and ops[k_op + 1][0] < ts:
            continue  # "memutuskan untuk mengirim pasukan": the nearer verb takes the object
        form = _phrase(ctx.low[ts:te])
        mapped = None
        for n in names:
            table = lex.operations.get(n, {})
            mapped = table.get(form) or table.get(cat)
            if mapped:
                break
        if not mapped:
            continue
        taken.add(j)
        taken.update(k for k, t in enumerate(items) if t[0] < oe and os_ < t[1])
        acts.append(_Action(os_, oe, te, mapped, False))
    for k, (s, e, cat, nominal) in enumerate(items):
        if k in taken or cat in lex.objects or any(a.start <= s < a.end for a in acts):
            continue
        acts.append(_Action(s, e, e, cat, nominal))
    acts.sort(key=lambda a: a.start)
    for i in range(1, len(acts)):
        acts[i].left = acts[i - 1].obj_end
    head: _Action | None = None  # the latest verb of the clause: later nouns are its arguments
    for i, a in enumerate(acts):
        g = acts[i - 1] if i else None
        if head is not None and ctx.broken(head.obj_end, a.start):
            head = None
        if g is not None and not ctx.broken(g.obj_end, a.start):
            gap = ctx.words(g.obj_end, a.start)
            comp = ctx.has_complementizer(g.obj_end, a.start, not a.nominal)
            if a.nominal:
                governs = (gap <= 3 and comp) if g.nominal else gap <= 6
            else:
                governs = ((gap == 0 and not g.nominal) or (comp and gap <= 8)
                           or (gap <= 8 and ctx.suffixed(a.start, a.end, lex.participle_suffixes))  # "... demanding X"
                           or (gap == 0 and g.governed and ctx.suffixed(a.start, a.end, lex.past_suffixes))
                           or (g.cat == "PROTEST" and a.cat in _PROTEST_AIMS and gap <= 6)  # "berunjuk rasa menuntut"
                           or (g.nominal and gap <= 8 and ctx.relative_before(a.start)))  # "the attack that killed"
            if governs and comp and g.nominal and g.cat == "ACCUSE" and not a.nominal:
                governs = False  # "tuduhan bahwa mereka mengirim pasukan": the claimed act is an event of its own
            if governs:
                a.governed = True
                _govern(g, a, ctx.has_marker(g.obj_end, a.start, "neg"))
            elif not a.nominal and g.nominal and not g.governed and gap <= 3:
                g.dropped = True  # "protesters were arrested": the noun is the verb's subject
        if not a.governed and a.nominal and head is not None and not ctx.broken(head.obj_end, a.start) \
                and ctx.words(head.obj_end, a.start) <= 10:
            a.governed = True  # "accused X of restoring ... in the negotiations"
            _govern(head, a, ctx.has_marker(head.obj_end, a.start, "neg"))
        if not a.nominal and not a.dropped:
            head = a
    return [a for a in acts if not a.governed and not a.dropped]


def _govern(g: _Action, a: _Action, negated: bool) -> None:
    """What the head ``g`` becomes when it governs ``a``."""
    if g.cat == "AGREE":
        if a.cat in _MATERIAL_CONFLICT and not negated:
            g.cat, g.mode = "THREATEN", a.cat.lower()  # "vowed to retaliate"
        elif a.cat == "REQUEST":
            g.cat = "CONCEDE"  # "accepted the demands"
        elif g.mode is None and a.cat != "AGREE":
            g.mode = a.cat.lower()
    elif g.cat == "REJECT":
        if a.cat == "ACCUSE" and a.nominal:
            g.denial = True  # "rejected the accusations": a denial, not a decision
        else:
            g.decided = True
            if g.mode is None and a.cat != "REJECT":
                g.mode = a.cat.lower()
    elif g.cat in ("REQUEST", "THREATEN") and g.mode is None and a.cat != g.cat:
        g.mode = a.cat.lower()
    g.governs = True


def _emit(ctx: _Ctx, act: _Action, sent: tuple[int, int], attributions: list[Attribution],
          out: list[Event], seen: set[tuple[int, str, str | None]]) -> None:
    text, lex = ctx.text, ctx.lex
    s, e = act.start, act.end
    if act.denial:
        return
    if act.cat == "REJECT" and not act.decided:
        following = ctx.next_words(act.obj_end, 4)
        if any(w in lex.claims for w in following):
            return  # "rejected the reports": a denial
        act.decided = any(w in lex.proposals for w in following)
    cue_hit = None
    i = bisect_left(ctx.cue_starts, e) - 1
    while i >= 0 and ctx.cue_starts[i] > s - 80:
        if s < ctx.cues[i][1]:
            cue_hit = ctx.cues[i][2]
            break
        i -= 1
    if cue_hit is not None:
        if cue_hit.stance == "denies":
            if not (act.cat == "REJECT" and act.decided):
                return  # a denial is a stance, not an event
        elif cue_hit.stance != "asserts" or (act.cat not in _SPEECH_ACTS and not act.governs):
            return  # other cues are not actions ("conceded that ..." vs "conceded to the demands")
    holders: list[Attribution | None] = [cue_hit] if cue_hit is not None else list(_holders(ctx, s)) or [None]
    for holder in holders:
        if cue_hit is not None:
            status = "asserted" if cue_hit.stance == "denies" else _STATUS.get(cue_hit.stance, "asserted")
        else:
            status = _STATUS.get(holder.stance, "asserted") if holder is not None else "asserted"
        clause_start = holder.content.start if holder is not None and holder is not cue_hit and holder.content else sent[0]
        kinds = ctx.markers(clause_start, s)
        if "frame" in kinds and act.nominal:
            return  # "with assistance from ...", "since the invasion": a circumstance
        passive = cue_hit is None and _is_passive(ctx, act)
        if not passive and _natural_cause(ctx, act, max(sent[0], clause_start)):
            return  # "the outbreak has killed 500 people": a disaster, not an actor's event
        actor, target, speaker = _participants(ctx, act, holder, cue_hit, clause_start, sent, passive)
        kind, mode = act.cat, act.mode
        if "refuse" in kinds:
            kind, mode = "REJECT", act.cat.lower()
        elif "negfut" in kinds and act.cat in _COOPERATIVE:
            kind, mode = "REJECT", act.cat.lower()  # "will not accept": a refusal
        elif "neg" in kinds or "negfut" in kinds:
            status = "denied" if status == "asserted" else status
            mode = "negated"
        elif "oblige" in kinds and holder is not None and holder is not cue_hit:
            kind, mode = "REQUEST", act.cat.lower()  # "X said Y must withdraw"
            actor, target = _as_mention(holder), actor
        elif "commit" in kinds and act.cat in _COOPERATIVE and act.cat != "AGREE":
            kind, mode = "AGREE", act.cat.lower()
        elif "commit" in kinds and act.cat in _MATERIAL_CONFLICT:
            kind, mode = "THREATEN", act.cat.lower()
        elif kinds & {"future", "purpose"}:
            status = "hypothetical" if status == "asserted" else status
            if act.cat in _COOPERATIVE and act.cat != "AGREE":
                kind, mode = "AGREE", act.cat.lower()  # an intention to cooperate
            elif act.cat in _MATERIAL_CONFLICT and speaker and "future" in kinds:
                kind, mode = "THREATEN", act.cat.lower()
        elif kinds & {"modal", "oblige"}:
            status = "hypothetical" if status == "asserted" else status
        elif "hedge" in kinds and status == "asserted":
            status = "unconfirmed"  # "suspected of", "allegedly"
        if target is not None and actor is not None and (target.start, target.end) == (actor.start, actor.end):
            target = None
        if actor is None and target is None and passive and out and out[-1].trigger.end <= s \
                and ctx.doc.sentence_at(out[-1].trigger.start) == sent \
                and any(w in lex.coordinators for w in ctx.low[out[-1].trigger.end:s].split()):
            actor = out[-1].actor  # "X sent 8,000 troops, and 900 of them were deployed to Y"
        if actor is None and (target is None or not passive):
            continue  # PLOVER codes no event without its source actor (a passive names its victim)
        key = (ctx.clause_id(sent[0], s), kind, holder.id if holder is not None else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(Event(
            id=f"e{len(out) + 1}",
            type=kind,
            trigger=Span(s, e, text[s:e]),
            actor=actor,
            target=target,
            place=_place(ctx, sent, e),
            time=_time(ctx, sent),
            quantity=_quantity(ctx, e, sent[1]) or (_quantity_before(ctx, act, clause_start) if passive else None),
            attribution=holder.id if holder is not None else None,
            status=status,
            mode=mode,
        ))


def _participants(ctx: _Ctx, act: _Action, holder: Attribution | None, cue_hit: Attribution | None,
                  clause_start: int, sent: tuple[int, int], passive: bool
                  ) -> tuple[Mention | None, Mention | None, bool]:
    """(actor, target, actor is the speaker) of an action."""
    if cue_hit is not None:
        source: Mention | None = _as_mention(cue_hit)
        head = ctx.low[cue_hit.source.start:cue_hit.source.end].split()[:1]
        if cue_hit.source.refers_to is None and head and head[0] in ctx.lex.subject_pronouns:
            source = None  # an unresolved "they": no named source
        return source, _first_after(ctx, act.obj_end, sent[1], exclude=source), True
    floor = max(sent[0], clause_start)
    if not act.nominal and ctx.relative_before(act.start):
        # "... kapal perang Cheonan yang menewaskan 46 pelaut": the subject is the antecedent
        ante = _nearest_before(ctx, floor, act.start)
        if ante is not None and ctx.words(ante.end, act.start) <= 2:
            return ante, _first_after(ctx, act.obj_end, sent[1], exclude=ante), False
        return None, _first_after(ctx, act.obj_end, sent[1], exclude=None), False
    sub = ctx.clause_floor(floor, act.start)
    main = sub == floor  # a main clause (of the sentence or of the attributed content)
    subject = _nearest_before(ctx, sub, act.start)
    if main:
        noun = _actor_noun(ctx, max(floor, act.left), act.start)
        if noun is not None and (subject is None or ctx.words(subject.end, noun.start) > 2
                                 or ctx.broken(subject.end, noun.start)):
            subject = noun  # "X resigned as the opposition threatened ...": the nearer subject
    if act.nominal:
        agent = _agent(ctx, act, sent[1])  # "an attack by rebels", "razia oleh ormas"
        if agent is not None:
            subject = agent
    if passive:  # the subject is the target (in the verb's clause); an unknown one only right before it
        if subject is not None and ctx.broken(subject.end, act.start):
            subject = None
        if subject is None and main:
            subject = _cap_subject(ctx, floor, act.start, strict=True)
        return _agent(ctx, act, sent[1]), subject, False
    speaker = False
    if subject is None and holder is not None and holder.content is not None and main:
        if _opens_with_pronoun(ctx, holder.content.start, act.start):
            denier = _pronoun_actor(ctx, holder.content.start, act.start)
            if denier is not None:  # "menolak tuduhan bahwa mereka ...": "they" are the denier's side
                subject = denier
            else:
                subject, speaker = _as_mention(holder), True  # "X said it will ...", "X renewed its demand"
    elif subject is not None and holder is not None:
        src = holder.source
        speaker = (src.start <= subject.start and subject.end <= src.end) or subject.text == src.text
    if subject is None and main:
        subject = _cap_subject(ctx, floor, act.start, act.nominal)  # a subject that no stage knew
    target = _first_after(ctx, act.obj_end, sent[1], exclude=subject)
    return subject, target, speaker


def _opens_with_pronoun(ctx: _Ctx, start: int, pos: int) -> bool:
    """Does the content opening at ``start`` begin with a pronoun (after time words)?"""
    for m in re.finditer(r"\S+", ctx.low[start:min(pos, start + 60)]):
        w = m.group(0).strip(",.")
        at = start + m.start()
        if w in ctx.lex.subject_pronouns:
            return True
        if w not in ctx.lex.prepositions and not any(a <= at < b for a, b in ctx.time_spans):
            return False
    return False


def _natural_cause(ctx: _Ctx, act: _Action, floor: int) -> bool:
    """Is the action's subject (or a noun's complement) a disease or disaster?"""
    if not ctx.natures:
        return False
    i = bisect_left(ctx.natures, act.start) - 1
    if i >= 0 and ctx.natures[i] >= floor and not ctx.hard_broken(ctx.natures[i], act.start) \
            and not any(ctx.natures[i] < m.start < act.start for m in ctx.actors[bisect_left(ctx.actor_starts, ctx.natures[i]):]):
        return True  # "a cholera outbreak ... has killed"
    j = bisect_left(ctx.natures, act.obj_end)
    return act.nominal and j < len(ctx.natures) and ctx.words(act.obj_end, ctx.natures[j]) <= 2  # "the threat of the outbreak"


def _is_passive(ctx: _Ctx, act: _Action) -> bool:
    if act.nominal:
        return False
    lex = ctx.lex
    head = ctx.low[act.start:act.end].split()[0]
    if lex.passive_prefixes:
        return head.startswith(lex.passive_prefixes) and head not in lex.not_passive
    if not lex.passive_aux or (lex.participle_suffixes and head.endswith(lex.participle_suffixes)):
        return False
    before = ctx.low[max(0, act.start - 30):act.start].split()[-2:]
    if len(before) == 2 and before[1].endswith("ly"):
        before = before[:1]
    if before and before[-1] in lex.passive_aux:
        return True
    # a participle with its agent: "rations donated by Britain"
    after = ctx.low[act.end:act.end + 12].split()[:1]
    return bool(after) and after[0] in lex.agent_markers and head.endswith(lex.past_suffixes or ("\0",))


def _agent(ctx: _Ctx, act: _Action, end: int) -> Mention | None:
    """The actor after "by"/"oleh" following a passive trigger (or right after it, where the
    language puts a bare agent there: "ditangkap polisi")."""
    if ctx.lex.bare_agent and not act.nominal:
        named = _first_after(ctx, act.obj_end, min(end, act.obj_end + 2 + 30), None)
        noun = next(((s, e) for s, e in ctx.agents if act.obj_end < s <= act.obj_end + 2), None)
        if noun is not None and (named is None or noun[0] < named.start):
            return Mention(noun[0], noun[1], ctx.text[noun[0]:noun[1]], "role", None, None)
        if named is not None and ctx.words(act.obj_end, named.start) == 0:
            return named
    after = ctx.low[act.obj_end:act.obj_end + 40]
    for w in after.split()[:3]:
        if w in ctx.lex.agent_markers:
            pos = act.obj_end + after.index(w) + len(w)
            named = _first_after(ctx, pos, min(end, pos + 60), None)
            noun = next(((s, e) for s, e in ctx.agents if pos < s <= pos + 3), None)
            if noun is not None and (named is None or noun[0] < named.start):
                return Mention(noun[0], noun[1], ctx.text[noun[0]:noun[1]], "role", None, None)
            if named is None or ctx.words(pos, named.start) > 1:
                run = _run_at(ctx, pos)
                if run is not None:
                    return run  # "opposed by Osgiliath": a name right after "by"
            return named
    return None


def _pronoun_actor(ctx: _Ctx, clause_start: int, pos: int) -> Mention | None:
    """'X denied accusations that they sent troops': inside a denied claim, a pronoun subject
    ("mereka", "they", "kami", "we") stands for the denier's side — the country named in the
    denier's description ("Utusan Korea Utara ..."), else the denier."""
    from sumber.analyze.lexicon import lexicon_for  # the attribution lexicon: pronoun lists

    words = ctx.low[clause_start:pos].split()
    plex = lexicon_for(ctx.doc.pack)
    if not words or words[0].strip(",.\"“”") not in plex.pronouns | plex.speaker_pronouns:
        return None
    for cs, ce, att in ctx.contents:
        if cs <= pos < ce and att.stance == "denies":
            src = att.source.refers_to or att.source
            for m in ctx.doc.mentions:
                if m.kind == "country" and src.start <= m.start and m.end <= src.end:
                    return m
            return _as_mention(att)
    return None


def _actor_noun(ctx: _Ctx, start: int, pos: int) -> Mention | None:
    """The nearest actor noun before ``pos`` ("the army", "police"), as a role mention."""
    i = bisect_left(ctx.agent_starts, pos) - 1
    while i >= 0 and ctx.agent_starts[i] >= start:
        s, e = ctx.agents[i]
        if e <= pos:
            return Mention(s, e, ctx.text[s:e], "role", None, None)
        i -= 1
    return None


def _cap_subject(ctx: _Ctx, start: int, pos: int, nominal: bool = False, strict: bool = False) -> Mention | None:
    """A capitalized subject before ``pos`` that no stage recognized ("Arnor is about to ...").
    For a noun, a verb must stand between ("X staged a protest"), else the name only
    qualifies the noun ("Hasil pemeriksaan")."""
    i = bisect_right(ctx.run_starts, pos) - 1
    while i >= 0 and ctx.runs[i].start >= start:
        run = ctx.runs[i]
        i -= 1
        if run.end > pos:
            continue
        toks = run.toks
        k = 0
        while k < len(toks) and toks[k].low.lower() in ctx.not_names:
            k += 1
        if k == len(toks):
            continue
        prev = toks[k - 1].low.lower() if k else (ctx.low[max(start, run.start - 20):run.start].split() or [""])[-1]
        if prev in ctx.lex.prepositions:
            continue
        last = k
        while last + 1 < len(toks) and toks[last + 1].text[:1].isupper() \
                and not any(a <= toks[last + 1].start < b for a, b in ctx.time_spans):
            last += 1  # "Pyongyang on Thursday": the name ends before a connector or a date
        toks = toks[:last + 1]
        s, e = toks[k].start, toks[-1].end
        if any(a < e and s < b for a, b in ctx.time_spans) or any(a < e and s < b for a, b in ctx.trig_spans):
            continue
        glue = _only_glue(ctx, e, pos)
        if (nominal and glue) or (strict and not glue):
            return None
        if len(toks) - k == 1:
            initial = ctx.doc.sentence_at(s)[0] >= s - 2
            if initial and (not ctx.lex.initial_names or ctx.text[e:e + 1] == ","):
                continue  # "Padahal, ...", "Rencana ini ...": an opening word, not a name
            if not glue and _common_word(ctx, toks[k].text):
                return None  # "Kenaikan harga batubara mendukung": a capitalized common noun
        known = next((m for m in ctx.doc.mentions if m.start < e and s < m.end), None)
        if known is not None:
            return known
        place = next((p for p in ctx.doc.places if p.start < e and s < p.end), None)
        if place is not None:
            return Mention(place.start, place.end, place.text, "place", place.gazetteer_id, place.name)
        return Mention(s, e, ctx.text[s:e], "organization", None, None)
    return None


def _run_at(ctx: _Ctx, pos: int) -> Mention | None:
    """An unknown capitalized name starting right after ``pos`` (at most an article between)."""
    i = bisect_left(ctx.run_starts, pos)
    if i == len(ctx.runs) or ctx.words(pos, ctx.runs[i].start) > 1:
        return None
    toks = ctx.runs[i].toks
    k = 0
    while k < len(toks) and toks[k].low.lower() in ctx.not_names:
        k += 1
    if k == len(toks) or any(a < toks[-1].end and toks[k].start < b for a, b in ctx.time_spans):
        return None
    s, e = toks[k].start, toks[-1].end
    place = next((p for p in ctx.doc.places if p.start < e and s < p.end), None)
    if place is not None:
        return Mention(place.start, place.end, place.text, "place", place.gazetteer_id, place.name)
    return Mention(s, e, ctx.text[s:e], "organization", None, None)


def _only_glue(ctx: _Ctx, a: int, b: int) -> bool:
    """Are the words between ``a`` and ``b`` only function words, markers or time words?"""
    for m in re.finditer(r"[^\s,]+", ctx.low[a:b]):
        w = m.group(0).strip(".;:()\"'")
        at = a + m.start()
        if not w or w in ctx.lex.glue or w in ctx.not_names or w[0].isdigit() \
                or any(x <= at < y for x, y in ctx.time_spans):
            continue
        return False
    return True


def _common_word(ctx: _Ctx, word: str) -> bool:
    """Is ``word`` also written in lower case in this text (a common word, not a name)?"""
    low = word.lower()
    if low == word:
        return True
    return re.search(r"(?<!\w)" + re.escape(low) + r"(?!\w)", ctx.text) is not None


def _holders(ctx: _Ctx, pos: int) -> list[Attribution]:
    """The innermost attributions whose content contains ``pos`` (several when two sources
    assert and deny the same words, as in "menolak tuduhan X bahwa ...")."""
    k = bisect_right(ctx.content_starts, pos)
    lo = bisect_right(ctx.content_starts, pos - 5000)  # contents are sentences or quotes, never this long
    inside = [(ce - cs, a) for cs, ce, a in ctx.contents[lo:k] if pos < ce]
    if not inside:
        return []
    size = min(n for n, _ in inside)
    return [a for n, a in inside if n <= size + 40]


def _as_mention(a: Attribution) -> Mention:
    """The attribution's source as a mention (its antecedent when it is an anaphor: "katanya")."""
    src = a.source
    if src.refers_to is not None:
        ref = src.refers_to
        return Mention(ref.start, ref.end, ref.text, src.kind, None, src.name)
    return Mention(src.start, src.end, src.text, src.kind, None, src.name)


def _nearest_before(ctx: _Ctx, start: int, pos: int) -> Mention | None:
    """The nearest actor mention before ``pos`` that is not a place phrase ("in South Sudan")."""
    i = bisect_left(ctx.actor_starts, pos) - 1
    while i >= 0 and ctx.actor_starts[i] >= start:
        m = ctx.actors[i]
        i -= 1
        if m.end <= pos and ctx.prev_word(m.start) not in ctx.lex.prepositions:
            return m
    return None


def _first_after(ctx: _Ctx, pos: int, end: int, exclude: Mention | None) -> Mention | None:
    stop = min(end, pos + 120)
    for i in range(bisect_left(ctx.actor_starts, pos), len(ctx.actors)):
        m = ctx.actors[i]
        if m.start >= end:
            break
        if m.end <= stop:
            if exclude is not None and ((m.ref == exclude.ref and m.ref is not None)
                                        or (exclude.start <= m.start and m.end <= exclude.end)):
                continue
            return m
    return None


def _place(ctx: _Ctx, sent: tuple[int, int], pos: int) -> Place | None:
    """The first place after the trigger in its sentence, else the first in the sentence."""
    places = ctx.doc.places
    first = None
    for i in range(bisect_left(ctx.place_starts, max(sent[0], ctx.doc.body_start)), len(places)):
        p = places[i]  # (a dateline place is where the story was filed, not where it happened)
        if p.start >= sent[1]:
            break
        if p.end <= sent[1]:
            if p.start >= pos:
                return p
            first = first or p
    return first


def _time(ctx: _Ctx, sent: tuple[int, int]) -> TimeExpr | None:
    times = ctx.doc.times
    for i in range(bisect_left(ctx.time_starts, sent[0]), len(times)):
        t = times[i]
        if t.start >= sent[1]:
            break
        if t.end <= sent[1]:
            return t
    return None


def _quantity_before(ctx: _Ctx, act: _Action, floor: int) -> Quantity | None:
    """The count of a passive verb's subject ("1.500 di antaranya telah dikerahkan")."""
    i = bisect_left(ctx.quantity_starts, act.start) - 1
    if i >= 0 and ctx.quantity_starts[i] >= floor and not ctx.broken(ctx.doc.quantities[i].end, act.start) \
            and ctx.words(ctx.doc.quantities[i].end, act.start) <= 5:
        return ctx.doc.quantities[i]
    return None


def _quantity(ctx: _Ctx, pos: int, end: int) -> Quantity | None:
    i = bisect_left(ctx.quantity_starts, pos)
    if i < len(ctx.quantity_starts) and ctx.quantity_starts[i] < min(end, pos + 80):
        return ctx.doc.quantities[i]
    return None
