"""Sphinx configuration of the documentation site (build it with the command in the README).

Sphinx with MyST-NB, as the scientific Python projects build theirs: the README's guide and the API
reference from the docstrings (autodoc, Google style through napoleon), and the lessons with their
stored outputs (MyST-NB, never executed here). Maths is typeset by a MathJax bundled in a PyPI package
(sphinx-mathjax-offline) and copied into the site: no page loads anything from the network.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path[:0] = [str(ROOT), str(DOCS)]  # the packages from this clone; generate.py beside this file

from docstrings import process  # noqa: E402  (needs the path above)
from generate import write_sources  # noqa: E402

write_sources(DOCS, ROOT)

project = "autograd-tiny"
author = "autograd-tiny contributors"
copyright = "autograd-tiny contributors (MIT licence)"

extensions = [
    "myst_nb",  # Markdown (MyST) pages and notebooks
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # Google-style Args/Returns/Raises
    "sphinx-mathjax-offline",  # MathJax 3 from the package, copied into _static/mathjax
]
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "README.md"]
suppress_warnings = ["myst.header"]  # tests/benchmarks/RESULTS.md (written by the benchmark) skips levels

# MyST: $…$ and $$…$$ maths as in the lessons; heading anchors as a code host makes them
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
myst_heading_slug_func = "generate.slug"

# the lessons are shown with their stored outputs (notebooks/refresh.py stores them); nothing runs
nb_execution_mode = "off"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # Attributes: as a field list (one description per attribute, not two)

html_theme = "furo"
html_title = "autograd-tiny"
html_static_path: list[str] = []
html_show_sourcelink = False


def setup(app: object) -> None:
    """Plain-text docstrings made safe for reStructuredText, before napoleon reads their sections."""
    app.connect("autodoc-process-docstring", process, priority=400)  # type: ignore[attr-defined]
