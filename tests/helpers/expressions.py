"""Random expression trees for property tests, evaluated both by the engine and by an oracle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

Tree = tuple[Any, ...]
NAMES = ("x", "y", "z")

UNARY = ("exp", "log", "sqrt", "tanh", "sigmoid", "relu", "sin", "cos", "neg", "abs", "square")
BINARY = ("add", "sub", "mul", "div", "pow_const", "pow_var")

leaves = st.one_of(
    st.sampled_from(NAMES).map(lambda name: ("var", name)),
    st.floats(-3, 3, allow_nan=False).map(lambda c: ("const", round(c, 3))),
)
trees: st.SearchStrategy[Tree] = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.tuples(st.sampled_from(UNARY), children),
        st.tuples(st.sampled_from(BINARY), children, children),
        st.lists(children, min_size=1, max_size=4).map(lambda terms: ("sum", *terms)),
    ),
    max_leaves=8,
)
points = st.fixed_dictionaries(
    {name: st.floats(-2, 2, allow_nan=False).map(lambda v: round(v, 4)) for name in NAMES}
)


def evaluate(tree: Tree, variables: dict[str, Any], functions: Callable[[str], Any]) -> Any:
    """Build ``tree`` from ``variables`` with ``functions(name)`` for exp, log, … (engine or sympy).

    Domains are kept by construction where it is cheap (log and sqrt of 1 + u², division by
    1 + v², a positive base for a variable exponent), so most trees are valid everywhere.
    """
    kind = tree[0]
    if kind == "var":
        return variables[tree[1]]
    if kind == "const":
        return tree[1]
    args = [evaluate(child, variables, functions) for child in tree[1:]]
    if kind == "sum":  # any number of terms: one node in the engine
        return functions("sum")(args)
    if kind in ("log", "sqrt"):
        return functions(kind)(1 + args[0] * args[0])
    if kind == "neg":
        return -args[0]
    if kind == "abs":
        return abs(args[0])
    if kind == "square":
        return args[0] ** 2
    if kind in UNARY:
        return functions(kind)(args[0])
    a, b = args
    if kind == "add":
        return a + b
    if kind == "sub":
        return a - b
    if kind == "mul":
        return a * b
    if kind == "div":
        return a / (1 + b * b)
    if kind == "pow_const":
        return a**3
    return (1 + a * a) ** functions("tanh")(b)  # pow_var: positive base, bounded exponent
