"""Reading links back: one claim with everyone who asserts or denies it, and its citation chains.

A claim is named ``ARTICLE_ID:ITEM`` (an attribution or event id, e.g.
``91e321eb:a6``; the article id may be shortened to a unique prefix).  Its
cluster is everything reachable through ``same_claim`` and ``contradicts``
links.  Independent sources: reports in copies of one story (duplicates,
syndicated copies, translations) by the same side count once, and a source
named alike in several stories counts once.

Clusters can hold thousands of reports, so the view reads what each report
shows from the store's claim, event and article rows (never whole analyses)
and asks for the links of many nodes per query; only the claim asked about is
analysed further (its proposition).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from typing import Any

from sumber.errors import StoreError
from sumber.link.features import claim_units, fold
from sumber.link.linker import CLAIM_KINDS, COPY_KINDS

MAX_NODES = 2000
CHAIN_DEPTH = 6
_BATCH = 2000  # nodes whose links one store call reads (the store splits it into chunks)
_ID = re.compile(r"^([0-9a-f]{4,64})(?:[:/#]([\w.-]+))?$")

_STATUS = {"asserted": "asserts", "denied": "denies"}
Node = tuple[str, str | None]  # (article id, item id or None for the article itself)


def parse_claim_id(text: str) -> tuple[str, str | None]:
    m = _ID.match(text.strip())
    if not m:
        raise StoreError(f"'{text}' is not a claim id (ARTICLE_ID:ITEM, e.g. 91e321eb:a6)")
    return m.group(1), m.group(2)


class _Links:
    """Links of some kinds per node, read from the store in batches and kept.

    ``get(node, upcoming)`` reads ``node`` together with the not yet read nodes of
    ``upcoming`` (those a walk will ask for next), so a breadth-first walk costs a
    few queries per level instead of one per node.  A node's list is what
    ``store.links(None, article, item)`` gives, filtered to the kinds.
    """

    def __init__(self, store: Any, kinds: tuple[str, ...]) -> None:
        self.store = store
        self.kinds = kinds
        self.known: dict[Node, list[dict[str, Any]]] = {}

    def prefetch(self, nodes: Iterable[Node]) -> None:
        todo = [n for n in dict.fromkeys(nodes) if n not in self.known]
        for i in range(0, len(todo), _BATCH):
            self.known.update(self.store.links_at(todo[i:i + _BATCH], self.kinds))

    def get(self, node: Node, upcoming: Iterable[Node] = ()) -> list[dict[str, Any]]:
        if node not in self.known:
            batch = [node]
            for n in upcoming:
                if len(batch) >= _BATCH:
                    break
                if n not in self.known:
                    batch.append(n)
            self.prefetch(batch)
        return self.known[node]


def _end(link: dict[str, Any], side: str) -> Node:
    return link[side]["article"], link[side]["item"]


def _cluster(links: _Links, start: Node) -> set[Node]:
    """Every node reachable from ``start`` through claim links (breadth first, at most about MAX_NODES)."""
    seen = {start}
    todo = deque([start])
    while todo and len(seen) < MAX_NODES:
        node = todo.popleft()
        for r in links.get(node, todo):
            if r["kind"] not in CLAIM_KINDS:
                continue
            for end in (_end(r, "a"), _end(r, "b")):
                if end not in seen:
                    seen.add(end)
                    todo.append(end)
    return seen


def _copy_root(copies: _Links, article: str, cache: dict[str, str]) -> str:
    """The smallest article id among the copies of ``article`` (its story-copy group)."""
    if article in cache:
        return cache[article]
    seen = {article}
    todo = deque([article])
    while todo and len(seen) < MAX_NODES:
        a = todo.popleft()
        for r in copies.get((a, None), ((x, None) for x in todo)):
            for end in (r["a"]["article"], r["b"]["article"]):
                if end not in seen:
                    seen.add(end)
                    todo.append(end)
    root = min(seen)
    for a in seen:
        cache[a] = root
    return root


def _chains(links: _Links, starts: list[Node], depth: int = CHAIN_DEPTH) -> dict[Node, list[tuple[Node, str]]]:
    """For each start, whom it relays step by step towards the primary source: ``[(node, evidence)]``.

    A step follows the first ``cites`` link (in key order) from the current node to
    a node not yet on the chain.  All chains advance together, one batch of link
    reads per step.
    """
    steps: dict[Node, list[tuple[Node, str]]] = {s: [] for s in starts}
    seen: dict[Node, set[Node]] = {s: {s} for s in starts}
    at = {s: s for s in starts}
    active = list(starts)
    for _ in range(depth):
        links.prefetch(at[s] for s in active)
        still = []
        for s in active:
            cur = at[s]
            nxt = next((r for r in links.get(cur)
                        if r["kind"] == "cites" and _end(r, "a") == cur and _end(r, "b") not in seen[s]), None)
            if nxt is None:
                continue
            at[s] = _end(nxt, "b")
            seen[s].add(at[s])
            steps[s].append((at[s], nxt["evidence"]))
            still.append(s)
        active = still
    return steps


class _Rows:
    """What a report shows of its article and item, read for many nodes in a few queries.

    ``articles`` maps a stored article's id to a row with its outlet, date, language
    and url: a claim or event row of it (they carry those), else its article row.
    """

    def __init__(self, store: Any, nodes: Iterable[Node]) -> None:
        nodes = list(dict.fromkeys(nodes))
        keys = [(a, i) for a, i in nodes if i]
        self.claims = store.claims_at(keys)
        self.events = store.events_at(keys)
        self.articles: dict[str, dict[str, Any]] = {}
        for row in [*self.claims.values(), *self.events.values()]:
            self.articles.setdefault(row["article_id"], row)
        self.articles.update(store.articles_by_id(a for a, _ in nodes if a not in self.articles))

    def item(self, node: Node) -> tuple[str, dict[str, Any]] | None:
        """``("claim", row)`` or ``("event", row)``; an event wins an id both use (as the analysis reads)."""
        if node in self.events:
            return "event", self.events[node]
        if node in self.claims:
            return "claim", self.claims[node]
        return None

    def source(self, node: Node) -> str:
        got = self.item(node)
        if got and got[0] == "claim":
            return got[1]["source_name"] or got[1]["source"]
        return f"{self.articles[node[0]]['outlet'] or 'the article'} (own voice)"

    def stance(self, node: Node) -> str:
        got = self.item(node)
        if got is None:
            return "unconfirmed"
        kind, row = got
        if kind == "claim":
            return row["stance"] or "unconfirmed"
        # an event is a claim of its own only in the article's own voice (see features.claim_units)
        if not row["attribution"] and row["status"] in _STATUS:
            return _STATUS[row["status"]]
        claim = self.claims.get(node)  # an attribution of the same id still states it
        return claim["stance"] if claim and claim["stance"] in ("asserts", "denies") else "unconfirmed"

    def content(self, node: Node) -> str:
        got = self.item(node)
        if got is None:
            return ""
        kind, row = got
        return (row["content"] or "") if kind == "claim" else row["trigger"]


def claim_view(store: Any, claim_id: str) -> dict[str, Any]:
    """The proposition, its asserting and denying sources, independent-source counts and chains."""
    prefix, item = parse_claim_id(claim_id)
    article = store.resolve_id(prefix)
    analysis = store.get_analysis(article)
    if analysis is None:
        raise StoreError(f"article {article} has no stored analysis")
    d = analysis.to_dict()
    items = {x["id"]: x for x in d.get("attributions") or []}
    items.update({x["id"]: x for x in d.get("events") or []})
    if not item:
        known = ", ".join(sorted(u.item for u in claim_units(d))) or "none"
        raise StoreError(f"give the claim as {article[:12]}:ITEM (claims in this article: {known})")
    if item not in items:
        raise StoreError(f"article {article[:12]} has no attribution or event '{item}'")
    links = _Links(store, (*CLAIM_KINDS, "cites"))  # one walk reads a node's claim links and citations
    nodes = sorted(_cluster(links, (article, item)))
    links.prefetch(nodes)  # a no-op unless MAX_NODES cut the walk short
    chains = _chains(links, nodes)
    relays = {n: [r for r in links.get(n) if r["kind"] == "cites" and _end(r, "b") == n] for n in nodes}
    rows_of = _Rows(store, [*nodes, *(s for c in chains.values() for s, _ in c),
                            *(_end(r, "a") for rs in relays.values() for r in rs)])
    present = [n for n in nodes if n[0] in rows_of.articles]
    copies = _Links(store, COPY_KINDS)
    copies.prefetch((a, None) for a, _ in present)
    roots: dict[str, str] = {}
    rows = []
    for a, i in present:
        art = rows_of.articles[a]
        rows.append({
            "claim": f"{a}:{i}", "article": a, "item": i, "stance": rows_of.stance((a, i)),
            "source": rows_of.source((a, i)), "outlet": art["outlet"], "date": art["published"],
            "language": art["language"], "url": art["url"], "content": rows_of.content((a, i)),
            "copy_group": _copy_root(copies, a, roots),
            "chain": [_step(rows_of, n, ev) for n, ev in chains[(a, i)]],
            "relayed_by": [_relay(rows_of, r) for r in relays[(a, i)]],
        })
    u0 = next((u for u in claim_units(d) if u.item == item), None)
    props = sorted({p.describe() for p in u0.props}) if u0 else []
    it = items[item]
    return {
        "claim": f"{article}:{item}",
        "proposition": props,
        "content": ((it.get("content") or {}).get("text") or "") if "source" in it else it["trigger"]["text"],
        "reports": len(rows),
        "articles": len({r["article"] for r in rows}),
        "independent_sources": independent_sources(rows),
        "asserted_by": [r for r in rows if r["stance"] == "asserts"],
        "denied_by": [r for r in rows if r["stance"] == "denies"],
        "other": [r for r in rows if r["stance"] not in ("asserts", "denies")],
    }


def _step(rows: _Rows, node: Node, evidence: str) -> dict[str, Any]:
    """One step of a citation chain: the cited node and who speaks there ('' when its article is gone)."""
    a, i = node
    art = rows.articles.get(a)
    name = "" if art is None else rows.source(node) if i else (art["outlet"] or a)
    return {"article": a, "item": i, "source": name, "evidence": evidence}


def _relay(rows: _Rows, link: dict[str, Any]) -> dict[str, Any]:
    """Who relays a claim (the citing end of a ``cites`` link), named by its source or outlet."""
    a, i = _end(link, "a")
    art = rows.articles.get(a)
    name = a if art is None else rows.source((a, i)) if i else (art["outlet"] or "the article")
    return {"article": a, "item": i, "source": name, "evidence": link["evidence"]}


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
