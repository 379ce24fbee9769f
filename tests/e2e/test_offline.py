"""After one visit the service worker has the site and the Python runtime: calculators work
with the network off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect
from widgets import BOOT_TIMEOUT, Widget, expected

pytestmark = pytest.mark.e2e

CACHED = """async (files) => {
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    const hits = await Promise.all(files.map((f) => cache.match(new URL(f, document.baseURI))));
    if (hits.every(Boolean)) return true;
  }
  return false;
}"""

RUNTIME = [
    "assets/pyodide/pyodide.asm.wasm",
    "assets/pyodide/pyodide.mjs",
    "assets/pyodide/python_stdlib.zip",
    "assets/calc.zip",
    "assets/js/calc-worker.js",
]


@pytest.fixture
def sw_context(browser: Browser, browser_context_args: dict, guard) -> Iterator[BrowserContext]:
    """A fresh context where service workers run (the other tests block them)."""
    context = guard.watch(
        browser.new_context(**{**browser_context_args, "service_workers": "allow"})
    )
    yield context
    context.close()


def test_calculator_works_offline_after_one_visit(
    sw_context: BrowserContext, base_url: str
) -> None:
    context = sw_context
    page = context.new_page()
    roi = Widget(page, "roi").open().wait_ready()
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # The worker claims the page once installed; installing means caching the whole site.
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=BOOT_TIMEOUT)
    files = [base_url + f for f in [*RUNTIME, "gates/roi/"]]
    page.wait_for_function(CACHED, arg=files, timeout=BOOT_TIMEOUT, polling=250)

    context.set_offline(True)
    try:
        page.reload()
        roi.wait_ready()
        roi.fill("calls_per_year", "100000")
        roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])
        expect(roi.output("roi")).to_have_text("0.37")

        # A shared link opens offline too: the service worker ignores the query for pages.
        page.goto("gates/roi/?v=1&pairs=2000")
        roi.wait_ready()
        roi.expect_outputs(expected("roi", {"pairs": "2000"})["display"])
    finally:
        context.set_offline(False)
