"""Extraction speed against bare spaCy: in one process (models loaded first) and as
whole processes (model loading included).

In-process, the bare and the full runs alternate chunk by chunk, so a change of load
on a shared machine hits both alike. Whole processes: ``quotegraph extract`` against
a script that loads the same spaCy pipeline and runs ``nlp.pipe`` over the same texts,
each started fresh, run one after the other and repeated.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Document
from . import peak_rss_mb

CHUNK = 16  # articles per alternation of the bare and full runs


@dataclass
class InProcessRun:
    articles: int
    words: int
    bare_s: float
    full_s: float
    quotes: int
    peak_rss_mb: float
    rss_before_models_mb: float
    rss_after_models_mb: float
    stages: list = field(default_factory=list)  # stage_times.StageTime rows when profiled

    @property
    def ratio(self) -> float:
        """Full extraction's articles/s over bare spaCy's (1.0: as fast as parsing alone)."""
        return self.bare_s / self.full_s if self.full_s else 0.0


def current_rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def run_in_process(rows: Sequence[dict], source: str, config, profile: bool = False,
                   advance: Callable[[int], None] = lambda n: None) -> InProcessRun:
    """Bare ``nlp.pipe`` and full batched extraction over the same texts, models loaded first."""
    from ..nlp.pipeline import extract_many, warm_up
    from ..nlp.spacy_model import get_nlp
    from ..nlp.stage_times import TIMES

    texts = [r["text"] for r in rows]
    before = current_rss_mb()
    nlp = get_nlp()
    warm_up(config)  # model loading is not part of either throughput
    after = current_rss_mb()
    bare_s = full_s = 0.0
    quotes = 0
    TIMES.reset(enabled=profile)
    try:
        for k in range(0, len(rows), CHUNK):
            chunk = rows[k:k + CHUNK]
            t0 = time.perf_counter()
            for _ in nlp.pipe((r["text"] for r in chunk), batch_size=CHUNK):
                pass
            bare_s += time.perf_counter() - t0
            docs = [Document(id=str(r["id"]), source=source, text=r["text"], format="jsonl") for r in chunk]
            t0 = time.perf_counter()
            for result in extract_many(docs, config):  # batched, as `quotegraph extract` and `ingest` run it
                if isinstance(result, Exception):
                    raise result
                quotes += len(result.quotes)
            full_s += time.perf_counter() - t0
            advance(len(chunk))
        stages = TIMES.rows()
    finally:
        TIMES.reset(enabled=False)
    return InProcessRun(len(rows), sum(len(t.split()) for t in texts), bare_s, full_s, quotes, peak_rss_mb(),
                        before, after, stages)


BARE_SCRIPT = """
import json, sys
from quotegraph.nlp.spacy_model import get_nlp
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
for _ in get_nlp().pipe(texts, batch_size=16):
    pass
"""


@dataclass
class WholeProcessRun:
    bare_s: list[float]
    full_s: list[float]

    @property
    def ratio(self) -> float:
        """Best full run against best bare run (the least disturbed of each)."""
        return min(self.bare_s) / min(self.full_s)


def run_whole_processes(rows: Sequence[dict], repeats: int = 2,
                        advance: Callable[[int], None] = lambda n: None) -> WholeProcessRun:
    """Wall seconds of fresh processes: the bare spaCy script and ``quotegraph extract``
    (which writes its JSONL to a temporary file), alternated ``repeats`` times."""
    bare, full = [], []
    with tempfile.TemporaryDirectory(prefix="qg-bench-") as tmp:
        data = Path(tmp) / "articles.jsonl"
        with data.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({"id": str(r["id"]), "text": r["text"]}) + "\n")
        quotegraph = [sys.executable, "-m", "quotegraph"]
        for _ in range(repeats):
            bare.append(_timed([sys.executable, "-c", BARE_SCRIPT, str(data)]))
            advance(1)
            full.append(_timed(quotegraph + ["extract", str(data), "-o", str(Path(tmp) / "out.jsonl")]))
            advance(1)
    return WholeProcessRun(bare, full)


def _timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... failed ({done.returncode}): {done.stderr[-800:]}")
    return seconds
