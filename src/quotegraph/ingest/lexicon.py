"""Load the furniture lexicon (furniture.yaml) into compiled matchers.

The phrases live in data so a new site's furniture is taught by editing the
YAML file, not the code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .lines import normalise, word_count

DEFAULT_LEXICON = Path(__file__).with_name("furniture.yaml")


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: re.Pattern[str]
    max_words: int
    why: str


@dataclass(frozen=True, slots=True)
class FurnitureLexicon:
    lines: frozenset[str]
    headings: frozenset[str]
    patterns: tuple[Pattern, ...]
    size_tokens: frozenset[str]
    agencies: frozenset[str] = frozenset()  # "TASS." opening a body line is a dateline
    outlet_words: frozenset[str] = frozenset()  # "Tarvos Gazette." likewise

    def match(self, line_text: str) -> str | None:
        """Why this whole line is furniture according to the lexicon, or None."""
        return self.match_normalised(line_text, normalise(line_text), word_count(line_text))

    def match_normalised(self, line_text: str, norm: str, words: int) -> str | None:
        if not norm:
            return None
        if norm in self.headings:
            return "section heading"
        if norm in self.lines:
            return "furniture phrase"
        tokens = line_text.lower().split()
        if tokens and all(t in self.size_tokens for t in tokens):
            return "size picker"
        for p in self.patterns:  # sorted by max_words, largest first
            if words > p.max_words:
                break
            if p.regex.search(norm):
                return p.why
        return None


@lru_cache(maxsize=8)
def load_lexicon(path: Path = DEFAULT_LEXICON) -> FurnitureLexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return FurnitureLexicon(
        lines=frozenset(normalise(s) for s in data.get("lines", [])),
        headings=frozenset(normalise(s) for s in data.get("headings", [])),
        patterns=tuple(
            sorted(
                (
                    Pattern(re.compile(p["re"]), int(p.get("max_words", 12)), str(p.get("why", "furniture pattern")))
                    for p in data.get("patterns", [])
                ),
                key=lambda p: -p.max_words,
            )
        ),
        size_tokens=frozenset(str(t).lower() for t in data.get("size_tokens", [])),
        agencies=frozenset(str(t).lower() for t in data.get("agencies", [])),
        outlet_words=frozenset(str(t).lower() for t in data.get("outlet_words", [])),
    )
