"""Toponym resolution in an article's context, on sentences written for these tests."""

from __future__ import annotations

import math

import pytest

import sumber
from sumber.analyze import places
from sumber.analyze.pipeline import prepare_doc
from sumber.geo.gazetteer import ADM1, CITY, gazetteer
from sumber.geo.names import key
from sumber.geo.resolve import Focus


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def resolve(text: str, name: str, lang: str = "en", nth: int = 0):
    doc = prepare_doc(text, lang)
    i = -1
    for _ in range(nth + 1):
        i = text.index(name, i + 1)
    return places.resolve(doc, i, i + len(name))


def _places(text: str, lang: str) -> dict:
    return {p.text: p for p in sumber.analyze(text, language=lang).places}


# ------------------------------------------------------------------ priors


def test_capital_and_namesake_flags():
    gaz = gazetteer()
    dc = [h.entry for h in gaz.lookup("washington") if gaz.kind[h.entry] == CITY and gaz.capital(h.entry)]
    assert dc and km(gaz.lat[dc[0]], gaz.lon[dc[0]], 38.9, -77.0) < 30
    nyc = [h.entry for h in gaz.lookup("new york city") if gaz.namesake(h.entry)]
    assert nyc, "New York City is what 'New York' usually means"


def test_subdivisions_weigh_by_the_towns_they_hold():
    gaz = gazetteer()
    counties = [h.entry for h in gaz.lookup("orange county")]
    best = max(counties, key=lambda e: gaz.prior[e])
    assert gaz.admin1_name(best) == "California"
    assert gaz.pop[best] > 1_000_000


def test_bare_washington_is_the_capital_and_washington_state_the_state():
    p = resolve("Talks resumed in Washington on Monday.", "Washington")
    assert p.admin1 == "District of Columbia"
    got = _places("The first case was found at a Washington state dairy farm.", "en")
    p = next(v for k, v in got.items() if k.startswith("Washington"))
    assert p.admin1 == "Washington" and p.precision == "region"


def test_new_york_alone_is_the_city():
    p = resolve("Traffic in New York was heavy after the parade.", "New York")
    assert km(p.lat, p.lon, 40.71, -74.0) < 30


# ------------------------------------------------------------------ focus


def test_focus_votes_never_count_a_name_for_itself():
    f = Focus()
    f.build({"a": (1.0, [(1.0, "US", 7, -1), (-1.0, None, -1, 70)]), "b": (0.5, [(0.5, "US", 7, -1), (0.5, "FR", 9, -1)])})
    assert f.support(0, "US", "a") == pytest.approx(0.25)
    assert f.support(0, "US", "b") == pytest.approx(1.0)
    assert f.support(1, 9, "b") == 0.0
    assert f.support(2, 70, "b") == pytest.approx(1.0) and f.support(2, 70, "a") == 0.0


def test_a_small_town_among_its_neighbours_beats_the_famous_namesake():
    text = ("The school board in Paris met on Monday. Students from Henry County and Murray joined the "
            "Paris choir, and the Henry County sheriff said roads near Puryear stayed open.")
    p = resolve(text, "Paris")
    assert p.country == "US" and p.admin1 == "Tennessee"
    assert resolve(text, "Henry County").admin1 == "Tennessee"


def test_a_state_named_anywhere_pulls_its_towns():
    text = "Farmers near Savannah and Macon said the drought in Georgia had cut the peanut harvest."
    p = resolve(text, "Georgia")
    assert p.country == "US" and p.precision == "region"


def test_the_famous_place_without_local_context():
    p = resolve("Fashion week opened in Paris with shows by young designers.", "Paris")
    assert p.country == "FR"


def test_one_name_one_place_in_an_article():
    text = ("PARIS, Texas -- The city council voted to repair the water tower. Paris residents will pay "
            "less for water next year, the Paris mayor said.")
    first = resolve(text, "PARIS")
    later = resolve(text, "Paris", nth=0)
    assert first.admin1 == "Texas" and later.gazetteer_id == first.gazetteer_id


# ------------------------------------------------------------------ qualifiers


@pytest.mark.parametrize("text,name,admin1", [
    ("PARIS, Texas -- The city council voted to repair the water tower on Tuesday.", "PARIS", "Texas"),
    ("FAIRFIELD, Conn. -- A woman was arrested after a dispute at her home, police said.", "FAIRFIELD", "Connecticut"),
    ("Dozens of families in Athens, Ga., lost power after the storm.", "Athens", "Georgia"),
])
def test_town_comma_state(text, name, admin1):
    p = resolve(text, name)
    assert p.country == "US" and p.admin1 == admin1


@pytest.mark.parametrize("province", ["Kalimantan Selatan", "Jawa Barat"])
def test_kota_comma_provinsi(province):
    got = _places(f"Banjir merendam ratusan rumah di Banjar, {province}, sejak Minggu.", "id")
    assert got["Banjar"].admin1 == province


# ------------------------------------------------------------------ seats of government


def test_pentagon_story_puts_washington_in_the_capital():
    for text, lang in [
        ("Floods hit Spokane and Yakima. The Pentagon sent help, an official said in Washington.", "en"),
        ("Banjir melanda Seattle dan Spokane. Pentagon mengirim bantuan, kata pejabat di Washington.", "id"),
    ]:
        assert _places(text, lang)["Washington"].admin1 == "District of Columbia"
    got = _places("The governor spoke in Washington after floods hit Spokane and Yakima.", "en")
    assert got["Washington"].admin1 == "Washington"


# ------------------------------------------------------------------ datelines and headlines


def test_place_names_in_a_dateline_outlet_are_not_places():
    got = _places("MEDAN, Tribun Medan — Banjir melanda Kota Medan sejak Senin.", "id")
    assert [p.text for p in got.values() if 5 < p.start < 20] == []
    assert "MEDAN" in got and "Kota Medan" in got
    got = _places("SEOUL, Kantor Berita Contoh — Pasukan tiba di Kursk.", "id")
    assert set(got) == {"SEOUL", "Kursk"}


def test_capitals_acting_in_an_indonesian_headline_are_not_places():
    got = _places("Seoul tuduh Pyongyang kirim tentara ke Rusia\n\nSEOUL, Kantor Berita Contoh — Badan intelijen "
                  "mengatakan pasukan tiba di Vladivostok.", "id")
    assert "Seoul" not in got and "Pyongyang" not in got
    assert "SEOUL" in got and "Vladivostok" in got


def test_an_unknown_suburb_before_its_town():
    # a made-up suburb name: placed at the town written after it
    got = _places("Customers who ate at a cafe in Kelwarra Heights, Auckland, should see a doctor.", "en")
    p = got["Kelwarra Heights"]
    assert km(p.lat, p.lon, -36.85, 174.76) < 30


def test_region_used_as_a_country_nickname_is_a_place():
    got = _places("Outbreaks are likely to spread to Central Africa in the coming weeks.", "en")
    assert got["Central Africa"].gazetteer_id == "rg:central-africa"


def test_key_of_press_abbreviation():
    assert key("W.Va.") == "w va"
    gaz = gazetteer()
    assert any(gaz.kind[h.entry] == ADM1 for h in gaz.lookup("connecticut"))


def test_a_state_after_a_dateline_name_is_no_outlet():
    got = _places("PARIS, Texas (AP) — A fire destroyed a barn near the rail yard.", "en")
    assert got["PARIS"].admin1 == "Texas" and "Texas" in got


def test_a_small_town_agreed_on_by_its_neighbours_is_a_place():
    got = _places("A woman from Alexandria was hurt in a crash near Osakis. She was taken to the Douglas "
                  "County hospital in Alexandria and later to St. Cloud.", "en")
    p = got["Alexandria"]
    assert p.admin1 == "Minnesota"
