"""Extraction settings of one run. Defaults are the best measured on PolNeAR dev; each
switch exists to measure what a rule is worth. The measurements behind each default are in
docs/settings.md; the statement filter's candidate settings are saved with its model
(nlp/models/quote_filter.json, ``meta.candidate_settings``)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtractConfig:
    # "rules": dependency rules only; "tagger": the MiniLM tagger's spans with rule-based
    # cue/source attachment; "hybrid": both, arbitrated, then the statement filter.
    mode: str = "hybrid"
    # --- rules (nlp/attribution/rules.py, cues.py, contents.py)
    use_weak_cues: bool = False
    skip_cues_in_quotes: bool = True
    skip_negated_cues: bool = True  # "did not mention X" reports no statement
    drop_nested_attributions: bool = True  # a cue inside another's content: the outer statement only
    require_source: bool = True
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    max_cue_distance: int = 200
    min_quote_words: int = 3
    max_continuation_breaks: int = 3
    max_continuation_gap: int = 400
    continuation_paragraphs: bool = True
    merge_next_paragraph: bool = True
    clause_to_sentence_end: bool = False
    # --- speakers (nlp/speakers/entities.py); off: the model's entity labels as they are
    correct_entity_types: bool = True
    # --- tagger (nlp/attribution/tagger.py)
    tagger_model: str | None = None  # None: the model shipped in nlp/models/
    tagger_only_cue_paragraphs: bool = False  # tag only paragraphs holding a cue candidate word
    tagger_o_penalty: float = 0.0  # subtracted from the log probability of "outside": > 0 proposes more spans
    # --- hybrid arbitration (nlp/attribution/hybrid.py)
    hybrid_match_jaccard: float = 0.5
    hybrid_contents: str = "rules"  # whose content boundaries win on a match: tagger | rules
    hybrid_syntax_sources: bool = True
    hybrid_require_syntax: bool = False  # tagger-only quotes need a parsed cue verb with a subject
    hybrid_require_source: bool = True  # tagger-only quotes need a source span
    # a tagger-only quote with no source takes the nearest tagger source span of its sentence
    hybrid_source_fallback: bool = False
    # two tagger contents on one cue form one quote only when both are quotations
    hybrid_split_unquoted_pairs: bool = False
    # where the tagger's and the syntactic source differ, propose the statement with each
    hybrid_alt_sources: bool = False
    # a noun cue's speaker is its possessor ("Trump's claim that ...")
    hybrid_noun_cue_sources: bool = True
    # no speaker where the subject is spoken to or about ("X was asked how ...")
    hybrid_unspoken_sources: bool = True
    hybrid_require_cue: bool = True  # tagger-only quotes need a cue span
    # a tagger-only quote on the cue of a rule quote is the same statement: keep | skip | merge
    hybrid_same_cue: str = "merge"
    # a tagger-only object content ends before the cue's adverbial clauses
    hybrid_trim_adjuncts: bool = True
    hybrid_min_words: int = 3  # tagger-only quotes need this many content words
    hybrid_min_score: float = 0.0  # minimum tagger span probability of a tagger-only quote
    # --- statement filter (nlp/attribution/statement_filter.py)
    statement_filter: bool = True
    filter_model: str | None = None  # None: the model shipped in nlp/models/
    filter_threshold: float | None = None  # None: the model's own threshold
    # kept whatever the filter says when their source is a named entity
    filter_exempt_rules: frozenset[str] = frozenset({"headline"})
    # Quote.confidence as the calibrated probability that the statement and its speaker
    # are right (nlp/attribution/calibration.py, `quotegraph train-calibration`); off:
    # the raw rule/tagger score (what the calibration is trained from).
    calibrated_confidence: bool = True
    confidence_model: str | None = None  # None: the model shipped in nlp/models/
    # rule attributions kept when the tagger did not find them ("hybrid" mode)
    keep_rules: frozenset[str] = frozenset({"clause", "parataxis", "control", "object", "according",
                                             "quote_same_sentence", "quote_colon", "quote_signature",
                                             "quote_continuation", "headline"})


def _mode_from_environment() -> str:
    """QUOTEGRAPH_MODE=rules|tagger|hybrid picks the mode of every extraction in this
    process and its Ray workers (they inherit the environment); default hybrid."""
    mode = os.environ.get("QUOTEGRAPH_MODE", "").strip().lower() or ExtractConfig.mode
    if mode not in ("rules", "tagger", "hybrid"):
        raise ValueError(f"QUOTEGRAPH_MODE must be rules, tagger or hybrid, not {mode!r}")
    return mode


DEFAULT_CONFIG = ExtractConfig(mode=_mode_from_environment())
