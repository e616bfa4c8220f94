"""Jupyter widgets (ipywidgets, imported only when a widget is made): ``step_through`` plays the
forward and backward pass of a graph frame by frame, ``explore`` redraws an expression as its text
and its inputs change. They sit above ``see`` and ``parsing`` and use both."""

from autograd_tiny.jupyter.explore import Explorer, explore
from autograd_tiny.jupyter.step_through import frame_page, step_through

__all__ = ["Explorer", "explore", "frame_page", "step_through"]
