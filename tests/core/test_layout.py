"""The engine's contract: ``autograd_tiny/core`` imports only the standard library and itself, and the
import-linter contracts catch a new module that breaks it (they name packages, not file lists)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "autograd_tiny" / "core"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def imported_modules(source: str) -> list[str]:
    """Every module an ``import`` or ``from … import`` names, absolute, by the syntax tree."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "the engine uses absolute imports"
            found.append(node.module or "")
    return found


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_every_core_module_imports_only_the_standard_library_and_the_core(path: Path) -> None:
    for module in imported_modules(path.read_text(encoding="utf-8")):
        top = module.split(".")[0]
        inside = module == "autograd_tiny.core" or module.startswith("autograd_tiny.core.")
        assert inside or top in sys.stdlib_module_names, f"{path.name} imports {module}"


def test_the_ast_check_can_fail() -> None:
    assert imported_modules("import numpy as np\nfrom autograd_tiny.see import trace") == [
        "numpy",
        "autograd_tiny.see",
    ]


def lint_imports_on_a_copy(tmp_path: Path, probe: str) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on a copy of the package with ``probe`` as a new module of the core."""
    for package in ("autograd_tiny", "nn"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "autograd_tiny" / "core" / "probe.py").write_text(f'"""A probe."""\n\n{probe}\n')
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": str(LINT_IMPORTS.parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports is not installed")
@pytest.mark.parametrize(
    ("probe", "broken"),
    [
        ("import numpy  # noqa: F401", "The engine (autograd_tiny.core) imports only the standard library"),
        ("import autograd_tiny.see  # noqa: F401", "Layers"),
        ("import nn  # noqa: F401", "Only the CLI imports nn"),
    ],
)
def test_a_core_module_importing_numpy_or_a_higher_layer_breaks_a_contract(
    tmp_path: Path, probe: str, broken: str
) -> None:
    done = lint_imports_on_a_copy(tmp_path, probe)
    assert done.returncode != 0, done.stdout
    assert f"{broken}" in done.stdout and "BROKEN" in done.stdout, done.stdout


@pytest.mark.slow
@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports is not installed")
def test_a_core_module_importing_the_standard_library_keeps_every_contract(tmp_path: Path) -> None:
    done = lint_imports_on_a_copy(tmp_path, "import math  # noqa: F401")
    assert done.returncode == 0, done.stdout


SLOTS = {"data", "grad", "op", "label", "_a", "_local_a", "_b", "_local_b"}


def slot_writes(source: str) -> list[str]:
    """``x._a = …``, ``x.data += …`` and the like: an attribute named as a node slot, assigned."""
    written = []
    for node in ast.walk(ast.parse(source)):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = [t for target in node.targets for t in ast.walk(target)]
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        written += [t.attr for t in targets if isinstance(t, ast.Attribute) and t.attr in SLOTS]
    return written


def test_only_value_py_writes_a_nodes_private_slots() -> None:
    """The one node constructor: ``_a``, ``_local_a``, ``_b``, ``_local_b`` are written in value.py
    alone (``.grad`` is every pass's to write, ``.data`` and ``.label`` a user's)."""
    package = ROOT / "autograd_tiny"
    for path in sorted(package.rglob("*.py")):
        if path.name == "value.py" and path.parent.name == "core":
            continue
        private = [name for name in slot_writes(path.read_text(encoding="utf-8")) if name.startswith("_")]
        assert private == [], f"{path.relative_to(ROOT)} writes {private}"
    assert {"_a", "_local_a", "_b", "_local_b"} <= set(slot_writes((CORE / "value.py").read_text()))
