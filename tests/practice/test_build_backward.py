"""check_backward: a correct learner backward passes; each classic bug planted in a copy of it is named."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from autograd_tiny.core.gradients import topological_order
from autograd_tiny.practice import check_backward
from autograd_tiny.practice.build_it import running, verdict
from autograd_tiny.practice.build_it.graphs import GRAPHS, build
from tests.practice import build_learners as learner


@pytest.fixture(autouse=True)
def _fresh_tries() -> Iterator[None]:
    token = verdict._LAST_FAILURE.set(None)
    yield
    verdict._LAST_FAILURE.reset(token)


@pytest.mark.parametrize("graph", GRAPHS, ids=lambda graph: graph.key)
def test_the_engine_on_each_graph_agrees_with_the_closed_forms(graph: Any) -> None:
    built = build(graph)
    built.output.backward()
    by_label = {node.label: node for node in built.nodes}
    for label, (_, value) in graph.closed.items():
        assert math.isclose(by_label[label].grad, value, rel_tol=1e-9), label


def test_a_correct_backward_passes() -> None:
    result = check_backward(learner.backward)
    assert result.right, str(result)


def test_the_engines_convention_inputs_accumulate_over_calls_passes_too() -> None:
    assert check_backward(learner.backward_leaves_accumulate).right


@pytest.mark.parametrize(
    ("backward", "bug", "where"),
    [
        (
            learner.backward_overwrites,
            "gradient overwritten instead of accumulated",
            "x2: yours 5, the engine's 9",
        ),
        (learner.backward_without_seed, "output seed missing", "is y: yours 0, the engine's 1"),
        (
            learner.backward_inputs_first,
            "wrong order (inputs first)",
            "the constant 1: yours 0, the engine's 5",
        ),
        (learner.backward_without_sort, "wrong order (no topological sort)", "on a diamond"),
        (learner.backward_recursive, "recursion too deep", "10,000 multiplications deep"),
        (learner.backward_without_reset, "gradients not reset between calls", "backward called twice"),
        (learner.backward_breadth_first, "wrong order (breadth-first)", "on a diamond"),
        (learner.backward_with_duplicates, "a node passed on twice (no visited set)", "on a diamond"),
        (learner.backward_without_local, "local derivative left out", "is b: yours 1, the engine's 5"),
    ],
)
def test_each_classic_bug_is_named_with_the_first_node_that_differs(
    backward: Callable[[Any], None], bug: str, where: str
) -> None:
    result = check_backward(backward)
    assert result.status == "wrong" and bug in result.bug and where in result.message, str(result)


@pytest.mark.parametrize(
    "backward", [learner.backward_one_edge_per_input, learner.backward_scaled_slightly], ids=["x*x", "1e-6"]
)
def test_a_near_miss_is_not_called_right(backward: Callable[[Any], None]) -> None:
    assert check_backward(backward).status == "wrong"


def test_the_second_failure_shows_the_contributions_at_the_node() -> None:
    check_backward(learner.backward_overwrites)
    second = check_backward(learner.backward_overwrites)
    # x2 is used by a and by b, each with local 1: 1 × ∂y/∂a (= x2 + 1 = 4) + 1 × ∂y/∂b (= x1 + x2 = 5)
    assert second.tries == 2 and "1 × 4 + 1 × 5 = 9" in second.fix and "+=" in second.fix


def test_learner_code_that_raises_gets_a_verdict_naming_the_attribute() -> None:
    def micrograd_style(output: Any) -> None:
        for child in output._prev:
            child.grad = 1.0

    result = check_backward(micrograd_style)
    assert result.status == "wrong" and "_prev" in result.message and ".edges" in result.message


def test_an_empty_skeleton_is_not_written_yet() -> None:
    def backward(output: Any) -> None: ...

    assert check_backward(backward).status == "not written"


def test_a_backward_that_never_ends_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(running, "SECONDS", 0.2)

    def forever(output: Any) -> None:
        while True:
            pass

    result = check_backward(forever)
    assert result.bug == "too slow"


def test_a_backward_that_breaks_its_graphs_cannot_touch_the_next_check() -> None:
    def vandal(output: Any) -> None:
        for node in topological_order(output):
            node.data = math.pi
            node.grad = math.e

    assert check_backward(vandal).status == "wrong"
    assert check_backward(learner.backward).right


def test_the_learners_function_is_not_kept() -> None:
    result = check_backward(learner.backward_overwrites)
    assert not any(callable(getattr(result, field.name)) for field in dataclasses.fields(result))
    assert learner.backward_overwrites.__name__ not in repr(result)
