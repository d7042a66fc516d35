"""Claim views of large clusters: pages answer at once with the direct links, then the whole cluster."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient

from sumber.store import open_store
from sumber.web import api, create_app
from sumber.web.cache import ClaimViews
from sumber.web.claimview import claim_detail, quick_detail


def _slow_app(store_path, gate: threading.Event):
    app = create_app(store_path, rate=0)

    def slow(store, article_id, item):
        assert gate.wait(30)
        return claim_detail(store, article_id, item)

    app.state.claim_views.close()
    app.state.claim_views = ClaimViews(app.state.pool, slow)
    return app


def test_a_slow_cluster_shows_direct_links_first(store_path, web_corpus, monkeypatch):
    en = web_corpus["analyses"][0]
    first = next(x for x in en.attributions if x.stance == "asserts")
    url = f"/claims/{en.article.id}/{first.id}"
    gate = threading.Event()
    monkeypatch.setattr(api, "CLAIM_WAIT", 0.1)
    with TestClient(_slow_app(store_path, gate)) as c:
        page = c.get(url)
        assert page.status_code == 200 and 'id="gathering"' in page.text
        assert '<meta http-equiv="refresh" content="3">' in page.text
        assert "stance-denies" in page.text  # the direct contradiction is there already
        busy = c.get("/api" + url)
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
        assert "still being gathered" in busy.json()["error"]
        gate.set()
        monkeypatch.setattr(api, "CLAIM_WAIT", 30)
        full = c.get("/api" + url).json()
        assert full["claim"] == f"{en.article.id}:{first.id}" and "partial" not in full
        page = c.get(url)
        assert 'id="gathering"' not in page.text and "refresh" not in page.text


def test_quick_view_agrees_with_the_full_one_on_direct_partners(store_path, web_corpus):
    en = web_corpus["analyses"][0]
    first = next(x for x in en.attributions if x.stance == "asserts")
    with open_store(store_path) as store:
        quick = quick_detail(store, en.article.id, first.id)
        full = claim_detail(store, en.article.id, first.id)
        assert quick_detail(store, en.article.id, "a999") is None
    assert quick["partial"] is True and quick["content"] == full["content"]
    direct = {s["claim_id"] for s in quick["statements"]}
    assert direct <= {s["claim_id"] for s in full["statements"]}
    assert {s["relation"] for s in quick["statements"]} >= {"this claim", "contradicts", "same_claim"}
    assert [c["article"] for c in quick["cited_by"]] == [c["article"] for c in full["cited_by"]]
