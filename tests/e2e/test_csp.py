"""The site under its own strict Content-Security-Policy. Every page carries it as a <meta> (so
every browser test runs under it); here it is also sent as a real header, as hosts that read
`_headers` do. Theme and calculators must work with no violation reported: before the policy
listed the theme's inline scripts by hash, search returned nothing, the palette toggle vanished
and `__md_get is not defined` was thrown."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import BrowserContext, expect
from test_languages import type_query
from widgets import Widget, expected

from tests.languages import CODES, PREFIX, config, config_file
from tests.languages import nav as nav_titles

if TYPE_CHECKING:
    from tests.conftest import Host

pytestmark = pytest.mark.e2e

REPORT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
});
"""


# A word each language's search finds.
SEARCH = {"en": "labeling", "ko": "라벨링"}


@pytest.mark.parametrize("lang", CODES)
def test_theme_and_calculators_work_under_the_policy_sent_as_a_header(
    new_context: Callable[..., BrowserContext],
    hosting: Host,
    site_dir: Path,
    base_url: str,
    lang: str,
) -> None:
    header = (site_dir / "_headers").read_text(encoding="utf-8")
    policy = header.split("Content-Security-Policy: ")[1].strip()
    hosting.headers["Content-Security-Policy"] = policy
    context = new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    response = page.goto(PREFIX[lang] + "gates/prompt-rag/")
    assert response is not None and response.headers["content-security-policy"] == policy
    page.evaluate("window.__sameDocument = true")

    # The palette toggle, restored by an inline script on every page.
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    dark = config(config_file(lang))["theme"]["palette"][0]["toggle"]["name"]
    page.locator(f"label[title='{dark}']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")

    # Search: its worker and index.
    page.keyboard.press("/")
    type_query(page, SEARCH[lang])
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")

    # Instant navigation, then a live calculator (Pyodide needs 'wasm-unsafe-eval', no more).
    nav = page.locator(".md-sidebar--primary")
    nav.get_by_role("link", name=nav_titles(lang)["gates/roi/"], exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(base_url + PREFIX[lang] + "gates/roi/")))
    roi = Widget(page, "roi").wait_ready()
    roi.fill("calls_per_year", "100000")
    roi.expect_numbers(expected("roi", {"calls_per_year": "100000"})["display"])
    assert page.evaluate("window.__sameDocument") is True, "navigation reloaded the page"
    expect(body).to_have_attribute("data-md-color-scheme", "slate")

    assert page.evaluate("window.__violations") == []
