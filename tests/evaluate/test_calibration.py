"""Reliability table, ECE, and which predicted quotes the scorer counts right."""
import pytest

from quotegraph.evaluate.attribution import prediction_outcomes, score
from quotegraph.evaluate.calibration import calibration_report, expected_calibration_error, reliability


def test_reliability_bins_and_ece_on_written_numbers():
    conf = [0.05, 0.15, 0.18, 0.55, 0.95, 0.97, 1.0]
    right = [False, True, False, True, True, True, False]
    bins = reliability(conf, right)
    assert len(bins) == 10 and [b.count for b in bins] == [1, 2, 0, 0, 0, 1, 0, 0, 0, 3]
    assert bins[1].mean_confidence == pytest.approx(0.165) and bins[1].accuracy == 0.5
    assert bins[9].mean_confidence == pytest.approx((0.95 + 0.97 + 1.0) / 3)  # 1.0 falls in the last bin
    assert bins[9].accuracy == pytest.approx(2 / 3)
    # |0.05-0| + 2*|0.165-0.5| + |0.55-1| + 3*|0.97333-0.66667|, over 7
    expected = (0.05 + 2 * 0.335 + 0.45 + 3 * ((0.95 + 0.97 + 1.0) / 3 - 2 / 3)) / 7
    assert expected_calibration_error(bins) == pytest.approx(expected)
    report = calibration_report(conf, right)
    assert report["n"] == 7 and report["accuracy"] == round(4 / 7, 4)
    assert report["ece"] == round(expected, 4)


def test_perfectly_calibrated_bins_have_zero_error():
    conf = [0.25] * 4 + [0.75] * 4
    right = [True, False, False, False, True, True, True, False]
    assert expected_calibration_error(reliability(conf, right)) == pytest.approx(0.0)


def test_a_confidence_outside_zero_one_is_refused():
    with pytest.raises(ValueError, match="not a probability"):
        reliability([1.2], [True])


TEXT = "Ann Lee said the bridge would close. Bob Roy said the tunnel was safe. Nobody knew why."


def span(sub: str) -> dict:
    start = TEXT.index(sub)
    return {"start": start, "end": start + len(sub)}


def quote(content: str, source: str | None, confidence: float = 0.5) -> dict:
    return {"contents": [span(content)], "sources": [span(source)] if source else [], "cues": [],
            "confidence": confidence}


def test_right_means_matched_and_with_the_gold_source():
    gold = [quote("the bridge would close", "Ann Lee"), quote("the tunnel was safe", "Bob Roy")]
    pred = [quote("the bridge would close", "Ann Lee"),   # right
            quote("the tunnel was safe", "Ann Lee"),      # matched, wrong source
            quote("Nobody knew why", None)]               # no gold quote
    assert prediction_outcomes(TEXT, gold, pred) == [True, False, False]
    report = score([{"id": "d", "text": TEXT, "quotes": gold}],
                   {"d": [dict(q, confidence=c) for q, c in zip(pred, (0.9, 0.8, 0.2))]})
    cal = report["calibration"]
    assert cal["n"] == 3 and cal["accuracy"] == round(1 / 3, 4)
    # bins: 0.2 (wrong) -> error 0.2; 0.8 (wrong) -> 0.8; 0.9 (right) -> 0.1
    assert cal["ece"] == round((0.2 + 0.8 + 0.1) / 3, 4)
