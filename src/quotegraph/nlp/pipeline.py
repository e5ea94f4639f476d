"""extract(doc) -> DocResult: the pure per-document analysis step.

Placeholder until issue 3 lands: it returns the document with no quotes. The
signature is the contract the local engine, the store and the Ray engine call.
"""
from __future__ import annotations

from ..records import DocResult, Document


def extract(doc: Document) -> DocResult:
    return DocResult(document=doc)
