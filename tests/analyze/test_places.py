"""Places, on sentences written for these tests (plus the shared seed when present)."""

from __future__ import annotations

import math

import sumber
from sumber.analyze import places
from sumber.analyze.doc import Doc
from sumber.analyze.segment import segmenter_for
from sumber.lang import load_pack


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def _places(text: str, lang: str):
    return sumber.analyze(text, language=lang).places


def _by_text(text: str, lang: str) -> dict:
    return {p.text: p for p in _places(text, lang)}


def test_pokrovsk_in_a_ukraine_story_is_the_donetsk_town():
    got = _by_text("Pasukan Rusia menyerang Pokrovsk di Ukraina timur, kata militer Ukraina.", "id")
    p = got["Pokrovsk"]
    assert p.country == "UA"
    assert km(p.lat, p.lon, 48.28, 37.18) < 50
    assert p.gazetteer_id.startswith("gn:")


def test_country_names_are_actors_not_places():
    assert _places("Korea Utara mengirim pasukan ke Rusia.", "id") == []


def test_curated_region_in_indonesian():
    got = _by_text("Sekitar 1.500 tentara dikerahkan ke Timur Jauh Rusia bulan lalu.", "id")
    p = got["Timur Jauh Rusia"]
    assert p.precision == "region" and p.country == "RU" and p.gazetteer_id == "rg:russian-far-east"


def test_dateline_uppercase_and_lowercase():
    got = _by_text("BANDUNG, KOMPAS — Hujan deras mengguyur kota itu sejak pagi.", "id")
    assert km(got["BANDUNG"].lat, got["BANDUNG"].lon, -6.92, 107.61) < 30
    got = _by_text("Judul berita\n\nseoul:\n\nPara pejabat bertemu pada hari Senin.", "id")
    assert got["seoul"].country == "KR"


def test_place_inside_organisation_or_title_is_not_a_place():
    texts = [p.text for p in _places("Kapolda Banten dan Wali Kota Bogor hadir. Polda Banten menahan dua orang.", "id")]
    assert not any("Banten" in t or "Bogor" in t for t in texts)


def test_place_after_locative_and_type_words():
    got = _by_text("Banjir melanda Kabupaten Bogor, Jawa Barat, dan warga mengungsi ke Kota Depok.", "id")
    assert got["Kabupaten Bogor"].country == "ID"
    assert got["Jawa Barat"].precision == "region"
    assert km(got["Kota Depok"].lat, got["Kota Depok"].lon, -6.40, 106.82) < 30


def test_unknown_village_takes_the_place_written_with_it():
    text = "Longsor terjadi di Desa Sukamakmurjaya, Kabupaten Banjarnegara, Jawa Tengah."
    got = _by_text(text, "id")
    village = got["Desa Sukamakmurjaya"]
    assert km(village.lat, village.lon, -7.37, 109.69) < 80


def test_facility_is_placed_by_the_town_it_names():
    got = _by_text("Korban dibawa ke RSUD Merauke di Papua.", "id")
    p = got["RSUD Merauke"]
    assert p.precision == "point"
    assert km(p.lat, p.lon, -8.49, 140.40) < 60


def test_english_facility_and_state():
    got = _by_text("The patient was moved to Royal Darwin Hospital, officials in the Northern Territory said.", "en")
    assert "Royal Darwin Hospital" in got
    assert km(got["Royal Darwin Hospital"].lat, got["Royal Darwin Hospital"].lon, -12.46, 130.84) < 100


def test_common_words_and_person_names_are_not_places():
    assert _places("Bendera merah putih dikibarkan. Kim Hong-kyun tiba pagi ini.", "id") == []
    assert _places("Reading is fun, said Bo Ryan on Monday.", "en") == []


def test_spans_index_the_text():
    text = "Gempa mengguncang Kabupaten Biak Numfor, Papua, pada Senin pagi."
    for p in _places(text, "id"):
        assert text[p.start:p.end] == p.text
        assert p.lat is not None and -90 <= p.lat <= 90


def test_resolve_a_given_span_in_context():
    text = "Officials in Donetsk oblast said Pokrovsk was shelled overnight; Ukraine's army confirmed it."
    pack = load_pack("en")
    seg = segmenter_for(pack)
    doc = Doc(text=text, lang="en", pack=pack)
    doc.paragraphs = seg.paragraphs(text)
    doc.sentences = seg.sentences(text, doc.paragraphs)
    s = text.index("Pokrovsk")
    p = places.resolve(doc, s, s + len("Pokrovsk"))
    assert p is not None and p.country == "UA"
    s = text.index("Ukraine")
    p = places.resolve(doc, s, s + len("Ukraine"))
    assert p is not None and p.precision == "country" and p.country == "UA"
    # a name no gazetteer knows falls back on where the article is, marked as a guess
    guess = places.resolve(doc, 0, len("Officials"))
    assert guess is not None and guess.gazetteer_id is None and guess.score < 0.2 and guess.country == "UA"
    empty = Doc(text="Nothing here names a place at all.", lang="en", pack=pack)
    assert places.resolve(empty, 0, 7) is None


def test_seed_article_places(shared_dir):
    text = (shared_dir / "seeds" / "seed-id-nk-troops.txt").read_text(encoding="utf-8")
    got = _places(text, "id")
    pok = [p for p in got if p.text == "Pokrovsk"]
    assert pok and pok[0].country == "UA" and km(pok[0].lat, pok[0].lon, 48.28, 37.18) < 50
    seoul = [p for p in got if p.text.lower() == "seoul"]
    assert seoul and all(km(p.lat, p.lon, 37.57, 126.98) < 50 for p in seoul)
    far_east = [p for p in got if p.text == "Timur Jauh Rusia"]
    assert far_east and far_east[0].name == "Russian Far East" and far_east[0].precision == "region"
    assert not any(p.text in ("Rusia", "Korea Utara", "Ukraina", "Bendera") for p in got)


def test_compass_part_of_a_country_used_as_a_location():
    got = _by_text("Fighting went on in eastern Ukraine while Chinese officials met.", "en")
    p = got["eastern Ukraine"]
    assert p.country == "UA" and p.precision == "region" and p.lon > 33
    got = _by_text("Pertempuran berlanjut di Ukraina timur.", "id")
    assert got["Ukraina timur"].country == "UA"
    assert "UA" in {m.ref for m in sumber.analyze("Pertempuran berlanjut di Ukraina timur.", language="id").mentions}


def test_news_agency_is_not_a_facility_but_an_office_used_as_location_is():
    assert _places("Kantor Berita Contoh melaporkan serangan itu.", "id") == []
    got = _by_text("Warga berkumpul di Kantor Polsek Imogiri, Bantul, pada Senin.", "id")
    office = [p for t, p in got.items() if t.startswith("Kantor")]
    assert office and office[0].precision == "point" and office[0].country == "ID"
