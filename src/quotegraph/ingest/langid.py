"""Language identification with py3langid (ships its model: nothing downloaded)."""
from __future__ import annotations

from functools import lru_cache

# Below this many letters the guess is noise (py3langid on a 2-word line).
MIN_LETTERS = 20
# Enough text for a stable answer; longer articles only cost time.
MAX_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def identify_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" if there is too little text."""
    sample = text[:MAX_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "und"
    lang, _score = _identifier().classify(sample)
    return lang
