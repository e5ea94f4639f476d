"""Speaker names that are names (issue 17): one class per test, on sentences
written for these tests (fictional names). Real spaCy model and extraction."""
from __future__ import annotations

import pytest

from quotegraph.nlp.lexicon import load_role_lexicon
from quotegraph.nlp.pipeline import parse
from quotegraph.nlp.speakers.assign import assign_speaker
from quotegraph.nlp.speakers.coref import SpeakerResolver
from quotegraph.nlp.speakers.entities import correct_entities
from quotegraph.nlp.speakers.roles import clean_role
from quotegraph.records import Document
from tests.fixtures.nlp.speakers import extract_text as run, quote_with


# -- never a time expression, a dateline, a role clause or an outlet tag --------------

def test_a_time_expression_source_gives_no_speaker():
    text = "Officials met on Friday. On Wednesday the talks stalled, Wednesday said."
    sdoc = parse(text)
    day = [t for t in sdoc if t.text == "Wednesday"][-1]
    lex = load_role_lexicon()
    resolver = SpeakerResolver(sdoc, correct_entities(sdoc, lex), lex)
    doc = Document(id="t", source="test", text=text)
    speaker, how = assign_speaker(doc, sdoc, (day.idx, day.idx + len(day)), day.i, resolver, lex)
    assert speaker is None and how == "unresolved"


def test_a_source_read_up_to_its_day_gives_the_person_named_in_it():
    text = "Velmora's foreign minister, Teodor Halvari, on Wednesday said that the talks had failed."
    sdoc = parse(text)
    day = next(t for t in sdoc if t.text == "Wednesday")
    lex = load_role_lexicon()
    resolver = SpeakerResolver(sdoc, correct_entities(sdoc, lex), lex)
    doc = Document(id="t", source="test", text=text)
    speaker, _ = assign_speaker(doc, sdoc, (0, day.idx + len(day)), day.i, resolver, lex)
    assert speaker.name == "Teodor Halvari"


def test_a_month_that_is_a_name_is_a_speaker():
    text = "Home Secretary Theresa May said that the bill would pass. May said that the vote was close."
    res = run(text)
    assert {q.speaker.name for q in res.quotes} == {"Theresa May"}


def test_the_day_after_an_apposed_name_is_not_the_speaker():
    text = "Velmora's foreign minister, Teodor Halvari, on Wednesday said that the talks had failed."
    q = quote_with(run(text), "talks had failed")
    assert q.speaker.name == "Teodor Halvari" and q.speaker.type == "PERSON"
    assert q.speaker.role == "Velmora's foreign minister"


def test_a_dateline_is_cut_from_the_source_and_the_role():
    text = "KESSARY, March 4 (Harbour Wire) - Deputy Trade Minister Arsen Karo said the border was closed."
    q = quote_with(run(text), "border was closed")
    assert q.sources[0].text.startswith("KESSARY")  # the evidence stays as written
    assert q.speaker.name == "Arsen Karo"
    assert q.speaker.role == "Deputy Trade Minister"


def test_a_dateline_city_does_not_take_the_statement():
    text = "CITY, June 4 (Outlet) - The head of the union, Jane Roe, said the strike would go ahead."
    q = quote_with(run(text), "strike would go ahead")
    assert q.speaker.name == "Jane Roe"
    assert q.speaker.role == "head of the union"


def test_an_outlet_tag_before_the_role_is_not_part_of_it():
    text = "Kessary /Harbourpress/. Ruritanian Deputy Foreign Minister Milos Garan said that the talks would resume."
    q = quote_with(run(text), "talks would resume")
    assert q.speaker.name == "Milos Garan"
    assert q.speaker.role == "Ruritanian Deputy Foreign Minister"


def test_a_role_at_the_end_of_a_paragraph_carries_no_line_breaks():
    text = "The talks would resume, said Vahan Tessar, former Ruritanian foreign minister\n\nNobody else spoke."
    q = quote_with(run(text), "talks would resume")
    assert q.speaker.role == "former Ruritanian foreign minister"


@pytest.mark.parametrize("raw,clean", [
    ("Yerevan /Mediamax/. Russian Deputy Foreign Minister", "Russian Deputy Foreign Minister"),
    ("former Armenian foreign minister\n\n", "former Armenian foreign minister"),
    ("LONDON (Wire) - union leader", "union leader"),
    ("head of the\n union", "head of the union"),
    ("  ", None),
    # an opening article, possessive pronoun or sentence adverb is no part of the role
    ("his campaign manager", "campaign manager"),
    ("Its chief lawyer", "chief lawyer"),
    ("Earlier Ruritanian party leader", "Ruritanian party leader"),
    ("the union's treasurer", "union's treasurer"),
    ("The Kessary Herald editor", "The Kessary Herald editor"),
    # the title of the holder's name, left behind the role
    ("Velmo Rovers manager Sir", "Velmo Rovers manager"),
    ("its chairman, Lord", "chairman"),
    ("Bishop of Kessary, the Rt Rev Dr", "Bishop of Kessary"),
    ("Lord Chancellor", "Lord Chancellor"),
    ("Dame", None),
    # a relative clause says more of the holder than the role; "that" as a determiner stays
    ("director of Velmo Games, which sells puzzles", "director of Velmo Games"),
    ("a haulage firm that owns forty lorries", "haulage firm"),
    ("head of that tribunal", "head of that tribunal"),
    # a parenthesis the role's end cut open is closed
    ("secretary of the Union of Rural Bakers (URB", "secretary of the Union of Rural Bakers (URB)"),
])
def test_clean_role(raw, clean):
    assert clean_role(raw) == clean


def test_an_unnamed_speaker_is_named_without_its_clause():
    text = "Trade figures were published on Monday. The exporters' group, which represents 300 firms, said that orders fell."
    q = quote_with(run(text), "orders fell")
    assert q.speaker.name == "The exporters' group"
    assert q.sources[0].text.startswith("The exporters' group, which")


def test_a_name_doubled_by_a_scrape_is_named_once():
    text = "Harbour Security Secretary Kristi MolnKristi Moln said on Monday that the port was secure."
    q = quote_with(run(text), "port was secure")
    assert q.speaker.name == "Kristi Moln"


# -- a bare mention is not left as the speaker where the sentence names the person -----

@pytest.mark.parametrize("text,name", [
    ("The suspect, Jane Roe, told the court that she had been at home.", "Jane Roe"),
    ("Two witnesses spoke. Another, Tomas Weil, said that the car was red.", "Tomas Weil"),
    ("The agency's correspondent in Kessary, Rachel Harven, said that the damage was huge.", "Rachel Harven"),
])
def test_a_bare_mention_takes_the_name_in_apposition(text, name):
    res = run(text)
    q = res.quotes[-1]
    assert q.speaker.name == name and q.speaker.type == "PERSON"


def test_a_name_after_of_is_not_the_speaker():
    text = "Hanna Lehto, the wife of union leader Markus Lehto, said that the deputies were tired."
    q = quote_with(run(text), "deputies were tired")
    assert q.speaker.name == "Hanna Lehto"


# -- honorific + surname and bare surnames resolve to the full name ---------------------

@pytest.mark.parametrize("title", ["Mr", "Ms", "Dr", "Mrs", "Lord"])
def test_title_and_surname_resolve_to_the_full_name(title):
    text = (f"Communications Minister Daya Varan opened the conference. {title} Varan said that the sector "
            f"needed money. \"We need at least $20bn,\" {title} Varan said.")
    res = run(text)
    named = [q for q in res.quotes if q.sources and q.sources[0].text.startswith(title)]
    assert len(named) == 2
    assert {q.speaker.name for q in named} == {"Daya Varan"}
    assert {q.speaker.role for q in named} == {"Communications Minister"}


def test_a_title_and_surname_the_model_labels_an_organisation_still_resolve():
    # The small model reads "Ms Lomar" as ORG in business news ("Bank of ..." nearby).
    text = ("Bank of Kessary deputy governor Rachel Lomar spoke in Tessel. Private surveys suggest a stronger "
            "economy, Ms Lomar said. \"The MPC judges that growth was higher,\" Ms Lomar said.")
    res = run(text)
    for q in res.quotes:
        if q.sources and "Lomar" in q.sources[0].text:
            assert q.speaker.name == "Rachel Lomar"


def test_a_bare_surname_resolves_to_the_full_name():
    text = ("Tory leader Michael Harwood spoke in Leeds. Harwood said that taxes would fall. "
            "Later Harwood told reporters that he would campaign in Wales.")
    res = run(text)
    for q in res.quotes:
        assert q.speaker.name == "Michael Harwood"


def test_the_title_gender_picks_between_two_people_with_one_surname():
    text = ("Tony Blane and Cherie Blane arrived together. \"It was a good day,\" Mrs Blane said. "
            "\"I agree,\" Mr Blane said.")
    res = run(text)
    assert quote_with(res, "good day").speaker.name == "Cherie Blane"
    assert quote_with(res, "I agree").speaker.name == "Tony Blane"


def test_a_surname_goes_to_the_nearest_full_name_before_it():
    text = ("Ian Blane, the police commissioner, met officers on Monday. Blane said that crime had fallen. "
            "Later, Prime Minister Tony Blane visited Leeds. Blane said that schools would improve.")
    res = run(text)
    assert quote_with(res, "crime had fallen").speaker.name == "Ian Blane"
    assert quote_with(res, "schools would improve").speaker.name == "Tony Blane"


def test_a_full_name_the_model_missed_under_a_headline_still_anchors_the_surname():
    # The headline runs into the first sentence: the model tags neither "Tony" nor the full name.
    text = ("No election TV debate, says Blane\n\nTony Blane has said he will not take part in a TV debate. "
            "\"We answer this every election campaign,\" Mr Blane said.")
    res = run(text)
    assert quote_with(res, "We answer this").speaker.name == "Tony Blane"


def test_a_month_before_a_role_is_not_part_of_it():
    text = "In October Tory leader Michael Harwood said that taxes would fall."
    q = quote_with(run(text), "taxes would fall")
    assert q.speaker.role == "Tory leader"


def test_a_surname_nobody_names_in_full_stays_as_written():
    res = run("\"We will appeal,\" Mr Dorran said. Mr Dorran added that the ruling was unfair.")
    names = {q.speaker.name for q in res.quotes if q.speaker}
    assert names == {"Mr Dorran"}


# -- nominal and possessive mentions resolve to the named entity ------------------------

def test_a_possessive_press_service_speaks_for_its_owner():
    text = ("Dravenian President Yury Dashevsky said on Tuesday that the case \"should be a lesson to those "
            "who think borders are a formality\", according to his press service.")
    q = next(q for q in run(text).quotes if q.sources and q.sources[0].text == "his press service")
    assert q.speaker.name == "Yury Dashevsky"


def test_an_indefinite_role_in_a_lede_resolves_to_the_one_person_named_later():
    text = ("A Ruritanian MP has said that foreign observers broke the law.\n\n"
            "Konstantin Rusov, a Ruritanian MP for the ruling party, said on Monday that the observers had "
            "ignored two warnings.")
    q = quote_with(run(text), "observers broke the law")
    assert q.sources[0].text == "A Ruritanian MP"
    assert q.speaker.name == "Konstantin Rusov"


def test_an_indefinite_role_stays_unresolved_when_two_people_hold_it():
    text = ("A Ruritanian MP has said that foreign observers broke the law.\n\n"
            "Konstantin Rusov, a Ruritanian MP, said on Monday that the observers had ignored two warnings. "
            "Ilya Marten, another Ruritanian MP, said that the case was closed.")
    q = quote_with(run(text), "observers broke the law")
    assert q.speaker.name == "A Ruritanian MP" and q.speaker.type != "PERSON"


def test_an_indefinite_role_of_another_country_is_not_resolved():
    text = ("A Ruritanian MP has said that foreign observers broke the law.\n\n"
            "Konstantin Rusov, a Dravenian MP, said on Monday that the observers had ignored two warnings.")
    q = quote_with(run(text), "observers broke the law")
    assert q.speaker.name != "Konstantin Rusov"


def test_the_firm_with_a_clause_resolves_to_the_named_company():
    text = "Harlow Motors reported record profits on Monday. The firm, which employs 2,000 people, said that sales would rise."
    q = quote_with(run(text), "sales would rise")
    assert q.speaker.name == "Harlow Motors"
    assert q.sources[0].text.startswith("The firm")


def test_a_surname_the_model_also_reads_as_a_place_is_still_the_persons():
    text = ("Former Ruritanian wing David Houston told reporters that the team had to stop whingeing. "
            "Houston said that the referee was right. \"They lost fairly,\" Houston added.")
    for q in run(text).quotes:
        assert q.speaker.name == "David Houston" and q.speaker.type == "PERSON"


def test_a_surname_with_a_particle_resolves_to_the_full_name():
    text = "Simon Le Vane said that the band would tour. Le Vane said the five members were getting on well."
    res = run(text)
    assert quote_with(res, "getting on well").speaker.name == "Simon Le Vane"


def test_a_hyphenated_given_name_stays_whole():
    text = "\"I am afraid the money is short,\" Jean-Michel Lemartin, from the farmers' union, told reporters."
    assert quote_with(run(text), "money is short").speaker.name == "Jean-Michel Lemartin"


def test_an_age_nominal_is_the_person_named_before():
    text = "Spain coach Luis Aranda was fined on Monday. The 66-year-old said that the fine was unfair."
    assert quote_with(run(text), "fine was unfair").speaker.name == "Luis Aranda"


def test_the_government_is_not_a_company_named_before():
    text = ("Harlow Motors reported record profits. The government said that it would not help the firm.")
    q = quote_with(run(text), "not help the firm")
    assert q.speaker.name != "Harlow Motors"


def test_a_relative_clause_head_is_read_as_the_noun_it_modifies():
    text = ("Arsenal boss Arsene Wanger, who was fined 15,000 pounds for accusing a rival of cheating, "
            "believes that the punishment was too lenient.")
    q = quote_with(run(text), "punishment was too lenient")
    assert q.speaker.name == "Arsene Wanger"


def test_the_minister_is_the_minister_not_a_spokeswoman_of_the_same_family():
    text = ("Velmora's foreign minister, Teodor Halvari, on Wednesday criticised remarks by Dravenian Foreign "
            "Ministry spokeswoman Marta Kelnik. \"Eight days is a message,\" the minister said.")
    q = quote_with(run(text), "Eight days is a message")
    assert q.speaker.name == "Teodor Halvari"


@pytest.mark.parametrize("text, role", [
    # a country's possessive before an office is part of the office, like its adjective
    ("Russia’s Deputy Foreign Minister Ilko Marev said that the ferry talks would resume.",
     "Russia’s Deputy Foreign Minister"),
    ("Dravenia's Deputy Foreign Minister Ilko Marev said that the ferry talks would resume.",
     "Dravenia's Deputy Foreign Minister"),
    ("Russian Deputy Foreign Minister Ilko Marev said that the ferry talks would resume.",
     "Russian Deputy Foreign Minister"),
])
def test_a_country_before_a_role_is_part_of_it(text, role):
    q = quote_with(run(text), "the ferry talks would resume")
    assert q.speaker.name == "Ilko Marev"
    assert q.speaker.role == role


@pytest.mark.parametrize("text, role", [
    # a participle of affiliation after the role noun says whom the role serves
    ("Lilit Marek, Tamm’s colleague representing the ruling Harbour party, likewise said: “We will stay.”",
     "Tamm’s colleague representing the ruling Harbour party"),
    ("Ilko Marev, a lawyer representing the families, said that the ferry talks would resume.",
     "lawyer representing the families"),
    ("Ilko Marev, the official heading the inquiry, said that the ferry talks would resume.",
     "official heading the inquiry"),
    # any other clause after the role is no part of it
    ("Ilko Marev, a spokesman who joined the party in 2010, said that the ferry talks would resume.", "spokesman"),
])
def test_a_participle_of_affiliation_is_part_of_the_role(text, role):
    res = run(text)
    q = next(q for q in res.quotes if q.speaker is not None and q.speaker.name in ("Lilit Marek", "Ilko Marev"))
    assert q.speaker.role == role
