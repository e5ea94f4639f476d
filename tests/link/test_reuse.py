"""Reused background passages (MinHash LSH) on texts written for the tests."""
from quotegraph.link.reuse import find_reused, quote_is_reused, split_passages

BACKGROUND = "The commission was set up in October after two years of talks between the neighbours and was suspended in February."


def test_reused_sentence_inside_a_different_paragraph_is_found():
    first = "Officials met on Monday in the capital to discuss trade.\n" + BACKGROUND
    second = ("The minister spoke to reporters on Thursday about the detained deputies. " + BACKGROUND +
              " Nobody expects it to resume soon.")
    found = list(find_reused([("late", second, "2025-03-07"), ("early", first, "2025-03-04")]))
    assert len(found) == 1
    r = found[0]
    assert r.doc_id == "late" and r.source_doc_id == "early"  # the later document holds the copy
    assert second[r.start:r.end] == BACKGROUND
    assert first[r.source_start:r.source_start + len(BACKGROUND)] == BACKGROUND


def test_a_changed_word_still_counts_but_a_shared_phrase_does_not():
    edited = BACKGROUND.replace("two years", "three years")
    other = "The commission was set up in October, said a spokesman who declined to give his name to reporters."
    found = list(find_reused([("a", BACKGROUND, "2025-01-01"), ("b", edited, "2025-01-02"), ("c", other, "2025-01-03")]))
    assert [(r.doc_id, r.source_doc_id) for r in found] == [("b", "a")]


def test_passages_carry_exact_offsets_and_skip_short_sentences():
    text = "Short one.\n" + BACKGROUND + " He agreed."
    ps = split_passages("d", text)
    assert [text[p.start:p.end] for p in ps] == [BACKGROUND]


def test_quote_inside_reused_passage():
    assert quote_is_reused(10, 30, [(0, 40)])
    assert not quote_is_reused(10, 30, [(25, 60)])
    assert not quote_is_reused(None, None, [(0, 40)])
