"""Claims together with what the linker found about them, for the list and the claim page.

Everything is read through the store (``claims``, ``links``); nothing here
writes SQL.  A store with no links yet simply gives claims without badges and
with themselves as their only source.

Independent sources: statements of one proposition (the claim, its
``same_claim`` and ``contradicts`` partners) are counted once per speaker —
named speakers by name, anonymous ones per story — and a story's copies joined
by ``duplicate_of`` / ``syndicated_from`` / ``translation_of`` links count once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sumber.store import ClaimFilter, Store
from sumber.store.rows import fold

CLAIM_LINKS = ("same_claim", "contradicts")
COPY_LINKS = ("duplicate_of", "syndicated_from", "translation_of")
MAX_CLUSTER = 200
MAX_CHAIN = 12


def claim_key(article_id: str, item: str) -> str:
    """The claim's id in URLs and JSON: ``ARTICLE_ID/ATTRIBUTION_ID``."""
    return f"{article_id}/{item}"


def shape(row: dict[str, Any]) -> dict[str, Any]:
    """A claim row as the web shows it (adds ``claim_id`` and a display name for the speaker)."""
    return {**row, "claim_id": claim_key(row["article_id"], row["id"]),
            "speaker": row.get("source_name") or row.get("source")}


def claim_rows(store: Store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Claim rows by ``(article_id, item)``, read article by article in batches."""
    wanted = set(keys)
    articles = sorted({a for a, _ in wanted})
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for i in range(0, len(articles), 200):
        chunk = articles[i:i + 200]
        for row in store.iterate("claims", ClaimFilter(articles=chunk), page_size=5000):
            k = (row["article_id"], row["id"])
            if k in wanted:
                found[k] = shape(row)
    return found


def _links_of(store: Store, article: str, item: str | None, kinds: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = store.links(None, article, item, 1000, cursor)
        rows.extend(r for r in page.rows if kinds is None or r["kind"] in kinds)
        if not page.next_cursor:
            return rows
        cursor = page.next_cursor


def _other(link: dict[str, Any], article: str, item: str | None) -> dict[str, Any]:
    a = link["a"]
    return link["b"] if (a["article"] == article and (item is None or a["item"] == item)) else a


def _speaker_key(row: dict[str, Any], story: str) -> tuple[str, ...]:
    name = row.get("source_name") or row.get("source") or ""
    if row.get("anonymous") or not name:
        return ("anonymous", story, fold(row.get("source")))
    return ("named", fold(name))


def _stories(store: Store, articles: set[str]) -> dict[str, str]:
    """Each article's story: the smallest article id among its copies (union-find over copy links)."""
    parent = {a: a for a in articles}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid in articles:
        for link in _links_of(store, aid, None, COPY_LINKS):
            if link["a"]["item"] or link["b"]["item"]:
                continue
            ra, rb = find(link["a"]["article"]), find(link["b"]["article"])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {a: find(a) for a in articles}


def independent_sources(store: Store, rows: list[dict[str, Any]]) -> int:
    """Distinct speakers, where copies of one story (syndicated, duplicated, translated) count once.

    Within a story only one copy counts — the one naming the most speakers — since a
    copy repeats the same statements (often under translated names).
    """
    stories = _stories(store, {r["article_id"] for r in rows})
    by_story: dict[str, dict[str, set[tuple[str, ...]]]] = {}
    for r in rows:
        story = stories[r["article_id"]]
        by_story.setdefault(story, {}).setdefault(r["article_id"], set()).add(_speaker_key(r, story))
    keys: set[tuple[str, ...]] = set()
    for copies in by_story.values():
        best = max(sorted(copies), key=lambda aid: len(copies[aid]))
        keys |= copies[best]
    return len(keys)


def summarize(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """List rows with ``asserted_by`` / ``denied_by`` speakers, ``independent`` count and ``contradicted``.

    Uses each claim's direct links only (one query per claim), which is the whole
    cluster when the linker stores pairs within a cluster; the claim page walks
    the full cluster.
    """
    shaped = [shape(r) for r in rows]
    neighbours: list[list[tuple[str, dict[str, Any]]]] = []
    need: set[tuple[str, str]] = set()
    for r in shaped:
        near = []
        for link in _links_of(store, r["article_id"], r["id"], CLAIM_LINKS):
            end = _other(link, r["article_id"], r["id"])
            if end.get("item"):
                near.append((link["kind"], end))
                need.add((end["article"], end["item"]))
        neighbours.append(near)
    partners = claim_rows(store, need) if need else {}
    for r, near in zip(shaped, neighbours):
        members = [r] + [partners[(e["article"], e["item"])] for _, e in near if (e["article"], e["item"]) in partners]
        members = list({m["claim_id"]: m for m in members}.values())
        r["contradicted"] = any(kind == "contradicts" for kind, _ in near)
        r["asserted_by"] = sorted({m["speaker"] for m in members if m["stance"] == "asserts"})
        r["denied_by"] = sorted({m["speaker"] for m in members if m["stance"] == "denies"})
        r["unconfirmed_by"] = sorted({m["speaker"] for m in members if m["stance"] == "unconfirmed"})
        r["statements"] = len(members)
        r["independent"] = (independent_sources(store, members) if len(members) > 1 else 1)
    return shaped


def _chain(store: Store, article: str, item: str, forward: bool) -> list[dict[str, Any]]:
    """Follow ``cites`` links from a claim (or its article): forward = whom it cites, else who cites it."""
    chain: list[dict[str, Any]] = []
    seen = {(article, item)}
    cur_article, cur_item = article, item
    for _ in range(MAX_CHAIN):
        links = _links_of(store, cur_article, cur_item, ("cites",)) or _links_of(store, cur_article, None, ("cites",))
        step = None
        for link in links:
            here, there = (link["a"], link["b"]) if forward else (link["b"], link["a"])
            if here["article"] == cur_article and (there["article"], there.get("item")) not in seen:
                step = (link, there)
                break
        if step is None:
            break
        link, there = step
        seen.add((there["article"], there.get("item")))
        chain.append({"article": there["article"], "item": there.get("item"), "url": there.get("url"),
                      "score": link["score"], "evidence": link["evidence"]})
        cur_article, cur_item = there["article"], there.get("item")
        if not cur_item:
            cur_item = None
    keys = [(c["article"], c["item"]) for c in chain if c["item"]]
    rows = claim_rows(store, keys) if keys else {}
    for c in chain:
        c["claim"] = rows.get((c["article"], c["item"])) if c["item"] else None
    return chain


def claim_detail(store: Store, article_id: str, item: str) -> dict[str, Any] | None:
    """Everything the claim page shows: the claim, every statement of it, links and citation chains."""
    base = claim_rows(store, [(article_id, item)]).get((article_id, item))
    if base is None:
        return None
    members: dict[tuple[str, str], str] = {(article_id, item): "this claim"}
    links: list[dict[str, Any]] = []
    todo = [(article_id, item)]
    seen_links: set[tuple] = set()
    while todo and len(members) < MAX_CLUSTER:
        a, it = todo.pop()
        for link in _links_of(store, a, it, CLAIM_LINKS):
            lk = (link["kind"], link["a"]["article"], link["a"]["item"], link["b"]["article"], link["b"]["item"])
            if lk in seen_links:
                continue
            seen_links.add(lk)
            links.append(link)
            end = _other(link, a, it)
            key = (end["article"], end.get("item"))
            if key[1] and key not in members:
                members[key] = link["kind"]
                todo.append(key)
    rows = claim_rows(store, members.keys())
    statements = []
    for key, relation in members.items():
        if key in rows:
            statements.append({**rows[key], "relation": relation})
    statements.sort(key=lambda r: (r["relation"] != "this claim", r["date"] or "", r["article_id"], r["ord"]))
    return {
        "claim": base,
        "proposition": base.get("content"),
        "statements": statements,
        "asserting": sum(1 for s in statements if s["stance"] == "asserts"),
        "denying": sum(1 for s in statements if s["stance"] == "denies"),
        "unconfirmed": sum(1 for s in statements if s["stance"] == "unconfirmed"),
        "contradicted": any(link["kind"] == "contradicts" for link in links),
        "independent_sources": independent_sources(store, statements),
        "cites": _chain(store, article_id, item, forward=True),
        "cited_by": _chain(store, article_id, item, forward=False),
        "links": links,
    }
