"""Build it yourself: the learner writes the engine (a rule's partials, a node's forward, the sort,
backward) and each piece is checked against the rules table, central differences and the library's
engine, with the bug named and a hint before the answer."""

from autograd_tiny.practice.build_it.backward_check import check_backward
from autograd_tiny.practice.build_it.forward_check import check_forward
from autograd_tiny.practice.build_it.rule_check import check_rule
from autograd_tiny.practice.build_it.sort_check import check_sort
from autograd_tiny.practice.build_it.verdict import CodeVerdict

__all__ = ["CodeVerdict", "check_backward", "check_forward", "check_rule", "check_sort"]
