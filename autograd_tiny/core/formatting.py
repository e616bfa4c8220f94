"""How every part of autograd-tiny writes a number for a learner to read: one formatter, shared."""

from __future__ import annotations

__all__ = ["format_number"]


def format_number(x: float) -> str:
    """A number as a learner would write it: ``4``, ``0.5``, ``-0.0384``, ``1.23e-08`` (six significant
    digits, ``inf`` and ``nan`` as Python writes them). Tables, traces, explanations, drawings and
    error messages all write numbers with it."""
    return f"{x:.6g}"
