"""Article highlighting: well-formed, escaped HTML whose marked pieces are exactly each item's words."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from sumber.web.highlight import Mark, marks, render


class _Pieces(HTMLParser):
    """Collects the text, the words under every data-sid, and checks tags are balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text = ""
        self.words: dict[str, str] = {}
        self.other_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "span":
            self.other_tags.append(tag)
        self.stack.append(dict(attrs).get("data-sid"))

    def handle_endtag(self, tag):
        assert self.stack, "closing tag without an open one"
        self.stack.pop()

    def handle_data(self, data):
        self.text += data
        for sid in set(s for s in self.stack if s):
            self.words[sid] = self.words.get(sid, "") + data


def _parse(html: str) -> _Pieces:
    p = _Pieces()
    p.feed(html)
    p.close()
    assert not p.stack, "unclosed tags"
    return p


def _mark(sid: str, start: int, end: int, text: str, kind: str = "mention") -> Mark:
    return Mark(sid, kind, start, end, text[start:end], f"hl-{kind}", f"{kind} {sid}")


spans_strategy = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20), st.sampled_from(
    ["content", "source", "cue", "mention", "place", "time", "quantity", "trigger"])), max_size=25)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n=/é")), min_size=1, max_size=70), spans=spans_strategy)
def test_any_spans_give_balanced_html_with_exact_words(text, spans):
    ms = [_mark(f"s{i}", s, min(len(text), s + n), text, kind) for i, (s, n, kind) in enumerate(spans) if s < len(text)]
    html, bad = render(text, ms)
    assert bad == []
    parsed = _parse(str(html))
    assert parsed.text == text
    assert parsed.other_tags == []  # markup in the text never becomes an element
    for m in ms:
        assert parsed.words.get(m.sid, "") == text[m.start:m.end]


def test_offsets_outside_the_text_are_reported_not_drawn():
    text = "Police said so."
    html, bad = render(text, [_mark("ok", 0, 6, text), Mark("far", "time", 10, 40, "x", "hl-time", ""),
                              Mark("empty", "time", 3, 3, "", "hl-time", "")])
    assert [m.sid for m in bad] == ["far", "empty"]
    assert _parse(str(html)).words == {"ok": "Police"}


def test_markup_in_titles_is_escaped():
    text = "Police said it."
    m = Mark("x", "mention", 0, 6, "Police", "hl-mention", 'org "<script>alert(1)</script>')
    html = str(render(text, [m])[0])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&#34;" in html


def test_every_item_of_an_analysis_is_marked(web_corpus):
    for a in web_corpus["analyses"]:
        ms = marks(a)
        expected = (3 * len(a.attributions) - sum(1 for x in a.attributions if x.content is None)
                    + sum(1 for x in a.attributions for s in (x.via, x.channel, x.addressee) if s is not None)
                    + len(a.mentions) + len(a.places) + len(a.times) + len(a.quantities)
                    + sum(1 for q in a.quantities if q.unit) + len(a.events))
        assert len(ms) == expected
        html, bad = render(a.article.text, ms)
        assert bad == []
        parsed = _parse(str(html))
        assert parsed.text == a.article.text
        for m in ms:
            assert parsed.words[m.sid] == a.article.text[m.start:m.end]


def test_titles_carry_normalized_values(web_corpus):
    a = web_corpus["analyses"][0]
    ms = {m.sid: m for m in marks(a)}
    for i, t in enumerate(a.times):
        assert (t.value or "unresolved") in ms[f"t{i}"].title
    for i, p in enumerate(a.places):
        assert p.name in ms[f"p{i}"].title
    for at in a.attributions:
        assert at.stance in ms[f"{at.id}-cue"].title
