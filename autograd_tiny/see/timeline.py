"""``Timeline``: every number a pass gives a node, with the step it was given at; a frame of an
animation is a view of it at one step.

A frame of the chain-rule tutorial's two passes shows the values and gradients known so far. Copying
them into every frame costs memory as frames × nodes, N² for a graph of N values (an 8,000-value
chain took 4.6 GB); a timeline stores each change once, so all the frames together take memory
linear in the graph, and a frame's ``Snapshot`` finds a number by a binary search in its node's changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping

from autograd_tiny.core.value import Value

__all__ = ["Snapshot", "Timeline"]


class Timeline:
    """The numbers of the nodes, each with the steps at which it changed (steps only increase)."""

    __slots__ = ("_numbers", "_steps")

    def __init__(self) -> None:
        self._steps: dict[Value, list[int]] = {}  # in the order the nodes were first given a number
        self._numbers: dict[Value, list[float]] = {}

    def set(self, node: Value, number: float, step: int) -> None:
        """From ``step`` on, ``node``'s number is ``number``."""
        steps = self._steps.get(node)
        if steps is None:
            self._steps[node], self._numbers[node] = [step], [number]
        elif steps[-1] == step:  # changed twice within one step: the step shows the last number
            self._numbers[node][-1] = number
        else:
            steps.append(step)
            self._numbers[node].append(number)

    def at(self, step: int) -> Snapshot:
        """The numbers as they were after ``step``: a read-only mapping that copies nothing."""
        return Snapshot(self, step)


class Snapshot(Mapping[Value, float]):
    """The numbers of a ``Timeline`` after one step; a node not given a number by then is absent."""

    __slots__ = ("_step", "_timeline")

    def __init__(self, timeline: Timeline, step: int) -> None:
        self._timeline = timeline
        self._step = step

    def __getitem__(self, node: Value) -> float:
        steps = self._timeline._steps.get(node)
        if steps is None or steps[0] > self._step:
            raise KeyError(node)
        return self._timeline._numbers[node][bisect_right(steps, self._step) - 1]

    def __iter__(self) -> Iterator[Value]:
        return (node for node, steps in self._timeline._steps.items() if steps[0] <= self._step)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"Snapshot(step {self._step}, {len(self)} numbers)"
