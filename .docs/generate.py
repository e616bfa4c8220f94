"""The site's generated pages, written by ``conf.py`` before Sphinx reads anything: the README's guide
split into one page per ``##`` section, the API reference of every name in ``autograd_tiny.__all__`` and
``nn.__all__`` (so a new public name appears by itself), and a copy of each lesson with its stored
outputs. Everything written here is ignored by git (``.docs/.gitignore``); a file is only rewritten
when its text changes, so a second build reads again only what changed.
"""

from __future__ import annotations

import importlib
import inspect
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from docstrings import as_rst

GENERATED = ("guide", "api", "lessons", "index.md")  # under .docs/, all ignored by git
PACKAGES = ("autograd_tiny", "nn")
FENCE = re.compile(r"^(```|~~~)")
HEADING = re.compile(r"^(#{1,6}) +(.*?) *#* *$")
LINK = re.compile(r"(!?\[[^\]]*\])\(([^)\s]+)\)")
LESSON = re.compile(
    r"(?<!\[)(`(?:notebooks/)?([0-9][0-9]_\w+\.ipynb)`)(?!\])"
)  # a lesson named in code: linked


def slug(title: str) -> str:
    """A heading's anchor as a code host makes it (lower case, punctuation dropped, spaces → ``-``), so
    that the README's ``(#the-lessons-notebooks)`` links work on the site too. Sphinx uses it as well
    (``myst_heading_slug_func`` in ``conf.py``)."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` unless it is already there (Sphinx rereads a page whose file changed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    """Copy a file unless an identical one is there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


@dataclass
class _Page:
    """One guide page: its file name (no suffix) and its Markdown lines."""

    name: str
    lines: list[str] = field(default_factory=list)


def _sections(readme: str) -> list[_Page]:
    """The README cut at each ``##`` heading (not inside a fenced block); the part before the first one
    is ``index``. Headings move up one level, so each page has one title."""
    pages = [_Page("index")]
    fenced = False
    for line in readme.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else HEADING.match(line)
        if heading and len(heading[1]) == 2:
            pages.append(_Page(slug(heading[2])))
        if heading and len(heading[1]) >= 2:
            line = f"{heading[1][1:]} {heading[2]}"
        pages[-1].lines.append(line)
    return pages


def _anchors(pages: list[_Page]) -> dict[str, str]:
    """Where each heading's anchor lives: slug → page name."""
    where: dict[str, str] = {}
    for page in pages:
        fenced = False
        for line in page.lines:
            fenced = fenced != bool(FENCE.match(line))
            heading = None if fenced else HEADING.match(line)
            if heading:
                where.setdefault(slug(heading[2]), page.name)
    return where


class _Links:
    """Rewrites the README's links for a page of the site: anchors to the page holding them, lessons to
    their pages (a lesson named as code, `01_….ipynb`, too), other files of the repository copied beside
    the guide (a Markdown file becomes a page)."""

    def __init__(self, root: Path, docs: Path, anchors: dict[str, str]) -> None:
        self.root, self.docs, self.anchors = root, docs, anchors
        self.extra_pages: list[str] = []

    def page_link(self, page: str, here: str) -> str:
        """The link from page ``here`` (``index`` is the home page, the others are in guide/) to ``page``."""
        if here == "index":
            return "index.md" if page == "index" else f"guide/{page}.md"
        return "../index.md" if page == "index" else f"{page}.md"

    def target(self, url: str, here: str) -> str | None:
        """The rewritten address, or None when the README points at something that is not there."""
        if re.match(r"^[a-z][a-z0-9+.-]*:", url):  # https:, mailto:, …
            return url
        if url.startswith("#"):
            page = self.anchors.get(url[1:])
            if page is None:
                return None
            return url if page == here else f"{self.page_link(page, here)}{url}"
        path, _, anchor = url.partition("#")
        source = self.root / path
        if not source.is_file():
            return None
        up = "" if here == "index" else "../"
        if source.parent == self.root / "notebooks" and source.suffix == ".ipynb":
            return f"{up}lessons/{source.name}" + (f"#{anchor}" if anchor else "")
        _copy(source, self.docs / "guide" / "files" / path)
        if source.suffix == ".md":
            self.extra_pages.append(f"guide/files/{Path(path).with_suffix('')}")
        return f"{'guide/' if here == 'index' else ''}files/{path}" + (f"#{anchor}" if anchor else "")

    def rewrite(self, lines: list[str], here: str) -> list[str]:
        """``lines`` with every link outside fenced blocks rewritten; a dead link keeps only its text."""

        def one(match: re.Match[str]) -> str:
            new = self.target(match[2], here)
            if new is None:
                return match[1][1:-1] if not match[1].startswith("!") else match[1][2:-1]
            return f"{match[1]}({new})"

        def lesson(match: re.Match[str]) -> str:
            path = self.root / "notebooks" / match[2]
            return (
                f"[{match[1]}]({self.target(str(path.relative_to(self.root)), here)})"
                if path.is_file()
                else match[0]
            )

        out, fenced = [], False
        for line in lines:
            fenced = fenced != bool(FENCE.match(line))
            out.append(line if fenced else LESSON.sub(lesson, LINK.sub(one, line)))
        return out


def _lessons(root: Path, docs: Path) -> list[str]:
    """Copy every lesson (with its stored outputs; nothing is run) and its pictures; their page names."""
    names = []
    for notebook in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        _copy(notebook, docs / "lessons" / notebook.name)
        names.append(f"lessons/{notebook.stem}")
    images = root / "notebooks" / "images"
    for picture in sorted(images.rglob("*")) if images.is_dir() else []:
        if picture.is_file():
            _copy(picture, docs / "lessons" / "images" / picture.relative_to(images))
    return names


def _directive(package: str, name: str, seen: dict[int, str]) -> str:
    """The autodoc directive for one public name (a repeated object points to where it is documented)."""
    value = getattr(importlib.import_module(package), name)
    if id(value) in seen and not inspect.ismodule(value):
        same = f"The same object as :py:obj:`{seen[id(value)]}`."
        return f".. py:data:: {name}\n   :module: {package}\n\n   {same}\n"
    seen[id(value)] = f"{package}.{name}"
    if inspect.ismodule(value):
        return f".. automodule:: {value.__name__}\n   :members:\n"
    if inspect.isclass(value):
        return f".. autoclass:: {package}.{name}\n   :members:\n   :show-inheritance:\n"
    if callable(value):
        return f".. autofunction:: {package}.{name}\n"
    kind = type(value).__name__
    return f".. py:data:: {name}\n   :module: {package}\n   :type: {kind}\n\n   {_described(value)}\n"


def _described(value: object) -> str:
    """A table's keys, or a short value: what a constant holds, for a constant with no docstring."""
    if isinstance(value, Mapping):
        keys = ", ".join(f"``{key}``" for key in value)
        return f"A ``{type(value).__name__}`` of {len(value)} entries: {keys}."
    shown = repr(value)
    return f"``{shown if len(shown) < 80 else shown[:77] + '...'}``"


def _link(package: str, name: str) -> str:
    """A cross-reference to where ``package.name`` is documented (a module under its own name)."""
    value = getattr(importlib.import_module(package), name)
    if inspect.ismodule(value):
        return f":py:mod:`{name} <{value.__name__}>`"
    return f":py:obj:`~{package}.{name}`"


def _summary(value: object) -> str:
    """The first sentence of an object's docstring, or what a constant holds."""
    if not (inspect.ismodule(value) or inspect.isclass(value) or callable(value)):
        return _described(value)
    first = (inspect.getdoc(value) or "").split("\n\n")[0].replace("\n", " ")
    return as_rst(first)


def _api(package: str, seen: dict[int, str]) -> str:
    """The reference page of ``package``: its docstring, a table of every name of ``__all__`` with its
    first line, then each name documented from its docstring."""
    module = importlib.import_module(package)
    names = list(module.__all__)
    title = f"``{package}``"
    rows = "".join(
        f"   * - {_link(package, name)}\n     - {_summary(getattr(module, name))}\n" for name in names
    )
    entries = "\n".join(_directive(package, name, seen) for name in names)
    return (
        f"{title}\n{'=' * len(title)}\n\n.. automodule:: {package}\n   :no-members:\n\n"
        f".. rubric:: Every public name (``{package}.__all__``)\n\n"
        f".. list-table::\n   :widths: 1 3\n\n{rows}\n{entries}"
    )


def write_sources(docs: Path, root: Path) -> None:
    """Write the generated pages of the site into ``docs`` from the repository at ``root``."""
    pages = _sections((root / "README.md").read_text(encoding="utf-8"))
    links = _Links(root, docs, _anchors(pages))
    for page in pages:
        page.lines = links.rewrite(page.lines, page.name)
    for page in pages[1:]:
        _write(docs / "guide" / f"{page.name}.md", "\n".join(page.lines) + "\n")
    seen: dict[int, str] = {}
    for package in PACKAGES:
        _write(docs / "api" / f"{package}.rst", _api(package, seen))
    lessons = _lessons(root, docs)

    def toctree(caption: str, entries: list[str], hidden: bool = False) -> str:
        options = f":caption: {caption}\n:maxdepth: 1\n" + (":hidden:\n" if hidden else "")
        return "```{toctree}\n" + options + "\n" + "\n".join(entries) + "\n```\n"

    home = "\n".join(pages[0].lines) + "\n\n"
    home += toctree("Guide", [f"guide/{page.name}" for page in pages[1:]])
    home += toctree("Lessons", lessons)
    home += toctree("API reference", [f"api/{package}" for package in PACKAGES])
    if links.extra_pages:
        home += toctree("Files", sorted(set(links.extra_pages)), hidden=True)
    _write(docs / "index.md", home)
