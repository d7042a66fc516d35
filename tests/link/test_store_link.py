"""Linking a store: incremental runs, the query commands and the exports built on links."""

from __future__ import annotations

import io
import json

import pytest

from sumber.cli import main
from sumber.export import export
from sumber.link import link_store
from sumber.link.views import claim_view, parse_claim_id
from sumber.errors import StoreError
from sumber.store import ClaimFilter, open_store


def _keys(store):
    return sorted((l.kind, l.a["article"], l.a["item"] or "", l.b["article"], l.b["item"] or "")
                  for l in store.iter_links())


@pytest.fixture
def db(tmp_path, stories):
    path = str(tmp_path / "corpus.db")
    with open_store(path) as s:
        s.write([a for _, _, a in stories[:2]])
        first = link_store(s, workers=1)
        assert first.full and first.articles == 2
        s.write([a for _, _, a in stories[2:]])
    return path


def test_incremental_run_links_only_new_articles_and_matches_a_full_run(db, stories):
    with open_store(db) as s:
        before = _keys(s)
        second = link_store(s, workers=1)
        assert not second.full and second.articles == len(stories) - 2 and second.indexed == 2
        incremental = _keys(s)
        assert set(before) <= set(incremental) and len(incremental) > len(before)
        again = link_store(s, workers=1)
        assert again.articles == 0 and sum(again.links.values()) == 0
        assert _keys(s) == incremental
        full = link_store(s, full=True, workers=2)
        assert full.full and full.articles == len(stories)
        assert _keys(s) == incremental


def test_contradicted_claims_and_claim_view(db, capsys):
    assert main(["link", "--db", db]) == 0
    assert "contradicts" in capsys.readouterr().out
    with open_store(db) as s:
        rows = list(s.iterate("claims", ClaimFilter(linked="contradicts")))
        assert rows and {r["stance"] for r in rows} == {"asserts", "denies"}
        nis = next(r for r in rows if "Intelijen" in (r["source"] or "") and r["stance"] == "asserts")
        view = claim_view(s, f"{nis['article_id'][:8]}:{nis['id']}")
    assert view["denied_by"] and view["asserted_by"]
    assert view["articles"] >= 3
    ind = view["independent_sources"]
    # the wire story, its translation and its syndicated copy repeat the same people: counted once
    assert ind["asserts"] < len(view["asserted_by"])
    assert ind["denies"] <= len(view["denied_by"])
    assert main(["claims", "--db", db, "--contradicted", "--format", "jsonl"]) == 0
    listed = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {(r["article_id"], r["id"]) for r in listed} == {(r["article_id"], r["id"]) for r in rows}
    assert main(["claim", "--db", db, f"{nis['article_id']}:{nis['id']}"]) == 0
    out = capsys.readouterr().out
    assert "denied by:" in out and "independent sources" in out


def test_claim_id_errors_are_one_line(db, capsys):
    assert main(["link", "--db", db]) == 0
    capsys.readouterr()
    assert main(["claim", "--db", db, "nothex"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sumber: E400") and err.count("\n") == 1
    with pytest.raises(StoreError):
        parse_claim_id("xyz:a1")
    with open_store(db) as s:
        aid = next(s.iter_analyses())[1].article.id
        with pytest.raises(StoreError, match="ITEM"):
            claim_view(s, aid)


def test_export_links_jsonl_and_prov(db):
    prov = pytest.importorskip("prov.model")
    with open_store(db) as s:
        link_store(s, workers=1)
        out = io.StringIO()
        n = export(s, "jsonl", out, "links")
        rows = [json.loads(x) for x in out.getvalue().splitlines()]
        assert n == len(rows) == len(_keys(s))
        assert all(list(r) == ["kind", "a", "b", "score", "evidence"] for r in rows)
        out = io.StringIO()
        quotes = export(s, "prov", out)
    doc = json.loads(out.getvalue())
    assert quotes == sum(1 for r in rows if r["kind"] == "cites") > 0
    types = [r["prov:type"]["$"] for r in doc["wasDerivedFrom"].values()]
    assert "prov:Quotation" in types and "prov:PrimarySource" in types
    parsed = prov.ProvDocument.deserialize(content=out.getvalue(), format="json")
    assert len(list(parsed.get_records(prov.ProvDerivation))) == len(types)
