"""The engine: the rules table, ``Value``, the backward pass, and nothing but the standard library.

Read it in this order: ``textbook`` (the whole idea in one screen, the oracle the rest is tested
against), ``rules`` (every local derivative, one row per operation), ``composite`` (the few derivatives of
whole array operations the vector paths use: the layer's δaᵀ, Σδ, Wᵀδ and the losses' closed forms,
each checked against ``rules``), ``value`` (the fast node),
``order`` and ``backward`` (the sort and the chain-rule loop), ``gradients`` (``backward``, ``grad``),
``recording`` (``no_grad``), ``functions`` (``exp(x)`` beside ``x.exp()``), ``gradcheck`` (central
differences, the gradient-checking tutorial), ``errors``, ``copying`` and ``formatting``.
"""

from autograd_tiny.core.composite import COMPOSITE_RULES, CompositeRule
from autograd_tiny.core.errors import check_number
from autograd_tiny.core.functions import FUNCTIONS
from autograd_tiny.core.gradcheck import (
    GradientCheckError,
    check_gradients,
    numerical_gradient,
    relative_error,
)
from autograd_tiny.core.gradients import backward, grad, topological_order, zero_grad
from autograd_tiny.core.recording import no_grad
from autograd_tiny.core.rules import RULES, Rule
from autograd_tiny.core.value import Constant, Value

__all__ = [
    "COMPOSITE_RULES",
    "FUNCTIONS",
    "RULES",
    "CompositeRule",
    "Constant",
    "GradientCheckError",
    "Rule",
    "Value",
    "backward",
    "check_gradients",
    "check_number",
    "grad",
    "no_grad",
    "numerical_gradient",
    "relative_error",
    "topological_order",
    "zero_grad",
]
