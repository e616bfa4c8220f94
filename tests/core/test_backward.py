"""The backward pass: seed examples, accumulation, re-use, depth, freeing, grad() and higher order."""

from __future__ import annotations

import gc
import math
import random
import sys

import pytest

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.core.order import depth_first, inputs_of


def test_seed_004_first_example() -> None:
    """y = (x1 + x2)(x2 + 1) at (2, 3): y = 20, ∂y/∂x1 = x2 + 1 = 4, ∂y/∂x2 = x1 + 2x2 + 1 = 9."""
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    y = (x1 + x2) * (x2 + 1)
    y.backward()
    assert (y.data, x1.grad, x2.grad) == (20.0, 4.0, 9.0)


@pytest.mark.parametrize(("a", "b"), [(2.0, 3.0), (-1.5, 0.5), (0.3, -2.0)])
def test_seed_004_exercises_against_closed_forms(a: float, b: float) -> None:
    x1, x2 = Value(a), Value(b)
    y = x1**2 + (x1 + x2) ** 2  # ∂y/∂x1 = 2x1 + 2(x1+x2), ∂y/∂x2 = 2(x1+x2)
    y.backward()
    assert x1.grad == pytest.approx(2 * a + 2 * (a + b), rel=1e-12)
    assert x2.grad == pytest.approx(2 * (a + b), rel=1e-12)

    x1, x2 = Value(a), Value(b)
    y = (x1 + x2) ** 2 * x2**2 + x2  # ∂/∂x1 = 2(x1+x2)x2², ∂/∂x2 = 2(x1+x2)x2² + 2(x1+x2)²x2 + 1
    y.backward()
    assert y.data == pytest.approx((a + b) ** 2 * b**2 + b, rel=1e-12)
    assert x1.grad == pytest.approx(2 * (a + b) * b**2, rel=1e-12)
    assert x2.grad == pytest.approx(2 * (a + b) * b**2 + 2 * (a + b) ** 2 * b + 1, rel=1e-12)


def test_lecture_expression() -> None:
    a, b, c, f = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
    L = (a * b + c) * f
    L.backward()
    assert L.data == -8.0
    assert (a.grad, b.grad, c.grad, f.grad) == (6.0, -4.0, -2.0, 4.0)


def test_reused_node_sums_over_its_uses() -> None:
    a = Value(1.0)
    b = a + a
    c = b + b
    c.backward()
    assert a.grad == 4.0


def test_diamond_graph() -> None:
    x = Value(0.5)
    u, v = x.sin(), x.exp()
    y = u * v  # ∂y/∂x = cos x·eˣ + sin x·eˣ
    y.backward()
    assert x.grad == pytest.approx(math.exp(0.5) * (math.cos(0.5) + math.sin(0.5)), rel=1e-12)


def test_leaves_accumulate_and_interior_nodes_are_recomputed() -> None:
    x = Value(3.0)
    h = x * x
    y = h * 2
    y.backward()
    assert (x.grad, h.grad) == (12.0, 2.0)
    y.backward()
    assert (x.grad, h.grad) == (24.0, 2.0)  # leaf accumulates; interior recomputed
    at.zero_grad(x)
    y.backward()
    assert x.grad == 12.0


def test_a_constant_is_recomputed_like_an_interior_node() -> None:
    x, y = Value(3.0), Value(5.0)
    first = x * 2.0  # the same shared constant 2 in both graphs
    second = (y * 2.0) * (y + 2.0)
    first.backward()
    two = first.edges[1][0]
    assert two.grad == 3.0  # ∂first/∂2 = x
    second.backward()
    assert two.grad == 7.0 * 5.0 + 10.0  # ∂second/∂2 = y·(y + 2) + 2y, nothing left from first
    first.backward()
    assert two.grad == 3.0


def test_x_times_x_used_twice() -> None:
    x = Value(2.0)
    y = x * x + x * x  # 2x² → 4x
    y.backward()
    assert x.grad == 8.0


def test_backward_from_a_leaf_seeds_one() -> None:
    x = Value(5.0)
    x.backward()
    assert x.grad == 1.0


def test_zero_grad_accepts_values_and_iterables() -> None:
    a, b, c = Value(1.0), Value(2.0), Value(3.0)
    (a * b * c).backward()
    at.zero_grad(a, [b, c])
    assert (a.grad, b.grad, c.grad) == (0.0, 0.0, 0.0)
    with pytest.raises(TypeError, match="zero_grad"):
        at.zero_grad([1.0])  # type: ignore[list-item]


def test_topological_order_puts_inputs_first_and_is_deterministic() -> None:
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    y = (x1 + x2) * (x2 + 1)
    order = at.topological_order(y)
    position = {node: i for i, node in enumerate(order)}
    assert order[-1] is y
    for node in order:
        for input_, _ in node.edges:
            assert position[input_] < position[node]
    assert [n.label for n in order if n.label] == ["x1", "x2"]
    assert len(order) == 6  # x1, x2, a, const 1, b, y


def _recursive_order(roots: list[Value]) -> tuple[list[Value], list[Value]]:
    """The textbook post-order depth-first search, recursive: the oracle for ``depth_first``."""
    interior: list[Value] = []
    leaves: list[Value] = []
    seen: set[Value] = set()

    def visit(node: Value) -> None:
        for x in inputs_of(node):
            if x not in seen:
                seen.add(x)
                visit(x) if inputs_of(x) else leaves.append(x)
        interior.append(node)

    for root in roots:
        if root not in seen:
            seen.add(root)
            visit(root)
    return interior, leaves


def _random_node(rng: random.Random, pool: list[Value]) -> Value:
    a, b = rng.choice(pool), rng.choice(pool)
    kind = rng.randrange(6)
    if kind == 5:  # terms that are products of leaves, finished without a push, and others
        return at.sum([*rng.sample(pool, min(len(pool), 3)), a * b, Value(1.0) * a])
    return [a * b, a + b, a.tanh(), -a, a * a][kind]


@pytest.mark.parametrize("seed", range(20))
def test_depth_first_gives_the_recursive_post_order(seed: int) -> None:
    """Random graphs with sums of leaf products (a neuron's w·x), shared nodes, x·x, constants and
    one-input nodes, under several roots that share one seen set (a tape's outputs)."""
    rng = random.Random(seed)
    for _ in range(20):
        pool = [Value(rng.random()) for _ in range(rng.randint(1, 4))] + [at.Constant(2.0)]
        for _ in range(rng.randint(1, 30)):
            pool.append(_random_node(rng, pool))
        roots = [v for v in pool[-3:] if v.edges]
        interior: list[Value] = []
        leaves: list[Value] = []
        seen: set[Value | None] = {None}
        for root in roots:
            if root not in seen:
                depth_first(root, interior, leaves, seen)
        assert (interior, leaves) == _recursive_order(roots)


@pytest.mark.slow
def test_million_operation_chain_at_the_default_recursion_limit() -> None:
    assert sys.getrecursionlimit() <= 10_000
    x = Value(1.0)
    y = x
    n = 1_000_000
    for _ in range(n):
        y = y * 1.000001
    y.backward()
    assert y.data == pytest.approx(1.000001**n, rel=1e-9)
    assert x.grad == pytest.approx(1.000001**n, rel=1e-9)  # d/dx x·cⁿ = cⁿ


def test_a_graph_is_freed_by_reference_counting() -> None:
    gc.collect()
    gc.disable()
    try:
        x = Value(0.5)
        y = x
        for _ in range(1000):
            y = (y * 0.9 + x).tanh()
        y.backward()
        grad = at.grad(y, [x], create_graph=True)[0]
        del y, grad
        assert gc.collect() == 0  # nothing was kept alive by a reference cycle
    finally:
        gc.enable()


def test_grad_leaves_dot_grad_alone() -> None:
    x1, x2 = Value(2.0), Value(3.0)
    y = (x1 + x2) * (x2 + 1)
    g1, g2 = at.grad(y, [x1, x2])
    assert (g1.data, g2.data) == (4.0, 9.0)
    assert (x1.grad, x2.grad) == (0.0, 0.0)


def test_grad_of_an_unrelated_input_is_zero() -> None:
    x, z = Value(2.0), Value(7.0)
    assert [g.data for g in at.grad(x * x, [x, z])] == [4.0, 0.0]
    assert at.grad(x * x, [z], create_graph=True)[0].data == 0.0


@pytest.mark.parametrize("x0", [-1.3, 0.0, 0.5, 2.0])
def test_second_derivative_of_tanh(x0: float) -> None:
    """tanh″(x) = −2 tanh(x)(1 − tanh²(x)), the closed form."""
    x = Value(x0)
    (first,) = at.grad(x.tanh(), [x], create_graph=True)
    (second,) = at.grad(first, [x], create_graph=True)
    (third,) = at.grad(second, [x])
    t = math.tanh(x0)
    assert first.data == pytest.approx(1 - t * t, rel=1e-12, abs=1e-15)
    assert second.data == pytest.approx(-2 * t * (1 - t * t), rel=1e-12, abs=1e-15)
    assert third.data == pytest.approx(-2 * (1 - t * t) * (1 - 3 * t * t), rel=1e-12, abs=1e-15)


def test_hessian_of_a_two_variable_function_against_sympy() -> None:
    sympy = pytest.importorskip("sympy")
    a, b = sympy.symbols("a b")
    expression = sympy.exp(a * b) + a**3 * sympy.sin(b) + sympy.log(a + b**2)
    point = {a: 0.7, b: -0.4}
    x, y = Value(0.7), Value(-0.4)
    f = (x * y).exp() + x**3 * y.sin() + (x + y**2).log()
    gx, gy = at.grad(f, [x, y], create_graph=True)
    hessian = [[h.data for h in at.grad(g, [x, y])] for g in (gx, gy)]
    for i, u in enumerate((a, b)):
        for j, v in enumerate((a, b)):
            expected = float(sympy.diff(expression, u, v).subs(point))
            assert hessian[i][j] == pytest.approx(expected, rel=1e-10)


def test_newton_step_on_a_quadratic_lands_on_the_minimum() -> None:
    x = Value(5.0)
    f = 3 * (x - 2) ** 2 + 1
    (d1,) = at.grad(f, [x], create_graph=True)
    (d2,) = at.grad(d1, [x])
    assert x.data - d1.data / d2.data == pytest.approx(2.0, rel=1e-12)


@pytest.mark.parametrize("x0", [0.3, 1.7])
def test_higher_order_through_every_rule(x0: float) -> None:
    """Second derivatives of each unary rule against their closed forms."""
    cases = {
        "exp": lambda x: math.exp(x),
        "log": lambda x: -1 / x**2,
        "sqrt": lambda x: -0.25 * x**-1.5,
        "sin": lambda x: -math.sin(x),
        "cos": lambda x: -math.cos(x),
        "sigmoid": lambda x: (s := 1 / (1 + math.exp(-x))) * (1 - s) * (1 - 2 * s),
        "relu": lambda x: 0.0,
    }
    for op, second in cases.items():
        x = Value(x0)
        (d1,) = at.grad(getattr(x, op)(), [x], create_graph=True)
        (d2,) = at.grad(d1, [x])
        assert d2.data == pytest.approx(second(x0), rel=1e-12, abs=1e-15), op
    x = Value(x0)
    (d1,) = at.grad(x**3.5 + 2**x + x / (x + 1), [x], create_graph=True)
    (d2,) = at.grad(d1, [x])
    expected = 3.5 * 2.5 * x0**1.5 + math.log(2) ** 2 * 2**x0 - 2 / (x0 + 1) ** 3
    assert d2.data == pytest.approx(expected, rel=1e-12)
