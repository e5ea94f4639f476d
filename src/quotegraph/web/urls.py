"""Page URLs built from fixed patterns.

Starlette's ``url_for`` searches the route table on every call; a search page
links to a speaker, an article and a statement per card plus every facet, and
that search was most of the page's render time. These patterns mirror the
routes in pages.py, api.py and edits.py (tests follow every link they produce).
"""
from __future__ import annotations

from urllib.parse import quote

PATTERNS = {
    "search_page": "/",
    "speakers_page": "/speakers",
    "speaker_page": "/speakers/{speaker_id}",
    "statements_page": "/statements",
    "statement_page": "/statements/{statement_id}",
    "document_page": "/documents/{doc_id}",
    "speaker_edit_page": "/speakers/{speaker_id}/edit",
    "speaker_rename": "/speakers/{speaker_id}/rename",
    "speaker_merge": "/speakers/{speaker_id}/merge",
    "speaker_split": "/speakers/{speaker_id}/split",
    "relink": "/relink",
    "api_page": "/api-docs",
    "watch_page": "/watch",
    "alerts_page": "/alerts",
    "static": "/static/{path}",
}


def url_for(name: str, /, **params: str) -> str:
    """The path of a named page; every parameter is percent-encoded (a '/' in an id included)."""
    pattern = PATTERNS[name]
    safe = "/" if name == "static" else ""
    return pattern.format(**{k: quote(str(v), safe=safe) for k, v in params.items()})
