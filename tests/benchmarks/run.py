"""The benchmark: ``python -m tests.benchmarks.run [--quick] [--record FILE]``.

Measures autograd-tiny against micrograd 0.1.0, PyTorch 0-d tensors, hand-written float backprop
and numpy, side by side in one run: each measurement in a fresh Python process with the garbage
collector on, as users have it. Prints the tables and the targets of issue 6 judged on this run's
numbers; ``--record`` also writes them, with the machine and its load, to a markdown file.
``--quick`` runs tiny sizes (a smoke test: its numbers are not measurements).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from tests.benchmarks.sections import (
    Section,
    chain_section,
    digits_section,
    memory_section,
    mlp_section,
    wide_section,
)
from tests.benchmarks.targets import targets_section


@dataclass(frozen=True)
class Sizes:
    """How big each part is: MLP steps per process (at least, and at least so many CPU seconds of
    them), moons points and rounds of processes; chain lengths; terms of the wide sum and nodes of
    the memory chain; digits images in the epoch and epochs per engine."""

    steps: int
    min_seconds: float
    points: int
    rounds: int
    chains: list[int]
    n: int
    images: int
    rounds_digits: int


FULL = Sizes(
    steps=5,
    min_seconds=1.0,
    points=100,
    rounds=5,
    chains=[1_000, 10_000, 100_000, 1_000_000],
    n=100_000,
    images=1_797,
    rounds_digits=2,
)
QUICK = Sizes(
    steps=1, min_seconds=0.0, points=10, rounds=1, chains=[1_000], n=1_000, images=16, rounds_digits=1
)


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        return names[0] if names else platform.processor()
    except OSError:
        return platform.processor() or platform.machine()


def _load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _versions() -> str:
    names = ("micrograd", "torch", "numpy")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return ", ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run, not a measurement")
    parser.add_argument("--record", metavar="FILE", help="also write the results to this markdown file")
    arguments = parser.parse_args(argv)
    sizes = QUICK if arguments.quick else FULL
    load_before, started, start = _load(), datetime.datetime.now(datetime.timezone.utc), time.perf_counter()
    numbers: dict[str, object] = {}
    body: list[str] = []
    sections: list[Callable[[], Section]] = [
        lambda: mlp_section(sizes.steps, sizes.points, sizes.rounds, sizes.min_seconds),
        lambda: chain_section(sizes.chains),
        lambda: wide_section(sizes.n),
        lambda: memory_section(sizes.n),
        lambda: digits_section(sizes.images, sizes.rounds_digits),
    ]
    for section in sections:  # one at a time, each printed as soon as it is measured
        lines, found = section()
        body += [*lines, ""]
        numbers.update(found)
        print("\n".join(lines), end="\n\n", flush=True)
    targets = targets_section(numbers)
    print("\n".join(targets))
    minutes = (time.perf_counter() - start) / 60
    header = [
        "# Benchmark results"
        + (" (quick smoke run: tiny sizes, not measurements)" if arguments.quick else ""),
        "",
        f"`python -m tests.benchmarks.run{' --quick' if arguments.quick else ''}`, "
        f"{started:%Y-%m-%d %H:%M} UTC, {minutes:.1f} minutes.",
        "",
        f"- Machine: {_cpu()}, {os.cpu_count()} cores, {platform.platform()}",
        f"- Python {platform.python_version()}; {_versions()}",
        f"- Load average (1 / 5 / 15 min) before the run: {load_before}; after: {_load()}",
        "",
    ]
    if arguments.record:
        with open(arguments.record, "w", encoding="utf-8") as handle:
            handle.write("\n".join([*header, *targets, "", *body]).rstrip() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
