"""How Python loads on a reader's first visit: the worker starts from the page's head, before
the theme's script has arrived; each calculator says how much of the runtime has arrived.

Order and counts only, never durations: the network is slowed (Chromium's emulation) only so
that "before" means something on a local server.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_navigation import at, nav_link
from widgets import Widget, expected

pytestmark = pytest.mark.e2e

SLOW = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}  # Chrome DevTools' "Slow 4G"


def slow_network(page: Page, conditions: dict[str, object] = SLOW) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", conditions)


WORKER = re.compile(r"/assets/js/calc-worker\.js$")
BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


def test_the_worker_is_requested_before_the_theme_bundle_has_arrived(page: Page) -> None:
    events: list[tuple[str, str]] = []
    page.on("request", lambda r: events.append(("asked", r.url)))
    page.on("requestfinished", lambda r: events.append(("arrived", r.url)))
    slow_network(page)
    with page.expect_event("requestfinished", lambda r: bool(BUNDLE.search(r.url)), timeout=60_000):
        page.goto("gates/roi/", wait_until="commit")
    arrived = next(i for i, (k, u) in enumerate(events) if k == "arrived" and BUNDLE.search(u))
    assert any(k == "asked" and WORKER.search(u) for k, u in events[:arrived]), events


def test_a_page_without_calculators_loads_no_runtime_and_navigation_still_goes_live(
    page: Page, base_url: str
) -> None:
    runtime: list[str] = []
    page.on(
        "request",
        lambda r: (
            runtime.append(r.url)
            if "/calc-worker" in r.url or "/assets/pyodide/" in r.url
            else None
        ),
    )
    page.goto("gates/prompt-rag/")  # a page of prose, no calculator
    expect(page.locator("h1")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    assert runtime == [], runtime
    nav_link(page, "Gate 3: ROI").click()
    expect(page).to_have_url(at(base_url, "gates/roi/"))
    roi = Widget(page, "roi").wait_ready()
    roi.fill("calls_per_year", "100000")
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])


# Every text the status line of the ROI calculator shows, in order, from the first paint.
STATUS_LOG = """
new MutationObserver(() => {
  const status = document.querySelector('form[data-calc="roi"] [data-status]');
  const said = document.querySelector('form[data-calc="roi"] [data-progress]');
  const seen = (window.seenStatus ??= []);
  for (const text of [status?.textContent, said && `said: ${said.textContent}`]) {
    if (text && seen.at(-1) !== text && !seen.includes(text)) seen.push(text);
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
LOADING = re.compile(r"Loading the calculator: (\d+\.\d) of (\d+\.\d) MB\.")


def test_progress_counts_up_while_the_runtime_downloads_and_ends_when_live(page: Page) -> None:
    page.add_init_script(STATUS_LOG)
    slow_network(page, {**SLOW, "latency": 20, "downloadThroughput": 40_000_000 / 8})
    roi = Widget(page, "roi").open().wait_ready()
    seen: list[str] = page.evaluate("window.seenStatus")
    shown = [
        (float(m[1]), float(m[2]))
        for text in seen
        if not text.startswith("said: ") and (m := LOADING.search(text))
    ]
    assert len(shown) >= 3, seen
    received = [r for r, _ in shown]
    assert received == sorted(received) and received[0] < received[-1], seen
    assert len({total for _, total in shown}) == 1, seen  # the total is known from the start
    assert all(r <= t for r, t in shown), seen
    # Said politely at coarse steps only, never once per update.
    said = [text for text in seen if text.startswith("said: Loading")]
    assert 1 <= len(said) <= 5, seen
    expect(roi.status).to_have_text("Live: results update as you type.")
    expect(roi.form.locator(".calc-status progress")).to_be_hidden()
