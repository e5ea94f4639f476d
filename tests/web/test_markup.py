"""Pure rendering pieces of the web layer: article markup, version diffs, SVG figures, exports."""
from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from quotegraph.web.article_markup import PALETTE_SIZE, InlineSpan, MarkSpan, colour_class, render_article
from quotegraph.store.export import QUOTE_LAYOUT, csv_lines, quote_row
from quotegraph.web.figures import GraphEdge, GraphNode, TimelinePoint, reactions_svg, timeline_svg
from quotegraph.web.version_diff import diff_words, similarity


class MarkTexts(HTMLParser):
    """Text content of every <mark>, by id, as a browser's textContent would give it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.texts: dict[str, str] = {}
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self.stack.append(dict(attrs)["id"])
            self.texts[self.stack[-1]] = ""

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        for mark_id in self.stack:
            self.texts[mark_id] += data


def parse(html: str) -> MarkTexts:
    p = MarkTexts()
    p.feed(html)
    return p


def test_each_mark_holds_exactly_its_span_even_across_inline_spans():
    text = "Intro line.\n“We will build it,” she said, “and soon.”\nFooter & more <b>\n"
    first = text.index("We will")
    second = text.index("and soon.")
    marks = [MarkSpan(first, first + len("We will build it"), "q1", 0, "sp-1", "A · said"),
             MarkSpan(second, second + len("and soon."), "q1", 1, "sp-1", "A · said")]
    she = text.index("she")
    inline = [InlineSpan(she, she + 3, "src"), InlineSpan(first + 3, first + 7, "cue"),
              InlineSpan(text.index("Footer"), len(text), "bp")]
    out = render_article(text, marks, inline)
    p = parse(str(out.html))
    assert p.texts == {"q-q1-0": "We will build it", "q-q1-1": "and soon."}
    assert not out.unplaced
    # Markup characters of the article are escaped, never turned into tags.
    assert "&lt;b&gt;" in str(out.html) and ("b", {}) not in p.tags
    # Whole text survives: stripping our tags gives the article back.
    plain = re.sub(r"<[^>]+>", "", str(out.html))
    assert plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


def test_overlapping_and_out_of_range_spans_are_reported_not_nested():
    text = "abcdefghijklmnopqrstuvwxyz"
    marks = [MarkSpan(2, 12, "long", 0, "sp-0", "x"), MarkSpan(8, 15, "overlap", 0, "sp-1", "y"),
             MarkSpan(20, 40, "outside", 0, "sp-2", "z"), MarkSpan(14, 18, "after", 0, "sp-3", "w")]
    out = render_article(text, marks, [])
    assert {m.quote_id for m in out.unplaced} == {"overlap", "outside"}
    assert parse(str(out.html)).texts == {"q-long-0": text[2:12], "q-after-0": text[14:18]}


def test_attribution_and_ids_are_escaped_in_attributes():
    text = "say hello"
    out = render_article(text, [MarkSpan(4, 9, '"><script>x</script>', 0, "sp-0", '"><img src=x onerror=alert(1)>')], [])
    p = parse(str(out.html))
    assert [t for t, _ in p.tags] == ["mark"]
    attrs = p.tags[0][1]
    assert attrs["title"] == '"><img src=x onerror=alert(1)>'
    assert not any(k.startswith("on") for k in attrs)


def test_colour_class_is_stable_and_in_palette():
    assert colour_class("maria-zakharova") == colour_class("maria-zakharova")
    assert colour_class(None) == "sp-none"
    classes = {colour_class(f"speaker-{i}") for i in range(200)}
    assert classes <= {f"sp-{i}" for i in range(PALETTE_SIZE)} and len(classes) > PALETTE_SIZE // 2


def test_diff_marks_changed_words_and_rebuilds_both_versions():
    ref = "The new quay will open to ferries in March and the old pier will close for repairs"
    ver = "The new quay opens to ferries in March, and the old pier closes for repair work"
    pieces = diff_words(ref, ver)
    assert "".join(p.text for p in pieces if p.op != "missing") == ver
    added = " ".join(p.text.strip() for p in pieces if p.op == "added")
    missing = " ".join(p.text.strip() for p in pieces if p.op == "missing")
    assert "opens" in added and "closes" in added and "repair work" in added
    assert "will open" in missing and "will close" in missing and "repairs" in missing
    assert "ferries" not in added + missing


def test_diff_ignores_quote_style_and_case_but_similarity_sees_rewording():
    assert [p.op for p in diff_words("“Yes,” he said", '"yes," he said')] == ["same"]
    assert similarity("a b c d", "a b c d") == 1.0
    assert 0.3 < similarity("the pier will close", "the pier closes") < 0.9
    assert similarity("one two three", "four five six") == 0.0


def test_timeline_escapes_labels_and_links_and_orders_by_date():
    points = [TimelinePoint("2024-03-01", "<script>alert(1)</script>", '/x?a="><b>', "sp-1"),
              TimelinePoint("2024-01-15", "early", "/early", "sp-2"),
              TimelinePoint("not a date", "dropped", "/dropped", "sp-3")]
    svg = str(timeline_svg(points))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert '"><b>' not in svg
    assert "/dropped" not in svg
    xs = [float(x) for x in re.findall(r'<circle class="pt [^"]+" cx="([\d.]+)"', svg)]
    assert len(xs) == 2 and xs[0] < xs[1]  # January is drawn left of March
    assert timeline_svg([]) == ""


def test_reactions_graph_draws_one_arrow_per_edge_and_escapes_names():
    nodes = [GraphNode("a", "Ann <i>", "/speakers/a", "sp-0"), GraphNode("b", "Bob", "/speakers/b", "sp-1"),
             GraphNode("c", "Cy", "/speakers/c", "sp-2")]
    edges = [GraphEdge("b", "a", 2, "deplored"), GraphEdge("a", "c", 1, "answered"), GraphEdge("a", "zz", 1)]
    svg = str(reactions_svg(nodes, edges, focus="a"))
    assert svg.count('marker-end="url(#arrow)"') == 2  # the edge to an unknown node is skipped
    assert "Ann &lt;i&gt;" in svg and "<i>" not in svg
    assert "2 reactions: deplored" in svg
    assert reactions_svg(nodes, [], focus="a") == ""


def test_csv_export_flattens_quotes_and_defuses_formulas():
    record = {"id": "q1", "kind": "direct", "contents": [{"start": 3, "end": 9, "text": "=HYPERLINK(1)"}],
              "cue": {"start": 0, "end": 2, "text": "said"}, "sources": [], "speaker": {"id": "s", "name": "S"},
              "confidence": 0.5, "document": {"id": "d1", "outlet": "O", "published": "2024-01-01", "url": None}}
    assert quote_row(record)["content"] == "=HYPERLINK(1)"
    rows = list(csv.DictReader(io.StringIO("".join(csv_lines(QUOTE_LAYOUT, [quote_row(record)])))))
    assert rows[0]["content"] == "'=HYPERLINK(1)" and rows[0]["doc_id"] == "d1" and rows[0]["start"] == "3"
