"""One measurement in a fresh process: ``python -m tests.benchmarks.worker PART IMPLEMENTATION OPTIONS``.

``OPTIONS`` is a JSON object of keyword arguments; the worker prints one JSON object. The garbage
collector is left on, as users have it; only the MLP part also times a few steps with it off, to
show how much of each implementation's time it takes, and the digits epoch collects the garbage of
its set-up before its clock starts. Times are the CPU time of this process
(``time.process_time``), so that other programs busy on a shared machine distort them less than
they would wall-clock time.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import tracemalloc
from typing import Any

clock = time.process_time


def mlp_step(implementation: str, steps: int, points: int, min_seconds: float = 0.0) -> dict[str, Any]:
    """Step 1 (loss and gradient, for the agreement check), then timed steps with the GC on and off.

    At least ``steps`` steps, and more until they took ``min_seconds`` of CPU time: a fast
    implementation is then timed over as long a stretch as a slow one, so that a moment when the
    machine is slow weighs on each alike.
    """
    from tests.benchmarks.mlp_step import IMPLEMENTATIONS
    from tests.benchmarks.workload import initial_parameters, moons

    X, y = moons(points)
    weights, biases = initial_parameters()
    step = IMPLEMENTATIONS[implementation](weights, biases, X, y)
    loss, gradient = step()
    times: list[float] = []
    while len(times) < steps or sum(times) < min_seconds:
        start = clock()
        step()
        times.append(clock() - start)
    gc.disable()  # the benchmark's own comparison; the library never touches the collector
    try:
        times_without_gc = []
        for _ in range(max(1, steps // 2)):
            start = clock()
            step()
            times_without_gc.append(clock() - start)
    finally:
        gc.enable()
    return {"loss": loss, "gradient": gradient, "times": times, "times_without_gc": times_without_gc}


def _engine(implementation: str) -> Any:
    """The ``Value`` class of autograd-tiny (default recursion limit) or micrograd (raised limit)."""
    if implementation == "micrograd":
        from micrograd.engine import Value

        sys.setrecursionlimit(10_000_000)  # micrograd's topological sort is recursive
        return Value
    from autograd_tiny import Value as TinyValue

    return TinyValue


def chain(implementation: str, n: int, repeats: int) -> dict[str, Any]:
    """x → x·1.0001 + 0.0001, n times (2n operation nodes): forward and backward seconds per node."""
    Value = _engine(implementation)
    forward, backward = [], []
    for _ in range(repeats):
        x = Value(1.0)
        start = clock()
        y = x
        for _ in range(n):
            y = y * 1.0001 + 0.0001
        forward.append((clock() - start) / (2 * n))
        start = clock()
        y.backward()
        backward.append((clock() - start) / (2 * n))
        del y
    return {
        "forward": forward,
        "backward": backward,
        "grad": float(x.grad),
        "recursion_limit": sys.getrecursionlimit(),
    }


def wide_sum(implementation: str, n: int) -> dict[str, Any]:
    """Σ wᵢ·xᵢ over n terms: forward plus backward seconds per term.

    Folded left to right with ``+`` (n − 1 addition nodes), or, for ``autograd-tiny at.sum``, as
    one Σ node.
    """
    Value = _engine(implementation)
    ws = [Value(0.5 + i / n) for i in range(n)]
    xs = [Value(1.0 - i / n) for i in range(n)]
    start = clock()
    if implementation == "autograd-tiny at.sum":
        import autograd_tiny as at

        total = at.sum([w * x for w, x in zip(ws, xs, strict=True)])
    else:
        total = ws[0] * xs[0]
        for w, x in zip(ws[1:], xs[1:], strict=True):
            total = total + w * x
    total.backward()
    seconds = clock() - start
    return {"per_term": seconds / n, "grad_w": [float(w.grad) for w in ws[:: max(1, n // 10)]]}


def memory(implementation: str, n: int) -> dict[str, Any]:
    """Bytes and GC-tracked objects per node of a chain of n multiplications, and how it is freed.

    After ``del`` of the chain's last node, what is still allocated and still tracked is what
    reference counting could not free; ``gc.collect()`` then reports the objects it found
    unreachable (kept alive only by reference cycles).
    """
    Value = _engine(implementation)
    factor = Value(1.0001)
    gc.collect()
    tracked_before = len(gc.get_objects())
    tracemalloc.start()
    y = Value(1.0)
    for _ in range(n):
        y = y * factor
    y.backward()
    size, _ = tracemalloc.get_traced_memory()
    tracked = len(gc.get_objects()) - tracked_before
    del y
    left, _ = tracemalloc.get_traced_memory()
    tracked_left = max(0, len(gc.get_objects()) - tracked_before)  # fewer than before: none left
    tracemalloc.stop()
    return {
        "bytes": size / n,
        "tracked": tracked / n,
        "bytes_left_after_del": left / n,
        "tracked_left_after_del": tracked_left / n,
        "cycles_freed_by_gc": gc.collect(),
    }


def digits_epoch(implementation: str, images: int) -> dict[str, Any]:
    """One epoch of the digits classifier, 64-32-10 tanh, cross-entropy, SGD with momentum, batches of 8.

    ``implementation`` is the engine ``nn.fit`` uses: ``graph`` (a Value graph per example) or
    ``tape`` (one recorded forward pass replayed on each batch); or ``numpy``, the same epoch written
    by hand with numpy matrices (``digits_numpy.py``).
    """
    import nn

    X, y = nn.datasets.load_digits()
    X = [[pixel / 16 for pixel in image] for image in X[:images]]  # seed 002's scaling to [0, 1]
    y = y[:images]
    model = nn.MLP(64, [32, 10], "tanh", seed=0)
    if implementation == "numpy":  # the same network and batches written by hand (the floor)
        import numpy as np

        from tests.benchmarks.digits_numpy import numpy_epoch

        layers = model.to_matrices()
        W, b = [np.array(m.W) for m in layers], [np.array(m.b) for m in layers]
        gc.collect()  # as for the engines below
        start = clock()
        loss, accuracy = numpy_epoch(X, y, W, b, lr=0.05, momentum=0.9, batch_size=8)
        return {"seconds": clock() - start, "loss": loss, "accuracy": accuracy}
    optimizer = nn.SGD(model.parameters(), lr=0.05, momentum=0.9)
    # Loaded before the clock, as the numpy row loads numpy: a process pays these imports once, on its
    # first fit with the tape (numpy, the tape's modules and nn's vector path), not in every epoch.
    import numpy  # noqa: F401

    import autograd_tiny.tape  # noqa: F401
    import nn.training.vector.tape_epoch
    import nn.training.vector.tape_training

    # The garbage of the set-up above (the dataset, the model) collected before the clock, so that
    # no engine pays on its clock for a collection that the set-up made due; the collector stays on
    # for the epoch itself, which pays for the collections its own objects cause.
    gc.collect()
    start = clock()
    history = nn.fit(
        model,
        X,
        y,
        loss="cross_entropy",
        optimizer=optimizer,
        epochs=1,
        batch_size=8,
        progress=False,
        seed=0,
        engine=implementation,
    )
    return {"seconds": clock() - start, "loss": history.loss[0], "accuracy": history.accuracy[0]}


def tape_memory(implementation: str, points: int) -> dict[str, Any]:
    """Bytes per recorded operation of micrograd's step as a tape (issue 7), after one replay."""
    from tests.benchmarks.tape_step import tape_bytes_per_operation
    from tests.benchmarks.workload import initial_parameters, moons

    X, y = moons(points)
    weights, biases = initial_parameters()
    return {"bytes": tape_bytes_per_operation(weights, biases, X, y)}


PARTS = {
    "mlp": mlp_step,
    "chain": chain,
    "wide": wide_sum,
    "memory": memory,
    "digits": digits_epoch,
    "tape_memory": tape_memory,
}

if __name__ == "__main__":
    part, implementation, options = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    print(json.dumps(PARTS[part](implementation, **options)))  # type: ignore[operator]
