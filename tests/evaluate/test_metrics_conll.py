"""Metric helpers and the CoNLL reader/joiner."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sumber.evaluate.conll import decode_spans, detokenize
from sumber.evaluate.metrics import error_auc, haversine_km, prf
from sumber.evaluate.spans import match_one_to_one, overlap


def test_prf():
    assert prf(0, 0, 0) == (None, None, None)
    assert prf(0, 0, 4) == (0.0, 0.0, 0.0)
    assert prf(2, 4, 2) == (0.5, 1.0, pytest.approx(2 / 3))


def test_haversine_one_degree_of_latitude():
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.05)
    assert haversine_km(-6.2, 106.8, -6.2, 106.8) == 0.0


def test_error_auc_bounds():
    assert error_auc([]) is None
    assert error_auc([0, 0, 0]) == 0.0
    assert error_auc([20039]) == pytest.approx(1.0)
    assert 0 < error_auc([0, 161, 20039]) < 1


def test_overlap_and_matching():
    assert overlap((0, 5), (5, 9)) == 0 and overlap((0, 5), (4, 9)) == 1 and overlap(None, (0, 1)) == 0
    pairs = match_one_to_one([(0, 5), (10, 15)], [(1, 3), (2, 4), (11, 12)],
                             lambda g, p: (-overlap(g, p),) if overlap(g, p) else None)
    assert pairs == [(0, 0), (1, 2)] or pairs == [(0, 1), (1, 2)]


def test_matching_finds_the_most_pairs():
    # a long prediction overlaps both gold items; a short one only the first: both gold items are found
    gold = [(0, 10), (20, 30)]
    pred = [(0, 30), (2, 4)]
    pairs = match_one_to_one(gold, pred, lambda g, p: (-overlap(g, p),) if overlap(g, p) else None)
    assert pairs == [(0, 1), (1, 0)]


def test_detokenize_follows_the_kompas_rules():
    toks = ["BOGOR", ",", "KOMPAS", "—", "Hujan", "turun", "(", "3", "/", "4", "/", "2022", ")", ".",
            "”", "Kami", "siap", ",", "”", "kata", "Sari", "."]
    text, offs = detokenize(toks)
    assert text == "BOGOR, KOMPAS — Hujan turun (3/4/2022). ”Kami siap,” kata Sari."
    assert all(text[s:e] == t for t, (s, e) in zip(toks, offs, strict=True))


@given(st.lists(st.sampled_from(["B-X", "I-X", "L-X", "U-X", "O", "B-Y", "I-Y", "E-Y", "S-Y", "garbage"]),
                max_size=30))
def test_decode_spans_is_total_and_well_formed(labels):
    spans = decode_spans(labels)
    last_end = 0
    for kind, a, b in spans:
        assert kind in ("X", "Y")
        assert 0 <= a < b <= len(labels)
        assert a >= last_end  # spans never overlap and come in order
        last_end = b


@given(st.lists(st.text(alphabet="ab,.()/-”\"", min_size=1, max_size=4), max_size=25))
def test_detokenize_offsets_always_point_at_their_token(tokens):
    text, offs = detokenize(tokens)
    assert [text[s:e] for s, e in offs] == tokens
