"""The small records that flow from readers through the workers to the store.

Readers yield ``Article`` (ready), ``RawPage`` (HTML still to extract: costly,
so done in a worker), ``PageFile`` (an HTML file to read and extract in a
worker) or an ``InputError`` for an item that could not be read.  ``UnitDone``
closes one input (a file or URL) so it can be remembered once all its articles
are stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from sumber.model import article_id


@dataclass(slots=True)
class RawPage:
    html: str
    source: str
    url: str | None = None
    crawled: str | None = None

    @property
    def known_id(self) -> str | None:
        return article_id(self.url, "") if self.url else None


@dataclass(slots=True)
class PageFile:
    path: str
    source: str
    max_bytes: int


@dataclass(slots=True)
class UnitDone:
    """All items of one input have been yielded; remember it (when nothing failed) under key and fingerprint."""

    key: str
    fingerprint: str
    kind: str
    remember: bool = True


@dataclass(slots=True)
class Failure:
    source: str
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "code": self.code, "error": self.message}
