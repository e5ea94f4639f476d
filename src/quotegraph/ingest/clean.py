"""Cleaning one Document: furniture spans, headline, dateline outlet, language.

A pure function of the document: metadata already present (sidecar, CSV,
HTML, JSONL fields) always wins over what is guessed from the text.
"""
from __future__ import annotations

from ..records import Document, Span
from .boilerplate import find_furniture
from .datelines import find_dateline
from .langid import MAX_CHARS as LANGID_CHARS
from .langid import identify_language


def body_spans(doc: Document) -> list[tuple[int, int]]:
    """The complement of ``doc.boilerplate`` in ``doc.text``: where the article body is."""
    return doc.body_spans()


def _body_sample(text: str, spans: list[tuple[int, int]]) -> str:
    """The first LANGID_CHARS characters of body text (language identification needs no more)."""
    parts: list[str] = []
    size = 0
    for start, end in spans:
        piece = text[start : min(end, start + LANGID_CHARS - size)]
        parts.append(piece)
        size += len(piece) + 1
        if size >= LANGID_CHARS:
            break
    return " ".join(parts)


def clean_document(doc: Document) -> Document:
    text = doc.text
    report = find_furniture(text, known_title=doc.title)
    doc.boilerplate = [Span.of(text, start, end) for start, end in report.spans]
    doc.meta["boilerplate_reasons"] = list(report.reasons)

    if report.title_line is not None:
        doc.meta["headline"] = Span.of(text, report.title_line.start, report.title_line.end).to_dict()
        if not doc.title:
            doc.title = report.title_line.text

    marked = set(report.spans)
    title_start = report.title_line.start if report.title_line else -1
    body_lines = [ln for ln in report.lines if (ln.start, ln.end) not in marked and ln.start != title_start]
    dateline = find_dateline(body_lines)
    if dateline is not None:
        doc.meta["dateline"] = {"start": dateline.start, "end": dateline.end, "text": dateline.text}
        if not doc.outlet:
            doc.outlet = dateline.outlet

    doc.language = identify_language(_body_sample(text, body_spans(doc)))
    return doc
