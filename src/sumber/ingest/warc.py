"""WARC (and ARC) archives, read as a stream with warcio; record offsets kept.

Each HTML response (status 200) becomes a ``RawPage`` whose source is
``path#offset`` (the byte offset of the record, so it can be found again), its
URL the target URI and its crawl date the WARC date.  Plain-text resource and
conversion records become articles directly.  A truncated or corrupt archive
yields an error for the broken record and stops; earlier records still land.
"""

from __future__ import annotations

from collections.abc import Iterator

from sumber.errors import InputError
from sumber.ingest.files import decode_text
from sumber.ingest.html import decode_html
from sumber.ingest.items import RawPage
from sumber.model import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.lower() == "charset" and v:
            return v.strip("\"' ")
    return None


def _check_head(path: str) -> None:
    """Refuse a file that does not start like a WARC or ARC archive (compressed or not)."""
    import gzip
    import zlib

    with open(path, "rb") as fh:
        head = fh.read(2)
    try:
        if head == b"\x1f\x8b":
            with gzip.open(path, "rb") as gz:
                start = gz.read(16)
        else:
            with open(path, "rb") as fh:
                start = fh.read(16)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: not a readable WARC archive ({exc})") from None
    if not start.lstrip().startswith((b"WARC/", b"filedesc://")):
        raise InputError(f"{path}: not a WARC or ARC archive (it starts with {start[:12]!r})")


def read_warc(path: str, max_bytes: int) -> Iterator[RawPage | Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator

    offset = 0
    try:
        _check_head(path)
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh, arc2warc=True)
            for record in it:
                kind = record.rec_type
                if kind not in ("response", "resource", "conversion"):
                    continue
                if kind == "response" and record.http_headers is not None:
                    status = record.http_headers.get_statuscode()
                    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                else:
                    status = "200"
                    ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
                wanted = status == "200" and (ctype.startswith(_HTML_TYPES) or ctype.startswith("text/plain"))
                data = record.content_stream().read(max_bytes + 1) if wanted else b""
                if not wanted:
                    continue
                missing = getattr(record.raw_stream, "limit", 0)
                offset = it.get_record_offset()
                where = f"{path}#{offset}"
                if len(data) > max_bytes:
                    yield InputError(f"{where}: record is over the {max_bytes / 1e6:.0f} MB limit (--max-bytes)")
                    continue
                if missing:
                    yield InputError(f"{where}: WARC is truncated ({missing} bytes of this record missing); stopped here")
                    return
                url = record.rec_headers.get_header("WARC-Target-URI") or None
                crawled = record.rec_headers.get_header("WARC-Date") or None
                try:
                    if ctype.startswith("text/plain"):
                        text = decode_text(data, where)
                        yield Article(text=text, url=url, crawled=crawled, extractor="warc text", source=where)
                    else:
                        yield RawPage(decode_html(data, where, _charset(ctype)), where, url, crawled)
                except InputError as exc:
                    yield exc
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror or exc})")
    except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib.error, ValueError... on damage
        yield InputError(f"{path}: truncated or corrupt WARC after offset {offset} ({type(exc).__name__}: {exc}); stopped here")
