"""record / Tape: replaying a recorded function gives the Value graph's numbers and sympy's derivatives."""

from __future__ import annotations

import gc
import math
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import autograd_tiny as at
from autograd_tiny import Value
from tests.helpers.expressions import NAMES, Tree, evaluate, points, sympy_functions, trees

ENGINE_ERRORS = (ValueError, ZeroDivisionError, OverflowError)


def _engine_function(name: str) -> Any:
    return getattr(at, name)  # on a Value → Value, on a number → float


def _graph(tree: Tree, point: dict[str, float]) -> tuple[float, list[float]] | None:
    """Value and gradient from the Value graph, or None where the engine refuses the point."""
    leaves = {name: Value(point[name]) for name in NAMES}
    try:
        out = evaluate(tree, leaves, _engine_function)
        out = out if isinstance(out, Value) else Value(out) + leaves["x"] * 0
        out.backward()
    except ENGINE_ERRORS:
        return None
    return out.data, [leaves[name].grad for name in NAMES]


def _as_value(result: Any, leaves: list[Value]) -> Value:
    return result if isinstance(result, Value) else Value(result) + leaves[0] * 0


def _record(tree: Tree, point: dict[str, float]) -> at.Tape | None:
    try:
        return at.record(
            lambda x, y, z: _as_value(evaluate(tree, {"x": x, "y": y, "z": z}, _engine_function), [x]),
            [point[name] for name in NAMES],
        )
    except ENGINE_ERRORS:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees, points, points)
def test_replay_at_a_new_point_matches_the_value_graph(
    tree: Tree, recorded: dict[str, float], new: dict[str, float]
) -> None:
    tape = _record(tree, recorded)
    expected = _graph(tree, new)
    if tape is None:
        return
    if expected is None:  # the engine refuses the new point: so must the tape
        with pytest.raises(ENGINE_ERRORS):
            tape.forward([new[name] for name in NAMES])
            tape.backward()
        return
    value = tape.forward([new[name] for name in NAMES])
    gradient = tape.backward()
    assert value == pytest.approx(expected[0], rel=1e-12, abs=1e-12)
    assert list(gradient) == pytest.approx(expected[1], rel=1e-12, abs=1e-12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees, points, st.lists(points, min_size=2, max_size=5))
def test_a_batch_replay_matches_one_graph_per_example(
    tree: Tree, recorded: dict[str, float], batch: list[dict[str, float]]
) -> None:
    tape = _record(tree, recorded)
    expected = [_graph(tree, point) for point in batch]
    if tape is None or any(e is None for e in expected):
        return
    columns = [np.array([point[name] for point in batch]) for name in NAMES]
    values = tape.forward(columns)
    gradients = tape.backward()
    for k, example in enumerate(expected):
        assert example is not None
        assert values[k] == pytest.approx(example[0], rel=1e-12, abs=1e-12)
        for i in range(len(NAMES)):
            assert gradients[i][k] == pytest.approx(example[1][i], rel=1e-12, abs=1e-12)


_sympy_function = sympy_functions(sympy)  # each function row's Rule.sympy


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees, points, points)
def test_replayed_gradients_match_sympy(
    tree: Tree, recorded: dict[str, float], new: dict[str, float]
) -> None:
    """An oracle outside the engine: sympy differentiates the same expression symbolically."""
    tape = _record(tree, recorded)
    if tape is None or _graph(tree, new) is None:
        return
    symbols = {name: sympy.Symbol(name, real=True) for name in NAMES}
    expression = sympy.sympify(evaluate(tree, symbols, _sympy_function))
    at_point = {symbols[name]: sympy.Float(new[name], 30) for name in NAMES}
    kinks = [a for f in expression.atoms(sympy.Max, sympy.Abs) for a in f.args if a != 0]
    if any(abs(float(k.subs(at_point))) < 1e-9 for k in kinks):
        return  # at a kink sympy's derivative is undefined; the engine picks 0 there by its rule
    value = tape.forward([new[name] for name in NAMES])
    gradient = tape.backward()
    assert value == pytest.approx(float(expression.subs(at_point)), rel=1e-9, abs=1e-9)
    for i, name in enumerate(NAMES):
        exact = float(sympy.diff(expression, symbols[name]).subs(at_point))
        assert gradient[i] == pytest.approx(exact, rel=1e-9, abs=1e-9)


def test_seed_004_example_and_a_new_point() -> None:
    tape = at.record(lambda x1, x2: (x1 + x2) * (x2 + 1), [2.0, 3.0])
    assert tape.backward() == (4.0, 9.0)  # ∂y/∂x1 = x2 + 1, ∂y/∂x2 = x1 + 2·x2 + 1
    assert tape.forward([1.0, 5.0]) == 36.0
    assert tape.backward() == (6.0, 12.0)
    assert tape.backward(seed=0.5) == (3.0, 6.0)


def test_shared_input_in_a_batch_gets_the_sum_of_its_gradients() -> None:
    tape = at.record(lambda w, x: w * x, [1.0, 1.0])
    products = tape.forward([2.0, np.array([1.0, 2.0, 3.0])])
    gradient_w, gradient_x = tape.backward()
    assert list(products) == [2.0, 4.0, 6.0]
    assert gradient_w == 6.0  # Σ x over the batch: seed 000's ΔW := ΔW + ∇W
    assert list(gradient_x) == [2.0, 2.0, 2.0]


def test_fan_in_within_one_level_is_added() -> None:
    """x feeds three operations of the same level; all three adjoints reach it."""
    tape = at.record(lambda x: x * x + x.exp() * x + x.tanh(), [0.7])
    tape.forward([0.3])
    (gradient,) = tape.backward()
    assert gradient == pytest.approx(2 * 0.3 + math.exp(0.3) * 1.3 + 1 - math.tanh(0.3) ** 2, rel=1e-14)


def test_parameters_are_read_at_every_replay_and_accumulate_grad() -> None:
    w = Value(2.0, label="w")
    tape = at.record(lambda x: w * x + 1, [3.0])
    assert tape.parameters == (w,)
    w.data = 5.0
    assert tape.forward([3.0]) == 16.0
    tape.backward()
    tape.backward()
    assert w.grad == 6.0  # leaves accumulate, as with Value.backward


def test_constants_are_frozen() -> None:
    tape = at.record(lambda x: x * 4.0, [1.0])
    assert tape.parameters == ()
    assert tape.forward([2.5]) == 10.0


def test_several_outputs_take_one_seed_each() -> None:
    tape = at.record(lambda a, b: [a * b, a + b], [2.0, 3.0])
    assert tape.forward([2.0, 3.0]) == (6.0, 5.0)
    assert tape.backward([1.0, 0.0]) == (3.0, 2.0)
    assert tape.backward([0.0, 1.0]) == (1.0, 1.0)


def test_an_output_may_be_an_input() -> None:
    tape = at.record(lambda a, b: [a, a * b], [2.0, 3.0])
    assert tape.forward([4.0, 3.0]) == (4.0, 12.0)
    assert tape.backward([1.0, 1.0]) == (4.0, 4.0)


def test_the_tape_does_not_keep_the_graph_alive() -> None:
    keep: list[Value] = []

    def fn(x: Value) -> Value:
        hidden = x.tanh()
        keep.append(hidden)
        return hidden * 2

    tape = at.record(fn, [0.5])
    gc.collect()
    references = sys.getrefcount(keep[0])
    assert references == 2  # the list and getrefcount's argument: no node, no tape
    assert tape.forward([0.0]) == 0.0


def test_record_does_not_import_numpy_into_the_engine() -> None:
    """The engine alone needs only the standard library: numpy loads with the first tape."""
    code = "import sys, autograd_tiny; print('numpy' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )


def test_example_inputs_may_be_a_numpy_row() -> None:
    tape = at.record(lambda a, b: a * b, np.array([2.0, 3.0]))
    assert tape.backward() == (3.0, 2.0)
