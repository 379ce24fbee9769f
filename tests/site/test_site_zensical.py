"""The Zensical build must show readers what the MkDocs build shows: same text, same numbers.

Material for MkDocs names Zensical as its successor, and Zensical reads our mkdocs.yml but not
MkDocs hooks. These tests build the site with both (as `make build-zensical` does) and compare,
page by page, the article's visible text and every prerendered widget output. They fail as long
as any rendering still depends on MkDocs' hook system (issue 7: Zensical built without error and
dropped every shortcode).

Compared: the article (`<article class="md-content__inner">`), the page's own content. Ignored:
the theme chrome around it (header, navigation, footer, search UI), which Zensical's templates
legitimately draw differently from Material's, and HTML comments, which readers never see.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_site_languages import Languages

from tests.languages import CODES, PREFIX, addresses

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
# Elements that start a new line of text, so words of adjacent blocks never run together.
BLOCKS = {
    *("address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt"),
    *("fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
    *("header", "hr", "label", "legend", "li", "ol", "output", "p", "pre", "section", "summary"),
    *("table", "tbody", "td", "th", "thead", "tr", "ul"),
}
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


# Every page of every language, and each language's 404 page.
PAGES = [
    *(f"{a}index.html" for a in addresses()),
    *(f"{PREFIX[lang]}404.html" for lang in CODES),
]


class Article(HTMLParser):
    """The article's text as lines, and each widget's prerendered outputs."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.widgets: dict[str, dict[str, dict[str, str]]] = {}
        self._depth = 0  # inside the article while > 0
        self._calc: list[tuple[str, int]] = []  # (calculator, depth of its element)
        self._output: str | None = None
        self._markup: tuple[str, int, list[str]] | None = None  # data-html key, depth, parts
        self.feed(html)
        self.lines = [" ".join(line.split()) for line in self.lines]
        self.lines = [line for line in self.lines if line]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if not self._depth:
            if tag == "article" and "md-content__inner" in (a.get("class") or ""):
                self._depth = 1
            return
        if self._markup:
            self._markup[2].append(f"<{tag}{''.join(f' {k}={v!r}' for k, v in sorted(attrs))}>")
        if tag not in VOID:
            self._depth += 1
        if tag in BLOCKS:
            self.lines.append("")
        if a.get("data-calc"):
            self._calc.append((a["data-calc"], self._depth))
            self.widgets[a["data-calc"]] = {"outputs": {}, "html": {}}
        if self._calc and tag == "output":
            self._output = a.get("name") or ""
            self.widgets[self._calc[-1][0]]["outputs"][self._output] = ""
        if self._calc and a.get("data-html") and tag not in VOID:
            self._markup = (a["data-html"], self._depth, [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._depth or tag in VOID:
            return
        if self._markup and self._depth == self._markup[1]:
            key, _, parts = self._markup
            self.widgets[self._calc[-1][0]]["html"][key] = "".join(parts)
            self._markup = None
        if self._markup:
            self._markup[2].append(f"</{tag}>")
        if self._calc and self._depth == self._calc[-1][1]:
            self._calc.pop()
        if tag == "output":
            self._output = None
        if tag in BLOCKS:
            self.lines.append("")
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._depth:
            return
        self.lines[-1] += data
        if self._output is not None:
            widget = self.widgets[self._calc[-1][0]]["outputs"]
            widget[self._output] = " ".join((widget[self._output] + data).split())
        if self._markup:
            self._markup[2].append(" ".join(data.split()))


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="session")
def zensical_site(request: pytest.FixtureRequest, site_url: str) -> Path:
    """The site as `make build-zensical` builds it, for the same site_url as the MkDocs build."""
    if importlib.util.find_spec("zensical") is None:
        pytest.fail("zensical is not installed: run `make test-fast` (installs requirements.txt)")
    # In pytest's cache folder: Zensical refuses a site_dir outside the project.
    target = request.config.cache.mkdir("zensical-site")
    shutil.rmtree(target)
    env = {
        "SITE_URL": site_url,
        "SITE_URL_KO": f"{site_url}ko/",
        "ZENSICAL_SITE_DIR": str(target),
        "ZENSICAL_SITE_DIR_KO": str(target / "ko"),
        "PYTHONPATH": str(ROOT),
    }
    zensical = [sys.executable, "-m", "zensical", "build", "--clean", "--strict"]
    _run([*zensical, "-f", "zensical.yml"], env)
    _run([*zensical, "-f", "zensical.ko.yml"], env)
    _run([sys.executable, "-m", "hooks.site_build", str(target)], env)
    return target


@pytest.fixture(scope="session")
def sites(site_dir: Path, zensical_site: Path) -> dict[str, Path]:
    return {"mkdocs": site_dir, "zensical": zensical_site}


def _article(site: Path, page: str) -> Article:
    path = site / page
    assert path.is_file(), f"{page} was not built"
    return Article(path.read_text(encoding="utf-8"))


def test_the_pages_compared_are_every_page_mkdocs_built(site_dir: Path) -> None:
    assert {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")} == set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_same_article_text_under_both_builders(sites: dict[str, Path], page: str) -> None:
    mkdocs, zensical = (_article(sites[b], page) for b in ("mkdocs", "zensical"))
    assert mkdocs.lines, f"{page}: the MkDocs build has no article text"
    assert zensical.lines == mkdocs.lines


@pytest.mark.parametrize("page", PAGES)
def test_same_prerendered_outputs_under_both_builders(sites: dict[str, Path], page: str) -> None:
    mkdocs, zensical = (_article(sites[b], page) for b in ("mkdocs", "zensical"))
    assert zensical.widgets == mkdocs.widgets


def test_the_comparison_sees_every_widget(site_dir: Path) -> None:
    """Guards the test above against comparing two empty pages."""
    roi = _article(site_dir, "gates/roi/index.html").widgets["roi"]
    assert roi["outputs"]["roi"] == "3.7"
    assert "<svg" in roi["html"]["chart"]


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_no_shortcode_survives_into_html(sites: dict[str, Path], builder: str) -> None:
    left = [
        str(p.relative_to(sites[builder]))
        for p in sorted(sites[builder].rglob("*.html"))
        if "<!-- calc:" in p.read_text(encoding="utf-8")
    ]
    assert left == []


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_both_builds_ship_the_live_runtime(sites: dict[str, Path], builder: str) -> None:
    shipped = [sites[builder] / "assets" / "pyodide" / name for name in RUNTIME]
    shipped.append(sites[builder] / "assets" / "calc.zip")
    assert [p.name for p in shipped if not p.is_file() or not p.stat().st_size] == []
    sw = (sites[builder] / "sw.js").read_text(encoding="utf-8")
    assert "__VERSION__" not in sw and "./assets/calc.zip" in sw


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_both_builds_carry_link_previews_and_the_security_policy(
    sites: dict[str, Path], builder: str, site_url: str
) -> None:
    """Zensical reads theme.custom_dir (docs/overrides/main.html) and site_build's policy."""
    html = (sites[builder] / "gates" / "roi" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert '<meta property="og:title" content="Gate 3: ROI">' in head
    assert '<meta name="twitter:card" content="summary">' in head
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head)
    assert canonical and canonical[1] == f"{site_url}gates/roi/"


@pytest.mark.parametrize("page", [p for p in PAGES if not p.endswith("404.html")])
def test_both_builds_link_every_page_to_the_same_counterparts(
    sites: dict[str, Path], page: str
) -> None:
    """The language switch, hreflang links, og:locale and <html lang> come from our templates,
    which both builders render (Zensical's are minijinja, not Jinja2)."""
    mkdocs, zensical = (
        Languages((sites[b] / page).read_text(encoding="utf-8")) for b in ("mkdocs", "zensical")
    )
    assert mkdocs.switch, f"{page}: no language switch"
    for seen in ("lang", "hreflang", "locales", "switch", "current"):
        assert getattr(zensical, seen) == getattr(mkdocs, seen), seen


@pytest.mark.parametrize("folder", ["", *(PREFIX[lang] for lang in CODES if PREFIX[lang])])
def test_both_builds_write_the_same_sitemaps(sites: dict[str, Path], folder: str) -> None:
    def entries(site: Path) -> list[str]:
        xml = (site / folder / "sitemap.xml").read_text(encoding="utf-8")
        return sorted(" ".join(e.split()) for e in re.findall(r"<url>.*?</url>", xml, re.S))

    assert entries(sites["zensical"]) == entries(sites["mkdocs"])
