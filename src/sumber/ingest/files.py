"""Single-article readers for text, HTML and JSON files (and stdin).

Bad input is refused with an ``InputError`` that names the file and the problem:
empty, binary, not UTF-8, too large.  Nothing is silently dropped or guessed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sumber.errors import InputError
from sumber.ingest.records import article_from_record
from sumber.model import Article, Marker

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MIN_WORDS = 5  # fewer words than this in a page's main text is navigation or boilerplate, not an article


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM tolerated); refuse empty, binary and undecodable input."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    if not text.strip():
        raise InputError(f"{name}: empty input")
    return text


def read_limited(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file or stdin ('-') but refuse more than ``max_bytes``."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a directory (use 'sumber ingest' for directories)")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (--max-bytes)")
        try:
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: more than the {max_bytes / 1e6:.0f} MB limit (--max-bytes)")
    return data


def article_from_text(text: str, source: str | None = None) -> Article:
    """Plain text: the first line is the title when a blank line follows it."""
    lines = text.split("\n", 2)
    if len(lines) >= 3 and lines[0].strip() and not lines[1].strip() and len(lines[0]) <= 300:
        title = lines[0].strip()
        body = lines[2]
        offset = len(lines[0]) + len(lines[1]) + 2
        body_start = offset + (len(body) - len(body.lstrip("\n")))
        return Article(text=text[body_start:], title=title, extractor="text", source=source)
    return Article(text=text, extractor="text", source=source)


def article_from_json(obj: object, name: str) -> Article:
    """A JSON article (plain ``{"text", "title"?, ...}``, news-please or trafilatura JSON); text unchanged."""
    return article_from_record(obj, name)


def article_from_html(html: str, name: str, url: str | None = None, crawled: str | None = None) -> Article:
    """Main text and metadata of an HTML page, extracted with trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_precision=True)
    except Exception as exc:  # trafilatura/lxml raise many kinds on malformed pages
        raise InputError(f"{name}: HTML could not be parsed ({type(exc).__name__})") from None
    if doc is None:
        raise InputError(f"{name}: no article text found in the HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(f"{name}: no article text found in the HTML"
                         + (f" (only {words} word{'s' * (words != 1)} outside the markup)" if words else ""))
    outlet = data.get("sitename") or None
    return Article(
        text=text,
        title=data.get("title") or None,
        url=url or data.get("url") or None,
        outlet=outlet,
        language=None,
        published=data.get("date") or None,
        crawled=crawled,
        extractor=f"trafilatura {trafilatura.__version__}",
        provenance=[Marker(kind="outlet", text=outlet, name=outlet)] if outlet else [],
        source=name,
    )


def read_article(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article from a .txt, .html/.htm or .json file, or stdin ('-', sniffed)."""
    name = "<stdin>" if path == "-" else path
    text = decode_text(read_limited(path, max_bytes), name)
    suffix = Path(path).suffix.lower() if path != "-" else ""
    head = text.lstrip()[:200].lower()
    if suffix == ".json" or (not suffix and head.startswith("{")):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: invalid JSON ({exc.msg} at line {exc.lineno})") from None
        return article_from_json(obj, name)
    if suffix in (".html", ".htm", ".xhtml") or (not suffix and (head.startswith("<!doctype html") or head.startswith("<html"))):
        return article_from_html(text, name)
    return article_from_text(text, source=name)
