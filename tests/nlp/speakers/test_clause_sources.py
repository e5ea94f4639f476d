"""A speaker is a person, organisation or group noun phrase, never a clause (issue 17; the
clause-like names `quotegraph audit-speakers` lists on BBC). Each class on sentences written
for the test; the real spaCy model, the real resolver."""
from __future__ import annotations

from quotegraph.nlp.lexicon import load_role_lexicon
from quotegraph.nlp.pipeline import parse
from quotegraph.nlp.speakers.assign import assign_speaker
from quotegraph.nlp.speakers.coref import SpeakerResolver
from quotegraph.nlp.speakers.entities import correct_entities
from quotegraph.nlp.speakers.phrases import phrase_head
from quotegraph.records import Document
from tests.fixtures.nlp.speakers import speaker_of


def speaker_of_source(text: str, source: str, occurrence: int = 0):
    """The speaker assign_speaker gives the source span ``source`` (as a tagger would hand it over)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(source, start + 1)
    end = start + len(source)
    sdoc = parse(text)
    lex = load_role_lexicon()
    resolver = SpeakerResolver(sdoc, correct_entities(sdoc, lex), lex)
    doc = Document(id="t", source="test", text=text)
    speaker, _ = assign_speaker(doc, sdoc, (start, end), phrase_head(sdoc, start, end), resolver, lex)
    return speaker


def test_a_source_that_is_a_relative_clause_is_the_noun_it_modifies():
    text = ("Harwell Economics, which has in the past predicted a sharp fall in house prices, "
            "branded the figures weak.")
    sp = speaker_of_source(text, "which has in the past")
    assert sp is not None and sp.name == "Harwell Economics"
    text = "Tova Lind, who lives in the northern city of Umea, said that she would play on."
    assert speaker_of_source(text, "who lives in the northern city of Umea").name == "Tova Lind"


def test_whose_and_a_thing_is_no_speaker():
    text = "And the striker, whose current contract runs out in the summer, has made it clear he will stay."
    assert speaker_of_source(text, "whose current contract") is None


def test_a_relative_clause_after_the_head_is_no_part_of_the_name():
    text = "A Highland councillor who was at the event has also defended the minister."
    assert speaker_of_source(text, "A Highland councillor who was at the event").name == "A Highland councillor"
    text = "The vast archive was collected by a devoted fan who had become friendly with the star."
    assert speaker_of_source(text, "a devoted fan who had become friendly with the star").name == "a devoted fan"


def test_a_name_and_its_role_after_a_comma_are_one_person():
    sp = speaker_of("Arun Vesh, Commerce and Industry Minister, announced that the ban would end next year.",
                    "the ban would end")
    assert (sp.name, sp.type) == ("Arun Vesh", "PERSON")
    sp = speaker_of("\"The formats are akin to Betamax and VHS,\" said Ian Dobb, personal technology and "
                    "broadband analyst at Orbis Research.", "akin to Betamax")
    assert (sp.name, sp.type) == ("Ian Dobb", "PERSON")


def test_a_group_ends_with_its_last_member():
    text = "The sprinters Kostas Orvik, Anna Talen and Lena Brisco, who have all denied the charges, will appeal."
    sp = speaker_of_source(text, "Kostas Orvik, Anna Talen and Lena Brisco, who have all denied the charges")
    assert (sp.name, sp.type) == ("Kostas Orvik, Anna Talen and Lena Brisco", "GROUP")
    sp = speaker_of("Sony, IBM and Toshiba, who have been working on the chip for three years, said that it "
                    "would ship in 2006.", "would ship")
    assert (sp.name, sp.type) == ("Sony, IBM and Toshiba", "GROUP")


def test_a_source_run_on_past_a_comma_into_the_clause_is_the_name_before_it():
    text = ("Teenagers will still write viruses, said Kevin Hollis, a manager at Norvex. "
            "Although teenagers will still play with code, said Mr Hollis, 2004 saw the rise of criminals.")
    sp = speaker_of_source(text, "Mr Hollis, 2004 saw")
    assert sp is not None and sp.name == "Kevin Hollis"


def test_a_source_never_runs_over_a_sentence_end():
    text = ("A computer for an illiterate person needs more power than one for a graduate. Priya Ramesh, one of "
            "the professor's students, says that audio and video demand more memory.")
    sp = speaker_of_source(text, "one for a graduate. Priya Ramesh, one of the professor's students")
    assert sp is not None and sp.name == "Priya Ramesh"


def test_a_group_loses_a_relative_clause_set_off_by_commas():
    text = "Mr Tarrant, who took charge in 2000, and his team have said that the airline is safe."
    sp = speaker_of_source(text, "Mr Tarrant, who took charge in 2000, and his team")
    assert (sp.name, sp.type) == ("Mr Tarrant and his team", "GROUP")


def test_a_source_handed_over_with_a_verb_for_its_head_is_named_by_its_noun():
    text = ("The vast archive was sold, and the auction was billed as the biggest collection of memorabilia. "
            "That is according to an expert panel which gathered at the annual show in Las Vegas to discuss it.")
    source = "an expert panel which gathered at the annual show in Las Vegas to discuss"
    start = text.index(source)
    sdoc = parse(text)
    verb = next(t for t in sdoc if t.text == "discuss")
    lex = load_role_lexicon()
    resolver = SpeakerResolver(sdoc, correct_entities(sdoc, lex), lex)
    sp, _ = assign_speaker(Document(id="t", source="test", text=text), sdoc, (start, start + len(source)),
                           verb.i, resolver, lex)
    assert sp.name == "an expert panel"


def test_roles_joined_by_and_before_a_name_are_one_person():
    text = ("\"Our company gained momentum,\" said chairman and chief executive officer Bill Fordham. "
            "The chairman and the chief executive said that they would stay.")
    sp = speaker_of(text, "gained momentum")
    assert (sp.name, sp.type, sp.role) == ("Bill Fordham", "PERSON", "chairman and chief executive officer")
    sp = speaker_of(text, "they would stay")  # two roles and no name: two people
    assert sp.type == "GROUP"


def test_the_antecedent_is_the_whole_phrase_before_the_relative_word():
    text = "His wife Marna, who called the police, said that her rings were taken."
    assert speaker_of_source(text, "who called the police").name == "Marna"
    text = "It was met with protests by the National Council for Fostering, which said it exploits emotions."
    assert speaker_of_source(text, "which said it").name == "National Council for Fostering"


def test_a_stop_the_parser_missed_still_ends_the_source():
    text = ("Pictures, not words, designate applications. This dependence on graphics means that a computer for "
            "an illiterate person needs more power than one for a PhD. Priya Ramesh, one of the professor's "
            "students, says that audio and video demand more memory.")
    source = ("This dependence on graphics means that a computer for an illiterate person needs more power than "
              "one for a PhD. Priya Ramesh, one of the professor's students")
    assert speaker_of_source(text, source).name == "Priya Ramesh"
    text = "Dr. Ann Roe, the union's head, said that the strike would go on."
    assert speaker_of_source(text, "Dr. Ann Roe, the union's head").name == "Ann Roe"


def test_a_speaker_in_a_relative_clause_is_background_for_later_nominals():
    text = ("Velmoran Foreign Minister Halvor Tamm said that talks would go on. Asked about the comments of "
            "Dravenian Deputy Foreign Minister Arsen Vek, who said on Thursday that the deputies had ignored two "
            "signals to stop, the minister called the account 'a fairy tale written after the fact'.")
    assert speaker_of(text, "ignored two signals").name == "Arsen Vek"
    assert speaker_of(text, "fairy tale").name == "Halvor Tamm"


def test_a_second_verb_of_saying_after_a_reported_clause_keeps_the_reporting_speaker():
    """The parser hangs "argued" on the clause "admitted" reports; the budget argues nothing."""
    text = ('Finance Minister Olga Varn admitted that the budget was the hardest in a decade but argued '
            'it was "fair and balanced".')
    assert speaker_of(text, "fair and balanced").name == "Olga Varn"
    assert speaker_of("Analysts claimed the bank's outlook was a positive one but stressed that the jury "
                      "was still out on a further rise.", "jury was still out").name == "Analysts"
