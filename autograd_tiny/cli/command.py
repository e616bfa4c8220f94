"""How a subcommand of ``autograd-tiny`` is declared: its name, its line in the list of commands, what
its ``--help`` says first and, after the options, its examples."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_command"]


def add_command(
    commands: Any, name: str, summary: str, description: str, examples: str | None = None
) -> argparse.ArgumentParser:
    """Add the subcommand ``name`` to ``commands`` (the result of ``add_subparsers``); returns its parser.

    Args:
        commands: where the subcommands are added.
        name: the word after ``autograd-tiny``.
        summary: its line in ``autograd-tiny --help``.
        description: what ``autograd-tiny NAME --help`` says first.
        examples: shown after the options, line breaks kept (the description's too); without them the
            description is wrapped to the terminal's width.
    """
    formatter = argparse.RawDescriptionHelpFormatter if examples else argparse.HelpFormatter
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, epilog=examples, formatter_class=formatter
    )
    return parser
