"""Body regions of a document: the complement of its boilerplate spans."""
from __future__ import annotations

from ..records import Document


def body_regions(doc: Document) -> list[tuple[int, int]]:
    spans = sorted((s.start, s.end) for s in doc.boilerplate)
    out, pos = [], 0
    for s, e in spans:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < len(doc.text):
        out.append((pos, len(doc.text)))
    return out


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies mostly in the body (more than half its chars)."""
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in regions)
    return covered * 2 > (end - start)
