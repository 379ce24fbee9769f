"""The post-build step both builders run: runtime, calc.zip, the service worker's list."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from hooks import site_build
from hooks.snapshot import SnapshotError

ROOT = Path(__file__).resolve().parents[2]


def test_calc_zip_holds_the_whole_package_and_is_byte_stable() -> None:
    data = site_build.calc_zip()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sorted(names) == sorted(f"calc/{p.name}" for p in (ROOT / "calc").glob("*.py"))
    assert site_build.calc_zip() == data


@pytest.fixture
def tiny_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A two-page site; the snapshot (Node, seconds; tested in test_hooks_snapshot.py) is a stub."""

    def stub(site: Path) -> Path:
        target = site / "assets" / "pyodide" / "snapshot.bin.gz"
        target.write_bytes(b"snapshot")
        return target

    monkeypatch.setattr(site_build, "write_snapshot", stub)
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


def test_a_snapshot_failure_fails_the_step_with_its_reason(
    tiny_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(site: Path) -> Path:
        raise SnapshotError("snapshot.mjs failed (exit 1)")

    monkeypatch.setattr(site_build, "write_snapshot", broken)
    assert site_build.main([str(tiny_site)]) == 1
    assert "the Pyodide snapshot: snapshot.mjs failed (exit 1)" in capsys.readouterr().err


def test_only_pages_with_a_calculator_hint_the_runtime(tiny_site: Path) -> None:
    head = "<html><head><title>t</title></head><body>{}</body></html>"
    (tiny_site / "index.html").write_text(head.format("<p>no widget</p>"))
    (tiny_site / "gates" / "index.html").write_text(head.format('<form data-calc="gates">'))
    site_build.run(tiny_site)
    site_build.run(tiny_site)  # twice: hints are not added again
    assert "preload" not in (tiny_site / "index.html").read_text()
    gates = (tiny_site / "gates" / "index.html").read_text()
    for name in site_build.RUNTIME_HINTS:
        link = f'<link rel="preload" href="../{name}" as="fetch" crossorigin>'
        assert gates.count(link) == 1, name
    assert gates.index("preload") < gates.index("</head>")
