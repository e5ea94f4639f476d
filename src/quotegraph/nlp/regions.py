"""Body regions of a document: the complement of its boilerplate spans; and the
furniture a statement never draws on (boilerplate, dateline, headline line)."""
from __future__ import annotations

from ..records import Document


def body_regions(doc: Document) -> list[tuple[int, int]]:
    return doc.body_spans()


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies mostly in the body (more than half its chars)."""
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in regions)
    return covered * 2 > (end - start)


def _meta_span(doc: Document, key: str) -> tuple[int, int] | None:
    found = doc.meta.get(key)
    if isinstance(found, dict) and isinstance(found.get("start"), int) and isinstance(found.get("end"), int):
        return found["start"], found["end"]
    return None


def headline_span(doc: Document) -> tuple[int, int] | None:
    """The headline line as printed in the text (ingest marks it, keeps it as body)."""
    return _meta_span(doc, "headline")


def furniture_spans(doc: Document) -> list[tuple[int, int]]:
    """Boilerplate (captions, bylines, related-article blocks, menus) and the
    dateline ("KESSARY, March 4 (Meridian Wire) -"): never a body statement's
    content or speaker. The headline line is apart (``headline_span``): it may
    hold a headline statement of its own."""
    spans = [(b.start, b.end) for b in doc.boilerplate]
    dateline = _meta_span(doc, "dateline")
    if dateline is not None:
        spans.append(dateline)
    return sorted(spans)


def in_title_line(text: str, pos: int) -> bool:
    """Is ``pos`` on a line without closing punctuation (a headline, "Bank pays victims")?"""
    end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)].rstrip()
    return not line.endswith((".", "!", "?", '"', "”", "’", "'"))
