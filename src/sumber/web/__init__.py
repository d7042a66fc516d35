"""The web page and HTTP API over a store (``sumber serve``).

``create_app(store_url, ...)`` returns a FastAPI app: a read-only JSON API with
an OpenAPI document, server-rendered pages (claims, a claim, articles with every
extracted span highlighted, a timeline, a map on an offline world outline) and
their static files, all served locally.
"""

from sumber.web.app import create_app
from sumber.web.config import WebConfig

__all__ = ["create_app", "WebConfig"]
