"""What a tape keeps between calls: each thread's own last replay, kept whole when a replay fails.

The oracle is the Value graph: for f(x, y) = x·y + log(x) on a batch, ∂f/∂x = y + 1/x and ∂f/∂y = x
in closed form, checked against the engine per example.
"""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest

import autograd_tiny as at
from autograd_tiny.tape.state import SHAPES


def _tape() -> at.Tape:
    return at.record(lambda x, y: x * y + x.log(), [1.0, 2.0])


def _expected(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """f and its gradient by the Value graph, one example at a time."""
    fs, gx, gy = [], [], []
    for x_value, y_value in zip(xs, ys, strict=True):
        x, y = at.Value(float(x_value)), at.Value(float(y_value))
        f = x * y + x.log()
        f.backward()
        fs.append(f.data)
        gx.append(x.grad)
        gy.append(y.grad)
    return np.array(fs), np.array(gx), np.array(gy)


def test_threads_replaying_one_tape_each_get_their_own_forward_and_backward() -> None:
    tape = _tape()
    failures: list[str] = []
    start = threading.Barrier(4)

    def work(k: int) -> None:
        rng = np.random.default_rng(k)
        start.wait()
        for _ in range(200):
            xs, ys = rng.uniform(0.5, 3.0, size=5 + k), rng.uniform(-2.0, 2.0, size=5 + k)
            try:
                f = tape.forward([xs, ys])
                want_f, want_gx, want_gy = _expected(xs, ys)  # meanwhile, the other threads replay
                gx, gy = tape.backward()
                right = np.allclose(f, want_f) and np.allclose(gx, want_gx) and np.allclose(gy, want_gy)
            except Exception as error:  # a thread's error must fail the test
                failures.append(f"thread {k}: {error!r}")
                return
            if not right:
                failures.append(f"thread {k}: a replay mixed with another thread's")

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as Python can
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []


def test_a_replay_that_fails_leaves_the_last_one_whole() -> None:
    tape = _tape()
    xs, ys = np.array([1.5, 2.5, 0.75]), np.array([0.5, -1.0, 2.0])
    tape.forward([xs, ys])
    shown = str(tape)
    with pytest.raises(ValueError, match="log"):
        tape.forward([np.array([1.0, -2.0, 3.0]), ys])  # log(−2): refused, after writing some rows
    assert str(tape) == shown
    gx, gy = tape.backward()  # still the last good forward's
    _, want_gx, want_gy = _expected(xs, ys)
    np.testing.assert_allclose(gx, want_gx, rtol=1e-13)
    np.testing.assert_allclose(gy, want_gy, rtol=1e-13)


def test_a_backward_that_fails_shows_no_adjoints_and_adds_to_no_grad() -> None:
    x = at.Value(2.0, "w")
    tape = at.record(lambda a: (a * x).sqrt(), [1.0])
    tape.forward([1.0])
    tape.backward()
    tape.forward([0.0])  # √ at 0: a finite value with an infinite local partial
    x.grad = 0.0
    with pytest.raises(ValueError, match=r"not finite|cannot be computed"):
        tape.backward()
    assert x.grad == 0.0
    with pytest.raises(ValueError, match=r"call backward\(\) first"):
        _ = tape.parameter_gradients
    assert "w̄ =" not in str(tape)
    tape.forward([4.0])  # and the tape works again
    tape.backward()
    assert x.grad == pytest.approx(4.0 / (2 * np.sqrt(8.0)))  # ∂√(a·w)/∂w = a / (2√(aw))


def test_batches_of_many_sizes_keep_a_bounded_number_of_workspaces() -> None:
    tape = _tape()
    for size in range(1, 3 * SHAPES):
        xs = np.linspace(0.5, 2.0, size)
        f = tape.forward([xs, xs])
        np.testing.assert_allclose(f, xs * xs + np.log(xs), rtol=1e-13)
    assert len(tape._replays._pools) <= SHAPES
