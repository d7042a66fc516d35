"""Server-rendered pages: content, links, escaping, and 4xx pages for bad parameters."""

from __future__ import annotations

import re
from html import unescape

import pytest

from webcorpus import PWNED


def _page(client, url: str, status: int = 200) -> str:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.text[:300])
    assert resp.headers["content-type"].startswith("text/html")
    return resp.text


def test_home_goes_to_the_claims(client):
    resp = client.get("/", follow_redirects=False)
    assert resp.status_code == 307 and resp.headers["location"] == "/claims"


def test_claims_list_shows_stances_badges_and_counts(client):
    html = _page(client, "/claims?limit=100")
    assert html.count('class="claim ') >= 20
    assert "badge-contradicted" in html and "independent source" in html
    assert "denied by" in html and "asserted by" in html
    contradicted = _page(client, "/claims?contradicted=true")
    assert contradicted.count('class="claim ') == contradicted.count("badge badge-contradicted")


def test_claims_pages_follow_the_cursor(client):
    first = _page(client, "/claims?limit=5&lang=en")
    nxt = re.search(r'rel="next" href="([^"]+)"', first).group(1)
    second = _page(client, unescape(nxt))
    ids1 = set(re.findall(r'data-claim="([^"]+)"', first))
    ids2 = set(re.findall(r'data-claim="([^"]+)"', second))
    assert len(ids1) == 5 and ids2 and not ids1 & ids2
    assert "lang=en" in unescape(nxt)


def test_filters_keep_their_values_in_the_form(client):
    html = _page(client, "/claims?stance=denies&source=water&since=2024-11-01")
    assert '<option value="denies" selected>' in html
    assert 'name="source" value="water"' in html and 'value="2024-11-01"' in html


def test_claim_page_lists_every_source(client, web_corpus):
    en = web_corpus["analyses"][0]
    first = next(x for x in en.attributions if x.stance == "asserts")
    html = _page(client, f"/claims/{en.article.id}/{first.id}")
    assert "Citation chain" in html and "badge-contradicted" in html
    rows = re.findall(r'<tr class="stance-(\w+)" data-claim="([^"]+)"', html)
    assert {s for s, _ in rows} >= {"asserts", "denies"}
    assert "Kantor Berita Contoh" in html and "Example Wire" in html  # outlets of both languages


def test_article_page_marks_every_item(client, web_corpus):
    a = web_corpus["analyses"][0]
    html = _page(client, f"/articles/{a.article.id}")
    sids = set(re.findall(r'data-sid="([^"]+)"', html))
    for at in a.attributions:
        assert f"{at.id}-source" in sids and f"{at.id}-cue" in sids
    for i in range(len(a.times)):
        assert f"t{i}" in sids
    assert 'id="legend"' in html and 'src="/static/article.js"' in html


def test_article_markup_is_shown_as_text(client, web_corpus):
    a = web_corpus["markup"]
    html = _page(client, f"/articles/{a.article.id}")
    assert f"<script>window.{PWNED}" not in html
    assert f"&lt;script&gt;window.{PWNED} = 1&lt;/script&gt;" in html  # title
    assert f"&lt;script&gt;window.{PWNED} = 2&lt;/script&gt;" in html  # text
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html  # outlet
    assert "<b>nothing</b>" not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/article.js" defer>']
    claims = _page(client, "/claims?outlet=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert "<img src=x" not in claims and "onerror=alert(1)" in unescape(claims)


def test_no_inline_script_or_style_anywhere(client, web_corpus):
    aid = web_corpus["analyses"][0].article.id
    for url in ("/claims", "/articles", f"/articles/{aid}", "/timeline", "/map", "/api/docs"):
        html = _page(client, url)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        tags = re.findall(r"<[a-zA-Z][^>]*>", html)  # real tags only: escaped text has no '<'
        assert not [t for t in tags if re.search(r"\s(on[a-z]+|style)=", t)], url
        assert "<style" not in html, url
        assert "http://" not in re.sub(r'href="https?://[^"]*"', "", html).replace("http://www.w3.org", ""), url


def test_timeline_draws_statements_and_events(client):
    html = _page(client, "/timeline")
    assert '<svg class="timeline"' in html
    bands = re.findall(r'data-band="(\w+)" data-stance="(\w+)"', html)
    assert {b for b, _ in bands} == {"statement", "event"}
    assert {s for _, s in bands} >= {"asserts", "denies"}
    denies = _page(client, "/timeline?stance=denies")
    assert {s for _, s in re.findall(r'data-band="(\w+)" data-stance="(\w+)"', denies)} == {"denies"}


def test_map_page_points_at_local_leaflet_and_data(client):
    html = _page(client, "/map?lang=en")
    assert 'src="/vendor/leaflet/leaflet.js"' in html and 'href="/vendor/leaflet/leaflet.css"' in html
    assert 'data-src="/api/map?lang=en"' in html and 'data-world="/static/world.geojson"' in html


def test_articles_list_and_search(client):
    html = _page(client, "/articles?q=reservoir")
    assert "Blogger claims reservoir burst" in html
    assert "Flood agency" not in _page(client, "/articles?lang=id")


@pytest.mark.parametrize("url, status, words", [
    ("/claims?stance=maybe", 400, "stance"), ("/claims?limit=0", 400, "limit"),
    ("/claims?since=2024-02-31", 400, "since"), ("/claims?cursor=xyz", 400, "cursor"),
    ("/articles/00ff00ff", 404, "no article"), ("/claims/00ff00ff/a1", 404, "no article"),
    ("/nowhere", 404, "nothing at /nowhere"), ("/timeline?bogus=1", 400, "unknown parameter"),
])
def test_bad_requests_get_an_error_page(client, url, status, words):
    html = _page(client, url, status)
    assert words in unescape(re.search(r'<p class="error-message">(.*?)</p>', html, re.S).group(1))


def test_static_files_and_templates_are_package_data():
    """Every file the app serves or renders matches pyproject's package-data globs (so a wheel ships it)."""
    import glob
    import tomllib
    from pathlib import Path

    import sumber

    root = Path(sumber.__file__).parent
    repo = root.parents[1]
    patterns = tomllib.loads((repo / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["sumber"]
    shipped = {Path(p).relative_to(root).as_posix() for pat in patterns
               for p in glob.glob(str(root / pat), recursive=True) if Path(p).is_file()}
    needed = {p.relative_to(root).as_posix() for d in ("web/static", "web/templates")
              for p in (root / d).rglob("*") if p.is_file()}
    assert needed and needed <= shipped, sorted(needed - shipped)
