"""micrograd's demo step (see ``workload.py``) recorded once as a tape and replayed every step.

The whole step, 100 examples through MLP(2, [16, 16, 1]), the margin loss and 1e−4·Σp², is about
65,000 assignments. Recording it once keeps them as a Wengert list; each step then replays the
forward and reverse sweeps with numpy, level by level, reading the parameters' current numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import autograd_tiny as at
from autograd_tiny import Tape, Value
from tests.benchmarks.tiny_model import sgd_step, tiny_loss
from tests.benchmarks.workload import Biases, Weights

Step = Callable[[], tuple[float, list[float]]]  # as in mlp_step.py, which lists this setup


def setup_tape(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> Step:
    tape, parameters = _record(weights, biases, X, y)

    def step() -> tuple[float, list[float]]:
        loss = tape.forward([])
        return loss, sgd_step(parameters, tape.backward)

    return step


def _record(
    weights: Weights, biases: Biases, X: list[list[float]], y: list[float]
) -> tuple[Tape, list[Value]]:
    """The step's loss recorded as a tape, and the model's parameters in micrograd's order."""
    total_loss, parameters = tiny_loss(weights, biases, X, y)
    return at.record(total_loss, []), parameters  # the model's parameters are the tape's parameters


def tape_bytes_per_operation(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> float:
    """Bytes held by the recorded step after one replay (tape, values, adjoints, model) per operation.

    The recording's transient graph is gone by then: what is left is what a training loop keeps.
    """
    import gc
    import tracemalloc

    setup_tape(weights, biases, X[:1], y[:1])()  # imports every module first: code is not counted
    gc.collect()
    tracemalloc.start()
    tape = _record(weights, biases, X, y)[0]  # the tape holds the parameters
    tape.forward([])
    tape.backward()
    gc.collect()
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return size / len(tape)
