"""When Python cannot start, the page keeps the prerendered results and says so plainly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect
from widgets import BOOT_TIMEOUT, Widget, expected

pytestmark = pytest.mark.e2e

UNAVAILABLE = "Live recalculation is unavailable"


def abort(route: Route) -> None:
    route.abort()


# Each file the runtime needs, in the order the worker asks for them.
RUNTIME_FILES = [
    "assets/js/calc-worker.js",
    "assets/pyodide/pyodide.mjs",
    "assets/pyodide/pyodide.asm.wasm",
    "assets/calc.zip",
]


def open_without(page: Page, blocked: str, query: str = "") -> tuple[Widget, list[str]]:
    """gates/roi/ with one runtime file failing to download; returns the widget and the list of
    failed attempts, which grows as the page tries again."""
    failed: list[str] = []
    page.route(f"**/{blocked}", abort)
    page.on("requestfailed", lambda r: failed.append(r.url) if r.url.endswith(blocked) else None)
    return Widget(page, "roi").open(query), failed


@pytest.mark.console_errors("a runtime download is blocked on purpose")
@pytest.mark.parametrize("blocked", RUNTIME_FILES, ids=lambda f: f.rsplit("/", 1)[-1])
def test_blocked_runtime_shows_an_error_and_keeps_the_results(page: Page, blocked: str) -> None:
    roi, failed = open_without(page, blocked)
    # One more attempt, with progress shown, before the widget gives up.
    expect(roi.form).to_have_attribute("data-state", "error", timeout=BOOT_TIMEOUT)
    # Each worker asks once; the second worker is the one retry: the page asked again before
    # giving up.
    assert len(failed) >= 2, failed
    status = page.locator('form[data-calc="roi"] .calc-status')
    expect(status).to_contain_text(UNAVAILABLE)
    expect(status).to_contain_text("computed when this page was built")
    expect(status.locator("progress")).to_be_hidden()
    roi.expect_outputs(expected("roi")["display"])
    expect(roi.form).not_to_have_attribute("data-stale", "")  # they match the inputs shown

    roi.fill("pairs", "6000")  # typing later changes nothing and breaks nothing...
    roi.expect_state("error")
    roi.expect_outputs(expected("roi")["display"])
    expect(status).to_contain_text(UNAVAILABLE)
    # ...but the results no longer match the inputs, and the widget says so.
    expect(roi.form).to_have_attribute("data-stale", "")
    expect(roi.stale_note).to_have_text(
        "Not updated: these results are for the example values this page was built with."
    )

    page.unroute(f"**/{blocked}")  # the network is back: "Try again" goes live, no reload
    page.evaluate("window.__sameDocument = true")
    status.get_by_role("button", name="Try again").click()
    roi.wait_ready()
    roi.expect_outputs(expected("roi", {"pairs": "6000"})["display"])
    expect(roi.form).not_to_have_attribute("data-stale", "")
    assert page.evaluate("window.__sameDocument") is True


@pytest.mark.console_errors("a runtime download is blocked on purpose")
def test_blocked_runtime_with_a_shared_link_says_the_results_are_the_examples(
    page: Page,
) -> None:
    roi, _ = open_without(page, "assets/calc.zip", "?v=1&calls_per_year=100000")
    expect(roi.form).to_have_attribute("data-state", "error", timeout=BOOT_TIMEOUT)
    expect(roi.control("calls_per_year")).to_have_value("100000")
    expect(roi.form).to_have_attribute("data-stale", "")
    expect(roi.form.locator("[data-results]").first).to_have_attribute("aria-busy", "true")
    expect(roi.stale_note).to_have_text(
        "Not updated: these results are for the example values this page was built with."
    )
    roi.expect_outputs(expected("roi")["display"])


@pytest.mark.parametrize("address", ["gates/roi/", "gates/", "cost/"])
def test_page_opened_from_disk_keeps_its_results(page: Page, site_dir: Path, address: str) -> None:
    page.goto((site_dir / address / "index.html").as_uri())
    names = page.locator("[data-calc]").evaluate_all("els => els.map(e => e.dataset.calc)")
    assert names
    for name in names:
        widget = Widget(page, name)
        expect(widget.form).to_have_attribute("data-state", "error")
        expect(widget.status).to_contain_text(UNAVAILABLE)
        expect(widget.status).to_contain_text("served over http")
        widget.expect_outputs(expected(name)["display"])


BROKEN = b"""

def numbers(name, inputs, lang="en"):
    raise RuntimeError("broken on purpose")
"""


def test_a_calculation_that_fails_says_why_in_one_line(page: Page, site_dir: Path) -> None:
    """Python is up but the calculation raises: the reader sees the exception, not an empty
    "()" and not a traceback, and the build's results stay."""
    built = zipfile.ZipFile(site_dir / "assets" / "calc.zip")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in built.infolist():
            data = built.read(info)
            zf.writestr(info, data + BROKEN if info.filename == "calc/__init__.py" else data)
    page.route("**/assets/calc.zip", lambda route: route.fulfill(body=broken.getvalue()))
    roi = Widget(page, "roi").open()
    expect(roi.form).to_have_attribute("data-state", "error", timeout=BOOT_TIMEOUT)
    expect(roi.status).to_contain_text(f"{UNAVAILABLE} (RuntimeError: broken on purpose).")
    expect(roi.status).not_to_contain_text("Traceback")
    roi.expect_outputs(expected("roi")["display"])
