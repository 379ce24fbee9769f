"""The built site as published: its own address in every page, link previews, the security
policy, and what the service worker keeps (tests/conftest.py builds it for SITE_URL)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.languages import CODES, PREFIX, ROOT, nav, site_name

POLICY = re.compile(
    r"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'(?P<hashes>( 'sha256-[^']+')*); "
    r"worker-src 'self'; connect-src 'self'; img-src 'self' data:; "
    r"style-src 'self' 'unsafe-inline'"
)


# Address → title of every page, each language's under its folder (tests/languages.py).
NAV = {PREFIX[lang] + a: title for lang in CODES for a, title in nav(lang).items()}


def language_of(address: str) -> str:
    return next(lang for lang in reversed(CODES) if address.startswith(PREFIX[lang]))


class Head(HTMLParser):
    """What a link preview or a policy reads: meta and link tags, and every inline script."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.scripts: list[str] = []  # inline scripts that run (not data blocks)
        self.order: list[str] = []  # "policy" and "script", in document order
        self._script: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name") or a.get("http-equiv")
            if key:
                self.meta[key] = a.get("content", "")
            if a.get("http-equiv") == "Content-Security-Policy":
                self.order.append("policy")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "script":
            self.order.append("script")
            runs = a.get("type", "text/javascript") in ("text/javascript", "module")
            self._script = [] if runs and "src" not in a else None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def head(site_dir: Path, address: str) -> Head:
    return Head((site_dir / address / "index.html").read_text(encoding="utf-8"))


def every_page(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


# --- the site's own address ----------------------------------------------------------------------


@pytest.mark.parametrize("address", NAV)
def test_every_page_names_its_published_address(
    site_dir: Path, site_url: str, address: str
) -> None:
    page = head(site_dir, address)
    assert page.canonical == site_url + address
    assert page.meta["og:url"] == site_url + address


@pytest.mark.parametrize("lang", CODES)
def test_the_sitemap_lists_the_published_addresses(site_dir: Path, site_url: str, lang) -> None:
    """One sitemap per language folder, of its own pages: Material's instant navigation reads
    it to know which links lead to pages of the same build."""
    sitemap = site_dir / PREFIX[lang] / "sitemap.xml"
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text())
    assert sorted(listed) == sorted(site_url + a for a in NAV if language_of(a) == lang)


# --- link previews -------------------------------------------------------------------------------


@pytest.mark.parametrize("address", NAV)
def test_a_shared_link_previews_with_the_pages_own_title_and_summary(
    site_dir: Path, address: str
) -> None:
    meta = head(site_dir, address).meta
    lang = language_of(address)
    home = address == PREFIX[lang]
    assert meta["og:title"] == (site_name(lang) if home else NAV[address])
    assert meta["og:site_name"] == site_name(lang)
    assert meta["og:type"] == ("website" if home else "article")
    assert meta["twitter:card"] == "summary"
    # The summary is the page's own front-matter description, also the search engines' snippet.
    assert meta["og:description"] == meta["description"]
    assert 40 <= len(meta["description"]) <= 200


def test_every_page_has_a_summary_of_its_own(site_dir: Path) -> None:
    summaries = [head(site_dir, a).meta["og:description"] for a in NAV]
    assert len(set(summaries)) == len(NAV)


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("gates/prompt-rag/", "Gate 1: Prompt + RAG"),
        ("gates/eval-set/", "Gate 2: eval set"),
        ("gates/roi/", "Gate 3: ROI"),
        ("gates/retraining/", "Gate 4: retraining"),
        ("ko/gates/prompt-rag/", "게이트 1: 프롬프트 + RAG"),
        ("ko/gates/eval-set/", "게이트 2: 평가셋"),
        ("ko/gates/roi/", "게이트 3: ROI"),
        ("ko/gates/retraining/", "게이트 4: 재학습"),
    ],
)
def test_a_gate_link_unfurls_with_that_gates_name(site_dir: Path, address: str, name: str) -> None:
    meta = head(site_dir, address).meta
    assert meta["og:title"] == name
    assert meta["og:description"].startswith(name.split(":")[0] + ":")


# --- the security policy -------------------------------------------------------------------------


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_every_page_carries_the_policy_before_any_script(site_dir: Path) -> None:
    policies = set()
    for page in every_page(site_dir):
        parsed = Head(page.read_text(encoding="utf-8"))
        assert parsed.order[0] == "policy", page
        policies.add(parsed.meta["Content-Security-Policy"])
    assert len(policies) == 1  # instant navigation keeps the first page's policy for all


def test_the_policy_allows_every_inline_script_and_nothing_else(site_dir: Path) -> None:
    policy = Head((site_dir / "index.html").read_text(encoding="utf-8")).meta
    found = POLICY.fullmatch(policy["Content-Security-Policy"])
    assert found, policy["Content-Security-Policy"]
    allowed = set(found["hashes"].split())
    inline = {_hash(s) for p in every_page(site_dir) for s in Head(p.read_text()).scripts}
    # Material's storage helpers (one per page depth), palette restore and tabbed anchors.
    assert len(inline) >= 3
    assert allowed == inline


def test_hosts_that_take_headers_get_the_same_policy(site_dir: Path) -> None:
    meta = Head((site_dir / "index.html").read_text(encoding="utf-8")).meta
    header = (site_dir / "_headers").read_text(encoding="utf-8")
    assert header == f"/*\n  Content-Security-Policy: {meta['Content-Security-Policy']}\n"


# --- what the service worker keeps ---------------------------------------------------------------


@pytest.fixture(scope="module")
def manifest(site_dir: Path) -> dict:
    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"^const MANIFEST = (\{.*\});$", sw, re.M)[1])


@pytest.mark.parametrize("lang", CODES)
def test_pages_styles_scripts_and_search_of_every_language_are_kept_ahead(
    site_dir: Path, manifest: dict, lang: str
) -> None:
    core, folder = set(manifest["core"]), PREFIX[lang]
    pages = {f"./{a}" for a in NAV if language_of(a) == lang}
    assert pages | {f"./{folder}404.html", f"./{folder}search/search_index.json"} <= core
    for kind in ("stylesheets/*.css", "javascripts/*.js", "javascripts/workers/*.js"):
        for file in (site_dir / folder / "assets").glob(kind):
            assert f"./{file.relative_to(site_dir).as_posix()}" in core
    assert f"./{folder}sitemap.xml" in core
    assert {"./assets/js/calc-page.js", "./assets/css/calc.css"} <= core
    assert not [a for a in core if a.endswith(".map")]


def test_only_the_search_languages_the_pages_use_are_kept(manifest: dict) -> None:
    """English search needs no lunr language file; Korean (ko/) needs lunr.ko and the stemmer
    support it builds on. Material ships 30 languages."""
    lunr = {a for a in manifest["core"] if "/lunr/" in a}
    assert lunr == {
        "./ko/assets/javascripts/lunr/min/lunr.ko.min.js",
        "./ko/assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    }


def test_what_is_kept_ahead_is_small(manifest: dict) -> None:
    """Opening any page downloads this much for offline reading (2.1 MB measured, both
    languages, each about 1 MB), not the runtime (13.6 MB): that waits for a calculator or the
    reader's "Keep available offline"."""
    assert sum(size for _, size in manifest["core"].values()) < 2_600_000


def test_the_runtime_is_kept_when_asked(site_dir: Path, manifest: dict) -> None:
    runtime = set(manifest["runtime"])
    shipped = {
        f"./{p.relative_to(site_dir).as_posix()}"
        for p in (site_dir / "assets" / "pyodide").iterdir()
    }
    assert runtime == shipped | {"./assets/calc.zip", "./assets/js/calc-worker.js"}
    size = sum(entry[1] for entry in manifest["runtime"].values())
    meta = Head((site_dir / "gates/roi/index.html").read_text(encoding="utf-8")).meta
    assert meta["calc-offline"] == str(size)


# --- the GitHub Pages workflow -------------------------------------------------------------------


def test_the_pages_workflow_tests_first_then_builds_for_the_pages_address() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = [s.get("run") or s["uses"].split("@")[0] for s in build["steps"]]
    assert steps.index("make test-fast") < steps.index("actions/configure-pages")
    assert steps.index("actions/configure-pages") < steps.index("make build")
    assert steps[-1] == "actions/upload-pages-artifact"
    pages = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-"))
    make_build = next(s for s in build["steps"] if s.get("run") == "make build")
    expression = "steps." + pages["id"] + ".outputs.base_url"
    assert make_build["env"]["SITE_URL"] == "${{ " + expression + " }}/"
    assert build["steps"][-1]["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
