"""Linking on a real SQLite store: the labelled sample corpus, incremental runs,
corrections that survive re-linking, and the CLI in real subprocesses."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotegraph.evaluate.linking import build_labelled_set
from quotegraph.link.pipeline import run_link
from quotegraph.records import Document, DocResult, Quote, Span, Speaker
from quotegraph.store.schema import connect
from quotegraph.store.writer import write_results
from tests.paths import ROOT

SAMPLES = ROOT / "samples"
# Slow: several link runs, each loading spaCy and the MiniLM model in this process or a subprocess.
pytestmark = [pytest.mark.skipif(not (SAMPLES / "gold.json").exists(), reason="samples/gold.json not present"),
              pytest.mark.slow]


@pytest.fixture(scope="module")
def labelled():
    return build_labelled_set(SAMPLES)


def _speakers(conn):
    return {(r[0], r[1]): r[2] for r in conn.execute("SELECT doc_id, local_id, speaker_id FROM link_mentions")}


def _statements(conn):
    return {(r[0], r[1]): r[2] for r in conn.execute("SELECT doc_id, quote_id, statement_id FROM link_reports")}


@pytest.fixture(scope="module")
def linked(tmp_path_factory, labelled):
    db = tmp_path_factory.mktemp("link") / "corpus.db"
    conn = connect(db)
    list(write_results(conn, labelled.results))
    run_link(conn, full=True)
    return db, conn


def test_must_not_merge_pairs_stay_apart(linked, labelled):
    _, conn = linked
    pred = _speakers(conn)
    ids_of = {}
    for key, name in labelled.gold_speaker.items():
        ids_of.setdefault(name, set()).add(pred[key])
    assert labelled.must_not_merge
    for a, b in labelled.must_not_merge:
        assert not (ids_of[a] & ids_of[b]), (a, b)


def test_spelling_variants_merge(linked, labelled):
    _, conn = linked
    pred = _speakers(conn)
    ids = {pred[k] for k, name in labelled.gold_speaker.items() if name == "Arsen Makarian"
           and conn.execute("SELECT name FROM doc_speakers WHERE doc_id=? AND local_id=?", k).fetchone()[0].split()[-1]
           in {"Makarian", "Makaryan"}}
    assert len(ids) == 1  # Makarian / Makaryan: one speaker


def test_translation_pair_is_one_statement(linked, labelled):
    _, conn = linked
    st = _statements(conn)
    translations = [p for p in labelled.utterance_pairs if p[0][1] == "ut0305-2"]
    assert translations, "gold lists the Kelnik translation pair"
    a, b = translations[0]
    assert st[a] == st[b]


def test_reports_carry_provenance(linked):
    _, conn = linked
    row = conn.execute('SELECT r.doc_id, r.start, r."end", q.content_start, q.content_end, r.outlet, r.published'
                       " FROM link_reports r JOIN quotes q ON q.doc_id = r.doc_id AND q.id = r.quote_id LIMIT 1").fetchone()
    assert row[1] == row[3] and row[2] == row[4] and row[5]


def test_incremental_equals_full(tmp_path, labelled):
    ordered = sorted(labelled.results, key=lambda r: (r.document.published is None, r.document.published or "", r.document.id))
    db = tmp_path / "inc.db"
    conn = connect(db)
    list(write_results(conn, ordered[:7]))
    first = run_link(conn)
    assert first.documents == 7
    list(write_results(conn, ordered[7:]))
    second = run_link(conn)
    assert second.documents == len(ordered) - 7
    assert run_link(conn).documents == 0  # nothing new: nothing done
    inc_speakers, inc_statements = _speakers(conn), _statements(conn)
    run_link(conn, full=True)
    assert _speakers(conn) == inc_speakers

    def groups(m):
        out = {}
        for k, v in m.items():
            out.setdefault(v, set()).add(k)
        return sorted(sorted(g) for g in out.values())

    assert groups(_statements(conn)) == groups(inc_statements)


def test_corrections_apply_and_survive_relinking(tmp_path, labelled):
    db = tmp_path / "c.db"
    conn = connect(db)
    list(write_results(conn, labelled.results[:6]))
    aliases = Path(f"{db}.aliases.yaml")
    aliases.write_text("merge:\n  - [Aino Ketola, Marta Kelnik]\nrename:\n  Halvari: Minister Halvari\n", encoding="utf-8")
    run_link(conn, aliases=aliases)
    ketola = {r[0] for r in conn.execute("SELECT speaker_id FROM link_aliases WHERE alias LIKE '%Ketola%'")}
    kelnik = {r[0] for r in conn.execute("SELECT speaker_id FROM link_aliases WHERE alias LIKE '%Kelnik%'")}
    assert ketola == kelnik and len(ketola) == 1
    # New documents (incremental) and a full re-link keep the correction.
    list(write_results(conn, labelled.results[6:]))
    run_link(conn, aliases=aliases)
    run_link(conn, aliases=aliases, full=True)
    ketola = {r[0] for r in conn.execute("SELECT speaker_id FROM link_aliases WHERE alias LIKE '%Ketola%'")}
    kelnik = {r[0] for r in conn.execute("SELECT speaker_id FROM link_aliases WHERE alias LIKE '%Kelnik%'")}
    assert ketola == kelnik
    names = {r[0] for r in conn.execute("SELECT name FROM link_speakers WHERE id IN (SELECT speaker_id FROM link_aliases WHERE alias = 'Halvari')")}
    assert names == {"Minister Halvari"}
    # Removing the correction (a changed file) relinks everything without it.
    aliases.write_text("merge: []\n", encoding="utf-8")
    summary = run_link(conn, aliases=aliases)
    assert summary.full
    ketola = {r[0] for r in conn.execute("SELECT speaker_id FROM link_aliases WHERE alias LIKE '%Ketola%'")}
    kelnik = {r[0] for r in conn.execute("SELECT speaker_id FROM link_aliases WHERE alias LIKE '%Kelnik%'")}
    assert not (ketola & kelnik)


def _reaction_docs():
    t1 = "“The border will stay open,” Olga Ivanova, the Dravenian spokeswoman, said on Monday."
    q1 = t1.index("The border"), t1.index("open,") + len("open,")
    t2 = ("Karen Sarkisian, a Velmoran lawmaker, deplored Ivanova’s comments. "
          "“Nobody believes that the border is open,” he told reporters.")
    q2 = t2.index("Nobody"), t2.index("open,”") + len("open,")
    d1 = Document("r1", "t", t1, outlet="A", published="2025-03-03")
    d2 = Document("r2", "t", t2, outlet="B", published="2025-03-04")
    s1 = Speaker("s1", "Olga Ivanova", "PERSON", "Dravenian spokeswoman")
    s2 = Speaker("s1", "Karen Sarkisian", "PERSON", "Velmoran lawmaker")
    return [
        DocResult(d1, [Quote("q1", "direct", [Span.of(t1, *q1)], speaker=s1)], speakers={"s1": s1}),
        DocResult(d2, [Quote("q1", "direct", [Span.of(t2, *q2)], speaker=s2)], speakers={"s1": s2}),
    ]


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "quotegraph", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_cli_link_statements_reactions_and_corrections(tmp_path, labelled):
    db = tmp_path / "cli.db"
    conn = connect(db)
    list(write_results(conn, labelled.results + _reaction_docs()))
    conn.close()
    out = _cli("link", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "linked 15 document(s)" in out.stdout

    # `speakers` on a linked store: one row for both spellings, as on the web; --as-written by name
    out = _cli("speakers", "--db", str(db), "--name", "Makar", "--format", "json")
    assert out.returncode == 0, out.stderr
    (arsen,) = json.loads(out.stdout)
    assert {a.split()[-1] for a in arsen["aliases"]} >= {"Makarian", "Makaryan"}, arsen["aliases"]
    out = _cli("speakers", "--db", str(db), "--name", "Makar", "--type", "org", "--format", "json")
    assert json.loads(out.stdout) == []
    out = _cli("speakers", "--db", str(db), "--as-written", "--type", "person", "--format", "json")
    written = [s["name"] for s in json.loads(out.stdout) if "Makar" in s["name"]]
    assert len(written) >= 2, written

    out = _cli("statements", "--db", str(db), "--speaker", "Kelnik", "--min-reports", "2", "--format", "json")
    assert out.returncode == 0, out.stderr
    statements = json.loads(out.stdout)
    assert statements and all(s["speaker"]["name"] == "Marta Kelnik" for s in statements)
    for s in statements:
        assert {"id", "speaker", "text", "reports", "first_report"} <= set(s)
        assert len([r for r in s["reports"] if not r["reused"]]) >= 2
        assert all({"document", "quote_id", "outlet", "published", "start", "end"} <= set(r) for r in s["reports"])

    out = _cli("reactions", "--db", str(db), "--speaker", "Ivanova", "--format", "json")
    edges = json.loads(out.stdout)
    assert [(e["from"]["name"], e["to"]["name"]) for e in edges] == [("Karen Sarkisian", "Olga Ivanova")]
    e = edges[0]
    assert "deplored" in e["evidence"]["text"] and e["from"]["statement"] and e["to"]["statement"]
    text = connect(db).execute("SELECT text FROM documents WHERE id='r2'").fetchone()[0]
    assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]

    svg = tmp_path / "reactions.svg"
    out = _cli("reactions", "--db", str(db), "--format", "svg", "-o", str(svg))
    assert out.returncode == 0, out.stderr
    assert svg.read_text().lstrip().startswith("<?xml") and "Karen Sarkisian" in svg.read_text()

    out = _cli("speakers", "merge", "Aino Ketola", "Marta Kelnik", "--db", str(db))  # issue 5 spelling
    assert out.returncode == 0 and Path(f"{db}.aliases.yaml").exists()
    out = _cli("link", "--db", str(db))
    assert "(full)" in out.stdout  # a changed alias file relinks everything
    out = _cli("speakers-edit", "list", "--db", str(db), "--speaker", "Ketola", "--format", "json")
    (speaker,) = json.loads(out.stdout)
    assert any("Ketola" in a for a in speaker["aliases"]) and \
        any("Kelnik" in a for a in speaker["aliases"])

    out = _cli("statements", "--db", str(db), "--speaker", "Nobody Atall")
    assert out.returncode != 0 and "no linked speaker" in out.stderr
    out = _cli("link", "--db", str(tmp_path / "missing.db"))
    assert out.returncode != 0 and "missing.db" in out.stderr


def test_replaced_document_is_relinked_without_orphans(tmp_path, labelled):
    db = tmp_path / "r.db"
    conn = connect(db)
    list(write_results(conn, labelled.results))
    run_link(conn)
    changed = labelled.results[0]
    doc = changed.document
    new_text = doc.text + "\nA line added by a later edit of the article."
    edited = DocResult(Document(doc.id, doc.source, new_text, outlet=doc.outlet, published=doc.published),
                       changed.quotes[:1], speakers=changed.speakers)
    assert [o.status for o in write_results(conn, [edited])] == ["replaced"]
    summary = run_link(conn)
    assert summary.documents == 1
    reports = conn.execute("SELECT COUNT(*) FROM link_reports WHERE doc_id = ?", (doc.id,)).fetchone()[0]
    assert reports == 1
    orphans = conn.execute("SELECT COUNT(*) FROM link_statements WHERE id NOT IN (SELECT statement_id FROM link_reports)").fetchone()[0]
    assert orphans == 0
    wrong = conn.execute("SELECT COUNT(*) FROM link_statements s WHERE report_count <>"
                         " (SELECT COUNT(*) FROM link_reports r WHERE r.statement_id = s.id AND r.reused = 0)").fetchone()[0]
    assert wrong == 0
