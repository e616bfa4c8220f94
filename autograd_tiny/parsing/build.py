"""Expressions from text: ``parse("(x1+x2)*(x2+1)", x1=2, x2=3)`` builds the composite-function tutorial's
graph.

The text is read by Python's own parser, ``ast.parse``, into a syntax tree that is then checked
against an allow-list (``parse_check.py``) and walked to build ``Value``s. Nothing is ever run as
Python: no ``eval`` or ``exec``, no ``compile`` to code (``ast.parse`` asks it for a tree only), no
sympy parser. Every number is a float, so a power
is one float operation and one that overflows (``9**9**9``) is an error at once, never a hang.
"""

from __future__ import annotations

import ast
import math
from typing import cast

from autograd_tiny.core.errors import as_float
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.operators import OPERATORS
from autograd_tiny.core.rules import forward
from autograd_tiny.core.value import Value, sum_values
from autograd_tiny.parsing.allow import check_text, check_tree, column, source

__all__ = ["parse"]

_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}


def parse(text: str, /, **values: float) -> tuple[Value, dict[str, Value]]:
    """Build the graph of an expression, with one labelled leaf per name.

    Grammar: numbers, names, ``+ - * / **``, unary minus, parentheses, and the calls
    ``exp log sqrt tanh sigmoid relu sin cos abs`` with one argument each, and ``sum(a, b, …)``: Σ of
    one or more terms as one node (``autograd_tiny.sum``). A part with no names
    (``1/3``, ``2**10``) is worked out at once and becomes one constant.

    Args:
        text: the expression, one line of ASCII, at most 2,000 characters, brackets nested at most
            50 deep.
        **values: a number for every name in the expression, and for no other name (a value for
            a name the expression does not use is refused, since it is most likely a typo).

    Returns:
        The output node and ``{name: leaf}`` in order of first appearance; each leaf's label is
        its name.

    Raises:
        ValueError: anything outside the grammar or the limits, naming the construct and its
            column; a name with no value; a value with no name; and any error while computing the
            expression at these values (``log(0)``, ``1/0``, an overflow), naming the operation
            and its column.
        TypeError: ``text`` is not a ``str`` or a value is not a real number.
    """
    tree, indent = _syntax_tree(text)
    names = _variables(tree)
    missing = [
        f"{name} (column {column(node, indent)})" for name, node in names.items() if name not in values
    ]
    if missing:
        raise ValueError(f"no value given for {', '.join(missing)}")
    unused = [name for name in values if name not in names]
    if unused:
        raise ValueError(f"a value was given for {', '.join(unused)}, which the expression does not use")
    leaves = {name: Value(as_float(values[name], f"the value of {name}"), name) for name in names}
    output = _build(tree.body, leaves, text[indent:], indent)
    return (output if isinstance(output, Value) else Value(output)), leaves


def _syntax_tree(text: str) -> tuple[ast.Expression, int]:
    """The checked syntax tree and the number of leading spaces (ast.parse refuses them)."""
    check_text(text)
    stripped = text.lstrip(" ")
    indent = len(text) - len(stripped)
    try:
        tree = ast.parse(stripped, mode="eval")
    except SyntaxError as error:
        where = f" at column {min(error.offset, len(stripped)) + indent}" if error.offset else ""
        detail = "" if error.msg == "invalid syntax" else f": {error.msg}"
        raise ValueError(f"invalid syntax{where}{detail}") from None
    except (MemoryError, RecursionError, ValueError) as error:
        raise ValueError(f"the expression is too complex to read ({type(error).__name__})") from None
    check_tree(tree, stripped, indent)
    return tree, indent


def _variables(tree: ast.Expression) -> dict[str, ast.Name]:
    """Each name that is not a called function, with its first occurrence, left to right."""
    callees = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    found = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and id(node) not in callees]
    first: dict[str, ast.Name] = {}
    for node in sorted(found, key=lambda n: n.col_offset):
        first.setdefault(node.id, node)
    return first


def _operands(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.Call):
        return list(node.args)
    return []


def _build(root: ast.expr, leaves: dict[str, Value], text: str, indent: int) -> Value | float:
    """Post-order walk with an explicit stack (no recursion, however long the expression)."""
    results: list[Value | float] = []
    stack: list[tuple[ast.expr, bool]] = [(root, False)]
    while stack:
        node, operands_done = stack.pop()
        operands = _operands(node)
        if not operands_done and operands:
            stack.append((node, True))
            stack.extend((operand, False) for operand in reversed(operands))
            continue
        arguments = results[len(results) - len(operands) :]
        del results[len(results) - len(operands) :]
        try:
            results.append(_apply(node, arguments, leaves))
        except (ArithmeticError, ValueError) as error:
            where = f"at column {column(node, indent)}: {source(text, node)}"
            raise ValueError(f"{error} ({where})") from error
    return results[0]


def _apply(node: ast.expr, arguments: list[Value | float], leaves: dict[str, Value]) -> Value | float:
    """One node of the checked tree: a leaf, a constant, or one operation on its operands."""
    if isinstance(node, ast.Name):
        return leaves[node.id]
    if isinstance(node, ast.Constant):
        return float(cast(float, node.value))  # check_tree allowed only finite ints and floats
    if isinstance(node, ast.BinOp):
        op = _BINARY[type(node.op)]
    else:
        op = "neg" if isinstance(node, ast.UnaryOp) else node.func.id  # type: ignore[attr-defined]
    numbers = [a for a in arguments if isinstance(a, float)]
    if len(numbers) == len(arguments):  # a part without names: one constant
        result = forward(op, *numbers)
        if not -math.inf < result < math.inf:
            raise OverflowError(f"{op}({', '.join(map(format_number, numbers))}) overflows a float")
        return result
    if op == "sum":
        return sum_values(arguments)
    # + − × ÷ ** and unary − by their operator; abs, exp, log, … as Value methods
    value: Value = OPERATORS[op](*arguments) if op in OPERATORS else getattr(arguments[0], op)()
    return value
