"""`quotegraph eval` prints the same figures as ../shared/tools/attribution_score.py."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from quotegraph.evaluate.attribution import SCORER_KEYS, kind_of, score
from tests.paths import ROOT

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "attribution_score.py"
DEV = SHARED / "polnear" / "dev.jsonl"
needs_scorer = pytest.mark.skipif(not SCORER.is_file(), reason=f"scorer not found at {SCORER}")


def load_scorer():
    spec = importlib.util.spec_from_file_location("attribution_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sp(text: str, frag: str) -> dict:
    i = text.index(frag)
    return {"start": i, "end": i + len(frag), "text": frag}


@needs_scorer
def test_score_agrees_with_scorer_on_handmade_predictions(tmp_path):
    text = ("Mara Quist said that the bridge was safe. “It will open soon,” she added. "
            "According to engineers, the cost doubled.")
    gold = [{"id": "d1", "text": text, "quotes": [
        {"cues": [sp(text, "said")], "sources": [sp(text, "Mara Quist")],
         "contents": [sp(text, "that the bridge was safe")]},
        {"cues": [sp(text, "added")], "sources": [sp(text, "she")], "contents": [sp(text, "“It will open soon,”")]},
        {"cues": [sp(text, "According to")], "sources": [sp(text, "engineers")],
         "contents": [sp(text, "the cost doubled")]},
    ]}]
    pred = {"d1": [
        {"cue": sp(text, "said"), "sources": [sp(text, "Mara")], "contents": [sp(text, "the bridge was safe")]},
        {"cue": sp(text, "added"), "sources": [sp(text, "Mara Quist")], "contents": [sp(text, "It will open soon")]},
        {"cue": None, "sources": [], "contents": [sp(text, "Mara Quist said")]},
    ]}
    gold_path, pred_path = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gold_path.write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    pred_path.write_text("\n".join(json.dumps({"id": k, "quotes": v}) for k, v in pred.items()) + "\n")
    ours = score(gold, pred)
    theirs = load_scorer().score(str(gold_path), str(pred_path))
    assert {k: ours[k] for k in SCORER_KEYS} == theirs
    assert ours["counts"] == {"gold": 3, "predicted": 3, "matched": 2, "attributed": 1}
    assert ours["per_kind"]["direct"]["gold"] == 1 and ours["per_kind"]["indirect"]["gold"] == 2


def test_kind_of_by_quotation_marks():
    text = "He said that “clear rules” must come. “All of it,” she said. They said it was fine."
    assert kind_of(text, [sp(text, "that “clear rules” must come")]) == "mixed"
    assert kind_of(text, [sp(text, "All of it")]) == "direct"
    assert kind_of(text, [sp(text, "it was fine")]) == "indirect"


@needs_scorer
@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_file(), reason=f"PolNeAR dev not found at {DEV}")
def test_eval_command_agrees_with_scorer_on_dev_documents(tmp_path):
    limit = 4
    gold_path = tmp_path / "gold.jsonl"
    with DEV.open(encoding="utf-8") as fh:
        gold_path.write_text("".join(next(fh) for _ in range(limit)), encoding="utf-8")
    pred_path = tmp_path / "pred.jsonl"
    out = subprocess.run([sys.executable, "-m", "quotegraph", "eval", str(gold_path), "--pred-out", str(pred_path),
                          "--json"], capture_output=True, text=True, check=True, cwd=ROOT)
    ours = json.loads(out.stdout.strip().splitlines()[-1])
    scorer = subprocess.run([sys.executable, str(SCORER), str(gold_path), str(pred_path), "--json"],
                            capture_output=True, text=True, check=True)
    theirs = json.loads(scorer.stdout)
    assert {k: ours[k] for k in SCORER_KEYS} == theirs
    assert theirs["counts"]["predicted"] > 0
