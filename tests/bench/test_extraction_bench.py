"""`quotegraph bench extract --profile`: the per-stage table on a few articles written for the test."""
from __future__ import annotations

import json
import re

ARTICLES = [
    "Harbour officials said on Monday that the ferry would resume sailing next week.\n\n"
    "\"We are confident the repairs will hold,\" the port director, Mira Tesh, told reporters.",
    "The mayor of Lindquay, Oskar Brell, said the budget was balanced. Critics disagreed.\n\n"
    "\"This is an accounting trick,\" said Hana Vold, who leads the opposition.",
]


def test_profile_prints_each_stage_on_its_thread(tmp_path, cli):
    data = tmp_path / "articles.jsonl"
    data.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(ARTICLES)))
    done = cli("bench", "extract", data, "--profile")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    rows = {(m.group(1).strip(), m.group(2)) for m in re.finditer(r"│ ([a-z][^│]+?)\s+│ (\S+)\s+│", out)}
    threads = {stage: {t for s, t in rows if s == stage} for stage, _ in rows}
    assert threads["parse (spaCy)"] == {"MainThread"}
    # the tagger runs beside the parser; the main thread may take over jobs it would wait for
    assert any(t.startswith("tagger") for t in threads["tagger"])
    assert threads["tagger"] <= {"MainThread"} | {t for t in threads["tagger"] if t.startswith("tagger")}
    assert {"statement filter", "speakers", "dates"} <= set(threads)
    assert re.search(r"ratio full/bare \(articles/s\): \d\.\d\d", out)
    assert re.search(r"load average \d", out)
