"""Store fixtures: every test taking ``store_url``/``store`` runs on SQLite and on PostgreSQL.

PostgreSQL runs when SUMBER_TEST_PG is set (CI sets it); otherwise those cases skip
and say why.
"""

from __future__ import annotations

import pytest

from sumber.store import open_store
from sumber.store.testing import PG_SKIP_REASON, pg_schema, pg_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    base = pg_url()
    if not base:
        pytest.skip(PG_SKIP_REASON)
    with pg_schema(base) as url:
        yield url


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()
