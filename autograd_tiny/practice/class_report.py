"""A graded class written out: as text for the terminal, as one self-contained HTML page (scores,
every answer's verdict, the misconception table with its bar chart in plain HTML and CSS), or as CSV
for a spreadsheet (the students' table, an empty row, then the misconception table).

Every text a student or a table wrote (names, answers) is escaped in HTML, written without control
characters to the terminal, and a CSV cell that a spreadsheet would run as a formula (``=…``,
``+…``, ``@…``) is written behind a ``'``.
"""

from __future__ import annotations

import csv
import html
import io

from autograd_tiny.practice.class_grading import STATUSES, ClassGrades, Student, Tally
from autograd_tiny.practice.classroom import Column

__all__ = ["class_csv", "class_html", "class_text"]

MARKS = {
    "right": "✓",
    "more digits": "≈",
    "wrong": "✗",
    "not a number": "?",
    "not a choice": "?",
    "blank": "·",
}
"""The mark each verdict gets in the answers' grid."""
_EITHER = 'an answer matching two misconceptions ("either … or …") counts for both'
_TITLE = "Backpropagation by hand · a class graded"


def class_text(grades: ClassGrades, meta: str = "") -> str:
    """The report as text: a line per student (score, verdict counts, each answer not right or
    blank), then the misconception table, most students first."""
    lines = [f"{meta}: " if meta else "", ""]
    lines[0] += f"{len(grades.students)} students, {len(grades.columns)} questions"
    for student in grades.students:
        counts = ", ".join(f"{student.count(s)} {s}" for s in STATUSES if student.count(s))
        lines.append(f"{_printable(student.name)}: {student.score} right ({counts})")
        for cell in student.cells:
            if cell.status not in ("right", "blank"):
                why = _why(cell.misconceptions)
                lines.append(f"    {cell.column.heading} = {_printable(cell.answer)}: {cell.status}{why}")
    lines += ["", f"misconceptions in the class, most students first ({_EITHER}):"]
    if not grades.tallies:
        lines.append("    none of the catalogue's")
    for tally in grades.tallies:
        lines.append(f"  {len(tally.students):>3} {_students(tally)}: {tally.name}{_only(tally)}")
        lines.append(f"        on {_questions(tally)}")
    if grades.unexplained:
        lines.append(f"  {grades.unexplained} wrong answers match no misconception of the catalogue")
    return "\n".join(lines)


def class_html(grades: ClassGrades, meta: str = "") -> str:
    """The report as one self-contained HTML page: the misconception table with a bar per
    misconception, each student's score and verdict counts, and a grid of every answer's verdict."""
    e = html.escape
    most = max((len(tally.students) for tally in grades.tallies), default=1)
    rows = "".join(
        f"<tr><td><b>{e(tally.name)}</b><div class=rule>{e(tally.rule)}</div></td>"
        f'<td class=bar><span style="width:{85 * len(tally.students) / most:.1f}%"></span>'
        f"<em>{len(tally.students)}</em></td><td>{len(tally.only_ambiguous) or ''}</td>"
        f"<td>{e(_questions(tally))}</td></tr>"
        for tally in grades.tallies
    )
    table = (
        "<table class=tally><thead><tr><th>misconception (the rule it breaks)</th><th>students</th>"
        "<th>of them only in “either … or …”</th><th>questions (students there)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if grades.tallies
        else "<p>No answer matches a misconception of the catalogue.</p>"
    )
    unexplained = f"<p>{grades.unexplained} wrong answers match no misconception of the catalogue.</p>"
    met = [s for s in STATUSES if any(student.count(s) for student in grades.students)]
    heads = "".join(f"<th>{e(s)}</th>" for s in met)
    scores = "".join(
        f"<tr><td>{e(student.name)}</td><td>{student.score}</td>"
        + "".join(f"<td>{student.count(s) or ''}</td>" for s in met)
        + "</tr>"
        for student in grades.students
    )
    starts = {c for k, c in enumerate(grades.columns) if k == 0 or grades.columns[k - 1].number != c.number}
    grid_head = "".join(
        f'<th class="q{" start" if c in starts else ""}"><span>{e(c.heading)}</span></th>'
        for c in grades.columns
    )
    grid = "".join(
        f"<tr><td>{e(student.name)}</td>{_marks(student, starts)}</tr>" for student in grades.students
    )
    legend = " ".join(f"{mark} {status}" for status, mark in MARKS.items() if status != "not a choice")
    skipped = "".join(f"<li>{e(problem)}</li>" for problem in grades.problems)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_TITLE}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{_TITLE}</h1>"
        f"<p class=meta>{e(meta)}{' · ' if meta else ''}{len(grades.students)} students · "
        f"{len(grades.columns)} questions</p>"
        + (f"<h2>Skipped from the table</h2><ul>{skipped}</ul>" if skipped else "")
        + f"<h2>Misconceptions in the class</h2><p class=note>Most students first; {e(_EITHER)}.</p>"
        f"{table}{unexplained if grades.unexplained else ''}"
        f"<h2>Scores</h2><table class=scores><thead><tr><th>student</th><th>score</th>{heads}</tr></thead>"
        f"<tbody>{scores}</tbody></table>"
        f"<h2>Every answer</h2><p class=note>{e(legend)}; point at a mark to read the answer.</p>"
        f"<div class=wide><table class=grid><thead><tr><th>student</th>{grid_head}</tr></thead>"
        f"<tbody>{grid}</tbody></table></div></body></html>\n"
    )


def class_csv(grades: ClassGrades) -> str:
    """The report as CSV: a row per student (score, verdict counts, each question's verdict with the
    misconceptions matched), an empty row, then a row per misconception."""
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(["name", "score", *STATUSES, *(column.heading for column in grades.columns)])
    for student in grades.students:
        verdicts = [cell.status + _why(cell.misconceptions) for cell in student.cells]
        out.writerow([_safe(student.name), student.score, *map(student.count, STATUSES), *verdicts])
    out.writerow([])
    out.writerow(["misconception", "rule", "students", "only in either … or …", "questions", "who"])
    for tally in grades.tallies:
        who = "; ".join(tally.students)
        row = [tally.name, tally.rule, len(tally.students), len(tally.only_ambiguous), _questions(tally), who]
        out.writerow([_safe(cell) if isinstance(cell, str) else cell for cell in row])
    return text.getvalue()


def _marks(student: Student, starts: set[Column]) -> str:
    """A student's row of the grid: a mark per answer, the answer and its verdict in the mark's tip."""
    cells = []
    for cell in student.cells:
        tip = f"{cell.column.heading} = {cell.answer or '(blank)'}: {cell.status}{_why(cell.misconceptions)}"
        kind = cell.status.replace(" ", "-") + (" start" if cell.column in starts else "")
        cells.append(f'<td class="{kind}" title="{html.escape(tip)}">{MARKS[cell.status]}</td>')
    return "".join(cells)


def _why(names: tuple[str, ...]) -> str:
    if not names:
        return ""
    return f" ({names[0]})" if len(names) == 1 else f" (either {' or '.join(names)})"


def _students(tally: Tally) -> str:
    return "student" if len(tally.students) == 1 else "students"


def _only(tally: Tally) -> str:
    count = len(tally.only_ambiguous)
    return f" ({count} of them only in either … or …)" if count else ""


def _questions(tally: Tally) -> str:
    return ", ".join(f"{column.heading} ({count})" for column, count in tally.questions)


def _printable(text: str) -> str:
    """Text for a terminal: a control character (a new line, an escape sequence) as ``�``."""
    return "".join(c if c.isprintable() else "�" for c in text)


def _safe(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting ``= + - @`` (a formula to it) behind a ``'``."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; font-size: 11pt; color: #111; margin: 16px 24px; }
h1 { font-size: 17pt; margin: 0 0 4px 0; } h2 { font-size: 13pt; margin: 22px 0 6px 0; }
.meta, .note { color: #555; margin: 2px 0 8px 0; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
.rule { font-size: 8.5pt; color: #666; max-width: 30em; }
td.bar { width: 260px; position: relative; }
td.bar span { display: inline-block; height: 14px; background: #c0392b; vertical-align: middle; }
td.bar em { font-style: normal; margin-left: 6px; }
.tally td.bar { white-space: nowrap; }
.scores td:nth-child(n+2) { text-align: right; }
.wide { overflow-x: auto; }
.grid th.q { height: 110px; vertical-align: bottom; padding: 2px 0; }
.grid th.q span { writing-mode: vertical-rl; transform: rotate(180deg); font-size: 8pt; font-weight: normal; }
.grid td { padding: 1px 3px; text-align: center; font-size: 10pt; border: 1px solid #eee; }
.grid td:first-child { text-align: left; white-space: nowrap; }
td.right { color: #1e8449; } td.wrong { color: #fff; background: #c0392b; }
td.more-digits { background: #f5cba7; } td.not-a-number, td.not-a-choice { background: #f9e79f; }
td.blank { color: #bbb; }
.grid .start { border-left: 2px solid #888; }
.grid th:first-child { vertical-align: bottom; }
"""
