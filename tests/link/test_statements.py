"""Statement clustering with the packaged MiniLM model (sentences written for the tests)."""
import pytest

from quotegraph.link.embed import Embedder
from quotegraph.link.statements import StatementClusterer, containment, content_words
from quotegraph.link.types import QuoteItem


def Q(doc, qid, text, speaker="sp", published="2024-04-17", kind="direct", outlet="A", reused=False):
    return QuoteItem(doc, qid, speaker, text, 0, len(text), kind, outlet, published, reused)


@pytest.fixture(scope="module")
def clusterer():
    return StatementClusterer(Embedder())


def _groups(statements):
    return sorted(sorted(r.key for r in st.reports) for st in statements)


LONG = ("The talks in Geneva were difficult but useful. We are prepared to give every possible help to the "
        "monitoring mission, whose work on the ground is of key value. The next round will take place in June.")


def test_exact_repeat_and_fragment_join_the_longer_quote(clusterer):
    sts = clusterer.cluster([
        Q("d1", "q1", LONG),
        Q("d2", "q1", LONG, outlet="B"),
        Q("d3", "q1", "the talks in Geneva were difficult but useful", outlet="C", published="2024-04-18"),
    ])
    assert _groups(sts) == [[("d1", "q1"), ("d2", "q1"), ("d3", "q1")]]
    st = sts[0]
    assert st.text == LONG  # the fullest direct wording represents it
    assert st.first_report.key == ("d1", "q1")


@pytest.mark.slow
def test_translation_variant_of_one_sentence_joins(clusterer):
    other = ("We stand ready to provide all necessary assistance to the monitoring mission, "
             "whose presence on the ground is of great importance.")
    sts = clusterer.cluster([Q("d1", "q1", LONG), Q("d2", "q7", other, outlet="B", published="2024-04-19")])
    assert _groups(sts) == [[("d1", "q1"), ("d2", "q7")]]
    assert clusterer.semantic_pairs >= 1  # the words alone did not decide it


def test_different_statements_of_one_speaker_stay_apart(clusterer):
    sts = clusterer.cluster([
        Q("d1", "q1", LONG),
        Q("d2", "q1", "Our position on the border commission has not changed and will not change.", outlet="B"),
        Q("d3", "q1", "The ministry will publish the full list of prisoners next week.", outlet="C"),
    ])
    assert len(sts) == 3


def test_same_words_by_different_speakers_are_different_statements(clusterer):
    sts = clusterer.cluster([Q("d1", "q1", LONG, speaker="a"), Q("d2", "q1", LONG, speaker="b")])
    assert len(sts) == 2


def test_paraphrase_months_apart_is_not_the_same_utterance(clusterer):
    sts = clusterer.cluster([
        Q("d1", "q1", "The talks in Geneva were difficult but useful for both delegations.", published="2024-01-10"),
        Q("d2", "q1", "Talks in Geneva were hard but useful for both delegations.", published="2024-06-10"),
    ])
    assert len(sts) == 2


def test_reused_reports_do_not_count_as_new(clusterer):
    sts = clusterer.cluster([Q("d1", "q1", LONG), Q("d2", "q1", LONG, outlet="B", reused=True)])
    assert len(sts) == 1 and len(sts[0].reports) == 2 and len(sts[0].new_reports) == 1


def test_incremental_placement_equals_full_run(clusterer):
    quotes = [Q("d1", "q1", LONG), Q("d2", "q1", "Our position on the border commission has not changed."),
              Q("d3", "q1", LONG, published="2024-04-18"),
              Q("d4", "q1", "our position on the border commission has not changed", published="2024-04-19")]
    full = clusterer.cluster(quotes)
    first = clusterer.cluster(quotes[:2])
    incremental = clusterer.cluster(quotes[2:], existing=first)
    assert _groups(full) == _groups(incremental)
    assert sorted(s.id for s in full) == sorted(s.id for s in incremental)


def test_containment_measures_the_shorter_side():
    a = content_words("the talks in Geneva were difficult but useful")
    b = content_words(LONG)
    assert containment(a, b) == 1.0
    assert containment(content_words("economy grows"), b) == 0.0


def test_a_long_quote_joins_two_fragments_reported_apart(clusterer):
    # Two outlets each quote one sentence; a third prints the whole statement: one utterance.
    fresh = StatementClusterer(clusterer.embedder)
    sts = fresh.cluster([
        Q("d1", "q1", "the talks in Geneva were difficult but useful", published="2024-04-17"),
        Q("d2", "q1", "the next round will take place in June in the same city", published="2024-04-17"),
        Q("d3", "q1", LONG + " The next round will take place in June in the same city.", published="2024-04-18"),
    ])
    assert _groups(sts) == [[("d1", "q1"), ("d2", "q1"), ("d3", "q1")]]
    assert len(fresh.removed) == 1  # the second statement was merged away
