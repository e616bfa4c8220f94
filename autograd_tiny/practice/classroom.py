"""A class's answers to one worksheet, read from a table: one row per student, a ``name`` column and
one column per question named ``N:key`` (``2:∂y/∂x1``: question ∂y/∂x1 of exercise 2 on the sheet).

``columns`` lists a sheet's question columns and ``class_template`` writes the empty table for a
teacher to fill; ``read_class`` reads a filled one (UTF-8, with or without the byte-order mark
spreadsheets write; comma, semicolon or tab between cells). A table that cannot be read at all raises
``ClassTableError``; a bad column or row is reported by its line and skipped, and the rest is read.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from autograd_tiny.practice.exercise import Exercise

__all__ = ["NAME", "ClassAnswers", "ClassTableError", "Column", "class_template", "columns", "read_class"]

NAME = "name"
"""The heading of the column that holds each student's name."""
_DELIMITERS = ",;\t"


class ClassTableError(ValueError):
    """The table cannot be read at all (not text, not a table, no ``name`` column, no question column)."""


@dataclass(frozen=True)
class Column:
    """A question of the sheet as a column: ``2:∂y/∂x1`` is exercise 2's question ∂y/∂x1."""

    number: int
    key: str

    @property
    def heading(self) -> str:
        """The column's heading, ``N:key``."""
        return f"{self.number}:{self.key}"


@dataclass
class ClassAnswers:
    """What ``read_class`` read.

    Attributes:
        columns: the question columns found, in the sheet's order.
        students: ``{name: {column: cell text}}``, in the table's order (an empty cell is ``""``).
        problems: one line per column or row that was skipped, and why (``line 4: …``).
    """

    columns: list[Column]
    students: dict[str, dict[Column, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def columns(exercises: Sequence[Exercise]) -> list[Column]:
    """Every question of the sheet as a column, exercise by exercise, in the sheet's order."""
    return [Column(number, key) for number, ex in enumerate(exercises, start=1) for key in ex.keys]


def class_template(exercises: Sequence[Exercise]) -> str:
    """The empty table for a teacher to fill: the header row ``name,1:a,1:b,…`` and no students."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerow([NAME, *(column.heading for column in columns(exercises))])
    return text.getvalue()


def read_class(text: str, exercises: Sequence[Exercise]) -> ClassAnswers:
    """Read a class's table of answers for the sheet made of ``exercises``.

    Column headings are matched as the sheet writes them, or in the ASCII spellings ``exercise.check``
    reads (``2:dy/dx1``). An unknown or repeated column, a row with no name, a name met before, or a
    row with more filled cells than the header is reported by line and skipped; an entirely empty row is not
    a student and is passed over. A cell that is not a number is read as it is: grading gives it its
    verdict.

    Raises:
        ClassTableError: the text is empty or not a table, has no ``name`` column, or no column names
            a question of the sheet.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ClassTableError("the table is empty: it needs a header row such as name,1:a,1:b")
    if "\x00" in text:
        raise ClassTableError("this is not a table of text (it holds NUL bytes): save it as CSV")
    first = text.splitlines()[0]
    delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    lines: list[tuple[int, list[str]]] = []  # (the line a row starts on, its cells)
    start = 1
    try:
        for row in reader:
            lines.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ClassTableError(f"line {start}: not readable as CSV ({error})") from None
    header = [cell.strip() for cell in lines[0][1]]
    answers, positions = _read_header(header, exercises)
    _read_rows(lines[1:], header, positions, answers)
    return answers


def _read_header(header: list[str], exercises: Sequence[Exercise]) -> tuple[ClassAnswers, dict[int, Column]]:
    """The columns a header names, and the position of each in a row."""
    if NAME not in [cell.casefold() for cell in header]:
        shown = ", ".join(repr(cell) for cell in header[:4])
        raise ClassTableError(
            f"line 1: no '{NAME}' column (the header starts {shown}): is this the class's table?"
        )
    answers = ClassAnswers([])
    positions: dict[int, Column] = {}
    named = [cell.casefold() for cell in header].index(NAME)
    for position, cell in enumerate(header):
        if position == named:
            continue
        if cell.casefold() == NAME:
            answers.problems.append(
                f"line 1: column {position + 1} skipped: the names are in column {named + 1}"
            )
            continue
        column = _column(cell, exercises)
        if isinstance(column, str):
            answers.problems.append(f"line 1: column {cell!r} skipped: {column}")
        elif column in positions.values():
            answers.problems.append(f"line 1: column {cell!r} skipped: {column.heading} is already a column")
        else:
            positions[position] = column
    order = columns(exercises)
    answers.columns = [column for column in order if column in positions.values()]
    if not answers.columns:
        raise ClassTableError(
            f"line 1: no column names a question of this sheet (e.g. {order[0].heading}): "
            "was the sheet made with other --level, --count or --seed?"
        )
    return answers, positions


def _column(cell: str, exercises: Sequence[Exercise]) -> Column | str:
    """The column a heading names, or why it names none."""
    number, colon, key = cell.partition(":")
    if not colon or not number.strip().isdigit():
        return f"a question column is named N:key, e.g. 2:∂y/∂x1{_near(cell, exercises)}"
    at = int(number)
    if not 1 <= at <= len(exercises):
        return f"the sheet has exercises 1 to {len(exercises)}"
    question = exercises[at - 1].question(key)
    if question is None:
        near = difflib.get_close_matches(key.strip(), exercises[at - 1].keys, n=1, cutoff=0.6)
        return f"exercise {at} has no question {key.strip()!r}" + (
            f"; did you mean {at}:{near[0]}?" if near else ""
        )
    return Column(at, question.key)


def _near(text: str, exercises: Sequence[Exercise]) -> str:
    near = difflib.get_close_matches(text.strip(), [c.heading for c in columns(exercises)], n=1, cutoff=0.6)
    return f"; did you mean {near[0]}?" if near else ""


def _read_rows(
    rows: list[tuple[int, list[str]]], header: list[str], positions: dict[int, Column], answers: ClassAnswers
) -> None:
    """Each student's row, by line (where it starts: a quoted cell may span lines)."""
    named = [cell.casefold() for cell in header].index(NAME)
    seen: dict[str, int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            answers.problems.append(
                f"line {line}: skipped: {len(row)} cells for {len(header)} columns (a comma in an answer?)"
            )
            continue
        name = row[named].strip() if named < len(row) else ""
        if not name:
            answers.problems.append(f"line {line}: skipped: no name")
            continue
        if name.casefold() in seen:
            answers.problems.append(
                f"line {line}: skipped: {name!r} is already on line {seen[name.casefold()]}"
            )
            continue
        seen[name.casefold()] = line
        student: dict[Column, str] = dict.fromkeys(answers.columns, "")
        for position, column in positions.items():
            if position < len(row):
                student[column] = row[position].strip()
        answers.students[name] = student
