"""Every page in the nav loads with no third-party request, no console error and no page error
(the autouse guard in conftest.py checks all three), and its widgets come alive."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from widgets import Widget

from tests.languages import addresses

pytestmark = pytest.mark.e2e

# Every page in every language: English at the root, Korean under ko/ (tests/languages.py).
PAGES = addresses()


@pytest.fixture(scope="module")
def tab(shared_context: BrowserContext) -> Page:
    """One tab visits every page in turn, as a reader clicking through would."""
    return shared_context.new_page()


def test_the_nav_lists_the_chapter_in_both_languages() -> None:
    assert len(PAGES) >= 30
    assert {"", "gates/", "gates/roi/", "readiness/", "operations/"} <= set(PAGES)
    assert {"ko/", "ko/gates/", "ko/gates/roi/", "ko/readiness/", "ko/operations/"} <= set(PAGES)


@pytest.mark.parametrize("address", PAGES, ids=lambda a: a or "home")
def test_page_loads_cleanly(tab: Page, address: str) -> None:
    response = tab.goto(address)
    assert response is not None and response.ok, address
    expect(tab.locator("h1")).to_have_count(1)
    for name in tab.locator("form[data-calc]").evaluate_all("fs => fs.map(f => f.dataset.calc)"):
        Widget(tab, name).wait_ready()
    tab.wait_for_load_state("networkidle")
    broken = tab.evaluate(
        "[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == []


def test_the_guard_sees_what_it_fails_on(new_context: Callable[..., BrowserContext], guard) -> None:
    """The autouse guard must notice each kind of misbehaviour, or the clean runs prove nothing.
    The site's own Content-Security-Policy would refuse the third-party request before it is
    made, so this one page goes without it."""
    page = new_context(bypass_csp=True).new_page()
    start = len(guard.problems)
    page.route(
        "http://third-party.invalid/**",
        lambda route: route.fulfill(body="", headers={"Access-Control-Allow-Origin": "*"}),
    )
    page.goto("sources/")
    with (
        page.expect_request("http://third-party.invalid/**"),
        page.expect_console_message(lambda m: m.type == "error"),
        page.expect_event("pageerror"),
    ):
        page.evaluate(
            """() => {
                 fetch('http://third-party.invalid/font.woff2').catch(() => {});
                 console.error('guard self-test');
                 setTimeout(() => { throw new Error('guard self-test'); });
               }"""
        )
    kinds = {kind for kind, _ in guard.problems[start:]}
    assert kinds == {"request", "console", "pageerror"}, guard.problems[start:]
    del guard.problems[start:]  # seen on purpose: not this test's failure
