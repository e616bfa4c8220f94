"""Hostile inputs for the tape: replays at numbers its branch, its domain or numpy would not take."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import autograd_tiny as at
from autograd_tiny import Value
from tests.hostile.harness import Case


def tape_cases() -> list[Case]:
    def replay(
        fn: Callable[..., Value], record_at: list[float], replay_at: list[Any], seed: Any = 1.0
    ) -> Any:
        tape = at.record(fn, record_at)
        out = tape.forward(replay_at)
        return [out, *tape.backward(seed)]

    functions: dict[str, Callable[..., Value]] = {
        "x*x.detach()": lambda x: x * x.detach(),
        "x**3": lambda x: x**3,
        "x**0.5": lambda x: x**0.5,
        "log(x)": lambda x: x.log(),
        "1/x": lambda x: 1 / x,
        "branch": lambda x: x if x > 0 else -x,
    }
    cases: list[Case] = []
    for name, fn in functions.items():
        for value in (2.0, -2.0, 0.0, 1e-200, 10**400, "1", None, np.array([1.0, -1.0, 0.0])):
            cases.append(Case(f"tape {name} at {value!r}", lambda fn=fn, v=value: replay(fn, [1.5], [v])))
        cases.append(Case(f"tape {name} seed '1'", lambda fn=fn: replay(fn, [1.5], [2.0], "1")))
    return cases
