"""The documentation site (``.docs/``), built from this clone with the README's command and read back:
every internal link and anchor resolves, nothing is loaded from the network, every public name has an
entry and every lesson a page; then headless Chromium (Debian's package, which ``.ci/run`` installs
when missing) opens the pages and finds every formula typeset by the bundled MathJax, no raw TeX left
in the text and every picture loaded.

Chromium runs each page with a checking script added to a copy of it, which waits for MathJax and
writes what it found into the page; ``--dump-dom`` prints the page as it then is.
"""

from __future__ import annotations

import html
import importlib
import importlib.util
import inspect
import json
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers.browser import CHROMIUM, HEADLESS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / ".docs"
HAS_SPHINX = all(importlib.util.find_spec(name) for name in ("sphinx", "myst_nb", "furo"))
pytestmark = pytest.mark.skipif(not HAS_SPHINX, reason="no docs extra: pip install '.[docs]'")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium (.ci/run installs it)")
FLAGS = [*HEADLESS, "--virtual-time-budget=20000"]  # MathJax typesets asynchronously: let it settle
# Added to a copy of a page: once MathJax is done, record what a reader would see.
CHECK = r"""<script>
window.addEventListener("load", async () => {
  if (window.MathJax && MathJax.startup) { await MathJax.startup.promise; }
  const untypeset = [...document.querySelectorAll(".math")].filter((e) => !e.querySelector("mjx-container"));
  const raw = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("pre, code, script, style, mjx-container, .highlight")) continue;
    if (/\$\$|\\\(|\\\[|\\frac|\\partial|\$[^$\s][^$]*\\[a-z]+[^$]*\$/.test(node.nodeValue)) {
      raw.push(node.nodeValue.trim().slice(0, 100));
    }
  }
  document.body.setAttribute("data-check", JSON.stringify({
    typeset: document.querySelectorAll("mjx-container").length,
    untypeset: untypeset.map((e) => e.textContent.slice(0, 100)),
    tex_errors: [...document.querySelectorAll("mjx-merror")].map((e) => e.textContent),
    raw: raw,
    images: [...document.images].map((i) => [i.getAttribute("src"), i.naturalWidth]),
  }));
});
</script>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built as the README says, into a temporary folder; a warning fails the build."""
    out = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(out / "doctrees"), str(DOCS)]
    done = subprocess.run([*command, str(out / "html")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    problems = [line for line in done.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert not problems, "\n".join(problems[:20])
    return out / "html"


class _Page(HTMLParser):
    """The ids and the addresses (href, src) of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.addresses: list[tuple[str, str]] = []  # (tag, address)
        self.loads: list[str] = []  # what the browser fetches: scripts, stylesheets, pictures, frames

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        for key in ("id", "name"):
            if key in found and (key == "id" or tag == "a"):
                self.ids.add(found[key])
        for key in ("href", "src"):
            if key in found:
                self.addresses.append((tag, found[key]))
        if tag in ("script", "img", "iframe") and "src" in found:
            self.loads.append(found["src"])
        if tag == "link" and "stylesheet" in found.get("rel", "") + found.get("as", ""):
            self.loads.append(found.get("href", ""))


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("_"))


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    parsed = {page: _parsed(page) for page in _pages(site)}
    broken = []
    for page, content in parsed.items():
        for tag, address in content.addresses:
            parts = urlsplit(address)
            if parts.scheme or address.startswith("//") or not address:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: <{tag}> {address} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parsed(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: <{tag}> {address} (no such anchor)")
    assert len(parsed) > 20
    assert not broken, "\n".join(broken[:30])


def test_no_page_loads_anything_from_the_network(site: Path) -> None:
    remote = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
    fetched = [
        f"{page.relative_to(site)}: {address}"
        for page in _pages(site)
        for address in _parsed(page).loads
        if remote.match(address)
    ]
    styles = [
        str(css.relative_to(site))
        for css in site.glob("_static/**/*.css")
        if re.search(r"(?:url\(|@import)\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8"))
    ]
    assert not fetched and not styles, fetched + styles
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert list((site / "_static" / "mathjax").rglob("*.woff"))  # the maths fonts come with it


@pytest.mark.parametrize("package", ["autograd_tiny", "nn"])
def test_every_public_name_has_an_entry_in_the_reference(site: Path, package: str) -> None:
    module = importlib.import_module(package)
    ids = _parsed(site / "api" / f"{package}.html").ids
    missing = []
    for name in module.__all__:
        value = getattr(module, name)
        anchor = f"module-{value.__name__}" if inspect.ismodule(value) else f"{package}.{name}"
        if anchor not in ids:
            missing.append(name)
    assert not missing


def test_every_lesson_and_every_section_of_the_readme_has_a_page(site: Path) -> None:
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert lessons
    for lesson in lessons:
        assert (site / "lessons" / f"{lesson.stem}.html").is_file(), lesson.name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = re.sub(r"^```.*?^```", "", readme, flags=re.S | re.M)  # headings only outside code blocks
    titles = re.findall(r"^## +(.+?)\s*$", readme, flags=re.M)
    assert titles
    for title in titles:
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        assert (site / "guide" / f"{slug}.html").is_file(), title


def _seen(page: Path) -> dict[str, Any]:
    """What Chromium shows of ``page``: it loads a copy with the checking script added."""
    assert CHROMIUM is not None
    text = page.read_text(encoding="utf-8")
    copy = page.with_name(f"{page.stem}.checked.html")
    copy.write_text(text.replace("</body>", f"{CHECK}</body>"), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as profile:
            done = subprocess.run(
                [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", copy.as_uri()],
                capture_output=True,
                text=True,
                timeout=120,
            )
    finally:
        copy.unlink()
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<body[^>]*data-check="([^"]*)"', done.stdout)
    assert found, f"the checking script did not finish on {page.name}"
    result: dict[str, Any] = json.loads(html.unescape(found[1]))
    return result


def _pages_to_open() -> list[str]:
    lessons = [f"lessons/{p.stem}.html" for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    guide = "guide/forward-mode-beside-reverse-mode.html"  # a guide page: its pictures
    return ["index.html", "api/autograd_tiny.html", "api/nn.html", guide, *lessons]


@pytest.fixture(scope="module")
def seen(site: Path) -> dict[str, dict[str, Any]]:
    """What Chromium shows of each page to open, three browsers at a time (each mostly waits)."""
    built = [name for name in _pages_to_open() if (site / name).is_file()]
    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(zip(built, pool.map(lambda name: _seen(site / name), built), strict=True))


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("name", _pages_to_open())
def test_a_page_in_chromium_has_its_maths_typeset_and_its_pictures_loaded(
    site: Path, seen: dict[str, dict[str, Any]], name: str
) -> None:
    page = site / name
    if name not in seen:
        pytest.fail(f"{name} was not built")
    shown = seen[name]
    assert not shown["untypeset"], shown["untypeset"]
    assert not shown["tex_errors"], shown["tex_errors"]
    assert not shown["raw"], shown["raw"]
    assert all(width > 0 for _, width in shown["images"]), [
        src for src, width in shown["images"] if width <= 0
    ]
    source = page.read_text(encoding="utf-8")
    if 'class="math' in source:
        assert shown["typeset"] > 0
    if name.startswith("lessons/") or name == "index.html":
        assert shown["images"], "a lesson (and the home page) shows pictures"
