"""check_sort: a correct sort passes; a recursive sort, no visited set, a reversed order … are named."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from autograd_tiny.practice import check_sort
from autograd_tiny.practice.build_it import verdict
from tests.practice import build_learners as learner


@pytest.fixture(autouse=True)
def _fresh_tries() -> Iterator[None]:
    token = verdict._LAST_FAILURE.set(None)
    yield
    verdict._LAST_FAILURE.reset(token)


def recursive(output: Any) -> list[Any]:
    order: list[Any] = []
    visited: set[Any] = set()

    def visit(node: Any) -> None:
        if node not in visited:
            visited.add(node)
            for input_, _ in node.edges:
                visit(input_)
            order.append(node)

    visit(output)
    return order


def without_visited_set(output: Any) -> list[Any]:
    order: list[Any] = []
    stack = [(output, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((input_, False) for input_, _ in node.edges)
    return order


def breadth_first_reversed(output: Any) -> list[Any]:
    order, seen, waiting = [], {output}, [output]
    while waiting:
        node = waiting.pop(0)
        order.append(node)
        for input_, _ in node.edges:
            if input_ not in seen:
                seen.add(input_)
                waiting.append(input_)
    return order[::-1]


def test_a_correct_sort_passes() -> None:
    assert check_sort(learner.sort).right


@pytest.mark.parametrize(
    ("sort", "bug", "where"),
    [
        (recursive, "recursion too deep", "10,000 multiplications deep"),
        (without_visited_set, "a node listed twice", "x2 is in your list twice"),
        (lambda output: learner.sort(output)[::-1], "reversed order (output first)", "starts with y"),
        (breadth_first_reversed, "a node before its inputs", "b (item 2) comes before its input a (item 4)"),
        (lambda output: [n for n in learner.sort(output) if n.edges], "a node missing", "an input of b"),
        (lambda output: len(learner.sort(output)), "not a list", "int"),
    ],
)
def test_each_sort_bug_is_named(sort: Callable[[Any], Any], bug: str, where: str) -> None:
    result = check_sort(sort)
    assert result.status == "wrong" and result.bug == bug and where in result.message, str(result)


def test_an_empty_skeleton_is_not_written_yet() -> None:
    def topological_order(output: Any) -> list[Any]: ...  # type: ignore[empty-body]

    assert check_sort(topological_order).status == "not written"


@pytest.mark.parametrize(
    ("sort", "said"),
    [
        (lambda output: [[1, 2]], "not a node of the graph"),
        (lambda output: (1 / 0 for _ in range(3)), "ZeroDivisionError"),
    ],
    ids=["unhashable item", "raising generator"],
)
def test_strange_results_get_a_verdict_never_a_traceback(sort: Callable[[Any], Any], said: str) -> None:
    result = check_sort(sort)
    assert result.status == "wrong" and said in result.message, str(result)
