"""Claims together with what the linker found about them, for the list and the claim page.

The claim page is the link layer's own view (``sumber.link.views.claim_view``,
the same as ``sumber claim``), with each report joined to its stored claim row
(cue, hedging, speaker kind) for display.  The list adds to each claim of a
page who else asserts or denies it and the independent-source count, read from
its direct links.  Everything is read through the store and the link layer;
a store with no links yet gives claims without badges.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sumber.errors import StoreError
from sumber.link.views import claim_view
from sumber.link.views import independent_sources as link_independent_sources
from sumber.store import Store

CLAIM_LINKS = ("same_claim", "contradicts")
COPY_LINKS = ("duplicate_of", "syndicated_from", "translation_of")


def claim_key(article_id: str, item: str) -> str:
    """The claim's id in URLs and JSON: ``ARTICLE_ID/ATTRIBUTION_ID``."""
    return f"{article_id}/{item}"


def shape(row: dict[str, Any]) -> dict[str, Any]:
    """A claim row as the web shows it (adds ``claim_id`` and a display name for the speaker)."""
    return {**row, "claim_id": claim_key(row["article_id"], row["id"]),
            "speaker": row.get("source_name") or row.get("source")}


def claim_rows(store: Store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Claim rows by ``(article_id, item)``, read in batches of keys (the store's claims_at)."""
    return {k: shape(r) for k, r in store.claims_at(list(set(keys))).items()}


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


def independent_sources(store: Store, rows: list[dict[str, Any]]) -> dict[str, int]:
    """The link layer's count (per stance and total) over claim rows, copies of a story counted once."""
    stories = _stories(store, {r["article_id"] for r in rows})
    reports = [{"stance": r["stance"], "article": r["article_id"], "copy_group": stories[r["article_id"]],
                "source": r.get("source_name") or r.get("source") or ""} for r in rows]
    return link_independent_sources(reports)


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
        r["independent"] = independent_sources(store, members)["total"] if len(members) > 1 else None
    return shaped


def quick_detail(store: Store, article_id: str, item: str) -> dict[str, Any] | None:
    """A claim page from the claim's direct links only (fast), in the shape of ``claim_detail``.

    Shown while the full cluster is still being gathered; None when the item is not a stored claim.
    """
    row = claim_rows(store, [(article_id, item)]).get((article_id, item))
    if row is None:
        return None
    links = _links_of(store, article_id, item, CLAIM_LINKS + ("cites",))
    ends: dict[tuple[str, str], dict[str, Any]] = {}
    for link in sorted(links, key=lambda x: x["kind"] == "cites"):
        end = _other(link, article_id, item)
        if end.get("item"):
            ends.setdefault((end["article"], end["item"]), link)
    rows = claim_rows(store, list(ends) + [(article_id, item)])
    members: list[dict[str, Any]] = [rows[k] for k in [(article_id, item), *ends] if k in rows]
    statements = []
    for m in members:
        key = (m["article_id"], m["id"])
        via = ends.get(key)
        relation = "this claim" if key == (article_id, item) else via["kind"] if via else "linked"
        if relation == "cites":
            continue
        statements.append({"claim": f"{key[0]}:{key[1]}", "article": key[0], "item": key[1], "stance": m["stance"],
                           "source": m["speaker"], "outlet": m["outlet"], "date": m["published"],
                           "language": m["language"], "url": m["url"], "content": m["content"], "chain": [],
                           "relayed_by": [], "claim_id": m["claim_id"], "relation": relation, "row": m})
    by = {s: [x for x in statements if x["stance"] == s] for s in ("asserts", "denies")}
    steps: dict[bool, list[dict[str, Any]]] = {True: [], False: []}  # this claim cites / is cited by
    for link in links:
        if link["kind"] == "cites":
            forward = link["a"]["article"] == article_id and link["a"]["item"] in (item, None)
            end = link["b"] if forward else link["a"]
            steps[forward].append({"article": end["article"], "item": end.get("item"), "source": "",
                                   "evidence": link["evidence"]})
    return {
        "claim": f"{article_id}:{item}", "proposition": [], "content": row.get("content"),
        "reports": len(statements), "articles": len({x["article"] for x in statements}),
        "independent_sources": independent_sources(store, [x["row"] for x in statements]),
        "asserted_by": by["asserts"], "denied_by": by["denies"],
        "other": [x for x in statements if x["stance"] not in ("asserts", "denies")],
        "claim_id": claim_key(article_id, item), "article_id": article_id, "item": item, "row": row,
        "statements": statements, "contradicted": bool(by["asserts"] and by["denies"]),
        "cites": steps[True], "cited_by": steps[False], "links": links, "partial": True,
    }


def claim_detail(store: Store, article_id: str, item: str) -> dict[str, Any] | None:
    """Everything the claim page shows (None when the article has no such item).

    ``reports`` are the link layer's rows for every statement of the proposition,
    each joined to its stored claim row (``row``) when it is an attribution.
    """
    try:
        view = claim_view(store, f"{article_id}:{item}")
    except StoreError as exc:
        if "has no attribution or event" in exc.message:
            return None
        raise
    reports = view["asserted_by"] + view["denied_by"] + view["other"]
    rows = claim_rows(store, [(r["article"], r["item"]) for r in reports if r.get("item")])
    direct: dict[tuple[str, str | None], str] = {}
    links = _links_of(store, article_id, item, CLAIM_LINKS + ("cites",))
    for link in sorted(links, key=lambda x: x["kind"] == "cites"):  # a claim link names the relation first
        end = _other(link, article_id, item)
        direct.setdefault((end["article"], end.get("item")), link["kind"])
    statements = []
    for r in reports:
        key = (r["article"], r.get("item"))
        relation = "this claim" if key == (article_id, item) else direct.get(key, "same cluster")
        statements.append({**r, "claim_id": claim_key(r["article"], r["item"]) if r.get("item") else r["article"],
                           "relation": relation, "row": rows.get(key)})
    statements.sort(key=lambda r: (r["relation"] != "this claim", r["stance"], r["date"] or "", r["claim"]))
    here = next(s for s in statements if s["relation"] == "this claim")
    return {
        **view,
        "claim_id": claim_key(article_id, item),
        "article_id": article_id,
        "item": item,
        "row": here["row"],
        "statements": statements,
        "contradicted": bool(view["asserted_by"] and view["denied_by"]),
        "cites": here["chain"],
        "cited_by": here["relayed_by"],
        "links": links,
    }
