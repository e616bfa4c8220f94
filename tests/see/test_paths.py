"""Sum over paths and ``explain``: seed 004 by hand, and Σ paths = backward = sympy on random trees."""

from __future__ import annotations

import math

import pytest
import sympy
from hypothesis import HealthCheck, given, settings

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.see.paths import explain, paths
from tests.core.test_against_sympy import SYMBOLS, SYMPY_FUNCTIONS
from tests.helpers.expressions import NAMES, Tree, evaluate, points, trees


def seed_004() -> tuple[Value, Value, Value, Value, Value]:
    """y = (x1 + x2)(x2 + 1) at (2, 3), seed 004's worked example: a = 5, b = 4, y = 20."""
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    a, b = x1 + x2, x2 + 1
    return x1, x2, a, b, a * b


def test_seed_004_explanations_are_the_chain_rule_written_out() -> None:
    x1, x2, _, _, y = seed_004()
    assert explain(y, x2) == "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9"
    assert explain(y, x1) == "∂y/∂x1 = ∂y/∂a·∂a/∂x1 = 4·1 = 4"
    assert explain(y, x2).value == 9.0


def test_seed_004_paths_carry_nodes_edges_and_products() -> None:
    x1, x2, a, b, y = seed_004()
    through_a, through_b = paths(y, x2)
    assert through_a.nodes == (y, a, x2) and through_b.nodes == (y, b, x2)
    assert [(e.output, e.input, e.local, e.position) for e in through_b.edges] == [
        (y, b, 5.0, 1),
        (b, x2, 1.0, 0),
    ]
    assert (through_a.product, through_b.product) == (4.0, 5.0)  # ∂y/∂a = b = 4, ∂y/∂b = a = 5
    assert [p.nodes for p in paths(y, x1)] == [(y, a, x1)]


def test_seed_004_exercises_at_one_two() -> None:
    # y = x1² + (x1 + x2)²: ∂y/∂x1 = 2·x1 + 2(x1 + x2) = 2 + 6; ∂y/∂x2 = 2(x1 + x2) = 6
    x1, x2 = Value(1.0, "x1"), Value(2.0, "x2")
    y = x1**2 + (x1 + x2) ** 2
    assert explain(y, x1) == "∂y/∂x1 = ∂y/∂a·∂a/∂x1 + ∂y/∂c·∂c/∂b·∂b/∂x1 = 1·2 + 1·6·1 = 8"
    assert explain(y, x2) == "∂y/∂x2 = ∂y/∂c·∂c/∂b·∂b/∂x2 = 1·6·1 = 6"
    # y = (x1 + x2)²·x2² + x2: ∂y/∂x2 = 2(x1 + x2)·x2² + (x1 + x2)²·2·x2 + 1 = 24 + 36 + 1
    x1, x2 = Value(1.0, "x1"), Value(2.0, "x2")
    y = (x1 + x2) ** 2 * x2**2 + x2
    assert explain(y, x2) == (
        "∂y/∂x2 = ∂y/∂d·∂d/∂b·∂b/∂a·∂a/∂x2 + ∂y/∂d·∂d/∂c·∂c/∂x2 + ∂y/∂x2|direct = 1·4·6·1 + 1·9·4 + 1 = 61"
    )


def test_shared_input_gets_both_edges_as_two_terms() -> None:
    x = Value(3.0, "x")
    y = x * x
    assert [p.product for p in paths(y, x)] == [3.0, 3.0]
    assert [p.edges[0].position for p in paths(y, x)] == [0, 1]
    assert explain(y, x) == "∂y/∂x = ∂y/∂x[1] + ∂y/∂x[2] = 3 + 3 = 6"


def test_single_edge_no_path_and_the_root_itself() -> None:
    x, w, unrelated = Value(-2.0, "x"), Value(3.0, "w"), Value(1.0, "z")
    y = w * x
    assert explain(y, x) == "∂y/∂x = 3"
    assert explain(y, unrelated) == "∂y/∂z = 0 (no path from y to z)" and paths(y, unrelated) == []
    assert explain(y, y) == "∂y/∂y = 1"
    assert [p.product for p in paths(y, y)] == [1.0]


def test_negative_numbers_are_bracketed_and_a_chain_lists_every_edge() -> None:
    x, w = Value(3.0, "x"), Value(-2.0, "w")
    assert explain(w * x - x * 3, x) == "∂y/∂x = ∂y/∂a·∂a/∂x + ∂y/∂b·∂b/∂x = 1·(-2) - 1·3 = -5"
    chain = ((x * 2).tanh() + 1) * 2  # d/dx = 2·(1 − tanh²6)·2
    expected = 2 * (1 - math.tanh(6.0) ** 2) * 2
    text = explain(chain, x)
    assert text.startswith("∂y/∂x = ∂y/∂c·∂c/∂b·∂b/∂a·∂a/∂x = 2·1·")
    assert text.value == pytest.approx(expected, rel=1e-12)


def test_latex_for_jupyter() -> None:
    x1, x2, _, _, y = seed_004()
    latex = explain(y, x1)._repr_latex_()
    assert latex == (
        r"$\frac{\partial y}{\partial x_{1}} = \frac{\partial y}{\partial a} \cdot "
        r"\frac{\partial a}{\partial x_{1}} = 4 \cdot 1 = 4$"
    )
    w = Value(2.0, "w_{1}")
    assert r"\mathrm{w\_\{1\}}" in explain(w * x2, w).latex


def test_ipython_shows_the_equation() -> None:
    formatters = pytest.importorskip("IPython.core.formatters")
    _, x2, _, _, y = seed_004()
    data, _ = formatters.DisplayFormatter().format(explain(y, x2))
    assert data["text/plain"] == "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9"
    assert data["text/latex"].startswith(r"$\frac{\partial y}{\partial x_{2}} = ")


def test_too_many_paths_is_a_clear_error_and_counted_before_listing() -> None:
    x = Value(1.0, "x")
    y = x
    for _ in range(3):
        y = y + y  # every doubling doubles the number of paths: 2³ = 8
    assert len(paths(y, x, limit=8)) == 8
    with pytest.raises(ValueError, match=r"there are 8 paths .* more than limit=7\. .*exponentially"):
        paths(y, x, limit=7)
    for _ in range(97):
        y = y + y
    with pytest.raises(ValueError, match=r"1,267,650,600,228,229,401,496,703,205,376 paths"):
        explain(y, x)  # 2¹⁰⁰ paths: refused at once instead of running forever


def test_a_deep_chain_needs_no_recursion() -> None:
    x = Value(0.5, "x")
    y = x
    for _ in range(20_000):
        y = y * 1.0
    (path,) = paths(y, x)
    assert len(path.edges) == 20_000 and path.product == 1.0


def test_bad_arguments_are_named() -> None:
    x = Value(1.0)
    with pytest.raises(TypeError, match="leaf must be a Value, got float"):
        paths(x, 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="root must be a Value, got str"):
        explain("y", x)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="limit must be an int"):
        paths(x, x, limit=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="limit must be at least 1"):
        paths(x, x, limit=0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, point=points)
def test_sum_over_paths_equals_backward_and_sympy(tree: Tree, point: dict[str, float]) -> None:
    leaves = {name: Value(point[name], name) for name in NAMES}
    try:
        y = evaluate(tree, leaves, lambda name: getattr(at, name))
    except (ValueError, ZeroDivisionError, OverflowError):
        return  # outside the domain at this point
    if not isinstance(y, Value):
        return  # a tree with no variable
    y.backward()
    expression = evaluate(tree, SYMBOLS, SYMPY_FUNCTIONS)
    substitution = {SYMBOLS[name]: v for name, v in point.items()}
    for name, leaf in leaves.items():
        over_paths = math.fsum(p.product for p in paths(y, leaf))
        assert over_paths == pytest.approx(leaf.grad, rel=1e-9, abs=1e-12)
        assert explain(y, leaf).value == over_paths
        expected = complex(sympy.diff(expression, SYMBOLS[name]).subs(substitution).evalf(30))
        if expected.imag or not math.isfinite(expected.real):
            continue  # a kink of abs/relu exactly at the point
        assert over_paths == pytest.approx(expected.real, rel=1e-8, abs=1e-8)
