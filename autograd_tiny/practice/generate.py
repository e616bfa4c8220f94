"""Seeded exercises by level, in the style of the composite-function tutorial's three exercises.

Level 1: sums and products of two or three inputs, one of them shared (y = (x1 + x2)(x2 + x3)).
Level 2: powers, several shared inputs, constants (y = x1² + (x1 + x2)², the tutorial's first exercise).
Level 3: exp, log, tanh, sigmoid, and a single neuron with a loss (½(σ(w1·x1 + w2·x2 + b) − t)²).
Inputs are small integers; at level 3 they are chosen so that every exp, tanh and sigmoid meets 0
and every log meets 1, where the hand arithmetic is simple (σ(0) = ½, σ′(0) = ¼, tanh′(0) = 1).
The same seed gives the same exercises, from ``random.Random(seed)``: no global random state.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection

from autograd_tiny.practice.distinct import distinct
from autograd_tiny.practice.exercise import TOLERANCE, Exercise, exercise
from autograd_tiny.practice.questions import ASKS

__all__ = ["LEVELS", "MOST", "generate"]

LEVELS = (1, 2, 3)
MOST = 50  # exercises in one call
DRAWS = 400
"""The most points tried for one form before ``generate`` moves on to the next form of the level."""
_EVERY_FORMULA = "every formula is on the sheet"  # a mark in the set of what a sheet holds
_LEVEL_1 = (-4, -3, -2, 2, 3, 4, 5)  # no 0 or ±1: x·1 = x would hide a misconception
_LEVEL_2 = (-4, -3, -2, 2, 3, 4)

_Form = Callable[[random.Random], tuple[str, dict[str, float]]]


def _small(rng: random.Random, pool: tuple[int, ...] = (-2, -1, 1, 2, 3)) -> int:
    return rng.choice(pool)


def _ops(rng: random.Random, count: int) -> list[str]:
    """``count`` operators, each + or *, at least one of each when there are two or more."""
    ops = [rng.choice("+*") for _ in range(count)]
    if count > 1 and len(set(ops)) == 1:
        ops[rng.randrange(count)] = "+" if ops[0] == "*" else "*"
    return ops


def _sums_and_products(template: str) -> _Form:
    """A level-1 form: ``{}`` are operators (+ or ×), the inputs small non-zero integers."""

    def form(rng: random.Random) -> tuple[str, dict[str, float]]:
        text = template.format(*_ops(rng, template.count("{}")))
        names = [name for name in ("x1", "x2", "x3") if name in text]
        return text, {name: _small(rng, _LEVEL_1) for name in names}

    return form


def _powers(template: str) -> _Form:
    """A level-2 form: ``{c}`` a constant 2 or 3, ``{k}`` a power 2 or 3, ``{s}`` + or −."""

    def form(rng: random.Random) -> tuple[str, dict[str, float]]:
        text = template.format(c=rng.choice((2, 3)), k=rng.choice((2, 3)), s=rng.choice("+-"))
        return text, {"x1": _small(rng, _LEVEL_2), "x2": _small(rng, _LEVEL_2)}

    return form


def _functions(template: str, point: Callable[[int, int, int, int, int], dict[str, int]]) -> _Form:
    """A level-3 form: ``point(x1, x2, w1, w2, s)`` puts each exp, tanh, σ at ``s`` (±1 or ±2) and
    each log at 2 or 3."""

    def form(rng: random.Random) -> tuple[str, dict[str, float]]:
        x1, x2, w1, w2 = (_small(rng, _LEVEL_2) for _ in range(4))
        s = _small(rng, (-2, -1, 1, 2))
        text = template.format(target=rng.choice(("- 1", "+ 1")))  # tanh's targets ±1
        return text, {name: float(value) for name, value in point(x1, x2, w1, w2, s).items()}

    return form


_FORMS: dict[int, tuple[_Form, ...]] = {
    1: tuple(
        _sums_and_products(template)
        for template in (
            "(x1 {} x2) {} (x2 {} x3)",
            "(x1 {} x2) {} (x1 {} x3)",
            "(x1 {} x2) {} x2",
            "x1 {} (x1 {} x2)",
        )
    ),
    2: tuple(
        _powers(template)
        for template in (
            "x1**{k} + (x1 {s} x2)**2",  # the composite-function tutorial's first exercise
            "(x1 {s} x2)**2 * x2**2 + x2",  # and its second
            "{c}*x1*x2 + (x2 - x1)**2",
            "(x1*x2 - {c})**2 + x1",
            "(x1 + {c})*(x2 - 1)**2 + x1*x2",
        )
    ),
    3: (
        _functions(
            "0.5*(sigmoid(w1*x1 + w2*x2 + b) - 1)**2",  # a neuron and its loss
            lambda x1, x2, w1, w2, s: {"w1": w1, "x1": x1, "w2": w2, "x2": x2, "b": s - (w1 * x1 + w2 * x2)},
        ),
        _functions(
            "0.5*(tanh(w*x + b) {target})**2",
            lambda x1, x2, w1, w2, s: {"w": w1, "x": x1, "b": s - w1 * x1},
        ),
        _functions("exp(x1*x2 - x3) * x1", lambda x1, x2, w1, w2, s: {"x1": x1, "x2": x2, "x3": x1 * x2 - s}),
        _functions(
            "log(x1*x2 - x3) + x1*x3",
            lambda x1, x2, w1, w2, s: {"x1": x1, "x2": x2, "x3": x1 * x2 - 2 - (s > 0)},
        ),
        _functions("x1 * sigmoid(x1 - x2)", lambda x1, x2, w1, w2, s: {"x1": x1, "x2": x1 - s}),
        _functions(
            "tanh(x1*x2 + x3) * x2", lambda x1, x2, w1, w2, s: {"x1": x1, "x2": x2, "x3": s - x1 * x2}
        ),
    ),
}


def generate(
    level: int, count: int = 1, seed: int = 0, *, ask: Collection[str] = ASKS, tolerance: float = TOLERANCE
) -> list[Exercise]:
    """``count`` exercises of ``level``, the same for the same ``seed``.

    Args:
        level: 1, 2 or 3 (see the module docstring).
        count: how many, 1 to ``MOST``.
        seed: any int; the same seed gives the same exercises.
        ask: what each exercise asks for (see ``Exercise``).
        tolerance: the relative difference a hand answer may have.

    Returns:
        The exercises; every form of the level comes once before any comes again.

    Raises:
        ValueError: ``level`` or ``count`` is out of range, or ``seed`` is not an int.
    """
    if level not in LEVELS or isinstance(level, bool):
        raise ValueError(f"generate: level must be 1, 2 or 3, got {level!r}")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MOST:
        raise ValueError(f"generate: count must be an int from 1 to {MOST}, got {count!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"generate: seed must be an int, got {seed!r}")
    rng = random.Random(seed)
    forms = _FORMS[level]
    deck: list[int] = []
    made: list[Exercise] = []
    texts: set[str] = set()
    while len(made) < count:
        if not deck:  # every form once before any repeats
            deck = list(range(len(forms)))
            rng.shuffle(deck)
        index = deck.pop()
        others = [forms[k] for k in range(len(forms)) if k != index]
        made.append(_draw([forms[index], *others], rng, texts, ask, tolerance))
    return made


def _draw(
    forms: list[_Form], rng: random.Random, seen: set[str], ask: Collection[str], tolerance: float
) -> Exercise:
    """An exercise of the first form (or, once its formulas are all on the sheet, of the next) whose
    formula is not yet on the sheet, at a point where every mistake can be told apart (``distinct``);
    when every formula of the level is on the sheet, one of them at a new point."""
    for new in ("formula", "point"):
        if new == "formula" and _EVERY_FORMULA in seen:
            continue  # an earlier exercise of this sheet found no new formula: none is left
        for attempt in range(DRAWS * len(forms)):
            text, values = forms[attempt // DRAWS](rng)
            point = f"{text} at {sorted(values.items())}"
            if (text if new == "formula" else point) in seen or f"not {point}" in seen:
                continue  # on the sheet already, or tried: drawn again before anything is built
            try:
                candidate = exercise(text, ask=ask, tolerance=tolerance, **values)
            except ValueError:  # outside a function's domain at this point
                candidate = None
            if candidate is not None and distinct(candidate):
                seen |= {text, point}
                return candidate
            seen.add(f"not {point}")
        seen.add(_EVERY_FORMULA)
    raise RuntimeError(f"generate: no new exercise where the mistakes can be told apart after {DRAWS} tries")
