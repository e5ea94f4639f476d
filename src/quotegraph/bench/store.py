"""`quotegraph bench store`: build a synthetic corpus and measure the store.

Insert throughput counts only time spent in the writer (records are generated
in batches outside the timed section: no NLP involved). Query latency is the
wall time of ``quote_search.search(..., limit=20)`` on a separate read-only
connection, records built, for varied --speaker and --search queries.
"""
from __future__ import annotations

import random
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..store import QuoteFilter, quote_search
from . import peak_rss_mb
from ..store.schema import connect
from .synthetic import SyntheticCorpus, build_corpus_model, generate_results
from ..store.writer import WriteSummary, write_results

# Targets from issue 4.
TARGET_QUOTES_PER_S = 5_000
TARGET_P95_MS = 50.0
_GENERATE_CHUNK = 2_000


@dataclass
class StoreBenchReport:
    db: str
    docs: int
    quotes: int
    modelled_on: str
    insert_seconds: float | None = None
    insert_cpu_seconds: float | None = None
    speaker_ms: list[float] = field(default_factory=list)
    search_ms: list[float] = field(default_factory=list)
    speaker_hits: float = 0.0
    search_hits: float = 0.0
    db_bytes: int = 0
    peak_rss_mb: float = 0.0

    @staticmethod
    def _pct(values: list[float], q: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("speaker_ms")
        d.pop("search_ms")
        d.update({
            "quotes_per_s": self.quotes / self.insert_seconds if self.insert_seconds else None,
            "docs_per_s": self.docs / self.insert_seconds if self.insert_seconds else None,
            "quotes_per_cpu_s": self.quotes / self.insert_cpu_seconds if self.insert_cpu_seconds else None,
            "speaker_p50_ms": self._pct(self.speaker_ms, 0.5), "speaker_p95_ms": self._pct(self.speaker_ms, 0.95),
            "search_p50_ms": self._pct(self.search_ms, 0.5), "search_p95_ms": self._pct(self.search_ms, 0.95),
            "mb_per_million_quotes": self.db_bytes / 1e6 / (self.quotes / 1e6) if self.quotes else None,
        })
        return d

    def rows(self) -> list[tuple[str, str, str]]:
        d = self.as_dict()
        rows = [("documents / quotes", f"{self.docs:,} / {self.quotes:,}", "≥ 100,000 / 1,000,000"),
                ("text modelled on", self.modelled_on, "")]
        if self.insert_seconds:
            rows += [("insert time (writer only)",
                      f"{self.insert_seconds:,.1f} s wall · {self.insert_cpu_seconds:,.1f} s CPU", ""),
                     ("insert throughput (wall clock)",
                      f"{d['quotes_per_s']:,.0f} quotes/s ({d['docs_per_s']:,.0f} docs/s)",
                      f"≥ {TARGET_QUOTES_PER_S:,} quotes/s"),
                     # On a shared machine the process may get a fraction of a core: CPU time shows the cost.
                     ("insert throughput (per CPU second)", f"{d['quotes_per_cpu_s']:,.0f} quotes/s", "")]
        rows += [
            (f"--speaker latency ({len(self.speaker_ms)} queries)",
             f"p50 {d['speaker_p50_ms']:.1f} ms · p95 {d['speaker_p95_ms']:.1f} ms · max {max(self.speaker_ms, default=0):.1f} ms",
             f"p95 ≤ {TARGET_P95_MS:.0f} ms"),
            (f"--search latency ({len(self.search_ms)} queries)",
             f"p50 {d['search_p50_ms']:.1f} ms · p95 {d['search_p95_ms']:.1f} ms · max {max(self.search_ms, default=0):.1f} ms",
             f"p95 ≤ {TARGET_P95_MS:.0f} ms"),
            ("mean results per query (limit 20)", f"speaker {self.speaker_hits:.1f} · search {self.search_hits:.1f}", ""),
            ("database size", f"{self.db_bytes / 1e6:,.0f} MB", ""),
            ("size per million quotes", f"{d['mb_per_million_quotes']:,.0f} MB" if self.quotes else "–", ""),
            ("peak memory (RSS)", f"{self.peak_rss_mb:,.0f} MB", ""),
        ]
        return rows


def _build(db: Path, model: SyntheticCorpus, docs: int, quotes: int, seed: int, progress) -> tuple[float, float]:
    conn = connect(db)
    # A bulk load checkpoints the WAL less often (80 MB instead of 4 MB): hot
    # index pages are then copied into the database file far fewer times.
    conn.execute("PRAGMA wal_autocheckpoint = 20000")
    task = progress.add_task("writing synthetic corpus", total=docs) if progress else None
    generator = generate_results(model, docs, quotes, seed)
    insert_seconds = cpu_seconds = 0.0
    summary = WriteSummary()
    while True:
        batch = [r for _, r in zip(range(_GENERATE_CHUNK), generator)]
        if not batch:
            break
        started, cpu_started = time.perf_counter(), time.process_time()
        for outcome in write_results(conn, batch, batch_size=_GENERATE_CHUNK):
            summary.count(outcome)
        insert_seconds += time.perf_counter() - started
        cpu_seconds += time.process_time() - cpu_started
        if progress:
            progress.update(task, advance=len(batch))
    started, cpu_started = time.perf_counter(), time.process_time()
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    insert_seconds += time.perf_counter() - started
    cpu_seconds += time.process_time() - cpu_started
    conn.close()
    if summary.failed:
        raise RuntimeError(f"{summary.failed} synthetic documents failed to store: {summary.errors[:3]}")
    return insert_seconds, cpu_seconds


def speaker_queries(conn, rng: random.Random, n: int) -> list[str]:
    """Full names of top and random speakers, surnames alone, and odd casing."""
    names = [r[0] for r in conn.execute("SELECT name FROM speakers WHERE quote_count > 0 ORDER BY quote_count DESC")]
    if not names:
        return []
    picked = []
    for i in range(n):
        mode = i % 4
        if mode == 0:
            picked.append(rng.choice(names[:50]))
        elif mode == 1:
            picked.append(rng.choice(names))
        elif mode == 2:
            picked.append(rng.choice(names).split()[-1])  # surname only: several speakers match
        else:
            picked.append(rng.choice(names).upper())
    return picked


def search_queries(model: SyntheticCorpus, rng: random.Random, n: int) -> list[str]:
    """Single words (common and rare), two words, quoted phrases and prefixes."""
    words = model.words or ["security"]
    picked = []
    for i in range(n):
        mode = i % 5
        if mode in (0, 1):
            picked.append(rng.choice(words))
        elif mode == 2:
            picked.append(f"{rng.choice(words)} {rng.choice(words)}")
        elif mode == 3:
            tokens = re.findall(r"[A-Za-z]+", rng.choice(model.sentences))
            if len(tokens) >= 3:
                start = rng.randrange(len(tokens) - 2)
                picked.append('"' + " ".join(tokens[start:start + rng.choice((2, 3))]) + '"')
            else:
                picked.append(rng.choice(words))
        else:
            picked.append(rng.choice(words)[:5] + "*")
    return picked


def _time_queries(conn, calls: list[dict[str, str]]) -> tuple[list[float], float]:
    latencies, hits = [], 0
    for kwargs in calls:
        started = time.perf_counter()
        found = quote_search.search(conn, QuoteFilter(**kwargs), limit=20)
        latencies.append((time.perf_counter() - started) * 1000)
        hits += len(found)
    return latencies, hits / max(1, len(calls))


def run_store_bench(db: Path, *, docs: int, quotes: int, n_queries: int, samples: Path | None, seed: int,
                    reuse: bool = False, progress=None) -> StoreBenchReport:
    model = build_corpus_model(samples, n_speakers=max(100, quotes // 200), seed=seed)
    insert_seconds = cpu_seconds = None
    if not (reuse and db.exists()):
        insert_seconds, cpu_seconds = _build(db, model, docs, quotes, seed, progress)
    else:
        connect(db).close()  # a kept file from an older version is upgraded before the read-only timing
    reader = connect(db, readonly=True)
    stored_docs = reader.execute("SELECT count(*) FROM documents").fetchone()[0]
    stored_quotes = reader.execute("SELECT count(*) FROM quotes").fetchone()[0]
    report = StoreBenchReport(str(db), stored_docs, stored_quotes, model.modelled_on, insert_seconds, cpu_seconds)
    rng = random.Random(seed + 7)
    # A few untimed queries first, as a server would have answered before.
    for name in speaker_queries(reader, rng, 5):
        quote_search.search(reader, QuoteFilter(speaker=name), limit=20)
    report.speaker_ms, report.speaker_hits = _time_queries(
        reader, [{"speaker": s} for s in speaker_queries(reader, rng, n_queries)])
    report.search_ms, report.search_hits = _time_queries(
        reader, [{"search": s} for s in search_queries(model, rng, n_queries)])
    reader.close()
    report.db_bytes = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    report.peak_rss_mb = peak_rss_mb()
    return report
