"""Adapters: read one public data set in its own format and score the analyzer on it.

Each adapter is a function ``run(folder, runner, options) -> list[SetResult]``.
Adapters never copy texts anywhere; they read ``<data>/<folder>`` at run time
and return a skipped row (with the reason) when the files are not there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sumber.evaluate.results import SetResult
from sumber.evaluate.runner import Runner


@dataclass(slots=True)
class Options:
    limit: int | None = None  # at most this many articles/records per set (quick runs)
    keep_errors: int = 20  # worst errors kept per (kind, category) and row


@dataclass(frozen=True, slots=True)
class Adapter:
    name: str
    folder: str
    languages: tuple[str, ...]
    about: str
    run: Callable[[Path, Runner, Options], list[SetResult]]
    aliases: tuple[str, ...] = ()


def _registry() -> list[Adapter]:
    from sumber.evaluate.adapters import devgold, events, geo, german, indonlu, pfsa

    geo_about = "toponym resolution, gold spans and end to end"
    return [
        Adapter("sumber-dev-gold", "sumber-dev-gold", ("en", "id"),
                "everything: attributions, countries, places, dates, quantities", devgold.run, ("dev-gold", "devgold", "dev")),
        Adapter("geowebnews", "geowebnews", ("en",), geo_about, geo.run_geowebnews, ("gwn",)),
        Adapter("lgl", "lgl", ("en",), geo_about, geo.run_lgl),
        Adapter("tr-news", "tr-news", ("en",), geo_about, geo.run_trnews, ("trnews",)),
        Adapter("geovirus", "geovirus", ("en",), geo_about, geo.run_geovirus),
        Adapter("pfsa-id", "pfsa-id", ("id",), "Indonesian direct quotes: statement, cue, speaker", pfsa.run, ("pfsa",)),
        Adapter("german-quotes", "german-news-quotation-attribution-2024", ("de",), "schema check (needs a German pack)",
                german.run, ("german",)),
        Adapter("plover-gsr", "plover_gsr", ("en",), "event typing and refusals", events.run_plover, ("plover",)),
        Adapter("petrarch2", "petrarch2_unit_tests", ("en",), "event typing and negation", events.run_petrarch, ("petrarch",)),
        Adapter("indonlu-ner", "indonlu-ner", ("id",), "person/organisation/place mentions (NERGrit, NERP)", indonlu.run,
                ("indonlu", "nergrit", "nerp")),
    ]


def adapters() -> list[Adapter]:
    return _registry()


def find_adapter(name: str) -> Adapter | None:
    key = name.lower()
    for a in _registry():
        if key == a.name or key in a.aliases:
            return a
    return None
