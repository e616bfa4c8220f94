"""The backward trace: seed 004's table, the same numbers as backward, and central differences."""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.see.trace import trace
from tests.helpers.expressions import NAMES, Tree, evaluate, points, trees

SEED_004_TABLE = """\
backward pass of y = 20: start with y.grad = 1; then, in reverse
topological order, each edge node → input does input.grad += ∂y/∂node × local
node  ∂y/∂node  input  ∂y/∂node × local = contribution  input.grad
----  --------  -----  -------------------------------  ----------
y            1  a      1 × 4 = 4                        0 → 4
                b      1 × 5 = 5                        0 → 5
b            5  x2     5 × 1 = 5                        0 → 5
a            4  x1     4 × 1 = 4                        0 → 4
                x2     4 × 1 = 4                        5 → 9
leaf gradients: ∂y/∂x1 = 4, ∂y/∂x2 = 9"""

FLOAT_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sum": lambda terms: functools.reduce(operator.add, terms),
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "tanh": math.tanh,
    "sigmoid": lambda u: 1 / (1 + math.exp(-u)),
    "relu": lambda u: max(u, 0.0),
    "sin": math.sin,
    "cos": math.cos,
    "abs": abs,
    "softplus": lambda u: math.log1p(math.exp(u)),
}


def seed_004() -> tuple[Value, Value, Value]:
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    return (x1 + x2) * (x2 + 1), x1, x2


def test_seed_004_table_shows_each_edge_in_reverse_topological_order() -> None:
    y, x1, x2 = seed_004()
    table = trace(y)
    assert str(table) == SEED_004_TABLE
    assert [step.name for step in table.steps] == ["y", "b", "a"]
    assert table.leaf_gradients == {"x1": 4.0, "x2": 9.0}  # ∂y/∂x1 = x2 + 1, ∂y/∂x2 = x1 + 2·x2 + 1
    assert (x1.grad, x2.grad) == (0.0, 0.0)  # looking at the steps changes no .grad


def test_x2_receives_two_contributions_that_sum_to_its_gradient() -> None:
    y, _, x2 = seed_004()
    into_x2 = [edge for step in trace(y).steps for edge in step.edges if edge.input is x2]
    assert [(e.upstream, e.local, e.contribution) for e in into_x2] == [(5.0, 1.0, 5.0), (4.0, 1.0, 4.0)]
    assert [(e.before, e.after) for e in into_x2] == [(0.0, 5.0), (5.0, 9.0)]


def test_shared_input_gets_one_row_per_edge() -> None:
    x = Value(-0.5, "x")
    table = trace(x * x)
    assert [table.names[edge.input] for edge in table.steps[0].edges] == ["x", "x"]
    assert table.leaf_gradients == {"x": -1.0}  # d(x²)/dx = 2x
    assert "-0.5 → -1" in str(table) and "1 × (-0.5) = -0.5" in str(table)


def test_trace_after_backward_shows_the_same_numbers_and_leaves_grad_alone() -> None:
    y, x1, x2 = seed_004()
    y.backward()
    table = trace(y)
    assert str(table) == SEED_004_TABLE  # ∂y/∂x2 = 9, not 9 + 9
    assert (x1.grad, x2.grad) == (4.0, 9.0)  # what backward left, untouched


def test_trace_before_backward_leaves_backward_its_own_numbers() -> None:
    y, x1, x2 = seed_004()
    first = str(trace(y))
    assert (x1.grad, x2.grad, y.grad) == (0.0, 0.0, 0.0)
    y.backward()
    assert (x1.grad, x2.grad) == (4.0, 9.0)
    assert str(trace(y)) == first == SEED_004_TABLE


def test_trace_twice_and_after_two_backwards_shows_one_pass() -> None:
    y, x1, x2 = seed_004()
    y.backward()
    y.backward()  # leaves accumulate: 8 and 18
    assert str(trace(y)) == str(trace(y)) == SEED_004_TABLE
    assert (x1.grad, x2.grad) == (8.0, 18.0)


def test_a_node_with_zero_gradient_passes_nothing_down() -> None:
    x = Value(-2.0, "x")
    table = trace((x * 3).relu())
    below_relu = table.steps[1]
    assert below_relu.grad == 0.0
    assert all(edge.contribution == 0.0 and edge.before == edge.after for edge in below_relu.edges)
    assert table.leaf_gradients == {"x": 0.0}


def test_a_zero_gradient_times_a_negative_local_is_written_0_not_minus_0() -> None:
    x = Value(1.0, "x")
    table = str(trace((x * -3).relu()))  # relu′ = 0 below its kink: a gets 0, and x gets 0 × (−3)
    assert "0 × (-3) = 0 " in table and "-0 " not in table


def test_a_leaf_output_has_no_steps() -> None:
    x = Value(3.0, "x")
    table = trace(x)
    assert table.steps == () and x.grad == 0.0
    assert table.leaf_gradients == {"x": 1.0}
    assert "(x has no edges)" in str(table)


def test_html_table_escapes_labels_and_has_one_row_per_edge() -> None:
    x = Value(2.0, "<x>")
    page = trace(x * x + 1)._repr_html_()
    assert page.startswith("<table>") and page.endswith("</table>")
    assert "&lt;x&gt;" in page and "<x>" not in page
    assert page.count("<tr>") == 1 + 3 + 1  # header, y's edge to a (not to the constant 1), a's two, footer


def test_jupyter_shows_the_html_table_and_ipython_the_text_table() -> None:
    formatter = pytest.importorskip("IPython.core.formatters").DisplayFormatter()
    y, _, _ = seed_004()
    table = trace(y)
    shown, _ = formatter.format(table)
    assert shown["text/html"] == table._repr_html_()
    assert shown["text/plain"] == SEED_004_TABLE
    assert repr(table) == "<Trace of y: 3 nodes, 5 edges; print() it for the table>"


def test_exploding_gradients_raise_like_backward() -> None:
    x = Value(1e-300, "x")
    y = x * 1e200 * 1e200  # y = 1e100 is finite, ∂y/∂x = 1e400 is not
    with pytest.raises(OverflowError, match="gradient of x is inf"):
        trace(y)
    with pytest.raises(OverflowError):
        y.backward()


def test_root_must_be_a_value() -> None:
    with pytest.raises(TypeError, match="root must be a Value"):
        trace(3.0)  # type: ignore[arg-type]


def shifted(tree: Tree, point: dict[str, float], name: str, shift: float) -> float:
    """The expression on plain floats (math.*), with ``name`` moved by ``shift``."""
    moved = {n: v + shift if n == name else v for n, v in point.items()}
    return float(evaluate(tree, moved, FLOAT_FUNCTIONS.__getitem__))


def central_difference(tree: Tree, point: dict[str, float], name: str, h: float = 1e-6) -> float:
    return (shifted(tree, point, name, h) - shifted(tree, point, name, -h)) / (2 * h)


def smooth(tree: Tree, point: dict[str, float], name: str, h: float = 1e-6) -> bool:
    """False at a kink (abs or relu at 0), where the slopes left and right of the point differ."""
    middle = shifted(tree, point, name, 0.0)
    right = (shifted(tree, point, name, h) - middle) / h
    left = (middle - shifted(tree, point, name, -h)) / h
    return abs(right - left) <= 1e-3 * (1 + abs(right))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, point=points)
def test_trace_gives_backwards_numbers_and_matches_central_differences(
    tree: Tree, point: dict[str, float]
) -> None:
    def build() -> tuple[Value, dict[str, Value]]:
        leaves = {name: Value(point[name], name) for name in NAMES}
        return evaluate(tree, leaves, lambda f: getattr(at, f)), leaves

    try:
        y, leaves = build()
        y_again, leaves_again = build()
    except (ValueError, ZeroDivisionError, OverflowError):
        return  # outside the domain at this point
    if not isinstance(y, Value):
        return  # a tree with no variable
    table = trace(y)
    y_again.backward()
    for name in NAMES:
        if name not in table.leaf_gradients:
            assert leaves_again[name].grad == 0.0  # an input y does not use
            continue
        assert leaves[name].grad == 0.0  # trace changes no .grad
        traced = table.leaf_gradients[name]
        assert traced == leaves_again[name].grad  # the same sums in the same order
        if smooth(tree, point, name):
            numeric = central_difference(tree, point, name)
            assert traced == pytest.approx(numeric, rel=1e-4, abs=1e-4), name
    received: dict[Value, list[float]] = {}
    for step in table.steps:
        expected = sum(received.get(step.node, [])) + (1.0 if step.node is y else 0.0)
        assert step.grad == pytest.approx(expected, rel=1e-12, abs=1e-300)  # what the users sent down
        for edge in step.edges:
            assert edge.contribution == (edge.upstream * edge.local if edge.upstream else 0.0)
            received.setdefault(edge.input, []).append(edge.contribution)


def test_constants_get_no_row_and_no_gradient_even_when_shared() -> None:
    """The composite-function tutorial's second exercise: the exponents 2 are not inputs of the exercise."""
    two = at.Constant(2.0)
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    y = x1**two + (x1 + x2) ** two  # one constant shared by both squares
    table = trace(y)
    assert all(not edge.input.constant for step in table.steps for edge in step.edges)
    assert [table.names[edge.input] for step in table.steps for edge in step.edges] == [
        "a",
        "c",
        "b",
        "x1",
        "x2",
        "x1",
    ]
    # ∂y/∂x1 = 2x1 + 2(x1+x2), ∂y/∂x2 = 2(x1+x2)
    assert table.leaf_gradients == {"x1": 2 * 2 + 2 * 5, "x2": 2 * 5}
    assert two.grad == 0.0
    y.backward()
    left = (two.grad, x1.grad, x2.grad)
    trace(y)
    assert (two.grad, x1.grad, x2.grad) == left == (two.grad, 14.0, 10.0)  # trace changes none
