"""The site in English and Korean, as a reader moves between them: the switch leads to the same
page, a link's numbers are the same in both, remembered answers are shared, and Korean search
finds Korean words. (Every page loads, fits and passes axe in both: test_pages, test_layout,
test_a11y; the addresses, hreflang and sitemaps: tests/site/test_site_languages.py.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_remember import OPERATIONS_LIST
from widgets import Widget, expected

import calc

pytestmark = pytest.mark.e2e


def type_query(page: Page, text: str) -> None:
    """Type into Material's search box. Playwright inserts Hangul as text, with no key events
    (a reader's input method sends them), and Material reads the box on keyup: End sends one."""
    page.keyboard.type(text)
    page.keyboard.press("End")


def switch_to(page: Page, lang: str) -> None:
    """The header's language switch (a menu that opens on hover or focus)."""
    page.locator(".md-header .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{lang}"]').click()


@pytest.mark.parametrize(
    ("start", "lang", "lands"),
    [
        ("cost/#price-levers", "ko", "ko/cost/#price-levers"),  # the same section, too
        ("ko/gates/roi/", "en", "gates/roi/"),
        ("", "ko", "ko/"),
    ],
)
def test_the_switch_leads_to_the_same_page_in_the_other_language(
    page: Page, base_url: str, start: str, lang: str, lands: str
) -> None:
    page.goto(start)
    switch_to(page, lang)
    expect(page).to_have_url(base_url + lands)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_count(1)


def test_after_instant_navigation_the_switch_leads_to_the_new_page_with_its_numbers(
    page: Page, base_url: str
) -> None:
    """Material's instant navigation swaps the page but not the header the switch is in."""
    page.goto("ko/gates/")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary").get_by_role("link", name="게이트 3: ROI").click()
    roi = Widget(page, "roi").wait_ready()
    roi.fill("calls_per_year", "100000")
    expect(page).to_have_url(re.compile(r"ko/gates/roi/\?v=1&calls_per_year=100000"))
    assert page.evaluate("window.__sameDocument") is True, "the nav link reloaded the page"

    switch_to(page, "en")  # navigation.tracking may have added the section scrolled to
    expect(page).to_have_url(re.compile(r".*/gates/roi/\?v=1&calls_per_year=100000(#.*)?$"))
    assert not page.url.removeprefix(base_url).startswith("ko/")
    roi.wait_ready()
    expect(roi.control("calls_per_year")).to_have_value("100000")


@pytest.mark.parametrize(("made_in", "opened_in"), [("ko/", ""), ("", "ko/")])
def test_a_link_made_in_one_language_gives_the_same_numbers_in_the_other(
    page: Page, made_in: str, opened_in: str
) -> None:
    answer = expected("roi", {"calls_per_year": "100000", "months": "6"})["display"]
    roi = Widget(page, "roi").open(folder=made_in).wait_ready()
    roi.fill("calls_per_year", "100000")
    roi.fill("months", "6")
    expect(page).to_have_url(re.compile(r"calls_per_year=100000&months=6"))
    query = page.url.split("?", 1)[1]
    # The address changes as the reader types, before Python answers: wait for that answer (CI
    # once read the previous one here, on a loaded machine).
    roi.expect_numbers(answer)
    made = roi.numbers()

    roi.open("?" + query, folder=opened_in).wait_ready()
    expect(roi.control("calls_per_year")).to_have_value("100000")
    roi.expect_numbers(answer)
    assert roi.numbers() == made  # every number, those of the other outputs too


def test_remembered_answers_and_ticks_are_shared_by_both_languages(page: Page) -> None:
    readiness = Widget(page, "readiness").open().wait_ready()
    readiness.choose("eval_set", "yes")
    readiness.choose("tried_rag", "yes")
    readiness.open(folder="ko/").wait_ready()
    answers = {f: readiness.value(f) for f in calc.defaults("readiness")}
    assert answers == {**calc.defaults("readiness"), "eval_set": "yes", "tried_rag": "yes"}

    page.goto("ko/operations/")
    boxes = page.locator(f'{OPERATIONS_LIST} input[type="checkbox"]')
    expect(boxes.first).to_be_enabled()
    boxes.nth(1).focus()
    page.keyboard.press("Space")
    page.goto("operations/")
    expect(boxes.first).to_be_enabled()
    assert [i for i, box in enumerate(boxes.all()) if box.is_checked()] == [1]


@pytest.mark.parametrize("word", ["라벨러", "베이스라인"])
def test_korean_search_finds_a_korean_word_in_a_page_body(page: Page, word: str) -> None:
    """lunr.ko, self-hosted by Material: words of the Korean pages' prose, which in Korean are
    mostly followed by a particle (베이스라인보다) rather than a space."""
    page.goto("ko/")
    page.keyboard.press("/")
    type_query(page, word)
    found = page.locator(".md-search-result__item").filter(has_text=word)
    expect(found.first).to_be_visible()
    expect(found.first.locator("a").first).to_have_attribute("href", re.compile(r"/ko/"))
