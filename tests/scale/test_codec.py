"""The Ray engine's pieces that need no cluster: row codec, Parquet schema,
run-wide ids (same as ingest.read_inputs), and the worker's per-document error path."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotegraph.ingest import read_inputs
from quotegraph.records import DocResult, Document, InputError, Quote, Span, Speaker
from quotegraph.scale import codec
from quotegraph.scale.load import ShardError, iter_shard_items, list_shards
from quotegraph.scale.ray_engine import READ_SCHEMA, ExtractWorker
from quotegraph.scale.schema import SCHEMA, SCHEMA_VERSION
from quotegraph.scale.sources import plan_inputs, plan_renames, read_unit

TEXT = "Ministers met on Tuesday.\n\n“We will not wait,” the minister told reporters, adding that talks would resume."


def full_result(doc_id: str = "doc-1") -> DocResult:
    doc = Document(
        id=doc_id, source="corpus/a.jsonl:3", text=TEXT, url="https://example.org/a", outlet="Example News",
        published="2024-02-01", language="en", title="Ministers met", format="jsonl",
        boilerplate=[Span.of(TEXT, 0, 25)], meta={"file": "corpus/a.jsonl", "encoding": "utf-8", "dateline": None},
    )
    q_start = TEXT.index("“")
    quote = Quote(
        id=f"{doc_id}#q0", kind="direct", contents=[Span.of(TEXT, q_start + 1, q_start + 17)],
        cue=Span.of(TEXT, TEXT.index("told"), TEXT.index("told") + 4),
        sources=[Span.of(TEXT, TEXT.index("the minister"), TEXT.index("the minister") + 12)],
        speaker=Speaker("s1", "the minister", "PERSON", "minister"),
        addressee=Span.of(TEXT, TEXT.index("reporters"), TEXT.index("reporters") + 9),
        confidence=0.123456789, extra={"said_on": "2024-01-30"},
    )
    return DocResult(
        document=doc, quotes=[quote],
        entities=[{"start": 0, "end": 9, "text": "Ministers", "label": "NORP"}],
        speakers={"s1": Speaker("s1", "the minister", "PERSON", "minister")},
        mentions={"s1": [Span.of(TEXT, TEXT.index("the minister"), TEXT.index("the minister") + 12)]},
        sentences=[(0, 25), (27, len(TEXT))],
        extra={"dates": [{"start": 16, "end": 24, "value": "2024-01-30"}]},
    )


def assert_same_result(a: DocResult, b: DocResult) -> None:
    assert a.to_dict() == b.to_dict()
    assert a.document.format == b.document.format and a.document.meta == b.document.meta
    assert [q.confidence for q in a.quotes] == [q.confidence for q in b.quotes]
    assert (a.entities, a.speakers, a.mentions, a.sentences, a.extra) == (
        b.entities, b.speakers, b.mentions, b.sentences, b.extra)


def test_result_survives_a_parquet_round_trip(tmp_path: Path) -> None:
    original = full_result()
    row = codec.result_to_row(original)
    path = tmp_path / "shard.parquet"
    pq.write_table(pa.Table.from_pylist([row], schema=SCHEMA), path)
    back = pq.read_table(path).to_pylist()[0]
    restored = codec.row_to_result(back)
    assert_same_result(original, restored)
    # The unrounded confidence is kept; the contract JSON still rounds it.
    assert restored.quotes[0].confidence == 0.123456789
    assert restored.to_dict()["quotes"][0]["confidence"] == 0.1235
    assert json.loads(back["quotes_json"])[0]["said_on"] == "2024-01-30"
    assert pq.read_schema(path).metadata[b"quotegraph.schema_version"] == str(SCHEMA_VERSION).encode()


def test_document_json_round_trip_keeps_reader_fields() -> None:
    doc = full_result().document
    again = codec.document_from_json(codec.document_to_json(doc))
    assert again.to_dict() == doc.to_dict() and again.format == doc.format and again.meta == doc.meta


def test_error_rows_come_back_as_input_errors() -> None:
    row = codec.error_to_row(InputError("corpus/b.jsonl:7", "invalid JSON: Expecting value at column 1"))
    item = codec.row_to_item(row)
    assert item == InputError("corpus/b.jsonl:7", "invalid JSON: Expecting value at column 1")
    pa.Table.from_pylist([row], schema=SCHEMA)  # an error row fits the shard schema


def test_plan_renames_numbers_repeats_in_input_order() -> None:
    pairs = [((0, 0), "a"), ((0, 1), "b"), ((0, 2), None), ((1, 0), "a"), ((2, 0), "a"), ((2, 1), "b")]
    assert plan_renames(pairs) == {(1, 0): "a#2", (2, 0): "a#3", (2, 1): "b#2"}


def _write_corpus(root: Path) -> list[Path]:
    (root / "x").mkdir(parents=True)
    (root / "y").mkdir()
    lines = [
        {"id": "dup", "text": "The mayor said the bridge would reopen in May."},
        {"id": "solo", "text": "A spokesperson declined to comment on the report."},
        {"id": "dup", "text": "Officials said the second vote was postponed."},
    ]
    (root / "one.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    (root / "two.jsonl").write_text(json.dumps({"id": "dup", "text": "She said nothing had changed."}) + "\n", encoding="utf-8")
    # Same stem in two folders: read_inputs names them by relative path.
    (root / "x" / "note.txt").write_text("The council said it would appeal the ruling.", encoding="utf-8")
    (root / "y" / "note.txt").write_text("Residents told the paper they were relieved.", encoding="utf-8")
    (root / "y" / "empty.txt").write_bytes(b"")
    return [root, root / "missing.jsonl"]


def test_read_units_plus_renames_equal_read_inputs(tmp_path: Path) -> None:
    inputs = _write_corpus(tmp_path / "corpus")
    expected = list(read_inputs(inputs))

    plan = plan_inputs(inputs)
    items = []
    keyed = []
    for unit in plan.units:
        for pos, (raw_id, item) in enumerate(read_unit(unit, plan.meta_csv, 50 * 1024 * 1024)):
            keyed.append(((unit.index, pos), raw_id))
            items.append(((unit.index, pos), item))
    renames = plan_renames(keyed)
    got = []
    for key, item in items:
        if isinstance(item, Document):
            item.id = renames.get(key, item.id)
        got.append(item)

    def view(x):
        return (x.to_dict(), x.format, x.meta) if isinstance(x, Document) else x

    assert [view(x) for x in got] == [view(x) for x in expected]
    ids = [x.id for x in got if isinstance(x, Document)]
    assert ids.count("dup") == 1 and {"dup#2", "dup#3", "x/note.txt", "y/note.txt"} <= set(ids)
    assert sum(isinstance(x, InputError) for x in got) == 3  # broken line, empty file, missing path


def test_worker_turns_a_failing_document_into_an_error_row() -> None:
    def extractor(doc: Document) -> DocResult:
        if "explode" in doc.text:
            raise RuntimeError("parser crashed")
        return DocResult(document=doc)

    docs = [Document(id="ok", source="f.jsonl:1", text="Fine text."),
            Document(id="bad", source="f.jsonl:2", text="This will explode.")]
    batch = pa.Table.from_pylist(
        [{"unit": 3, "pos": i, "raw_id": d.id, "doc_json": codec.document_to_json(d), "text_sha256": d.hash,
          "err_path": None, "err_reason": None} for i, d in enumerate(docs)],
        schema=READ_SCHEMA,
    )
    worker = ExtractWorker(renames={(3, 1): "bad#2"}, offsets={3: 10}, extractor=extractor)
    out = worker(batch).to_pylist()
    assert [r["seq"] for r in out] == [10, 11]
    assert out[0]["error"] is None and out[0]["id"] == "ok"
    assert out[1]["id"] == "bad#2" and out[1]["source"] == "f.jsonl:2"
    assert out[1]["error"] == "extraction failed: RuntimeError: parser crashed"


def test_load_refuses_a_directory_without_shards(tmp_path: Path) -> None:
    with pytest.raises(ShardError, match="no .parquet shards"):
        list_shards(tmp_path)
    pq.write_table(pa.table({"x": [1]}), tmp_path / "other.parquet")
    with pytest.raises(ShardError, match="not a quotegraph shard"):
        list_shards(tmp_path)


def test_shards_are_read_back_in_input_order(tmp_path: Path) -> None:
    rows = []
    for seq, doc_id in [(1, "b"), (0, "a"), (2, "c")]:
        row = codec.result_to_row(full_result(doc_id))
        row["seq"] = seq
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows[:2], schema=SCHEMA), tmp_path / "z.parquet")
    pq.write_table(pa.Table.from_pylist(rows[2:], schema=SCHEMA), tmp_path / "a.parquet")
    shards = list_shards(tmp_path)
    assert [p.name for p in shards] == ["z.parquet", "a.parquet"]  # by first seq, not by name
    assert [r.document.id for r in iter_shard_items(shards)] == ["a", "b", "c"]


def test_nothing_to_read_needs_no_cluster(tmp_path: Path) -> None:
    import ray

    from quotegraph.scale.ray_engine import extract_to_parquet, iter_results

    empty = tmp_path / "empty"
    empty.mkdir()
    summary = extract_to_parquet([empty], tmp_path / "out")
    assert (summary.documents, summary.errors, summary.shards) == (0, 0, [])
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""
    assert list(iter_results([empty])) == []
    assert not ray.is_initialized()
