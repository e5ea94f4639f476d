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
    clause_to_sentence_end: bool = False  # -0.004 attribution F1 on train when on


DEFAULT_CONFIG = ExtractConfig()
