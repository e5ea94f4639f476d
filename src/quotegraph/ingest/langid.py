"""Language identification with py3langid (ships its model: nothing downloaded)."""
from __future__ import annotations

from functools import lru_cache

# Below this many letters the guess is noise (py3langid on a 2-word line).
MIN_LETTERS = 20
# Enough text for a stable answer; longer articles only cost time (py3langid
# walks every byte in Python: 0.37 ms at 400 chars, 0.71 ms at 800). With 400
# characters the five seeds and 200 BBC articles get the same label as with
# their whole text (checked 2026-11-25; 0 of 205 differ).
MAX_CHARS = 400


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def identify_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" if there is too little text."""
    sample = text[:MAX_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return "und"
    lang, _score = _identifier().classify(sample)
    return lang
