"""Time expressions: matching, merging and normalization against a publication date or the text itself.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sumber.analyze import times
from sumber.analyze.doc import Doc
from sumber.analyze.segment import segmenter_for
from sumber.errors import PackError
from sumber.lang import Pack, load_pack
from sumber.model import TimeExpr


def run(text: str, lang: str = "id", published: date | None = None) -> list[TimeExpr]:
    pack = load_pack(lang)
    seg = segmenter_for(pack)
    doc = Doc(text=text, lang=lang, pack=pack, published=published)
    doc.paragraphs = seg.paragraphs(text)
    doc.sentences = seg.sentences(text, doc.paragraphs)
    return times.extract(doc)


def values(found: list[TimeExpr]) -> dict[str, str | None]:
    return {t.text: t.value for t in found}


TUESDAY = date(2024, 10, 22)


# ---------------------------------------------------------------- weekdays against the publication date


def test_weekday_resolves_to_the_most_recent_such_day_on_or_before_publication() -> None:
    found = run("Kepala desa itu meresmikan jembatan baru pada hari Senin, dan warga merayakannya hari Jumat.", published=TUESDAY)
    assert values(found) == {"hari Senin": "2024-10-21", "hari Jumat": "2024-10-18"}
    assert all(t.anchor == "published" and t.granularity == "day" for t in found)


def test_weekday_equal_to_the_publication_weekday_is_the_publication_day() -> None:
    assert values(run("Rapat itu digelar Selasa di balai kota.", published=TUESDAY)) == {"Selasa": "2024-10-22"}


def test_last_and_next_move_a_weekday_away_from_publication() -> None:
    found = values(run("Rapat Selasa lalu ditunda ke Senin depan.", published=TUESDAY))
    assert found == {"Selasa lalu": "2024-10-15", "Senin depan": "2024-10-28"}
    found = values(run("The minister spoke last Tuesday and will travel next Monday.", "en", TUESDAY))
    assert found == {"last Tuesday": "2024-10-15", "next Monday": "2024-10-28"}


def test_weekday_without_publication_date_stays_unresolved() -> None:
    (t,) = run("Warga mengungsi pada hari Rabu.")
    assert (t.text, t.value, t.anchor, t.granularity) == ("hari Rabu", None, "unresolved", "day")


# ---------------------------------------------------------------- Kompas style: weekday written with its date


def test_weekday_with_numeric_date_is_one_day_first_span() -> None:
    found = run("Banjir merendam tiga desa, Kamis (17/3/2022). Hingga Kamis sore, air belum surut.")
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("Kamis (17/3/2022)", "2022-03-17", "explicit"),
        ("Kamis sore", "2022-03-17", "context"),
    ]


def test_numeric_dates_are_day_month_year() -> None:
    assert values(run("Laporan itu terbit Selasa (1/2/2022).")) == {"Selasa (1/2/2022)": "2022-02-01"}


def test_relative_words_count_from_the_weekday_dated_report_day() -> None:
    text = "Gubernur meninjau pasar, Kamis (17/3/2022). Stok beras kosong sejak tiga pekan lalu, dan kemarin harga naik."
    found = values(run(text))
    assert found["tiga pekan lalu"] == "2022-W08"
    assert found["kemarin"] == "2022-03-16"


def test_date_without_year_takes_it_from_context() -> None:
    found = values(run("Sidang dibuka Senin (14/2) pagi setelah pemeriksaan pada 10 Februari 2022."))
    assert found["Senin (14/2) pagi"] == "2022-02-14"


def test_weekday_disagreeing_with_its_date_is_repaired_from_the_other_dates() -> None:
    text = "Gempa terjadi Senin (28/2/2022). Sebelumnya, gempa kecil terjadi Sabtu (26/2/2021)."
    found = values(run(text))
    assert found["Sabtu (26/2/2021)"] == "2022-02-26"


def test_clock_time_takes_the_date_and_zone() -> None:
    text = "Gempa mengguncang Jayapura, Minggu (17/4/2022). Getaran terasa pukul 14.49 WIT dan kembali pukul 15.20."
    found = values(run(text))
    assert found["pukul 14.49 WIT"] == "2022-04-17T14:49+09:00"
    assert found["pukul 15.20"] == "2022-04-17T15:20+09:00"  # the article's zone
    found = values(run("Rapat dimulai Rabu (16/3/2022) dan parade berlangsung pukul 10.00-11.00."))
    assert found["pukul 10.00-11.00"] == "2022-03-16T10:00+07:00/2022-03-16T11:00+07:00"


def test_bare_weekday_joins_its_clock_time() -> None:
    found = run("Korban tiba Kamis (10/2/2022). Ia pulang pada Kamis pukul 04.00.")
    assert found[-1].text == "Kamis pukul 04.00"
    assert found[-1].value == "2022-02-10T04:00+07:00"


# ---------------------------------------------------------------- years, months, intervals


def test_years_months_and_parts() -> None:
    found = values(run("Proyek dimulai pada tahun 2010, dievaluasi akhir tahun 2021 dan selesai Agustus 2022."))
    assert found == {"tahun 2010": "2010", "akhir tahun 2021": "2021-12", "Agustus 2022": "2022-08"}


def test_intervals() -> None:
    found = values(run("Lomba digelar 18-20 Maret 2022 dalam program 2021-2022, sejak pertengahan Januari hingga awal Februari 2022."))
    assert found["18-20 Maret 2022"] == "2022-03-18/2022-03-20"
    assert found["2021-2022"] == "2021/2022"
    assert found["pertengahan Januari hingga awal Februari 2022"] == "2022-01/2022-02"
    found = values(run("The drought lasted from late 2008 to mid-2009, the worst since the late-1990s.", "en"))
    assert found["late 2008 to mid-2009"] == "2008/2009"
    assert found["the late-1990s"] == "1995/1999"


def test_numbers_that_are_not_dates_give_no_time() -> None:
    assert run("Pasal 12 mengatur denda bagi 2.000 pedagang, sekitar 36,42 persen dari 12.000 anggota.") == []
    assert run("The company employs 2000 people in 12 countries.", "en") == []


def test_bare_year_needs_a_year_context() -> None:
    found = values(run("He moved to Leeds in 2000, where 1918 Spanish flu records are kept.", "en"))
    assert found == {"2000": "2000", "1918": "1918"}
    assert values(run("Tim itu lolos ke Piala Dunia 2022 bersama 2000 suporter.")) == {"2022": "2022"}


def test_iso_dates_in_text() -> None:
    assert values(run("The filing dated 2024-10-21 was amended.", "en")) == {"2024-10-21": "2024-10-21"}


# ---------------------------------------------------------------- English


def test_month_day_takes_the_year_of_the_previous_explicit_date() -> None:
    text = "The outbreak began in mid-April 2008. As of July 8, officials had counted the cases; tests on June 30 came back clean."
    found = values(run(text, "en"))
    assert found == {"mid-April 2008": "2008-04", "July 8": "2008-07-08", "June 30": "2008-06-30"}


def test_month_day_without_any_year_stays_null() -> None:
    assert values(run("The trial was adjourned until April 14.", "en")) == {"April 14": None}


def test_relative_expressions_against_publication() -> None:
    found = values(run("The council met yesterday and again last week; results are due next month.", "en", TUESDAY))
    assert found == {"yesterday": "2024-10-21", "last week": "2024-W42", "next month": "2024-11"}
    found = values(run("The council met yesterday and again last week.", "en"))
    assert found == {"yesterday": None, "last week": None}


def test_english_clock_time_with_zone_and_overnight_run() -> None:
    text = "Diners at the cafe on December 15, 2006 may have been exposed between 7:00 p.m. (NZDT) and 2:00 a.m. the next day."
    found = values(run(text, "en"))
    assert found["7:00 p.m. (NZDT)"] == "2006-12-15T19:00+13:00"
    assert found["2:00 a.m."] == "2006-12-16T02:00+13:00"


def test_may_is_a_month_only_next_to_a_number() -> None:
    found = values(run("Officials May decide later. The vote was held on May 5, 2005.", "en"))
    assert found == {"May 5, 2005": "2005-05-05"}


def test_the_last_day_of_something_is_not_relative() -> None:
    assert run("It passed on the last day of the session.", "en") == []


# ---------------------------------------------------------------- data and robustness


def test_broken_pack_fails_at_load_time() -> None:
    good = load_pack("en")
    sections = {k: v for k, v in good.sections.items()}
    sections["dates"] = dict(good["dates"], weekdays=[["Monday"], ["Tuesday"]])
    with pytest.raises(PackError):
        times.time_lexicon(Pack("xx", sections))


_WORDS = ["Senin", "Kamis", "(17/3/2022)", "pukul", "08.35", "WIB", "tahun", "2010", "pekan", "lalu", "kemarin", "tiga",
          "Maret", "2022", "-", "hingga", "July", "8,", "last", "week", "the", "past", "5pm", "on", "Saturday", "(", ")", "1/2"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.sampled_from(["id", "en"]), st.booleans())
def test_spans_are_always_valid(words: list[str], lang: str, with_date: bool) -> None:
    text = " ".join(words) or "kosong"
    for t in run(text, lang, TUESDAY if with_date else None):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.granularity in ("day", "week", "month", "year", "interval", "time", "unknown")
        assert t.anchor in ("explicit", "published", "context", "unresolved")
        assert (t.value is None) == (t.anchor == "unresolved")


# ---------------------------------------------------------------- shared data (skips when absent)


def test_seed_article_dates(shared_dir) -> None:
    seed = shared_dir / "seeds"
    expected = json.loads((seed / "seed-id-nk-troops.expected.json").read_text(encoding="utf-8"))
    text = (seed / expected["text_file"]).read_text(encoding="utf-8")
    found = run(text, expected["language"], date.fromisoformat(expected["published"]))
    for want in expected["dates"]:
        hits = [t for t in found if t.text == want["text"]]
        assert len(hits) == want.get("occurrences", 1), want
        assert all(t.value == want["value"] for t in hits), (want, hits)
    assert len(found) == sum(w.get("occurrences", 1) for w in expected["dates"])
