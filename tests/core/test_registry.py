"""The rules table is the registry of operations: every row has everything a user and a layer need.

``registry_problems`` names what a row lacks: a ``Value`` method, a function in ``autograd_tiny``, a
parser entry, a tape forward that agrees with the float forward, its two oracles (``sympy``,
``torch``). The README's worked example
(adding ``softplus``) is checked here too: its row is the one in ``rules.py``, and a copy of the
package with the row but without the method is told exactly what is missing.
"""

from __future__ import annotations

import builtins
import dataclasses
import math
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import autograd_tiny as at
from autograd_tiny.core.rules import RULES
from autograd_tiny.parsing.allow import FUNCTIONS as PARSER_FUNCTIONS
from autograd_tiny.tape.arrays import array_forward

ROOT = Path(__file__).resolve().parents[2]
OPERATORS = {"add": "__add__", "sub": "__sub__", "mul": "__mul__", "div": "__truediv__", "neg": "__neg__"}
OPERATORS |= {"pow": "__pow__"}


def registry_problems() -> list[str]:
    """Everything some row of ``RULES`` lacks, one sentence each, saying where to add it."""
    problems = []
    for name, rule in RULES.items():
        if not rule.samples:
            problems.append(f"rule {name!r} has no sample points: give it samples=((x,), …) in rules.py")
        if rule.arity is not None:
            method = OPERATORS.get(name, name)
            if not callable(getattr(at.Value, method, None)):
                problems.append(
                    f'Value has no method {method}: add `{method} = _unary_operation("{name}")` '
                    "to class Value in autograd_tiny/core/value.py"
                )
            elif getattr(at.Value, method).__doc__ != rule.doc:
                problems.append(f"Value.{method} does not carry the docstring of rule {name!r}")
        if rule.function:
            if not callable(getattr(at, name, None)):
                problems.append(f"autograd_tiny has no function {name}")
            if name not in PARSER_FUNCTIONS:
                problems.append(f"parse does not allow {name}(…)")
        if rule.sympy is None:
            problems.append(f"rule {name!r} has no sympy oracle: give it sympy=lambda sp, a: … in rules.py")
        if rule.torch is None:
            problems.append(
                f'rule {name!r} has no torch name: give it torch="…" (torch.… computing it) in rules.py'
            )
        try:
            array_forward(name)
        except (AttributeError, KeyError) as error:
            problems.append(f"the tape has no array forward for {name!r}: {error}")
    return problems


def test_every_row_has_a_method_a_function_a_parser_entry_and_a_tape_forward() -> None:
    assert registry_problems() == []


def test_a_row_without_its_oracles_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    bare = dataclasses.replace(RULES["softplus"], sympy=None, torch=None)
    monkeypatch.setitem(RULES, "softplus", bare)
    assert registry_problems() == [
        "rule 'softplus' has no sympy oracle: give it sympy=lambda sp, a: … in rules.py",
        "rule 'softplus' has no torch name: give it torch=\"…\" (torch.… computing it) in rules.py",
    ]


@pytest.mark.parametrize("name", [name for name, rule in RULES.items() if rule.function])
def test_each_function_agrees_with_its_method_on_values_and_its_rule_on_numbers(name: str) -> None:
    rule = RULES[name]
    for point in rule.samples:
        function = getattr(at, name)
        if rule.arity is None:
            assert function(point) == rule.forward(*point)
            continue
        (x,) = point
        assert function(x) == rule.forward(x)
        v = at.Value(x)
        out = function(v)
        assert out.op == name and out.data == rule.forward(x)
        (local,) = rule.partials(out.data, x)
        assert out.edges == ((v, local),)


@pytest.mark.parametrize("name", [name for name, rule in RULES.items() if rule.function])
def test_the_parser_reads_each_function_and_differentiates_it_by_its_rule(name: str) -> None:
    rule = RULES[name]
    point = rule.samples[-1]
    names = [f"x{i + 1}" for i in range(len(point))]
    y, leaves = at.parse(f"{name}({', '.join(names)})", **dict(zip(names, point, strict=True)))
    assert y.data == rule.forward(*point)
    y.backward()
    partials = rule.partials(y.data, *point)
    for leaf_name, partial in zip(names, partials, strict=True):
        assert leaves[leaf_name].grad == partial


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_rule_replays_on_a_tape_as_the_engine_computes_it(name: str) -> None:
    """A tape of the one operation, replayed on every sample point at once, against the engine."""
    rule = RULES[name]
    arity = rule.arity or len(rule.samples[-1])
    points = [p for p in rule.samples if len(p) == arity]
    method = OPERATORS.get(name)

    def fn(*xs: at.Value) -> at.Value:
        if rule.arity is None:
            return at.sum(xs)
        if method is not None:
            return getattr(xs[0], method)(*xs[1:])  # type: ignore[no-any-return]
        return getattr(xs[0], name)()  # type: ignore[no-any-return]

    tape = at.record(fn, points[0])
    columns = [np.array(column) for column in zip(*points, strict=True)]
    outputs = tape.forward(columns)
    gradients = tape.backward(np.ones(len(points)))
    for k, point in enumerate(points):
        inputs = [at.Value(x) for x in point]
        y = fn(*inputs)
        y.backward()
        assert outputs[k] == pytest.approx(y.data, rel=1e-14, abs=1e-300)
        for column, leaf in zip(gradients, inputs, strict=True):
            assert column[k] == pytest.approx(leaf.grad, rel=1e-13, abs=1e-300)


def test_help_shows_a_docstring_for_every_method_and_operator() -> None:
    own = [
        name
        for name, member in vars(at.Value).items()
        if callable(member) and (not name.startswith("_") or name.startswith("__"))
    ]
    undocumented = [name for name in own if not (getattr(at.Value, name).__doc__ or "").strip()]
    assert undocumented == []
    assert "operation(a)" not in _help_text(at.Value)
    assert "∂/∂a = 1 − tanh² a" in _help_text(at.Value)


def _help_text(thing: object) -> str:
    import pydoc

    return pydoc.render_doc(thing, renderer=pydoc.plaintext)


def test_star_import_shadows_no_builtin_and_at_sum_stays_available() -> None:
    namespace: dict[str, object] = {}
    exec("from autograd_tiny import *", namespace)  # the notebook's own line
    shadowed = sorted(set(namespace) & set(dir(builtins)) - {"__builtins__"})
    assert shadowed == []
    assert namespace["tanh"] is at.tanh
    assert at.sum([at.Value(1.0), 2.0]).data == 3.0
    assert builtins.sum([[1], [2]], []) == [1, 2]  # noqa: RUF017  # the notebook line that broke


def test_the_package_has_a_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", at.__version__)


def test_importing_the_package_loads_only_the_standard_library_and_graphviz() -> None:
    code = (
        "import sys; before = set(sys.modules); import autograd_tiny\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(new - set(sys.stdlib_module_names) - {'autograd_tiny'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "['graphviz']"  # pure Python: at.draw is a graphviz.Digraph


# ---- the README's worked example: adding softplus ------------------------------------------------


def _readme_softplus_row() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(?:# excerpt of \S+\n)?(    Rule\(\"softplus\".*?)```", readme, re.S)
    assert block, "the README's Adding an operation section shows the softplus row"
    return block.group(1)


def test_the_readme_softplus_row_is_the_one_in_the_table() -> None:
    rules_source = (ROOT / "autograd_tiny" / "core" / "rules.py").read_text(encoding="utf-8")
    assert _readme_softplus_row() in rules_source
    assert '    softplus = _unary_operation("softplus")\n' in (
        ROOT / "autograd_tiny" / "core" / "value.py"
    ).read_text(encoding="utf-8")


def test_softplus_is_complete_from_its_row_and_one_method(tmp_path: Path) -> None:
    """A copy of the package without the method line: the registry check says exactly that."""
    copy = tmp_path / "autograd_tiny"
    shutil.copytree(ROOT / "autograd_tiny", copy, ignore=shutil.ignore_patterns("__pycache__"))
    value_py = copy / "core" / "value.py"
    value_py.write_text(
        value_py.read_text(encoding="utf-8").replace('    softplus = _unary_operation("softplus")\n', "")
    )
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(tmp_path)!r}); sys.path.insert(1, {str(ROOT)!r})
        import autograd_tiny
        assert autograd_tiny.__file__.startswith({str(tmp_path)!r})
        from tests.core.test_registry import registry_problems
        print("\\n".join(registry_problems()))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        'Value has no method softplus: add `softplus = _unary_operation("softplus")` '
        "to class Value in autograd_tiny/core/value.py"
    )


def test_softplus_derivatives_against_central_differences_and_closed_forms() -> None:
    for x in (-30.0, -2.0, 0.0, 0.7, 3.0, 40.0):
        v = at.Value(x)
        y = v.softplus()
        assert y.data == pytest.approx(math.log1p(math.exp(x)) if x < 30 else x + math.log1p(math.exp(-x)))
        y.backward()
        assert v.grad == pytest.approx(1 / (1 + math.exp(-x)), rel=1e-12)
        h = 1e-6
        numeric = (at.softplus(x + h) - at.softplus(x - h)) / (2 * h)
        assert v.grad == pytest.approx(numeric, rel=1e-6, abs=1e-9)
    w = at.Value(0.4)
    (first,) = at.grad(w.softplus(), [w], create_graph=True)
    (second,) = at.grad(first, [w])
    s = 1 / (1 + math.exp(-0.4))
    assert second.data == pytest.approx(s * (1 - s), rel=1e-12)  # σ′ = σ(1 − σ)


def test_the_readme_shows_the_textbook_engine_as_it_is() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    book = (ROOT / "autograd_tiny" / "core" / "textbook.py").read_text(encoding="utf-8")
    body = book[book.index("from __future__ import annotations") :].rstrip()
    assert f"```python\n{body}\n```" in readme
