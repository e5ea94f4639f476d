"""``quotegraph bench watch``: one watch round over a local synthetic site served by
another process, end to end (fetch + archive, extract, store, link), with the time
of each stage, pages per second and peak memory of this process (models included)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..engine import process
from . import peak_rss_mb
from ..fetch.client import Fetcher
from ..fetch.policy import FetchPolicy
from ..follow.rounds import Follower, Listing
from ..link.pipeline import run_link
from ..records import InputError
from ..store import connect, write_result


@dataclass
class WatchBench:
    pages: int
    feeds: int
    stored: int
    failed: int
    seconds: float
    stage_seconds: dict[str, float]
    peak_rss_mb: float

    @property
    def pages_per_s(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0


def run_watch_bench(pages: int = 2000, feeds: int = 20, concurrency: int = 8, workdir: Path | None = None) -> WatchBench:
    workdir = Path(workdir or tempfile.mkdtemp(prefix="qg-bench-watch-"))
    server = subprocess.Popen([sys.executable, "-m", "quotegraph.bench.newsroom", "--pages", str(pages),
                               "--feeds", str(feeds)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env={**os.environ})
    try:
        lines = []
        for line in server.stdout:
            if line.strip() == "ready":
                break
            lines.append(line.strip())
        feed_urls = lines[1:]
        conn = connect(workdir / "bench.db")
        stages = {"fetch + archive": 0.0, "read + extract": 0.0, "store": 0.0, "link": 0.0}

        def store_files(paths):
            out, clock = {}, time.perf_counter()
            for item in process(paths):
                now = time.perf_counter()
                stages["read + extract"] += now - clock
                if isinstance(item, InputError):
                    out[Path(item.path.split("@", 1)[0])] = ValueError(item.reason)
                else:
                    out[Path(item.document.source.split("@", 1)[0])] = write_result(conn, item).doc_id
                clock = time.perf_counter()
                stages["store"] += clock - now
            return out

        def link():
            started = time.perf_counter()
            run_link(conn)
            stages["link"] += time.perf_counter() - started

        policy = FetchPolicy(host_interval_s=0.0, host_concurrency=concurrency, concurrency=concurrency)
        with Fetcher(policy) as fetcher:
            follower = Follower(conn, workdir / "warc", fetcher, store_files, link)
            started = time.perf_counter()
            summary = follower.watch_round([Listing(url, "feed") for url in feed_urls])
            total = time.perf_counter() - started
        stages["fetch + archive"] = total - sum(v for k, v in stages.items() if k != "fetch + archive")
        conn.close()
    finally:
        server.stdin.close()
        server.terminate()
        server.wait(timeout=30)
    peak = peak_rss_mb()
    return WatchBench(pages, feeds, summary.stored, summary.failed, total, stages, peak)
