"""Browser tests against the site built once per session (tests/conftest.py): every test in
Debian's Chromium through Playwright, and the journeys of test_engines.py in Firefox ESR and
WebKitGTK too (engines.py). `ENGINE=firefox` (or a comma-separated list of chromium, firefox,
webkit) runs only those engines' tests.

Every browser context made here reports to one `Guard`; an autouse fixture fails the test on
any uncaught page error, any console error and any request that leaves the test server's origin.
A test that provokes console errors on purpose says so with `@pytest.mark.console_errors(why)`.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Request, WebError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `import calc` from the repository root, as the hook does
    sys.path.insert(0, str(ROOT))

from engines import ENGINES  # noqa: E402
from widgets import LivePages, Widget  # noqa: E402  (needs calc importable)

if TYPE_CHECKING:
    from tests.conftest import Host

NETWORK_SCHEMES = ("http", "https", "ws", "wss")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "console_errors(reason): this test provokes console errors on purpose; the guard "
        "still fails it on uncaught page errors and on requests to other origins",
    )
    config.addinivalue_line(
        "markers", "subpath: runs against a site built for and served under /sub/ (-m subpath)"
    )


def engines() -> list[str]:
    """The engines this run covers: $ENGINE, or all three."""
    chosen = [e for e in os.environ.get("ENGINE", "").split(",") if e]
    unknown = set(chosen) - {"chromium", *ENGINES}
    if unknown:
        raise pytest.UsageError(f"ENGINE: no engine named {', '.join(sorted(unknown))}")
    return chosen or ["chromium", *ENGINES]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    skipped = []
    for item in items:
        if here not in Path(item.fspath).parents:
            continue
        if not item.get_closest_marker("e2e"):
            raise pytest.UsageError(f"{item.nodeid}: browser tests must be marked e2e")
        # Playwright's tests are Chromium's; the others name their engine in their id.
        if "engine" not in getattr(item, "fixturenames", ()) and "chromium" not in engines():
            skipped.append(item)
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = [item for item in items if item not in skipped]


@pytest.fixture(scope="session", params=[e for e in engines() if e in ENGINES])
def engine(request: pytest.FixtureRequest):
    """Firefox ESR or WebKitGTK, started once for the session; its `tab` is shared by the
    journeys that leave nothing behind, `fresh_tab()` gives one with empty storage."""
    browser = ENGINES[request.param]()
    yield browser
    browser.close()


def origin(url: str) -> str | None:
    """scheme://host:port of a network URL; None for file:, data:, about: and the like."""
    if url.startswith("blob:"):
        url = url.removeprefix("blob:")
    parts = urlsplit(url)
    if parts.scheme not in NETWORK_SCHEMES:
        return None
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Guard:
    """Collects everything a page should never do; tests look at what arrived during them."""

    site_origin: str
    problems: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail)
    other_sites: set[str] = field(default_factory=set)  # origins of other test sites we serve

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.on("weberror", self._page_error)
        context.on("console", self._console)
        context.on("request", self._request)
        return context

    def expected(self, kind: str, text: str) -> None:
        """The test provoked this one on purpose (say, loading a page that answers 404)."""
        matching = [p for p in self.problems if p[0] == kind and text in p[1]]
        assert matching, f"no {kind} problem mentioning {text!r} arrived"
        for problem in matching:
            self.problems.remove(problem)

    def _page_error(self, error: WebError) -> None:
        self.problems.append(("pageerror", str(error.error)))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.problems.append(("console", f"{message.text} ({where})"))

    def _request(self, request: Request) -> None:
        seen = origin(request.url)
        if seen is not None and seen != self.site_origin and seen not in self.other_sites:
            self.problems.append(("request", request.url))


@pytest.fixture(scope="session")
def guard(base_url: str) -> Guard:
    return Guard(site_origin=origin(base_url) or "")


@pytest.fixture(autouse=True)
def _page_must_behave(request: pytest.FixtureRequest, guard: Guard) -> Iterator[None]:
    start = len(guard.problems)
    yield
    found = guard.problems[start:]
    if request.node.get_closest_marker("console_errors"):
        found = [p for p in found if p[0] != "console"]
    assert not found, "the page misbehaved:\n" + "\n".join(f"{k}: {d}" for k, d in found)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # A service worker would answer requests before page.route sees them and would fill a
    # 14 MB cache per context; the offline tests ask for one explicitly.
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture
def new_context(new_context: Callable[..., BrowserContext], guard: Guard):
    """pytest-playwright's factory (and so `context` and `page`), watched by the guard."""

    def make(**kwargs) -> BrowserContext:
        return guard.watch(new_context(**kwargs))

    return make


@pytest.fixture(scope="module")
def shared_context(
    browser: Browser, browser_context_args: dict, guard: Guard
) -> Iterator[BrowserContext]:
    """One context for a module whose tests leave no state that another test reads."""
    context = guard.watch(browser.new_context(**browser_context_args))
    yield context
    context.close()


@pytest.fixture(scope="session")
def _live_pages(
    browser: Browser, browser_context_args: dict, guard: Guard, base_url: str
) -> Iterator[LivePages]:
    context = guard.watch(browser.new_context(**browser_context_args))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    yield LivePages(context)
    context.close()


@pytest.fixture
def live(_live_pages: LivePages) -> Callable[[str], Widget]:
    """`live(name)`: the widget on a shared, booted page, reset to the chapter's example."""
    return _live_pages.widget


# --- service workers and hosting (offline, updates, CSP) -----------------------------------------


@pytest.fixture
def sw_context(
    browser: Browser, browser_context_args: dict, guard: Guard
) -> Iterator[BrowserContext]:
    """A fresh context where service workers run (the other tests block them)."""
    context = guard.watch(
        browser.new_context(**{**browser_context_args, "service_workers": "allow"})
    )
    yield context
    context.close()


@pytest.fixture
def hosting(site_host: Host) -> Iterator[Host]:
    """The session's host, whose folder and headers the test may change; put back after."""
    root, headers = site_host.root, dict(site_host.headers)
    yield site_host
    site_host.root, site_host.headers = root, headers


@pytest.fixture
def deployed(hosting: Host, site_dir: Path, tmp_path: Path) -> Path:
    """A copy of the built site, served at the session's address for this test only, so the test
    may deploy another version into it."""
    copy = tmp_path / "deployed"
    shutil.copytree(site_dir, copy)
    hosting.root = copy
    return copy
