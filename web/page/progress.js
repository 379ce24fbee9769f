// How much of the Python runtime has arrived, as the reader sees and hears it while it loads:
// each widget's status line reads the Runtime's message (loadingText), each widget's <progress>
// bar fills, and the first [data-progress] region of the page speaks at quarters only (one page,
// one voice: several widgets would repeat each other), then once when the calculators are live.

/** @typedef {{received: number, total: number}} Download body bytes, decoded */
/** @typedef {import("./runtime.js").Runtime} Runtime */
/** @typedef {import("./runtime.js").State} State */

import { t } from "./words.js";

const MB = 1e6;

/** @param {Download} download */
export function loadingText({ received, total }) {
  if (received >= total) return t("Starting Python…");
  const [got, of] = [received, total].map((bytes) => (bytes / MB).toFixed(1));
  return t("Loading the calculator: {got} of {of} MB.", { got, of });
}

/** 0–3: the quarter of the download under way; 4: all of it has arrived. @param {Download} download */
export const quarter = ({ received, total }) => Math.min(4, Math.floor((4 * received) / total));

/** What the live region says next: the message at each new quarter, and once at the end. */
export class Spoken {
  said = -1; // the quarter said last; -1: nothing said since the runtime last loaded

  /**
   * @param {State} state @param {Download | null} download @param {string} message the runtime's
   * @returns {string | null} the region's new text; null: leave it
   */
  next(state, download, message) {
    if (state === "loading") {
      if (!download || quarter(download) === this.said) return null;
      this.said = quarter(download);
      return message;
    }
    if (this.said < 0) return null;
    this.said = -1;
    return state === "ready" ? t("The calculator is live.") : ""; // a failure is said by the widget itself
  }
}

/** Keeps the page's progress bars and spoken progress with the runtime. @param {Runtime} runtime */
export function followProgress(runtime) {
  const spoken = new Spoken();
  runtime.listeners.add((state) => {
    const { download } = runtime;
    for (const bar of document.querySelectorAll("form[data-calc] .calc-status progress")) {
      if (!(bar instanceof HTMLProgressElement)) continue;
      if (download) {
        bar.max = download.total;
        bar.value = download.received;
      } else bar.removeAttribute("value"); // no bytes counted yet: indeterminate
    }
    const text = spoken.next(state, download, runtime.message);
    const region = document.querySelector("[data-progress]");
    if (text !== null && region) region.textContent = text;
  });
}
