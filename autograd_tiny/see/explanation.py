"""``Explanation``: the composite-function tutorial's chain rule written out, as plain text and as LaTeX for
Jupyter.

The text reads ∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9 (the composite-function tutorial: "each
node's derivative is the sum of products with the directly connected nodes above it", unrolled into one
product per path); the LaTeX shows the same equation with fractions. This file only formats; ``paths.explain``
finds the paths.
"""

from __future__ import annotations

import math
import re
from typing import Any

from autograd_tiny.core.formatting import format_number
from autograd_tiny.see.local_symbols import DIRECT

__all__ = ["Explanation", "Factor", "latex_name", "latex_partial", "write_out"]

Factor = tuple[str, str, str, float]
"""One edge of a path: (output name, input name, mark such as ``[1]``, ``|direct`` or ``""``, local
derivative)."""

_INDEXED = re.compile(r"([A-Za-z]+)(\d+)")
_LATEX_SPECIAL = {c: "\\" + c for c in "#$%&_{}"} | {"\\": r"\backslash{}", "^": r"\hat{}", "~": r"\sim{}"}


class Explanation(str):
    """A ``str`` holding the plain-text explanation, which Jupyter shows as an equation.

    Attributes:
        value: the derivative, the sum of the path products.
        latex: the same equation in LaTeX, without the surrounding ``$``.
    """

    value: float
    latex: str

    def __new__(cls, text: str, *, value: float, latex: str) -> Explanation:
        explanation = super().__new__(cls, text)
        explanation.value = value
        explanation.latex = latex
        return explanation

    def _repr_latex_(self) -> str:
        return f"${self.latex}$"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))  # IPython's plain text: the equation, without the quotes of a str


def write_out(top: str, bottom: str, terms: list[list[Factor]], *, is_root: bool = False) -> Explanation:
    """∂top/∂bottom = Σ over the terms (one per path) of the product of their factors.

    Steps that would repeat the previous one are left out: one edge gives ``∂y/∂x1 = 3``, no term
    gives ``∂y/∂x = 0 (no path from y to x)``, and ``is_root`` gives ``∂y/∂y = 1``.
    """
    lhs, lhs_latex = f"∂{top}/∂{bottom}", latex_partial(top, bottom)
    if is_root:
        return Explanation(f"{lhs} = 1", value=1.0, latex=f"{lhs_latex} = 1")
    if not terms:
        return Explanation(f"{lhs} = 0 (no path from {top} to {bottom})", value=0.0, latex=f"{lhs_latex} = 0")
    value = math.fsum(math.prod(factor[3] for factor in term) for term in terms)
    symbols = " + ".join("·".join(f"∂{o}/∂{i}{m}" for o, i, m, _ in term) for term in terms)
    symbols_latex = " + ".join(
        r" \cdot ".join(latex_partial(o, i, m) for o, i, m, _ in term) for term in terms
    )
    numbers = _numbers([[factor[3] for factor in term] for term in terms])
    text = [lhs, symbols, numbers, format_number(value)]
    latex = [lhs_latex, symbols_latex, numbers.replace("·", r" \cdot "), format_number(value)]
    return Explanation(
        " = ".join(_without_repeats(text)), value=value, latex=" = ".join(_without_repeats(latex))
    )


def _numbers(terms: list[list[float]]) -> str:
    """``4·1 + 5·1``; a negative factor after the first in parentheses, a negative term as ``- 3·2``."""
    text = ""
    for i, factors in enumerate(terms):
        product = "·".join(
            f"({format_number(x)})" if x < 0 and k else format_number(x) for k, x in enumerate(factors)
        )
        if i == 0:
            text = product
        elif product.startswith("-"):
            text += f" - {product[1:]}"
        else:
            text += f" + {product}"
    return text


def _without_repeats(parts: list[str]) -> list[str]:
    return [part for k, part in enumerate(parts) if k == 0 or part != parts[k - 1]]


def latex_name(name: str) -> str:
    """A node name in LaTeX: ``x2`` → ``x_{2}``, ``a`` → ``a``, ``loss`` → ``\\mathrm{loss}``."""
    indexed = _INDEXED.fullmatch(name)
    if indexed:
        letters, digits = indexed.groups()
        return f"{latex_name(letters)}_{{{digits}}}"
    if len(name) == 1 and name.isalpha():
        return name
    escaped = "".join(_LATEX_SPECIAL.get(c, c) for c in name)
    return f"\\mathrm{{{escaped}}}"


def latex_partial(output: str, input_: str, mark: str = "") -> str:
    """``\\frac{\\partial y}{\\partial x_{2}}``, with an optional mark such as ``[1]`` after it;
    ``|direct`` is written as an evaluation bar with the word below it."""
    fraction = f"\\frac{{\\partial {latex_name(output)}}}{{\\partial {latex_name(input_)}}}"
    if mark == DIRECT:
        return f"\\left.{fraction}\\right|_{{\\text{{direct}}}}"
    return fraction + mark
