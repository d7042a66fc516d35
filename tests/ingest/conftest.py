"""Fixtures for ingest tests: a local HTTP server with routes a test fills in."""

from __future__ import annotations

import http.server
import threading

import pytest

from ingest_support import Handler


@pytest.fixture
def web():
    """A local server; returns (base_url, port, routes dict to fill)."""
    routes: dict = {}
    handler = type("H", (Handler,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    yield f"http://127.0.0.1:{port}", port, routes
    server.shutdown()
    server.server_close()
