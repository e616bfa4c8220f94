"""check_forward: the learner's node and its operations against the rules table."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from autograd_tiny import Value
from autograd_tiny.practice import check_forward
from autograd_tiny.practice.build_it import verdict
from tests.practice.build_learners import Node


@pytest.fixture(autouse=True)
def _fresh_tries() -> Iterator[None]:
    token = verdict._LAST_FAILURE.set(None)
    yield
    verdict._LAST_FAILURE.reset(token)


@pytest.mark.parametrize("name", ["add", "mul", "tanh"])
def test_a_correct_node_passes(name: str) -> None:
    result = check_forward(Node, name)
    assert result.right, str(result)


def test_the_librarys_value_passes_every_operator_and_function() -> None:
    for name in ["add", "sub", "mul", "div", "neg", "exp", "log", "sqrt", "sigmoid", "sin"]:
        assert check_forward(Value, name).right, name


class SwappedLocals(Node):
    def __mul__(self, other: Node) -> Node:
        return Node(self.data * other.data, ((self, self.data), (other, other.data)))


class InputForOutput(Node):
    def tanh(self) -> Node:
        return Node(math.tanh(self.data), ((self, 1 - self.data**2),))


class EdgesInASet(Node):
    def __mul__(self, other: Node) -> Node:
        return Node(self.data * other.data, tuple({self: other.data, other: self.data}.items()))


class WrongForward(Node):
    def __add__(self, other: Node) -> Node:
        return Node(self.data * other.data, ((self, 1.0), (other, 1.0)))


class CopiedInputs(Node):
    def __add__(self, other: Node) -> Node:
        return Node(self.data + other.data, ((Node(self.data), 1.0), (Node(other.data), 1.0)))


@pytest.mark.parametrize(
    ("node_type", "name", "bug"),
    [
        (SwappedLocals, "mul", "a and b swapped"),
        (InputForOutput, "tanh", "out and a swapped"),
        (EdgesInASet, "mul", "an edge lost on x op x"),
        (WrongForward, "add", "wrong data"),
        (CopiedInputs, "add", "wrong edges"),
    ],
)
def test_each_forward_bug_is_named(node_type: type[Node], name: str, bug: str) -> None:
    result = check_forward(node_type, name)
    assert result.status == "wrong" and bug in result.bug, str(result)


def test_a_node_without_the_operation_is_not_written_yet() -> None:
    class Bare:
        def __init__(self, data: float) -> None:
            self.data, self.grad, self.edges = data, 0.0, ()

    assert check_forward(Bare, "mul").status == "not written"
    assert check_forward(Bare, "tanh").status == "not written"


def test_a_leaf_with_a_gradient_not_zero_is_named() -> None:
    class Leaf(Node):
        def __init__(self, data: float, edges: tuple[tuple[Node, float], ...] = ()) -> None:
            super().__init__(data, edges)
            self.grad = 1.0

    result = check_forward(Leaf, "add")
    assert result.status == "wrong" and "grad" in result.message
