"""The type of an attribution (DESIGN.md, "Statement types"): ``speech`` (something said
or written), ``belief`` (an attributed thought, wish, plan or fear), ``finding`` (what a
report, poll, study or document shows) or ``headline`` (an attribution in the headline).

Decided from what the sentence says, not from who it is: the cue's lemma, the head noun
of the source, and whether the content is a quotation (a quotation with its speaker is
speech whatever the verb). Lexicons in data/statement_types.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..resources import load_data
from .rules import Attribution


@dataclass(frozen=True)
class TypeLexicon:
    belief_cues: frozenset[str]
    finding_sources: frozenset[str]


@lru_cache(maxsize=1)
def type_lexicon() -> TypeLexicon:
    data = load_data("statement_types.yaml")
    return TypeLexicon(frozenset(data["belief_cues"]), frozenset(data["finding_sources"]))


def statement_type(sdoc: Doc, att: Attribution, kind: str, in_headline: bool) -> str:
    if att.rule == "headline" or in_headline:
        return "headline"
    lex = type_lexicon()
    source_head = sdoc[att.source_token] if att.source_token is not None else None
    if source_head is not None and source_head.ent_type_ not in ("PERSON", "ORG") and (
            source_head.lemma_.lower() in lex.finding_sources or source_head.lower_ in lex.finding_sources):
        return "finding"
    if att.cue_token is not None and kind != "direct":
        cue = sdoc[att.cue_token]
        negated = any(child.dep_ == "neg" for child in cue.children)
        if cue.lemma_.lower() in lex.belief_cues and not negated:
            return "belief"
    return "speech"
