"""Every row of the rules table against its own oracles, at each of its sample points: the value and
each partial against sympy's symbolic derivative of ``Rule.sympy`` and torch's float64 autograd of
``Rule.torch``. Generated from the table: a new row is checked here the day it is written."""

from __future__ import annotations

import pytest
import sympy

import autograd_tiny as at
from autograd_tiny.core.rules import RULES
from tests.helpers.expressions import PYTHON_OPERATORS, torch_function

torch = pytest.importorskip("torch")

SAMPLES = [(name, point) for name, rule in RULES.items() for point in rule.samples]


def engine(name: str, point: tuple[float, ...]) -> tuple[float, list[float]]:
    """The rule's number and partials as the engine gives them, by backward()."""
    inputs = [at.Value(x) for x in point]
    rule = RULES[name]
    if rule.arity is None:
        out = at.sum(inputs)
    elif rule.function:
        out = getattr(at, name)(*inputs)
    else:
        out = PYTHON_OPERATORS[name](*inputs)
    out.backward()
    return out.data, [x.grad for x in inputs]


@pytest.mark.parametrize(("name", "point"), SAMPLES)
def test_each_row_matches_sympy_at_its_samples(name: str, point: tuple[float, ...]) -> None:
    rule = RULES[name]
    assert rule.sympy is not None
    symbols = sympy.symbols(f"a0:{len(point)}", real=True)
    expression = rule.sympy(sympy, *symbols)
    at_point = {s: sympy.Float(x, 30) for s, x in zip(symbols, point, strict=True)}
    value, partials = engine(name, point)
    assert value == pytest.approx(float(expression.subs(at_point)), rel=1e-12, abs=1e-12)
    for symbol, partial in zip(symbols, partials, strict=True):
        assert partial == pytest.approx(
            float(sympy.diff(expression, symbol).subs(at_point)), rel=1e-12, abs=1e-12
        )


@pytest.mark.parametrize(("name", "point"), SAMPLES)
def test_each_row_matches_torch_float64_at_its_samples(name: str, point: tuple[float, ...]) -> None:
    function = torch_function(torch, name)
    tensors = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in point]
    out = function(torch.stack(tensors)) if RULES[name].arity is None else function(*tensors)
    out.backward()
    value, partials = engine(name, point)
    assert value == pytest.approx(out.item(), rel=1e-12, abs=1e-12)
    assert partials == pytest.approx([t.grad.item() for t in tensors], rel=1e-12, abs=1e-12)
