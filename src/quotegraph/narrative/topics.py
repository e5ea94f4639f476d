"""Topics of statements with BERTopic over the packaged MiniLM embeddings.

A full fit (``fit_topics``) clusters the speech statements and saves the model
beside the database, with each topic's embedding (``TopicVectors``); later
statements are assigned to the existing topics by the cosine of their embedding to
each topic's (``assign_new``) — what BERTopic's own ``transform`` does for a saved
model, without importing BERTopic (its import alone took 10-24 s of CPU) — so topic
ids stay put until the user asks for a re-fit. The embeddings are link/'s (cached
in the store). Above ``FIT_SAMPLE`` statements the clustering is fitted on a seeded
sample and the others are assigned the same way as new ones.

The components follow the corpus size, so five articles get topics and a
million statements fit in minutes: below ``SMALL`` statements there are too few
neighbours for UMAP and too few points for HDBSCAN's densities, so statements are
clustered as they are (agglomerative, cosine); above it, UMAP + HDBSCAN, as
BERTopic does by default.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..link.embed import Embedder
from ..store import narrative as store
from ..store.links import EmbeddingCache, ensure_link_schema

SMALL = 200
# Agglomerative cut for small corpora: cosine distance between cluster averages.
# Tuned on the sample corpus's narrative story (samples/narratives.json): 0.75 put the
# hand-labelled topics apart without splitting any (0.6 split one, 0.85 merged two).
SMALL_DISTANCE = 0.75
# Statements the clustering is fitted on; the rest are assigned to its topics by
# embedding. UMAP + HDBSCAN grow faster than linearly: 10,000 statements took 169 s at
# load 6.5 (bench narratives --docs 5000), so 200,000 would take most of an hour; a
# sample of this size still gives every topic of a few hundred statements dozens of
# members.
FIT_SAMPLE = 30_000
ASSIGN_CHUNK = 20_000  # statements per cosine-similarity block (memory: chunk x topics)


@dataclass
class TopicFit:
    topics: list[tuple[int, str, list[tuple[str, float]], int]]  # id, label, words, size
    assignments: list[tuple[str, int]]


def model_path(db: Path) -> Path:
    return db.with_name(db.name + ".topics")


def _components(n: int):
    from bertopic.dimensionality import BaseDimensionalityReduction
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(stop_words="english", ngram_range=(1, 2), min_df=1 if n < SMALL else 2)
    if n < SMALL:
        return (BaseDimensionalityReduction(),
                AgglomerativeClustering(n_clusters=None, distance_threshold=SMALL_DISTANCE, metric="cosine",
                                        linkage="average"), vectorizer)
    from hdbscan import HDBSCAN
    from umap import UMAP

    reducer = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42, low_memory=True)
    clusterer = HDBSCAN(min_cluster_size=max(10, min(200, n // 500)), metric="euclidean",
                        cluster_selection_method="eom", prediction_data=True)
    return reducer, clusterer, vectorizer


def _label(words: list[tuple[str, float]]) -> str:
    picked: list[str] = []
    for word, _ in words:
        if any(word in p or p in word for p in picked):
            continue  # "border" and "border crossings": one label word
        picked.append(word)
        if len(picked) == 4:
            break
    return " · ".join(picked) or "(no words)"


def fit_topics(conn: sqlite3.Connection, db_path: Path, progress: Callable[[str], None] = lambda s: None) -> TopicFit:
    from bertopic import BERTopic

    ensure_link_schema(conn)
    store.ensure_narrative_tables(conn)
    rows = store.statements(conn)
    if len(rows) < 2:
        store.replace_topics(conn, [], [])
        return TopicFit([], [])
    progress(f"embedding {len(rows)} statements")
    cache = EmbeddingCache(conn)
    embeddings = Embedder(cache).embed([r.text for r in rows])
    conn.execute("BEGIN IMMEDIATE")
    cache.flush()
    conn.execute("COMMIT")
    fit_on = _fit_sample(len(rows))
    progress(f"clustering {len(fit_on)} statements")
    reducer, clusterer, vectorizer = _components(len(fit_on))
    model = BERTopic(umap_model=reducer, hdbscan_model=clusterer, vectorizer_model=vectorizer,
                     calculate_probabilities=False, verbose=False)
    fitted, _ = model.fit_transform([rows[i].text for i in fit_on], embeddings[fit_on])
    vectors = TopicVectors.of(model)
    if len(fit_on) == len(rows):
        assigned = list(fitted)
    else:
        progress(f"assigning {len(rows) - len(fit_on)} statements to the topics")
        assigned = vectors.assign(embeddings).tolist()
        for k, i in enumerate(fit_on):
            assigned[i] = int(fitted[k])
    sizes = {int(t): n for t, n in zip(*np.unique(np.asarray(assigned), return_counts=True))}
    topics = []
    for topic_id in sorted(sizes):
        words = [(w, float(s)) for w, s in (model.get_topic(topic_id) or []) if w]
        label = "other (no topic)" if topic_id == -1 else _label(words)
        topics.append((int(topic_id), label, words, int(sizes[topic_id])))
    assignments = [(r.id, int(t)) for r, t in zip(rows, assigned)]
    store.replace_topics(conn, [(t, label, json.dumps(words), size) for t, label, words, size in topics], assignments)
    model.save(str(model_path(db_path)), serialization="safetensors", save_ctfidf=True, save_embedding_model=False)
    vectors.save(model_path(db_path))
    return TopicFit(topics, assignments)


def _fit_sample(n: int) -> np.ndarray:
    """Indices of the statements the clustering is fitted on: all, or a seeded sample."""
    if n <= FIT_SAMPLE:
        return np.arange(n)
    return np.sort(np.random.default_rng(42).choice(n, FIT_SAMPLE, replace=False))


@dataclass(frozen=True)
class TopicVectors:
    """Each fitted topic's embedding (row k is topic k - outliers: row 0 is the outlier
    topic -1 when the fit has one), as BERTopic keeps them in ``topic_embeddings_``."""

    vectors: np.ndarray
    outliers: int  # 1 when row 0 is the outlier topic -1

    FILE = "topic_vectors.npz"

    @classmethod
    def of(cls, model) -> "TopicVectors":
        return cls(np.asarray(model.topic_embeddings_, dtype=np.float32), int(model._outliers))

    def assign(self, embeddings: np.ndarray) -> np.ndarray:
        """Topic id per embedding: the most cosine-similar topic (BERTopic's ``transform``
        of a saved model: argmax of the similarity, minus the outlier row)."""
        topics = self.vectors / np.maximum(np.linalg.norm(self.vectors, axis=1, keepdims=True), 1e-12)
        out = np.empty(len(embeddings), dtype=np.int64)
        for a in range(0, len(embeddings), ASSIGN_CHUNK):
            block = np.asarray(embeddings[a:a + ASSIGN_CHUNK], dtype=np.float32)
            block = block / np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12)
            out[a:a + len(block)] = np.argmax(block @ topics.T, axis=1) - self.outliers
        return out

    def save(self, folder: Path) -> None:
        np.savez(folder / self.FILE, vectors=self.vectors, outliers=np.int64(self.outliers))

    @classmethod
    def load(cls, folder: Path) -> "TopicVectors":
        path = folder / cls.FILE
        try:
            if not path.exists():  # saved before this file existed: BERTopic's own files
                from safetensors.numpy import load_file

                outliers = json.loads((folder / "topics.json").read_text(encoding="utf-8"))["_outliers"]
                return cls(load_file(folder / "topic_embeddings.safetensors")["topic_embeddings"], int(outliers))
            with np.load(path) as saved:
                return cls(saved["vectors"], int(saved["outliers"]))
        except (OSError, KeyError, ValueError) as exc:
            raise ValueError(f"{path}: not a saved topic model ({exc}); run `quotegraph topics --refit`") from exc


def assign_new(conn: sqlite3.Connection, db_path: Path) -> int:
    """Assign statements stored since the last fit to its topics; returns how many."""
    store.ensure_narrative_tables(conn)
    path = model_path(db_path)
    if not path.exists():
        return 0
    rows = store.statements(conn, unassigned=True)
    if not rows:
        return 0
    vectors = TopicVectors.load(path)
    cache = EmbeddingCache(conn)
    embeddings = Embedder(cache).embed([r.text for r in rows])
    assigned = vectors.assign(embeddings)
    conn.execute("BEGIN IMMEDIATE")
    cache.flush()
    conn.execute("COMMIT")
    store.add_assignments(conn, [(r.id, int(t)) for r, t in zip(rows, assigned.tolist())])
    return len(rows)
