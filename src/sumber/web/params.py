"""Query parameters of the listings, validated once for the API and the web page.

Each model turns into the store's own filter (``ClaimFilter`` …), so the web
asks the store exactly what ``sumber claims`` asks.  Unknown parameters are
refused (a typo should not silently return everything); empty form fields
count as absent, so the page's search form can submit every field.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sumber.store import ArticleFilter, ClaimFilter, EventFilter, PlaceFilter

Stance = Literal["asserts", "denies", "unconfirmed"]
Status = Literal["asserted", "denied", "unconfirmed", "hypothetical"]
LinkKind = Literal["duplicate_of", "syndicated_from", "translation_of", "same_claim", "contradicts", "cites"]
LINK_KINDS: tuple[str, ...] = LinkKind.__args__  # type: ignore[attr-defined]
MAX_LIMIT = 1000
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class _Query(BaseModel):
    """Filters every listing shares."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    q: str | None = Field(None, max_length=500, description='full-text search: all words must match; "quoted words" as a phrase')
    lang: str | None = Field(None, description="article language code, e.g. id or en")
    since: str | None = Field(None, pattern=_DAY, description="from this date on (YYYY-MM-DD, YYYY-MM or YYYY)")
    until: str | None = Field(None, pattern=_DAY, description="up to and including this date")
    outlet: str | None = Field(None, max_length=200, description="exact outlet name")
    limit: int | None = Field(None, ge=1, le=MAX_LIMIT, description=f"rows per page (1..{MAX_LIMIT})")
    cursor: str | None = Field(None, max_length=400, description="continue where the previous page stopped (next_cursor)")

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str | None) -> str | None:
        if v is not None and not _LANG.match(v):
            raise ValueError("a language code such as 'id' or 'en'")
        return v

    def base(self) -> dict[str, Any]:
        return {"since": self.since, "until": self.until, "lang": self.lang, "text": self.q, "outlet": self.outlet}

    def filter(self) -> ArticleFilter:
        """The store filter these parameters ask for."""
        raise NotImplementedError

    def args(self) -> dict[str, Any]:
        """The parameters given (for building page links), without the cursor."""
        return {k: v for k, v in self.model_dump(exclude_none=True).items() if k != "cursor" and v is not False}


class ArticleQuery(_Query):
    def filter(self) -> ArticleFilter:
        return ArticleFilter(**self.base())


class ClaimQuery(_Query):
    source: str | None = Field(None, max_length=200, description="the speaker's name or description contains this")
    about: str | None = Field(None, max_length=200, description="about an actor or place (name) or a country (ISO code, e.g. KP)")
    stance: Stance | None = Field(None, description="asserts, denies or unconfirmed")
    contradicted: bool = Field(False, description="only claims in a contradiction")
    linked: LinkKind | None = Field(None, description="only claims at either end of a link of this kind")

    def filter(self) -> ClaimFilter:
        linked = "contradicts" if self.contradicted else self.linked
        return ClaimFilter(**self.base(), source=self.source, about=self.about, stance=self.stance, linked=linked)


class EventQuery(_Query):
    type: str | None = Field(None, pattern=r"^[A-Za-z_]{2,40}$", description="PLOVER event type, e.g. MOBILIZE")
    status: Status | None = Field(None, description="asserted, denied, unconfirmed or hypothetical")
    about: str | None = Field(None, max_length=200, description="actor or target (name, or a country ISO code)")
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="country of the event's place (ISO code)")

    def filter(self) -> EventFilter:
        return EventFilter(**self.base(), type=self.type, status=self.status, about=self.about, country=self.country)


class PlaceQuery(_Query):
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="country ISO code")
    name: str | None = Field(None, max_length=200, description="place name contains this, or a gazetteer id")

    def filter(self) -> PlaceFilter:
        return PlaceFilter(**self.base(), country=self.country, name=self.name)


class LinkQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: LinkKind | None = Field(None, description="link kind")
    article: str | None = Field(None, pattern=r"^[0-9a-f]{4,64}$", description="links touching this article")
    item: str | None = Field(None, max_length=100, description="with article: links touching this attribution or event id")
    limit: int | None = Field(None, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, max_length=400)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    @model_validator(mode="after")
    def _item_needs_article(self) -> "LinkQuery":
        if self.item and not self.article:
            raise ValueError("'item' needs 'article' as well")
        return self


QUERIES: dict[str, type[_Query]] = {"articles": ArticleQuery, "claims": ClaimQuery, "events": EventQuery,
                                    "places": PlaceQuery}
