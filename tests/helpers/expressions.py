"""Random expression trees for property tests, evaluated both by the engine and by an oracle.

The operations are the rows of the rules table (``RULES``), so a new row is in every random test the
day it is written; each oracle reads its own function from the row (``Rule.sympy``, ``Rule.torch``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from autograd_tiny.core.rules import RULES

Tree = tuple[Any, ...]
NAMES = ("x", "y", "z")

UNARY = tuple(name for name, rule in RULES.items() if rule.arity == 1)
BINARY = tuple(name for name, rule in RULES.items() if rule.arity == 2)
N_ARY = tuple(name for name, rule in RULES.items() if rule.arity is None)  # sum

# The operator rows, applied with Python's operators: the same on Values, floats, sympy and torch.
PYTHON_OPERATORS: dict[str, Callable[..., Any]] = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "div": operator.truediv,
    "neg": operator.neg,
    "pow": operator.pow,
}

# Inputs kept inside a rule's domain where it is cheap, so that most trees are valid everywhere;
# a rule not named here gets its inputs as they are (a tree outside its domain is skipped).
DOMAINS: dict[str, Callable[..., tuple[Any, ...]]] = {
    "log": lambda a: (1 + a * a,),
    "sqrt": lambda a: (1 + a * a,),
    "div": lambda a, b: (a, 1 + b * b),
    "pow": lambda a, b: (1 + a * a, b),  # a variable exponent needs a positive base
}

leaves = st.one_of(
    st.sampled_from(NAMES).map(lambda name: ("var", name)),
    st.floats(-3, 3, allow_nan=False).map(lambda c: ("const", round(c, 3))),
)
trees: st.SearchStrategy[Tree] = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.tuples(st.sampled_from(UNARY), children),
        st.tuples(st.sampled_from(BINARY), children, children),
        st.tuples(st.sampled_from(N_ARY), st.lists(children, min_size=1, max_size=4)).map(
            lambda node: (node[0], *node[1])
        ),
    ),
    max_leaves=8,
)
points = st.fixed_dictionaries(
    {name: st.floats(-2, 2, allow_nan=False).map(lambda v: round(v, 4)) for name in NAMES}
)


def evaluate(tree: Tree, variables: dict[str, Any], functions: Callable[[str], Any]) -> Any:
    """Build ``tree`` from ``variables``: operator rows with Python's operators, function rows with
    ``functions(name)`` (the engine's, sympy's, torch's …; ``sum`` takes a list of terms).

    A power with a constant exponent is squared (``a ** 2``, any base); with a variable exponent its
    base is kept positive (``DOMAINS``).
    """
    kind = tree[0]
    if kind == "var":
        return variables[tree[1]]
    if kind == "const":
        return tree[1]
    args = [evaluate(child, variables, functions) for child in tree[1:]]
    rule = RULES[kind]
    if rule.arity is None:  # any number of terms: one node in the engine
        return functions(kind)(args)
    if kind == "pow" and tree[2][0] == "const":
        return args[0] ** 2
    if kind in DOMAINS:
        args = list(DOMAINS[kind](*args))
    if not rule.function:
        return PYTHON_OPERATORS[kind](*args)
    return functions(kind)(*args)


def sympy_functions(sympy: Any) -> Callable[[str], Any]:
    """The sympy oracle of each function row, ``Rule.sympy`` with the module given."""

    def function(name: str) -> Any:
        rule = RULES[name]
        assert rule.sympy is not None, f"rule {name!r} has no sympy oracle"
        if rule.arity is None:
            return lambda terms: rule.sympy(sympy, *terms)  # type: ignore[misc]
        return lambda *args: rule.sympy(sympy, *args)  # type: ignore[misc]

    return function


def torch_function(torch: Any, name: str) -> Callable[..., Any]:
    """``Rule.torch`` resolved in the torch module (``"nn.functional.softplus"``)."""
    found: Any = torch
    path = RULES[name].torch
    assert path is not None, f"rule {name!r} has no torch name"
    for part in path.split("."):
        found = getattr(found, part)
    return found  # type: ignore[no-any-return]
