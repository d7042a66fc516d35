"""Benchmark the corpus linker on generated articles with known groups.

Articles are written from our own English and Indonesian templates, with their
analyses built alongside (spans computed while writing, not by running the
analyzer - that is benchmarked elsewhere), so the linker is measured alone and
the truth is known: every story has an original, near-duplicates (the same
outlet re-posting), syndicated copies (other outlets, shortened, re-headlined,
with a syndication notice), a translation, and independent reports of the same
claim (other wording, other structure), plus a denial.  Many stories share
actors, types and fillers, and the same proposition recurs months apart.

Prints time, peak memory (this process and its workers), and pairwise precision
and recall of copy groups (duplicate/syndicated/translation links) and of claim
groups (same_claim/contradicts links), for each size given.

    python benchmarks/bench_link.py                 # 10,000 then 100,000 articles on 2 workers
    python benchmarks/bench_link.py --sizes 2000    # quick look
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import pickle
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from babel import Locale

from sumber.link.linker import Linker
from sumber.link.run import features

COUNTRIES = ["KP", "KR", "RU", "UA", "US", "CN", "JP", "ID", "MY", "PH", "VN", "TH", "IN", "PK", "IR", "IQ", "SY",
             "IL", "TR", "EG", "SA", "AE", "FR", "DE", "GB", "PL", "BY", "GE", "AM", "AZ", "KZ", "AF", "MM", "BD",
             "LK", "NP", "SG", "AU", "NZ", "BR", "MX", "VE", "CO", "NG", "ET", "SD", "SO", "KE", "LY", "ML"]

# type: (en verb phrase "X {v} {n} {unit} to Y", id phrase)
TYPES = {
    "MOBILIZE": ("sent about {n} troops to", "mengirim sekitar {n} tentara ke"),
    "AID": ("delivered about {n} tonnes of aid to", "mengirim sekitar {n} ton bantuan ke"),
    "ASSAULT": ("fired about {n} shells at", "menembakkan sekitar {n} peluru ke arah"),
    "SEIZE": ("detained about {n} fishermen from", "menahan sekitar {n} nelayan dari"),
    "COERCE": ("expelled about {n} diplomats of", "mengusir sekitar {n} diplomat"),
    "AGREE": ("signed {n} supply contracts with", "menandatangani {n} kontrak pasokan dengan"),
    "SUPPORT": ("pledged about {n} million dollars to", "menjanjikan sekitar {n} juta dolar untuk"),
    "THREATEN": ("massed about {n} tanks near", "mengerahkan sekitar {n} tank di dekat"),
}
SYL = ["ar", "da", "na", "wi", "bi", "so", "ri", "ta", "ma", "ka", "lu", "sa", "pe", "to", "ni", "ha", "ya", "du",
       "me", "ro", "li", "ga", "su", "te", "ba", "jo", "ki", "mo", "ne", "ra"]
OUTLETS = [f"{a} {b}" for a in ("Daily", "Warta", "Kabar", "Morning", "Harian", "Global", "Suara", "Evening")
           for b in ("Post", "Times", "Nusantara", "Herald", "Pagi", "Ledger", "Berita", "Courier")]
AGENCIES = ["Example Wire", "Kantor Berita Contoh", "Press Agency Uji", "Wire Service Sampel"]

EN = {
    "say": "{src} said on {day} that {actor} had {act} {target}.",
    "indep": "{actor} has {act} {target}, according to {src}, who spoke to reporters in {city} on {day}.",
    "deny": "{actor}'s foreign ministry denied the report.",
    "title": "{actor} {act} {target}, officials say",
    "title2": "Report: {actor} and {target} in new row over {place}",
    "fillers": [
        "Residents of {place} said about {m} families had left the area since {month}.",
        "Officials in {city} counted {m} vehicles on the road to {place} on Tuesday.",
        "The governor of {place}, {person}, asked for calm and promised {m} new shelters.",
        "Prices of rice in {city} rose by about {m} percent, traders told {outlet}.",
        "A meeting between envoys is planned in {city} next week, {person} said.",
        "Analyst {person} of the {city} Institute said the move could reshape the region.",
        "Schools in {place} stayed closed for a {m}th day as teachers waited for instructions from {city}.",
        "Local radio in {place} reported long queues for fuel, with some drivers waiting {m} minutes.",
        "Lawmaker {person} told parliament in {city} that the budget for {place} would be reviewed in {month}.",
        "Aid workers said {m} tents had reached {place} but many more were needed before the rains.",
        "Farmers near {place} complained that the harvest had been delayed by {m} days this season.",
        "Shares of firms based in {city} fell by {m} points in morning trading, brokers said.",
    ],
    "roles": ["Defence Minister {p}", "Intelligence chief {p}", "Foreign Minister {p}", "Army spokesperson {p}"],
    "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"],
    "syndicated": "This article was published from a syndicated feed of {origin}.",
    "update": "Updated with comments from officials.",
}
ID = {
    "say": "{src} mengatakan pada {day} bahwa {actor} telah {act} {target}.",
    "indep": "{actor} telah {act} {target}, menurut {src} yang berbicara kepada wartawan di {city} pada {day}.",
    "deny": "Kementerian Luar Negeri {actor} membantah laporan tersebut.",
    "title": "{actor} {act} {target}, kata pejabat",
    "title2": "Laporan: {actor} dan {target} kembali berselisih soal {place}",
    "fillers": [
        "Warga {place} mengatakan sekitar {m} keluarga telah meninggalkan daerah itu sejak {month}.",
        "Petugas di {city} menghitung {m} kendaraan di jalan menuju {place} pada hari Selasa.",
        "Gubernur {place}, {person}, meminta warga tenang dan menjanjikan {m} tempat penampungan baru.",
        "Harga beras di {city} naik sekitar {m} persen, kata pedagang kepada {outlet}.",
        "Pertemuan antarutusan direncanakan di {city} pekan depan, kata {person}.",
        "Analis {person} dari Institut {city} mengatakan langkah itu dapat mengubah kawasan.",
        "Sekolah di {place} tetap tutup untuk hari ke-{m} karena para guru menunggu arahan dari {city}.",
        "Radio lokal di {place} melaporkan antrean panjang bahan bakar, sebagian pengemudi menunggu {m} menit.",
        "Anggota dewan {person} mengatakan di parlemen di {city} bahwa anggaran untuk {place} akan ditinjau pada {month}.",
        "Petugas bantuan mengatakan {m} tenda telah tiba di {place} tetapi masih banyak yang dibutuhkan sebelum musim hujan.",
        "Petani di dekat {place} mengeluh panen tertunda {m} hari pada musim ini.",
        "Saham perusahaan yang berbasis di {city} turun {m} poin pada perdagangan pagi, kata pialang.",
    ],
    "roles": ["Menteri Pertahanan {p}", "Kepala intelijen {p}", "Menteri Luar Negeri {p}", "Juru bicara tentara {p}"],
    "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember"],
    "syndicated": "Artikel ini diterbitkan dari feed sindikasi {origin}.",
    "update": "Diperbarui dengan tanggapan pejabat.",
}
T = {"en": EN, "id": ID}
ASSERT_CUE = {"en": "said", "id": "mengatakan"}
DENY_CUE = {"en": "denied", "id": "membantah"}


def name(rng: random.Random, parts: int = 2) -> str:
    return " ".join("".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts))


def num(n: int, lang: str) -> str:
    s = f"{n:,}"
    return s.replace(",", ".") if lang == "id" else s


class Writer:
    """Builds one article's text and its analysis (JSON form) together, spans included."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.text = ""
        self.mentions: list[dict] = []
        self.attributions: list[dict] = []
        self.events: list[dict] = []
        self.quantities: list[dict] = []
        self.times: list[dict] = []
        self.labels: dict[str, Any] = {}

    def add(self, s: str) -> int:
        start = len(self.text)
        self.text += s
        return start

    def para(self) -> None:
        self.text += "\n\n"

    def country(self, code: str, start: int, text: str) -> dict:
        m = {"start": start, "end": start + len(text), "text": text, "kind": "country", "ref": code,
             "name": Locale("en").territories[code]}
        self.mentions.append(m)
        return m

    def sentence(self, template: str, slots: dict[str, str], countries: dict[str, str]) -> tuple[int, dict[str, int]]:
        """Write a filled template; returns its start and the offsets of each slot."""
        out, pos, offs = "", 0, {}
        base = len(self.text)
        import re

        for m in re.finditer(r"\{(\w+)\}", template):
            out += template[pos:m.start()]
            offs[m.group(1)] = base + len(out)
            out += slots[m.group(1)]
            pos = m.end()
        out += template[pos:]
        self.add(out)
        for slot, code in countries.items():
            if slot in offs:
                self.country(code, offs[slot], slots[slot])
        return base, offs

    def analysis(self, art: dict) -> dict:
        art["text"] = self.text
        return {"article": art, "mentions": sorted(self.mentions, key=lambda m: m["start"]), "places": [],
                "times": self.times, "quantities": self.quantities, "attributions": self.attributions,
                "events": self.events}


def cname(code: str, lang: str) -> str:
    return Locale(lang).territories[code]


def story_article(rng: random.Random, st: dict, lang: str, independent: bool, fillers: list[tuple[int, dict]],
                  outlet: str, published: date, uid: str, paragraphs: int | None = None, title: str | None = None,
                  extra: str | None = None, marker: dict | None = None) -> tuple[dict, dict]:
    """One article of story ``st`` and the truth label of each of its claims."""
    tp = T[lang]
    w = Writer(lang)
    actor, target = cname(st["actor"], lang), cname(st["target"], lang)
    act = TYPES[st["type"]][0 if lang == "en" else 1].format(n=num(st["n"], lang))
    w.add((title or tp["title2" if independent else "title"]).format(actor=actor, act=act, target=target,
                                                                      place=st["place"]))
    w.para()
    labels: dict[str, Any] = {}
    blocks: list[Any] = []
    src = st["source"][lang] if not independent else st["source2"][lang]
    day_txt = f"{published.day} {T[lang]['months'][published.month - 1]} {published.year}"
    blocks.append(("claim", "indep" if independent else "say", src, day_txt))
    blocks.append(("deny",))
    for k, slots in fillers:
        blocks.append(("filler", k, slots))
    if independent:
        rng.shuffle(blocks)
    if paragraphs:
        blocks = blocks[:paragraphs]
    na = 0
    for b in blocks:
        if b[0] == "claim":
            tmpl = tp[b[1]]
            slots = {"src": b[2], "day": b[3], "actor": actor, "act": act, "target": target, "city": st["city"]}
            start, offs = w.sentence(tmpl, slots, {"actor": st["actor"], "target": st["target"]})
            na += 1
            aid = f"a{na}"
            s_end = offs["src"] + len(b[2])
            cue = ASSERT_CUE[lang]
            if b[1] == "say":
                cstart = w.text.index(cue, s_end)
                content_start = offs["actor"]
                content_end = len(w.text) - 1
            else:
                cue = "according to" if lang == "en" else "menurut"
                cstart = w.text.index(cue, start)
                content_start, content_end = start, cstart - 2
            w.attributions.append({
                "id": aid, "source": {"start": offs["src"], "end": s_end, "text": b[2], "kind": "person",
                                      "name": b[2].split(" ", 2)[-1], "anonymous": False, "refers_to": None},
                "cue": {"start": cstart, "end": cstart + len(cue), "text": cue, "lemma": cue},
                "stance": "asserts", "hedged": False, "direct_quote": False,
                "content": {"start": content_start, "end": content_end, "text": w.text[content_start:content_end]},
                "via": None, "channel": None, "addressee": None, "time": None})
            qs = offs["act"] + act.index(num(st["n"], lang))
            q = {"start": qs, "end": qs + len(num(st["n"], lang)), "text": num(st["n"], lang), "value": st["n"],
                 "approximate": True, "unit": None, "bound": None}
            w.quantities.append(q)
            actor_m = next(m for m in w.mentions if m["start"] == offs["actor"])
            target_m = next(m for m in w.mentions if m["start"] == offs["target"])
            w.events.append({"id": f"e{len(w.events) + 1}", "type": st["type"],
                             "trigger": {"start": offs["act"], "end": offs["act"] + len(act), "text": act},
                             "actor": actor_m, "target": target_m, "place": None, "time": None, "quantity": q,
                             "attribution": aid, "status": "asserted", "mode": None})
            labels[aid] = ("P", st["id"])
        elif b[0] == "deny":
            start, offs = w.sentence(tp["deny"], {"actor": actor}, {"actor": st["actor"]})
            na += 1
            aid = f"a{na}"
            cue = DENY_CUE[lang]
            cstart = w.text.index(cue, start)
            src_text = w.text[start:cstart - 1]
            tail = w.text[cstart + len(cue) + 1:len(w.text) - 1]
            w.attributions.append({
                "id": aid, "source": {"start": start, "end": cstart - 1, "text": src_text, "kind": "organization",
                                      "name": src_text, "anonymous": False, "refers_to": None},
                "cue": {"start": cstart, "end": cstart + len(cue), "text": cue, "lemma": cue}, "stance": "denies",
                "hedged": False, "direct_quote": False,
                "content": {"start": cstart + len(cue) + 1, "end": len(w.text) - 1, "text": tail},
                "via": None, "channel": None, "addressee": None, "time": None})
            labels[aid] = ("P", st["id"])
        else:
            k, slots = b[1], b[2]
            w.sentence(tp["fillers"][k], slots, {})
            if rng.random() < 0.5:
                w.add(" ")
                continue
        w.para()
    if extra:
        w.add(extra)
        w.para()
    provenance = [marker] if marker else []
    if marker:
        pos = w.add(marker["text"])
        marker["start"], marker["end"] = pos, pos + len(marker["text"])
    art = {"text": "", "title": None, "url": f"https://{outlet.lower().replace(' ', '')}.example/{uid}",
           "outlet": outlet, "language": lang, "published": published.isoformat(), "crawled": None,
           "extractor": "bench", "provenance": provenance, "source": None, "id": uid}
    return w.analysis(art), labels


def filler_slots(rng: random.Random, lang: str, st: dict) -> list[tuple[int, dict]]:
    ks = rng.sample(range(len(EN["fillers"])), rng.randint(8, 11))
    out = []
    for k in ks:
        out.append((k, {"place": rng.choice((st["place"], st["place2"])), "city": st["city"],
                        "m": str(rng.randint(12, 990)),
                        "person": name(rng), "outlet": rng.choice(OUTLETS),
                        "month": T[lang]["months"][rng.randrange(12)]}))
    return out


def translate_fillers(fillers: list[tuple[int, dict]], lang: str) -> list[tuple[int, dict]]:
    return [(k, {**s, "month": T[lang]["months"][T["en" if lang == "id" else "id"]["months"].index(s["month"])]})
            for k, s in fillers]


def generate(n: int, seed: int = 1) -> tuple[list[dict], dict[str, str], dict[tuple[str, str], Any]]:
    """``n`` analyses in ingest order, their copy group and the claim label of each claim."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    out: list[tuple[date, int, dict]] = []
    copy_group: dict[str, str] = {}
    claim_label: dict[tuple[str, str], Any] = {}
    places = [name(rng, 1) for _ in range(3000)]
    cities = [name(rng, 1) for _ in range(800)]
    sid = 0
    while len(out) < n:
        sid += 1
        a, t = rng.sample(COUNTRIES, 2)
        day = start + timedelta(days=rng.randrange(900))
        st = {"id": sid, "type": rng.choice(list(TYPES)), "actor": a, "target": t,
              "n": rng.choice([rng.randint(2, 99) * 100, rng.randint(11, 999) * 10]),
              "place": rng.choice(places), "place2": rng.choice(places), "city": rng.choice(cities),
              "source": {}, "source2": {}}
        p1, p2 = name(rng), name(rng)
        r1, r2 = rng.randrange(4), rng.randrange(4)
        for lang in ("en", "id"):
            st["source"][lang] = T[lang]["roles"][r1].format(p=p1)
            st["source2"][lang] = T[lang]["roles"][r2].format(p=p2)
        lang0 = rng.choice(("en", "id"))
        other = "id" if lang0 == "en" else "en"
        origin = rng.choice(AGENCIES)
        fill = filler_slots(rng, lang0, st)
        seq = 0

        def emit(d: dict, labels: dict, group: str, when: date) -> None:
            nonlocal seq
            seq += 1
            uid = d["article"]["id"]
            out.append((when, len(out), d))
            copy_group[uid] = group
            for item, lab in labels.items():
                claim_label[(uid, item)] = lab
        g = f"s{sid}"
        d, lab = story_article(rng, st, lang0, False, fill, origin, day, f"{g}-o")
        emit(d, lab, g, day)
        size = rng.random()
        if size < 0.3:
            continue
        for k in range(rng.choice((0, 0, 1, 2))):
            d, lab = story_article(rng, st, lang0, False, fill, origin, day, f"{g}-d{k}", extra=T[lang0]["update"])
            emit(d, lab, g, day)
        for k in range(rng.choice((0, 1, 2, 3, 4))):
            outlet = rng.choice(OUTLETS)
            when = day + timedelta(days=rng.choice((0, 0, 1)))
            title = f"{name(rng, 1)}: " + T[lang0]["title"].format(actor=cname(a, lang0), target=cname(t, lang0),
                                                                     act="?")
            mk = {"kind": "syndication", "text": T[lang0]["syndicated"].format(origin=origin), "name": origin}
            d, lab = story_article(rng, st, lang0, False, fill, outlet, when, f"{g}-s{k}",
                                   paragraphs=rng.choice((6, 8, None)), title=title, marker=mk)
            emit(d, lab, g, when)
        if rng.random() < 0.6:
            when = day + timedelta(days=rng.choice((0, 1)))
            d, lab = story_article(rng, st, other, False, translate_fillers(fill, other), rng.choice(OUTLETS), when,
                                   f"{g}-t")
            emit(d, lab, g, when)
        for k in range(rng.choice((0, 1, 1, 2))):
            lang = rng.choice(("en", "id"))
            when = day + timedelta(days=rng.randint(-2, 5))
            p3, r3 = name(rng), rng.randrange(4)
            ind = {**st, "source2": {x: T[x]["roles"][r3].format(p=p3) for x in ("en", "id")}}
            d, lab = story_article(rng, ind, lang, True, filler_slots(rng, lang, st), rng.choice(OUTLETS), when,
                                   f"{g}-i{k}")
            emit(d, lab, f"{g}-i{k}", when)
    out.sort(key=lambda x: (x[0], x[1]))
    analyses = [d for _, _, d in out[:n]]
    keep = {d["article"]["id"] for d in analyses}
    return (analyses, {k: v for k, v in copy_group.items() if k in keep},
            {k: v for k, v in claim_label.items() if k[0] in keep})


def pairwise(pred: dict[Any, Any], truth: dict[Any, Any]) -> tuple[float, float]:
    """Pairwise precision and recall of a predicted clustering against the true one (same keys)."""
    def pairs(counts: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())
    both = Counter((pred[k], truth[k]) for k in truth)
    tp = pairs(both)
    pp = pairs(Counter(pred[k] for k in truth))
    tt = pairs(Counter(truth.values()))
    return (tp / pp if pp else 1.0), (tp / tt if tt else 1.0)


def clusters(keys: list[Any], links: list[tuple[Any, Any]]) -> dict[Any, Any]:
    parent = {k: k for k in keys}

    def find(x: Any) -> Any:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in links:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    return {k: find(k) for k in keys}


def peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def _write(n: int, seed: int, path: str) -> None:
    analyses, copy_group, claim_label = generate(n, seed)
    with open(path, "w", encoding="utf-8") as out:
        for d in analyses:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(path + ".truth", "wb") as out:
        pickle.dump((copy_group, claim_label), out)


def run(n: int, workers: int, seed: int, tmp: str) -> dict[str, Any]:
    """Generate in a child process (its memory is not the linker's), then link the JSON Lines file."""
    t0 = time.perf_counter()
    path = os.path.join(tmp, f"bench-{n}.jsonl")
    child = mp.get_context("fork").Process(target=_write, args=(n, seed, path))
    child.start()
    child.join()
    with open(path + ".truth", "rb") as f:
        copy_group, claim_label = pickle.load(f)
    gen_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    with open(path, encoding="utf-8") as lines:
        feats = list(features(((i + 1, line) for i, line in enumerate(lines)), workers))
    t_feat = time.perf_counter() - t1
    lk = Linker()
    lk.count(feats)
    links = []
    for f in feats:
        links.extend(lk.link(f))
    elapsed = time.perf_counter() - t1
    kinds = Counter(l.kind for l in links)
    art_pred = clusters(list(copy_group), [(l.a["article"], l.b["article"]) for l in links
                                            if l.kind in ("duplicate_of", "syndicated_from", "translation_of")])
    cp, cr = pairwise(art_pred, copy_group)
    claim_pred = clusters(list(claim_label), [((l.a["article"], l.a["item"]), (l.b["article"], l.b["item"]))
                                              for l in links if l.kind in ("same_claim", "contradicts")])
    sp, sr = pairwise(claim_pred, claim_label)
    me, kids = peak_mb()
    return {"n": n, "generate_s": gen_s, "features_s": t_feat, "link_s": elapsed, "peak_main_mb": me,
            "peak_worker_mb": kids, "links": dict(kinds), "copy_precision": cp, "copy_recall": cr,
            "claim_precision": sp, "claim_recall": sr}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rows = []
    tmp = tempfile.mkdtemp(prefix="sumber-bench-link-")
    for n in (int(x) for x in args.sizes.split(",")):
        r = run(n, args.workers, args.seed, tmp)
        rows.append(r)
        print(f"{r['n']:>7,} articles: linked in {r['link_s']:.1f} s (features {r['features_s']:.1f} s on "
              f"{args.workers} workers; generation {r['generate_s']:.1f} s not counted), peak memory "
              f"{r['peak_main_mb']:.0f} MB main + {r['peak_worker_mb']:.0f} MB largest child (worker or generator)")
        print(f"         copies (duplicate/syndicated/translation): precision {r['copy_precision']:.3f}, "
              f"recall {r['copy_recall']:.3f}")
        print(f"         claims (same_claim/contradicts): precision {r['claim_precision']:.3f}, "
              f"recall {r['claim_recall']:.3f}")
        print(f"         links: {', '.join(f'{v:,} {k}' for k, v in sorted(r['links'].items()))}")
        sys.stdout.flush()
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"scaling {a['n']:,} -> {b['n']:,}: x{b['n'] / a['n']:.0f} articles, x{b['link_s'] / a['link_s']:.1f} time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
