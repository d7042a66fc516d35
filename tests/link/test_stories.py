"""Acceptance: one story told in both languages (assertions, denials, a syndicated copy, a
translation, an independent report) is linked completely, and nothing joins different stories."""

from __future__ import annotations

import pytest

from sumber.link import link_analyses


@pytest.fixture(scope="module")
def linked(stories):
    links = link_analyses([a.to_dict() for _, _, a in stories], workers=1)
    by_id = {a.article.id: (name, story, a) for name, story, a in stories}
    return links, by_id


def _source(analysis, item):
    for x in analysis.attributions:
        if x.id == item:
            return x.source.text, x.stance
    return None, None


def _find(linked, kind, a_file, b_file, a_source=None, b_source=None):
    """Links of ``kind`` between the two files (either direction), whose ends' sources contain the words."""
    links, by_id = linked
    out = []
    for link in links:
        if link.kind != kind:
            continue
        ends = [(by_id[link.a["article"]], link.a["item"]), (by_id[link.b["article"]], link.b["item"])]
        for (x, xi), (y, yi) in (ends, ends[::-1]):
            if x[0] != a_file or y[0] != b_file:
                continue
            xs, ys = _source(x[2], xi)[0] or "", _source(y[2], yi)[0] or ""
            if (a_source is None or any(w in xs for w in a_source)) and (b_source is None or any(w in ys for w in b_source)):
                out.append(link)
    return out


NIS = ("Intelligence", "Intelijen")
ENVOY = ("United Nations", "PBB")


def test_translation_pair_is_found(linked):
    assert _find(linked, "translation_of", "id-troops-denial.txt", "en-troops-denial.txt")
    assert _find(linked, "translation_of", "id-flood-dam.txt", "en-flood-dam.txt")


def test_syndicated_copy_points_to_the_wire_story(linked):
    links = _find(linked, "syndicated_from", "en-troops-syndicated.txt", "en-troops-denial.txt")
    assert links and links[0].a["article"] != links[0].b["article"]
    assert all(l.a["item"] is None and l.b["item"] is None for l in links)


def test_same_claim_across_languages_and_outlets(linked):
    assert _find(linked, "same_claim", "id-troops-denial.txt", "en-troops-denial.txt", NIS, NIS)
    # an independent Indonesian report of the same claim (no copy of the wire text)
    assert _find(linked, "same_claim", "id-troops-own-report.txt", "en-troops-denial.txt")
    # the envoy's denial and the intelligence claim are one proposition cluster across both languages
    links, by_id = linked
    parent: dict = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x
    for l in links:
        if l.kind in ("same_claim", "contradicts"):
            parent[find((l.a["article"], l.a["item"]))] = find((l.b["article"], l.b["item"]))
    ends = {}
    for aid, (name, _, an) in by_id.items():
        for x in an.attributions:
            for label, words, stance in (("nis", NIS, "asserts"), ("envoy", ENVOY, "denies")):
                if x.stance == stance and any(w in x.source.text for w in words):
                    ends.setdefault((name, label), set()).add(find((aid, x.id)))
    wanted = [(f, label) for f in ("en-troops-denial.txt", "id-troops-denial.txt") for label in ("nis", "envoy")]
    assert all(k in ends for k in wanted), ends
    assert len(set.union(*(ends[k] for k in wanted))) == 1


def test_denial_contradicts_the_intelligence_claim(linked):
    for f in ("en-troops-denial.txt", "id-troops-denial.txt", "en-troops-syndicated.txt"):
        found = _find(linked, "contradicts", f, f, ENVOY, NIS)
        assert found, f
        assert all(l.evidence.endswith("denies / asserts") for l in found)
    assert _find(linked, "contradicts", "id-troops-own-report.txt", "id-troops-own-report.txt")


def test_independent_report_is_not_a_copy(linked):
    for kind in ("duplicate_of", "syndicated_from", "translation_of"):
        for other in ("en-troops-denial.txt", "id-troops-denial.txt", "en-troops-syndicated.txt"):
            assert not _find(linked, kind, "id-troops-own-report.txt", other)


def test_no_link_joins_different_stories(linked):
    links, by_id = linked
    assert links
    for link in links:
        a, b = by_id[link.a["article"]], by_id[link.b["article"]]
        assert a[1] == b[1], (link.kind, a[0], b[0], link.evidence)


def test_links_follow_the_json_contract(linked):
    links, by_id = linked
    for link in links:
        d = link.to_dict()
        assert list(d) == ["kind", "a", "b", "score", "evidence"]
        assert d["kind"] in ("duplicate_of", "syndicated_from", "translation_of", "same_claim", "contradicts", "cites")
        for end in (d["a"], d["b"]):
            assert set(end) == {"article", "url", "item"} and end["article"] in by_id
        assert 0.0 <= d["score"] <= 1.0 and d["evidence"]
        if d["kind"] in ("same_claim", "contradicts"):
            assert d["a"]["item"] and d["b"]["item"]
        if d["kind"] in ("duplicate_of", "syndicated_from", "translation_of"):
            assert d["a"]["item"] is None and d["b"]["item"] is None
