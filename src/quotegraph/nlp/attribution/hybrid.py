"""Combining the MiniLM tagger's spans (nlp/tagger.py) with the rule system.

The tagger finds contents well (most of all indirect ones the rules miss);
the rules know the syntax (which noun phrase is the subject of which verb).
Per tagger quote (contents grouped with their nearest cue and source):
* when a rule attribution covers the same content (word Jaccard >= 0.5), the
  rule's cue and source are kept (syntax beats proximity) and the content is
  the tagger's or the rule's (``ExtractConfig.hybrid_contents``);
* otherwise the tagger's cue is looked up in the parse: when it is a verb with
  a subject outside quotation marks, that subject is the source; else the
  tagger's own source span is used.
Rule attributions the tagger did not find are kept when their rule is in
``ExtractConfig.keep_rules`` (chosen on PolNeAR dev; see config.py).

When the statement filter decides (quote_filter.py), arbitration only proposes:
a tagger quote without a source of its own may take the nearest tagger source of
its sentence, and where the tagger's source span differs from the one syntax chose,
a rival with each is proposed. Each proposal records how it was found
(``Attribution.origin``, ``source_how``, ``tagger_score``) for the filter to read.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from .rules import Attribution, PassageIndex, _merge_spans, _source_of
from ..config import ExtractConfig
from .cues import load_cue_lexicon
from .contents import without_cue_adjuncts, without_writers_clause
from .marks import QUOTE_MARKS, well_nested
from .sources import np_char_span, participle_speaker, reduced_passive, reported_as_speaker
from ..spacy_model import doc_text

WORD = re.compile(r"\w+")


def content_words(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Start offsets of the words inside the spans (the scorer's unit of overlap)."""
    return {m.start() for s, e in spans for m in WORD.finditer(text, s, e)}


def _token_at(sdoc: Doc, start: int, end: int):
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return verbs[-1] if verbs else span.root


def _nearest_tagged_source(sdoc: Doc, text: str, tagged: list, starts: list[int], anchor: tuple[int, int],
                           contents: list[tuple[int, int]]) -> tuple[tuple[int, int] | None, int | None]:
    """A source span the tagger found in the anchor's sentence (``starts``: sentence
    starts), nearest first; one another cue took: "Trump criticized X, saying Y" has
    one source for two cues."""
    k = bisect.bisect_right(starts, anchor[0]) - 1
    lo, hi = starts[k], starts[k + 1] if k + 1 < len(starts) else len(text)
    found = [s for s in tagged if s.label == "SOURCE" and lo <= s.start < hi
             and not any(a <= s.start < b for a, b in contents)]
    if not found:
        return None, None
    best = min(found, key=lambda s: (max(0, max(s.start, anchor[0]) - min(s.end, anchor[1])), s.start > anchor[0]))
    tok = _token_at(sdoc, best.start, best.end)
    return (best.start, best.end), (tok.i if tok is not None else None)


def _tagger_source(sdoc: Doc, tq: dict) -> tuple[tuple[int, int] | None, int | None]:
    if not tq["sources"]:
        return None, None
    span = (tq["sources"][0]["start"], tq["sources"][0]["end"])
    tok = _token_at(sdoc, *span)
    return span, (tok.i if tok is not None else None)


# "X faced questions about ...", "came under criticism for ...", "took heat for ...":
# the subject is the one criticised or questioned, not the speaker.
TARGET_VERBS = frozenset({"face", "draw", "receive", "attract", "take", "come", "field", "meet", "endure",
                          "weather", "invite"})


def noun_cue_source(cue_tok) -> tuple[tuple[int, int] | None, int | None, str]:
    """The speaker of a noun cue from syntax: its possessor ("Trump's claim that ...",
    "his adulation of ...") or a name compounded with it ("a New York Times report
    that ..."); no speaker when the noun is what its clause's subject faced ("Trump
    has faced questions about ..."). Returns (span, token, how); how is "" when
    syntax says nothing."""
    for c in cue_tok.children:
        if c.dep_ == "poss":
            return np_char_span(c), c.i, "syntax"
    names = [c for c in cue_tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < cue_tok.i]
    if names:
        first = min(t.left_edge.i for t in names)
        last = max(names, key=lambda t: t.i)
        doc = cue_tok.doc
        return (doc[first].idx, last.idx + len(last)), last.i, "syntax"
    gov = cue_tok.head
    if gov.dep_ == "prep" and gov.lower_ in ("under", "with"):
        gov = gov.head
    if cue_tok.dep_ in ("dobj", "pobj") and gov.pos_ == "VERB" and gov.lemma_.lower() in TARGET_VERBS:
        return None, None, "target"
    return None, None, ""


def spoken_to_or_about(cue_tok) -> bool:
    """"X was asked how ...", "X has been criticized for ...": a speech verb in the
    passive without an agent; X is spoken to or about, by someone unnamed. Not verbs of
    thought ("X is known to have ...", "is expected to ..."): no one need have spoken."""
    deps = {c.dep_ for c in cue_tok.children}
    if not ("nsubjpass" in deps or "auxpass" in deps or reduced_passive(cue_tok)) or "agent" in deps:
        return False
    lex = load_cue_lexicon()
    lem = cue_tok.lemma_.lower()
    return lem not in lex.weak_clause and lex.reports_speech(lem)


def feels_rather_than_says(cue_tok, sdoc: Doc, contents: list[tuple[int, int]]) -> bool:
    """"X was bemused by the minister's claims", "Analysts seemed surprised": the
    content is the subject of a verb of feeling in the passive or as an adjective,
    the one who reacts, not what anyone said."""
    if cue_tok.lemma_.lower() not in load_cue_lexicon().experiencer:
        return False
    span = sdoc.char_span(contents[0][0], contents[0][1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    if root.head.i != cue_tok.i:
        return False
    return root.dep_ == "nsubjpass" or (root.dep_ == "nsubj" and cue_tok.tag_ in ("VBN", "JJ"))


def _syntax_names_speaker(cue_tok) -> bool:
    """Constructions that name the speaker beyond doubt, where the tagger's source span
    is no rival: "The ministry cited Bayramov as blaming ..." (Bayramov), "He disagreed
    with a question suggesting ..." (the question, not he)."""
    return reported_as_speaker(cue_tok) is not None or participle_speaker(cue_tok) is not None


def _paragraph_between(text: str, contents: list[tuple[int, int]], cue: tuple[int, int]) -> bool:
    """A line break between the contents and their cue."""
    gap = text[contents[-1][1]:cue[0]] if cue[0] >= contents[-1][1] else text[cue[1]:contents[0][0]]
    return "\n" in gap


def _within(span: tuple[int, int], contents: Sequence[tuple[int, int]]) -> bool:
    """A span inside what was said: never its speaker ("as you rightly noted" in a quotation)."""
    return any(s <= span[0] and span[1] <= e for s, e in contents)


def spans_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def combine(sdoc: Doc, rule_atts: list[Attribution], tagged: list, index: PassageIndex,
            cfg: ExtractConfig) -> list[Attribution]:
    from .pairing import naive_pairing, sentence_starts

    text = doc_text(sdoc)
    lex = load_cue_lexicon()
    starts: list[int] | None = None  # computed when a source fallback first needs them
    tquotes = naive_pairing(text, tagged, cfg.hybrid_split_unquoted_pairs)
    rule_words = [content_words(text, a.contents) for a in rule_atts]
    used: set[int] = set()
    out: list[Attribution] = []
    for tq in tquotes:
        contents = [(c["start"], c["end"]) for c in tq["contents"]]
        if cfg.hybrid_trim_adjuncts and tq["cue"] and len(contents) == 1:
            tagged_cue = _token_at(sdoc, tq["cue"]["start"], tq["cue"]["end"])
            if tagged_cue is not None and tagged_cue.lower_ == "according":
                contents = [without_writers_clause(tagged_cue, *contents[0])]
            elif tagged_cue is not None and tagged_cue.pos_ in ("VERB", "AUX"):
                contents = [without_cue_adjuncts(tagged_cue, *contents[0], lex)]
        tw = content_words(text, contents)
        if not tw:
            continue
        best, best_j = None, 0.0
        for i, rw in enumerate(rule_words):
            if i in used or not rw:
                continue
            inter = len(tw & rw)
            if inter:
                j = inter / len(tw | rw)
                if j > best_j:
                    best, best_j = i, j
        if best is not None and best_j >= cfg.hybrid_match_jaccard:
            used.add(best)
            r = rule_atts[best]
            chosen = r.contents if cfg.hybrid_contents == "rules" else contents
            out.append(Attribution(chosen, r.rule, r.cue, r.cue_token, r.source, r.source_token, r.passages,
                                   origin="agree", tagger_score=tq["confidence"], source_how="rule"))
            alt = _tagger_source(sdoc, tq)
            # "The ministry cited Bayramov as blaming ...": the rule read the construction
            # that names the speaker; the tagger's span ("The ministry") is no rival to it
            named = r.cue_token is not None and _syntax_names_speaker(sdoc[r.cue_token])
            if cfg.hybrid_alt_sources and not named and alt[0] is not None and not spans_overlap(alt[0], r.source) \
                    and not _within(alt[0], chosen):
                out.append(Attribution(chosen, r.rule, r.cue, r.cue_token, alt[0], alt[1], r.passages,
                                       origin="agree", tagger_score=tq["confidence"], source_how="tagger"))
            continue
        if tq["confidence"] < cfg.hybrid_min_score:
            continue
        if any((len(r.contents) > 1 or (r.passages and all(well_nested(text, s, e) for s, e in r.contents)))
               and tw <= rw for r, rw in zip(rule_atts, rule_words)):
            continue  # one piece of a quotation the rules read whole ("“...,” he said. “...”")
        if (cfg.hybrid_require_cue and not tq["cue"]) or len(tw) < cfg.hybrid_min_words:
            continue
        if any(r.cue and s <= r.cue[0] and e - 2 <= r.cue[1] <= e for r in rule_atts for s, e in contents):
            continue  # "Marev as saying": ends in another statement's cue, not what was said
        cue = (tq["cue"]["start"], tq["cue"]["end"]) if tq["cue"] else None
        if cue is not None and not text[cue[0]:cue[1]].strip(QUOTE_MARKS + " "):
            if cfg.hybrid_require_cue:
                continue  # a quotation mark tagged as the cue
            cue = None  # ... is no cue: "Moscow, Baku ‘Discussing ...’" says nothing of who speaks
        if cue is not None and _paragraph_between(text, contents, cue) and text[contents[0][0]] not in QUOTE_MARKS:
            cue = None  # an unquoted statement's cue stands in its own paragraph, not the next one
        if cfg.hybrid_same_cue == "skip" and cue is not None and any(
                r.cue and r.cue[0] < cue[1] and cue[0] < r.cue[1] for r in rule_atts):
            continue  # the rules already attributed a statement to this cue
        if cfg.hybrid_same_cue == "merge" and cue is not None:
            twin = next((i for i, r in enumerate(rule_atts) if r.cue and r.cue[0] < cue[1] and cue[0] < r.cue[1]), None)
            if twin is not None:
                r = rule_atts[twin]
                if twin in used:
                    continue
                used.add(twin)
                out.append(Attribution(_merge_spans(contents + r.contents, text), r.rule, r.cue, r.cue_token, r.source,
                                       r.source_token, r.passages, origin="merged", tagger_score=tq["confidence"]))
                continue
        source, how = ((tq["sources"][0]["start"], tq["sources"][0]["end"]), "tagger") if tq["sources"] else (None, "")
        cue_tok = _token_at(sdoc, *cue) if cue else None
        if cue_tok is not None and cfg.skip_negated_cues and any(c.dep_ == "neg" for c in cue_tok.children):
            continue  # "did not mention": nothing was said
        if cue_tok is not None and feels_rather_than_says(cue_tok, sdoc, contents):
            continue
        source_tok = None
        if cue_tok is not None and cue_tok.pos_ in ("VERB", "AUX") and cfg.hybrid_syntax_sources:
            syn, syn_tok = _source_of(cue_tok, index)
            if syn is not None and not any(s <= syn[0] < e for s, e in contents):
                source, source_tok, how = syn, syn_tok, "syntax"
            elif syn is None and cfg.hybrid_unspoken_sources and spoken_to_or_about(cue_tok):
                source, how = None, "unspoken"
        elif cue_tok is not None and cue_tok.pos_ == "NOUN" and cfg.hybrid_syntax_sources and cfg.hybrid_noun_cue_sources:
            syn, syn_tok, syn_how = noun_cue_source(cue_tok)
            if syn is not None and not any(s <= syn[0] < e for s, e in contents):
                source, source_tok, how = syn, syn_tok, syn_how
            elif syn_how == "target" and cfg.hybrid_unspoken_sources:
                source, how = None, "unspoken"
        if cfg.hybrid_require_syntax and source_tok is None:
            continue  # no verb with a subject behind this tagger quote: not supported
        if source is not None and source_tok is None:
            tok = _token_at(sdoc, *source)
            source_tok = tok.i if tok is not None else None
        if source is None and cfg.hybrid_source_fallback and how != "unspoken":
            starts = starts if starts is not None else sentence_starts(text)
            source, source_tok = _nearest_tagged_source(sdoc, text, tagged, starts,
                                                        cue or (contents[0][0], contents[-1][1]), contents)
            how = "nearest" if source is not None else how
        if source is None and cfg.hybrid_require_source and how != "unspoken":
            continue
        cue_i = cue_tok.i if cue_tok is not None else None
        out.append(Attribution(contents, "tagger", cue, cue_i, source, source_tok, score=tq["confidence"],
                               origin="tagger", tagger_score=tq["confidence"], source_how=how))
        alt = _tagger_source(sdoc, tq)
        if cfg.hybrid_alt_sources and how == "syntax" and alt[0] is not None and not spans_overlap(alt[0], source) \
                and not (cue_tok is not None and _syntax_names_speaker(cue_tok)):
            out.append(Attribution(contents, "tagger", cue, cue_i, alt[0], alt[1], score=tq["confidence"],
                                   origin="tagger", tagger_score=tq["confidence"], source_how="tagger"))
    for i, r in enumerate(rule_atts):
        if i not in used and r.rule in cfg.keep_rules:
            out.append(r)
    out.sort(key=lambda a: a.start)
    return out
