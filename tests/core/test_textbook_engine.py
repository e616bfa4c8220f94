"""The engine against the one-screen textbook engine (autograd_tiny/core/textbook.py) on random graphs.

The textbook engine shares only the rules table; its graph, its sort and its chain-rule loop are
its own, so the optimised engine's shared constants, slots, fused Σ and fused zeroing are checked
against the plain idea. Each random program draws operations from the whole table, with inputs
reused (shared sub-expressions, ``x*x``) and constants mixed in.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

import autograd_tiny as at
from autograd_tiny.core.rules import RULES
from autograd_tiny.core.textbook import Node

UNARY = [name for name, rule in RULES.items() if rule.arity == 1]
BINARY = ["add", "sub", "mul"]  # total functions: every random program is defined

steps = st.lists(
    st.tuples(
        st.sampled_from(UNARY + BINARY + ["sum", "const"]),
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.floats(-2.0, 2.0, allow_nan=False),
    ),
    min_size=1,
    max_size=25,
)


def _run(program: list[tuple[str, int, int, float]], inputs: list[float]) -> tuple[float, list[float]] | None:
    """The program on both engines: (value, gradients) if they agree on where it is defined."""
    ours: list[at.Value] = [at.Value(x) for x in inputs]
    book: list[Node] = [Node(x) for x in inputs]
    leaves_ours, leaves_book = list(ours), list(book)
    for op, i, j, c in program:
        a, b = i % len(ours), j % len(ours)
        try:
            if op == "const":
                ours.append(ours[a] * c + 0.5)
                book.append(book[a] * c + 0.5)
            elif op == "sum":
                ours.append(at.sum([ours[a], ours[b], c]))
                book.append(book[a].apply("sum", book[b], c))
            elif op in BINARY:
                ours.append(
                    getattr(ours[a], {"add": "__add__", "sub": "__sub__", "mul": "__mul__"}[op])(ours[b])
                )
                book.append(book[a].apply(op, book[b]))
            else:
                ours.append(-ours[a] if op == "neg" else getattr(ours[a], op)())
                book.append(book[a].apply(op))
        except (ArithmeticError, ValueError):
            return None  # outside a rule's domain (log of a negative, exp overflow): both refuse
        if not math.isfinite(book[-1].data) or abs(book[-1].data) > 1e100:
            return None
    ours[-1].backward()
    book[-1].backward()
    assert ours[-1].data == book[-1].data
    for mine, theirs in zip(leaves_ours, leaves_book, strict=True):
        # the two engines add a leaf's contributions in different orders: equal up to rounding
        assert math.isclose(mine.grad, theirs.grad, rel_tol=1e-9, abs_tol=1e-9)
    return ours[-1].data, [leaf.grad for leaf in leaves_ours]


@settings(max_examples=300, deadline=None)
@given(steps, st.lists(st.floats(0.1, 2.0), min_size=1, max_size=4))
def test_engine_equals_the_textbook_engine_on_random_graphs(
    program: list[tuple[str, int, int, float]], inputs: list[float]
) -> None:
    _run(program, inputs)


def test_the_composite_function_tutorial_example_in_both_engines() -> None:
    x1, x2 = Node(2.0), Node(3.0)
    y = (x1 + x2) * (x2 + 1.0)
    y.backward()
    assert (y.data, x1.grad, x2.grad) == (20.0, 4.0, 9.0)
    assert _run([("add", 0, 1, 0.0)], [2.0, 3.0]) == (5.0, [1.0, 1.0])


def test_the_textbook_engine_handles_depth_without_recursion() -> None:
    x = Node(0.5)
    y = x
    for _ in range(20_000):
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad == 1.0
