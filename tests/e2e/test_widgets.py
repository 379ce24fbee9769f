"""Each of the eight calculators: prerendered results, live results, bad input, keyboard use.

Expected values come from `calc.run` in this process; the chapter's own numbers are written out
where the chapter states them (gates/roi/: $7,900, $29,000, 3.7).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from widgets import BOOT_TIMEOUT, PAGES, Widget, expected

import calc

pytestmark = pytest.mark.e2e

NAMES = list(calc.CALCULATORS)
STATIC_NOTICE = "Showing the results for the values below, computed when this page was built."

# One change per calculator that moves its results (checked below, so a row cannot be a no-op).
LIVE = {
    "roi": {"calls_per_year": "250000", "pairs": "8000"},
    "gates": {"prompt_rag": "fails-on-eval", "eval_pairs": "1500", "pipeline": "yes"},
    "record": {"title": "Support bot: fine-tune?", "date": "2025-03-01", "deciders": "Ana, Bo"},
    "readiness": {"eval_set": "yes", "tried_rag": "no", "facts_root_cause": "no"},
    "data_volume": {"task": "classification", "examples": "1200"},
    "labeling": {"labelers": "4", "pairs": "2000"},
    "poc": {"poc_score": "77.5", "eval_size": "200"},
    "approach": {"problem": "stock_prices"},
}

# (calculator, field, bad text, good text to fix it with). Typed into the form.
TYPED_BAD = [
    ("roi", "pairs", "abc", "6000"),
    ("roi", "cost_per_pair", "-1", "2"),
    ("roi", "gpu_cost", "nan", "900"),
    ("roi", "months", "", "24"),
    ("gates", "eval_pairs", "12.5", "900"),
    ("gates", "calls_per_year", "-5", "5000000"),
    ("record", "date", "tomorrow", "2024-12-31"),
    ("labeling", "cost_high", "0.5", "7"),
    ("labeling", "pairs", "", "3000"),
    ("poc", "baseline", "101", "60"),
    ("poc", "samples", "nan", "300"),
    ("data_volume", "examples", "lots", "60000"),
    ("data_volume", "examples", "-3", "0"),
    ("poc", "poc_score", "Infinity", "80"),
    ("poc", "eval_size", "0", "5000"),
    ("data_volume", "examples", "9" * 10_000, "5000"),  # too large, not "not a number"
    ("roi", "calls_per_year", "9" * 20_000, "2000000"),  # absurdly long: echoed shortened
]

# Choice fields cannot be typed into; a bad value arrives through a shared link.
LINKED_BAD = [
    ("readiness", "eval_set", "maybe", "yes"),
    ("approach", "problem", "nope", "json_format"),
    ("data_volume", "task", "poetry", "dpo"),
    ("gates", "pipeline", "perhaps", "no"),
]


def form_names(name: str) -> list[str]:
    """The calculators one form runs (the gates form also feeds the decision record)."""
    return ["gates", "record"] if name in ("gates", "record") else [name]


def problem_text(name: str, inputs: dict[str, str], field: str) -> str:
    """What the glue shows at `field`: calc's messages for it, once each, space-separated."""
    messages: list[str] = []
    for each in form_names(name):
        answer = calc.run(each, {k: v for k, v in inputs.items() if k in calc.defaults(each)})
        for p in answer.get("problems", []):
            if p["field"] == field and p["message"] not in messages:
                messages.append(p["message"])
    assert messages, f"calc reports no problem at {field}"
    return " ".join(messages)


def form_inputs(name: str, changes: dict[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for each in form_names(name):
        values.update(calc.defaults(each))
    return {**values, **changes}


# --- 1a. prerendered: correct at first paint, with JavaScript off --------------------------------


@pytest.fixture(scope="module")
def no_js(browser: Browser, browser_context_args: dict, guard) -> Iterator[Page]:
    context = guard.watch(browser.new_context(**browser_context_args, java_script_enabled=False))
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", NAMES)
def test_prerendered_results_without_javascript(no_js: Page, name: str) -> None:
    widget = Widget(no_js, name).open()
    widget.expect_state("static")
    expect(widget.status).to_have_text(STATIC_NOTICE)
    expect(widget.form.locator(".calc-status progress")).to_be_hidden()
    for field, value in calc.defaults(name).items():
        assert widget.value(field) == value, field
    answer = expected(name)
    widget.expect_outputs(answer["display"])
    widget.expect_html(answer.get("html", {}))
    widget.expect_no_problems()


def test_roi_page_shows_the_chapters_numbers_without_javascript(no_js: Page) -> None:
    widget = Widget(no_js, "roi").open()
    expect(widget.output("cost")).to_have_text("$7,900")
    expect(widget.output("savings")).to_have_text("$29,000")
    expect(widget.output("roi")).to_have_text("3.7")
    expect(widget.output("verdict")).to_contain_text("Go")
    chart = widget.scope.locator('[data-html="chart"] > svg')
    expect(chart).to_have_attribute(
        "aria-label",
        "ROI over 12 months against calls per year; ROI 3.7 at 1,000,000 calls, "
        "break-even at 272,414",
    )
    tornado = widget.scope.locator('[data-html="sensitivity"] > svg')
    expect(tornado).to_have_attribute("role", "img")
    expect(tornado).to_have_attribute("aria-label", re.compile(r"^What moves ROI most"))


# --- 1b. live: inputs recompute in the browser ---------------------------------------------------


def test_loading_shows_progress_until_python_is_ready(page: Page) -> None:
    held: list = []  # the runtime download, held until the loading state has been seen
    released: list[bool] = []

    def hold(route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route("**/pyodide.asm.wasm", hold)
    roi = Widget(page, "roi").open()
    roi.expect_state("loading")
    expect(roi.form.locator(".calc-status progress")).to_be_visible()
    expect(roi.status).to_contain_text(re.compile(r"Loading the calculator: [\d.]+ of [\d.]+ MB\."))
    expect(roi.status).to_contain_text("computed when this page was built")
    roi.expect_outputs(expected("roi")["display"])  # the build's results stay meanwhile

    assert held  # the worker is waiting for it
    released.append(True)
    for route in held:
        route.continue_()
    roi.wait_ready()
    expect(roi.form.locator(".calc-status progress")).to_be_hidden()
    expect(roi.status).to_have_text("Live: results update as you type.")


@pytest.mark.parametrize("name", NAMES)
def test_inputs_recompute_live(live: Callable[[str], Widget], name: str) -> None:
    widget = live(name)
    changes = LIVE[name]
    answer = expected(name, changes)
    assert answer["ok"], answer
    assert answer["display"] != expected(name)["display"], "the row must move the results"
    for field, value in changes.items():
        widget.set(field, value)
    widget.expect_outputs(answer["display"])
    widget.expect_html(answer.get("html", {}))
    widget.expect_state("ready")
    expect(widget.status).to_have_text("Live: results update as you type.")
    widget.expect_no_problems()


# --- 1c. bad input: shown at its field, last good results kept, page alive ---------------------


@pytest.mark.parametrize(("name", "field", "bad", "fix"), TYPED_BAD)
def test_bad_typed_input_is_shown_at_its_field(
    live: Callable[[str], Widget], name: str, field: str, bad: str, fix: str
) -> None:
    widget = live(name)
    good = LIVE[name]
    for key, value in good.items():
        widget.set(key, value)
    last_good = expected(name, good)["display"]
    widget.expect_outputs(last_good)

    widget.fill(field, bad)
    widget.expect_state("invalid")
    widget.expect_problem(field, problem_text(name, form_inputs(name, {**good, field: bad}), field))
    expect(widget.status).to_contain_text("Some inputs need fixing")
    assert widget.outputs() == {k: last_good[k] for k in widget.outputs()}
    others = widget.form.locator(f'[aria-invalid="true"]:not([name="{field}"])')
    expect(others).to_have_count(0)

    widget.fill(field, fix)
    answer = expected(name, {**good, field: fix})
    assert answer["ok"], answer
    widget.expect_outputs(answer["display"])
    widget.expect_state("ready")
    widget.expect_no_problems()


@pytest.mark.parametrize(("name", "field", "bad", "fix"), LINKED_BAD)
def test_bad_linked_choice_is_shown_at_its_field(
    live: Callable[[str], Widget], name: str, field: str, bad: str, fix: str
) -> None:
    widget = live(name)
    widget.open(f"?v=1&{field}={bad}")
    expect(widget.form).to_have_attribute("data-state", "invalid", timeout=BOOT_TIMEOUT)
    widget.expect_problem(field, problem_text(name, form_inputs(name, {field: bad}), field))
    # Nothing valid was ever computed live: the prerendered results stay.
    widget.expect_outputs(expected(name)["display"])

    widget.choose(field, fix)
    answer = expected(name, {field: fix})
    widget.expect_outputs(answer["display"])
    widget.expect_state("ready")
    widget.expect_no_problems()


# --- 1d. keyboard alone --------------------------------------------------------------------------


def tab_to(page: Page, target, limit: int = 60) -> None:
    """Press Tab until `target` has focus; fail if it never does."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


@pytest.mark.parametrize("name", NAMES)
def test_keyboard_alone_operates_the_widget(live: Callable[[str], Widget], name: str) -> None:
    widget = live(name)
    page = widget.page
    # The widget's first control (the record's own fields come after the gates it shares).
    field = widget.scope.locator("input, select").first.get_attribute("name")
    kind = widget.kind(field)
    focused = widget.form.locator(f'[name="{field}"]:checked') if kind == "radio" else None
    focused = focused or widget.control(field)
    page.evaluate("window.__sameDocument = true")

    # Start at the widget's heading or status line: clicking text moves Tab's starting point.
    anchor = widget.scope.locator("legend").first if name == "record" else widget.status
    anchor.click()
    page.keyboard.press("Tab")
    expect(focused).to_be_focused()

    kind = widget.kind(field)
    if kind == "text":
        page.keyboard.press("Control+A")
        value = {"title": "Keyboard only", "baseline": "64.5"}.get(field, "4321")
        page.keyboard.type(value)
    elif kind == "select":
        page.keyboard.press("ArrowDown")
        value = widget.value(field)
        assert value != calc.defaults(name)[field], "ArrowDown must change the selection"
    else:
        page.keyboard.press("ArrowRight")  # from "Unanswered" (last) round to the first choice
        value = widget.value(field)
        assert value == "yes"
    answer = expected(name, {field: value})
    assert answer["ok"], answer
    widget.expect_outputs(answer["display"])
    widget.expect_state("ready")

    if kind == "radio":
        page.keyboard.press("ArrowRight")
        assert widget.value(field) == "no"
        widget.expect_outputs(expected(name, {field: "no"})["display"])
    else:
        page.keyboard.press("Enter")  # the form never submits or reloads the page
    assert page.evaluate("window.__sameDocument") is True

    tab_to(page, widget.button("reset"))
    page.keyboard.press("Enter")
    widget.expect_outputs(expected(name)["display"])
    assert widget.value(field) == calc.defaults(name)[field]


# --- two widgets on one page keep a shared field in step (cost/: labeling and ROI) ------------


def test_shared_field_stays_in_step(live: Callable[[str], Widget]) -> None:
    labeling = live("labeling")
    roi = Widget(labeling.page, "roi")
    assert PAGES["roi"] != PAGES["labeling"]  # on cost/ both widgets take `pairs`
    labeling.fill("pairs", "12000")
    expect(roi.control("pairs")).to_have_value("12000")
    labeling.expect_outputs(expected("labeling", {"pairs": "12000"})["display"])
    roi.expect_outputs(expected("roi", {"pairs": "12000"})["display"])

    roi.fill("pairs", "800")
    expect(labeling.control("pairs")).to_have_value("800")
    labeling.expect_outputs(expected("labeling", {"pairs": "800"})["display"])
    roi.expect_outputs(expected("roi", {"pairs": "800"})["display"])
    # One field, one key in the link.
    expect(labeling.page).to_have_url(re.compile(r"/cost/\?v=1&pairs=800(#[^?]*)?$"))


def test_reset_keeps_a_shared_field_in_step(live: Callable[[str], Widget]) -> None:
    """Reset on one widget must not leave the other widget (and the link) on the old value."""
    labeling = live("labeling")
    roi = Widget(labeling.page, "roi")
    labeling.fill("pairs", "12000")
    roi.expect_outputs(expected("roi", {"pairs": "12000"})["display"])

    labeling.button("reset").click()
    labeling.expect_outputs(expected("labeling")["display"])
    expect(labeling.control("pairs")).to_have_value("5000")
    expect(roi.control("pairs")).to_have_value("5000")  # in step, as typing keeps them
    roi.expect_outputs(expected("roi")["display"])
    # The address bar must describe what the page shows: no stale pairs=12000 in the link.
    expect(labeling.page).to_have_url(re.compile(r"/cost/(#[^?]*)?$"))
