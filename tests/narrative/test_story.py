"""The narrative layer end to end on the labelled story in samples_narratives/
(ingested and linked by the real commands): topics, echoes with offsets into the
articles, claim conflicts, and the scores printed by `quotegraph eval-narratives`."""
import json
import sqlite3

import pytest

from tests.conftest import run_cli
from tests.paths import ROOT

STORY = ROOT / "samples_narratives"


def run(*args):
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("story") / "story.db"
    run("ingest", str(STORY), "--meta", str(STORY / "meta.csv"), "--db", str(path))
    run("link", "--db", str(path))
    return path


def test_topics_keep_the_two_stories_apart(db):
    topics = json.loads(run("topics", "--db", str(db), "--format", "json"))
    assert len([t for t in topics if t["id"] >= 0]) >= 2
    with sqlite3.connect(db) as conn:
        topic_of = dict(conn.execute(
            "SELECT q.content, t.topic_id FROM quotes q JOIN link_reports r ON r.doc_id = q.doc_id AND r.quote_id = q.id "
            "JOIN narrative_statement_topics t ON t.statement_id = r.statement_id").fetchall())
    grain = {t for c, t in topic_of.items() if "tariffs" in c or "inspection point" in c}
    ostrel = {t for c, t in topic_of.items() if "voluntary relocation" in c or "forced to flee" in c}
    assert grain and ostrel and not (grain & ostrel)


def test_echo_found_with_offsets_into_both_articles(db):
    echoes = json.loads(run("echoes", "--db", str(db), "--format", "json"))
    [echo] = [e for e in echoes if "voluntary relocation" in e["phrase"]]
    assert echo["first"]["speaker"] == "Marta Kelnik" and echo["later"][0]["speaker"] == "Oskar Brandt"
    with sqlite3.connect(db) as conn:
        for use in [echo["first"], *echo["later"]]:
            text = conn.execute("SELECT text FROM documents WHERE id = ?", (use["doc_id"],)).fetchone()[0]
            assert text[use["start"]:use["end"]] == use["text"]
            assert "voluntary relocation carried out in full respect of international norms" in use["text"]


def test_number_conflict_found(db):
    found = json.loads(run("claims", "--db", str(db), "--format", "json"))
    pairs = {frozenset((d["a"]["speaker"], d["b"]["speaker"])) for d in found}
    assert frozenset(("Teodor Halvari", "Marta Kelnik")) in pairs


def test_eval_narratives_prints_precision_and_recall(db):
    out = run("eval-narratives", str(STORY / "labels.json"), "--db", str(db))
    lines = {line.split("  ")[0].strip(): line for line in out.splitlines() if " P " in line}
    assert set(lines) == {"topics (statement pairs)", "echoes", "claim conflicts"}
    assert "R 1.00 (1/1)" in lines["echoes"]


def test_a_tiny_store_gets_topics_not_an_error(tmp_path):
    story = tmp_path / "tiny"
    story.mkdir()
    (story / "one.txt").write_text("Harbour talks stall\n\nThe union leader, Ines Carrow, said on Monday that "
                                   "the harbour strike would go on. \"We will stay out until the offer improves,\" "
                                   "Carrow told reporters.\n", encoding="utf-8")
    db = tmp_path / "t.db"
    run("ingest", str(story), "--db", str(db))
    run("link", "--db", str(db))
    topics = json.loads(run("topics", "--db", str(db), "--format", "json"))
    assert isinstance(topics, list)
