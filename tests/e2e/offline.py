"""Page object for the offline copy: the service worker's caches, the "Keep available offline"
control on calculator pages and the notice that a new version is ready."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Locator, Page, expect
from widgets import BOOT_TIMEOUT

# This site's caches are named after the worker's scope; anything else belongs to someone else.
OWN_CACHES = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const prefix = registration.scope + "#offline-";
  const found = {};
  for (const name of await caches.keys()) {
    if (!name.startsWith(prefix)) continue;
    const keys = await (await caches.open(name)).keys();
    found[name] = keys.map((request) => request.url.slice(registration.scope.length));
  }
  return found;
}"""

FOREIGN = """async (names) => {
  for (const name of names) {
    const cache = await caches.open(name);
    await cache.put(new Request(location.origin + "/probe"), new Response(name));
  }
}"""

SURVIVING = """async (names) => {
  const kept = [];
  for (const name of names) {
    if (!(await caches.has(name))) continue;
    const response = await (await caches.open(name)).match(location.origin + "/probe");
    if (response && (await response.text()) === name) kept.push(name);
  }
  return kept;
}"""


def poll(page: Page, function: str, arg: object = None, timeout_ms: int = BOOT_TIMEOUT) -> Any:
    """Evaluate an async `function` until it returns something truthy (page.wait_for_function
    does not wait for promises)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not (value := page.evaluate(function, arg)):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {function[:80]}")
        page.wait_for_timeout(250)
    return value


@dataclass
class Offline:
    page: Page

    def wait_installed(self) -> None:
        """Until this page's service worker is active: it has kept pages, styles and search."""
        poll(self.page, "navigator.serviceWorker.getRegistration().then(r => Boolean(r?.active))")

    def wait_controlled(self) -> None:
        self.page.wait_for_function("navigator.serviceWorker.controller !== null")

    def caches(self) -> dict[str, list[str]]:
        """This site's caches: name → addresses held, relative to the site's root."""
        return self.page.evaluate(OWN_CACHES)

    def kept(self) -> set[str]:
        (addresses,) = self.caches().values()
        return set(addresses)

    def wait_kept(self, addresses: list[str]) -> None:
        """Until this site's one cache holds every address."""
        poll(
            self.page,
            f"""async (wanted) => {{
              const found = Object.values(await ({OWN_CACHES})());
              return found.length === 1 && wanted.every((a) => found[0].includes(a));
            }}""",
            addresses,
        )

    # --- the controls a reader sees ------------------------------------------------------------
    @property
    def keep(self) -> Locator:
        return self.page.locator(".calc-offline")

    @property
    def keep_button(self) -> Locator:
        return self.keep.get_by_role("button")

    @property
    def update_notice(self) -> Locator:
        return self.page.locator(".calc-update")

    def accept_update(self) -> None:
        expect(self.update_notice).to_be_visible(timeout=BOOT_TIMEOUT)
        self.update_notice.get_by_role("button", name="Reload").click()
