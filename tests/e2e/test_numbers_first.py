"""Numbers first: an input's numbers are shown as soon as Python has them, its charts (the ROI
curve, the tornado) follow as a second step. After a burst of edits the numbers and both charts
agree with CPython's calc for the final input, and the charts said they were updating while
they lagged behind the numbers (web/test/steps.test.js proves the ordering with late and
out-of-order answers)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from widgets import Widget, expected

pytestmark = pytest.mark.e2e

# Typed back to back, some without a pause, some a few milliseconds apart: answers and charts
# for earlier values are still on their way when later ones are typed.
# Records the charts' aria-busy as it changes, and as it is each time new numbers appear.
BURST = """async (form, edits) => {
  const figures = [...form.querySelectorAll('.calc-figure')];
  const busy = (el) => el.getAttribute('aria-busy');
  window.__busy = [];
  window.__atNumbers = [];
  new MutationObserver((changes) => {
    for (const c of changes) if (c.target.matches('.calc-figure')) __busy.push(busy(c.target));
  }).observe(form, {subtree: true, attributes: true, attributeFilter: ['aria-busy']});
  new MutationObserver(() => __atNumbers.push(figures.every((f) => busy(f) === 'true')))
    .observe(form.querySelector('.calc-panel output[name="roi"]'),
             {childList: true, characterData: true, subtree: true});
  for (const [i, [name, value]] of edits.entries()) {
    const input = form.querySelector(`input[name="${name}"]`);
    input.value = value;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    if (i % 3) await new Promise((r) => setTimeout(r, 7 * (i % 4)));
  }
}"""


def test_after_a_burst_of_edits_numbers_and_charts_are_for_the_last_input(
    live: Callable[[str], Widget],
) -> None:
    roi = live("roi")
    edits = [("calls_per_year", str(100_000 * k)) for k in range(2, 14)]
    edits += [("months", str(m)) for m in (18, 24, 6, 36)] + [("calls_per_year", "370000")]
    roi.form.evaluate(BURST, edits)
    final = {"calls_per_year": "370000", "months": "36"}
    answer = expected("roi", final)
    roi.expect_outputs(answer["display"])
    roi.expect_html(answer["html"])  # waits until the charts are no longer marked as updating
    marks = roi.page.evaluate("__busy")
    assert "true" in marks, "the charts never said they were updating"
    assert marks[-1] is None  # and they end current
    at_numbers = roi.page.evaluate("__atNumbers")
    assert at_numbers, "the numbers never changed"
    assert all(at_numbers), "new numbers appeared beside charts not marked as updating"
