"""Seeing backprop: names for nodes, drawings with the local derivative on every edge, derivatives
written out as sums over paths, the backward pass as a table of steps, and both passes as frames
of an animation (HTML page, GIF). Imports the engine only."""

from autograd_tiny.see.draw import Drawing, draw, to_dot
from autograd_tiny.see.frames import Frames, frames
from autograd_tiny.see.paths import Path, explain, paths
from autograd_tiny.see.trace import Trace, trace

__all__ = ["Drawing", "Frames", "Path", "Trace", "draw", "explain", "frames", "paths", "to_dot", "trace"]
