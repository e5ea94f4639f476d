"""Framing: the phrases that set one actor's statements on a topic apart from
another's, by weighted log-odds with an informative Dirichlet prior (Monroe,
Colaresi and Quinn 2008, "Fightin' Words", eq. 16-22).

For phrase w, counts y_a, y_b in the two actors' statements (n_a, n_b phrases in
all) and prior counts alpha_w proportional to w's frequency in every statement of
the topic (alpha_0 in all):

    delta_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
            - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
    z_w     = delta_w / sqrt(1 / (y_a + alpha_w) + 1 / (y_b + alpha_w))

Positive z leans to actor A, negative to B; |z| > 1.96 is the paper's cut-off.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

# alpha_w = PRIOR_SCALE x w's count in the background (every statement of the topic):
# the prior adds a tenth of what the whole topic says, enough to shrink a phrase said
# once by one side (a tenth is the scale of Monroe et al.'s Senate example, alpha_0 ~ 0.1 of
# the corpus), small enough that a phrase one side repeats stands out.
PRIOR_SCALE = 0.1


@dataclass(frozen=True)
class Phrase:
    phrase: str
    z: float
    count_a: int
    count_b: int


def _informative(ngram: str) -> bool:
    words = ngram.split()
    return not all(w in ENGLISH_STOP_WORDS for w in words) and words[0] not in ENGLISH_STOP_WORDS \
        and words[-1] not in ENGLISH_STOP_WORDS


def fightin_words(texts_a: list[str], texts_b: list[str], background: list[str] | None = None,
                  ngram_range: tuple[int, int] = (1, 3), top: int = 15) -> tuple[list[Phrase], list[Phrase]]:
    """(phrases of A, phrases of B), each sorted by |z|, strongest first."""
    background = background if background is not None else texts_a + texts_b
    vectorizer = CountVectorizer(ngram_range=ngram_range, lowercase=True, token_pattern=r"(?u)\b\w[\w'-]*\b")
    vectorizer.fit(background + texts_a + texts_b)
    vocab = vectorizer.get_feature_names_out()
    keep = np.array([_informative(v) for v in vocab])
    y_a = np.asarray(vectorizer.transform(texts_a).sum(axis=0)).ravel()[keep] if texts_a else np.zeros(keep.sum())
    y_b = np.asarray(vectorizer.transform(texts_b).sum(axis=0)).ravel()[keep] if texts_b else np.zeros(keep.sum())
    prior = np.asarray(vectorizer.transform(background).sum(axis=0)).ravel()[keep].astype(float)
    vocab = vocab[keep]
    alpha = PRIOR_SCALE * prior + 0.01  # + 0.01: phrases of A and B absent from the background
    alpha0 = alpha.sum()
    n_a, n_b = y_a.sum(), y_b.sum()
    delta = (np.log((y_a + alpha) / (n_a + alpha0 - y_a - alpha))
             - np.log((y_b + alpha) / (n_b + alpha0 - y_b - alpha)))
    z = delta / np.sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))
    lengths = np.array([len(v.split()) for v in vocab])
    order = np.lexsort((-lengths, -np.round(z, 6)))  # by z, the longer phrase first on a tie
    side_a = [Phrase(vocab[i], float(z[i]), int(y_a[i]), int(y_b[i])) for i in order if z[i] > 0 and y_a[i] > 0]
    order_b = np.lexsort((-lengths, np.round(z, 6)))
    side_b = [Phrase(vocab[i], float(z[i]), int(y_a[i]), int(y_b[i])) for i in order_b if z[i] < 0 and y_b[i] > 0]
    return _distinct(side_a, top), _distinct(side_b, top)


def _distinct(phrases: list[Phrase], top: int) -> list[Phrase]:
    """Drop a phrase inside a stronger one already listed ("forced" under "forced to flee")."""
    out: list[Phrase] = []
    for p in phrases:
        if any(f" {p.phrase} " in f" {q.phrase} " for q in out):
            continue
        out.append(p)
        if len(out) == top:
            break
    return out
