"""`sumber analyze` on good and bad input: one clear line per bad file, the rest still analyzed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sumber.cli import main

GOOD = "Menurut juru bicara polisi, jalan utama ditutup sejak Senin pagi karena banjir."


def _run(args, capsys):
    code = main(["analyze", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_good_file_gives_the_json_contract(tmp_path, capsys):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"text": GOOD, "language": "id", "published": "2024-10-22"}), encoding="utf-8")
    code, out, err = _run([str(f)], capsys)
    assert code == 0 and not err
    doc = json.loads(out)
    assert set(doc) == {"article", "mentions", "places", "times", "quantities", "attributions", "events"}
    assert doc["article"]["text"] == GOOD
    a = doc["attributions"][0]
    assert set(a) >= {"id", "source", "cue", "stance", "hedged", "direct_quote", "content", "via", "channel"}
    for span in (a["source"], a["cue"], a["content"]):
        assert GOOD[span["start"]:span["end"]] == span["text"]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty input"),
        ("blank.txt", b"   \n\n  ", "empty input"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 50, "binary"),
        ("latin1.txt", "Kota Bogor \u00e9t\u00e9".encode("latin-1"), "not valid UTF-8"),
        ("broken.json", b'{"text": "unterminated', "invalid JSON"),
        ("notext.json", b'{"title": "no text here"}', "no 'text'"),
        ("de.txt", ("Der Bundeskanzler sagte am Montag in Berlin, dass die Regierung die Steuern im "
                    "kommenden Jahr nicht erhöhen werde. Die Opposition kritisierte die Pläne scharf und "
                    "forderte eine Debatte im Bundestag über den Haushalt.").encode("utf-8"), "installed packs"),
    ],
)
def test_bad_input_is_one_line_and_others_still_run(tmp_path, capsys, name, data, message):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, out, err = _run([str(bad), str(good), "--format", "jsonl"], capsys)
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in err
    assert len(out.strip().splitlines()) == 1  # the good file was analyzed


def test_too_large_file_is_refused_without_reading_it(tmp_path, capsys):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse 50 MB file
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    code, out, err = _run([str(big)], capsys)
    assert code == 1 and "limit" in err and "Traceback" not in err


def test_missing_file_and_directory(tmp_path, capsys):
    code, _, err = _run([str(tmp_path / "nope.txt"), str(tmp_path)], capsys)
    assert code == 1 and "no such file" in err and "is a directory" in err


def test_stdin_and_text_summary():
    proc = subprocess.run([sys.executable, "-m", "sumber.cli", "analyze", "-", "--language", "id", "--format", "text"],
                          input=GOOD, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "juru bicara polisi" in proc.stdout and "Menurut" in proc.stdout


def test_pathological_text_is_linear(tmp_path):
    import sumber

    def seconds(text: str) -> float:
        t = time.perf_counter()
        sumber.analyze(text, language="en")
        return time.perf_counter() - t

    quotes_small = '"a" said. ' * 1000
    quotes_large = '"a" said. ' * 10000
    line_small = ("word " * 20000).strip()
    line_large = ("word " * 200000).strip()  # one 1 MB line
    ratio_q = seconds(quotes_large) / max(seconds(quotes_small), 1e-3)
    ratio_l = seconds(line_large) / max(seconds(line_small), 1e-3)
    # ten times the input may cost ten times the time, plus noise; quadratic would be ~100x
    assert ratio_q < 30, ratio_q
    assert ratio_l < 30, ratio_l
