"""Speakers a careful reader names although the source does not (issue 17, BBC samples
4717: "a spokeswoman" of the body that spoke, "She added" by the same voice, "the Lib Dem
leader" read as a person called "Lib Dem", a source cut at the hyphen of "co-ordinator", "according
to its website").
Sentences written for these tests (fictional names); real spaCy model and extraction."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of

SHOW_AXED = ("Quiz Show Axed\n\nPresenter Jane Parr's quiz show Lucky Stars will not return to screens, the Norland "
             "Broadcasting Corporation has said.\n\nMs Parr was recruited to host the show last July. \"There are "
             "currently no plans for another series,\" a spokeswoman said. She added that the show \"brought real "
             "warmth to Saturday nights\".")


def test_an_unnamed_spokeswoman_speaks_for_the_body_that_spoke_before():
    assert speaker_of(SHOW_AXED, "no plans for another series").name == "Norland Broadcasting Corporation"


def test_she_after_a_spokeswoman_is_the_same_voice_not_a_woman_named_before():
    assert speaker_of(SHOW_AXED, "brought real warmth").name == "Norland Broadcasting Corporation"


def test_a_spokesperson_is_the_body_whose_spokesperson_spoke_before():
    text = ("Airline Fires Blogger\n\nA Velmar Airways spokesperson confirmed on Wednesday that Ms Roe was no longer "
            "an employee. Velmar Airways has repeatedly declined to comment on internal matters. A spokesperson said "
            "on Thursday that the rules on uniforms were very clear.")
    assert speaker_of(text, "rules on uniforms").name == "Velmar Airways"


def test_a_spokesman_with_no_body_that_spoke_stays_as_written():
    text = "Storm Damage\n\nRoofs were torn off in the night in Dunmore. \"We are working to restore power,\" a spokesman said."
    assert speaker_of(text, "restore power").name == "a spokesman"


def test_a_party_before_a_role_word_says_whose_role_not_who_holds_it():
    text = ("Tax Attack\n\nGordon Brown failed to tackle unfairness in his Budget, Mark Dalton has said.\n\nHow was it "
            "right that the poorest paid more than the richest, the Lib Dem leader asked. The rebate did nothing to "
            "fix the \"unfair tax\", he added.")
    assert speaker_of(text, "poorest paid more").name == "Mark Dalton"
    assert speaker_of(text, "unfair tax").name == "Mark Dalton"


def test_a_name_before_a_post_nominal_title_is_still_the_speaker():
    text = ("Leak Row\n\nIn the Commons, Tory frontbencher Andrew Tyrell MP demanded an immediate statement about how "
            "the measures had been \"clearly leaked to the press\".")
    assert speaker_of(text, "clearly leaked").name == "Andrew Tyrell"


def test_a_source_cut_at_a_hyphen_is_the_name_after_the_hyphenated_role():
    text = ("Lords Reform\n\nThe campaign said the draft bill was an important contribution. \"We believe this draft "
            "bill is detailed enough,\" said co-ordinator Peter Fane.")
    assert speaker_of(text, "detailed enough").name == "Peter Fane"


def test_its_website_is_the_body_its_refers_to():
    text = ("Wine Deal\n\nFosters bought a stake in Southcorp in 2001. Southcorp employs 2,700 people and is the "
            "largest single investor in rural Australia, according to its website.")
    assert speaker_of(text, "largest single investor").name == "Southcorp"


def test_its_latest_accounts_are_the_body_named_before():
    text = "Lab Closes\n\nThe Velmar Institute will close on Friday. It spent 8 million euros in 2003, its latest accounts show."
    assert speaker_of(text, "8 million euros").name == "Velmar Institute"


def test_its_accounts_opening_a_sentence_are_the_body_its_subject_names():
    text = ("Lab Closes\n\nThe Harmony group built a bracelet that stored data. According to its latest accounts, "
            "Velmar Lab Europe said it spent 8 million euros in 2003.")
    assert speaker_of(text, "8 million euros").name == "Velmar Lab Europe"


PEERS = ("Peers Reform\n\nBaroness Boothby, who was the first woman to be Commons Speaker, said she believed Tony Blair "
         "started reforms without a clear aim. \"Now we have to take care of it ourselves,\" she told the BBC's "
         "Breakfast with Frost. In 1999 Labour removed most hereditary peers. The lord chancellor hinted further "
         "reforms could be unveiled in the next manifesto. \"I think we need to look very carefully at the "
         "relationship between the Lords and the Commons,\" Lord Fenwick told the BBC.")


def test_a_gendered_role_nominal_is_never_a_person_of_the_other_sex_nor_a_name_in_passing():
    # "the lord chancellor": not the baroness who spoke last, not Tony Blair named inside her
    # reported words, not "Frost" of a programme's title; the man the next sentence has
    # speaking for the first time (orgdesc6: was kept as written before that rule)
    assert speaker_of(PEERS, "further reforms").name == "Lord Fenwick"


def test_a_role_of_a_body_cut_before_the_holders_name_is_that_holder():
    text = ("ID Cards\n\nMichael Harwood has denied his shadow cabinet was split. \"I don't pretend that it is an easy "
            "decision,\" he said.\n\nThe chairman of the Bar Council, Guy Mansell QC warned there was a real risk that "
            "people on the margins would be driven into the hands of extremists.")
    assert speaker_of(text, "real risk").name == "Guy Mansell"


def test_a_statement_right_after_an_office_spoke_is_the_same_voice():
    text = ("Broker Admits Fraud\n\nA senior broker at Marden has pleaded guilty, New York Attorney General Elliot "
            "Spritzer said. Through the practice, Marden was allowed to control the insurance market, Mr Spritzer's "
            "office added. It also helped Marden to maximise its fees, a statement said.")
    assert speaker_of(text, "maximise its fees").name == "Elliot Spritzer"


LAWSUIT = ("Actor Sues Studio\n\nActor Brian Wallis is suing Lantern Studios over an injury he said he suffered while "
           "making a war film.\n\nThe lawsuit said the star has endured mental and physical injuries. \"We are not "
           "able to comment on pending litigation,\" Lantern Studios spokesman Sean Dade said. The lawsuit noted that "
           "the star \"was required to employ physicians\". It stated he will incur additional future medical expenses.")


def test_the_lawsuit_speaks_for_the_one_the_document_has_suing():
    assert speaker_of(LAWSUIT, "mental and physical injuries").name == "Brian Wallis"
    assert speaker_of(LAWSUIT, "employ physicians").name == "Brian Wallis"
    # "It stated" right after the lawsuit is the same voice
    assert speaker_of(LAWSUIT, "future medical expenses").name == "Brian Wallis"


def test_a_lawsuit_with_no_one_suing_has_no_speaker():
    text = "Bank Row\n\nTwo banks were fined on Monday. The lawsuit said the banks had hidden assets."
    assert speaker_of(text, "hidden assets") is None
