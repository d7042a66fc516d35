"""HTML helpers: decoding fetched or archived bytes, and fragments (feed entries) to text.

Whole pages go through trafilatura (``files.article_from_html``) to find the main
text; feed entries are already just the article, so they only need their markup
turned into paragraphs.
"""

from __future__ import annotations

import re

from sumber.errors import InputError

_BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer pre".split())
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def decode_html(data: bytes, name: str, charset: str | None = None) -> str:
    """Decode page bytes: the HTTP charset, else the page's meta charset, else UTF-8, else cp1252."""
    if not data.strip():
        raise InputError(f"{name}: empty page")
    candidates = [charset] if charset else []
    m = _CHARSET.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates += ["utf-8", "cp1252"]
    for enc in candidates:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment with paragraphs kept as blank-line breaks; plain text passes through."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises ParserError and friends on junk
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el) -> None:  # noqa: ANN001 - lxml element
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower() in _BLOCKS
        if block:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n\n")

    walk(root)
    text = _SPACES.sub(" ", "".join(parts))
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)
