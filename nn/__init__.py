"""nn: neurons, layers and MLPs built on autograd_tiny's scalar Values (placeholder until its issue lands)."""

__all__: list[str] = []
