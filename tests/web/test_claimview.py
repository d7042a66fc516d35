"""The claims list's independent-source count: copy groups come from the store's copy links
(syndicated, translated), then the link layer's rule counts each story's speakers once."""

from __future__ import annotations

import pytest

from sumber.model import Link
from sumber.store import open_store
from sumber.web.claimview import independent_sources


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "c.db"))
    yield s
    s.close()


def _row(article: str, name: str, stance: str = "asserts") -> dict:
    return {"article_id": article, "source_name": name, "source": name, "anonymous": False, "stance": stance}


def _link(store, kind: str, a: str, b: str, item: str | None = None) -> None:
    store.put_links([Link(kind, {"article": a, "url": None, "item": item}, {"article": b, "url": None, "item": item},
                          0.9)])


def test_one_speaker_in_many_articles_counts_once(store):
    assert independent_sources(store, [_row("aa01", "Police"), _row("aa02", "police")])["total"] == 1


def test_different_speakers_and_sides_count_apart(store):
    got = independent_sources(store, [_row("aa01", "Police"), _row("aa01", "The mayor"), _row("aa02", "Bank", "denies")])
    assert got == {"asserts": 2, "denies": 1, "total": 3}


def test_a_translation_repeats_its_speakers(store):
    rows = [_row("aa01", "Intelligence service"), _row("aa01", "Ambassador", "denies"),
            _row("bb01", "Badan intelijen"), _row("bb01", "Duta besar", "denies")]
    assert independent_sources(store, rows)["total"] == 4
    _link(store, "translation_of", "bb01", "aa01")
    assert independent_sources(store, rows) == {"asserts": 1, "denies": 1, "total": 2}


def test_syndicated_copies_count_once(store):
    rows = [_row("aa01", "Agency reporter"), _row("cc01", "Agen berita")]
    _link(store, "syndicated_from", "cc01", "aa01")
    assert independent_sources(store, rows)["total"] == 1


def test_item_links_do_not_join_stories(store):
    _link(store, "same_claim", "aa01", "cc01", item="a1")
    assert independent_sources(store, [_row("aa01", "One"), _row("cc01", "Two")])["total"] == 2
