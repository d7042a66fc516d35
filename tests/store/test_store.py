"""The store contract, run against both backends (SQLite always, PostgreSQL when available)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from sumber.errors import StoreError
from sumber.model import Link
from sumber.store import ArticleFilter, ClaimFilter, EventFilter, PlaceFilter, SourceMark, open_store, prepare
from sumber.store.schema import LATEST
from sumber.store.testing import sample_analysis


def fill(store, n=12, **kw):
    store.write([sample_analysis(i, **kw) for i in range(n)])


def test_write_is_idempotent(store):
    batch = [sample_analysis(i) for i in range(5)]
    first = store.write(batch)
    before = store.counts()
    second = store.write(batch)
    assert (first.new, first.existing) == (5, 0)
    assert (second.new, second.existing) == (0, 5)
    assert store.counts() == before
    assert before["articles"] == 5 and before["claims"] == 10 and before["events"] == 5


def test_duplicates_inside_one_batch_are_stored_once(store):
    a = sample_analysis(1)
    result = store.write([a, sample_analysis(1)])
    assert (result.new, result.existing) == (1, 1)
    assert store.counts()["articles"] == 1


def test_analysis_round_trips_exactly(store):
    a = sample_analysis(3)
    store.write([a])
    got = store.get_analysis(a.article.id)
    assert got.to_dict() == a.to_dict()
    row = store.get_article(a.article.id)
    assert row["crawled"] == "2024-12-31T00:00:00Z" and row["published"] == a.article.published
    assert row["extractor"] == "test" and row["provenance"][0]["kind"] == "outlet"
    assert store.get_analysis("0" * 16) is None


def test_claim_filters(store):
    fill(store)
    all_rows = store.claims(limit=1000).rows
    assert len(all_rows) == 24
    denies = store.claims(ClaimFilter(stance="denies")).rows
    assert denies and all(r["stance"] == "denies" for r in denies)
    assert {r["source_name"] for r in denies} <= {"Kementerian Luar Negeri", "Sulastri", "Ardana", None}
    by_source = store.claims(ClaimFilter(source="sulastri")).rows
    assert by_source and all("Sulastri" in r["source"] for r in by_source)
    about_kp = store.claims(ClaimFilter(about="KP")).rows
    assert about_kp and all("Korea Utara" in r["content"] for r in about_kp)
    about_name = store.claims(ClaimFilter(about="korea utara")).rows
    assert [(r["article_id"], r["ord"]) for r in about_name] == [(r["article_id"], r["ord"]) for r in about_kp]
    kursk = store.claims(ClaimFilter(about="Kursk")).rows
    assert kursk and all("Kursk" in r["content"] for r in kursk)
    assert store.claims(ClaimFilter(about="Atlantis")).rows == []


def test_claim_dates_and_language(store):
    fill(store)
    store.write([sample_analysis(50, language="en")])
    march = store.claims(ClaimFilter(since="2024-03-01", until="2024-03-31")).rows
    assert march and all(r["date"].startswith("2024-03") for r in march)
    assert store.claims(ClaimFilter(since="2024-03", until="2024-03")).rows == march
    year = store.claims(ClaimFilter(until="2024")).rows
    assert len(year) == 26
    en = store.claims(ClaimFilter(lang="en")).rows
    assert len(en) == 2 and all(r["language"] == "en" for r in en)


def test_full_text_search(store):
    fill(store)
    hits = store.claims(ClaimFilter(text="tentara Kursk")).rows
    assert hits and all("Kursk" in r["content"] and "tentara" in r["content"] for r in hits)
    phrase = store.claims(ClaimFilter(text='"suasana tenang"')).rows
    assert len(phrase) == 12
    assert store.claims(ClaimFilter(text='"tenang suasana"')).rows == []
    assert store.claims(ClaimFilter(text="SURABAYA")).rows  # case-insensitive
    arts = store.articles(ArticleFilter(text="Laporan Pokrovsk")).rows
    assert arts and all("Pokrovsk" in r["title"] for r in arts)
    with pytest.raises(StoreError):
        store.claims(ClaimFilter(text="!!! ..."))


def test_pages_are_complete_and_stable(store):
    fill(store, 20)
    full = [(r["article_id"], r["ord"]) for r in store.claims(limit=1000).rows]
    seen, cursor, first_page = [], None, None
    while True:
        page = store.claims(limit=7, cursor=cursor)
        seen += [(r["article_id"], r["ord"]) for r in page.rows]
        if first_page is None:
            first_page = page
            # an older article arriving between pages must not shift or repeat what follows
            old = sample_analysis(999)
            old.article.published = "2023-01-01"
            store.write([old])
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert seen[: len(full)] == full
    assert len(seen) == len(set(seen)) == len(full) + 2
    assert list(store.iterate("claims")) and len(list(store.iterate("claims", page_size=5))) == 42
    with pytest.raises(StoreError):
        store.claims(cursor="not-a-cursor")
    with pytest.raises(StoreError):
        store.claims(limit=0)


def test_events_and_places(store):
    fill(store)
    events = store.events(limit=100).rows
    assert len(events) == 12 and {e["type"] for e in events} == {"MOBILIZE"}
    assert {e["status"] for e in events} == {"asserted", "denied", "unconfirmed"}
    ru = store.events(EventFilter(about="RU")).rows
    assert ru and all(e["actor_ref"] == "RU" for e in ru)
    assert store.events(EventFilter(about="rusia")).rows == ru
    ua = store.events(EventFilter(country="ua")).rows
    assert ua and all(e["place"] == "Pokrovsk" for e in ua)
    assert all(e["quantity"] is not None and e["date"] for e in events)
    places = store.places().rows
    # equal counts: ties broken by place key (the gazetteer id), as byte strings on both backends
    assert [p["name"] for p in places] == ["Surabaya", "Kursk", "Pokrovsk"]
    assert [p["mentions"] for p in places] == [4, 4, 4]
    pok = store.places(PlaceFilter(country="UA")).rows[0]
    assert (pok["latitude"], pok["longitude"], pok["admin1"]) == (48.28, 37.18, "Donetsk")
    page1 = store.places(limit=2)
    page2 = store.places(limit=2, cursor=page1.next_cursor)
    assert [p["name"] for p in page1.rows + page2.rows] == ["Surabaya", "Kursk", "Pokrovsk"]
    assert page2.next_cursor is None


def test_iterate_analyses_since_a_marker(store):
    fill(store, 5)
    marker = store.max_seq()
    store.write([sample_analysis(i) for i in range(5, 8)])
    newer = [a.article.id for _, a in store.iter_analyses(after_seq=marker)]
    assert newer == [sample_analysis(i).article.id for i in range(5, 8)]
    by_id = [a["article"]["id"] for _, a in store.iter_analyses(order="id", batch=3, raw=True)]
    assert by_id == sorted(by_id) and len(by_id) == 8
    seqs = [s for s, _ in store.iter_analyses(batch=2)]
    assert seqs == sorted(seqs) and len(seqs) == 8


def test_replace_reindexes(store):
    a = sample_analysis(2)
    store.write([a])
    b = sample_analysis(2)
    b.attributions[1].content.text = b.attributions[1].content.text  # same spans, new words in the title only
    b.article.title = "Judul baru tentang gempa"
    assert store.write([b]).existing == 1
    assert store.write([b], replace=True).replaced == 1
    assert store.articles(ArticleFilter(text="gempa")).rows[0]["id"] == a.article.id
    assert store.articles(ArticleFilter(text="Laporan")).rows == []
    assert store.counts()["claims"] == 2
    assert store.delete_article(a.article.id) and not store.delete_article(a.article.id)
    assert store.counts()["articles"] == 0 and store.counts()["claims"] == 0


def test_links_and_meta(store):
    fill(store, 3)
    ids = [sample_analysis(i).article.id for i in range(3)]
    links = [Link("contradicts", {"article": ids[0], "url": None, "item": "a1"}, {"article": ids[1], "url": "u", "item": "a1"}, 0.9, "same claim"),
             Link("duplicate_of", {"article": ids[2], "url": None, "item": None}, {"article": ids[0], "url": None, "item": None}, 1.0)]
    assert store.put_links(links) == 2
    assert store.put_links(links[:1]) == 1  # upsert, not a second row
    assert store.counts()["links"] == 2
    got = store.links(article=ids[0]).rows
    assert {l["kind"] for l in got} == {"contradicts", "duplicate_of"}
    assert got[0] == links[0].to_dict() or got[1] == links[0].to_dict()
    assert [l.to_dict() for l in store.iter_links(kind="duplicate_of")] == [links[1].to_dict()]
    contradicted = store.claims(ClaimFilter(linked="contradicts")).rows
    assert {(r["article_id"], r["id"]) for r in contradicted} == {(ids[0], "a1"), (ids[1], "a1")}
    store.delete_links(kind="contradicts")
    assert store.counts()["links"] == 1
    assert store.get_meta("linked_seq") is None
    store.set_meta("linked_seq", "42")
    store.set_meta("linked_seq", "43")
    assert store.get_meta("linked_seq") == "43"


def test_sources_and_ids(store):
    a = sample_analysis(7)
    store.write([a], [SourceMark("/data/x.txt", "10:20", "text", 1)])
    assert store.source_fingerprints(["/data/x.txt", "/nope"]) == {"/data/x.txt": "10:20"}
    store.write([], [SourceMark("/data/x.txt", "11:20", "text", 1)])
    assert store.source_fingerprints(["/data/x.txt"]) == {"/data/x.txt": "11:20"}
    assert store.existing_ids([a.article.id, "ffff"]) == {a.article.id}
    assert store.resolve_id(a.article.id[:6]) == a.article.id
    with pytest.raises(StoreError):
        store.resolve_id("zz")
    with pytest.raises(StoreError):
        store.resolve_id("abcdef0123")


def test_bad_filters_are_clear_errors():
    with pytest.raises(StoreError, match="stance"):
        ClaimFilter(stance="maybe")
    with pytest.raises(StoreError, match="--since"):
        ClaimFilter(since="yesterday")
    with pytest.raises(StoreError, match="--until"):
        ClaimFilter(until="2024-13-01")


def test_migrations_upgrade_an_older_store(store_url):
    from sumber.store.postgres import PostgresStore
    from sumber.store.sqlite import SQLiteStore

    old = SQLiteStore(store_url, migrate=False) if not store_url.startswith("postgresql") else PostgresStore(store_url, migrate=False)
    assert old.migrate(target=1) == 1
    old.write([prepare(sample_analysis(1))])
    old.close()
    s = open_store(store_url)
    assert s.schema_version() == LATEST
    assert s.counts()["articles"] == 1 and s.counts()["links"] == 0
    s._exec("INSERT INTO schema_migrations (version, description, applied) VALUES (?, ?, ?)", (LATEST + 1, "future", "x"))
    s.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)


def test_sqlite_file_opens_for_datasette(tmp_path):
    path = tmp_path / "s.db"
    with open_store(str(path)) as s:
        fill(s, 4)
        assert s.check() == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    cols = {r[1] for r in conn.execute("PRAGMA table_info(places)")}
    assert {"latitude", "longitude"} <= cols
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Pokrovsk'").fetchone()[0] == 2
    stored = json.loads(conn.execute("SELECT analysis FROM analyses LIMIT 1").fetchone()[0])
    assert set(stored) == {"article", "mentions", "places", "times", "quantities", "attributions", "events"}


def test_missing_sqlite_store_is_refused_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(str(tmp_path / "absent.db"), create=False)
    with pytest.raises(StoreError, match="unsupported"):
        open_store("mysql://x")


def test_fast_serialiser_matches_the_json_contract():
    from sumber.analyze import analyze
    from sumber.model import Article
    from sumber.store.rows import plain

    samples = [sample_analysis(i) for i in range(6)]
    samples.append(analyze(Article(text="Menteri Ardana mengatakan bahwa 300 tentara dikirim ke Kursk pada Senin. "
                                        "Juru bicara tentara membantah laporan itu.", published="2024-10-22")))
    for a in samples:
        assert json.dumps(plain(a), ensure_ascii=False) == a.to_json()
