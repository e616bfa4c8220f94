"""Every row of the composite rules (core/composite.py) agrees with the scalar rules: the same
quantity built as a graph of ``Value``s and differentiated by ``backward()``, at random points."""

from __future__ import annotations

import inspect
import random
from typing import Any

import numpy as np
import pytest

from autograd_tiny import Value
from autograd_tiny.core.composite import COMPOSITE_RULES, CompositeRule


def as_values(nested: Any) -> Any:
    """Nested lists of numbers → the same lists of leaves."""
    return [as_values(x) for x in nested] if isinstance(nested, list) else Value(float(nested))


def as_array(nested: Any) -> Any:
    flat = np.asarray(nested)
    return flat.astype(np.intp) if flat.dtype.kind == "i" else flat.astype(np.float64)


def grads(nested: Any) -> Any:
    return [grads(x) for x in nested] if isinstance(nested, list) else nested.grad


def built(row: CompositeRule, example: dict[str, Any], leaves: Any) -> Value:
    """The row's quantity as a graph of scalar rules, ``wrt`` as ``leaves``."""
    names = inspect.signature(row.on_values).parameters
    return row.on_values(**{name: leaves if name == row.wrt else example[name] for name in names})


def computed(row: CompositeRule, example: dict[str, Any]) -> tuple[Any, Any]:
    """(J of each example or None, the gradient) from the row's array function."""
    names = list(inspect.signature(row.compute).parameters)[1:]  # after xp
    arrays = {name: as_array(example[name]) for name in names if name != "out"}
    result = row.compute(np, **arrays)
    return result if isinstance(result, tuple) else (None, result)


@pytest.mark.parametrize("name", COMPOSITE_RULES)
@pytest.mark.parametrize("seed", range(12))
def test_a_composite_rule_is_the_scalar_rules_backward(name: str, seed: int) -> None:
    row = COMPOSITE_RULES[name]
    example = row.example(random.Random(seed))
    leaves = as_values(example[row.wrt])
    total = built(row, example, leaves)
    total.backward()
    losses, gradient = computed(row, example)
    assert np.asarray(gradient) == pytest.approx(np.asarray(grads(leaves)), rel=1e-12, abs=1e-12)
    if losses is not None:  # a loss: Σ J over the batch is the graph's number too
        assert float(np.sum(losses)) == pytest.approx(total.data, rel=1e-12, abs=1e-12)


def test_every_row_names_its_rule_and_a_real_argument() -> None:
    for name, row in COMPOSITE_RULES.items():
        assert row.name == name and row.rule.startswith("∂")
        assert row.wrt in row.example(random.Random(0)), name
        assert row.wrt in inspect.signature(row.on_values).parameters, name


def test_a_wrong_row_is_caught() -> None:
    """The check can fail: δaᵀ with the factors swapped (aδᵀ, the transpose) is refused."""
    row = COMPOSITE_RULES["weight_gradient"]
    example = {"W": [[1.0, 2.0]], "b": [0.5], "a": [[1.0], [3.0]], "delta": [[2.0]], "ones": [1.0]}
    leaves = as_values(example["W"])
    built(row, example, leaves).backward()
    wrong = np.asarray(example["a"]) @ np.asarray(example["delta"]).T
    assert np.asarray(grads(leaves)).shape != wrong.shape or not np.allclose(grads(leaves), wrong)
    assert np.allclose(grads(leaves), computed(row, example)[1])
