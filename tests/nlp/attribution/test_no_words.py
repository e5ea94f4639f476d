"""Attributions that report no words (nlp/attribution/no_words.py): a stance, act, reaction,
topic, name or commitment PolNeAR annotates is kept but typed apart from speech; a clause,
a predicate or a claim after a verb of saying stays speech. Sentences written for the tests
(fictional names), the real pipeline."""
from __future__ import annotations

import pytest

from tests.nlp.attribution.test_statement_types import run, types_of


def speech_contents(res) -> list[str]:
    return [" … ".join(c.text for c in q.contents) for q in res.quotes if q.type == "speech"]


@pytest.mark.parametrize("sentence, words", [
    # a stance or an act with only a noun phrase for content: no words reported
    ("The harbour board backed the chairman's plan for the new ferry terminal.", "terminal"),
    ("The fishermen's union objected to the new quotas on cod and haddock.", "quotas"),
    ("The striker, Aron Vik, grew tired of his life in the capital.", "his life"),
    # a reaction with only its target for content: no claim
    ("Mayor Ilse Brandt condemned the remarks of the opposition leader.", "remarks"),
    ("The ferry operator dismissed the criticism from local residents.", "criticism"),
    # a commitment: an act of agreeing, not something said
    ("Nordhavn Ferries agreed to pay $13m to settle the dispute with the harbour board.", "$13m"),
])
def test_no_claim_is_not_listed_as_speech(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert not [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                                 for q in res.quotes]


@pytest.mark.parametrize("sentence, words", [
    # a claim: a clause, a predicate, a quotation or a noun after a verb of saying
    ("Mayor Ilse Brandt condemned the remarks as an insult to the harbour workers.", "insult"),
    ("The harbour board agreed that the new terminal would open in May.", "terminal"),
    ("The fishermen's union called for a public inquiry into the new quotas.", "inquiry"),
    ("Mayor Ilse Brandt predicted a sharp fall in ferry traffic next winter.", "fall"),
    ("The ferry operator dismissed the \"scaremongering\" of local residents.", "scaremongering"),
])
def test_a_claim_stays_speech(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                             for q in res.quotes]


@pytest.mark.parametrize("sentence, words, expected", [
    # a cue with no word of saying reports an act or a stance, whatever its content
    ("The new harbour law does allow ferry crews to strike for up to two days.", "strike", "belief"),
    ("The ferry operator attempted to steer clear of the dispute between the two unions.", "dispute", "belief"),
    # a verb of saying that is no cue of cues.yaml still reports words
    ("The ferry operator also confessed that it had overcharged passengers for years.", "overcharged", "speech"),
    ("The court decided that the new ferry levy was lawful.", "levy", "speech"),
    ("Mayor Ilse Brandt confided in her deputy that she was unwell.", "unwell", "speech"),
    # a characterisation with "as" says something
    ("Nordhavn Ferries has billed the new boat as the fastest ferry in the north.", "fastest", "speech"),
])
def test_a_cue_without_a_word_of_saying_is_not_speech(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


@pytest.mark.parametrize("sentence, words, expected", [
    # only a topic, or only whom it was about: no claim
    ("The harbour master spoke about the possibility of a second ferry terminal.", "possibility", "belief"),
    ("Aron Vik referred to the first false entries in the harbour accounts.", "false entries", "belief"),
    ("The union leader described Aron Vik.", "Aron Vik", "belief"),
    # a name with an "as" predicate is a claim about it
    ("The harbour board's chairman revealed Nordhavn Ferries as the buyer.", "buyer", "speech"),
])
def test_a_topic_or_a_name_alone_is_no_claim(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


def test_a_content_parsed_as_a_second_subject_of_its_cue_is_a_clause():
    """"X's rules discriminated against Y, the judges have ruled", misparsed with "rules" as a
    second subject of "ruled": a content before its cue is a reported clause unless it is
    the cue's only subject ("The Greek pair were charged")."""
    from spacy.tokens import Doc

    from quotegraph.nlp.attribution.no_words import _the_only_subject
    from quotegraph.nlp.spacy_model import get_nlp

    vocab = get_nlp().vocab
    words = ["rules", "discriminated", ",", "judges", "ruled"]
    misparsed = Doc(vocab, words=words, heads=[4, 0, 4, 4, 4], deps=["nsubj", "acl", "punct", "nsubj", "ROOT"])
    assert not _the_only_subject(misparsed[0])
    charged = Doc(vocab, words=["pair", "were", "charged"], heads=[2, 2, 2], deps=["nsubjpass", "auxpass", "ROOT"])
    assert _the_only_subject(charged[0])


@pytest.mark.parametrize("sentence, words, expected", [
    # the subject of a passive cue is what it is about, not what was said
    ("Later that day the e-mail was revealed by the harbour board.", "e-mail", "belief"),
    # "such as" and "as a result" introduce no predicate
    ("The dollar fell, as investors returned their attention to other factors, such as the trade deficit.",
     "other factors", "belief"),
])
def test_no_claim_with_a_passive_subject_or_an_as_that_predicates_nothing(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


@pytest.mark.parametrize("sentence, words", [
    # a thing granted or withheld (two noun objects): an act, not a claim
    ("A knee injury denied the striker Aron Vik the chance to play in the final.", "chance"),
    ("The harbour board has offered the ferry crews a new contract.", "contract"),
    # a commitment or decision with a noun phrase, a question or no agent
    ("Nordhavn Ferries last week agreed a compensation package with the harbour board.", "package"),
    ("The harbour court will decide whether the ferry levy can be charged to passengers.", "levy"),
    ("It was also agreed that a review of the ferry levy was a priority.", "review"),
    ("It was agreed that a \"fresh start\" for the ferry levy was needed.", "fresh start"),
    ("Nordhavn Ferries agreed a new contract with the union which will see it hire 40 crew.", "contract"),
    # words not said yet: a cue under "will", "could" ... with no reported clause
    ("Mayor Ilse Brandt will announce the new ferry timetable at the council meeting.", "timetable"),
    ("The ferry captain Aron Vik could also be asked to give evidence to the inquiry.", "evidence"),
    # what was recalled or answered, with only a noun phrase
    ("Nordhavn Ferries is recalling 2,000 life jackets from its ferries.", "jackets"),
    ("The ferry operator must also answer a charge of failing to maintain its boats.", "charge"),
])
def test_acts_decisions_and_plans_are_not_speech(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert not [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                                 for q in res.quotes]


@pytest.mark.parametrize("sentence, words", [
    # one object, a clause, or a clause said in advance stay speech
    ("The harbour board denied the claims of the ferry crews.", "claims"),
    ("The harbour board denied that it had overcharged the ferry crews.", "overcharged"),
    ("Mayor Ilse Brandt will tell councillors that the ferry levy is unlawful.", "unlawful"),
    ("Mayor Ilse Brandt recalled that the ferry had never run late before.", "late"),
])
def test_one_object_or_a_clause_stays_speech(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                             for q in res.quotes]


@pytest.mark.parametrize("sentence, words", [
    # a share of those a survey asked speaks for the survey
    ("More than a third of respondents said they were worried about the ferry levy.", "worried"),
    ("Some 40% of those polled said the ferry levy was too high.", "too high"),
    # the terms of a signed text, and press speculation with no one named
    ("According to the agreement, Nordhavn Ferries has five days to pay the levy.", "five days"),
    ("The latest speculation suggests the mayor favours a levy on cruise ships.", "cruise ships"),
])
def test_surveys_agreements_and_speculation_are_findings(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == ["finding"], [(q.type, [c.text for c in q.contents]) for q in res.quotes]


def test_a_man_who_surveyed_the_damage_still_speaks():
    res = run("Aron Vik, who surveyed the damage on Monday, said the ferry would be repaired by May. "
              "Talks resume on Monday.\n")
    assert types_of(res, "repaired") == ["speech"]


@pytest.mark.parametrize("sentence, words, expected", [
    # an infinitive of purpose under a verb that says nothing: an aim, quoted words or not
    ("Mayor Ilse Brandt used the visit to denounce the \"sham\" vote in the north.", "sham", "belief"),
    # a clause, or a request put by a verb of saying, stays speech
    ("Mayor Ilse Brandt took the stage to announce that the ferry would run again.", "run again", "speech"),
    ("Mayor Ilse Brandt went on to say the levy was \"unfair\".", "unfair", "speech"),
])
def test_an_aim_is_not_speech(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, [c.text for c in q.contents]) for q in res.quotes]


@pytest.mark.parametrize("sentence, words, expected", [
    # a feeling voiced with only its topic is a stance; with a clause it is speech
    ("The harbour board voiced concern about the effect of the levy on fishermen.", "effect", "belief"),
    ("The harbour board expressed concern that the levy would hurt fishermen.", "hurt", "speech"),
    # an "as" after a preposition's object is no predicate; after an object it is one
    ("The band are stubbornly clinging to their status as one of the biggest bands in the north.",
     "status", "belief"),
    ("Nordhavn Ferries has billed the new boat as the fastest ferry in the north.", "fastest", "speech"),
])
def test_feelings_voiced_and_as_phrases(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, [c.text for c in q.contents]) for q in res.quotes]


# -- a passive with no one behind it and no clause reports no words (BBC sample 7717) ----------
@pytest.mark.parametrize("sentence, words", [
    ("Under Ms Roe's tenure at the firm, plans to cut the workforce of 9,000 by a third were announced.",
     "workforce"),
    ("He is widely credited with helping to create the so-called harbour-sim genre.", "harbour-sim"),
])
def test_a_passive_with_no_source_and_no_clause_is_not_speech(sentence, words):
    res = run(f"Dana Roe runs the Vell Games studio in Tessel. {sentence} Talks resume on Monday.\n")
    assert not [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                                 for q in res.quotes]


@pytest.mark.parametrize("sentence, words, expected", [
    # a reaction whose target carries a relative or infinitive clause still only names its target
    ("The Velmoran government condemned the harbour board's failure to stop the strike that closed the port "
     "and forced the ferries to stay in dock.", "failure to stop", "belief"),
    ("Dravenia denounced the harbour police for their failure to stop the riot that forced the ferries to "
     "stay in dock.", "failure to stop", "belief"),
    ("Mayor Ilse Brandt praised the volunteers who helped the crews to reach the shore.", "volunteers", "belief"),
    # the same verbs with a predicate or a noun's own clause say something
    ("Mayor Ilse Brandt condemned the remarks as an insult to the harbour workers.", "insult", "speech"),
    ("The ferry operator dismissed speculation that it would close the route.", "close the route", "speech"),
    ("The former chief executive rejected allegations he pressured the auditors to falsify the accounts.",
     "falsify", "speech"),
])
def test_a_reaction_to_a_described_target_is_typed_like_any_reaction(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


@pytest.mark.parametrize("sentence, words, expected", [
    # only what the words were about: a topic, typed like "spoke about" and "mentioned"
    ("The harbour council's statement pointed to the recent ferry accident near the port.", "ferry accident",
     "belief"),
    ("Anna Kelnik, the official representative of the Velmoran Foreign Ministry, reminded the Dravenian journalist about "
     "the sailors who left Velmora in the late 1980s.", "sailors", "belief"),
    ("The harbour board told its counterparts of its decision to close the port.", "its decision", "belief"),
    ("Mayor Ilse Brandt mentioned a list of issues they discussed, including the ferry fares.", "list of issues",
     "belief"),
    # a question's topic, even with a clause the parse hangs on the cue
    ("Asked about the closure of the port in case the strike goes on, Mayor Ilse Brandt said that the ferries "
     "would sail.", "closure of the port", "belief"),
    # a clause, or a verb whose object is a claim, reports words
    ("The harbour council pointed out that the ferry accident could have been avoided.", "avoided", "speech"),
    ("Mayor Ilse Brandt warned of a sharp fall in ferry traffic next winter.", "sharp fall", "speech"),
])
def test_a_topic_only_content_is_typed_one_way(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


@pytest.mark.parametrize("sentence, words, expected", [
    # a statement about a topic, however the cue span ends: what it was about, not what it said
    ("As the two ministers held talks in Kessary, a Velmoran MP made a rare pro-Dravenian statement regarding "
     "the ongoing trial of former harbour officials in Velmora.", "ongoing trial", "belief"),
    ("Mayor Ilse Brandt issued a statement about the ferry accident.", "ferry accident", "belief"),
])
def test_a_statement_about_a_topic_is_typed_like_a_topic(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


@pytest.mark.parametrize("sentence, words", [
    # a thing made public, named by a bare noun phrase: no words reported (BBC sample 3817)
    ("The ferry union announced its election plans on Monday.", "election plans"),
    ("The two ferry firms announced the settlements on Friday.", "settlements"),
    ("Announcing the plans, Mayor Ilse Brandt said the port would grow.", "the plans"),
    # a stance voiced with only its target, and talks about a topic
    ("The players expressed their solidarity with the coach after the defeat.", "solidarity"),
    ("Nordhavn Ferries has spent the winter in hard talks with the unions about trimming crews and routes.",
     "trimming"),
])
def test_a_thing_announced_a_stance_or_a_topic_is_not_speech(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert not [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                                 for q in res.quotes]


@pytest.mark.parametrize("sentence, words", [
    # what is made public, told by an infinitive, a figure or a clause: a claim
    ("The ferry union announced plans to cut 300 jobs at the port.", "plans to cut"),
    ("Nordhavn Ferries revealed a 12% fall in passenger numbers.", "12% fall"),
    ("Mayor Ilse Brandt outlined her party's plan to build a second terminal.", "second terminal"),
    ("The ferry union announced that it would strike in March.", "strike"),
    ("Announcing the plans, Mayor Ilse Brandt said the port would grow.", "port would grow"),
    ("The players expressed concern that the coach would leave.", "coach would leave"),
    # a charge with a gerund is no topic
    ("Ivo Stark, the ferry line's founder, is standing trial in Oslo, accused of inventing sales worth $4m.",
     "inventing"),
])
def test_an_announced_proposition_stays_speech(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                             for q in res.quotes]


def test_a_bill_is_a_document_whose_proposals_are_a_finding():
    res = run("The new harbour bill proposes fines for late ferries. Talks resume on Monday.\n")
    assert types_of(res, "fines") == ["finding"], [(q.type, [c.text for c in q.contents]) for q in res.quotes]


@pytest.mark.parametrize("sentence, words, expected", [
    # a wish or a plan as the source, or as the noun a content with no cue hangs on (sample 3817)
    ("According to her wishes, her ashes will be scattered at sea.", "ashes", "belief"),
    ("The striker has made no secret of his desire to play in the Champions League.", "Champions", "belief"),
    ("According to Mayor Ilse Brandt, the new ferry will be ready in May.", "new ferry", "speech"),
    ("The striker said his ambition was to play in the Champions League.", "Champions", "speech"),
    # naming with a predicate characterises; taking up a view with its clause states it
    ("Mayor Ilse Brandt branded the decision unacceptable.", "unacceptable", "speech"),
    ("The coach backed the captain's view that the side could struggle this season.", "struggle", "speech"),
    ("The coach backed the captain's plan for the new season.", "new season", "belief"),
])
def test_wishes_predicates_and_views_taken_up(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


def test_a_fronted_phrase_of_place_is_not_what_was_said():
    """"In the posters, entitled A Letter from Ilse Brandt, the ferry line says ...", parsed (as the
    parser did on BBC sample 3817) with "entitled" as a clause of "says": a phrase of place before
    the cue whose verb has no subject is where the words were said, not what. A fronted phrase with
    a clause of its own is what was said ("In 2004, ferry traffic rose by a fifth, the board said")."""
    from spacy.tokens import Doc

    from quotegraph.nlp.attribution.no_words import why_no_words
    from quotegraph.nlp.attribution.rules import Attribution
    from quotegraph.nlp.attribution.types import type_lexicon
    from quotegraph.nlp.spacy_model import get_nlp

    words = ["In", "the", "posters", ",", "entitled", "A", "Letter", "from", "Ilse", "Brandt", ",",
             "the", "ferry", "line", "says", "the", "survey", "is", "wrong", "."]
    spaces = [True, True, False, True, True, True, True, True, True, False, True,
              True, True, True, True, True, True, True, False, False]
    heads = [4, 2, 0, 4, 14, 6, 4, 4, 9, 7, 14, 13, 13, 14, 14, 16, 17, 14, 17, 14]
    deps = ["prep", "det", "pobj", "punct", "ccomp", "det", "dobj", "prep", "compound", "pobj", "punct",
            "det", "compound", "nsubj", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"]
    pos = ["ADP", "DET", "NOUN", "PUNCT", "VERB", "DET", "PROPN", "ADP", "PROPN", "PROPN", "PUNCT",
           "DET", "NOUN", "NOUN", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[2], lemmas[4], lemmas[14], lemmas[17] = "poster", "entitle", "say", "be"
    sdoc = Doc(get_nlp().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    text = sdoc.text
    says = 14
    fronted = Attribution(contents=[(0, text.index(", the ferry"))], rule="tagger",
                          cue=(sdoc[says].idx, sdoc[says].idx + 4), cue_token=says,
                          source=(text.index("the ferry"), text.index(" says")), source_token=13)
    assert why_no_words(sdoc, fronted, sdoc[says], type_lexicon()) == "no claim"
    said = run("In 2004, ferry traffic rose by a fifth, the harbour board said. Talks resume on Monday.\n")
    assert [c for c in speech_contents(said) if "ferry traffic" in c]
