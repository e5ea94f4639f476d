"""Main text and metadata of an HTML page, parsing it once.

The page is parsed into one lxml tree. Title, site name and URL come from its
meta tags / JSON-LD / <title> (trafilatura's own helpers), the publication date
from htmldate on the same tree, then trafilatura extracts the main text from
that tree. trafilatura's full ``extract_metadata`` is not used: it also hunts
for authors, which we do not need and which doubled the metadata cost.

htmldate runs with extensive_search off: a date is taken from the page's
markup (meta tags, JSON-LD, <time>, URL), never guessed from free text such as
a copyright line, so ``published`` is never invented.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from htmldate import find_date
from trafilatura import bare_extraction
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
from trafilatura.utils import load_html

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


def _page_metadata(tree, url: str | None) -> tuple[str | None, str | None, str | None, str | None]:
    """(title, sitename, url, date) from the tree's markup; read-only on the tree."""
    md = examine_meta(tree)
    try:
        md = extract_meta_json(tree, md)
    except Exception:  # malformed JSON-LD is common and never fatal
        pass
    title = md.title or extract_title(tree)
    page_url = md.url or extract_url(tree, url) or url
    sitename = md.sitename or extract_sitename(tree)
    if sitename and "." not in sitename and not sitename[0].isupper():
        sitename = sitename.title()
    date = find_date(tree, url=page_url, extensive_search=False, original_date=True)
    return title, sitename, page_url, date


def extract_html(html: bytes | str, url: str | None = None) -> HtmlArticle:
    """The article in an HTML page, or BadInput if the page has no article body."""
    if not (html.strip() if isinstance(html, (bytes, str)) else html):
        raise BadInput("empty HTML page")
    try:
        tree = load_html(html)
    except Exception as exc:  # lxml on broken markup
        raise BadInput(f"broken HTML: {type(exc).__name__}: {exc}") from None
    if tree is None:
        raise BadInput("not HTML: no document tree could be built")
    try:
        title, sitename, page_url, date = _page_metadata(tree, url)
        # bare_extraction copies a tree it is given, so the metadata above and
        # the extraction below share one parse.
        result = bare_extraction(tree, url=page_url, include_comments=False, include_tables=True)
    except Exception as exc:  # trafilatura internals on odd markup
        raise BadInput(f"broken HTML: {type(exc).__name__}: {exc}") from None
    if result is None or not (result.text or "").strip():
        raise BadInput("HTML without an article body: no main text found")
    return HtmlArticle(
        text=result.text,
        title=title or None,
        sitename=sitename or None,
        published=normalise_date(date),
        url=page_url,
    )
