"""Small helpers the templates use: query strings for links, labels, short ids."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

STANCE_LABEL = {"asserts": "asserts", "denies": "denies", "unconfirmed": "unconfirmed"}
LANGUAGES = {"id": "Indonesian", "en": "English"}


def qs(args: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` of ``args`` with ``changes`` applied (None removes a key); '' when empty."""
    merged = {**args, **changes}
    pairs = [(k, "true" if v is True else v) for k, v in merged.items() if v not in (None, "", False)]
    return "?" + urlencode(pairs) if pairs else ""


def short(article_id: str | None) -> str:
    return (article_id or "")[:8]


def path(value: str) -> str:
    """Quote one path segment (ids are hex and attribution ids are simple, but never trust them)."""
    return quote(str(value), safe="")


def clip(text: str | None, n: int = 220) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1].rstrip() + "…"


GLOBALS = {"qs": qs, "LANGUAGES": LANGUAGES}
FILTERS = {"short": short, "path": path, "clip": clip}
