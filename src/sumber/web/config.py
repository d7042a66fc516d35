"""Settings of one web app: which store, whether it may write, and its limits.

Defaults are the safe ones: read-only, loopback only, small request bodies and a
per-client request rate that a person clicking around never reaches but a
script hammering the API does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass
class WebConfig:
    store_url: str
    allow_ingest: bool = False
    token: str | None = None  # bearer token required by every write (with allow_ingest)
    rate: float = 20.0  # sustained requests per second per client
    burst: int = 100  # requests a client may make at once before the rate applies
    max_body: int = 1_000_000  # bytes in a request body
    max_query: int = 4096  # characters in a query string
    allowed_hosts: list[str] | None = None  # Host headers accepted (None: any; DNS-rebinding guard when set)
    page_size: int = 50  # rows per page on the web page and the API's default
    pool_size: int = 4  # store connections shared by request threads
    map_limit: int = 2000  # most places, and most events, sent to the map
    timeline_limit: int = 1000  # most statements and events drawn on the timeline
    extra: dict[str, str] = field(default_factory=dict)
