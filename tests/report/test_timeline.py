"""`quotegraph timeline` over a real SQLite store, run as real subprocesses.

The store is written with quotegraph.store.write_result from DocResults built
from sentences written for this test and dated by the real dating step
(attach_dates), so each quote carries said_on in Quote.extra and each document
its events in DocResult.extra.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from quotegraph.nlp.dates.attach import attach_dates
from quotegraph.records import Document, DocResult, Quote, Span, Speaker
from quotegraph.store import connect, write_result
from tests.paths import ROOT

QUOTEGRAPH = ROOT / ".venv" / "bin" / "quotegraph"

BRASK = Speaker("p1", "Lena Brask", "PERSON", "mayor")
DAHL = Speaker("p2", "Ole Dahl", "PERSON", "harbour master")
UNION = Speaker("o1", "Dock Workers Union", "ORG")

# (id, published, outlet, text, [(speaker, source, cue, content)])
DOCS = [
    ("harbour-a", "2025-03-06", "Harbour Times",
     "Mayor Lena Brask said on Monday that the bridge would reopen. "
     "The Dock Workers Union warned that the strike would go on. "
     "The port has not recovered from the March 2021 blockade of the harbour.",
     [(BRASK, "Mayor Lena Brask", "said", "that the bridge would reopen"),
      (UNION, "The Dock Workers Union", "warned", "that the strike would go on")]),
    ("harbour-b", "2025-03-04", "Coast Post",
     "Harbour master Ole Dahl said on 20 February 2025 that the pier was unsafe. "
     "Brask said last month that repairs would be paid by the city. "
     "Traders still talk about the March 2021 blockade of the harbour. "
     "Nobody has forgotten the February 2025 storm.",
     [(DAHL, "Harbour master Ole Dahl", "said", "that the pier was unsafe"),
      (BRASK, "Brask", "said", "that repairs would be paid by the city")]),
    # Published last, but the statement is the oldest: the timeline puts it first.
    ("harbour-c", "2025-03-10", "Coast Post",
     "Ole Dahl warned on 15 January 2025 that the harbour wall was cracking.",
     [(DAHL, "Ole Dahl", "warned", "that the harbour wall was cracking")]),
]


def _result(doc_id: str, published: str, outlet: str, text: str, quotes) -> DocResult:
    made = []
    for n, (speaker, source, cue, content) in enumerate(quotes):
        c0 = text.index(content)
        q0 = text.index(cue, text.index(source))
        s0 = text.index(source)
        made.append(Quote(
            id=f"{doc_id}#q{n}", kind="indirect", contents=[Span.of(text, c0, c0 + len(content))],
            cue=Span.of(text, q0, q0 + len(cue)), sources=[Span.of(text, s0, s0 + len(source))], speaker=speaker))
    doc = Document(id=doc_id, source=f"{doc_id}.txt", text=text, published=published, outlet=outlet)
    return attach_dates(DocResult(document=doc, quotes=made))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("timeline") / "timeline.db"
    conn = connect(path)
    for spec in DOCS:
        assert write_result(conn, _result(*spec)).status == "added"
    conn.close()
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "220", "NO_COLOR": "1"}
    return subprocess.run([str(QUOTEGRAPH), "timeline", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)


def timeline_json(db: Path, *args: str) -> dict:
    proc = run("--db", str(db), "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _said(entry: dict) -> tuple:
    s = entry["said_on"]
    return s["start"], s["end"], s["precision"]


def test_json_orders_by_statement_date_with_publication_beside(db):
    out = timeline_json(db)
    assert out["schema"] == "quotegraph-timeline/1"
    got = [(e["speaker"], _said(e), e["published"]) for e in out["statements"]]
    assert got == [
        ("Ole Dahl", ("2025-01-15", "2025-01-15", "day"), "2025-03-10"),
        ("Lena Brask", ("2025-02-01", "2025-02-28", "month"), "2025-03-04"),
        ("Ole Dahl", ("2025-02-20", "2025-02-20", "day"), "2025-03-04"),
        ("Lena Brask", ("2025-03-03", "2025-03-03", "day"), "2025-03-06"),
        ("Dock Workers Union", (None, "2025-03-06", "on_or_before_publication"), "2025-03-06"),
    ]
    union = out["statements"][-1]
    assert union["said_on_label"] == "on or before 6 Mar 2025" and union["placed_on"] == "2025-03-06"
    assert union["reported_on"] == "2025-03-06" and union["said_on"]["evidence"] is None
    assert out["statements"][0]["said_on_label"] == "15 Jan 2025" and out["statements"][0]["reported_on"] == "2025-03-10"
    first = out["statements"][0]
    assert first["kind"] == "statement" and first["doc_id"] == "harbour-c" and first["outlet"] == "Coast Post"
    assert first["said_on"]["evidence"]["text"].endswith("15 January 2025")
    assert first["said_on"]["rule"] and first["text"] == "that the harbour wall was cracking"


def test_json_events_are_listed_once_with_their_mentions(db):
    events = timeline_json(db)["events"]
    blockade = [e for e in events if "blockade" in e["text"]]
    assert len(blockade) == 1
    ev = blockade[0]
    assert (ev["kind"], ev["start"], ev["end"], ev["precision"]) == ("event", "2021-03-01", "2021-03-31", "month")
    assert sorted(ev["doc_ids"]) == ["harbour-a", "harbour-b"] and ev["mentions"] == 2
    assert ev["evidence"]["text"] == "March 2021"
    assert timeline_json(db, "--no-events")["events"] == []


def test_speaker_filter(db):
    out = timeline_json(db, "--speaker", "Brask")
    assert [(e["speaker"], _said(e)[0]) for e in out["statements"]] == [
        ("Lena Brask", "2025-02-01"), ("Lena Brask", "2025-03-03")]
    assert out["filters"]["speaker"] == "Brask"
    # Events only from the documents this speaker is quoted in (harbour-c names none anyway).
    assert all(set(e["doc_ids"]) <= {"harbour-a", "harbour-b"} for e in out["events"])
    assert timeline_json(db, "--speaker", "Nobody Known")["statements"] == []


def test_since_until_keep_statements_whose_interval_overlaps(db):
    out = timeline_json(db, "--since", "2025-02-15", "--until", "2025-03-03")
    assert [_said(e)[:2] for e in out["statements"]] == [
        ("2025-02-01", "2025-02-28"), ("2025-02-20", "2025-02-20"), ("2025-03-03", "2025-03-03")]
    # The February storm overlaps the range; the 2021 blockade does not.
    assert [(e["start"], e["text"]) for e in out["events"]] == [("2025-02-01", "the February 2025 storm")]
    month = timeline_json(db, "--since", "2025-03")
    assert [e["placed_on"] for e in month["statements"]] == ["2025-03-03", "2025-03-06"]
    assert [_said(e)[0] for e in month["statements"]] == ["2025-03-03", None]  # the union's: open start
    year = timeline_json(db, "--until", "2024")
    assert year["statements"] == [] and [e["start"] for e in year["events"]] == ["2021-03-01"]


@pytest.mark.parametrize("args, words", [
    (["--since", "March 2025"], ["--since", "YYYY-MM-DD"]),
    (["--until", "2025-02-30"], ["--until", "not a valid date"]),
    (["--since", "2025-03-01", "--until", "2025-02-01"], ["--since", "after", "--until"]),
    (["--format", "pdf"], ["--format"]),
])
def test_bad_arguments_give_a_clear_error_and_exit_2(db, args, words):
    proc = run("--db", str(db), *args)
    assert proc.returncode == 2
    assert all(w in proc.stderr for w in words), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_table_shows_statement_date_and_publication_date(db):
    proc = run("--db", str(db), "--format", "table")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    dahl_feb = [l for l in lines if "2025-02-20" in l]
    assert len(dahl_feb) == 1 and "Ole Dahl" in dahl_feb[0] and "2025-03-04" in dahl_feb[0]
    month = [l for l in lines if "2025-02-01…2025-02-28" in l]
    assert len(month) == 2 and "Lena Brask" in month[0] and "month" in month[0]
    assert "the February 2025 storm" in month[1]  # in the events table, after the statements
    # Statement order, not publication order: the January statement comes first.
    assert proc.stdout.index("2025-01-15") < proc.stdout.index("2025-02-20") < proc.stdout.index("2025-03-03")
    assert "Dated events" in proc.stdout and "blockade" in proc.stdout


def test_svg_has_speaker_lanes_and_an_events_lane(db, tmp_path):
    target = tmp_path / "t.svg"
    proc = run("--db", str(db), "--format", "svg", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    svg = target.read_text("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for lane in ("Lena Brask", "Ole Dahl", "Dock Workers Union", "events"):
        assert f">{lane}<" in svg, lane
    # The axis spans the statements (2025): the storm is drawn, the 2021 blockade only counted.
    assert "the February 2025 storm" in svg and "blockade" not in svg
    assert "1 event outside these dates not drawn" in svg
    only = tmp_path / "brask.svg"
    assert run("--db", str(db), "--format", "svg", "-o", str(only), "--speaker", "Brask", "--no-events").returncode == 0
    text = only.read_text("utf-8")
    assert ">Lena Brask<" in text and ">Ole Dahl<" not in text and ">events<" not in text


def test_png_is_a_real_non_blank_image(db, tmp_path):
    from PIL import Image

    target = tmp_path / "t.png"
    proc = run("--db", str(db), "--format", "png", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    with Image.open(target) as img:
        assert img.format == "PNG"
        assert img.width >= 400 and img.height >= 150
        grey = img.convert("L")
        hist = grey.histogram()
        dark = sum(hist[:200]) / (img.width * img.height)
        assert 0.005 < dark < 0.6  # ink on a white page: neither blank nor a filled block
        assert len(img.convert("RGB").getcolors(maxcolors=1 << 20)) > 20  # lanes in several colours


def test_output_file_is_only_for_figures(db, tmp_path):
    proc = run("--db", str(db), "--format", "json", "-o", str(tmp_path / "x.json"))
    assert proc.returncode == 2 and "--output" in proc.stderr


@pytest.mark.slow
def test_sample_corpus_end_to_end(tmp_path):
    target = tmp_path / "samples.db"
    env = {**os.environ, "COLUMNS": "200"}
    ingest = subprocess.run(
        [str(QUOTEGRAPH), "ingest", "samples", "--meta", "samples/meta.csv", "--db", str(target)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    out = timeline_json(target)
    statements = out["statements"]
    if not statements:
        pytest.skip("extraction stored no attributed quote with a speaker for the samples yet")
    if not any(e["said_on"]["rule"] for e in statements):
        pytest.skip("no stored quote has said_on yet: attach_dates is not wired into extract()")
    march = [e for e in statements if e["said_on"]["precision"] == "day" and e["said_on"]["start"].startswith("2025-03")]
    assert len(march) >= 5
    assert all(e["published"] and e["published"] >= e["said_on"]["start"] for e in march)
    starts = [e["said_on"]["start"] for e in statements if e["said_on"]["start"]]
    assert starts == sorted(starts)
    assert any(e["start"].startswith("2019") for e in out["events"])  # the 2019 border war


@pytest.mark.slow
def test_sample_corpus_extracted_and_dated_then_timeline(tmp_path):
    """The real chain without waiting for the wiring in extract(): ingest readers,
    spaCy extraction, attach_dates, the store writer, then the timeline CLI."""
    from quotegraph.ingest import read_inputs
    from quotegraph.nlp.pipeline import extract

    target = tmp_path / "dated.db"
    conn = connect(target)
    for doc in read_inputs([ROOT / "samples"], ROOT / "samples" / "meta.csv"):
        assert isinstance(doc, Document), doc
        write_result(conn, attach_dates(extract(doc)))
    published, meta = conn.execute(
        "SELECT published, meta FROM documents WHERE id = 'ut-2025-03-08-makaryan-interview'").fetchone()
    conn.close()
    # meta.csv leaves this one empty: the dateline "Ulmsk, 08.03.2025" supplies it.
    assert published == "2025-03-08" and json.loads(meta)["published_from"] == "dateline"

    out = timeline_json(target)
    statements = out["statements"]
    if not statements:
        pytest.skip("extraction found no attributed quote with a speaker in the samples")
    starts = [e["said_on"]["start"] for e in statements if e["said_on"]["start"]]
    assert starts == sorted(starts)
    march_days = [e for e in statements if e["said_on"]["precision"] == "day" and e["said_on"]["start"].startswith("2025-03")]
    assert len(march_days) >= 15
    assert all(e["said_on"]["start"] <= e["published"] for e in march_days)
    assert sum(e["said_on"]["rule"] == "same_speech_event" for e in statements) >= 3
    # Statements reported days later are placed at the day they were said, not published.
    assert any(e["said_on"]["start"] < e["published"] for e in march_days)
    assert any(e["start"].startswith("2019") for e in out["events"])  # the 2019 border war
    assert any(e["start"] == "2023-10-01" and "summit" in e["text"] for e in out["events"])


def test_an_undated_statement_is_shown_as_a_bound_apart_from_its_report_date(db, tmp_path):
    """The union's warning has no date in its article (published 2025-03-06): the table
    says "on or before", beside the "reported on" column; the figure draws a bound at the
    publication day, not a dot or a day-wide bar."""
    proc = run("--db", str(db), "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert "reported on" in proc.stdout
    union = [line for line in proc.stdout.splitlines() if "Dock Workers Union" in line]
    assert len(union) == 1 and "on or before 2025-03-06" in union[0] and "on_or_before_publication" in union[0]
    target = tmp_path / "bound.svg"
    assert run("--db", str(db), "--format", "svg", "-o", str(target), "--no-events").returncode == 0
    svg = target.read_text("utf-8")
    assert svg.count('id="said-on-or-before-') == 1
    assert 'id="said-on-or-before-harbour-a#q1"' in svg
    assert "said on or before the article" in svg  # the legend explains the mark


def test_an_on_or_before_entry_sits_at_its_bound_after_that_days_dated_statements(tmp_path):
    from quotegraph.report.timeline import timeline_entries
    from quotegraph.store import QuoteFilter

    path = tmp_path / "bound.db"
    conn = connect(path)
    text = "The Dock Workers Union said the strike would go on. Mayor Lena Brask said on Thursday that talks had failed."
    write_result(conn, _result("harbour-d", "2025-03-06", "Harbour Times", text, [
        (UNION, "The Dock Workers Union", "said", "the strike would go on"),
        (BRASK, "Mayor Lena Brask", "said", "that talks had failed")]))
    entries = timeline_entries(conn)
    assert [(e.speaker, e.said_start, e.placed_on, e.is_bound) for e in entries] == [
        ("Lena Brask", "2025-03-06", "2025-03-06", False),
        ("Dock Workers Union", None, "2025-03-06", True)]
    # A range ending before the bound leaves it out; one reaching the bound keeps it.
    assert [e.speaker for e in timeline_entries(conn, QuoteFilter(until="2025-03-05", dates="said_on"))] == []
    assert [e.speaker for e in timeline_entries(conn, QuoteFilter(since="2025-03-06", dates="said_on"))] == [
        "Lena Brask", "Dock Workers Union"]
    conn.close()
