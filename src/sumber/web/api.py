"""The JSON API under ``/api``: listings with stable cursors, details, search, exports, map data.

Listings answer ``{"items": [...], "next_cursor": ..., "next": URL}``; pass
``cursor`` (or follow ``next``) for the following page.  Every filter is the
store's own (see ``sumber.web.params``); bad values are a 400 with a message.
The only write, ``POST /api/articles``, exists when the server was started
with ``--allow-ingest`` and needs its bearer token.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, create_model

from sumber.store import ArticleFilter, ClaimFilter, Store
from sumber.web import cache, geo
from sumber.web.claimview import summarize
from sumber.web.params import (
    MAX_LIMIT,
    QUERIES,
    ArticleQuery,
    ClaimQuery,
    EventQuery,
    LinkQuery,
    PlaceQuery,
    _Query,
)
from sumber.web.render import qs

router = APIRouter(prefix="/api")
CLAIM_WAIT = 60.0  # seconds an API request waits for a claim view being gathered
ArticleId = Annotated[str, Path(pattern=r"^[0-9a-f]{4,64}$", description="article id (or a unique prefix of it)")]
ItemId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,100}$", description="attribution id within the article, e.g. a1")]


class ListPage(BaseModel):
    items: list[dict[str, Any]] = Field(description="rows of this page")
    next_cursor: str | None = Field(None, description="pass as 'cursor' for the next page; null on the last page")
    next: str | None = Field(None, description="URL of the next page")


def store_dep(request: Request) -> Iterator[Store]:
    with request.app.state.pool.store() as s:
        yield s


StoreDep = Annotated[Store, Depends(store_dep)]


def _limit(request: Request, q: _Query | LinkQuery) -> int:
    return q.limit or request.app.state.config.page_size


def _page(request: Request, rows: list[dict[str, Any]], cursor: str | None) -> ListPage:
    nxt = None
    if cursor:
        args = dict(request.query_params)
        args["cursor"] = cursor
        nxt = request.url.path + qs(args)
    return ListPage(items=rows, next_cursor=cursor, next=nxt)


@router.get("/stats", summary="Counts of what the store holds")
def stats(request: Request, store: StoreDep) -> dict[str, Any]:
    cfg = request.app.state.config
    return {"counts": store.counts(), "read_only": not cfg.allow_ingest, "schema_version": store.schema_version()}


@router.get("/articles", response_model=ListPage, summary="Articles, newest first (without their text)")
def articles(request: Request, store: StoreDep, q: Annotated[ArticleQuery, Query()]) -> ListPage:
    page = store.articles(q.filter(), _limit(request, q), q.cursor)
    return _page(request, page.rows, page.next_cursor)


def _resolve(store: Store, article_id: str) -> str:
    from sumber.errors import StoreError

    try:
        return store.resolve_id(article_id)
    except StoreError as exc:
        if "no article" in exc.message:  # the store's message names its path: keep that to the server
            raise HTTPException(404, f"no article with id '{article_id}'") from None
        raise


@router.get("/articles/{article_id}", summary="One article with its text and full analysis")
def article(store: StoreDep, article_id: ArticleId) -> dict[str, Any]:
    aid = _resolve(store, article_id)
    row = store.get_article(aid)
    analysis = store.get_analysis(aid)
    if row is None or analysis is None:
        raise HTTPException(404, f"no article with id '{article_id}'")
    return {"article": row, "analysis": analysis.to_dict()}


@router.get("/claims", response_model=ListPage,
            summary="Claims (attributed statements), newest first, with who asserts and who denies them")
def claims(request: Request, store: StoreDep, q: Annotated[ClaimQuery, Query()]) -> ListPage:
    page = store.claims(q.filter(), _limit(request, q), q.cursor)
    return _page(request, summarize(store, page.rows), page.next_cursor)


@router.get("/claims/{article_id}/{item}", summary="A claim: every source that asserts or denies it, links, citation chain")
def claim(request: Request, store: StoreDep, article_id: ArticleId, item: ItemId) -> dict[str, Any]:
    aid = _resolve(store, article_id)
    detail, ready = request.app.state.claim_views.get(store, aid, item, wait=CLAIM_WAIT)
    if not ready:
        raise HTTPException(503, "this claim's cluster is large and still being gathered; retry shortly",
                            headers={"retry-after": "5"})
    if detail is None:
        raise HTTPException(404, f"no claim '{item}' in article {aid}")
    return detail


@router.get("/events", response_model=ListPage, summary="Events, newest first")
def events(request: Request, store: StoreDep, q: Annotated[EventQuery, Query()]) -> ListPage:
    page = store.events(q.filter(), _limit(request, q), q.cursor)
    return _page(request, page.rows, page.next_cursor)


@router.get("/places", response_model=ListPage, summary="Places, most mentioned first")
def places(request: Request, store: StoreDep, q: Annotated[PlaceQuery, Query()]) -> ListPage:
    page = cache.places(store, q.filter(), _limit(request, q), q.cursor)
    return _page(request, page.rows, page.next_cursor)


@router.get("/links", response_model=ListPage, summary="Links between articles and claims (Link JSON contract)")
def links(request: Request, store: StoreDep, q: Annotated[LinkQuery, Query()]) -> ListPage:
    page = store.links(q.kind, q.article, q.item, _limit(request, q), q.cursor)
    return _page(request, page.rows, page.next_cursor)


class SearchQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    q: str = Field(min_length=1, max_length=500, description='words (all must match); "quoted words" as a phrase')
    limit: int = Field(20, ge=1, le=200, description="results per kind")


@router.get("/search", summary="Full-text search over articles and claims")
def search(request: Request, store: StoreDep, q: Annotated[SearchQuery, Query()]) -> dict[str, Any]:
    arts = store.articles(ArticleFilter(text=q.q), q.limit)
    cls = store.claims(ClaimFilter(text=q.q), q.limit)
    return {"query": q.q, "articles": arts.rows, "claims": summarize(store, cls.rows),
            "more_articles": f"/api/articles{qs({'q': q.q, 'cursor': arts.next_cursor})}" if arts.next_cursor else None,
            "more_claims": f"/api/claims{qs({'q': q.q, 'cursor': cls.next_cursor})}" if cls.next_cursor else None}


class MapQuery(_Query):
    layers: str = Field("places,events", pattern=r"^(places|events)(,(places|events))?$",
                        description="places, events or both (comma-separated)")


@router.get("/map", summary="GeoJSON of places and events with coordinates (for the map)")
def map_data(request: Request, store: StoreDep, q: Annotated[MapQuery, Query()]) -> dict[str, Any]:
    limit = min(q.limit or request.app.state.config.map_limit, request.app.state.config.map_limit)
    layers = set(q.layers.split(","))
    base = q.base()
    features = geo.features(store, base, layers, limit)
    return {"type": "FeatureCollection", "features": features}


# -- exports ------------------------------------------------------------------------------

EXPORT_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
                "geojson": "application/geo+json"}


def _stream(request: Request, listing: str, q: _Query, fmt: str) -> StreamingResponse:
    """Stream every row of a filtered listing; the store is held only while writing."""
    if fmt == "geojson" and listing not in ("places", "events"):
        raise HTTPException(400, f"bad parameter 'format': geojson is available for places and events, not {listing}")
    if q.limit or q.cursor:
        raise HTTPException(400, "bad parameter 'limit'/'cursor': an export streams every matching row; "
                                 "page through /api/" + listing + " instead")
    flt = q.filter()  # validate before the response starts
    pool = request.app.state.pool

    def rows() -> Iterator[dict[str, Any]]:
        with pool.store() as store:
            yield from store.iterate(listing, flt)

    body = {"csv": _csv, "jsonl": _jsonl, "geojson": geo.stream}[fmt](rows())
    name = f"sumber-{listing}.{fmt}"
    return StreamingResponse(body, media_type=EXPORT_MEDIA[fmt],
                             headers={"content-disposition": f'attachment; filename="{name}"'})


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    buf: list[str] = []
    for r in rows:
        buf.append(json.dumps(r, ensure_ascii=False))
        if len(buf) >= 500:
            yield ("\n".join(buf) + "\n").encode()
            buf = []
    if buf:
        yield ("\n".join(buf) + "\n").encode()


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    out = io.StringIO()
    writer = None
    for n, r in enumerate(rows):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(r), extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else
                             ("true" if v is True else "false" if v is False else v)) for k, v in r.items()})
        if n % 500 == 499:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue().encode()


def _export_model(model: type[_Query]) -> type[_Query]:
    """The listing's filters plus ``format`` (the query models refuse unknown parameters)."""
    fmt = Field("jsonl", description="csv, jsonl, or geojson (places and events)")
    return create_model(f"{model.__name__}Export", __base__=model,
                        format=(Literal["csv", "jsonl", "geojson"], fmt))  # type: ignore[call-overload,arg-type,misc,maybe-unrecognized-str-typeform]


def _export_route(listing: str, model: type[_Query]) -> Callable[..., StreamingResponse]:
    def export(request, q):  # noqa: ANN001 - annotations set below (the model is a variable)
        return _stream(request, listing, q, q.format)

    export.__annotations__ = {"request": Request, "q": Annotated[_export_model(model), Query()],
                              "return": StreamingResponse}
    export.__name__ = f"export_{listing}"
    return export


for _listing, _model in QUERIES.items():
    router.add_api_route(f"/export/{_listing}", _export_route(_listing, _model), methods=["GET"],
                         summary=f"Export every {_listing[:-1]} matching the filters (csv, jsonl; geojson for places, events)",
                         response_class=StreamingResponse)


# -- the one write ------------------------------------------------------------------------

class NewArticle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$", description="language code; detected when absent")
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", description="ISO date or date-time")


class NewArticles(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[NewArticle] = Field(min_length=1, max_length=100)


def writer(request: Request) -> None:
    """Allow a write only on an ingest-enabled server, with its token."""
    cfg = request.app.state.config
    if not cfg.allow_ingest:
        raise HTTPException(403, "this server is read-only; start it with 'sumber serve --allow-ingest' to add articles")
    header = request.headers.get("authorization", "")
    given = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not given or not hmac.compare_digest(given.encode(), (cfg.token or "").encode()):
        raise HTTPException(401, "missing or wrong token (send 'Authorization: Bearer TOKEN')",
                            headers={"www-authenticate": "Bearer"})


@router.post("/articles", dependencies=[Depends(writer)], status_code=201,
             summary="Analyze and store articles (only with --allow-ingest and the bearer token)")
async def add_articles(request: Request, body: NewArticles) -> dict[str, Any]:
    from sumber.analyze import analyze
    from sumber.model import Article

    def work() -> dict[str, Any]:
        analyses = [analyze(Article(text=a.text, title=a.title, url=a.url, outlet=a.outlet, language=a.language,
                                    published=a.published, extractor="api"), language=a.language)
                    for a in body.articles]
        with request.app.state.pool.store() as store:
            result = store.write(analyses)
        return {"new": result.new, "existing": result.existing, "ids": [x.article.id for x in analyses]}

    return await run_in_threadpool(work)


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """A readable list of the endpoints, drawn from the OpenAPI document (no external scripts)."""
    spec = request.app.openapi()
    return request.app.state.templates.TemplateResponse(request, "apidocs.html", {"spec": spec, "max_limit": MAX_LIMIT})
