"""The slips a learner makes writing a local derivative, one row each, like the rules table.

Each row names the slip and computes the number it produces at a point, for one partial of one
operation; ``check_rule`` and ``check_forward`` name every row whose numbers match the learner's at
every point tried. The partials are those of the rules table (the backpropagation derivation's
f′ = 1 − f² for tanh, f(1 − f) for sigmoid); a neighbouring function is one whose derivative is
easily taken for this one (sigmoid's for tanh).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from autograd_tiny.core.rules import RULES

__all__ = ["FORMULAS", "NEIGHBOURS", "SLIPS", "SOLUTIONS", "Slip", "slip_number"]

FORMULAS = {
    "add": ("1", "1"),
    "sub": ("1", "−1"),
    "mul": ("b", "a"),
    "div": ("1/b", "−a/b² = −out/b"),
    "neg": ("−1",),
    "pow": ("b·aᵇ⁻¹", "aᵇ·ln a = out·ln a"),
    "abs": ("sign(a)",),
    "exp": ("eᵃ = out",),
    "log": ("1/a",),
    "sqrt": ("1/(2√a) = 0.5/out",),
    "tanh": ("1 − tanh² a = 1 − out²",),
    "sigmoid": ("σ(a)(1 − σ(a)) = out·(1 − out)",),
    "softplus": ("σ(a) = 1 − e^(−out)",),
    "relu": ("1 if a > 0 else 0",),
    "sin": ("cos a",),
    "cos": ("−sin a",),
}
"""Each operation's local partials as the rules table writes them, one per input (``sum``: 1 each)."""

SOLUTIONS = {
    "add": "lambda out, a, b: (1.0, 1.0)",
    "sub": "lambda out, a, b: (1.0, -1.0)",
    "mul": "lambda out, a, b: (b, a)",
    "div": "lambda out, a, b: (1 / b, -out / b)  # −a/b² = −out/b",
    "neg": "lambda out, a: (-1.0,)",
    "pow": "lambda out, a, b: (b * a ** (b - 1), out * math.log(a))",
    "sum": "lambda out, *terms: (1.0,) * len(terms)",
    "abs": "lambda out, a: (1.0 if a > 0 else -1.0 if a < 0 else 0.0,)",
    "exp": "lambda out, a: (out,)  # (eᵃ)′ = eᵃ",
    "log": "lambda out, a: (1 / a,)",
    "sqrt": "lambda out, a: (0.5 / out,)  # 1/(2√a)",
    "tanh": "lambda out, a: (1 - out * out,)  # 1 − f²",
    "sigmoid": "lambda out, a: (out * (1 - out),)  # f(1 − f)",
    "softplus": "lambda out, a: (1 - math.exp(-out),)  # σ(a)",
    "relu": "lambda out, a: (1.0 if a > 0 else 0.0,)",
    "sin": "lambda out, a: (math.cos(a),)",
    "cos": "lambda out, a: (-math.sin(a),)",
}
"""Reference code for each rule's partials, shown only by ``reveal()``."""

NEIGHBOURS = {
    "add": ("mul",),
    "sub": ("add",),
    "mul": ("add",),
    "div": ("mul",),
    "exp": ("log",),
    "log": ("exp", "sqrt"),
    "sqrt": ("log",),
    "tanh": ("sigmoid",),
    "sigmoid": ("tanh", "softplus"),
    "softplus": ("sigmoid", "relu"),
    "relu": ("softplus", "abs"),
    "abs": ("relu",),
    "sin": ("cos",),
    "cos": ("sin",),
}
"""For each operation, the ones whose derivative a learner is likely to write in its place."""

Number = float | None
Compute = Callable[[str, float, Sequence[float], int, Sequence[float]], Number]


@dataclass(frozen=True)
class Slip:
    """One slip: its name for operation ``op``'s partial ``i`` and the number it gives at a point.

    Attributes:
        key: a short identifier (tests plant each one).
        name: how a verdict names it (``{op}`` stands for the operation checked).
        compute: ``(op, out, inputs, i, expected)`` → the slip's number there (None: does not apply).
        neighbour: the neighbouring operation for the rows made per neighbour, else "".
    """

    key: str
    name: str
    compute: Compute
    neighbour: str = ""


def _partial(op: str, out: float, inputs: Sequence[float], i: int) -> Number:
    """The table's ∂out/∂input ``i`` of ``op`` at given out and inputs, None where it is undefined."""
    try:
        return float(RULES[op].partials(out, *inputs)[i])
    except (ArithmeticError, ValueError, IndexError, TypeError):
        return None


def _neighbour_derivative(op: str, inputs: Sequence[float], i: int) -> Number:
    """The neighbouring operation's true derivative at the same inputs (its own output)."""
    try:
        out = RULES[op].forward(*inputs)
    except (ArithmeticError, ValueError, TypeError):
        return None
    return _partial(op, out, inputs, i)


def _swapped_out(op: str, out: float, inputs: Sequence[float], i: int, expected: Sequence[float]) -> Number:
    return _partial(op, inputs[0], [out, *inputs[1:]], i)


def _swapped_inputs(
    op: str, out: float, inputs: Sequence[float], i: int, expected: Sequence[float]
) -> Number:
    return _partial(op, out, [inputs[1], inputs[0]], i) if len(inputs) == 2 else None


def _pow_specific(factor: bool) -> Compute:
    """pow's ∂/∂a without the factor b (``factor``), or with the exponent not lowered by one."""

    def compute(op: str, out: float, inputs: Sequence[float], i: int, expected: Sequence[float]) -> Number:
        if op != "pow" or i != 0:
            return None
        a, b = inputs
        try:
            return float(a ** (b - 1)) if factor else b * out
        except (ArithmeticError, ValueError):
            return None

    return compute


def _div_specific(squared: bool) -> Compute:
    """div's ∂/∂b with a left out (−1/b²), or with b not squared (−a/b)."""

    def compute(op: str, out: float, inputs: Sequence[float], i: int, expected: Sequence[float]) -> Number:
        if op != "div" or i != 1:
            return None
        a, b = inputs
        return -1 / (b * b) if squared else -a / b

    return compute


SLIPS: tuple[Slip, ...] = (
    Slip("sign", "a sign lost: the partial has the opposite sign", lambda op, out, x, i, e: -e[i]),
    Slip(
        "out-and-a",
        "out and a swapped: the input used where the output belongs, or the reverse",
        _swapped_out,
    ),
    Slip(
        "a-and-b",
        "a and b swapped: each input's partial written with itself instead of the other",
        _swapped_inputs,
    ),
    Slip(
        "order",
        "the two partials returned in the wrong order (∂/∂b first)",
        lambda op, out, x, i, e: e[1 - i] if len(e) == 2 else None,
    ),
    Slip(
        "value",
        "the function's value in place of its derivative",
        lambda op, out, x, i, e: out if len(x) == 1 else None,
    ),
    Slip("pow-factor", "the factor b left out: aᵇ⁻¹ instead of b·aᵇ⁻¹", _pow_specific(factor=True)),
    Slip(
        "pow-exponent", "the exponent not lowered by one: b·aᵇ instead of b·aᵇ⁻¹", _pow_specific(factor=False)
    ),
    Slip("div-a", "a left out of ∂(a/b)/∂b: −1/b² instead of −a/b²", _div_specific(squared=True)),
    Slip("div-square", "b not squared in ∂(a/b)/∂b: −a/b instead of −a/b²", _div_specific(squared=False)),
    *(
        slip
        for other in dict.fromkeys(other for row in NEIGHBOURS.values() for other in row)
        for slip in (
            Slip(
                f"{other}-rule",
                f"{other}'s rule {' and '.join(FORMULAS[other])} written for {{op}}",
                lambda o, out, x, i, e, other=other: _partial(other, out, x, i),  # type: ignore[misc]
                other,
            ),
            Slip(
                f"{other}-derivative",
                f"the derivative of {other} ({', '.join(FORMULAS[other])}) taken for {{op}}'s",
                lambda o, out, x, i, e, other=other: _neighbour_derivative(other, x, i),  # type: ignore[misc]
                other,
            ),
        )
    ),
)
"""Every slip; a neighbour's rows apply only to the operations that list it in ``NEIGHBOURS``."""


def slip_number(
    slip: Slip, op: str, out: float, inputs: Sequence[float], i: int, expected: Sequence[float]
) -> Number:
    """The number ``slip`` gives for ``op``'s partial ``i`` at a point; None where it does not apply."""
    if slip.neighbour and (
        slip.neighbour not in NEIGHBOURS.get(op, ()) or RULES[slip.neighbour].arity != len(inputs)
    ):
        return None
    try:
        return slip.compute(op, out, inputs, i, expected)
    except (ArithmeticError, ValueError, TypeError):
        return None
