"""The built site: every address, every prerendered widget, the prose numbers, no third parties."""

from __future__ import annotations

import ast
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import calc

ROOT = Path(__file__).resolve().parents[2]

GATE_PAGES = ["gates/", "gates/prompt-rag/", "gates/eval-set/", "gates/roi/", "gates/retraining/"]
PAGES = [
    "",
    *GATE_PAGES,
    "ceilings/",
    "approaches/",
    "readiness/",
    "data/",
    "poc/",
    "cost/",
    "pitfalls/",
    "operations/",
    "exercises/",
    "sources/",
]
WIDGETS = {
    "gates/": {"gates", "record"},
    "gates/roi/": {"roi"},
    "approaches/": {"approach"},
    "readiness/": {"readiness"},
    "data/": {"data_volume"},
    "poc/": {"poc"},
    "cost/": {"labeling", "roi"},
}


class Page(HTMLParser):
    """Collects what the tests look at: widgets with their outputs, and every URL the page uses."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.widgets: dict[str, dict] = {}
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self._calc: list[str] = []
        self._output: str | None = None
        self.text_parts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("data-calc"):
            self._calc.append(a["data-calc"])
            self.widgets[a["data-calc"]] = {"attrs": a, "outputs": {}, "inputs": {}, "tag": tag}
        if self._calc and tag in ("input", "select") and a.get("name"):
            self.widgets[self._calc[-1]]["inputs"].setdefault(a["name"], a)
        if tag == "output" and self._calc:
            self._output = a["name"]
            self.widgets[self._calc[-1]]["outputs"][self._output] = ""
        for attr in ("src", "href", "srcset", "poster", "data", "action"):
            if a.get(attr):
                self.urls.append((tag, attr, a[attr]))
        if tag in ("form", "fieldset") and not a.get("data-calc") and self._calc:
            self._calc.append(self._calc[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "output":
            self._output = None
        if tag in ("form", "fieldset") and self._calc:
            self._calc.pop()

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._output:
            self.widgets[self._calc[-1]]["outputs"][self._output] += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def page(site_dir: Path, address: str) -> Page:
    return Page((site_dir / address / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("address", PAGES)
def test_every_page_exists_at_its_address(site_dir: Path, address: str) -> None:
    assert (site_dir / address / "index.html").is_file()


@pytest.mark.parametrize("address", GATE_PAGES)
def test_gate_pages_have_permalinked_headings(site_dir: Path, address: str) -> None:
    html = (site_dir / address / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="[^"]+">.*?<a class="headerlink" href="#', html)


@pytest.mark.parametrize(("address", "names"), WIDGETS.items())
def test_every_widget_is_prerendered_with_calcs_default_results(
    site_dir: Path, address: str, names: set[str]
) -> None:
    widgets = page(site_dir, address).widgets
    assert set(widgets) == names
    for name, widget in widgets.items():
        expected = calc.run(name, calc.defaults(name))
        assert expected["ok"]
        shown = widget["outputs"]
        assert shown, f"{name} on {address} has no outputs"
        assert shown == {k: expected["display"][k] for k in shown}
        # A nested calculator reads the inputs of the form around it too.
        on_page = set().union(*(w["inputs"] for w in widgets.values()))
        assert on_page >= set(widget["attrs"]["data-fields"].split())
        if widget["tag"] == "form":
            assert widget["attrs"]["data-state"] == "static"


def test_roi_page_shows_the_chapters_numbers_without_javascript(site_dir: Path) -> None:
    roi = page(site_dir, "gates/roi/").widgets["roi"]["outputs"]
    assert (roi["cost"], roi["savings"], roi["roi"]) == ("$7,900", "$29,000", "3.7")
    assert roi["verdict"].startswith("Go")


def test_roi_chart_is_prerendered_with_a_table_equivalent(site_dir: Path) -> None:
    html = (site_dir / "gates/roi/index.html").read_text(encoding="utf-8")
    assert '<svg class="calc-chart"' in html
    assert "<caption>ROI at each call volume</caption>" in html


@pytest.mark.parametrize(
    ("address", "name", "key", "inputs"),
    [
        ("cost/", "roi", "cost", {}),
        ("cost/", "roi", "savings", {}),
        ("cost/", "roi", "roi", {}),
        ("cost/", "labeling", "days", {}),
        ("cost/", "labeling", "cost_range", {}),
        ("exercises/", "roi", "roi", {"calls_per_year": "100000"}),
        ("exercises/", "roi", "savings", {"calls_per_year": "100000"}),
    ],
)
def test_prose_numbers_come_from_calc(
    site_dir: Path, address: str, name: str, key: str, inputs: dict[str, str]
) -> None:
    value = calc.run(name, {**calc.defaults(name), **inputs})["display"][key]
    assert value in page(site_dir, address).text


def test_computed_numbers_are_never_typed_by_hand_in_the_sources() -> None:
    typed = re.compile(r"7,900|29,000|2,900|\b0\.37\b|≈ ?3\.7|100 working days")
    root = Path(__file__).resolve().parents[2] / "docs"
    for md in root.rglob("*.md"):
        text = re.sub(r"<!--.*?-->", "", md.read_text(encoding="utf-8"))
        assert not typed.search(text), f"{md}: type it as a calc shortcode instead"


def test_exercise_three_is_a_dont_ship(site_dir: Path) -> None:
    text = page(site_dir, "exercises/").text
    assert "0.37" in text and "$2,900" in text


# --- zero third-party requests ----------------------------------------------------------------

URL_IN_CSS = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")
# Material's bundle names two CDN scripts it loads only when needed: a ResizeObserver polyfill
# for browsers without one, and mermaid for pages with mermaid diagrams. We draw diagrams as
# SVG (checked below), and the browser tests watch every real request.
MATERIAL_CONDITIONAL = {
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
}


def _off_origin(url: str, site_url: str) -> bool:
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return False  # relative: same origin
    if parts.scheme in ("data", "blob", "mailto"):
        return False
    return f"{parts.scheme}://{parts.netloc}/" != site_url


def test_no_page_references_another_origin(site_dir: Path, site_url: str) -> None:
    offenders = []
    for html in site_dir.rglob("*.html"):
        for tag, attr, url in Page(html.read_text(encoding="utf-8")).urls:
            # A plain link is the reader's choice to leave; everything else loads by itself.
            if tag == "a" and attr == "href":
                continue
            if _off_origin(url, site_url):
                offenders.append(f"{html.relative_to(site_dir)}: <{tag} {attr}={url}>")
    for css in site_dir.rglob("*.css"):
        for match in URL_IN_CSS.finditer(css.read_text(encoding="utf-8")):
            url = match[1] or match[2]
            if _off_origin(url, site_url):
                offenders.append(f"{css.relative_to(site_dir)}: {url}")
    assert offenders == []


def test_scripts_load_nothing_from_another_origin(site_dir: Path) -> None:
    found = set()
    for js in site_dir.rglob("*.js"):
        if js.suffix == ".map":
            continue
        found |= set(
            re.findall(
                r"https://unpkg\.com[^\"'`]*|https://cdn\.[^\"'`]*|"
                r"https://fonts\.g[^\"'`]*",
                js.read_text(encoding="utf-8"),
            )
        )
    assert found <= MATERIAL_CONDITIONAL
    assert not list(site_dir.rglob("*.html")) or all(
        'class="mermaid"' not in p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")
    )


def test_no_google_fonts(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


# --- the runtime shipped with the site ---------------------------------------------------------


def test_pyodide_runtime_and_calc_zip_are_self_hosted(site_dir: Path) -> None:
    runtime = site_dir / "assets" / "pyodide"
    assert sorted(p.name for p in runtime.iterdir()) == sorted(
        [
            "pyodide.mjs",
            "pyodide.asm.mjs",
            "pyodide.asm.wasm",
            "python_stdlib.zip",
        ]
    )
    assert (site_dir / "assets" / "calc.zip").stat().st_size > 0


def _stdlib_imports_of_calc() -> set[str]:
    """Every absolute module name calc's source imports, anywhere in a module, with its parents;
    not the command line's (__main__.py), which the browser never runs."""
    names = set()
    for source in Path(calc.__file__).parent.glob("*.py"):
        if source.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return {".".join(n.split(".")[:i]) for n in names for i in range(1, n.count(".") + 2)}


def test_the_trimmed_stdlib_holds_every_module_calc_imports_compiled(site_dir: Path) -> None:
    """The build ships only the stdlib modules Pyodide and calc import; a module calc imports
    that Pyodide keeps in its stdlib zip (not built into the interpreter) must be there."""
    whole = set(zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").namelist())
    trimmed = zipfile.ZipFile(site_dir / "assets" / "pyodide" / "python_stdlib.zip")
    shipped = set(trimmed.namelist())
    assert shipped and all(name.endswith(".pyc") for name in shipped)
    assert len(shipped) < len(whole) / 2
    checked = []
    for module in _stdlib_imports_of_calc():
        path = module.replace(".", "/")
        for source in (f"{path}.py", f"{path}/__init__.py"):
            if source in whole:
                assert source + "c" in shipped, module
                checked.append(module)
    assert {"json", "dataclasses", "collections", "html", "datetime"} <= set(checked)
    assert trimmed.testzip() is None
