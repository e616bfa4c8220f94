"""The allow-list for ``parse``: limits on the text, then every node of the syntax tree checked.

Text first, before Python's parser sees it: at most ``MAX_LENGTH`` characters, printable ASCII on
one line (so no look-alike Unicode letters, which Python would fold into ASCII names), no comment,
brackets nested at most ``MAX_DEPTH`` deep. Then the tree: only numbers, names, ``+ - * / **``,
unary minus, one-argument calls of ``FUNCTIONS`` and ``sum(…)`` of one or more terms; anything else
is a ``ValueError`` naming the construct, quoting it and giving its column.
"""

from __future__ import annotations

import ast
import math

from autograd_tiny.core.rules import RULES

__all__ = ["FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH", "check_text", "check_tree", "column", "source"]

MAX_LENGTH = 2000
MAX_DEPTH = 50
FUNCTIONS = tuple(name for name, rule in RULES.items() if rule.function)  # the registry's functions
GRAMMAR = f"allowed: numbers, names, + - * / **, unary -, ( ), and {' '.join(FUNCTIONS)}"
_ANY_COUNT = {name for name, rule in RULES.items() if rule.function and rule.arity is None}  # sum(a, b, c)

_CONSTRUCTS: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscript",
    ast.Slice: "slice",
    ast.Lambda: "lambda",
    ast.ListComp: "list comprehension",
    ast.SetComp: "set comprehension",
    ast.DictComp: "dict comprehension",
    ast.GeneratorExp: "generator expression",
    ast.List: "list",
    ast.Tuple: "tuple",
    ast.Set: "set",
    ast.Dict: "dict",
    ast.Compare: "comparison",
    ast.BoolOp: "boolean operator",
    ast.IfExp: "conditional expression",
    ast.NamedExpr: "assignment expression (:=)",
    ast.JoinedStr: "f-string",
    ast.FormattedValue: "f-string field",
    ast.Starred: "starred expression",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield from",
}
_BINARY = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
}
_SYMBOLS |= {ast.BitOr: "|", ast.BitXor: "^ (for a power write **)", ast.BitAnd: "&"}
_SYMBOLS |= {ast.UAdd: "unary +", ast.Invert: "~", ast.Not: "not"}


def check_text(text: str) -> None:
    """Refuse text that is not a ``str``, too long, not printable one-line ASCII, or nested too deep."""
    if not isinstance(text, str):
        raise TypeError(f"the expression must be a str, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"the expression is {len(text):,} characters long; the limit is {MAX_LENGTH:,}")
    if not text.strip():
        raise ValueError("the expression is empty")
    depth = 0
    for i, character in enumerate(text, start=1):
        if not " " <= character <= "~":
            what = "character" if character.isprintable() else "invisible or control character"
            raise ValueError(
                f"{what} {character!r} (U+{ord(character):04X}) at column {i} is not allowed: "
                "expressions are one line of plain ASCII"
            )
        if character == "#":
            raise ValueError(f"comment (#) at column {i} is not allowed")
        depth += (character in "([{") - (character in ")]}")
        if depth > MAX_DEPTH:
            raise ValueError(f"brackets nested more than {MAX_DEPTH} deep at column {i}")


def check_tree(tree: ast.Expression, text: str, indent: int) -> None:
    """Raise ``ValueError`` for the leftmost node of ``tree`` that is outside the grammar.

    Args:
        tree: ``ast.parse(text, mode="eval")``.
        text: the text that was parsed, for quoting.
        indent: spaces stripped before parsing, added to every column.
    """
    callees = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.expr):
            problem = _problem(node, id(node) in callees)
            if problem:
                problems.append((node.col_offset, node, problem))
    if problems:
        _, node, problem = min(problems, key=lambda p: p[0])
        where = f"at column {column(node, indent)}: {source(text, node)}"
        raise ValueError(f"{problem} is not allowed {where} ({GRAMMAR})")


def _problem(node: ast.expr, is_callee: bool) -> str:
    """What is wrong with one node, or ``""``; its children are checked on their own."""
    if isinstance(node, ast.Name):
        return "" if is_callee or node.id not in FUNCTIONS else f"the function {node.id} without a call"
    if isinstance(node, ast.Constant):
        return _constant_problem(node.value)
    if isinstance(node, (ast.BinOp, ast.UnaryOp)):
        allowed = (
            isinstance(node.op, _BINARY) if isinstance(node, ast.BinOp) else isinstance(node.op, ast.USub)
        )
        return "" if allowed else f"operator {_SYMBOLS.get(type(node.op), type(node.op).__name__)}"
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            return "call"
        name = node.func.id
        wanted = "plain terms" if name in _ANY_COUNT else "one argument"
        if node.keywords or not node.args or any(isinstance(a, ast.Starred) for a in node.args):
            return f"{name} with other than {wanted}"
        return "" if len(node.args) == 1 or name in _ANY_COUNT else f"{name} with other than {wanted}"
    return _CONSTRUCTS.get(type(node), type(node).__name__)


def _constant_problem(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        kinds = {str: "string", bytes: "bytes", complex: "imaginary number"}
        return kinds.get(type(value), f"the constant {value!r}")
    try:
        return "" if math.isfinite(float(value)) else "number too large for a float"
    except OverflowError:
        return "number too large for a float"


def column(node: ast.expr, indent: int) -> int:
    """The 1-based column of ``node`` in the original text (ASCII, so bytes are characters)."""
    return node.col_offset + indent + 1


def source(text: str, node: ast.expr, limit: int = 40) -> str:
    """The text of ``node``, shortened to ``limit`` characters."""
    segment = ast.get_source_segment(text, node) or ""
    return segment if len(segment) <= limit else segment[: limit - 1] + "…"
