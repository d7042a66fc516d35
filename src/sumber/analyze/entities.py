"""Organisation, person and social-account mentions, by pack patterns and curated names.

Two passes: ``extract`` (before places) finds curated organisations, agencies, media,
platforms, @handles and organisations named by a head word ("Kementerian ...",
"Ministry of ...", "... Department"); ``persons`` (after countries and places are known)
takes what is left of each capitalized run, after titles, as a person's name.
"""

from __future__ import annotations

import re

from sumber.analyze.chunks import SpanIndex, Tok, is_cap, name_runs, tokens
from sumber.analyze.doc import Doc
from sumber.analyze.lexicon import Lexicon, lexicon_for, slug
from sumber.analyze.matcher import lower_same_length
from sumber.model import Mention

_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,30}\b")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.-]{1,11})\)")


def _strip_lead(toks: tuple[Tok, ...], lex: Lexicon) -> tuple[Tok, ...]:
    i = 0
    while i < len(toks) - 1 and toks[i].low in lex.not_names:
        i += 1
    return toks[i:]


_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    """First words of a phrase set (computed once per set: the sets are the lexicon's own)."""
    got = _FIRST_WORDS.get(id(phrases))
    if got is None:
        got = _FIRST_WORDS[id(phrases)] = frozenset(p.split(" ", 1)[0] for p in phrases)
    return got


def _head_len(toks: tuple[Tok, ...], i: int, phrases: frozenset[str], max_words: int = 4) -> int:
    """Number of tokens from ``i`` forming the longest phrase in ``phrases`` (0 if none)."""
    if toks[i].low.lower() not in _first_words(phrases):
        return 0
    best = 0
    words: list[str] = []
    for k in range(i, min(len(toks), i + max_words)):
        words.append(toks[k].low.lower())
        if " ".join(words) in phrases:
            best = k - i + 1
    return best


def extract(doc: Doc) -> list[Mention]:
    lex = lexicon_for(doc.pack)
    text = doc.text
    out: list[Mention] = []
    taken = SpanIndex([])

    for s, e, info in lex.orgs.find(text):
        out.append(Mention(s, e, text[s:e], info.kind, info.ref, info.name))
        taken.add(s, e)

    for m in _HANDLE.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            out.append(Mention(m.start(), m.end(), m.group(0), "social_account", m.group(0).lower(), m.group(0)))
            taken.add(m.start(), m.end())

    toks = tokens(text)
    acronyms: dict[str, Mention] = {}
    doc.name_runs = name_runs(text, toks, lex.name_connectors, lex.title_set)
    for run in doc.name_runs:
        rtoks = _strip_lead(run.toks, lex)
        if len(rtoks) < 2:
            continue
        # skip leading titles: "Kepala Dinas Kesehatan ..." -> org starts at "Dinas"
        i = 0
        while i < len(rtoks):
            h = _head_len(rtoks, i, lex.org_heads)
            if h:
                break
            t = _head_len(rtoks, i, lex.title_set)
            if not t:
                break
            i += t
        start_tok = None
        if i < len(rtoks) and _head_len(rtoks, i, lex.org_heads) and len(rtoks) - i >= 2:
            start_tok = i
        elif lex.org_head_final and len(rtoks) >= 2 and any(t.low.lower() in lex.org_heads for t in rtoks[1:]) and i == 0:
            start_tok = 0  # "Kenya Red Cross Society", "Armed Forces of the Philippines"
        elif len(rtoks) >= 2 and rtoks[-1].low.lower() in lex.org_heads and i == 0 and lex.org_head_final:
            start_tok = 0
        if start_tok is None:
            continue
        s, e = rtoks[start_tok].start, rtoks[-1].end
        if taken.overlaps(s, e):
            continue
        name = text[s:e]
        m = Mention(s, e, name, "organization", "org:" + slug(name), name)
        out.append(m)
        taken.add(s, e)
        am = _ACRONYM_AFTER.match(text, e)
        if am and am.group(1).upper() == am.group(1).replace(".", "").upper():
            acronyms.setdefault(am.group(1), m)

    for acro, org in acronyms.items():
        for am in re.finditer(r"(?<![\w@])" + re.escape(acro) + r"(?!\w)", text):
            if not taken.overlaps(am.start(), am.end()):
                out.append(Mention(am.start(), am.end(), acro, "organization", org.ref, org.name))
                taken.add(am.start(), am.end())
    out.sort(key=lambda m: m.start)
    return out


def split_titled_orgs(doc: Doc) -> None:
    """'Kepala Dinas Sosial Retno Palupi': an organisation named after a title ends where a
    person's name begins — the trailing capitalized words that are not organisation words,
    places or countries.  Shrinks such organisation mentions in ``doc.mentions``."""
    lex = lexicon_for(doc.pack)
    text = doc.text
    geo = SpanIndex([(m.start, m.end) for m in doc.mentions if m.kind == "country"] + [(p.start, p.end) for p in doc.places])
    for idx, m in enumerate(doc.mentions):
        if m.kind != "organization" or not (m.ref or "").startswith("org:") or m.ref != "org:" + slug(m.text):
            continue
        before = tokens(text, max(0, m.start - 40), m.start)
        if not before or not _head_len(tuple(before), len(before) - 1, lex.title_set, 1) and not (
                len(before) > 1 and _head_len(tuple(before), len(before) - 2, lex.title_set, 2) == 2):
            continue
        toks = tokens(text, m.start, m.end)
        k = len(toks)
        while k > 1 and is_cap(toks[k - 1].text) and toks[k - 1].low.lower() not in lex.org_words \
                and toks[k - 1].low.lower() not in lex.org_heads and not geo.overlaps(toks[k - 1].start, toks[k - 1].end) \
                and toks[k - 2].low.lower() not in lex.place_types:
            k -= 1
        if k == len(toks) or len(toks) - k > 3 or k < 2:
            continue
        org_end = toks[k - 1].end
        name = text[m.start:org_end]
        doc.mentions[idx] = Mention(m.start, org_end, name, "organization", "org:" + slug(name), name)


def _is_place_name(name: str) -> bool:
    """Is ``name`` a gazetteer place name (multi-word names only: "Jakarta Pusat")?"""
    from sumber.geo.gazetteer import gazetteer
    from sumber.geo.names import key

    return bool(gazetteer().lookup(key(name)))


def persons(doc: Doc) -> list[Mention]:
    """Person mentions: capitalized tokens left after removing titles, orgs, countries and places."""
    lex = lexicon_for(doc.pack)
    text = doc.text
    split_titled_orgs(doc)
    taken = SpanIndex([(m.start, m.end) for m in doc.mentions] + [(p.start, p.end) for p in doc.places])
    low = lower_same_length(text)
    out: list[Mention] = []
    singles: list[Tok] = []
    sent_starts = {s for s, _ in doc.sentences}
    for run in doc.name_runs or name_runs(text, tokens(text), lex.name_connectors, lex.title_set):
        seg: list[Tok] = []
        titled = False
        segments: list[tuple[list[Tok], bool]] = []
        k = 0
        toks = run.toks
        while k < len(toks):
            tok = toks[k]
            t = _head_len(toks, k, lex.title_set)
            if t and not taken.overlaps(tok.start, tok.end):
                if seg:
                    segments.append((seg, titled))
                seg = []
                titled = True
                k += t
                # "Menteri Luar Negeri Pertama ...", "Secretary of Health ...": the title goes on
                while k < len(toks) - 1 and toks[k].low.lower() in lex.title_modifiers:
                    k += 1
                continue
            if taken.overlaps(tok.start, tok.end) or tok.low in lex.name_connectors or tok.text.startswith("@"):
                if seg:
                    segments.append((seg, titled))
                seg = []
                titled = False
                k += 1
                continue
            seg.append(tok)
            k += 1
        if seg:
            segments.append((seg, titled))
        for seg, titled in segments:
            while seg and seg[0].low in lex.not_names:
                seg = seg[1:]
            if not seg or not all(is_cap(t.text) for t in seg):
                continue
            if len(seg) > 5:
                continue
            if len(seg) == 1 and not titled:
                singles.append(seg[0])
                continue
            if len(seg) >= 2 and _is_place_name(text[seg[0].start:seg[-1].end]):
                continue  # "Warga Jakarta Pusat": a place after a role word, not a person
            if any(t.text.isupper() and len(t.text) > 3 for t in seg) and len(seg) > 1 and not titled:
                continue  # all-caps words: headings and acronyms, not names
            s, e = seg[0].start, seg[-1].end
            name = text[s:e]
            # low is computed once per article; used to skip lower-case sequences if any slipped in
            if low[s:e] == text[s:e]:
                continue
            out.append(Mention(s, e, name, "person", "person:" + slug(name), name))
    # "Budhi" after "Budhi Herdi Susianto": a short form of a person named earlier
    parts: dict[str, Mention] = {}
    for m in out:
        for word in m.text.split():
            if len(word) > 2:
                parts.setdefault(word, m)
    for tok in singles:
        full = parts.get(tok.text)
        if full is not None and full.start < tok.start:
            out.append(Mention(tok.start, tok.end, tok.text, "person", full.ref, full.name))
    out.sort(key=lambda m: m.start)
    return out
