"""The ``autograd-tiny`` command: ``demo`` draws and explains the composite-function tutorial's first example
and trains an MLP (``demo.py``), ``graph`` differentiates any expression (``graph.py``), ``exercise``
writes practice sheets (``exercise.py``), ``grade`` grades a class's answers to one (``grade.py``);
``--version`` prints the installed version."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from autograd_tiny import __version__
from autograd_tiny.cli.demo import add_demo_command
from autograd_tiny.cli.exercise import add_exercise_command
from autograd_tiny.cli.grade import add_grade_command
from autograd_tiny.cli.graph import add_graph_command
from autograd_tiny.cli.terminal import readable_output

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors, like every other error, are one ``error:`` line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="autograd-tiny",
        description="A scalar autodiff engine for learning backpropagation.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    add_demo_command(commands)
    add_graph_command(commands)
    add_exercise_command(commands)
    add_grade_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    with readable_output():
        arguments = _parser().parse_args(argv)
        status: int = arguments.run(arguments)
    return status


if __name__ == "__main__":
    sys.exit(main())
