"""Dating is scored by interval (evaluate/dating.judge): claiming a day the article
never gave is wrong, not "close enough"."""
from __future__ import annotations

import pytest

from quotegraph.evaluate.dating import Agreement, judge

BOUND = {"start": None, "end": "2025-03-07", "precision": "on_or_before_publication", "evidence": None}
FRIDAY = {"start": "2025-03-07", "end": "2025-03-07", "precision": "day"}
THURSDAY = {"start": "2025-03-06", "end": "2025-03-06", "precision": "day"}
THIS_WEEK = {"start": "2025-03-03", "end": "2025-03-07", "precision": "week"}
UNKNOWN = {"start": None, "end": None, "precision": "unknown"}


@pytest.mark.parametrize("got, gold, verdict", [
    (BOUND, BOUND, "exact"),                  # on or before, as the article gives
    (FRIDAY, BOUND, "over_precise"),          # a publication-day point the article never gave
    ({**FRIDAY, "precision": "before_publication"}, BOUND, "over_precise"),  # the old stored form claimed that day
    (THURSDAY, BOUND, "over_precise"),
    (BOUND, THURSDAY, "coarse"),              # true but less than the article gives
    (THIS_WEEK, THURSDAY, "coarse"),
    (THURSDAY, THIS_WEEK, "over_precise"),
    (FRIDAY, THURSDAY, "wrong"),
    ({"start": None, "end": "2025-03-05", "precision": "on_or_before_publication"}, THURSDAY, "wrong"),
    (UNKNOWN, THURSDAY, "coarse"),
    (THURSDAY, UNKNOWN, "wrong"),
    (UNKNOWN, UNKNOWN, "exact"),
])
def test_judge(got, gold, verdict):
    assert judge(got, gold) == verdict


def test_agreement_counts_only_exact_and_breaks_down_the_rest():
    score = Agreement()
    for n, (got, gold) in enumerate([(BOUND, BOUND), (FRIDAY, BOUND), (BOUND, THURSDAY), (FRIDAY, THURSDAY)]):
        score.add(f"s{n}", gold, got)
    assert (score.agree, score.total) == (1, 4)
    assert score.breakdown() == "exact 1, coarse 1, over-precise 1, wrong 1"
    assert [m[0] for m in score.misses] == ["s1", "s2", "s3"]


def test_a_gold_label_in_the_retired_form_is_refused():
    with pytest.raises(ValueError, match="before_publication"):
        judge(BOUND, {**FRIDAY, "precision": "before_publication"})
