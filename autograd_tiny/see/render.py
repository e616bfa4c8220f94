"""Finding a Graphviz renderer and running it: the system ``dot``, else pip's ``graphviz-pure``.

The system ``dot`` is run through the ``graphviz`` Python package. That package only knows the name
``dot``, so ``graphviz-pure`` (a self-contained port that ``pip install 'autograd-tiny[viz]'`` brings,
with the same command-line flags) is run directly. Nothing is installed or downloaded here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["INSTALL_HINT", "RendererMissingError", "find_renderer", "render_bytes"]

INSTALL_HINT = (
    "No Graphviz renderer found. Install one with pip install 'autograd-tiny[viz]' (it brings "
    "graphviz-pure, which needs nothing else), or install Graphviz so that `dot` is on the PATH "
    "(https://graphviz.org/download/)."
)
_TIMEOUT = 120  # seconds


class RendererMissingError(RuntimeError):
    """Neither the system ``dot`` nor ``graphviz-pure`` could be found."""


def find_renderer() -> tuple[str, Path] | None:
    """``("dot", path)`` for a system Graphviz, else ``("graphviz-pure", path)``, else None.

    ``graphviz-pure`` is looked for on the PATH and beside the running Python, where pip puts it
    in a virtual environment that is not activated (a Jupyter kernel, ``.venv/bin/python``).
    """
    dot = shutil.which("dot")
    if dot:
        return "dot", Path(dot)
    for where in (None, str(Path(sys.executable).parent)):
        pure = shutil.which("graphviz-pure", path=where)
        if pure:
            return "graphviz-pure", Path(pure)
    return None


def render_bytes(source: str, format_: str) -> bytes:
    """DOT ``source`` drawn as ``format_`` (``"svg"`` or ``"png"``) by the renderer ``find_renderer`` picks.

    Raises:
        RendererMissingError: there is no renderer; the message says how to install one.
        RuntimeError: the renderer failed or took longer than two minutes.
    """
    renderer = find_renderer()
    if renderer is None:
        raise RendererMissingError(INSTALL_HINT)
    kind, executable = renderer
    if kind == "dot":
        try:
            import graphviz  # type: ignore[import-untyped]  # the package that runs the system dot
        except ImportError:
            pass
        else:
            try:
                drawn: bytes = graphviz.pipe("dot", format_, source.encode("utf-8"), quiet=True)
                return drawn
            except (graphviz.CalledProcessError, graphviz.ExecutableNotFound) as error:
                raise RuntimeError(f"Graphviz dot could not draw the graph: {error}") from None
    try:
        done = subprocess.run(
            [str(executable), f"-T{format_}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RuntimeError(f"{kind} could not draw the graph: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"{kind} could not draw the graph (exit status {done.returncode}): {message}")
    return done.stdout
