"""Finding a Graphviz renderer and running it, bounded in time and memory: the system ``dot``, else
pip's ``graphviz-pure``.

``graphviz-pure`` is a self-contained port that ``pip install 'autograd-tiny[viz]'`` brings, with the
same command-line flags as ``dot``, so both are run the same way: as a subprocess that is stopped
after ``RENDER_SECONDS`` and may use at most ``RENDER_MEMORY`` bytes of address space. A layout can
take minutes and gigabytes for a graph of a hundred nodes (one value used by many operations), so
either bound is one clear error rather than a hang or a crash. Nothing is installed or downloaded here.
``graphviz-pure`` writes no PDF: a PDF is then its PNG on a page (through Pillow, also in ``[viz]``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import graphviz  # type: ignore[import-untyped]  # no type hints shipped

__all__ = [
    "INSTALL_HINT",
    "RENDER_MEMORY",
    "RENDER_SECONDS",
    "RendererMissingError",
    "find_renderer",
    "render_bytes",
    "run_renderer",
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


class RendererMissingError(graphviz.ExecutableNotFound):  # type: ignore[misc]  # an untyped base
    """Neither the system ``dot`` nor ``graphviz-pure`` could be found (a ``RuntimeError``, and the
    ``graphviz`` package's own ``ExecutableNotFound``, so that either ``except`` catches it)."""

    def __init__(self, message: str = INSTALL_HINT) -> None:
        RuntimeError.__init__(self, message)


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
    source: str | bytes,
    format_: str,
    *,
    engine: str = "dot",
    flags: Sequence[str] = (),
    seconds: float = RENDER_SECONDS,
    memory: int = RENDER_MEMORY,
) -> bytes:
    """DOT ``source`` drawn as ``format_`` (``"svg"``, ``"png"``, ``"pdf"``, …) by the renderer
    ``find_renderer`` picks.

    Args:
        source: the DOT text (``str``, or bytes in UTF-8).
        format_: the output format, as for ``dot -T`` (``"png:cairo"`` names a renderer too).
        engine: the layout engine, as for ``dot -K``.
        flags: more command-line flags, e.g. ``["-Gdpi=144"]``.
        seconds: the renderer is stopped after this long.
        memory: the most address space, in bytes, the renderer may use (not bounded on Windows).

    Raises:
        RendererMissingError: there is no renderer; the message says how to install one.
        RuntimeError: the renderer failed, ran out of time or ran out of memory; the message is one
            line that says which, and what to do.
    """
    data = source.encode("utf-8", "replace") if isinstance(source, str) else source
    renderer = find_renderer()
    if renderer is None:
        raise RendererMissingError(INSTALL_HINT)
    kind, executable = renderer
    if kind == "graphviz-pure" and format_.split(":")[0] == "pdf":  # no PDF writer: the PNG on a page
        png = run_renderer(
            kind, executable, [f"-K{engine}", "-Tpng", *flags], data, seconds=seconds, memory=memory
        )
        return _png_as_pdf(png)
    flags = [f"-K{engine}", f"-T{format_}", *flags]
    return run_renderer(kind, executable, flags, data, seconds=seconds, memory=memory)


def run_renderer(
    kind: str, executable: Path, flags: Sequence[str], data: bytes, *, seconds: float, memory: int
) -> bytes:
    """Run ``executable flags`` on ``data`` (stdin), stopped after ``seconds`` and held to ``memory``.

    Raises:
        RuntimeError: the renderer failed, ran out of time or ran out of memory (one line).
    """
    command = [str(executable), *flags]
    if sys.platform != "win32" and sys.executable:
        command = [sys.executable, "-S", "-c", _BOUNDED, str(memory), *command]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise RuntimeError(
            f"{kind} did not finish laying out the graph within {seconds:g} s and was stopped: {TOO_BIG}"
        ) from None
    except OSError as error:
        raise RuntimeError(f"{kind} could not be started: {error}") from None
    if done.returncode != 0:
        raise RuntimeError(_failure(kind, done.returncode, done.stderr.decode("utf-8", "replace"), memory))
    return done.stdout


def _png_as_pdf(png: bytes) -> bytes:
    """A one-page PDF holding the picture (Pillow, which ``[viz]`` brings with ``graphviz-pure``)."""
    try:
        from PIL import Image  # optional, as graphviz-pure is: only a PDF without a system dot needs it
    except ImportError:
        raise RuntimeError(
            "graphviz-pure writes no PDF and Pillow is not installed to make one from its PNG: "
            "pip install 'autograd-tiny[viz]', or install Graphviz so that `dot` is on the PATH"
        ) from None
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(out, format="PDF", resolution=144.0)
    return out.getvalue()


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
