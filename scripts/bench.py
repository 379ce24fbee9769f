"""Measures what a reader waits for: navigation → live calculator, cold and warm, and the bytes
Python costs. Prints figures and ratios against a baseline page load in the same run; asserts
nothing (timings on shared machines are noisy).

    make bench            # or: .venv/bin/python scripts/bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_FLAGS, _free_port, _Handler, build_site, chromium_path  # noqa: E402

READY = 'form[data-calc="roi"][data-state="ready"]'
LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
}).observe({ type: "longtask", buffered: true });
"""


def timed(page, url: str, wait_for: str | None) -> float:
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    if wait_for:
        page.wait_for_selector(wait_for, timeout=120_000)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        started = time.perf_counter()
        done = build_site(site, url)
        build_ms = (time.perf_counter() - started) * 1000
        if done.returncode:
            sys.exit(done.stderr)
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        figures: dict[str, list[float]] = {}
        python_bytes = 0
        with sync_playwright() as p:
            path = chromium_path()
            browser = p.chromium.launch(
                args=CHROMIUM_FLAGS, **({"executable_path": path} if path else {})
            )
            for _ in range(runs):
                context = browser.new_context()
                context.add_init_script(LONG_TASKS)
                page = context.new_page()
                sizes: dict[str, int] = {}
                page.on(
                    "requestfinished",
                    lambda r, sizes=sizes: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]),
                )
                figures.setdefault("baseline: plain page, DOM ready (ms)", []).append(
                    timed(page, url + "sources/", None)
                )
                figures.setdefault("cold: navigation → ROI live (ms)", []).append(
                    timed(page, url + "gates/roi/", READY)
                )
                figures.setdefault("cold: longest main-thread task during boot (ms)", []).append(
                    page.evaluate("window.__longest")
                )
                python_bytes = sum(
                    v for k, v in sizes.items() if "/assets/pyodide/" in k or k.endswith("calc.zip")
                )
                figures.setdefault("warm: reload → ROI live (ms)", []).append(
                    timed(page, url + "gates/roi/", READY)
                )
                start = time.perf_counter()
                page.click("a.md-footer__link--next")  # Material's instant navigation
                page.wait_for_url(re.compile(r"/gates/retraining/"))
                page.click("a.md-footer__link--prev")
                page.wait_for_selector(READY, timeout=120_000)
                figures.setdefault("instant navigation away and back → ROI live (ms)", []).append(
                    (time.perf_counter() - start) * 1000
                )
                context.close()
            browser.close()
        server.shutdown()
    base = statistics.median(figures["baseline: plain page, DOM ready (ms)"])
    print(f"site build: {build_ms:,.0f} ms   runs: {runs}   (medians; ratio = ÷ baseline)")
    for name, values in figures.items():
        median = statistics.median(values)
        ratio = f"{median / base:6.1f}×" if "(ms)" in name and "longest" not in name else ""
        print(f"  {name:<52} {median:9,.0f}  {ratio}")
    print(f"  {'bytes transferred for Python (runtime + calc.zip)':<52} {python_bytes:9,}")


if __name__ == "__main__":
    main()
