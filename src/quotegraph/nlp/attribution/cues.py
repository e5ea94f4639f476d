"""Cue detection: reporting verbs by lemma (lexicon in data/cues.yaml).

A cue is a token (usually a verb) plus, for phrasal cues, its particle
("called for", "pointed to"). "according to" is found here too.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..resources import DATA_DIR, load_data
from .lexicon_check import CueLexiconError, check_cue_file, spacy_verb_lemmas


@dataclass(frozen=True)
class CueLexicon:
    clause: frozenset[str]
    weak_clause: frozenset[str]
    object: frozenset[str]
    control: frozenset[str]
    particles: dict[str, frozenset[str]]
    statement_nouns: frozenset[str]
    particle_only: frozenset[str] = frozenset()
    experiencer: frozenset[str] = frozenset()

    def reports_speech(self, lem: str) -> bool:
        """A lemma of saying (with a clause, an object or object + infinitive), not of thinking."""
        return lem in self.clause or lem in self.object or lem in self.control


@lru_cache(maxsize=1)
def load_cue_lexicon() -> CueLexicon:
    problems = check_cue_file(DATA_DIR / "cues.yaml", spacy_verb_lemmas())
    if problems:
        raise CueLexiconError("cue lexicon has errors:\n" + "\n".join(problems))
    d = load_data("cues.yaml")
    return CueLexicon(
        clause=frozenset(d["clause"]),
        weak_clause=frozenset(d.get("weak_clause", [])),
        object=frozenset(d["object"]),
        control=frozenset(d["control"]),
        particles={k: frozenset(v) for k, v in d.get("particles", {}).items()},
        statement_nouns=frozenset(d.get("statement_nouns", [])),
        particle_only=frozenset(d.get("particle_only", [])),
        experiencer=frozenset(d.get("experiencer", [])),
    )


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def is_cue_verb(tok: Token, lex: CueLexicon, use_weak: bool = False) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.dep_ == "ROOT" and tok.tag_.startswith("VB")):
        return False
    lem = lemma(tok)
    return lem in lex.clause or lem in lex.object or (use_weak and lem in lex.weak_clause)


def particle_of(tok: Token, lex: CueLexicon) -> Token | None:
    """The particle or preposition that forms a phrasal cue with the verb."""
    allowed = lex.particles.get(lemma(tok))
    if not allowed:
        return None
    for c in tok.rights:
        if c.dep_ in ("prt", "prep") and c.lower_ in allowed:
            return c
    return None


def cue_char_span(tok: Token, lex: CueLexicon) -> tuple[int, int]:
    """The cue as written: the verb, with its particle when phrasal."""
    start, end = tok.idx, tok.idx + len(tok)
    prt = particle_of(tok, lex)
    if prt is not None and prt.i == tok.i + 1:
        end = prt.idx + len(prt)
    return start, end


def according_to_cues(sdoc: Doc) -> list[tuple[Token, Token]]:
    """(according, to) token pairs."""
    out = []
    for tok in sdoc:
        if tok.lower_ == "according" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "to":
            out.append((tok, sdoc[tok.i + 1]))
    return out
