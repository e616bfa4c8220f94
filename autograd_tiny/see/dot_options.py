"""``DrawingOptions``: every choice of what a drawing shows, in one record that ``draw`` and ``to_dot`` share.

``draw(y, rankdir="TB")`` and ``to_dot(y, show_grad=False)`` take the same keywords as this record's
fields; a record can also be made once and passed to both (``draw(y, options)``), and ``replace``
makes a variant. A bad choice is named in one line by the call that received it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from autograd_tiny.core.value import Value
from autograd_tiny.see.dot_style import number_format
from autograd_tiny.see.scene import Scene

__all__ = ["BLANKABLE", "NEURON_MODES", "RANKDIRS", "DrawingOptions", "options_from"]

RANKDIRS = ("LR", "RL", "TB", "BT", "auto")
NEURON_MODES = ("box", "collapse", "none")
BLANKABLE = ("data", "grad", "local")  # what an exercise may leave for the learner to fill in


@dataclass(frozen=True)
class DrawingOptions:
    """What a drawing of a graph shows; every field has the default ``draw`` uses.

    Attributes:
        show_grad: write each value's ``.grad`` and colour it by sign and size.
        show_local: label each edge with its local derivative, e.g. ``∂a/∂x2 = 1``.
        highlight: a node under the root: emphasise every path from the root down to it.
        rankdir: ``"LR"`` (inputs on the left), ``"RL"``, ``"TB"``, ``"BT"``, or ``"auto"``: left to
            right for a shallow graph, top to bottom for a deep one, so it fits a notebook's width.
        precision: significant digits of every number (None: six, as ``print(trace)`` writes them).
        neurons: ``"box"`` draws each group of parameters (labelled with a ``Label``: an ``nn``
            neuron's ``w0``, ``w1``, ``b``) in a box of its own with the operations that read them,
            ``"collapse"`` as one node a = f(z) with an edge per input labelled ∂a/∂input,
            ``"none"`` as plain operations.
        scene: draw a frame of a pass instead of the graph's own numbers (``frames`` makes them).
        forward_from: a node x under the root: show forward mode's ∂node/∂x on every value, in
            place of its gradient.
        blanks: what to write as ``?`` for a learner to fill in (an exercise): ``"data"`` (the
            value of every node but the inputs), ``"grad"`` (every gradient but the output's 1;
            the fill then stays white, since its colour would give the sign away), ``"local"``
            (the local derivative on every edge).
        blank_grads: nodes whose gradient alone is written ``?`` (an exercise that asks for some
            gradients and shows the rest); their fill stays white. An edge into the output never
            shows a hidden gradient under its name: its local derivative is written ∂y/∂a|direct.
        grads: the gradient to show for each node in place of its ``.grad`` (a node not in it: 0),
            e.g. an exercise's worked answers; so a drawing never has to write a ``.grad``.

    Raises:
        TypeError: a flag is not a bool, ``highlight`` or ``forward_from`` is not a ``Value``,
            ``blanks`` is not a collection, ``blank_grads`` is not a collection of ``Value``s,
            ``grads`` is not a mapping.
        ValueError: ``rankdir``, ``precision``, ``neurons`` or ``blanks`` is not one of the values above.
    """

    show_grad: bool = True
    show_local: bool = True
    highlight: Value | None = None
    rankdir: str = "LR"
    precision: int | None = 3
    neurons: str = "box"
    scene: Scene | None = None
    forward_from: Value | None = None
    blanks: Collection[str] = frozenset()
    blank_grads: Collection[Value] = ()
    grads: Mapping[Value, float] | None = None

    def __post_init__(self) -> None:
        for what in ("show_grad", "show_local"):
            flag = getattr(self, what)
            if not isinstance(flag, bool):
                raise TypeError(f"{what} must be True or False, got {type(flag).__name__} {flag!r}")
        for what in ("highlight", "forward_from"):
            node = getattr(self, what)
            if node is not None and not isinstance(node, Value):
                raise TypeError(f"{what} must be a Value or None, got {type(node).__name__} {node!r}")
        if self.rankdir not in RANKDIRS:
            raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, got {self.rankdir!r}")
        if self.neurons not in NEURON_MODES:
            raise ValueError(f"neurons must be one of {', '.join(NEURON_MODES)}, got {self.neurons!r}")
        number_format(self.precision)  # raises for a bad precision
        if self.scene is not None and not isinstance(self.scene, Scene):
            raise TypeError(f"scene must be a Scene or None, got {type(self.scene).__name__}")
        blanks = self.blanks
        if isinstance(blanks, str) or not isinstance(blanks, Collection):
            raise TypeError(f"blanks must be a collection such as ('grad',), got {blanks!r}")
        unknown = [item for item in blanks if item not in BLANKABLE]
        if unknown:
            raise ValueError(f"blanks may hold {', '.join(BLANKABLE)}, not {unknown[0]!r}")
        object.__setattr__(self, "blanks", frozenset(blanks))  # frozen: set once, here
        nodes = self.blank_grads
        if isinstance(nodes, (str, Value)) or not isinstance(nodes, Collection):
            raise TypeError(f"blank_grads must be a collection of Values such as (x2,), got {nodes!r}")
        wrong = [node for node in nodes if not isinstance(node, Value)]
        if wrong:
            raise TypeError(f"blank_grads may hold only Values, not {type(wrong[0]).__name__} {wrong[0]!r}")
        object.__setattr__(self, "blank_grads", tuple(nodes))
        if self.grads is not None and not isinstance(self.grads, Mapping):
            raise TypeError(
                f"grads must be a mapping from Values to numbers, got {type(self.grads).__name__}"
            )


_FIELDS = tuple(field.name for field in dataclasses.fields(DrawingOptions))


def options_from(options: object, choices: Mapping[str, Any], caller: str) -> DrawingOptions:
    """``options`` (or the defaults) with ``choices`` replaced, every error prefixed by ``caller``.

    Raises:
        TypeError: ``options`` is not a ``DrawingOptions`` or None, a choice is not a field, or a
            value has the wrong type.
        ValueError: a value is not one of those allowed.
    """
    if options is not None and not isinstance(options, DrawingOptions):
        raise TypeError(
            f"{caller}: options must be a DrawingOptions or None, got {type(options).__name__} {options!r}"
        )
    unknown = [name for name in choices if name not in _FIELDS]
    if unknown:
        raise TypeError(f"{caller}: no option {unknown[0]!r}; the options are {', '.join(_FIELDS)}")
    try:
        return dataclasses.replace(options or DrawingOptions(), **choices)
    except (TypeError, ValueError) as error:
        raise type(error)(f"{caller}: {error}") from None
