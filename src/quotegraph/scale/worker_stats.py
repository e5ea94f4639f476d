"""Per-worker figures measured inside the Ray actors: pid, documents, busy time, peak RSS.

Each extract worker reports after every batch to one named collector actor, so
the driver can show progress, the benchmark can print peak memory per worker,
and a test can find a worker's pid to kill it. Works across nodes (the
collector is a Ray actor, not a local file).
"""
from __future__ import annotations

import os
import resource
import socket
from dataclasses import asdict, dataclass

import ray


@dataclass(slots=True)
class WorkerReport:
    pid: int
    host: str
    documents: int  # documents this process has extracted so far
    busy_seconds: float  # time spent inside extract()
    rss_bytes: int  # resident set size now
    peak_rss_bytes: int  # peak resident set size of this process (getrusage)
    first_start: float | None = None  # wall clock (time.time) when its first batch began
    last_end: float | None = None  # wall clock when its latest batch ended
    cpu_seconds: float = 0.0  # CPU time of the extracting thread inside extract(): load-independent


def measure_self(
    documents: int,
    busy_seconds: float,
    first_start: float | None = None,
    last_end: float | None = None,
    cpu_seconds: float = 0.0,
) -> WorkerReport:
    import psutil

    rss = psutil.Process().memory_info().rss
    # ru_maxrss is in KiB on Linux: the true peak, not a sample.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return WorkerReport(
        os.getpid(), socket.gethostname(), documents, busy_seconds, rss, max(peak, rss), first_start, last_end,
        cpu_seconds,
    )


@ray.remote(num_cpus=0, max_restarts=-1)
class StatsCollector:
    """Holds the latest report of every worker process (keyed by host and pid)."""

    def __init__(self) -> None:
        self._reports: dict[tuple[str, int], dict] = {}

    def report(self, report: dict) -> None:
        self._reports[(report["host"], report["pid"])] = report

    def reports(self) -> list[dict]:
        return list(self._reports.values())


def start_collector() -> "ray.actor.ActorHandle":
    return StatsCollector.remote()


def reports(collector) -> list[WorkerReport]:
    return [WorkerReport(**r) for r in ray.get(collector.reports.remote())]


def send(collector, report: WorkerReport) -> None:
    # Fire and forget: a lost report costs a progress tick, never the job.
    collector.report.remote(asdict(report))
