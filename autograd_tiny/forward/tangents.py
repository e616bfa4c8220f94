"""Forward mode: ∂node/∂x for every node, pushed from the inputs up (the composite-function
tutorial's sum over paths, factored from the input's end).

The rule is the backward pass's mirror: in topological order (inputs first), each node's tangent
is ``ṅode = Σ local × i̇nput`` over its edges, with the local partials ∂node/∂input that the
forward pass already stored on the edges. Two ways to run it, with no table of derivatives of
their own:

- ``tangents(y, x2)`` pushes tangents through a graph that exists (for drawings and traces);
- ``jvp(f, primals, tangents)`` runs ``f(*primals)`` on dual numbers (``Dual``), which compute each
  tangent from the same rules as they go and record no graph at all (JAX's ``jax.jvp`` convention).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import overload

from autograd_tiny.core.chain import EdgeStep
from autograd_tiny.core.errors import as_float
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.forward.calling import call_spread
from autograd_tiny.forward.dual import Dual

__all__ = ["graph_order", "jvp", "numbers", "tangent_rule", "tangents"]


def tangent_rule(order: Sequence[Value], tangents: dict[Value, float]) -> Iterator[EdgeStep[float]]:
    """Apply forward mode's chain rule on floats, node by node in ``order`` (inputs first).

    ``tangents`` holds the seeds (∂x/∂x = 1 for the input pushed from); a node already in it keeps
    its tangent (a seeded interior node counts as an input), every other leaf gets 0, and every
    other node gets ``Σ local × tangent(input)`` over its edges, each edge yielded as an
    ``EdgeStep`` (the backward pass's record: ``upstream`` is the input's tangent, ``before`` and
    ``after`` the node's) so that a caller can watch the pass (``see.forward_trace``) or just run it.
    """
    for node in order:
        if node in tangents:
            continue
        edges = node.edges
        if not edges:
            tangents[node] = 0.0
            continue
        total = 0.0
        for input_, local in edges:
            upstream = tangents[input_]
            contribution = local * upstream if upstream else 0.0
            before, total = total, total + contribution
            yield EdgeStep(node, input_, local, upstream, contribution, before, total)
        tangents[node] = total


def graph_order(outputs: Sequence[Value]) -> list[Value]:
    """Every node under any of ``outputs``, each after its inputs (their topological orders merged)."""
    order: list[Value] = []
    seen: set[Value] = set()
    for output in outputs:
        for node in topological_order(output):
            if node not in seen:
                seen.add(node)
                order.append(node)
    return order


def tangents(outputs: Value | Sequence[Value], seeds: Value | Mapping[Value, float]) -> dict[Value, float]:
    """A forward pass through an existing graph: the tangent of every node along ``seeds``.

    ``tangents(y, x2)[node]`` is ∂node/∂x2 for every node under ``y``: the number that the
    composite-function tutorial's sum over paths gives from ``node`` down to ``x2``. With a mapping
    ``{x1: v1, x2: v2}`` it is the directional derivative Σ ∂node/∂xᵢ·vᵢ. A seeded interior node
    is taken as an input (its own inputs are not looked at); a seed outside the graph moves nothing.

    Args:
        outputs: one ``Value`` or several (the nodes under all of them are visited once each).
        seeds: the input to differentiate with respect to, or ``{input: tangent}``.

    Returns:
        ``{node: tangent}`` for every node under ``outputs``, inputs first.

    Raises:
        TypeError: an output or a seed is not a ``Value``, or a seed's tangent is not a number.
        ValueError: a seed's tangent is not finite.
        OverflowError: a tangent overflowed; the message names the node.
    """
    roots = list(outputs) if isinstance(outputs, Sequence) else [outputs]
    for i, root in enumerate(roots):
        if not isinstance(root, Value):
            raise TypeError(f"tangents: outputs[{i}] must be a Value, got {type(root).__name__} {root!r}")
    given = {seeds: 1.0} if isinstance(seeds, Value) else seeds
    if not isinstance(given, Mapping):
        raise TypeError(f"tangents: seeds must be a Value or a mapping {{Value: tangent}}, got {seeds!r}")
    pushed: dict[Value, float] = {}
    for seed, tangent in given.items():
        if not isinstance(seed, Value):
            raise TypeError(f"tangents: a seed must be a Value, got {type(seed).__name__} {seed!r}")
        pushed[seed] = as_float(tangent, f"tangents: the tangent of {seed.label or 'a seed'}")
    order = graph_order(roots)
    for _ in tangent_rule(order, pushed):
        pass
    for node in order:
        if not math.isfinite(pushed[node]):
            raise OverflowError(
                f"tangents: the tangent of {node.label or node.op or 'a leaf'} is {pushed[node]}"
            )
    return {node: pushed[node] for node in order}


def numbers(values: Sequence[float], what: str) -> list[float]:
    """``values`` as a list of finite floats; a clear error naming ``what[i]`` otherwise."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{what} must be a list of numbers, got {type(values).__name__} {values!r}")
    return [as_float(x, f"{what}[{i}]") for i, x in enumerate(values)]


_Outputs = Dual | float


@overload
def jvp(
    f: Callable[..., _Outputs], primals: Sequence[float], tangents: Sequence[float]
) -> tuple[float, float]: ...


@overload
def jvp(
    f: Callable[..., Sequence[_Outputs]], primals: Sequence[float], tangents: Sequence[float]
) -> tuple[tuple[float, ...], tuple[float, ...]]: ...


def jvp(
    f: Callable[..., _Outputs | Sequence[_Outputs]],
    primals: Sequence[float],
    tangents: Sequence[float],
) -> tuple[float, float] | tuple[tuple[float, ...], tuple[float, ...]]:
    """f(x) and the Jacobian-vector product J·v in one run of ``f`` on dual numbers, with no graph.

    As ``jax.jvp`` and ``torch.func.jvp`` do, ``f`` is called as ``f(*primals)``, one argument per
    input, each input xᵢ made into ``Dual(xᵢ, vᵢ)``. Every operation inside ``f`` computes its number
    and its tangent ``Σ local × tangent(input)`` from the rules table, so the output's tangent is the
    directional derivative Σᵢ ∂y/∂xᵢ·vᵢ (the composite-function tutorial's sum over paths, gathered
    from the inputs' end). With v = (0, 1) it is ∂y/∂x₂: one forward pass gives the derivatives of
    every output along one input direction. ``jvp(lambda a, b: a * b, [2, 3], [1, 0])`` is
    ``(6.0, 3.0)``.

    Args:
        f: takes one ``Dual`` per input and returns one ``Dual`` (or number) or a list of them. It
            may use operators, methods (``x.tanh()``) and ``autograd_tiny``'s functions
            (``at.exp``, ``at.sum``).
        primals: the point x, one number per parameter of ``f``.
        tangents: the direction v, one number per input.

    Returns:
        ``(f(x), J·v)``: two floats for one output, two tuples of floats for a list of outputs
        (``jax.jvp``'s ``(primals_out, tangents_out)``).

    Raises:
        TypeError: a primal or tangent is not a number, ``f`` cannot take one argument per primal,
            or ``f`` returned something else than ``Dual``s and numbers (a ``Value`` included:
            ``f`` must build from its arguments).
        ValueError: ``primals`` and ``tangents`` differ in length, or a number is not finite.
    """
    xs, vs = numbers(primals, "jvp: primals"), numbers(tangents, "jvp: tangents")
    if len(xs) != len(vs):
        raise ValueError(f"jvp: {len(xs)} primals but {len(vs)} tangents: give one tangent per primal")
    result = call_spread(f, [Dual(x, v) for x, v in zip(xs, vs, strict=True)], "jvp: f(*primals)")
    if isinstance(result, Sequence) and not isinstance(result, (str, bytes)):
        pairs = [_dual_output(y, f"output {i}") for i, y in enumerate(result)]
        return tuple(y.data for y in pairs), tuple(y.tangent for y in pairs)
    single = _dual_output(result, "the output")
    return single.data, single.tangent


def _dual_output(y: object, what: str) -> Dual:
    if isinstance(y, Dual):
        return y
    if isinstance(y, (int, float)) and not isinstance(y, bool):
        return Dual(y)  # a constant: its tangent is 0
    raise TypeError(
        f"jvp: {what} of f is {type(y).__name__} {y!r}, not a Dual or a number: "
        "f must compute its result from the Duals it is given"
    )
