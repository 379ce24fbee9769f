"""A deploy reaches every reader, and no page ever runs with another version's files.

Each test serves a copy of the built site (version A) with `Cache-Control: max-age=600`, as
static hosts do, lets a reader visit it, then deploys version B into the same folder: every page
says "version B", and B's calc.zip marks every result it computes with " [B]", so a page of A
that ran B's Python would show it.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from offline import FOREIGN, SURVIVING, Offline, poll
from playwright.sync_api import BrowserContext, Page, expect
from widgets import BOOT_TIMEOUT, Widget, expected

from hooks import site_build

if TYPE_CHECKING:
    from tests.conftest import Host

pytestmark = pytest.mark.e2e

ARTICLE = '<article class="md-content__inner md-typeset">'
MARK_B = '<p id="deploy-b">This is version B.</p>'
MARK_PREVIEW = '<p id="preview">This is the author\'s preview.</p>'
B_RESULTS = """
_numbers_a = numbers


def numbers(name, inputs, lang="en"):  # version B: every display string says it is B's
    answer = _numbers_a(name, inputs, lang)
    if answer.get("ok"):
        answer["display"] = {k: f"{v} [B]" if v else v for k, v in answer["display"].items()}
    return answer
"""


def deploy_b(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace(ARTICLE, ARTICLE + MARK_B, 1), encoding="utf-8")
    calc_zip = site / "assets" / "calc.zip"
    old = zipfile.ZipFile(io.BytesIO(calc_zip.read_bytes()))
    new = io.BytesIO()
    with zipfile.ZipFile(new, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "calc/__init__.py":
                data += B_RESULTS.encode()
            zf.writestr(info, data)
    calc_zip.write_bytes(new.getvalue())
    # As a build of B does: the worker B's calc.zip is bundled with (its runtime version, which
    # keys a device's snapshot of Python), then the manifest of B.
    site_build.bundle_scripts(site)
    site_build.write_service_worker(site)


@pytest.fixture
def site_a(deployed: Path, hosting: Host) -> Path:
    hosting.headers["Cache-Control"] = "max-age=600"
    return deployed


def computed_by_b(key: str) -> str:
    return expected("roi")["display"][key] + " [B]"


def version_b(page: Page) -> None:
    expect(page.locator("#deploy-b")).to_be_visible()


def version_a(page: Page) -> None:
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("#deploy-b")).to_have_count(0)


def test_a_deploy_shows_after_one_reload_and_the_notice_never_mixed(
    sw_context: BrowserContext, site_a: Path
) -> None:
    page = sw_context.new_page()
    offline = Offline(page)
    roi = Widget(page, "roi").open().wait_ready()
    offline.wait_installed()
    page.reload()  # now the worker answers for the page, and keeps Python as it loads
    offline.wait_controlled()
    roi.wait_ready()

    deploy_b(site_a)
    page.reload()
    # Still version A, page and Python alike: A's worker serves A's files only ...
    version_a(page)
    roi.wait_ready()
    roi.expect_outputs(expected("roi")["display"])
    # ... and the reader is told B is ready; accepting shows B, page and Python alike.
    offline.accept_update()
    version_b(page)
    roi.wait_ready()
    expect(roi.output("roi")).to_have_js_property("value", computed_by_b("roi"))
    expect(offline.update_notice).to_have_count(0)


def test_a_deploy_reaches_a_reader_who_moves_by_instant_navigation(
    sw_context: BrowserContext, site_a: Path, base_url: str
) -> None:
    page = sw_context.new_page()
    offline = Offline(page)
    page.goto("gates/prompt-rag/")  # a page without a calculator: Python is never loaded
    offline.wait_installed()
    page.reload()
    offline.wait_controlled()

    deploy_b(site_a)
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Gate 3: ROI").click()
    expect(page).to_have_url(base_url + "gates/roi/")
    version_a(page)
    assert page.evaluate("window.__sameDocument") is True, "the click reloaded the page"
    # A never kept Python (nobody used a calculator), and the server now has B's worker and
    # calc.zip: A's service worker refuses them (503) rather than let A's page run them, and
    # the page offers B.
    roi = Widget(page, "roi")
    expect(roi.form).to_have_attribute("data-state", "error", timeout=BOOT_TIMEOUT)
    expect(roi.status).to_contain_text("the Python worker could not start")
    expect(roi.output("roi")).to_have_js_property("value", expected("roi")["display"]["roi"])
    offline.accept_update()
    version_b(page)
    roi.wait_ready()
    expect(roi.output("roi")).to_have_js_property("value", computed_by_b("roi"))


def test_only_this_sites_caches_are_ever_deleted(
    sw_context: BrowserContext, site_a: Path, base_url: str
) -> None:
    """On user.github.io every project site shares one origin: another project's offline copy
    and an unrelated app's cache must survive this site's install and its updates."""
    page = sw_context.new_page()
    offline = Offline(page)
    page.goto("")
    foreign = ["an-unrelated-app", f"{base_url}another-project/#offline-0123456789abcdef"]
    page.evaluate(FOREIGN, foreign)
    offline.wait_installed()
    first = set(offline.caches())
    page.reload()
    offline.wait_controlled()

    deploy_b(site_a)
    page.reload()
    offline.accept_update()
    version_b(page)
    offline.wait_installed()
    assert len(offline.caches()) == 1 and set(offline.caches()) != first  # A's copy went
    assert page.evaluate(SURVIVING, foreign) == foreign


def preview_over(site: Path) -> None:
    """What `make serve` answers at the same address afterwards: pages without the policy or
    the offline mark, and sw.js exactly as written in docs/."""
    for page in site.rglob("*.html"):
        html = re.sub(
            r'\n<meta (name="calc-offline"|http-equiv="Content-Security-Policy")[^>]*>',
            "",
            page.read_text(encoding="utf-8"),
        )
        page.write_text(html.replace(ARTICLE, ARTICLE + MARK_PREVIEW, 1), encoding="utf-8")
    shutil.copyfile(site_build.ROOT / "docs" / "sw.js", site / "sw.js")


def test_a_preview_at_the_same_address_retires_the_published_worker(
    sw_context: BrowserContext, site_a: Path
) -> None:
    """An author who ran the published build on localhost:8000, then `make serve` there, must
    see the preview, not the worker's copy of the old build; and the preview registers none."""
    page = sw_context.new_page()
    offline = Offline(page)
    page.goto("")
    offline.wait_installed()
    page.reload()
    offline.wait_controlled()

    preview_over(site_a)
    page.reload()  # answered by the old worker; its update check finds the retiring one
    expect(page.locator("#preview")).to_be_visible(timeout=BOOT_TIMEOUT)
    poll(page, "navigator.serviceWorker.getRegistration().then((r) => r === undefined)")
    assert page.evaluate("caches.keys()") == []
    page.reload()
    expect(page.locator("#preview")).to_be_visible()
    assert page.evaluate("navigator.serviceWorker.controller") is None
