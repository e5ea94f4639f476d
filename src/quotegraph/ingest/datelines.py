"""Datelines at the start of an article body name the outlet:
"Yerevan /Mediamax/. ...", "MOSCOW (Reuters) - ...", "ArmInfo. ...".

Pure surface patterns (no linguistics); only the first lines of the body are
looked at, since a dateline never occurs mid-article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import FurnitureLexicon, load_lexicon
from .lines import Line

# "Yerevan /Mediamax/." or "/ARKA/." : outlet between slashes after an optional place.
_SLASHED = re.compile(r"^(?:[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,3}\s*)?/(?P<outlet>[A-Z][\w .&'’-]{1,40}?)/\s*[.:,–—-]")
# "MOSCOW (Reuters) -" / "Kyiv, March 3 (AP) —": outlet in brackets before a dash or colon.
_BRACKETED = re.compile(
    r"^[A-Z][\w'’.-]*(?:[ ,]+[\w'’.-]+){0,4}\s*\((?P<outlet>[A-Z][\w .&/'’-]{1,30})\)\s*[-–—:]\s"
)
# "ArmInfo. Maria ...", "TASS. The ...", "Tarvos Gazette. The ...": one to three
# capitalised words, a full stop, a capital. A place can open a line the same
# way ("MOSCOW. The ...", "New Delhi. The ..."), so the name is only taken as an
# outlet when it looks like one (see _looks_like_outlet).
_AGENCY = re.compile(r"^(?P<outlet>[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,2})\.\s+(?=[A-Z\"“‘'«])")
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z]")  # ArmInfo, NewsAm: brand spelling, not a place


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    text: str
    outlet: str


def _looks_like_outlet(name: str, lexicon: FurnitureLexicon) -> bool:
    words = name.lower().split()
    return (
        bool(_CAMEL.match(name))
        or name.lower() in lexicon.agencies
        or any(w in lexicon.outlet_words for w in words)
    )


def find_dateline(
    lines: list[Line], first: int = 0, look: int = 2, lexicon: FurnitureLexicon | None = None
) -> Dateline | None:
    """The dateline at the start of one of the first `look` lines from `first`."""
    lexicon = lexicon or load_lexicon()
    for line in lines[first : first + look]:
        for pattern in (_SLASHED, _BRACKETED, _AGENCY):
            m = pattern.match(line.text)
            if m and (pattern is not _AGENCY or _looks_like_outlet(m.group("outlet"), lexicon)):
                return Dateline(line.start, line.start + m.end(), m.group(0).rstrip(), m.group("outlet").strip())
    return None
