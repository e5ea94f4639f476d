"""Split a text into lines with exact offsets, and describe each line by the
surface features the furniture detector uses (no linguistics: counts, ending
punctuation, letter case, Unicode script).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_WORD_RE = re.compile(r"\w+(?:['’\-–]\w+)*")
_CLOSERS = "\"'”’»)]›*_ \t"
_SENTENCE_END = ".!?…"
_QUOTE_MAP = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: ``text`` == document[start:end] (no terminator, no edge spaces)."""

    index: int  # 0-based line number in the document
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def ends_sentence(self) -> bool:
        return ends_with_sentence_punctuation(self.text)

    @property
    def norm(self) -> str:
        return normalise(self.text)


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their offsets; blank lines are skipped but counted."""
    lines: list[Line] = []
    for index, m in enumerate(_LINE_RE.finditer(text)):
        raw = m.group(0).rstrip("\r\n")
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        lines.append(Line(index, start, start + len(stripped), stripped))
    return lines


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def ends_with_sentence_punctuation(text: str) -> bool:
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_END


def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces, no surrounding punctuation/bullets."""
    t = text.translate(_QUOTE_MAP).lower()
    t = re.sub(r"\s+", " ", t)
    return t.strip(" \t-–—•·|:;,.!?*>#\"")


def is_title_case(text: str) -> bool:
    """Every word of three letters or more starts with a capital (menu/heading style)."""
    words = [w for w in _WORD_RE.findall(text) if len(w) >= 3 and w[0].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


@lru_cache(maxsize=4096)
def char_script(ch: str) -> str:
    """The Unicode script family of a letter (first word of its name: LATIN, ARMENIAN, CYRILLIC...)."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "UNKNOWN"
    first = name.split(" ", 1)[0]
    return "CJK" if first in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"} else first


def script_counts(text: str) -> Counter[str]:
    return Counter(char_script(ch) for ch in text if ch.isalpha())


def dominant_script(text: str) -> str | None:
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else None
