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
