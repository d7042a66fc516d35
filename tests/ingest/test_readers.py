"""Readers: JSON formats, JSON Lines, feeds, WARC archives, HTML; bad input refused clearly."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sumber.errors import InputError
from sumber.ingest.feeds import parse_feed
from sumber.ingest.files import read_article
from sumber.ingest.html import fragment_to_text
from sumber.ingest.items import PageFile, RawPage
from sumber.ingest.records import article_from_record, detect_format, iso, lang_code
from sumber.ingest.sources import kind_of, read_file
from sumber.ingest.warc import read_warc

BODY = "Hujan deras merendam tiga kelurahan. Kepala dinas mengatakan dua ratus warga mengungsi."


def test_news_please_record():
    rec = {"maintext": BODY, "title": "Banjir", "url": "https://contoh.id/banjir", "date_publish": "2024-03-05 07:15:00",
           "date_download": "2024-03-06 01:00:00", "source_domain": "contoh.id", "language": "id"}
    a = article_from_record(rec, "np.json")
    assert detect_format(rec) == "news-please"
    assert (a.text, a.published, a.crawled, a.outlet, a.extractor) == (BODY, "2024-03-05T07:15:00", "2024-03-06T01:00:00",
                                                                       "contoh.id", "news-please")
    assert a.provenance[0].kind == "outlet" and a.id  # id from the URL


def test_trafilatura_record():
    rec = {"title": "Banjir", "hostname": "contoh.id", "date": "2024-03-05", "fingerprint": "ab", "raw_text": BODY,
           "text": BODY, "language": "id", "filedate": "2024-03-07", "source": "https://contoh.id/b", "source-hostname": "contoh.id"}
    a = article_from_record(rec, "t.json")
    assert detect_format(rec) == "trafilatura"
    assert (a.url, a.published, a.crawled, a.outlet) == ("https://contoh.id/b", "2024-03-05", "2024-03-07", "contoh.id")


def test_plain_record_and_refusals():
    a = article_from_record({"text": BODY, "language": "en-GB", "published": "2024-01-02 03:04:05"}, "p.json")
    assert a.language == "en" and a.published == "2024-01-02T03:04:05" and a.extractor == "json"
    with pytest.raises(InputError, match="no 'text'"):
        article_from_record({"title": "only"}, "x.json")
    with pytest.raises(InputError, match="maintext"):
        article_from_record({"maintext": "  "}, "y.json")
    with pytest.raises(InputError, match="must be an object"):
        article_from_record([1, 2], "z.json")


@given(st.text(max_size=40))
def test_lang_code_and_iso_never_raise(value):
    code = lang_code(value)
    assert code is None or code.isalpha() and code.islower()
    assert iso(value) is None or isinstance(iso(value), str)


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_fragment_to_text_never_raises(fragment):
    assert isinstance(fragment_to_text(fragment), str)


def test_fragment_keeps_paragraphs():
    assert fragment_to_text("<p>Satu <b>dua</b>.</p><p>Tiga<br>empat</p><script>x()</script>") == "Satu dua.\n\nTiga\n\nempat"


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar Contoh</title><language>id</language>
<item><title>Banjir</title><link>https://contoh.id/1</link><pubDate>Tue, 05 Mar 2024 07:00:00 GMT</pubDate>
<description>&lt;p&gt;{body}&lt;/p&gt;</description><source url="https://kantor.example/rss">Kantor Berita Contoh</source></item>
<item><title>Hanya judul</title><link>https://contoh.id/2</link></item>
</channel></rss>""".replace("{body}", BODY)


def test_rss_entries_become_articles():
    out = list(parse_feed(RSS.encode(), "f.rss"))
    art, err = out
    assert art.text == BODY and art.outlet == "Kabar Contoh" and art.language == "id"
    assert art.published == "2024-03-05T07:00:00Z" and art.url == "https://contoh.id/1"
    assert [m.kind for m in art.provenance] == ["outlet", "syndication"]
    assert isinstance(err, InputError) and "no text" in str(err)


def test_entity_expansion_bomb_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa">' +
            "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) +
            ']><rss version="2.0"><channel><title>&i;</title><item><title>x</title><description>&i;</description></item></channel></rss>')
    with pytest.raises(InputError, match="entity-expansion"):
        list(parse_feed(bomb.encode(), "bomb.rss"))


def test_not_a_feed():
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        list(parse_feed(b"<html><body>no</body></html>", "x.xml"))


def _warc(path, pages, gzip=False):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        for i, (ctype, body) in enumerate(pages):
            hdrs = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            rec = w.create_warc_record(f"https://contoh.id/{i}", "response", payload=io.BytesIO(body),
                                       http_headers=hdrs, length=len(body))
            w.write_record(rec)


PAGE = ("<html><body><article>" + "".join(f"<p>{BODY} Paragraf {i}.</p>" for i in range(4)) + "</article></body></html>").encode()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_records_with_offsets(tmp_path, gz):
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    _warc(path, [("text/html; charset=utf-8", PAGE), ("image/png", b"\x89PNG"), ("text/html", PAGE.replace(b"Paragraf", b"Bagian"))], gz)
    items = list(read_warc(str(path), 10_000_000))
    assert [type(i) for i in items] == [RawPage, RawPage]
    offsets = [int(i.source.rsplit("#", 1)[1]) for i in items]
    assert offsets[0] == 0 and offsets[1] > 0
    assert items[0].url == "https://contoh.id/0" and items[1].url == "https://contoh.id/2" and items[0].crawled
    # the offset points at the record: reading from there gives that record first
    from warcio.archiveiterator import ArchiveIterator
    with open(path, "rb") as fh:
        fh.seek(offsets[1])
        rec = next(iter(ArchiveIterator(fh)))
        assert rec.rec_headers.get_header("WARC-Target-URI") == "https://contoh.id/2"


def test_truncated_warc_keeps_earlier_records(tmp_path):
    path = tmp_path / "t.warc"
    _warc(path, [("text/html", PAGE)] * 3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    items = list(read_warc(str(path), 10_000_000))
    assert [type(i) for i in items[:2]] == [RawPage, RawPage]
    assert isinstance(items[2], InputError) and "truncated" in str(items[2])


def test_garbage_warc_is_an_error(tmp_path):
    path = tmp_path / "g.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00not really gzip at all" * 10)
    items = list(read_warc(str(path), 10_000_000))
    assert len(items) == 1 and isinstance(items[0], InputError) and "WARC" in str(items[0])


def test_html_without_text_is_refused(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title>Kosong</title></head><body><nav><a href='/'>Beranda</a></nav></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_article(str(p))


def test_jsonl_lines_and_overlong_line(tmp_path):
    p = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": f"{BODY} {i}"}) for i in range(3)]
    lines.insert(1, "{not json")
    lines.insert(2, json.dumps({"text": "x" * 5000}))
    p.write_text("\n".join(lines) + "\n")
    items = list(read_file(str(p), "jsonl", 1000))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "InputError", "InputError", "Article", "Article"]
    assert "invalid JSON" in str(items[1]) and "line=3" in str(items[2]) and "limit" in str(items[2])
    assert items[3].source.endswith("#line=4")


def test_huge_sparse_file_refused_without_reading(tmp_path):
    p = tmp_path / "besar.txt"
    with open(p, "wb") as fh:
        fh.truncate(1 << 30)  # 1 GiB, sparse: no disk used
    items = list(read_file(str(p), "text", 20 * 2**20))
    assert len(items) == 1 and isinstance(items[0], InputError) and "over the" in str(items[0])
    html = tmp_path / "besar.html"
    with open(html, "wb") as fh:
        fh.truncate(1 << 30)
    items = list(read_file(str(html), "html", 20 * 2**20))
    assert isinstance(items[0], InputError) and "over the" in str(items[0])


def test_kinds():
    assert kind_of("x/a.WARC.GZ") == "warc" and kind_of("a.jsonl.gz") == "jsonl" and kind_of("a.htm") == "html"
    assert kind_of("a.rss") == "feed" and kind_of("notes.md") is None


def test_html_file_is_read_in_a_worker(tmp_path):
    p = tmp_path / "a.html"
    p.write_bytes(PAGE)
    (item,) = list(read_file(str(p), "html", 10_000))
    assert isinstance(item, PageFile) and item.path == str(p)
