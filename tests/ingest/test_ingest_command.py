"""`quotegraph extract` end to end: a real subprocess of the installed command."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.paths import ROOT

REPO = ROOT
FIXTURES = REPO / "tests" / "fixtures" / "ingest"
QUOTEGRAPH = REPO / ".venv" / "bin" / "quotegraph"
CONTRACT_KEYS = {"id", "source", "url", "outlet", "published", "language", "title", "text", "boilerplate", "quotes"}


def run(*args: str | Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    exe = [str(QUOTEGRAPH)] if QUOTEGRAPH.exists() else [sys.executable, "-m", "quotegraph"]
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([*exe, *map(str, args)], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """Good fixture files plus three bad ones of different kinds."""
    folder = tmp_path_factory.mktemp("cli")
    good = folder / "good"
    good.mkdir()
    for name in ("meridian_nav_credits.txt", "gazette_headline_twice.txt", "sidecar_story.txt", "sidecar_story.meta.json"):
        (good / name).write_bytes((FIXTURES / name).read_bytes())
    bad_empty = folder / "empty.txt"
    bad_empty.write_bytes(b"")
    bad_gz = folder / "cut.txt.gz"
    data = gzip.compress((FIXTURES / "meridian_nav_credits.txt").read_bytes() * 20)
    bad_gz.write_bytes(data[: len(data) // 2])
    missing = folder / "missing.html"
    return folder, [good, bad_empty, bad_gz, missing]


@pytest.mark.slow
def test_extract_writes_records_and_reports_each_bad_input(mixed_inputs, tmp_path: Path) -> None:
    folder, inputs = mixed_inputs
    out = tmp_path / "out.jsonl"
    proc = run("extract", *inputs, "-o", out)
    assert proc.returncode == 1, proc.stderr

    error_lines = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == 3
    assert error_lines[0] == f"error: {inputs[1]}: empty file"
    assert error_lines[1].startswith(f"error: {inputs[2]}: truncated gzip file")
    assert error_lines[2] == f"error: {inputs[3]}: no such file or directory"
    assert "documents written" in proc.stderr and "inputs failed" in proc.stderr

    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["gazette_headline_twice", "meridian_nav_credits", "sidecar_story"]
    for record in records:
        assert CONTRACT_KEYS <= set(record)
        source_text = Path(record["source"]).read_text(encoding="utf-8")
        assert record["text"] == source_text  # .txt: the input exactly
        assert record["language"] == "en"
        for span in record["boilerplate"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]
        for quote in record["quotes"]:
            for span in quote["contents"]:
                assert record["text"][span["start"] : span["end"]] == span["text"]
    by_id = {r["id"]: r for r in records}
    assert by_id["sidecar_story"]["outlet"] == "Lumeria Herald"
    assert by_id["sidecar_story"]["published"] == "2026-02-13"
    assert by_id["gazette_headline_twice"]["outlet"] == "Tarvos Gazette"
    assert "Share this article" in [s["text"] for s in by_id["meridian_nav_credits"]["boilerplate"]]


@pytest.mark.slow
def test_output_inside_input_folder_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes((FIXTURES / "sidecar_story.txt").read_bytes())
    out = tmp_path / "out.jsonl"
    proc = run("extract", tmp_path, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["story"]
    assert not (tmp_path / "out.jsonl.partial").exists()


@pytest.mark.slow
def test_extract_all_good_exits_zero_to_stdout(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes((FIXTURES / "sidecar_story.txt").read_bytes())
    proc = run("extract", path)
    assert proc.returncode == 0, proc.stderr
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert record["id"] == "story" and record["text"] == path.read_text(encoding="utf-8")
    assert "error:" not in proc.stderr


def test_extract_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run("extract").returncode == 2  # no INPUT
    assert run("extract", tmp_path, "--meta", tmp_path / "nope.csv").returncode == 2
    assert run("extract", tmp_path, "--max-bytes", "0").returncode == 2
    assert run("extract", tmp_path, "-o", tmp_path / "no-such-folder" / "out.jsonl").returncode == 2


def test_extract_help_documents_exit_codes() -> None:
    proc = run("extract", "--help")
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    assert "Exit codes: 0" in text and "1 at least one input failed" in text and "2 usage error" in text


@pytest.mark.slow
def test_bench_ingest_reports_both_sides_on_the_same_pages() -> None:
    proc = run("bench", "ingest", FIXTURES, "--rounds", "1")
    assert proc.returncode == 0, proc.stderr
    rows = {}
    for line in proc.stdout.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 8 and cells[1].isdigit():
            rows[cells[0]] = cells
    text_files = len(list(FIXTURES.glob("*.txt")))
    assert int(rows["read+clean, all inputs"][1]) == text_files
    # Fewer articles than 100: the synthetic pages cycle them, and every side reads every page.
    assert int(rows["project: read+clean HTML"][1]) == 100
    assert int(rows["trafilatura.extract"][1]) == 100
    assert float(rows["trafilatura.extract"][5]) > 0 and float(rows["project: read+clean HTML"][6]) > 0
    assert "synthetic HTML pages were generated" in proc.stdout
    assert "of trafilatura.extract throughput" in proc.stdout
