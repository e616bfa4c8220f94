"""Practice: exercises worked out by hand and checked node by node, with the likely mistake named.

An ``Exercise`` asks for the numbers of a graph (values, local derivatives, gradients, sums over
paths), as the composite-function tutorial works y = (x1 + x2)(x2 + 1); ``generate`` makes seeded
ones by level, and ``worksheet`` prints a class set with its answer key. Imports the engine, ``see``
and ``parsing``.
"""

# build it yourself: the learner's own engine code, checked (practice/build_it)
from autograd_tiny.practice.build_it import CodeVerdict, check_backward, check_forward, check_rule, check_sort
from autograd_tiny.practice.exercise import Exercise, exercise
from autograd_tiny.practice.generate import LEVELS, generate
from autograd_tiny.practice.report import Report, Verdict
from autograd_tiny.practice.sheet import worksheet, worksheet_markdown

__all__ = [
    "LEVELS",
    "CodeVerdict",
    "Exercise",
    "Report",
    "Verdict",
    "check_backward",
    "check_forward",
    "check_rule",
    "check_sort",
    "exercise",
    "generate",
    "worksheet",
    "worksheet_markdown",
]
