"""The ``autograd-tiny`` command: ``graph`` differentiates an expression, ``demo`` works through the
composite-function tutorial's example and trains a network. The only part of ``autograd_tiny`` that
may import ``nn``."""

from autograd_tiny.cli.main import main

__all__ = ["main"]
