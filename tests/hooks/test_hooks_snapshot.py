"""The build's Pyodide snapshot and stdlibs: made by Node once per Python change, then copied
from a cache.

Node is replaced by a fake that records its calls, so "a warm build does not run Node" is seen
directly rather than through timing; the real script runs in every site build (tests/e2e).
"""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest

from hooks import snapshot

SNAPSHOT_MAGIC = b"\x00snp"


class FakeNode:
    """Stands in for `node scripts/snapshot.mjs`: a raw 'snapshot' of the calc.zip given, and
    a stdlib."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, calc_zip: Path, out: Path) -> None:
        self.calls += 1
        (out / "snapshot.bin").write_bytes(SNAPSHOT_MAGIC + calc_zip.read_bytes())
        (out / snapshot.STDLIB).write_bytes(b"stdlib for " + calc_zip.read_bytes())


@pytest.fixture
def node(monkeypatch: pytest.MonkeyPatch) -> FakeNode:
    fake = FakeNode()
    monkeypatch.setattr(snapshot, "run_node", fake)
    return fake


def make_site(root: Path, calc_zip: bytes = b"calc.zip bytes") -> Path:
    site = root / "site"
    (site / "assets" / "pyodide").mkdir(parents=True)
    (site / "assets" / "calc.zip").write_bytes(calc_zip)
    return site


def shipped(site: Path) -> bytes:
    return lzma.decompress((site / snapshot.TARGET / snapshot.SNAPSHOT).read_bytes())


def test_the_key_follows_pyodide_calc_and_the_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package.json"
    script = tmp_path / "snapshot.mjs"
    package.write_text('{"version": "314.0.7"}')
    script.write_text("// v1")
    monkeypatch.setattr(snapshot, "PYODIDE_PACKAGE", package)
    monkeypatch.setattr(snapshot, "SCRIPT", script)

    key = snapshot.cache_key(b"zip 1")
    assert snapshot.cache_key(b"zip 1") == key
    assert snapshot.cache_key(b"zip 2") != key
    package.write_text('{"version": "314.0.8"}')
    assert snapshot.cache_key(b"zip 1") != key
    package.write_text('{"version": "314.0.7"}')
    script.write_text("// v2")
    assert snapshot.cache_key(b"zip 1") != key


def test_a_warm_build_copies_the_cached_snapshot_without_running_node(
    tmp_path: Path, node: FakeNode
) -> None:
    cache = tmp_path / "cache"
    first = make_site(tmp_path / "a")
    written = snapshot.write_snapshot(first, cache)
    runtime = first / "assets" / "pyodide"
    assert written == [runtime / name for name in snapshot.SHIPPED]
    assert shipped(first) == SNAPSHOT_MAGIC + b"calc.zip bytes"
    assert (runtime / snapshot.STDLIB).read_bytes() == b"stdlib for calc.zip bytes"
    assert node.calls == 1

    second = make_site(tmp_path / "b")
    snapshot.write_snapshot(second, cache)
    assert node.calls == 1
    for name in snapshot.SHIPPED:
        assert (second / snapshot.TARGET / name).read_bytes() == (
            first / snapshot.TARGET / name
        ).read_bytes()


def test_a_python_change_makes_a_new_snapshot(tmp_path: Path, node: FakeNode) -> None:
    cache = tmp_path / "cache"
    snapshot.write_snapshot(make_site(tmp_path / "a", b"calc v1"), cache)
    changed = make_site(tmp_path / "b", b"calc v2")
    snapshot.write_snapshot(changed, cache)
    assert node.calls == 2
    assert shipped(changed) == SNAPSHOT_MAGIC + b"calc v2"


@pytest.mark.parametrize("damage", ["truncated", "replaced", "stdlib lost", "digest lost"])
def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, node: FakeNode, damage: str) -> None:
    cache = tmp_path / "cache"
    snapshot.write_snapshot(make_site(tmp_path / "a"), cache)
    (entry,) = cache.iterdir()
    xz = entry / snapshot.SNAPSHOT
    if damage == "truncated":
        xz.write_bytes(xz.read_bytes()[:10])
    elif damage == "replaced":
        xz.write_bytes(lzma.compress(b"something else"))
    elif damage == "stdlib lost":
        (entry / "python_stdlib.zip").unlink()
    else:
        (entry / "sha256").unlink()

    site = make_site(tmp_path / "b")
    snapshot.write_snapshot(site, cache)
    assert node.calls == 2
    assert shipped(site) == SNAPSHOT_MAGIC + b"calc.zip bytes"


def test_the_cache_keeps_only_the_most_recently_used(tmp_path: Path, node: FakeNode) -> None:
    cache = tmp_path / "cache"
    for n in range(snapshot.KEEP + 2):
        snapshot.write_snapshot(make_site(tmp_path / str(n), f"calc v{n}".encode()), cache)
    entries = list(cache.iterdir())
    assert len(entries) == snapshot.KEEP
    assert all(snapshot._cached(entry) for entry in entries)


def failing_node(calc_zip: Path, out: Path) -> None:
    (out / "snapshot.bin").write_bytes(b"half a snapshot")
    raise snapshot.SnapshotError("scripts/snapshot.mjs failed (exit 1)")


def silent_node(calc_zip: Path, out: Path) -> None:
    (out / "snapshot.bin").write_bytes(b"not a snapshot")


def stdlib_missing_node(calc_zip: Path, out: Path) -> None:
    (out / "snapshot.bin").write_bytes(SNAPSHOT_MAGIC)


@pytest.mark.parametrize("run_node", [failing_node, silent_node, stdlib_missing_node])
def test_a_failed_snapshot_fails_the_build_and_ships_and_caches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_node
) -> None:
    monkeypatch.setattr(snapshot, "run_node", run_node)
    cache = tmp_path / "cache"
    site = make_site(tmp_path)
    with pytest.raises(snapshot.SnapshotError):
        snapshot.write_snapshot(site, cache)
    assert not list((site / snapshot.TARGET).iterdir())
    assert not list(cache.iterdir())


def test_without_node_the_error_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot.shutil, "which", lambda name: None)
    with pytest.raises(snapshot.SnapshotError, match="`node` is not on PATH"):
        snapshot.run_node(tmp_path / "calc.zip", tmp_path)
