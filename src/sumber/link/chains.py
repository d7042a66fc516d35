"""Source chains inside one article: who relays whom.

Three patterns, all read from spans the analyzer already gives:

- a report whose content names another speaker ("Yonhap reported that the photo,
  shared by the blogger @x, shows ...") cites that speaker's claim, and so does an
  agency or outlet reporting the same words another speaker is credited with;
- a claim relayed by another source (``via``) is cited by the article through it;
- a claim by a news agency or outlet is cited by the article itself (it relays
  the agency's report).

Links across articles (an article relaying another outlet's story) are found
by the linker, which knows the other articles.
"""

from __future__ import annotations

from typing import Any

RELAYING_KINDS = ("agency", "media")


def article_cites(d: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(citing item or '' for the article, cited item, evidence)`` within one analysis (JSON form)."""
    out: list[tuple[str, str, str]] = []
    atts = d.get("attributions") or []
    for a in atts:
        c = a.get("content")
        if not c:
            continue
        for b in atts:
            if b is a:
                continue
            s = b["source"]
            bc = b.get("content")
            mutual = bc and bc["start"] <= a["source"]["start"] and a["source"]["end"] <= bc["end"]
            if c["start"] <= s["start"] and s["end"] <= c["end"] and not mutual:
                out.append((a["id"], b["id"], f"{a['source']['text']!r} reports {s['text']!r}"))
    for a in atts:
        # an agency or outlet reporting the very words another speaker is credited with relays that speaker
        c = a.get("content")
        if not c or a["source"].get("kind") not in RELAYING_KINDS:
            continue
        for b in atts:
            bc = b.get("content")
            if b is a or not bc or b["source"].get("kind") in RELAYING_KINDS:
                continue
            shared = min(c["end"], bc["end"]) - max(c["start"], bc["start"])
            if shared > 0 and shared >= 0.5 * min(c["end"] - c["start"], bc["end"] - bc["start"]):
                out.append((a["id"], b["id"], f"{a['source']['text']!r} reports what {b['source']['text']!r} said"))
    for a in atts:
        via = a.get("via")
        if via:
            out.append(("", a["id"], f"relayed via {via['text']!r}"))
        if a["source"].get("kind") in RELAYING_KINDS:
            out.append(("", a["id"], f"the article relays {a['source'].get('name') or a['source']['text']!r}"))
    seen: set[tuple[str, str]] = set()
    uniq = []
    for x in out:
        if (x[0], x[1]) not in seen:
            seen.add((x[0], x[1]))
            uniq.append(x)
    return uniq
