"""The statement filter: a small learned model that keeps or drops each candidate
attribution of hybrid extraction.

Hybrid arbitration (hybrid.py) proposes every statement the rules or the tagger
found; this step scores each candidate from evidence both systems leave behind
(which rule found it, whether the tagger agrees with its content, cue and
source, how long it is, whether it is quoted, what kind of word its speaker is)
and keeps those whose probability of being a real, rightly attributed statement
clears a threshold. The model is gradient-boosted trees exported to JSON
(``models/quote_filter.json``), evaluated here with numpy arrays: no learning
library is needed at run time. ``quotegraph train-filter`` re-trains it from
PolNeAR train (nlp/quote_filter_train.py).
"""
from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from spacy.tokens import Doc

from ...quotation_marks import CLOSING_MARKS as QUOTE_CLOSERS, OPENING_MARKS
from .rules import Attribution
from ..config import ExtractConfig
from .cues import load_cue_lexicon
from .hybrid import content_words, spans_overlap
from .marks import QuotedPassage, quote_mark_coverage
from .sources import participle_speaker
from .tagger import TaggedSpan

WORD = re.compile(r"\w+")
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "quote_filter.json"
NOT_APPLICABLE = -1.0
UNSEEN_CUE_PRIOR = 0.0  # a lemma seen fewer than MIN_PRIOR_COUNT times in training

RULES = ("clause", "parataxis", "control", "object", "according", "quote_same_sentence", "quote_colon",
         "quote_signature", "quote_continuation", "headline", "tagger")
ORIGINS = ("rule", "agree", "merged", "tagger")
SOURCE_HOWS = ("rule", "syntax", "tagger", "nearest", "unspoken")
# The commonest cue lemmas of PolNeAR train; any other lemma is "other".
CUE_LEMMAS = ("say", "tell", "according", "add", "write", "report", "ask", "call", "claim", "note", "argue",
              "show", "suggest", "find", "announce", "accuse", "explain", "describe", "insist", "warn",
              "believe", "think", "know", "want", "deny")
PERSON_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "him", "her", "them"})
OTHER_PRONOUNS = frozenset({"it", "this", "that", "which", "who", "what", "these", "those"})


# Hybrid proposing permissively when the filter decides: nothing dropped for lack of
# a cue, a source or words; a rule and a tagger quote on one cue both proposed; two
# unquoted contents on one cue proposed apart; the tagger's spans decoded with a
# penalty on "outside"; cognition verbs ("believe") as cues; where the tagger's source
# differs from the syntactic one, a rival with each. PolNeAR dev, candidates matching
# a gold quote: 1,635 with the hybrid defaults -> 1,786 of 2,192 (1,592 with the gold
# source). Nested statements stay dropped (config.drop_nested_attributions): PolNeAR
# annotates them (dev attribution F1 +0.001 with them) but a claim inside a quotation
# ("the Armenian side recognised ..." inside a diplomat's quote) is not a statement
# by the one it names.
CANDIDATE_SETTINGS = dict(hybrid_require_source=False, hybrid_require_cue=False, hybrid_min_words=1,
                          hybrid_same_cue="keep", hybrid_split_unquoted_pairs=True, hybrid_source_fallback=True,
                          tagger_o_penalty=0.5, use_weak_cues=True, hybrid_alt_sources=True)


def candidate_config(config: ExtractConfig, settings: dict | None = None) -> ExtractConfig:
    """The settings hybrid candidates are proposed with when the filter decides:
    ``settings`` (those a model was trained on, ``FilterModel.candidate_settings``),
    else ``CANDIDATE_SETTINGS`` (what ``train-filter`` trains a new model on)."""
    return replace(config, **(CANDIDATE_SETTINGS if settings is None else settings))


def _overlaps(a: tuple[int, int], spans: Sequence[TaggedSpan]) -> float:
    """Best share of ``a`` covered by one of ``spans``."""
    n = max(1, a[1] - a[0])
    return max((max(0, min(a[1], s.end) - max(a[0], s.start)) / n for s in spans), default=0.0)


@dataclass(frozen=True)
class DocumentEvidence:
    """What every candidate of one document is compared with, computed once."""

    text: str
    passages: Sequence[QuotedPassage]
    tag_contents: list[TaggedSpan]
    tag_words: set[int]
    cue_spans: list[TaggedSpan]
    source_spans: list[TaggedSpan]
    sentence_starts: list[int]

    @classmethod
    def of(cls, sdoc: Doc, tagged: Sequence[TaggedSpan], passages: Sequence[QuotedPassage],
           text: str) -> "DocumentEvidence":
        contents = [s for s in tagged if s.label == "CONTENT"]
        return cls(text, passages, contents, content_words(text, [(s.start, s.end) for s in contents]),
                   [s for s in tagged if s.label == "CUE"], [s for s in tagged if s.label == "SOURCE"],
                   [s.start_char for s in sdoc.sents])

    def sentences_between(self, start: int, end: int) -> int:
        """How many sentences the characters start..end touch."""
        return bisect.bisect_left(self.sentence_starts, end) - max(0, bisect.bisect_right(self.sentence_starts,
                                                                                          start) - 1)


def features(sdoc: Doc, att: Attribution, ev: DocumentEvidence,
             cue_prior: dict[str, float] | None = None) -> dict[str, float]:
    """Evidence about one candidate attribution, as named numbers. ``cue_prior``:
    per lemma, the share of its occurrences that are a gold cue in the training data."""
    text, passages = ev.text, ev.passages
    f: dict[str, float] = {f"origin_{o}": float(att.origin == o) for o in ORIGINS}
    f.update({f"rule_{r}": float(att.rule == r) for r in RULES})
    f.update({f"source_by_{h}": float(att.source_how == h) for h in SOURCE_HOWS})
    f["tagger_score"] = att.tagger_score
    contents = att.contents
    words = content_words(text, contents)
    tag_contents, tag_words = ev.tag_contents, ev.tag_words
    f["n_words"] = math.log1p(len(words))
    f["n_spans"] = float(len(contents))
    f["tagger_content_cover"] = len(words & tag_words) / len(words) if words else 0.0
    near = [s for s in tag_contents if s.start < att.end and att.start < s.end]
    f["tagger_content_max_score"] = max((s.score for s in near), default=0.0)
    chars = sum(e - s for s, e in contents) or 1
    f["quoted"] = sum(quote_mark_coverage(text, s, e, passages) * (e - s) for s, e in contents) / chars
    first = text[contents[0][0]:contents[0][1]].lstrip(" " + OPENING_MARKS)
    f["starts_that"] = float(first.lower().startswith("that "))
    f["question"] = float(text[att.start:att.end].rstrip(" " + QUOTE_CLOSERS).endswith("?"))
    f["first_person"] = float(bool(re.search(r"\b(?:I|we|my|our|us|me)\b", text[att.start:att.end])))
    f["n_sentences"] = float(ev.sentences_between(att.start, att.end))
    f.update(_boundary_features(sdoc, att, ev))
    # cue
    f["has_cue"] = float(att.cue is not None)
    cue_tok = sdoc[att.cue_token] if att.cue_token is not None else None
    if att.cue is not None:
        f["tagger_cue"] = _overlaps(att.cue, ev.cue_spans)
        f["cue_after"] = float(att.cue[0] >= att.end)
        f["cue_inside"] = float(att.start < att.cue[0] < att.end)
        gap = att.cue[0] - att.end if att.cue[0] >= att.end else att.start - att.cue[1]
        f["cue_gap"] = math.log1p(max(0, gap))
    lemma = cue_tok.lemma_.lower() if cue_tok is not None else ""
    if att.rule == "according":
        lemma = "according"
    f.update({f"cue_{w}": float(lemma == w) for w in CUE_LEMMAS})
    f["cue_other"] = float(bool(lemma) and lemma not in CUE_LEMMAS)
    if lemma and cue_prior is not None:
        f["cue_prior"] = cue_prior.get(lemma, UNSEEN_CUE_PRIOR)
    if lemma:
        # what the cue lexicon knows of lemmas too rare in training for a prior ("tolerate", "deplore")
        lex = load_cue_lexicon()
        f["cue_speech_verb"] = float(lex.reports_speech(lemma) or lemma == "according")
        f["cue_thought_verb"] = float(lemma in lex.weak_clause)
    if cue_tok is not None:
        f["cue_verb"] = float(cue_tok.pos_ in ("VERB", "AUX"))
        f["cue_past"] = float(cue_tok.tag_ in ("VBD", "VBN"))
        f["cue_present"] = float(cue_tok.tag_ in ("VBZ", "VBP"))
        f["cue_modal"] = float(any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue_tok.children))
        # "a question suggesting ...": the noun the participle describes speaks
        f["cue_participle"] = float(participle_speaker(cue_tok) is not None)
        span = sdoc.char_span(contents[0][0], contents[0][1], alignment_mode="expand")
        if span is not None and len(span):
            root = span.root
            f["content_verb"] = float(root.pos_ in ("VERB", "AUX"))
            f["content_noun"] = float(root.pos_ in ("NOUN", "PROPN", "PRON"))
            f["cue_governs_content"] = float(root.head.i == cue_tok.i or any(
                a.i == cue_tok.i for a in list(root.ancestors)[:3]))
    # source
    f["has_source"] = float(att.source is not None)
    if att.source is not None:
        f["tagger_source"] = _overlaps(att.source, ev.source_spans)
        src = sdoc[att.source_token] if att.source_token is not None else None
        if src is not None:
            low = src.lower_
            f["src_person_pronoun"] = float(low in PERSON_PRONOUNS)
            f["src_other_pronoun"] = float(low in OTHER_PRONOUNS)
            f["src_propn"] = float(src.pos_ == "PROPN")
            f["src_noun"] = float(src.pos_ == "NOUN")
            f["src_person"] = float(src.ent_type_ == "PERSON")
            f["src_org"] = float(src.ent_type_ in ("ORG", "NORP", "GPE"))
            f["src_plural"] = float(src.tag_ in ("NNS", "NNPS"))
        f["src_words"] = math.log1p(len(WORD.findall(text[att.source[0]:att.source[1]])))
        anchor = att.cue if att.cue is not None else (att.start, att.end)
        f["src_gap"] = math.log1p(max(0, max(att.source[0], anchor[0]) - min(att.source[1], anchor[1])))
        f["src_in_content"] = float(any(s <= att.source[0] < e for s, e in contents))
    return f


SENTENCE_END_MARKS = ".?!"
CLOSING_MARKS = QUOTE_CLOSERS + ")"
CONTENT_ROOT_DEPS = ("ccomp", "xcomp", "dobj", "pobj", "ROOT", "conj", "advcl", "relcl", "nsubj", "nsubjpass")


def _boundary_features(sdoc: Doc, att: Attribution, ev: DocumentEvidence) -> dict[str, float]:
    """Whether the content's edges fall where statements end: at a sentence edge or
    the attribution, not inside a noun phrase ("criticized Tulsa, Okla" cut before
    "police officer Betty Shelby") or on into the cue's own adjuncts ("called for more
    investment in a statement on Thursday"). Out of fold on PolNeAR train: quotes F1
    0.730 -> 0.733, attribution F1 0.678 -> 0.680. (Cutting or extending the tagger's
    spans to the parse's constituents instead lost 0.001 - 0.036 quotes F1 on dev.)"""
    text = ev.text
    start, end = att.contents[0][0], att.contents[-1][1]
    k = bisect.bisect_right(ev.sentence_starts, max(0, end - 1)) - 1
    sent_end = ev.sentence_starts[k + 1] if k + 1 < len(ev.sentence_starts) else len(text)
    j = bisect.bisect_right(ev.sentence_starts, start) - 1
    sent_start = ev.sentence_starts[j] if j >= 0 else 0
    skip = [s for s in (att.cue, att.source) if s is not None]

    def words_outside(a: int, b: int) -> int:
        return sum(1 for m in WORD.finditer(text, a, b) if not any(s <= m.start() < e for s, e in skip))

    f = {"tail_words": math.log1p(words_outside(end, sent_end)),
         "head_words": math.log1p(words_outside(sent_start, start))}
    after = text[end:end + 3].lstrip(CLOSING_MARKS)
    before = text[end - 1] if end > 0 else ""
    f["ends_sentence_mark"] = float(before in SENTENCE_END_MARKS or after[:1] in SENTENCE_END_MARKS
                                    or after[:1] == "\n" or end >= len(text))
    f["ends_comma"] = float(before == "," or after[:1] == ",")
    f["ends_before_word"] = float(bool(after[:1]) and after[:1].isalnum())
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        root = span.root
        f.update({f"content_root_{d}": float(root.dep_ == d) for d in CONTENT_ROOT_DEPS})
        subtree = [t for t in root.subtree if not t.is_punct and not t.is_space]
        f["subtree_beyond_end"] = math.log1p(sum(1 for t in subtree if t.i >= span.end))
        f["subtree_before_start"] = math.log1p(sum(1 for t in subtree if t.i < span.start))
        last = span[-1] if not span[-1].is_punct or len(span) == 1 else span[-2]
        f["ends_in_phrase"] = float(last.head.i > last.i and last.head.i >= span.end
                                   and last.dep_ in ("det", "amod", "compound", "poss", "nummod", "prep", "aux",
                                                     "nmod", "cc", "mark"))
    return f


def document_features(sdoc: Doc, atts: Sequence[Attribution], tagged: Sequence[TaggedSpan],
                      passages: Sequence[QuotedPassage], text: str,
                      cue_prior: dict[str, float] | None = None) -> list[dict[str, float]]:
    """``features`` of every candidate of a document, plus how each one sits among
    the others (two candidates on one cue or over the same words are rivals)."""
    out = []
    ev = DocumentEvidence.of(sdoc, tagged, passages, text)
    words = [content_words(text, a.contents) for a in atts]
    for i, att in enumerate(atts):
        f = features(sdoc, att, ev, cue_prior)
        rivals = [j for j in range(len(atts)) if j != i and words[i] & words[j]]
        f["rival_content"] = float(len(rivals))
        f["rival_share"] = max((len(words[i] & words[j]) / max(1, len(words[i])) for j in rivals), default=0.0)
        f["rival_same_cue"] = float(att.cue is not None and any(
            j != i and b.cue is not None and b.cue[0] < att.cue[1] and att.cue[0] < b.cue[1]
            for j, b in enumerate(atts)))
        f["position"] = att.start / max(1, len(text))
        out.append(f)
    return out


@dataclass(frozen=True)
class TreeArrays:
    """Every tree's nodes in flat arrays, walked for all of a document's candidates at
    once (numpy): the trees compiled to one Python function cost 0.38 ms per candidate
    and 0.9 s to compile at load (PolNeAR dev: 2,675 candidates, 1.0 s + 0.9 s); the
    arrays about 1 ms per document. A leaf points to itself, so walking ``depth``
    steps from every root ends on each tree's leaf."""

    feature: np.ndarray  # int64: the feature a node tests (0 at a leaf, never read)
    threshold: np.ndarray  # float64: go left when x[feature] <= threshold
    left: np.ndarray  # int64: absolute node index
    right: np.ndarray
    value: np.ndarray  # float64: the leaf's value (nodes above leaves: unused)
    roots: np.ndarray  # int64: each tree's first node, in tree order
    depth: int  # the deepest leaf's depth

    @classmethod
    def of(cls, trees: Sequence[dict]) -> "TreeArrays":
        feature, threshold, left, right, value, roots = [], [], [], [], [], []
        depth = 0
        for t in trees:
            base = len(feature)
            roots.append(base)
            for node, (lo, hi) in enumerate(zip(t["left"], t["right"])):
                leaf = lo == -1
                feature.append(0 if leaf else int(t["feature"][node]))
                threshold.append(float(t["threshold"][node]))
                left.append(base + node if leaf else base + int(lo))
                right.append(base + node if leaf else base + int(hi))
                value.append(float(t["value"][node]))
            depth = max(depth, _tree_depth(t))
        as_int = lambda xs: np.asarray(xs, dtype=np.int64)  # noqa: E731
        return cls(as_int(feature), np.asarray(threshold, dtype=np.float64), as_int(left), as_int(right),
                   np.asarray(value, dtype=np.float64), as_int(roots), depth)

    def leaf_sums(self, x: np.ndarray) -> np.ndarray:
        """Per row of ``x`` (candidates x features): the sum of its leaf values over the
        trees, added in tree order (cumsum is sequential: the same float sums as adding
        one tree after another)."""
        rows = np.arange(x.shape[0])[:, None]
        node = np.broadcast_to(self.roots, (x.shape[0], self.roots.size))
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        if not self.roots.size:
            return np.zeros(x.shape[0])
        return np.cumsum(self.value[node], axis=1)[:, -1]


def _tree_depth(tree: dict) -> int:
    deepest, todo = 0, [(0, 0)]
    while todo:
        node, d = todo.pop()
        if tree["left"][node] == -1:
            deepest = max(deepest, d)
        else:
            todo += [(tree["left"][node], d + 1), (tree["right"][node], d + 1)]
    return deepest


@dataclass(frozen=True)
class FilterModel:
    """Gradient-boosted regression trees over ``features`` (log-odds summed)."""

    feature_names: tuple[str, ...]
    base: float
    learning_rate: float
    trees: tuple[dict, ...]  # {"feature": [...], "threshold": [...], "left": [...], "right": [...], "value": [...]}
    # A feature that does not apply (no cue, no source) is NOT_APPLICABLE, below every real value.
    threshold: float
    meta: dict
    cue_prior: dict[str, float]
    arrays: TreeArrays = field(repr=False, compare=False)

    def probabilities(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """The model's probability for each candidate's features."""
        if not rows:
            return []
        x = np.array([[feats.get(n, NOT_APPLICABLE) for n in self.feature_names] for feats in rows],
                     dtype=np.float64)
        z = self.base + self.learning_rate * self.arrays.leaf_sums(x)
        return [1.0 / (1.0 + math.exp(-v)) for v in z.tolist()]

    def probability(self, feats: dict[str, float]) -> float:
        return self.probabilities([feats])[0]

    @property
    def candidate_settings(self) -> dict:
        """The extraction settings its training candidates were proposed with (saved
        with the model by ``train-filter``); a model saved without them was trained
        on ``CANDIDATE_SETTINGS``."""
        return self.meta.get("candidate_settings", CANDIDATE_SETTINGS)


def model_from_dict(d: dict) -> FilterModel:
    return FilterModel(tuple(d["feature_names"]), d["base"], d["learning_rate"], tuple(d["trees"]),
                       d["threshold"], d.get("meta", {}), d.get("cue_prior", {}), TreeArrays.of(d["trees"]))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> FilterModel | None:
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        return None
    model = model_from_dict(json.loads(p.read_text(encoding="utf-8")))
    unknown = set(model.candidate_settings) - {f.name for f in fields(ExtractConfig)}
    if unknown:
        raise ValueError(f"{p}: candidate_settings names no extraction setting: {', '.join(sorted(unknown))}")
    return model


# Two kept candidates sharing this share of their content words (Jaccard) report one
# statement: only the more probable is kept. PolNeAR dev, 5-fold cross-validated
# filter: quotes F1 +0.003, attribution F1 +0.003 at 0.3 (0.5: +0.000).
DUPLICATE_JACCARD = 0.3


# A kept candidate's words holding this share of another's, with the same source, make
# the other a piece of it ("called X his ‘friends’" and "sarcastically: his ‘friends’").
# PolNeAR dev: quotes F1 0.7653 -> 0.7652, attribution 0.7263 -> 0.7262 (one such piece
# there was a gold statement of its own); on the seeds it removed one fragment.
PART_OF_KEPT = 0.8


def _names_a_speaker(sdoc: Doc, source: tuple[int, int] | None) -> bool:
    if source is None:
        return False
    span = sdoc.char_span(source[0], source[1], alignment_mode="expand")
    return span is not None and any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in span)


def keep(sdoc: Doc, atts: list[Attribution], tagged: Sequence[TaggedSpan], passages: Sequence[QuotedPassage],
         text: str, model: FilterModel, threshold: float | None = None,
         need_source: bool = True, exempt_rules: frozenset[str] = frozenset()) -> list[Attribution]:
    """The candidates the model keeps, most probable first among rivals, in text order;
    each kept one's score is the model's probability. ``need_source``: a statement
    nobody is said to have made is not kept (PolNeAR dev: 16 of 1,898 kept ones,
    quotes F1 -0.002, attribution F1 +0.000; on the seeds they were narration),
    unless syntax says its speaker goes unnamed ("X was asked how ...", "X has faced
    questions about ...": ``source_how`` "unspoken"; out of fold on train, quotes F1
    +0.004, attribution F1 +0.003).
    ``exempt_rules``: rules whose statements are kept whatever the model says when
    their source is a named person, organisation or place ("Russian MFA: ..."; not
    "Poll: ...", "Correction: ...", "Stealth Over Health: ...")."""
    cut = model.threshold if threshold is None else threshold
    def exempt(att: Attribution) -> bool:
        return att.rule in exempt_rules and _names_a_speaker(sdoc, att.source)

    probs = model.probabilities(document_features(sdoc, atts, tagged, passages, text, model.cue_prior))
    scored = [(max(p, cut) if exempt(atts[i]) else p, i) for i, p in enumerate(probs)]
    kept: list[tuple[int, set[int]]] = []
    for p, i in sorted(scored, reverse=True):
        if p < cut:
            break
        if need_source and atts[i].source is None and atts[i].source_how != "unspoken":
            continue
        words = content_words(text, atts[i].contents)
        if any(len(words & w) / max(1, len(words | w)) >= DUPLICATE_JACCARD for _, w in kept):
            continue
        if any(len(words & w) >= PART_OF_KEPT * len(words) and spans_overlap(atts[i].source, atts[j].source)
               for j, w in kept):
            continue  # a piece of a statement already kept, by the same speaker
        atts[i].score = p
        kept.append((i, words))
    return [atts[i] for i in sorted(i for i, _ in kept)]
