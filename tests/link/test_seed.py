"""Acceptance: the seed article (Indonesian, machine-translated, syndicated) against our own
English telling of the same story: a translation pair, and the intelligence service's claim
contradicted by the UN envoy's denial."""

from __future__ import annotations

import pytest

from sumber.link import link_analyses

from pathlib import Path

FIX = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def seed_links(shared_dir, analyse_file):
    seed = shared_dir / "seeds" / "seed-id-nk-troops.txt"
    if not seed.is_file():
        pytest.skip(f"seed article not found at {seed}")
    ida = analyse_file(seed, "id", "NDTV", "2024-10-22")
    ena = analyse_file(FIX / "en-nk-flags-seed-story.txt", "en", "Example Times", "2024-10-22")
    return link_analyses([ida.to_dict(), ena.to_dict()], workers=1), ida, ena


def test_seed_and_english_version_are_a_translation_pair(seed_links):
    links, ida, ena = seed_links
    pairs = [{l.a["article"], l.b["article"]} for l in links if l.kind == "translation_of"]
    assert {ida.article.id, ena.article.id} in pairs
    assert not [l for l in links if l.kind in ("duplicate_of", "syndicated_from")]


def test_envoy_denial_contradicts_intelligence_claim(seed_links):
    links, ida, ena = seed_links
    sources = {(a.article.id, x.id): (x.source.text, x.stance) for a in (ida, ena) for x in a.attributions}
    found = []
    for l in links:
        if l.kind != "contradicts":
            continue
        den = sources.get((l.a["article"], l.a["item"]))
        ass = sources.get((l.b["article"], l.b["item"]))
        if den and ass and den[1] == "denies" and ass[1] == "asserts":
            if any(w in den[0] for w in ("PBB", "United Nations")) and any(w in ass[0] for w in ("Intelijen", "Intelligence")):
                found.append(l)
    assert found, [(l.a, l.b, l.evidence) for l in links if l.kind == "contradicts"]


def test_citation_chain_blogger_to_yonhap(seed_links):
    links, ida, _ = seed_links
    sources = {x.id: x.source.text for x in ida.attributions}
    cites = {(sources.get(l.a["item"], "article" if l.a["item"] is None else "?"), sources.get(l.b["item"]))
             for l in links if l.kind == "cites" and l.a["article"] == ida.article.id}
    assert any("Yonhap" in a and "@rvvoenkor_bot" in (b or "") for a, b in cites), cites
    assert any(a == "article" and "Yonhap" in (b or "") for a, b in cites), cites
