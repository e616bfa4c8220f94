"""Hostile inputs for the parser: code that is not an expression, names that look alike, sizes
past its bounds, and random chains whose gradients are checked."""

from __future__ import annotations

import random
from typing import Any

import autograd_tiny as at
from tests.hostile.harness import Case

PARSER_TEXTS = [
    "__import__('os').system('id')", "().__class__.__bases__[0]", "x.__class__", "eval('1')", "lambda: 1",
    "x if x else y", "[x]", "{x}", "x[0]", "f'{x}'", "x @ y", "x // y", "x % y", "~x", "not x", "x == y",
    "x; y", "x\ny", "x # c", "𝐱 + 1", "ｘ + 1", "x" * 3000, "(" * 60 + "x" + ")" * 60, "1e999 * x",
    "9" * 400 + " + x",
    "exp(exp(exp(x)))", "log(0 * x)", "sqrt(-x)", "x ** -1", "0 ** x", "(-8) ** (1/3) + x", "sum()", "sum(x)",
    "exp(x, y)", "exp", "exp(x=1)", "abs(x)", "softplus(x) * relu(x)", "x" + "*x" * 500, "x" + "+x" * 999,
    "", " ", "\x00", "x +", "* x", "1 2", "x y",
]  # fmt: skip


def parser_cases() -> list[Case]:
    cases: list[Case] = []
    for text in PARSER_TEXTS:
        for x in (2.0, 0.0, -1.0, 10**400):
            cases.append(Case(f"parse({text[:40]!r}, x={x!r})", lambda t=text, x=x: parse_and_backward(t, x)))
    cases.append(Case("parse(None)", lambda: at.parse(None)))  # type: ignore[arg-type]
    return cases


def parse_and_backward(text: str, x: float) -> Any:
    names = {"x": x, "y": 3.0} if "y" in text else {"x": x}
    y, leaves = at.parse(text, **names)
    y.backward()
    return [y, *(leaf.grad for leaf in leaves.values())]


def random_chain_cases() -> list[Case]:
    """Long random chains through the parser, with gradients against numbers."""
    rng = random.Random(0)
    chains = [f"x{rng.choice('+-*/')}{rng.uniform(-3, 3):.3f}" for _ in range(200)]
    cases = []
    for i in range(0, 200, 20):
        text = "(" * 10 + ")".join(chains[i : i + 10]) + ")"
        cases.append(Case(f"random chain {i}", lambda t=text: parse_and_backward(t, 0.7)))
    return cases
