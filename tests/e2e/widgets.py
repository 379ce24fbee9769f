"""Page objects for the calculator widgets (ARCHITECTURE.md's DOM contract), py-shiny style.

One `Widget` drives any calculator: the glue is generic, so the page object is too. A nested
calculator (the decision record inside the gates form) is addressed by its own name; its inputs
and state live on the enclosing form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page, expect

import calc

# Python boots in a worker: ~3–5 s cold, more on a loaded two-core machine. Only the wait for
# data-state="ready" gets this allowance; everything after it uses expect's default.
BOOT_TIMEOUT = 60_000

# Where each calculator lives (mkdocs.yml's nav, use_directory_urls).
PAGES = {
    "gates": "gates/",
    "record": "gates/",
    "roi": "gates/roi/",
    "readiness": "readiness/",
    "data_volume": "data/",
    "labeling": "cost/",
    "poc": "poc/",
    "approach": "approaches/",
}

NUMBER = re.compile(r"\d[\d,.]*\d|\d")  # 1,000,000 and 0.37 and 7: digits and grouping
STALE = "\u2026stale"  # written into outputs so a test can tell a fresh answer from an old one


def expected(name: str, changes: dict[str, str] | None = None) -> dict[str, Any]:
    """What CPython's calc says for the widget's defaults plus `changes`, taking only the fields
    this calculator has (as the glue sends a nested calculator only its own fields)."""
    values = calc.defaults(name)
    values.update({k: v for k, v in (changes or {}).items() if k in values})
    return calc.run(name, values)


def text_outputs(name: str) -> list[str]:
    """The keys a widget shows in <output> elements (html outputs are markup slots)."""
    return [o.key for o in calc.CALCULATORS[name].OUTPUTS if o.kind != "html"]


@dataclass
class Widget:
    page: Page
    name: str

    # --- where things are ---------------------------------------------------------------------
    @property
    def scope(self) -> Locator:
        """The element carrying data-calc for this calculator (a form, or a nested fieldset)."""
        return self.page.locator(f'[data-calc="{self.name}"]')

    @property
    def form(self) -> Locator:
        return self.scope.locator("xpath=ancestor-or-self::form[1]")

    def control(self, field: str) -> Locator:
        return self.form.locator(f'[name="{field}"]:is(input, select)')

    def radio(self, field: str, value: str) -> Locator:
        return self.form.locator(f'input[type="radio"][name="{field}"][value="{value}"]')

    def output(self, key: str) -> Locator:
        """The output `key` whose nearest data-calc ancestor is this widget (a nested
        calculator's outputs belong to it, not to the enclosing form)."""
        return self.scope.locator(
            f'xpath=.//output[@name="{key}"][ancestor::*[@data-calc][1][@data-calc="{self.name}"]]'
        )

    def problem(self, field: str) -> Locator:
        return self.form.locator(f'[data-problem="{field}"]')

    @property
    def status(self) -> Locator:
        return self.form.locator(".calc-status [data-status]")

    @property
    def note(self) -> Locator:
        """What the widget says after an action (copy, keep), beside its buttons."""
        return self.form.locator("[data-action-note]")

    @property
    def stale_note(self) -> Locator:
        """The words beside results that were not computed from the inputs on screen."""
        return self.scope.locator("[data-stale-note]").first

    def button(self, action: str) -> Locator:
        if action in ("copy-link", "reset"):
            return self.form.locator(f'.calc-actions > button[data-action="{action}"]').last
        return self.scope.locator(f'button[data-action="{action}"]')

    # --- opening and waiting ------------------------------------------------------------------
    def open(self, query: str = "", folder: str = "") -> Widget:
        """The widget's page, in the language whose pages are in `folder` ("ko/")."""
        self.page.goto(folder + PAGES[self.name] + query)
        return self

    def wait_ready(self) -> Widget:
        expect(self.form).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
        return self

    def wait_live(self) -> Widget:
        """Python answered: the inputs are either valid (ready) or not (invalid)."""
        expect(self.form).to_have_attribute(
            "data-state", re.compile("^(ready|invalid)$"), timeout=BOOT_TIMEOUT
        )
        return self

    def numbers(self) -> dict[str, list[str]]:
        """Every number each text output shows, whatever the words around it (any language)."""
        texts = self.scope.evaluate(
            """(widget) => Object.fromEntries([...widget.querySelectorAll("output[name]")]
                 .filter((o) => o.closest("[data-calc]") === widget)
                 .map((o) => [o.getAttribute("name"), o.textContent]))"""
        )
        return {key: NUMBER.findall(text) for key, text in texts.items()}

    def expect_numbers(self, display: dict[str, str]) -> None:
        """Each output shows the numbers of calc's `display` (waiting for them), in whatever
        words and order its language puts around them: a check that holds on every language's
        page."""
        for key, text in display.items():
            wanted = NUMBER.findall(text)
            if wanted and self.output(key).count():
                # One lookahead per number: anywhere in the text, and not part of a longer one.
                every = "".join(
                    rf"(?=[\s\S]*(?<![\d,.]){re.escape(n)}(?![\d,.]*\d))" for n in wanted
                )
                expect(self.output(key)).to_have_text(re.compile(every))

    def expect_state(self, state: str) -> None:
        expect(self.form).to_have_attribute("data-state", state)

    # --- typing -------------------------------------------------------------------------------
    def kind(self, field: str) -> str:
        """text | select | radio, from the markup the hook wrote."""
        return self.control(field).first.evaluate(
            "el => el.type === 'radio' ? 'radio' : el.tagName === 'SELECT' ? 'select' : 'text'"
        )

    def fill(self, field: str, value: str) -> None:
        self.control(field).fill(value)

    def choose(self, field: str, value: str) -> None:
        if self.kind(field) == "radio":
            self.radio(field, value).check()
        else:
            self.control(field).select_option(value)

    def set(self, field: str, value: str) -> None:
        if self.kind(field) == "text":
            self.fill(field, value)
        else:
            self.choose(field, value)

    def set_all(self, values: dict[str, str]) -> None:
        """Put every given value in the form and make sure one fresh answer follows."""
        self.mark_stale()
        for field, value in values.items():
            if self.value(field) != value:  # a field in a group that does not apply is hidden
                self.set(field, value)
        # A radio that was already checked fires no event: nudge the form once more.
        self.form.locator("input, select").first.dispatch_event("input")

    def mark_stale(self) -> None:
        """Overwrite every shown result, so that waiting for a value waits for a new answer."""
        self.scope.evaluate(
            "(s, stale) => s.querySelectorAll('output').forEach(o => { o.value = stale; })", STALE
        )

    # --- reading ------------------------------------------------------------------------------
    def outputs(self) -> dict[str, str]:
        """Every <output> this calculator owns, as the DOM holds it right now."""
        return self.scope.evaluate(
            """(scope) => Object.fromEntries([...scope.querySelectorAll('output')]
                 .filter(o => o.closest('[data-calc]') === scope)
                 .map(o => [o.name, o.value]))"""
        )

    def value(self, field: str) -> str:
        if self.kind(field) == "radio":
            checked = self.form.locator(f'input[type="radio"][name="{field}"]:checked')
            return checked.get_attribute("value") if checked.count() else ""
        return self.control(field).input_value()

    def expect_outputs(self, display: dict[str, str]) -> None:
        """Each shown output equals calc's display string exactly (auto-waiting)."""
        shown = text_outputs(self.name)
        for key in shown:
            expect(self.output(key)).to_have_js_property("value", display[key])
        for key in shown:
            row = self.output(key).locator("xpath=ancestor::div[@class='calc-row'][1]")
            if row.count():
                (expect(row).to_be_hidden if display[key] == "" else expect(row).to_be_visible)()

    def expect_html(self, html: dict[str, str]) -> None:
        """Each markup slot holds what calc generated (compared after the browser parses both),
        once the charts have caught up with the numbers (they follow them: numbers first)."""
        for key, markup in html.items():
            slot = self.scope.locator(f'[data-html="{key}"]')
            expect(slot.locator("xpath=..")).not_to_have_attribute("aria-busy", "true")
            same = slot.evaluate(
                """(el, markup) => {
                     const t = document.createElement('template');
                     t.innerHTML = markup;
                     return el.innerHTML === t.innerHTML;
                   }""",
                markup,
            )
            assert same, f"[data-html={key}] differs from calc's markup"

    def expect_problem(self, field: str, message: str | re.Pattern[str]) -> None:
        slot = self.problem(field)
        expect(slot).to_be_visible()
        expect(slot).to_have_text(message)
        for control in self.control(field).all():
            expect(control).to_have_attribute("aria-invalid", "true")

    def expect_no_problems(self) -> None:
        expect(self.form.locator("[data-problem]:visible")).to_have_count(0)
        expect(self.form.locator("[aria-invalid]")).to_have_count(0)


class LivePages:
    """One booted page per site address, shared by tests that reset what they change.

    Booting Python costs seconds; tests that only type into a widget reuse a ready page. Each
    hand-out clicks Reset on every widget of the page and waits for the chapter's results.
    """

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.pages: dict[str, Page] = {}

    def widget(self, name: str) -> Widget:
        if not self.pages:  # open them all at once: the workers boot side by side
            for path in dict.fromkeys(PAGES.values()):
                self.pages[path] = self.context.new_page()
                self.pages[path].goto(path)
        path = PAGES[name]
        page = self.pages[path]
        if page.is_closed():
            page = self.pages[path] = self.context.new_page()
            page.goto(path)
        page.bring_to_front()  # a background tab gets no animation frames: actions crawl
        names = page.locator("[data-calc]").evaluate_all("els => els.map(e => e.dataset.calc)")
        for other in names:
            widget = Widget(page, other)
            if widget.scope.evaluate("el => el.tagName") == "FORM":
                widget.wait_live()  # a test may have left bad input behind
                widget.button("reset").click()
        for other in names:
            widget = Widget(page, other)
            widget.wait_ready()
            widget.expect_outputs(expected(other)["display"])
            widget.expect_no_problems()
        # Reset offers Undo; a page handed to the next test starts without the last one's notices.
        page.evaluate("document.querySelectorAll('[data-notice]').forEach((n) => n.remove())")
        return Widget(page, name)
