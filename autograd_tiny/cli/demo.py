"""``autograd-tiny demo``: the composite-function tutorial's y = (x1 + x2)(x2 + 1) drawn and explained, then
an MLP trained.

Part 1 draws the structure diagram with values, gradients and the local derivative on every edge,
writes ∂y/∂x1 and ∂y/∂x2 as sums over paths (∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9)
and checks them with central differences (the gradient-checking tutorial). Part 2 trains a small MLP on two
moons and plots its decision regions and loss curve (``demo_moons.py``).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any

from autograd_tiny.cli.command import add_command
from autograd_tiny.cli.moons import train_moons, write_plots
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradcheck import numerical_gradient, relative_error
from autograd_tiny.core.value import Value
from autograd_tiny.see.draw import draw
from autograd_tiny.see.paths import explain

__all__ = [
    "DEFAULT_OUT",
    "add_demo_command",
    "lessons_hint",
    "run_demo",
    "seed_004",
]

DEFAULT_OUT = "autograd-tiny-out"
_FIRST_LESSON = "01_composite_functions.ipynb"
_SOURCE = Path(__file__).resolve().parents[2]  # a clone's root, when the package runs from one


SUMMARY = "draw and explain the composite-function tutorial's y = (x1 + x2)(x2 + 1), then train an MLP"
DESCRIPTION = (
    "Draw the composite-function tutorial's graph with its gradients, explain them as sums over paths, "
    "train a small MLP on two moons and write the pictures to a folder."
)


def add_demo_command(commands: Any) -> None:
    """Add the ``demo`` subcommand to ``commands`` (the result of ``add_subparsers``)."""
    demo = add_command(commands, "demo", SUMMARY, DESCRIPTION)
    demo.add_argument(
        "--out",
        metavar="DIR",
        default=DEFAULT_OUT,
        help=f"where to write the pictures (default: {DEFAULT_OUT})",
    )
    demo.set_defaults(run=run_demo)


def run_demo(arguments: argparse.Namespace) -> int:
    """Run the demo; a folder that cannot be written is one ``error:`` line on stderr and exit status 2."""
    out = Path(arguments.out)
    try:
        _check_writable(out)
        written = seed_004(out)
        print()
        model, X, y, history = train_moons()
        written += write_plots(model, X, y, history, out)
    except OSError as error:
        print(f"error: --out {str(out)!r}: cannot write there ({error.strerror or error})", file=sys.stderr)
        return 2
    print("\nFiles written:")
    width = max(len(str(path)) for path, _ in written)
    for path, what in written:
        print(f"  {path!s:<{width}}  {what}")
    print(f"\n{lessons_hint()}")
    return 0


def lessons_hint(source: Path = _SOURCE, origin: str | None = None) -> str:
    """Where the lessons are: the clone's ``notebooks/`` when the package runs from one; else, for an
    installed wheel (which holds the packages only), the folder or repository it was installed from,
    as pip recorded it; else what to look for.

    Args:
        source: the folder that holds the package's folder (a clone's root, or ``site-packages``).
        origin: where pip installed the package from (``direct_url.json``'s ``url``); looked up when
            None.
    """
    start = f"starting with {_FIRST_LESSON}"
    lessons = source / "notebooks"
    if (lessons / _FIRST_LESSON).is_file():
        return f"Next: the lessons in {lessons}/, {start}"
    origin = _installed_from() if origin is None else origin
    where = "where this package was installed from"
    if origin.startswith("file://"):
        folder = Path(urllib.parse.unquote(urllib.parse.urlparse(origin).path)) / "notebooks"
        if (folder / _FIRST_LESSON).is_file():
            return f"Next: the lessons in {folder}/ ({where}), {start}"
    elif origin:
        return f"Next: the lessons are in notebooks/ of {origin} ({where}), {start}"
    return (
        "Next: the lessons, ten Jupyter notebooks, are in notebooks/ of the project's source (its "
        "repository or source distribution), which an installed package does not hold: open "
        f"notebooks/{_FIRST_LESSON} there"
    )


def _installed_from() -> str:
    """The URL pip installed this package from (PEP 610's ``direct_url.json``), or ``""``."""
    try:
        recorded = importlib.metadata.distribution("autograd-tiny").read_text("direct_url.json")
        url = json.loads(recorded or "{}").get("url", "")
    except (importlib.metadata.PackageNotFoundError, ValueError, AttributeError):
        return ""
    return url if isinstance(url, str) else ""


def _check_writable(out: Path) -> None:
    """Create ``out`` if needed and prove that a file can be written in it, before any work is done."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(20, "it is a file, not a folder")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=out):
        pass


def seed_004(out: Path) -> list[tuple[Path, str]]:
    """y = (x1 + x2)(x2 + 1) at (2, 3): forward, backward, sum over paths, central differences, picture.

    Args:
        out: the folder for the picture (it must exist).

    Returns:
        The picture written: ``composite_function_graph.svg``, or ``composite_function_graph.dot`` without a
        renderer.
    """
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    a = x1 + x2
    b = x2 + 1
    y = a * b
    y.backward()
    numeric = numerical_gradient(lambda xs: (xs[0] + xs[1]) * (xs[1] + 1), [x1.data, x2.data])
    n = format_number
    print("1. The composite-function tutorial's structure diagram: y = (x1 + x2)(x2 + 1) at x1 = 2, x2 = 3")
    print(f"   forward:  a = x1 + x2 = {n(a.data)},  b = x2 + 1 = {n(b.data)},  y = a·b = {n(y.data)}")
    print(f"   backward: ∂y/∂x1 = {n(x1.grad)},  ∂y/∂x2 = {n(x2.grad)}")
    print("   sum over paths (each path's local derivatives multiplied, the paths added):")
    print(f"     {explain(y, x1)}\n     {explain(y, x2)}")
    error = relative_error([x1.grad, x2.grad], numeric)
    print(
        "   central differences (the gradient-checking tutorial): "
        f"∂y/∂x1 ≈ {numeric[0]:.6f}, ∂y/∂x2 ≈ {numeric[1]:.6f}  (relative error {error:.1e})"
    )
    return [draw_graph(y, out / "composite_function_graph.svg")]


def draw_graph(y: Value, path: Path) -> tuple[Path, str]:
    """The picture of ``y``'s graph as ``path`` (SVG); with no working renderer, its DOT text instead.

    Raises:
        OSError: the file cannot be written.
    """
    drawing = draw(y)
    try:
        return drawing.write(path), "the composite-function tutorial's graph with values and gradients"
    except RuntimeError as error:  # RendererMissingError included: the message says what to install
        print(f"   could not draw the SVG: {error}")
        dot = drawing.write(path.with_suffix(".dot"))
        print(f"   wrote the DOT text instead; draw it later with `dot -Tsvg {dot} -o {path}`")
        return dot, "the composite-function tutorial's graph as DOT text (the SVG could not be drawn)"
