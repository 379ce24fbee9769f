"""The site as GitHub Pages serves a project: built for and served under a path (/sub/), with
nothing else on the host. A request that escapes the path gets a 404, which the guard reports as
a console error. Before issue 12 a default build served this way lost instant navigation and
its 404 page loaded no stylesheet."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from offline import Offline
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_navigation import GATE_PAGES, nav_link
from widgets import Widget, expected

if TYPE_CHECKING:
    from tests.conftest import Host

pytestmark = [pytest.mark.e2e, pytest.mark.subpath]


@pytest.fixture(scope="module")
def sub_host(host_a_build: Callable[[str], Host], guard: Any) -> Iterator[Host]:
    host = host_a_build("/sub/")
    site = host.url.removesuffix("/sub/")
    guard.other_sites.add(site)  # its own origin: the guard still reports everything else
    yield host
    guard.other_sites.discard(site)


def _context(browser: Browser, args: dict, guard: Any, host: Host, **more) -> BrowserContext:
    return guard.watch(browser.new_context(**{**args, "base_url": host.url, **more}))


@pytest.fixture
def sub_page(
    browser: Browser, browser_context_args: dict, guard: Any, sub_host: Host
) -> Iterator[Page]:
    context = _context(browser, browser_context_args, guard, sub_host)
    yield context.new_page()
    context.close()


def test_a_widget_goes_live(sub_page: Page) -> None:
    roi = Widget(sub_page, "roi").open().wait_ready()
    roi.fill("calls_per_year", "100000")
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])


def test_python_boots_once_across_instant_navigation(sub_page: Page, sub_host: Host) -> None:
    page = sub_page
    wasm = []
    page.on("request", lambda r: wasm.append(r.url) if r.url.endswith(".wasm") else 0)
    Widget(page, "gates").open().wait_ready()
    page.evaluate("window.__sameDocument = true")
    booted = len(wasm)  # however often the boot asked; after it, nothing may
    for title, path in GATE_PAGES:
        nav_link(page, title).click()
        expect(page).to_have_url(re.compile(re.escape(sub_host.url + path) + "(#.*)?$"))
        if path == "gates/roi/":
            roi = Widget(page, "roi").wait_ready()
            roi.fill("pairs", "2000")
            roi.expect_outputs(expected("roi", {"pairs": "2000"})["display"])
    assert page.evaluate("window.__sameDocument") is True, "a nav click reloaded the page"
    assert len(wasm) == booted, wasm


def test_an_unknown_address_shows_the_styled_404_page(
    sub_page: Page, sub_host: Host, guard: Any
) -> None:
    response = sub_page.goto("no/such/page/")
    assert response is not None and response.status == 404
    guard.expected("console", f"status of 404 (Not Found) ({sub_host.url}no/such/page/)")
    expect(sub_page.locator("h1")).to_have_text("404 - Not found")
    expect(sub_page.locator(".md-header")).to_have_css("position", "sticky")


def test_the_service_worker_and_its_caches_belong_to_the_path(
    browser: Browser, browser_context_args: dict, guard: Any, sub_host: Host
) -> None:
    context = _context(browser, browser_context_args, guard, sub_host, service_workers="allow")
    try:
        page = context.new_page()
        offline = Offline(page)
        page.goto("")
        offline.wait_installed()
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.scope)")
        assert scope == sub_host.url
        assert [name.startswith(f"{sub_host.url}#offline-") for name in offline.caches()] == [True]
        assert page.evaluate("caches.keys()") == list(offline.caches())

        context.set_offline(True)
        page.goto("gates/roi")  # typed without its slash
        expect(page).to_have_url(sub_host.url + "gates/roi/")
        expect(page.locator(".md-header")).to_have_css("position", "sticky")
    finally:
        context.close()


def test_the_build_names_the_path_everywhere(sub_host: Host) -> None:
    html = (sub_host.root / "404.html").read_text(encoding="utf-8")
    assert 'href="/sub/assets/stylesheets/' in html  # 404.html is served at any depth
    canonical = (sub_host.root / "gates" / "roi" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{sub_host.url}gates/roi/">' in canonical
