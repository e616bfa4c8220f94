"""Random expressions over every row of the rules table: the engine against PyTorch in float64 (each
row's ``Rule.torch``), a second independent oracle."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.core.rules import RULES
from tests.helpers.expressions import NAMES, Tree, evaluate, points, torch_function, trees

torch = pytest.importorskip("torch")


def tensor(u: Any) -> Any:
    """Constants in the tree become float64 tensors, so every torch function accepts them."""
    return u if isinstance(u, torch.Tensor) else torch.tensor(float(u), dtype=torch.float64)


def engine_function(name: str) -> Any:
    return getattr(at, name)


def torch_functions(name: str) -> Any:
    """Each function row's ``Rule.torch``, on float64 tensors (the terms of a sum stacked)."""
    function = torch_function(torch, name)
    if RULES[name].arity is None:
        return lambda terms: function(torch.stack([tensor(t) for t in terms]))
    return lambda *args: function(*map(tensor, args))


@settings(max_examples=150, deadline=None)
@given(tree=trees, point=points)
def test_gradients_match_torch_float64(tree: Tree, point: dict[str, float]) -> None:
    leaves = {name: Value(point[name], name) for name in NAMES}
    try:
        y = evaluate(tree, leaves, engine_function)
    except (ValueError, ZeroDivisionError, OverflowError):
        return
    if not isinstance(y, Value):
        return
    tensors = {name: torch.tensor(point[name], dtype=torch.float64, requires_grad=True) for name in NAMES}
    reference = evaluate(tree, tensors, torch_functions)
    reference = reference + 0 * sum(tensors.values())  # every input reachable, so each has a .grad
    reference.backward()
    assert y.data == pytest.approx(reference.item(), rel=1e-12, abs=1e-12)
    for name, g in zip(NAMES, at.grad(y, list(leaves.values())), strict=True):
        expected = tensors[name].grad.item()
        # abs/relu at exactly 0: torch and the engine both take 0; anything else must match
        assert g.data == pytest.approx(expected, rel=1e-10, abs=1e-10), name
    y.backward()  # the hot loop of backward (not grad's): the same numbers
    for name, leaf in leaves.items():
        assert leaf.grad == pytest.approx(tensors[name].grad.item(), rel=1e-10, abs=1e-10), name
