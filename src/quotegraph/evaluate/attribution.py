"""Scoring of predicted attributions against gold (PolNeAR export layout).

The metrics are exactly those of ../shared/tools/attribution_score.py (a test
checks they agree): exact span P/R/F1 for cues, sources, contents (after
trimming spaces and punctuation); content token overlap; quote P/R/F1 (content
word Jaccard >= 0.5, one-to-one, greedy); attribution P/R/F1 (a matched quote
whose source overlaps the gold source, or neither has one). On top: the same
quote/attribution figures per kind (direct/indirect/mixed, decided by how much
of the content lies inside quotation marks), an error summary, and how well the
predicted ``confidence`` predicts the attribution outcome (reliability table, ECE).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..quotation_marks import QUOTE_MARKS
from ..nlp.attribution.marks import find_quoted_passages, quote_mark_coverage
from .calibration import calibration_report

WORD = re.compile(r"\w+")
TRIM = " \t\n,.;:—–-()[]" + QUOTE_MARKS
KINDS = ("direct", "indirect", "mixed")


def as_spans(q: dict, *keys: str) -> list[dict]:
    for k in keys:
        v = q.get(k)
        if v:
            return [v] if isinstance(v, dict) else list(v)
    return []


def norm(q: dict) -> dict[str, list[dict]]:
    return {"cues": as_spans(q, "cues", "cue"), "sources": as_spans(q, "sources", "source"),
            "contents": as_spans(q, "contents", "content")}


def trimmed(text: str, s: dict) -> tuple[int, int]:
    a, b = s["start"], s["end"]
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


def words(text: str, spans: list[dict]) -> set[int]:
    out: set[int] = set()
    for s in spans:
        for m in WORD.finditer(text, s["start"], s["end"]):
            out.add(m.start())
    return out


def overlaps(a: list[dict], b: list[dict]) -> bool:
    return any(x["start"] < y["end"] and y["start"] < x["end"] for x in a for y in b)


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def kind_of(text: str, spans: list[dict]) -> str:
    """direct / mixed / indirect by the share of content words inside quotation marks."""
    if not spans:
        return "indirect"
    a, b = min(s["start"] for s in spans), max(s["end"] for s in spans)
    # Look a little around the content: gold content spans often exclude the marks.
    lo, hi = max(0, a - 2000), min(len(text), b + 2000)
    passages = find_quoted_passages(text, [(lo, hi)])
    total = sum(len(WORD.findall(text, s["start"], s["end"])) for s in spans)
    if not total:
        return "indirect"
    cover = sum(quote_mark_coverage(text, s["start"], s["end"], passages)
                * len(WORD.findall(text, s["start"], s["end"])) for s in spans) / total
    if cover >= 0.95:
        return "direct"
    return "mixed" if cover > 0 else "indirect"


@dataclass
class ErrorSummary:
    missed_no_overlap: int = 0
    missed_partial: int = 0
    false_positive: int = 0
    wrong_source: int = 0
    missed_cues: Counter = field(default_factory=Counter)
    false_positive_cues: Counter = field(default_factory=Counter)
    wrong_source_cues: Counter = field(default_factory=Counter)


def match_greedy(gold_words: list[set[int]], pred_words: list[set[int]],
                 threshold: float = 0.5) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: content-word Jaccard >= threshold,
    best pairs first (ties: higher gold index, then higher predicted index, as the scorer)."""
    pairs = []
    for i, a in enumerate(gold_words):
        for j, b in enumerate(pred_words):
            inter = len(a & b)
            if inter:
                jac = inter / len(a | b)
                if jac >= threshold:
                    pairs.append((jac, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _jac, i, j in sorted(pairs, reverse=True):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def score(gold_docs: list[dict], predictions: dict[str, list[dict]]) -> dict[str, Any]:
    """Score ``predictions`` (doc id -> quote dicts) against gold documents."""
    c = {k: [0, 0, 0] for k in ("cues", "sources", "contents")}
    tok = [0, 0, 0]
    qm = [0, 0, 0]
    am = 0
    per_kind = {k: {"gold": 0, "pred": 0, "matched_gold": 0, "matched_pred": 0, "attr_gold": 0, "attr_pred": 0}
                for k in KINDS}
    errors = ErrorSummary()
    confidences: list[float] = []
    outcomes: list[bool] = []  # per predicted quote: matched and with the gold source
    for g in gold_docs:
        text = g["text"]
        gq = [norm(q) for q in g["quotes"]]
        pq = [norm(q) for q in predictions.get(g["id"], [])]
        for k in c:
            gs = {trimmed(text, s) for q in gq for s in q[k]}
            ps = {trimmed(text, s) for q in pq for s in q[k]}
            c[k][0] += len(gs & ps)
            c[k][1] += len(ps)
            c[k][2] += len(gs)
        gw = set().union(*[words(text, q["contents"]) for q in gq]) if gq else set()
        pw = set().union(*[words(text, q["contents"]) for q in pq]) if pq else set()
        tok[0] += len(gw & pw)
        tok[1] += len(pw)
        tok[2] += len(gw)
        gW = [words(text, q["contents"]) for q in gq]
        pW = [words(text, q["contents"]) for q in pq]
        used_g: dict[int, int] = {}
        used_p: dict[int, int] = {}
        attributed: set[int] = set()
        for i, j in match_greedy(gW, pW):
            used_g[i] = j
            used_p[j] = i
            qm[0] += 1
            if source_right(gq[i], pq[j]):
                am += 1
                attributed.add(i)
            else:
                errors.wrong_source += 1
                errors.wrong_source_cues[_cue_text(text, gq[i])] += 1
        raw = predictions.get(g["id"], [])
        confidences.extend(float(q.get("confidence", 0.0)) for q in raw)
        outcomes.extend(j in used_p and used_p[j] in attributed for j in range(len(raw)))
        qm[1] += len(pq)
        qm[2] += len(gq)
        # Per-kind breakdown and error summary.
        g_kinds = [kind_of(text, q["contents"]) for q in gq]
        p_kinds = [kind_of(text, q["contents"]) for q in pq]
        for i, kd in enumerate(g_kinds):
            per_kind[kd]["gold"] += 1
            if i in used_g:
                per_kind[kd]["matched_gold"] += 1
                per_kind[kd]["attr_gold"] += i in attributed
            else:
                best = max((len(gW[i] & b) for b in pW), default=0)
                if best:
                    errors.missed_partial += 1
                else:
                    errors.missed_no_overlap += 1
                errors.missed_cues[_cue_text(text, gq[i])] += 1
        for j, kd in enumerate(p_kinds):
            per_kind[kd]["pred"] += 1
            if j in used_p:
                per_kind[kd]["matched_pred"] += 1
                per_kind[kd]["attr_pred"] += used_p[j] in attributed
            else:
                errors.false_positive += 1
                errors.false_positive_cues[_cue_text(text, pq[j])] += 1
    kinds_out = {}
    for kd, v in per_kind.items():
        kinds_out[kd] = {
            "quotes": prf(v["matched_pred"], v["pred"], v["matched_gold"], v["gold"]),
            "attribution": prf(v["attr_pred"], v["pred"], v["attr_gold"], v["gold"]),
            "gold": v["gold"], "predicted": v["pred"],
        }
    return {
        "documents": len(gold_docs),
        "documents_predicted": len(set(predictions) & {g["id"] for g in gold_docs}),
        "exact": {k: prf(v[0], v[1], v[0], v[2]) for k, v in c.items()},
        "content_tokens": prf(tok[0], tok[1], tok[0], tok[2]),
        "quotes": prf(qm[0], qm[1], qm[0], qm[2]),
        "attribution": prf(am, qm[1], am, qm[2]),
        "counts": {"gold": qm[2], "predicted": qm[1], "matched": qm[0], "attributed": am},
        "per_kind": kinds_out,
        "calibration": calibration_report(confidences, outcomes),
        "errors": {
            "missed_no_overlap": errors.missed_no_overlap,
            "missed_partial_overlap": errors.missed_partial,
            "false_positives": errors.false_positive,
            "wrong_source": errors.wrong_source,
            "top_missed_cues": errors.missed_cues.most_common(10),
            "top_false_positive_cues": errors.false_positive_cues.most_common(10),
            "top_wrong_source_cues": errors.wrong_source_cues.most_common(10),
        },
    }


def source_right(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> bool:
    """The attribution rule: the sources overlap, or neither quote has one (``norm``-ed quotes)."""
    gs, ps = gold["sources"], pred["sources"]
    return (not gs and not ps) or overlaps(gs, ps)


def prediction_outcomes(text: str, gold_quotes: list[dict], pred_quotes: list[dict]) -> list[bool]:
    """Per predicted quote: whether the scorer counts it right (matched to a gold quote
    and with the gold source), the outcome a calibrated confidence predicts."""
    gq = [norm(q) for q in gold_quotes]
    pq = [norm(q) for q in pred_quotes]
    out = [False] * len(pq)
    for i, j in match_greedy([words(text, q["contents"]) for q in gq], [words(text, q["contents"]) for q in pq]):
        out[j] = source_right(gq[i], pq[j])
    return out


SCORER_KEYS = ("documents", "documents_predicted", "exact", "content_tokens", "quotes", "attribution", "counts")


def _cue_text(text: str, q: dict) -> str:
    return " ".join(text[s["start"]:s["end"]].lower() for s in q["cues"]) or "(none)"
