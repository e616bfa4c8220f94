"""The lessons as stored can be read where nothing runs (a code host, a notebook viewer, the site):
every SVG picture has a PNG beside it, every widget a still picture, every formula a plain-text form;
and ``notebooks/readable.py``, which ``notebooks/refresh.py`` calls to store them so, does that.

The stored lessons are read as plain JSON here, not through the code that wrote them.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import re
import struct
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
# how ipywidgets shows a widget as text: VBox(children=(HBox(children=(Play(value=0, …
WIDGET_TEXT = re.compile(
    r"^(?:[VH]?Box|GridBox|Tab|Accordion|Stack|Output|HTML|Play|Text|Label|Button|\w*Slider)\("
)


def _text(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def _png_size(encoded: str | list[str]) -> tuple[int, int]:
    """Width and height from a base64 PNG's header (IHDR), failing on anything that is not a PNG."""
    raw = base64.b64decode(_text(encoded))
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and raw[12:16] == b"IHDR", "not a PNG"
    width, height = struct.unpack(">II", raw[16:24])
    return width, height


def _problems(notebook: dict[str, Any]) -> list[str]:
    """What a viewer that runs nothing would show badly, one line per output."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            data = output.get("data", {})
            plain = _text(data.get("text/plain", ""))
            if "image/svg+xml" in data and "image/png" not in data:
                found.append(f"cell {index}: an SVG picture with no PNG beside it")
            if WIDGET_TEXT.match(plain) and "image/png" not in data:
                found.append(f"cell {index}: a widget stored as its text only: {plain[:40]}…")
            if any(kind in data for kind in ("text/latex", "text/markdown")) and not plain.strip():
                found.append(f"cell {index}: maths with no plain-text form")
            if "image/png" in data and min(_png_size(data["image/png"])) <= 0:
                found.append(f"cell {index}: an empty PNG")
    return found


@pytest.mark.parametrize("lesson", LESSONS, ids=[path.stem for path in LESSONS])
def test_a_stored_lesson_shows_every_picture_widget_and_formula_without_running(lesson: Path) -> None:
    problems = _problems(json.loads(lesson.read_text(encoding="utf-8")))
    assert not problems, f"{lesson.name} (store it again with notebooks/refresh.py):\n" + "\n".join(problems)


# notebooks/readable.py itself, on made-up outputs -------------------------------------------------


@pytest.fixture(scope="module")
def readable() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readable", NOTEBOOKS / "readable.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        module.png_of_svg('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    except ImportError as error:
        pytest.skip(str(error))
    return module


# 30 × 15 pt (40 × 20 px at 96 dpi): red on the left half, white on the right
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="30pt" height="15pt" viewBox="0 0 30 15">'
    '<rect x="0" y="0" width="15" height="15" fill="#ff0000"/></svg>'
)


def _pixels(encoded: str) -> Any:
    from PIL import Image

    return Image.open(io.BytesIO(base64.b64decode(encoded))).convert("RGB")


def _notebook(outputs: list[dict[str, Any]], widgets: dict[str, Any] | None = None) -> dict[str, Any]:
    metadata = (
        {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": widgets}}} if widgets else {}
    )
    cell = {"cell_type": "code", "source": "", "metadata": {}, "outputs": outputs, "execution_count": 1}
    return {"cells": [cell], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def test_an_svg_output_gets_a_png_of_itself_at_its_own_size(readable: ModuleType) -> None:
    notebook = _notebook([{"output_type": "display_data", "metadata": {}, "data": {"image/svg+xml": SVG}}])
    readable.make_readable(notebook)
    data = notebook["cells"][0]["outputs"][0]["data"]
    assert _png_size(data["image/png"]) == (40, 20)  # pt × 4/3
    picture = _pixels(data["image/png"])
    assert picture.getpixel((5, 10)) == (255, 0, 0) and picture.getpixel((35, 10)) == (255, 255, 255)
    assert data["image/svg+xml"] == SVG  # the SVG stays, for viewers that prefer it
    assert _problems(notebook) == []


def test_a_widget_gets_a_still_of_the_drawing_its_html_shows(readable: ModuleType) -> None:
    widgets = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_slider", "IPY_MODEL_view"]}},
        "slider": {"model_name": "IntSliderModel", "state": {"value": 0}},
        "view": {
            "model_name": "HTMLModel",
            "state": {"value": f"<p>step 1</p><div>{SVG}</div><table></table>"},
        },
    }
    view = {"model_id": "box", "version_major": 2, "version_minor": 0}
    data = {"text/plain": "VBox(children=(IntSlider(value=0), HTML(value='<p>step 1…')))"}
    output = {"output_type": "display_data", "metadata": {}, "data": {**data, readable.WIDGET_VIEW: view}}
    notebook = _notebook([output], widgets)
    assert len(_problems(notebook)) == 1  # before: the widget is only its text
    readable.make_readable(notebook)
    still = notebook["cells"][0]["outputs"][0]["data"]["image/png"]
    assert _pixels(still).getpixel((5, 10)) == (255, 0, 0)
    assert _problems(notebook) == []


def test_a_widget_with_no_drawing_or_no_stored_state_is_left_as_it_was(readable: ModuleType) -> None:
    view = {"model_id": "gone", "version_major": 2, "version_minor": 0}
    output = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/plain": "Button()", readable.WIDGET_VIEW: view},
    }
    notebook = _notebook([output])
    readable.make_readable(notebook)
    assert "image/png" not in notebook["cells"][0]["outputs"][0]["data"]
    assert _problems(notebook) == ["cell 0: a widget stored as its text only: Button()…"]


def test_maths_with_no_plain_text_gets_its_source_without_delimiters(readable: ModuleType) -> None:
    latex = r"$\frac{\partial y}{\partial x_1} = 4$"
    outputs = [
        {"output_type": "display_data", "metadata": {}, "data": {"text/latex": latex}},
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/latex": "$$a$$", "text/plain": "a = 1"},
        },
    ]
    notebook = _notebook(outputs)
    assert len(_problems(notebook)) == 1
    readable.make_readable(notebook)
    assert outputs[0]["data"]["text/plain"] == r"\frac{\partial y}{\partial x_1} = 4"
    assert outputs[1]["data"]["text/plain"] == "a = 1"  # a plain form already there is kept
    assert _problems(notebook) == []
