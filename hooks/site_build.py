"""The step after any builder has written the HTML: ship what the live calculators need.

- the Pyodide runtime from node_modules (pinned by package-lock.json) into assets/pyodide/;
- assets/calc.zip, the `calc` package the browser worker unpacks;
- assets/pyodide/python_stdlib.zip, only the stdlib modules a boot imports, compiled
  (hooks/stdlib.py);
- assets/js/calc-page.js and calc-worker.js, bundled by esbuild from the modules in web/
  (scripts/bundle.mjs): generated here, so both builders ship them and none is committed;

and, for a site that will be published (anything but `mkdocs serve`):

- a Content-Security-Policy allowing exactly the inline scripts the pages carry (by hash), as a
  `<meta http-equiv>` in every page and as a header line in `_headers`;
- sw.js, the service worker, with the manifest of the files it keeps for offline reading (each
  with its content hash and size), and a mark in every page telling the page glue to register it.

MkDocs runs it from hooks/mkdocs_adapter.py (on_post_build); for a builder without MkDocs hooks:

    python -m hooks.site_build SITE_DIR
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hooks.stdlib import StdlibError, write_stdlib

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_SRC = ROOT / "node_modules" / "pyodide"
# Pyodide's own files the worker loads. Not its stdlib (hooks/stdlib.py makes one of only what
# is imported) nor its lock file (calc needs no package: the worker passes the lock's contents).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")


class BuildStepError(RuntimeError):
    """Something the site cannot ship without is missing."""


def calc_zip() -> bytes:
    """`calc/` as a zip for Pyodide's unpackArchive, its message catalogues included; fixed
    timestamps keep it byte-stable."""
    buf = io.BytesIO()
    package = ROOT / "calc"
    files = [*package.glob("*.py"), *package.glob("locale/*.po")]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(files):
            name = path.relative_to(ROOT).as_posix()
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
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


BUNDLER = ROOT / "scripts" / "bundle.mjs"


def bundle_scripts(site: Path) -> None:
    """The page glue and the calc worker, from web/ into the site's assets/js/."""
    node = shutil.which("node")
    if node is None:
        raise BuildStepError("`node` is not on PATH; bundling the page scripts needs Node 20")
    done = subprocess.run(
        [node, str(BUNDLER), str(site)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BuildStepError(f"{BUNDLER.name} failed (exit {done.returncode}):\n{done.stderr}")


# --- publishing: the address, the security policy, the offline copy -----------------------------

# The policy every page runs under; `'sha256-…'` sources for the inline scripts are added per build.
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; worker-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
)
# Script types a browser runs; any other (application/json, …) is a data block.
_RUNNABLE = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_CSP_META = re.compile(r'\n<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_OFFLINE_META = re.compile(r'\n<meta name="calc-offline" content="[^"]*">')

# What the service worker keeps. The runtime is large and only calculators need it: it is cached
# when a calculator is first used, or all at once from the "Keep available offline" control.
# Everything else it serves is fetched ahead ("core"), the pages of every language (each language
# folder has Material's own assets too), except what no page of ours loads: source maps, the
# gzipped sitemaps, the header file, and lunr's files for other languages than the pages': the
# English root's search needs none, the Korean folder's (ko/) lunr.ko and the stemmer support.
RUNTIME = ("assets/pyodide/", "assets/calc.zip", "assets/js/calc-worker.js")
NOT_KEPT = ("sw.js", "_headers")
LUNR = "assets/javascripts/lunr/"
LUNR_KEPT = ("lunr.stemmer.support.min.js", "lunr.ko.min.js")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _insert_in_head(html: str, meta: str, old: re.Pattern[str], page: Path) -> str:
    """`meta` right after the charset declaration (before any script), replacing an `old` one."""
    html = old.sub("", html)
    at = _CHARSET.search(html)
    if at is None:
        raise BuildStepError(f"{page} has no <meta charset> to put the {meta[:30]}… after")
    return html[: at.end()] + "\n" + meta + html[at.end() :]


NO_ADDRESS = (
    "the site was built without its address: set SITE_URL to where it will be "
    "published, e.g. `SITE_URL=https://example.org/path/ make build` "
    "(`make serve` and the tests set it for you)"
)


def require_address(site: Path) -> None:
    """A published page must name its own address (canonical link, og:url, sitemap); built
    without SITE_URL it would name none, and Material's instant navigation would stay off."""
    if 'rel="canonical"' not in (site / "index.html").read_text(encoding="utf-8"):
        raise BuildStepError(NO_ADDRESS)


class _InlineScripts(HTMLParser):
    """The text of every inline script a browser would run, parsed as the browser does (a
    script's text is raw up to `</script`), not guessed at with a regular expression."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self._body: list[str] | None = None  # inside a script that runs inline

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        named = {name: value or "" for name, value in attrs}
        runs = named.get("type", "").strip().lower() in _RUNNABLE
        self._body = [] if runs and "src" not in named else None

    def handle_data(self, data: str) -> None:
        if self._body is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._body is not None:
            self.found.append("".join(self._body))
            self._body = None


def inline_script_hashes(pages: list[str]) -> list[str]:
    """CSP sources for every inline script of every page. Material's instant navigation keeps
    the first page's policy while it swaps in others, so every page gets the whole set."""
    found = set()
    for html in pages:
        parser = _InlineScripts()
        parser.feed(html)
        parser.close()
        for body in parser.found:
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def _group(path: str) -> str | None:
    if path.startswith(NOT_KEPT) or path.endswith((".map", "sitemap.xml.gz")):
        return None
    if LUNR in path and (path.startswith(LUNR) or not path.endswith(LUNR_KEPT)):
        return None
    return "runtime" if path.startswith(RUNTIME) else "core"


def _address(path: str) -> str:
    """The URL a page is read at (gates/index.html is gates/), relative to the site root."""
    return "./" + (path.removesuffix("index.html") if path.endswith("index.html") else path)


def offline_manifest(site: Path) -> dict[str, Any]:
    """Every file the service worker keeps, by group: address → [sha-256 hex, size in bytes];
    and a version that changes whenever any of them does."""
    groups: dict[str, dict[str, list[Any]]] = {"core": {}, "runtime": {}}
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        path = file.relative_to(site).as_posix()
        group = _group(path)
        if group:
            data = file.read_bytes()
            groups[group][_address(path)] = [hashlib.sha256(data).hexdigest(), len(data)]
    version = hashlib.sha256(json.dumps(groups, sort_keys=True).encode()).hexdigest()[:16]
    return {"version": version, **groups}


def runtime_bytes(site: Path) -> int:
    """What the "Keep available offline" control offers to download."""
    return sum(
        f.stat().st_size
        for f in site.rglob("*")
        if f.is_file() and _group(f.relative_to(site).as_posix()) == "runtime"
    )


def mark_pages(site: Path) -> str:
    """Every page gets the policy (allowing the inline scripts of all pages by hash) and the
    mark that tells the page glue to register sw.js, in one pass; `_headers` gets the policy
    (Netlify, Cloudflare Pages and similar hosts send it as a real header). Returns it."""
    pages = {page: page.read_text(encoding="utf-8") for page in _pages(site)}
    hashes = inline_script_hashes(list(pages.values()))
    policy = POLICY.format(hashes="".join(f" {h}" for h in hashes))
    csp = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    offline = f'<meta name="calc-offline" content="{runtime_bytes(site)}">'
    for page, html in pages.items():
        html = _insert_in_head(html, offline, _OFFLINE_META, page)
        page.write_text(_insert_in_head(html, csp, _CSP_META, page), encoding="utf-8")
    (site / "_headers").write_text(f"/*\n  Content-Security-Policy: {policy}\n", encoding="utf-8")
    return policy


def write_service_worker(site: Path) -> dict[str, Any]:
    """sw.js with the manifest of every file as it is now; returns the manifest. The pages must
    carry their marks already (`mark_pages`): a page written after it was hashed would never
    be kept offline, so an unmarked page stops the build instead."""
    for page in _pages(site):
        if not _OFFLINE_META.search(page.read_text(encoding="utf-8")):
            raise BuildStepError(f"{page} is not marked yet: mark_pages runs first")
    manifest = offline_manifest(site)
    text = (ROOT / "docs" / "sw.js").read_text(encoding="utf-8")
    filled = text.replace("const MANIFEST = null;", f"const MANIFEST = {json.dumps(manifest)};")
    if filled == text:
        raise BuildStepError("docs/sw.js has no `const MANIFEST = null;` line to fill in")
    (site / "sw.js").write_text(filled, encoding="utf-8")
    return manifest


def ship(site: Path) -> None:
    """Every file the live calculators load, next to the HTML."""
    _copy_runtime(site)
    (site / "assets" / "calc.zip").write_bytes(calc_zip())
    try:
        write_stdlib(site)
    except StdlibError as err:
        raise BuildStepError(f"the Python stdlib: {err}") from err
    bundle_scripts(site)


def publish(site: Path) -> None:
    """What only a site for readers gets; `mkdocs serve` skips it (its live-reload script is
    inline, and a service worker would keep serving pages the author has since changed). Each
    step reads what the one before wrote: the policy hashes the pages the builder wrote, the
    manifest hashes every file as finally written (pages with their marks, shipped files)."""
    require_address(site)
    mark_pages(site)
    write_service_worker(site)


def run(site: Path, *, serve: bool = False) -> None:
    """Everything the built HTML in `site` needs to go live; idempotent. `serve`: a preview for
    the author (`mkdocs serve`), not a site to publish: ship, then publish, never the reverse."""
    if not (site / "index.html").is_file():
        raise BuildStepError(f"{site} holds no built site (no index.html)")
    ship(site)
    if not serve:
        publish(site)


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
