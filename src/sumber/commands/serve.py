"""``sumber serve``: the web page and JSON API over a store (uvicorn; 127.0.0.1 unless told otherwise)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import sys

from sumber.errors import SumberError
from sumber.store import DEFAULT_DB

TOKEN_ENV = "SUMBER_TOKEN"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web page and read-only HTTP API over a store",
                       description="Serve the web page (claims, articles, timeline, map) and the JSON API "
                                   "(/api, OpenAPI at /api/openapi.json) over a store. Read-only unless "
                                   "--allow-ingest; listens on 127.0.0.1 unless --host says otherwise.")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or postgresql:// URL (default: {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--allow-ingest", action="store_true",
                   help=f"enable POST /api/articles (needs the token: --token or ${TOKEN_ENV}; one is made if absent)")
    p.add_argument("--token", help=f"bearer token for writes (prefer ${TOKEN_ENV}: arguments are visible to other users)")
    p.add_argument("--rate", type=float, default=20.0, help="requests per second per client (default: 20; 0: no limit)")
    p.add_argument("--burst", type=int, default=100, help="requests a client may make at once (default: 100)")
    p.add_argument("--max-body", type=int, default=1_000_000, help="largest request body in bytes (default: 1000000)")
    p.add_argument("--allowed-host", action="append", metavar="NAME",
                   help="Host header to accept (repeatable; default: loopback names when listening on loopback)")
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    """Fail with one clear line when the address cannot be listened on (uvicorn would log and exit)."""
    if not 0 < port < 65536:
        raise SumberError(f"--port {port} is not a port number (1-65535)")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise SumberError(f"--host {host}: cannot resolve ({exc.strerror})") from None
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as exc:
            raise SumberError(f"cannot listen on {host}:{port} ({exc.strerror})") from None


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from sumber.web import create_app
    from sumber.web.config import LOOPBACK_HOSTS

    if args.max_body < 1 or args.burst < 1 or args.rate < 0:
        raise SumberError("--max-body and --burst must be at least 1, --rate at least 0")
    token = args.token or os.environ.get(TOKEN_ENV) or None
    if token and not args.allow_ingest:
        print("sumber: note: a token was given without --allow-ingest; the server stays read-only", file=sys.stderr)
    loopback = is_loopback(args.host)
    hosts = args.allowed_host or (list(LOOPBACK_HOSTS) if loopback else None)
    _check_port(args.host, args.port)
    app = create_app(args.db, allow_ingest=args.allow_ingest, token=token, rate=args.rate, burst=args.burst,
                     max_body=args.max_body, allowed_hosts=hosts)
    cfg = app.state.config
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"sumber: serving {args.db} at http://{shown}:{args.port}/ "
          f"({'read-only' if not cfg.allow_ingest else 'ingest enabled'}; Ctrl-C to stop)", file=sys.stderr)
    if not loopback:
        print(f"sumber: warning: listening on {args.host}: other machines can read this store", file=sys.stderr)
    if cfg.allow_ingest and not token:
        print(f"sumber: write token (send 'Authorization: Bearer TOKEN'): {cfg.token}", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False,
                proxy_headers=False, date_header=True)
    return 0
