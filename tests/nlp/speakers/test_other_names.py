"""A speaker's other names in one document resolve to the full name the article gives
(issue 17, BBC labels classes "part of the name", "acronym", "spelling variant",
"description containing the name"). Sentences written for these tests (fictional
names); real spaCy model and extraction."""
from __future__ import annotations

from quotegraph.nlp.speakers.aliases import organisation_aliases
from tests.fixtures.nlp.speakers import speaker_of


def test_mr_surname_joins_a_full_name_with_post_nominal_letters():
    text = ("Halvard Quist QC quit the panel on Friday. Mr Quist told reporters that the system was unfair. "
            "\"I cannot stay,\" Mr Quist said.")
    assert speaker_of(text, "system was unfair").name == "Halvard Quist"
    assert speaker_of(text, "cannot stay").name == "Halvard Quist"


def test_an_acronym_given_after_the_full_name_is_that_organisation():
    text = ("The Coastal Shipping Federation (CSF) published its figures on Monday. "
            "The CSF said that freight volumes had doubled since last year.")
    assert speaker_of(text, "freight volumes had doubled").name == "Coastal Shipping Federation"


def test_a_short_form_of_a_firm_named_before_is_the_firm():
    text = ("Brennick Holdings, of Leeds, heads a group of firms working on the bridge. "
            "Brennick said the original plan could not be built at that price.")
    speaker = speaker_of(text, "original plan could not be built")
    assert speaker.name == "Brennick Holdings" and speaker.type == "ORG"


def test_aliases_are_kept_apart_when_two_names_fit_or_the_word_is_a_place():
    names = {"Brennick Holdings": ("ORG", 0, False), "Brennick Marine": ("ORG", 40, False),
             "Brennick": ("ORG", 90, False), "Veldoria Survey Group": ("ORG", 10, False),
             "Veldoria": ("GPE", 80, True), "Coastal Shipping Federation": ("ORG", 0, False), "CSF": ("ORG", 50, False),
             "Time Warner": ("ORG", 0, False), "TimeWarner": ("GPE", 30, False)}
    aliases = organisation_aliases(names)
    assert "Brennick" not in aliases and "Veldoria" not in aliases
    assert aliases["CSF"] == "Coastal Shipping Federation"
    assert aliases["TimeWarner"] == "Time Warner"


def test_a_spokesman_named_by_his_organisation_speaks_for_it_and_is_the_spokesman_later():
    text = ("Ministers met union leaders on Monday to discuss pensions. Union chief Marta Oyelaran walked out. "
            "A Harbour Office spokesman said the talks would resume on Friday. "
            "The spokesman said that no offer had been withdrawn.")
    first = speaker_of(text, "talks would resume")
    assert first.name == "Harbour Office" and first.role == "spokesman"
    assert speaker_of(text, "no offer had been withdrawn").name == "Harbour Office"


def test_a_country_s_officials_stay_a_group():
    text = "Ruritanian officials said on Monday that the border would reopen."
    speaker = speaker_of(text, "border would reopen")
    assert speaker.name != "Ruritania" and speaker.type == "GROUP"


def test_a_name_whose_last_word_speaks_alone_is_a_person():
    # The model read "Dai Wrexley" as an organisation (as it did in a BBC sport article)
    # and left "Wrexley told" untagged: the name whose last word speaks is a person's.
    from spacy.tokens import Span as SpacySpan

    from quotegraph.nlp.lexicon import load_role_lexicon
    from quotegraph.nlp.pipeline import parse
    from quotegraph.nlp.speakers.entities import correct_entities

    sdoc = parse("The plan was backed by former prop Dai Wrexley. \"He is on an upward curve,\" Wrexley told reporters.")
    dai = next(t.i for t in sdoc if t.text == "Dai")
    speaking = [t.i for t in sdoc if t.text == "Wrexley"][-1]
    sdoc.ents = [SpacySpan(sdoc, dai, dai + 2, label="ORG")]
    labels = {e.text: e.label for e in correct_entities(sdoc, load_role_lexicon(), {speaking})}
    assert labels["Dai Wrexley"] == "PERSON"


def test_a_title_s_gender_beats_a_gendered_role_word():
    text = ("Harbour Guild chairman Ines Morrow said the new rules were unfair. "
            "Ms Morrow said the change dramatically altered the guild's purpose.")
    assert speaker_of(text, "dramatically altered").name == "Ines Morrow"


def test_role_words_then_a_surname_is_the_person_named_in_full():
    text = ("Marcel Dubreuil says there is no chance of defeat on Saturday. "
            "Former Chelsea captain Dubreuil, who is now retired, said that the side was stronger than ever.")
    assert speaker_of(text, "stronger than ever").name == "Marcel Dubreuil"


def test_a_short_form_in_the_headline_does_not_hide_the_full_name_the_body_gives():
    # the headline calls the firm by its first word before the body names it in full
    text = ("Harcourt shares jump on oil find\n\nShares in Harcourt Petroleum have jumped 20% after the firm "
            "found oil in Rajasthan. Harcourt said the field could hold 500 million barrels.")
    speaker = speaker_of(text, "could hold 500")
    assert speaker.name == "Harcourt Petroleum" and speaker.type == "ORG"


def test_capitals_that_open_a_firm_s_name_and_spell_no_initials_are_the_firm():
    text = ("Job cuts at phone firm\n\nUS phone company KLT Communications said it would cut 2,000 jobs. "
            "KLT said the cuts would save $500m a year.")
    assert speaker_of(text, "save $500m").name == "KLT Communications"


def test_capitals_stay_the_acronym_of_the_name_whose_initials_they_spell():
    names = {"Coastal Shipping Federation": ("ORG", 0, False), "CSF Holdings": ("ORG", 20, False),
             "CSF": ("ORG", 50, False), "KLT Communications": ("ORG", 0, False), "KLT": ("ORG", 60, False),
             "KLT Energy": ("ORG", 10, False), "BTX": ("ORG", 70, False), "BTX One": ("ORG", 0, False)}
    aliases = organisation_aliases(names)
    assert aliases["CSF"] == "Coastal Shipping Federation"
    assert "KLT" not in aliases  # two longer names open with it
    assert "BTX" not in aliases  # a channel of the body, not the body


def test_a_headline_word_used_as_an_adjective_is_no_short_form_of_a_body():
    # "Muslim group attacks ..." then "A British Muslim group ... The Muslim Council of Britain":
    # the lede's description is the council, named in the next paragraph
    text = ("Muslim group attacks TV drama\n\nA British Muslim group has criticised the new series of a US "
            "drama, claiming it portrays Islam unfairly.\n\nThe Muslim Council of Britain has complained to "
            "the watchdog Ofcom. It says the programme breaches editorial guidelines. The new series portrays a "
            "Muslim family as a sleeper terrorist cell.")
    assert speaker_of(text, "portrays Islam unfairly").name == "Muslim Council of Britain"
