"""Browser tests: Playwright drives Debian's Chromium against a live server on 127.0.0.1.

Skipped, with the reason, when /usr/bin/chromium or the playwright package is
missing (CI installs Chromium with .ci/setup.d/20-chromium.sh).  Screenshots go
to artifacts/screenshots/; with SUMBER_UPDATE_DOCS_SCREENSHOTS=1 the claim page
and the map are also written to docs/screenshots/ for the README.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from webcorpus import PWNED

CHROMIUM = os.environ.get("SUMBER_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.browser


def _skip_reason() -> str | None:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium; CI: .ci/setup.d/20-chromium.sh)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
                                                   viewport={"width": 1280, "height": 860})
        yield ctx
        ctx.close()


class Watch:
    """Everything a page did that it should not: script errors, CSP violations, dialogs, outside requests."""

    def __init__(self, page, base: str) -> None:
        self.problems: list[str] = []
        host = urlsplit(base).netloc
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

        def route(r):
            if urlsplit(r.request.url).netloc != host and not r.request.url.startswith("data:"):
                self.problems.append(f"outside request: {r.request.url}")
                r.abort()
            else:
                r.continue_()

        page.route("**/*", route)


@pytest.fixture
def page(browser, live_server):
    pg = browser.new_page()
    pg.watch = Watch(pg, live_server)
    yield pg
    problems = pg.watch.problems
    pg.close()
    assert problems == []


def _shot(page, screenshots: Path, name: str, docs: bool = False) -> None:
    path = screenshots / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 5000
    if docs and os.environ.get("SUMBER_UPDATE_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{name}.png")


def test_claims_list_loads(page, live_server, screenshots):
    page.goto(f"{live_server}/claims")
    items = page.locator("ol.claims li.claim")
    assert items.count() >= 20
    assert page.locator(".badge-contradicted").count() >= 2
    assert page.locator("li.claim .chip-denies").count() >= 1
    _shot(page, screenshots, "claims")
    page.fill('form.filters input[name="source"]', "water")
    page.select_option('form.filters select[name="stance"]', "denies")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/claims?*stance=denies*")
    speakers = page.locator("li.claim .speaker").all_inner_texts()
    assert speakers and all("water" in s.lower() or "air" in s.lower() for s in speakers)


def test_open_a_contradiction(page, live_server, screenshots):
    page.goto(f"{live_server}/claims?contradicted=true&lang=en")
    first = page.locator("li.claim.is-contradicted.stance-asserts a.proposition").last
    proposition = first.inner_text()
    first.click()
    page.wait_for_url("**/claims/*/*")
    assert page.locator("h1.proposition-title").inner_text().strip() == proposition.strip().rstrip("…")
    assert page.locator("#sources tr.stance-asserts").count() >= 1
    assert page.locator("#sources tr.stance-denies").count() >= 1
    assert page.locator(".claim-summary .badge-contradicted").count() == 1
    assert page.locator(".chain li").count() >= 2  # the Indonesian report cites this one
    _shot(page, screenshots, "claim", docs=True)


def test_article_spans_are_highlighted(page, live_server, web_corpus, screenshots):
    from sumber.web.highlight import marks

    a = web_corpus["analyses"][0]
    page.goto(f"{live_server}/articles/{a.article.id}")
    got = page.evaluate("""() => {
        const out = {};
        for (const el of document.querySelectorAll('#article-text [data-sid]')) {
            const sid = el.dataset.sid;
            if (el.parentElement.closest('[data-sid="' + CSS.escape(sid) + '"]')) continue;
            out[sid] = (out[sid] || '') + el.textContent;
        }
        return out;
    }""")
    expected = {m.sid: a.article.text[m.start:m.end] for m in marks(a)}
    assert got == expected
    assert page.inner_text("#article-text") == a.article.text.replace("\r", "")
    # hover shows the normalized values of everything under the pointer
    t = a.times[0]
    page.hover(f'#article-text [data-sid="t0"]')
    inspector = page.inner_text("#inspector")
    assert t.value in inspector and t.granularity in inspector
    # legend switches a layer off and on
    page.uncheck('[data-toggle="time"]')
    assert "hide-time" in page.get_attribute("#article-text", "class")
    page.check('[data-toggle="time"]')
    _shot(page, screenshots, "article")
    # a claim's "article" link lights up its content
    at = next(x for x in a.attributions if x.content)
    page.goto(f"{live_server}/articles/{a.article.id}#{at.id}-content")
    lit = page.locator(f'#article-text [data-sid="{at.id}-content"].focus')
    assert lit.count() >= 1


def test_map_shows_markers(page, live_server, screenshots):
    page.goto(f"{live_server}/map")
    page.wait_for_selector("#map[data-points]")
    points = int(page.get_attribute("#map", "data-points"))
    assert points > 0
    page.wait_for_selector(".leaflet-overlay-pane path.leaflet-interactive")  # the world outline is drawn
    markers = page.locator("path.marker").count()
    clusters = page.locator(".cluster")
    shown = markers + sum(int(x) for x in clusters.all_inner_texts())
    assert shown == points
    assert page.locator(".leaflet-tile").count() == 0  # no tile server
    _shot(page, screenshots, "map", docs=True)
    if clusters.count():  # a cluster zooms in on its members
        zoom = int(page.get_attribute("#map", "data-zoom"))
        clusters.first.click()
        page.wait_for_function(f"() => +document.getElementById('map').dataset.zoom > {zoom}")
        assert page.locator("path.marker").count() + page.locator(".cluster").count() >= 1
    # click through: a marker's popup links to its claims or article
    page.goto(f"{live_server}/map")
    page.wait_for_selector("#map[data-points]")

    def visible_marker():
        """The centre of a single marker that nothing covers (clusters sit above markers)."""
        return page.evaluate("""() => {
            for (const m of document.querySelectorAll('path.marker')) {
                const r = m.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (document.elementFromPoint(x, y) === m) return {x: x, y: y};
            }
            return null;
        }""")

    for _ in range(6):
        b = visible_marker()
        if b or not page.locator(".cluster").count():
            break
        zoom = int(page.get_attribute("#map", "data-zoom"))
        page.locator(".cluster").first.click()
        page.wait_for_function(f"() => +document.getElementById('map').dataset.zoom > {zoom}")
        page.wait_for_timeout(500)  # let the zoom animation finish before reading positions
    assert b, "no single marker could be reached by zooming into clusters"
    page.mouse.click(b["x"], b["y"])
    link = page.locator(".leaflet-popup-content a").first
    link.wait_for()
    assert link.get_attribute("href").startswith(("/claims", "/articles/"))


def test_injected_script_never_runs(page, live_server, web_corpus, screenshots):
    a = web_corpus["markup"]
    for url in (f"/articles/{a.article.id}", "/claims", "/timeline", f"/claims/{a.article.id}/a1"):
        page.goto(live_server + url)
        page.wait_for_load_state("load")
        assert page.evaluate(f"() => typeof window.{PWNED}") == "undefined", url
    page.goto(f"{live_server}/articles/{a.article.id}")
    text = page.inner_text("#article-text")
    assert f"<script>window.{PWNED} = 2</script>" in text
    assert 'onerror="window.' in text
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    assert f"<script>window.{PWNED} = 1</script>" in page.inner_text("h1")
    _shot(page, screenshots, "article-markup")


def test_timeline(page, live_server, screenshots):
    page.goto(f"{live_server}/timeline")
    assert page.locator("svg.timeline rect").count() >= 20
    assert page.locator('svg.timeline a[data-band="event"]').count() >= 1
    assert page.locator("svg.timeline rect.st-denies").count() >= 1
    _shot(page, screenshots, "timeline")
