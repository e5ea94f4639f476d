"""Benchmarks that print measured figures (`quotegraph bench ...`)."""
from __future__ import annotations

import os


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
