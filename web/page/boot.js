// The head's script, bundled into assets/js/calc-boot.js (a classic script, async): starts the
// Python worker while the page is still loading, so the runtime downloads alongside the theme
// instead of after it. Only pages with a calculator carry it (docs/overrides/main.html). The
// page glue (main.js) takes this worker over when it mounts the widgets; without this script
// (a page reached by instant navigation, Save-Data, a saved copy) the glue starts one itself.
import { HeldWorker } from "./held-worker.js";

const script = /** @type {HTMLScriptElement} */ (document.currentScript);
// From a file a module worker cannot load; under Save-Data the runtime waits for the glue.
if (location.protocol !== "file:" && !navigator.connection?.saveData && !window.calcEarlyWorker) {
  const url = new URL("calc-worker.js", script.src);
  window.calcEarlyWorker = new HeldWorker(new Worker(url, { type: "module" }));
}
