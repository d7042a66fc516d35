"""Turn ``sumber ingest`` arguments (files, directories, feeds, archives, URLs) into items.

Files are recognised by extension (content is sniffed for a file named
explicitly with an unknown one); directories are walked in sorted order,
skipping hidden entries and files of unknown type.  An input already ingested
completely (same size and modification time, or the same URL) is skipped
without being read, which is what makes a repeated ingest fast.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sumber.errors import InputError, SumberError
from sumber.ingest.feeds import looks_like_feed, parse_feed
from sumber.ingest.fetch import FetchPolicy, fetch
from sumber.ingest.files import article_from_text, decode_text, read_limited
from sumber.ingest.html import decode_html
from sumber.ingest.items import PageFile, RawPage, UnitDone
from sumber.ingest.records import article_from_record
from sumber.ingest.warc import read_warc
from sumber.model import Article, normalize_url

_KINDS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
}
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")

Item = Article | RawPage | PageFile | InputError | UnitDone


@dataclass
class PlanOptions:
    max_bytes: int
    policy: FetchPolicy
    replace: bool = False


def kind_of(path: str) -> str | None:
    name = os.path.basename(path).lower()
    for suffix in sorted(_KINDS, key=len, reverse=True):
        if name.endswith(suffix):
            return _KINDS[suffix]
    return None


def is_url(src: str) -> bool:
    return src.startswith(("http://", "https://"))


def fingerprint(path: str) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}"


def _sniff(path: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith((b"WARC/", b"filedesc://")) or head[:2] == b"\x1f\x8b" and ".warc" in path.lower():
        return "warc"
    stripped = head.lstrip()
    if looks_like_feed(head):
        return "feed"
    if stripped[:1] == b"<":
        return "html"
    if stripped[:1] == b"{":
        return "jsonl" if b"\n{" in stripped else "json"
    return "text"


def _jsonl(path: str, max_bytes: int) -> Iterator[Article | InputError]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            for n, line in enumerate(iter(lambda: fh.readline(max_bytes + 1), b""), start=1):
                where = f"{path}#line={n}"
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    while True:  # skip the rest of an over-long line without holding it
                        rest = fh.readline(1 << 20)
                        if not rest or rest.endswith(b"\n"):
                            break
                    yield InputError(f"{where}: line is over the {max_bytes / 1e6:.0f} MB limit (--max-bytes)")
                    continue
                if not line.strip():
                    continue
                try:
                    yield article_from_record(json.loads(decode_text(line, where)), where)
                except json.JSONDecodeError as exc:
                    yield InputError(f"{where}: invalid JSON ({exc.msg})")
                except InputError as exc:
                    yield exc
    except (OSError, EOFError) as exc:
        yield InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})")


def _json(path: str, max_bytes: int) -> Iterator[Article | InputError]:
    text = decode_text(read_limited(path, max_bytes), path)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(obj, list):
        for i, rec in enumerate(obj):
            try:
                yield article_from_record(rec, f"{path}#{i}")
            except InputError as exc:
                yield exc
    else:
        yield article_from_record(obj, path)


def read_file(path: str, kind: str, max_bytes: int) -> Iterator[Article | RawPage | PageFile | InputError]:
    """Items of one file; an unreadable file yields one ``InputError``."""
    try:
        if kind == "html":
            size = os.stat(path).st_size
            if size > max_bytes:
                raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (--max-bytes)")
            yield PageFile(path, path, max_bytes)
        elif kind == "text":
            yield article_from_text(decode_text(read_limited(path, max_bytes), path), source=path)
        elif kind == "json":
            yield from _json(path, max_bytes)
        elif kind == "jsonl":
            yield from _jsonl(path, max_bytes)
        elif kind == "feed":
            yield from parse_feed(read_limited(path, max_bytes), path)
        elif kind == "warc":
            yield from read_warc(path, max_bytes)
        else:
            raise InputError(f"{path}: unknown kind of input '{kind}'")
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror or exc})")


def read_url(url: str, opts: PlanOptions) -> Iterator[Item]:
    """Items fetched from one URL: a page, a feed's entries, a text or JSON document."""
    key = normalize_url(url)
    try:
        got = fetch(url, opts.policy)
    except SumberError as exc:
        yield InputError(exc.message)
        yield UnitDone(key, "", "url", remember=False)
        return
    name = got.url
    remember = True
    try:
        if got.content_type in _FEED_TYPES or (got.content_type.endswith("xml") and looks_like_feed(got.data)):
            remember = False  # feeds change: fetch again next time, known entries are skipped by id
            yield from parse_feed(got.data, name, crawled=got.fetched)
        elif got.content_type in ("application/json", "application/x-ndjson"):
            lines = got.data.splitlines() if got.content_type.endswith("ndjson") else [got.data]
            for i, line in enumerate(lines):
                if line.strip():
                    art = article_from_record(json.loads(decode_text(line, name)), name if len(lines) == 1 else f"{name}#line={i + 1}")
                    art.crawled = art.crawled or got.fetched
                    yield art
        elif got.content_type == "text/plain":
            art = article_from_text(decode_text(got.data, name), source=name)
            yield Article(text=art.text, title=art.title, url=got.url, crawled=got.fetched, extractor="text", source=name)
        else:
            if got.content_type and "html" not in got.content_type and not looks_like_feed(got.data):
                raise InputError(f"{name}: content type '{got.content_type}' is not an article (HTML, text, feed or JSON)")
            if looks_like_feed(got.data) and "html" not in got.content_type:
                remember = False
                yield from parse_feed(got.data, name, crawled=got.fetched)
            else:
                yield RawPage(decode_html(got.data, name, got.charset), name, got.url, got.fetched)
    except InputError as exc:
        remember = False
        yield exc
    except json.JSONDecodeError as exc:
        remember = False
        yield InputError(f"{name}: invalid JSON ({exc.msg})")
    yield UnitDone(key, "", "url", remember=remember)


def _walk(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield os.path.join(dirpath, name)


def plan(sources: Iterable[str], opts: PlanOptions, known: Callable[[list[str]], dict[str, str]],
         counts: dict[str, int]) -> Iterator[Item]:
    """Every item of every source, each input closed by a ``UnitDone``.

    ``known(keys)`` returns fingerprints of inputs already ingested (the store's
    ``source_fingerprints``); ``counts`` receives ``unchanged`` and ``ignored``.
    """
    for src in sources:
        if is_url(src):
            key = normalize_url(src)
            if not opts.replace and known([key]):
                counts["unchanged"] += 1
                continue
            yield from read_url(src, opts)
            continue
        p = Path(src)
        if p.is_dir():
            files = []
            for f in _walk(src):
                if kind_of(f) is None:
                    counts["ignored"] += 1
                else:
                    files.append(f)
                if len(files) >= 256:
                    yield from _files(files, opts, known, counts)
                    files = []
            yield from _files(files, opts, known, counts)
        elif p.is_file():
            yield from _files([src], opts, known, counts)
        elif p.exists():
            yield InputError(f"{src}: not a regular file or directory")
        else:
            yield InputError(f"{src}: no such file, directory or URL")


def _files(paths: list[str], opts: PlanOptions, known: Callable[[list[str]], dict[str, str]],
           counts: dict[str, int]) -> Iterator[Item]:
    keys = {}
    for path in paths:
        try:
            keys[path] = (os.path.abspath(path), fingerprint(path))
        except OSError:
            keys[path] = (os.path.abspath(path), "")
    stored = {} if opts.replace else known([k for k, _ in keys.values()])
    for path in paths:
        key, fp = keys[path]
        if fp and stored.get(key) == fp:
            counts["unchanged"] += 1
            continue
        try:
            kind = kind_of(path) or _sniff(path)
        except OSError as exc:
            yield InputError(f"{path}: cannot read ({exc.strerror})")
            continue
        yield from read_file(path, kind, opts.max_bytes)
        yield UnitDone(key, fp, kind, remember=bool(fp))
