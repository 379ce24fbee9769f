"""The journeys that matter, in Firefox ESR and WebKitGTK (engines.py), against the DOM contract
and the address bar only (ARCHITECTURE.md): a shared link goes live with its numbers, an edit
recomputes and reaches the address bar, bad input is named and recovers, checklists keep their
ticks, scenarios compare, the offline copy outlives the server, a deploy is offered, and every
page goes live with no page error and no CSP violation, fits 390 px and passes axe.

Chromium runs the same journeys (and much more) through Playwright in the other files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from engines import Tab, until
from test_a11y import AXE, BLOCKING, CODE_BLOCKS_SETTLED
from test_pages import PAGES
from test_remember import BOX_CENTRE, OPERATIONS_LIST
from test_updates import computed_by_b, deploy_b
from widgets import PAGES as WIDGET_PAGES
from widgets import expected, text_outputs

if TYPE_CHECKING:
    from tests.conftest import Host

pytestmark = pytest.mark.e2e

READY = 60  # seconds: Python boots in each page load (see widgets.BOOT_TIMEOUT)

# One changed value per calculator: the link opens with it, the edit types it.
CHANGES = {
    "roi": {"calls_per_year": "100000"},  # exercise 3: don't ship
    "gates": {"prompt_rag": "fails-on-eval", "eval_pairs": "300"},
    "readiness": {"eval_set": "yes", "tried_rag": "no"},
    "data_volume": {"examples": "800"},
    "labeling": {"labelers": "3"},
    "poc": {"poc_score": "80"},
    "approach": {"problem": "stock_prices"},
}
TYPED = ["roi", "data_volume", "labeling", "poc"]  # calculators with number fields
CALCULATOR_PAGES = sorted(set(WIDGET_PAGES.values()))
# Typed key by key, so no prefix of it may be a number (the results for "12" would be kept).
BAD_NUMBER = "abc"


class Calc:
    """A calculator on an engine's tab, seen through the DOM contract only."""

    def __init__(self, tab: Tab, name: str) -> None:
        self.tab, self.name = tab, name
        self.form = f'form:is([data-calc="{name}"], :has([data-calc="{name}"]))'

    def open(self, query: str = "") -> Calc:
        self.tab.goto(self.tab.base + WIDGET_PAGES[self.name] + query)
        return self

    def wait_state(self, state: str) -> Calc:
        self.tab.wait(
            "(form, state) => document.querySelector(form)?.dataset.state === state",
            self.form,
            state,
            timeout=READY,
        )
        return self

    def wait_outputs(self, display: dict[str, str]) -> None:
        wanted = {key: display[key] for key in text_outputs(self.name)}
        try:
            self.tab.wait(
                """(name, wanted) => {
                     const scope = document.querySelector(`[data-calc="${name}"]`);
                     const shown = Object.fromEntries([...scope.querySelectorAll('output')]
                       .filter((o) => o.closest('[data-calc]') === scope)
                       .map((o) => [o.name, o.value]));
                     return Object.entries(wanted).every(([k, v]) => shown[k] === v);
                   }""",
                self.name,
                wanted,
                timeout=10,
            )
        except AssertionError:
            assert self.outputs() == wanted  # says which output differs
            raise

    def outputs(self) -> dict[str, str]:
        return self.tab.run(
            """(name, keys) => Object.fromEntries(keys.map((k) => [k, document.querySelector(
                 `[data-calc="${name}"] output[name="${k}"]`)?.value]))""",
            self.name,
            text_outputs(self.name),
        )

    def type(self, field: str, value: str) -> None:
        self.tab.type(f'{self.form} input[name="{field}"]', value)

    def wait_problem(self, field: str, message: str | None) -> None:
        """The field's problem is shown with this message and the field is marked invalid (or,
        with None, neither)."""
        self.tab.wait(
            """(form, field, message) => {
                 const slot = document.querySelector(`${form} [data-problem="${field}"]`);
                 const input = document.querySelector(`${form} [name="${field}"]`);
                 return (slot.hidden ? null : slot.textContent) === message
                   && input.getAttribute('aria-invalid') === (message && 'true');
               }""",
            self.form,
            field,
            message,
            timeout=10,
        )

    def click(self, css: str) -> None:
        self.tab.click(f"{self.form} {css}")


def query(values: dict[str, str]) -> str:
    return "?v=1&" + "&".join(f"{k}={v}" for k, v in sorted(values.items()))


@pytest.fixture
def tab(engine: Any, base_url: str, site_host: Host, site_dir: Path) -> Iterator[Tab]:
    """The engine's shared tab, under the site's CSP sent as a header as well, with a report-uri:
    any violation, in a page or a worker, is POSTed to the test server. Fails the test on any
    uncaught error or report."""
    yield from _watched(engine.tab, base_url, site_host, site_dir)


@pytest.fixture
def fresh(engine: Any, base_url: str, site_host: Host, site_dir: Path) -> Iterator[Tab]:
    """A tab with empty storage, caches and service workers, closed after the test."""
    new, handle = engine.fresh_tab()
    yield from _watched(new, base_url, site_host, site_dir)
    engine.close_tab(handle)


def report_violations(host: Host, site_dir: Path) -> None:
    """Send the site's policy as a header too (as `_headers` asks hosts to), with a report-uri:
    browsers POST every violation, in a page or a worker, to the test server."""
    header = (site_dir / "_headers").read_text(encoding="utf-8")
    policy = header.split("Content-Security-Policy: ")[1].strip()
    host.headers["Content-Security-Policy"] = policy + "; report-uri /csp-report"


def _watched(tab: Tab, base_url: str, host: Host, site_dir: Path) -> Iterator[Tab]:
    headers = dict(host.headers)
    report_violations(host, site_dir)
    tab.base = base_url  # type: ignore[attr-defined]
    start = len(host.posted)
    tab.problems()
    yield tab
    problems = tab.problems() + [f"CSP report: {body!r}" for _, body in host.posted[start:]]
    host.headers = headers
    assert not problems, "the page misbehaved:\n" + "\n".join(problems)


def test_the_watch_sees_page_errors_and_csp_violations(
    engine: Any, base_url: str, hosting: Host, site_dir: Path
) -> None:
    """What the `tab` fixture relies on to call a page well-behaved, shown to work."""
    tab = engine.tab
    report_violations(hosting, site_dir)
    tab.goto(base_url + "sources/")
    tab.problems()
    start = len(hosting.posted)
    tab.run("() => { setTimeout(() => { throw new Error('thrown on purpose'); }); }")
    tab.wait("() => new Promise((resolve) => setTimeout(() => resolve(true)))")
    assert any("thrown on purpose" in problem for problem in tab.problems())
    tab.run(
        "() => document.head.append(Object.assign(document.createElement('script'),"
        " {textContent: 'window.inline = true'}))"
    )
    assert tab.run("() => window.inline ?? false") is False
    reports = until(
        lambda: [body for path, body in hosting.posted[start:] if path == "/csp-report"],
        "a CSP report",
    )
    assert b"script-src" in reports[0]
    tab.problems()  # Firefox also logs the violation as an error: this test provoked it


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_shared_link_goes_live_with_its_numbers(tab: Tab, name: str) -> None:
    widget = Calc(tab, name).open(query(CHANGES[name])).wait_state("ready")
    widget.wait_outputs(expected(name, CHANGES[name])["display"])
    if name == "gates":  # the decision record is fed by the same form
        Calc(tab, "record").wait_outputs(expected("record", CHANGES[name])["display"])


def test_a_reload_restores_the_snapshot_this_device_kept(fresh: Tab) -> None:
    """The first boot keeps a snapshot of Python and a reload restores it, in this engine too
    (web/worker/snapshots.js): a failure would go unseen elsewhere, as the worker then boots
    plainly, only slower. The restored Python answers an edit as a boot does."""
    widget = Calc(fresh, "roi").open(query(CHANGES["roi"])).wait_state("ready")
    boot = "(form) => document.querySelector(form).dataset.boot"
    assert fresh.run(boot, widget.form) == "plain"
    fresh.wait(
        """() => caches.open(location.origin + "/#python-snapshot")
                   .then((cache) => cache.keys()).then((keys) => keys.length === 1)""",
        timeout=READY,
    )
    fresh.reload()
    widget.wait_state("ready")
    assert fresh.run(boot, widget.form) == "snapshot"
    widget.type("calls_per_year", "2500000")
    widget.wait_outputs(expected("roi", {"calls_per_year": "2500000"})["display"])


@pytest.mark.parametrize("name", TYPED)
def test_an_edit_recomputes_and_reaches_the_address_bar(tab: Tab, name: str) -> None:
    widget = Calc(tab, name).open().wait_state("ready")
    (field, value), *_ = CHANGES[name].items()
    widget.type(field, value)
    widget.wait_outputs(expected(name, {field: value})["display"])
    tab.wait("(part) => location.search.includes(part)", f"{field}={value}")


@pytest.mark.parametrize("name", TYPED)
def test_bad_input_shows_its_problem_and_recovers(tab: Tab, name: str) -> None:
    widget = Calc(tab, name).open().wait_state("ready")
    (field, value), *_ = CHANGES[name].items()
    widget.type(field, BAD_NUMBER)
    widget.wait_state("invalid")
    widget.wait_problem(field, f"“{BAD_NUMBER}” is not a number.")
    widget.wait_outputs(expected(name)["display"])  # the last good results stay
    widget.type(field, value)
    widget.wait_state("ready")
    widget.wait_outputs(expected(name, {field: value})["display"])
    widget.wait_problem(field, None)


def test_the_readiness_checklist_keeps_its_answers_across_a_reload(fresh: Tab) -> None:
    readiness = Calc(fresh, "readiness").open().wait_state("ready")
    answers = CHANGES["readiness"]
    for field, value in answers.items():
        readiness.click(f'input[name="{field}"][value="{value}"]')
    readiness.wait_outputs(expected("readiness", answers)["display"])
    readiness.open()  # the page again, without the answers the address bar carries
    readiness.wait_state("ready")
    readiness.wait_outputs(expected("readiness", answers)["display"])


def test_the_operations_checklist_keeps_its_ticks_across_a_reload(fresh: Tab) -> None:
    fresh.goto(fresh.base + "operations/")
    items = f"{OPERATIONS_LIST} .task-list-item"
    ticked = (
        f"() => [...document.querySelectorAll('{items} input')]"
        ".flatMap((box, i) => box.checked ? [i] : [])"
    )
    fresh.wait(f"() => !document.querySelector('{items} input').disabled")  # the glue enables them
    for n in (0, 3):  # where a reader sees the box: Material draws it, the input is hidden
        point = fresh.run(
            f"(n) => {{ const item = document.querySelectorAll('{items}')[n];"
            f" item.scrollIntoView({{block: 'center'}}); return ({BOX_CENTRE})(item); }}",
            n,
        )
        fresh.click_at(point["x"], point["y"])
    fresh.wait(f"() => ({ticked})().length === 2")
    assert fresh.run(ticked) == [0, 3]
    fresh.reload()
    fresh.wait(f"() => !document.querySelector('{items} input').disabled")
    assert fresh.run(ticked) == [0, 3]


def test_scenarios_compare(fresh: Tab) -> None:
    roi = Calc(fresh, "roi").open().wait_state("ready")
    for name, changes in [("Chapter", {}), ("Tenth", CHANGES["roi"])]:
        for field, value in changes.items():
            roi.type(field, value)
        roi.wait_outputs(expected("roi", changes)["display"])
        fresh.type(f"{roi.form} [data-scenario-name]", name)
        roi.click('[data-action="keep-scenario"]')
        fresh.wait(
            "(form, name) => document.querySelector(`${form} [data-action-note]`)"
            "?.textContent === `Kept “${name}”.`",
            roi.form,
            name,
        )
    table = f"{roi.form} [data-compare]"
    fresh.wait(f"() => document.querySelectorAll('{table} thead th span').length === 2")
    shown = fresh.run(
        """(table) => Object.fromEntries([...document.querySelectorAll(`${table} tbody tr`)]
             .map((tr) => [tr.dataset.key,
                           [...tr.querySelectorAll('td')].map((td) => td.textContent)]))""",
        table,
    )
    for key, cells in shown.items():
        assert cells == [expected("roi", c)["display"][key] for c in ({}, CHANGES["roi"])], key
    assert "s1=" in fresh.url() and "s2=" in fresh.url()  # the comparison travels in the link


SW_ACTIVE = "() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.active))"
SW_CONTROLS = "() => navigator.serviceWorker.controller !== null"


def test_kept_offline_a_calculator_goes_live_after_the_server_goes_away(
    fresh: Tab, site_host: Host
) -> None:
    roi = Calc(fresh, "roi").open().wait_state("ready")
    fresh.wait(SW_ACTIVE, timeout=READY)
    fresh.wait("() => document.querySelector('.calc-offline button:not([hidden])') !== null")
    fresh.click(".calc-offline button")
    fresh.wait(
        "() => document.querySelector('.calc-offline').textContent.includes('Available offline')",
        timeout=READY,
    )
    site_host.close()
    try:
        fresh.reload()
        roi.wait_state("ready")
        roi.type("calls_per_year", "100000")
        roi.wait_outputs(expected("roi", CHANGES["roi"])["display"])
    finally:
        site_host.start()


def test_a_new_deploy_shows_the_update_notice(fresh: Tab, deployed: Path) -> None:
    roi = Calc(fresh, "roi").open().wait_state("ready")
    fresh.wait(SW_ACTIVE, timeout=READY)
    fresh.reload()
    fresh.wait(SW_CONTROLS)
    roi.wait_state("ready")
    deploy_b(deployed)
    fresh.reload()
    roi.wait_state("ready")
    roi.wait_outputs(expected("roi")["display"])  # still version A, until the reader accepts
    fresh.wait("() => document.querySelector('.calc-update button') !== null", timeout=READY)
    fresh.click(".calc-update button")
    fresh.wait("() => document.querySelector('#deploy-b') !== null", timeout=READY)
    roi.wait_state("ready")
    assert roi.outputs()["roi"] == computed_by_b("roi")


# Lays the page out in a 390 px frame (WebKitGTK's MiniBrowser window cannot be that narrow):
# the frame's own widgets must go live too, since live results change what is shown.
AT_390 = """async (url) => {
  const frame = Object.assign(document.createElement('iframe'),
                              {src: url, width: 390, height: 844});
  frame.style.cssText = 'position: fixed; inset: 0 auto auto 0; z-index: 9999; border: 0;'
    + 'background: white';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
  return true;
}"""
FRAME_LIVE = """() => [...document.querySelector('iframe').contentDocument
  .querySelectorAll('form[data-calc]')].every((f) => f.dataset.state === 'ready')"""
FRAME_WIDTH = """() => { const frame = document.querySelector('iframe').contentWindow;
  const s = frame.document.scrollingElement;
  return [frame.innerWidth, s.scrollWidth, s.clientWidth]; }"""


# Every English page and the Korean gate pages: Korean text and chrome in each engine, without
# doubling the slowest test here (Chromium loads every Korean page: test_pages, test_layout).
ENGINE_PAGES = [a for a in PAGES if not a.startswith("ko/") or a.startswith("ko/gates/")]


@pytest.mark.parametrize("address", ENGINE_PAGES)
def test_every_page_goes_live_without_errors_and_fits_390_px(
    tab: Tab, address: str, engine: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tab.goto(tab.base + address)
    tab.wait(
        "() => [...document.querySelectorAll('form[data-calc]')]"
        ".every((f) => f.dataset.state === 'ready')",
        timeout=READY,
    )
    if address in CALCULATOR_PAGES:  # axe, with the calculators live
        tab.wait(CODE_BLOCKS_SETTLED)
        violations = tab.run(
            f"async () => {{ {AXE.read_text(encoding='utf-8')}\n"
            "const r = await axe.run(document, {resultTypes: ['violations']});"
            "return r.violations.flatMap((v) => v.nodes.map((n) => "
            "`${n.impact} ${v.id}: ${n.target.join(' ')}`)); }"
        )
        assert not [v for v in violations if v.split()[0] in BLOCKING], violations
    tab.run(AT_390, tab.base + address)
    tab.wait(FRAME_LIVE, timeout=READY)
    width, scroll, inside = tab.run(FRAME_WIDTH)  # inside: the width left by a scroll bar
    assert width == 390 and scroll <= inside, f"{address} scrolls sideways: {scroll} in {inside}"
    if address == "gates/roi/":  # for a person to look at
        shots = Path(tmp_path_factory.getbasetemp()) / "screenshots"
        shots.mkdir(exist_ok=True)
        tab.screenshot(shots / f"{engine.name}-gates-roi-390.png")
