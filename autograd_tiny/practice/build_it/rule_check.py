"""``check_rule``: the learner writes one operation's local partials; they are tried against the rules
table and against central differences (the gradient-checking tutorial's (f(x + h) − f(x − h)) / 2h),
at the row's sample points and at random ones, and a wrong rule gets the point, the numbers and the slip.
"""

from __future__ import annotations

import difflib
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.rules import RULES
from autograd_tiny.practice.build_it.running import close, describe_number, is_number, run
from autograd_tiny.practice.build_it.slips import FORMULAS, SLIPS, SOLUTIONS, slip_number
from autograd_tiny.practice.build_it.verdict import CodeVerdict, failed, passed

__all__ = ["Point", "check_rule", "grade_partials", "input_names", "points", "rule_named"]

RANDOM_PER_SAMPLE = 2
"""Random points tried beside each of the row's sample points."""


@dataclass(frozen=True)
class Point:
    """One point a rule is tried at: its inputs, the output, the table's partials and central differences."""

    inputs: tuple[float, ...]
    out: float
    table: tuple[float, ...]
    numeric: tuple[float, ...]


def rule_named(name: object, caller: str) -> str:
    """``name`` if it is a row of the rules table; else a one-line ValueError with a did-you-mean."""
    if isinstance(name, str) and name in RULES:
        return name
    close_names = difflib.get_close_matches(str(name), list(RULES), n=1)
    hint = f" (did you mean {close_names[0]!r}?)" if close_names else ""
    raise ValueError(
        f"{caller}: {name!r} is not an operation of the rules table{hint}; one of {', '.join(RULES)}"
    )


def input_names(arity: int) -> list[str]:
    """``a``, ``b`` as the rules table names the inputs; ``t0, t1, …`` for the terms of a sum."""
    return ["a", "b"][:arity] if arity <= 2 else [f"t{i}" for i in range(arity)]


def _central(op: str, inputs: tuple[float, ...], i: int) -> float:
    """(f(x + h) − f(x − h)) / 2h in input ``i``, h = 10⁻⁶·max(1, |x|)."""
    forward = RULES[op].forward
    h = 1e-6 * max(1.0, abs(inputs[i]))
    up = [*inputs[:i], inputs[i] + h, *inputs[i + 1 :]]
    down = [*inputs[:i], inputs[i] - h, *inputs[i + 1 :]]
    return (forward(*up) - forward(*down)) / (2 * h)


def _moved(x: float, rng: random.Random) -> float:
    """A random point near a sample: same sign (so inside the domain and away from the kinks)."""
    return round(x * rng.uniform(0.6, 1.4), 4) if x else round(rng.uniform(-1.5, 1.5), 4)


def points(op: str) -> list[Point]:
    """The row's sample points, then ``RANDOM_PER_SAMPLE`` random points near each (seeded by ``op``)."""
    rule = RULES[op]
    rng = random.Random(f"check_rule {op}")
    chosen = list(rule.samples)
    chosen += [
        tuple(_moved(x, rng) for x in sample) for sample in rule.samples for _ in range(RANDOM_PER_SAMPLE)
    ]
    result = []
    for inputs in chosen:
        out = float(rule.forward(*inputs))
        table = tuple(float(p) for p in rule.partials(out, *inputs))
        numeric = tuple(_central(op, inputs, i) for i in range(len(inputs)))
        result.append(Point(inputs, out, table, numeric))
    return result


def _near(mine: float, numeric: float) -> bool:
    """Agrees with central differences up to their truncation and rounding error."""
    return math.isclose(mine, numeric, rel_tol=1e-5, abs_tol=1e-6)


def where(op: str, point: Point) -> str:
    """``a = 0.7 (out = 0.604368)``."""
    names = input_names(len(point.inputs))
    inputs = ", ".join(f"{n} = {format_number(x)}" for n, x in zip(names, point.inputs, strict=True))
    return f"{inputs} (out = {format_number(point.out)})"


def grade_partials(
    op: str,
    step: str,
    tried: Sequence[Point],
    mine: Sequence[tuple[float, ...]],
    what: str = "your rule gives",
) -> CodeVerdict:
    """The verdict on the learner's partials ``mine`` (numbers, one tuple per point of ``tried``);
    ``what`` is the subject and verb of the verdict's sentences ("your rule gives")."""
    names = input_names(len(tried[0].inputs))
    wrong = [
        (k, i)
        for k, (point, values) in enumerate(zip(tried, mine, strict=True))
        for i in range(len(values))
        if not (close(values[i], point.table[i]) and _near(values[i], point.numeric[i]))
    ]
    if not wrong:
        return passed(
            step,
            f"{what} the rules table's partials {', '.join(FORMULAS.get(op, ('1 each',)))} at all "
            f"{len(tried)} points tried, and so do central differences.",
            SOLUTIONS[op],
        )
    k, i = wrong[0]
    point, given = tried[k], mine[k][i]
    partial = f"∂out/∂{names[i]}" if len(names) > 1 or op == "sum" else "∂out/∂a"
    message = (
        f"at {where(op, point)} {what} {partial} = {format_number(given)}; the rules table gives "
        f"{format_number(point.table[i])} and central differences {format_number(point.numeric[i])}."
    )
    slips = _slips_fitting(op, tried, mine, sorted({i for _, i in wrong}))
    if slips:
        bug = slips[0] if len(slips) == 1 else "either " + " or ".join(slips)
        them = "that slip gives" if len(slips) == 1 else "each of these gives"
        message += f" ({them} your numbers at all {len(tried)} points tried)"
    else:
        bug = f"a wrong {partial}"
    formula = FORMULAS.get(op, ("1",) * len(names))[min(i, len(FORMULAS.get(op, ("1",))) - 1)]
    fix = f"{partial} of {op} is {formula}: at {where(op, point)} that is {format_number(point.table[i])}."
    return failed(step, bug, message, fix, SOLUTIONS[op])


def _slips_fitting(
    op: str, tried: Sequence[Point], mine: Sequence[tuple[float, ...]], wrong: list[int]
) -> list[str]:
    """The names of the slips that give the learner's numbers at every point, for each wrong partial."""
    names: list[str] = []
    for i in wrong:
        for slip in SLIPS:
            numbers = [slip_number(slip, op, p.out, p.inputs, i, p.table) for p in tried]
            if all(n is not None and close(n, m[i]) for n, m in zip(numbers, mine, strict=True)):
                names.append(slip.name.format(op=op))
        factor = _constant_factor([m[i] for m in mine], [p.table[i] for p in tried])
        if factor is not None:
            names.append(
                f"a factor {format_number(factor)} too many "
                f"(your numbers are {format_number(factor)}× the table's)"
            )
    return list(dict.fromkeys(names))


def _constant_factor(mine: list[float], table: list[float]) -> float | None:
    """k when mine = k × table at every point (k ≠ ±1, the table nonzero), else None."""
    if any(t == 0 for t in table) or not table:
        return None
    k = mine[0] / table[0]
    if k in (0.0, 1.0, -1.0) or not all(close(m, k * t) for m, t in zip(mine, table, strict=True)):
        return None
    return k


def read_partials(result: Any, arity: int, what: str) -> tuple[tuple[float, ...] | None, str]:
    """The learner's returned partials as floats, or None and why they cannot be used."""
    if result is ...:
        return None, f"{what} still returns ...: write the tuple of local derivatives in its place"
    if result is None:
        return None, f"{what} returned None: nothing yet, or a missing return"
    if is_number(result):
        return None, (
            f"{what} returned the number {describe_number(result)}, not a tuple: "
            "return one partial per input, "
            f"e.g. ({describe_number(result)},) — note the comma"
        )
    if not isinstance(result, (tuple, list)):
        return None, f"{what} returned {describe_number(result)}: return a tuple, one partial per input"
    if len(result) != arity:
        return (
            None,
            f"{what} returned {len(result)} partial{'s' * (len(result) != 1)} "
            f"for {arity} input{'s' * (arity != 1)}",
        )
    for i, x in enumerate(result):
        if not is_number(x):
            return None, f"{what}'s partial number {i + 1} is {describe_number(x)}"
    return tuple(float(x) for x in result), ""


def check_rule(name: str, partials: Callable[..., Any]) -> CodeVerdict:
    """Check the learner's local partials for the rules table's operation ``name``.

    ``partials(out, *inputs)`` must return ∂out/∂input for each input, as a tuple, as the table's rows
    do (the backpropagation derivation's tanh: ``lambda out, a: (1 - out**2,)``). It is tried at the
    row's sample points and at random ones near them, against the table and against central
    differences; a wrong rule gets the first point where it fails, the numbers, and the slips that
    give its numbers at every point (a sign, a missing factor, out and a swapped, a neighbouring
    function's derivative). Code that raises, runs too long or returns the wrong thing gets a verdict.

    Args:
        name: an operation of the rules table, e.g. ``"tanh"``.
        partials: the learner's function; it is called, never changed or kept.

    Returns:
        A ``CodeVerdict``: ``print`` it, or let Jupyter show it.

    Raises:
        ValueError: ``name`` is not an operation of the rules table.
        TypeError: ``partials`` is not callable.
    """
    op = rule_named(name, "check_rule")
    if not callable(partials):
        raise TypeError(
            f"check_rule: partials must be a function such as lambda out, a: (...,), got {partials!r}"
        )
    step = f"check_rule({op!r})"
    tried = points(op)
    mine: list[tuple[float, ...]] = []
    for point in tried:
        outcome = run(partials, point.out, *point.inputs)
        if outcome.kind:
            bug = "too slow" if outcome.kind == "timeout" else "your rule raised an error"
            return failed(step, bug, f"at {where(op, point)}: {outcome.error}.", solution=SOLUTIONS[op])
        values, problem = read_partials(outcome.value, len(point.inputs), "your rule")
        if values is None:
            written = outcome.value is not None and outcome.value is not ...
            bug = "wrong arity or type" if written else "not written yet"
            return failed(
                step, bug, f"at {where(op, point)}: {problem}.", solution=SOLUTIONS[op], written=written
            )
        mine.append(values)
    return grade_partials(op, step, tried, mine)
