"""Practice: exercises worked out by hand and checked node by node, with the likely mistake named.

An ``Exercise`` asks for the numbers of a graph (values, local derivatives, gradients, sums over
paths), as the composite-function tutorial works y = (x1 + x2)(x2 + 1); ``generate`` makes seeded
ones by level at points where every misconception can be told apart (``distinct``), and
``worksheet`` prints a class set with its answer key; ``read_class`` and ``grade_class`` grade a
class's table of answers to a sheet together and count the misconceptions it holds. A hand answer
is graded at the precision it was written with (``precision``); a wrong one is matched against the
``CATALOGUE`` of misconceptions
(``exercise.mistakes(key)`` gives each one's number) and gets a hint before the answer (``feedback``).
Imports the engine, ``see`` and ``parsing``.
"""

# build it yourself: the learner's own engine code, checked (practice/build_it)
from autograd_tiny.practice.build_it import CodeVerdict, check_backward, check_forward, check_rule, check_sort

# a class's answers graded together (practice/classroom, class_grading, class_report)
from autograd_tiny.practice.class_grading import ClassGrades, grade_class
from autograd_tiny.practice.class_report import class_csv, class_html, class_text
from autograd_tiny.practice.classroom import ClassTableError, class_template, read_class
from autograd_tiny.practice.distinct import clashes, distinct
from autograd_tiny.practice.exercise import Exercise, exercise
from autograd_tiny.practice.feedback import Diagnosis, Tries, diagnose, judge
from autograd_tiny.practice.generate import LEVELS, generate
from autograd_tiny.practice.misconceptions import (
    CATALOGUE,
    Misconception,
    Mistake,
    graph_mistakes,
    network_mistakes,
)
from autograd_tiny.practice.network import NetworkNumbers, NetworkQuestion
from autograd_tiny.practice.precision import SLACK, apart, check_slack, grade, matches, read_answer
from autograd_tiny.practice.report import Report, Verdict
from autograd_tiny.practice.sheet import worksheet, worksheet_markdown

__all__ = [
    "CATALOGUE",
    "LEVELS",
    "SLACK",
    "ClassGrades",
    "ClassTableError",
    "CodeVerdict",
    "Diagnosis",
    "Exercise",
    "Misconception",
    "Mistake",
    "NetworkNumbers",
    "NetworkQuestion",
    "Report",
    "Tries",
    "Verdict",
    "apart",
    "check_backward",
    "check_forward",
    "check_rule",
    "check_slack",
    "check_sort",
    "clashes",
    "class_csv",
    "class_html",
    "class_template",
    "class_text",
    "diagnose",
    "distinct",
    "exercise",
    "generate",
    "grade",
    "grade_class",
    "graph_mistakes",
    "judge",
    "matches",
    "network_mistakes",
    "read_answer",
    "read_class",
    "worksheet",
    "worksheet_markdown",
]
