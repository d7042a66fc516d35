import pytest

from sumber.errors import PackError
from sumber.geo.lexicon import CAPITAL, DEMONYM, lexicon_for
from sumber.lang import Pack, load_pack


@pytest.mark.parametrize("code", ["en", "id"])
def test_packs_compile(code):
    lex = lexicon_for(load_pack(code))
    assert lex.countries["ukraine" if code == "en" else "ukraina"].iso2 == "UA"
    assert lex.canonical["KP"] == "North Korea"
    assert lex.locative and lex.stop_names


def test_cldr_names_demonyms_and_capitals():
    en = lexicon_for(load_pack("en"))
    assert en.countries["north korean"].form == DEMONYM and en.countries["north korean"].iso2 == "KP"
    assert en.countries["russians"].iso2 == "RU"
    assert en.countries["moscow"].form == CAPITAL
    assert "us" in en.caps_only
    idl = lexicon_for(load_pack("id"))
    assert idl.countries["korea utara"].iso2 == "KP"
    assert idl.countries["moskow"].form == CAPITAL and idl.countries["moskow"].iso2 == "RU"
    assert "ID" in idl.home


def test_broken_geo_section_fails_clearly():
    pack = Pack("xx", {"pack": {"code": "xx"}, "geo": {"places": {"locative": "di"}}})
    with pytest.raises(PackError, match="geo.locative"):
        lexicon_for(pack)
