"""engines.Tab's arrival at a new page, against a scripted tab: Firefox's navigate can answer
before the next document exists, and marking the old one can fail (CI saw both, on a loaded
machine: the old page passed for the new one, which was then found mid-parse, with no body).
The waits are real JavaScript run by Node in a stand-in page, so the test checks the conditions
the browsers are given, not a copy of them. It needs no browser but guards the engine runs."""

from __future__ import annotations

import json
import subprocess
import urllib.parse
from typing import Any

import pytest
from engines import EngineError, Tab

pytestmark = pytest.mark.e2e

# The page each call runs in: `window` is the global object (as in a browser), holding the marks.
PAGE = """
const [state, fn, args] = JSON.parse(require("fs").readFileSync(0, "utf8"));
globalThis.window = globalThis;
Object.assign(globalThis, state.marks);
globalThis.document = {readyState: state.ready, body: state.body ? {} : null};
globalThis.location = {pathname: state.path};
(async () => {
  const value = await (eval(`(${fn})`))(...args);
  const marks = Object.fromEntries(Object.keys(globalThis).filter((k) => k.startsWith("__"))
    .map((k) => [k, globalThis[k]]));
  process.stdout.write(JSON.stringify({value: value ?? null, marks}));
})();
"""


class ScriptedTab(Tab):
    """A tab on /sources/ whose next navigation answers at once, while the old page still shows;
    the new document then commits without a body and completes two calls later. `misses` marks
    of the old page fail as a page between documents would."""

    def __init__(self, misses: int) -> None:
        self.page: dict[str, Any] = {"path": "/sources/", "ready": "complete", "body": True}
        self.page["marks"] = {}
        self.misses = misses
        self.upcoming: list[dict[str, Any]] = []

    def _navigate(self, url: str | None) -> None:
        path = self.page["path"] if url is None else urllib.parse.urlsplit(url).path
        self.upcoming = [
            {"path": path, "ready": "loading", "body": False, "marks": {}},
            {"path": path, "ready": "interactive", "body": True, "marks": {}},
            {"path": path, "ready": "complete", "body": True, "marks": {}},
        ]

    def run(self, fn: str, *args: Any) -> Any:
        if "__left = true" in fn and self.misses:
            self.misses -= 1
            raise EngineError("the page is between documents")
        done = subprocess.run(
            ["node", "-e", PAGE],
            input=json.dumps([self.page, fn, list(args)]),
            capture_output=True,
            text=True,
            check=True,
        )
        answer = json.loads(done.stdout)
        self.page["marks"] = answer["marks"]
        if self.upcoming:  # the navigation moves on by one step per call into the page
            self.page = self.upcoming.pop(0)
        return answer["value"]


@pytest.mark.parametrize("misses", [0, 1])
def test_goto_returns_only_on_the_new_page_loaded_with_its_body(misses: int) -> None:
    tab = ScriptedTab(misses)
    tab.goto("http://127.0.0.1:1/ko/gates/")
    assert tab.page["path"] == "/ko/gates/"
    assert tab.page["ready"] == "complete" and tab.page["body"]


def test_reload_returns_only_once_the_reloaded_page_has_loaded() -> None:
    tab = ScriptedTab(misses=1)
    tab.reload()
    assert tab.page["ready"] == "complete" and not tab.upcoming
