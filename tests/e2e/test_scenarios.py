"""The ROI calculator's scenarios (kept sets of numbers compared side by side), token prices
and hosting in the browser, and the gates page's button for the chapter's example."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, expect
from widgets import Widget, expected

import calc

pytestmark = pytest.mark.e2e

COMPARE = [o.key for o in calc.CALCULATORS["roi"].COMPARE]
TENTH = {"calls_per_year": "100000"}  # exercise 3
HOSTED = {"hosting_monthly": "3000"}


NAMES = "[data-compare] thead th span"  # the scenario names, as the table shows them


def table(roi: Widget) -> dict[str, list[str]]:
    """The comparison as shown: scenario names, then one row of cells per compared output."""
    section = roi.form.locator("[data-compare]")
    return section.evaluate(
        """(s) => {
             const names = [...s.querySelectorAll('thead th span')].map((e) => e.textContent);
             const rows = Object.fromEntries([...s.querySelectorAll('tbody tr')].map((tr) =>
               [tr.dataset.key, [...tr.querySelectorAll('td')].map((td) => td.textContent)]));
             return { names, ...rows };
           }"""
    )


def keep(roi: Widget, name: str, values: dict[str, str]) -> None:
    for field, value in values.items():
        roi.set(field, value)
    roi.expect_outputs(expected("roi", values)["display"])
    roi.form.locator("[data-scenario-name]").fill(name)
    roi.form.get_by_role("button", name="Keep these numbers").click()
    expect(roi.note).to_have_text(f"Kept “{name}”.")


def expected_table(rows: list[tuple[str, dict[str, str]]]) -> dict[str, list[str]]:
    shown = {"names": [name for name, _ in rows]}
    for key in COMPARE:
        shown[key] = [expected("roi", values)["display"][key] for _, values in rows]
    return shown


def test_scenarios_compare_side_by_side_and_survive_a_reload(page: Page) -> None:
    roi = Widget(page, "roi").open().wait_ready()
    keep(roi, "Chapter", {})
    keep(roi, "Tenth of the volume", TENTH)
    keep(roi, "Always-on GPU", {"calls_per_year": "1000000", **HOSTED})
    rows = [("Chapter", {}), ("Tenth of the volume", TENTH), ("Always-on GPU", HOSTED)]
    expect(roi.form.locator(".calc-compare-wrap")).to_be_visible()
    expect(roi.form.locator(NAMES)).to_have_count(3)  # the table changes once Python answered
    assert table(roi) == expected_table(rows)
    assert table(roi)["roi"] == ["3.7", "0.37", "0.66"]  # the chapter's, exercise 3's, hosted
    expect(roi.form.get_by_role("button", name="Keep these numbers")).to_be_disabled()

    page.reload()
    roi.wait_ready()
    expect(roi.form.locator("[data-compare] thead th")).to_have_count(3)
    assert table(roi) == expected_table(rows)

    # Remove one, then undo; load one back into the form.
    roi.form.get_by_role("button", name="Remove scenario Tenth of the volume").click()
    # The table changes once Python has answered for what is left.
    expect(roi.form.locator(NAMES)).to_have_text(["Chapter", "Always-on GPU"])
    roi.form.locator('[data-notice="undo"]').get_by_role("button", name="Undo").click()
    expect(roi.form.locator("[data-compare] thead th")).to_have_count(3)
    roi.form.get_by_role("button", name="Load scenario Tenth of the volume into the form").click()
    roi.expect_outputs(expected("roi", TENTH)["display"])
    assert roi.value("calls_per_year") == "100000"


def test_scenarios_travel_in_the_link_without_replacing_the_readers_own(page: Page) -> None:
    roi = Widget(page, "roi").open().wait_ready()
    keep(roi, "Mine", {"pairs": "8000"})
    keep(roi, "Volume", {"pairs": "5000", **TENTH})
    link = page.url
    scenarios = [v for k, v in parse_qsl(urlsplit(link).query) if re.fullmatch(r"s[1-3]", k)]
    assert scenarios == ["Mine|pairs=8000", "Volume|calls_per_year=100000"]
    assert len(link) <= 2000

    other = page.context.new_page()  # this browser, opening a teammate's link
    other.goto("gates/roi/?v=1&s1=" + "Theirs%7Chosting_monthly%3D3000")
    theirs = Widget(other, "roi").wait_ready()
    expect(theirs.form.locator('[data-notice="shared"]')).to_contain_text("scenarios from a shared")
    expect(theirs.form.locator(NAMES)).to_have_count(1)
    assert table(theirs) == expected_table([("Theirs", HOSTED)])
    # Opening the link did not replace the scenarios this browser kept.
    kept = other.evaluate("JSON.parse(localStorage.getItem('calc:scenarios:roi'))")
    assert [s["name"] for s in kept] == ["Mine", "Volume"]
    theirs.form.get_by_role("button", name="Back to my scenarios").click()
    expect(theirs.form.locator(NAMES)).to_have_text(["Mine", "Volume"])
    other.close()


def test_token_prices_and_hosting_recompute_like_cpython(
    live: Callable[[str], Widget],
) -> None:
    roi = live("roi")
    tokens = roi.form.locator('[data-when="price_basis=tokens"]')
    per_call = roi.form.locator('[data-when="price_basis=call"]')
    expect(tokens).to_be_hidden()
    expect(per_call).to_be_visible()
    roi.choose("price_basis", "tokens")
    expect(tokens).to_be_visible()
    expect(per_call).to_be_hidden()
    changes = {
        "price_basis": "tokens",
        "tokens_in": "2000",
        "large_price_out": "60",
        "hosting_monthly": "500",
    }
    for field, value in changes.items():
        roi.set(field, value)
    answer = expected("roi", changes)
    roi.expect_outputs(answer["display"])
    roi.expect_html(answer["html"])  # both charts, the tornado included
    expect(roi.output("per_call")).to_have_text(answer["display"]["per_call"])
    roi.choose("price_basis", "call")
    expect(tokens).to_be_hidden()


def test_the_gates_page_offers_the_chapters_example(page: Page) -> None:
    gates = Widget(page, "gates").open().wait_ready()
    expect(gates.output("gate3")).to_contain_text("Unanswered")
    gates.form.get_by_role("button", name="Fill in the chapter's example").click()
    example = calc.CALCULATORS["gates"].EXAMPLE
    gates.expect_outputs(expected("gates", example)["display"])
    expect(gates.output("gate3")).to_contain_text("Pass")
    record = Widget(page, "record")
    shown = record.output("record")
    expect(shown).to_contain_text("chapter")  # the record says whose numbers these are
    assert shown.evaluate("o => o.value") == expected("record", example)["display"]["record"]
    assert gates.value("pairs") == example["pairs"]
