"""Whether confidences are probabilities: a reliability table and the expected
calibration error (ECE) of (confidence, right) pairs.

Bins are equal-width over [0, 1] (the usual reliability diagram); a confidence
of exactly 1.0 falls in the last bin. ECE is the count-weighted mean, over the
non-empty bins, of |mean confidence - accuracy|.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

N_BINS = 10


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float

    def to_dict(self) -> dict[str, float | int]:
        return {"low": self.low, "high": self.high, "count": self.count,
                "mean_confidence": round(self.mean_confidence, 4), "accuracy": round(self.accuracy, 4)}


def reliability(confidences: Sequence[float], right: Sequence[bool], n_bins: int = N_BINS) -> list[ReliabilityBin]:
    """One bin per 1/n_bins of confidence, empty bins included (count 0)."""
    if len(confidences) != len(right):
        raise ValueError(f"{len(confidences)} confidences but {len(right)} outcomes")
    members: list[list[tuple[float, bool]]] = [[] for _ in range(n_bins)]
    for c, r in zip(confidences, right):
        if not 0.0 <= c <= 1.0:
            raise ValueError(f"confidence {c} is not a probability")
        members[min(int(c * n_bins), n_bins - 1)].append((c, bool(r)))
    out = []
    for k, m in enumerate(members):
        n = len(m)
        out.append(ReliabilityBin(round(k / n_bins, 4), round((k + 1) / n_bins, 4), n,
                                  sum(c for c, _ in m) / n if n else 0.0, sum(r for _, r in m) / n if n else 0.0))
    return out


def expected_calibration_error(bins: Sequence[ReliabilityBin]) -> float:
    total = sum(b.count for b in bins)
    if not total:
        return 0.0
    return sum(b.count * abs(b.mean_confidence - b.accuracy) for b in bins) / total


def calibration_report(confidences: Sequence[float], right: Sequence[bool], n_bins: int = N_BINS) -> dict:
    """The table and ECE as plain data (for ``quotegraph eval --json``)."""
    bins = reliability(confidences, right, n_bins)
    return {"ece": round(expected_calibration_error(bins), 4), "n": len(confidences),
            "accuracy": round(sum(map(bool, right)) / len(right), 4) if right else 0.0,
            "mean_confidence": round(sum(confidences) / len(confidences), 4) if confidences else 0.0,
            "bins": [b.to_dict() for b in bins]}
