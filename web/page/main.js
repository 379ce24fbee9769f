// The page glue's entry point, bundled into assets/js/calc-page.js (a classic script: it must run
// from a saved copy too, where module scripts do not load). Generic: it knows no calculator.
// The build already rendered each widget with results for its starting values; this makes them
// live. Every string the reader sees about a result comes from Python; the page glue only says
// what state a widget is in. ARCHITECTURE.md draws how the modules call each other.

import { updateAddress } from "./address.js";
import { followTicks, mountChecklists } from "./checklists.js";
import { mountKeep } from "./offline-copy.js";
import { followProgress } from "./progress.js";
import { add, widgetOf } from "./registry.js";
import { followAnswers } from "./remembered.js";
import { Runtime } from "./runtime.js";
import { Store } from "./storage.js";
import { start as startServiceWorker } from "./sw-client.js";
import { Widget } from "./widget.js";

const ASSETS = new URL("..", /** @type {HTMLScriptElement} */ (document.currentScript).src); // …/assets/
const SITE = new URL("..", ASSETS); // the site root, where sw.js lives

const runtime = new Runtime({
  // The first worker is the one the head's script started (boot.js), if it did.
  makeWorker: () => {
    const early = window.calcEarlyWorker;
    window.calcEarlyWorker = null; // from now on the glue starts the workers
    return early ?? new Worker(new URL("js/calc-worker.js", ASSETS), { type: "module" });
  },
  isFile: location.protocol === "file:",
  online: () => navigator.onLine,
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(/** @type {number} */ (timer)),
});
const store = new Store();
followProgress(runtime);

addEventListener("storage", (event) => {
  followAnswers(event);
  followTicks(store, event);
});

function mountAll() {
  const params = new URL(location.href).searchParams; // read once: mounting rewrites the address
  const forms = [...document.querySelectorAll("form[data-calc]")];
  for (const form of forms) {
    if (form instanceof HTMLFormElement && !widgetOf(form)) add(new Widget(form, runtime, store, params));
  }
  if (forms.length) updateAddress();
  mountChecklists(store);
}

// A published build marks every page <meta name="calc-offline" content="BYTES"> (what the Python
// runtime weighs); a saved page (file://) can register no service worker.
const offline = document.querySelector('meta[name="calc-offline"]');
if (offline instanceof HTMLMetaElement && "serviceWorker" in navigator && window.isSecureContext &&
  location.protocol !== "file:") {
  const registered = startServiceWorker(SITE, runtime);
  const mount = () => mountKeep(SITE, Number(offline.content), registered);
  if (window.document$) window.document$.subscribe(mount);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
}

// Material re-renders the page on instant navigation and announces it on document$; a page
// opened from disk never emits there, so DOMContentLoaded mounts too. Mounting is idempotent.
if (window.document$) window.document$.subscribe(mountAll);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
