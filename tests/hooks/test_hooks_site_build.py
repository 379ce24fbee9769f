"""The post-build step both builders run: runtime, calc.zip, the security policy and the
service worker's manifest."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from hooks import site_build
from hooks.stdlib import StdlibError

ROOT = Path(__file__).resolve().parents[2]


def test_calc_zip_holds_the_whole_package_and_is_byte_stable() -> None:
    data = site_build.calc_zip()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    package = [*(ROOT / "calc").glob("*.py"), *(ROOT / "calc").glob("locale/*.po")]
    assert sorted(names) == sorted(p.relative_to(ROOT).as_posix() for p in package)
    assert "calc/locale/ko.po" in names
    assert site_build.calc_zip() == data


HEAD = '<head><meta charset="utf-8"><link rel="canonical" href="https://example.org/t/">'
THEME_SCRIPT = "__md_scope=new URL('.',location)"
PAGE = (
    f"<!doctype html><html>{HEAD}<script>{THEME_SCRIPT}</script>"
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script src="assets/x.js"></script></head><body><h1>{title}</h1></body></html>'
)


@pytest.fixture
def tiny_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small site; the trimmed stdlib (Node, seconds; tested in test_hooks_stdlib.py) is a
    stub."""

    def stub(site: Path) -> Path:
        target = site / "assets" / "pyodide" / "python_stdlib.zip"
        target.write_bytes(b"stdlib")
        return target

    monkeypatch.setattr(site_build, "write_stdlib", stub)
    (tmp_path / "index.html").write_text(PAGE.replace("{title}", "home"))
    (tmp_path / "gates").mkdir()
    (tmp_path / "gates" / "index.html").write_text(PAGE.replace("{title}", "gates"))
    (tmp_path / "404.html").write_text(PAGE.replace("{title}", "not found"))
    lunr = tmp_path / "assets" / "javascripts" / "lunr" / "min"
    lunr.mkdir(parents=True)
    (lunr / "lunr.de.min.js").write_text("/* German search */")
    (tmp_path / "assets" / "x.js").write_text("/* theme */")
    (tmp_path / "assets" / "x.js.map").write_text("{}")
    return tmp_path


def manifest(site: Path) -> dict:
    sw = (site / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"^const MANIFEST = (\{.*\});$", sw, re.M)
    assert found, "the build did not fill in the manifest"
    return json.loads(found[1])


def test_run_ships_the_runtime_and_lists_every_file(tiny_site: Path) -> None:
    site_build.run(tiny_site)
    for name in site_build.PYODIDE_FILES:
        assert (tiny_site / "assets" / "pyodide" / name).stat().st_size > 0
    assert zipfile.is_zipfile(tiny_site / "assets" / "calc.zip")
    files = manifest(tiny_site)
    assert set(files["core"]) == {
        "./",
        "./gates/",
        "./404.html",
        "./assets/x.js",
        "./assets/js/calc-boot.js",
        "./assets/js/calc-page.js",
    }
    assert {
        "./assets/calc.zip",
        "./assets/pyodide/pyodide.asm.wasm",
        "./assets/js/calc-worker.js",
    } <= set(files["runtime"])


def test_every_kept_file_is_listed_with_its_hash_and_size(tiny_site: Path) -> None:
    site_build.run(tiny_site)
    files = manifest(tiny_site)
    for group in ("core", "runtime"):
        for address, (digest, size) in files[group].items():
            path = tiny_site / (address.removeprefix("./") or ".")
            path = path / "index.html" if path.is_dir() else path
            data = path.read_bytes()
            assert (digest, size) == (hashlib.sha256(data).hexdigest(), len(data)), address


def test_the_runtime_is_kept_apart_and_its_size_told_to_every_page(tiny_site: Path) -> None:
    """Python is only downloaded for offline use when a calculator is used or the reader asks;
    the page shows its size before anything is downloaded."""
    site_build.run(tiny_site)
    files = manifest(tiny_site)
    shipped = {f"./assets/pyodide/{p.name}" for p in (tiny_site / "assets" / "pyodide").iterdir()}
    assert "./assets/pyodide/python_stdlib.zip" in shipped
    assert shipped <= set(files["runtime"])
    assert not any("pyodide" in a or "calc.zip" in a for a in files["core"])
    size = sum(entry[1] for entry in files["runtime"].values())
    for page in ("index.html", "gates/index.html", "404.html"):
        html = (tiny_site / page).read_text()
        assert f'<meta name="calc-offline" content="{size}">' in html


def test_source_maps_and_other_languages_search_are_not_kept(tiny_site: Path) -> None:
    site_build.run(tiny_site)
    files = manifest(tiny_site)
    kept = {*files["core"], *files["runtime"]}
    assert not {a for a in kept if "lunr" in a or a.endswith(".map") or "sw.js" in a}


def test_the_version_follows_the_content(tiny_site: Path) -> None:
    site_build.run(tiny_site)
    first = manifest(tiny_site)["version"]
    site_build.run(tiny_site)
    assert manifest(tiny_site)["version"] == first  # same site, same version
    page = tiny_site / "gates" / "index.html"
    page.write_text(page.read_text().replace("<h1>gates</h1>", "<h1>gates, revised</h1>"))
    site_build.run(tiny_site)
    assert manifest(tiny_site)["version"] != first


def test_the_policy_allows_exactly_the_inline_scripts_by_hash(tiny_site: Path) -> None:
    site_build.run(tiny_site)
    digest = base64.b64encode(hashlib.sha256(THEME_SCRIPT.encode()).digest()).decode()
    policy = (tiny_site / "_headers").read_text().split("Content-Security-Policy: ")[1].strip()
    assert policy == (
        f"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{digest}'; "
        "worker-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "style-src 'self' 'unsafe-inline'"
    )
    for page in ("index.html", "gates/index.html", "404.html"):
        html = (tiny_site / page).read_text()
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        assert html.count(meta) == 1, page
        assert html.index(meta) < html.index("<script"), "a policy only covers what follows it"


def test_scripts_are_found_as_a_browser_parses_them(tiny_site: Path) -> None:
    """A `>` inside an attribute, a module, a data block and an external script: only the
    inline scripts a browser runs are hashed, each with exactly its text."""
    runs = ["let a = 1 > 0;", "import('./x.js');", "document.title = '</scrip';"]
    page = tiny_site / "gates" / "index.html"
    page.write_text(
        page.read_text().replace(
            "</head>",
            f'<script data-note="a>b">{runs[0]}</script>'
            f'<script type="module">{runs[1]}</script>'
            f"<SCRIPT>{runs[2]}</SCRIPT>"
            '<script type="text/template"><p>data</p></script>'
            '<script src="x.js" data-x=">"></script></head>',
        )
    )
    site_build.run(tiny_site)
    policy = (tiny_site / "_headers").read_text()
    for body in [THEME_SCRIPT, *runs]:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy, body
    assert policy.count("'sha256-") == 4


def test_the_manifest_is_never_made_before_the_pages_are_final(tiny_site: Path) -> None:
    site_build.ship(tiny_site)
    with pytest.raises(site_build.BuildStepError, match="mark_pages runs first"):
        site_build.write_service_worker(tiny_site)
    assert not (tiny_site / "sw.js").exists()


def test_publishing_twice_leaves_one_policy_and_one_mark(tiny_site: Path) -> None:
    site_build.run(tiny_site)
    once = (tiny_site / "index.html").read_text()
    site_build.run(tiny_site)
    assert (tiny_site / "index.html").read_text() == once


def test_a_site_built_without_its_address_is_refused(tiny_site: Path) -> None:
    """`site_url: !ENV SITE_URL` has no default: without it no page names its address."""
    page = tiny_site / "index.html"
    page.write_text(
        page.read_text().replace('<link rel="canonical" href="https://example.org/t/">', "")
    )
    with pytest.raises(site_build.BuildStepError, match="set SITE_URL"):
        site_build.run(tiny_site)


def test_a_preview_for_mkdocs_serve_gets_no_policy_and_no_offline_copy(tiny_site: Path) -> None:
    """`mkdocs serve` injects an inline live-reload script, and a service worker would answer
    with pages the author has since changed."""
    before = (tiny_site / "index.html").read_text()
    site_build.run(tiny_site, serve=True)
    assert (tiny_site / "assets" / "calc.zip").is_file()
    assert (tiny_site / "index.html").read_text() == before
    assert not (tiny_site / "sw.js").exists() and not (tiny_site / "_headers").exists()


def test_a_folder_without_a_site_is_refused(tmp_path: Path) -> None:
    assert site_build.main([str(tmp_path)]) == 1
    assert not (tmp_path / "assets").exists()


def test_a_missing_runtime_names_the_fix(tiny_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_build, "PYODIDE_SRC", tiny_site / "no-node-modules")
    with pytest.raises(site_build.BuildStepError, match="run `npm ci`"):
        site_build.run(tiny_site)


def test_a_stdlib_failure_fails_the_step_with_its_reason(
    tiny_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(site: Path) -> Path:
        raise StdlibError("stdlib.mjs failed (exit 1)")

    monkeypatch.setattr(site_build, "write_stdlib", broken)
    assert site_build.main([str(tiny_site)]) == 1
    assert "the Python stdlib: stdlib.mjs failed (exit 1)" in capsys.readouterr().err
