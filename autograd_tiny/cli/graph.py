"""``autograd-tiny graph``: the composite-function tutorial's exercise from one command: the value, every
∂y/∂xᵢ, the sum over paths (``--paths``), the backward pass step by step (``--trace``) and the picture
(``-o``)."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from autograd_tiny.cli.command import add_command
from autograd_tiny.cli.exercise import run_check
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.value import Value
from autograd_tiny.parsing.allow import FUNCTIONS
from autograd_tiny.parsing.build import parse
from autograd_tiny.see.animation_gif import animation_gif
from autograd_tiny.see.animation_html import animation_html
from autograd_tiny.see.draw import FORMATS, draw
from autograd_tiny.see.frames import frames
from autograd_tiny.see.paths import explain
from autograd_tiny.see.trace import trace

__all__ = ["ANIMATIONS", "add_graph_command", "point", "run_graph"]

ANIMATIONS = (".html", ".gif")

SUMMARY = "an expression's value, derivatives, sum over paths, backward trace and picture"
DESCRIPTION = "Build the graph of an expression at a point and show how backprop differentiates it."
EPILOG = f"""\
examples (the three expressions of the composite-function tutorial):
  autograd-tiny graph "(x1+x2)*(x2+1)" --at x1=2,x2=3
  autograd-tiny graph "x1**2 + (x1+x2)**2" --at x1=2,x2=3 --paths
  autograd-tiny graph "(x1+x2)**2 * x2**2 + x2" --at x1=2,x2=3 --trace -o graph.svg
  autograd-tiny graph "(x1+x2)*(x2+1)" --at x1=2,x2=3 --animate -o backprop.html   (or .gif)
  autograd-tiny graph "(x1+x2)*(x2+1)" --at x1=2,x2=3 --check "dy/dx1=4,dy/dx2=8"

expressions: numbers, names, + - * / **, unary -, parentheses, and {" ".join(FUNCTIONS)}
an expression that starts with "-" goes after "--":  autograd-tiny graph --at x=2 -- "-x**2"
"""


def add_graph_command(commands: Any) -> None:
    """Add the ``graph`` subcommand to ``commands`` (the result of ``add_subparsers``)."""
    graph = add_command(commands, "graph", SUMMARY, DESCRIPTION, EPILOG)
    graph.add_argument("expression", help='the expression, e.g. "(x1+x2)*(x2+1)"')
    graph.add_argument(
        "--at", action="append", default=[], metavar="NAME=NUMBER,...", help="the point, e.g. x1=2,x2=3"
    )
    graph.add_argument(
        "-o", "--output", metavar="FILE", help="write the picture to a .svg, .png, .pdf or .dot file"
    )
    graph.add_argument("--paths", action="store_true", help="write each ∂y/∂x as a sum over paths")
    graph.add_argument("--trace", action="store_true", help="print the backward pass step by step")
    graph.add_argument(
        "--animate",
        action="store_true",
        help="with -o FILE.html or FILE.gif: step through the forward and backward pass, one edge a frame",
    )
    # --check: grade hand answers instead (cli/exercise.py); exit status 1 if any is wrong
    graph.add_argument(
        "--check",
        metavar="ANSWERS",
        help='grade hand answers, e.g. "dy/dx1=4,dy/dx2=8,a=5": the verdict and likely mistake of each',
    )
    graph.set_defaults(run=run_graph)


def run_graph(arguments: argparse.Namespace) -> int:
    """Run ``graph``; any problem with the input is one ``error:`` line on stderr and exit status 2."""
    try:
        if arguments.check is not None:
            if arguments.output or arguments.paths or arguments.trace or arguments.animate:
                raise ValueError(
                    "--check grades answers on its own: leave out -o, --paths, --trace, --animate"
                )
            return run_check(arguments.expression, point(arguments.at), arguments.check)
        output = arguments.output
        if arguments.animate:
            output = _animation_file(output)
        _graph(
            arguments.expression,
            point(arguments.at),
            output,
            arguments.paths,
            arguments.trace,
            arguments.animate,
        )
    except (ValueError, ArithmeticError, RuntimeError, OSError, ImportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def point(items: list[str]) -> dict[str, float]:
    """``["x1=2,x2=3"]`` (``--at`` may be given more than once) as ``{"x1": 2.0, "x2": 3.0}``.

    Raises:
        ValueError: an item is not ``name=number``, a name comes twice, or a number is not finite.
    """
    values: dict[str, float] = {}
    for item in ",".join(items).split(",") if items else []:
        name, equals, number = (part.strip() for part in item.partition("="))
        if not equals or not name.isidentifier() or not name.isascii():
            raise ValueError(f"--at: {item.strip()!r} is not name=number (e.g. --at x1=2,x2=3)")
        if name in values:
            raise ValueError(f"--at: {name} is given twice")
        try:
            values[name] = float(number)
        except ValueError:
            raise ValueError(f"--at: {number!r} (the value of {name}) is not a number") from None
        if not math.isfinite(values[name]):
            raise ValueError(f"--at: the value of {name} must be a finite number, got {number}")
    return values


def _animation_file(output: str | None) -> str:
    """``--animate`` writes the file named by ``-o``, which must end in ``.html`` or ``.gif``."""
    if output is None or Path(output).suffix.lower() not in ANIMATIONS:
        given = "no -o" if output is None else repr(output)
        raise ValueError(f"--animate needs -o FILE ending in {' or '.join(ANIMATIONS)}, got {given}")
    return output


def _animate(root: Value, expression: str, output: str) -> Path:
    """Write the step-through animation of ``root`` to an ``.html`` page or a ``.gif``."""
    passes = frames(root)
    if Path(output).suffix.lower() == ".gif":
        return animation_gif(passes, output)
    path = Path(output)
    path.write_text(animation_html(passes, title=f"y = {expression}"), encoding="utf-8")
    return path


def _graph(
    expression: str,
    values: dict[str, float],
    output: str | None,
    paths: bool,
    steps: bool,
    animate: bool = False,
) -> None:
    """Work everything out first, so that an error leaves nothing half printed; then print."""
    if output is not None and not animate and Path(output).suffix.lower() not in FORMATS:
        raise ValueError(f"-o: cannot tell the picture format of {output!r}: use {', '.join(FORMATS)}")
    y, leaves = parse(expression, **values)
    y.backward()  # fills every .grad, for the numbers below and the drawing
    table = trace(y)
    explanations = [str(explain(y, leaf)) for leaf in leaves.values()] if paths else []
    written = None
    if output is not None:  # a .dot file is text, with no renderer to bound: any size is written
        text_only = Path(output).suffix.lower() == ".dot"
        if animate:
            written = _animate(y, expression, output)
        else:
            written = (draw(y, max_nodes=None, max_edges=None) if text_only else draw(y)).write(output)
    name = table.root_name
    where = ", ".join(f"{leaf_name} = {format_number(leaf.data)}" for leaf_name, leaf in leaves.items())
    print(f"{name} = {expression}" + (f"  at {where}" if where else ""))
    print(f"{name} = {format_number(y.data)}")
    for leaf_name, leaf in leaves.items():
        print(f"∂{name}/∂{leaf_name} = {format_number(leaf.grad)}")
    if explanations:
        print("\nsum over paths (the composite-function tutorial's rule):", *explanations, sep="\n  ")
    if steps:
        print(f"\n{table}")
    if written is not None:
        print(f"\nwrote {written}")
