"""The MiniLM embedder: worker processes give the vectors this process gives."""
import numpy as np

from quotegraph.link.embed import CHUNK, encode

TEXTS = [
    "We are prepared to give every possible help to the monitoring mission.",
    "The talks in Geneva were difficult but useful.",
    "The next round will take place in June.",
    "Its presence is of key importance.",
    "whose presence is of great importance",
]


def test_workers_return_the_same_vectors_in_the_same_order():
    texts = TEXTS * (CHUNK // len(TEXTS) + 1)  # more than one chunk, so both workers get some
    here = encode(texts, parallel_min=10**9)
    workers = encode(texts, workers=2, parallel_min=1)
    assert workers.shape == here.shape == (len(texts), 384)
    assert np.abs(workers - here).max() < 1e-4
    assert np.allclose(np.linalg.norm(workers, axis=1), 1.0, atol=1e-5)
