"""Calibrated confidence: the probability that a statement and its speaker are right.

The raw score of an attribution (its rule's prior, or the tagger's span
probability) is not a probability of being right: the tagger is overconfident,
an unresolved pronoun speaker is often wrong, a long indirect content is often
cut at the wrong place. A logistic regression over what is known at prediction
time (the raw score's log-odds, which system found it, the quote kind, how the
speaker was resolved, the statement type, the content length) maps it to the
probability that the scorer counts the quote right: matched to a gold quote and
with the gold source (evaluate/attribution.py). It is trained by
``quotegraph train-calibration`` (train/calibration.py) on PolNeAR train and
shipped as JSON (``models/confidence_calibration.json``), evaluated here in plain
Python. The raw score's weight is kept >= 0, so for fixed other features the
calibrated value never falls when the raw score rises.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "confidence_calibration.json"
MODEL_FORMAT = "quotegraph-confidence-calibration"
MODEL_VERSION = 1
INPUTS_KEY = "confidence_from"  # Quote.extra key: what the calibrated value was computed from
RAW_FEATURE = "raw_logit"
RAW_CLIP = 1e-3  # scores of exactly 0 or 1 get finite log-odds
# Content length buckets (words): a short fragment and a long indirect paragraph fail differently.
LENGTH_BUCKETS = ((5, "words<=5"), (15, "words<=15"), (40, "words<=40"))


class CalibrationModelError(ValueError):
    """A calibration model file that is not one this code reads."""


@dataclass(frozen=True, slots=True)
class ConfidenceInputs:
    """What a quote's calibrated confidence is computed from (all known at prediction time)."""

    raw: float  # Attribution.confidence: the rule prior or the model's probability
    origin: str  # rule | tagger | agree | merged (hybrid arbitration)
    rule: str
    kind: str  # direct | indirect | mixed
    speaker_how: str  # name | pronoun | role | org | as_written | unresolved | none (no source)
    type: str  # speech | belief | finding | headline
    content_words: int

    def to_dict(self) -> dict[str, Any]:
        return {"raw": round(self.raw, 4), "origin": self.origin, "speaker_how": self.speaker_how}

    @classmethod
    def of_quote(cls, quote: Mapping[str, Any]) -> "ConfidenceInputs":
        """From a quote dict written by the pipeline (``Quote.to_dict``), text-free."""
        inputs = quote[INPUTS_KEY]
        words = sum(len(s["text"].split()) for s in quote["contents"])
        return cls(float(inputs["raw"]), inputs["origin"], quote.get("rule", ""), quote["kind"],
                   inputs["speaker_how"], quote["type"], words)


def length_bucket(words: int) -> str:
    for limit, name in LENGTH_BUCKETS:
        if words <= limit:
            return name
    return "words>40"


def features(x: ConfidenceInputs) -> dict[str, float]:
    """Sparse features: the raw score's log-odds and one indicator per categorical value."""
    p = min(max(x.raw, RAW_CLIP), 1 - RAW_CLIP)
    return {RAW_FEATURE: math.log(p / (1 - p)), f"origin={x.origin}": 1.0, f"rule={x.rule}": 1.0,
            f"kind={x.kind}": 1.0, f"speaker={x.speaker_how or 'none'}": 1.0, f"type={x.type}": 1.0,
            f"length={length_bucket(x.content_words)}": 1.0}


@dataclass(frozen=True)
class CalibrationModel:
    weights: Mapping[str, float]  # feature name -> weight; unseen categorical values weigh 0
    intercept: float
    meta: Mapping[str, Any]

    def probability(self, x: ConfidenceInputs) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features(x).items())
        return 1.0 / (1.0 + math.exp(-z))


def model_from_dict(d: Any, source: str = "<dict>") -> CalibrationModel:
    """The model of a decoded JSON file; a clear error naming ``source`` for any other content."""
    if not isinstance(d, dict) or d.get("format") != MODEL_FORMAT:
        raise CalibrationModelError(f"{source}: not a confidence calibration model (format "
                                    f"{d.get('format') if isinstance(d, dict) else type(d).__name__!r}, "
                                    f"expected {MODEL_FORMAT!r})")
    if d.get("version") != MODEL_VERSION:
        raise CalibrationModelError(f"{source}: calibration model version {d.get('version')!r}, this code reads "
                                    f"version {MODEL_VERSION}; re-train it with `quotegraph train-calibration`")
    try:
        weights = {str(k): float(v) for k, v in d["weights"].items()}
        intercept = float(d["intercept"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CalibrationModelError(f"{source}: calibration model without valid weights/intercept ({exc})") from exc
    if weights.get(RAW_FEATURE, 0.0) < 0:
        raise CalibrationModelError(f"{source}: negative weight on {RAW_FEATURE} (the calibration must not fall "
                                    "as the raw score rises)")
    return CalibrationModel(weights, intercept, d.get("meta", {}))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> CalibrationModel:
    p = Path(path) if path else MODEL_PATH
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise CalibrationModelError(f"{p}: cannot read the confidence calibration model ({exc.strerror}); "
                                    "train it with `quotegraph train-calibration` or set "
                                    "calibrated_confidence=False") from exc
    try:
        d = json.loads(text)
    except ValueError as exc:
        raise CalibrationModelError(f"{p}: not JSON ({exc})") from exc
    return model_from_dict(d, str(p))
