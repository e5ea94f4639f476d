"""How a description picks its entity: the candidates its head noun allows (a place before
"firm" says where the firm is, not which firm), the roles a person holds (a role after "of
the" is another's), the referent the document already gave the same description, and a
possessor that is not the role holder ("Roe's lawyer"). Classes read on BBC sample seed
6817 (issue 17, "description resolved to another entity"). Sentences written for these
tests; real spaCy model and extraction."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of


def test_a_place_before_an_organisation_noun_is_not_the_organisation():
    # "the UK firm", "the South Yorkshire company": where the body is, never the body
    text = ("Gas find\n\nShares in Calder Energy rose after the UK firm announced a gas find in India.\n\n"
            "The firm, which made other finds last year, said the latest discovery could be large.")
    assert speaker_of(text, "latest discovery").name == "Calder Energy"
    text = ("Loss\n\nShares in Marrow Mining fell after the group reported a loss. The South Yorkshire company, "
            "led by new boss Tom Hale, said it hoped to return to profit. The company said these actions "
            "should lift earnings.")
    speaker = speaker_of(text, "lift earnings")
    assert (speaker.name, speaker.type) == ("Marrow Mining", "ORG")


def test_a_role_after_of_the_is_another_persons():
    # "a friend of the Tory leader" is a friend, not the leader
    text = ("Documentary\n\nTory leader Michael Dunmore has gone on the offensive. TV presenter Anne Fowler said "
            "he was once a dashing student. Ms Fowler, a friend of the Tory leader, also said he was kind.\n\n"
            "The Tory leader brands such criticisms as \"absolutely rubbish\".")
    assert speaker_of(text, "such criticisms").name == "Michael Dunmore"


def test_a_role_description_keeps_the_referent_the_document_gave_it():
    # "The chancellor said" was Brown: a later "the chancellor" is Brown again, not the MP
    # who spoke last
    text = ("Rules\n\nMr Gordon Brenton said the UK would keep investing. The chancellor said the new rules "
            "would force a surplus.\n\nConservative Michael Fallow asked whether the Treasury had leaned on "
            "statisticians. But the chancellor said Mr Fallow was \"impugning the integrity\" of the office.")
    assert speaker_of(text, "impugning").name == "Gordon Brenton"


def test_a_persons_lawyer_is_not_that_person():
    # "X's lawyer" is the one the document names as X's lawyer, never X
    text = ("Appeal\n\nSprinter Kostas Melaris was cleared last month. His lawyer, Greg Ioannou, welcomed the "
            "ruling. The athletics body will now appeal. Melaris' lawyer said the appeal came too quickly.")
    assert speaker_of(text, "came too quickly").name == "Greg Ioannou"


def test_a_name_in_a_clause_modifying_the_head_is_not_the_source():
    text = ("Loss\n\nShares in Marrow Mining fell after the group reported a loss. The Leeds company, led by new "
            "chief executive Tom Hale, said it hoped to return to profit in 2006.")
    speaker = speaker_of(text, "return to profit")
    assert speaker.name != "Tom Hale"


def test_the_paper_is_the_outlet_the_document_has_reporting():
    text = ("Car deal\n\nHarlow Motors is to sell its truck arm, according to the Financial Times. Harlow said "
            "talks were going well. The paper said the sale could be announced within weeks.")
    assert speaker_of(text, "announced within weeks").name == "Financial Times"
    text = ("Cuts\n\nThe Northern Times has reported that Vexa Bank will cut 900 jobs. Vexa Bank said it would "
            "not comment. The newspaper said the cuts would fall in Leeds.")
    assert speaker_of(text, "fall in Leeds").name == "Northern Times"
    # a firm that only said something is no paper: better the description than the firm
    text = "Cuts\n\nVexa Bank said it would cut 900 jobs. The newspaper said the cuts would fall in Leeds."
    speaker = speaker_of(text, "fall in Leeds")
    assert speaker is None or speaker.name != "Vexa Bank"
    # the latest outlet is the paper, even one the model never tagged as a name
    text = ("Car deal\n\nHarlow Motors is to sell its truck arm, according to the Financial Times. The deal "
            "may be delayed, according to the Observer. The paper said talks had stalled.")
    speaker = speaker_of(text, "talks had stalled")
    assert speaker is None or speaker.name != "Financial Times"


def test_our_correspondent_is_the_reporter_named_before():
    text = ("Strike talks\n\nUnion leaders met the minister on Monday. A spokesman for the union said: \"At least "
            "we are still talking.\" Both sides want to avoid a strike, said BBC labour correspondent Steve Cale. "
            "Talks would resume next week, our correspondent said.")
    assert speaker_of(text, "resume next week").name == "Steve Cale"
    # no reporter named: the description, not the last speaker
    text = ("Strike talks\n\nUnion leader Tom Hale met the minister on Monday. Mr Hale said the talks were hard. "
            "Talks would resume next week, our correspondent said.")
    speaker = speaker_of(text, "resume next week")
    assert speaker is None or speaker.name != "Tom Hale"


def test_a_source_cut_at_a_kind_of_body_is_the_body_named_right_after():
    # "But media watchdog Ofcom has said the the ...": the tagger's source stops at "watchdog"
    text = ("Channel bid\n\nThe creator of a defunct TV soap has written to the culture minister to offer to buy "
            "the channel.\n\nTom Hale, now chairman of Harbour TV, told the minister he would run it with its remit "
            "intact. But media watchdog Ofcom has said the the commercially funded broadcaster will not be "
            "privatised. A spokesman for the department said there were no plans to sell the channel.")
    assert speaker_of(text, "not be privatised").name == "Ofcom"


def test_a_possessive_role_in_a_lede_is_the_person_the_next_paragraph_has_speaking():
    text = ("Steel jobs\n\nHarlow Steel could cut up to 4,000 jobs over five years, its chief executive has said.\n\n"
            "The Leeds-based company is due to complete a takeover next month. However, Raj Patel has told investors "
            "the combined company will have to shed jobs.")
    assert speaker_of(text, "cut up to 4,000 jobs").name == "Raj Patel"
    # one with a role of another kind is someone else
    text = ("Steel jobs\n\nHarlow Steel could cut up to 4,000 jobs over five years, its chief executive has said.\n\n"
            "The Leeds-based company is due to complete a takeover next month. However, union leader Tom Hale has "
            "told members the combined company will have to shed jobs.")
    speaker = speaker_of(text, "cut up to 4,000 jobs")
    assert speaker is None or speaker.name != "Tom Hale"


def test_a_voice_of_a_described_body_speaks_for_the_body():
    text = ("Takeover\n\nShares in Harlow Athletic closed up 4% after a new offer from a US tycoon. The club has "
            "rejected his approaches before. But a senior source at the club told reporters: \"This time it's "
            "different.\"")
    assert speaker_of(text, "This time").name == "Harlow Athletic"


def test_the_noun_a_named_body_ends_in_is_that_body():
    text = ("Film honour\n\nThe actor has competed four times at the Berlin Film Festival, with films made in "
            "Ireland. The festival praises him for his \"intense\" performances.")
    assert speaker_of(text, "intense").name == "Berlin Film Festival"
    text = ("Pay row\n\nThe Police Federation of Wessex met ministers on Monday. The federation said officers "
            "would not accept the offer.")
    assert speaker_of(text, "not accept the offer").name == "Police Federation of Wessex"


def test_a_qualified_post_is_not_the_post_the_document_resolved_before():
    # "The chancellor" was Brenton; "The shadow chancellor" is the Tory who spoke after him
    text = ("Budget\n\nGordon Brenton delivered his Budget on Wednesday. The chancellor also hailed the longest "
            "period of growth. But Oliver Letham, for the Tories, attacked government debt.\n\nThe shadow "
            "chancellor said the golden rule had \"turned to dross\" in Mr Brenton's hands.")
    assert speaker_of(text, "turned to dross").name == "Oliver Letham"
    # and "the US government" is the government of the US, a place naming a public body
    text = ("Tobacco case\n\nThe US government had sought $280bn from tobacco firms. The court rejected the case. "
            "In its case, the government claimed the firms had misled smokers.")
    assert speaker_of(text, "misled smokers").name != "the government"
