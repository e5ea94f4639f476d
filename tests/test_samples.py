"""The bundled sample corpus (samples/) is consistent with its own hand labels.

Checks, on the real files: every file decodes, the WARC holds its two HTML
responses and is rebuilt byte for byte by tools/make_sample_warc.py, every gold
span sits exactly where gold.json says, the gold's own date arithmetic holds,
and every phenomenon of the checklist is present in the documents it names.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import trafilatura
from warcio.archiveiterator import ArchiveIterator
from tests.paths import ROOT

SAMPLES = ROOT / "samples"
READER_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
OPENING_MARKS = "“‘«„\"'"
CLOSING_MARKS = "”’»“\"'"
# A quotation mark; ’ and ' between letters are apostrophes (Velmora’s), not marks.
ANY_MARK = re.compile(r"[“”«»„\"]|(?<!\w)[‘’']|[‘’'](?!\w)")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@lru_cache(maxsize=1)
def gold() -> dict:
    return json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def checklist() -> list:
    return json.loads((SAMPLES / "checklist.json").read_text(encoding="utf-8"))


def warc_responses(path: Path) -> dict[str, bytes]:
    out = {}
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                out[rec.rec_headers.get_header("WARC-Target-URI")] = rec.content_stream().read()
    return out


@lru_cache(maxsize=None)
def raw_text(doc_id: str) -> str:
    """The document as stored: .txt text, the JSONL `text` field, or the page's HTML."""
    doc = docs_by_id()[doc_id]
    path = SAMPLES / doc["file"]
    if doc["format"] == "txt":
        return path.read_text(encoding="utf-8")
    if doc["format"] == "jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["id"] == doc["record"]:
                return rec["text"]
        raise AssertionError(f"{doc_id}: no such JSONL record")
    if doc["format"] == "html":
        return path.read_text(encoding="utf-8")
    return warc_responses(path)[doc["record"]].decode("utf-8")


@lru_cache(maxsize=None)
def body_text(doc_id: str) -> str:
    """The text the offsets refer to: input text for txt/jsonl, trafilatura's main text for HTML/WARC."""
    doc = docs_by_id()[doc_id]
    if doc["format"] in ("txt", "jsonl"):
        return raw_text(doc_id)
    text = trafilatura.extract(raw_text(doc_id))
    assert text, f"{doc_id}: trafilatura found no main text"
    return text


@lru_cache(maxsize=1)
def docs_by_id() -> dict[str, dict]:
    return {d["id"]: d for d in gold()["documents"]}


def all_statements():
    for d in gold()["documents"]:
        for s in d["statements"]:
            yield d, s


def spans_of(stmt: dict) -> list[tuple[str, dict]]:
    spans = [("content", c) for c in stmt["contents"]]
    for key in ("cue", "source", "addressee"):
        if stmt.get(key):
            spans.append((key, stmt[key]))
    if stmt["said_on"].get("evidence"):
        spans.append(("said_on evidence", stmt["said_on"]["evidence"]))
    return spans


# --- files -------------------------------------------------------------------

def test_every_listed_file_exists_and_decodes():
    for d in gold()["documents"]:
        path = SAMPLES / d["file"]
        assert path.is_file(), f"{d['file']} is missing"
        text = raw_text(d["id"])
        assert len(text) > 500, f"{d['id']}: suspiciously short"
        assert "\ufffd" not in text, f"{d['id']}: replacement characters, bad decoding"


def test_every_reader_file_in_samples_is_labelled():
    listed = {d["file"] for d in gold()["documents"]}
    on_disk = {
        p.relative_to(SAMPLES).as_posix()
        for p in SAMPLES.rglob("*")
        if p.is_file() and p.name.endswith(READER_SUFFIXES)
    }
    assert on_disk == listed


def test_corpus_shape_matches_the_brief():
    docs = gold()["documents"]
    assert 12 <= len(docs) <= 14
    assert len({d["outlet"] for d in docs}) >= 4
    formats = {d["format"] for d in docs}
    assert formats == {"txt", "html", "jsonl", "warc"}
    jsonl_records = [json.loads(x) for x in (SAMPLES / "jsonl/meridian-wire.jsonl").read_text("utf-8").splitlines()]
    assert 3 <= len(jsonl_records) <= 4
    for rec in jsonl_records:
        assert {"id", "text", "url", "outlet", "published", "title"} <= set(rec)
    dates = sorted(d["published"] for d in docs if d["published"])
    span_days = (dt.date.fromisoformat(dates[-1]) - dt.date.fromisoformat(dates[0])).days
    assert 7 <= span_days <= 12, "one story over about ten days"


def test_warc_has_two_html_responses_with_fixed_headers():
    path = SAMPLES / "warc/northwind-radio.warc.gz"
    with gzip.open(path, "rb") as fh:  # a real gzip stream, not a renamed file
        assert fh.read(8) == b"WARC/1.0"
    kinds, uris = [], []
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            kinds.append(rec.rec_type)
            if rec.rec_type == "response":
                assert rec.http_headers.get_header("Content-Type").startswith("text/html")
                assert rec.rec_headers.get_header("WARC-Date").startswith("2025-03-")
                uris.append(rec.rec_headers.get_header("WARC-Target-URI"))
    assert kinds.count("response") == 2
    warc_docs = [d["record"] for d in gold()["documents"] if d["format"] == "warc"]
    assert uris == warc_docs


def test_warc_builder_is_deterministic(tmp_path):
    out = tmp_path / "rebuilt.warc.gz"
    subprocess.run([sys.executable, str(ROOT / "tools/make_sample_warc.py"), str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (SAMPLES / "warc/northwind-radio.warc.gz").read_bytes()


# --- publication metadata ----------------------------------------------------

def test_publication_dates_agree_with_their_sources():
    rows = {r["path"]: r for r in csv.DictReader(open(SAMPLES / "meta.csv", encoding="utf-8"))}
    assert set(next(iter(rows.values())).keys()) == {"path", "url", "outlet", "published", "title"}
    for path in rows:
        assert (SAMPLES / path).is_file(), f"meta.csv names a missing file: {path}"
    for d in gold()["documents"]:
        src = d["published_from"]
        if src == "meta.csv":
            assert rows[d["file"]]["published"] == d["published"]
        elif src == "sidecar":
            sidecar = json.loads((SAMPLES / d["file"]).with_suffix(".meta.json").read_text("utf-8"))
            assert sidecar["published"] == d["published"]
        elif src == "jsonl":
            assert json.loads(next(l for l in (SAMPLES / d["file"]).read_text("utf-8").splitlines()
                                   if json.loads(l)["id"] == d["record"]))["published"] == d["published"]
        elif src in ("html", "warc"):
            assert f'article:published_time" content="{d["published"]}T' in raw_text(d["id"])
        elif src == "dateline":
            day = dt.date.fromisoformat(d["published"])
            assert re.search(rf"^\w+, {day:%d.%m.%Y}$", raw_text(d["id"]), re.M)
            assert rows[d["file"]]["published"] == ""
        else:
            assert src is None and d["published"] is None


def test_one_text_file_has_no_date_at_all():
    undated = [d for d in gold()["documents"] if d["format"] == "txt" and d["published"] is None]
    assert undated
    rows = {r["path"]: r for r in csv.DictReader(open(SAMPLES / "meta.csv", encoding="utf-8"))}
    for d in undated:
        text = raw_text(d["id"])
        assert not (SAMPLES / d["file"]).with_suffix(".meta.json").exists()
        assert rows.get(d["file"], {}).get("published", "") == ""
        assert not re.search(r"\b(19|20)\d\d\b|\d\d?\.\d\d?\.\d{4}", text), "no year or dateline anywhere"


# --- gold spans --------------------------------------------------------------

def test_gold_spans_sit_exactly_where_claimed():
    checked = 0
    for d, s in all_statements():
        text = body_text(d["id"])
        for what, span in spans_of(s):
            if d["offsets"] == "input_text":
                assert text[span["start"]:span["end"]] == span["text"], f"{s['id']} {what}"
                checked += 1
            else:
                assert span["text"] in text, f"{s['id']} {what}: {span['text']!r} not in extracted text"
        for c in s["contents"]:
            assert text.count(c["text"]) == 1, f"{s['id']}: content is not unique in its document"
    assert checked > 200


def test_gold_event_spans_sit_exactly_where_claimed():
    for d in gold()["documents"]:
        for ev in d["events"]:
            if "span" in ev:
                assert raw_text(d["id"])[ev["span"]["start"]:ev["span"]["end"]] == ev["text"]
            assert ev["start"] <= ev["end"]


def test_kinds_match_the_quotation_marks():
    for d, s in all_statements():
        text = body_text(d["id"])
        for c in s["contents"]:
            start = text.index(c["text"]) if d["offsets"] is None else c["start"]
            if s["kind"] == "direct":
                assert text[start - 1] in OPENING_MARKS, f"{s['id']}: direct content not opened by a mark"
                assert c["text"][0] not in OPENING_MARKS
            elif s["kind"] == "indirect":
                assert not ANY_MARK.search(c["text"]), f"{s['id']}: indirect content contains marks"
            else:
                assert ANY_MARK.search(c["text"]), f"{s['id']}: mixed content has no quoted part"


def test_split_and_multi_paragraph_quotes_have_several_spans():
    by_id = {s["id"]: (d, s) for d, s in all_statements()}
    _, multi = by_id["ut0308-2"]
    assert len(multi["contents"]) == 3
    text = raw_text("ut-2025-03-08-makaryan-interview")
    for a, b in zip(multi["contents"], multi["contents"][1:]):
        assert text[a["end"]:b["start"]] == "\n\n“"  # no closing mark, next paragraph opens with one
    assert text[multi["contents"][-1]["end"]:].startswith("” the diplomat told DRTA.")
    for sid in ("kh0304-4", "kh0306-3", "mw1-3", "bp0311-2", "nr0307-2"):
        assert len(by_id[sid][1]["contents"]) == 2


def test_said_on_gold_is_consistent_with_its_evidence():
    for d, s in all_statements():
        so = s["said_on"]
        if d["published"] is None:
            assert so["precision"] == "unknown" and so["start"] is None
            continue
        pub = dt.date.fromisoformat(d["published"])
        end = dt.date.fromisoformat(so["end"])
        if so["precision"] == "on_or_before_publication":
            # nothing dates it: open start, bounded by publication, no evidence
            assert so["start"] is None and end == pub and so["evidence"] is None and so["basis"] == "publication"
            continue
        start = dt.date.fromisoformat(so["start"])
        assert start <= end <= pub, f"{s['id']}: said after publication?"
        ev = (so["evidence"] or {}).get("text", "").lower()
        day_name = next((w for w in WEEKDAYS if w in ev), None)
        if day_name and so["basis"] in ("relative", "context"):
            # news convention: a bare weekday is the latest such day on or before publication
            assert start == end and start.strftime("%A").lower() == day_name, s["id"]
            assert 0 <= (pub - start).days < 7, s["id"]
        if ev == "yesterday":
            assert start == end == pub - dt.timedelta(days=1)


def test_speakers_reactions_and_pairs_are_declared():
    g = gold()
    names = {sp["name"] for sp in g["speakers"]}
    stmt_ids = {s["id"]: s for _, s in all_statements()}
    assert len(stmt_ids) == sum(len(d["statements"]) for d in g["documents"]), "statement ids are unique"
    for _, s in all_statements():
        assert s["speaker"] in names
    all_text = "\n".join(body_text(d) for d in docs_by_id()).lower()
    for sp in g["speakers"]:
        for alias in sp["aliases"]:
            assert alias.lower() in all_text, f"alias {alias!r} of {sp['name']} never occurs"
    for pair in g["must_not_merge"]:
        assert pair["a"] in names and pair["b"] in names and pair["a"] != pair["b"]
    for r in g["reactions"]:
        assert r["from"] in names and r["to"] in names
        assert r["evidence"] in body_text(r["document"]), r
    for t in g["translations"]:
        a, b = stmt_ids[t["a"]], stmt_ids[t["b"]]
        assert a["cluster"] == b["cluster"] and a["speaker"] == b["speaker"]
        assert a["contents"][0]["text"] != b["contents"][0]["text"]
    for p in g["syndicated"]:
        a, b = stmt_ids[p["a"]], stmt_ids[p["b"]]
        assert [c["text"] for c in a["contents"]] == [c["text"] for c in b["contents"]]


def test_syndicated_articles_share_whole_paragraphs():
    paras = {i: set(raw_text(i).split("\n\n")) for i in ("mw-20250304-01", "mw-20250307-02")}
    shared = paras["mw-20250304-01"] & paras["mw-20250307-02"]
    assert len([p for p in shared if len(p) > 80]) >= 3


def test_same_surname_people_never_appear_in_one_document():
    """'Different contexts': the two Tessaros never speak in the same article."""
    for d in gold()["documents"]:
        speakers = {s["speaker"] for s in d["statements"]}
        assert not {"Ilse Tessaro", "Radu Tessaro"} <= speakers, d["id"]


# --- phenomenon checklist ----------------------------------------------------

@pytest.mark.parametrize("item", checklist(), ids=lambda it: it["id"])
def test_checklist_phenomenon_is_present(item):
    for check in item["checks"]:
        pattern = re.compile(check["regex"], re.MULTILINE)
        for doc_id in check["docs"]:
            assert doc_id in docs_by_id(), f"{item['id']}: unknown document {doc_id}"
            assert pattern.search(raw_text(doc_id)), f"{item['id']}: /{check['regex']}/ not in {doc_id}"


def test_readme_documents_every_checklist_item_and_the_schema():
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for item in checklist():
        assert f"`{item['id']}`" in readme, f"README lacks checklist item {item['id']}"
    for key in ("said_on", "cluster", "must_not_merge", "reactions", "translations", "syndicated", "aliases"):
        assert key in readme


def test_gold_exports_to_the_scorer_layout(tmp_path):
    """tools/sample_gold_export.py places every gold span in an extraction run's texts."""
    extracted = tmp_path / "extracted.jsonl"
    extracted.write_text(
        "".join(json.dumps({"id": d, "text": body_text(d)}, ensure_ascii=False) + "\n" for d in docs_by_id()),
        encoding="utf-8",
    )
    out = tmp_path / "gold.jsonl"
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools/sample_gold_export.py"), str(extracted), "-o", str(out)],
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(exported) == len(docs_by_id())
    n = 0
    for doc in exported:
        for q in doc["quotes"]:
            for span in q["contents"] + q["sources"] + [s for s in (q["cue"], q["addressee"]) if s]:
                assert doc["text"][span["start"]:span["end"]] == span["text"]
                n += 1
    assert n > 250
    # A document missing from the run is reported and fails the export.
    extracted.write_text(json.dumps({"id": "mw-20250304-01", "text": body_text("mw-20250304-01")}) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "tools/sample_gold_export.py"), str(extracted), "-o", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "not in the extraction output" in run.stderr
