"""Datelines at the start of an article body name the outlet:
"Yerevan /Mediamax/. ...", "MOSCOW (Reuters) - ...", "ArmInfo. ...".

Pure surface patterns (no linguistics); only the first lines of the body are
looked at, since a dateline never occurs mid-article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Line

# "Yerevan /Mediamax/." or "/ARKA/." : outlet between slashes after an optional place.
_SLASHED = re.compile(r"^(?:[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,3}\s*)?/(?P<outlet>[A-Z][\w .&'’-]{1,40}?)/\s*[.:,–—-]")
# "MOSCOW (Reuters) -" / "Kyiv, March 3 (AP) —": outlet in brackets before a dash or colon.
_BRACKETED = re.compile(
    r"^[A-Z][\w'’.-]*(?:[ ,]+[\w'’.-]+){0,4}\s*\((?P<outlet>[A-Z][\w .&/'’-]{1,30})\)\s*[-–—:]\s"
)
# "ArmInfo. Maria ...", "TASS. The ...": one CamelCase or all-caps token, a full
# stop, a capital; or two-three capitalised words ("Tarvos Gazette. The ...").
# A lone ordinary word ("Thus.") is not taken: it may open a sentence.
_AGENCY = re.compile(
    r"^(?P<outlet>[A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{2,10}|[A-Z][\w&'’-]+(?: [A-Z][\w&'’-]+){1,2})\.\s+(?=[A-Z\"“‘'«])"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    text: str
    outlet: str


def find_dateline(lines: list[Line], first: int = 0, look: int = 2) -> Dateline | None:
    """The dateline at the start of one of the first `look` lines from `first`."""
    for line in lines[first : first + look]:
        for pattern in (_SLASHED, _BRACKETED, _AGENCY):
            m = pattern.match(line.text)
            if m:
                return Dateline(line.start, line.start + m.end(), m.group(0).rstrip(), m.group("outlet").strip())
    return None
