"""Where extraction spends its time: wall and CPU seconds per stage and thread.

Off by default (a ``stage`` block then costs one attribute read). ``quotegraph
bench extract --profile`` switches it on: the parser and the per-document stages
run on the main thread, the tagger on its own thread, so the table shows both what
each stage costs and what the main thread waits for (``wait for tagger``): the
part of the tagger's time that did not hide behind parsing.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class StageTime:
    stage: str
    thread: str
    calls: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0  # this thread's CPU time (time.thread_time)


class StageTimes:
    """Accumulated (stage, thread) times; safe to add to from several threads."""

    def __init__(self) -> None:
        self.enabled = False
        self._lock = threading.Lock()
        self._rows: dict[tuple[str, str], StageTime] = {}

    def reset(self, enabled: bool) -> None:
        with self._lock:
            self._rows.clear()
            self.enabled = enabled

    def add(self, stage: str, wall_s: float, cpu_s: float) -> None:
        thread = threading.current_thread().name
        with self._lock:
            row = self._rows.setdefault((stage, thread), StageTime(stage, thread))
            row.calls += 1
            row.wall_s += wall_s
            row.cpu_s += cpu_s

    def rows(self) -> list[StageTime]:
        with self._lock:
            return sorted(self._rows.values(), key=lambda r: -r.wall_s)


TIMES = StageTimes()


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as stage ``name`` on the current thread (when profiling is on)."""
    if not TIMES.enabled:
        yield
        return
    wall0, cpu0 = time.perf_counter(), time.thread_time()
    try:
        yield
    finally:
        TIMES.add(name, time.perf_counter() - wall0, time.thread_time() - cpu0)
