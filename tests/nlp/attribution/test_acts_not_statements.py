"""Acts, verdicts, perceptions and topic-only mentions are no statements (issue 17,
BBC labels class 1): sentences written for the tests (fictional names), the real
pipeline (spaCy, tagger, statement filter)."""
from __future__ import annotations

import pytest

from quotegraph.ingest.clean import clean_document
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


def run(text: str):
    return extract(clean_document(Document(id="t", source="test", text=text)))


def statements_of(res, speaker_words: str) -> list[str]:
    return [" // ".join(c.text for c in q.contents) for q in res.quotes
            if any(speaker_words in s.text for s in q.sources)]


@pytest.mark.parametrize("sentence,speaker", [
    # legal steps and verdicts
    ("The shipping group Varrow has filed 40 lawsuits against the operators of two harbour websites.", "Varrow"),
    ("The Norrland bank pleaded guilty to failing to report suspicious transfers from the accounts.", "bank"),
    ("Olan Pettersen was convicted of fraud, bribery and extortion by the jury.", "Pettersen"),
    # inquiry: what is studied, not what was found
    ("Several research teams at the institute explored how drivers could react to the new signals.", "teams"),
    ("The audit will also examine whether the harbour board broke its own rules on tenders.", "audit"),
    # choices, experience, making
    ("The council has opted for a system of fixed fines for late payment.", "council"),
    ("More than nine million viewers watched her return to the drama in March.", "viewers"),
    ("The singer Mara Lind is to star in a film about a robbery on a night train.", "Lind"),
    # perception with a bare clause
    ("About twelve million viewers saw him pushed off a bridge by a stranger.", "viewers"),
    # topic only: "few" all but negates the object
    ("Meridian Studios have revealed few details about the sequel so far.", "Meridian"),
])
def test_an_act_verdict_or_perception_is_no_statement(sentence, speaker):
    res = run(f"{sentence} The case continues next month.\n")
    assert statements_of(res, speaker) == []


@pytest.mark.parametrize("sentence,speaker,said", [
    ("The audit said the harbour board broke its own rules on tenders.", "audit",
     "the harbour board broke its own rules on tenders"),
    ("Olan Pettersen said he had been convicted of a fraud he did not commit.", "Pettersen",
     "he had been convicted of a fraud he did not commit"),
])
def test_a_statement_about_an_act_is_kept(sentence, speaker, said):
    res = run(f"{sentence} The case continues next month.\n")
    assert statements_of(res, speaker) == [said]


def test_a_few_is_no_negation():
    res = run("Meridian Studios revealed a few details about the sequel, including its title.\n")
    assert statements_of(res, "Meridian") == ["a few details about the sequel, including its title"]
