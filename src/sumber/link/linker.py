"""The corpus linker: articles are processed in ingest order, each against those before it.

For every article, candidates come only from indexes - never from all pairs:

- text: datasketch MinHash LSH over word 4-gram shingles of the whole text and
  of its lead (a shortened or re-headlined wire copy keeps its lead);
- translation: blocking on rare language-independent tokens (numbers, dates,
  places, names written alike in both languages), weighted by rarity;
- claims: an inverted index on proposition keys ``(type, actor, target)`` and a
  30-day time bucket; looser matches (a missing actor or target, claims with no
  event) are only tried inside the article and its copies.

An article links to its best earlier match of each kind (so a group of copies
becomes a tree, not all pairs); a claim links ``same_claim`` to the earliest
earlier claim of the same proposition and polarity, and a denial ``contradicts``
the matching assertions in its own article, else the earliest elsewhere.
Processing "each against those before it" makes a full run and an incremental
run (old articles indexed first, then only the new ones processed) the same code.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from datasketch import MinHashLSH

from sumber.link.features import Features, Prop, Unit
from sumber.link.text import NUM_PERM, jaccard_containment
from sumber.model import Link

WEAK = 0.8  # score of a proposition matched on type, actor and target alone
COPY_KINDS = ("duplicate_of", "syndicated_from", "translation_of")
CLAIM_KINDS = ("same_claim", "contradicts")
KINDS = ("duplicate_of", "syndicated_from", "translation_of", "same_claim", "contradicts", "cites")


@dataclass
class Thresholds:
    duplicate: float = 0.85  # Jaccard of shingles for a near-identical text
    syndicated: float = 0.5  # Jaccard, or containment below, for a copy in another outlet
    containment: float = 0.7
    copy_days: int = 7  # copies appear within a week of the original
    translation_days: int = 4
    translation_shared: int = 5  # rare tokens shared, at least
    translation_weight: float = 0.3  # weighted share of the smaller article's tokens
    translation_order: float = 0.6  # same order of the shared tokens (structure)
    claim_days: int = 45
    bucket_days: int = 30
    rare_df: float = 0.002  # tokens in more than this share of articles (and > 50) do not block
    scan_cap: int = 400  # claims examined per key lookup


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        p = self.parent.get(x, x)
        if p == x:
            return x
        root = self.find(p)
        self.parent[x] = root
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _end(f: Features, item: str | None = None) -> dict:
    return {"article": f.id, "url": f.url, "item": item}


def compatible(p: Prop, q: Prop, same_polarity: bool, loose: bool = False) -> float:
    """Score (0 = no) for two propositions being the same.

    ``loose`` lets a missing actor or target match any, as long as the other one
    is present on both sides and equal.  Explicit event times in different years
    never match; for claims of the same polarity, months more than one apart do
    not either (a denial is usually dated by the denial, so its month is not compared).
    """
    if p.type != q.type:
        return 0.0
    score = 0.6
    anchored = False
    for x, y in ((p.actor, q.actor), (p.target, q.target)):
        if x and y:
            if x != y:
                return 0.0
            score += 0.1
            anchored = True
        elif x != y and not loose:
            return 0.0
    if not anchored:
        return 0.0
    if p.quantity is not None and q.quantity is not None:
        if abs(p.quantity - q.quantity) > 0.1 * max(abs(p.quantity), abs(q.quantity)):
            return 0.0
        score += 0.1
    if p.time and q.time:
        if p.time[:4] != q.time[:4]:
            return 0.0
        if same_polarity and len(p.time) >= 7 and len(q.time) >= 7 and p.time[4] == q.time[4] == "-":
            if p.time[5:7].isdigit() and q.time[5:7].isdigit() and abs(int(p.time[5:7]) - int(q.time[5:7])) > 1:
                return 0.0
        score += 0.05
    if same_polarity and p.place and q.place:
        if p.place != q.place:
            return 0.0
        score += 0.05
    return min(score, 1.0)


class Linker:
    """Holds the indexes; ``index(f)`` adds an already linked article, ``link(f)`` links a new one."""

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self.t = thresholds or Thresholds()
        self.feats: list[Features] = []
        self.by_id: dict[str, int] = {}
        self.lsh_text = MinHashLSH(num_perm=NUM_PERM, params=(16, 4))
        self.lsh_lead = MinHashLSH(num_perm=NUM_PERM, params=(16, 4))
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.ent_index: dict[str, list[int]] = defaultdict(list)
        self.claim_index: dict[tuple, list[tuple[int, int, int]]] = defaultdict(list)
        self.copies = _UnionFind()
        self.members: dict[int, list[int]] = {}
        self.contradicted: set[tuple[str, str]] = set()
        self.outlets: dict[str, list[int]] = defaultdict(list)

    # -- corpus statistics --------------------------------------------------------
    def count(self, feats: Iterable[Features]) -> None:
        """Document frequencies of the rare-token index (call with every article before linking)."""
        for f in feats:
            self.df.update(f.ent_seq)
            self.n_docs += 1

    def _rare_cap(self) -> int:
        return max(50, int(self.t.rare_df * self.n_docs))

    def _idf(self, tok: str) -> float:
        return math.log(1.0 + self.n_docs / max(1, self.df.get(tok, 1)))

    # -- indexing -------------------------------------------------------------------
    def index(self, f: Features) -> int:
        i = len(self.feats)
        self.feats.append(f)
        self.by_id[f.id] = i
        self.lsh_text.insert(i, f.mh_text, check_duplication=False)
        self.lsh_lead.insert(i, f.mh_lead, check_duplication=False)
        cap = self._rare_cap()
        for tok in f.ent_seq:
            if self.df.get(tok, 1) <= cap:
                self.ent_index[tok].append(i)
        for j, u in enumerate(f.units):
            for key in self._keys(f, u):
                self.claim_index[key].append((i, j, u.polarity))
        if f.outlet:
            self.outlets[f.outlet].append(i)
        # signatures are no longer needed once indexed
        f.mh_text = f.mh_lead = None  # type: ignore[assignment]
        return i

    def _bucket(self, f: Features) -> int:
        return -1 if f.day is None else f.day // self.t.bucket_days

    def _keys(self, f: Features, u: Unit) -> set[tuple]:
        b = self._bucket(f)
        return {(*p.key(), b) for p in u.props if p.actor}

    def join_copies(self, a_id: str, b_id: str) -> None:
        """Record a copy link found earlier (incremental runs)."""
        a, b = self.by_id.get(a_id), self.by_id.get(b_id)
        if a is not None and b is not None:
            self._union(a, b)

    def _union(self, a: int, b: int) -> None:
        ra, rb = self.copies.find(a), self.copies.find(b)
        if ra == rb:
            return
        ma = self.members.pop(ra, [ra])
        mb = self.members.pop(rb, [rb])
        self.copies.union(a, b)
        self.members[self.copies.find(a)] = ma + mb

    def group(self, i: int) -> list[int]:
        return self.members.get(self.copies.find(i), [i])

    # -- linking --------------------------------------------------------------------
    def link(self, f: Features) -> list[Link]:
        """Links of a new article to the articles before it (then index it)."""
        out: list[Link] = []
        i = len(self.feats)
        copy = self._best_copy(f)
        self.feats.append(f)  # provisional, so helpers can read it by index
        self.by_id[f.id] = i
        if copy:
            self._union(i, copy[0])
        translations = [t for t in self._translations(f) if self.copies.find(t[0]) != self.copies.find(i)]
        for g, kind, score, ev in ([copy] if copy else []) + translations:
            a, b = (i, g) if self._is_copy_of(f, self.feats[g]) else (g, i)
            out.append(Link(kind, _end(self.feats[a]), _end(self.feats[b]), round(score, 3), ev))
            self._union(i, g)
        out += self._article_cites(i)
        out += self._claims(i)
        self.feats.pop()
        del self.by_id[f.id]
        self.index(f)
        return out

    def _is_copy_of(self, f: Features, g: Features) -> bool:
        """True if ``f`` is the copy (later, or marked as translated) and ``g`` the original."""
        if f.translated != g.translated:
            return f.translated
        if f.day is not None and g.day is not None and f.day != g.day:
            return f.day > g.day
        return True  # processed later

    def _near_in_time(self, f: Features, g: Features, days: int) -> bool:
        return f.day is None or g.day is None or abs(f.day - g.day) <= days

    def _best_copy(self, f: Features) -> tuple[int, str, float, str] | None:
        cands = set(self.lsh_text.query(f.mh_text)) | set(self.lsh_lead.query(f.mh_lead))
        best = None
        for g in cands:
            h = self.feats[g]
            if f.lang and h.lang and f.lang != h.lang:
                continue
            if not self._near_in_time(f, h, self.t.copy_days):
                continue
            jac, con = jaccard_containment(f.shingles, h.shingles)
            kind = self._copy_kind(f, h, jac, con)
            if kind is None:
                continue
            score = max(jac, con) if kind[0] == "syndicated_from" else jac
            if best is None or score > best[2]:
                best = (g, kind[0], score, kind[1])
        return best

    def _copy_kind(self, f: Features, h: Features, jac: float, con: float) -> tuple[str, str] | None:
        t = self.t
        marked = bool(f.marker_names or h.marker_names)
        names = (f.marker_names & ({h.outlet} - {""})) or (h.marker_names & ({f.outlet} - {""}))
        other_outlet = bool(f.outlet and h.outlet and f.outlet != h.outlet)
        overlap = f"text overlap: Jaccard {jac:.2f}, containment {con:.2f}"
        if names and (jac >= t.syndicated or con >= t.containment * 0.8):
            return "syndicated_from", f"provenance names {sorted(names)[0]!r}; {overlap}"
        if jac >= t.duplicate and not other_outlet:
            return "duplicate_of", f"near-identical text ({overlap})"
        if (jac >= t.syndicated or con >= t.containment) and (other_outlet or marked):
            why = f"outlets {f.outlet!r} and {h.outlet!r}" if other_outlet else "syndication/agency marker"
            return "syndicated_from", f"{why}; {overlap}"
        if con >= 0.9 and jac >= 0.3:
            return "duplicate_of", f"shortened copy ({overlap})"
        return None

    def _translations(self, f: Features) -> list[tuple[int, str, float, str]]:
        if not f.lang:
            return []
        cap = self._rare_cap()
        shared: dict[int, int] = defaultdict(int)
        for tok in f.ent_seq:
            if self.df.get(tok, 1) > cap:
                continue
            for g in self.ent_index.get(tok, ()):
                shared[g] += 1
        best: dict[str, tuple[int, str, float, str]] = {}
        for g, n in shared.items():
            if n < self.t.translation_shared:
                continue
            h = self.feats[g]
            if not h.lang or h.lang == f.lang or not self._near_in_time(f, h, self.t.translation_days):
                continue
            if not 0.4 <= f.chars / max(1, h.chars) <= 2.5:
                continue
            res = self._translation_score(f, h)
            if res and (h.lang not in best or res[0] > best[h.lang][2]):
                best[h.lang] = (g, "translation_of", res[0], res[1])
        return list(best.values())

    def _translation_score(self, f: Features, h: Features) -> tuple[float, str] | None:
        hs = set(h.ent_seq)
        common = [x for x in f.ent_seq if x in hs]
        if len(common) < self.t.translation_shared:
            return None
        w_common = sum(self._idf(x) for x in common)
        w_f = sum(self._idf(x) for x in f.ent_seq)
        w_h = sum(self._idf(x) for x in h.ent_seq)
        weight = w_common / max(1e-9, min(w_f, w_h))
        cs = set(common)
        order = SequenceMatcher(None, common, [x for x in h.ent_seq if x in cs], autojunk=False).ratio()
        if weight < self.t.translation_weight or order < self.t.translation_order:
            return None
        score = min(1.0, 0.5 * min(1.0, weight / 0.6) + 0.5 * order)
        ev = (f"{len(common)} shared names, numbers and dates ({', '.join(x[2:] for x in common[:6])}); "
              f"weighted share {weight:.2f}, same order {order:.2f}")
        return score, ev

    # -- citations across articles ----------------------------------------------------------
    def _article_cites(self, i: int) -> list[Link]:
        f = self.feats[i]
        out = [Link("cites", _end(f, a or None), _end(f, b), 0.9, ev) for a, b, ev in f.cites]
        related = set(self.group(i)) - {i}
        for g in related:
            h = self.feats[g]
            if h.outlet and h.outlet in (f.cited_names | f.marker_names):
                out.append(Link("cites", _end(f), _end(h), 0.8, f"relays {h.outlet!r}, the outlet of the other copy"))
            elif f.outlet and f.outlet in (h.cited_names | h.marker_names):
                out.append(Link("cites", _end(h), _end(f), 0.8, f"relays {f.outlet!r}, the outlet of the other copy"))
        return out

    # -- claims -------------------------------------------------------------------------
    def _claims(self, i: int) -> list[Link]:
        f = self.feats[i]
        out: list[Link] = []
        local = [g for g in self.group(i) if g != i]
        for j, u in enumerate(f.units):
            matches = self._claim_matches(i, j, u, local)
            other = [m for m in matches if m[2] != u.polarity]
            here = [m for m in other if m[0] == i]
            near = {i, *local}
            # a bare key match elsewhere (no number, place or time agreeing) is weak evidence; a claim
            # already answered in its own article joins the rest of its story through that answer
            same = [m for m in matches if m[2] == u.polarity
                    and (m[0] in near or m[3] > WEAK or not here)]
            if same:
                g, k, _, score, ev = min(same, key=lambda m: (m[0], m[1]))
                out.append(Link("same_claim", _end(f, u.item), _end(self.feats[g], self.feats[g].units[k].item),
                                round(score, 3), f"{ev}; {_stances(u.polarity, u.polarity)}"))
            if not other:
                continue
            if u.polarity < 0:
                targets = here or [min(other, key=lambda m: (m[0], m[1]))]
                for g, k, _, score, ev in targets:
                    h = self.feats[g]
                    out.append(Link("contradicts", _end(f, u.item), _end(h, h.units[k].item), round(score, 3),
                                    f"{ev}; denies / asserts"))
                    self.contradicted.add((f.id, u.item))
            else:
                for g, k, _, score, ev in other[:5]:
                    h = self.feats[g]
                    d = h.units[k]
                    if g == i or (h.id, d.item) not in self.contradicted:
                        out.append(Link("contradicts", _end(h, d.item), _end(f, u.item), round(score, 3),
                                        f"{ev}; denies / asserts"))
                        self.contradicted.add((h.id, d.item))
        return out

    def _claim_matches(self, i: int, j: int, u: Unit, local: list[int]) -> list[tuple[int, int, int, float, str]]:
        """``(article, unit, polarity, score, evidence)`` of earlier claims stating the same proposition."""
        f = self.feats[i]
        found: dict[tuple[int, int], tuple[int, int, int, float, str]] = {}

        def keep(g: int, k: int, pol: int, score: float, ev: str) -> None:
            if score > 0 and ((g, k) not in found or found[(g, k)][3] < score):
                found[(g, k)] = (g, k, pol, score, ev)

        b = self._bucket(f)
        for p in u.props:
            if not p.actor:
                continue
            buckets = [b] if b < 0 else range(b - 2, b + 3)
            for bb in buckets:
                for g, k, pol in self.claim_index.get((*p.key(), bb), ())[: self.t.scan_cap]:
                    h = self.feats[g]
                    if not self._near_in_time(f, h, self.t.claim_days):
                        continue
                    v = h.units[k]
                    best = max((compatible(p, q, pol == u.polarity) for q in v.props), default=0.0)
                    if best:
                        keep(g, k, pol, best, p.describe())
        # looser matching inside the article (earlier claims) and its copies
        for g in [i, *local]:
            h = self.feats[g]
            for k, v in enumerate(h.units):
                if g == i and k >= j:
                    break
                score, what = 0.0, ""
                for p in u.props:
                    for q in v.props:
                        s = 0.9 * compatible(p, q, v.polarity == u.polarity, loose=True)
                        if s > score:
                            score, what = s, (p.describe() if p.actor and p.target else q.describe())
                if g != i and not score and not u.props and not v.props and v.polarity == u.polarity:
                    score, what = self._content_match(u, v), "same names and numbers in the content"
                if score:
                    keep(g, k, v.polarity, score, what)
        return list(found.values())

    @staticmethod
    def _content_match(u: Unit, v: Unit) -> float:
        """Two claims with no event, in copies of one story: the same names and numbers in the content."""
        common = u.content & v.content
        if len(common) < 2:
            return 0.0
        jac = len(common) / len(u.content | v.content)
        return 0.5 + 0.4 * jac if jac >= 0.5 else 0.0


def _stances(a: int, b: int) -> str:
    word = {1: "asserts", -1: "denies"}
    return f"{word[a]} / {word[b]}"


def link_features(old: Iterable[Features], new: Iterable[Features], linker: Linker | None = None) -> Iterator[Link]:
    """Index ``old`` (already linked), then link each of ``new`` against everything before it."""
    lk = linker or Linker()
    for f in old:
        lk.index(f)
    for f in new:
        yield from lk.link(f)
