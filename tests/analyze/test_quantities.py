"""Quantities and the number parser behind them.

The sentences are written for these tests.  The number parser is checked with
hypothesis against spellers written here, independently of the pack grammar.
"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sumber.analyze import quantities, times
from sumber.analyze.doc import Doc
from sumber.analyze.numparse import lexicon, parse_digits, parse_number, parse_words, tokens_of
from sumber.analyze.segment import segmenter_for
from sumber.lang import load_pack
from sumber.model import Quantity


def run(text: str, lang: str = "id", published: date | None = None) -> list[Quantity]:
    pack = load_pack(lang)
    seg = segmenter_for(pack)
    doc = Doc(text=text, lang=lang, pack=pack, published=published)
    doc.paragraphs = seg.paragraphs(text)
    doc.sentences = seg.sentences(text, doc.paragraphs)
    doc.times = times.extract(doc)
    return quantities.extract(doc)


def found(text: str, lang: str = "id") -> list[tuple[str, float | int | None]]:
    return [(q.text, q.value) for q in run(text, lang)]


# ---------------------------------------------------------------- Indonesian


def test_indonesian_separators() -> None:
    qs = run("Sekitar 12.000 relawan mengisi 36,42 persen dari 0.14 hektare lahan.")
    assert [(q.text, q.value) for q in qs] == [("12.000", 12000), ("36,42 persen", 36.42), ("0.14 hektare", 0.14)]
    assert qs[0].approximate and qs[0].unit is not None and qs[0].unit.text == "relawan"


def test_currency_and_scale_words_are_in_the_span() -> None:
    (q,) = run("Kerugian ditaksir mencapai Rp 250 juta per bulan.")
    assert (q.text, q.value, q.approximate) == ("Rp 250 juta", 250_000_000, False)
    assert q.unit is not None and q.unit.text == "Rp"
    assert found("Laba bersih naik menjadi 1,77 miliar dollar AS.") == [("1,77 miliar dollar AS", 1_770_000_000)]


def test_modifiers_stay_outside_the_span_and_set_bounds() -> None:
    qs = run("Lebih dari 500 warga hadir, setidaknya 30 persen di antaranya lansia, dan hingga 20 orang pingsan.")
    assert [(q.text, q.value, q.bound) for q in qs] == [("500", 500, "lower"), ("30 persen", 30, "lower"), ("20 orang", 20, "upper")]


def test_ranges_are_two_entries() -> None:
    qs = run("Harga cabai Rp 90.000-Rp 100.000 per kilogram untuk anak usia 6-11 tahun.")
    assert [(q.text, q.value, q.bound) for q in qs] == [
        ("Rp 90.000", 90000, "lower"),
        ("Rp 100.000", 100000, "upper"),
        ("6", 6, "lower"),
        ("11 tahun", 11, "upper"),
    ]
    assert qs[2].unit is not None and qs[2].unit.text == "tahun"


def test_number_words_and_collectives() -> None:
    assert found("Dua bendera dan tiga ratus dua puluh lima spanduk dipasang.") == [("Dua", 2), ("tiga ratus dua puluh lima", 325)]
    assert found("Kedua kapal itu tiba, keduanya rusak.") == [("Kedua", 2), ("keduanya", 2)]
    assert found("Kedua belah pihak sepakat.") == [("Kedua belah", 2)]
    assert found("Warga menerima dosis kedua dan dosis dua pekan ini.") == []


def test_vague_amounts_have_no_value() -> None:
    (q,) = run("Ratusan warga berkumpul di alun-alun.")
    assert (q.text, q.value, q.approximate) == ("Ratusan", None, True)


def test_not_quantities_in_indonesian() -> None:
    text = (
        "Salah satu saksi, seorang guru SMP Negeri 30, dijerat Pasal 12 dan 15 karena Covid-19. "
        "Ia bisa dihubungi di 0812-3456-7890 pada pukul 08.35, Senin (28/3/2022), sejak tiga pekan lalu."
    )
    assert found(text) == []


def test_ages_and_durations() -> None:
    assert found("Budi (28) berjalan kaki selama lima hari.") == [("28", 28), ("lima hari", 5)]


def test_token_located_at_its_own_place() -> None:
    # "12" also opens "125x", an earlier token that is not a number: the offset must be the token's own
    (q,) = run("Kode 125x dipakai 12 orang.")
    assert (q.start, q.text) == (18, "12 orang")


def test_approximate_suffix() -> None:
    (q,) = run("Pedagang membelinya Rp 90.000-an per karton.")
    assert (q.text, q.value, q.approximate) == ("Rp 90.000-an", 90000, True)


# ---------------------------------------------------------------- English


def test_english_amounts() -> None:
    qs = run("The fund pays US$10,000 to 7.5 million people, about 30% of them children.", "en")
    assert [(q.text, q.value, q.approximate) for q in qs] == [
        ("US$10,000", 10000, False),
        ("7.5 million", 7_500_000, False),
        ("30%", 30, True),
    ]


def test_english_words_ages_and_bounds() -> None:
    text = "A 27-year-old nurse treated more than one hundred and nine patients, up to 20 a day, for two to three days."
    qs = run(text, "en")
    assert [(q.text, q.value, q.bound) for q in qs] == [
        ("27", 27, None),
        ("one hundred and nine", 109, "lower"),
        ("20", 20, "upper"),
        ("two", 2, "lower"),
        ("three days", 3, "upper"),
    ]


def test_joined_scale_suffix() -> None:
    assert found("The insurer lost $5.3bn last year.", "en") == [("$5.3bn", 5_300_000_000)]


def test_english_not_quantities() -> None:
    text = "One of the H5N1 cases reached phase 5 under Article 12, and both France and Germany sent someone."
    assert found(text, "en") == []


def test_english_vague_and_collective() -> None:
    assert [(q.text, q.value, q.approximate) for q in run("Hundreds of thousands fled; both camps flooded.", "en")] == [
        ("Hundreds of thousands", None, True),
        ("both", 2, False),
    ]
    assert found("All but one survived.", "en") == [("one", 1)]


# ---------------------------------------------------------------- the number parser (hypothesis)

_ID_UNITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
_EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
             "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell_id(n: int) -> str:
    """Indonesian number words, written independently of the pack."""
    if n == 0:
        return "nol"
    out: list[str] = []
    for scale, word in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu")):
        g, n = divmod(n, scale)
        if g:
            out.append("seribu" if g == 1 and scale == 1000 else f"{_id_below_1000(g)} {word}")
    if n:
        out.append(_id_below_1000(n))
    return " ".join(out)


def _id_below_1000(n: int) -> str:
    h, r = divmod(n, 100)
    out = []
    if h:
        out.append("seratus" if h == 1 else f"{_ID_UNITS[h]} ratus")
    if r == 10:
        out.append("sepuluh")
    elif r == 11:
        out.append("sebelas")
    elif 12 <= r <= 19:
        out.append(f"{_ID_UNITS[r - 10]} belas")
    elif r >= 20:
        t, u = divmod(r, 10)
        out.append(f"{_ID_UNITS[t]} puluh" + (f" {_ID_UNITS[u]}" if u else ""))
    elif r:
        out.append(_ID_UNITS[r])
    return " ".join(out)


def spell_en(n: int, use_and: bool) -> str:
    if n == 0:
        return "zero"
    out: list[str] = []
    for scale, word in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        g, n = divmod(n, scale)
        if g:
            out.append(f"{_en_below_1000(g, use_and)} {word}")
    if n:
        out.append(_en_below_1000(n, use_and))
    return " ".join(out)


def _en_below_1000(n: int, use_and: bool) -> str:
    h, r = divmod(n, 100)
    out = []
    if h:
        out.append(f"{_EN_UNITS[h]} hundred")
        if r and use_and:
            out.append("and")
    if r >= 20:
        t, u = divmod(r, 10)
        out.append(_EN_TENS[t] + (f"-{_EN_UNITS[u]}" if u else ""))
    elif r:
        out.append(_EN_UNITS[r])
    return " ".join(out)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999_999))
def test_indonesian_words_round_trip(n: int) -> None:
    words = spell_id(n)
    toks = tokens_of(words)
    assert parse_words(toks, lexicon(load_pack("id"))) == (n, len(toks)), words


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999), st.booleans())
def test_english_words_round_trip(n: int, use_and: bool) -> None:
    words = spell_en(n, use_and)
    assert parse_number(words, lexicon(load_pack("en"))) == n, words


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99), st.booleans())
def test_digit_groups_round_trip(n: int, cents: int, with_cents: bool) -> None:
    grouped = f"{n:,}"
    en = grouped + (f".{cents:02d}" if with_cents else "")
    ind = grouped.replace(",", ".") + (f",{cents:02d}" if with_cents else "")
    want = float(f"{n}.{cents:02d}") if with_cents else n
    assert parse_digits(en, ",", ".") == want
    assert parse_digits(ind, ".", ",") == want
    assert lexicon(load_pack("en")).digits_re.fullmatch(en)
    assert lexicon(load_pack("id")).digits_re.fullmatch(ind)


@given(st.text(alphabet="0123456789.,", max_size=12))
def test_digit_parser_never_raises(s: str) -> None:
    value = parse_digits(s, ".", ",")
    assert value is None or value >= 0


def test_digit_parser_edge_cases() -> None:
    assert parse_digits("0.14", ".", ",") == 0.14  # a decimal point where a group would need 3 digits
    assert parse_digits("1.2.3", ".", ",") is None
    assert parse_digits("12,000", ",", ".") == 12000
    assert parse_digits("1,2", ",", ".") is None
    assert parse_number("2,88 triliun", lexicon(load_pack("id"))) == 2_880_000_000_000
    assert parse_words(tokens_of("five 10"), lexicon(load_pack("en"))) == (5, 1)


_QWORDS = ["Rp", "250", "juta", "sekitar", "12.000", "dua", "puluh", "kedua", "kapal", "ratusan", "-", "hingga", "(28)",
           "lebih", "dari", "US$10,000", "more", "than", "one", "hundred", "and", "both", "30%", "Pasal", "12", "1-800-555"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_QWORDS), max_size=25), st.sampled_from(["id", "en"]))
def test_quantity_spans_are_always_valid(words: list[str], lang: str) -> None:
    text = " ".join(words) or "kosong"
    qs = run(text, lang)
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.bound in (None, "lower", "upper")
        if q.unit is not None:
            assert text[q.unit.start:q.unit.end] == q.unit.text
    assert [q.start for q in qs] == sorted(q.start for q in qs)


# ---------------------------------------------------------------- shared data (skips when absent)


def test_seed_article_quantities(shared_dir) -> None:
    seed = shared_dir / "seeds"
    expected = json.loads((seed / "seed-id-nk-troops.expected.json").read_text(encoding="utf-8"))
    text = (seed / expected["text_file"]).read_text(encoding="utf-8")
    qs = run(text, expected["language"], date.fromisoformat(expected["published"]))
    got = {q.text: q for q in qs}
    for want in expected["quantities"]:
        q = got[want["text"]]
        assert q.value == want["value"]
        assert q.approximate == want.get("approximate", False)
    assert len(qs) == len(expected["quantities"])
