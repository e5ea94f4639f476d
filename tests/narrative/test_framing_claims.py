"""Pure parts of the narrative layer on sentences written for the tests."""
import math

import numpy as np
import pytest

from quotegraph.narrative.actors import group_for
from quotegraph.narrative.alignment import alignment
from quotegraph.narrative.claims import claims_in, disagreements
from quotegraph.narrative.framing import PRIOR_SCALE, fightin_words
from quotegraph.store.narrative import QuoteRow


def quote(content, speaker="A", topic=0, doc="d", published="2025-04-01", statement=None):
    return QuoteRow(doc, f"{doc}#{speaker}", content, "[]", speaker.lower(), speaker, None, published, "Outlet",
                    statement, topic)


def test_fightin_words_z_matches_the_formula():
    a = ["a voluntary choice", "a voluntary choice again"]
    b = ["forced to flee", "they were forced to flee"]
    side_a, side_b = fightin_words(a, b, a + b, ngram_range=(1, 1))
    z = {p.phrase: p.z for p in side_a + side_b}
    # "voluntary": y_a = 2, y_b = 0, background count 2 -> alpha = 0.2 + 0.01
    n_a = 2 + 2          # informative unigrams of A: voluntary x2, choice x2 ("a", "again": stop words)
    n_b = 2 + 2          # forced x2, flee x2 ("they", "were", "to": stop words)
    alphas = {"voluntary": 2, "choice": 2, "forced": 2, "flee": 2}
    alpha = {w: PRIOR_SCALE * c + 0.01 for w, c in alphas.items()}
    alpha0 = sum(alpha.values())
    y_a, y_b, al = 2, 0, alpha["voluntary"]
    delta = math.log((y_a + al) / (n_a + alpha0 - y_a - al)) - math.log((y_b + al) / (n_b + alpha0 - y_b - al))
    expected = delta / math.sqrt(1 / (y_a + al) + 1 / (y_b + al))
    assert z["voluntary"] == pytest.approx(expected, rel=1e-6)
    assert z["forced"] < 0 < z["voluntary"]


def test_framing_phrases_prefer_whole_phrase():
    a = ["It was a voluntary choice.", "Their move was a voluntary choice.", "A voluntary choice, freely made."]
    b = ["They were forced to flee.", "Families were forced to flee.", "Thousands forced to flee at night."]
    side_a, side_b = fightin_words(a, b, a + b, top=3)
    assert side_a[0].phrase == "voluntary choice"
    assert side_b[0].phrase == "forced to flee"


@pytest.mark.parametrize("text, value, bound, unit", [
    ("More than 100,000 displaced people crossed.", 100_000, "at_least", "count"),
    ("over 150 thousand residents left", 150_000, "at_least", "count"),
    ("Fewer than 5,000 residents have chosen to leave", 5_000, "at_most", "count"),
    ("about 1.2 million people", 1_200_000, "about", "count"),
    ("Unemployment rose to 5.4% last year", 5.4, "exact", "percent"),
])
def test_numbers_are_normalised(text, value, bound, unit):
    [claim] = claims_in(quote(text))
    assert (claim.value, claim.bound, claim.unit) == (value, bound, unit)


def test_dates_times_and_years_are_not_claims():
    assert claims_in(quote("Convoys have waited since March 30 and met on 12 May at 10 am in 2004.")) == []


def test_disagreements_flag_conflicts_and_reconcile_bounds():
    def embed(texts):  # one subject for every claim here: the rule under test is the values and bounds
        return np.ones((len(texts), 3))

    rows = [quote("More than 40,000 people fled.", "Halvari"), quote("Fewer than 5,000 people left.", "Kelnik"),
            quote("About 41,000 people fled the valley.", "Oskarsdottir"), quote("Some 60,000 people fled.", "Dunmore")]
    found = {(d.a.speaker, d.b.speaker): d.verdict for d in disagreements(rows, embed)}
    assert found[("Halvari", "Kelnik")] == "conflict"
    assert ("Halvari", "Oskarsdottir") not in found          # within 10 %: the same figure
    assert found[("Halvari", "Dunmore")] == "compatible"     # "more than 40,000" allows 60,000
    assert found[("Kelnik", "Dunmore")] == "conflict"


def test_groups_from_roles():
    assert group_for("Maria Zakharova", "PERSON", ["Russian Foreign Ministry spokeswoman"]) == "Russia (government)"
    assert group_for("Teodor Halvari", "PERSON", ["Velmora's foreign minister"]) == "Velmora (government)"
    assert group_for("Michael Howard", "PERSON", ["Tory leader"]) == "Conservative"
    assert group_for("Jane Roe", "PERSON", ["head of the union"]) == "Jane Roe"
    assert group_for("Jane Roe", "PERSON", [], {"Jane Roe": "Harbour Union"}) == "Harbour Union"


def test_alignment_is_cosine_of_topic_shares():
    rows = [quote("x", "A", 0), quote("x", "A", 1), quote("x", "B", 0), quote("x", "B", 1), quote("x", "C", 2)]
    result = alignment(rows, {}, by="month")
    sims = {(a, b): result.matrix[i][j] for i, a in enumerate(result.actors) for j, b in enumerate(result.actors)}
    assert sims[("A", "B")] == pytest.approx(1.0) and sims[("A", "C")] == pytest.approx(0.0)
