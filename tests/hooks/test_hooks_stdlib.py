"""The build's trimmed Python stdlib: made by Node once per Python change, then copied from a
cache.

Node is replaced by a fake that records its calls, so "a warm build does not run Node" is seen
directly rather than through timing; the real script runs in every site build (tests/site, and
the browser tests boot what it made).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from hooks import stdlib


def fake_zip(out: Path, text: str) -> None:
    with zipfile.ZipFile(out / stdlib.STDLIB, "w") as zf:
        zf.writestr("made-for.txt", text)


def made_for(site: Path) -> str:
    with zipfile.ZipFile(site / stdlib.TARGET / stdlib.STDLIB) as zf:
        return zf.read("made-for.txt").decode()


class FakeNode:
    """Stands in for `node scripts/stdlib.mjs`: a zip that names the calc.zip it was made for."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, calc_zip: Path, out: Path) -> None:
        self.calls += 1
        fake_zip(out, calc_zip.read_text())


@pytest.fixture
def node(monkeypatch: pytest.MonkeyPatch) -> FakeNode:
    fake = FakeNode()
    monkeypatch.setattr(stdlib, "run_node", fake)
    return fake


def make_site(root: Path, calc_zip: str = "calc.zip bytes") -> Path:
    site = root / "site"
    (site / "assets" / "pyodide").mkdir(parents=True)
    (site / "assets" / "calc.zip").write_text(calc_zip)
    return site


def test_the_key_follows_pyodide_calc_and_the_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package.json"
    script = tmp_path / "stdlib.mjs"
    package.write_text('{"version": "314.0.7"}')
    script.write_text("// v1")
    monkeypatch.setattr(stdlib, "PYODIDE_PACKAGE", package)
    monkeypatch.setattr(stdlib, "SCRIPT", script)

    key = stdlib.cache_key(b"zip 1")
    assert stdlib.cache_key(b"zip 1") == key
    assert stdlib.cache_key(b"zip 2") != key
    package.write_text('{"version": "314.0.8"}')
    assert stdlib.cache_key(b"zip 1") != key
    package.write_text('{"version": "314.0.7"}')
    script.write_text("// v2")
    assert stdlib.cache_key(b"zip 1") != key


def test_a_warm_build_copies_the_cached_stdlib_without_running_node(
    tmp_path: Path, node: FakeNode
) -> None:
    cache = tmp_path / "cache"
    first = make_site(tmp_path / "a")
    assert stdlib.write_stdlib(first, cache) == first / stdlib.TARGET / stdlib.STDLIB
    assert made_for(first) == "calc.zip bytes"
    assert node.calls == 1

    second = make_site(tmp_path / "b")
    stdlib.write_stdlib(second, cache)
    assert node.calls == 1
    assert made_for(second) == "calc.zip bytes"


def test_a_python_change_makes_a_new_stdlib(tmp_path: Path, node: FakeNode) -> None:
    cache = tmp_path / "cache"
    stdlib.write_stdlib(make_site(tmp_path / "a", "calc v1"), cache)
    changed = make_site(tmp_path / "b", "calc v2")
    stdlib.write_stdlib(changed, cache)
    assert node.calls == 2
    assert made_for(changed) == "calc v2"


@pytest.mark.parametrize("damage", ["truncated", "replaced", "lost", "digest lost"])
def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, node: FakeNode, damage: str) -> None:
    cache = tmp_path / "cache"
    stdlib.write_stdlib(make_site(tmp_path / "a"), cache)
    (entry,) = cache.iterdir()
    made = entry / stdlib.STDLIB
    if damage == "truncated":
        made.write_bytes(made.read_bytes()[:10])
    elif damage == "replaced":
        fake_zip(entry, "something else")
    elif damage == "lost":
        made.unlink()
    else:
        (entry / "sha256").unlink()

    site = make_site(tmp_path / "b")
    stdlib.write_stdlib(site, cache)
    assert node.calls == 2
    assert made_for(site) == "calc.zip bytes"


def test_the_cache_keeps_only_the_most_recently_used(tmp_path: Path, node: FakeNode) -> None:
    cache = tmp_path / "cache"
    for n in range(stdlib.KEEP + 2):
        stdlib.write_stdlib(make_site(tmp_path / str(n), f"calc v{n}"), cache)
    entries = list(cache.iterdir())
    assert len(entries) == stdlib.KEEP
    assert all(stdlib._cached(entry) for entry in entries)


def failing_node(calc_zip: Path, out: Path) -> None:
    (out / stdlib.STDLIB).write_bytes(b"PK\x03\x04half a zip")
    raise stdlib.StdlibError("scripts/stdlib.mjs failed (exit 1)")


def silent_node(calc_zip: Path, out: Path) -> None:
    (out / stdlib.STDLIB).write_bytes(b"not a zip")


def absent_node(calc_zip: Path, out: Path) -> None:
    pass


@pytest.mark.parametrize("run_node", [failing_node, silent_node, absent_node])
def test_a_failed_stdlib_fails_the_build_and_ships_and_caches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_node
) -> None:
    monkeypatch.setattr(stdlib, "run_node", run_node)
    cache = tmp_path / "cache"
    site = make_site(tmp_path)
    with pytest.raises(stdlib.StdlibError):
        stdlib.write_stdlib(site, cache)
    assert not list((site / stdlib.TARGET).iterdir())
    assert not list(cache.iterdir())


def test_without_node_the_error_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stdlib.shutil, "which", lambda name: None)
    with pytest.raises(stdlib.StdlibError, match="`node` is not on PATH"):
        stdlib.run_node(tmp_path / "calc.zip", tmp_path)
