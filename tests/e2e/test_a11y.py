"""Accessibility in Material's light and dark schemes.

axe-core runs over every page in the nav once the widgets are live, again with every widget
holding bad input (problems shown, results dimmed as not updated), and again after Reset (a
notice with Undo): no serious or critical violation may remain. What axe does not measure is
measured here: text drawn in SVG, and marks that are not text (chart lines, checkbox boxes,
focus rings).

axe-core comes from the npm registry (package-lock.json) and is injected with Playwright; the
context bypasses the page's CSP so the injected script runs whatever policy the site ships.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from test_pages import PAGES
from widgets import BOOT_TIMEOUT, Widget

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme → Material's scheme
BLOCKING = ("serious", "critical")
# theme-fixes.js makes a shown code block that scrolls sideways focusable from a resize
# observer. axe runs once that has happened, as it has for any reader: a loaded machine can run
# axe before the observer's first call (seen in Firefox in CI).
CODE_BLOCKS_SETTLED = """() => [...document.querySelectorAll('pre > code')].every((c) =>
  !c.checkVisibility() || c.scrollWidth <= c.clientWidth || c.hasAttribute('tabindex'))"""
BAD_NUMBER = "12abc"


def forms_live(page: Page) -> None:
    """Wait until every widget on the page has had Python's answer (valid or not)."""
    for form in page.locator("form[data-calc]").all():
        expect(form).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)


def make_invalid(page: Page) -> list[Locator]:
    """Type a bad number into the first number field of every widget that has one."""
    changed = []
    for form in page.locator("form[data-calc]").all():
        number = form.locator('input[inputmode="decimal"]:visible').first
        if number.count():
            number.fill(BAD_NUMBER)
            expect(form).to_have_attribute("data-state", "invalid")
            expect(form).to_have_attribute("data-stale", "")  # results dimmed, said in words
            changed.append(form)
    return changed


def reset(forms: list[Locator]) -> None:
    """Press Reset on each form: with values changed, it offers Undo in a notice (widgets on one
    page share fields, so one Reset may already have reset the next form)."""
    for form in forms:
        form.locator(':scope > .calc-actions > button[data-action="reset"]').click()
        expect(form).to_have_attribute("data-state", "ready")
    expect(forms[0].locator(".calc-notice")).to_be_visible()


def axe(page: Page) -> list[dict]:
    """axe's violations for the whole page, each with its impact and the nodes it found."""
    page.wait_for_function(CODE_BLOCKS_SETTLED)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
             const result = await axe.run(document, {resultTypes: ['violations']});
             return result.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact,
                                         summary: n.failureSummary})),
             }));
           }"""
    )


def blocking(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({n['impact']}): {n['target']}\n    {n['summary']}".replace("\n", "\n    ")
        for v in violations
        for n in v["nodes"]
        if n["impact"] in BLOCKING
    ]


def open_in(page: Page, address: str, scheme: str) -> None:
    response = page.goto(address)
    assert response is not None and response.ok, address
    # The palette really is the one asked for: the page is what a dark-mode reader sees.
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    forms_live(page)


@pytest.fixture(scope="module", params=list(SCHEMES))
def tab(request: pytest.FixtureRequest, browser: Browser, browser_context_args: dict, guard):
    scheme = request.param
    # Reduced motion: Material then skips its transitions, so axe never measures a colour
    # halfway through a fade (the back-to-top button appearing as a widget resets).
    options = {"color_scheme": scheme, "reduced_motion": "reduce", "bypass_csp": True}
    context: BrowserContext = guard.watch(browser.new_context(**browser_context_args, **options))
    yield scheme, context.new_page()
    context.close()


@pytest.mark.parametrize("address", PAGES, ids=lambda a: a or "home")
def test_no_serious_violations(tab: tuple[str, Page], address: str) -> None:
    scheme, page = tab
    open_in(page, address, scheme)
    found = blocking(axe(page))
    assert not found, f"{address} ({scheme}), widgets live:\n" + "\n".join(found)
    changed = make_invalid(page)
    if changed:
        found = blocking(axe(page))
        assert not found, f"{address} ({scheme}), bad input:\n" + "\n".join(found)
        reset(changed)
        found = blocking(axe(page))
        assert not found, f"{address} ({scheme}), after Reset:\n" + "\n".join(found)


# What axe does not measure: text drawn in SVG (4.5:1) and marks that are not text, such as chart
# lines, checklist boxes and focus rings (WCAG 1.4.11: 3:1). The colour of `prop` on the first
# element matching `selector` (or its ::before / ::after), with the element's opacity, against
# the backgrounds behind it.
CONTRAST = """([selector, pseudo, prop]) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const rgba = (css) => {
    const [r, g, b, a = 1] = css.match(/[\\d.]+/g).map(Number);
    return {r, g, b, a};
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1});
  let back = {r: 255, g: 255, b: 255, a: 1}, layers = [];
  for (let node = el; node; node = node.parentElement) {
    const color = rgba(getComputedStyle(node).backgroundColor);
    if (color.a > 0) layers.push(color);
    if (color.a === 1) break;
  }
  for (const layer of layers.reverse()) back = over(layer, back);
  const paint = rgba(getComputedStyle(el, pseudo)[prop]);
  paint.a *= parseFloat(getComputedStyle(el).opacity);
  const front = over(paint, back);
  const lum = (c) => 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  const lin = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const [hi, lo] = [lum(front), lum(back)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}"""
TEXT, MARK = 4.5, 3.0
BOX = "backgroundColor"  # Material paints the checklist box as a masked background

MEASURED = {
    "gates/roi/": [
        (".calc-chart .tick", "", "fill", TEXT),
        (".calc-chart .label", "", "fill", TEXT),
        (".calc-chart .axis", "", "stroke", MARK),
        (".calc-chart .band-break-even", "", "stroke", MARK),
        (".calc-chart .band-go", "", "stroke", MARK),
        (".calc-chart .marker", "", "stroke", MARK),
        (".calc-chart .line", "", "stroke", MARK),
        (".calc-chart .dot", "", "fill", MARK),
        (".calc-tornado .bar-low", "", "fill", MARK),
        (".calc-tornado .bar-high", "", "fill", MARK),
        (".calc-tornado .base", "", "stroke", MARK),
        ('.calc-field input[type="text"]', "", "borderTopColor", MARK),
    ],
    "gates/": [
        (".calc-field select", "", "borderTopColor", MARK),
        (".dtree .k", "", "fill", TEXT),
        (".dtree .gt", "", "stroke", MARK),
    ],
    "approaches/": [
        (".aladder .k", "", "fill", TEXT),
        (".aladder .gt", "", "stroke", MARK),
        (".aladder .pl", "", "stroke", MARK),
        (".aladder .ax", "", "stroke", MARK),
    ],
    "operations/": [
        (
            ".task-list-item :not(:checked) + .task-list-indicator",
            "::before",
            "backgroundColor",
            MARK,
        ),
        (".task-list-item :checked + .task-list-indicator", "::before", "backgroundColor", MARK),
        (".task-list-item :focus-visible + .task-list-indicator", "::after", "outlineColor", MARK),
    ],
    "readiness/": [(".md-annotation__index", "::after", "backgroundColor", MARK)],
}


@pytest.mark.parametrize("address", list(MEASURED))
def test_contrast_axe_does_not_measure(tab: tuple[str, Page], address: str) -> None:
    scheme, page = tab
    open_in(page, address, scheme)
    low = []
    if address == "operations/":  # one box ticked, the next one focused from the keyboard
        boxes = page.locator(".task-list-item input[type=checkbox]")
        boxes.nth(0).focus()
        page.keyboard.press("Space")
        expect(boxes.nth(0)).to_be_checked()
        boxes.nth(1).focus()
        expect(boxes.nth(1)).to_be_focused()
        style = boxes.nth(1).evaluate(
            "b => getComputedStyle(b.nextElementSibling, '::after').outlineStyle"
        )
        if style != "solid":
            low.append("a focused checklist box shows no focus ring")
        shapes = boxes.evaluate_all(
            "bs => bs.map(b => getComputedStyle(b.nextElementSibling, '::before').maskImage)"
        )
        if shapes[0] == shapes[1]:
            low.append("ticked and unticked boxes differ only in colour")
    for selector, pseudo, prop, minimum in MEASURED[address]:
        ratio = page.evaluate(CONTRAST, [selector, pseudo, prop])
        assert ratio is not None, f"{selector} is not on {address}"
        if ratio < minimum:
            low.append(f"{selector}{pseudo} {prop}: {ratio:.2f}:1, needs {minimum}:1")
    if address == "operations/":
        boxes.nth(0).focus()
        page.keyboard.press("Space")
    assert not low, f"{address} ({scheme}):\n" + "\n".join(low)


def test_nothing_keeps_moving_for_readers_who_ask_for_less_motion(new_context) -> None:
    """Material's code annotation markers pulse for ever once in view (readiness/ has four)."""
    page = new_context(reduced_motion="reduce").new_page()
    page.goto("readiness/")
    marker = page.locator(".md-annotation").first
    marker.scroll_into_view_if_needed()
    expect(marker).to_have_attribute("data-md-visible", "")
    moving = page.evaluate(
        """() => document.getAnimations()
             .filter(a => a.effect.getComputedTiming().endTime > 100)
             .map(a => `${a.animationName} on ${a.effect.target.className}`)"""
    )
    assert moving == []


# Every change to the text inside a live region, as a screen reader would be sent it: explicit
# live regions, the roles that imply one, and <output>, which is polite unless told otherwise.
ANNOUNCEMENTS = """
window.__said = [];
const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"], ' +
  'output:not([aria-live="off"])';
new MutationObserver((records) => {
  const changed = new Set();
  for (const r of records) {
    const node = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
    const region = node && node.closest(LIVE);
    if (region) changed.add(region);
  }
  for (const region of changed) window.__said.push(region.textContent.trim());
}).observe(document, { childList: true, characterData: true, subtree: true });
"""


def test_typing_a_number_is_announced_once_in_a_sentence(new_context) -> None:
    """Typing "1500" into one field of gates/ used to fire 8 announcements (4,392 characters:
    the whole decision record four times). Now: one short summary once the typing settles."""
    context = new_context()
    context.add_init_script(ANNOUNCEMENTS)
    page = context.new_page()
    gates = Widget(page, "gates").open().wait_ready()
    page.evaluate("window.__said = []")
    gates.control("eval_pairs").press_sequentially("1500", delay=120)
    summary = gates.form.locator("[data-summary]")
    expect(summary).to_contain_text("Verdict:")
    page.wait_for_timeout(2000)  # long enough for any late announcement to arrive
    said = [s for s in page.evaluate("window.__said") if s]
    assert said == [summary.text_content().strip()], said
    assert len(said[0]) < 200 and "# Fine-tune or not" not in said[0]
