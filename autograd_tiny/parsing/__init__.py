"""Text → graph: ``parse("(x1 + x2) * (x2 + 1)", x1=2, x2=3)``, checked against an allow-list and
never evaluated."""

from autograd_tiny.parsing.build import parse

__all__ = ["parse"]
