"""Forward mode: dual numbers (jvp), tangents through a graph, and its agreement with reverse mode.

Oracles: the composite-function tutorial's closed forms (y = (x1 + x2)(x2 + 1): ∂y/∂x1 = x2 + 1,
∂y/∂x2 = x1 + 2x2 + 1), central differences, and reverse mode (``at.grad``), a different algorithm
over the same partials. Random expressions against sympy are in ``test_forward_against_sympy.py``.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

import autograd_tiny as at
from autograd_tiny import Dual, Value
from autograd_tiny.core.rules import RULES

OPERATORS = {"add": "__add__", "sub": "__sub__", "mul": "__mul__", "div": "__truediv__", "neg": "__neg__"}
OPERATORS |= {"pow": "__pow__"}


def seed_function(x1: Any, x2: Any) -> Any:
    return (x1 + x2) * (x2 + 1)


def test_jvp_of_the_composite_function_tutorial_gives_each_partial_along_its_axis() -> None:
    assert at.jvp(seed_function, [2, 3], [1, 0]) == (20.0, 4.0)  # ∂y/∂x1 = x2 + 1
    assert at.jvp(seed_function, [2, 3], [0, 1]) == (20.0, 9.0)  # ∂y/∂x2 = x1 + 2x2 + 1
    assert at.jvp(seed_function, [2, 3], [2, -1]) == (20.0, 2 * 4.0 - 9.0)  # Σ ∂y/∂xᵢ·vᵢ


def test_jvp_calls_f_with_one_argument_per_primal_as_jax_does() -> None:
    assert at.jvp(lambda a, b: a * b, [2, 3], [1, 0]) == (6.0, 3.0)  # ∂(ab)/∂a = b
    assert at.jvp(lambda a, b: a * b, [2, 3], [0, 1]) == (6.0, 2.0)  # ∂(ab)/∂b = a
    assert at.jvp(lambda *xs: at.sum(xs), [1, 2, 3], [1, 1, 1]) == (6.0, 3.0)


def test_tangents_through_the_graph_give_every_node_its_derivative_by_x2() -> None:
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    a, b = x1 + x2, x2 + 1
    y = a * b
    pushed = at.tangents(y, x2)
    assert (pushed[x1], pushed[x2], pushed[a], pushed[b], pushed[y]) == (0.0, 1.0, 1.0, 1.0, 9.0)
    assert list(pushed) == at.topological_order(y)  # inputs first
    assert x1.grad == x2.grad == 0.0  # forward mode touches no gradient


def test_a_seeded_interior_node_counts_as_an_input_like_paths_do() -> None:
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    a = x1 + x2
    y = a * (x2 + 1)
    assert at.tangents(y, a)[y] == sum(p.product for p in at.paths(y, a)) == 4.0
    assert at.tangents(y, Value(1.0))[y] == 0.0  # a seed outside the graph moves nothing


def test_jvp_builds_no_graph_and_uses_duals() -> None:
    seen: list[type] = []

    def f(*x: Any) -> Any:
        seen.extend(type(v) for v in x)
        return at.sum([v.tanh() * v for v in x])

    at.jvp(f, [0.5, -1.0], [1.0, 1.0])
    assert seen == [Dual, Dual]
    assert not hasattr(Dual(1.0), "edges") and Dual.__slots__ == ("data", "tangent")


@pytest.mark.parametrize("name", list(RULES))
def test_every_rule_has_a_dual_operation_whose_tangent_matches_central_differences(name: str) -> None:
    rule = RULES[name]
    for point in rule.samples:
        for k in range(len(point)):
            direction = [1.0 if i == k else 0.0 for i in range(len(point))]
            if name == "sum":
                out = at.sum([Dual(p, d) for p, d in zip(point, direction, strict=True)])
            else:
                duals = [Dual(p, d) for p, d in zip(point, direction, strict=True)]
                if name == "pow" and k == 0:  # a constant exponent (x ** 3), as Value refuses a ≤ 0 otherwise
                    out = Dual(point[0], 1.0) ** point[1]
                elif name in OPERATORS:
                    out = getattr(Dual, OPERATORS[name])(*duals)
                else:  # a function row: found in the table by Dual.__getattr__
                    out = getattr(duals[0], name)()
            h = 1e-6 * max(1.0, abs(point[k]))
            up = rule.forward(*(p + h * d for p, d in zip(point, direction, strict=True)))
            down = rule.forward(*(p - h * d for p, d in zip(point, direction, strict=True)))
            assert out.data == rule.forward(*point)
            assert out.tangent == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-7), (name, point, k)


def test_jvp_with_many_outputs_returns_tuples_and_constants_have_tangent_zero() -> None:
    values, tangent = at.jvp(lambda x: [x * x, 3.0, at.sin(x)], [0.5], [1.0])
    assert values == (0.25, 3.0, math.sin(0.5))
    assert tangent == (1.0, 0.0, math.cos(0.5))


def test_jacobian_both_ways_gives_the_same_matrix_and_the_counts_of_each_mode() -> None:
    def f(x: Value, y: Value, z: Value) -> list[Value]:
        return [x * y + z.exp(), (x - z).tanh()]

    point = [0.3, -1.2, 0.7]
    forward, reverse = at.jacobian(f, point, mode="forward"), at.jacobian(f, point, mode="reverse")
    x, y, z = point
    t = math.tanh(x - z)
    expected = [[y, x, math.exp(z)], [1 - t * t, 0.0, -(1 - t * t)]]
    for matrix in (forward.matrix, reverse.matrix):
        for row, want in zip(matrix, expected, strict=True):
            assert row == pytest.approx(want, rel=1e-14, abs=1e-15)
    # the graph: mul(2) + exp(1) + add(2) for y1, sub(2) + tanh(1) for y2: 8 edges
    assert forward.edges == reverse.edges == 8
    assert (forward.passes, forward.edge_visits) == (3, 3 * 8)  # every edge once per input
    assert (reverse.passes, reverse.edge_visits) == (2, 5 + 3)  # each output's own edges once
    assert "forward mode: 3 passes (one per input), 24 edge visits" in str(forward)


def test_many_inputs_one_output_reverse_wins_one_input_many_outputs_forward_wins() -> None:
    n = 12
    many_in = at.jacobian(lambda *x: at.sum([v * v for v in x]), [0.1 * i for i in range(n)], mode="forward")
    one_out = at.jacobian(lambda *x: at.sum([v * v for v in x]), [0.1 * i for i in range(n)], mode="reverse")
    assert many_in.matrix == one_out.matrix == (tuple(0.2 * i for i in range(n)),)
    assert (many_in.passes, one_out.passes) == (n, 1)
    assert many_in.edge_visits == n * one_out.edge_visits  # 3n edges each: n squares (2) and Σ (n)

    def fan_out(x: Value) -> list[Value]:  # a shared trunk, then n outputs that read it
        trunk = x
        for _ in range(10):
            trunk = (trunk * 0.9).tanh() + trunk
        return [(trunk * k).sin() for k in range(1, n + 1)]

    one_in = [at.jacobian(fan_out, [0.4], mode=mode) for mode in ("forward", "reverse")]
    for a, b in zip(one_in[0].matrix, one_in[1].matrix, strict=True):
        assert a == pytest.approx(b, rel=1e-14)
    assert (one_in[0].passes, one_in[1].passes) == (1, n)
    trunk_edges = 10 * 5  # mul (2), tanh (1), add (2)
    assert one_in[0].edges == trunk_edges + 3 * n  # each output: mul (2) and sin (1)
    assert one_in[0].edge_visits == one_in[0].edges  # one pass over the whole graph
    assert one_in[1].edge_visits == n * (trunk_edges + 3)  # the trunk again for every output


def test_hessian_vector_product_is_forward_over_reverse_against_the_closed_form() -> None:
    def f(x: Value, y: Value) -> Value:
        return x**2 * y**3 + x.sin()

    a, b = 1.3, -0.6
    hessian = [[2 * b**3 - math.sin(a), 6 * a * b**2], [6 * a * b**2, 6 * a**2 * b]]
    v = [0.5, -2.0]
    expected = [sum(h * w for h, w in zip(row, v, strict=True)) for row in hessian]
    assert at.hessian_vector_product(f, [a, b], v) == pytest.approx(expected, rel=1e-13)
    for row, want in zip(at.hessian(f, [a, b]), hessian, strict=True):
        assert row == pytest.approx(want, rel=1e-13)


def test_hessian_vector_product_matches_central_differences_of_the_gradient() -> None:
    def f(x: Value, y: Value, z: Value) -> Value:
        return (x * y).tanh() * z.log() + x**2 / z

    point, v, h = [0.4, -0.9, 1.7], [1.0, 0.5, -0.25], 1e-5

    def gradient(p: list[float]) -> list[float]:
        leaves = [Value(x) for x in p]
        return [g.data for g in at.grad(f(*leaves), leaves)]

    up = gradient([p + h * d for p, d in zip(point, v, strict=True)])
    down = gradient([p - h * d for p, d in zip(point, v, strict=True)])
    numeric = [(u - d) / (2 * h) for u, d in zip(up, down, strict=True)]
    assert at.hessian_vector_product(f, point, v) == pytest.approx(numeric, rel=1e-7, abs=1e-9)


def test_a_function_that_ignores_an_input_has_zero_derivatives_for_it() -> None:
    assert at.hessian(lambda x, y: x * x, [3.0, 1.0]) == ((2.0, 0.0), (0.0, 0.0))
    assert at.jacobian(lambda x, y: y, [3.0, 1.0], mode="forward").matrix == ((0.0, 1.0),)
    assert at.jacobian(lambda x: 2.0, [3.0], mode="reverse").matrix == ((0.0,),)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: at.jvp(seed_function, [2, 3], [1]), ValueError, "2 primals but 1 tangents"),
        (
            lambda: at.jvp(seed_function, [2, "3"], [1, 0]),
            TypeError,
            r"jvp: primals\[1\] must be a finite number",
        ),
        (lambda: at.jvp(seed_function, [2, 3], [1, math.nan]), ValueError, r"tangents\[1\] must be a finite"),
        (lambda: at.jvp(seed_function, 2.0, [1]), TypeError, "primals must be a list of numbers"),
        (lambda: at.jvp(seed_function, [2], [1]), TypeError, r"1 argument, .* seed_function\(x1, x2\)"),
        (lambda: at.jvp(lambda x: x, [2, 3], [1, 0]), TypeError, r"jvp: f\(\*primals\) passes 2 arguments"),
        (lambda: at.jvp(3.0, [2], [1]), TypeError, r"jvp: f\(\*primals\): f must be a function"),
        (lambda: at.jvp(lambda x: Value(1.0), [2], [1]), TypeError, "not a Dual or a number"),
        (lambda: at.jvp(lambda x: x * Value(2.0), [2], [1]), TypeError, "combined with another Dual"),
        (lambda: at.jvp(lambda x: x.log(), [-1], [1]), ValueError, r"log\(-1\)"),
        (lambda: at.jvp(lambda x, y: x**y, [-2, 1.5], [1, 0]), ValueError, "positive base"),
        (lambda: at.jvp(lambda x: x.exp(), [800], [1]), OverflowError, "exp"),
        (lambda: at.jvp(lambda x: x.log(), [5e-324], [1]), ValueError, "local derivative is not finite"),
        (lambda: at.jacobian(seed_function, [2, 3], mode="sideways"), ValueError, "'forward' or 'reverse'"),
        (lambda: at.jacobian(seed_function, [], mode="forward"), ValueError, "inputs is empty"),
        (lambda: at.jacobian(lambda x: [], [1.0]), ValueError, "no outputs"),
        (lambda: at.jacobian(lambda x: "y", [1.0]), TypeError, "output 0 of f is str"),
        (lambda: at.jacobian(seed_function, [1.0, 2.0, 3.0]), TypeError, r"jacobian: f\(\*inputs\) passes 3"),
        (lambda: at.hessian(seed_function, [1.0]), TypeError, r"hessian: f\(\*inputs\) passes 1 argument,"),
        (lambda: at.hessian_vector_product(seed_function, [2, 3], [1]), ValueError, "vector of 1"),
        (lambda: at.hessian(lambda x: [x], [2.0]), TypeError, "f must return one Value"),
        (lambda: at.tangents(3.0, Value(1.0)), TypeError, r"outputs\[0\] must be a Value"),  # type: ignore[arg-type]
        (lambda: at.tangents(Value(1.0), {"x": 1.0}), TypeError, "a seed must be a Value"),  # type: ignore[dict-item]
    ],
)
def test_bad_input_gets_a_clear_error(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_failed_jacobian_or_hessian_leaves_gradients_alone() -> None:
    w = Value(0.5, "w")
    w.grad = 7.0
    with pytest.raises(OverflowError):
        at.jacobian(lambda x: (x * w).exp() * 1e300, [1000.0], mode="reverse")
    at.hessian(lambda x: x * w * x, [1.0])
    assert w.grad == 7.0  # every pass keeps its numbers in its own dict
