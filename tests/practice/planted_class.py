"""A synthetic class of 30 students answering the level-2 sheet of seed 7, with misconceptions planted
from ``exercise.mistakes(key)``, and what a grader must count: the oracle is the plan itself."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field

from autograd_tiny.core.formatting import format_number
from autograd_tiny.practice.classroom import Column, columns
from autograd_tiny.practice.exercise import Exercise
from autograd_tiny.practice.generate import generate

SHEET = {"level": 2, "count": 6, "seed": 7}
SHEET_ARGS = ["--level", "2", "--count", "6", "--seed", "7"]
STUDENTS = 30


@dataclass
class Planted:
    """The class's table and what was planted in it."""

    rows: list[dict[str, str]] = field(default_factory=list)
    holders: dict[str, set[str]] = field(default_factory=dict)  # misconception → students
    only_ambiguous: dict[str, set[str]] = field(default_factory=dict)
    questions: dict[str, dict[str, int]] = field(default_factory=dict)  # misconception → heading → count
    right: dict[str, int] = field(default_factory=dict)
    unexplained: int = 0
    not_numbers: int = 0

    def csv(self, headings: list[str], delimiter: str = ",") -> str:
        text = io.StringIO()
        writer = csv.DictWriter(text, ["name", *headings], delimiter=delimiter, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return text.getvalue()


def sheet() -> list[Exercise]:
    return generate(SHEET["level"], SHEET["count"], SHEET["seed"])


def _groups(exercise: Exercise, key: str) -> dict[float, set[str]]:
    """Each misconception's number for the question and the names that make it (all integers here)."""
    groups: dict[float, set[str]] = {}
    for mistake in exercise.mistakes(key):
        assert mistake.number == int(mistake.number), "the plan writes exact integers"
        groups.setdefault(mistake.number, set()).add(mistake.name)
    return groups


def planted_class(seed: int = 2024) -> Planted:
    """30 students: each answers about half the questions right and leaves the others blank; students
    0–19 hold one misconception on one question, 0–5 a second one on another question, 20–22 give an
    answer two misconceptions make at once; 23–25 a wrong number no misconception makes, 26 a word."""
    exercises, rng, plan = sheet(), random.Random(seed), Planted()
    cols = columns(exercises)
    single = [
        (c, n, names)
        for c in cols
        for n, names in _groups(exercises[c.number - 1], c.key).items()
        if len(names) == 1
    ]
    double = [
        (c, n, names)
        for c in cols
        for n, names in _groups(exercises[c.number - 1], c.key).items()
        if len(names) > 1
    ]
    assert len(single) > 40 and double, "the sheet has room for both kinds of plant"
    for index in range(STUDENTS):
        name = f"student {index + 1:02d}"
        row = {"name": name}
        for column in cols:
            if rng.random() < 0.5:
                row[column.heading] = format_number(exercises[column.number - 1].answer(column.key))
        plants = []
        if index < 20:
            plants.append(rng.choice(single))
        if index < 6:
            plants.append(rng.choice([p for p in single if p[0] != plants[0][0]]))
        if 20 <= index < 23:
            plants.append(rng.choice(double))
        for column, number, names in plants:
            row[column.heading] = format_number(number)
            for misconception in names:
                plan.holders.setdefault(misconception, set()).add(name)
                counts = plan.questions.setdefault(misconception, {})
                counts[column.heading] = counts.get(column.heading, 0) + 1
        for misconception in plan.holders:
            if name in plan.holders[misconception] and all(
                len(p[2]) > 1 for p in plants if misconception in p[2]
            ):
                plan.only_ambiguous.setdefault(misconception, set()).add(name)
        if 23 <= index < 26:
            column = cols[index]
            known = _groups(exercises[column.number - 1], column.key)
            wrong = exercises[column.number - 1].answer(column.key) + 9973
            assert wrong not in known
            row[column.heading] = format_number(wrong)
            plan.unexplained += 1
        if index == 26:
            row[cols[0].heading] = "about four"
            plan.not_numbers += 1
        plan.right[name] = sum(
            row.get(c.heading) == format_number(exercises[c.number - 1].answer(c.key)) for c in cols
        )
        plan.rows.append(row)
    return plan


def headings(exercises: list[Exercise]) -> list[str]:
    return [column.heading for column in columns(exercises)]


__all__ = ["SHEET", "SHEET_ARGS", "Column", "Planted", "headings", "planted_class", "sheet"]
