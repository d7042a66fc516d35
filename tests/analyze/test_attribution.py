"""Attribution rules, on sentences written for these tests."""

from __future__ import annotations

import pytest

import sumber


def _attrs(text: str, lang: str):
    return sumber.analyze(text, language=lang).attributions


def _one(text: str, lang: str, cue: str):
    found = [a for a in _attrs(text, lang) if cue in a.cue.text]
    assert found, f"no attribution with cue {cue!r} in {[a.cue.text for a in _attrs(text, lang)]}"
    return found[0]


def _check_spans(text: str, lang: str) -> None:
    for a in _attrs(text, lang):
        for span in (a.source, a.cue, a.content, a.via, a.channel, a.addressee):
            if span is not None:
                assert text[span.start:span.end] == span.text


# -- Indonesian ---------------------------------------------------------------------------

def test_id_subject_before_verb_with_time_adverbial():
    text = "Pada hari Kamis, Kementerian Kesehatan mengatakan bahwa vaksin tambahan akan tiba pekan depan."
    a = _one(text, "id", "mengatakan")
    assert a.source.text == "Kementerian Kesehatan"
    assert a.source.kind == "organization"
    assert a.stance == "asserts"
    assert a.content.text == "vaksin tambahan akan tiba pekan depan"
    _check_spans(text, "id")


def test_id_inverted_cue_after_quote_and_clitic_anaphor():
    text = ("Bupati Sleman Rina Handayani meninjau lokasi banjir. ”Kami sudah menyiapkan tenda darurat,” kata Rina. "
            "”Bantuan logistik datang besok,” ujarnya.")
    a1 = _one(text, "id", "kata")
    assert a1.source.text == "Rina" and a1.direct_quote
    assert a1.content.text == "Kami sudah menyiapkan tenda darurat"
    a2 = _one(text, "id", "ujarnya")
    assert a2.source.refers_to is not None and "Rina" in a2.source.refers_to.text
    assert a2.content.text == "Bantuan logistik datang besok"


def test_id_menurut_prepositional_source():
    text = "Menurut Badan Pusat Statistik, harga beras naik dua persen bulan ini."
    a = _one(text, "id", "Menurut")
    assert "Badan Pusat Statistik" in a.source.text
    assert a.content.text.startswith("harga beras naik")


@pytest.mark.parametrize(
    "sentence, cue, stance",
    [
        ("Juru bicara perusahaan itu membantah laporan tentang PHK massal.", "membantah", "denies"),
        ("Direktur utama bank tersebut enggan berkomentar soal merger.", "enggan berkomentar", "unconfirmed"),
        ("Hingga Selasa malam, Gubernur Jawa Barat belum membalas pertanyaan wartawan.", "belum membalas", "unconfirmed"),
        ("Kepala dinas itu belum bisa memerinci jumlah korban.", "memerinci", "unconfirmed"),
        ("Menteri Perdagangan menegaskan bahwa stok gula aman sampai Lebaran.", "menegaskan", "asserts"),
    ],
)
def test_id_stances(sentence, cue, stance):
    assert _one(sentence, "id", cue).stance == stance


def test_id_calling_a_claim_false_is_a_denial():
    text = 'Partai itu menolak tuduhan korupsi dan menyebutnya sebagai "fitnah yang tidak berdasar".'
    calls = _one(text, "id", "menyebutnya")
    assert calls.stance == "denies"
    assert calls.source.text == "Partai itu"


def test_id_nominal_cue_with_holder():
    text = "Kedutaan itu menanggapi tuduhan Australia dan Jepang bahwa kapal nelayan melanggar batas laut."
    nominal = _one(text, "id", "tuduhan")
    assert nominal.source.text == "Australia dan Jepang"
    assert nominal.content.text.startswith("kapal nelayan melanggar")


def test_id_anaphor_with_anonymity_marker():
    text = ("Seorang petugas bandara mengatakan penerbangan ditunda karena asap. "
            "”Jarak pandang kurang dari 500 meter,” kata petugas tersebut, yang tidak mau disebutkan namanya.")
    first = _one(text, "id", "mengatakan")
    assert first.source.kind == "anonymous" and first.source.anonymous
    second = _one(text, "id", "kata")
    assert second.source.refers_to is not None
    assert second.source.refers_to.text.startswith("Seorang petugas")
    assert second.source.anonymous


def test_id_passive_with_agent_after_oleh():
    text = "Video itu, yang diunggah oleh akun @warta_kota, memperlihatkan antrean panjang."
    a = _one(text, "id", "diunggah")
    assert "@warta_kota" in a.source.text
    assert a.source.kind == "social_account"


def test_id_purpose_clause_is_not_a_statement():
    assert not _attrs("Polisi datang ke lokasi untuk mengetahui penyebab kebakaran.", "id")


# -- English --------------------------------------------------------------------------------

def test_en_quote_then_said_source():
    text = '"The bridge will reopen in March," Mayor Lena Ortiz said on Tuesday.'
    a = _one(text, "en", "said")
    assert a.source.text == "Mayor Lena Ortiz"
    assert a.source.kind == "person"
    assert a.direct_quote and a.content.text == "The bridge will reopen in March"


def test_en_said_before_source():
    text = '"We are not leaving," said the union leader, Tomas Reyes.'
    a = _one(text, "en", "said")
    assert "union leader" in a.source.text


def test_en_appositive_subject_and_that_clause():
    text = "The port authority's director, Maria Chen, said on Monday that two ships had been diverted."
    a = _one(text, "en", "said")
    assert a.source.text.endswith("Maria Chen")
    assert a.content.text == "two ships had been diverted"


@pytest.mark.parametrize(
    "sentence, cue, stance",
    [
        ("The ministry denied that any soldiers had crossed the border.", "denied", "denies"),
        ("A spokesman for the airline declined to comment on the crash.", "declined to comment", "unconfirmed"),
        ("Police could not confirm the number of arrests.", "could not confirm", "unconfirmed"),
        ("The mayor's office dismissed the reports as baseless rumours.", "dismissed", "denies"),
        ("The lawyer for the family says the allegations are false.", "says", "denies"),
    ],
)
def test_en_stances(sentence, cue, stance):
    assert _one(sentence, "en", cue).stance == stance


def test_en_according_to_after_clause():
    text = "Fuel prices will rise next month, according to the energy regulator."
    a = _one(text, "en", "according to")
    assert a.source.text == "the energy regulator"
    assert a.content.text == "Fuel prices will rise next month"


def test_en_anonymity_marker():
    text = "A senior official, speaking on condition of anonymity, said the talks had stalled."
    a = _one(text, "en", "said")
    assert a.source.anonymous and a.source.kind == "anonymous"


def test_en_pronoun_resolves_to_previous_source():
    text = 'Doctor Amina Yusuf said the clinic was full. "We need more beds," she said.'
    a = [x for x in _attrs(text, "en") if x.source.text == "she"][0]
    assert a.source.refers_to is not None and "Amina Yusuf" in a.source.refers_to.text


@pytest.mark.parametrize(
    "sentence",
    [
        "It was reported that the factory had closed.",  # agentless passive
        "The claims were investigated by a committee.",  # noun, not a verb
        "There were 117 cases reported in the northern province.",  # reduced relative
        "Officials travelled to the coast to report on the damage.",  # infinitive
        "The storm claimed forty lives in the valley.",  # claim = cause deaths
    ],
)
def test_en_not_attributions(sentence):
    assert not _attrs(sentence, "en"), [a.cue.text for a in _attrs(sentence, "en")]


def test_en_channel_and_addressee():
    text = "The coroner's office said on Twitter that the results would take six weeks."
    a = _one(text, "en", "said")
    assert a.channel is not None and "Twitter" in a.channel.text
    text2 = "The minister told reporters that the budget was balanced."
    b = _one(text2, "en", "told")
    assert b.addressee is not None and b.addressee.text == "reporters"
    assert b.content.text == "the budget was balanced"


def test_en_relay_via_agency():
    text = ("Reuters reported that a spokeswoman for the port said ships were waiting offshore.")
    inner = [a for a in _attrs(text, "en") if a.cue.text == "said"][0]
    assert inner.via is not None and inner.via.text == "Reuters"


def test_dateline_agency_is_not_the_subject():
    text = "JAKARTA (Example Wire) - The health ministry said on Monday that the clinics would reopen."
    a = _one(text, "en", "said")
    assert a.source.text == "The health ministry"


def test_multiword_role_before_an_organisation_is_a_role():
    text = "Duta besar Filipina untuk PBB pada hari Selasa membantah laporan tersebut."
    a = _one(text, "id", "membantah")
    assert a.source.text == "Duta besar Filipina untuk PBB"
    assert a.source.kind == "role" and a.stance == "denies"


def test_coordinated_second_cue_ends_the_first_content():
    text = 'The governor rejected the audit, calling it "a political stunt".'
    first = _one(text, "en", "rejected")
    second = _one(text, "en", "calling")
    assert first.content.text == "the audit"
    assert second.source is first.source or second.source.text == first.source.text
    assert second.stance == "asserts" or second.stance == "denies"


def test_trailing_inverted_attribution_is_not_part_of_the_content():
    text = "The navy could not confirm the sighting, a spokesman said in Manila."
    first = _one(text, "en", "could not confirm")
    assert first.stance == "unconfirmed" and first.content.text == "the sighting"
    second = _one(text, "en", "said")
    assert second.content.text.startswith("The navy could not confirm")
