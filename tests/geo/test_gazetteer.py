"""The built gazetteer: entries from the packages and from our curated files."""

from __future__ import annotations

import marshal

import pytest

from sumber.geo import cache
from sumber.geo.gazetteer import ADM1, ADM2, CITY, COUNTRY, REGION, distance_km, gazetteer, nearest_km


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def _entries(gaz, name):
    return [(gaz.name(h.entry), gaz.country(h.entry), gaz.kind[h.entry], h.main) for h in gaz.lookup(name)]


def test_pokrovsk_has_the_ukrainian_town_and_an_old_name_of_engels(gaz):
    hits = gaz.lookup("pokrovsk")
    towns = [h for h in hits if gaz.kind[h.entry] == CITY and h.main and gaz.country(h.entry) == "UA"]
    assert towns and distance_km(gaz.lat[towns[0].entry], gaz.lon[towns[0].entry], 48.28, 37.18) < 5
    assert any(gaz.name(h.entry) == "Engels" and not h.main for h in hits)


def test_subdivisions_with_and_without_type_words(gaz):
    assert any(k == ADM2 and c == "ID" for _, c, k, _ in _entries(gaz, "lanny jaya"))
    assert any(k == ADM2 for _, _, k, _ in _entries(gaz, "kabupaten lanny jaya"))
    assert any(k == ADM1 and c == "UA" for _, c, k, _ in _entries(gaz, "donetsk oblast"))
    assert any(k == ADM1 and c == "US" for _, c, k, _ in _entries(gaz, "texas"))


def test_curated_regions_aliases_and_countries(gaz):
    far_east = gaz.lookup("timur jauh rusia")
    assert far_east and gaz.gazetteer_id(far_east[0].entry) == "rg:russian-far-east"
    assert gaz.kind[far_east[0].entry] == REGION and gaz.curated(far_east[0].entry)
    assert any(n == "Jawa Tengah" for n, _, _, _ in _entries(gaz, "jateng"))
    e = gaz.country_entry("UA")
    assert e is not None and gaz.kind[e] == COUNTRY and gaz.gazetteer_id(e).startswith("gn:")


def test_probe_knows_prefixes_of_longer_names(gaz):
    assert gaz.probe("kabupaten lanny") == ()  # only a prefix of "kabupaten lanny jaya"
    assert gaz.probe("zzqx not a place") is None


def test_admin1_of_a_town(gaz):
    town = [h for h in gaz.lookup("pokrovsk") if gaz.country(h.entry) == "UA" and gaz.kind[h.entry] == CITY][0]
    assert "Donet" in (gaz.admin1_name(town.entry) or "")


def test_nearest_km_matches_haversine_roughly():
    pts = [(48.28, 37.18, "a"), (-6.2, 106.8, "b")]
    d = nearest_km(48.0, 37.8, pts, "", 400)
    assert d is not None and abs(d - distance_km(48.0, 37.8, 48.28, 37.18)) < 3
    assert nearest_km(48.0, 37.8, pts, "a", 400) is None


def test_cache_is_written_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMBER_CACHE", str(tmp_path))
    monkeypatch.setenv("SUMBER_GAZETTEER_INPROCESS", "1")  # the fake build below replaces the child process
    calls = []

    def fake_build(progress=False):
        calls.append(1)
        return {"names": "x\n"}

    import sumber.geo.build as build_mod

    monkeypatch.setattr(build_mod, "build", fake_build)
    assert cache.load_or_build() == {"names": "x\n"}
    assert cache.load_or_build() == {"names": "x\n"}
    assert len(calls) == 1
    files = list(tmp_path.glob("gazetteer-*.marshal"))
    assert len(files) == 1 and marshal.loads(files[0].read_bytes()) == {"names": "x\n"}


def test_cache_name_changes_with_curated_files(monkeypatch, tmp_path):
    import sumber.geo.build as build_mod

    before = cache.cache_name()
    data = tmp_path / "data"
    data.mkdir()
    for name in cache.CURATED:
        (data / name).write_bytes((build_mod.DATA / name).read_bytes() + b"\n")
    monkeypatch.setattr(build_mod, "DATA", data)
    assert cache.cache_name() != before
