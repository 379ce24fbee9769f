// "Keep available offline" under a page's first calculator: everything the site needs offline
// at once, with its size and progress. Pages, styles and search are normally kept already and
// Python after its first use; with Save-Data on, this control is the only thing that downloads
// for offline use.

import { ask, register, settled } from "./sw-client.js";
import { t } from "./words.js";

/** @typedef {"offer" | "working" | "kept" | "failed"} KeepState */
/** @typedef {{bytes?: number, done?: number, total?: number, message?: string}} Detail */

/** @param {number} bytes */
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** @param {HTMLElement} box @param {KeepState} state @param {Detail} [detail] */
function show(box, state, detail = {}) {
  const [button, bar, amount, note] = /** @type {[HTMLButtonElement, HTMLProgressElement, HTMLElement, HTMLElement]} */ (
    /** @type {unknown} */ ([...box.children]));
  box.dataset.offline = state;
  button.hidden = state === "kept";
  button.disabled = state === "working";
  bar.hidden = state !== "working" || !detail.total;
  amount.textContent = state === "working" && detail.total
    ? t("{done} of {total}", { done: megabytes(detail.done ?? 0), total: megabytes(detail.total) }) : "";
  if (detail.total) {
    bar.max = detail.total;
    bar.value = detail.done ?? 0;
  }
  if (state === "offer") button.textContent = t("Keep available offline ({size})", { size: megabytes(detail.bytes ?? 0) });
  if (state === "failed") button.textContent = t("Try again");
  // A status region: it speaks when the state changes, not at every downloaded chunk.
  note.textContent = {
    offer: t("Downloads the pages, Python and the calculators once, so they work without a connection in this browser."),
    working: t("Downloading the site for offline use…"),
    kept: t("Available offline: the pages and calculators of this site work without a connection in this browser."),
    failed: t("Could not keep the calculators offline ({reason}).", { reason: detail.message ?? "" }),
  }[state];
}

/** @param {HTMLElement} box @param {URL} site */
async function keep(box, site) {
  show(box, "working");
  try {
    const worker = await settled(await register(site));
    ask(worker, { type: "keep" }, (answer) => {
      if (answer.type === "progress") show(box, "working", answer);
      else if (answer.type === "kept") show(box, "kept");
      else if (answer.type === "failed") show(box, "failed", answer);
    });
  } catch (error) {
    show(box, "failed", { message: (error instanceof Error && error.message) || t("the browser refused") });
  }
}

/**
 * Puts the control after the page's first widget (once per page).
 * @param {URL} site @param {number} bytes what the runtime weighs
 * @param {Promise<ServiceWorkerRegistration | null>} registered
 */
export function mountKeep(site, bytes, registered) {
  const form = document.querySelector("form[data-calc]");
  if (!form || document.querySelector(".calc-offline")) return;
  const box = document.createElement("div");
  box.className = "calc-offline";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.addEventListener("click", () => keep(box, site));
  const note = document.createElement("span");
  note.setAttribute("role", "status");
  box.append(button, document.createElement("progress"), document.createElement("span"), note);
  show(box, "offer", { bytes });
  form.after(box);
  registered.then((registration) => registration && settled(registration)).then((worker) => {
    if (!worker) return;
    ask(worker, { type: "status" }, (answer) => {
      if (!box.isConnected || box.dataset.offline !== "offer") return;
      if (answer.keeping) keep(box, site); // follow a download another tab started
      else if (answer.missing === 0) show(box, "kept");
      else show(box, "offer", { bytes: answer.missing });
    });
  }).catch(() => {});
}
