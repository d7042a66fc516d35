"""Small pieces of the linker: number tokens, name tokens, proposition matching, a small synthetic corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from sumber.link.features import Prop
from sumber.link.linker import compatible
from sumber.link.text import capitalized, jaccard_containment, number_token, shingle_hashes, words


@given(st.integers(min_value=10, max_value=10**9))
def test_number_written_either_way_gives_one_token(n):
    en, id_ = f"{n:,}", f"{n:,}".replace(",", ".")
    assert number_token(en) == number_token(id_) == str(n)


def test_one_digit_numbers_are_not_tokens():
    assert number_token("7") is None


def test_capitalized_words_skip_sentence_starts_and_given_spans():
    text = "Officials said Tykhyi met envoys in Kyiv. Later the Pentagon agreed."
    got = [w for _, w in capitalized(text, skip=[(text.index("Kyiv"), text.index("Kyiv") + 4)])]
    assert got == ["tykhyi", "pentagon"]


@given(st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "eps"]), min_size=1, max_size=40))
def test_shingles_of_a_text_contain_themselves(tokens):
    h = shingle_hashes(tokens)
    assert h.dtype == np.uint32 and list(h) == sorted(set(h))
    jac, con = jaccard_containment(h, h)
    assert jac == con == 1.0


def test_words_are_lowercase_runs():
    assert words("Korea Utara, 3.000 tentara!") == ["korea", "utara", "3", "000", "tentara"]


def test_propositions_match_on_type_actor_target_and_quantity():
    p = Prop("MOBILIZE", "KP", "RU", 12000.0)
    assert compatible(p, Prop("MOBILIZE", "KP", "RU", 12500.0), True) > 0
    assert compatible(p, Prop("MOBILIZE", "KP", "RU", 3000.0), True) == 0
    assert compatible(p, Prop("AID", "KP", "RU"), True) == 0
    assert compatible(p, Prop("MOBILIZE", "RU", "KP"), True) == 0
    # a denial without a number still denies the act
    assert compatible(p, Prop("MOBILIZE", "KP", "RU"), False) > 0
    # a missing side matches only when asked to (inside one story), and never both at once
    assert compatible(p, Prop("MOBILIZE", None, "RU"), True) == 0
    assert compatible(p, Prop("MOBILIZE", None, "RU"), True, loose=True) > 0
    assert compatible(Prop("MOBILIZE", None, "KP"), Prop("MOBILIZE", "KP", None), True, loose=True) == 0
    # different years are different events, whatever the stance
    assert compatible(Prop("ASSAULT", "KP", "KR", time="2010"), Prop("ASSAULT", "KP", "KR", time="2024-10-21"), False) == 0


def test_small_synthetic_corpus_meets_the_targets():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import bench_link

    from sumber.link.linker import Linker
    from sumber.link.run import features

    analyses, copy_group, claim_label = bench_link.generate(800, seed=3)
    feats = list(features(((i + 1, d) for i, d in enumerate(analyses)), workers=1))
    lk = Linker()
    lk.count(feats)
    links = [x for f in feats for x in lk.link(f)]
    copies = bench_link.clusters(list(copy_group), [(l.a["article"], l.b["article"]) for l in links
                                                     if l.kind in ("duplicate_of", "syndicated_from", "translation_of")])
    p, r = bench_link.pairwise(copies, copy_group)
    assert p >= 0.95 and r >= 0.90, (p, r)
    claims = bench_link.clusters(list(claim_label), [((l.a["article"], l.a["item"]), (l.b["article"], l.b["item"]))
                                                     for l in links if l.kind in ("same_claim", "contradicts")])
    p, r = bench_link.pairwise(claims, claim_label)
    assert p >= 0.95 and r >= 0.90, (p, r)
