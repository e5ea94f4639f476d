"""Extraction settings. Defaults are the best measured on PolNeAR dev (see
`quotegraph eval`); each switch exists to measure what a rule is worth."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtractConfig:
    # "rules": dependency rules only; "tagger": the MiniLM tagger's spans with
    # rule-based cue/source attachment; "hybrid": both, arbitrated.
    # Default "hybrid" with the statement filter: on PolNeAR dev (`quotegraph eval`),
    # quotes F1 0.785 and attribution F1 0.746 against 0.637 / 0.602 for "rules"; "rules" is the fast
    # path (about the speed of bare spaCy; hybrid adds the tagger, see bench extract).
    mode: str = "hybrid"
    use_weak_cues: bool = False
    skip_cues_in_quotes: bool = True
    # "did not mention X" reports no statement (dev, rules: precision +0.004, F1 equal;
    # hybrid: F1 -0.003, PolNeAR annotates some negated cues: "did not respond").
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
    tagger_only_cue_paragraphs: bool = False  # tag only paragraphs holding a cue candidate word
    # Hybrid settings chosen on PolNeAR dev with the run4 tagger (5 epochs, content-token
    # F1 0.901): rule cue/source/contents on a match; tagger-only quotes kept when they
    # have a cue span and >= 3 content words, whatever their probability, with or
    # without a source -> quotes F1 0.751, attribution F1 0.669. Each step on dev
    # (quotes / attribution F1): score floor 0.6 + source required 0.724 / 0.671;
    # no floor, no source needed 0.738 / 0.650 (tagger-only quotes without a cue are
    # right 26% of the time, with < 4 content words 30%); + cue required and >= 3
    # words 0.751 / 0.669; >= 4 words 0.748 / 0.667; tagger contents on a match:
    # within 0.002. With the merge, negation and nesting steps below: 0.751 / 0.665.
    hybrid_contents: str = "rules"  # whose content boundaries win on a match: tagger | rules
    hybrid_syntax_sources: bool = True
    hybrid_require_syntax: bool = False  # tagger-only quotes need a parsed cue verb with a subject
    # A tagger-only quote needs a speaker: on the seeds every source-less one was
    # noise ("None of the refugees are known to have ..."); on dev, quotes F1 0.751 ->
    # 0.737 but attribution F1 0.665 -> 0.673 (precision 0.701 -> 0.731).
    hybrid_require_source: bool = True  # tagger-only quotes need a source span
    # A tagger-only quote with no source of its own takes the nearest tagger source
    # span of its sentence (one another cue took).
    hybrid_source_fallback: bool = False
    # Two tagger contents on one cue form one quote only when both are quotations
    # ("“A,” she said. “B”"); otherwise two statements share the cue.
    hybrid_split_unquoted_pairs: bool = False
    # Where the tagger's source span and the syntactic source differ, propose the
    # statement with each (the statement filter keeps the likelier one).
    hybrid_alt_sources: bool = False
    # A noun cue's speaker is its possessor ("Trump's claim that ...") before any span
    # the tagger paired with it.
    hybrid_noun_cue_sources: bool = True
    # No speaker where the clause's subject is spoken to or about ("X was asked how ...",
    # "X has faced questions about ..."): neither the tagger's span nor a nearby one;
    # such statements are kept without a speaker. With the noun-cue speakers, filter
    # out of fold on PolNeAR train (quotes / attribution F1): 0.733 / 0.680 -> 0.736 /
    # 0.685. Only for speech verbs: PolNeAR also counts "X is known / expected to ..."
    # (out of fold -0.003 each without them; dev attribution +0.003), but nobody need
    # have said those.
    hybrid_unspoken_sources: bool = True
    # Subtracted from the tagger's log probability of "outside": > 0 proposes more spans.
    tagger_o_penalty: float = 0.0
    hybrid_require_cue: bool = True  # tagger-only quotes need a cue span
    # A tagger-only quote on the cue of a rule quote is the same statement: merged
    # into it (contents united). Dev: keep 0.749 / 0.666, skip 0.732 / 0.649,
    # merge 0.751 / 0.665 with quote precision 0.758 -> 0.791 (no duplicates).
    hybrid_same_cue: str = "merge"  # keep | skip | merge
    # a tagger-only object content ends before the cue's adverbial clauses
    # (indirect.without_cue_adjuncts); PolNeAR dev quotes F1 0.7797 -> 0.7812
    hybrid_trim_adjuncts: bool = True
    hybrid_min_words: int = 3  # tagger-only quotes need this many content words
    hybrid_min_score: float = 0.0  # minimum tagger span probability of a tagger-only quote
    # The statement filter (nlp/quote_filter.py): hybrid candidates are proposed
    # permissively (quote_filter.CANDIDATE_SETTINGS, which then override the hybrid
    # settings below) and a learned model keeps those likely to be right. PolNeAR
    # dev: quotes F1 0.737 -> 0.765, attribution F1 0.673 -> 0.726 with the 5-epoch tagger,
    # 0.779 / 0.739 with the 6-epoch one; 0.7795 / 0.737 with the bagged filter trained on
    # two half-tagger pairs (trained on train only, by `quotegraph train-filter`; threshold
    # chosen out of fold on train); 0.785 / 0.746 re-trained on the candidates of the
    # content-boundary rules of indirect.without_cue_adjuncts and attribution._introduces.
    statement_filter: bool = True
    filter_model: str | None = None  # None: the model shipped in nlp/models/
    filter_threshold: float | None = None  # None: the model's own threshold
    # Kept whatever the filter says when their source is a named entity: PolNeAR
    # rarely annotates headlines ("Veltra Ministry: crossings stay closed"), so the
    # model learnt to drop what users expect to see; "Poll: ...", "Correction: ..."
    # are still the model's to judge. Dev, where headlines go unannotated: quotes F1
    # 0.7649 -> 0.7645, attribution 0.7172 -> 0.7169 (exempting every headline: -0.002 each).
    filter_exempt_rules: frozenset[str] = frozenset({"headline"})
    # Quote.confidence as the calibrated probability that the statement and its speaker
    # are right (nlp/attribution/calibration.py, `quotegraph train-calibration`); off:
    # the raw rule/tagger score (what the calibration is trained from).
    calibrated_confidence: bool = True
    confidence_model: str | None = None  # None: the model shipped in nlp/models/
    # Rule attributions kept when the tagger did not find them ("hybrid" mode).
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
