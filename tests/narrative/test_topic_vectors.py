"""Topic assignment by embedding (incremental ingests and statements beyond the fit sample)."""
from __future__ import annotations

import numpy as np
import pytest

from quotegraph.narrative import topics as topic_module
from quotegraph.narrative.topics import TopicVectors

WORDS = {0: "border crossing closed refugees queue checkpoint", 1: "grain harvest exports prices wheat farmers",
         2: "election ballots turnout count polling stations"}


def _corpus(n_per_topic: int, dim: int = 24, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(WORDS), dim))
    texts, vecs = [], []
    for k, words in WORDS.items():
        for i in range(n_per_topic):
            texts.append(f"{words} statement {i}")
            vecs.append(centres[k] + rng.normal(0, 0.15, dim))
    return texts, np.asarray(vecs, dtype=np.float32), centres


def test_assignment_matches_bertopic_transform_of_the_saved_model(tmp_path):
    from bertopic import BERTopic

    texts, vecs, centres = _corpus(120)  # above SMALL: UMAP + HDBSCAN, as real corpora
    reducer, clusterer, vectorizer = topic_module._components(len(texts))
    model = BERTopic(umap_model=reducer, hdbscan_model=clusterer, vectorizer_model=vectorizer,
                     calculate_probabilities=False)
    model.fit_transform(texts, vecs)
    model.save(str(tmp_path / "m"), serialization="safetensors", save_ctfidf=True, save_embedding_model=False)
    TopicVectors.of(model).save(tmp_path / "m")

    rng = np.random.default_rng(1)
    new = np.asarray([centres[k % 3] + rng.normal(0, 0.4, centres.shape[1]) for k in range(60)], dtype=np.float32)
    theirs, _ = BERTopic.load(str(tmp_path / "m")).transform([f"new {i}" for i in range(60)], new)
    ours = TopicVectors.load(tmp_path / "m").assign(new)
    assert ours.tolist() == list(theirs)
    # a folder saved before topic_vectors.npz existed reads BERTopic's own files
    (tmp_path / "m" / TopicVectors.FILE).unlink()
    assert TopicVectors.load(tmp_path / "m").assign(new).tolist() == list(theirs)


def test_a_missing_model_is_an_error_naming_the_file(tmp_path):
    (tmp_path / "m").mkdir()
    with pytest.raises(ValueError, match=r"m/topics\.json|m/topic_vectors\.npz|--refit"):
        TopicVectors.load(tmp_path / "m")


def test_assign_takes_the_most_similar_topic_and_the_outlier_row():
    vectors = TopicVectors(np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float32), outliers=1)
    got = vectors.assign(np.array([[0.9, 0.1, 0], [0.1, 2.0, 0.2], [0, 0.3, 5.0]], dtype=np.float32))
    assert got.tolist() == [-1, 0, 1]  # row 0 is the outlier topic


def test_fit_sample_is_seeded_and_only_above_the_limit(monkeypatch):
    monkeypatch.setattr(topic_module, "FIT_SAMPLE", 50)
    assert topic_module._fit_sample(40).tolist() == list(range(40))
    a, b = topic_module._fit_sample(500), topic_module._fit_sample(500)
    assert len(a) == 50 and a.tolist() == b.tolist() and a.tolist() == sorted(set(a.tolist()))
