"""Shared fixtures: one strict build of the site per test session, served on localhost.

The site is built for the server's own host:port (SITE_URL) because Material's instant
navigation only works there, exactly as `make serve` does for readers.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests draw 60 examples each in `make test`, the same ones on every run, so CI on a
# clean clone can't turn red by chance (200 cost minutes of a two-core machine that the browser
# tests need); `make test-fast` (--hypothesis-profile=fast) draws 20 new ones each time, so
# editing keeps exploring. A failure found there becomes an @example.
settings.register_profile("ci", max_examples=60, derandomize=True)
settings.register_profile("fast", max_examples=20)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_port() -> int:
    return _free_port()


@pytest.fixture(scope="session")
def site_url(site_port: int) -> str:
    return f"http://127.0.0.1:{site_port}/"


def build_site(target: Path, site_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Path:
    target = tmp_path_factory.mktemp("site")
    done = build_site(target, site_url)
    assert done.returncode == 0, done.stderr
    return target


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012  (the base class defines it as a class attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output readable
        pass


# What GitHub Pages compresses on the fly (gzip, when the browser accepts it): text, scripts,
# styles, JSON and wasm. Anything else, a .gz, .xz or .zip file say, travels as it is.
GZIPPED = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".txt", ".svg", ".xml", ".map"}


class Host:
    """A static host such as GitHub Pages: serves the folder `root` at `prefix` (anything outside
    it is not found), answers an unknown address under it with the site's own 404.html, and sends
    `headers` with every response; with `gzip` it compresses what GitHub Pages does, so `sent`
    counts the bytes a reader would download. A test may point it at another folder, change the
    headers or turn gzip on while it runs (see the `hosting` fixture in tests/e2e)."""

    def __init__(self, root: Path, port: int, prefix: str = "/", gzip: bool = False) -> None:
        self.root = root
        self.prefix = prefix
        self.gzip = gzip
        self.gzipped: dict[tuple[Path, int], bytes] = {}  # (file, mtime_ns) → its gzip
        self.headers: dict[str, str] = {}
        self.sent: list[tuple[str, int]] = []  # (path asked for, body bytes sent), in order
        self.posted: list[tuple[str, bytes]] = []  # (path, body): CSP reports, say
        self.port = port
        self.url = f"http://127.0.0.1:{port}{prefix}"
        self.start()

    def start(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), _HostHandler)
        self._server.host = self  # type: ignore[attr-defined]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """The server goes away (connections are refused) until `start()`."""
        self._server.shutdown()
        self._server.server_close()


class _HostHandler(_Handler):
    def __init__(self, request: Any, client_address: Any, server: Any) -> None:
        self.host: Host = server.host
        super().__init__(request, client_address, server, directory=str(self.host.root))

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.host.prefix):
            return str(self.host.root / "\0outside the prefix")  # a name no file can have
        return super().translate_path("/" + path.removeprefix(self.host.prefix))

    def send_head(self) -> Any:
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self.path.split("?")[0].endswith("/"):
            file = file / "index.html"
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.host.gzip and accepted and file.is_file() and file.suffix in GZIPPED):
            return super().send_head()
        key = (file, file.stat().st_mtime_ns)
        if key not in self.host.gzipped:  # level 6, as servers compressing on the fly use
            self.host.gzipped[key] = gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)
        body = self.host.gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def do_POST(self) -> None:  # a browser reporting, say, a CSP violation (report-uri)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.host.posted.append((self.path, body))
        self.send_response(204)
        self.end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        self.host.sent.append((self.path, len(data)))

    def end_headers(self) -> None:
        for name, value in self.host.headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.host.root / "404.html"
        if code != 404 or not self.path.startswith(self.host.prefix) or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
            self.host.sent.append((self.path, len(body)))


@pytest.fixture(scope="session")
def site_host(site_dir: Path, site_port: int) -> Iterator[Host]:
    host = Host(site_dir, site_port)
    yield host
    host.close()


@pytest.fixture(scope="session")
def site_server(site_host: Host, site_url: str) -> str:
    return site_url


@pytest.fixture(scope="session")
def host_a_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Host]]:
    """`host_a_build(prefix)`: another build of the site, for and on a port of its own, served
    under `prefix` (GitHub Pages serves a project under /REPO/). Closed at the session's end."""
    hosts: list[Host] = []

    def build(prefix: str) -> Host:
        port = _free_port()
        target = tmp_path_factory.mktemp("site")
        done = build_site(target, f"http://127.0.0.1:{port}{prefix}")
        assert done.returncode == 0, done.stderr
        hosts.append(Host(target, port, prefix))
        return hosts[-1]

    yield build
    for host in hosts:
        host.close()


# --- pytest-playwright: Debian's Chromium (playwright's own download is not reachable here) ------


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # elsewhere: `python -m playwright install chromium` provides one


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    path = chromium_path()
    return {
        **browser_type_launch_args,
        "args": CHROMIUM_FLAGS,
        **({"executable_path": path} if path else {}),
    }


@pytest.fixture(scope="session")
def base_url(site_server: str) -> str:
    return site_server
