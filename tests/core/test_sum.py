"""``at.sum``: Σ of any number of terms as one node, against chains of ``+``, closed forms and torch."""

from __future__ import annotations

import functools
import gc
import itertools
import operator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd_tiny as at
from autograd_tiny import Constant, Value

numbers = st.floats(-5, 5, allow_nan=False)


def test_one_node_with_an_edge_per_term_in_order() -> None:
    x, y = Value(2.0, "x"), Value(-3.0, "y")
    s = at.sum([x, 0.5, y * y])
    assert s.op == "sum" and s.data == 2.0 + 0.5 + 9.0
    inputs = [input_ for input_, _ in s.edges]
    assert inputs[0] is x and inputs[1].constant and inputs[1].data == 0.5 and inputs[2].op == "mul"
    assert [local for _, local in s.edges] == [1.0, 1.0, 1.0]  # ∂Σ/∂tᵢ = 1
    assert len(at.topological_order(s)) == 5  # x, 0.5, y, y·y, Σ: no chain of additions


@settings(max_examples=100, deadline=None)
@given(st.lists(numbers, min_size=1, max_size=12), numbers)
def test_the_same_number_and_gradients_as_a_chain_of_plus(data: list[float], c: float) -> None:
    terms = [Value(d) for d in data]
    as_sum = (at.sum([*terms, c]) * terms[0]).tanh()
    as_sum.backward()
    by_sum = [t.grad for t in terms]
    at.zero_grad(terms)
    as_chain = (functools.reduce(operator.add, [*terms, c]) * terms[0]).tanh()
    as_chain.backward()
    assert as_sum.data == as_chain.data  # added left to right in the same order: the same float
    assert by_sum == [t.grad for t in terms]


def test_a_term_used_twice_and_nested_sums_sum_over_paths() -> None:
    x, y = Value(1.5, "x"), Value(-2.0, "y")
    s = at.sum([x, x, at.sum([x, y]), x * y])  # ∂/∂x = 1 + 1 + 1 + y, ∂/∂y = 1 + x
    s.backward()
    assert (x.grad, y.grad) == (3.0 + y.data, 1.0 + x.data)
    assert at.grad(s, [x, y])[0].data == x.grad  # grad() reads the same edges


def test_against_torch_in_float64() -> None:
    torch = pytest.importorskip("torch")
    data = [0.3, -1.2, 0.7, 2.0]
    ours = [Value(d) for d in data]
    theirs = [torch.tensor(d, dtype=torch.float64, requires_grad=True) for d in data]
    y = (at.sum([a * b for a, b in itertools.pairwise(ours)]) * ours[2]).sigmoid()
    products = [a * b for a, b in itertools.pairwise(theirs)]
    reference = (functools.reduce(operator.add, products) * theirs[2]).sigmoid()
    y.backward()
    reference.backward()
    assert y.data == pytest.approx(reference.item(), rel=1e-15)
    for ours_i, theirs_i in zip(ours, theirs, strict=True):
        assert ours_i.grad == pytest.approx(theirs_i.grad.item(), rel=1e-13, abs=1e-15)


def test_second_derivatives_through_a_sum() -> None:
    x, y = Value(0.7, "x"), Value(-1.1, "y")
    f = at.sum([x * x * x, x * y, y])  # ∂f/∂x = 3x² + y, ∂²f/∂x² = 6x, ∂²f/∂x∂y = 1
    (dx,) = at.grad(f, [x], create_graph=True)
    assert dx.data == pytest.approx(3 * 0.7**2 - 1.1, rel=1e-15)
    dxx, dxy = at.grad(dx, [x, y])
    assert dxx.data == pytest.approx(6 * 0.7, rel=1e-15) and dxy.data == 1.0


def test_deep_nesting_at_the_default_recursion_limit() -> None:
    x = Value(1.0, "x")
    s = x
    for _ in range(100_000):
        s = at.sum([s, x, 0.5])
    s.backward()
    assert x.grad == 100_001.0 and s.data == 1.0 + 100_000 * 1.5


def test_numbers_only_give_a_float_and_bad_terms_are_named() -> None:
    assert at.sum([1, 2.5, 3]) == 6.5 and at.sum([]) == 0.0
    with pytest.raises(
        TypeError, match=r"sum: term 1 must be a finite number, got 'a' \(str, not a real number\)"
    ):
        at.sum([Value(1.0), "a"])
    with pytest.raises(ValueError, match=r"sum: term 2 must be a finite number, got inf"):
        at.sum([Value(1.0), 2.0, float("inf")])
    with pytest.raises(OverflowError, match=r"sum\(1e\+308, 1e\+308\) = inf"):
        at.sum([Value(1e308), 1e308])


def test_no_grad_records_no_edges() -> None:
    x = Value(2.0)
    with at.no_grad():
        s = at.sum([x, x, 1.0])
    assert s.data == 5.0 and s.edges == () and s.op == ""


def test_a_sum_of_n_terms_is_two_objects_for_the_garbage_collector() -> None:
    terms = [Value(float(i)) for i in range(17)]
    gc.collect()
    before = len(gc.get_objects())
    sums = [at.sum(terms) for _ in range(1_000)]
    assert (len(gc.get_objects()) - before) / len(sums) < 2.1  # the node and its tuple of inputs
    del sums


def test_drawing_tracing_and_explaining_a_sum() -> None:
    x, w = Value(2.0, "x"), Value(3.0, "w")
    y = at.sum([w * x, x, 1.0])
    dot = at.to_dot(y)
    assert "label=<Σ>" in dot and dot.count('= 1"') == 2  # ∂y/∂a = 1 and ∂y/∂x = 1; the 1.0 is grey
    assert str(at.explain(y, x)).splitlines()[0].endswith("= 4")  # w·1 + 1 = 3 + 1
    table = str(at.trace(y))
    assert "y            1  a      1 × 1 = 1" in table  # the Σ node passes its gradient to every term
    assert table.endswith("leaf gradients: ∂y/∂w = 2, ∂y/∂x = 4")


def test_parse_reads_sum_of_terms() -> None:
    y, leaves = at.parse("sum(x, x*y, 2)", x=1.5, y=2.0)
    assert y.op == "sum" and y.data == 1.5 + 3.0 + 2.0
    y.backward()
    assert leaves["x"].grad == 3.0 and leaves["y"].grad == 1.5
    for bad in ("sum()", "sum(x, *y)", "sum(x, start=1)"):
        with pytest.raises(ValueError, match="sum with other than plain terms"):
            at.parse(bad, x=1.0, y=1.0)


def test_a_tape_replays_a_sum() -> None:
    pytest.importorskip("numpy")
    tape = at.record(lambda a, b: at.sum([a * b, a, b.tanh(), Constant(3.0)]), [1.0, 2.0])
    assert tape.forward([0.5, -1.0]) == pytest.approx(-0.5 + 0.5 + at.tanh(-1.0) + 3.0, rel=1e-15)
    gx, gy = tape.backward()
    assert gx == pytest.approx(-1.0 + 1.0) and gy == pytest.approx(0.5 + 1 - at.tanh(-1.0) ** 2, rel=1e-15)
