"""What a reader waits for, measured in one run on one machine, printed, never asserted (timings
on shared machines are noisy: read the ratios, which compare boots made side by side).

- build time with a cold and a warm stdlib cache;
- navigation → live ROI calculator, by the page's own clock (from the navigation's start: a
  selector Playwright waits for is seen 0.3-0.4 s after the page shows it): cold, then a warm
  reload that restores the snapshot of Python the cold visit kept on the device
  (web/worker/snapshots.js), the same reload without it (a plain boot from the HTTP cache), and
  one served by the service worker; and a naive page that loads Pyodide on the main thread from
  the same files (a bare boot), built alongside the site for comparison;
- the longest main-thread frame while booting, and whose script it was (ours, the theme's,
  Pyodide's), from the Long Animation Frames API;
- recompute latency: input event → the new ROI's text in the page (a MutationObserver on the
  output), median and p95 over 50 edits, each typed once the page has painted the one before;
- bytes transferred by a calculator page and by a page without calculators;
- instant navigation away and back → live (the worker survives: no second boot);
- a cold shared link on a phone: bytes over the wire per file until live, and time to live
  under Chromium's emulation (network conditions and CPU 4× slower) on Fast 4G and Slow 4G,
  for the page and for the naive page (a bare boot of the same files).

The site is served as GitHub Pages serves it (tests/conftest.py's Host with gzip): text,
scripts, JSON and wasm gzipped on the fly, compressed files as they are.

    make bench            # or: .venv/bin/python scripts/bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_FLAGS, Host, _free_port, build_site, chromium_path  # noqa: E402

LIVE = 'form[data-calc="roi"][data-state="ready"]'
# The page's own clock: when each of these first matched, from the navigation's start.
SEEN = """
window.__seen = {};
new MutationObserver(() => {
  for (const ready of ['form[data-calc="roi"][data-state="ready"]', "body[data-ready]"]) {
    if (!(ready in window.__seen) && document.querySelector(ready)) {
      window.__seen[ready] = performance.now();
    }
  }
}).observe(document, { subtree: true, childList: true, attributes: true });
"""
DOM_READY = "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
SNAPSHOTS = "caches.open(location.origin + '/#python-snapshot')"
KEPT = f"{SNAPSHOTS}.then((c) => c.keys()).then((keys) => keys.length > 0)"
FORGET = f"{SNAPSHOTS}.then(async (c) => {{ for (const k of await c.keys()) await c.delete(k); }})"
SHARED = "gates/roi/?v=1&calls_per_year=100000"  # the link a teammate opens
TIMEOUT = 300_000
# Chromium's phone emulation: download bits per second, round trip in ms; the CPU 4× slower.
PHONES = {"Fast 4G": (9_000_000, 60), "Slow 4G": (1_600_000, 150)}
CPU_SLOWDOWN = 4

# The naive alternative: Pyodide on the page's own thread, as documented (with the lock file the
# site does not ship), calc unpacked, one answer.
NAIVE = """<!doctype html><meta charset="utf-8"><title>naive main-thread loader</title>
<script type="module">
import { loadPyodide } from "../../assets/pyodide/pyodide.mjs";
const py = await loadPyodide({
  indexURL: new URL("../../assets/pyodide/", location).href,
  lockFileURL: new URL("pyodide-lock.json", location).href,
});
const zip = await (await fetch("../../assets/calc.zip")).arrayBuffer();
const purelib = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
py.unpackArchive(zip, "zip", { extractDir: purelib });
py.runPython("import calc; calc.run('roi', {})");
document.body.dataset.ready = "1";
</script>"""

# Every long animation frame, with the script that took longest in it.
FRAMES = """
window.__frames = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const top = [...(e.scripts || [])].sort((a, b) => b.duration - a.duration)[0];
    window.__frames.push({ duration: e.duration, source: top ? top.sourceURL : "" });
  }
}).observe({ type: "long-animation-frame", buffered: true });
"""

EDITS = """async (n) => {
  const form = document.querySelector('form[data-calc="roi"]');
  const input = form.querySelector('[name="calls_per_year"]');
  const out = form.querySelector('output[name="roi"]');
  const times = [];
  for (let i = 0; i < n; i++) {
    const changed = new Promise((resolve) => {
      const watch = new MutationObserver(() => { watch.disconnect(); resolve(performance.now()); });
      watch.observe(out, { childList: true, characterData: true, subtree: true });
    });
    const start = performance.now();
    // 200,000 to 1,000,000 calls and round again: every edit moves the ROI shown (above 10 it
    // shows two digits, so ever larger volumes would stop changing it and never be answered).
    input.value = String(100000 * ((i % 9) + 2));
    input.dispatchEvent(new Event("input", { bubbles: true }));
    times.push((await changed) - start);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));  // painted
  }
  return times;
}"""


def whose(url: str) -> str:
    if "/assets/js/" in url:
        return "ours"
    if "/assets/pyodide/" in url:
        return "Pyodide"
    if "/assets/javascripts/" in url:
        return "theme"
    return "other" if url else "unattributed"


def timed(page: Page, url: str, ready: str) -> float:
    """From the navigation's start until `ready` (one of SEEN's) matched, by the page's clock."""
    page.goto(url, wait_until="commit")
    page.wait_for_selector(ready, timeout=TIMEOUT, state="attached")
    return page.evaluate("(ready) => window.__seen[ready]", ready)


def longest_frame(page: Page) -> tuple[float, str]:
    frames = page.evaluate("window.__frames")
    if not frames:
        return 0.0, "-"
    top = max(frames, key=lambda f: f["duration"])
    return top["duration"], whose(top["source"])


def counting(context: BrowserContext) -> dict[str, int]:
    sizes: dict[str, int] = {}

    def done(request) -> None:
        sizes[request.url] = request.sizes()["responseBodySize"]

    context.on("requestfinished", done)
    return sizes


def on_phone(context: BrowserContext, page: Page, bits: int, rtt: int) -> None:
    """Network and CPU emulation for this page (Chromium applies both to its workers' fetches;
    the CPU throttle slows the renderer's main thread)."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = bits / 8  # bytes per second
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": rtt, "downloadThroughput": rate, "uploadThroughput": rate},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def per_file(sent: list[tuple[str, int]]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for path, size in sent:
        name = path.split("?")[0].rsplit("/", 1)[-1] or path
        sizes[name] = sizes.get(name, 0) + size
    return sizes


def build(site: Path, url: str, cache: Path) -> float:
    os.environ["STDLIB_CACHE"] = str(cache)
    started = time.perf_counter()
    done = build_site(site, url)
    if done.returncode:
        sys.exit(done.stderr)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    roi = url + "gates/roi/"
    figures: dict[str, list[float]] = {}
    notes: dict[str, str] = {}
    wire: dict[str, int] = {}  # bytes per file of the cold shared link, from the host

    def add(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)
        print(f"  … {name}: {value:,.0f}", file=sys.stderr, flush=True)  # a long run shows progress

    with tempfile.TemporaryDirectory() as tmp:
        site, cache = Path(tmp) / "site", Path(tmp) / "stdlib-cache"
        add("build, cold stdlib cache (ms)", build(site, url, cache))
        add("build, warm stdlib cache (ms)", build(site, url, cache))
        (site / "bench" / "naive").mkdir(parents=True)
        (site / "bench" / "naive" / "index.html").write_text(NAIVE, encoding="utf-8")
        lock = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
        shutil.copyfile(lock, site / "bench" / "naive" / "pyodide-lock.json")
        host = Host(site, port, gzip=True)
        with sync_playwright() as p:
            path = chromium_path()
            browser = p.chromium.launch(
                args=CHROMIUM_FLAGS, **({"executable_path": path} if path else {})
            )

            def fresh() -> tuple[BrowserContext, Page, dict[str, int]]:
                context = browser.new_context(service_workers="block")
                context.add_init_script(FRAMES)
                context.add_init_script(SEEN)
                return context, context.new_page(), counting(context)

            for _ in range(runs):
                context, page, sizes = fresh()
                page.goto(url + "sources/")
                add("plain page, DOM ready (ms)", page.evaluate(DOM_READY))
                page.wait_for_load_state("networkidle")
                add("bytes, page without calculators", sum(sizes.values()))
                sizes.clear()
                start = len(host.sent)
                add("cold: navigation → live (ms)", timed(page, url + SHARED, LIVE))
                wire = per_file(host.sent[start:])
                frame, who = longest_frame(page)
                add("cold: longest main-thread frame (ms)", frame)
                notes["cold: longest main-thread frame (ms)"] = who
                page.wait_for_load_state("networkidle")
                add("bytes, calculator page (cold)", sum(sizes.values()))
                add("bytes over the wire, cold shared link until live", sum(wire.values()))
                latencies = page.evaluate(EDITS, 50)
                add("recompute: input → new ROI text, median (ms)", statistics.median(latencies))
                add(
                    "recompute: input → new ROI text, p95 (ms)",
                    statistics.quantiles(latencies, n=20)[-1],
                )
                page.wait_for_function(KEPT, timeout=TIMEOUT)  # kept once the cold visit was live
                add("warm reload, this device's snapshot → live (ms)", timed(page, roi, LIVE))
                page.evaluate(FORGET)
                add("warm reload, no snapshot (a plain boot) → live (ms)", timed(page, roi, LIVE))
                # One document throughout, so one clock: from the first click.
                start = page.evaluate("performance.now()")
                page.click("a.md-footer__link--next")  # Material's instant navigation
                page.wait_for_url(re.compile(r"/gates/retraining/"))
                page.evaluate("(ready) => delete window.__seen[ready]", LIVE)
                page.click("a.md-footer__link--prev")
                page.wait_for_selector(LIVE, timeout=TIMEOUT, state="attached")
                back = page.evaluate("(ready) => window.__seen[ready]", LIVE)
                add("instant navigation away and back → live (ms)", back - start)
                context.close()

                # The case: a page the service worker already holds (it keeps the runtime
                # once a calculator is used; the second load is the first it controls).
                context = browser.new_context(service_workers="allow")
                context.add_init_script(SEEN)
                page = context.new_page()
                timed(page, roi, LIVE)
                page.wait_for_function(KEPT, timeout=TIMEOUT)
                timed(page, roi, LIVE)
                page.wait_for_load_state("networkidle")
                name = "reload held by the service worker, this device's snapshot → live (ms)"
                add(name, timed(page, roi, LIVE))
                context.close()

                context, page, _ = fresh()
                add(
                    "naive main-thread page, cold → live (ms)",
                    timed(page, url + "bench/naive/", "body[data-ready]"),
                )
                frame, who = longest_frame(page)
                add("naive page: longest main-thread frame (ms)", frame)
                notes["naive page: longest main-thread frame (ms)"] = who
                context.close()

                for phone, (bits, rtt) in PHONES.items():
                    for how, address, ready in (
                        ("page", url + SHARED, LIVE),
                        ("bare boot", url + "bench/naive/", "body[data-ready]"),
                    ):
                        context, page, _ = fresh()
                        on_phone(context, page, bits, rtt)
                        name = f"{phone} + CPU {CPU_SLOWDOWN}×, {how}: shared link → live (ms)"
                        add(name, timed(page, address, ready))
                        context.close()
            browser.close()
        host.close()

    bare = statistics.median(figures["naive main-thread page, cold → live (ms)"])
    print(f"runs: {runs}; medians; ratio = ÷ the bare boot of the same files in the same run")
    for name, values in figures.items():
        median = statistics.median(values)
        base = bare
        if name.startswith(tuple(PHONES)):
            base = statistics.median(figures[name.replace("page:", "bare boot:")])
        ratio = f"{median / base:6.2f}×" if "→ live" in name else ""
        who = f"  ({notes[name]})" if name in notes else ""
        print(f"  {name:<66} {median:12,.0f} {ratio}{who}")
    print("bytes over the wire per file, cold shared link until live (last run):")
    for name, size in sorted(wire.items(), key=lambda item: -item[1]):
        print(f"  {name:<66} {size:12,}")


if __name__ == "__main__":
    main()
