"""PROV-JSON of citation chains: who quoted whom, and the primary source of each chain.

Each ``cites`` link becomes a ``wasDerivedFrom`` of type ``prov:Quotation``
(PROV-DM's *wasQuotedFrom*): the citing report or article was quoted from the
cited claim.  Following the links to their end gives each report's primary
source, written as ``wasDerivedFrom`` of type ``prov:PrimarySource``
(*hadPrimarySource*).  Claims are attributed (``wasAttributedTo``) to their
speakers and articles to their outlets.  The document is built per run in
memory: its size is that of the citation graph, not of the corpus.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from sumber.link.features import fold

NS = "https://sumber.example/ns#"
_QNAME = "prov:QUALIFIED_NAME"


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", fold(text)).strip("-")[:80] or "unknown"


def _qn(name: str) -> dict[str, str]:
    return {"$": name, "type": _QNAME}


def prov_document(store: Any) -> dict[str, Any]:
    """The PROV-JSON document (a dict) of every ``cites`` link in ``store``."""
    entity: dict[str, dict[str, Any]] = {}
    agent: dict[str, dict[str, Any]] = {}
    derived: dict[str, dict[str, Any]] = {}
    attributed: dict[str, dict[str, Any]] = {}
    cache: dict[str, Any] = {}

    def analysis(article: str) -> dict[str, Any] | None:
        if article not in cache:
            a = store.get_analysis(article)
            cache[article] = a.to_dict() if a else None
        return cache[article]

    def node(end: dict[str, Any]) -> str:
        art, item = end["article"], end.get("item")
        eid = f"sumber:{art}" + (f"/{item}" if item else "")
        if eid in entity:
            return eid
        d = analysis(art)
        attrs: dict[str, Any] = {"prov:type": _qn("sumber:Claim" if item else "sumber:Article")}
        if d:
            a = d["article"]
            if item:
                x = next((x for x in d.get("attributions") or [] if x["id"] == item), None)
                if x:
                    who = x["source"].get("name") or x["source"]["text"]
                    attrs["prov:label"] = (x.get("content") or {}).get("text") or x["cue"]["text"]
                    attrs["sumber:stance"] = x["stance"]
                    ag = f"sumber:source/{_slug(who)}"
                    agent.setdefault(ag, {"prov:label": who, "sumber:kind": x["source"].get("kind")})
                    attributed[f"_:attr{len(attributed) + 1}"] = {"prov:entity": eid, "prov:agent": ag}
            else:
                attrs["prov:label"] = a.get("title") or a.get("url") or art
                if a.get("url"):
                    attrs["prov:location"] = a["url"]
                if a.get("published"):
                    attrs["sumber:published"] = a["published"]
                if a.get("outlet"):
                    ag = f"sumber:outlet/{_slug(a['outlet'])}"
                    agent.setdefault(ag, {"prov:label": a["outlet"], "prov:type": _qn("prov:Organization")})
                    attributed[f"_:attr{len(attributed) + 1}"] = {"prov:entity": eid, "prov:agent": ag}
        entity[eid] = attrs
        return eid

    cited: dict[str, str] = {}
    for link in store.iter_links("cites"):
        a, b = node(link.a), node(link.b)
        derived[f"_:q{len(derived) + 1}"] = {"prov:generatedEntity": a, "prov:usedEntity": b,
                                             "prov:type": _qn("prov:Quotation"), "sumber:evidence": link.evidence}
        cited.setdefault(a, b)
    for n, start in enumerate(list(cited), 1):
        seen = {start}
        cur = start
        while cur in cited and cited[cur] not in seen:
            cur = cited[cur]
            seen.add(cur)
        derived[f"_:p{n}"] = {"prov:generatedEntity": start, "prov:usedEntity": cur,
                              "prov:type": _qn("prov:PrimarySource")}
    doc: dict[str, Any] = {"prefix": {"sumber": NS}}
    for key, value in (("entity", entity), ("agent", agent), ("wasDerivedFrom", derived),
                       ("wasAttributedTo", attributed)):
        if value:
            doc[key] = value
    return doc


def write_prov(store: Any, out: TextIO) -> int:
    """Write the PROV-JSON document; returns the number of quotation relations."""
    doc = prov_document(store)
    json.dump(doc, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return sum(1 for r in doc.get("wasDerivedFrom", {}).values() if r["prov:type"]["$"] == "prov:Quotation")
