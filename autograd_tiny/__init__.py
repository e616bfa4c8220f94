"""autograd-tiny: a scalar reverse-mode automatic-differentiation engine for learning backpropagation.

A ``Value`` is one number that records each operation and its local partial derivatives as edges of
a DAG; ``backward()`` applies the chain rule in reverse topological order.

The package is in layers, each importing only the ones above it in this list:

- ``core``: the engine (the rules table, ``Value``, the backward pass, ``no_grad``, gradient
  checking), standard library only; ``core/textbook.py`` is the whole idea in one screen;
- ``forward``: forward mode (``Dual``, tangents, ``jvp``, ``jacobian``, ``hessian``), on the engine;
- ``see``: names, drawings, sums over paths and the backward pass as a table of steps;
- ``parsing``: text → graph, with its allow-list;
- ``jupyter``: widgets that step through a pass and explore an expression (ipywidgets on first use);
- ``practice``: exercises worked out by hand and checked, with the likely mistake named;
- ``tape``: record once, replay on numpy arrays (needs numpy, so it is imported on first use);
- ``cli``: the ``autograd-tiny`` command, the only part that may import ``nn``.

This file is only the public surface: it imports those layers and names what a user calls.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from typing import Any

from autograd_tiny.core import (
    COMPOSITE_RULES,
    FUNCTIONS,
    RULES,
    CompositeRule,
    Constant,
    GradientCheckError,
    Rule,
    Value,
    backward,
    check_gradients,
    check_number,
    grad,
    no_grad,
    numerical_gradient,
    relative_error,
    topological_order,
    zero_grad,
)
from autograd_tiny.core.functions import sum as sum  # at.sum; "as sum" re-exports it outside __all__
from autograd_tiny.forward import Dual, Jacobian, hessian, hessian_vector_product, jacobian, jvp, tangents
from autograd_tiny.jupyter import explore, step_through
from autograd_tiny.parsing import parse
from autograd_tiny.practice import Exercise, Report, Verdict, exercise
from autograd_tiny.see import (
    Drawing,
    DrawingOptions,
    Factoring,
    ForwardTrace,
    Label,
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

try:
    __version__ = _version("autograd-tiny")  # one version: the installed package's metadata
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

globals().update(FUNCTIONS)  # exp, log, tanh, …: one function per function row of RULES

_TAPE = ("BranchChangedError", "Tape", "record")  # need numpy: imported when first asked for
_BUILTINS = ("abs", "sum")  # at.abs and at.sum exist but stay out of *, so Python's own are kept

__all__ = [
    "COMPOSITE_RULES",
    "RULES",
    "CompositeRule",
    "Constant",
    "Drawing",
    "DrawingOptions",
    "Dual",
    "Exercise",
    "Factoring",
    "ForwardTrace",
    "GradientCheckError",
    "Jacobian",
    "Label",
    "Path",
    "Report",
    "Rule",
    "Trace",
    "Value",
    "Verdict",
    "backward",
    "check_gradients",
    "check_number",
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
