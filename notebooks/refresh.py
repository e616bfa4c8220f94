"""Run the lessons top to bottom and store them with their outputs, so that every picture can be seen
where the notebooks are read (a code-hosting site shows stored outputs; it runs nothing).

    .venv/bin/python notebooks/refresh.py                 # every lesson
    .venv/bin/python notebooks/refresh.py 01 05           # the lessons whose names start so

The stored outputs are made deterministic, so that refreshing an unchanged lesson changes nothing:
execution timings and widget state are dropped, printed text is joined into one output per stream,
a progress bar (stderr, or a widget) is left out, and a widget's output keeps its plain-text form and a
still picture. Every SVG picture is also stored as PNG and maths has a plain-text form (``readable.py``),
so that a viewer that runs nothing and shows no SVG still shows every picture.
The test suite still executes every lesson itself (nbmake); this command only refreshes what is stored.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError
from readable import make_readable  # beside this file

HERE = Path(__file__).resolve().parent
VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled")
WIDGET = "application/vnd.jupyter.widget-view+json"
# an SVG picture inside HTML, with the XML header, doctype and comments the renderer writes before it
SVG = re.compile(r"(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?(?:<!--.*?-->\s*)*(<svg\b.*?</svg>)", re.S)


def _keep(output: Any) -> bool:
    """Leave out what differs from run to run: progress bars on stderr."""
    return not (output.get("output_type") == "stream" and output.get("name") == "stderr")


def _steady(output: Any) -> Any:
    """A widget's output without its model id (new every run): its plain text stays."""
    data = output.get("data")
    if data and WIDGET in data:
        del data[WIDGET]
    return output


def _shown(output: Any) -> bool:
    """Whether anything of ``output`` is left once its widget model id goes (``_steady``)."""
    data = output.get("data")
    return data is None or any(key != WIDGET for key in data)


def _joined(outputs: list[Any]) -> list[Any]:
    """Consecutive text on the same stream as one output: the kernel cuts printed text into pieces
    wherever its flush timer happens to fire, which would differ from run to run."""
    joined: list[Any] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and output.get("output_type") == previous.get("output_type") == "stream"
            and output.get("name") == previous.get("name")
        ):
            previous["text"] += output["text"]
        else:
            joined.append(output)
    return joined


def _executed(path: Path, tries: int = 3) -> Any:
    """``path`` run top to bottom in a fresh kernel; a kernel that never answers a cell (seen now and
    then on a busy machine, see pyproject's pytest options) is replaced, up to ``tries`` times."""
    for attempt in range(1, tries + 1):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}
        )
        try:
            client.execute()
            return notebook
        except CellTimeoutError:
            if attempt == tries:
                raise
            print(f"  a cell of {path.name} timed out: running it again in a new kernel", flush=True)
    raise AssertionError("unreachable")


def _pictures_apart(output: Any) -> list[Any]:
    """An HTML output holding SVG pictures as each picture (``image/svg+xml``), then the HTML without them."""
    html = output.get("data", {}).get("text/html")
    if html is None:
        return [output]
    text = "".join(html) if isinstance(html, list) else html
    pictures = [match.group(1) for match in SVG.finditer(text)]
    if not pictures:
        return [output]
    output["data"]["text/html"] = SVG.sub("", text)
    images = [nbformat.v4.new_output("display_data", data={"image/svg+xml": svg}) for svg in pictures]
    return [*images, output]


def refresh(path: Path) -> None:
    """Execute ``path`` in a fresh kernel, in the lessons' folder, and write it back with its outputs,
    made readable where nothing runs (``readable.make_readable``: PNG beside SVG, a still picture
    beside each widget, plain text beside maths)."""
    notebook = _executed(path)
    for cell in notebook.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            kept = _joined([output for output in cell.outputs if _keep(output) and _shown(output)])
            cell.outputs = [piece for output in kept for piece in _pictures_apart(output)]
    make_readable(notebook)  # before the widgets' model ids and state go: their stills are read from them
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [_steady(output) for output in cell.outputs]
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def main(prefixes: list[str]) -> None:
    lessons = sorted(HERE.glob("[0-9][0-9]_*.ipynb"))
    chosen = [p for p in lessons if not prefixes or any(p.name.startswith(x) for x in prefixes)]
    if not chosen:
        sys.exit(f"error: no lesson starts with {' or '.join(prefixes)}")
    for path in chosen:
        print(f"running {path.name} ...", flush=True)
        refresh(path)
    print(f"stored the outputs of {len(chosen)} lessons")


if __name__ == "__main__":
    main(sys.argv[1:])
