"""`quotegraph bench scale`: measured throughput of the local and Ray engines,
and a stated model extrapolating the measurement to larger clusters.

Measurements (same documents, same run):
* local: ``engine.process`` in this process, models loaded before timing;
* Ray with 1 and with 2 workers: end to end (read, id pass, actor start and
  model load, extraction, Parquet write) and the extraction phase alone (from
  the first batch any worker starts to the last batch any worker ends, timed
  inside the workers), plus the peak RSS of every worker process.
"""
from __future__ import annotations

import math
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


GIB = 1024**3


@dataclass(slots=True)
class LocalRun:
    documents: int
    seconds: float
    cpu_seconds: float  # CPU time of this thread over the run

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def docs_per_cpu_s(self) -> float:
        return self.documents / self.cpu_seconds if self.cpu_seconds else 0.0


@dataclass(slots=True)
class RayRun:
    workers: int
    documents: int
    wall_seconds: float  # the whole job
    extract_seconds: float  # first batch start .. last batch end, across workers
    cpu_seconds: float = 0.0  # CPU time inside extract(), summed over workers
    busy_seconds: float = 0.0  # wall time inside extract(), summed over workers
    peak_rss_bytes: list[int] = field(default_factory=list)  # one per worker process

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def extract_docs_per_s(self) -> float:
        return self.documents / self.extract_seconds if self.extract_seconds else 0.0

    @property
    def docs_per_cpu_s(self) -> float:
        """Documents per CPU-second of one worker: what a worker does on a core of its own."""
        return self.documents / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def cpu_share(self) -> float:
        """CPU time / wall time inside extract(): 1.0 when each worker had a core to itself."""
        return self.cpu_seconds / self.busy_seconds if self.busy_seconds else 0.0

    @property
    def overhead_seconds(self) -> float:
        """Fixed cost of a job: everything but the extraction phase."""
        return max(0.0, self.wall_seconds - self.extract_seconds)


def write_sample(source: Path, limit: int | None, folder: Path) -> tuple[Path, int]:
    """The first ``limit`` non-empty lines of a JSONL file, as a file of their own."""
    out = folder / source.name
    n = 0
    with source.open("rb") as src, out.open("wb") as dst:
        for line in src:
            if not line.strip():
                continue
            if limit is not None and n >= limit:
                break
            dst.write(line if line.endswith(b"\n") else line + b"\n")
            n += 1
    return out, n


def time_local(path: Path) -> LocalRun:
    from ..engine import process
    from ..nlp.pipeline import extract
    from ..records import Document
    from ..scale.ray_engine import WARM_UP_TEXT

    extract(Document(id="warm-up", source="<warm-up>", text=WARM_UP_TEXT))  # models loaded before timing
    start, cpu_start = time.perf_counter(), time.thread_time()
    documents = sum(1 for item in process([path]) if hasattr(item, "document"))
    return LocalRun(documents, time.perf_counter() - start, time.thread_time() - cpu_start)


def time_ray(path: Path, workers: int, out_dir: Path) -> RayRun:
    from ..scale.ray_engine import extract_to_parquet

    start = time.perf_counter()
    summary = extract_to_parquet([path], out_dir, num_workers=workers)
    wall = time.perf_counter() - start
    reports = [r for r in summary.worker_reports if r.first_start is not None]
    extract_s = (max(r.last_end for r in reports) - min(r.first_start for r in reports)) if reports else wall
    return RayRun(
        workers, summary.documents, wall, extract_s,
        cpu_seconds=sum(r.cpu_seconds for r in summary.worker_reports),
        busy_seconds=sum(r.busy_seconds for r in summary.worker_reports),
        peak_rss_bytes=[r.peak_rss_bytes for r in summary.worker_reports],
    )


# --- extrapolation -----------------------------------------------------------

FORMULA = (
    "docs/s(N nodes x C cores) = r1 x W x e,  W = N x min(C, floor(RAM_node / peak_RSS)),\n"
    "time(D docs) = T0 + D / docs/s(N, C)"
)


@dataclass(slots=True)
class Model:
    r1: float  # documents per CPU-second of one worker (1-worker run): its rate on a core of its own
    efficiency: float  # e = (docs per CPU-second per worker with 2 workers) / r1, capped at 1
    overhead_s: float  # T0: fixed cost of a job (measured, 2-worker run)
    peak_rss_bytes: int  # largest worker peak RSS

    def workers(self, nodes: int, cores: int, ram_gib: float) -> int:
        per_node = min(cores, max(1, int(ram_gib * GIB // max(1, self.peak_rss_bytes))))
        return nodes * per_node

    def docs_per_s(self, workers: int) -> float:
        return self.r1 * workers * self.efficiency

    def hours(self, documents: int, workers: int) -> float:
        rate = self.docs_per_s(workers)
        return (self.overhead_s + documents / rate) / 3600 if rate else math.inf


def build_model(one: RayRun, two: RayRun) -> Model:
    # CPU-time rates, not wall rates: on a shared machine the wall rate measures
    # the neighbours' load; the CPU cost of a document is the engine's own.
    r1 = one.docs_per_cpu_s
    efficiency = min(1.0, two.docs_per_cpu_s / r1) if r1 else 0.0
    peak = max(one.peak_rss_bytes + two.peak_rss_bytes, default=0)
    return Model(r1, efficiency, two.overhead_seconds, peak)


ASSUMPTIONS = [
    "Extraction is CPU-bound (no I/O inside extract) and documents are independent (a pure function): "
    "a worker with a core of its own extracts r1 documents per second, and nodes add throughput linearly.",
    "r1 is measured in CPU time inside the worker, so it does not depend on other processes' load; "
    "e, the CPU cost per document with 1 vs 2 workers on one node, covers what workers on one node share "
    "(memory bandwidth, caches, Ray's per-task work) and is assumed the same for every core of a node.",
    "One worker per core, capped by memory: a node runs at most RAM / (peak worker RSS) workers.",
    "Input is on shared storage fast enough to feed the workers (a worker reads only r1 x ~5 KB/s of text).",
    "T0 (Ray job start, read + id pass, actor start and model load) is paid once per job; the read stage "
    "and the driver's id pass grow with the corpus but cost ~1% of extraction per document (bench ingest).",
    "The driver is not a bottleneck: workers write the Parquet shards; only ids pass through the driver.",
]


# --- whole benchmark -----------------------------------------------------------

@dataclass(slots=True)
class BenchResult:
    documents: int
    local: LocalRun
    one: RayRun
    two: RayRun
    model: Model


def run(
    source: Path, limit: int | None, rounds: int = 1, progress: Callable[[str], None] = lambda s: None
) -> BenchResult:
    """Each configuration ``rounds`` times, interleaved (local, 1, 2, local, 1, 2...);
    the fastest round of each is kept: on a shared machine the slow rounds
    measure the neighbours, not the engine."""
    from ..scale.ray_engine import ray_session

    locals_: list[LocalRun] = []
    ones: list[RayRun] = []
    twos: list[RayRun] = []
    with tempfile.TemporaryDirectory(prefix="qg-bench-scale-") as tmp:
        folder = Path(tmp)
        sample, n = write_sample(source, limit, folder)
        with ray_session(num_cpus=2):
            for r in range(1, rounds + 1):
                progress(f"round {r}/{rounds}: local engine on {n} documents")
                locals_.append(time_local(sample))
                progress(f"round {r}/{rounds}: Ray engine, 1 worker")
                ones.append(time_ray(sample, 1, folder / f"out1-{r}"))
                progress(f"round {r}/{rounds}: Ray engine, 2 workers")
                twos.append(time_ray(sample, 2, folder / f"out2-{r}"))
    local = min(locals_, key=lambda x: x.seconds)
    one = min(ones, key=lambda x: x.extract_seconds)
    two = min(twos, key=lambda x: x.extract_seconds)
    return BenchResult(n, local, one, two, build_model(one, two))


CLUSTERS = [(1, 8), (4, 8), (4, 32), (16, 32), (64, 32)]
NODE_RAM_GIB = {8: 32, 32: 128}  # a typical cloud node: 4 GiB per core
CORPORA = [("1M docs", 1_000_000), ("100M docs", 100_000_000)]
