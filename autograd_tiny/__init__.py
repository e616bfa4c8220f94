"""autograd-tiny: a scalar reverse-mode automatic-differentiation engine for learning backpropagation.

A ``Value`` is one number that records each operation and its local partial derivatives as edges of
a DAG; ``backward()`` applies the chain rule in reverse topological order.
"""

from autograd_tiny.backward import backward, grad, topological_order, zero_grad
from autograd_tiny.draw import Drawing, draw, to_dot
from autograd_tiny.functions import cos, exp, log, relu, sigmoid, sin, sqrt, sum, tanh
from autograd_tiny.gradcheck import (
    GradientCheckError,
    check_gradients,
    numerical_gradient,
    relative_error,
)
from autograd_tiny.parse import parse
from autograd_tiny.paths import Path, explain, paths
from autograd_tiny.recording import no_grad
from autograd_tiny.rules import RULES
from autograd_tiny.tape import BranchChangedError, Tape, record
from autograd_tiny.trace import Trace, trace
from autograd_tiny.value import Constant, Value

__all__ = [
    "RULES",
    "BranchChangedError",
    "Constant",
    "Drawing",
    "GradientCheckError",
    "Path",
    "Tape",
    "Trace",
    "Value",
    "backward",
    "check_gradients",
    "cos",
    "draw",
    "exp",
    "explain",
    "grad",
    "log",
    "no_grad",
    "numerical_gradient",
    "parse",
    "paths",
    "record",
    "relative_error",
    "relu",
    "sigmoid",
    "sin",
    "sqrt",
    "sum",
    "tanh",
    "to_dot",
    "topological_order",
    "trace",
    "zero_grad",
]
