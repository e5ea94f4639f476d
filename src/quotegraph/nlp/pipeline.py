"""extract(doc) -> DocResult: the pure per-document analysis step.

Components, each one job (see the modules): quotation marks (quotes_direct),
cues (cues + data/cues.yaml), contents (indirect), sources (sources),
assembly (attribution), entity types (entities), speakers (coref), roles
(roles), addressees (addressee). The spaCy model is loaded once per process.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import DocResult, Document, Quote, Span
from .attribution import Attribution, find_attributions
from .config import DEFAULT_CONFIG, ExtractConfig
from .cues import load_cue_lexicon
from .quotes_direct import find_quoted_passages, quote_mark_coverage
from .regions import body_regions, inside
from .spacy_model import get_nlp


def parse(text: str) -> Doc:
    return get_nlp()(text)


def extract(doc: Document, config: ExtractConfig = DEFAULT_CONFIG) -> DocResult:
    return extract_parsed(doc, parse(doc.text), config)


def quote_kind(text: str, contents: list[tuple[int, int]], passages) -> str:
    cover = sum(quote_mark_coverage(text, s, e, passages) * (e - s) for s, e in contents) / max(
        1, sum(e - s for s, e in contents))
    if cover >= 0.95:
        return "direct"
    return "mixed" if cover > 0 else "indirect"


def extract_parsed(doc: Document, sdoc: Doc, config: ExtractConfig = DEFAULT_CONFIG) -> DocResult:
    text = doc.text
    regions = body_regions(doc)
    lex = load_cue_lexicon()
    passages = find_quoted_passages(text, regions)
    atts = [a for a in find_attributions(sdoc, passages, lex, config) if inside(regions, a.start, a.end)]
    quotes: list[Quote] = []
    for n, att in enumerate(atts):
        quotes.append(_to_quote(doc, n, att, passages))
    return DocResult(
        document=doc,
        quotes=quotes,
        sentences=[(s.start_char, s.end_char) for s in sdoc.sents],
    )


def _to_quote(doc: Document, n: int, att: Attribution, passages) -> Quote:
    text = doc.text
    return Quote(
        id=f"{doc.id}#q{n}",
        kind=quote_kind(text, att.contents, passages),
        contents=[Span.of(text, s, e) for s, e in att.contents],
        cue=Span.of(text, *att.cue) if att.cue else None,
        sources=[Span.of(text, *att.source)] if att.source else [],
        confidence=att.confidence,
    )


def warm_up(config: ExtractConfig = DEFAULT_CONFIG) -> None:
    """Load every model the configuration uses (benchmarks time work, not loading)."""
    get_nlp()
    load_cue_lexicon()
