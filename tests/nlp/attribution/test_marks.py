"""Quotation-mark pairing (pure text scan, no model)."""
from quotegraph.nlp.attribution.marks import find_quoted_passages


def texts(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in q.pieces] for q in find_quoted_passages(text)]


def test_curly_double_quotes():
    t = "“We will win,” said Orla Penhallow."
    assert texts(t) == [["“We will win,”"]]


def test_straight_double_quotes():
    t = 'Dunstan Vey said "the bridge is safe" and left.'
    assert texts(t) == [['"the bridge is safe"']]


def test_guillemets_and_low_high_quotes():
    t = "Ilse Marrow called it «a farce». Teodor Brisk answered „not at all“ later."
    assert texts(t) == [["«a farce»"], ["„not at all“"]]


def test_single_quotes_versus_apostrophes():
    t = "The mayor’s office called the plan ‘a dead end’ and said it wasn't the council's fault."
    assert texts(t) == [["‘a dead end’"]]


def test_plural_possessive_is_not_a_closing_mark():
    t = "The farmers’ union rejected the offer."
    assert texts(t) == []


def test_nested_quotes_keep_only_the_outer_passage():
    t = "“They told us ‘wait’ for a week,” Mira Kessel said."
    assert texts(t) == [["“They told us ‘wait’ for a week,”"]]


def test_nested_straight_quotes():
    t = 'Kessel said "the so-called "reform" plan is empty" on Monday.'
    assert texts(t) == [['"the so-called "reform" plan is empty"']]


def test_multi_paragraph_quote_reopened_each_paragraph():
    t = "“First paragraph of the speech.\n\n“Second paragraph goes on.\n\n“Last one ends here,” he said."
    out = texts(t)
    assert len(out) == 1
    assert out[0] == ["“First paragraph of the speech.", "“Second paragraph goes on.", "“Last one ends here,”"]


def test_multi_paragraph_quote_with_unmarked_middle_paragraphs():
    t = ("“Opening words of the statement.\n\nA middle paragraph with no marks.\n\n"
         "The final paragraph closes,” the envoy told reporters.\n\nUnrelated text.")
    out = texts(t)
    assert len(out) == 1 and len(out[0]) == 3
    assert out[0][-1].endswith("closes,”")


def test_unclosed_paragraph_followed_by_reopening_paragraph_is_one_quotation():
    t = "“An unclosed remark\n\n“Another quotation,” she said."
    assert texts(t) == [["“An unclosed remark", "“Another quotation,”"]]


def test_a_stray_straight_mark_does_not_chain_its_paragraph_to_a_curly_quotation():
    t = '"Mara thought the whole thing was unfair. She was calm.\n\n“It never crossed my mind,” she said later.'
    assert ["“It never crossed my mind,”"] in texts(t)
    assert not any(len(pieces) > 1 for pieces in texts(t))


def test_unclosed_quote_does_not_swallow_following_quotations():
    t = "He wrote “an unclosed remark.\n\nLater, Ana Brel said “fine” and left."
    out = texts(t)
    assert ["“fine”"] in out


def test_two_apostrophes_as_double_quotes():
    t = "Mayor Alda Renn said, ''We will rebuild.'' It's the town's plan."
    assert texts(t) == [["''We will rebuild.''"]]


def test_nested_quotation_marks_read_as_single_ones_with_the_same_offsets():
    from quotegraph.nlp.attribution.marks import nested_quotes_as_single

    t = 'Orla Venn said: "We call it a "bridge" year, and a "pause" is no plan." Then she left "early".'
    got = nested_quotes_as_single(t)
    assert len(got) == len(t)
    assert 'a ‘bridge’ year, and a ‘pause’ is no plan."' in got
    assert got.endswith('"early".')  # a quotation of its own is left as written
    assert nested_quotes_as_single("No quotation here.") == "No quotation here."


def test_a_mark_reopening_the_quotation_after_a_sentence_end_is_not_rewritten():
    from quotegraph.nlp.attribution.marks import nested_quotes_as_single

    # a scrape that lost the paragraph break inside a quotation: the second mark re-opens it
    t = ('He added: "We have not solved it. There are still hackers. "Piracy remains a huge problem." '
         'A spokesman said: "Members claim they made nothing."')
    assert nested_quotes_as_single(t) == t
