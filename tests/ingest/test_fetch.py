"""URL fetching refuses private and loopback addresses at every redirect hop."""

from __future__ import annotations

import pytest

from ingest_support import PAGE
from sumber.errors import FetchError
from sumber.ingest.fetch import FetchPolicy, address_problem, fetch


@pytest.mark.parametrize("ip,problem", [("127.0.0.1", "loopback"), ("10.0.0.1", "private"), ("192.168.1.9", "private"),
                                        ("169.254.169.254", "link-local"), ("::1", "loopback"),
                                        ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "unspecified"),
                                        ("100.64.0.1", "non-public")])
def test_non_public_addresses_are_named(ip, problem):
    assert problem in address_problem(ip)


def test_public_address_is_fine():
    assert address_problem("93.184.216.34") is None


def test_loopback_url_refused_by_default(web):
    base, port, routes = web
    routes["/page"] = (200, {"Content-Type": "text/html"}, PAGE)
    with pytest.raises(FetchError, match="loopback.*--allow-private"):
        fetch(base + "/page")
    got = fetch(base + "/page", FetchPolicy(allow_private=True))
    assert got.data == PAGE and got.content_type == "text/html"


@pytest.mark.parametrize("target", ["http://127.0.0.1:{other}/page", "http://10.0.0.1/admin", "http://localhost:{other}/x"])
def test_redirect_to_private_address_refused(web, target):
    base, port, routes = web
    routes["/go"] = (302, {"Location": target.format(other=port + 1 if port < 65535 else port - 1)}, b"")
    # the first hop is allowed explicitly (a stand-in for a public server); the redirect is not
    policy = FetchPolicy(allow_addresses=frozenset({("127.0.0.1", port)}), timeout=3)
    with pytest.raises(FetchError, match="redirected to .*(loopback|private)"):
        fetch(base + "/go", policy)


def test_redirects_are_capped_and_followed(web):
    base, port, routes = web
    for i in range(8):
        routes[f"/r{i}"] = (301, {"Location": f"/r{i + 1}"}, b"")
    routes["/r8"] = (200, {"Content-Type": "text/html"}, PAGE)
    ok = FetchPolicy(allow_private=True, max_redirects=8)
    got = fetch(base + "/r0", ok)
    assert got.url.endswith("/r8") and len(got.redirects) == 8
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(base + "/r0", FetchPolicy(allow_private=True, max_redirects=3))


def test_size_cap_and_http_errors(web):
    base, port, routes = web
    routes["/big"] = (200, {"Content-Type": "text/html"}, b"x" * 5000)
    routes["/gone"] = (410, {}, b"")
    with pytest.raises(FetchError, match="limit"):
        fetch(base + "/big", FetchPolicy(allow_private=True, max_bytes=1000))
    with pytest.raises(FetchError, match="HTTP 410"):
        fetch(base + "/gone", FetchPolicy(allow_private=True))
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd")
