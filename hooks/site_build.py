"""The step after any builder has written the HTML: ship what the live calculators need.

- the Pyodide runtime from node_modules (pinned by package-lock.json) into assets/pyodide/;
- assets/calc.zip, the `calc` package the browser worker unpacks;
- assets/pyodide/snapshot.bin.gz, Python already started with calc imported (hooks/snapshot.py);
- preload hints for the runtime in the <head> of pages that have a calculator;
- sw.js with the list of every built file and a version that changes with the site.

MkDocs runs it from hooks/mkdocs_adapter.py (on_post_build); for a builder without MkDocs hooks:

    python -m hooks.site_build SITE_DIR
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sys
import zipfile
from pathlib import Path

from hooks.snapshot import SnapshotError, write_snapshot

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_SRC = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


class BuildStepError(RuntimeError):
    """Something the site cannot ship without is missing."""


def calc_zip() -> bytes:
    """`calc/` as a zip for Pyodide's unpackArchive; fixed timestamps keep it byte-stable."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((ROOT / "calc").glob("*.py")):
            info = zipfile.ZipInfo(f"calc/{path.name}", date_time=(2020, 1, 1, 0, 0, 0))
            zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _copy_runtime(site: Path) -> None:
    runtime = site / "assets" / "pyodide"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = PYODIDE_SRC / name
        if not source.exists():
            raise BuildStepError(f"{source} is missing: run `npm ci` (the README commands do).")
        shutil.copyfile(source, runtime / name)


# The big files a calculator page's worker will fetch, so the browser starts them while it still
# parses the page (the worker's own fetches then find them downloading or in the HTTP cache).
# Only pages with a widget get them: other pages download no runtime bytes at all.
RUNTIME_HINTS = (
    "assets/pyodide/snapshot.bin.gz",
    "assets/pyodide/pyodide.asm.wasm",
    "assets/pyodide/python_stdlib.zip",
    "assets/calc.zip",
)
WIDGET = 'data-calc="'


def _hint_runtime(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if WIDGET not in html or "</head>" not in html or RUNTIME_HINTS[0] in html:
            continue
        up = "../" * (len(page.relative_to(site).parts) - 1)
        links = "".join(
            f'<link rel="preload" href="{up}{f}" as="fetch" crossorigin>' for f in RUNTIME_HINTS
        )
        page.write_text(html.replace("</head>", links + "</head>", 1), encoding="utf-8")


def _write_service_worker(site: Path) -> None:
    """Fill the service worker's precache list; its bytes change with the site, so browsers
    install the new worker after every deploy."""
    files = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.name != "sw.js" and not p.name.endswith((".gz", ".map"))
    )
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update((site / name).read_bytes())
    urls = ["./" if f == "index.html" else "./" + f.removesuffix("index.html") for f in files]
    text = (ROOT / "docs" / "sw.js").read_text(encoding="utf-8")
    text = text.replace('"__VERSION__"', json.dumps(digest.hexdigest()[:16]))
    text = text.replace("[/* __FILES__ */]", json.dumps(urls, indent=0))
    (site / "sw.js").write_text(text, encoding="utf-8")


def run(site: Path) -> None:
    """Everything the built HTML in `site` needs to go live; idempotent."""
    if not (site / "index.html").is_file():
        raise BuildStepError(f"{site} holds no built site (no index.html)")
    _copy_runtime(site)
    (site / "assets" / "calc.zip").write_bytes(calc_zip())
    try:
        write_snapshot(site)
    except SnapshotError as err:
        raise BuildStepError(f"the Pyodide snapshot: {err}") from err
    _hint_runtime(site)
    _write_service_worker(site)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m hooks.site_build SITE_DIR", file=sys.stderr)
        return 2
    try:
        run(Path(argv[0]))
    except BuildStepError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
