"""The worker boots from the build's memory snapshot, and boots plainly when it cannot use it.

Either way the page goes live without an error state and every calculator answers exactly what
CPython's calc says. The boot path is read from the worker's ready message ({type: "ready",
boot}), caught by a wrapper around `Worker` that the page glue constructs unknowingly; the same
wrapper lets the test ask the page's own worker directly, so each case boots Python only once.
"""

from __future__ import annotations

import io
import json
import lzma
import random
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route
from test_parity import random_inputs
from widgets import Widget, expected

import calc

pytestmark = pytest.mark.e2e

SNAPSHOT = "**/assets/pyodide/snapshot.bin.xz"
CALC_ZIP = "**/assets/calc.zip"
SEED = 9
ROOT = Path(__file__).resolve().parents[2]
# A page.evaluate that awaits the worker would wait forever on a worker that never answers.
GIVE_UP = "new Promise((resolve) => setTimeout(resolve, 60_000, 'no answer within 60 s'))"

# window.calcWorker.boot resolves with the ready (or failed) message of the calc worker (the
# search has a worker too); calcWorker.ask(id, name, inputs, step) sends it a request whose answer
# only the test sees.
PROBE = """
(() => {
  const Native = Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!String(url).endsWith("/calc-worker.js")) return;
      const asked = new Map();
      let booted;
      window.calcWorker ??= {
        boot: new Promise((resolve) => { booted = resolve; }),
        ask: (id, name, inputs, step) => new Promise((resolve) => {
          asked.set(id, resolve);
          this.postMessage({ id, name, inputs, step });
        }),
      };
      this.addEventListener("message", (event) => {
        const { data } = event;
        if (data.type === "ready" || data.type === "failed") booted?.(data);
        if (asked.has(data.id)) {
          event.stopImmediatePropagation();  // not one of the page glue's requests
          asked.get(data.id)(data);
          asked.delete(data.id);
        }
      });
    }
  };
})();
"""


def snapshot_bytes(site_dir: Path) -> bytes:
    return lzma.decompress((site_dir / "assets" / "pyodide" / "snapshot.bin.xz").read_bytes())


def calls() -> list[tuple[str, dict[str, str]]]:
    """Every calculator with the chapter's example and with inputs drawn from its specs."""
    rng = random.Random(SEED)
    return [(name, calc.defaults(name)) for name in calc.CALCULATORS] + [
        (name, random_inputs(name, rng)) for name in calc.CALCULATORS
    ]


def go_live(page: Page) -> dict[str, Any]:
    """Open the ROI gate, wait until the page glue is live; the worker's ready message."""
    page.add_init_script(PROBE)
    roi = Widget(page, "roi").open().wait_ready()
    ready = page.evaluate(f"Promise.race([calcWorker.boot, {GIVE_UP}])")
    assert isinstance(ready, dict) and ready["type"] == "ready", ready

    # The page itself: live, and answering a change exactly as calc does.
    roi.set_all({"calls_per_year": "100000"})
    roi.expect_outputs(expected("roi", {"calls_per_year": "100000"})["display"])
    roi.expect_state("ready")

    # Every calculator, both steps, straight from the same worker.
    asked = [(name, inputs, step) for name, inputs in calls() for step in ("numbers", "charts")]
    answers = page.evaluate(
        f"""calls => Promise.race([{GIVE_UP}, Promise.all(calls.map(([name, inputs, step], i) =>
             calcWorker.ask(`test-${{i}}`, name, inputs, step)))])""",
        asked,
    )
    assert isinstance(answers, list), answers
    for (name, inputs, step), answer in zip(asked, answers, strict=True):
        assert "error" not in answer, answer
        python = getattr(calc, step)(name, inputs)
        assert json.loads(answer["json"]) == json.loads(json.dumps(python)), (name, step)
    return ready


def test_the_worker_boots_from_the_snapshot(page: Page) -> None:
    assert go_live(page)["boot"] == "snapshot"


def test_the_snapshot_holds_no_path_of_the_build_machine(site_dir: Path) -> None:
    raw = snapshot_bytes(site_dir)
    assert raw.startswith(b"\x00snp")  # what Pyodide checks first
    for path in (ROOT, ROOT / "node_modules", ROOT / "scripts" / "snapshot.mjs"):
        assert str(path).encode() not in raw, path


# --- forced fallbacks: each must go live the plain way, with no error shown ---------------------


def xz(data: bytes) -> bytes:
    """As the build compresses (hooks/snapshot.py), quickly."""
    return lzma.compress(data, lzma.FORMAT_XZ, lzma.CHECK_CRC32, preset=0)


def missing(route: Route, site_dir: Path) -> None:
    route.fulfill(status=404, body="gone")


def not_xz(route: Route, site_dir: Path) -> None:
    route.fulfill(body=random.Random(SEED).randbytes(1 << 16))


def truncated(route: Route, site_dir: Path) -> None:
    whole = (site_dir / "assets" / "pyodide" / "snapshot.bin.xz").read_bytes()
    route.fulfill(body=whole[: len(whole) // 2])


def not_a_snapshot(route: Route, site_dir: Path) -> None:
    """Valid xz, but not memory Pyodide saved: the wrong magic number."""
    route.fulfill(body=xz(random.Random(SEED).randbytes(1 << 20)))


def another_pyodide(route: Route, site_dir: Path) -> None:
    """The build's snapshot with another Pyodide build id in its header (bytes 16 to 48)."""
    raw = bytearray(snapshot_bytes(site_dir))
    raw[16:48] = bytes(range(32))
    route.fulfill(body=xz(bytes(raw)))


def another_calc_zip(route: Route, site_dir: Path) -> None:
    """The same calc files zipped with other timestamps: other bytes than the snapshot's zip."""
    source = zipfile.ZipFile(site_dir / "assets" / "calc.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rezipped:
        for info in source.infolist():
            info.date_time = (2021, 2, 3, 4, 5, 6)
            rezipped.writestr(info, source.read(info))
    route.fulfill(body=out.getvalue(), content_type="application/zip")


FALLBACKS: dict[str, tuple[str, Callable[[Route, Path], None]]] = {
    "missing": (SNAPSHOT, missing),
    "not-xz": (SNAPSHOT, not_xz),
    "truncated": (SNAPSHOT, truncated),
    "not-a-snapshot": (SNAPSHOT, not_a_snapshot),
    "another-pyodide": (SNAPSHOT, another_pyodide),
    "another-calc-zip": (CALC_ZIP, another_calc_zip),
}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            # The worker's request for the missing snapshot logs its 404 as a console error.
            marks=[pytest.mark.console_errors("the snapshot is missing on purpose")]
            if case == "missing"
            else [],
        )
        for case in FALLBACKS
    ],
)
def test_an_unusable_snapshot_falls_back_to_a_plain_boot(
    page: Page, site_dir: Path, case: str
) -> None:
    url, answer = FALLBACKS[case]
    page.route(url, lambda route: answer(route, site_dir))
    assert go_live(page)["boot"] == "plain"


def test_a_cold_boot_downloads_each_runtime_file_once(page: Page) -> None:
    # Preload hints in the page once doubled the snapshot and the wasm (about 15 MB on a phone):
    # a dedicated worker cannot use what the page preloaded.
    asked: dict[str, int] = {}

    def count(url: str) -> None:
        if "/assets/pyodide/" in url or url.endswith("/assets/calc.zip"):
            name = url.rsplit("/", 1)[-1]
            asked[name] = asked.get(name, 0) + 1

    page.on("request", lambda r: count(r.url))
    Widget(page, "roi").open().wait_ready()
    page.wait_for_load_state("networkidle")
    assert {"snapshot.bin.xz", "pyodide.asm.wasm", "calc.zip"} <= set(asked), asked
    assert all(n == 1 for n in asked.values()), asked
