"""The stdlib the browser worker boots with (issue 18), made at build time.

scripts/stdlib.mjs boots the pinned Pyodide in Node, runs every calculator, and writes the stdlib
modules Pyodide and calc import, compiled ahead, as python_stdlib.zip (0.9 MB in place of
Pyodide's 2.5 MB), once it has proved calc answers the same with it. That takes Node several
seconds, so the zip is cached in .cache/stdlib/ (git-ignored) under a key made of the Pyodide
version, the bytes of calc.zip and the script. A build or a `mkdocs serve` reload without a Python
change copies the cached file; changing calc, the script or Pyodide makes a new one.

If Node or the script fails, the build fails: Node is already required (npm installs Pyodide), and
a site whose calculators miss a module is broken.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "stdlib.mjs"
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide" / "package.json"
# STDLIB_CACHE lets the benchmark time a build with a cold cache without emptying this one.
CACHE = Path(os.environ.get("STDLIB_CACHE", ROOT / ".cache" / "stdlib"))
KEEP = 3  # cache entries (1 MB each) kept, most recently used first
NODE_TIMEOUT = 600  # seconds; the script takes Node 5-10 s on two cores
TARGET = Path("assets") / "pyodide"  # where Pyodide looks for it
STDLIB = "python_stdlib.zip"  # Pyodide's default name, in place of its whole one
ZIP_MAGIC = b"PK\x03\x04"


class StdlibError(RuntimeError):
    """The stdlib could not be made; the message says why and what to do."""


def cache_key(calc_zip: bytes) -> str:
    version = json.loads(PYODIDE_PACKAGE.read_text(encoding="utf-8"))["version"]
    digest = hashlib.sha256()
    for part in (version.encode(), calc_zip, SCRIPT.read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _cached(entry: Path) -> bool:
    """The entry is whole: its file hashes to what was recorded once it was written."""
    check, made = entry / "sha256", entry / STDLIB
    return (
        check.is_file()
        and made.is_file()
        and check.read_text() == hashlib.sha256(made.read_bytes()).hexdigest()
    )


def run_node(calc_zip: Path, out: Path) -> None:
    """Write the stdlib for `calc_zip` into the folder `out` (tests replace this to stay fast)."""
    node = shutil.which("node")
    if node is None:
        raise StdlibError("`node` is not on PATH; the build needs Node 20 (as npm does)")
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
        raise StdlibError(f"{SCRIPT.name} took over {NODE_TIMEOUT} s") from err
    if done.returncode != 0:
        why = done.stderr[-4000:]  # the end of a Python traceback, if it was one
        raise StdlibError(f"{SCRIPT.name} failed (exit {done.returncode}):\n{why}")


def _make(calc_zip: Path, entry: Path) -> None:
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        run_node(calc_zip, tmp)
        made = tmp / STDLIB
        if not made.is_file() or made.read_bytes()[:4] != ZIP_MAGIC:
            raise StdlibError(f"{SCRIPT.name} succeeded but wrote no {STDLIB}")
        # The file first, then the digest that vouches for it: a crash in between leaves an
        # entry that is rebuilt, never one that is trusted.
        (tmp / "sha256").write_text(hashlib.sha256(made.read_bytes()).hexdigest())
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


def write_stdlib(site: Path, cache: Path = CACHE) -> Path:
    """Put the stdlib for `site`'s assets/calc.zip into the site, from the cache if it holds
    it; returns the written file. Raises StdlibError when it cannot be made."""
    calc_zip = site / "assets" / "calc.zip"
    entry = cache / cache_key(calc_zip.read_bytes())
    if _cached(entry):
        entry.touch()  # most recently used: kept by _prune
    else:
        cache.mkdir(parents=True, exist_ok=True)
        _make(calc_zip, entry)
        _prune(cache)
    written = site / TARGET / STDLIB
    shutil.copyfile(entry / STDLIB, written)
    return written
