"""The claim view reads rows and batched links, yet gives exactly what reading whole analyses gave.

``reference_view`` below is the first, straightforward implementation (whole
analysis and claim units for every article of the cluster, one links query per
node), kept here as the oracle.  Stores: our example articles and link fixtures,
linked by the linker, plus hand-made links for the cases the linker rarely makes
(citation chains, links to a deleted article or to an item an article lacks);
and a small generated corpus whose clusters are large.  The store's batch reads
are checked against its one-at-a-time listings on every backend under test.
"""

from __future__ import annotations

import json
import random
from collections import deque
from pathlib import Path
from typing import Any

import pytest

from sumber.errors import StoreError
from sumber.link import link_store, views
from sumber.link.features import claim_units
from sumber.link.linker import CLAIM_KINDS, COPY_KINDS
from sumber.model import Article, Link
from sumber.store import open_store
from sumber.store.testing import PG_SKIP_REASON, pg_schema, pg_url

import sumber

REPO = Path(__file__).resolve().parents[2]


# --- the oracle: the view as first written ------------------------------------------------

def _neighbours(store, article, item, kinds):
    out, cursor = [], None
    while True:
        page = store.links(None, article, item, 1000, cursor)
        out += [r for r in page.rows if r["kind"] in kinds]
        if not page.next_cursor:
            return out
        cursor = page.next_cursor


def reference_view(store, claim_id: str, max_nodes: int) -> dict[str, Any]:
    loaded: dict[str, Any] = {}

    def load(aid):
        if aid not in loaded:
            a = store.get_analysis(aid)
            if a is None:
                loaded[aid] = None
            else:
                d = a.to_dict()
                items = {x["id"]: x for x in d.get("attributions") or []}
                items.update({x["id"]: x for x in d.get("events") or []})
                loaded[aid] = (d, {u.item: u for u in claim_units(d)}, items)
        return loaded[aid]

    def text_of(it):
        if not it:
            return ""
        return (it.get("content") or {}).get("text") or "" if "source" in it else it["trigger"]["text"]

    def source_of(it, art):
        if it and "source" in it:
            return it["source"].get("name") or it["source"]["text"]
        return f"{art.get('outlet') or 'the article'} (own voice)"

    def copy_root(aid, cache):
        if aid in cache:
            return cache[aid]
        seen, todo = {aid}, deque([aid])
        while todo and len(seen) < max_nodes:
            for r in _neighbours(store, todo.popleft(), None, COPY_KINDS):
                for end in (r["a"]["article"], r["b"]["article"]):
                    if end not in seen:
                        seen.add(end)
                        todo.append(end)
        for x in seen:
            cache[x] = min(seen)
        return min(seen)

    def chain(aid, item):
        steps, seen, cur = [], {(aid, item)}, (aid, item)
        for _ in range(6):
            nxt = next((r for r in _neighbours(store, cur[0], cur[1], ("cites",))
                        if (r["a"]["article"], r["a"]["item"]) == cur and (r["b"]["article"], r["b"]["item"]) not in seen),
                       None)
            if not nxt:
                break
            cur = (nxt["b"]["article"], nxt["b"]["item"])
            seen.add(cur)
            got, name = load(cur[0]), ""
            if got:
                name = source_of(got[2].get(cur[1]), got[0]["article"]) if cur[1] else (got[0]["article"].get("outlet") or cur[0])
            steps.append({"article": cur[0], "item": cur[1], "source": name, "evidence": nxt["evidence"]})
        return steps

    def relayed(aid, item):
        out = []
        for r in _neighbours(store, aid, item, ("cites",)):
            if (r["b"]["article"], r["b"]["item"]) == (aid, item):
                got, name = load(r["a"]["article"]), r["a"]["article"]
                if got:
                    name = (source_of(got[2].get(r["a"]["item"]), got[0]["article"]) if r["a"]["item"]
                            else (got[0]["article"].get("outlet") or "the article"))
                out.append({"article": r["a"]["article"], "item": r["a"]["item"], "source": name, "evidence": r["evidence"]})
        return out

    prefix, item = views.parse_claim_id(claim_id)
    article = store.resolve_id(prefix)
    d, units, items = load(article)
    start = (article, item)
    seen, todo = {start}, deque([start])
    while todo and len(seen) < max_nodes:
        for r in _neighbours(store, *todo.popleft(), CLAIM_KINDS):
            for end in (r["a"], r["b"]):
                key = (end["article"], end["item"])
                if key not in seen:
                    seen.add(key)
                    todo.append(key)
    roots: dict[str, str] = {}
    rows = []
    for a, i in sorted(seen):
        got = load(a)
        if got is None:
            continue
        art, u, it = got[0]["article"], got[1].get(i), got[2].get(i)
        stance = {1: "asserts", -1: "denies"}.get(u.polarity if u else 0)
        if it and "stance" in it:
            stance = it["stance"]
        rows.append({"claim": f"{a}:{i}", "article": a, "item": i, "stance": stance or "unconfirmed",
                     "source": source_of(it, art), "outlet": art.get("outlet"), "date": art.get("published"),
                     "language": art.get("language"), "url": art.get("url"), "content": text_of(it),
                     "copy_group": copy_root(a, roots), "chain": chain(a, i), "relayed_by": relayed(a, i)})
    u0 = units.get(item)
    return {
        "claim": f"{article}:{item}", "proposition": sorted({p.describe() for p in u0.props}) if u0 else [],
        "content": text_of(items.get(item)), "reports": len(rows), "articles": len({r["article"] for r in rows}),
        "independent_sources": views.independent_sources(rows),
        "asserted_by": [r for r in rows if r["stance"] == "asserts"],
        "denied_by": [r for r in rows if r["stance"] == "denies"],
        "other": [r for r in rows if r["stance"] not in ("asserts", "denies")],
    }


# --- stores ----------------------------------------------------------------------------------

def _example_analyses(stories, analyse_file):
    out = [a for _, _, a in stories]
    seed = REPO / "tests" / "link" / "fixtures" / "en-nk-flags-seed-story.txt"
    out.append(analyse_file(seed, "en", "Example Herald", "2024-10-23"))
    out[-1].article.outlet = None  # an article with no known outlet: names fall back to its id
    raw = json.loads((REPO / "examples" / "en-syndicated-copy.json").read_text(encoding="utf-8"))
    out.append(sumber.analyze(Article(**{k: raw[k] for k in ("title", "text", "url", "language", "published", "outlet")})))
    return out


def _claim_ids(store) -> list[str]:
    ids = [f"{r['article_id']}:{r['id']}" for r in store.iterate("claims")]
    ids += [f"{r['article_id']}:{r['id']}" for r in store.iterate("events")]
    return sorted(ids)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory, stories, analyse_file):
    """The examples and link fixtures, linked, with hand-made citation chains and dangling links."""
    path = str(tmp_path_factory.mktemp("views") / "examples.db")
    analyses = _example_analyses(stories, analyse_file)
    gone = analyses.pop()  # written, linked, then deleted: its links stay behind
    with open_store(path) as s:
        s.write(analyses + [gone])
        link_store(s, full=True, workers=1)
        assert s.links("same_claim", limit=1).rows and s.links("contradicts", limit=1).rows
        claims = list(s.iterate("claims"))
        by_article: dict[str, list[dict[str, Any]]] = {}
        for r in claims:
            by_article.setdefault(r["article_id"], []).append(r)
        no_outlet = analyses[-1].article.id
        arts = [no_outlet] + sorted(a for a in by_article if a != no_outlet)
        a1, a0, a2 = (by_article[a] for a in arts[:3])  # the article-level chain step is the outlet-less one

        def end(row, item=True):
            return {"article": row["article_id"], "url": row["url"], "item": row["id"] if item else None}

        contra = s.links("contradicts", limit=1).rows[0]
        hub = {"article": contra["a"]["article"], "url": contra["a"]["url"], "item": contra["a"]["item"]}
        extra = [
            # a chain of relays: hub -> a0 -> a1 (article) -> a2 -> hub again (a loop the chain must stop at)
            Link("cites", hub, end(a0[0]), 1.0, "quotes"),
            Link("cites", end(a0[0]), end(a1[0], item=False), 1.0, "citing the paper"),
            Link("cites", end(a1[0], item=False), end(a2[-1]), 1.0, "the paper quotes"),
            Link("cites", end(a2[-1]), hub, 1.0, "back again"),
            Link("cites", end(a1[-1]), hub, 0.9, "also relays"),
            # a claim link to an item its article does not have, and to an article that is then deleted
            Link("same_claim", hub, {"article": a2[0]["article_id"], "url": None, "item": "a999"}, 0.8, "stale"),
            Link("contradicts", hub, {"article": gone.article.id, "url": gone.article.url, "item": "a1"}, 0.7, "gone"),
            Link("cites", end(a0[-1]), {"article": gone.article.id, "url": None, "item": "a1"}, 0.7, "gone too"),
        ]
        s.put_links(extra)
        assert s.delete_article(gone.article.id)
    return path


@pytest.fixture(scope="module")
def generated_db(tmp_path_factory):
    """Generated articles (our own templates), ingested and linked: clusters of dozens of reports."""
    from sumber.ingest.pipeline import IngestOptions, ingest
    from sumber.ingest.synthetic import write_corpus

    tmp = tmp_path_factory.mktemp("views-gen")
    write_corpus(tmp / "corpus", 400)
    path = str(tmp / "gen.db")
    with open_store(path) as s:
        ingest([str(tmp / "corpus")], s, IngestOptions(workers=1), progress=False)
        link_store(s, full=True, workers=1)
    return path


# --- the view ----------------------------------------------------------------------------------

def test_every_claim_of_the_examples_views_as_before(example_db):
    with open_store(example_db) as s:
        ids = _claim_ids(s)
        assert len(ids) > 20
        chained = 0
        for cid in ids:
            fast = views.claim_view(s, cid)
            assert fast == reference_view(s, cid, views.MAX_NODES), cid
            chained += sum(bool(r["chain"]) for r in fast["asserted_by"] + fast["denied_by"] + fast["other"])
        assert chained  # the hand-made chains were walked


@pytest.mark.parametrize("cap", [1, 2, 3, 5])
def test_a_capped_cluster_is_cut_where_it_was(example_db, generated_db, monkeypatch, cap):
    monkeypatch.setattr(views, "MAX_NODES", cap)
    for db in (example_db, generated_db):
        with open_store(db) as s:
            stored = set(_claim_ids(s))
            ids = [c for r in s.links("contradicts", limit=40).rows if (c := f"{r['a']['article']}:{r['a']['item']}") in stored]
            assert ids
            for cid in ids:
                assert views.claim_view(s, cid) == reference_view(s, cid, cap), (db, cid)


def test_large_generated_clusters_view_as_before(generated_db):
    with open_store(generated_db) as s:
        degree: dict[str, int] = {}
        for link in s.iter_links():
            if link.kind in CLAIM_KINDS:
                for end in (link.a, link.b):
                    key = f"{end['article']}:{end['item']}"
                    degree[key] = degree.get(key, 0) + 1
        stored = _claim_ids(s)
        ids = sorted(set(degree) & set(stored), key=lambda c: (-degree[c], c))
        sizes = []
        for cid in ids[:5] + random.Random(7).sample(ids, 30) + random.Random(7).sample(stored, 10):
            fast = views.claim_view(s, cid)
            assert fast == reference_view(s, cid, views.MAX_NODES), cid
            sizes.append(fast["reports"])
    assert max(sizes) >= 10


def test_claim_errors_unchanged(example_db):
    with open_store(example_db) as s:
        aid = s.iterate("claims").__next__()["article_id"]
        with pytest.raises(StoreError, match="claims in this article: "):
            views.claim_view(s, aid)
        with pytest.raises(StoreError, match="has no attribution or event 'a999'"):
            views.claim_view(s, f"{aid}:a999")


def test_the_view_reads_links_in_batches(generated_db):
    """Fewer store reads than reports: a links read per walk level, rows read all at once."""
    with open_store(generated_db) as s:
        ids = sorted({f"{r['a']['article']}:{r['a']['item']}" for r in s.links("same_claim", limit=300).rows})
        cid = max(ids, key=lambda c: (views.claim_view(s, c)["reports"], c))
        calls = {"links": 0, "links_at": 0, "get_analysis": 0, "claims_at": 0, "events_at": 0}
        for name in calls:
            orig = getattr(s, name)

            def counted(*a, _orig=orig, _name=name, **k):
                calls[_name] += 1
                return _orig(*a, **k)

            setattr(s, name, counted)
        view = views.claim_view(s, cid)
    assert view["reports"] >= 12
    assert calls["links"] == 0 and calls["get_analysis"] == 1 and calls["claims_at"] == calls["events_at"] == 1
    assert calls["links_at"] < view["reports"], (calls, view["reports"])  # one per walk level, not per node


# --- the store's batch reads -------------------------------------------------------------------

@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def copied_store(request, example_db, tmp_path):
    """The example store's rows and links, copied into a fresh store of each backend."""
    if request.param == "sqlite":
        url = str(tmp_path / "copy.db")
        ctx = None
    else:
        base = pg_url()
        if not base:
            pytest.skip(PG_SKIP_REASON)
        ctx = pg_schema(base)
        url = ctx.__enter__()
    try:
        with open_store(example_db) as src, open_store(url) as dst:
            dst.write([a for _, a in src.iter_analyses()])
            dst.put_links(src.iter_links())
        with open_store(url) as dst:
            yield dst
    finally:
        if ctx is not None:
            ctx.__exit__(None, None, None)


def test_batch_reads_match_single_reads(copied_store):
    s = copied_store
    claims = list(s.iterate("claims", page_size=7))
    events = list(s.iterate("events", page_size=7))
    arts = list(s.iterate("articles", page_size=7))
    assert claims and events and arts
    keys = [(r["article_id"], r["id"]) for r in claims] + [("0" * 16, "a1"), (claims[0]["article_id"], "a999")]
    got = s.claims_at(keys)
    assert got == {(r["article_id"], r["id"]): r for r in claims}
    got = s.events_at([(r["article_id"], r["id"]) for r in events] + [(events[0]["article_id"], "e999")])
    assert got == {(r["article_id"], r["id"]): r for r in events}
    assert s.articles_by_id([a["id"] for a in arts] + ["f" * 16]) == {a["id"]: a for a in arts}
    assert s.claims_at([]) == {} and s.events_at([]) == {} and s.articles_by_id([]) == {}
    # links: every end, as a whole article and as an item, with and without a kind filter
    ends = {(l.a["article"], l.a.get("item")) for l in s.iter_links()} | {(l.b["article"], l.b.get("item")) for l in s.iter_links()}
    ends |= {(a, None) for a, _ in ends} | {(arts[0]["id"], "nothing")}
    ends = sorted(ends, key=lambda e: (e[0], e[1] or ""))
    for kinds in (None, CLAIM_KINDS, ("cites",), COPY_KINDS):
        batch = s.links_at(ends, kinds)
        assert set(batch) == set(ends)
        for a, i in ends:
            single = [r for r in s.links(None, a, i, 10_000).rows if kinds is None or r["kind"] in kinds]
            assert batch[(a, i)] == single, (kinds, a, i)
    assert any(batch.values())
    assert s.links_at([]) == {}


def test_batch_reads_split_long_key_lists(example_db, monkeypatch):
    """More keys than one query takes: read in chunks, same answer."""
    import sumber.store.base as base

    with open_store(example_db) as s:
        claims = list(s.iterate("claims"))
        keys = [(r["article_id"], r["id"]) for r in claims]
        ends = [(r["article_id"], r["id"]) for r in claims] + [(r["article_id"], None) for r in claims]
        whole = (s.claims_at(keys), s.links_at(ends), s.articles_by_id(a for a, _ in keys))
        monkeypatch.setattr(base, "_CHUNK", 3)
        assert (s.claims_at(keys), s.links_at(ends), s.articles_by_id(a for a, _ in keys)) == whole
        assert s.links_at(ends, ("same_claim",)) == {e: [r for r in v if r["kind"] == "same_claim"] for e, v in whole[1].items()}


def test_the_view_is_the_same_on_each_backend(copied_store, example_db):
    with open_store(example_db) as lite:
        ids = _claim_ids(lite)
        assert ids == _claim_ids(copied_store)
        for cid in ids:
            view = views.claim_view(copied_store, cid)
            assert view == reference_view(copied_store, cid, views.MAX_NODES) == views.claim_view(lite, cid), cid
