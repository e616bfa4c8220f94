"""Output that any terminal can show: where stdout or stderr cannot encode the maths (an ASCII-only
locale, a pipe to a program that asked for ASCII), symbols are written in ASCII (∂ → d, × → *),
and anything left is replaced by ``?`` instead of failing half-way through the output."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TextIO

__all__ = ["readable_output"]

_ASCII = str.maketrans(
    {
        "∂": "d",
        "Σ": "sum",
        "×": "*",
        "·": "*",
        "÷": "/",
        "−": "-",
        "→": "->",
        "←": "<-",
        "…": "...",
        "≈": "~",
        "≤": "<=",
        "≥": ">=",
        "²": "^2",
        "³": "^3",
        "√": "sqrt",
        "σ": "sigmoid",
        "δ": "delta",
        "✓": "ok",
        "✗": "x",
    }
)
_SAMPLE = "∂Σ×·−→"


class _Transliterating(io.TextIOBase):
    """A text stream that writes the maths in ASCII to ``stream`` (whose encoding lacks it)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(text.translate(_ASCII))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def _readable(stream: TextIO) -> TextIO:
    encoding = getattr(stream, "encoding", None)
    if encoding is None:  # an in-memory stream (io.StringIO) holds any text
        return stream
    try:
        _SAMPLE.encode(encoding)
        return stream
    except (UnicodeEncodeError, LookupError):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")  # what no ASCII spelling covers becomes "?"
        return _Transliterating(stream)  # type: ignore[return-value]


@contextlib.contextmanager
def readable_output() -> Iterator[None]:
    """Within the block, ``sys.stdout`` and ``sys.stderr`` write what their encodings can show."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _readable(out), _readable(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
