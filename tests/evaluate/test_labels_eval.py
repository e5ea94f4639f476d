"""Scoring against hand labels of real articles (evaluate/labels.py), on gold and predictions written here."""
from __future__ import annotations

from quotegraph.evaluate.label_file import GoldStatement, LabelledArticle
from quotegraph.evaluate.labels import same_speaker, score_labels, speaker_error_class
from quotegraph.records import content_hash

TEXT = ("Bridge to reopen\n\n"
        "Mara Quist said the old bridge would reopen in May after repairs. "
        "The council believes the cost will stay below ten million pounds. "
        "A survey found that most commuters want a new cycle lane. "
        "\"We are pleased with the progress,\" a spokesman for Harbour Works said.")


def at(frag: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(frag)
    assert text.count(frag) == 1
    return i, i + len(frag)


def gold(kind: str, frag: str, speaker: str | None) -> GoldStatement:
    return GoldStatement(kind, (at(frag),), None, None, speaker)


def pred(kind: str, frag: str, speaker: str | None) -> dict:
    a, b = at(frag)
    return {"type": kind, "contents": [{"start": a, "end": b, "text": frag}],
            "speaker": {"id": "x", "name": speaker, "type": "PERSON", "role": None} if speaker else None}


ARTICLE = LabelledArticle("d1", "test", content_hash(TEXT), (
    gold("speech", "the old bridge would reopen in May after repairs", "Mara Quist"),
    gold("belief", "the cost will stay below ten million pounds", "Town Council"),
    gold("finding", "most commuters want a new cycle lane", None),
    gold("speech", "We are pleased with the progress", "Harbour Works"),
))


def test_per_type_scores_speaker_accuracy_and_type_confusion():
    predictions = {"d1": [
        pred("speech", "old bridge would reopen in May", "Mara Quist"),      # matched, right speaker
        pred("speech", "the cost will stay below ten million pounds", "The council"),  # a belief typed as speech
        pred("finding", "most commuters want a new cycle lane", "A survey"),  # matched; gold names no one
        pred("speech", "We are pleased with the progress", "a spokesman"),   # matched, wrong speaker
        pred("headline", "Bridge to reopen", None),                          # set aside, not a false positive
    ]}
    report = score_labels([ARTICLE], {"d1": TEXT}, predictions)
    speech, belief, finding = (report["by_type"][t] for t in ("speech", "belief", "finding"))
    # speech: 2 gold, 3 predicted (one is the mistyped belief), 2 matched, 1 right speaker
    assert (speech["gold"], speech["predicted"], speech["matched"]) == (2, 3, 2)
    assert (speech["p"], speech["r"]) == (0.6667, 1.0)
    assert speech["speaker_accuracy"] == 0.5
    assert (belief["gold"], belief["predicted"], belief["matched"], belief["r"]) == (1, 0, 0, 0.0)
    assert finding["matched"] == 1 and finding["speaker_accuracy"] == 0.0 and finding["matched_named"] == 0
    assert report["confusion"]["belief"] == {"speech": 1}
    assert report["confusion"]["speech"] == {"speech": 2}
    assert report["headline_set_aside"] == 1
    assert report["any_type"]["matched"] == 4 and report["any_type"]["predicted"] == 4
    wrong = {(e["speaker"], e["predicted_speaker"]) for e in report["errors"]["wrong_speaker"]}
    assert wrong == {("Harbour Works", "a spokesman"), (None, "A survey")}
    assert [e["type"] for e in report["errors"]["missed"]] == ["belief"]
    assert [e["predicted_type"] for e in report["errors"]["wrong_type"]] == ["speech"]
    assert report["errors"]["false_positives"][0]["content"] == [list(at("the cost will stay below ten million pounds"))]


def test_matching_is_one_to_one_and_needs_half_the_content_words():
    predictions = {"d1": [
        pred("speech", "the old bridge would reopen in May after repairs", "Mara Quist"),
        pred("speech", "old bridge would reopen in May", "Mara Quist"),   # a second copy: a false positive
        pred("speech", "We are pleased", "Harbour Works"),                 # 3 of 6 words: Jaccard 0.5, matches
    ]}
    report = score_labels([ARTICLE], {"d1": TEXT}, predictions)
    speech = report["by_type"]["speech"]
    assert (speech["matched"], speech["predicted"]) == (2, 3)
    assert [e["content"] for e in report["errors"]["false_positives"]] == [[list(at("old bridge would reopen in May"))]]
    short = {"d1": [pred("speech", "We are", "Harbour Works")]}  # 2 of 6 words: below 0.5
    assert score_labels([ARTICLE], {"d1": TEXT}, short)["by_type"]["speech"]["matched"] == 0


def test_same_speaker_by_name_keys():
    assert same_speaker("Maria Zakharova", "María  Zakharova.")
    assert same_speaker("BBC", "the BBC")
    assert same_speaker(None, None)
    # nobody named: a generic group kept as written agrees, a name or a description does not
    assert same_speaker(None, "Analysts", "GROUP")
    assert not same_speaker(None, "Tony Blair", "PERSON")
    assert not same_speaker(None, "The report", "UNKNOWN")
    assert not same_speaker("Tony Blair", "Analysts", "GROUP")
    assert not same_speaker("Tony Blair", "Mr Blair")  # an honorific + surname is not the resolved name
    assert not same_speaker("Tony Blair", "Cherie Blair")
    assert not same_speaker(None, "analysts")
    assert not same_speaker("Mara Quist", None)


def test_speaker_error_classes():
    assert speaker_error_class("Motion Picture Association of America", "MPAA").startswith("acronym")
    assert speaker_error_class("Ian MacDonald", "Mr MacDonald").startswith("part of the name")
    assert speaker_error_class("Sumitomo Mitsui Financial", "Sumitomo").startswith("part of the name")
    assert speaker_error_class("BBC", "a BBC spokesman").startswith("description containing")
    assert speaker_error_class("Time Warner", "TimeWarner").startswith("spelling variant")
    assert speaker_error_class(None, "analysts").startswith("the article names no one")
    assert speaker_error_class("Ed Balls", None) == "no speaker predicted"
    assert speaker_error_class("Ed Balls", "Gordon Brown").startswith("another named entity")
    assert speaker_error_class("Ed Balls", "his former chief economic adviser").startswith("description not resolved")
    assert speaker_error_class("House of Lords", "Bank of England").startswith("another named entity")


def test_eval_labels_command_runs_the_extraction(tmp_path):
    """End to end: the real runner extracts a written article; a plain quotation with a
    named speaker is found and attributed, and the JSON carries the issue's figures."""
    import json

    from tests.conftest import run_cli

    text = ("Council backs harbour plan\n\n"
            "The town council approved the harbour plan on Monday. "
            "\"This harbour will bring hundreds of jobs to the town,\" said Mara Quist, the mayor.")
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "h1", "title": "Council backs harbour plan", "text": text}) + "\n")
    content = "This harbour will bring hundreds of jobs to the town"
    start = text.index(content)
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "h1", "section": "test", "sha256": content_hash(text), "statements": [
        {"type": "speech", "content": [[start, start + len(content)]], "cue": None, "mention": None,
         "speaker": "Mara Quist"}]}) + "\n")
    out = run_cli("eval-labels", labels, "--articles", articles, "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    speech = report["by_type"]["speech"]
    assert (speech["gold"], speech["matched"], speech["speaker_right"]) == (1, 1, 1)
    assert set(report["by_type"]) == {"speech", "belief", "finding"} and report["failed"] == 0


def test_an_article_that_fails_to_extract_is_reported_by_its_input_and_the_rest_scored():
    """An empty article is a bad input: reported (by the input it came from, with the
    reason), never fatal; the other articles are still extracted."""
    from quotegraph.cli.labels_cmds import extract_articles

    predictions, failures = extract_articles([
        {"id": "a1", "text": "Mayor Ilse Brandt said the harbour would open in May."},
        {"id": "a2", "text": "   "},
    ])
    assert list(predictions) == ["a1"] and predictions["a1"][0]["type"] == "speech"
    assert len(failures) == 1
    (where, reason), = failures.items()
    assert where.endswith(":2") and "text" in reason
