"""The site in every language (English at the root, Korean in ko/): the same pages at the same
paths, each saying which language it is in and linking its counterparts, one runtime for all."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from test_site_build import page

import calc
from tests.languages import CODES, LANGUAGES, PREFIX, ROOT, addresses

LOCALE = {language["lang"]: language["locale"] for language in LANGUAGES}
FOLDERS = [PREFIX[lang] for lang in CODES if PREFIX[lang]]
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def language_of(address: str) -> str:
    return next(lang for lang in reversed(CODES) if address.startswith(PREFIX[lang]))


class Languages(HTMLParser):
    """What a page says about its language: <html lang>, hreflang links, og:locale, the switch."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.hreflang: dict[str, str] = {}  # <link rel=alternate hreflang> in the head
        self.locales: dict[str, list[str]] = {}  # og:locale, og:locale:alternate
        self.switch: dict[str, str] = {}  # the header's language links: hreflang → href
        self.current: list[str] = []  # the switch's link marked as this page
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "link" and "alternate" in a.get("rel", "").split() and "hreflang" in a:
            self.hreflang[a["hreflang"]] = a["href"]
        elif tag == "meta" and a.get("property", "").startswith("og:locale"):
            self.locales.setdefault(a["property"], []).append(a["content"])
        elif tag == "a" and "md-select__link" in a.get("class", ""):
            self.switch[a["hreflang"]] = a["href"]
            if a.get("aria-current") == "page":
                self.current.append(a["hreflang"])


def read(site_dir: Path, address: str) -> Languages:
    return Languages((site_dir / address / "index.html").read_text(encoding="utf-8"))


def counterparts(site_url: str, address: str) -> dict[str, str]:
    """The page at `address` in every language, as absolute addresses."""
    rest = address.removeprefix(PREFIX[language_of(address)])
    return {lang: site_url + PREFIX[lang] + rest for lang in CODES}


def pages_of(site: Path) -> set[str]:
    """The HTML files of one language's build, relative to its folder."""
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not any(p.relative_to(site).as_posix().startswith(f) for f in FOLDERS)
    }


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_page_exists_in_every_language_at_the_same_path(site_dir: Path, folder: str) -> None:
    english = pages_of(site_dir)
    assert len(english) >= 16
    assert pages_of(site_dir / folder) == english


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_source_page_and_snippet_is_written_in_every_language(folder: str) -> None:
    docs = ROOT / "docs"

    def sources(root: Path) -> set[str]:
        return {
            p.relative_to(root).as_posix()
            for p in root.rglob("*.md")
            if not any(p.relative_to(root).as_posix().startswith(f) for f in FOLDERS)
        }

    assert sources(docs / folder) == sources(docs)


@pytest.mark.parametrize("address", addresses(), ids=lambda a: a or "home")
def test_each_page_says_its_language_and_links_the_same_page_in_the_others(
    site_dir: Path, site_url: str, address: str
) -> None:
    page, lang = read(site_dir, address), language_of(address)
    same_page = counterparts(site_url, address)
    assert page.lang == lang
    assert page.hreflang == {**same_page, "x-default": same_page[CODES[0]]}
    assert page.locales == {
        "og:locale": [LOCALE[lang]],
        "og:locale:alternate": [LOCALE[x] for x in CODES if x != lang],
    }
    # The switch works without JavaScript: plain links, relative, so a saved copy keeps them.
    here = site_url + address
    assert {k: urljoin(here, href) for k, href in page.switch.items()} == same_page
    assert not [href for href in page.switch.values() if "://" in href]
    assert page.current == [lang]


@pytest.mark.parametrize("lang", CODES)
def test_each_sitemap_pairs_every_page_with_its_counterparts(
    site_dir: Path, site_url: str, lang: str
) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site_dir / PREFIX[lang] / "sitemap.xml").getroot().findall("s:url", ns)
    assert len(urls) == len([a for a in addresses() if language_of(a) == lang])
    for url in urls:
        loc = url.findtext("s:loc", namespaces=ns) or ""
        same_page = counterparts(site_url, loc.removeprefix(site_url))
        links = {x.get("hreflang"): x.get("href") for x in url.findall("x:link", ns)}
        assert links == {**same_page, "x-default": same_page[CODES[0]]}, loc


@pytest.mark.parametrize("lang", CODES)
def test_the_not_found_page_is_in_each_language(site_dir: Path, lang: str) -> None:
    html = (site_dir / PREFIX[lang] / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    heading = re.search(r"<h1>(.*?)</h1>", html)
    assert heading and heading[1].startswith("404")
    assert ("페이지를 찾을 수 없습니다" in heading[1]) == (lang == "ko")


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_language_runs_the_one_runtime_at_the_site_root(
    site_dir: Path, site_url: str, folder: str
) -> None:
    """The page script finds the worker, Pyodide, calc.zip, the stdlib and sw.js beside
    itself, so a page in ko/ loading the root's script shares them all (and the cache)."""
    for address in (a for a in addresses() if a.startswith(folder)):
        html = (site_dir / address / "index.html").read_text(encoding="utf-8")
        scripts = [
            urljoin(site_url + address, s) for s in re.findall(r'<script src="([^"]+)"', html)
        ]
        assert site_url + "assets/js/calc-page.js" in scripts, address
        assert not [s for s in scripts if s.startswith(site_url + folder + "assets/js/")]
    for own_copy in ("assets/js", "assets/pyodide", "assets/calc.zip", "assets/css", "sw.js"):
        assert not (site_dir / folder / own_copy).exists(), own_copy


def test_korean_search_reads_korean(site_dir: Path) -> None:
    """lunr's Korean pipeline, over the Korean pages' own words (the search itself: e2e)."""
    index = json.loads((site_dir / "ko/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["ko"]
    assert any("평가셋" in doc["text"] for doc in index["docs"])
    assert (site_dir / "ko/assets/javascripts/lunr/min/lunr.ko.min.js").is_file()


@pytest.mark.parametrize(
    ("address", "name"),
    [("gates/roi/", "roi"), ("cost/", "labeling"), ("poc/", "poc"), ("data/", "data_volume")],
)
@pytest.mark.parametrize("folder", FOLDERS)
def test_every_language_shows_the_same_numbers(
    site_dir: Path, folder: str, address: str, name: str
) -> None:
    """The same calc, the same figures: whatever words surround them, every number a widget
    shows at first paint is the same in every language, digits and grouping included."""
    expected = calc.run(name, calc.defaults(name))["display"]
    shown = page(site_dir, folder + address).widgets[name]["outputs"]
    assert shown
    for key, text in shown.items():
        assert NUMBER.findall(text) == NUMBER.findall(expected[key]), key


@pytest.mark.parametrize("address", [a for a in addresses() if language_of(a) != CODES[0]])
def test_every_section_has_the_same_anchor_in_every_language(site_dir: Path, address: str) -> None:
    """`gates/roi/#when-you-are-blocked` and `ko/gates/roi/#when-you-are-blocked` are the same
    section, so a link to a section survives a switch of language (and the Korean headings get
    readable ids, not what slugify makes of Hangul)."""
    english = address.removeprefix(PREFIX[language_of(address)])

    def sections(at: str) -> list[str]:
        html = (site_dir / at / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<h[23] id="([^"]+)"', html)

    assert sections(address) == sections(english)


@pytest.mark.parametrize("address", [a for a in addresses() if language_of(a) != CODES[0]])
def test_every_page_has_the_same_calculators_in_every_language(
    site_dir: Path, address: str
) -> None:
    english = address.removeprefix(PREFIX[language_of(address)])
    widgets = page(site_dir, address).widgets
    assert set(widgets) == set(page(site_dir, english).widgets)
    for name, widget in widgets.items():  # the same fields, so the same links and answers
        assert (
            widget["attrs"]["data-fields"]
            == page(site_dir, english).widgets[name]["attrs"]["data-fields"]
        )
