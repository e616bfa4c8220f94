"""Every exercise a lesson fixes is checked, in that lesson's Checks, to sit at a point where its
mistakes can be told apart: each name assigned from ``at.exercise(…)``, ``exercise(…)`` or
``nn.NetworkExercise(…)`` appears in a ``distinct(…)`` or ``clashes(…)`` call of the Checks section.

Read from the notebooks' code (parsed, not run): nbmake runs the Checks, so the points themselves are
tested where the lesson states them, and a new exercise without its check fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import nbformat
import pytest

LESSONS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BUILDERS = ("exercise", "NetworkExercise")
"""The calls that build a fixed exercise (``at.exercise``, ``practice.exercise``, ``nn.NetworkExercise``)."""
CHECKERS = ("distinct", "clashes")


def _called(call: ast.Call) -> str:
    """The name a call calls: ``distinct`` for ``at.practice.distinct(…)``."""
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _tree(source: str) -> ast.Module:
    """A code cell's syntax tree, IPython's ``%magic`` and ``!shell`` lines left out."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    return ast.parse("\n".join(lines))


def _sections(cells: list[Any]) -> list[tuple[str, ast.Module]]:
    """(the ``##`` heading a code cell is under, its syntax tree) for every code cell."""
    heading, found = "", []
    for cell in cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            heading = cell.source.splitlines()[0][3:].strip()
        elif cell.cell_type == "code":
            found.append((heading, _tree(cell.source)))
    return found


def _checked(tree: ast.Module) -> set[str]:
    """The names a Checks cell passes first to ``distinct`` or ``clashes``."""
    return {
        node.args[0].id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _called(node) in CHECKERS
        and node.args
        and isinstance(node.args[0], ast.Name)
    }


def _built(tree: ast.Module) -> tuple[list[str], list[str]]:
    """The names a cell assigns from a builder call, and its builder calls assigned to no name."""
    names, named = [], set()
    for node in ast.walk(tree):
        call = node.value if isinstance(node, ast.Assign) else None
        if isinstance(call, ast.Call) and _called(call) in BUILDERS:
            named.add(id(call))
            names += [target.id for target in node.targets if isinstance(target, ast.Name)]
    unnamed = [
        ast.unparse(node)[:60]
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _called(node) in BUILDERS and id(node) not in named
    ]
    return names, unnamed


def built_and_checked(cells: list[Any]) -> tuple[dict[str, str], set[str], list[str]]:
    """The exercises a lesson builds (name → its heading), the names its Checks pass to
    ``distinct``/``clashes``, and the builder calls whose result is not assigned to a name."""
    built: dict[str, str] = {}
    checked: set[str] = set()
    unnamed: list[str] = []
    for heading, tree in _sections(cells):
        if heading == "Checks":
            checked |= _checked(tree)
            continue
        names, loose = _built(tree)
        built.update(dict.fromkeys(names, heading))
        unnamed += [f"{heading}: {call}" for call in loose]
    return built, checked, unnamed


def _name(path: Path) -> str:
    return path.name[:2]


@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_every_fixed_exercise_is_checked_for_distinct_mistakes(path: Path) -> None:
    built, checked, unnamed = built_and_checked(list(nbformat.read(path, as_version=4).cells))
    assert not unnamed, f"{path.name}: name each exercise, so its Checks can ask distinct() of it: {unnamed}"
    missing = {name: heading for name, heading in built.items() if name not in checked}
    assert not missing, f"{path.name}: no distinct()/clashes() in its Checks for {missing}"


def _cell(kind: str, source: str) -> Any:
    return nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)


def test_an_exercise_without_its_check_is_found() -> None:
    cells = [
        _cell("markdown", "## Your turn"),
        _cell("code", "%matplotlib inline\nturn = at.exercise('x1*x2', x1=2, x2=3)"),
        _cell("code", "at.exercise('x1+x2', x1=1, x2=2)"),
        _cell("code", "net = nn.NetworkExercise(model, [1.0, 2.0], 1.0)"),
        _cell("markdown", "## Checks"),
        _cell("code", "assert at.practice.distinct(turn)\nother = exercise('x', x=1)"),
    ]
    built, checked, unnamed = built_and_checked(cells)
    assert built == {"turn": "Your turn", "net": "Your turn"}
    assert checked == {"turn"}
    assert unnamed == ["Your turn: at.exercise('x1+x2', x1=1, x2=2)"]
