"""Extraction settings. Defaults are the best measured on PolNeAR dev (see
`quotegraph eval`); each switch exists to measure what a rule is worth."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtractConfig:
    # "rules": dependency rules only; "tagger": the MiniLM tagger's spans with
    # rule-based cue/source attachment; "hybrid": both, arbitrated.
    mode: str = "rules"
    use_weak_cues: bool = False
    skip_cues_in_quotes: bool = True
    require_source: bool = True
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    max_cue_distance: int = 200
    min_quote_words: int = 3
    max_continuation_breaks: int = 3
    max_continuation_gap: int = 400
    continuation_paragraphs: bool = True
    merge_next_paragraph: bool = True
    clause_to_sentence_end: bool = False
    # Tagger / hybrid settings (mode "tagger" or "hybrid").
    tagger_model: str | None = None  # None: the model shipped in nlp/models/
    hybrid_match_jaccard: float = 0.5
    hybrid_contents: str = "tagger"  # whose content boundaries win on a match: tagger | rules
    hybrid_syntax_sources: bool = True
    # Rule attributions kept when the tagger did not find them ("hybrid" mode).
    keep_rules: frozenset[str] = frozenset({"quote_same_sentence", "quote_colon", "quote_signature",
                                             "quote_continuation", "clause", "according"})  # -0.004 attribution F1 on train when on


DEFAULT_CONFIG = ExtractConfig()
