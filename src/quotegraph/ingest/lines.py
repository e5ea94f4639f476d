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

from ..quotation_marks import CLOSING_MARKS, OTHER_CLOSING_MARKS, TO_STRAIGHT

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_WORD_RE = re.compile(r"\w+(?:['’\-–]\w+)*")
_CLOSERS = CLOSING_MARKS + OTHER_CLOSING_MARKS + ")]*_ \t"
_SENTENCE_END = ".!?…"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: ``text`` == document[start:end] (no terminator, no edge spaces).

    The features are computed once, when the line is split off."""

    index: int  # 0-based line number in the document
    start: int
    end: int
    text: str
    words: int
    ends_sentence: bool
    norm: str


def make_line(index: int, start: int, text: str) -> Line:
    return Line(index, start, start + len(text), text, word_count(text), ends_with_sentence_punctuation(text), normalise(text))


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their offsets; blank lines are skipped but counted."""
    lines: list[Line] = []
    for index, m in enumerate(_LINE_RE.finditer(text)):
        raw = m.group(0).rstrip("\r\n")
        stripped = raw.strip()
        if not stripped:
            continue
        lines.append(make_line(index, m.start() + (len(raw) - len(raw.lstrip())), stripped))
    return lines


def word_count(text: str) -> int:
    """Whitespace-separated tokens that contain a letter or digit (a lone dash is not a word)."""
    tokens = text.split()
    return sum(1 for t in tokens if not t.isascii() or any(c.isalnum() for c in t)) if len(tokens) < 8 else len(tokens)


def ends_with_sentence_punctuation(text: str) -> bool:
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_END


def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces, no surrounding punctuation/bullets."""
    t = text
    if not t.isascii():  # chained str.replace: several times faster than str.translate here
        for curly, straight in TO_STRAIGHT.items():
            if curly in t:
                t = t.replace(curly, straight)
    t = _SPACES.sub(" ", t.lower())
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


_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def script_counts(text: str) -> Counter[str]:
    """Letters per script. ASCII letters are counted by one regex pass and only
    the other letters are named one by one (the per-character path is slow)."""
    counts: Counter[str] = Counter()
    latin = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    if latin:
        counts["LATIN"] = latin
    if not text.isascii():
        counts.update(char_script(ch) for ch in _NON_ASCII.findall(text) if ch.isalpha())
    return counts


def dominant_script(text: str) -> str | None:
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else None
