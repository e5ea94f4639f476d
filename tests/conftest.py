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


# The read commands' modules only (quotes, speakers, stats, export, statements, reactions, timeline,
# serve): they start without importing the extraction models.
READ_CLI = [sys.executable, "-c", "from quotegraph.cli.app import app; import quotegraph.cli.store_cmds,"
            " quotegraph.cli.link_cmds, quotegraph.cli.report_cmds, quotegraph.cli.web_cmds; app()"]


def run_read_cli(*args, timeout: int = 300) -> subprocess.CompletedProcess:
    """A read command in a fresh process, wide and uncoloured output, without the extraction models."""
    return subprocess.run([*READ_CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**CLI_ENV, "COLUMNS": "200", "NO_COLOR": "1"})


def store_file(path, results):
    """A store file holding ``results`` (DocResults), closed so the WAL is checkpointed into it."""
    from quotegraph.store import connect, write_results

    conn = connect(path)
    list(write_results(conn, results))
    conn.close()
    return path


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """A store file of tests.fixtures.store.builders.returns_corpus, built once; tests only read it."""
    from tests.fixtures.store.builders import returns_corpus

    return store_file(tmp_path_factory.mktemp("corpus") / "q.db", returns_corpus())
