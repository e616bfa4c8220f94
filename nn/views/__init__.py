"""Teaching views of a network: its diagram (forward and reversed, δ on each unit), exercises worked
by hand and graded, and plots (matplotlib, imported on first use)."""

from nn.views import plots
from nn.views.diagram import NetworkDiagram, network_diagram
from nn.views.exercise import NetworkExercise

__all__ = ["NetworkDiagram", "NetworkExercise", "network_diagram", "plots"]
