"""Attributed statements: who says what (source, cue, stance, content), by pack-driven rules.

Every cue form in the pack is found in one Aho-Corasick pass.  Each cue type has its
own shape, read off the sentence around it:

- ``verbs``        X mengatakan(,) C · X said (that) C · "C," X said · "C," said X
- ``inverted``     "C," kata X · C, ujar X
- ``passive``      Ditambahkan X, C · ... dibagikan oleh X · C was reported by X
- ``clitic``       "C," ujarnya (the cue is its own anaphoric source)
- ``prepositions`` Menurut X, C · C, according to X
- ``nominal``      tuduhan X bahwa C · claims that C

Stance comes from the cue, changed by negation or refusal before it ("belum bisa
memerinci", "declined to comment"), and by calling a claim false ("menyebutnya rumor
yang tidak berdasar").  Anaphoric sources (ia, he, pejabat tersebut, ujarnya) point to
the latest compatible source.  Cues inside direct quotes are not attributions of the
article: they belong to the quoted speaker's words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from sumber.analyze.chunks import Tok, is_cap, tokens
from sumber.analyze.doc import Doc
from sumber.analyze.lexicon import CueInfo, Lexicon, lexicon_for
from sumber.analyze.matcher import lower_same_length
from sumber.analyze.sources import SourceResolver
from sumber.model import Attribution, Cue, Source, Span

_OPEN_QUOTES = "\"“”«„‟″"
_CLOSE_QUOTES = "\"”»″’"
_TRIM = " \t\n,.;:—–-"


@dataclass(slots=True)
class Ctx:
    doc: Doc
    lex: Lexicon
    low: str
    quote_starts: list[int]
    resolver: SourceResolver

    def doc_time_at(self, pos: int) -> bool:
        return self.resolver.time_index.overlaps(pos, pos + 1)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces, punctuation and quote marks at both ends."""
    while start < end and (text[start] in _TRIM or text[start] in _OPEN_QUOTES):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] in _CLOSE_QUOTES or text[end - 1] in "“"):
        end -= 1
    return start, end


def _span(text: str, start: int, end: int) -> Span | None:
    start, end = _trim(text, start, end)
    if end <= start:
        return None
    return Span(start, end, text[start:end])


def _quote_at(ctx: Ctx, pos: int) -> tuple[int, int, int, int] | None:
    """The quote whose inner text contains ``pos``."""
    i = bisect_right(ctx.quote_starts, pos) - 1
    if i >= 0:
        q = ctx.doc.quotes[i]
        if q[1] <= pos < q[2]:
            return q
    return None


def _quote_ending_before(ctx: Ctx, pos: int, limit: int = 4) -> tuple[int, int, int, int] | None:
    """A quote whose closing mark ends within ``limit`` characters before ``pos`` (", ” kata")."""
    i = bisect_right(ctx.quote_starts, pos) - 1
    while i >= 0:
        q = ctx.doc.quotes[i]
        if q[3] <= pos:
            gap = ctx.doc.text[q[3]:pos]
            if len(gap.strip(" ,.\n")) == 0 and len(gap) <= limit:
                return q
            # a quote whose inner text ends with the comma: “...,” kata X
            return None
        i -= 1
    return None


def _quote_starting_after(ctx: Ctx, pos: int, limit: int = 4) -> tuple[int, int, int, int] | None:
    i = bisect_right(ctx.quote_starts, pos + limit)
    for k in range(max(0, i - 2), min(len(ctx.doc.quotes), i + 1)):
        q = ctx.doc.quotes[k]
        if pos <= q[0] <= pos + limit and not ctx.doc.text[pos:q[0]].strip(" ,:\n"):
            return q
    return None


def _skip_words(toks: list[Tok], i: int, words: frozenset[str]) -> int:
    while i < len(toks) and toks[i].low in words:
        i += 1
    return i


class Extractor:
    def __init__(self, doc: Doc) -> None:
        lex = lexicon_for(doc.pack)
        self.ctx = Ctx(doc, lex, lower_same_length(doc.text), [q[0] for q in doc.quotes], SourceResolver(doc, lex))
        self.text = doc.text
        self.out: list[Attribution] = []
        self.cue_starts: list[int] = []
        self.in_quote = False
        self._direct = False

    # -- helpers -------------------------------------------------------------------------

    def within(self, matcher, a: int, b: int) -> list:
        """``matcher``'s matches inside [a, b), from one pass over the article."""
        return self.ctx.resolver.hits(matcher).within(a, b)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.ctx.doc.sentence_at(pos)

    def content_after(self, pos: int, sent_end: int) -> tuple[Span | None, bool]:
        """Content starting after a cue: a quote that opens here, else the rest of the sentence."""
        text, lex = self.text, self.ctx.lex
        q = _quote_starting_after(self.ctx, pos)
        if q is not None:
            return _span(text, q[1], q[2]), True
        toks = tokens(text, pos, min(sent_end, pos + 120))
        noun_at = next((k for k, t in enumerate(toks[:5]) if lex.claim_nouns.match_at(self.ctx.low, t.start)), None)
        if noun_at is not None and all(t.low in lex.noun_markers or t.text.endswith(("'s", "’s")) or is_cap(t.text)
                                       for t in toks[:noun_at]):
            # "menolak tuduhan X bahwa C", "rejected the group's claim that C": the proposition after "that"
            for tok in toks[noun_at + 1:noun_at + 9]:
                if tok.low in ("that", "bahwa"):
                    return _span(text, tok.end, self._content_end(tok.end, sent_end)), False
        if toks and toks[0].low in ("it", "them", "this", "that", "him", "her", "itu", "ini") and len(toks) > 1:
            q = _quote_starting_after(self.ctx, toks[0].end)
            if q is not None:
                return _span(text, q[1], q[2]), True  # 'calling it "cheap propaganda"'
        if toks and toks[0].low in lex.complements:
            # "menyebutnya sebagai “...”", "described it as “...”": the quote is the content
            q = _quote_starting_after(self.ctx, toks[0].end)
            if q is not None:
                return _span(text, q[1], q[2]), True
            pos = toks[0].end
        elif toks and (toks[0].low in lex.adverbial_prepositions or toks[0].low in lex.addressee_markers
                       or self.ctx.doc_time_at(toks[0].start)):
            # "said on Monday that ...", "mengatakan kepada wartawan di Jakarta, Senin, bahwa ..."
            for tok in toks[1:10]:
                if any(c in text[pos:tok.start] for c in _OPEN_QUOTES):
                    break
                if tok.low in ("that", "bahwa"):
                    pos = tok.end
                    break
        return _span(text, pos, self._content_end(pos, sent_end)), False

    def _content_end(self, pos: int, sent_end: int) -> int:
        """The sentence end, or the end of a quote that runs past it."""
        qi = _quote_at(self.ctx, max(pos, sent_end - 1))
        if qi is not None and qi[2] > sent_end:
            return qi[2]
        return sent_end

    def content_before(self, limit: int, sent_start: int) -> tuple[Span | None, bool]:
        """Content ending before an inverted cue: the quote closing there, else the clause."""
        q = _quote_ending_before(self.ctx, limit)
        if q is not None:
            return _span(self.text, q[1], q[2]), True
        return _span(self.text, sent_start, limit), False

    def stance_of(self, info: CueInfo, cue_start: int, cue_end: int, content: Span | None, sent_start: int) -> tuple[str, int]:
        """Stance after negation/refusal before the cue; returns (stance, new cue start)."""
        lex, text = self.ctx.lex, self.text
        stance = info.stance
        if info.type in ("nominal", "prepositions", "clitic", "inverted"):
            if stance == "asserts" and content is not None and info.type not in ("nominal", "prepositions"):
                stance = self.content_stance(content, info)
            return stance, cue_start
        before = tokens(text, max(sent_start, cue_start - 60), cue_start)
        k = len(before) - 1
        start = cue_start
        seen_neg = False
        while k >= 0 and len(before) - k <= 4:
            low = before[k].low
            if low in lex.negators:
                seen_neg = True
                start = before[k].start
                k -= 1
                continue
            if low in lex.modals or low in lex.auxiliaries:
                start = before[k].start
                k -= 1
                continue
            break
        if seen_neg and stance == "asserts":
            stance = "unconfirmed"
        if stance == "asserts" and content is not None:
            stance = self.content_stance(content, info)
        return stance, start

    def content_stance(self, content: Span, info: CueInfo) -> str:
        """Stance carried by the content itself: calling a claim false is a denial ("menyebutnya
        rumor yang tidak berdasar", "says the claims are ridiculous"); a quoted refusal ("kami
        tidak bisa menyampaikan", "no comment") leaves the matter unconfirmed."""
        lex = self.ctx.lex
        low = self.ctx.low
        head_end = min(content.end, content.start + 90)
        toks = tokens(self.text, content.start, content.end)
        if self.within(lex.falsity, content.start, head_end):
            if info.lemma in ("menyebut", "call", "describe", "dismiss") or self.within(lex.claim_nouns, content.start, head_end) \
                    or len(toks) <= 10 \
                    or any(t.low in lex.pronouns or t.low in lex.anaphoric_determiners or t.low in ("this", "that", "it", "itu", "ini", "tersebut")
                           for t in toks[:6]):
                return "denies"
        if info.lemma in ("menyebut", "call", "describe") and toks and lex.claim_nouns.match_at(low, toks[0].start) is not None \
                and any(t.low in ("sebagai", "as") for t in toks[1:5]):
            return "denies"  # "menyebut tuduhan itu sebagai upaya ...": recasting the claim
        if self.within(lex.deflections, content.start, head_end):
            return "unconfirmed"  # "too early to say", "terlalu dini"
        first_word = toks[0].low if toks else ""
        if toks and (first_word in lex.negators or (len(toks) > 1 and toks[1].low in lex.negators and first_word in lex.modals)):
            for s, e, _ in self.within(lex.response_verbs, content.start, min(content.end, content.start + 40)):
                if self.negated(s, content.start):
                    return "unconfirmed"  # "mengaku belum bisa memastikan jumlah pengungsi"
        first_person = any(t.low in lex.speaker_pronouns for t in toks[:6])
        if len(toks) <= 14 and first_person:  # "kami tidak bisa menyampaikan", "we cannot comment"
            for s, e, _ in self.within(lex.response_verbs, content.start, content.end):
                if self.negated(s, content.start):
                    return "unconfirmed"
        opener = lex.denial_openers.match_at(low, content.start)
        if opener is None and self._direct and first_word in lex.conditionals:
            comma = self.text.find(",", content.start, min(content.end, content.start + 30))
            if comma > 0:  # "Kalau ada, itu bukan dari kami"
                rest = comma + 1
                while rest < content.end and self.text[rest] == " ":
                    rest += 1
                opener = lex.denial_openers.match_at(low, rest)
        if opener is not None and self._direct and self.accusation_before(content.start, 350):
            return "denies"  # "There is no such instruction," right after a reported accusation
        return "asserts"

    def hedged(self, content: Span | None, a: int, b: int) -> bool:
        lex = self.ctx.lex
        if content is not None and self.within(lex.hedges, content.start, content.end):
            return True
        return bool(self.within(lex.hedges, a, b))

    def channel(self, a: int, b: int) -> Span | None:
        """'dalam postingan Facebook', 'in a statement', 'on Twitter' between a and b."""
        lex, text, low = self.ctx.lex, self.text, self.ctx.low
        for s, e, _ in self.within(lex.channel_nouns, a, b):
            toks = tokens(text, max(a, s - 20), s)
            if not toks or toks[-1].low not in lex.channel_prepositions:
                continue
            end = e
            # extend over a platform or name right after: "postingan Facebook", "akun X (Twitter)"
            for m in self.ctx.doc.mentions:
                if m.start >= end and m.start - end <= 2 and m.kind in ("platform", "media", "social_account", "organization"):
                    end = m.end
                    break
            return Span(s, end, text[s:end])
        return None

    def addressee(self, a: int, sent_end: int, english_tell: bool) -> tuple[Span | None, int]:
        """'kepada Wakil Menteri X' / 'told reporters': the addressee and where content starts."""
        lex, text = self.ctx.lex, self.text
        toks = tokens(text, a, min(sent_end, a + 200))
        i = 0
        if not toks:
            return None, a
        if toks[0].low in lex.addressee_markers or english_tell:
            j = 1 if toks[0].low in lex.addressee_markers else 0
            k = j
            while k < len(toks) and toks[k].low not in lex.complements and self.text[toks[k - 1].end if k else a:toks[k].start].strip() in ("", "."):
                if k > j and not is_cap(toks[k].text) and toks[k].low not in lex.name_connectors and k - j >= 1 and toks[k - 1].low not in lex.title_set:
                    if not (k - j == 1 and toks[j].low in lex.role_set):
                        break
                k += 1
                if k - j > 12:
                    break
            if k > j:
                span = Span(toks[j].start, toks[k - 1].end, text[toks[j].start:toks[k - 1].end])
                return span, toks[k - 1].end
        return None, a

    def negated(self, cue_start: int, sent_start: int) -> bool:
        lex = self.ctx.lex
        before = tokens(self.text, max(sent_start, cue_start - 60), cue_start)
        k = len(before) - 1
        while k >= 0 and len(before) - k <= 4:
            low = before[k].low
            if low in lex.negators:
                return True
            if low in lex.modals or low in lex.auxiliaries:
                k -= 1
                continue
            break
        return False

    def verb_guard(self, s: int, e: int, info: CueInfo, sent: tuple[int, int]) -> str:
        """'skip' for a verb form used as a noun, adjective or agentless passive; 'passive'
        for a passive with an agent ("was reported by X"); '' otherwise."""
        lex, text = self.ctx.lex, self.text
        before = tokens(text, max(sent[0], s - 50), s)
        k = len(before) - 1
        def adverb(i: int) -> bool:
            low = before[i].low
            if low in ("also", "not", "still", "later", "then", "now"):
                return True
            # "-ly" adverbs, but not "the family" / "an ally"
            return low.endswith("ly") and len(low) > 4 and not (i > 0 and before[i - 1].low in lex.noun_markers)

        while k >= 0 and adverb(k) and before[k].low not in lex.noun_markers:
            k -= 1
        j = k
        while j >= 1 and any(m.kind == "country" and m.text != m.name and m.start <= before[j].start < m.end
                             for m in self.ctx.doc.mentions):
            j -= 1  # a demonym is an adjective: look at the word before it
        if j != k and j >= 0 and (before[j].low in lex.noun_markers or before[j].low in ("southern", "northern", "eastern", "western", "central")):
            return "skip"
        prev = before[k] if k >= 0 else None
        gap = text[prev.end:s] if prev else ""
        if prev is not None and "," not in gap and not any(c in gap for c in "\"“”"):
            prev_is_verb = prev.low in lex.cue_words and not is_cap(prev.text) and not (
                k >= 1 and before[k - 1].low in lex.noun_markers)  # "the report said": a noun
            if prev.low in lex.infinitive_markers or prev_is_verb:
                return "skip"  # "untuk menunjukkan", "to report", "said confirmed cases"
            if prev.low in lex.noun_markers or (lex.noun_markers and (prev.text[0].isdigit() or prev.low in ("one", "two", "three", "four", "five"))):
                return "skip"
            if is_cap(prev.text) and k >= 1 and before[k - 1].low in ("a", "an") and lex.code == "en":
                return "skip"  # "A UN report": a noun after a singular determiner and a name
            if prev.low in lex.passive_auxiliaries and not text[s:e].endswith("ing"):
                after = tokens(text, e, min(sent[1], e + 40))
                if not info.weak and any(t.low == "by" for t in after[:3]):
                    return "passive"
                return "skip"
        if lex.passive_followers.match_at(self.ctx.low, e + 1 if e < len(text) and text[e] == " " else e):
            return "skip"
        return ""

    def accusation_before(self, pos: int, window: int = 600) -> bool:
        """Was a claim against someone reported shortly before ``pos``? (an accusing cue, a
        claim noun, or a statement someone has already denied)."""
        lex, low = self.ctx.lex, self.ctx.low
        start = max(0, pos - window)
        if self.within(lex.claim_nouns, start, pos):
            return True
        return any(a.cue.start >= start and (a.cue.lemma in ("menuding", "accuse", "allege", "claim", "menuduh")
                                            or a.stance == "denies") for a in self.out)

    def clause_like(self, content: Span | None) -> bool:
        """A bare clause after a verb ("suggest the government is ..."), not just an object."""
        if content is None:
            return False
        toks = tokens(content.text)
        if len(toks) < 3:
            return False
        if self.ctx.lex.code == "id":
            return True
        finite = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
                  "might", "must", "should", "do", "does", "did", "need", "needs"}
        subjects = {"he", "she", "it", "they", "we", "i", "there", "you"}
        low = content.text.lower()
        if " to be " in low or " to have " in low:
            return True  # "declared the outbreak to be a pandemic"
        return any(t.low in finite or t.low in subjects or (i > 0 and t.low.endswith("ed")) for i, t in enumerate(toks[:12]))

    # -- cue handlers ----------------------------------------------------------------------

    def add(self, source: Source, cue_start: int, cue_end: int, info: CueInfo, content: Span | None, direct: bool,
            sent: tuple[int, int], addressee: Span | None = None, channel_from: int | None = None) -> None:
        self._direct = direct
        if self.ctx.doc.publishers and source.kind in ("document", "media", "agency", "organization") and any(
                m.ref in self.ctx.doc.publishers for m in self.ctx.resolver.mentions_in(source.start, source.end)):
            return  # the publisher's own voice ("catatan Kompas") is not a source
        if self.in_quote:
            # inside a quote only third parties count ("Some of them say ..."), and only with a
            # subject of their own, not "we said" / "kami sudah menyampaikan"
            lex = self.ctx.lex
            words = tokens(self.text, source.start, source.end)
            if (not words or any(t.low in lex.speaker_pronouns or t.low in lex.pronouns for t in words)
                    or (len(words) == 1 and words[0].low.lower() in lex.not_names)
                    or source.refers_to is not None or source.kind == "document" or direct or content is None):
                return
        stance, cstart = self.stance_of(info, cue_start, cue_end, content, sent[0])
        first = tokens(self.text, source.start, min(source.end, source.start + 20))
        if stance == "asserts" and first and first[0].low in self.ctx.lex.negators and source.end <= cue_start:
            stance = "unconfirmed"  # "Neither the company nor the government have claimed ..."
        cue = Cue(cstart, cue_end, self.text[cstart:cue_end], info.lemma)
        via = self.ctx.resolver.via_for(source, cue_start, sent, self.out)
        limit = sent[1]
        for s2 in self.cue_starts:
            if s2 > cue_end:
                limit = min(limit, s2)
                break
        ch = self.channel(channel_from if channel_from is not None else cue_end, limit)
        if ch is None and source.end <= cue_start:
            ch = self.channel(source.end, cue_start)
        hedged = self.hedged(content, source.end, cue_start) if source.end <= cue_start else self.hedged(content, cue_start, cue_start)
        self.out.append(Attribution(
            id=f"a{len(self.out) + 1}", source=source, cue=cue, stance=stance, hedged=hedged,
            direct_quote=direct, content=content, via=via, channel=ch, addressee=addressee,
        ))
        self.ctx.resolver.remember(source, cue_start)

    def handle(self, s: int, e: int, info: CueInfo) -> None:
        text, ctx = self.text, self.ctx
        self.in_quote = _quote_at(ctx, s) is not None
        if self.in_quote and info.type not in ("verbs", "prepositions"):
            return  # inverted and clitic cues inside a quote are the speaker's own narration
        sent = self.sentence(s)
        if text[s].isupper() and text[sent[0]:s].strip(" \"“”'‘(—–-"):
            return  # capitalized mid-sentence: a name ("United States", "Washington Post")
        for a0, b0, _ in self.within(self.ctx.lex.anonymity, max(sent[0], s - 40), min(sent[1], e + 60)):
            if a0 <= s and e <= b0:
                return  # "yang meminta namanya tidak disebutkan", "who asked not to be named"
        t = info.type
        if t == "verbs":
            guard = self.verb_guard(s, e, info, sent)
            if guard == "skip":
                nominal = self.ctx.lex.nominal_info.get(self.ctx.low[s:e])
                pre = tokens(self.text, max(sent[0], s - 20), s)
                in_channel = len(pre) >= 2 and pre[-2].low in self.ctx.lex.channel_prepositions
                if nominal is not None and not in_channel:
                    self.nominal(s, e, nominal, sent)  # "rejected the group's claim that ..."
                return
            if guard == "passive":
                self.passive(s, e, info, sent)
                return
        if t == "clitic":
            self.clitic(s, e, info, sent)
        elif t == "inverted":
            self.inverted(s, e, info, sent)
        elif t == "prepositions":
            self.preposition(s, e, info, sent)
        elif t == "passive":
            self.passive(s, e, info, sent)
        elif t == "nominal":
            self.nominal(s, e, info, sent)
        else:
            self.verb(s, e, info, sent)

    def clitic(self, s: int, e: int, info: CueInfo, sent: tuple[int, int]) -> None:
        source = self.ctx.resolver.anaphor(s, e, self.text[s:e], kind_hint="person")
        if info.preposition:  # "Menurutnya, C" or "C, menurutnya."
            after = self.text[e:e + 2]
            if after.startswith(","):
                content, direct = self.content_after(e + 1, sent[1])
            else:
                content, direct = self.content_before(s, sent[0])
        else:
            content, direct = self.content_before(s, sent[0])
            if content is None:
                content, direct = self.content_after(e, sent[1])
        if content is None:
            return
        self.add(source, s, e, info, content, direct, sent)

    def inverted(self, s: int, e: int, info: CueInfo, sent: tuple[int, int]) -> None:
        text = self.text
        before = text[max(sent[0], s - 3):s]
        if not (before.rstrip().endswith((",", "”", '"', "″", "»")) or _quote_ending_before(self.ctx, s)):
            return  # "kata" as a noun ("kata kunci"); an inverted cue follows the content
        source = self.ctx.resolver.after(e, sent[1])
        if source is None:
            return
        content, direct = self.content_before(s, sent[0])
        if content is None:
            return
        self.add(source, s, e, info, content, direct, sent, channel_from=source.end)

    def preposition(self, s: int, e: int, info: CueInfo, sent: tuple[int, int]) -> None:
        text = self.text
        source = self.ctx.resolver.after(e, sent[1], stop_at_comma=True)
        if source is None or (info.weak and not self.ctx.resolver.source_like(source)):
            return
        rest = text[source.end:source.end + 3]
        if rest.lstrip(" )").startswith(","):
            content, direct = self.content_after(text.index(",", source.end) + 1, sent[1])
        elif text[sent[0]:s].strip(" ,"):
            content, direct = self.content_before(s, sent[0])
        else:
            content, direct = self.content_after(source.end, sent[1])
        if content is None:
            return
        self.add(source, s, e, info, content, direct, sent, channel_from=source.end)

    def passive(self, s: int, e: int, info: CueInfo, sent: tuple[int, int]) -> None:
        text, lex = self.text, self.ctx.lex
        pre = tokens(text, max(sent[0], s - 20), s)
        if pre and pre[-1].low in lex.adverbial_prepositions and pre[-1].low not in ("oleh", "by"):
            return  # "Saat dikonfirmasi, X belum membalas": when asked, not who said
        toks = tokens(text, e, min(sent[1], e + 160))
        # agent after "oleh"/"by" within a few words, or directly after the cue at sentence start
        agent_at = None
        for k, tok in enumerate(toks[:8]):
            if tok.low in ("oleh", "by"):
                agent_at = tok.end
                break
        at_start = not text[sent[0]:s].strip(" ,“”\"")
        if agent_at is None and not at_start:
            if info.weak:
                return
            agent_at = e
        if agent_at is None:
            agent_at = e
        source = self.ctx.resolver.after(agent_at, sent[1], stop_at_comma=True)
        if source is None or not self.ctx.resolver.source_like(source):
            return
        if at_start:
            comma = text.find(",", source.end, sent[1])
            if comma < 0:
                return
            content, direct = self.content_after(comma + 1, sent[1])
        else:
            content, direct = self.content_before(s, sent[0])
        if content is None:
            return
        self.add(source, s, e, info, content, direct, sent, channel_from=source.end)

    def nominal(self, s: int, e: int, info: CueInfo, sent: tuple[int, int]) -> None:
        text, lex = self.text, self.ctx.lex
        toks = tokens(text, e, min(sent[1], e + 120))
        comp = None
        for k, tok in enumerate(toks[:8]):
            if tok.low in ("bahwa", "that"):
                comp = k
                break
            if tok.low in lex.relative and k <= 1:
                continue  # "kabar yang beredar di media sosial bahwa ..."
            if k >= 1 and any(t.low in lex.relative for t in toks[:k]):
                continue
            if "," in text[toks[k - 1].end if k else e:tok.start] or not self.ctx.resolver.np_word(tok):
                break  # "the charges were ... and denied that": not this noun's complement
        if comp is None:
            return
        # "tuduhan Korea Selatan dan Ukraina bahwa": a holder between the noun and "bahwa"
        rel_at = next((k for k in range(comp) if toks[k].low in lex.relative), comp)
        holder = self.ctx.resolver.span_source(toks[0].start, toks[rel_at - 1].end) if rel_at > 0 else None
        if holder is None:
            holder = self.ctx.resolver.possessor(s, sent[0])  # "the group's claim that"
        if holder is None:
            holder = Source(s, e, text[s:e], "document", None)
        content, direct = self.content_after(toks[comp].end, sent[1])
        if content is None:
            return
        self.add(holder, s, e, info, content, direct, sent)

    def verb(self, s: int, e: int, info: CueInfo, sent: tuple[int, int]) -> None:
        text, lex, res = self.text, self.ctx.lex, self.ctx.resolver
        after = text[e:sent[1]]
        stripped_after = after.strip(" ")
        ends_here = not stripped_after.strip(" .!?\"”’") or stripped_after[:1] in ".!?"
        # English inverted with name after: '"C," said X.'
        before = text[sent[0]:s]
        quote_before = _quote_ending_before(self.ctx, s, limit=3)
        if (before.rstrip().endswith(",") or quote_before) and not ends_here and not info.weak and info.stance == "asserts" \
                and self.ctx.lex.code != "id" and not before.strip(" ,\"“”").endswith(tuple(lex.coordinators)):
            src_after = res.after(e, sent[1], stop_at_comma=True)
            if src_after is not None and res.source_like(src_after) and (quote_before or text[src_after.end:src_after.end + 40].lstrip().startswith((".", ",", "in ", "on ", "at ", "to ", "during "))):
                content, direct = self.content_before(s, sent[0])
                if content is not None:
                    self.add(src_after, s, e, info, content, direct, sent, channel_from=src_after.end)
                    return
        rel = tokens(text, max(sent[0], s - 30), s)
        while rel and (rel[-1].low in lex.auxiliaries or rel[-1].low in lex.negators or rel[-1].low in lex.modals):
            rel.pop()
        if rel and rel[-1].low in lex.relative:
            gap = text[rel[-2].end:rel[-1].start] if len(rel) > 1 else ""
            if "," in gap or len(rel) == 1:
                # "Ms. Corby, who says ...", "Gunung Kartiko, yang belum membalas": the noun phrase
                # before the comma speaks; ", yang menunjukkan bahwa ...": a clause does not
                head = res.appositive_head(sent[0], rel[-2].end if len(rel) > 1 else sent[0])
                if head is None:
                    return
                close = text.find(",", e, sent[1])  # the relative clause ends at its comma
                content, direct = self.content_after(e, close if close > 0 else sent[1])
                if content is None and info.stance != "unconfirmed":
                    return
                self.add(head, s, e, info, content, direct, sent)
                return
        subj = res.subject(sent[0], s, self.out)
        if text[s:e].endswith("ing") and lex.code == "en":
            prior = res._coordinated(sent[0], s, self.out)  # "urged residents not to panic, saying ..."
            if prior is not None and (subj is None or not res.source_like(subj[0])):
                subj = prior
        if subj is None:
            return
        source, inverted_content = subj
        if source.refers_to is None and not res.source_like(source):
            return  # "117 cases reported in ...", "lokasi kejadian untuk mengetahui": no speaker
        rel = tokens(text, max(sent[0], s - 12), s)
        if rel and rel[-1].low in lex.relative and source.kind == "document":
            return  # "foto yang menunjukkan ...": a description, not a statement
        if inverted_content is not None:
            # 'C, X said.' / '"C," X said.' / 'C, X menambahkan.'
            self.add(source, s, e, info, inverted_content[0], inverted_content[1], sent)
            return
        addressee, pos = self.addressee(e, sent[1], english_tell=info.lemma == "tell")
        comp_ok = False
        nxt = text[pos:pos + 3].lstrip(" ")
        if nxt[:1] in ":\"“”" or _quote_starting_after(self.ctx, pos):
            comp_ok = True
        if nxt[:1] == "," and lex.code == "id":
            comp_ok = True  # "X mengatakan, C"
        toks = tokens(text, pos, min(sent[1], pos + 60))
        if toks and toks[0].low in ("that", "bahwa", "whether", "jika", "kalau", "apakah"):
            comp_ok = True
        content, direct = self.content_after(pos, sent[1])
        if content is None:
            pre = tokens(text, max(sent[0], source.start - 12), source.start)
            if pre and pre[-1].low in ("as", "seperti", "sebagaimana"):
                # "..., as regulators said." / "..., seperti dikatakan X": the clause before
                content, direct = self.content_before(text.rfind(",", sent[0], pre[-1].start) if "," in text[sent[0]:pre[-1].start] else pre[-1].start, sent[0])
        if info.weak and not comp_ok:
            lead = tokens(text, source.start, min(source.end, source.start + 20))
            negated = self.negated(s, sent[0]) or bool(lead and lead[0].low in lex.negators)
            if info.stance != "asserts" or (negated and not info.clause):
                ok = True
            elif nxt[:1] == ",":
                ok = False
            elif info.object:
                if lex.code == "id":
                    ok = len(toks) >= 1
                else:
                    ok = any(t.low in lex.complements for t in toks[:8]) or any(c in text[pos:toks[min(7, len(toks) - 1)].end] for c in "\"“”") if toks else False
            elif info.clause:
                ok = self.clause_like(content)
            else:
                ok = False
            if not ok:
                return
        if content is None:
            if info.stance == "unconfirmed":
                content = None
            else:
                return
        self.add(source, s, e, info, content, direct, sent, addressee=addressee)


_RESPONSE = CueInfo("verbs", "no-response", "unconfirmed", False)


def extract(doc: Doc) -> list[Attribution]:
    ex = Extractor(doc)
    lex = ex.ctx.lex
    cues = lex.cues.find(doc.text, ex.ctx.low)
    # "belum membalas", "tidak merespons", "could not confirm": a response verb is a cue only
    # when negated or refused
    spans = [(s, e) for s, e, _ in cues]
    for s, e, _ in lex.response_verbs.find(doc.text, ex.ctx.low):
        if any(a < e and s < b for a, b in spans):
            continue
        if ex.negated(s, ex.sentence(s)[0]):
            cues.append((s, e, _RESPONSE))
    cues.sort(key=lambda m: m[0])
    ex.cue_starts = [s for s, _, _ in cues]
    for s, e, info in cues:
        ex.handle(s, e, info)
    _trim_trailing_attributions(doc.text, ex.out)
    _merge_reported_refusals(ex.out)
    return ex.out


def _merge_reported_refusals(out: list[Attribution]) -> None:
    """'The agency said it had not yet verified the number': one unconfirmed statement by the
    agency (the nested "it ... not verified" is the same source refusing), not two."""
    drop = set()
    starts = [x.cue.start for x in out]
    for a in out:
        c = a.content
        if c is None or a.stance != "asserts":
            continue
        for b in _within(out, starts, c.start, c.end):
            if b is a or b.stance != "unconfirmed" or not (c.start <= b.source.start < b.cue.end <= c.end):
                continue
            definite = b.source.refers_to is not None or b.source.text.lower().startswith(("the ", "pihak"))
            if definite and 0 <= b.source.start - c.start <= 25 and c.start > a.cue.start:
                a.stance = "unconfirmed"
                a.cue = b.cue
                a.content = b.content
                drop.add(id(b))
    if drop:
        out[:] = [x for x in out if id(x) not in drop]
        for i, x in enumerate(out):
            x.id = f"a{i + 1}"


def _within(out: list[Attribution], starts: list[int], a: int, b: int) -> list[Attribution]:
    """Attributions whose cue starts in [a - 400, b): the only ones a content span can hold or
    be followed by (``out`` sorted by cue start, ``starts`` their cue starts)."""
    return out[bisect_left(starts, a - 400):bisect_left(starts, b)]


def _trim_trailing_attributions(text: str, out: list[Attribution]) -> None:
    """'The Pentagon could not confirm the report, a spokesperson said.': the first statement's
    content ends before the comma that opens the second (inverted) attribution."""
    starts = [x.cue.start for x in out]
    for a in out:
        c = a.content
        if c is None:
            continue
        for b in _within(out, starts, c.start, c.end + 200):
            if b is a or b.content is None:
                continue
            if b.source is a.source and c.start < b.cue.start < c.end:
                # "membantah laporan itu dan menyebutnya ...": a coordinated second cue ends the first content
                cut = b.cue.start
                words = tokens(text, c.start, cut)
                while words and (words[-1].low in ("dan", "and", "serta", "sambil", "seraya", "while") or text[words[-1].end:cut].strip(" ") == ","):
                    cut = words[-1].start if words[-1].low in ("dan", "and", "serta", "sambil", "seraya", "while") else text.rfind(",", c.start, cut)
                    words = tokens(text, c.start, cut)
                new = _span(text, c.start, cut)
                if new is not None:
                    a.content = new
                    c = new
                continue
            if not (c.start < b.source.start < c.end):
                continue
            if b.content.end <= min(b.source.start, b.cue.start):  # b's content precedes its source and cue
                cut = text.rfind(",", c.start, min(b.source.start, b.cue.start))
                if cut > c.start:
                    new = _span(text, c.start, cut)
                    if new is not None:
                        a.content = new
                        c = new
