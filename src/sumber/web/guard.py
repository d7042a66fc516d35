"""Safety middleware: security headers, host check, request size and rate limits.

Written as plain ASGI middleware (no per-request task switching) so it costs
microseconds.  Refusals are a clear message with a 4xx status: JSON under
``/api``, plain text elsewhere.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sumber.web.config import WebConfig

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Scripts, styles, images and data only from this server; no inline script or style attribute,
# no frames, no plugins, forms post only here.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


async def refuse(scope: Scope, send: Send, status: int, message: str,
                 headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    """Answer with ``status`` and ``message`` (JSON under /api, text elsewhere)."""
    if scope.get("path", "").startswith("/api"):
        body = json.dumps({"error": message, "status": status}).encode()
        ctype = b"application/json"
    else:
        body = (message + "\n").encode()
        ctype = b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the CSP and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in SECURITY_HEADERS if k not in names]]
            await send(message)

        await self.app(scope, receive, with_headers)


class TokenBucket:
    """Per-client token buckets: ``burst`` requests at once, refilled at ``rate`` per second."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self.buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> float:
        """0 when allowed, else the seconds to wait before the next request is."""
        now = self.clock()
        tokens, last = self.buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens >= 1:
            self.buckets[key] = (tokens - 1, now)
            if len(self.buckets) > 10_000:
                self._forget_idle(now)
            return 0.0
        self.buckets[key] = (tokens, now)
        return (1 - tokens) / self.rate if self.rate > 0 else 60.0

    def _forget_idle(self, now: float) -> None:
        full = [k for k, (t, last) in self.buckets.items() if t + (now - last) * self.rate >= self.burst]
        for k in full:
            del self.buckets[k]


class Limits:
    """Host check, query-length, body-size and rate limits (static files are not rate limited)."""

    def __init__(self, app: ASGIApp, config: WebConfig) -> None:
        self.app = app
        self.config = config
        self.bucket = TokenBucket(config.rate, config.burst) if config.rate > 0 else None
        self.hosts = {h.lower() for h in config.allowed_hosts} if config.allowed_hosts else None

    def _host_ok(self, scope: Scope) -> bool:
        if self.hosts is None:
            return True
        host = ""
        for k, v in scope.get("headers", []):
            if k == b"host":
                host = v.decode("latin-1").lower()
                break
        if host.startswith("["):
            host = host[: host.find("]") + 1]
        elif host.count(":") == 1:
            host = host.split(":")[0]
        return host in self.hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cfg = self.config
        if not self._host_ok(scope):
            await refuse(scope, send, 400, "unexpected Host header (this server answers only to its own address)")
            return
        if len(scope.get("query_string", b"")) > cfg.max_query:
            await refuse(scope, send, 414, f"query string longer than {cfg.max_query} characters")
            return
        path = scope.get("path", "")
        if self.bucket is not None and not path.startswith("/static/"):
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.bucket.take(client)
            if wait:
                await refuse(scope, send, 429, f"too many requests; retry in {wait:.1f} s",
                             ((b"retry-after", str(max(1, math.ceil(wait))).encode()),))
                return
        length = None
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    length = int(v)
                except ValueError:
                    await refuse(scope, send, 400, "bad Content-Length header")
                    return
        if length is not None and length > cfg.max_body:
            await refuse(scope, send, 413, f"request body larger than {cfg.max_body:,} bytes")
            return
        if length is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # A body without Content-Length (chunked) is read here, up to the limit, then replayed.
            body, complete = await _read_body(receive, cfg.max_body)
            if not complete:
                await refuse(scope, send, 413, f"request body larger than {cfg.max_body:,} bytes")
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send)


async def _read_body(receive: Receive, limit: int) -> tuple[bytes, bool]:
    """The request body, or (partial, False) as soon as it passes ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(parts), True
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", False
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts), True


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def inner() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return inner
