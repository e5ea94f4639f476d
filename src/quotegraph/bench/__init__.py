"""Benchmarks that print measured figures (`quotegraph bench ...`)."""
from __future__ import annotations

import os
import resource


def machine_line() -> str:
    """The CPU model, core count and load average: printed beside every figure, so a reader
    can tell whether the machine was of the same kind and how busy it was."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "?")
    except OSError:
        cpu = "?"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"CPU {cpu} ({os.cpu_count()} cores), load average {load}"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
