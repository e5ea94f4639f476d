"""Main text and metadata of an HTML page, parsing it once.

trafilatura.bare_extraction parses the page into one lxml tree and runs both
its own extraction and htmldate's date search on that tree (with_metadata), so
the page is never parsed twice.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from trafilatura import bare_extraction

from .errors import BadInput
from .meta import normalise_date

# trafilatura logs every discarded page at WARNING; we report those ourselves.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None
    sitename: str | None
    published: str | None
    url: str | None


def extract_html(html: bytes | str, url: str | None = None) -> HtmlArticle:
    """The article in an HTML page, or BadInput if the page has no article body."""
    head = html[:2048].lower() if isinstance(html, bytes) else html[:2048].lower().encode("utf-8", "ignore")
    if not head.strip():
        raise BadInput("empty HTML page")
    try:
        result = bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # lxml/trafilatura internals on broken markup
        raise BadInput(f"broken HTML: {type(exc).__name__}: {exc}") from None
    if result is None or not (result.text or "").strip():
        raise BadInput("HTML without an article body: no main text found")
    return HtmlArticle(
        text=result.text,
        title=(result.title or None),
        sitename=(result.sitename or None),
        published=normalise_date(result.date),
        url=result.url or url,
    )
