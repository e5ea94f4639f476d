"""The label file check (evaluate/label_file.py, `quotegraph check-labels`) on a small article written here."""
from __future__ import annotations

import json

import pytest

from quotegraph.evaluate.label_file import LabelFileError, check_label_file, load_labels
from quotegraph.records import content_hash
from tests.conftest import run_cli
from tests.paths import ROOT, SHARED

TEXT = ("Harbour plan approved\n\n"
        "Mara Quist said the harbour would open in June. "
        "\"It is a good day for the town,\" she told reporters. "
        "The council hopes to add a ferry next year.")


def at(frag: str) -> list[int]:
    i = TEXT.index(frag)
    return [i, i + len(frag)]


def statement(kind: str, frag: str, cue: str | None = None, speaker: str | None = "Mara Quist") -> dict:
    return {"type": kind, "content": [at(frag)], "cue": at(cue) if cue else None, "mention": None, "speaker": speaker}


GOOD = {"id": "t1", "section": "test", "sha256": content_hash(TEXT), "statements": [
    statement("speech", "the harbour would open in June", "said"),
    statement("speech", "It is a good day for the town", "told"),
    statement("belief", "add a ferry next year", "hopes", speaker="Town Council"),
]}


@pytest.fixture
def articles(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [{"id": "t1", "title": "Harbour plan approved", "category": "test", "text": TEXT},
            {"id": "t2", "title": "Other", "category": "test", "text": "Other\n\nNothing here."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write(tmp_path, rows: list) -> object:
    path = tmp_path / "labels.jsonl"
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path, articles):
    labels = load_labels(write(tmp_path, [GOOD]), articles)
    assert [a.id for a in labels] == ["t1"]
    assert [s.type for s in labels[0].statements] == ["speech", "speech", "belief"]
    assert labels[0].statements[0].content == (tuple(at("the harbour would open in June")),)


def test_every_problem_is_reported_with_article_and_statement(tmp_path, articles):
    bad = json.loads(json.dumps(GOOD))
    bad["statements"] += [
        {"type": "rumour", "content": [at("Mara Quist")], "cue": None, "mention": None, "speaker": None},  # 3
        {"type": "speech", "content": [[10, 10]], "cue": None, "mention": None, "speaker": None},          # 4
        {"type": "speech", "content": [[len(TEXT) - 3, len(TEXT) + 5]], "cue": None, "mention": None,
         "speaker": None},                                                                                 # 5
        {"type": "speech", "content": [at("plan approved")], "cue": None, "mention": None, "speaker": None},  # 6
        statement("speech", "would open in June"),                                                         # 7
        {"type": "speech", "content": [at("good day")], "cue": at("a good"), "mention": None, "speaker": None},  # 8
        {"type": "speech", "content": [at("It is a good")], "cue": None, "mention": None, "speaker": ""},   # 9
    ]
    changed = {"id": "t2", "section": "test", "sha256": "0" * 64, "statements": []}
    unknown = {"id": "t9", "section": "test", "sha256": "0" * 64, "statements": []}
    path = write(tmp_path, [bad, changed, unknown, "{not json", bad])
    _labels, errors = check_label_file(path, articles)
    found = {(e.line, e.article, e.index) for e in errors}
    reasons = {(e.article, e.index): e.reason for e in errors}
    assert (1, "t1", 3) in found and "unknown type 'rumour'" in reasons[("t1", 3)]
    assert "empty or outside" in reasons[("t1", 4)]
    assert "outside the text" in reasons[("t1", 5)]
    assert "headline" in reasons[("t1", 6)]
    assert "overlaps statement 0" in reasons[("t1", 7)]
    assert "cue" in reasons[("t1", 8)] and "overlaps the content" in reasons[("t1", 8)]
    assert "speaker" in reasons[("t1", 9)]
    assert "sha256 differs" in reasons[("t2", None)]
    assert "no article with this id" in reasons[("t9", None)]
    assert any(e.line == 4 and "invalid JSON" in e.reason for e in errors)
    assert any(e.line == 5 and "labelled twice" in e.reason for e in errors)
    with pytest.raises(LabelFileError):
        load_labels(path, articles)


def test_check_labels_command_exit_codes(tmp_path, articles):
    good = write(tmp_path, [GOOD])
    ok = run_cli("check-labels", good, "--articles", articles, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert "1 articles, 3 statements (speech 2, belief 1, finding 0): ok" in ok.stdout
    bad = json.loads(json.dumps(GOOD))
    bad["statements"][1]["type"] = "claim"
    failed = run_cli("check-labels", write(tmp_path, [bad]), "--articles", articles, timeout=300)
    assert failed.returncode == 1
    assert "line 1 t1 statement 1: unknown type 'claim'" in failed.stdout


BBC_LABELS = ROOT / "labels" / "bbc" / "labels.jsonl"
BBC_HELDOUT = ROOT / "labels" / "bbc" / "heldout.jsonl"
BBC_ARTICLES = SHARED / "bbc" / "articles.jsonl"
SECTIONS = {"business", "entertainment", "politics", "sport", "tech"}


@pytest.mark.skipif(not BBC_ARTICLES.is_file(), reason=f"BBC articles not found at {BBC_ARTICLES}")
def test_the_committed_bbc_labels_check_clean():
    labels = load_labels(BBC_LABELS, BBC_ARTICLES)
    assert len(labels) >= 40
    assert {a.section for a in labels} == SECTIONS


@pytest.mark.skipif(not BBC_ARTICLES.is_file(), reason=f"BBC articles not found at {BBC_ARTICLES}")
def test_the_committed_bbc_heldout_labels_check_clean_and_share_no_article():
    heldout = load_labels(BBC_HELDOUT, BBC_ARTICLES)
    assert len(heldout) == 30
    assert {a.section for a in heldout} == SECTIONS
    tuned_on = {a.id for a in load_labels(BBC_LABELS, BBC_ARTICLES)}
    assert not tuned_on & {a.id for a in heldout}
