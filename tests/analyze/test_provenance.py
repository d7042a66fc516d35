"""Provenance markers and the publisher rule, on texts written for these tests."""

from __future__ import annotations

import sumber


def test_dateline_with_outlet_and_publisher_is_not_a_source():
    text = ("BANDUNG, KOMPAS — Hujan deras merendam 200 rumah. Menurut catatan Kompas, banjir serupa terjadi "
            "tahun lalu. Kepala BPBD Jawa Barat Asep Suryana mengatakan, warga sudah dievakuasi.")
    res = sumber.analyze(text, language="id")
    kinds = {m.kind: m for m in res.article.provenance}
    assert kinds["dateline"].name == "BANDUNG"
    assert kinds["outlet"].name == "KOMPAS"
    sources = [a.source.text for a in res.attributions]
    assert not any("Kompas" in s for s in sources)
    assert any("Asep Suryana" in s for s in sources)


def test_agency_dateline_and_syndication_notice():
    text = ("MANILA (Reuters) - A ferry sank off Mindoro, the coast guard said.\n\n"
            "(This story has not been edited by our staff and is published from a syndicated feed.)")
    res = sumber.analyze(text, language="en")
    kinds = [m.kind for m in res.article.provenance]
    assert "dateline" in kinds and "agency" in kinds and "syndication" in kinds
    for m in res.article.provenance:
        if m.start is not None:
            assert text[m.start:m.end] == m.text
