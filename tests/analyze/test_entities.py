"""Organisation, person and account mentions, on sentences written for these tests."""

from __future__ import annotations

import sumber


def _mentions(text: str, lang: str):
    return [(m.text, m.kind) for m in sumber.analyze(text, language=lang).mentions]


def test_titles_are_not_part_of_person_names():
    found = _mentions("Wakil Menteri Luar Negeri Pertama Kim Hong-kyun menerima tamu di kantornya.", "id")
    assert ("Kim Hong-kyun", "person") in found
    found = _mentions("UK Secretary of Health Alan Johnson said the rules had changed.", "en")
    assert ("Alan Johnson", "person") in found


def test_organisations_by_head_word_and_acronym():
    text = "Badan Pengelola Air Bersih Kota Bogor (BPABKB) menutup dua sumur. BPABKB akan memeriksa pipa."
    found = _mentions(text, "id")
    assert ("Badan Pengelola Air Bersih Kota Bogor", "organization") in found
    assert found.count(("BPABKB", "organization")) == 2


def test_curated_agencies_platforms_and_handles():
    found = _mentions("Reuters and AFP quoted a post by @harbour_watch on Telegram.", "en")
    assert ("Reuters", "agency") in found and ("AFP", "agency") in found
    assert ("@harbour_watch", "social_account") in found
    assert ("Telegram", "platform") in found


def test_short_form_of_a_named_person():
    text = "Kepala Dinas Sosial Retno Palupi meninjau dapur umum. Retno mengatakan stok beras cukup."
    res = sumber.analyze(text, language="id")
    short = [m for m in res.mentions if m.text == "Retno"]
    assert short and short[0].name == "Retno Palupi"


def test_mention_spans_are_exact():
    text = "Menteri Pertahanan Sjafrie Sjamsoeddin bertemu Kementerian Pertahanan Australia di Canberra."
    for m in sumber.analyze(text, language="id").mentions:
        assert text[m.start:m.end] == m.text
