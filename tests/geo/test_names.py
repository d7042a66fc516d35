from hypothesis import given
from hypothesis import strategies as st

from sumber.geo.names import Phrases, fold_word, is_latin, key


def test_key_folds_case_accents_and_punctuation():
    assert key("Pokrovs'k") == "pokrovs k"
    assert key("POKROVSK") == key("Pokrovsk") == "pokrovsk"
    assert key("Côte d’Ivoire") == "cote d ivoire"
    assert key("U.S.") == "u s"
    assert key("Łódź") == "lodz"


@given(st.text(max_size=40))
def test_key_is_idempotent_and_single_spaced(s):
    k = key(s)
    assert key(k) == k
    assert "  " not in k and k == k.strip()


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F), min_size=1, max_size=12))
def test_fold_word_has_no_upper_case_for_latin(w):
    assert not any(c.isupper() for c in fold_word(w))


def test_is_latin():
    assert is_latin("São Tomé")
    assert not is_latin("Покровск")


def test_phrases_know_edges():
    p = Phrases(["rumah sakit", "rsud", "jalan tol"])
    assert p.first == {"rumah", "rsud", "jalan"}
    assert p.last == {"sakit", "rsud", "tol"}
    assert "rsud" in p
