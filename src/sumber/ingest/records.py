"""JSON article records from the tools news arrives from: news-please, trafilatura, or plain.

Each format is recognised by its own field names; the text is kept exactly as
given (offsets index it), dates become ISO strings, and the crawl date stays
apart from the publication date.
"""

from __future__ import annotations

import re
from typing import Any

from sumber.errors import InputError
from sumber.model import Article, Marker

_PLAIN_FIELDS = ("title", "url", "language", "published", "outlet", "crawled")
_SPACE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(:\d{2})?)")


def iso(value: Any) -> str | None:
    """A date or date-time string in ISO form ('2024-10-22 08:00:00' -> '2024-10-22T08:00:00')."""
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    m = _SPACE_TIME.match(v)
    if m:
        v = f"{m.group(1)}T{m.group(2)}{v[m.end():]}"
    return v


def lang_code(value: object) -> str | None:
    """Primary language subtag, lower case ('en-US' -> 'en'); None when absent or malformed."""
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _str(obj: dict, key: str) -> str | None:
    v = obj.get(key)
    return v.strip() or None if isinstance(v, str) else None


def _outlet_marker(outlet: str | None) -> list[Marker]:
    return [Marker(kind="outlet", text=outlet, name=outlet)] if outlet else []


def detect_format(obj: dict) -> str:
    """``news-please``, ``trafilatura`` or ``plain`` from the record's field names."""
    if "maintext" in obj or "date_publish" in obj or "source_domain" in obj:
        return "news-please"
    if "raw_text" in obj or "source-hostname" in obj or ("fingerprint" in obj and "hostname" in obj):
        return "trafilatura"
    return "plain"


def _text(obj: dict, key: str, name: str) -> str:
    text = obj.get(key)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{name}: JSON article has no '{key}' (or it is empty)")
    return text


def from_news_please(obj: dict, name: str) -> Article:
    outlet = _str(obj, "source_domain")
    return Article(
        text=_text(obj, "maintext", name),
        title=_str(obj, "title"),
        url=_str(obj, "url"),
        outlet=outlet,
        language=lang_code(obj.get("language")),
        published=iso(obj.get("date_publish")),
        crawled=iso(obj.get("date_download")),
        extractor="news-please",
        provenance=_outlet_marker(outlet),
        source=name,
    )


def from_trafilatura(obj: dict, name: str) -> Article:
    outlet = _str(obj, "sitename") or _str(obj, "hostname") or _str(obj, "source-hostname")
    url = _str(obj, "url") or _str(obj, "source")
    if url and not url.startswith(("http://", "https://")):
        url = None
    return Article(
        text=_text(obj, "text", name),
        title=_str(obj, "title"),
        url=url,
        outlet=outlet,
        language=lang_code(obj.get("language")),
        published=iso(obj.get("date")),
        crawled=iso(obj.get("filedate")),
        extractor="trafilatura (JSON)",
        provenance=_outlet_marker(outlet),
        source=name,
    )


def from_plain(obj: dict, name: str) -> Article:
    kwargs = {k: obj.get(k) for k in _PLAIN_FIELDS if isinstance(obj.get(k), str)}
    for k in ("published", "crawled"):
        if k in kwargs:
            kwargs[k] = iso(kwargs[k])
    if "language" in kwargs:
        kwargs["language"] = lang_code(kwargs["language"])
    return Article(text=_text(obj, "text", name), extractor="json", source=name,
                   provenance=_outlet_marker(kwargs.get("outlet")), **kwargs)


def article_from_record(obj: object, name: str) -> Article:
    """One JSON object as an ``Article``, whichever of the known formats it is in."""
    if not isinstance(obj, dict):
        raise InputError(f"{name}: a JSON article must be an object with a 'text' (or news-please 'maintext') field")
    fmt = detect_format(obj)
    if fmt == "news-please":
        return from_news_please(obj, name)
    if fmt == "trafilatura":
        return from_trafilatura(obj, name)
    return from_plain(obj, name)
