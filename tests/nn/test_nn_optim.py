"""SGD and Adam against PyTorch's optimisers in float64, and their refusals."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

import nn
from autograd_tiny import Value

torch = pytest.importorskip("torch")

START = [0.5, -1.5, 2.0]
GRADIENTS = [[0.3, -0.2, 1.0], [-0.1, 0.4, 0.5], [0.25, 0.0, -2.0]]


def run_ours(make: Callable[[list[Value]], nn.Optimizer]) -> list[float]:
    params = [Value(x) for x in START]
    optimizer = make(params)
    for gradient in GRADIENTS:
        optimizer.zero_grad()
        for p, g in zip(params, gradient, strict=True):
            p.grad = g
        optimizer.step()
    return [p.data for p in params]


def run_torch(make: Callable[[list[object]], object]) -> list[float]:
    params = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in START]
    optimizer = make(params)
    for gradient in GRADIENTS:
        for p, g in zip(params, gradient, strict=True):
            p.grad = torch.tensor(g, dtype=torch.float64)
        optimizer.step()  # type: ignore[attr-defined]
    return [p.item() for p in params]


@pytest.mark.parametrize(("momentum", "weight_decay"), [(0.0, 0.0), (0.9, 0.0), (0.0, 0.1), (0.5, 0.05)])
def test_sgd_matches_torch(momentum: float, weight_decay: float) -> None:
    ours = run_ours(lambda p: nn.SGD(p, lr=0.1, momentum=momentum, weight_decay=weight_decay))
    theirs = run_torch(lambda p: torch.optim.SGD(p, lr=0.1, momentum=momentum, weight_decay=weight_decay))
    assert ours == pytest.approx(theirs, rel=1e-14, abs=1e-15)


def test_plain_sgd_is_seed_000_update() -> None:
    assert run_ours(lambda p: nn.SGD(p, lr=0.5)) == pytest.approx(
        [x - 0.5 * sum(g[i] for g in GRADIENTS) for i, x in enumerate(START)], rel=1e-15
    )


@pytest.mark.parametrize(("lr", "betas", "eps"), [(0.001, (0.9, 0.999), 1e-8), (0.1, (0.5, 0.9), 1e-3)])
def test_adam_matches_torch(lr: float, betas: tuple[float, float], eps: float) -> None:
    ours = run_ours(lambda p: nn.Adam(p, lr=lr, betas=betas, eps=eps))
    theirs = run_torch(lambda p: torch.optim.Adam(p, lr=lr, betas=betas, eps=eps))
    assert ours == pytest.approx(theirs, rel=1e-13, abs=1e-15)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
@pytest.mark.parametrize("make", [lambda p: nn.SGD(p, lr=0.1, momentum=0.9), lambda p: nn.Adam(p, lr=0.1)])
def test_non_finite_gradient_is_refused_and_nothing_changes(
    make: Callable[[list[Value]], nn.Optimizer], bad: float
) -> None:
    params = [Value(1.0, "a"), Value(2.0, "b")]
    optimizer = make(params)
    params[0].grad, params[1].grad = 0.5, 0.5
    optimizer.step()
    state = {k: v for k, v in vars(optimizer).items() if k != "params"}
    data = [p.data for p in params]
    params[0].grad, params[1].grad = 0.1, bad
    with pytest.raises(
        FloatingPointError, match=r"gradient of params\[1\] \(b\) is .*no parameter was updated"
    ):
        optimizer.step()
    assert [p.data for p in params] == data
    assert {k: v for k, v in vars(optimizer).items() if k != "params"} == state


def test_an_update_that_overflows_is_refused() -> None:
    params = [Value(1e308, "big"), Value(0.0)]
    params[0].grad = -1e308
    with pytest.raises(FloatingPointError, match=r"updated value of params\[0\] \(big\) is inf"):
        nn.SGD(params, lr=10.0).step()
    assert params[0].data == 1e308


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda p: nn.SGD(p, lr=0), ValueError, "lr must be a finite number > 0, got 0"),
        (lambda p: nn.SGD(p, lr=math.nan), ValueError, "lr must be"),
        (
            lambda p: nn.SGD(p, lr=0.1, momentum=1.0),
            ValueError,
            r"momentum must be a finite number in \[0, 1\)",
        ),
        (lambda p: nn.SGD(p, lr=0.1, weight_decay=-0.1), ValueError, "weight_decay must be"),
        (lambda p: nn.Adam(p, betas=(0.9, 1.0)), ValueError, r"betas\[1\] must be"),
        (lambda p: nn.Adam(p, eps=0.0), ValueError, "eps must be"),
        (lambda p: nn.SGD([], lr=0.1), ValueError, "no parameters"),
        (lambda p: nn.SGD([*p, p[0]], lr=0.1), ValueError, "listed twice"),
        (lambda p: nn.SGD([1.0], lr=0.1), TypeError, r"params\[0\] is not a parameter Value"),  # type: ignore[list-item]
        (lambda p: nn.SGD([p[0] * 2], lr=0.1), TypeError, r"params\[0\] is not a parameter Value"),
        (lambda p: nn.SGD([(p[0] * 2).edges[1][0]], lr=0.1), TypeError, "not a parameter"),
    ],
)
def test_bad_optimiser_arguments_are_refused(
    make: Callable[[list[Value]], object], error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        make([Value(1.0), Value(2.0)])


def test_zero_grad_clears_the_parameters() -> None:
    params = [Value(1.0), Value(2.0)]
    params[0].grad = 3.0
    nn.Adam(params).zero_grad()
    assert [p.grad for p in params] == [0.0, 0.0]
