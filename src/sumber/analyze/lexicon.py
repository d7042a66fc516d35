"""Compiled lexicons for entity and attribution rules, built once per language pack.

The pack holds words; this module turns them into matchers and sets and checks
their shape, so a malformed pack fails at load time with a clear message.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sumber.analyze.matcher import PhraseMatcher
from sumber.errors import PackError
from sumber.lang import Pack

CUE_TYPES = ("verbs", "inverted", "passive", "clitic", "prepositions", "nominal")
_STANCES = {"asserts", "denies", "unconfirmed"}


@dataclass(frozen=True, slots=True)
class CueInfo:
    """One cue form: its type (a ``CUE_TYPES`` item), lemma, stance and weakness."""

    type: str
    lemma: str
    stance: str
    weak: bool
    preposition: bool = False
    object: bool = False  # weak, but an object then a complement may follow ("asked X to", "meminta X")
    clause: bool = False  # weak, but a bare clause may follow ("suggest the government is", "mengaku ...")


@dataclass(frozen=True, slots=True)
class OrgInfo:
    name: str
    kind: str  # agency, media, platform, organization
    country: str | None
    ref: str


def _words(pack: Pack, section: str, key: str) -> list[str]:
    table = pack.get(section, {})
    if section == "cues":
        table = table.get("words", {})
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"language pack '{pack.code}': {section}.{key} must be a list of strings")
    return [" ".join(v.lower().split()) for v in value]


def slug(name: str) -> str:
    """A stable lower-case key for a name: "Badan Pusat Statistik" -> "badan-pusat-statistik"."""
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


@lru_cache(maxsize=1)
def known_organizations() -> tuple[tuple[str, OrgInfo, tuple[str, ...]], ...]:
    """(alias, info, langs) for every curated organisation alias (data/organizations.toml)."""
    raw = resources.files("sumber.data").joinpath("organizations.toml").read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    kinds = {"agencies": "agency", "media": "media", "platforms": "platform", "organizations": "organization"}
    out = []
    for section, kind in kinds.items():
        for entry in data.get(section, []):
            info = OrgInfo(name=entry["name"], kind=kind, country=entry.get("country"), ref="org:" + slug(entry["name"]))
            langs = tuple(entry.get("langs", ()))
            for alias in entry.get("aliases", []):
                out.append((alias, info, langs))
    return tuple(out)


class Lexicon:
    """Matchers and word sets for one language, shared read-only by all articles."""

    def __init__(self, pack: Pack) -> None:
        self.code = pack.code
        cues: dict[str, CueInfo] = {}
        for ctype in CUE_TYPES:
            for lemma, entry in (pack.get("cues", {}).get(ctype) or {}).items():
                forms = entry.get("forms") if isinstance(entry, dict) else None
                if isinstance(forms, str):
                    phrases = forms.lower().split()  # single words separated by spaces
                elif isinstance(forms, list) and all(isinstance(f, str) for f in forms):
                    phrases = [" ".join(f.lower().split()) for f in forms]  # phrases
                else:
                    raise PackError(f"language pack '{pack.code}': cues.{ctype}.{lemma} needs forms = \"w1 w2\" or [\"phrase\", ...]")
                stance = entry.get("stance", "asserts")
                if stance not in _STANCES:
                    raise PackError(f"language pack '{pack.code}': cues.{ctype}.{lemma} has unknown stance '{stance}'")
                info = CueInfo(ctype, lemma, stance, bool(entry.get("weak", False)), bool(entry.get("preposition", False)),
                               bool(entry.get("object", False)), bool(entry.get("clause", False)))
                for phrase in phrases:
                    cues.setdefault(phrase, info)
        self.cues = PhraseMatcher(cues)
        nominal_forms: dict[str, bool] = {}
        for entry in (pack.get("cues", {}).get("nominal") or {}).values():
            forms = entry["forms"]
            for f in (forms.split() if isinstance(forms, str) else forms):
                nominal_forms[f.lower()] = True
        self.claim_nouns = PhraseMatcher(nominal_forms)
        self.nominal_info: dict[str, CueInfo] = {}
        for lemma, entry in (pack.get("cues", {}).get("nominal") or {}).items():
            forms = entry["forms"]
            for f in (forms.split() if isinstance(forms, str) else forms):
                self.nominal_info[f.lower()] = CueInfo("nominal", lemma, entry.get("stance", "asserts"), False)
        # single-word forms of speech verbs: they end a subject noun phrase
        self.cue_words = frozenset(
            p for p, i in cues.items() if " " not in p and i.type in ("verbs", "inverted", "clitic", "passive")
        )
        w = lambda key: _words(pack, "cues", key)  # noqa: E731
        self.complements = frozenset(w("complements"))
        self.addressee_markers = frozenset(w("addressee_markers"))
        self.negators = frozenset(w("negators"))
        self.modals = frozenset(w("modals"))
        self.response_verbs = PhraseMatcher({v: True for v in w("response_verbs")})
        self.response_set = frozenset(w("response_verbs"))
        self.auxiliaries = frozenset(w("auxiliaries"))
        self.falsity = PhraseMatcher({v: True for v in w("falsity")})
        self.hedges = PhraseMatcher({v: True for v in w("hedges")})
        self.deflections = PhraseMatcher({v: True for v in w("deflections")})
        self.denial_openers = PhraseMatcher({v: True for v in w("denial_openers")})
        self.conditionals = frozenset(w("conditionals"))
        self.anonymity = PhraseMatcher({v: True for v in w("anonymity")})
        self.via_markers = PhraseMatcher({v: True for v in w("via_markers")})
        self.channel_prepositions = frozenset(w("channel_prepositions"))
        self.channel_nouns = PhraseMatcher({v: True for v in w("channel_nouns")})
        self.subject_openers = PhraseMatcher({v: True for v in w("subject_openers")})
        self.adverbial_prepositions = frozenset(w("adverbial_prepositions"))
        self.subject_trailers = frozenset(w("subject_trailers"))
        self.relative = frozenset(w("relative"))
        self.coordinators = frozenset(w("coordinators"))
        self.noun_markers = frozenset(w("noun_markers"))
        self.passive_auxiliaries = frozenset(w("passive_auxiliaries"))
        self.passive_followers = PhraseMatcher({v: True for v in w("passive_followers")})
        self.interveners = frozenset(w("interveners"))
        self.infinitive_markers = frozenset(w("infinitive_markers"))

        e = lambda key: _words(pack, "entities", key)  # noqa: E731
        self.titles = PhraseMatcher({t: True for t in e("titles")})
        self.title_set = frozenset(e("titles"))
        self.title_modifiers = frozenset(e("title_modifiers"))
        # words of multi-word titles and roles ("duta besar", "juru bicara"): noun-phrase words
        self.phrase_words = frozenset(w for p in e("titles") + e("roles") if " " in p for w in p.split())
        self.org_words = frozenset(e("org_words"))
        self.org_head_final = pack.get("entities", {}).get("org_head_position", "initial") == "final"
        self.place_types = frozenset(e("place_types"))
        self.roles = PhraseMatcher({r: True for r in e("roles")})
        self.role_set = frozenset(e("roles"))
        self.pronouns = frozenset(e("pronouns"))
        self.plural_pronouns = frozenset(e("plural_pronouns"))
        self.speaker_pronouns = frozenset(e("speaker_pronouns"))
        self.org_pronouns = frozenset(e("org_pronouns"))
        self.anaphoric_determiners = frozenset(e("anaphoric_determiners"))
        self.anaphoric_articles = frozenset(_words(pack, "entities", "anaphoric_articles"))
        self.indefinites = PhraseMatcher({t: True for t in e("indefinites")})
        self.indefinite_set = frozenset(e("indefinites"))
        self.plural_markers = frozenset(e("plural_markers"))
        self.documents = frozenset(e("documents"))
        self.document_matcher = PhraseMatcher({t: True for t in e("documents")})
        self.org_heads = frozenset(e("org_heads"))
        self.org_head_matcher = PhraseMatcher({t: True for t in e("org_heads")})
        self.name_connectors = frozenset(e("name_connectors"))
        self.not_names = frozenset(e("not_names"))
        self.account_nouns = frozenset(e("account_nouns"))
        self.account_matcher = PhraseMatcher({t: True for t in e("account_nouns")})

        orgs: dict[str, OrgInfo] = {}
        for alias, info, langs in known_organizations():
            if langs and self.code not in langs:
                continue
            orgs.setdefault(alias, info)
        self.orgs = PhraseMatcher(orgs, case_sensitive=True)


@lru_cache(maxsize=None)
def lexicon_for(pack: Pack) -> Lexicon:
    return Lexicon(pack)


def payload_list(matches: list[tuple[int, int, Any]]) -> list[Any]:
    return [m[2] for m in matches]
