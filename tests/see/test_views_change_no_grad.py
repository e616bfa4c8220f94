"""Looking at a pass changes nothing: trace, explain, paths, forward_trace, factor and frames leave
every ``.grad`` as it was and show the same numbers whether or not ``backward()`` ran before."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import autograd_tiny as at
from autograd_tiny import Value


def composite() -> tuple[Value, Value, Value]:
    """The composite-function tutorial's y = (x1 + x2)(x2 + 1) at (2, 3): ∂y/∂x1 = 4, ∂y/∂x2 = 9."""
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    return (x1 + x2) * (x2 + 1), x1, x2


VIEWS: dict[str, Callable[[Value, Value], str]] = {
    "trace": lambda y, x2: str(at.trace(y)),
    "trace html": lambda y, x2: at.trace(y)._repr_html_(),
    "explain": lambda y, x2: str(at.explain(y, x2)),
    "paths": lambda y, x2: repr([(p.product, len(p.edges)) for p in at.paths(y, x2)]),
    "forward_trace": lambda y, x2: str(at.forward_trace(y, x2)),
    "factor": lambda y, x2: str(at.factor(y, x2)),
    "frames": lambda y, x2: repr([(f.text, f.row) for f in at.frames(y).frames]),
}


def grads(*nodes: Value) -> list[float]:
    return [node.grad for node in nodes]


@pytest.mark.parametrize("view", VIEWS)
def test_a_view_before_backward_changes_no_grad(view: str) -> None:
    y, x1, x2 = composite()
    VIEWS[view](y, x2)
    assert grads(y, x1, x2) == [0.0, 0.0, 0.0]
    y.backward()
    assert grads(x1, x2) == [4.0, 9.0]


@pytest.mark.parametrize("view", VIEWS)
def test_a_view_after_backward_shows_the_same_numbers_and_changes_no_grad(view: str) -> None:
    y, x1, x2 = composite()
    fresh = VIEWS[view](y, x2)
    y.backward()
    assert VIEWS[view](y, x2) == fresh
    assert grads(x1, x2) == [4.0, 9.0]
    y.backward()  # leaves accumulate: the view still shows one pass
    assert VIEWS[view](y, x2) == fresh
    assert grads(x1, x2) == [8.0, 18.0]


def test_trace_after_backward_shows_9_for_x2_and_leaves_it_9() -> None:
    y, _, x2 = composite()
    y.backward()
    table = at.trace(y)
    assert table.leaf_gradients["x2"] == 9.0 == (2 + 2 * 3 + 1)  # ∂y/∂x2 = x1 + 2·x2 + 1
    assert "∂y/∂x2 = 9" in str(table)
    assert x2.grad == 9.0
