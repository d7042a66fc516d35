from sumber.analyze.segment import segmenter_for
from sumber.lang import load_pack


def _sents(text: str, lang: str = "en") -> list[str]:
    seg = segmenter_for(load_pack(lang))
    return [text[a:b] for a, b in seg.sentences(text)]


def test_abbreviations_and_initials_do_not_split():
    text = "Dr. Ana Lopes met Mr. Budi R. Santoso in the U.S. capital. The talks ended."
    assert _sents(text) == ["Dr. Ana Lopes met Mr. Budi R. Santoso in the U.S. capital.", "The talks ended."]


def test_dotted_acronym_before_sentence_starter_splits():
    assert len(_sents("The vote was held in the U.S. The result came later.")) == 2


def test_quote_question_followed_by_lowercase_cue_stays_one_sentence():
    assert _sents("“Siapa yang datang?” tanya dia. Semua diam.", "id") == ["“Siapa yang datang?” tanya dia.", "Semua diam."]


def test_paragraphs_and_lines():
    text = "Judul\n\nKalimat satu. Kalimat dua.\n\nParagraf baru."
    seg = segmenter_for(load_pack("id"))
    assert [text[a:b] for a, b in seg.paragraphs(text)] == ["Judul", "Kalimat satu. Kalimat dua.", "Paragraf baru."]
    assert _sents(text, "id") == ["Judul", "Kalimat satu.", "Kalimat dua.", "Paragraf baru."]


def test_quotes_curly_straight_and_indonesian_style():
    seg = segmenter_for(load_pack("id"))
    text = 'A “satu dua,” kata B. ”Tiga empat,” ujarnya. Lalu "lima" saja.'
    inner = [text[q[1]:q[2]] for q in seg.quotes(text)]
    assert inner == ["satu dua,", "Tiga empat,", "lima"]


def test_many_quote_marks_is_linear_and_pairs():
    seg = segmenter_for(load_pack("en"))
    text = '"a" ' * 10000
    assert len(seg.quotes(text)) == 10000
