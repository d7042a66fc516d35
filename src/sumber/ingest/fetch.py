"""Fetch a URL safely with httpx: timeouts, a size cap, few redirects, no private addresses.

The address check sits in the connection itself (a guarded httpcore network
backend): every hop of a redirect chain is resolved, every resolved address
checked, and the connection made to the checked address — so neither a
redirect to ``http://10.0.0.1/`` nor a DNS name that resolves to 127.0.0.1 can
reach the local network unless ``allow_private`` is set.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

from sumber import __version__
from sumber.errors import FetchError
from sumber.ingest.files import DEFAULT_MAX_BYTES

USER_AGENT = f"sumber/{__version__} (news analysis; +https://pypi.org/project/sumber/)"
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one fetch. ``allow_addresses`` lists exact ``(ip, port)`` exceptions (e.g. a local mirror)."""

    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    timeout: float = 15.0
    deadline: float = 60.0
    allow_addresses: frozenset[tuple[str, int]] = field(default_factory=frozenset)


@dataclass
class Fetched:
    url: str
    requested: str
    content_type: str
    charset: str | None
    data: bytes
    fetched: str
    redirects: list[str]


def address_problem(ip: str) -> str | None:
    """Why connecting to ``ip`` is refused by default (loopback, private...), or None if it is public."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    mapped = getattr(addr, "ipv4_mapped", None)
    if mapped is not None:
        addr = mapped
    for name in ("loopback", "link_local", "unspecified", "multicast", "reserved", "private"):
        if getattr(addr, f"is_{name}", False):
            return f"{name.replace('_', '-')} address"
    if not addr.is_global:
        return "non-public address"
    return None


def _guarded_backend(policy: FetchPolicy):  # noqa: ANN202 - httpcore type
    import httpcore

    class GuardedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # noqa: ANN001, ANN202
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except socket.gaierror as exc:
                raise FetchError(f"cannot resolve host '{host}' ({exc.strerror})") from None
            ips = list(dict.fromkeys(info[4][0] for info in infos))
            if not policy.allow_private:
                for ip in ips:
                    problem = address_problem(ip)
                    if problem and (ip, port) not in policy.allow_addresses:
                        raise FetchError(f"refused to connect to {host} ({ip}, a {problem}); "
                                         "use --allow-private to fetch local or private addresses")
            last: Exception | None = None
            for ip in ips:
                try:
                    return super().connect_tcp(ip, port, timeout, local_address, socket_options)
                except httpcore.ConnectError as exc:
                    last = exc
            raise last or FetchError(f"cannot connect to {host}")

    return GuardedBackend()


def _client(policy: FetchPolicy):  # noqa: ANN202 - httpx type
    import httpcore
    import httpx

    transport = httpx.HTTPTransport(retries=0)
    old = transport._pool  # swap in a pool whose connections go through the address guard
    transport._pool = httpcore.ConnectionPool(ssl_context=old._ssl_context, max_connections=4,
                                              network_backend=_guarded_backend(policy))
    return httpx.Client(transport=transport, follow_redirects=False, trust_env=False,
                        timeout=httpx.Timeout(policy.timeout), headers={"User-Agent": USER_AGENT})


def _check_scheme(url: str, origin: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{origin}: refused '{scheme}:' URL {url} (only http and https)")


def fetch(url: str, policy: FetchPolicy | None = None) -> Fetched:
    """GET ``url`` following at most ``policy.max_redirects`` redirects; FetchError on any refusal."""
    import httpx

    policy = policy or FetchPolicy()
    start = time.monotonic()
    current = url
    hops: list[str] = []
    try:
        with _client(policy) as client:
            for _ in range(policy.max_redirects + 1):
                _check_scheme(current, url)
                with client.stream("GET", current) as resp:
                    if resp.status_code in _REDIRECTS:
                        loc = resp.headers.get("location")
                        if not loc:
                            raise FetchError(f"{url}: redirect without a Location")
                        current = urljoin(str(resp.url), loc)
                        hops.append(current)
                        continue
                    if resp.status_code != 200:
                        raise FetchError(f"{url}: HTTP {resp.status_code} {resp.reason_phrase}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                        raise FetchError(f"{url}: {int(declared) / 1e6:.1f} MB is over the "
                                         f"{policy.max_bytes / 1e6:.0f} MB limit (--max-bytes)")
                    buf = bytearray()
                    for chunk in resp.iter_bytes():
                        buf += chunk
                        if len(buf) > policy.max_bytes:
                            raise FetchError(f"{url}: more than the {policy.max_bytes / 1e6:.0f} MB limit (--max-bytes)")
                        if time.monotonic() - start > policy.deadline:
                            raise FetchError(f"{url}: download took longer than {policy.deadline:.0f} s")
                    ctype = resp.headers.get("content-type", "")
                    return Fetched(
                        url=str(resp.url), requested=url, content_type=ctype.split(";")[0].strip().lower(),
                        charset=resp.charset_encoding, data=bytes(buf),
                        fetched=datetime.now(timezone.utc).replace(microsecond=0).isoformat(), redirects=hops)
            raise FetchError(f"{url}: more than {policy.max_redirects} redirects")
    except FetchError as exc:
        if hops and "refused to connect" in exc.message:
            raise FetchError(f"{url}: redirected to {hops[-1]}: {exc.message}") from None
        if not exc.message.startswith(url):
            raise FetchError(f"{url}: {exc.message}") from None
        raise
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out after {policy.timeout:.0f} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
