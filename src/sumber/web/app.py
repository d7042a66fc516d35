"""The web app: JSON API, server-rendered pages and static files over one store.

``create_app(store_url, ...)`` builds a FastAPI app; ``sumber serve`` runs it
with uvicorn.  The app only reads unless it was created with
``allow_ingest=True`` and a token, and every error a user can cause becomes a
4xx with a one-line message (JSON under ``/api``, a page elsewhere).
"""

from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.templating import Jinja2Templates

from sumber import __version__
from sumber.errors import StoreError, SumberError
from sumber.web.cache import ClaimViews
from sumber.web.claimview import claim_detail
from sumber.web.config import WebConfig
from sumber.web.guard import Limits, SecurityHeaders
from sumber.web.pool import StorePool

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


def leaflet_dir() -> Path | None:
    """Leaflet's files from the ``xstatic-leaflet`` package (served locally, never from a CDN)."""
    try:
        import xstatic.pkg.leaflet as leaflet
    except ImportError:
        return None
    return Path(leaflet.BASE_DIR)


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    from sumber.web import render

    env.globals.update(render.GLOBALS)
    env.filters.update(render.FILTERS)
    return Jinja2Templates(env=env)


def _message(exc: RequestValidationError) -> str:
    """One line naming each bad parameter and what is wrong with it."""
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "request"
        if err.get("type") == "extra_forbidden":
            parts.append(f"unknown parameter '{name}'")
        elif err.get("type") == "missing":
            parts.append(f"missing parameter '{name}'")
        else:
            msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            parts.append(f"bad parameter '{name}': {msg}")
    return "; ".join(parts) or "bad request"


def create_app(store_url: str, *, allow_ingest: bool = False, token: str | None = None,
               config: WebConfig | None = None, **options: Any) -> FastAPI:
    """A FastAPI app over the store at ``store_url`` (SQLite path or postgresql:// URL).

    ``allow_ingest`` enables ``POST /api/articles``, which then needs
    ``Authorization: Bearer TOKEN`` (a random token is made when none is given;
    read it from ``app.state.config.token``).  Other ``options`` set fields of
    ``WebConfig`` (rate, burst, max_body, allowed_hosts, page_size, …).
    """
    cfg = config or WebConfig(store_url=store_url, allow_ingest=allow_ingest, token=token, **options)
    if cfg.allow_ingest and not cfg.token:
        cfg.token = secrets.token_urlsafe(24)
    pool = StorePool(cfg.store_url, cfg.pool_size)
    views = ClaimViews(pool, claim_detail)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        yield
        views.close()
        pool.close()

    app = FastAPI(title="Sumber", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Who said what, about whom, where and when — and who denies it. Read-only JSON API "
                              "over a Sumber store; listings page with stable cursors (`next_cursor`).")
    app.state.config = cfg
    app.state.pool = pool
    app.state.claim_views = views
    app.state.templates = _templates()

    from sumber.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    leaflet = leaflet_dir()
    if leaflet is not None:
        app.mount("/vendor/leaflet", StaticFiles(directory=str(leaflet)), name="leaflet")

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return app.state.templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                                    status_code=status)

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 400, _message(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error(request, 400, exc.message)

    @app.exception_handler(SumberError)
    async def sumber_error(request: Request, exc: SumberError) -> Response:
        return error(request, 400, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        elif exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        resp = error(request, exc.status_code, message)
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    # Outermost first: headers on every answer, then limits before any work.
    app.add_middleware(Limits, config=cfg)
    app.add_middleware(SecurityHeaders)
    return app
