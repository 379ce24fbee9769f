"""The Python the browser worker boots (issues 9 and 18), made at build time.

scripts/snapshot.mjs boots the pinned Pyodide in Node, imports and runs `calc`, and writes the
stdlib a boot needs (only what Pyodide and calc import, compiled) and the interpreter's memory,
which it proves restores; this module compresses the
memory with xz (a third the size of gzip's: the worker decodes it with xz-decompress). That takes
many seconds, so the result is cached in .cache/snapshot/ (git-ignored) under a key made of the
Pyodide version, the bytes of calc.zip and the scripts. A build or a `mkdocs serve` reload
without a Python change copies the cached files; changing calc, the scripts or Pyodide makes new
ones.

If Node or the script fails, the build fails. Node is already required (npm installs Pyodide), so
a failure means something is broken, and a site that silently boots seconds slower is a
regression nobody would notice. The worker still falls back to a plain boot whenever a shipped
snapshot does not match what it downloads.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "snapshot.mjs"
# The code that XORs the wasm's static data out of the snapshot (and, in the worker, back in).
CODEC = ROOT / "web" / "worker" / "static-data.js"
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide" / "package.json"
# SNAPSHOT_CACHE lets the benchmark time a build with a cold cache without emptying this one.
CACHE = Path(os.environ.get("SNAPSHOT_CACHE", ROOT / ".cache" / "snapshot"))
KEEP = 3  # cache entries (3 MB each) kept, most recently used first
NODE_TIMEOUT = 600  # seconds; the script takes Node 10-20 s on two cores
TARGET = Path("assets") / "pyodide"  # where the worker looks for them
SNAPSHOT = "snapshot.bin.xz"  # the worker's SNAPSHOT_URL
STDLIB = "python_stdlib.zip"  # Pyodide's default name, in place of its whole one
SHIPPED = (SNAPSHOT, STDLIB)
SNAPSHOT_MAGIC = b"\x00snp"


class SnapshotError(RuntimeError):
    """The snapshot could not be made; the message says why and what to do."""


def cache_key(calc_zip: bytes) -> str:
    version = json.loads(PYODIDE_PACKAGE.read_text(encoding="utf-8"))["version"]
    digest = hashlib.sha256()
    for part in (version.encode(), calc_zip, SCRIPT.read_bytes(), CODEC.read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _digest(entry: Path) -> str:
    digest = hashlib.sha256()
    for name in SHIPPED:
        digest.update(hashlib.sha256((entry / name).read_bytes()).digest())
    return digest.hexdigest()


def _cached(entry: Path) -> bool:
    """The entry is whole: its files hash to what was recorded once they were written."""
    check = entry / "sha256"
    return (
        check.is_file()
        and all((entry / name).is_file() for name in SHIPPED)
        and check.read_text() == _digest(entry)
    )


def run_node(calc_zip: Path, out: Path) -> None:
    """Write the raw snapshot of `calc_zip` and the stdlib into the folder `out` (tests replace
    this to stay fast)."""
    node = shutil.which("node")
    if node is None:
        raise SnapshotError("`node` is not on PATH; the snapshot needs Node 20 (as npm does)")
    try:
        done = subprocess.run(
            [node, str(SCRIPT), str(calc_zip), str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=NODE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise SnapshotError(f"{SCRIPT.name} took over {NODE_TIMEOUT} s") from err
    if done.returncode != 0:
        why = done.stderr[-4000:]  # the end of a Python traceback, if it was one
        raise SnapshotError(f"{SCRIPT.name} failed (exit {done.returncode}):\n{why}")


def _make(calc_zip: Path, entry: Path) -> None:
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        run_node(calc_zip, tmp)
        raw = tmp / "snapshot.bin"
        if not raw.is_file() or raw.read_bytes()[:4] != SNAPSHOT_MAGIC:
            raise SnapshotError(f"{SCRIPT.name} succeeded but wrote no snapshot")
        if not (tmp / STDLIB).is_file():
            raise SnapshotError(f"{SCRIPT.name} succeeded but wrote no {STDLIB}")
        # xz's default check is CRC64, which xz-embedded (the worker's decoder) may lack; preset
        # 6 keeps the decoder's dictionary at 8 MiB, and 9 would save under 1 %.
        xz = lzma.compress(raw.read_bytes(), lzma.FORMAT_XZ, lzma.CHECK_CRC32, preset=6)
        (tmp / SNAPSHOT).write_bytes(xz)
        raw.unlink()
        # Files first, then the digest that vouches for them: a crash in between leaves an entry
        # that is rebuilt, never one that is trusted.
        (tmp / "sha256").write_text(_digest(tmp))
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _prune(cache: Path) -> None:
    entries = sorted(
        (p for p in cache.iterdir() if p.is_dir() and not p.name.endswith(".tmp")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def write_snapshot(site: Path, cache: Path = CACHE) -> list[Path]:
    """Put the snapshot and the stdlib for `site`'s assets/calc.zip into the site, from the
    cache if it holds them; returns the written files. Raises SnapshotError when they cannot be
    made."""
    calc_zip = site / "assets" / "calc.zip"
    entry = cache / cache_key(calc_zip.read_bytes())
    if _cached(entry):
        entry.touch()  # most recently used: kept by _prune
    else:
        cache.mkdir(parents=True, exist_ok=True)
        _make(calc_zip, entry)
        _prune(cache)
    written = []
    for name in SHIPPED:
        written.append(site / TARGET / name)
        shutil.copyfile(entry / name, written[-1])
    return written
