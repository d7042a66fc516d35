"""The corpus commands: claims, events, places, show, export — output formats and clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sumber.cli import main
from sumber.store import open_store
from sumber.store.testing import sample_analysis


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "c.db")
    with open_store(path) as s:
        s.write([sample_analysis(i) for i in range(8)])
    return path


def out_of(capsys, argv):
    code = main(argv)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def test_claims_table_and_machine_formats(db, capsys):
    code, out, _ = out_of(capsys, ["claims", "--db", db])
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["claim", "date", "lang", "stance"] and len(lines) == 2 + 16
    code, out, _ = out_of(capsys, ["claims", "--db", db, "--stance", "denies", "--format", "jsonl"])
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows and all(r["stance"] == "denies" for r in rows)
    code, out, _ = out_of(capsys, ["claims", "--db", db, "--about", "KP", "--format", "json"])
    rows = json.loads(out)
    assert rows and all("Korea Utara" in r["content"] for r in rows)
    code, out, _ = out_of(capsys, ["claims", "--db", db, "--text", "suasana tenang", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 8 and "content" in rows[0]
    code, out, _ = out_of(capsys, ["claims", "--db", db, "--source", "ardana", "--since", "2024-05", "--format", "jsonl"])
    assert all(json.loads(x)["date"] >= "2024-05" for x in out.splitlines())


def test_claims_pages_with_cursor(db, capsys):
    code, out, err = out_of(capsys, ["claims", "--db", db, "--limit", "5", "--format", "jsonl"])
    first = [json.loads(x) for x in out.splitlines()]
    cursor = err.split("--cursor ")[1].split()[0]
    code, out, err = out_of(capsys, ["claims", "--db", db, "--limit", "50", "--cursor", cursor, "--format", "jsonl"])
    rest = [json.loads(x) for x in out.splitlines()]
    assert len(first) == 5 and len(rest) == 11 and "--cursor" not in err
    keys = [(r["article_id"], r["ord"]) for r in first + rest]
    assert len(set(keys)) == 16


def test_events_places_show(db, capsys):
    code, out, _ = out_of(capsys, ["events", "--db", db, "--status", "denied", "--format", "jsonl"])
    assert code == 0 and all(json.loads(x)["status"] == "denied" for x in out.splitlines())
    code, out, _ = out_of(capsys, ["places", "--db", db])
    assert "Pokrovsk" in out and "48.28" in out
    aid = sample_analysis(2).article.id
    code, out, _ = out_of(capsys, ["show", aid[:8], "--db", db])
    assert code == 0 and "Laporan 2" in out and "--- text ---" in out and "unconfirmed" in out
    code, out, _ = out_of(capsys, ["show", aid, "--db", db, "--format", "json"])
    assert json.loads(out) == sample_analysis(2).to_dict()


def test_export_command(db, tmp_path, capsys):
    target = tmp_path / "x.geojson"
    code, out, err = out_of(capsys, ["export", "--db", db, "--format", "geojson", "--output", str(target)])
    assert code == 0 and json.loads(target.read_text())["type"] == "FeatureCollection" and "records" in err
    code, out, _ = out_of(capsys, ["export", "--db", db, "--format", "acled"])
    assert out.startswith("event_id_cnty,event_date,year,time_precision")


@pytest.mark.parametrize("argv,message", [
    (["claims", "--db", "{missing}"], "no such store"),
    (["claims", "--db", "{db}", "--since", "kemarin"], "not a date"),
    (["claims", "--db", "{db}", "--cursor", "xyz"], "invalid cursor"),
    (["show", "ffff0000", "--db", "{db}"], "no article"),
    (["events", "--db", "{db}", "--limit", "0"], "--limit"),
    (["export", "--db", "{db}", "--format", "ftm", "--what", "claims"], "not available"),
])
def test_errors_are_one_line(db, tmp_path, capsys, argv, message):
    argv = [a.format(db=db, missing=str(tmp_path / "none.db")) for a in argv]
    code, out, err = out_of(capsys, argv)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
