"""parse: the grammar against direct construction and closed forms, and hostile text refused at once."""

from __future__ import annotations

import ast
import builtins
import math
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.parsing.build import parse
from autograd_tiny.see.naming import node_names
from tests.helpers.expressions import NAMES, Tree, evaluate, points, trees

HOSTILE = [
    ("__import__('os').system('id')", "call is not allowed at column 1"),
    ("().__class__", "attribute access is not allowed at column 1"),
    ("x.real", "attribute access is not allowed at column 1: x.real"),
    ("[x for x in y]", "list comprehension is not allowed at column 1"),
    ("lambda: 1", "lambda is not allowed at column 1"),
    ("exp(x, y)", "exp with other than one argument is not allowed at column 1"),
    ("9**9**9", r"overflows a float \(at column 1: 9\*\*9\*\*9\)"),
    ("(" * 100_000 + "x" + ")" * 100_000, "200,001 characters long; the limit is 2,000"),
    ("(" * 51 + "x" + ")" * 51, "nested more than 50 deep at column 51"),
    ("x " * 1001, "characters long"),
    ("exp(x=1)", "exp with other than one argument"),
    ("exp(*x)", "exp with other than one argument"),
    ("print(x)", "call is not allowed at column 1: print"),
    ("x + 'a'", "string is not allowed at column 5"),
    ("b'x'", "bytes is not allowed"),
    ("f'{x}'", "f-string is not allowed at column 1"),
    ("(x := 2)", r"assignment expression \(:=\) is not allowed at column 2"),
    ("x < 1", "comparison is not allowed at column 1"),
    ("x and y", "boolean operator is not allowed"),
    ("not x", "operator not is not allowed"),
    ("x[0]", "subscript is not allowed at column 1"),
    ("x[1:2]", "subscript is not allowed"),
    ("*x", "invalid syntax at column 1"),
    ("{1: 2}", "dict is not allowed"),
    ("{x}", "set is not allowed"),
    ("[x]", "list is not allowed"),
    ("(x, y)", "tuple is not allowed"),
    ("{x for x in y}", "set comprehension is not allowed"),
    ("(x for x in y)", "generator expression is not allowed"),
    ("1 if x else 2", "conditional expression is not allowed at column 1"),
    ("await x", "await is not allowed at column 1"),
    ("(yield x)", "yield is not allowed at column 2"),
    ("x; y", "invalid syntax at column 2"),
    ("x\ny", r"control character '\\n' \(U\+000A\) at column 2"),
    ("import os", "invalid syntax"),
    ("x = 1", "invalid syntax"),
    ("ｘ + 1", r"character 'ｘ' \(U\+FF58\) at column 1"),  # fullwidth x, which Python folds into x
    ("\u200bx", "invisible or control character"),
    ("x\x00", "at column 2"),
    ("x # comment", r"comment \(#\) at column 3"),
    ("1j", "imaginary number is not allowed"),
    ("True", "the constant True is not allowed"),
    ("None", "the constant None is not allowed"),
    ("...", "the constant Ellipsis is not allowed"),
    ("1e999", "number too large for a float"),
    ("9" * 400, "number too large for a float"),
    ("x % 2", "operator % is not allowed"),
    ("x ^ 2", r"operator \^ \(for a power write \*\*\)"),
    ("x @ y", "operator @ is not allowed"),
    ("x // 2", "operator // is not allowed"),
    ("+x", r"operator unary \+ is not allowed"),
    ("~x", "operator ~ is not allowed"),
    ("exp", "the function exp without a call is not allowed"),
    ("x(1)", "call is not allowed"),
    ("exp(x)(1)", "call is not allowed"),
    ("", "the expression is empty"),
    ("x +", "invalid syntax"),
    ("2 ** 1e6", "overflows a float"),
    ("1e200 * 1e200", r"mul\(1e\+200, 1e\+200\) overflows a float"),
    ("exp(800)", "overflows a float"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_text_is_refused_with_a_value_error_naming_what_and_where(text: str, message: str) -> None:
    names = {name: 1.0 for name in ("x", "y") if re.search(rf"\b{name}\b", text)}
    with pytest.raises(ValueError, match=message):
        parse(text, **names)


def test_seed_004_example_gives_the_values_and_gradients_of_the_worked_example() -> None:
    y, xs = parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    y.backward()
    assert list(xs) == ["x1", "x2"] and [leaf.label for leaf in xs.values()] == ["x1", "x2"]
    assert (y.data, xs["x1"].grad, xs["x2"].grad) == (20.0, 4.0, 9.0)  # x2 + 1 and x1 + 2·x2 + 1
    assert list(node_names(y).values()) == ["x1", "x2", "a", "1", "b", "y"]  # as drawn by hand


def test_a_name_is_one_leaf_however_often_it_appears() -> None:
    y, xs = parse("x*x", x=-1.5)
    assert [input_ for input_, _ in y.edges] == [xs["x"], xs["x"]]


def test_parts_without_names_become_one_constant() -> None:
    y, xs = parse("x**(1/3) + 2**10", x=8.0)
    y.backward()
    assert y.data == pytest.approx(2.0 + 1024.0)
    assert xs["x"].grad == pytest.approx(1 / 3 * 8.0 ** (-2 / 3))  # d(x^⅓)/dx = ⅓·x^(−⅔)
    assert len(at.topological_order(y)) == 5  # x, ⅓, x^⅓, 1024, the sum


def test_negative_numbers_work_as_bases_and_exponents() -> None:
    y, xs = parse("x**-2 + (-2)**3", x=2.0)
    y.backward()
    assert y.data == 0.25 - 8 and xs["x"].grad == pytest.approx(-2 * 2.0**-3)


def test_every_function_of_the_grammar_matches_math() -> None:
    text = "exp(x) + log(x) + sqrt(x) + tanh(x) + sigmoid(x) + relu(x) + sin(x) + cos(x) + abs(-x)"
    y, xs = parse(text, x=0.7)
    y.backward()
    x = 0.7
    s = 1 / (1 + math.exp(-x))
    value = math.exp(x) + math.log(x) + math.sqrt(x) + math.tanh(x) + s + x + math.sin(x) + math.cos(x) + x
    slope = math.exp(x) + 1 / x + 0.5 / math.sqrt(x) + 1 - math.tanh(x) ** 2 + s * (1 - s) + 1
    slope += math.cos(x) - math.sin(x) + 1
    assert y.data == pytest.approx(value) and xs["x"].grad == pytest.approx(slope)


def test_columns_count_from_the_original_text_with_leading_spaces() -> None:
    with pytest.raises(ValueError, match=r"at column 3: x\.real"):
        parse("  x.real", x=1)
    y, _ = parse("  x + 1", x=1)
    assert y.data == 2.0


def test_math_errors_name_the_operation_and_its_column() -> None:
    with pytest.raises(ValueError, match=r"log\(0\): .* \(at column 5: log\(x - 1\)\)"):
        parse("x + log(x - 1)", x=1)
    with pytest.raises(ValueError, match=r"division by zero.*column 1"):
        parse("x / (x - x)", x=1)


def test_missing_and_unused_names_are_errors_naming_them() -> None:
    with pytest.raises(ValueError, match=r"no value given for x2 \(column 4\), x3 \(column 9\)"):
        parse("x1+x2 * x3", x1=1)
    with pytest.raises(ValueError, match="a value was given for X2, which the expression does not use"):
        parse("x1", x1=1, X2=2)


def test_values_must_be_finite_real_numbers() -> None:
    with pytest.raises(TypeError, match="the value of x must be a finite number"):
        parse("x", x="1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="the value of x must be a finite number"):
        parse("x", x=math.nan)
    with pytest.raises(TypeError, match="must be a str"):
        parse(b"x", x=1)  # type: ignore[arg-type]


def test_text_is_positional_only_so_text_can_be_a_name() -> None:
    y, xs = parse("text * 2", text=3.0)
    assert y.data == 6.0 and list(xs) == ["text"]


def test_a_long_chain_within_the_limits_builds_without_recursion() -> None:
    y, xs = parse("-" * 1999 + "x", x=2.0)
    y.backward()
    assert y.data == -2.0 and xs["x"].grad == -1.0  # 1999 negations
    total, _ = parse("+".join(["x"] * 999), x=1.0)
    assert total.data == 999.0


def test_nothing_is_run_as_python(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled_flags = []
    real_compile = builtins.compile

    def only_ast(*args: Any, **kwargs: Any) -> Any:
        flags = kwargs.get("flags", args[3] if len(args) > 3 else 0)
        compiled_flags.append(flags)
        assert flags & ast.PyCF_ONLY_AST, "compile called to make code, not a syntax tree"
        return real_compile(*args, **kwargs)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("eval or exec was called")

    monkeypatch.setattr(builtins, "compile", only_ast)
    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    y, _ = parse("exp(x) * (x + 1)", x=0.0)
    assert y.data == 1.0 and compiled_flags  # ast.parse went through compile(..., PyCF_ONLY_AST)


def to_text(tree: Tree) -> str:
    """Write a random expression tree as text, mirroring tests.helpers.expressions.evaluate."""
    kind = tree[0]
    if kind == "var":
        return str(tree[1])
    if kind == "const":
        return f"({tree[1]!r})"
    if kind == "sum":
        return f"sum({', '.join(to_text(child) for child in tree[1:])})"
    a, *rest = [to_text(child) for child in tree[1:]]
    b = rest[0] if rest else ""
    unary = {
        "log": f"log(1 + {a}*{a})",
        "sqrt": f"sqrt(1 + {a}*{a})",
        "neg": f"(-{a})",
    }
    binary = {
        "add": f"({a} + {b})",
        "sub": f"({a} - {b})",
        "mul": f"({a} * {b})",
        "div": f"({a} / (1 + {b}*{b}))",
    }
    if kind == "pow":  # as evaluate builds it: a constant exponent squares, a variable one has base 1 + a²
        return f"({a}**2)" if tree[2][0] == "const" else f"((1 + {a}*{a})**{b})"
    return unary.get(kind) or binary.get(kind) or f"{kind}({a})"


def _number(x: Value | float) -> float:
    """The number of a Value (a tree of constants alone is a plain float)."""
    return x.data if isinstance(x, Value) else x


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, point=points)
def test_parsed_text_builds_the_same_graph_as_direct_construction(
    tree: Tree, point: dict[str, float]
) -> None:
    text = to_text(tree)
    used = {
        name: point[name]
        for name in NAMES
        if name in {n.id for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Name)}
    }
    leaves = {name: Value(point[name], name) for name in NAMES}
    try:
        direct = evaluate(tree, leaves, lambda f: getattr(at, f))
        finite = math.isfinite(_number(direct))  # plain floats can overflow to inf silently
    except (ValueError, ZeroDivisionError, OverflowError):
        finite = False
    if not finite:
        with pytest.raises(ValueError):
            parse(text, **used)
        return
    y, xs = parse(text, **used)
    assert y.data == _number(direct)
    first_use = {name: re.search(rf"\b{name}\b", text).start() for name in xs}  # type: ignore[union-attr]
    assert list(xs) == sorted(xs, key=first_use.__getitem__)
    if isinstance(direct, Value):
        direct.backward()
        y.backward()
        for name, leaf in xs.items():  # the text repeats a shared part, so sums may round differently
            assert leaf.grad == pytest.approx(leaves[name].grad, rel=1e-9, abs=1e-12), name
