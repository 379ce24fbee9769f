"""Checklists remember a reader's answers in this browser (localStorage), per context."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from widgets import Widget, expected

import calc

pytestmark = pytest.mark.e2e

# The chapter's readiness example: every answer "no" except that facts are the root cause.
CHAPTER = {**{f: "no" for f in calc.defaults("readiness")}, "facts_root_cause": "yes"}


def answers(widget: Widget) -> dict[str, str]:
    return {field: widget.value(field) for field in calc.defaults("readiness")}


def test_readiness_answers_survive_a_reload_and_reset_clears_them(page: Page) -> None:
    readiness = Widget(page, "readiness").open().wait_ready()
    for field, value in CHAPTER.items():
        readiness.choose(field, value)
    shown = expected("readiness", CHAPTER)["display"]
    assert (shown["yes"], shown["ready"]) == ("1/10", "0/10")
    readiness.expect_outputs(shown)

    page.goto("readiness/")  # a plain address: nothing in the query string
    readiness.wait_ready()
    assert answers(readiness) == CHAPTER
    readiness.expect_outputs(shown)

    readiness.button("reset").click()
    readiness.expect_outputs(expected("readiness")["display"])
    page.reload()
    readiness.wait_ready()
    assert answers(readiness) == calc.defaults("readiness")
    readiness.expect_outputs(expected("readiness")["display"])


def test_a_shared_link_wins_over_remembered_answers(page: Page) -> None:
    readiness = Widget(page, "readiness").open().wait_ready()
    for field, value in CHAPTER.items():
        readiness.choose(field, value)
    readiness.expect_outputs(expected("readiness", CHAPTER)["display"])

    page.goto("readiness/?v=1&eval_set=yes&tried_rag=yes")
    readiness.wait_ready()
    linked = {**calc.defaults("readiness"), "eval_set": "yes", "tried_rag": "yes"}
    assert answers(readiness) == linked
    readiness.expect_outputs(expected("readiness", linked)["display"])

    page.goto("readiness/")  # opening a link did not overwrite what this reader saved
    readiness.wait_ready()
    assert answers(readiness) == CHAPTER


OPERATIONS_LIST = '[data-remember-list="operations"]'

# Where the styled box is drawn: Material hides the native checkbox and paints the box as the
# indicator's ::before, positioned against the list item.
BOX_CENTRE = """(item) => {
  const indicator = item.querySelector('.task-list-indicator');
  const box = getComputedStyle(indicator, '::before');
  const parent = indicator.offsetParent.getBoundingClientRect();
  return {
    x: parent.left + parseFloat(box.left) + parseFloat(box.width) / 2,
    y: parent.top + parseFloat(box.top) + parseFloat(box.height) / 2,
  };
}"""


def click_box(page: Page, item) -> None:
    """Click the box a reader sees, where a reader would click it."""
    item.scroll_into_view_if_needed()
    point = item.evaluate(BOX_CENTRE)
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.className", [point["x"], point["y"]]
    )
    assert hit == "task-list-indicator", f"the visible box is covered by {hit!r}"
    page.mouse.click(point["x"], point["y"])


def test_operations_checklist_ticks_survive_a_reload(page: Page) -> None:
    page.goto("operations/")
    boxes = page.locator(f'{OPERATIONS_LIST} input[type="checkbox"]')
    expect(boxes.first).to_be_enabled()  # the build writes them disabled; the glue enables them
    count = boxes.count()
    assert count >= 10
    for box in boxes.all():
        expect(box).not_to_be_checked()

    items = page.locator(f"{OPERATIONS_LIST} .task-list-item")
    click_box(page, items.nth(0))
    click_box(page, items.nth(3))
    boxes.nth(5).focus()
    page.keyboard.press("Space")  # and by keyboard
    ticked = [i for i, box in enumerate(boxes.all()) if box.is_checked()]
    assert ticked == [0, 3, 5]

    page.reload()
    expect(boxes.first).to_be_enabled()
    assert [i for i, box in enumerate(boxes.all()) if box.is_checked()] == [0, 3, 5]

    click_box(page, items.nth(3))  # un-ticking is remembered too
    expect(boxes.nth(3)).not_to_be_checked()
    page.reload()
    expect(boxes.first).to_be_enabled()
    assert [i for i, box in enumerate(boxes.all()) if box.is_checked()] == [0, 5]


def test_operations_checklist_survives_instant_navigation(page: Page) -> None:
    page.goto("operations/")
    items = page.locator(f"{OPERATIONS_LIST} .task-list-item")
    boxes = page.locator(f'{OPERATIONS_LIST} input[type="checkbox"]')
    expect(boxes.first).to_be_enabled()
    click_box(page, items.nth(2))
    expect(boxes.nth(2)).to_be_checked()
    page.evaluate("window.__sameDocument = true")

    sidebar = page.locator(".md-sidebar--primary")
    sidebar.get_by_role("link", name="Exercises", exact=True).click()
    expect(page).to_have_url(re.compile(r"/exercises/(#[^?]*)?$"))
    sidebar.get_by_role("link", name="Operations checklist", exact=True).click()
    expect(page).to_have_url(re.compile(r"/operations/(#[^?]*)?$"))
    assert page.evaluate("window.__sameDocument") is True  # Material swapped the page in place
    expect(boxes.first).to_be_enabled()  # re-mounted on document$
    assert [i for i, box in enumerate(boxes.all()) if box.is_checked()] == [2]
    click_box(page, items.nth(4))
    page.reload()
    expect(boxes.first).to_be_enabled()
    assert [i for i, box in enumerate(boxes.all()) if box.is_checked()] == [2, 4]


# Storage that refuses every read and write, as a full quota or Safari's old private mode does.
# (When a reader blocks site data outright, Chromium throws on reading window.localStorage, and
# Material's own inline __md_get then raises a page error before our code runs; our glue
# survives that too, but this test must not fail on Material's error.) Only our keys throw.
STORAGE_DENIED = """for (const method of ["getItem", "setItem", "removeItem"]) {
  const original = Storage.prototype[method];
  Storage.prototype[method] = function (key, ...rest) {
    if (String(key).startsWith("calc:")) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    return original.call(this, key, ...rest);
  };
}"""


def test_checklist_still_computes_when_storage_is_denied(page: Page) -> None:
    """Remembering is a nicety: without storage the readiness widget must still work."""
    page.add_init_script(STORAGE_DENIED)
    readiness = Widget(page, "readiness").open().wait_ready()
    readiness.choose("eval_set", "yes")
    readiness.choose("facts_root_cause", "no")
    changes = {"eval_set": "yes", "facts_root_cause": "no"}
    readiness.expect_outputs(expected("readiness", changes)["display"])
    readiness.expect_state("ready")
    expect(page).to_have_url(
        re.compile(r"/readiness/\?v=1&eval_set=yes&facts_root_cause=no(#[^?]*)?$")
    )
