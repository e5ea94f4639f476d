"""The stage timer behind `quotegraph bench extract --profile`."""
from __future__ import annotations

import threading
import time

from quotegraph.nlp.stage_times import TIMES, stage


def test_stages_are_timed_only_while_profiling_and_kept_apart_per_thread():
    TIMES.reset(enabled=False)
    with stage("off"):
        time.sleep(0.01)
    assert TIMES.rows() == []

    TIMES.reset(enabled=True)
    try:
        with stage("busy"):
            sum(range(200_000))  # CPU time on this thread
        with stage("asleep"):
            time.sleep(0.05)  # wall time, next to no CPU

        def other() -> None:
            with stage("busy"):
                time.sleep(0.02)

        worker = threading.Thread(target=other, name="helper")
        worker.start()
        worker.join()
        rows = {(r.stage, r.thread): r for r in TIMES.rows()}
    finally:
        TIMES.reset(enabled=False)
    main = threading.current_thread().name
    assert set(rows) == {("busy", main), ("asleep", main), ("busy", "helper")}
    assert rows[("asleep", main)].wall_s >= 0.05 > rows[("asleep", main)].cpu_s
    assert rows[("busy", main)].cpu_s > 0
    assert rows[("busy", "helper")].calls == 1 and rows[("busy", "helper")].wall_s >= 0.02
