"""Normalised name keys: the stable speaker id until link/ assigns canonical ones."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


@lru_cache(maxsize=65536)  # the same names recur in every document
def name_key(name: str) -> str:
    """Casefolded, diacritics and punctuation removed, single spaces.

    "Maria  Zakharova" / "maria zakharova" / "María Zakharova." share one key;
    "RFE/RL" becomes "rfe rl".
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", stripped.casefold()).replace("_", " ").split()
    return " ".join(words)


def speaker_id_for(name: str) -> str | None:
    """A readable id that is the same in every run and every process: "maria-zakharova"."""
    key = name_key(name)
    return key.replace(" ", "-") if key else None
