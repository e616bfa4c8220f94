"""A learner's code for the build-it-yourself checks: a correct sort, backward and node, and copies of
each with one classic bug planted, written as a learner would write them."""

from __future__ import annotations

import math
from typing import Any


def sort(output: Any) -> list[Any]:
    """Depth-first post-order with a stack of its own: every node after its inputs."""
    order, visited, stack = [], set(), [(output, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            stack.extend((input_, False) for input_, _ in node.edges)
    return order


def backward(output: Any) -> None:
    order = sort(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for input_, local in node.edges:
            input_.grad += local * node.grad


def backward_overwrites(output: Any) -> None:
    order = sort(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for input_, local in node.edges:
            input_.grad = local * node.grad  # the bug: = for +=


def backward_without_seed(output: Any) -> None:
    order = sort(output)
    for node in order:
        node.grad = 0.0
    for node in reversed(order):  # the bug: output.grad = 1.0 missing
        for input_, local in node.edges:
            input_.grad += local * node.grad


def backward_inputs_first(output: Any) -> None:
    order = sort(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in order:  # the bug: not reversed
        for input_, local in node.edges:
            input_.grad += local * node.grad


def backward_without_sort(output: Any) -> None:
    for node in sort(output):
        node.grad = 0.0
    output.grad = 1.0
    stack = [output]  # the bug: each node passed on as soon as it is reached
    while stack:
        node = stack.pop()
        for input_, local in node.edges:
            input_.grad += local * node.grad
            stack.append(input_)


def backward_recursive(output: Any) -> None:
    order: list[Any] = []
    visited: set[Any] = set()

    def visit(node: Any) -> None:  # the bug: one Python call per level of the graph
        if node not in visited:
            visited.add(node)
            for input_, _ in node.edges:
                visit(input_)
            order.append(node)

    visit(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for input_, local in node.edges:
            input_.grad += local * node.grad


def backward_without_reset(output: Any) -> None:
    order = sort(output)  # the bug: the gradients of the last call stay
    output.grad = 1.0
    for node in reversed(order):
        for input_, local in node.edges:
            input_.grad += local * node.grad


def backward_leaves_accumulate(output: Any) -> None:
    """The library engine's convention: interior gradients reset, inputs accumulate (right too)."""
    order = sort(output)
    for node in order:
        if node.edges:
            node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for input_, local in node.edges:
            input_.grad += local * node.grad


def backward_one_edge_per_input(output: Any) -> None:
    """A near miss: right on every graph but x·x, where it passes x one contribution, not two."""
    order = sort(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for input_, local in dict(node.edges).items():  # the bug: a dict keeps one edge per input
            input_.grad += local * node.grad


def backward_scaled_slightly(output: Any) -> None:
    """A near miss: every gradient off by one part in a million."""
    backward(output)
    for node in sort(output):
        node.grad *= 1 + 1e-6


class Node:
    def __init__(self, data: float, edges: tuple[tuple[Node, float], ...] = ()) -> None:
        self.data, self.grad, self.edges = data, 0.0, edges

    def __add__(self, other: Node) -> Node:
        return Node(self.data + other.data, ((self, 1.0), (other, 1.0)))

    def __mul__(self, other: Node) -> Node:
        return Node(self.data * other.data, ((self, other.data), (other, self.data)))

    def tanh(self) -> Node:
        out = math.tanh(self.data)
        return Node(out, ((self, 1 - out * out),))


def backward_breadth_first(output: Any) -> None:
    for node in sort(output):
        node.grad = 0.0
    output.grad = 1.0
    seen, waiting = {output}, [output]  # the bug: breadth-first from the output, no sort
    while waiting:
        node = waiting.pop(0)
        for input_, local in node.edges:
            input_.grad += local * node.grad
            if input_ not in seen:
                seen.add(input_)
                waiting.append(input_)


def sort_without_visited_set(output: Any) -> list[Any]:
    order, stack = [], [(output, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        else:  # the bug: no visited set, so a node is listed once per path
            stack.append((node, True))
            stack.extend((input_, False) for input_, _ in node.edges)
    return order


def backward_with_duplicates(output: Any) -> None:
    order = sort_without_visited_set(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for input_, local in node.edges:
            input_.grad += local * node.grad


def backward_without_local(output: Any) -> None:
    order = sort(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for input_, _local in node.edges:
            input_.grad += node.grad  # the bug: the local derivative left out
