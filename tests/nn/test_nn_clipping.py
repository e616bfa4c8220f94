"""``nn.clip_gradients`` against the closed form g·max_norm/‖g‖ and PyTorch's ``clip_grad_norm_`` in float64,
and its refusals."""

from __future__ import annotations

import math

import pytest

import nn
from autograd_tiny import Value


def parameters_with(gradients: list[float]) -> list[Value]:
    params = [Value(0.0, f"p{i}") for i in range(len(gradients))]
    for p, g in zip(params, gradients, strict=True):
        p.grad = g
    return params


def test_a_long_gradient_is_scaled_to_max_norm() -> None:
    params = parameters_with([3.0, -4.0])  # ‖g‖ = 5: a 3-4-5 triangle
    norm = nn.clip_gradients(params, max_norm=1.0)
    assert norm == 5.0
    assert [p.grad for p in params] == pytest.approx([0.6, -0.8], rel=1e-15)


def test_a_short_gradient_is_left_alone() -> None:
    params = parameters_with([0.3, -0.4])  # ‖g‖ = 0.5 ≤ 1
    assert nn.clip_gradients(params, max_norm=1.0) == pytest.approx(0.5, rel=1e-15)
    assert [p.grad for p in params] == [0.3, -0.4]


def test_agrees_with_torch_clip_grad_norm() -> None:
    torch = pytest.importorskip("torch")
    gradients = [12.0, -0.5, 3.25, 7.0, -9.5]
    params = parameters_with(gradients)
    ours = nn.clip_gradients(params, max_norm=2.5)
    tensors = [torch.zeros((), dtype=torch.float64, requires_grad=True) for _ in gradients]
    for t, g in zip(tensors, gradients, strict=True):
        t.grad = torch.tensor(g, dtype=torch.float64)
    theirs = torch.nn.utils.clip_grad_norm_(tensors, max_norm=2.5)
    assert ours == pytest.approx(theirs.item(), rel=1e-14)
    assert [p.grad for p in params] == pytest.approx([t.grad.item() for t in tensors], rel=1e-6)
    assert math.hypot(*(p.grad for p in params)) == pytest.approx(2.5, rel=1e-14)


@pytest.mark.parametrize(
    ("max_norm", "error"),
    [
        (0.0, ValueError),
        (-1.0, ValueError),
        (math.inf, ValueError),
        (math.nan, ValueError),
        (True, TypeError),
        ("1", TypeError),
    ],
)
def test_a_bad_max_norm_is_refused(max_norm: object, error: type[Exception]) -> None:
    params = parameters_with([3.0, 4.0])
    with pytest.raises(error, match="clip_gradients: max_norm must be a finite number > 0"):
        nn.clip_gradients(params, max_norm)  # type: ignore[arg-type]
    assert [p.grad for p in params] == [3.0, 4.0]


def test_a_non_finite_gradient_is_named_and_nothing_changes() -> None:
    params = parameters_with([3.0, math.inf, 4.0])
    with pytest.raises(FloatingPointError, match=r"parameters\[1\] \(p1\) is inf"):
        nn.clip_gradients(params, max_norm=1.0)
    assert [p.grad for p in params] == [3.0, math.inf, 4.0]
