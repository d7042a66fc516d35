"""Web test fixtures: one analysed store per session, an API client, and a live server for the browser."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from webcorpus import build



def pytest_configure(config):
    # Starlette's TestClient asks for httpx2; httpx (installed) works the same for these tests.
    config.addinivalue_line("filterwarnings", "ignore:.*httpx2.*")


@pytest.fixture(scope="session")
def web_corpus(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("web") / "web.db"
    info = build(path)
    info["path"] = str(path)
    return info


@pytest.fixture(scope="session")
def store_path(web_corpus) -> str:
    return web_corpus["path"]


@pytest.fixture(scope="session")
def client(store_path):
    from fastapi.testclient import TestClient

    from sumber.web import create_app

    with TestClient(create_app(store_path, rate=0)) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(store_path):
    """The app served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    from sumber.web import create_app

    port = _free_port()
    app = create_app(store_path, allowed_hosts=["127.0.0.1", "localhost"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where browser tests save screenshots (kept as CI artifacts)."""
    out = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out
