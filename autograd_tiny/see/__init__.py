"""Seeing backprop: names for nodes, drawings with the local derivative on every edge, derivatives
written out as sums over paths, and the backward pass as a table of steps. Imports the engine only."""

from autograd_tiny.see.draw import Drawing, draw, to_dot
from autograd_tiny.see.paths import Path, explain, paths
from autograd_tiny.see.trace import Trace, trace

__all__ = ["Drawing", "Path", "Trace", "draw", "explain", "paths", "to_dot", "trace"]
