// What a widget says to the reader outside its results: notices with actions (a shared set, a
// link from another version, an undo) and the one polite live summary.

import { $ } from "./form-values.js";

const SETTLE_MS = 700; // the live summary speaks once typing pauses this long

/** One polite announcement per settled change; nothing else in the widget is a live region. */
export class Announcer {
  /** @param {HTMLElement} region the widget's [data-summary] */
  constructor(region) {
    this.region = region;
    this.said = "";
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
  }

  /** @param {string} text @param {boolean} [now] at once, not once typing settles */
  say(text, now = false) {
    clearTimeout(this.timer);
    const speak = () => {
      if (text && text !== this.said) {
        this.said = text;
        this.region.textContent = text;
      }
    };
    if (now) speak();
    else this.timer = setTimeout(speak, SETTLE_MS);
  }
}

/** @typedef {[label: string, run: () => void][]} Actions */

/**
 * Shows the notice of this `kind` (replacing one shown before; no text: removes it) and says it.
 * @param {HTMLFormElement} form @param {Announcer} announcer @param {string} kind
 * @param {string} [text] @param {Actions} [actions] buttons; each removes the notice, then runs
 */
export function showNotice(form, announcer, kind, text, actions = []) {
  const box = $(form, "[data-notices]");
  box.querySelector(`[data-notice="${kind}"]`)?.remove();
  if (!text) return;
  const item = document.createElement("div");
  item.className = "calc-notice";
  item.dataset.notice = kind;
  const p = document.createElement("p");
  p.textContent = text;
  item.append(p);
  for (const [label, run] of actions) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = label;
    button.addEventListener("click", () => {
      item.remove();
      run();
    });
    item.append(button);
  }
  box.append(item);
  announcer.say(text, true);
}
