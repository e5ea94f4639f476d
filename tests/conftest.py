"""Shared test helpers: the quotegraph command line, run as a user runs it."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.paths import ROOT

CLI_ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def run_cli(*args, timeout: int = 900) -> subprocess.CompletedProcess:
    """`quotegraph ARGS...` in a fresh process (this checkout's code), output captured."""
    return subprocess.run([sys.executable, "-m", "quotegraph", *map(str, args)], capture_output=True, text=True,
                          env=CLI_ENV, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """A store file of tests.fixtures.store.builders.returns_corpus, built once; tests only read it."""
    from quotegraph.store import connect, write_results
    from tests.fixtures.store.builders import returns_corpus

    path = tmp_path_factory.mktemp("corpus") / "q.db"
    conn = connect(path)
    list(write_results(conn, returns_corpus()))
    conn.close()  # the last connection checkpoints the WAL into the file
    return path
