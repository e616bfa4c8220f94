"""The benchmark (``python -m tests.benchmarks.run``) still runs end to end: a quick run at tiny sizes.

No timing is asserted (machines are noisy); only that every part ran, every implementation agreed
(the run stops with an error otherwise) and the tables and the targets were printed and recorded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_benchmark_run_prints_and_records_every_table(tmp_path: Path) -> None:
    pytest.importorskip("micrograd", reason="the benchmark measures micrograd 0.1.0 (the dev extra)")
    pytest.importorskip("torch", reason="the benchmark measures torch 0-d tensors (the dev extra)")
    record = tmp_path / "results.md"
    command = [sys.executable, "-m", "tests.benchmarks.run", "--quick", "--record", str(record)]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert finished.returncode == 0, finished.stderr
    headings = [
        "### 1. MLP step",
        "### 2. Deep chain",
        "### 3. Wide sum",
        "### 4. Memory",
        "### 5. One epoch",
    ]
    for heading in [*headings, "### Targets"]:
        assert heading in finished.stdout
    for implementation in ["autograd-tiny", "micrograd", "torch 0-d", "floats", "numpy"]:
        assert f"| {implementation} |" in finished.stdout
    assert "targets met in this run" in finished.stdout
    for target in ("MLP step: tape replay ÷ numpy floor", "digits epoch: tape ÷ hand-written numpy"):
        assert f"| {target} (issue 18) |" in finished.stdout
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results (quick smoke run")
    assert "- Machine:" in text and "Load average" in text
    assert all(heading in text for heading in headings)


def _numbers(ours: float, cycles: int) -> dict[str, object]:
    """Numbers as the benchmark's sections report them, with autograd-tiny's MLP step at ``ours`` s."""
    seconds = {"micrograd": 1.2, "torch 0-d": 0.8, "floats": 0.0075}
    ratios = {"autograd-tiny": {name: ours / value for name, value in seconds.items()}}
    chain = {1_000_000: {"forward": 0.25, "backward": 0.2, "recursion_limit": 1000}}
    memory = {"bytes": 144.0, "tracked": 1.0, "tracked_left_after_del": 0.0, "cycles_freed_by_gc": cycles}
    return {"ratios": ratios, "chain": chain, "longest": 1_000_000, "memory": memory}


def test_targets_are_judged_from_the_measured_numbers() -> None:
    from tests.benchmarks.targets import judge

    met = {t.name: t.met for t in judge(_numbers(ours=0.087, cycles=0))}
    assert met["MLP step: autograd-tiny ÷ micrograd"]  # 0.0725 ≤ 1/12
    assert met["MLP step: autograd-tiny ÷ float floor"]  # 11.6 ≤ 12
    assert not met["chain N = 1,000,000: forward per node ÷ micrograd"]  # 0.25 > 1/5
    assert met["chain N = 1,000,000: backward per node ÷ micrograd"]
    assert met["graph freed by reference counting"]
    slower = {t.name: t.met for t in judge(_numbers(ours=0.11, cycles=3))}
    assert not slower["MLP step: autograd-tiny ÷ micrograd"]  # 0.092 > 1/12
    assert not slower["MLP step: autograd-tiny ÷ float floor"]  # 14.7 > 12
    assert not slower["graph freed by reference counting"]  # the cyclic GC had to find 3 objects


def test_steps_are_timed_in_blocks_that_hold_a_share_of_garbage_collection() -> None:
    from tests.benchmarks.sections import blocks

    assert blocks([0.1] * 10, seconds=0.25) == pytest.approx([0.1, 0.1, 0.1])  # 3 + 3 + (3 + 1) steps
    assert blocks([0.1, 0.1, 0.5, 0.1, 0.3], seconds=0.25) == pytest.approx([0.7 / 3, 0.2])  # 0.1 + 0.3
    assert blocks([0.01, 0.02], seconds=0.25) == pytest.approx([0.015])  # shorter than one block: one block
    assert blocks([1.4] * 3, seconds=0.25) == [1.4, 1.4, 1.4]  # a slow step is a block of its own
