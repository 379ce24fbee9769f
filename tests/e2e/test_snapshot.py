"""This device's snapshot of Python (web/worker/snapshots.js): the first visit boots and keeps
one; a reload, another gate or the other language restores it and answers as a boot does; one
that is corrupt or answers differently is replaced, and the calculator still goes live.

Each test has a fresh context (`page`), so its Cache Storage starts empty.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from widgets import Widget, expected

import calc

pytestmark = pytest.mark.e2e

SHARED = "?v=1&calls_per_year=100000"  # the link a teammate opens
CHANGED = {"calls_per_year": "2500000"}

# The site's snapshot cache, and what it holds: [url, check header, bytes].
KEPT = """async () => {
  const cache = await caches.open(new URL("./", document.baseURI).origin + "/#python-snapshot");
  return Promise.all((await cache.keys()).map(async (request) => {
    const response = await cache.match(request);
    const bytes = await response.arrayBuffer();
    return [request.url, response.headers.get("x-calc-check"), bytes.byteLength];
  }));
}"""
REPLACE = """async ([body, check]) => {
  const cache = await caches.open(new URL("./", document.baseURI).origin + "/#python-snapshot");
  const [request] = await cache.keys();
  const kept = await cache.match(request);
  const bytes = body === null ? await kept.arrayBuffer() : new TextEncoder().encode(body);
  const headers = { "x-calc-check": check ?? kept.headers.get("x-calc-check") };
  await cache.put(request, new Response(bytes, { headers }));
}"""


# Every figure the calculators' progress bars showed: [received, total] (attributes, since the
# value property is clamped to max).
BARS = """() => {
  window.__bars = [];
  new MutationObserver((records) => {
    for (const { target } of records) {
      if (target instanceof HTMLProgressElement && target.hasAttribute("value")) {
        window.__bars.push([target.getAttribute("value"), target.getAttribute("max")].map(Number));
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["value", "max"] });
}"""


def kept(page: Page) -> list[list]:
    """The snapshot entries, once the first boot has stored one (it does so after going live)."""
    page.wait_for_function(f"({KEPT})().then((entries) => entries.length > 0)", timeout=60_000)
    return page.evaluate(KEPT)


def booted(widget: Widget) -> str:
    widget.wait_ready()
    return widget.form.get_attribute("data-boot") or ""


def runtime_requests(page: Page) -> dict[str, int]:
    asked: dict[str, int] = {}

    def count(url: str) -> None:
        if "/assets/pyodide/" in url or url.endswith(("/assets/calc.zip", "/calc-worker.js")):
            name = url.rsplit("/", 1)[-1]
            asked[name] = asked.get(name, 0) + 1

    page.on("request", lambda request: count(request.url))
    return asked


def test_a_reload_restores_the_first_visits_snapshot_and_answers_as_a_boot_does(page: Page) -> None:
    roi = Widget(page, "roi").open(SHARED)
    assert booted(roi) == "plain"
    first = roi.outputs()
    [(url, check, size)] = kept(page)
    assert "/assets/pyodide/python.snapshot?" in url
    assert check and 5_000_000 < size < 20_000_000, size  # its pages that are not all zeros

    asked = runtime_requests(page)
    page.reload()
    assert booted(roi) == "snapshot"
    assert roi.outputs() == first
    roi.set_all(CHANGED)  # answered by the restored Python, not prerendered
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000", **CHANGED})["display"])
    page.wait_for_load_state("networkidle")
    assert {"pyodide.asm.wasm", "python_stdlib.zip", "calc.zip"} <= set(asked), asked
    assert all(n == 1 for n in asked.values()), asked  # each once; the snapshot is not fetched
    assert len(kept(page)) == 1


def test_another_gate_and_the_korean_page_restore_it_too(page: Page) -> None:
    booted(Widget(page, "roi").open())
    kept(page)
    labeling = Widget(page, "labeling").open()
    assert booted(labeling) == "snapshot"
    labeling.set_all({"pairs": "9000"})
    labeling.expect_outputs(expected("labeling", {"pairs": "9000"})["display"])
    roi = Widget(page, "roi").open(SHARED, folder="ko/")
    assert booted(roi) == "snapshot"
    values = {**calc.defaults("roi"), "calls_per_year": "100000"}
    roi.expect_outputs(calc.run("roi", values, "ko")["display"])


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(("not a snapshot", None), id="corrupt"),
        pytest.param((None, "%7B%22answers%22%3A%22differently%22%7D"), id="answers-differently"),
    ],
)
@pytest.mark.console_errors("none expected; the restore's failure is a console warning")
def test_a_snapshot_that_will_not_do_is_replaced_and_the_calculator_still_goes_live(
    page: Page, damage: tuple[str | None, str | None]
) -> None:
    roi = Widget(page, "roi").open(SHARED)
    booted(roi)
    [(_, check, size)] = kept(page)
    page.evaluate(REPLACE, list(damage))
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.add_init_script(f"({BARS})()")
    page.reload()
    assert booted(roi) == "plain"
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])
    assert any("did not restore" in w for w in warnings), warnings
    # The files the restore fetched, fetched again by the boot, count once: one total throughout.
    bars = page.evaluate("window.__bars")
    assert bars and len({total for _, total in bars}) == 1, bars
    assert all(received <= total for received, total in bars), bars
    page.wait_for_function(
        f"({KEPT})().then((e) => e.length === 1 && e[0][1] === {check!r} && e[0][2] === {size})",
        timeout=60_000,
    )
    page.reload()
    assert booted(roi) == "snapshot"
