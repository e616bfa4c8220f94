"""``autograd-tiny grade``: a class's answers to a worksheet graded together, from a CSV table with a
row per student, and the misconceptions the class holds; ``--template`` writes the empty table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from autograd_tiny.cli.command import add_command
from autograd_tiny.cli.output_files import check_writable, same_file
from autograd_tiny.practice.choices import MOST_CHOICES
from autograd_tiny.practice.class_grading import grade_class
from autograd_tiny.practice.class_report import class_csv, class_html, class_text
from autograd_tiny.practice.classroom import ClassTableError, class_template, read_class
from autograd_tiny.practice.generate import LEVELS, MOST, generate
from autograd_tiny.practice.sheet import sheet_choices

__all__ = ["add_grade_command", "run_grade"]

SUMMARY = "grade a class's answers to a worksheet together, and count its misconceptions"
DESCRIPTION = (
    "Grade a class's answers (a CSV table, a row per student) to the sheet that "
    "`autograd-tiny exercise` made with the same --level, --count, --seed and --choices."
)
EPILOG = """\
examples:
  autograd-tiny exercise --level 2 --count 6 --seed 7 -o sheet.html --answers key.html
  autograd-tiny grade --template answers.csv --level 2 --count 6 --seed 7
  autograd-tiny grade answers.csv --level 2 --count 6 --seed 7 -o report.html
  autograd-tiny grade quiz.csv --level 1 --count 3 --seed 3 --choices 4 -o report.csv

the table: a row per student, a "name" column, then a column per question named N:key
(2:∂y/∂x1 is question ∂y/∂x1 of exercise 2; dy/dx1 is read too); an empty cell is a blank.
UTF-8 (with or without BOM), cells separated by commas, semicolons or tabs.
With --choices, a cell holds the letter circled (B) or the option's number as printed.
Rows that cannot be graded (no name, a name met before, too many cells) and unknown columns are
reported by line on stderr and skipped. Exit status: 0 graded, 2 bad input (nothing written).
"""


def add_grade_command(commands: Any) -> None:
    """Add the ``grade`` subcommand to ``commands`` (the result of ``add_subparsers``)."""
    command = add_command(commands, "grade", SUMMARY, DESCRIPTION, EPILOG)
    command.add_argument("answers", nargs="?", metavar="ANSWERS.csv", help="the class's table of answers")
    command.add_argument("--template", metavar="FILE.csv", help="write the empty table to fill instead")
    command.add_argument("--level", type=int, default=1, choices=LEVELS, help="the sheet's level (default 1)")
    command.add_argument(
        "--count", type=int, default=4, help=f"the sheet's exercises, 1 to {MOST} (default 4)"
    )
    command.add_argument("--seed", type=int, default=0, help="the sheet's seed (default 0)")
    command.add_argument(
        "--choices", type=int, default=0, metavar="N", help="the sheet was multiple choice with N options"
    )
    command.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to a .html or .csv file too"
    )
    command.set_defaults(run=run_grade)


def run_grade(arguments: argparse.Namespace) -> int:
    """Run ``grade``; bad input is one ``error:`` line on stderr, exit status 2, and nothing written."""
    try:
        _grade(arguments)
    except (ValueError, RuntimeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _grade(arguments: argparse.Namespace) -> None:
    given = arguments.answers is not None
    if given == (arguments.template is not None):
        raise ValueError("give the answers' table to grade, or --template FILE.csv to write an empty one")
    if arguments.choices and not 2 <= arguments.choices <= MOST_CHOICES:
        raise ValueError(f"--choices: give a number from 2 to {MOST_CHOICES}, got {arguments.choices}")
    exercises = generate(arguments.level, arguments.count, arguments.seed)
    meta = f"level {arguments.level} · {arguments.count} exercises · seed {arguments.seed}"
    meta += f" · {arguments.choices} choices" if arguments.choices else ""
    if not given:
        if arguments.output is not None:
            raise ValueError("-o is for the report of a graded table; --template writes only the table")
        path = Path(arguments.template)
        if path.suffix.lower() != ".csv":
            raise ValueError(f"--template: {path} must end in .csv")
        if path.exists():
            raise ValueError(
                f"--template: {path} exists: it is not overwritten (a filled table?); give a new name"
            )
        check_writable(path)
        path.write_text(class_template(exercises), encoding="utf-8")
        print(f"wrote {path}: a row per student, a column per question of the sheet ({meta})")
        return
    source = Path(arguments.answers)
    output = Path(arguments.output) if arguments.output else None
    if output is not None:
        if output.suffix.lower() not in (".html", ".csv"):
            raise ValueError(
                f"-o: cannot tell the format of {str(output)!r}: use a name ending in .html or .csv"
            )
        if same_file(output, source):
            raise ValueError(f"-o {output} is the answers' table itself: the report would overwrite it")
        check_writable(output)
    text = _read(source)
    try:
        answers = read_class(text, exercises)
    except ClassTableError as error:
        raise ValueError(f"{source}: {error}") from None
    if not answers.students:
        why = "; ".join(answers.problems) or "the table has its header and no student's row"
        raise ValueError(f"{source}: no student's row to grade: {why}")
    choices = sheet_choices(exercises, arguments.choices, arguments.seed) if arguments.choices else ()
    grades = grade_class(answers, exercises, choices)
    for problem in grades.problems:
        print(f"{source}: {problem}", file=sys.stderr)
    print(class_text(grades, meta))
    if output is not None:
        report = class_html(grades, meta) if output.suffix.lower() == ".html" else class_csv(grades)
        output.write_text(report, encoding="utf-8")
        print(f"wrote {output}")


def _read(source: Path) -> str:
    """The table's text; an error names what is wrong with the file."""
    if not source.is_file():
        raise ValueError(f"{source}: no such file" if not source.exists() else f"{source}: not a file")
    try:
        return source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{source}: not UTF-8 text (byte {error.start}): save the table as CSV UTF-8"
        ) from None
