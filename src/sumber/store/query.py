"""Query filters, pages with stable cursors, and the full-text query language.

Filters are plain dataclasses shared by the CLI, the exporters and the web API,
so every reader asks the store the same questions.  A cursor is the sort key of
the last row returned (opaque base64 JSON): pages stay stable while new
articles arrive, unlike offsets.

Full-text queries: words must all match; ``"quoted words"`` must match as a
phrase.  Words are runs of letters and digits, lower-cased — the same rule the
SQLite FTS5 ``unicode61`` tokenizer applies and the one used to fill
PostgreSQL's ``tsvector``, so both backends match the same articles.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sumber.errors import StoreError
from sumber.model import STANCES

_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
# PostgreSQL limits: positions 1..16383, 256 positions per lexeme, lexemes < 2 KB.
_PG_MAX_POS = 16383
_PG_MAX_POSITIONS = 256
_PG_MAX_LEXEME = 500


def tokens(text: str | None) -> list[str]:
    """Lower-cased runs of letters and digits."""
    return _WORD.findall((text or "").lower())


def parse_search(query: str) -> list[list[str]]:
    """A query as a list of terms; each term is one word or a phrase (several words)."""
    terms = []
    for m in _PHRASE.finditer(query or ""):
        words = tokens(m.group(1) if m.group(1) is not None else m.group(2))
        if m.group(1) is not None:
            if words:
                terms.append(words)
        else:
            terms.extend([w] for w in words)
    if not terms:
        raise StoreError(f"full-text query '{query}' has no words to search for")
    return terms


def fts5_query(query: str) -> str:
    """FTS5 MATCH expression: every term quoted, implicitly AND-ed."""
    return " ".join('"' + " ".join(t) + '"' for t in parse_search(query))


def tsquery(query: str) -> str:
    """PostgreSQL ``tsquery`` literal with the same meaning as ``fts5_query``."""
    parts = []
    for t in parse_search(query):
        words = [f"'{w[:_PG_MAX_LEXEME]}'" for w in t]
        parts.append(words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


def tsvector(*texts: str | None) -> str:
    """PostgreSQL ``tsvector`` literal of the texts' words with positions (no server-side parsing)."""
    positions: dict[str, list[int]] = {}
    pos = 0
    for text in texts:
        for w in tokens(text):
            pos = min(pos + 1, _PG_MAX_POS)
            lst = positions.setdefault(w[:_PG_MAX_LEXEME], [])
            if len(lst) < _PG_MAX_POSITIONS and (not lst or lst[-1] != pos):
                lst.append(pos)
    return " ".join(f"'{w}':{','.join(map(str, p))}" for w, p in positions.items())


def like_pattern(needle: str) -> str:
    """``%needle%`` with LIKE wildcards escaped (use with ``ESCAPE '\\'``)."""
    esc = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, size: int) -> list[Any] | None:
    if not cursor:
        return None
    try:
        pad = "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(cursor + pad))
    except (ValueError, TypeError):
        raise StoreError(f"invalid cursor '{cursor}'") from None
    if not isinstance(key, list) or len(key) != size:
        raise StoreError(f"invalid cursor '{cursor}' (from another listing?)")
    return key


def check_day(value: str | None, name: str) -> str | None:
    """Validate ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a date-time is cut to its day)."""
    if value is None or str(value).strip() == "":
        return None
    v = str(value).strip()[:10]
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
            raise ValueError(v)
        date.fromisoformat(v if len(v) == 10 else (v + "-01-01")[:10])
    except ValueError:
        raise StoreError(f"{name} '{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
    return v


@dataclass
class ArticleFilter:
    """Filters shared by every listing. Dates are ``YYYY[-MM[-DD]]``, inclusive."""

    since: str | None = None
    until: str | None = None
    lang: str | None = None
    text: str | None = None
    outlet: str | None = None
    articles: list[str] | None = None

    def __post_init__(self) -> None:
        self.since = check_day(self.since, "--since")
        self.until = check_day(self.until, "--until")
        if self.until and len(self.until) < 10:
            # an incomplete --until covers the whole month or year
            self.until = self.until + "\uffff"


@dataclass
class ClaimFilter(ArticleFilter):
    """Claims (attributions): who said it, about whom, with what stance.

    ``about`` matches a country code (two capital letters) exactly, otherwise any
    part of the name of an actor or place mentioned in the claim's content or in
    the events it contains.  ``linked`` keeps claims at either end of a link of
    that kind (e.g. ``contradicts``).
    """

    source: str | None = None
    about: str | None = None
    stance: str | None = None
    linked: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.stance and self.stance not in STANCES:
            raise StoreError(f"stance '{self.stance}' is not one of {', '.join(STANCES)}")


@dataclass
class EventFilter(ArticleFilter):
    """Events: ``type`` (PLOVER), ``status``, ``about`` actor or target, ``country`` of the place."""

    type: str | None = None
    status: str | None = None
    about: str | None = None
    country: str | None = None


@dataclass
class PlaceFilter(ArticleFilter):
    country: str | None = None
    name: str | None = None


@dataclass
class Page:
    """Rows of one page and the cursor for the next (None at the end)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    next_cursor: str | None = None
