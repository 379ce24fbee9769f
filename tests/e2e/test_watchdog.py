"""A Python worker that dies after it was ready: the widget never keeps claiming live results it
does not have. It restarts the worker once; a second failure is an error with "Try again". The
tests kill the real worker from outside, as a crash would. A worker that hangs looks the same to
the page (no answer by the deadline); web/test/runtime.test.js proves that part with a clock.

The glue's ten-second deadline runs on the page's clock, which these tests fake (Playwright's
`page.clock`): once a request is pending they jump the clock past the deadline instead of
waiting it out. Time flows normally otherwise; the worker keeps the real clock."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, Worker, expect
from widgets import BOOT_TIMEOUT, Widget, expected

pytestmark = pytest.mark.e2e

# A restart boots Python again: only these waits get a long allowance.
RESTART_TIMEOUT = BOOT_TIMEOUT + 15_000
DEADLINE_MS = 10_000  # web/page/runtime.js: how long the glue waits for an answer

KILL = "setTimeout(() => close(), 0)"  # the worker ends; the page is not told


def calc_workers(page: Page) -> list[Worker]:
    return [w for w in page.workers if w.url.endswith("/calc-worker.js")]


def miss_the_deadline(page: Page, form: Locator) -> None:
    """Once a request is pending (its results are marked stale after 250 ms), jump past the
    glue's deadline for it."""
    expect(form).to_have_attribute("data-stale", "")
    page.clock.fast_forward(DEADLINE_MS)


def booted(page: Page) -> list[str]:
    """Every calc worker the page starts, in order."""
    seen: list[str] = []
    page.on("worker", lambda w: seen.append(w.url) if w.url.endswith("/calc-worker.js") else 0)
    return seen


def test_a_lost_worker_is_restarted_and_the_page_never_claims_stale_results(page: Page) -> None:
    started = booted(page)
    page.clock.install()
    roi = Widget(page, "roi").open().wait_ready()
    page.evaluate("window.__sameDocument = true")
    (worker,) = calc_workers(page)
    worker.evaluate(KILL)

    roi.fill("calls_per_year", "100000")
    # Until the answer comes, the results on screen are the old ones: said, not hidden.
    expect(roi.form).to_have_attribute("data-stale", "")
    expect(roi.form.locator("[data-results]").first).to_have_attribute("aria-busy", "true")
    expect(roi.stale_note).to_have_text("Recalculating for your numbers…")
    expect(roi.form).not_to_have_attribute("data-state", "ready")
    # The missed deadline moves the widget to loading with a new worker, then live again.
    miss_the_deadline(page, roi.form)
    expect(roi.status).to_contain_text("Restarting Python", timeout=RESTART_TIMEOUT)
    expect(roi.form.locator(".calc-status progress")).to_be_visible()
    roi.wait_ready()
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])
    expect(roi.output("roi")).to_have_text("0.37")
    expect(roi.form).not_to_have_attribute("data-stale", "")
    assert len(started) == 2, started
    assert page.evaluate("window.__sameDocument") is True


def test_every_widget_on_the_page_leaves_ready_at_once(page: Page) -> None:
    """cost/ has two widgets: a lost worker takes both out of "ready", and both come back."""
    page.clock.install()
    page.goto("cost/")
    labeling, roi = Widget(page, "labeling").wait_ready(), Widget(page, "roi").wait_ready()
    (worker,) = calc_workers(page)
    worker.evaluate(KILL)
    labeling.fill("labelers", "3")  # only this widget's request finds the worker gone...
    miss_the_deadline(page, labeling.form)
    expect(labeling.status).to_contain_text("Restarting Python", timeout=RESTART_TIMEOUT)
    roi.expect_state("loading")  # ...but the other stops claiming to be live too
    labeling.wait_ready()
    roi.wait_ready()
    labeling.expect_outputs(expected("labeling", {"labelers": "3"})["display"])


@pytest.mark.console_errors("the restarted worker's script is blocked on purpose")
def test_a_second_failure_is_an_error_until_try_again(page: Page) -> None:
    page.clock.install()
    roi = Widget(page, "roi").open().wait_ready()
    page.evaluate("window.__sameDocument = true")
    page.route("**/assets/js/calc-worker.js", lambda route: route.abort())
    (worker,) = calc_workers(page)
    worker.evaluate(KILL)
    roi.fill("pairs", "6000")
    miss_the_deadline(page, roi.form)

    expect(roi.form).to_have_attribute("data-state", "error", timeout=RESTART_TIMEOUT)
    expect(roi.status).to_contain_text("Live recalculation is unavailable")
    expect(roi.form).to_have_attribute("data-stale", "")
    expect(roi.stale_note).to_have_text("Not updated: these results are for earlier inputs.")
    roi.expect_outputs(expected("roi")["display"])  # the last live answer, marked as such
    summary = roi.form.locator("[data-summary]")
    expect(summary).to_contain_text("Live recalculation is unavailable")

    page.unroute("**/assets/js/calc-worker.js")
    roi.form.get_by_role("button", name="Try again").click()
    roi.wait_ready()
    roi.expect_outputs(expected("roi", {"pairs": "6000"})["display"])
    assert page.evaluate("window.__sameDocument") is True


def test_after_a_restart_other_pages_go_live_too(page: Page, base_url: str) -> None:
    """Instant navigation keeps the tab's one runtime: the restarted worker serves the next page."""
    page.clock.install()
    roi = Widget(page, "roi").open().wait_ready()
    (worker,) = calc_workers(page)
    worker.evaluate(KILL)
    roi.fill("pairs", "6000")
    miss_the_deadline(page, roi.form)
    expect(roi.status).to_contain_text("Restarting Python", timeout=RESTART_TIMEOUT)
    roi.wait_ready()
    page.locator(".md-sidebar--primary").get_by_role("link", name="PoC phase").click()
    expect(page).to_have_url(re.compile(re.escape(base_url + "poc/")))
    poc = Widget(page, "poc").wait_ready()
    poc.fill("poc_score", "80")
    poc.expect_outputs(expected("poc", {"poc_score": "80"})["display"])
