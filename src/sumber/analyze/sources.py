"""Finding, classifying and resolving the source of an attribution.

The subject of a cue is read right-to-left from the cue: over noun-phrase words
(capitalized words, titles, role and document nouns, connectors, ordinary lower-case
words that do not look like verbs) until a clause boundary (a verb, a complement such
as "bahwa"/"that", a closing quote, an adverbial phrase or a comma that does not
introduce an appositive).  A source is classified by the mentions inside it and by the
pack's word lists; anaphors (ia, he, pejabat tersebut, the agency, ujarnya) point to the
latest compatible earlier source.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from sumber.analyze.chunks import SpanIndex, Tok, is_cap, tokens
from sumber.analyze.doc import Doc
from sumber.analyze.lexicon import Lexicon
from sumber.analyze.matcher import DocHits, PhraseMatcher, lower_same_length
from sumber.model import Attribution, Mention, Source, Span

# Indonesian active/passive verb shapes (meN-, ber-, di-, ter-, memper-); used only to stop
# a subject, never to find cues.  The pack's lists override it (titles, roles, documents).
_ID_VERB = re.compile(r"^(?:me(?:ng|ny|m|n)?|ber|di|ter|memper|diper)[a-z]{3,}$")
_EN_BREAKERS = frozenset(
    "is are was were be been being has have had will would can could should may might must do does did "
    "that which whom whose where when while because if but although though since after before until unless "
    "not never also than said says".split()
)
_ID_BREAKERS = frozenset(
    "bahwa yang jika kalau karena sebab sehingga agar supaya akan sudah telah sedang tidak tak belum bukan "
    "juga pun adalah ialah merupakan ketika saat sejak sebelum setelah sesudah hingga sampai namun tetapi "
    "tapi maka lalu kemudian".split()
)
_PLURAL_EN = re.compile(r"s$")


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def _fw(tok: Tok) -> str:
    """The token as a function-word key (acronyms keep their case in ``Tok.low``)."""
    return tok.low


class SourceResolver:
    """Per-article state: remembered sources for anaphora, and the rules to read subjects."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text
        self.is_id = lex.code == "id"
        self.low = lower_same_length(doc.text)
        self.breakers = _ID_BREAKERS if self.is_id else _EN_BREAKERS
        self.history: list[tuple[int, Source]] = []
        self.mention_starts = [m.start for m in doc.mentions]
        self._hits: dict[int, DocHits] = {}
        self.time_spans = [(t.start, t.end) for t in doc.times]
        self.time_index = SpanIndex(self.time_spans)
        self.place_index = SpanIndex([(p.start, p.end) for p in doc.places])
        self.quote_ends = [q[3] for q in doc.quotes]
        self.place_spans = [(p.start, p.end) for p in doc.places]
        self.cue_words = lex.cue_words
        self.nominal_lemmas = frozenset((doc.pack.get("cues", {}).get("nominal") or {}).keys())

    def hits(self, matcher: PhraseMatcher) -> DocHits:
        """All of ``matcher``'s matches in this article (found once, then queried by range)."""
        got = self._hits.get(id(matcher))
        if got is None:
            got = self._hits[id(matcher)] = DocHits(matcher, self.text, self.low)
        return got

    # -- token tests -------------------------------------------------------------------------

    def _listed(self, low: str) -> bool:
        lex = self.lex
        return (low in lex.phrase_words or low in lex.title_set or low in lex.role_set or low in lex.documents or low in lex.org_heads
                or low in lex.name_connectors or low in lex.indefinite_set or low in lex.pronouns
                or low in lex.account_nouns or low in lex.anaphoric_determiners or low in lex.anaphoric_articles)

    def np_word(self, tok: Tok) -> bool:
        """May ``tok`` be part of a source noun phrase?"""
        if is_cap(tok.text) or tok.text[0].isdigit():
            return True
        low = tok.low
        if self._listed(low):
            return True
        if low in self.breakers or low in self.cue_words:
            return False
        if self.is_id and _ID_VERB.match(low):
            return False
        return True

    def _in_time(self, start: int, end: int) -> bool:
        return self.time_index.overlaps(start, end)

    # -- subjects ------------------------------------------------------------------------------

    def subject(self, sent_start: int, cue_start: int, previous: list[Attribution]):
        """Source before a verb cue. Returns (Source, inverted_content) or None.

        ``inverted_content`` is (Span, direct) when the sentence reads "C, X said." so the
        content stands before the source.
        """
        text, lex = self.text, self.lex
        region_start = max(sent_start, self.doc.body_start if self.doc.body_start <= cue_start else sent_start)
        # a quote closing inside the region starts a new clause after it
        quote_content = None
        # the last quote closing before the cue (quotes are sorted and do not overlap)
        k = bisect_right(self.quote_ends, cue_start) - 1
        if k >= 0:
            q = self.doc.quotes[k]
            if q[3] > sent_start - 1 and q[0] < cue_start and q[3] >= region_start:
                region_start = q[3]
                quote_content = q
        toks = tokens(text, region_start, cue_start)
        # drop auxiliaries, negators and modals right before the cue ("juga", "has", "belum bisa")
        while toks and (_fw(toks[-1]) in lex.auxiliaries or _fw(toks[-1]) in lex.negators or _fw(toks[-1]) in lex.modals
                        or _fw(toks[-1]) in lex.subject_trailers):
            toks.pop()
        # drop a time expression right before the cue ("pada hari Senin", "on Monday")
        while toks and self._in_time(toks[-1].start, toks[-1].end):
            while toks and self._in_time(toks[-1].start, toks[-1].end):
                toks.pop()
            if toks and toks[-1].low in lex.adverbial_prepositions:
                toks.pop()
            while toks and _fw(toks[-1]) in lex.subject_trailers:
                toks.pop()
        if not toks:
            return self._coordinated(sent_start, cue_start, previous)
        # the character just before the cue region: a comma right before the cue (", adding")
        tail_gap = text[toks[-1].end:cue_start]
        if ";" in tail_gap:
            return self._coordinated(sent_start, cue_start, previous)
        if "," in tail_gap:
            # "X, yang berbicara ..., mengatakan" / "X, who spoke ..., said": drop the relative clause
            k = len(toks) - 1
            while k > 0 and "," not in text[toks[k - 1].end:toks[k].start]:
                k -= 1
            if k > 0 and (toks[k].low in lex.relative or toks[k].low in lex.interveners
                          or (not self.is_id and toks[k].low.endswith("ing") and not is_cap(toks[k].text))):
                toks = toks[:k]  # a relative or participial clause between subject and cue
            else:
                prior = self._coordinated(sent_start, cue_start, previous)
                if prior is not None:
                    return prior
            # otherwise the comma closes an appositive: "The Secretary, Gerald Gwinji, said"
        if toks[-1].low in lex.coordinators and len(toks) >= 1:
            prior = self._coordinated(sent_start, cue_start, previous)
            if prior is not None:
                return prior
            return None
        # "X yang dihubungi terpisah menyatakan", "X saat dikonfirmasi membenarkan", "X di Jayapura
        # pada Kamis membenarkan": drop a short intervening clause that follows a noun phrase
        toks = self._drop_intervener(toks)
        # walk back over noun-phrase words within the nearest comma-segment
        i = len(toks) - 1
        while i >= 0:
            tok = toks[i]
            if i < len(toks) - 1 and "," in text[tok.end:toks[i + 1].start]:
                break
            if text[tok.end:toks[i + 1].start if i < len(toks) - 1 else tok.end].strip(" ()'’") not in ("", ".", "-", "&", "/"):
                if i < len(toks) - 1:
                    break
            if not self.np_word(tok):
                break
            if tok.low in lex.adverbial_prepositions and tok.low not in lex.name_connectors and i < len(toks) - 1:
                nxt = toks[i + 1]
                tail_is_time = self._in_time(nxt.start, nxt.end)
                if tail_is_time:
                    break
                # "officials in Dogubayazit", "Dr. X, from the Y Hospital": a post-modifier
                if not (is_cap(nxt.text) or nxt.low in ("the",)) or i == 0 or not self.np_word(toks[i - 1]):
                    break
            i -= 1
        first = i + 1
        if first >= len(toks):
            return self._coordinated(sent_start, cue_start, previous)
        head = toks[first:]
        # strip sentence openers ("Namun", "Sementara itu", "However") and leading prepositions
        head = self._strip_openers(head)
        if not head:
            return None
        seg_start = head[0].start
        before = text[region_start:seg_start]
        # "C, X said." / "“C,” X said.": content before the source
        inverted = None
        if quote_content is not None and not text[quote_content[3]:seg_start].strip(" ,"):
            inverted = (Span(quote_content[1], quote_content[2], text[quote_content[1]:quote_content[2]].rstrip(" ,.")), True)
            inverted = (self._clean(inverted[0]), True)
        elif before.rstrip().endswith(",") and self._clause_like(region_start, before.rstrip()[:-1]):
            if self._ends_sentence_after(cue_start) or not self.is_id:
                span = self._clean(Span(region_start, region_start + len(before.rstrip()) - 1, before.rstrip()[:-1]))
                if span is not None and self._ends_sentence_after(cue_start):
                    inverted = (span, False)
        # appositives before the segment: "Fitra Hayati (28), warga ..., mengatakan"; "Pacar Vicky, Hilda"
        if inverted is None and quote_content is None:
            seg_start = self._extend_appositive(region_start, head, toks[:first])
        end = head[-1].end
        if end > cue_start:
            return None
        if len(tokens(text, seg_start, end)) > 30:
            return None
        src = self.classify(seg_start, end)
        if src is None:
            return None
        return src, inverted

    def appositive_head(self, sent_start: int, end: int) -> Source | None:
        """The noun phrase that a ", who/yang ..." clause describes, when the words before the
        comma are a noun phrase only (after openers): "Ms. Corby, who says ..."."""
        toks = self._strip_openers(tokens(self.text, sent_start, end))
        if not toks or len(toks) > 14:
            return None
        if not all(self.np_word(t) for t in toks):
            return None
        src = self.classify(toks[0].start, toks[-1].end)
        if src is None or src.kind == "document" or not self.source_like(src):
            return None
        return src

    def _drop_intervener(self, toks: list[Tok]) -> list[Tok]:
        lex, text = self.lex, self.text
        n = len(toks)
        if n < 3:
            return toks
        # "X yang meminta namanya tidak disebutkan mengatakan", "X, who asked not to be named, said"
        if toks:
            found = self.hits(lex.anonymity).within(toks[0].start, toks[-1].end)
            if found and found[-1][1] >= toks[-1].end - 1:
                cut = found[-1][0]
                kept = [t for t in toks if t.end <= cut]
                while kept and (kept[-1].low in lex.relative or kept[-1].low in lex.interveners):
                    kept.pop()
                if kept and text[kept[-1].end:cut].strip(" ,") == "":
                    return kept
                if kept:
                    return kept
        # "Yakobus Wonda, dalam keterangan tertulis mengklaim": a channel phrase before the cue
        for s0, e0, _ in self.hits(lex.channel_nouns).within(toks[0].start, toks[-1].end):
            if e0 >= toks[-1].end - 1:
                kept = [t for t in toks if t.end <= s0]
                while kept and kept[-1].low in lex.channel_prepositions:
                    kept.pop()
                if kept and len(kept) < len(toks):
                    return kept
        # only when the words right before the cue are not all noun-phrase words
        tail_ok = all(self.np_word(t) and t.low not in lex.adverbial_prepositions for t in toks[-3:])
        if tail_ok:
            return toks
        for j in range(n - 1, max(0, n - 10), -1):
            if toks[j].low in lex.interveners and j > 0:
                prev = toks[j - 1]
                if "," in text[prev.end:toks[j].start]:
                    return toks
                if self.np_word(prev) and (is_cap(prev.text) or prev.low in lex.role_set or prev.low in lex.title_set):
                    return toks[:j]
        return toks

    def _clean(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        s, e = span.start, span.end
        t = self.text
        while s < e and (t[s].isspace() or t[s] in "\"“”'‘’,"):
            s += 1
        while e > s and (t[e - 1].isspace() or t[e - 1] in "\"“”'‘’,.;:"):
            e -= 1
        if e <= s:
            return None
        return Span(s, e, t[s:e])

    def _ends_sentence_after(self, cue_start: int) -> bool:
        """After the cue only a source-free tail remains: '.', ' on Monday.', ' in a statement.'

        A complement ("that", "bahwa", a colon or a quote) within the tail means the content
        follows the cue instead.
        """
        sent_end = self.doc.sentence_at(cue_start)[1]
        m = re.match(r"\w+", self.text[cue_start:sent_end])
        pos = cue_start + (m.end() if m else 0)
        rest = self.text[pos:sent_end].strip()
        if not rest or rest in (".", "!", "?"):
            return True
        if rest[0] in ":\"“”":
            return False
        toks = tokens(self.text, pos, sent_end)
        if not toks:
            return True
        for tok in toks[:10]:
            if tok.low in ("that", "bahwa") or self.text[tok.end:tok.end + 1] == ":":
                return False
        first = toks[0].low
        tails = self.lex.adverbial_prepositions | self.lex.channel_prepositions | self.lex.addressee_markers
        if first in tails or self._in_time(toks[0].start, toks[0].end):
            return len(toks) <= 12
        return first in ("told", "reporters", "kepada", "wartawan", "yesterday", "today")

    def _clause_like(self, start: int, text: str) -> bool:
        """Does the text before 'X said' read as a clause (content) rather than an opener?"""
        toks = tokens(text)
        if len(toks) < 3:
            return False
        first = toks[0].low
        if first in self.lex.adverbial_prepositions and len(toks) < 8:
            return False
        if self.lex.subject_openers.match_at(text.lower(), 0) and len(toks) < 4:
            return False
        return True

    def _strip_openers(self, head: list[Tok]) -> list[Tok]:
        lex = self.lex
        changed = True
        while head and changed:
            changed = False
            low = self.text[head[0].start:head[-1].end].lower()
            m = lex.subject_openers.match_at(low, 0)
            if m is not None and m[0] < len(low):
                end_abs = head[0].start + m[0]
                head = [t for t in head if t.start >= end_abs]
                changed = True
                continue
            if head and _fw(head[0]) in self.breakers:
                head = head[1:]
                changed = True
        return head

    def _extend_appositive(self, region_start: int, head: list[Tok], earlier: list[Tok]) -> int:
        """Include comma-separated noun phrases before the subject when they start the clause."""
        text = self.text
        start = head[0].start
        if not earlier:
            return start
        # segments of earlier tokens separated by commas
        segs: list[list[Tok]] = [[]]
        for k, tok in enumerate(earlier):
            if k and "," in text[earlier[k - 1].end:tok.start]:
                segs.append([])
            segs[-1].append(tok)
        if "," not in text[earlier[-1].end:head[0].start]:
            return start
        segs = [s for s in segs if s]
        # all earlier segments must be noun phrases, the first capitalized and not an opener
        if len(segs) > 4:
            return start
        for seg in segs:
            if not all(self.np_word(t) for t in seg):
                return start
            if seg[0].low in self.lex.adverbial_prepositions or self._in_time(seg[0].start, seg[-1].end):
                return start
        if self.lex.subject_openers.match_at(text[segs[0][0].start:segs[0][0].start + 40].lower(), 0):
            return start
        if not is_cap(segs[0][0].text):
            return start
        if sum(len(s) for s in segs) > 20:
            return start
        return segs[0][0].start

    def _coordinated(self, sent_start: int, cue_start: int, previous: list[Attribution]):
        """'X said ..., adding ...' / 'X mengatakan ... dan menyebutnya': the earlier subject."""
        for att in reversed(previous):
            if att.cue.start < sent_start:
                break
            if att.cue.start < cue_start and att.source.kind != "document" and att.cue.lemma not in self.nominal_lemmas:
                return att.source, None
        return None

    def after(self, pos: int, sent_end: int, stop_at_comma: bool = True) -> Source | None:
        """Source right after an inverted cue or a preposition: 'kata Endra', 'according to X'."""
        text, lex = self.text, self.lex
        toks = tokens(text, pos, min(sent_end, pos + 200))
        if not toks:
            return None
        if toks[0].low in self.lex.adverbial_prepositions or toks[0].low in self.lex.channel_prepositions:
            if not (toks[0].low in self.lex.name_connectors and len(toks) > 1 and is_cap(toks[1].text)):
                return None  # "said in a regulatory filing": a circumstance, not a speaker
        k = 0
        end_k = -1
        while k < len(toks):
            tok = toks[k]
            gap = text[toks[k - 1].end:tok.start] if k else text[pos:tok.start]
            if k and ("," in gap or ";" in gap or ":" in gap or any(c in gap for c in "\"“”")):
                # keep "(Kompas.id)"-style parentheses out, and stop at commas
                break
            if k == 0 and gap.strip(" ,:") not in ("",):
                if gap.strip() not in ("(",):
                    break
            if k and ("." in gap and not (len(toks[k - 1].text) == 1 or toks[k - 1].low in lex.title_set)):
                break
            if self._in_time(tok.start, tok.end) and k:
                break
            if k and tok.low in lex.channel_prepositions and not tok.low in lex.name_connectors:
                break
            if k and tok.low in lex.adverbial_prepositions and tok.low not in lex.name_connectors:
                if not (tok.low in ("of", "for", "from", "at", "in", "dari", "di", "untuk") and k + 1 < len(toks) and is_cap(toks[k + 1].text) and not self._in_time(toks[k + 1].start, toks[k + 1].end)):
                    break
                if self.is_id and tok.low in ("di", "dari") and not any(t.low in lex.role_set or t.low in lex.title_set for t in toks[:k]):
                    break
            if not self.np_word(tok) and not (k == 0 and tok.low in lex.indefinite_set):
                break
            if _fw(tok) in self.breakers:
                break
            end_k = k
            k += 1
            if k >= 14:
                break
        if end_k < 0:
            return None
        # trailing connectors are not part of the name
        while end_k >= 0 and (toks[end_k].low in lex.name_connectors or toks[end_k].low in lex.subject_trailers):
            end_k -= 1
        if end_k < 0:
            return None
        end = toks[end_k].end
        # "kata juru bicara kementerian itu, Heorhiy Tykhyi, kepada wartawan": a name in apposition
        nxt = end_k + 1
        if nxt < len(toks) and text[toks[end_k].end:toks[nxt].start].strip() == ",":
            k = nxt
            while k < len(toks) and k - nxt < 4 and is_cap(toks[k].text) and text[toks[k - 1].end:toks[k].start] in (" ", ", ") if k > nxt else True:
                if k > nxt and text[toks[k - 1].end:toks[k].start] != " ":
                    break
                if not is_cap(toks[k].text):
                    break
                k += 1
            if k > nxt:
                after_name = text[toks[k - 1].end:toks[k - 1].end + 2]
                if after_name[:1] in (",", ".", "") or (k < len(toks) and toks[k].low in lex.addressee_markers):
                    if self._role_start(toks[0].start, end) is not None:
                        end = toks[k - 1].end
        return self.classify(toks[0].start, end)

    def possessor(self, noun_start: int, sent_start: int) -> Source | None:
        """The holder in "the group's claim", "Jakarta's denial": the words before "'s"."""
        toks = tokens(self.text, max(sent_start, noun_start - 80), noun_start)
        if not toks or not toks[-1].text.endswith(("'s", "’s")):
            return None
        last = toks[-1]
        end = last.end - 2
        k = len(toks) - 1
        while k > 0 and self.np_word(toks[k - 1]) and toks[k - 1].low not in self.lex.adverbial_prepositions \
                and not self._is_cue(toks[k - 1]) and "," not in self.text[toks[k - 1].end:toks[k].start]:
            k -= 1
        src = self.classify(toks[k].start, end)
        return src if src is not None and self.source_like(src) else None

    def _is_cue(self, tok: Tok) -> bool:
        return tok.low in self.cue_words

    def source_like(self, source: Source) -> bool:
        """Does the phrase open like a source (a name, a role, a document, a pronoun)?"""
        toks = tokens(self.text, source.start, source.end)
        if not toks:
            return False
        lex = self.lex
        first = toks[0]
        if is_cap(first.text) or source.refers_to is not None:
            return True
        for k in range(min(4, len(toks))):
            low = toks[k].low
            if (low in lex.role_set or low in lex.title_set or low in lex.documents or low in lex.pronouns
                    or low in lex.account_nouns or low in lex.org_heads or is_cap(toks[k].text)):
                return True
        if len(toks) >= 2 and toks[-1].low in lex.anaphoric_determiners:
            return True  # "kedua kontraktor itu": a definite reference to an entity
        return any(m.kind != "country" for m in self.mentions_in(source.start, source.end))

    def span_source(self, a: int, b: int) -> Source | None:
        toks = tokens(self.text, a, b)
        if not toks or not all(self.np_word(t) for t in toks):
            return None
        if not any(is_cap(t.text) for t in toks):
            return None
        return self.classify(toks[0].start, toks[-1].end)

    # -- classification ---------------------------------------------------------------------

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        i = bisect_right(self.mention_starts, a - 1)
        out = []
        ms = self.doc.mentions
        while i < len(ms) and ms[i].start < b:
            if ms[i].end <= b:
                out.append(ms[i])
            i += 1
        return out

    def classify(self, a: int, b: int) -> Source | None:
        text, lex = self.text, self.lex
        toks = tokens(text, a, b)
        if not toks:
            return None
        span_text = text[a:b]
        lows = [t.low for t in toks]
        low_text = " ".join(lows)
        # pronouns and anaphors
        if len(toks) == 1 and lows[0] in lex.pronouns:
            return self.anaphor(a, b, span_text)
        if len(toks) >= 2 and lows[-1] in lex.anaphoric_determiners and not any(is_cap(t.text) for t in toks[:-1]):
            return self.anaphor(a, b, span_text, noun=" ".join(lows[:-1]))
        if (len(toks) == 2 and lows[0] in lex.anaphoric_articles and not is_cap(toks[1].text)
                and (lows[1] in lex.role_set or lows[1] in lex.org_heads or lows[1] in lex.title_set or lows[1] in lex.account_nouns)):
            return self.anaphor(a, b, span_text, noun=lows[1])
        ments = self.mentions_in(a, b)
        sent = self.doc.sentence_at(a)
        anonymous = bool(self.hits(lex.anonymity).within(sent[0], sent[1])) and not any(m.kind == "person" for m in ments)
        first_content = next((t for t in lows if t not in lex.indefinite_set and t not in lex.anaphoric_articles), lows[0])
        indefinite = lows[0] in lex.indefinite_set or lex.indefinites.match_at(low_text, 0) is not None
        persons = [m for m in ments if m.kind == "person"]
        if persons:
            p = persons[-1]
            return Source(a, b, span_text, "person", p.name or p.text, False)
        kinds = {m.kind for m in ments}
        if "social_account" in kinds or (any(w in lex.account_nouns for w in lows)):
            acc = next((m for m in ments if m.kind == "social_account"), None)
            return Source(a, b, span_text, "social_account", acc.name if acc else span_text, anonymous)
        if first_content in lex.documents or lex.document_matcher.match_at(low_text, 0):
            name = next((m.name for m in ments if m.kind in ("organization", "agency", "media")), None)
            return Source(a, b, span_text, "document", name or span_text, False)
        if anonymous or (indefinite and any(w in ("sumber", "source", "sources", "unnamed", "anonymous", "narasumber") for w in lows)):
            return Source(a, b, span_text, "anonymous", span_text, True)
        for kind in ("agency", "media"):
            m = next((m for m in ments if m.kind == kind), None)
            if m is not None and (m.end == b or len(toks) <= 4):
                return Source(a, b, span_text, kind, m.name, False)
        orgs = [m for m in ments if m.kind in ("organization", "agency", "media", "platform")]
        has_role = self._role_start(a, b) is not None
        countries = [m for m in ments if m.kind == "country"]
        if countries and not orgs and not has_role:
            covered = sum(m.end - m.start for m in countries)
            rest = [t for t in toks if not any(m.start <= t.start < m.end for m in countries)]
            if all(t.low in lex.name_connectors or t.low in ("dan", "and", "the") for t in rest) and covered:
                return Source(a, b, span_text, "country", " and ".join(m.name or m.text for m in countries), False)
        if has_role and indefinite and not orgs:
            return Source(a, b, span_text, "anonymous", span_text, True)
        if has_role and not orgs:
            # a role plus a capitalized name: a person ("Secretary Napolitano", "kata Budhi")
            caps = [t for t in toks if is_cap(t.text) and t.low not in lex.title_set]
            placeish = any(self.place_index.overlaps(t.start, t.end) for t in caps)
            if caps and toks[-1] in caps and not placeish and not countries:
                name = self._trailing_name(toks)
                return Source(a, b, span_text, "person", name, False)
            return Source(a, b, span_text, "role", span_text, False)
        if orgs:
            org = orgs[-1]
            if has_role:
                # "juru bicara kementerian itu", "a spokeswoman for the UNICEF": a role, not the org
                head_at = self._role_start(a, b)
                if head_at is not None and head_at < org.start:
                    caps_after = [t for t in toks if t.start >= org.end and is_cap(t.text)]
                    if caps_after:
                        return Source(a, b, span_text, "person", self._trailing_name(toks), False)
                    return Source(a, b, span_text, "role", span_text, False)
            return Source(a, b, span_text, "organization" if org.kind != "platform" else "social_account", org.name or org.text, False)
        if any(w in lex.org_heads for w in lows):
            return Source(a, b, span_text, "organization", span_text, False)
        caps = [t for t in toks if is_cap(t.text) and t.low not in lex.not_names]
        if caps and toks[-1].text[0].isupper():
            return Source(a, b, span_text, "person", self._trailing_name(toks), False)
        if any(w in lex.role_set for w in lows):
            return Source(a, b, span_text, "role", span_text, False)
        if len(toks) <= 6:
            return Source(a, b, span_text, "role", span_text, False)
        return None

    def _role_start(self, a: int, b: int) -> int | None:
        """Start of the first role or title phrase ("duta besar", "spokeswoman") in [a, b)."""
        low = self.low
        for matcher in (self.lex.roles, self.lex.titles):
            found = self.hits(matcher).within(a, b)
            if found:
                return found[0][0]
        return None

    def _trailing_name(self, toks: list[Tok]) -> str:
        lex = self.lex
        k = len(toks)
        while k > 0 and is_cap(toks[k - 1].text) and toks[k - 1].low not in lex.title_set and toks[k - 1].low not in lex.org_heads:
            if self.place_index.overlaps(toks[k - 1].start, toks[k - 1].end):
                break
            k -= 1
        if k == len(toks):
            return toks[-1].text
        # name already known in full? ("Budhi" -> "Budhi Herdi Susianto")
        s, e = toks[k].start, toks[-1].end
        for m in self.mentions_in(s, e):
            if m.kind == "person":
                return m.name or m.text
        return self.text[s:e]

    # -- anaphora -----------------------------------------------------------------------------

    def remember(self, source: Source, pos: int) -> None:
        if source.refers_to is None and source.kind != "document":
            self.history.append((pos, source))

    def anaphor(self, a: int, b: int, span_text: str, kind_hint: str | None = None, noun: str | None = None) -> Source:
        lex = self.lex
        low = span_text.lower()
        plural = low in lex.plural_pronouns
        org_like = low in lex.org_pronouns
        antecedent: Source | None = None
        if noun is not None:
            for pos, src in reversed(self.history):
                if pos < a and noun in src.text.lower():
                    antecedent = src
                    break
        for pos, src in reversed(self.history):
            if antecedent is not None:
                break
            if pos >= a:
                continue
            if noun is not None:
                if noun in src.text.lower() or (noun in lex.role_set and src.kind in ("anonymous", "role", "person")) \
                        or (noun in lex.account_nouns and src.kind == "social_account") \
                        or (noun in lex.org_heads and src.kind in ("organization", "agency", "media")):
                    antecedent = src
                    break
                continue
            if org_like and src.kind in ("organization", "agency", "media", "country", "document"):
                antecedent = src
                break
            if plural and src.kind in ("role", "organization", "country", "anonymous"):
                antecedent = src
                break
            if not plural and not org_like and src.kind in ("person", "anonymous", "role", "social_account"):
                antecedent = src
                break
        if antecedent is None and not plural and not org_like and noun is None:
            # a person mentioned earlier but not yet quoted
            for m in reversed(self.doc.mentions):
                if m.end <= a and m.kind == "person":
                    ref = Span(m.start, m.end, m.text)
                    return Source(a, b, span_text, "person", m.name or m.text, False, ref)
        if antecedent is None:
            if noun is not None:  # "the minister", "pejabat tersebut" with no earlier source
                kind = "organization" if noun in lex.org_heads else "role"
                return Source(a, b, span_text, kind, span_text, False, None)
            kind = kind_hint or ("organization" if org_like else "role" if plural else "person")
            return Source(a, b, span_text, kind, None, False, None)
        root = antecedent
        ref = Span(root.start, root.end, root.text)
        anonymous = root.anonymous or bool(self.hits(lex.anonymity).within(*self.doc.sentence_at(a)))
        kind = "anonymous" if anonymous and root.kind in ("anonymous", "role") else root.kind
        return Source(a, b, span_text, kind, root.name, anonymous, ref)

    # -- relays ------------------------------------------------------------------------------

    def via_for(self, source: Source, cue_start: int, sent: tuple[int, int], previous: list[Attribution]) -> Source | None:
        """The relaying source: an agency or outlet whose reported content holds this cue,
        or one named with "citing/dikutip dari/according to" in the same sentence."""
        for att in reversed(previous):
            c = att.content
            if c is not None and c.start <= cue_start < c.end and att.source.kind in ("agency", "media") and att.source is not source:
                return att.source
            if att.cue.start < sent[0] - 2000:
                break
        lex, text = self.lex, self.text
        for s, e, _ in self.hits(lex.via_markers).within(sent[0], sent[1]):
            if s <= source.start < e:
                continue
            for m in self.mentions_in(e, min(sent[1], e + 80)):
                if m.kind in ("agency", "media") and not (source.start <= m.start < source.end):
                    return Source(m.start, m.end, m.text, m.kind, m.name, False)
                break
        return None
