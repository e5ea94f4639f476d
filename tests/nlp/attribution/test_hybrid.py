"""The tagger/hybrid extraction paths (need the shipped MiniLM tagger model)."""
from __future__ import annotations

import pytest

from quotegraph.nlp.config import ExtractConfig
from quotegraph.nlp.pipeline import extract
from quotegraph.nlp.attribution.tagger import MODEL_FILE
from quotegraph.records import Document

TEXT = ("Harbour master Ilse Varga said on Monday that the new pier would open in June. "
        "“We are ready,” she told the Port Gazette.")


def test_missing_tagger_model_is_a_clear_error():
    doc = Document(id="h", source="t", text=TEXT)
    with pytest.raises(RuntimeError, match="needs the tagger model"):
        extract(doc, ExtractConfig(mode="hybrid", tagger_model="/nonexistent/model.onnx"))


shipped = pytest.mark.skipif(not MODEL_FILE.is_file(), reason=f"tagger model not shipped at {MODEL_FILE}")


@shipped
def test_hybrid_keeps_rule_quotes_and_attributes_with_syntax():
    res = extract(Document(id="h", source="t", text=TEXT), ExtractConfig(mode="hybrid"))
    pier = next(q for q in res.quotes if "pier would open" in q.contents[0].text)
    ready = next(q for q in res.quotes if "We are ready" in q.contents[0].text)
    assert pier.speaker.name == "Ilse Varga" and ready.speaker.name == "Ilse Varga"
    assert ready.sources[0].text == "she"
    for q in res.quotes:
        for sp in [*q.contents, *q.sources]:
            assert sp.text == TEXT[sp.start:sp.end]


@shipped
def test_tagger_mode_keeps_only_tagged_contents():
    from quotegraph.nlp.attribution.tagger import tag_spans

    tagged = [t for t in tag_spans(TEXT) if t.label == "CONTENT"]
    res = extract(Document(id="h", source="t", text=TEXT), ExtractConfig(mode="tagger"))
    for q in res.quotes:
        assert any(c.start < t.end and t.start < c.end for c in q.contents for t in tagged)
        if any("pier would open" in c.text for c in q.contents):
            assert q.speaker.name == "Ilse Varga"  # the source comes from the parse, not proximity


@shipped
def test_one_statement_per_cue_and_no_negated_statement():
    text = ("Dalvian Foreign Ministry spokeswoman Anja Lorne spoke on Friday. She stressed the importance of "
            "“ensuring the rights and security” of the families willing to return to the valley. "
            "The Ostrovian Foreign Ministry did not mention the possible return of the families in its readout.")
    res = extract(Document(id="h", source="t", text=text), ExtractConfig(mode="hybrid"))
    stressed = [q for q in res.quotes if q.cue and q.cue.text == "stressed"]
    assert len(stressed) == 1 and stressed[0].speaker.name == "Anja Lorne"
    assert "ensuring the rights and security" in " ".join(c.text for c in stressed[0].contents)
    assert not [q for q in res.quotes if q.cue and "mention" in q.cue.text]



def combined(text: str, tagged: list[tuple[str, str]], with_rules: bool = False):
    """Hybrid candidates for the given tagger spans (label, phrase), with the rules'
    quotes when ``with_rules`` (else none)."""
    from quotegraph.nlp.attribution.rules import PassageIndex, find_attributions
    from quotegraph.nlp.attribution.cues import load_cue_lexicon
    from quotegraph.nlp.attribution.hybrid import combine
    from quotegraph.nlp.attribution.statement_filter import candidate_config
    from quotegraph.nlp.attribution.marks import find_quoted_passages
    from quotegraph.nlp.spacy_model import get_nlp
    from quotegraph.nlp.attribution.tagger import TaggedSpan

    spans = [TaggedSpan(label, text.index(p), text.index(p) + len(p), 0.9) for label, p in tagged]
    cfg = candidate_config(ExtractConfig(mode="hybrid"))
    sdoc, passages = get_nlp()(text), find_quoted_passages(text)
    rule_atts = find_attributions(sdoc, passages, load_cue_lexicon(), cfg) if with_rules else []
    return combine(sdoc, rule_atts, spans, PassageIndex(passages), cfg)


def test_a_quotation_mark_tagged_as_the_cue_is_no_cue():
    # what the tagger made of a headline on the seeds: the opening mark as the cue
    text = "Velmora, Dravenia ‘Discussing Return Of Valley Families’\n\nThe talks began in May."
    atts = combined(text, [("SOURCE", "Dravenia"), ("CUE", "‘"),
                           ("CONTENT", "Discussing Return Of Valley Families’")])
    assert atts and all(a.cue is None for a in atts)


def test_an_unquoted_statement_takes_no_cue_from_the_next_paragraph():
    text = ("Varga answered the reporter's attempt to link the two issues.\n"
            "Later, when asked whether they were linked, Varga urged patience.")
    atts = combined(text, [("CONTENT", "the reporter's attempt to link the two issues"), ("CUE", "when"),
                           ("SOURCE", "Varga urged")])
    attempt = [a for a in atts if text[a.contents[0][0]:].startswith("the reporter's attempt")]
    assert attempt and all(a.cue is None for a in attempt)


def test_the_one_who_feels_is_not_what_was_said():
    # the tagger's reading of "X was bemused by Y's claims" on a seed: X as the content
    text = ("Oskar Velin, an opposition member of the assembly, was also bemused by the minister's claims. "
            "The council was surprised by the vote. Analysts were alarmed that the talks had stalled.")
    atts = combined(text, [("CONTENT", "Oskar Velin, an opposition member of the assembly,"),
                           ("CUE", "was also bemused"), ("SOURCE", "the minister's claims"),
                           ("CONTENT", "The council"), ("CUE", "was surprised"), ("SOURCE", "the vote"),
                           ("SOURCE", "Analysts"), ("CUE", "were alarmed"),
                           ("CONTENT", "that the talks had stalled")])
    said = [text[a.contents[0][0]:a.contents[-1][1]] for a in atts]
    assert not any("Oskar Velin" in s or s.startswith("The council") for s in said)
    # a verb of feeling with a clause after it still reports what its subject felt
    assert "that the talks had stalled" in said


def test_a_piece_of_a_quotation_the_rules_read_whole_is_no_statement_of_its_own():
    # the tagger found the second half of a split quotation and paired it with a later cue
    text = ("“We remain open to credible and serious talks aimed at a full settlement of the border,” Kell said on "
            "Friday. “Sadly, the other side has chosen a different path.”\n\n"
            "Kell has previously made the case for sanctions.")
    second = "“Sadly, the other side has chosen a different path.”"
    atts = combined(text, [("CONTENT", second), ("SOURCE", "Kell has"), ("CUE", "has previously made the case for")],
                    with_rules=True)
    whole = [a for a in atts if len(a.contents) == 2]
    assert whole and text[whole[0].contents[1][0]:whole[0].contents[1][1]] == second
    assert not [a for a in atts if len(a.contents) == 1 and text[a.contents[0][0]:a.contents[0][1]] == second]


@pytest.mark.parametrize("sentence,cue,content,expected", [
    # adverbial clauses of the cue after an object or infinitive: when and why, not what
    ("The new poll indicates a tightening race as Rivas consolidates the support of his party.",
     "indicates", "a tightening race as Rivas consolidates the support of his party", "a tightening race"),
    ("Senator Ilko Varga backed off some of his first proposals, dialing back plans to cut the top tax rate.",
     "backed off", "some of his first proposals, dialing back plans to cut the top tax rate",
     "some of his first proposals"),
    ("The council condemned the latest missile launch as the navy fired three more missiles into the sea.",
     "condemned", "the latest missile launch as the navy fired three more missiles into the sea",
     "the latest missile launch"),
    ("The film powerfully highlights the police killings of two teenagers to help give context to the protests.",
     "powerfully highlights", "the police killings of two teenagers to help give context to the protests",
     "the police killings of two teenagers"),
    # ... but a clause inside the content stays ("release" governs the so-clause here)
    ("The company agreed to release the funds so the mayor could start the work.",
     "agreed", "to release the funds so the mayor could start the work",
     "to release the funds so the mayor could start the work"),
    # a clausal content keeps its clauses (the parser hangs them on the cue)
    ("Varga said he could not answer the questions because the committee had asked for them late.",
     "said", "he could not answer the questions because the committee had asked for them late",
     "he could not answer the questions because the committee had asked for them late"),
    # a condition is part of the threat or the question
    ("The minister threatened sanctions if the talks fail again.",
     "threatened", "sanctions if the talks fail again", "sanctions if the talks fail again"),
    ("Asked about the impossibility of Velmora keeping its trade union membership in case it joins the other bloc, "
     "the minister smiled.", "Asked about",
     "the impossibility of Velmora keeping its trade union membership in case it joins the other bloc",
     "the impossibility of Velmora keeping its trade union membership in case it joins the other bloc"),
    # what was asked of the officers is the infinitive
    ("The wife was heard pleading with officers not to shoot as they approached the truck.",
     "pleading with", "officers not to shoot", "officers not to shoot"),
])
def test_a_tagged_object_ends_before_the_cues_adverbial_clause(sentence, cue, content, expected):
    atts = combined(sentence, [("CUE", cue), ("CONTENT", content)])
    said = [sentence[a.contents[0][0]:a.contents[-1][1]] for a in atts]
    assert said == [expected]
