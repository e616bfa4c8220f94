"""Lessons readable where nothing runs: what ``refresh.py`` adds to the outputs it stores, so that a code
host, a notebook viewer or the documentation site shows every picture and every formula.

A viewer shows the richest form of an output that it can: ``image/png`` before ``image/svg+xml`` on
most code hosts (some show no SVG at all), and a widget, with no kernel behind it, only as its text
(``VBox(children=(HBox(…``). So, in the same output bundle:

- an SVG picture gets a PNG of itself (drawn by CairoSVG at the SVG's own size, in 256 colours);
- a widget gets a still picture: the first drawing in the HTML it shows when the lesson has just run,
  read from the widget state that the run stored in the notebook;
- maths (``text/latex``, ``text/markdown``) gets a plain-text form when it has none.
"""

from __future__ import annotations

import base64
import io
import re
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MATHS = ("text/latex", "text/markdown")
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def _text(value: str | list[str]) -> str:
    """An output's text, stored either whole or as a list of lines."""
    return "".join(value) if isinstance(value, list) else value


def png_of_svg(svg: str) -> str:
    """The SVG picture drawn as a PNG on white at the SVG's own size (CairoSVG), in 256 colours (a third
    of the bytes, no visible change for a drawing), base64-encoded as notebooks store it.

    Raises:
        ImportError: CairoSVG, the Cairo library it uses or Pillow is missing; the message says how.
    """
    try:
        import cairosvg  # type: ignore[import-untyped]  # only refresh needs it
        from PIL import Image
    except (ImportError, OSError) as error:
        raise ImportError(
            "readable: PNG copies of the pictures need CairoSVG with the Cairo library, and Pillow "
            f"(pip install -e '.[notebooks]'; Debian: apt-get install libcairo2): {error}"
        ) from None
    drawn = cairosvg.svg2png(bytestring=svg.encode("utf-8"), background_color="white")
    picture = Image.open(io.BytesIO(drawn)).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    png = io.BytesIO()
    picture.save(png, format="PNG", optimize=True)
    return base64.b64encode(png.getvalue()).decode("ascii")


def _widget_html(model_id: str, states: dict[str, Any]) -> str:
    """All the HTML that widget ``model_id`` and the widgets inside it show, in order."""
    model = states.get(model_id, {})
    state = model.get("state", {})
    shown = state.get("value", "") if model.get("model_name") == "HTMLModel" else ""
    children = state.get("children", [])
    return shown + "".join(_widget_html(child.removeprefix("IPY_MODEL_"), states) for child in children)


def widget_still(model_id: str, notebook: Any) -> str | None:
    """A PNG (base64) of the first drawing that widget ``model_id`` shows, or None if it shows none
    (or the run stored no widget state)."""
    states = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    picture = SVG.search(_widget_html(model_id, states))
    return png_of_svg(picture.group(0)) if picture else None


def _plain(maths: str) -> str:
    """Maths as text: the source without its $ or \\( \\) delimiters."""
    return re.sub(r"\$\$?|\\[()\[\]]", "", maths).strip()


def make_readable(notebook: Any) -> None:
    """Add, in place, a PNG beside every SVG picture, a still picture beside every widget and a plain
    text beside every formula that has none, in each code cell's outputs of ``notebook`` (as run,
    with its widget state still in its metadata)."""
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            data = output.get("data")
            if not data:
                continue
            if WIDGET_VIEW in data and "image/png" not in data:
                still = widget_still(data[WIDGET_VIEW]["model_id"], notebook)
                if still is not None:
                    data["image/png"] = still
            if "image/svg+xml" in data and "image/png" not in data:
                data["image/png"] = png_of_svg(_text(data["image/svg+xml"]))
            for kind in MATHS:
                if kind in data and "text/plain" not in data:
                    data["text/plain"] = _plain(_text(data[kind]))
