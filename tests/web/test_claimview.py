"""Independent-source counting: one per speaker, copies of a story (syndicated, translated) once."""

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


def _row(article: str, name: str | None, anonymous: bool = False, text: str = "someone") -> dict:
    return {"article_id": article, "source_name": name, "source": name or text, "anonymous": anonymous}


def _copy(store, kind: str, a: str, b: str) -> None:
    store.put_links([Link(kind, {"article": a, "url": None, "item": None}, {"article": b, "url": None, "item": None},
                          0.9)])


def test_one_speaker_in_many_articles_counts_once(store):
    assert independent_sources(store, [_row("aa01", "Police"), _row("aa02", "police")]) == 1


def test_different_speakers_count_apart(store):
    assert independent_sources(store, [_row("aa01", "Police"), _row("aa01", "The mayor")]) == 2


def test_a_translation_repeats_its_speakers(store):
    rows = [_row("aa01", "Intelligence service"), _row("aa01", "Ambassador"),
            _row("bb01", "Badan intelijen"), _row("bb01", "Duta besar")]
    assert independent_sources(store, rows) == 4
    _copy(store, "translation_of", "bb01", "aa01")
    assert independent_sources(store, rows) == 2


def test_anonymous_sources_count_per_story(store):
    rows = [_row("aa01", None, True, "an official"), _row("cc01", None, True, "an official")]
    assert independent_sources(store, rows) == 2
    _copy(store, "syndicated_from", "cc01", "aa01")
    assert independent_sources(store, rows) == 1


def test_item_links_do_not_join_stories(store):
    store.put_links([Link("same_claim", {"article": "aa01", "url": None, "item": "a1"},
                          {"article": "cc01", "url": None, "item": "a1"}, 0.9)])
    rows = [_row("aa01", None, True), _row("cc01", None, True)]
    assert independent_sources(store, rows) == 2
