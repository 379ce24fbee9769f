"""The language a widget is built in reaches the browser's Python (issue 20).

The Korean pages are a build of their own; this checks the one thing their widgets add to the
glue, on the English build: a form that says data-lang="ko", on a page carrying the Korean page
words, answers live in Korean, with the same numbers.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect
from widgets import BOOT_TIMEOUT, PAGES

from hooks import render

pytestmark = pytest.mark.e2e


def test_a_korean_form_answers_live_in_korean(page: Page, base_url: str) -> None:
    def korean(route: Route) -> None:
        response = route.fetch()
        body = response.text().replace('data-lang="en"', 'data-lang="ko"')
        route.fulfill(
            response=response,
            body=body.replace("</body>", render.words_element("ko") + "</body>"),
        )

    page.route(re.compile(rf".*/{PAGES['roi']}(\?.*)?$"), korean)
    page.goto(f"{base_url}{PAGES['roi']}?v=1&calls_per_year=100000")
    form = page.locator('form[data-calc="roi"]')
    expect(form).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    expect(form.locator('output[name="verdict"]')).to_have_text(re.compile("^중단: ROI가 1.0 미만"))
    expect(form.locator('output[name="cost"]')).to_have_text("$7,900")
    expect(form.locator("[data-status]")).to_have_text("실시간: 입력하는 대로 결과가 바뀝니다.")
    form.locator('input[name="pairs"]').fill("")
    expect(form.locator('[data-problem="pairs"]')).to_have_text("라벨링할 쌍 수를 입력하세요.")
    stale = "갱신 안 됨: 고쳐야 할 입력값이 있습니다."
    expect(form.locator("[data-stale-note]")).to_have_text([stale, stale])  # results and their bar
