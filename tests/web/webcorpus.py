"""A small store for the web tests, built by analysing short articles we wrote.

Articles: the two in examples/, four written here (English and Indonesian, one
of them carrying ``<script>`` and ``onerror=`` markup in its title, text and
outlet), and hand-made analyses with geocoded places (``sample_analysis``) so
the map has points whatever the place stage finds today.  Links are added by
hand (a contradiction, a same-claim pair, a citation and a syndicated copy)
between claims chosen by stance, so the pages that show links are tested
independently of the linker.
"""

from __future__ import annotations

from pathlib import Path

from sumber.analyze import analyze
from sumber.model import Analysis, Article, Link
from sumber.store import open_store
from sumber.store.testing import sample_analysis

REPO = Path(__file__).resolve().parents[2]

# Marker that must never run in the browser: scripts set it, the test reads it.
PWNED = "__sumberPwned"

ARTICLES = [
    dict(title="Flood agency says 1,200 residents evacuated in Kupang", outlet="Harbour Daily", language="en",
         published="2024-11-04", url="https://harbour-daily.example/2024/11/04/kupang-floods",
         text=("KUPANG (Harbour Daily) - The regional disaster agency said on Monday that about 1,200 residents "
               "had been evacuated from low-lying districts of Kupang after three days of heavy rain.\n\n"
               "Governor Maria Lakatua told reporters that 14 schools would stay closed until Friday.\n\n"
               "The city water company denied that the main reservoir had been damaged, calling the reports "
               "\"rumours spread online\".\n\n"
               "An official who asked not to be named said the number of evacuees could rise.")),
    dict(title="BPBD: 1.200 warga Kupang mengungsi akibat banjir", outlet="Warta Timur", language="id",
         published="2024-11-04", url="https://warta-timur.example/banjir-kupang",
         text=("KUPANG - Badan penanggulangan bencana daerah mengatakan pada hari Senin bahwa sekitar 1.200 warga "
               "telah dievakuasi dari kawasan rendah di Kupang setelah hujan deras selama tiga hari.\n\n"
               "Perusahaan air minum kota membantah bahwa waduk utama rusak.\n\n"
               "Gubernur Maria Lakatua mengatakan 14 sekolah akan tetap ditutup hingga Jumat.")),
    dict(title="Blogger claims reservoir burst; water company says no", outlet="Island Post", language="en",
         published="2024-11-05", url="https://island-post.example/reservoir",
         text=("A local blogger wrote on Tuesday that the Kupang reservoir had burst overnight.\n\n"
               "The water company rejected the claim on Tuesday and said engineers had inspected the dam.\n\n"
               "Police said 30 officers were sent to the area.")),
    dict(title=f"Markup test <script>window.{PWNED} = 1</script> headline", outlet="<img src=x onerror=alert(1)>",
         language="en", published="2024-11-06", url="https://markup.example/injection",
         text=(f"An activist wrote that <script>window.{PWNED} = 2</script> the post was fake.\n\n"
               f"Police said the picture <img src=x onerror=\"window.{PWNED} = 3\"> had been shared "
               f"5,000 times since Monday.\n\n"
               "The mayor said <b>nothing</b> about it.")),
]

EXAMPLES = [("en-troops-denial.txt", "en", "Example Wire"), ("id-troops-denial.txt", "id", "Kantor Berita Contoh")]


def analyses() -> list[Analysis]:
    out = []
    for name, lang, outlet in EXAMPLES:
        raw = (REPO / "examples" / name).read_text(encoding="utf-8")
        title, _, body = raw.partition("\n\n")
        art = Article(text=body.strip(), title=title.strip(), outlet=outlet, language=lang, published="2024-10-22",
                      url=f"https://example-wire.example/{name.removesuffix('.txt')}", extractor="text")
        out.append(analyze(art, language=lang))
    for spec in ARTICLES:
        out.append(analyze(Article(extractor="text", **spec), language=spec["language"]))
    out.extend(sample_analysis(i) for i in range(8))
    return out


def _first(a: Analysis, stance: str) -> str | None:
    return next((x.id for x in a.attributions if x.stance == stance), None)


def _end(a: Analysis, item: str | None) -> dict:
    return {"article": a.article.id, "url": a.article.url, "item": item}


def links(items: list[Analysis]) -> list[Link]:
    """Hand-made links: within each analysed article that has both an asserting and a denying claim, a
    ``contradicts`` pair; the English and Indonesian examples as ``translation_of`` with their first
    asserting claims as ``same_claim``; a ``cites`` step and a ``syndicated_from`` copy."""
    out: list[Link] = []
    for a in items[:2 + len(ARTICLES)]:
        yes, no = _first(a, "asserts"), _first(a, "denies")
        if yes and no:
            out.append(Link("contradicts", _end(a, yes), _end(a, no), 0.9, "hand-made for the web tests"))
    en, idn = items[0], items[1]
    out.append(Link("translation_of", _end(idn, None), _end(en, None), 0.95, "hand-made"))
    if _first(en, "asserts") and _first(idn, "asserts"):
        out.append(Link("same_claim", _end(en, _first(en, "asserts")), _end(idn, _first(idn, "asserts")), 0.85,
                        "hand-made"))
        out.append(Link("cites", _end(idn, _first(idn, "asserts")), _end(en, _first(en, "asserts")), 0.8, "hand-made"))
    kupang_en, kupang_id = items[2], items[3]
    out.append(Link("syndicated_from", _end(kupang_id, None), _end(kupang_en, None), 0.7, "hand-made"))
    return out


def build(path: str | Path) -> dict:
    """Write the corpus to a new SQLite store at ``path``; returns what the tests need to know."""
    items = analyses()
    store = open_store(str(path))
    try:
        store.write(items)
        made = links(items)
        store.put_links(made)
    finally:
        store.close()
    return {"analyses": items, "links": made, "markup": items[2 + len(ARTICLES) - 1]}
