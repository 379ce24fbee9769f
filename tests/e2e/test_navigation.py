"""Material's instant navigation: page changes keep the one Python worker alive."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from widgets import Widget, expected

import calc
from tests.languages import CODES, PREFIX, config, config_file, nav

pytestmark = pytest.mark.e2e

GATES = ["gates/prompt-rag/", "gates/eval-set/", "gates/roi/", "gates/retraining/"]


def gate_pages(lang: str) -> list[tuple[str, str]]:
    """(nav title, address) of each gate's page in that language."""
    return [(nav(lang)[gate], PREFIX[lang] + gate) for gate in GATES]


def section_title(lang: str) -> str:
    """The nav section the gates are in ("The four gates"), which links to gates/."""
    return next(
        next(iter(item))
        for item in config(config_file(lang))["nav"]
        if isinstance(item, dict) and isinstance(next(iter(item.values())), list)
    )


GATE_PAGES = gate_pages("en")


def at(base_url: str, address: str) -> re.Pattern[str]:
    """The page's address; navigation.tracking may add the #section scrolled to."""
    return re.compile("^" + re.escape(base_url + address) + "(#[^?]*)?$")


def nav_link(page: Page, title: str):
    return page.locator(".md-sidebar--primary").get_by_role("link", name=title, exact=True)


@pytest.mark.parametrize("lang", CODES)
def test_python_boots_once_across_instant_navigation(page: Page, base_url: str, lang: str) -> None:
    wasm, workers = [], []
    page.on("request", lambda r: wasm.append(r.url) if r.url.endswith("pyodide.asm.wasm") else 0)
    page.on("worker", lambda w: workers.append(w.url) if "calc-worker" in w.url else 0)

    gates = Widget(page, "gates").open(folder=PREFIX[lang]).wait_ready()
    page.evaluate("window.__sameDocument = true")  # gone if any step reloads the page
    # However often the boot asked for the wasm, after it nothing may.
    booted = len(wasm)

    for title, path in gate_pages(lang):
        nav_link(page, title).click()
        expect(page).to_have_url(at(base_url, path))
        expect(page.locator("h1")).to_have_count(1)
        if path.endswith("gates/roi/"):
            roi = Widget(page, "roi").wait_ready()
            roi.fill("calls_per_year", "100000")
            roi.expect_numbers(expected("roi", {"calls_per_year": "100000"})["display"])

    nav_link(page, section_title(lang)).click()
    expect(page).to_have_url(at(base_url, PREFIX[lang] + "gates/"))
    gates.wait_ready()
    gates.choose("prompt_rag", "solves")
    gates.expect_numbers(expected("gates", {"prompt_rag": "solves"})["display"])

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
