"""``Drawing``: a ``graphviz.Digraph`` that renders with pip alone, bounded in time and memory.

Everything a user of the ``graphviz`` package knows works as they know it (``.source``,
``.attr(rankdir="TB")``, ``.node``, ``.edge``, ``.pipe(format="svg")``,
``.render("y", format="png")``, ``.view()``, inline display in Jupyter). Only the step that runs
the layout command is replaced: the package would run ``dot`` itself, with no bound; a ``Drawing``
runs it through ``see.render``, which picks the system ``dot`` or else pip's ``graphviz-pure``, stops
it after ``RENDER_SECONDS`` and holds it to ``RENDER_MEMORY``. The package keeps every other step
(checking the format, naming and writing the files, opening a viewer).
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import graphviz  # type: ignore[import-untyped]  # no type hints shipped

from autograd_tiny.see.render import render_bytes

__all__ = ["FORMATS", "RASTER_DPI", "Drawing"]

FORMATS = (".svg", ".png", ".pdf", ".dot")
"""The files ``Drawing.write`` makes, by suffix: a picture, or the DOT text."""

RASTER_DPI = 144
"""The resolution of PNG and JPEG pictures (Graphviz's 72 is blurry on today's screens)."""
_RASTER = ("png", "jpeg", "jpg", "jpe", "bmp", "gif")
_SHOWN_LINES = 40  # of the DOT source, when Jupyter shows it instead of a picture
_MIMETYPES = {"image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpeg"}


class Drawing(graphviz.Digraph):  # type: ignore[misc]  # an untyped base
    """A ``graphviz.Digraph`` whose layout runs under a time and memory bound, with or without a
    system Graphviz (``draw`` makes one; so can ``Drawing()`` and the ``graphviz`` API).

    ``.svg()`` is the picture as SVG text, kept while the source stays the same. In Jupyter a
    drawing shows itself as SVG; if it cannot be drawn (no renderer, too slow, a bad label) the
    cell shows why and the start of the DOT source instead: a display hook never raises.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        name = args[0] if args else kwargs.get("name")
        if isinstance(name, str) and "{" in name:  # DOT text given where graphviz takes a graph's name
            raise TypeError(
                "Drawing(name, …) is a graphviz.Digraph, built with .node and .edge: for DOT text use "
                "graphviz.Source(text); for a frame of a pass, frames(y).drawing(k)"
            )
        super().__init__(*args, **kwargs)
        self._picture: tuple[str, str | RuntimeError] | None = None  # (source, SVG or failure)

    def __repr__(self) -> str:
        """The same on every run (no address), for stored notebook outputs."""
        lines = self.source.count("\n")
        saving = ".render('y', format='png') to save a picture"
        return f"Drawing(<{lines} lines of DOT: .source to read them, {saving}>)"

    def svg(self) -> str:
        """The picture as SVG text, rendered once per source (a failure is kept too, not retried).

        Raises:
            RendererMissingError: no renderer is installed (the message says how to get one).
            RuntimeError: the renderer failed, or did not finish within ``RENDER_SECONDS``.
        """
        source = self.source
        if self._picture is None or self._picture[0] != source:
            try:
                picture: str | RuntimeError = render_bytes(source, "svg").decode("utf-8", "replace")
            except RuntimeError as error:
                picture = error
            self._picture = (source, picture)
        kept = self._picture[1]
        if isinstance(kept, RuntimeError):
            raise kept
        return kept

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write one file, its format told by its suffix: ``.svg``, ``.png``, ``.pdf`` or ``.dot`` (the
        DOT text, which needs no renderer). ``render`` is the ``graphviz`` package's, which also
        keeps the DOT source beside the picture.

        Returns:
            The path written.

        Raises:
            ValueError: the suffix is not one of ``FORMATS``.
            RendererMissingError: a picture was asked for and no renderer is installed.
            RuntimeError: the renderer failed, or did not finish within ``RENDER_SECONDS``.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in FORMATS:
            raise ValueError(
                f"write: cannot tell the format of {str(target)!r}: use a name ending in {', '.join(FORMATS)}"
            )
        if suffix == ".dot":
            target.write_text(self.source, encoding="utf-8", errors="replace")
        elif suffix == ".svg":
            target.write_text(self.svg(), encoding="utf-8")
        else:
            target.write_bytes(self.pipe(format=suffix[1:]))
        return target

    def _repr_svg_(self) -> str | None:
        try:
            return self.svg()
        except Exception:  # a display hook must never raise: the bundle says why
            return None

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None, **_: Any
    ) -> dict[str, str | bytes]:
        """What Jupyter shows: SVG, or the format ``graphviz.set_jupyter_format`` chose, or what
        ``include`` asks for (``image/svg+xml``, ``image/png``, ``image/jpeg``), as the package does."""
        wanted = set(include) if include is not None else {self._jupyter_mimetype}
        wanted -= set(exclude or ())
        try:
            bundle: dict[str, str | bytes] = {}
            for mimetype, format_ in _MIMETYPES.items():
                if mimetype in wanted:
                    bundle[mimetype] = self.svg() if format_ == "svg" else self.pipe(format=format_)
            return bundle
        except Exception as error:  # a display hook must never raise: the error and the source instead
            return dict(_failure_bundle(error, self))

    # The package's hooks for running the layout command (``graphviz.backend.mixins``), replaced.
    @property
    def _pipe_lines(self) -> Any:
        return _pipe_lines

    @property
    def _pipe_lines_string(self) -> Any:
        return _pipe_lines_string

    @property
    def _render(self) -> Any:
        return _render


def _failure_bundle(error: Exception, drawing: Drawing) -> dict[str, str]:
    try:
        lines = drawing.source.splitlines(keepends=True)
    except Exception:  # a source that cannot even be written: the error alone
        lines = []
    shown = "".join(lines[:_SHOWN_LINES])
    if len(lines) > _SHOWN_LINES:
        shown += f"… ({len(lines) - _SHOWN_LINES} more lines of DOT in .source)\n"
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    text = f"{message}\n\n{shown}".encode("utf-8", "replace").decode("utf-8")
    page = f"<p>{html.escape(message)}</p><pre>{html.escape(shown)}</pre>"
    return {"text/plain": text, "text/html": page.encode("utf-8", "replace").decode("utf-8")}


def _flags(
    format_: str, renderer: str | None, formatter: str | None, neato_no_op: Any
) -> tuple[str, list[str]]:
    """``dot``'s ``-T`` value and the other flags, as the package would pass them."""
    output = ":".join(part for part in (format_, renderer, formatter) if part is not None)
    flags = [f"-Gdpi={RASTER_DPI}"] if format_ in _RASTER else []
    if neato_no_op:
        flags.append(f"-n{int(neato_no_op):d}")
    return output, flags


def _pipe_lines(
    engine: str,
    format: str,  # the package's keyword
    input_lines: Iterator[str],
    *,
    input_encoding: str,
    renderer: str | None = None,
    formatter: str | None = None,
    neato_no_op: Any = None,
    quiet: bool = False,
) -> bytes:
    output, flags = _flags(format, renderer, formatter, neato_no_op)
    data = "".join(input_lines).encode(input_encoding, "replace")
    return render_bytes(data, output, engine=engine, flags=flags)


def _pipe_lines_string(
    engine: str,
    format: str,  # the package's keyword
    input_lines: Iterator[str],
    *,
    encoding: str,
    **options: Any,  # renderer, formatter, neato_no_op, quiet: as ``_pipe_lines`` takes them
) -> str:
    raw = _pipe_lines(engine, format, input_lines, input_encoding=encoding, **options)
    return raw.decode(encoding, "replace")


def _render(
    engine: str,
    format: str | None,  # the package's keyword
    filepath: str | os.PathLike[str],
    renderer: str | None = None,
    formatter: str | None = None,
    neato_no_op: Any = None,
    quiet: bool = False,
    *,
    outfile: str | os.PathLike[str] | None = None,
    raise_if_result_exists: bool = False,
    overwrite_filepath: bool = False,
) -> str:
    """What ``dot -O file`` (or ``dot -o outfile file``) does: the picture of the saved source."""
    source = Path(filepath)
    if format is None:
        raise graphviz.RequiredArgumentError(f"format: (required if outfile is not given, got {format!r})")
    if outfile is not None:
        target = Path(outfile)
        if not overwrite_filepath and target.resolve() == source.resolve():
            raise ValueError(
                f"outfile {target.name!r} must be different from input file {source.name!r}"
                " (pass overwrite_filepath=True to override)"
            )
    else:
        suffix = ".".join(part for part in (formatter, renderer, format) if part is not None)
        target = source.with_suffix(f"{source.suffix}.{suffix}")
    if raise_if_result_exists and target.exists():
        raise graphviz.FileExistsError(f"output file exists: {os.fspath(target)!r}")
    output, flags = _flags(format, renderer, formatter, neato_no_op)
    target.write_bytes(render_bytes(source.read_bytes(), output, engine=engine, flags=flags))
    return os.fspath(target)
