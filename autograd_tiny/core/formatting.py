"""How every part of autograd-tiny writes a number for a learner to read: one formatter, shared."""

from __future__ import annotations

__all__ = ["format_number"]


def format_number(x: float) -> str:
    """A number as a learner would write it: ``4``, ``0.5``, ``-0.0384``, ``1.23e-08`` (six significant
    digits, ``inf`` and ``nan`` as Python writes them, and ``0`` for −0.0, which a learner never
    writes: ``0 × (-3)`` is ``0``). Tables, traces, explanations, drawings and error messages all
    write numbers with it."""
    return f"{x + 0.0:.6g}"  # −0.0 + 0.0 is 0.0; every other number is itself
