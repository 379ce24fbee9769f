"""The post-build step both builders run: runtime, calc.zip, the service worker's list."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from hooks import site_build

ROOT = Path(__file__).resolve().parents[2]


def test_calc_zip_holds_the_whole_package_and_is_byte_stable() -> None:
    data = site_build.calc_zip()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sorted(names) == sorted(f"calc/{p.name}" for p in (ROOT / "calc").glob("*.py"))
    assert site_build.calc_zip() == data


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<h1>home</h1>")
    (tmp_path / "gates").mkdir()
    (tmp_path / "gates" / "index.html").write_text("<h1>gates</h1>")
    return tmp_path


def precache_list(site: Path) -> tuple[str, list[str]]:
    sw = (site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'const VERSION = "([0-9a-f]+)";', sw)
    assert version, "the version placeholder was not filled"
    return version[1], json.loads(re.search(r"const FILES = (\[.*?\]);", sw, re.S)[1])


def test_run_ships_the_runtime_and_lists_every_file(tiny_site: Path) -> None:
    site_build.run(tiny_site)
    for name in site_build.PYODIDE_FILES:
        assert (tiny_site / "assets" / "pyodide" / name).stat().st_size > 0
    assert zipfile.is_zipfile(tiny_site / "assets" / "calc.zip")
    _, files = precache_list(tiny_site)
    assert {"./", "./gates/", "./assets/calc.zip", "./assets/pyodide/pyodide.asm.wasm"} <= set(
        files
    )
    assert "./sw.js" not in files


def test_the_version_follows_the_content(tiny_site: Path) -> None:
    site_build.run(tiny_site)
    first, _ = precache_list(tiny_site)
    site_build.run(tiny_site)
    assert precache_list(tiny_site)[0] == first  # same site, same version
    (tiny_site / "gates" / "index.html").write_text("<h1>gates, revised</h1>")
    site_build.run(tiny_site)
    assert precache_list(tiny_site)[0] != first


def test_a_folder_without_a_site_is_refused(tmp_path: Path) -> None:
    assert site_build.main([str(tmp_path)]) == 1
    assert not (tmp_path / "assets").exists()


def test_a_missing_runtime_names_the_fix(tiny_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_build, "PYODIDE_SRC", tiny_site / "no-node-modules")
    with pytest.raises(site_build.BuildStepError, match="run `npm ci`"):
        site_build.run(tiny_site)
