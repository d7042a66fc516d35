"""Reading links back: one claim with everyone who asserts or denies it, and its citation chains.

A claim is named ``ARTICLE_ID:ITEM`` (an attribution or event id, e.g.
``91e321eb:a6``; the article id may be shortened to a unique prefix).  Its
cluster is everything reachable through ``same_claim`` and ``contradicts``
links.  Independent sources: reports in copies of one story (duplicates,
syndicated copies, translations) by the same side count once, and a source
named alike in several stories counts once.
"""

from __future__ import annotations

import re
from collections import deque
from functools import lru_cache
from typing import Any

from sumber.errors import StoreError
from sumber.link.features import Unit, claim_units, fold
from sumber.link.linker import CLAIM_KINDS, COPY_KINDS

MAX_NODES = 2000
_ID = re.compile(r"^([0-9a-f]{4,64})(?:[:/#]([\w.-]+))?$")


def parse_claim_id(text: str) -> tuple[str, str | None]:
    m = _ID.match(text.strip())
    if not m:
        raise StoreError(f"'{text}' is not a claim id (ARTICLE_ID:ITEM, e.g. 91e321eb:a6)")
    return m.group(1), m.group(2)


class _Corpus:
    """Analyses and claim units read on demand, once each."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.get = lru_cache(maxsize=512)(self._load)

    def _load(self, article_id: str) -> tuple[dict[str, Any], dict[str, Unit], dict[str, Any]] | None:
        a = self.store.get_analysis(article_id)
        if a is None:
            return None
        d = a.to_dict()
        units = {u.item: u for u in claim_units(d)}
        items = {x["id"]: x for x in d.get("attributions") or []}
        items.update({x["id"]: x for x in d.get("events") or []})
        return d, units, items


def _neighbours(store: Any, article: str, item: str | None, kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    cursor = None
    while True:
        page = store.links(None, article, item, 1000, cursor)
        out += [r for r in page.rows if r["kind"] in kinds]
        if not page.next_cursor:
            return out
        cursor = page.next_cursor


def _copy_root(store: Any, article: str, cache: dict[str, str]) -> str:
    """The smallest article id among the copies of ``article`` (its story-copy group)."""
    if article in cache:
        return cache[article]
    seen = {article}
    todo = deque([article])
    while todo and len(seen) < MAX_NODES:
        a = todo.popleft()
        for r in _neighbours(store, a, None, COPY_KINDS):
            for end in (r["a"]["article"], r["b"]["article"]):
                if end not in seen:
                    seen.add(end)
                    todo.append(end)
    root = min(seen)
    for a in seen:
        cache[a] = root
    return root


def _item_text(item: dict[str, Any] | None) -> str:
    if not item:
        return ""
    if "source" in item:
        return (item.get("content") or {}).get("text") or ""
    return item["trigger"]["text"]


def _source_name(item: dict[str, Any] | None, article: dict[str, Any]) -> str:
    if item and "source" in item:
        return item["source"].get("name") or item["source"]["text"]
    return f"{article.get('outlet') or 'the article'} (own voice)"


def chain(store: Any, corpus: _Corpus, article: str, item: str | None, depth: int = 6) -> list[dict[str, Any]]:
    """Who this claim relays, step by step towards the primary source (via ``cites`` links)."""
    steps: list[dict[str, Any]] = []
    seen = {(article, item)}
    cur = (article, item)
    for _ in range(depth):
        nxt = None
        for r in _neighbours(store, cur[0], cur[1], ("cites",)):
            if (r["a"]["article"], r["a"]["item"]) == cur and (r["b"]["article"], r["b"]["item"]) not in seen:
                nxt = r
                break
        if not nxt:
            break
        cur = (nxt["b"]["article"], nxt["b"]["item"])
        seen.add(cur)
        loaded = corpus.get(cur[0])
        name = ""
        if loaded:
            d, _, items = loaded
            name = _source_name(items.get(cur[1]), d["article"]) if cur[1] else (d["article"].get("outlet") or cur[0])
        steps.append({"article": cur[0], "item": cur[1], "source": name, "evidence": nxt["evidence"]})
    return steps


def relayed_by(store: Any, corpus: _Corpus, article: str, item: str | None) -> list[dict[str, Any]]:
    """Who relays this claim (the article, an agency report quoting it...)."""
    out = []
    for r in _neighbours(store, article, item, ("cites",)):
        if (r["b"]["article"], r["b"]["item"]) == (article, item):
            loaded = corpus.get(r["a"]["article"])
            name = r["a"]["article"]
            if loaded:
                d, _, items = loaded
                name = (_source_name(items.get(r["a"]["item"]), d["article"]) if r["a"]["item"]
                        else (d["article"].get("outlet") or "the article"))
            out.append({"article": r["a"]["article"], "item": r["a"]["item"], "source": name, "evidence": r["evidence"]})
    return out


def claim_view(store: Any, claim_id: str) -> dict[str, Any]:
    """The proposition, its asserting and denying sources, independent-source counts and chains."""
    prefix, item = parse_claim_id(claim_id)
    article = store.resolve_id(prefix)
    corpus = _Corpus(store)
    loaded = corpus.get(article)
    if loaded is None:
        raise StoreError(f"article {article} has no stored analysis")
    d, units, items = loaded
    if not item:
        known = ", ".join(sorted(units)) or "none"
        raise StoreError(f"give the claim as {article[:12]}:ITEM (claims in this article: {known})")
    if item not in items:
        raise StoreError(f"article {article[:12]} has no attribution or event '{item}'")
    start = (article, item)
    seen = {start}
    todo = deque([start])
    while todo and len(seen) < MAX_NODES:
        a, i = todo.popleft()
        for r in _neighbours(store, a, i, CLAIM_KINDS):
            for end in (r["a"], r["b"]):
                key = (end["article"], end["item"])
                if key not in seen:
                    seen.add(key)
                    todo.append(key)
    roots: dict[str, str] = {}
    rows = []
    for a, i in sorted(seen):
        got = corpus.get(a)
        if got is None:
            continue
        ad, au, ai = got
        art = ad["article"]
        u = au.get(i)
        it = ai.get(i)
        stance = {1: "asserts", -1: "denies"}.get(u.polarity if u else 0)
        if it and "stance" in it:
            stance = it["stance"]
        rows.append({
            "claim": f"{a}:{i}", "article": a, "item": i, "stance": stance or "unconfirmed",
            "source": _source_name(it, art), "outlet": art.get("outlet"), "date": art.get("published"),
            "language": art.get("language"), "url": art.get("url"), "content": _item_text(it),
            "copy_group": _copy_root(store, a, roots),
            "chain": chain(store, corpus, a, i), "relayed_by": relayed_by(store, corpus, a, i),
        })
    u0 = units.get(item)
    props = sorted({p.describe() for p in u0.props}) if u0 else []
    return {
        "claim": f"{article}:{item}",
        "proposition": props,
        "content": _item_text(items.get(item)),
        "reports": len(rows),
        "articles": len({r["article"] for r in rows}),
        "independent_sources": independent_sources(rows),
        "asserted_by": [r for r in rows if r["stance"] == "asserts"],
        "denied_by": [r for r in rows if r["stance"] == "denies"],
        "other": [r for r in rows if r["stance"] not in ("asserts", "denies")],
    }


def independent_sources(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Distinct sources per stance, syndicated and translated copies counted once.

    Copies of one story (a copy group) repeat the same people, possibly renamed by
    translation, so a group contributes the sources of its copy that names the most;
    across groups, sources with the same name count once.
    """
    out: dict[str, int] = {}
    for stance in ("asserts", "denies"):
        groups: dict[str, dict[str, set[str]]] = {}
        for r in rows:
            if r["stance"] == stance:
                groups.setdefault(r["copy_group"], {}).setdefault(r["article"], set()).add(fold(r["source"]))
        names: set[str] = set()
        for per_article in groups.values():
            names |= max(per_article.values(), key=len)
        out[stance] = len(names)
    out["total"] = out["asserts"] + out["denies"]
    return out
