"""Seeing backprop: names for nodes, drawings with the local derivative on every edge, derivatives
written out as sums over paths (or factored as either mode computes them), the backward and
forward passes as tables of steps, and both passes as frames of an animation (HTML page, GIF).
Imports the engine only."""

from autograd_tiny.see.draw import Drawing, DrawingOptions, draw, to_dot
from autograd_tiny.see.factoring import Factoring, factor
from autograd_tiny.see.forward_trace import ForwardTrace, forward_trace
from autograd_tiny.see.frames import Frames, frames
from autograd_tiny.see.grouping import Label
from autograd_tiny.see.paths import Path, explain, paths
from autograd_tiny.see.trace import Trace, trace

__all__ = [
    "Drawing",
    "DrawingOptions",
    "Factoring",
    "ForwardTrace",
    "Frames",
    "Label",
    "Path",
    "Trace",
    "draw",
    "explain",
    "factor",
    "forward_trace",
    "frames",
    "paths",
    "to_dot",
    "trace",
]
