"""autograd-tiny: a scalar reverse-mode automatic-differentiation engine for learning backpropagation.

A ``Value`` is one number that records each operation and its local partial derivatives as edges of
a DAG; ``backward()`` applies the chain rule in reverse topological order.

The package is in layers, each importing only the ones above it in this list:

- the engine, here: ``rules`` (the registry of operations), ``value``, ``order``, ``backward``,
  ``gradients``, ``recording`` (``no_grad``), ``functions``, ``gradcheck``, and forward mode
  (``dual``, ``forward``, ``jacobian``, ``hessian``); standard library only;
- ``see``: names, drawings, sums over paths and the backward pass as a table of steps;
- ``parsing``: text → graph, with its allow-list;
- ``jupyter``: widgets that step through a pass and explore an expression (ipywidgets on first use);
- ``practice``: exercises worked out by hand and checked, with the likely mistake named;
- ``tape``: record once, replay on numpy arrays (needs numpy, so it is imported on first use);
- ``cli``: the ``autograd-tiny`` command, the only part that may import ``nn``.
"""

from __future__ import annotations

from typing import Any

from autograd_tiny.dual import Dual
from autograd_tiny.forward import jvp, tangents
from autograd_tiny.functions import FUNCTIONS
from autograd_tiny.functions import sum as sum  # at.sum; "as sum" re-exports it outside __all__
from autograd_tiny.gradcheck import (
    GradientCheckError,
    check_gradients,
    numerical_gradient,
    relative_error,
)
from autograd_tiny.gradients import backward, grad, topological_order, zero_grad
from autograd_tiny.hessian import hessian, hessian_vector_product
from autograd_tiny.jacobian import Jacobian, jacobian
from autograd_tiny.jupyter import explore, step_through
from autograd_tiny.parsing import parse
from autograd_tiny.practice import Exercise, Report, Verdict, exercise
from autograd_tiny.recording import no_grad
from autograd_tiny.rules import RULES, Rule
from autograd_tiny.see import (
    Drawing,
    Factoring,
    ForwardTrace,
    Path,
    Trace,
    draw,
    explain,
    factor,
    forward_trace,
    frames,
    paths,
    to_dot,
    trace,
)
from autograd_tiny.value import Constant, Value

__version__ = "0.2.0"

globals().update(FUNCTIONS)  # exp, log, tanh, …: one function per function row of RULES

_TAPE = ("BranchChangedError", "Tape", "record")  # need numpy: imported when first asked for
_BUILTINS = ("abs", "sum")  # at.abs and at.sum exist but stay out of *, so Python's own are kept

__all__ = [
    "RULES",
    "Constant",
    "Drawing",
    "Dual",
    "Exercise",
    "Factoring",
    "ForwardTrace",
    "GradientCheckError",
    "Jacobian",
    "Path",
    "Report",
    "Rule",
    "Trace",
    "Value",
    "Verdict",
    "backward",
    "check_gradients",
    "draw",
    "exercise",
    "explain",
    "explore",
    "factor",
    "forward_trace",
    "frames",
    "grad",
    "hessian",
    "hessian_vector_product",
    "jacobian",
    "jvp",
    "no_grad",
    "numerical_gradient",
    "parse",
    "paths",
    "relative_error",
    "step_through",
    "tangents",
    "to_dot",
    "topological_order",
    "trace",
    "zero_grad",
    *_TAPE,
    *(name for name in FUNCTIONS if name not in _BUILTINS),
]


def __getattr__(name: str) -> Any:
    """``record``, ``Tape`` and ``BranchChangedError``: the tape layer, loaded (with numpy) on first use."""
    if name in _TAPE:
        from autograd_tiny import tape  # the optional layer: numpy is needed only from here on

        return getattr(tape, name)
    raise AttributeError(f"module 'autograd_tiny' has no attribute {name!r}")
