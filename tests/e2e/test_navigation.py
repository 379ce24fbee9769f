"""Material's instant navigation: page changes keep the one Python worker alive."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from widgets import Widget, expected

import calc

pytestmark = pytest.mark.e2e

GATE_PAGES = [
    ("Gate 1: Prompt + RAG", "gates/prompt-rag/"),
    ("Gate 2: eval set", "gates/eval-set/"),
    ("Gate 3: ROI", "gates/roi/"),
    ("Gate 4: retraining", "gates/retraining/"),
]


def at(base_url: str, address: str) -> re.Pattern[str]:
    """The page's address; navigation.tracking may add the #section scrolled to."""
    return re.compile("^" + re.escape(base_url + address) + "(#[^?]*)?$")


def nav_link(page: Page, title: str):
    return page.locator(".md-sidebar--primary").get_by_role("link", name=title, exact=True)


def test_python_boots_once_across_instant_navigation(page: Page, base_url: str) -> None:
    wasm, workers = [], []
    page.on("request", lambda r: wasm.append(r.url) if r.url.endswith("pyodide.asm.wasm") else 0)
    page.on("worker", lambda w: workers.append(w.url) if "calc-worker" in w.url else 0)

    gates = Widget(page, "gates").open().wait_ready()
    page.evaluate("window.__sameDocument = true")  # gone if any step reloads the page
    # However often the boot asked for the wasm, after it nothing may.
    booted = len(wasm)

    for title, path in GATE_PAGES:
        nav_link(page, title).click()
        expect(page).to_have_url(at(base_url, path))
        expect(page.locator("h1")).to_have_count(1)
        if path == "gates/roi/":
            roi = Widget(page, "roi").wait_ready()
            roi.fill("calls_per_year", "100000")
            roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])

    nav_link(page, "The four gates").click()
    expect(page).to_have_url(at(base_url, "gates/"))
    gates.wait_ready()
    gates.choose("prompt_rag", "solves")
    gates.expect_outputs(expected("gates", {"prompt_rag": "solves"})["display"])

    assert page.evaluate("window.__sameDocument") is True, "a nav click reloaded the page"
    assert len(wasm) == booted, wasm
    assert len(workers) == 1, workers


def test_a_page_reached_by_navigation_does_not_inherit_the_last_pages_inputs(
    page: Page, base_url: str
) -> None:
    """gates/roi/ and gates/ share the ROI fields: state typed on one, then a nav link to the
    other, must open the other at the chapter's example (its own address has no inputs)."""
    roi = Widget(page, "roi").open().wait_ready()
    roi.fill("calls_per_year", "100000")
    expect(page).to_have_url(at(base_url, "gates/roi/?v=1&calls_per_year=100000"))
    nav_link(page, "The four gates").click()
    expect(page).to_have_url(at(base_url, "gates/"))
    gates = Widget(page, "gates").wait_ready()
    expect(gates.control("calls_per_year")).to_have_value(calc.defaults("gates")["calls_per_year"])
    gates.expect_outputs(expected("gates")["display"])
