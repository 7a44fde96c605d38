"""Benchmark the verdict's Monte Carlo: 100,000 draws, time and peak memory, on this machine.

``make benchmark-model`` (``python -m benchmarks.model``) writes the figures into the marked
section of ``docs/performance.md`` (``benchmarks.site`` keeps that section when it rewrites the
rest) and checks nothing: speed is measured here, never asserted in a test.
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

from analysis import verdict
from analysis.data import load

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- model benchmark -->", "<!-- end model benchmark -->"
REPEATS = 7


def measure() -> tuple[list[float], float, float, float]:
    """Seconds of each of :data:`REPEATS` runs, the traced peak of one run (MB), the process's
    peak resident memory (MB) and the probability the runs gave."""
    inp = verdict.inputs({n: load(n) for n in ("financials", "claims", "deals", "energy_estimates",
                                               "electricity_generation", "campuses", "model_prices", "fx_rates",
                                               "capability")})
    seconds = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = verdict.monte_carlo(inp.base, inp.ranges)
        seconds.append(time.perf_counter() - start)
    tracemalloc.start()
    verdict.monte_carlo(inp.base, inp.ranges)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return seconds, peak / 2**20, rss_mb, result.p_close


def section(seconds: list[float], traced_mb: float, rss_mb: float, p_close: float) -> str:
    """The figures as a Markdown section between the markers."""
    return "\n".join([
        START, "", "## The verdict's Monte Carlo", "",
        f"Measured {date.today():%d %B %Y} by `make benchmark-model` (`python -m benchmarks.model`) on "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}: "
        f"{verdict.DRAWS:,} draws of every parameter, the model run once over all of them (numpy, vectorised), "
        f"seed {verdict.SEED}; the probability it gives is {p_close:.1%}.", "",
        "| measure | value |", "| --- | ---: |",
        f"| fastest of {REPEATS} runs (s) | {min(seconds):.3f} |",
        f"| median of {REPEATS} runs (s) | {sorted(seconds)[len(seconds) // 2]:.3f} |",
        f"| peak memory allocated by one run (MB, tracemalloc) | {traced_mb:,.0f} |",
        f"| peak resident memory of the whole process, data and libraries included (MB) | {rss_mb:,.0f} |",
        "", END])


def splice(text: str, block: str) -> str:
    """``text`` with its marked section replaced by ``block`` (appended when there is none)."""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        return head + block + rest.split(END, 1)[1]
    return text.rstrip("\n") + "\n\n" + block + "\n"


def main() -> int:
    block = section(*measure())
    path = ROOT / "docs" / "performance.md"
    path.write_text(splice(path.read_text(encoding="utf-8"), block), encoding="utf-8")
    print(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
