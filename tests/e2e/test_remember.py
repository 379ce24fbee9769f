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


# --- saved answers are the reader's ------------------------------------------------------------

MINE = {"eval_set": "yes", "tried_rag": "yes", "facts_root_cause": "no"}


def save_mine(page: Page) -> Widget:
    readiness = Widget(page, "readiness").open().wait_ready()
    for field, value in MINE.items():
        readiness.choose(field, value)
    readiness.expect_outputs(expected("readiness", MINE)["display"])
    return readiness


def saved(page: Page) -> object:
    return page.evaluate("JSON.parse(localStorage.getItem('calc:readiness'))")


def test_touching_a_shared_set_does_not_overwrite_saved_answers(page: Page) -> None:
    save_mine(page)
    readiness = Widget(page, "readiness").open("?v=1&eval_set=no")
    readiness.wait_ready()
    shared = {**calc.defaults("readiness"), "eval_set": "no"}
    assert answers(readiness) == shared
    notice = readiness.form.locator('[data-notice="shared"]')
    expect(notice).to_contain_text("from a shared link")
    expect(notice).to_contain_text("Your own saved answers are untouched")

    readiness.choose("poc_done", "yes")  # the reader touches the shared set
    touched = {"eval_set": "no", "poc_done": "yes"}
    readiness.expect_outputs(expected("readiness", touched)["display"])
    assert saved(page) == MINE

    notice.get_by_role("button", name="Back to my answers").click()
    assert answers(readiness) == {**calc.defaults("readiness"), **MINE}
    readiness.expect_outputs(expected("readiness", MINE)["display"])
    expect(notice).to_have_count(0)
    expect(page).to_have_url(
        re.compile(r"/readiness/\?v=1&eval_set=yes&facts_root_cause=no&tried_rag=yes(#[^?]*)?$")
    )


def test_keeping_a_shared_set_makes_it_the_readers(page: Page) -> None:
    save_mine(page)
    readiness = Widget(page, "readiness").open("?v=1&eval_set=no&poc_done=yes")
    readiness.wait_ready()
    readiness.form.get_by_role("button", name="Keep these answers").click()
    assert saved(page) == {"eval_set": "no", "poc_done": "yes"}
    readiness.choose("owns_retrain", "yes")  # from now on, changes are saved
    assert saved(page) == {"eval_set": "no", "poc_done": "yes", "owns_retrain": "yes"}


def test_reset_offers_undo(page: Page) -> None:
    readiness = save_mine(page)
    readiness.button("reset").click()
    assert answers(readiness) == calc.defaults("readiness")
    assert saved(page) == {}
    undo = readiness.form.locator('[data-notice="undo"]').get_by_role("button", name="Undo")
    undo.click()
    assert answers(readiness) == {**calc.defaults("readiness"), **MINE}
    readiness.expect_outputs(expected("readiness", MINE)["display"])
    assert saved(page) == MINE


def tick(page: Page, index: int) -> None:
    click_box(page, page.locator(f"{OPERATIONS_LIST} .task-list-item").nth(index))


def ticked(page: Page) -> list[int]:
    boxes = page.locator(f'{OPERATIONS_LIST} input[type="checkbox"]')
    expect(boxes.first).to_be_enabled()
    return [i for i, box in enumerate(boxes.all()) if box.is_checked()]


def test_two_tabs_stay_in_step(page: Page) -> None:
    first = page
    first.goto("operations/")
    second = first.context.new_page()
    second.goto("operations/")
    assert ticked(first) == ticked(second) == []
    boxes = f'{OPERATIONS_LIST} input[type="checkbox"]'
    for i in (0, 1, 2):
        tick(first, i)
    expect(second.locator(boxes).nth(2)).to_be_checked()  # the storage event arrived
    second.bring_to_front()
    tick(second, 9)
    expect(first.locator(boxes).nth(9)).to_be_checked()
    stored = first.evaluate("JSON.parse(localStorage.getItem('calc:list:operations'))")
    assert stored == [0, 1, 2, 9]  # neither tab wrote over the other

    readiness = Widget(first, "readiness").open().wait_ready()
    other = Widget(second, "readiness").open().wait_ready()
    readiness.choose("eval_set", "yes")
    expect(other.radio("eval_set", "yes")).to_be_checked()
    other.expect_outputs(expected("readiness", {"eval_set": "yes"})["display"])


def test_clearing_the_checklist_offers_undo(page: Page) -> None:
    page.goto("operations/")
    for i in (1, 4):
        tick(page, i)
    page.get_by_role("button", name="Clear all ticks").click()
    assert ticked(page) == []
    page.get_by_role("button", name="Undo").click()
    assert ticked(page) == [1, 4]
    page.reload()
    assert ticked(page) == [1, 4]


# One journey through every widget that reads storage; every malformed shape of every kind is
# proven in Node (web/test/storage.test.js).
MALFORMED = '[{"name":1}]'


def test_stored_values_of_the_wrong_shape_are_ignored(page: Page) -> None:
    stored = MALFORMED
    page.add_init_script(
        f"""for (const key of ["calc:list:operations", "calc:readiness", "calc:scenarios:roi",
                              "calc:text:record", "calc:text:gates"]) {{
              if (!sessionStorage.getItem("seeded:" + key)) {{
                localStorage.setItem(key, {stored!r});
                sessionStorage.setItem("seeded:" + key, "1");
              }}
            }}"""
    )
    page.goto("operations/")
    assert ticked(page) == []
    tick(page, 3)
    page.reload()
    assert ticked(page) == [3]

    readiness = Widget(page, "readiness").open().wait_ready()
    assert answers(readiness) == calc.defaults("readiness")
    readiness.choose("eval_set", "yes")
    readiness.expect_outputs(expected("readiness", {"eval_set": "yes"})["display"])

    roi = Widget(page, "roi").open().wait_ready()
    roi.fill("pairs", "6000")
    roi.expect_outputs(expected("roi", {"pairs": "6000"})["display"])
    gates = Widget(page, "gates").open().wait_ready()
    gates.expect_no_problems()
