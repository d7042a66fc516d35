"""The same input in SQLite and PostgreSQL gives identical query results."""

from __future__ import annotations

import pytest

from sumber.ingest.pipeline import IngestOptions, ingest
from sumber.ingest.synthetic import write_corpus
from sumber.store import ArticleFilter, ClaimFilter, EventFilter, PlaceFilter, open_store
from sumber.store.testing import PG_SKIP_REASON, pg_schema, pg_url, sample_analysis

pytestmark = pytest.mark.postgres


@pytest.fixture
def both(tmp_path):
    base = pg_url()
    if not base:
        pytest.skip(PG_SKIP_REASON)
    with pg_schema(base) as url:
        lite, pg = open_store(str(tmp_path / "p.db")), open_store(url)
        yield lite, pg
        lite.close()
        pg.close()


QUERIES = [
    ("claims", ClaimFilter()), ("claims", ClaimFilter(stance="denies")), ("claims", ClaimFilter(about="KP")),
    ("claims", ClaimFilter(about="korea")), ("claims", ClaimFilter(source="menteri")), ("claims", ClaimFilter(lang="en")),
    ("claims", ClaimFilter(text="troops")), ("claims", ClaimFilter(text='"tentara ke"')),
    ("claims", ClaimFilter(since="2024-03", until="2024-06-15")),
    ("events", EventFilter()), ("events", EventFilter(about="RU")), ("events", EventFilter(country="UA")),
    ("places", PlaceFilter()), ("places", PlaceFilter(country="ID")),
    ("articles", ArticleFilter()), ("articles", ArticleFilter(text="Pokrovsk")), ("articles", ArticleFilter(text="laporan")),
]


def _same(lite, pg):
    compared = 0
    for listing, flt in QUERIES:
        a = list(lite.iterate(listing, flt, page_size=7))
        b = list(pg.iterate(listing, flt, page_size=7))
        for rows in (a, b):
            for r in rows:
                r.pop("ingested", None)
        assert a == b, f"{listing} {flt}"
        compared += len(a)
    assert [d for _, d in lite.iter_analyses(raw=True)] == [d for _, d in pg.iter_analyses(raw=True)]
    return compared


def test_hand_made_corpus_queries_match(both):
    lite, pg = both
    batch = [sample_analysis(i, language="en" if i % 5 == 0 else None) for i in range(40)]
    lite.write(batch)
    pg.write(batch)
    assert _same(lite, pg) > 200


def test_ingested_corpus_queries_match(both, tmp_path):
    lite, pg = both
    d = tmp_path / "in"
    write_corpus(d, 40)
    opts = IngestOptions(workers=1, batch_size=7)
    r1, r2 = ingest([str(d)], lite, opts), ingest([str(d)], pg, opts)
    assert (r1.new, r1.failed) == (r2.new, r2.failed) == (40, 0)
    _same(lite, pg)
    assert lite.counts() == pg.counts()
