"""The tape: ``record`` a function once as a Wengert list, then replay it on numpy arrays.

Needs numpy (``pip install 'autograd-tiny[tape]'``); ``autograd_tiny.record`` loads this layer on
first use, so the engine itself needs only the standard library.
"""

try:
    import numpy  # noqa: F401  # every module of the tape uses it: say what to install, once, here
except ModuleNotFoundError as error:  # pragma: no cover  # the dev install has numpy
    raise ModuleNotFoundError(
        "the tape replays with numpy, which is not installed: pip install 'autograd-tiny[tape]'",
        name=error.name,
    ) from None

from autograd_tiny.tape.errors import BranchChangedError
from autograd_tiny.tape.record import record
from autograd_tiny.tape.tape import Tape

__all__ = ["BranchChangedError", "Tape", "record"]
