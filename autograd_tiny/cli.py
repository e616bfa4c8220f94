"""The ``autograd-tiny`` command: ``demo`` shows the engine on seed 004's first example, ``graph``
differentiates any expression (``cli_graph.py``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from autograd_tiny.cli_graph import add_graph_command
from autograd_tiny.gradcheck import numerical_gradient
from autograd_tiny.value import Value

__all__ = ["main"]


def _demo(arguments: argparse.Namespace) -> int:
    """y = (x1 + x2)(x2 + 1) at (2, 3): forward values, backward gradients, and a numerical check."""
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    a = x1 + x2
    b = x2 + 1
    y = a * b
    y.backward()
    print("Seed 004: y = (x1 + x2)(x2 + 1) at x1 = 2, x2 = 3")
    print(f"  forward:  a = x1 + x2 = {a.data:g},  b = x2 + 1 = {b.data:g},  y = a·b = {y.data:g}")
    print(f"  backward: ∂y/∂a = b = {a.grad:g},  ∂y/∂b = a = {b.grad:g}")
    print(f"            ∂y/∂x1 = ∂y/∂a·1 = {x1.grad:g}")
    print(f"            ∂y/∂x2 = ∂y/∂a·1 + ∂y/∂b·1 = {a.grad:g} + {b.grad:g} = {x2.grad:g}")
    numeric = numerical_gradient(lambda xs: (xs[0] + xs[1]) * (xs[1] + 1), [2.0, 3.0])
    print(f"  central differences agree: ∂y/∂x1 ≈ {numeric[0]:.6f}, ∂y/∂x2 ≈ {numeric[1]:.6f}")
    return 0


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors, like every other error, start with ``error:``."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message}\n{self.format_usage()}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="autograd-tiny",
        description="A scalar autodiff engine for learning backpropagation.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="show backprop on seed 004's y = (x1 + x2)(x2 + 1)")
    demo.set_defaults(run=_demo)
    add_graph_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = _parser().parse_args(argv)
    status: int = arguments.run(arguments)
    return status


if __name__ == "__main__":
    sys.exit(main())
