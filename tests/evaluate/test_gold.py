"""Reading gold files and finding their article text (our own sentences, written to tmp_path)."""

from __future__ import annotations

import hashlib
import json

import pytest
from eval_handmade import make_gold

from sumber.errors import InputError
from sumber.evaluate.gold import check_spans, load_gold


def write(path, obj):
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def test_gold_with_inline_text(tmp_path):
    write(tmp_path / "01.json", make_gold())
    docs = load_gold(tmp_path)
    assert len(docs) == 1 and docs[0].problems == []
    assert docs[0].language == "en" and docs[0].published == "2024-03-05"


def test_gold_without_text_finds_the_article_file_beside_it(tmp_path):
    gold = make_gold()
    text = gold.pop("text")
    write(tmp_path / "07.json", gold)
    # a title line and a blank line: the offsets index the body, so the reader must strip the title
    (tmp_path / "07.txt").write_text("A headline we wrote\n\n" + text, encoding="utf-8")
    docs = load_gold(tmp_path)
    assert len(docs) == 1
    assert docs[0].text == text and docs[0].title == "A headline we wrote"
    assert docs[0].problems == []


def test_article_file_in_a_sibling_folder_and_json_article(tmp_path):
    gold = make_gold()
    text = gold.pop("text")
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles").mkdir()
    write(tmp_path / "gold" / "x1.json", gold)
    write(tmp_path / "articles" / "x1.json", {"text": text, "title": "T"})
    docs = load_gold(tmp_path / "gold")
    assert docs[0].text == text


def test_content_hash_is_checked(tmp_path):
    gold = make_gold()
    for a in gold["attributions"]:
        content = a.pop("content")
        a["content_len"] = len(content)
        a["content_sha1"] = hashlib.sha1(content.encode("utf-8")).hexdigest()
    ok, n = check_spans(gold, gold["text"])
    assert ok == n and n > 0
    gold["attributions"][0]["content_sha1"] = "0" * 40
    write(tmp_path / "h.json", gold)
    docs = load_gold(tmp_path)
    assert any("do not match" in p for p in docs[0].problems)


def test_missing_text_is_a_clear_error(tmp_path):
    gold = make_gold()
    gold.pop("text")
    write(tmp_path / "lonely.json", gold)
    with pytest.raises(InputError, match="no article file"):
        load_gold(tmp_path)


def test_non_gold_json_is_ignored(tmp_path):
    write(tmp_path / "notes.json", {"about": "not a gold file"})
    write(tmp_path / "a.json", make_gold())
    assert [d.id for d in load_gold(tmp_path)] == ["hand-1"]


def test_gold_folder_may_itself_sit_under_a_folder_called_text(tmp_path):
    folder = tmp_path / "text" / "gold"
    folder.mkdir(parents=True)
    write(folder / "a.json", make_gold())
    assert len(load_gold(folder)) == 1
