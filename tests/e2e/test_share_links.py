"""Inputs live in the address bar: `?v=1&key=value`, sorted keys, only values off the defaults."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect
from widgets import BOOT_TIMEOUT, PAGES, Widget, expected

import calc

pytestmark = pytest.mark.e2e

HOSTILE = {
    "script": "<script>window.__pwned=1</script>",
    "attribute": '"><img src=x onerror="window.__pwned=1">',
}


def query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def expect_query(page: Page, path: str, pairs: list[tuple[str, str]]) -> None:
    """The address bar shows `path` with exactly this query (Material may add a #fragment)."""
    search = "?" + urlencode(pairs) if pairs else ""
    expect(page).to_have_url(re.compile(rf"^[^?#]*/{re.escape(path + search)}(#[^?]*)?$"))


def test_typing_updates_the_address_bar(live: Callable[[str], Widget]) -> None:
    roi = live("roi")
    page = roi.page
    roi.fill("pairs", "6000")
    roi.fill("calls_per_year", "100000")
    expect_query(page, "gates/roi/", [("v", "1"), ("calls_per_year", "100000"), ("pairs", "6000")])

    roi.fill("pairs", "5000")  # back to the default: the key leaves the link
    expect_query(page, "gates/roi/", [("v", "1"), ("calls_per_year", "100000")])
    roi.fill("calls_per_year", "1000000")
    expect_query(page, "gates/roi/", [])


def test_choices_and_text_go_into_the_address_bar(live: Callable[[str], Widget]) -> None:
    record = live("record")
    record.choose("prompt_rag", "fails-on-eval")
    record.choose("owner", "no")
    record.fill("title", "Bot & co")
    expect_query(
        record.page,
        "gates/",
        [("v", "1"), ("owner", "no"), ("prompt_rag", "fails-on-eval"), ("title", "Bot & co")],
    )
    record.choose("owner", "")  # "Unanswered" is the default
    expect_query(
        record.page, "gates/", [("v", "1"), ("prompt_rag", "fails-on-eval"), ("title", "Bot & co")]
    )


def test_a_shared_link_prefills_and_recomputes(page: Page) -> None:
    roi = Widget(page, "roi").open("?v=1&calls_per_year=100000&colour=blue&__proto__=x")
    roi.wait_ready()
    expect(roi.control("calls_per_year")).to_have_value("100000")
    expect(roi.output("roi")).to_have_text("0.37")
    expect(roi.output("verdict")).to_contain_text("Don't ship")
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])
    roi.expect_no_problems()  # unknown keys are ignored, not reported

    roi.fill("months", "6")  # the next link carries the form's state, not the stray keys
    expect_query(page, "gates/roi/", [("v", "1"), ("calls_per_year", "100000"), ("months", "6")])


def test_copy_link_puts_the_state_on_the_clipboard(live: Callable[[str], Widget]) -> None:
    roi = live("roi")
    roi.fill("calls_per_year", "100000")
    roi.fill("gpu_cost", "750")
    roi.button("copy-link").click()
    expect(roi.note).to_have_text("Link copied.")
    copied = roi.page.evaluate("navigator.clipboard.readText()")
    assert urlsplit(copied).path == urlsplit(roi.page.url).path
    assert query(copied) == [("v", "1"), ("calls_per_year", "100000"), ("gpu_cost", "750")]


def test_round_trip_through_a_fresh_page(live: Callable[[str], Widget]) -> None:
    record = live("record")
    changes = {
        "prompt_rag": "untested",
        "eval_pairs": "2,500",
        "pipeline": "yes",
        "calls_per_year": "400000",
        "title": "Ticket triage — SFT?",
        "deciders": "Ana <ana@example.com>",
    }
    for field, value in changes.items():
        record.set(field, value)
    record.expect_outputs(expected("record", changes)["display"])
    gates_shown = Widget(record.page, "gates").outputs()
    record_shown = record.outputs()
    link = record.page.url

    fresh = record.page.context.new_page()
    try:
        fresh.goto(link)
        again = Widget(fresh, "record").wait_ready()
        for field, value in changes.items():
            assert again.value(field) == value, field
        assert again.outputs() == record_shown
        assert Widget(fresh, "gates").outputs() == gates_shown
    finally:
        fresh.close()


def test_hostile_values_in_a_link_are_shown_as_text(page: Page) -> None:
    links = {
        "eval_pairs": HOSTILE["script"],  # a number field
        "prompt_rag": HOSTILE["attribute"],  # a select
        "pipeline": HOSTILE["script"],  # a radio group
        "title": HOSTILE["attribute"],  # free text, shown in the record
    }
    gates = Widget(page, "gates").open("?" + urlencode({"v": "1", **links}))
    expect(gates.form).to_have_attribute("data-state", "invalid", timeout=BOOT_TIMEOUT)
    for field in ("eval_pairs", "prompt_rag", "pipeline"):
        problem = gates.problem(field)
        expect(problem).to_be_visible()
        expect(problem).to_contain_text(links[field])  # the raw text, echoed as text
    record = Widget(page, "record")
    expect(record.control("title")).to_have_value(links["title"])

    assert page.evaluate("typeof window.__pwned") == "undefined"
    expect(page.locator('img[src="x"]')).to_have_count(0)
    expect(page.locator("script", has_text="__pwned")).to_have_count(0)

    # Fixing the three bad fields puts the free-text title into the record, still as text.
    gates.fill("eval_pairs", "1200")
    gates.choose("prompt_rag", "fails-on-eval")
    gates.choose("pipeline", "yes")
    gates.wait_ready()
    changes = {
        "eval_pairs": "1200",
        "prompt_rag": "fails-on-eval",
        "pipeline": "yes",
        "title": links["title"],
    }
    record.expect_outputs(expected("record", changes)["display"])
    assert page.evaluate("typeof window.__pwned") == "undefined"
    expect(page.locator('img[src="x"]')).to_have_count(0)


@pytest.mark.parametrize(
    ("name", "field", "value"), [("roi", "months", "3"), ("approach", "problem", "json_format")]
)
def test_reset_clears_the_link(
    live: Callable[[str], Widget], name: str, field: str, value: str
) -> None:
    widget = live(name)
    widget.set(field, value)
    expect_query(widget.page, PAGES[name], [("v", "1"), (field, value)])
    widget.button("reset").click()
    expect_query(widget.page, PAGES[name], [])
    widget.expect_outputs(expected(name)["display"])
    assert widget.value(field) == calc.defaults(name)[field]


def test_clipboard_fallback_shows_the_link(live: Callable[[str], Widget]) -> None:
    """When the browser refuses the clipboard, the link is shown for copying by hand."""
    roi = live("roi")
    roi.fill("pairs", "7000")
    roi.page.evaluate(
        "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('refused')); }"
    )
    try:
        roi.button("copy-link").click()
        expect(roi.note).to_have_text(
            re.compile(r"^Copy this link: http://[^/]+/gates/roi/\?v=1&pairs=7000(#\S*)?$")
        )
    finally:
        roi.page.evaluate("() => { delete navigator.clipboard.writeText; }")


def test_a_link_stays_under_2000_characters(live: Callable[[str], Widget]) -> None:
    """Pasted junk is shown as a problem but left out of the link; the rest of the state stays."""
    roi = live("roi")
    roi.fill("calls_per_year", "100000")
    roi.fill("pairs", "9" * 20_000)
    roi.expect_problem("pairs", re.compile("far too long"))
    expect_query(roi.page, "gates/roi/", [("v", "1"), ("calls_per_year", "100000")])
    assert len(roi.page.url) <= 2000


# --- one canonical value, link versions, nothing dropped silently -------------------------------


@pytest.mark.parametrize(
    ("name", "field", "linked", "canonical"),
    [
        ("readiness", "eval_set", "YES", "yes"),  # a radio group
        ("data_volume", "task", "Instruction_Tuning", "instruction_tuning"),  # a select
        ("gates", "prompt_rag", "Fails-On-Eval", "fails-on-eval"),
    ],
)
def test_a_choice_in_another_letter_case_is_shown_as_computed(
    page: Page, name: str, field: str, linked: str, canonical: str
) -> None:
    widget = Widget(page, name).open(f"?v=1&{field}={linked}")
    widget.wait_ready()
    assert widget.value(field) == canonical
    widget.expect_outputs(expected(name, {field: canonical})["display"])
    widget.expect_no_problems()
    expect_query(page, PAGES[name], [("v", "1"), (field, canonical)])


def test_a_link_from_another_version_opens_with_a_notice(page: Page) -> None:
    """Which versions are another (2, abc, 0, empty) is proven in web/test/url-state.test.js."""
    roi = Widget(page, "roi").open("?v=2&calls_per_year=100000&renamed_field=3")
    roi.wait_ready()
    notice = roi.form.locator('[data-notice="version"]')
    expect(notice).to_contain_text("made by another version of this page")
    assert roi.value("calls_per_year") == "100000"  # values shown where they still apply
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])


def test_a_link_without_v_is_the_current_version(page: Page) -> None:
    """v=1 itself: web/test/url-state.test.js (and every other link in these tests)."""
    roi = Widget(page, "roi").open("?calls_per_year=100000")
    roi.wait_ready()
    expect(roi.form.locator('[data-notice="version"]')).to_have_count(0)
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])


def test_text_too_long_for_a_link_is_named_and_kept_locally(
    live: Callable[[str], Widget],
) -> None:
    record = live("record")
    title = "決定" * 100  # 200 characters, 1,800 once percent-encoded
    deciders = "チーム" * 50  # 150 characters, 1,350 encoded: this one still fits
    record.fill("title", title)
    record.fill("deciders", deciders)
    record.choose("prompt_rag", "fails-on-eval")
    page = record.page
    record.button("copy-link").click()
    expect(record.note).to_have_text(
        "Link copied. It leaves out Decision title: too long for a link "
        "(2,000 characters at most); it stays in this browser."
    )
    copied = dict(query(page.evaluate("navigator.clipboard.readText()")))
    assert "title" not in copied
    assert copied["deciders"] == deciders and copied["prompt_rag"] == "fails-on-eval"
    assert len(page.url) <= 2000

    page.reload()  # the address bar lacks what it could not carry; this browser kept it
    again = Widget(page, "record").wait_ready()
    assert again.value("title") == title
    assert again.value("deciders") == deciders
