"""Training the confidence calibration (nlp/attribution/calibration.py) on PolNeAR train.

The shipped tagger learnt from PolNeAR train except the documents it held out to
choose its best epoch (train/tagger.py ``holdout_ids``, settings read from the
tagger's metadata). On the documents it learnt from, its span probabilities are
overconfident and its output is better than on unseen text, so the calibration is
fitted on the held-out documents only. ``bias_docs`` documents it did learn from
are also extracted to measure that bias (recorded, never fitted on). Dev and
test are never read here.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from ..evaluate.attribution import prediction_outcomes
from ..evaluate.calibration import calibration_report
from ..nlp.attribution.calibration import (MODEL_FORMAT, MODEL_VERSION, RAW_FEATURE, ConfidenceInputs,
                                           features, model_from_dict)
from ..nlp.config import DEFAULT_CONFIG
from ..records import Document
from .tagger import holdout_ids, training_documents

# Inverse L2 strengths tried; the one with the lowest document-grouped cross-validated
# log loss on the held-out train documents is used (~30 weights from ~900 quotes).
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
CV_FOLDS = 5


@dataclass(frozen=True, slots=True)
class Example:
    inputs: ConfidenceInputs
    right: bool
    doc_id: str = ""


def sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tagger_holdout(train_path: str, tagger_meta: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    """(documents the tagger held out, documents it learnt from), as the tagger's training split them."""
    data = tagger_meta["train_data"]
    if Path(data["path"]).name != Path(train_path).name or data.get("sha256") not in (None, sha256(train_path)):
        raise ValueError(f"{train_path}: not the file the tagger was trained on ({data['path']}, sha256 "
                         f"{data.get('sha256')}); its held-out documents are unknown")
    docs = training_documents(train_path)
    held = holdout_ids(docs, int(data["holdout_docs"]), int(tagger_meta["training"]["seed"]))
    return [d for d in docs if d["id"] in held], [d for d in docs if d["id"] not in held]


def document_examples(rows: Sequence[dict], progress: Callable[[], None] | None = None) -> list[Example]:
    """Extract each gold document with raw confidences; label each quote as the scorer would."""
    from ..nlp.pipeline import extract

    config = replace(DEFAULT_CONFIG, calibrated_confidence=False)
    out: list[Example] = []
    for row in rows:
        doc = Document(id=str(row["id"]), source=f"train:{row['id']}", text=row["text"], format="jsonl")
        quotes = [q.to_dict() for q in extract(doc, config).quotes]
        right = prediction_outcomes(row["text"], row.get("quotes", []), quotes)
        out.extend(Example(ConfidenceInputs.of_quote(q), r, doc.id) for q, r in zip(quotes, right))
        if progress:
            progress()
    return out


def fit(examples: Sequence[Example], c: float) -> dict[str, Any]:
    """Logistic regression (scikit-learn) on the calibration features; weights as JSON."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len({e.right for e in examples}) < 2:
        raise ValueError(f"{len(examples)} examples with one outcome only: nothing to calibrate on")
    vec = DictVectorizer(sparse=False)
    X = vec.fit_transform([features(e.inputs) for e in examples])
    y = [e.right for e in examples]
    lr = LogisticRegression(C=c, max_iter=2000).fit(X, y)
    weights = {name: round(float(w), 6) for name, w in zip(vec.feature_names_, lr.coef_[0])}
    if weights.get(RAW_FEATURE, 0.0) < 0:
        # A calibration that ranks a higher raw score lower is noise on this data; the
        # categorical features then carry it alone (monotone by construction).
        vec = DictVectorizer(sparse=False)
        X = vec.fit_transform([{k: v for k, v in features(e.inputs).items() if k != RAW_FEATURE} for e in examples])
        lr = LogisticRegression(C=c, max_iter=2000).fit(X, y)
        weights = {name: round(float(w), 6) for name, w in zip(vec.feature_names_, lr.coef_[0])}
        weights[RAW_FEATURE] = 0.0
    return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "weights": dict(sorted(weights.items())),
            "intercept": round(float(lr.intercept_[0]), 6)}


def report(model: dict[str, Any], examples: Sequence[Example]) -> dict[str, Any]:
    """Reliability of the raw scores and of the calibrated ones on ``examples``."""
    m = model_from_dict(model)
    right = [e.right for e in examples]
    raw = calibration_report([min(max(e.inputs.raw, 0.0), 1.0) for e in examples], right)
    cal = calibration_report([m.probability(e.inputs) for e in examples], right)
    return {"quotes": len(examples), "accuracy": cal["accuracy"], "raw_ece": raw["ece"],
            "raw_mean_confidence": raw["mean_confidence"], "calibrated_ece": cal["ece"],
            "calibrated_mean_confidence": cal["mean_confidence"]}


def cross_validate(examples: Sequence[Example], grid: Sequence[float] = C_GRID,
                   folds: int = CV_FOLDS) -> dict[float, dict[str, float]]:
    """Per C: log loss and ECE of out-of-fold predictions, folds by document (a document's
    quotes share its writing and annotation, so they never straddle train and test)."""
    docs = sorted({e.doc_id for e in examples})
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    out = {}
    for c in grid:
        probs: list[float] = []
        held: list[Example] = []
        for k in range(folds):
            train = [e for e in examples if fold_of[e.doc_id] != k]
            test = [e for e in examples if fold_of[e.doc_id] == k]
            m = model_from_dict(fit(train, c))
            probs.extend(m.probability(e.inputs) for e in test)
            held.extend(test)
        eps = 1e-9
        loss = -sum(math.log(max(eps, p if e.right else 1 - p)) for p, e in zip(probs, held)) / len(held)
        out[c] = {"log_loss": round(loss, 4), "ece": calibration_report(probs, [e.right for e in held])["ece"]}
    return out


def best_c(cv: dict[float, dict[str, float]]) -> float:
    return min(cv, key=lambda c: (cv[c]["log_loss"], c))


def bias_sample(learnt_from: Sequence[dict], n: int, seed: int) -> list[dict]:
    rows = list(learnt_from)
    random.Random(seed).shuffle(rows)
    return rows[:n]


def write_model(model: dict[str, Any], meta: dict[str, Any], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({**model, "meta": meta}, indent=1) + "\n", encoding="utf-8")
    return out
