"""Extraction settings. Defaults are the best measured on PolNeAR dev (see
`quotegraph eval`); each switch exists to measure what a rule is worth."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtractConfig:
    # "rules": dependency rules only; "tagger": the MiniLM tagger's spans with
    # rule-based cue/source attachment; "hybrid": both, arbitrated.
    # Default "rules": on PolNeAR dev, hybrid with the shipped tagger scores
    # quotes F1 0.623 / attribution F1 0.574 against 0.619 / 0.574 for rules,
    # at 0.36 of bare spaCy's speed instead of ~0.9 (bench extract, dev).
    mode: str = "rules"
    use_weak_cues: bool = False
    skip_cues_in_quotes: bool = True
    # "did not mention X" reports no statement (dev, rules: precision +0.004, F1 equal).
    skip_negated_cues: bool = True
    # An attribution whose cue lies inside another's content is dropped ("X said
    # that the report shows that ..." is X's statement). PolNeAR dev, rules:
    # quotes F1 0.619 -> 0.624, attribution 0.575 -> 0.582 (precision 0.79 -> 0.82).
    drop_nested_attributions: bool = True
    require_source: bool = True
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    max_cue_distance: int = 200
    min_quote_words: int = 3
    max_continuation_breaks: int = 3
    max_continuation_gap: int = 400
    continuation_paragraphs: bool = True
    merge_next_paragraph: bool = True
    clause_to_sentence_end: bool = False
    correct_entity_types: bool = True  # off: the model's entity labels as they are (to measure the gain)
    # Tagger / hybrid settings (mode "tagger" or "hybrid").
    tagger_model: str | None = None  # None: the model shipped in nlp/models/
    hybrid_match_jaccard: float = 0.5
    # Hybrid settings chosen on PolNeAR dev with the run2 tagger (0.56 epochs,
    # content-token F1 0.82): union of rules and tagger-only quotes whose
    # tagger probability >= 0.6, rule contents on a match -> quotes F1 0.625,
    # attribution F1 0.576 (rules alone 0.619 / 0.575; tagger contents instead
    # of rule contents 0.613 / 0.531; no score floor 0.628 / 0.562).
    hybrid_contents: str = "rules"  # whose content boundaries win on a match: tagger | rules
    hybrid_syntax_sources: bool = True
    hybrid_require_syntax: bool = False  # tagger-only quotes need a parsed cue verb with a subject
    hybrid_min_score: float = 0.6  # minimum tagger span probability of a tagger-only quote
    # Rule attributions kept when the tagger did not find them ("hybrid" mode).
    keep_rules: frozenset[str] = frozenset({"clause", "parataxis", "control", "object", "according",
                                             "quote_same_sentence", "quote_colon", "quote_signature",
                                             "quote_continuation", "headline"})


DEFAULT_CONFIG = ExtractConfig()
