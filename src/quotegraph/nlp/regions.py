"""Body regions of a document: the complement of its boilerplate spans."""
from __future__ import annotations

from ..records import Document


def body_regions(doc: Document) -> list[tuple[int, int]]:
    return doc.body_spans()


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies mostly in the body (more than half its chars)."""
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in regions)
    return covered * 2 > (end - start)
