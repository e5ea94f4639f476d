"""Checking the cue lexicon (data/cues.yaml) when it is loaded: an unknown section,
an entry listed twice in one section, or a verb entry that is not a lemma (the
shipped spaCy model's lemmatizer, as a verb, would turn it into something else,
so a token could never match it) is an error naming the file and the line.

A form the model leaves unlemmatized in some sentences (it tags "spoke" as a noun
there, lemma "spoke") may be listed on purpose: it must then also be named under
``unlemmatized_forms``, which says why it is there.
"""
from __future__ import annotations

from pathlib import Path

import yaml

VERB_SECTIONS = ("clause", "weak_clause", "object", "particle_only", "control", "experiencer")
SECTIONS = frozenset(VERB_SECTIONS + ("particles", "statement_nouns", "unlemmatized_forms"))


class CueLexiconError(ValueError):
    """The cue lexicon has errors (each with file and line in the message)."""


def _scalars(node: yaml.Node) -> list[tuple[str, int]]:
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [(item.value, item.start_mark.line + 1) for item in node.value if isinstance(item, yaml.ScalarNode)]


def check_cue_file(path: Path, lemmatize) -> list[str]:
    """Every problem as 'FILE:LINE: message'; ``lemmatize(word) -> list of verb lemmas``."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return [f"{path}:1: expected a mapping of sections"]
    problems: list[str] = []
    sections = {key.value: (key, value) for key, value in root.value}
    allowed_forms = {word for word, _ in _scalars(sections["unlemmatized_forms"][1])} \
        if "unlemmatized_forms" in sections else set()
    for name, (key, value) in sections.items():
        line = key.start_mark.line + 1
        if name not in SECTIONS:
            problems.append(f"{path}:{line}: unknown section {name!r} (known: {', '.join(sorted(SECTIONS))})")
            continue
        if name == "particles":
            entries = [(k.value, k.start_mark.line + 1) for k, _ in value.value] \
                if isinstance(value, yaml.MappingNode) else []
        else:
            entries = _scalars(value)
        seen: dict[str, int] = {}
        for word, at in entries:
            if word in seen:
                problems.append(f"{path}:{at}: {word!r} listed twice in {name} (first at line {seen[word]})")
                continue
            seen[word] = at
            if (name in VERB_SECTIONS or name == "particles") and word not in allowed_forms:
                lemmas = lemmatize(word)
                if word not in lemmas:
                    problems.append(f"{path}:{at}: {word!r} in {name} is not a lemma (spaCy gives "
                                    f"{', '.join(lemmas)}); list the lemma, or name the form under "
                                    "unlemmatized_forms with the reason")
    return problems


def spacy_verb_lemmas():
    """What the shipped model's lemmatizer makes of a word read as a verb: the word itself
    when its tables know it as a base form (or it is a word they do not know, "tweet"),
    otherwise its lemma ("spoke" -> speak, an irregular form; "reported" -> report)."""
    from ..spacy_model import get_nlp

    tables = get_nlp().get_pipe("lemmatizer").lookups
    index = set(tables.get_table("lemma_index").get("verb", []))
    exceptions = tables.get_table("lemma_exc").get("verb", {})
    rules = tables.get_table("lemma_rules").get("verb", [])

    def lemmatize(word: str) -> list[str]:
        if word in index:
            return [word]
        if word in exceptions:
            return list(exceptions[word])
        stems = [word[: len(word) - len(old)] + new for old, new in rules if old and word.endswith(old)]
        known = [stem for stem in stems if stem in index]
        return known or [word]

    return lemmatize
