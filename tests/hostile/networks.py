"""Hostile inputs for nn: data and labels of every wrong shape, state dicts of junk, and the bridge
to PyTorch given modules whose numbers nn could not reproduce."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

import nn
from tests.hostile.harness import EXPECTED, Case

X = [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [1.0, 1.0]]
Y = [0.0, 1.0, 1.0, 0.0]
LABELS: list[Any] = [
    ["a"], [b"a"], [{"a": 1}], {0: 1}, [None], [True], [[]], [[[[1]]]], [math.nan], [math.inf], [10**400],
    [[0.0, math.nan]], ["ab"], [1j], [np.array([])], [np.array([[1.0]])], [object()], [[0.0, 1.0]], [1],
    [0.5],
    [np.int64(1)], np.array([1]), [np.float32(1.0)], [(1.0, 0.0)], [range(2)], "a", b"a", None, 5,
]  # fmt: skip


def _fit(X: Any, y: Any, loss: str = "half_squared_error") -> Any:
    model = nn.MLP(2, [3, 1], seed=0)
    before = model.state_dict()
    try:
        optimizer = nn.SGD(model.parameters(), lr=0.1)
        return nn.fit(model, X, y, loss=loss, optimizer=optimizer, epochs=1, progress=False)
    except EXPECTED:
        if model.state_dict() != before:
            raise AssertionError("a refused fit changed the model") from None
        raise


def nn_cases() -> list[Case]:
    cases = [
        Case("fit numpy", lambda: _fit(np.array(X), np.array(Y)), succeed=True),
        Case("fit nan in X", lambda: _fit([[math.nan, 1.0], *X[1:]], Y)),
        Case("fit str in X", lambda: _fit([["a", 1.0], *X[1:]], Y)),
        Case("fit ragged X", lambda: _fit([[1.0], *X[1:]], Y)),
        Case("fit empty", lambda: _fit([], [])),
        Case(
            "fit int64 labels bce",
            lambda: _fit(X, np.array([0, 1, 1, 0]), "binary_cross_entropy"),
            succeed=True,
        ),
        Case("fit 10**400 in X", lambda: _fit([[10**400, 1.0], *X[1:]], Y)),
        Case("load_state_dict junk", lambda: nn.MLP(2, [1]).load_state_dict({"x": 1})),  # type: ignore[dict-item]
        Case("predict numpy", lambda: nn.predict(nn.MLP(2, [1]), np.array(X)), succeed=True),
    ]
    model = nn.MLP(2, [3, 2], seed=0)
    for labels in LABELS:
        cases.append(
            Case(
                f"accuracy(m, [[.1, .2]], {labels!r})"[:120],
                lambda y=labels: nn.accuracy(model, [[0.1, 0.2]], y),
            )
        )
        cases.append(Case(f"fit(m, [[.1, .2]], {labels!r})"[:120], lambda y=labels: _fit([[0.1, 0.2]], y)))
    big = nn.MLP(64, [256, 256, 10], seed=0)
    for junk in (math.nan, math.inf, "x" * 10**6, None, [1.0] * 10**5):
        state = dict.fromkeys(big.state_dict(), junk)
        cases.append(
            Case(
                f"load_state_dict every entry {str(junk)[:20]!r} on {big!r}",
                lambda s=state: big.load_state_dict(s),
            )
        )
    cases.append(
        Case(
            "load_state_dict a key of 10⁶ characters",
            lambda: model.load_state_dict({**model.state_dict(), "k" * 10**6: 1.0}),
        )
    )
    return cases


# ---- the bridge to PyTorch ------------------------------------------------------------------


def bridge_cases() -> list[Case]:
    try:
        import torch
    except ModuleNotFoundError:
        return []  # the optional extra is not installed: nothing to try

    class DoubledLinear(torch.nn.Linear):
        def forward(self, x: Any) -> Any:
            return 2 * super().forward(x)

    class NegatedSequential(torch.nn.Sequential):
        def forward(self, x: Any) -> Any:
            return -super().forward(x)

    class BadRepr(torch.nn.Linear):
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    def hooked(module: Any) -> Any:
        module.register_forward_hook(lambda _m, _i, output: 2 * output)
        return module

    def with_weight(fill: float) -> Any:
        linear = torch.nn.Linear(3, 1)
        with torch.no_grad():
            linear.weight.fill_(fill)
        return linear

    makes: dict[str, Callable[[], Any]] = {
        "a Linear subclass with its own forward": lambda: torch.nn.Sequential(DoubledLinear(3, 1)),
        "a Sequential subclass": lambda: NegatedSequential(torch.nn.Linear(3, 1)),
        "a Linear whose repr fails": lambda: torch.nn.Sequential(BadRepr(3, 1)),
        "LazyLinear": lambda: torch.nn.Sequential(torch.nn.LazyLinear(3)),
        "a hooked Linear": lambda: torch.nn.Sequential(hooked(torch.nn.Linear(3, 1))),
        "a hooked Tanh": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1), hooked(torch.nn.Tanh())),
        "complex weights": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1, dtype=torch.complex128)),
        "complex64 weights": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1, dtype=torch.complex64)),
        "meta weights": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1, device="meta")),
        "Linear(3, 0)": lambda: torch.nn.Sequential(torch.nn.Linear(3, 0)),
        "Linear(0, 3)": lambda: torch.nn.Sequential(torch.nn.Linear(0, 3)),
        "no bias": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1, bias=False)),
        "nan weight": lambda: torch.nn.Sequential(with_weight(math.nan)),
        "inf weight": lambda: torch.nn.Sequential(with_weight(math.inf)),
        "float16 weights": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1, dtype=torch.float16)),
        "bfloat16 weights": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1, dtype=torch.bfloat16)),
        "Dropout": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Dropout()),
        "Softmax": lambda: torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Softmax(dim=-1)),
        "LeakyReLU(0.2)": lambda: torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.LeakyReLU(0.2)),
        "two activations": lambda: torch.nn.Sequential(
            torch.nn.Linear(3, 1), torch.nn.Tanh(), torch.nn.ReLU()
        ),
        "mismatched sizes": lambda: torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Linear(4, 1)),
        "empty": lambda: torch.nn.Sequential(),
        "a bare Linear": lambda: torch.nn.Linear(3, 1),
        "a ModuleList": lambda: torch.nn.ModuleList([torch.nn.Linear(3, 1)]),
        "a list": lambda: [torch.nn.Linear(3, 1)],
        "None": lambda: None,
        "nested Sequential": lambda: torch.nn.Sequential(torch.nn.Sequential(torch.nn.Linear(3, 1))),
        "Linear, Tanh, Linear": lambda: torch.nn.Sequential(
            torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1)
        ),
        "Linear(200, 200)": lambda: torch.nn.Sequential(torch.nn.Linear(200, 200)),
    }
    cases = []
    for what, make in makes.items():
        cases.append(
            Case(f"from_torch({what})", lambda make=make: _from_torch(make), (*EXPECTED, ImportError))
        )
    for junk in (None, [], "MLP", nn.MLP(2, [3, 1]), nn.Layer(2, 3), nn.Neuron(2)):
        cases.append(Case(f"to_torch({junk!r})", lambda j=junk: nn.to_torch(j), (*EXPECTED, ImportError)))
    cases.append(
        Case(
            "to_torch and back: the same outputs",
            _round_trip,
            check=lambda gap: "" if gap < 1e-12 else f"outputs differ by {gap}",
        )
    )
    return cases


def _from_torch(make: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch warns of zero-element and lazy layers
        module = make()
    return nn.from_torch(module)


def _round_trip() -> float:
    model = nn.MLP(3, [4, 2], "relu", "sigmoid", seed=3)
    back = nn.from_torch(nn.to_torch(model))
    x = [0.3, -1.2, 2.0]
    return max(abs(a.data - b.data) for a, b in zip(model(x), back(x), strict=True))
