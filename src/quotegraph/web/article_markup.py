"""Turn an article's text plus its spans into escaped HTML with quotes highlighted.

Pure functions over offsets: no database, no web framework. Every character of
the article goes through ``markupsafe.escape``; the only markup we add is our
own tags with attribute values that are escaped too.

Each quote content span becomes one ``<mark>`` element whose text content is
exactly ``text[start:end]`` (the browser test checks this), so content spans
are never split across marks. Content spans that partly overlap an
already-placed one cannot nest; they are left unmarked and reported back so
the page can say so instead of silently dropping them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Twelve colours that stay readable behind black text; speakers are assigned
# one by a stable hash of their id so the same speaker keeps its colour.
PALETTE_SIZE = 12


def colour_class(speaker_key: str | None) -> str:
    if not speaker_key:
        return "sp-none"
    h = 0
    for ch in speaker_key:
        h = (h * 131 + ord(ch)) & 0xFFFFFFFF
    return f"sp-{h % PALETTE_SIZE}"


@dataclass(frozen=True, slots=True)
class MarkSpan:
    """A quote content span to highlight, with what the hover/focus shows."""

    start: int
    end: int
    quote_id: str
    part: int
    colour: str
    attribution: str  # e.g. "Maria Zakharova · said · direct · confidence 0.82"


@dataclass(frozen=True, slots=True)
class InlineSpan:
    """A span styled inside the flow: boilerplate, a speaker mention, a cue."""

    start: int
    end: int
    css: str  # "bp" | "src" | "cue"


@dataclass(slots=True)
class ArticleMarkup:
    html: Markup
    unplaced: list[MarkSpan] = field(default_factory=list)


def choose_marks(marks: list[MarkSpan], text_len: int) -> tuple[list[MarkSpan], list[MarkSpan]]:
    """Keep a set of non-overlapping, in-bounds marks; longer spans win ties."""
    placed: list[MarkSpan] = []
    unplaced: list[MarkSpan] = []
    for m in sorted(marks, key=lambda m: (-(m.end - m.start), m.start)):
        if not (0 <= m.start < m.end <= text_len):
            unplaced.append(m)
            continue
        if any(m.start < p.end and p.start < m.end for p in placed):
            unplaced.append(m)
            continue
        placed.append(m)
    placed.sort(key=lambda m: m.start)
    return placed, unplaced


def render_article(text: str, marks: list[MarkSpan], inline: list[InlineSpan]) -> ArticleMarkup:
    placed, unplaced = choose_marks(marks, len(text))
    inline = [s for s in inline if 0 <= s.start < s.end <= len(text)]
    cuts = {0, len(text)}
    for m in placed:
        cuts.update((m.start, m.end))
    for s in inline:
        cuts.update((s.start, s.end))
    bounds = sorted(cuts)

    starts = {m.start: m for m in placed}
    ends = {m.end for m in placed}
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        if a in ends:
            out.append("</mark>")
        if a in starts:
            m = starts[a]
            out.append(
                f'<mark id="q-{escape(m.quote_id)}-{m.part}" class="quote {escape(m.colour)}" '
                f'data-quote="{escape(m.quote_id)}" tabindex="0" aria-describedby="a-{escape(m.quote_id)}" '
                f'title="{escape(m.attribution)}" data-attribution="{escape(m.attribution)}">'
            )
        classes = sorted({s.css for s in inline if s.start <= a and b <= s.end})
        piece = str(escape(text[a:b]))
        if classes:
            out.append(f'<span class="{" ".join(classes)}">{piece}</span>')
        else:
            out.append(piece)
    if len(text) in ends:
        out.append("</mark>")
    return ArticleMarkup(Markup("".join(out)), unplaced)
