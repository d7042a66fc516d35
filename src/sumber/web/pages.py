"""Server-rendered pages: claims, a claim, articles, an article, the timeline and the map.

Pages read the store through the same filters and views as the API and are
complete without JavaScript, except the map (Leaflet) and the article
inspector, which only add to what is already on the page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sumber.model import STANCES
from sumber.store import EventFilter
from sumber.web import timeline
from sumber.web.api import ArticleId, ItemId, StoreDep, _resolve
from sumber.web.claimview import quick_detail, summarize
from sumber.web.highlight import LEGEND, marks, render
from sumber.web.params import LINK_KINDS, ArticleQuery, ClaimQuery
from sumber.web.render import qs

router = APIRouter(include_in_schema=False)
MAX_REPORT_ROWS = 200  # reports listed on a claim page; the API gives them all
PAGE_WAIT = 0.15  # seconds a claim page waits for the full cluster before showing the direct links


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    cfg = request.app.state.config
    context.setdefault("read_only", not cfg.allow_ingest)
    return request.app.state.templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def home() -> Response:
    return RedirectResponse("/claims", status_code=307)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, store: StoreDep, q: Annotated[ClaimQuery, Query()]) -> HTMLResponse:
    limit = q.limit or request.app.state.config.page_size
    page = store.claims(q.filter(), limit, q.cursor)
    rows = summarize(store, page.rows)
    return _page(request, "claims.html", rows=rows, args=q.args(), q=q, next_cursor=page.next_cursor,
                 stances=STANCES, first=not q.cursor)


@router.get("/claims/{article_id}/{item}", response_class=HTMLResponse)
def claim_page(request: Request, store: StoreDep, article_id: ArticleId, item: ItemId) -> HTMLResponse:
    aid = _resolve(store, article_id)
    views = request.app.state.claim_views
    detail, ready = views.get(store, aid, item, wait=PAGE_WAIT)
    if not ready:  # a large cluster: show the direct links now, the whole cluster on the next load
        detail = quick_detail(store, aid, item)
        if detail is None:
            detail, ready = views.get(store, aid, item, wait=30)
            if not ready:
                raise HTTPException(503, "this claim is still being gathered; reload in a few seconds")
    if detail is None:
        raise HTTPException(404, f"no claim '{item}' in article {aid}")
    return _page(request, "claim.html", d=detail, max_rows=MAX_REPORT_ROWS)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, store: StoreDep, q: Annotated[ArticleQuery, Query()]) -> HTMLResponse:
    limit = q.limit or request.app.state.config.page_size
    page = store.articles(q.filter(), limit, q.cursor)
    return _page(request, "articles.html", rows=page.rows, args=q.args(), q=q, next_cursor=page.next_cursor,
                 first=not q.cursor)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, article_id: ArticleId) -> HTMLResponse:
    aid = _resolve(store, article_id)
    row = store.get_article(aid)
    analysis = store.get_analysis(aid)
    if row is None or analysis is None:
        raise HTTPException(404, f"no article with id '{article_id}'")
    spans = marks(analysis)
    html, misplaced = render(analysis.article.text, spans)
    links = store.links(None, aid, None, 200).rows
    counts: dict[str, int] = {}
    for m in spans:
        counts[m.kind] = counts.get(m.kind, 0) + 1
    return _page(request, "article.html", article=row, a=analysis, text_html=html, misplaced=misplaced,
                 legend=LEGEND, counts=counts, links=links, link_kinds=LINK_KINDS)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: StoreDep, q: Annotated[ClaimQuery, Query()]) -> HTMLResponse:
    n = min(q.limit or request.app.state.config.timeline_limit, request.app.state.config.timeline_limit)
    flt = q.filter()
    claims = store.claims(flt, n).rows
    evf = EventFilter(since=flt.since, until=flt.until, lang=flt.lang, text=q.q, outlet=flt.outlet, about=q.about)
    events = [] if (q.source or q.stance or q.contradicted or q.linked) else store.events(evf, n).rows
    items = timeline.items_from(claims, events)
    lay = timeline.layout(items)
    recent = sorted(items, key=lambda i: i.day, reverse=True)[:200]
    return _page(request, "timeline.html", lay=lay, recent=recent, args=q.args(), q=q, stances=STANCES,
                 n_claims=len(claims), n_events=len(events), limit=n)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, q: Annotated[ArticleQuery, Query()]) -> HTMLResponse:
    return _page(request, "map.html", args=q.args(), q=q, data_url="/api/map" + qs(q.args()))
