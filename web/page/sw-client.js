// The page's side of the service worker (docs/sw.js): registering it, offering a new version,
// and asking it things over a MessageChannel. Only pages of a published build are marked
// <meta name="calc-offline">; `make serve` is not, so no worker ever answers for a preview.

import { t } from "./words.js";

/** @typedef {import("./runtime.js").Runtime} Runtime */

/** @type {Promise<ServiceWorkerRegistration> | null} */
let registering = null;

/** @param {URL} site the site root, where sw.js lives */
export function register(site) {
  registering ||= navigator.serviceWorker.register(new URL("sw.js", site), {
    scope: site.pathname,
    updateViaCache: "none", // sw.js is checked with the server on every update check
  }).then((registration) => {
    watchUpdates(registration);
    return registration;
  }, (error) => {
    registering = null; // refused this time; "Try again" asks again
    throw error;
  });
  return registering;
}

/**
 * The worker a registration will answer with once it has installed (or why it cannot).
 * @param {ServiceWorkerRegistration} registration @returns {Promise<ServiceWorker>}
 */
export function settled(registration) {
  const worker = registration.waiting || registration.active || registration.installing;
  if (!worker) return Promise.reject(new Error(t("the offline copy could not be set up")));
  if (worker.state !== "installing") return Promise.resolve(worker);
  return new Promise((resolve, reject) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "redundant") reject(new Error(t("the offline copy could not be set up")));
      else if (worker.state !== "installing") resolve(worker);
    });
  });
}

/**
 * @param {ServiceWorker} worker @param {{type: string}} message
 * @param {(answer: any) => void} listen called with each answer, on a channel of its own
 */
export function ask(worker, message, listen) {
  const channel = new MessageChannel();
  channel.port1.onmessage = ({ data }) => listen(data);
  worker.postMessage(message, [channel.port2]);
}

// A new version installed while this page shows the old one: offer it, never mix them. Every
// tab of the site reloads when the reader accepts (see controllerchange in start()).
/** @param {ServiceWorkerRegistration} registration */
function offerUpdate(registration) {
  if (!registration.waiting || !navigator.serviceWorker.controller) return;
  if (document.querySelector(".calc-update")) return;
  const box = document.createElement("div");
  box.className = "calc-update";
  box.setAttribute("role", "status");
  document.body.append(box); // filled once in the document, so screen readers announce it
  const text = document.createElement("span");
  text.textContent = t("Updated: this site has a new version.");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = t("Reload");
  button.addEventListener("click", () => {
    button.disabled = true;
    if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
    else location.reload();
  });
  box.append(text, " ", button);
}

/** @param {ServiceWorkerRegistration} registration */
function watchUpdates(registration) {
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") offerUpdate(registration);
    });
  });
  // Instant navigation changes pages without loading them: each change is checked too.
  const check = () => {
    if (navigator.onLine && !registration.installing) registration.update().catch(() => {});
    offerUpdate(registration);
  };
  if (window.document$) window.document$.subscribe(check); // replays the current page
  else check();
}

// A page the worker does not control yet (the first visit) loaded the runtime itself: once
// Python is ready, the worker keeps what the HTTP cache holds of it (never downloading it twice).
/** @param {Runtime} runtime @param {ServiceWorkerRegistration} registration */
function keepRuntimeAfterFirstUse(runtime, registration) {
  if (navigator.serviceWorker.controller) return;
  runtime.reaches((state) => state === "ready")
    .then(() => settled(registration))
    .then((worker) => worker.postMessage({ type: "first-use" }), () => {});
}

/**
 * Registers the service worker once the page (and Python, if it is booting) has loaded, so its
 * downloads do not compete with the page's. With Save-Data on, nothing is downloaded for offline
 * use until the reader asks, but a copy the reader already keeps stays up to date.
 * @param {URL} site @param {Runtime} runtime
 * @returns {Promise<ServiceWorkerRegistration | null>} null: not registered (refused, Save-Data)
 */
export function start(site, runtime) {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadController) location.reload(); // the reader accepted a new version, here or in another tab
  });
  const saveData = Boolean(navigator.connection?.saveData);
  const loaded = document.readyState === "complete"
    ? Promise.resolve() : new Promise((resolve) => window.addEventListener("load", resolve));
  return loaded.then(async () => {
    const existing = await navigator.serviceWorker.getRegistration(site.href);
    if (saveData && !(existing && existing.scope === site.href)) return null;
    await runtime.reaches((state) => state !== "loading");
    const registration = await register(site);
    keepRuntimeAfterFirstUse(runtime, registration);
    return registration;
  }).catch(() => null); // refused: private browsing, or blocked by the browser or a test
}
