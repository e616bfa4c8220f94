"""Finding a Graphviz renderer and running it, bounded in time and memory: the system ``dot``, else
pip's ``graphviz-pure``.

``graphviz-pure`` is a self-contained port that ``pip install 'autograd-tiny[viz]'`` brings, with the
same command-line flags as ``dot``, so both are run the same way: as a subprocess that is stopped
after ``RENDER_SECONDS`` and may use at most ``RENDER_MEMORY`` bytes of address space. A layout can
take minutes and gigabytes for a graph of a hundred nodes (one value used by many operations), so
either bound is one clear error rather than a hang or a crash. Nothing is installed or downloaded here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

__all__ = [
    "INSTALL_HINT",
    "RENDER_MEMORY",
    "RENDER_SECONDS",
    "RendererMissingError",
    "find_renderer",
    "render_bytes",
]

INSTALL_HINT = (
    "No Graphviz renderer found. Install one with pip install 'autograd-tiny[viz]' (it brings "
    "graphviz-pure, which needs nothing else), or install Graphviz so that `dot` is on the PATH "
    "(https://graphviz.org/download/)."
)
RENDER_SECONDS = 10.0
"""How long a renderer may lay out one drawing before it is stopped."""
RENDER_MEMORY = 2 * 1024**3
"""How much address space (bytes) a renderer may use, where the system can bound it (not Windows)."""
TOO_BIG = (
    "draw a part (draw an inner node), group repeated parts, or write the DOT text (to_dot, or a "
    ".dot file) and render it with more time elsewhere"
)
"""What to do about a drawing that is too big, the end of every such error."""

# A Python that bounds its own address space, then becomes the renderer: exec keeps the process, so
# the timeout still stops it. Unlike subprocess's preexec_fn, this is safe while other threads run.
_BOUNDED = """
import os, resource, sys
limit = int(sys.argv[1])
_, hard = resource.getrlimit(resource.RLIMIT_AS)
if hard != resource.RLIM_INFINITY:
    limit = min(limit, hard)
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
try:
    os.execv(sys.argv[2], sys.argv[2:])
except OSError as error:
    sys.exit(f"cannot run {sys.argv[2]}: {error}")
"""


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


def render_bytes(
    source: str, format_: str, *, seconds: float = RENDER_SECONDS, memory: int = RENDER_MEMORY
) -> bytes:
    """DOT ``source`` drawn as ``format_`` (``"svg"`` or ``"png"``) by the renderer ``find_renderer`` picks.

    Args:
        source: the DOT text.
        format_: ``"svg"`` or ``"png"``.
        seconds: the renderer is stopped after this long.
        memory: the most address space, in bytes, the renderer may use (not bounded on Windows).

    Raises:
        RendererMissingError: there is no renderer; the message says how to install one.
        RuntimeError: the renderer failed, ran out of time or ran out of memory; the message is one
            line that says which, and what to do.
    """
    renderer = find_renderer()
    if renderer is None:
        raise RendererMissingError(INSTALL_HINT)
    kind, executable = renderer
    command = [str(executable), f"-T{format_}"]
    if sys.platform != "win32" and sys.executable:
        command = [sys.executable, "-S", "-c", _BOUNDED, str(memory), *command]
    try:
        done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise RuntimeError(
            f"{kind} did not finish laying out the graph within {seconds:g} s and was stopped: {TOO_BIG}"
        ) from None
    except OSError as error:
        raise RuntimeError(f"{kind} could not be started: {error}") from None
    if done.returncode != 0:
        raise RuntimeError(_failure(kind, done.returncode, done.stderr.decode("utf-8", "replace"), memory))
    return done.stdout


def _failure(kind: str, status: int, stderr: str, memory: int) -> str:
    """Why the renderer failed, in one line: out of memory, or the first line it wrote that is no warning."""
    if "memory allocation" in stderr or "out of memory" in stderr.lower() or "MemoryError" in stderr:
        bound = f"{memory / 2**20:,.0f} MiB"
        return f"{kind} ran out of memory (the bound is {bound}) laying out the graph: {TOO_BIG}"
    if status < 0:
        return f"{kind} was stopped by signal {-status} while laying out the graph: {TOO_BIG}"
    lines = [text.strip() for text in stderr.splitlines() if text.strip()]
    reasons = [text for text in lines if not text.lower().startswith("warning")] or lines
    reason = reasons[0][:200] if reasons else "it wrote no message"
    return f"{kind} could not draw the graph (exit status {status}): {reason}"
