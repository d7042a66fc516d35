"""Adapters on tiny files in each public set's format, written here with our own sentences."""

from __future__ import annotations

import importlib
import json

import pytest

from sumber.evaluate.adapters import Options, events, geo, german, indonlu, pfsa
from sumber.evaluate.runner import Runner
from sumber.model import Place, analysis_from_dict

ARTICLE = "Floods reached Bandung on Friday. Aid trucks left Jakarta for Garut."


def place(text, piece, lat, lon):
    s = text.index(piece)
    return {"start": s, "end": s + len(piece), "text": piece, "name": piece, "country": "ID", "lat": lat,
            "lon": lon, "precision": "city", "admin1": None, "gazetteer_id": "gn:1", "score": 1.0}


def fake_analyzer(monkeypatch, fill):
    """Patch analyze(): ``fill(text, language)`` gives the lists of the analysis."""
    def analyze(article, language=None, published=None):
        d = {"article": {"text": article.text, "language": language}, "mentions": [], "places": [], "times": [],
             "quantities": [], "attributions": [], "events": []}
        d.update(fill(article.text, language))
        return analysis_from_dict(d)

    monkeypatch.setattr(importlib.import_module("sumber.analyze"), "analyze", analyze)


def lgl_xml(shift: int = 0) -> str:
    def topo(piece, lat, lon, gid):
        s = ARTICLE.index(piece) + shift
        tag = f'<gaztag geonameid="{gid}"><lat>{lat}</lat><lon>{lon}</lon></gaztag>' if lat is not None else ""
        return f"<toponym><start>{s}</start><end>{s + len(piece)}</end><phrase>{piece}</phrase>{tag}</toponym>"

    return (f'<articles><article docid="1"><title>t</title><dltime>2024-02-09 10:00:00</dltime>'
            f"<text>{ARTICLE}</text><toponyms>{topo('Bandung', -6.91, 107.61, 1650357)}"
            f"{topo('Jakarta', -6.21, 106.85, 1642911)}{topo('Garut', None, None, None)}</toponyms></article></articles>")


def test_geo_end_to_end_and_gold_spans(monkeypatch, tmp_path):
    (tmp_path / "lgl.xml").write_text(lgl_xml())
    fake_analyzer(monkeypatch, lambda text, lang: {"places": [
        place(text, "Bandung", -6.9, 107.6),  # right
        place(text, "Jakarta", 52.5, 13.4),  # far off
        place(text, "Garut", -7.2, 107.9),  # gold has no coordinates here: ignored
        place(text, "Floods", 0.0, 0.0),  # a false hit
    ]})

    def resolve(doc, start, end):
        if doc.text[start:end] == "Bandung":
            return Place(start, end, "Bandung", "Bandung", "ID", -6.9, 107.6, "city", gazetteer_id="gn:1650357")
        return None

    monkeypatch.setattr(importlib.import_module("sumber.analyze.places"), "resolve", resolve, raising=False)
    [row] = geo.run_lgl(tmp_path, Runner(1), Options())
    m = row.metrics
    assert (m["e2e_p"], m["e2e_r"]) == (pytest.approx(1 / 3), 0.5)
    assert m["e2e_acc161"] == 0.5 and m["e2e_coverage"] == 1.0
    assert m["gs_acc161"] == 0.5 and m["gs_coverage"] == 0.5 and m["gs_geonames_exact"] == 0.5
    assert m["gs_mean_km"] < 5
    assert 0 < m["gs_auc"] < 1
    kinds = {(e["kind"], e["category"]) for e in row.errors}
    assert ("place", "far") in kinds and ("place", "false") in kinds and ("place-gold-span", "unresolved") in kinds


def test_geo_without_resolver_says_so(monkeypatch, tmp_path):
    (tmp_path / "lgl.xml").write_text(lgl_xml())
    fake_analyzer(monkeypatch, lambda text, lang: {})
    monkeypatch.delattr(importlib.import_module("sumber.analyze.places"), "resolve", raising=False)
    [row] = geo.run_lgl(tmp_path, Runner(1), Options())
    assert "gs_acc161" not in row.metrics
    assert any("resolve" in n and "not available" in n for n in row.notes)


def test_geo_offsets_off_by_one_are_repaired():
    align = geo.Aligner()
    assert align(ARTICLE, ARTICLE.index("Bandung") + 1, ARTICLE.index("Bandung") + 8, "Bandung") == (15, 22)
    assert align(ARTICLE, 0, 5, "Surabaya") is None
    assert "1 repaired" in align.note() and "1 dropped" in align.note()


def test_geo_missing_file_is_a_skipped_row(tmp_path):
    [row] = geo.run_trnews(tmp_path, Runner(1), Options())
    assert row.skipped and "TR-News.xml" in row.skipped


PFSA = """\
BANDUNG\tO
,\tO
KOMPAS\tO
—\tO
Banjir\tB-ISSUE
melanda\tI-ISSUE
kota\tL-ISSUE
.\tO

”\tB-STATEMENT
Air\tI-STATEMENT
naik\tI-STATEMENT
cepat\tI-STATEMENT
,\tI-STATEMENT
”\tL-STATEMENT
kata\tU-CUE
Rina\tU-PERSONCOREF
.\tO

GARUT\tO
,\tO
KOMPAS\tO
—\tO
Jalan\tB-ISSUE
rusak\tL-ISSUE
.\tO

”\tB-STATEMENT
Kami\tI-STATEMENT
perbaiki\tI-STATEMENT
.\tI-STATEMENT
”\tL-STATEMENT
ujarnya\tU-CUECOREF
.\tO
"""


def test_pfsa_documents_spans_and_speakers(tmp_path):
    path = tmp_path / "test.txt"
    path.write_text(PFSA)
    docs = pfsa.read_pfsa(path)
    assert [d.text for d in docs] == ["BANDUNG, KOMPAS — Banjir melanda kota. ”Air naik cepat,” kata Rina.",
                                      "GARUT, KOMPAS — Jalan rusak. ”Kami perbaiki.” ujarnya."]
    first = docs[0]
    s, e = first.statements[0].span
    assert first.text[s:e] == "Air naik cepat"
    assert [first.text[a:b] for a, b in first.statements[0].speakers] == ["Rina"]
    assert [docs[1].text[a:b] for a, b in docs[1].statements[0].speakers] == ["ujarnya"]


def test_pfsa_scores(monkeypatch, tmp_path):
    (tmp_path / "test.txt").write_text(PFSA)

    def fill(text, lang):
        if "Rina" not in text:
            return {}
        def sp(piece):
            s = text.index(piece)
            return {"start": s, "end": s + len(piece), "text": piece}
        return {"attributions": [{
            "id": "a1", "source": {**sp("Rina"), "kind": "person", "name": None, "anonymous": False, "refers_to": None},
            "cue": {**sp("kata"), "lemma": None}, "stance": "asserts", "hedged": False, "direct_quote": True,
            "content": sp("Air naik cepat,"), "via": None, "channel": None, "addressee": None, "time": None}]}

    fake_analyzer(monkeypatch, fill)
    row, heldout = pfsa.run(tmp_path, Runner(1), Options())
    assert heldout.set == "pfsa-id-heldout" and heldout.items == 2  # no dev gold here: nothing held back
    m = row.metrics
    assert (m["statement_p"], m["statement_r"]) == (1.0, 0.5)  # the trailing comma is trimmed
    assert (m["cue_p"], m["cue_r"]) == (1.0, 0.5)
    assert m["speaker_acc"] == 1.0


NER = "Andi\tB-PERSON\nbekerja\tO\ndi\tO\nBank\tB-ORGANISATION\nSentosa\tI-ORGANISATION\nBogor\tB-PLACE\n.\tO\n"


def test_indonlu_exact_span_f1(monkeypatch, tmp_path):
    (tmp_path / "nergrit").mkdir()
    (tmp_path / "nergrit" / "test.txt").write_text(NER)

    def fill(text, lang):
        def m(piece, kind):
            s = text.index(piece)
            return {"start": s, "end": s + len(piece), "text": piece, "kind": kind, "ref": None, "name": None}
        return {"mentions": [m("Andi", "person"), m("Bank", "organization"), m("Bogor", "country")]}

    fake_analyzer(monkeypatch, fill)
    rows = indonlu.run(tmp_path, Runner(1), Options())
    grit = rows[0]
    assert grit.set == "indonlu-nergrit" and rows[1].skipped
    assert grit.metrics["person_f1"] == 1.0 and grit.metrics["organization_f1"] == 0.0
    assert grit.metrics["place_f1"] == 1.0 and grit.metrics["micro_f1"] == pytest.approx(2 / 3)


def test_events_typing_noevents_and_negation(monkeypatch, tmp_path):
    petr = tmp_path / "petrarch2_unit_tests"
    plov = tmp_path / "plover_gsr"
    petr.mkdir()
    plov.mkdir()
    (plov / "CAMEO2PLOVER-2021.txt").write_text("# table\n19: ASSAULT,  , # fight\n04: CONSULT, , # meet\n")
    (petr / "PETR.UnitTest.records.xml").write_text(
        "<Validation><Sentences>"
        '<Sentence date="20240101" id="T-1"><EventCoding sourcecode="A" targetcode="B" eventcode="190"/>'
        "<Text>Rohan fought Gondor at dawn.</Text></Sentence>"
        '<Sentence date="20240101" id="SYNSET-13"><EventCoding sourcecode="A" targetcode="B" eventcode="904"/>'
        "<Text>Rohan did not clash with Gondor.</Text></Sentence>"
        '<Sentence date="20240101" id="T-3"><EventCoding noevents="True"/>'
        "<Text>The weather in Rohan was mild.</Text></Sentence>"
        "</Sentences></Validation>")

    def fill(text, lang):
        def ev(word, kind, status="asserted"):
            s = text.index(word)
            return {"id": "e", "type": kind, "trigger": {"start": s, "end": s + len(word), "text": word},
                    "status": status}
        if "fought" in text:
            return {"events": [ev("fought", "assault")]}
        if "clash" in text:
            return {"events": [ev("clash", "ASSAULT")]}  # the negated verb read as an affirmative event
        return {"events": [ev("mild", "CONSULT", "hypothetical")]}

    fake_analyzer(monkeypatch, fill)
    [row] = events.run_petrarch(petr, Runner(1), Options())
    m = row.metrics
    assert m["type_f1"] == 1.0  # 190 -> ASSAULT, case-insensitive
    assert m["negated_clean"] == 0.0
    assert m["noevents_clean"] == 1.0  # a hypothetical event is not affirmative
    assert any(e["category"] == "affirmative-on-negated" for e in row.errors)


def test_an_asserted_reject_on_a_refused_verb_is_not_an_affirmative_event():
    item = events.EventItem("R-1", "Arnor refused to sign the pact.", None, negated=["sign"])
    s = item.text.index("sign")
    tally = events.Tally()
    events.score_item(item, [{"type": "REJECT", "status": "asserted",
                              "trigger": {"start": s, "end": s + 4, "text": "sign"}}], tally, [])
    assert tally["negated_ok"] == 1
    events.score_item(item, [{"type": "AGREE", "status": "asserted",
                              "trigger": {"start": s, "end": s + 4, "text": "sign"}}], tally, [])
    assert tally["negated_ok"] == 1 and tally["negated_n"] == 2


def test_plover_old_names_are_mapped(tmp_path):
    (tmp_path / "PLOVER_GSR_CAMEO.json").write_text(json.dumps([
        {"id": "X-DOC", "event": "DOCUMENT"},
        {"id": "X-1", "event": "DEMAND", "text": "Arnor asked Gondor for grain."},
        {"id": "X-2", "event": "FIGHT", "text": "Arnor asked Gondor for grain."},
    ]))
    [item] = events.read_plover(tmp_path / "PLOVER_GSR_CAMEO.json")
    assert item.types == {"REQUEST", "ASSAULT"}


def test_german_is_skipped_without_a_pack(tmp_path):
    from sumber.lang import available_languages

    if "de" in available_languages():
        pytest.skip("a German pack exists")
    [row] = german.run(tmp_path, Runner(1), Options())
    assert row.skipped == "no German pack"


def test_geo_countries_count_as_toponyms_end_to_end(monkeypatch, tmp_path):
    text = "Rain fell across Indonesia."
    s = text.index("Indonesia")
    (tmp_path / "GeoVirus.xml").write_text(
        f"<articles><article><source>x</source><text>{text}</text><locations><location><name>Indonesia</name>"
        f"<start>{s}</start><end>{s + 9}</end><lat>-2.0</lat><lon>118.0</lon><page>p</page></location>"
        "</locations></article></articles>")
    fake_analyzer(monkeypatch, lambda t, lang: {"mentions": [
        {"start": s, "end": s + 9, "text": "Indonesia", "kind": "country", "ref": "ID", "name": "Indonesia"}]})

    def resolve(doc, start, end):
        return Place(start, end, doc.text[start:end], "Indonesia", "ID", -2.5, 118.0, "country")

    monkeypatch.setattr(importlib.import_module("sumber.analyze.places"), "resolve", resolve, raising=False)
    [row] = geo.run_geovirus(tmp_path, Runner(1), Options())
    assert row.metrics["e2e_f1"] == 1.0 and row.metrics["gs_acc161"] == 1.0
