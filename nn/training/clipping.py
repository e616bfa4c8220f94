"""``clip_gradients``: gradient clipping, the composite-function tutorial's first remedy for exploding
gradients: when the gradient's length ‖g‖ = √(Σ g²) over all parameters exceeds ``max_norm``, every
``.grad`` is scaled by max_norm / ‖g‖, so the step keeps its direction and gets a bounded length.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from autograd_tiny import Value
from nn.model.arguments import check_number

__all__ = ["clip_gradients"]


def clip_gradients(parameters: Iterable[Value], max_norm: float) -> float:
    """Scale every parameter's ``.grad`` by max_norm / ‖g‖ if the norm ‖g‖ of all of them exceeds max_norm.

    Call it between ``backward()`` and the optimiser's ``step()``.

    Args:
        parameters: the ``Value``s whose ``.grad`` make up g, e.g. ``model.parameters()``.
        max_norm: the largest length ‖g‖ = √(Σ g²) a step may use, a positive finite number.

    Returns:
        ‖g‖ before clipping (so that a caller can watch how large the gradients were).

    Raises:
        ValueError: ``max_norm`` is not a positive finite number.
        FloatingPointError: a ``.grad`` is inf or nan (named); no ``.grad`` is changed.
    """
    max_norm = check_number(max_norm, "clip_gradients: max_norm", low=0, open_low=True)
    parameters = list(parameters)
    for i, parameter in enumerate(parameters):
        if not math.isfinite(parameter.grad):
            raise FloatingPointError(
                f"clip_gradients: the gradient of parameters[{i}] ({parameter.label or 'no label'}) is "
                f"{parameter.grad}; no gradient was changed"
            )
    norm = math.sqrt(math.fsum(parameter.grad * parameter.grad for parameter in parameters))
    if norm > max_norm:
        scale = max_norm / norm
        for parameter in parameters:
            parameter.grad *= scale
    return norm
