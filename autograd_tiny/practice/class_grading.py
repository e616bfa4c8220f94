"""A class's answers graded together: each student's verdict on every question of the sheet, and the
misconceptions the class holds, counted by student and question.

Each answer is graded as ``exercise.diagnose`` grades one (at the precision the student wrote, the
misconceptions of the catalogue it matches; no hint and no try counted). On a multiple-choice sheet
a question with choices is answered by the letter circled (``B``, ``(b)``) or by the number of an
option exactly as the sheet prints it; a wrong option is diagnosed by its number, like a written one.
An answer that matches two misconceptions at once ("either … or …") counts for both, and is marked
ambiguous: the class table says how many students hold a misconception only in such answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from autograd_tiny.practice.choices import LETTERS, Choice
from autograd_tiny.practice.classroom import ClassAnswers, Column
from autograd_tiny.practice.exercise import Exercise
from autograd_tiny.practice.feedback import diagnose
from autograd_tiny.practice.misconceptions import CATALOGUE, Mistake

__all__ = ["STATUSES", "Cell", "ClassGrades", "Student", "Tally", "grade_class"]

STATUSES = ("right", "more digits", "wrong", "not a number", "not a choice", "blank")
"""Every verdict a cell can get, in the order the report counts them."""
_ORDER = {row.name: position for position, row in enumerate(CATALOGUE)}


@dataclass(frozen=True)
class Cell:
    """One student's answer to one question: the text, its verdict and the misconceptions it matches."""

    column: Column
    answer: str
    status: str
    misconceptions: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """Whether the answer matches several misconceptions at once ("either … or …")."""
        return len(self.misconceptions) > 1


@dataclass(frozen=True)
class Student:
    """A student's row graded: a cell per question of the sheet, in the sheet's order."""

    name: str
    cells: tuple[Cell, ...]

    def count(self, status: str) -> int:
        """How many of the student's answers have this verdict."""
        return sum(cell.status == status for cell in self.cells)

    @property
    def score(self) -> str:
        """``12/17``: answers right out of the questions graded."""
        return f"{self.count('right')}/{len(self.cells)}"


@dataclass(frozen=True)
class Tally:
    """One misconception across the class.

    Attributes:
        name: the catalogue's name, e.g. ``"a path left out"``.
        rule: the rule it breaks.
        students: the students whose answers match it, in the table's order.
        only_ambiguous: those of them whose every matching answer matches another misconception too.
        questions: each question it was met on, with how many students met it there.
    """

    name: str
    rule: str
    students: tuple[str, ...]
    only_ambiguous: tuple[str, ...]
    questions: tuple[tuple[Column, int], ...]


@dataclass(frozen=True)
class ClassGrades:
    """The class graded: students, misconceptions by how many students hold them, and what was skipped.

    Attributes:
        columns: the questions graded (the columns of the table that name a question of the sheet).
        students: each student graded, in the table's order.
        tallies: each misconception met, most students first.
        unexplained: wrong answers that match no misconception of the catalogue.
        problems: the columns and rows of the table that were skipped, by line.
    """

    columns: tuple[Column, ...]
    students: tuple[Student, ...]
    tallies: tuple[Tally, ...]
    unexplained: int
    problems: tuple[str, ...]


def grade_class(
    answers: ClassAnswers, exercises: Sequence[Exercise], choices: Sequence[Mapping[str, Choice]] = ()
) -> ClassGrades:
    """Grade every student's answers to the sheet made of ``exercises``.

    Args:
        answers: the class's table, from ``read_class``.
        exercises: the sheet's exercises, from ``generate`` with the sheet's level, count and seed.
        choices: for a multiple-choice sheet, each exercise's choices (``sheet``'s, same seed).
    """
    cache: dict[Column, tuple[float, list[Mistake], float]] = {}
    for column in answers.columns:
        exercise = exercises[column.number - 1]
        cache[column] = (exercise.answer(column.key), exercise.mistakes(column.key), exercise.tolerance)
    students = []
    for name, row in answers.students.items():
        cells = []
        for column in answers.columns:
            chosen = choices[column.number - 1].get(column.key) if choices else None
            cells.append(_cell(column, row[column], cache[column], chosen))
        students.append(Student(name, tuple(cells)))
    unexplained = sum(
        cell.status == "wrong" and not cell.misconceptions for s in students for cell in s.cells
    )
    return ClassGrades(
        tuple(answers.columns),
        tuple(students),
        _tallies(students, answers.columns),
        unexplained,
        tuple(answers.problems),
    )


def _cell(
    column: Column, text: str, known: tuple[float, list[Mistake], float], chosen: Choice | None
) -> Cell:
    right, mistakes, slack = known
    if not text:
        return Cell(column, text, "blank")
    raw = text
    if chosen is not None:
        letter = _letter(text, chosen)
        if letter is None:
            return Cell(column, text, "not a choice")
        if letter == chosen.right:
            return Cell(column, text, "right")
        raw = chosen.options[LETTERS.index(letter)].number
    found = diagnose(raw, right, mistakes, slack)
    status = "wrong" if chosen is not None else found.status
    names = tuple(sorted({mistake.name for mistake in found.mistakes}, key=_ORDER.__getitem__))
    return Cell(column, text, status, names)


def _letter(text: str, choice: Choice) -> str | None:
    """The letter of the option a cell names: ``B``, ``(b)``, ``B)``, or the option's number as printed."""
    letters = LETTERS[: len(choice.options)]
    bare = text.strip("() .").upper()
    if len(bare) == 1 and bare in letters:
        return bare
    written = text.replace("−", "-").strip()
    for letter, option in zip(letters, choice.options, strict=True):
        if written == option.number.replace("−", "-"):
            return letter
    return None


def _tallies(students: Sequence[Student], columns: Sequence[Column]) -> tuple[Tally, ...]:
    """Each misconception met: its students, those met only in ambiguous answers, and its questions."""
    found: dict[str, tuple[dict[str, bool], dict[Column, int]]] = {}
    for student in students:
        for cell in student.cells:
            for name in cell.misconceptions:
                holders, questions = found.setdefault(name, ({}, {}))
                holders[student.name] = holders.get(student.name, True) and cell.ambiguous
                questions[cell.column] = questions.get(cell.column, 0) + 1
    tallies = [
        Tally(
            name,
            CATALOGUE[_ORDER[name]].rule,
            tuple(holders),
            tuple(student for student, ambiguous in holders.items() if ambiguous),
            tuple(sorted(questions.items(), key=lambda item: columns.index(item[0]))),
        )
        for name, (holders, questions) in found.items()
    ]
    return tuple(sorted(tallies, key=lambda tally: (-len(tally.students), _ORDER[tally.name])))
