"""Generate news-like article files from our own templates, for benchmarks and tests.

Sentences are written for this purpose (Indonesian and English), filled from
small slot lists with a seeded random generator, so a corpus is reproducible.
Files come in every input format ingest reads (text, plain JSON, news-please
JSON, HTML), around 2,000 characters each.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

_ID = {
    "speakers": ["Menteri Pertahanan {name}", "Juru bicara kepolisian {name}", "Gubernur {name}",
                 "Seorang pejabat yang tidak mau disebutkan namanya", "Kepala badan intelijen {name}",
                 "Duta besar {country} untuk PBB"],
    "assert": ["mengatakan", "menyatakan", "mengungkapkan", "menegaskan"],
    "deny": ["membantah", "menyangkal"],
    "claims": ["{country} telah mengirim sekitar {n} tentara ke {place}",
               "sebanyak {n} warga dievakuasi dari {place} pada {day}",
               "bantuan senilai {n} miliar rupiah tiba di {place}",
               "pasukan {country} terlihat di dekat {place} sejak {day}"],
    "filler": ["Situasi di {place} dilaporkan tenang pada pagi hari.",
               "Warga setempat mengantre bahan bakar sejak subuh.",
               "Pertemuan lanjutan dijadwalkan pekan depan di {city}.",
               "Harga beras di pasar {city} naik sekitar {pct} persen.",
               "Jalan utama menuju {place} ditutup sementara untuk umum."],
    "names": ["Ardana Wibisono", "Sulastri Handayani", "Bima Prasetyo", "Ratna Kusumawati", "Yusuf Hidayat"],
    "countries": ["Korea Utara", "Rusia", "Ukraina", "Indonesia", "Malaysia", "Filipina"],
    "places": ["Pokrovsk", "Kursk", "Surabaya", "Makassar", "Vladivostok", "Kupang"],
    "cities": ["Jakarta", "Bandung", "Medan", "Semarang"],
    "title": "{country} dan {place}: {speaker} {verb} laporan",
    "quote": "\u201c{claim_cap},\u201d kata {speaker}.",
    "say": "{speaker} {verb} bahwa {claim}.",
}
_EN = {
    "speakers": ["Defence Minister {name}", "Police spokesperson {name}", "Governor {name}",
                 "An official who asked not to be named", "Intelligence chief {name}",
                 "The {country} ambassador to the UN"],
    "assert": ["said", "stated", "told reporters", "confirmed"],
    "deny": ["denied", "rejected claims"],
    "claims": ["{country} had sent about {n} troops to {place}",
               "some {n} residents were evacuated from {place} on {day}",
               "aid worth {n} million dollars arrived in {place}",
               "{country} forces had been seen near {place} since {day}"],
    "filler": ["The situation in {place} was reported calm in the morning.",
               "Residents queued for fuel from dawn.",
               "Further talks are scheduled for next week in {city}.",
               "Rice prices in {city} markets rose by about {pct} percent.",
               "The main road to {place} was closed to the public."],
    "names": ["Alan Whitfield", "Maria Santos", "Tom Okafor", "Hannah Berg", "Leo Marsh"],
    "countries": ["North Korea", "Russia", "Ukraine", "Indonesia", "Malaysia", "the Philippines"],
    "places": ["Pokrovsk", "Kursk", "Surabaya", "Makassar", "Vladivostok", "Kupang"],
    "cities": ["London", "Manila", "Seoul", "Kyiv"],
    "title": "{country} and {place}: {speaker} {verb} report",
    "quote": "\u201c{claim_cap},\u201d {speaker} said.",
    "say": "{speaker} {verb} that {claim}.",
}


def _sentence(rng: random.Random, pack: dict, i: int) -> str:
    slots = {
        "name": rng.choice(pack["names"]), "country": rng.choice(pack["countries"]),
        "place": rng.choice(pack["places"]), "city": rng.choice(pack["cities"]),
        "n": f"{rng.randint(2, 40) * 50:,}".replace(",", "." if pack is _ID else ","),
        "pct": rng.randint(2, 15), "day": f"{rng.randint(1, 28)} {rng.choice(['Maret', 'April'] if pack is _ID else ['March', 'April'])} 2024",
    }
    kind = rng.random()
    if kind < 0.35:
        return rng.choice(pack["filler"]).format(**slots)
    speaker = rng.choice(pack["speakers"]).format(**slots)
    claim = rng.choice(pack["claims"]).format(**slots)
    if kind < 0.5:
        return pack["quote"].format(claim_cap=claim[:1].upper() + claim[1:], speaker=speaker)
    verb = rng.choice(pack["deny"] if kind > 0.85 else pack["assert"])
    return pack["say"].format(speaker=speaker[:1].upper() + speaker[1:], verb=verb, claim=claim)


def make_article(i: int, seed: int = 7, chars: int = 2000) -> dict:
    """Article ``i`` as a dict: title, text (paragraphs), url, language, published, outlet."""
    rng = random.Random(seed * 1_000_003 + i)
    lang = "id" if i % 2 == 0 else "en"
    pack = _ID if lang == "id" else _EN
    paras, size = [], 0
    while size < chars:
        para = " ".join(_sentence(rng, pack, i) for _ in range(rng.randint(2, 4)))
        paras.append(para)
        size += len(para) + 2
    slots = {"country": rng.choice(pack["countries"]), "place": rng.choice(pack["places"]),
             "speaker": rng.choice(pack["names"]), "verb": rng.choice(pack["assert"] + pack["deny"])}
    return {
        "title": pack["title"].format(**slots) + f" ({i})",
        "text": "\n\n".join(paras),
        "url": f"https://news{i % 7}.example/{2024}/{i:06d}",
        "language": lang,
        "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "outlet": f"Outlet {i % 7}",
    }


def write_corpus(directory: str | Path, n: int, seed: int = 7, chars: int = 2000) -> list[Path]:
    """Write ``n`` article files in rotating formats (txt, json, news-please json, html); returns their paths."""
    root = Path(directory)
    paths = []
    for i in range(n):
        art = make_article(i, seed, chars)
        sub = root / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        fmt = i % 4
        if fmt == 0:
            p = sub / f"a{i:06d}.txt"
            p.write_text(f"{art['title']}\n\n{art['text']}\n", encoding="utf-8")
        elif fmt == 1:
            p = sub / f"a{i:06d}.json"
            p.write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")
        elif fmt == 2:
            p = sub / f"a{i:06d}.json"
            rec = {"maintext": art["text"], "title": art["title"], "url": art["url"], "language": art["language"],
                   "date_publish": art["published"] + " 09:30:00", "date_download": "2024-12-31 23:00:00",
                   "source_domain": f"news{i % 7}.example"}
            p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        else:
            p = sub / f"a{i:06d}.html"
            body = "".join(f"<p>{para}</p>\n" for para in art["text"].split("\n\n"))
            p.write_text(f"<!doctype html><html lang=\"{art['language']}\"><head><meta charset=\"utf-8\">"
                         f"<title>{art['title']}</title><meta name=\"date\" content=\"{art['published']}\">"
                         f"<link rel=\"canonical\" href=\"{art['url']}\"></head><body><nav><a href=\"/\">Home</a></nav>"
                         f"<article><h1>{art['title']}</h1>\n{body}</article><footer>Outlet {i % 7}</footer></body></html>",
                         encoding="utf-8")
        paths.append(p)
    return paths
