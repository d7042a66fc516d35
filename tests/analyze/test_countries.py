"""Country mentions, on sentences written for these tests."""

from __future__ import annotations

import pytest

import sumber


def _countries(text: str, lang: str) -> list[tuple[str, str]]:
    a = sumber.analyze(text, language=lang)
    return [(m.text, m.ref) for m in a.mentions if m.kind == "country"]


def _isos(text: str, lang: str) -> set[str]:
    return {iso for _, iso in _countries(text, lang)}


def test_indonesian_names_longest_match_wins():
    found = _countries("Pemerintah Korea Utara dan Korea Selatan bertemu di perbatasan, kata pejabat Rusia.", "id")
    assert ("Korea Utara", "KP") in found
    assert ("Korea Selatan", "KR") in found
    assert ("Rusia", "RU") in found
    assert not any(text == "Korea" for text, _ in found)


def test_cldr_names_in_indonesian_and_english():
    assert _isos("Ukraina menuduh Rusia menembakkan rudal ke wilayahnya.", "id") == {"UA", "RU"}
    assert _isos("Ukraine accused Russia of firing missiles across the border.", "en") == {"UA", "RU"}


def test_english_demonyms_name_countries():
    assert _isos("North Korean troops joined Russian units, Japanese officials said.", "en") == {"KP", "RU", "JP"}


def test_guinea_inside_papua_new_guinea_is_not_guinea():
    assert _isos("Floods hit Papua New Guinea last week.", "en") == {"PG"}


def test_capital_as_actor_and_as_location():
    assert _isos("Moscow denied the report on Tuesday.", "en") == {"RU"}
    assert _isos("The talks were held in Moscow on Tuesday.", "en") == set()
    assert _isos("Jakarta mempererat hubungan dengan Moskow.", "id") >= {"RU"}
    assert "RU" not in _isos("Delegasi itu tiba di Moskow pada Senin.", "id")


def test_country_inside_an_organisation_name_is_not_a_country_mention():
    assert "ID" not in _isos("Relawan Palang Merah Indonesia membagikan makanan kepada warga.", "id")
    assert "ID" not in _isos("Ketua Ikatan Dokter Indonesia meminta warga tetap waspada.", "id")


def test_state_offices_still_name_the_country():
    assert _isos("Presiden Rusia menerima tamu dari Kementerian Luar Negeri Ukraina.", "id") == {"RU", "UA"}


def test_language_and_currency_are_not_countries():
    assert "GB" not in _isos("Ia fasih berbahasa Inggris dan Prancis.", "id") - {"FR"}
    assert _isos("Laba naik menjadi 2 miliar dollar AS tahun ini.", "id") == set()
    assert _isos("The fine was US$5,000 for each offence.", "en") == set()


def test_first_name_chad_is_a_person_not_the_country():
    assert "TD" not in _isos("Chad Miller scored twice in the second half.", "en")
    assert "TD" in _isos("Troops from Chad crossed the border.", "en")


def test_georgia_the_state_in_a_us_story():
    assert "GE" not in _isos("Officials in Atlanta, Georgia, and Jacksonville, Florida, closed schools in the United States.", "en")
    assert "GE" in _isos("Georgia and Armenia signed a trade deal in Tbilisi.", "en")


@pytest.mark.parametrize("text,iso", [("Voice of America reported the clash.", "US"), ("Bank of Japan raised rates.", "JP")])
def test_country_after_of_in_a_name(text, iso):
    assert iso not in _isos(text, "en")


def test_mentions_carry_spans_and_canonical_names():
    text = "Pasukan Korea Utara dikirim ke Rusia."
    a = sumber.analyze(text, language="id")
    for m in a.mentions:
        if m.kind == "country":
            assert text[m.start:m.end] == m.text
    names = {m.ref: m.name for m in a.mentions if m.kind == "country"}
    assert names == {"KP": "North Korea", "RU": "Russia"}


def test_seed_article_countries(shared_dir):
    text = (shared_dir / "seeds" / "seed-id-nk-troops.txt").read_text(encoding="utf-8")
    assert _isos(text, "id") == {"KP", "RU", "UA", "KR"}
