"""The JSON API: every endpoint, its filters and paging, and clear 4xx answers to bad parameters."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from sumber.store import ClaimFilter, open_store
from sumber.web import create_app
from sumber.web.guard import CSP


def _error(resp, status: int) -> str:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["status"] == status and body["error"]
    return body["error"]


def _all_pages(client, url: str, limit: int) -> list[dict]:
    rows, seen_urls = [], set()
    nxt = f"{url}{'&' if '?' in url else '?'}limit={limit}"
    while nxt:
        assert nxt not in seen_urls
        seen_urls.add(nxt)
        body = client.get(nxt).json()
        assert len(body["items"]) <= limit
        rows.extend(body["items"])
        nxt = body["next"]
        if nxt:
            assert body["next_cursor"] in nxt
    return rows


def test_stats_counts_the_store(client, web_corpus):
    body = client.get("/api/stats").json()
    assert body["counts"]["articles"] == len(web_corpus["analyses"])
    assert body["counts"]["links"] == len(web_corpus["links"])
    assert body["read_only"] is True


def test_articles_page_through_every_article_once(client, web_corpus):
    rows = _all_pages(client, "/api/articles", 3)
    ids = [r["id"] for r in rows]
    assert sorted(ids) == sorted(a.article.id for a in web_corpus["analyses"])
    assert len(set(ids)) == len(ids)
    assert "text" not in rows[0]
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)


def test_article_filters(client):
    en = client.get("/api/articles?lang=en&limit=100").json()["items"]
    assert en and all(r["language"] == "en" for r in en)
    found = client.get("/api/articles?q=reservoir").json()["items"]
    assert found and all("reservoir" in (r["title"] or "").lower() or r["id"] for r in found)
    assert {r["outlet"] for r in client.get("/api/articles?outlet=Island%20Post").json()["items"]} == {"Island Post"}
    assert all(r["date"] >= "2024-11-05" for r in client.get("/api/articles?since=2024-11-05").json()["items"])


@pytest.mark.parametrize("query, words", [
    ("limit=0", "'limit'"), ("limit=5000", "'limit'"), ("limit=ten", "'limit'"),
    ("since=2024-13-01", "since"), ("since=yesterday", "'since'"), ("lang=English", "'lang'"),
    ("cursor=not-a-cursor", "cursor"), ("colour=red", "unknown parameter 'colour'"), ("q=%22%22", "no words"),
])
def test_bad_article_parameters_are_400_with_a_message(client, query, words):
    assert words in _error(client.get(f"/api/articles?{query}"), 400)


def test_a_cursor_from_another_listing_is_refused(client):
    cursor = client.get("/api/claims?limit=1").json()["next_cursor"]
    assert "cursor" in _error(client.get(f"/api/articles?cursor={cursor}"), 400)


def test_article_detail_has_text_and_analysis(client, web_corpus):
    a = web_corpus["markup"]
    body = client.get(f"/api/articles/{a.article.id}").json()
    assert body["article"]["text"] == a.article.text
    assert body["analysis"] == json.loads(a.to_json())
    short = client.get(f"/api/articles/{a.article.id[:8]}").json()
    assert short["article"]["id"] == a.article.id


def test_article_detail_errors(client):
    assert "no article" in _error(client.get("/api/articles/abcdef0123"), 404)
    assert "article_id" in _error(client.get("/api/articles/NOT-HEX"), 400)
    assert "/tmp" not in client.get("/api/articles/abcdef0123").text  # the store's path stays private


def test_claims_filters_and_summaries(client):
    denies = client.get("/api/claims?stance=denies&limit=100").json()["items"]
    assert denies and all(c["stance"] == "denies" for c in denies)
    contradicted = client.get("/api/claims?contradicted=true&limit=100").json()["items"]
    assert contradicted and all(c["contradicted"] for c in contradicted)
    assert {c["stance"] for c in contradicted} >= {"asserts", "denies"}
    for c in contradicted:
        assert c["asserted_by"] and c["denied_by"] and c["independent"] >= 2
    plain = [c for c in client.get("/api/claims?limit=100").json()["items"] if not c["contradicted"]]
    alone = [c for c in plain if c["statements"] == 1]
    assert alone and all(c["independent"] is None for c in alone)
    water = client.get("/api/claims?source=water&limit=100").json()["items"]
    assert water and all("water" in (c["source"] + (c["source_name"] or "")).lower() for c in water)
    linked = client.get("/api/claims?linked=same_claim").json()["items"]
    assert len(linked) == 2


def test_claims_about_a_country(client, store_path):
    with open_store(store_path) as store:
        expected = {(r["article_id"], r["id"]) for r in store.iterate("claims", ClaimFilter(about="KP"))}
    got = {(r["article_id"], r["id"]) for r in _all_pages(client, "/api/claims?about=KP", 2)}
    assert expected and got == expected


@pytest.mark.parametrize("query, words", [
    ("stance=maybe", "'stance'"), ("linked=friends", "'linked'"), ("contradicted=perhaps", "'contradicted'"),
    ("until=2024-02-30", "until"),
])
def test_bad_claim_parameters(client, query, words):
    assert words in _error(client.get(f"/api/claims?{query}"), 400)


def test_claim_detail_shows_both_sides_and_the_chain(client, web_corpus):
    en, idn = web_corpus["analyses"][0], web_corpus["analyses"][1]
    first = next(x for x in en.attributions if x.stance == "asserts")
    body = client.get(f"/api/claims/{en.article.id}/{first.id}").json()
    assert body["claim"] == f"{en.article.id}:{first.id}" and body["content"] == first.content.text
    assert body["claim_id"] == f"{en.article.id}/{first.id}" and body["row"]["id"] == first.id
    stances = {s["stance"] for s in body["statements"]}
    assert {"asserts", "denies"} <= stances
    assert body["contradicted"] is True
    assert len(body["denied_by"]) >= 1 and len(body["asserted_by"]) >= 2
    assert {s["language"] for s in body["statements"]} == {"en", "id"}  # the translation's claim joins
    # the translation repeats the same two speakers: one asserting, one denying
    assert body["independent_sources"] == {"asserts": 1, "denies": 1, "total": 2}
    assert [c["article"] for c in body["cited_by"]] == [idn.article.id]
    relations = {s["claim_id"]: s["relation"] for s in body["statements"]}
    assert relations[body["claim_id"]] == "this claim"
    assert "contradicts" in relations.values() and "same_claim" in relations.values()
    for s in body["statements"]:
        assert {"outlet", "language", "date", "stance", "source", "relation", "chain"} <= set(s)


def test_claim_without_links_is_its_own_only_source(client, web_corpus):
    a = web_corpus["markup"]
    body = client.get(f"/api/claims/{a.article.id}/{a.attributions[-1].id}").json()
    assert [s["relation"] for s in body["statements"]] == ["this claim"]
    assert body["contradicted"] is False and body["reports"] == 1
    assert body["cites"] == [] and body["cited_by"] == [] and body["links"] == []


def test_claim_detail_errors(client, web_corpus):
    aid = web_corpus["markup"].article.id
    assert "no claim" in _error(client.get(f"/api/claims/{aid}/a999"), 404)
    assert "'item'" in _error(client.get(f"/api/claims/{aid}/a%3Cb%3E"), 400)
    assert "no article" in _error(client.get("/api/claims/0000ffff/a1"), 404)


def test_events_and_places(client, store_path):
    events = _all_pages(client, "/api/events", 4)
    with open_store(store_path) as store:
        assert len(events) == store.counts()["events"]
    denied = client.get("/api/events?status=denied&limit=100").json()["items"]
    assert all(e["status"] == "denied" for e in denied)
    places = client.get("/api/places?limit=100").json()["items"]
    assert places and all({"name", "latitude", "longitude", "mentions"} <= set(p) for p in places)
    ua = client.get("/api/places?country=UA").json()["items"]
    assert ua and {p["country"] for p in ua} == {"UA"}
    assert "'status'" in _error(client.get("/api/events?status=rumoured"), 400)
    assert "'country'" in _error(client.get("/api/places?country=Ukraine"), 400)
    assert "'type'" in _error(client.get("/api/events?type=<x>"), 400)


def test_links(client, web_corpus):
    rows = _all_pages(client, "/api/links", 2)
    assert len(rows) == len(web_corpus["links"])
    assert all(set(r) == {"kind", "a", "b", "score", "evidence"} for r in rows)
    contra = client.get("/api/links?kind=contradicts&limit=100").json()["items"]
    assert len(contra) == sum(1 for link in web_corpus["links"] if link.kind == "contradicts")
    assert "'item' needs 'article'" in _error(client.get("/api/links?item=a1"), 400)
    assert "'kind'" in _error(client.get("/api/links?kind=likes"), 400)


def test_search(client):
    body = client.get("/api/search?q=reservoir").json()
    assert body["articles"] and body["claims"]
    assert all("reservoir" in (c["content"] or "").lower() or "reservoir" in c["source"].lower() for c in body["claims"])
    assert "missing parameter 'q'" in _error(client.get("/api/search"), 400)
    assert "'limit'" in _error(client.get("/api/search?q=x&limit=999"), 400)


def test_map_geojson(client):
    body = client.get("/api/map").json()
    assert body["type"] == "FeatureCollection" and body["features"]
    kinds = {f["properties"]["kind"] for f in body["features"]}
    assert kinds == {"place", "event"}
    for f in body["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["href"].startswith(("/claims", "/articles/"))
    only = client.get("/api/map?layers=places").json()["features"]
    assert {f["properties"]["kind"] for f in only} == {"place"}
    assert "'layers'" in _error(client.get("/api/map?layers=roads"), 400)


def test_exports_stream_every_filtered_row(client, store_path):
    with open_store(store_path) as store:
        want = list(store.iterate("claims", ClaimFilter(stance="asserts")))
    resp = client.get("/api/export/claims?stance=asserts&format=csv")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert len(rows) == len(want) and {r["stance"] for r in rows} == {"asserts"}
    lines = client.get("/api/export/claims?stance=asserts&format=jsonl").text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == [w["id"] for w in want]
    geo = client.get("/api/export/places?format=geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert client.get("/api/export/events?format=geojson").json()["features"]
    assert client.get("/api/export/articles?lang=id&format=csv").status_code == 200


@pytest.mark.parametrize("url, words", [
    ("/api/export/claims?format=geojson", "geojson"), ("/api/export/claims?format=xml", "'format'"),
    ("/api/export/claims?limit=5", "export streams every"), ("/api/export/events?stance=denies", "unknown parameter"),
    ("/api/export/friends", "nothing at"),
])
def test_bad_exports(client, url, words):
    resp = client.get(url)
    assert resp.status_code in (400, 404)
    assert words in resp.json()["error"]


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/claims", "/api/claims/{article_id}/{item}",
              "/api/events", "/api/places", "/api/links", "/api/search", "/api/map", "/api/stats",
              "/api/export/claims", "/api/export/events", "/api/export/places", "/api/export/articles"):
        assert p in paths, p
    params = {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"q", "source", "about", "stance", "lang", "since", "until", "contradicted", "limit", "cursor"} <= params
    assert "post" in spec["paths"]["/api/articles"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/claims/{article_id}/{item}" in docs.text


def test_unknown_routes_and_methods(client):
    assert "nothing at /api/nope" in _error(client.get("/api/nope"), 404)
    assert "not allowed" in _error(client.delete("/api/claims"), 405)


def test_security_headers_everywhere(client):
    for url in ("/claims", "/api/claims", "/api/nope", "/static/app.css", "/claims?limit=0"):
        h = client.get(url).headers
        assert h["content-security-policy"] == CSP, url
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    assert "unsafe-inline" not in CSP and "script-src 'self'" in CSP and "default-src 'none'" in CSP


def test_static_files_and_leaflet_are_served_locally(client):
    world = client.get("/static/world.geojson").json()
    assert world["type"] == "FeatureCollection" and len(world["features"]) > 150
    for url in ("/vendor/leaflet/leaflet.js", "/vendor/leaflet/leaflet.css", "/static/map.js", "/static/article.js"):
        assert client.get(url).status_code == 200, url


# -- writes, limits -------------------------------------------------------------------------

NEW = {"articles": [{"text": "The harbour master said on Tuesday that 12 ferries had resumed service to Kupang.",
                     "title": "Ferries resume", "language": "en", "published": "2024-11-07", "outlet": "Test Wire",
                     "url": "https://test-wire.example/ferries"}]}


def test_read_only_server_refuses_writes(client):
    assert "read-only" in _error(client.post("/api/articles", json=NEW), 403)


def test_ingest_needs_the_token(tmp_path):
    from webcorpus import build  # noqa: F401 - only for the corpus module being importable

    db = tmp_path / "w.db"
    open_store(str(db)).close()
    app = create_app(str(db), allow_ingest=True, token="s3cret-token", rate=0)
    with TestClient(app) as c:
        assert "token" in _error(c.post("/api/articles", json=NEW), 401)
        assert "token" in _error(c.post("/api/articles", json=NEW, headers={"Authorization": "Bearer wrong"}), 401)
        ok = c.post("/api/articles", json=NEW, headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 201, ok.text
        body = ok.json()
        assert body["new"] == 1
        again = c.post("/api/articles", json=NEW, headers={"Authorization": "Bearer s3cret-token"}).json()
        assert again["new"] == 0 and again["existing"] == 1
        art = c.get(f"/api/articles/{body['ids'][0]}").json()
        assert art["article"]["title"] == "Ferries resume" and art["analysis"]["attributions"]
        bad = c.post("/api/articles", json={"articles": [{"title": "no text"}]},
                     headers={"Authorization": "Bearer s3cret-token"})
        assert "text" in _error(bad, 400)


def test_ingest_without_a_token_gets_a_random_one(tmp_path):
    db = tmp_path / "w.db"
    open_store(str(db)).close()
    app = create_app(str(db), allow_ingest=True)
    assert app.state.config.token and len(app.state.config.token) >= 24


def test_request_body_limit(tmp_path):
    db = tmp_path / "w.db"
    open_store(str(db)).close()
    app = create_app(str(db), allow_ingest=True, token="t", rate=0, max_body=2000)
    big = {"articles": [{"text": "kata " * 1000}]}
    with TestClient(app) as c:
        assert "larger than" in _error(c.post("/api/articles", json=big, headers={"Authorization": "Bearer t"}), 413)

        def chunks():
            for _ in range(10):
                yield b"x" * 500

        streamed = c.post("/api/articles", content=chunks(), headers={"Authorization": "Bearer t",
                                                                       "content-type": "application/json"})
        assert streamed.status_code == 413


def test_query_string_limit(client):
    assert "query string" in _error(client.get("/api/claims?q=" + "a" * 5000), 414)


def test_rate_limit(store_path):
    with TestClient(create_app(store_path, rate=1, burst=3)) as c:
        codes = [c.get("/api/stats").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
        resp = c.get("/api/stats")
        assert "too many requests" in resp.json()["error"] and int(resp.headers["retry-after"]) >= 1
        assert c.get("/static/app.css").status_code == 200  # static files are not counted


def test_unexpected_host_is_refused(store_path):
    with TestClient(create_app(store_path, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1") as c:
        assert c.get("/api/stats").status_code == 200
        assert "Host" in _error(c.get("/api/stats", headers={"host": "evil.example"}), 400)


def test_missing_store_fails_at_creation(tmp_path):
    from sumber.errors import StoreError

    with pytest.raises(StoreError, match="no such store"):
        create_app(str(tmp_path / "absent.db"))
