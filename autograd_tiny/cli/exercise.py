"""``autograd-tiny exercise``: a seeded worksheet and its answer key, in the style of the
composite-function tutorial's exercises; and ``graph --check``: hand answers graded with the mistake named."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from autograd_tiny.cli.command import add_command
from autograd_tiny.cli.output_files import check_writable, same_file
from autograd_tiny.practice.choices import MOST_CHOICES
from autograd_tiny.practice.exercise import TOLERANCE, Exercise, exercise
from autograd_tiny.practice.generate import LEVELS, MOST, generate
from autograd_tiny.practice.questions import ASKS
from autograd_tiny.practice.report import Report
from autograd_tiny.practice.sheet import worksheet, worksheet_markdown

__all__ = ["SUFFIXES", "add_exercise_command", "check_answers", "parse_answers", "run_check", "run_exercise"]

SUFFIXES = (".html", ".md")

SUMMARY = "a seeded worksheet of graphs to work out by hand, and its answer key"
DESCRIPTION = "Generate exercises to work out by hand: a printable sheet and its answer key."
EPILOG = """\
examples:
  autograd-tiny exercise --level 2 --count 6 --seed 7 -o sheet.html --answers key.html
  autograd-tiny exercise --level 1 --count 3 -o sheet.md --answers key.md
  autograd-tiny exercise --level 2 --choices 4 -o quiz.html --answers quiz-key.html
  autograd-tiny exercise --level 3            (prints the exercises and their answers)

levels: 1 sums and products, one shared input; 2 powers, shared inputs, constants;
        3 exp, log, tanh, sigmoid and a neuron with a loss.
check hand answers:  autograd-tiny graph "(x1+x2)*(x2+1)" --at x1=2,x2=3 --check "dy/dx1=4,dy/dx2=8"
"""


def add_exercise_command(commands: Any) -> None:
    """Add the ``exercise`` subcommand to ``commands`` (the result of ``add_subparsers``)."""
    command = add_command(commands, "exercise", SUMMARY, DESCRIPTION, EPILOG)
    command.add_argument("--level", type=int, default=1, choices=LEVELS, help="1, 2 or 3 (default 1)")
    command.add_argument("--count", type=int, default=4, help=f"how many exercises, 1 to {MOST} (default 4)")
    command.add_argument("--seed", type=int, default=0, help="the same seed gives the same sheet (default 0)")
    command.add_argument("-o", "--output", metavar="FILE", help="write the sheet to a .html or .md file")
    command.add_argument("--answers", metavar="FILE", help="write the answer key to a .html or .md file")
    command.add_argument(
        "--choices",
        type=int,
        default=0,
        metavar="N",
        help=f"multiple choice: the right answer and N − 1 misconceptions' numbers (2 to {MOST_CHOICES})",
    )
    command.set_defaults(run=run_exercise)


def run_exercise(arguments: argparse.Namespace) -> int:
    """Run ``exercise``; any problem with the input is one ``error:`` line on stderr and exit status 2."""
    try:
        _exercise(
            arguments.level,
            arguments.count,
            arguments.seed,
            arguments.output,
            arguments.answers,
            arguments.choices,
        )
    except (ValueError, RuntimeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _exercise(
    level: int, count: int, seed: int, output: str | None, answers: str | None, choices: int = 0
) -> None:
    """Check every argument and make every file's text first, so an error writes nothing; then write."""
    for flag, name in (("-o", output), ("--answers", answers)):
        if name is not None and Path(name).suffix.lower() not in SUFFIXES:
            raise ValueError(f"{flag}: cannot tell the format of {name!r}: use a name ending in .html or .md")
    if choices and not 2 <= choices <= MOST_CHOICES:
        raise ValueError(f"--choices: give a number from 2 to {MOST_CHOICES}, got {choices}")
    exercises = generate(level, count, seed)
    meta = f"level {level} · {count} exercises · seed {seed}" + (f" · {choices} choices" if choices else "")
    files: dict[Path, str] = {}
    for name, key in ((output, False), (answers, True)):
        if name is not None:
            made = _files(Path(name), exercises, key, meta, choices, seed)
            for path in made:
                _distinct(path, files)
            files.update(made)
    for path in files:
        check_writable(path)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    if not files:
        for number, exercise in enumerate(exercises, start=1):
            print(f"exercise {number}: {exercise}\n\n{exercise.solution()}\n")
    for path in files:
        print(f"wrote {path}")


def _files(
    path: Path, exercises: list[Exercise], key: bool, meta: str, choices: int, seed: int
) -> dict[Path, str]:
    if path.suffix.lower() == ".html":
        return {path: worksheet(exercises, key=key, meta=meta, choices=choices, seed=seed)}
    text, drawings = worksheet_markdown(
        exercises, key=key, meta=meta, images=path.stem, choices=choices, seed=seed
    )
    return {path: text, **{path.with_name(name): svg for name, svg in drawings.items()}}


def _distinct(path: Path, files: dict[Path, str]) -> None:
    """Refuse a file that is, once resolved and compared without case, one already to be written
    (the key over the sheet, or a picture over another: on a case-insensitive disk t.md is T.MD)."""
    for other in files:
        if same_file(other, path):
            raise ValueError(
                f"-o and --answers would both write {other} (as {path}): the key would overwrite the sheet; "
                "give them different names"
            )


def parse_answers(text: str) -> dict[str, str]:
    """``"dy/dx1=4,dy/dx2=8"`` as ``{"dy/dx1": "4", "dy/dx2": "8"}`` (the numbers are read by the checker).

    Raises:
        ValueError: an item is not ``question=answer``, or a question comes twice.
    """
    answers: dict[str, str] = {}
    for item in text.split(","):
        key, equals, answer = (part.strip() for part in item.partition("="))
        if not equals or not key or not answer:
            raise ValueError(
                f"--check: {item.strip()!r} is not question=answer (e.g. --check dy/dx1=4,dy/dx2=8)"
            )
        if key in answers:
            raise ValueError(f"--check: {key} is answered twice")
        answers[key] = answer
    return answers


def check_answers(exercise: Exercise, text: str) -> Report:
    """The report on ``--check`` answers; an answer that is not a number, or a key that names no
    question to answer (a misspelling, a constant such as ``dy/d1``), is bad input.

    Raises:
        ValueError: the text is not ``question=answer,…``, a key names no question of the graph, or
            an answer is not a number.
    """
    report = exercise.check(parse_answers(text))
    for verdict in report.verdicts:
        if verdict.status in ("not a number", "unknown key", "not asked"):
            raise ValueError(f"--check: {verdict.key}: {verdict.message}")
    return report


def run_check(expression: str, values: dict[str, float], answers: str) -> int:
    """``graph --check``: print a verdict per answer; 0 when all are right, 1 when one is wrong (or
    too roughly rounded).

    Raises:
        ValueError: the expression, the point or the answers are bad input (exit status 2).
    """
    report = check_answers(exercise(expression, ask=ASKS, tolerance=TOLERANCE, **values), answers)
    print(report)
    return 0 if report.all_right else 1
