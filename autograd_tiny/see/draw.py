"""``draw``: a picture of the graph (seed 004's structure diagram) for Jupyter and for files.

The DOT text comes from ``to_dot``; a renderer turns it into SVG or PNG. The renderer is the system
Graphviz ``dot``, run through the ``graphviz`` Python package, when there is one, and otherwise the
``graphviz-pure`` command that ``pip install 'autograd-tiny[viz]'`` brings, so pip alone is enough.
With neither, Jupyter shows how to install one and the DOT source, and ``render`` raises.
"""

from __future__ import annotations

import html
from collections.abc import Collection
from pathlib import Path
from typing import Any

from autograd_tiny.see.dot import to_dot
from autograd_tiny.see.render import INSTALL_HINT, RendererMissingError, find_renderer, render_bytes
from autograd_tiny.value import Value

__all__ = ["FORMATS", "INSTALL_HINT", "Drawing", "RendererMissingError", "draw", "find_renderer", "to_dot"]

FORMATS = (".svg", ".png", ".dot")


class Drawing:
    """DOT source that shows itself as SVG in Jupyter and renders to ``.svg``, ``.png`` or ``.dot``.

    Attributes:
        source: the DOT text, as ``to_dot`` made it.
    """

    __slots__ = ("_svg", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._svg: str | None = None

    def __repr__(self) -> str:
        lines = self.source.count("\n")
        return f"Drawing(<{lines} lines of DOT: .source to read them, .render(path) to save a picture>)"

    def svg(self) -> str:
        """The picture as SVG text (rendered once, then kept).

        Raises:
            RendererMissingError: no renderer is installed (the message says how to get one).
            RuntimeError: the renderer failed.
        """
        if self._svg is None:
            self._svg = render_bytes(self.source, "svg").decode("utf-8")
        return self._svg

    def _repr_svg_(self) -> str | None:
        try:
            return self.svg()
        except RuntimeError:
            return None  # _repr_mimebundle_ shows the hint; a display hook must never raise

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        try:
            return {"image/svg+xml": self.svg()}
        except RuntimeError as error:
            text = f"{error}\n\n{self.source}"
            return {
                "text/plain": text,
                "text/html": f"<p>{html.escape(str(error))}</p><pre>{html.escape(self.source)}</pre>",
            }

    def render(self, path: str | Path) -> Path:
        """Write the picture to ``path``; the suffix (``.svg``, ``.png`` or ``.dot``) picks the format.

        Returns:
            The path written.

        Raises:
            ValueError: the suffix is not one of ``.svg``, ``.png``, ``.dot``.
            RendererMissingError: ``.svg`` or ``.png`` was asked for and no renderer is installed.
            RuntimeError: the renderer failed.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise ValueError(
                f"render: cannot tell the format of {str(path)!r}: use a name ending in {', '.join(FORMATS)}"
            )
        if suffix == ".dot":
            path.write_text(self.source, encoding="utf-8")
        elif suffix == ".svg":
            path.write_text(self.svg(), encoding="utf-8")
        else:
            path.write_bytes(render_bytes(self.source.replace("{\n", "{\n  graph [dpi=144]\n", 1), "png"))
        return path

    save = render


def draw(
    root: Value,
    *,
    show_grad: bool = True,
    show_local: bool = True,
    highlight: Value | None = None,
    rankdir: str = "LR",
    blanks: Collection[str] = (),
) -> Drawing:
    """The graph under ``root`` as a ``Drawing``; the options are those of ``to_dot``.

    In Jupyter the drawing shows itself; ``draw(y).render("y.png")`` writes a file.
    """
    return Drawing(
        to_dot(
            root,
            show_grad=show_grad,
            show_local=show_local,
            highlight=highlight,
            rankdir=rankdir,
            blanks=blanks,
        )
    )
