"""The full-text query language and cursors (pure functions; property-tested)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sumber.errors import StoreError
from sumber.store.query import decode_cursor, encode_cursor, fts5_query, parse_search, tokens, tsquery, tsvector

WORDISH = st.text(alphabet=st.sampled_from(list("abcdeéüßxyzKLM019 _-.,'\"()ŁĞşأب")), min_size=1, max_size=60)


def test_parse_words_and_phrases():
    assert parse_search('pasukan "Korea Utara" 12.000') == [["pasukan"], ["korea", "utara"], ["12"], ["000"]]
    assert fts5_query('pasukan "Korea Utara"') == '"pasukan" "korea utara"'
    assert tsquery('pasukan "Korea Utara"') == "'pasukan' & ('korea' <-> 'utara')"
    with pytest.raises(StoreError):
        parse_search(' "" ... ')


def test_tsvector_positions():
    assert tsvector("Korea Utara", "utara lagi") == "'korea':1 'utara':2,3 'lagi':4"


@given(WORDISH)
@settings(max_examples=200, deadline=None)
def test_python_tokens_match_sqlite_fts5(text):
    """Every word our tokenizer finds, SQLite's FTS5 finds in the same text (the backends agree)."""
    words = tokens(text)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5 (body, tokenize='unicode61 remove_diacritics 0')")
    conn.execute("INSERT INTO t (body) VALUES (?)", (text,))
    for w in words:
        assert conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts5_query(w),)).fetchone()[0] == 1, w
    if words:
        assert conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts5_query(" ".join(words)),)).fetchone()[0] == 1
        q = tsquery(text)
        assert "\\" not in q and q.count("'") == 2 * sum(len(t) for t in parse_search(text))


@given(st.lists(st.one_of(st.text(max_size=20), st.integers()), max_size=5))
def test_cursor_round_trip(key):
    assert decode_cursor(encode_cursor(key), len(key)) == key if key else True


def test_bad_cursor():
    with pytest.raises(StoreError):
        decode_cursor("@@@", 3)
    with pytest.raises(StoreError):
        decode_cursor(encode_cursor([1, 2]), 3)
