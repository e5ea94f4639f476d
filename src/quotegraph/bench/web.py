"""`quotegraph bench web`: page and API latency under concurrent clients.

Starts the real server (``quotegraph serve`` in a subprocess) on a free
127.0.0.1 port, then 20 asyncio clients fetch a fixed mix of search, speaker
and article pages and their JSON twins. Bounded by a request count and a wall
clock limit; reports p50/p95/max per kind.
"""
from __future__ import annotations

import asyncio
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import psutil

from .loadgen import Connection, HttpError

KINDS = ("search page", "search api", "speaker page", "speaker api", "article page", "article api")
_WORD = re.compile(r"[A-Za-z]{5,}")


@dataclass(slots=True)
class BenchReport:
    db: Path
    quotes: int
    clients: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    status_errors: list[str] = field(default_factory=list)
    server_cpu_seconds: float = 0.0  # user+system CPU of the server process(es) while measuring
    client_cpu_seconds: float = 0.0  # the same for this process (the 20 clients), which shares the cores
    load_average: float = 0.0  # 1-minute load average at the end: other work competing for the cores

    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + sum(self.errors.values())

    def server_cpu_ms_per_request(self) -> float:
        n = self.requests()
        return self.server_cpu_seconds * 1000 / n if n else float("nan")

    def percentile(self, values: list[float], p: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def rows(self) -> list[tuple[str, int, float, float, float, int]]:
        out = []
        every: list[float] = []
        for kind in KINDS:
            lat = self.latencies.get(kind, [])
            every += lat
            out.append((kind, len(lat), self.percentile(lat, 50), self.percentile(lat, 95),
                        max(lat) if lat else float("nan"), self.errors.get(kind, 0)))
        out.append(("all", len(every), self.percentile(every, 50), self.percentile(every, 95),
                    max(every) if every else float("nan"), sum(self.errors.values())))
        return out

    def as_dict(self) -> dict:
        return {
            "db": str(self.db), "quotes": self.quotes, "clients": self.clients, "seconds": round(self.seconds, 2),
            "server_cpu_ms_per_request": round(self.server_cpu_ms_per_request(), 2),
            "client_cpu_ms_per_request": round(self.client_cpu_seconds * 1000 / max(self.requests(), 1), 2),
            "load_average_1min": round(self.load_average, 2),
            "requests_per_second": round(sum(len(v) for v in self.latencies.values()) / self.seconds, 1)
            if self.seconds else None,
            "kinds": {k: {"requests": n, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "max_ms": round(mx, 1),
                          "errors": e} for k, n, p50, p95, mx, e in self.rows()},
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_targets(db: Path, n: int, seed: int) -> dict[str, list[str]]:
    """Speaker ids, document ids and search words drawn from the database itself."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        max_pk = conn.execute("SELECT max(pk) FROM quotes").fetchone()[0] or 0
        speakers = [r[0] for r in conn.execute(
            "SELECT id FROM speakers WHERE quote_count > 0 ORDER BY quote_count DESC LIMIT 200")]
        docs, words = [], []
        for _ in range(n):
            row = conn.execute("SELECT doc_id, content FROM quotes WHERE pk >= ? ORDER BY pk LIMIT 1",
                               (rng.randint(1, max(max_pk, 1)),)).fetchone()
            if row:
                docs.append(row[0])
                found = _WORD.findall(row[1])
                if found:
                    words.append(rng.choice(found).lower())
        return {"speakers": speakers or [""], "docs": docs or [""], "words": words or ["said"]}
    finally:
        conn.close()


def request_plan(targets: dict[str, list[str]], total: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    plan = []
    for i in range(total):
        kind = KINDS[i % len(KINDS)]
        if kind.startswith("search"):
            params = {"q": rng.choice(targets["words"])}
            if rng.random() < 0.3:
                params["speaker"] = rng.choice(targets["speakers"])
            path = ("/?" if kind == "search page" else "/api/quotes?") + urlencode(params)
        elif kind.startswith("speaker"):
            sid = quote(rng.choice(targets["speakers"]), safe="")
            path = f"/speakers/{sid}" if kind == "speaker page" else f"/api/speakers/{sid}"
        else:
            did = quote(rng.choice(targets["docs"]), safe="")
            path = f"/documents/{did}" if kind == "article page" else f"/api/documents/{did}"
        plan.append((kind, path))
    return plan


async def _drive(host: str, port: int, plan: list[tuple[str, str]], clients: int, deadline: float,
                 report: BenchReport) -> None:
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)

    async def worker() -> None:
        conn = Connection(host, port)
        try:
            while time.monotonic() < deadline:
                try:
                    kind, path = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                start = time.perf_counter()
                try:
                    reply = await conn.get(path)
                    elapsed = (time.perf_counter() - start) * 1000
                    if reply.status == 200 and reply.body:
                        report.latencies.setdefault(kind, []).append(elapsed)
                    else:
                        report.errors[kind] = report.errors.get(kind, 0) + 1
                        if len(report.status_errors) < 5:
                            report.status_errors.append(f"{reply.status} {path}")
                except HttpError as exc:
                    report.errors[kind] = report.errors.get(kind, 0) + 1
                    if len(report.status_errors) < 5:
                        report.status_errors.append(f"{exc} {path}")
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(clients)))


def _cpu_seconds(pid: int) -> float:
    """CPU time of the server and its worker processes."""
    root = psutil.Process(pid)
    total = 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def wait_until_up(host: str, port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    async def probe() -> bool:
        conn = Connection(host, port, timeout=2.0)
        try:
            return (await conn.get("/api/speakers?limit=1")).status == 200
        except HttpError:
            return False
        finally:
            await conn.close()

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before answering")
        if asyncio.run(probe()):
            return
        time.sleep(0.3)
    raise RuntimeError(f"server at {host}:{port} did not answer within {timeout:.0f} s")


def run_web_bench(db: Path, *, requests: int, clients: int, max_seconds: float, seed: int,
                  workers: int = 1, warmup: int = 60) -> BenchReport:
    targets = sample_targets(db, max(requests // 3, 50), seed)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        n_quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotegraph", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up("127.0.0.1", port, proc)
        # Warm-up (not measured): every kind once or more, so first-touch page faults are not counted.
        warm = BenchReport(db, n_quotes, clients, 0.0)
        asyncio.run(_drive("127.0.0.1", port, request_plan(targets, warmup, seed + 1), clients, time.monotonic() + 60, warm))
        report = BenchReport(db, n_quotes, clients, 0.0)
        cpu_before = _cpu_seconds(proc.pid)
        me = psutil.Process()
        client_before = sum(me.cpu_times()[:2])
        start = time.monotonic()
        asyncio.run(_drive("127.0.0.1", port, request_plan(targets, requests, seed), clients, start + max_seconds, report))
        report.seconds = time.monotonic() - start
        report.server_cpu_seconds = _cpu_seconds(proc.pid) - cpu_before
        report.client_cpu_seconds = sum(me.cpu_times()[:2]) - client_before
        report.load_average = os.getloadavg()[0]
        return report
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
