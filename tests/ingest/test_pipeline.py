"""Ingest end to end: batches keep going past bad input, reruns add nothing, kill -9 resumes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from ingest_support import PAGE, fake_analyzer
from sumber.cli import main
from sumber.ingest.fetch import FetchPolicy
from sumber.ingest.pipeline import IngestOptions, ingest
from sumber.ingest.synthetic import write_corpus
from sumber.store import open_store

FAKE = IngestOptions(workers=1, analyzer=fake_analyzer, batch_size=3)


def _bad_inputs(d):
    (d / "bomb.rss").write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                                '<rss version="2.0"><channel><item><description>&b;</description></item></channel></rss>')
    (d / "cut.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n")
    (d / "kosong.html").write_text("<html><body><div class='menu'></div></body></html>")
    with open(d / "raksasa.txt", "wb") as fh:
        fh.truncate(1 << 30)


def test_bad_inputs_are_reported_and_the_rest_lands(tmp_path, capsys):
    d = tmp_path / "in"
    write_corpus(d, 8)
    _bad_inputs(d)
    errors = tmp_path / "errors.jsonl"
    db = tmp_path / "s.db"
    code = main(["ingest", str(d), "--db", str(db), "--errors", str(errors), "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert "8 new articles" in err and "4 failed" in err
    lines = [json.loads(x) for x in errors.read_text().splitlines()]
    by_file = {os.path.basename(x["source"].split("#")[0]): x["error"] for x in lines}
    assert set(by_file) == {"bomb.rss", "cut.warc", "kosong.html", "raksasa.txt"}
    assert "entity-expansion" in by_file["bomb.rss"] and "truncated" in by_file["cut.warc"]
    assert "no article text" in by_file["kosong.html"] and "limit" in by_file["raksasa.txt"]
    with open_store(str(db)) as s:
        assert s.counts()["articles"] == 8
    # rerun: stored inputs are skipped unread, the failures are reported again
    code = main(["ingest", str(d), "--db", str(db), "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "0 new articles" in err and "8 inputs unchanged" in err and "4 failed" in err


def test_second_ingest_adds_nothing(tmp_path):
    d = tmp_path / "in"
    write_corpus(d, 12)
    with open_store(str(tmp_path / "s.db")) as s:
        first = ingest([str(d)], s, FAKE)
        counts = s.counts()
        second = ingest([str(d)], s, FAKE)
        assert (first.new, first.failed) == (12, 0)
        assert (second.new, second.unchanged) == (0, 12)
        assert s.counts() == counts
        # touched files are read again, but their articles are already stored
        for p in sorted(d.rglob("*.txt")):
            os.utime(p, (time.time() + 5, time.time() + 5))
        third = ingest([str(d)], s, FAKE)
        assert third.new == 0 and third.existing == 3 and third.unchanged == 9
        assert s.counts() == counts
        again = ingest([str(d)], s, IngestOptions(workers=1, analyzer=fake_analyzer, replace=True))
        assert again.replaced == 12 and s.counts() == counts


def test_resume_after_partial_jsonl(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("".join(json.dumps({"text": f"Kalimat nomor {i} tentang banjir di kota.", "url": f"https://c.id/{i}"}) + "\n"
                         for i in range(10)))
    with open_store(str(tmp_path / "s.db")) as s:
        # an earlier run that stored only the first four lines (and never marked the file done)
        from sumber.ingest.records import article_from_record
        s.write([fake_analyzer(article_from_record(json.loads(x), "a")) for x in p.read_text().splitlines()[:4]])
        report = ingest([str(p)], s, FAKE)
        assert (report.new, report.existing) == (6, 4)
        assert s.counts()["articles"] == 10 and s.source_fingerprints([str(p)])


def test_analyzer_crash_is_one_failure(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(json.dumps({"text": t}) for t in ["Warga mengungsi dari desa.", "Mesin MELEDAK di pabrik.",
                                                               "Jalan ditutup polisi."]))
    failures = []
    with open_store(str(tmp_path / "s.db")) as s:
        report = ingest([str(p)], s, FAKE, on_failure=failures.append)
        assert (report.new, report.failed) == (2, 1)
        assert failures[0].code == "E999" and "simulated analyzer crash" in failures[0].message
        assert not s.source_fingerprints([str(p)])  # not remembered: a rerun retries the failed line


def test_urls_local_refused_unless_allowed(tmp_path, web, capsys):
    base, port, routes = web
    routes["/berita"] = (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE)
    routes["/ke-sepuluh"] = (302, {"Location": "http://10.0.0.1/rahasia"}, b"")
    db = str(tmp_path / "s.db")
    assert main(["ingest", base + "/berita", "--db", db, "--workers", "1"]) == 1
    assert "loopback" in capsys.readouterr().err
    assert main(["ingest", base + "/berita", "--db", db, "--workers", "1", "--allow-private"]) == 0
    with open_store(db) as s:
        (row,) = s.articles().rows
        assert row["url"] == base + "/berita" and row["crawled"] and row["extractor"].startswith("trafilatura")
    # a redirect to a private address is refused even when the first server is trusted
    opts = IngestOptions(workers=1, analyzer=fake_analyzer,
                         policy=FetchPolicy(allow_addresses=frozenset({("127.0.0.1", port)}), timeout=3))
    with open_store(db) as s:
        report = ingest([base + "/ke-sepuluh", base + "/berita"], s, opts)
        assert report.failed == 1 and "10.0.0.1" in report.failures[0].message and "private" in report.failures[0].message
        assert report.unchanged == 1  # the page URL was stored by the earlier run


def test_worker_pool_and_progress(tmp_path, capsys):
    d = tmp_path / "in"
    write_corpus(d, 24)
    with open_store(str(tmp_path / "s.db")) as s:
        report = ingest([str(d)], s, IngestOptions(workers=2, batch_size=5, chunk_size=4), progress=True)
        assert (report.new, report.failed) == (24, 0), report.failures
        rows = s.articles(limit=100).rows
        assert {r["extractor"].split()[0] for r in rows} == {"text", "json", "news-please", "trafilatura"}
        langs = {r["language"] for r in rows}
        assert langs == {"id", "en"}
    assert "articles" in capsys.readouterr().err


def _integrity(db):
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')")
    n_art = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == n_art
    expected = sum(len(json.loads(a)["attributions"]) for (a,) in conn.execute("SELECT analysis FROM analyses"))
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == expected
    conn.close()
    return n_art


def test_kill_minus_9_then_rerun_completes(tmp_path):
    d = tmp_path / "in"
    n = 400
    write_corpus(d, n, chars=800)
    db = str(tmp_path / "s.db")
    cmd = [sys.executable, "-m", "sumber.cli", "ingest", str(d), "--db", db, "--batch-size", "10", "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.1)
        try:
            conn = sqlite3.connect(db, timeout=1)
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if stored >= 50:
            break
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _integrity(db)
    assert 50 <= partial < n
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert _integrity(db) == n
    assert "0 failed" in rerun.stderr
