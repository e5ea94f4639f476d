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

# L2 strength of the logistic regression: ~20 weights from a few hundred quotes.
REGULARISATION_C = 1.0


@dataclass(frozen=True, slots=True)
class Example:
    inputs: ConfidenceInputs
    right: bool


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
        out.extend(Example(ConfidenceInputs.of_quote(q), r) for q, r in zip(quotes, right))
        if progress:
            progress()
    return out


def fit(examples: Sequence[Example], c: float = REGULARISATION_C) -> dict[str, Any]:
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


def bias_sample(learnt_from: Sequence[dict], n: int, seed: int) -> list[dict]:
    rows = list(learnt_from)
    random.Random(seed).shuffle(rows)
    return rows[:n]


def log_loss(model: dict[str, Any], examples: Sequence[Example]) -> float:
    m = model_from_dict(model)
    eps = 1e-9
    return -sum(math.log(max(eps, m.probability(e.inputs) if e.right else 1 - m.probability(e.inputs)))
                for e in examples) / max(1, len(examples))


def write_model(model: dict[str, Any], meta: dict[str, Any], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({**model, "meta": meta}, indent=1) + "\n", encoding="utf-8")
    return out
