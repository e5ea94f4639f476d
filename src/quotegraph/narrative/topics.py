"""Topics of statements with BERTopic over the packaged MiniLM embeddings.

A full fit (``fit_topics``) clusters every speech statement and saves the model
beside the database; later statements are assigned to the existing topics with
the saved model's own ``transform`` (``assign_new``), so topic ids stay put until
the user asks for a re-fit. The embeddings are link/'s (cached in the store).

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
    progress("clustering")
    reducer, clusterer, vectorizer = _components(len(rows))
    model = BERTopic(umap_model=reducer, hdbscan_model=clusterer, vectorizer_model=vectorizer,
                     calculate_probabilities=False, verbose=False)
    assigned, _ = model.fit_transform([r.text for r in rows], embeddings)
    sizes = model.get_topic_freq().set_index("Topic")["Count"].to_dict()
    topics = []
    for topic_id in sorted(sizes):
        words = [(w, float(s)) for w, s in (model.get_topic(topic_id) or []) if w]
        label = "other (no topic)" if topic_id == -1 else _label(words)
        topics.append((int(topic_id), label, words, int(sizes[topic_id])))
    assignments = [(r.id, int(t)) for r, t in zip(rows, assigned)]
    store.replace_topics(conn, [(t, label, json.dumps(words), size) for t, label, words, size in topics], assignments)
    model.save(str(model_path(db_path)), serialization="safetensors", save_ctfidf=True, save_embedding_model=False)
    return TopicFit(topics, assignments)


def assign_new(conn: sqlite3.Connection, db_path: Path) -> int:
    """Assign statements stored since the last fit to its topics; returns how many."""
    from bertopic import BERTopic

    store.ensure_narrative_tables(conn)
    path = model_path(db_path)
    if not path.exists():
        return 0
    rows = store.statements(conn, unassigned=True)
    if not rows:
        return 0
    cache = EmbeddingCache(conn)
    embeddings = Embedder(cache).embed([r.text for r in rows])
    model = BERTopic.load(str(path))
    assigned, _ = model.transform([r.text for r in rows], embeddings)
    conn.execute("BEGIN IMMEDIATE")
    cache.flush()
    conn.execute("COMMIT")
    store.add_assignments(conn, [(r.id, int(t)) for r, t in zip(rows, np.asarray(assigned).tolist())])
    return len(rows)
