"""The Pyodide memory snapshot the browser worker boots from (issue 9).

scripts/snapshot.mjs boots the pinned Pyodide in Node, imports and runs `calc`, saves the
interpreter's memory and proves the copy restores; that takes Node many seconds, so the result is
cached in .cache/snapshot/ (git-ignored) under a key made of the Pyodide version, the bytes of
calc.zip and the script. A build or a `mkdocs serve` reload without a Python change copies the
cached file; changing calc, the script or Pyodide makes a new one.

If Node or the script fails, the build fails. Node is already required (npm installs Pyodide), so
a failure means something is broken, and a site that silently boots seconds slower is a
regression nobody would notice. The worker still falls back to a plain boot whenever a shipped
snapshot does not match what it downloads.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "snapshot.mjs"
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide" / "package.json"
# SNAPSHOT_CACHE lets the benchmark time a build with a cold cache without emptying this one.
CACHE = Path(os.environ.get("SNAPSHOT_CACHE", ROOT / ".cache" / "snapshot"))
KEEP = 3  # cached snapshots (6 MB each) kept, most recently used first
NODE_TIMEOUT = 600  # seconds; a snapshot takes Node 10-20 s on two cores
TARGET = Path("assets") / "pyodide" / "snapshot.bin.gz"  # the worker's SNAPSHOT_URL
GZIP_MAGIC = b"\x1f\x8b"


class SnapshotError(RuntimeError):
    """The snapshot could not be made; the message says why and what to do."""


def cache_key(calc_zip: bytes) -> str:
    version = json.loads(PYODIDE_PACKAGE.read_text(encoding="utf-8"))["version"]
    digest = hashlib.sha256()
    for part in (version.encode(), calc_zip, SCRIPT.read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cached(entry: Path) -> bool:
    """The entry is whole: its bytes hash to what was recorded once it was written."""
    check = entry.with_suffix(".sha256")
    return entry.is_file() and check.is_file() and check.read_text() == _digest(entry)


def run_node(calc_zip: Path, out: Path) -> None:
    """Make the gzipped snapshot of `calc_zip` at `out` (tests replace this to stay fast)."""
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
    try:
        run_node(calc_zip, tmp)
        if not tmp.is_file() or tmp.read_bytes()[:2] != GZIP_MAGIC:
            raise SnapshotError(f"{SCRIPT.name} succeeded but wrote no gzipped snapshot")
        check = tmp.with_suffix(".sha256")
        check.write_text(_digest(tmp))
        # Bytes first, then the digest that vouches for them: a crash in between leaves an entry
        # that is rebuilt, never one that is trusted.
        os.replace(tmp, entry)
        os.replace(check, entry.with_suffix(".sha256"))
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_suffix(".sha256").unlink(missing_ok=True)


def _prune(cache: Path) -> None:
    entries = sorted(cache.glob("*.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".sha256").unlink(missing_ok=True)


def write_snapshot(site: Path, cache: Path = CACHE) -> Path:
    """Put the snapshot for `site`'s assets/calc.zip into the site, from the cache if it holds
    one; returns the written file. Raises SnapshotError when one cannot be made."""
    calc_zip = site / "assets" / "calc.zip"
    entry = cache / f"{cache_key(calc_zip.read_bytes())}.gz"
    if _cached(entry):
        entry.touch()  # most recently used: kept by _prune
    else:
        cache.mkdir(parents=True, exist_ok=True)
        _make(calc_zip, entry)
        _prune(cache)
    target = site / TARGET
    shutil.copyfile(entry, target)
    return target
