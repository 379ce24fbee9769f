// The head's script, bundled into assets/js/calc-boot.js (a classic script, async): starts the
// Python worker while the page is still loading, so the runtime downloads alongside the theme
// instead of after it. Only pages with a calculator carry it (docs/overrides/main.html). The
// page glue (main.js) takes this worker over when it mounts the widgets; without this script
// (a page reached by instant navigation, Save-Data, a saved copy) the glue starts one itself.
import { HeldWorker } from "./held-worker.js";

const script = /** @type {HTMLScriptElement} */ (document.currentScript);

function start() {
  if (window.calcEarlyWorker !== undefined) return; // the glue has a worker already
  const url = new URL("calc-worker.js", script.src);
  window.calcEarlyWorker = new HeldWorker(new Worker(url, { type: "module" }));
}

// From a file a module worker cannot load; under Save-Data the runtime waits for the glue. The
// page paints first: started at once, the runtime's downloads held up the first paint by half a
// second on a phone's link (the worker still asks before the theme's script has arrived).
if (location.protocol !== "file:" && !navigator.connection?.saveData) {
  requestAnimationFrame(() => setTimeout(start));
}
