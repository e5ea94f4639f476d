"""`quotegraph serve` as a user runs it: a real process, bound to 127.0.0.1 by default."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.fixtures.web import corpus  # noqa: E402

EXE = shutil.which("quotegraph", path=str(Path(sys.executable).parent)) or "quotegraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_binds_loopback_and_answers(tmp_path):
    db = corpus.build(tmp_path / "cli.db")
    port = free_port()
    proc = subprocess.Popen([EXE, "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/speakers", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["items"]
        listening = [c.laddr for c in psutil.Process(proc.pid).net_connections(kind="tcp")
                     if c.status == psutil.CONN_LISTEN]
        assert [(a.ip, a.port) for a in listening] == [("127.0.0.1", port)]
        # A page that rebinds its own domain name to 127.0.0.1 is refused by the Host check.
        rebound = httpx.get(f"http://127.0.0.1:{port}/api/speakers", headers={"Host": f"evil.example:{port}"})
        assert rebound.status_code == 400 and "script-src 'self'" in rebound.headers["content-security-policy"]
        assert httpx.get(f"http://localhost:{port}/api/speakers").status_code == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err.decode() and "read-only" in err.decode()


def test_serve_names_a_missing_or_broken_database(tmp_path):
    missing = subprocess.run([EXE, "serve", "--db", str(tmp_path / "none.db")], capture_output=True, text=True,
                             timeout=60, env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert missing.returncode == 2 and "none.db" in missing.stderr and "no such database" in missing.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file at all" * 100)
    broken = subprocess.run([EXE, "serve", "--db", str(junk)], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert broken.returncode == 2 and "junk.db" in broken.stderr


@pytest.mark.slow
def test_bench_web_reports_latency_for_every_kind(tmp_path):
    import json

    db = corpus.build(tmp_path / "bench.db")
    run = subprocess.run([EXE, "bench", "web", "--db", str(db), "--requests", "36", "--clients", "4", "--json"],
                         capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout[run.stdout.index("{"):])
    kinds = figures["kinds"]
    assert set(kinds) == {"search page", "search api", "speaker page", "speaker api", "article page", "article api", "all"}
    assert kinds["all"]["requests"] == 36 and kinds["all"]["errors"] == 0
    assert 0 < kinds["all"]["p50_ms"] <= kinds["all"]["p95_ms"] <= kinds["all"]["max_ms"]
    assert figures["server_cpu_ms_per_request"] > 0
