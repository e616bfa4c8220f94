"""The benchmark (``python -m tests.benchmarks.run``) still runs end to end: a quick run at tiny sizes.

No timing is asserted (machines are noisy); only that every part ran, every implementation agreed
(the run stops with an error otherwise) and the tables and the targets were printed and recorded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_benchmark_run_prints_and_records_every_table(tmp_path: Path) -> None:
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
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results (quick smoke run")
    assert "- Machine:" in text and "Load average" in text
    assert all(heading in text for heading in headings)
