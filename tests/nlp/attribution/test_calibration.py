"""The confidence calibration model: monotone in the raw score, strict about its file."""
import json

import pytest

from quotegraph.nlp.attribution.calibration import (MODEL_FORMAT, MODEL_VERSION, CalibrationModelError,
                                                    ConfidenceInputs, load_model, model_from_dict)
from quotegraph.nlp.config import ExtractConfig
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document

RAW_GRID = [0.01, 0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 0.99, 1.0]


def inputs(raw: float, **kw) -> ConfidenceInputs:
    base = dict(origin="rule", rule="clause", kind="indirect", speaker_how="name", type="speech", content_words=12)
    return ConfidenceInputs(raw, **{**base, **kw})


@pytest.mark.parametrize("fixed", [
    {}, {"origin": "tagger", "rule": "tagger", "kind": "direct"}, {"speaker_how": "unresolved"},
    {"speaker_how": "none", "type": "belief", "content_words": 60}, {"rule": "headline", "type": "headline"},
])
def test_shipped_model_never_falls_as_the_raw_score_rises(fixed):
    model = load_model()
    probs = [model.probability(inputs(r, **fixed)) for r in RAW_GRID]
    assert all(0.0 < p < 1.0 for p in probs)
    assert probs == sorted(probs) and probs[-1] > probs[0]


def test_shipped_model_records_how_it_was_trained():
    meta = load_model().meta
    assert meta["command"].startswith("quotegraph train-calibration")
    assert meta["data"]["path"] == "train.jsonl" and meta["data"]["n_quotes"] > 100
    assert meta["trained"] and meta["settings"]["C"] > 0


def test_an_unresolved_speaker_is_less_likely_right_than_a_named_one():
    model = load_model()
    assert model.probability(inputs(0.8, speaker_how="none")) < model.probability(inputs(0.8))


def write(tmp_path, d) -> str:
    p = tmp_path / "calibration.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    return str(p)


def test_wrong_version_names_the_file(tmp_path):
    path = write(tmp_path, {"format": MODEL_FORMAT, "version": MODEL_VERSION + 1, "weights": {}, "intercept": 0})
    with pytest.raises(CalibrationModelError, match=r"calibration\.json: calibration model version 2"):
        load_model(path)


def test_wrong_format_names_the_file(tmp_path):
    path = write(tmp_path, {"feature_names": [], "trees": []})  # e.g. the statement filter's file
    with pytest.raises(CalibrationModelError, match=r"calibration\.json: not a confidence calibration model"):
        load_model(path)
    bad_json = tmp_path / "broken.json"
    bad_json.write_text("{", encoding="utf-8")
    with pytest.raises(CalibrationModelError, match=r"broken\.json: not JSON"):
        load_model(str(bad_json))
    with pytest.raises(CalibrationModelError, match=r"missing\.json: cannot read"):
        load_model(str(tmp_path / "missing.json"))


def test_a_negative_raw_weight_is_refused():
    with pytest.raises(CalibrationModelError, match="raw_logit"):
        model_from_dict({"format": MODEL_FORMAT, "version": MODEL_VERSION, "weights": {"raw_logit": -0.5},
                         "intercept": 0.0}, "x.json")


TEXT = ("The minister said the new bridge would open in May. "
        "Officials believe the budget is too small, he said.")


def test_extraction_writes_the_calibrated_value_and_keeps_its_inputs():
    doc = Document(id="c1", source="test", text=TEXT)
    raw = extract(doc, ExtractConfig(mode="rules", calibrated_confidence=False)).quotes
    cal = extract(doc, ExtractConfig(mode="rules")).quotes
    assert raw and [q.contents for q in raw] == [q.contents for q in cal]  # same statements
    model = load_model()
    for r, c in zip(raw, cal):
        x = ConfidenceInputs.of_quote(c.to_dict())
        assert r.confidence == pytest.approx(x.raw)
        assert c.confidence == pytest.approx(model.probability(x))


def test_fit_keeps_the_raw_weight_non_negative():
    from quotegraph.train.calibration import Example, fit

    # Written so that a higher raw score goes with being wrong more often: the fit must
    # not learn a falling calibration (it drops the raw score instead).
    rows = [(0.9, False), (0.9, False), (0.9, True), (0.2, True), (0.2, True), (0.2, False)] * 10
    examples = [Example(inputs(r, speaker_how="name" if k % 2 else "role"), ok, f"d{k % 4}")
                for k, (r, ok) in enumerate(rows)]
    model = model_from_dict(fit(examples, 1.0))
    assert model.weights["raw_logit"] == 0.0
    grown = [Example(inputs(r), r > 0.5, "d") for r in (0.1, 0.3, 0.6, 0.9) * 5]
    rising = model_from_dict(fit(grown, 1.0))
    assert rising.weights["raw_logit"] > 0
    assert rising.probability(inputs(0.9)) > rising.probability(inputs(0.1))


def test_holdout_needs_the_file_the_tagger_was_trained_on(tmp_path):
    from quotegraph.train.calibration import tagger_holdout

    other = tmp_path / "train.jsonl"
    other.write_text('{"id": "a", "text": "x", "quotes": []}\n', encoding="utf-8")
    meta = {"train_data": {"path": "train.jsonl", "sha256": "0" * 64, "holdout_docs": 1}, "training": {"seed": 13}}
    with pytest.raises(ValueError, match="not the file the tagger was trained on"):
        tagger_holdout(str(other), meta)
