// Task-list checklists that remember their ticks ([data-remember-list]: the operations
// checklist), with "Clear all ticks" and its undo.

import { storageKey } from "./storage.js";
import { t } from "./words.js";

/** @typedef {import("./storage.js").Store} Store */

/** @param {Element} list @returns {HTMLInputElement[]} */
const boxesOf = (list) => [...list.querySelectorAll('input[type="checkbox"]')].map((b) => /** @type {HTMLInputElement} */ (b));

/** @type {WeakSet<Element>} */
const mountedLists = new WeakSet();

/** @param {Store} store @param {HTMLElement} list */
function showTicks(store, list) {
  const ticked = new Set(store.load("list", list.dataset.rememberList ?? "", []));
  boxesOf(list).forEach((box, index) => { box.checked = ticked.has(index); });
}

/** @param {Store} store @param {HTMLElement} list */
function saveTicks(store, list) {
  store.save("list", list.dataset.rememberList ?? "", boxesOf(list).flatMap((b, i) => (b.checked ? [i] : [])));
}

/** @param {Store} store */
export function mountChecklists(store) {
  for (const list of document.querySelectorAll("[data-remember-list]")) {
    if (!(list instanceof HTMLElement) || mountedLists.has(list)) continue;
    mountedLists.add(list);
    for (const box of boxesOf(list)) {
      box.disabled = false;
      // The box's name is its item's text, which Material's markup leaves outside the <label>.
      box.setAttribute("aria-label", box.closest("li")?.textContent?.trim() ?? "");
    }
    showTicks(store, list);
    list.addEventListener("change", () => saveTicks(store, list));
    addClear(store, list);
  }
}

/** Another tab ticked. @param {Store} store @param {StorageEvent} event */
export function followTicks(store, event) {
  for (const list of document.querySelectorAll("[data-remember-list]")) {
    if (list instanceof HTMLElement && event.key === storageKey("list", list.dataset.rememberList ?? "")) showTicks(store, list);
  }
}

/** @param {string} text */
function button(text) {
  const el = document.createElement("button");
  el.type = "button";
  el.className = "md-button";
  el.textContent = text;
  return el;
}

/** @param {Store} store @param {HTMLElement} list */
function addClear(store, list) {
  const boxes = boxesOf(list);
  const bar = document.createElement("p");
  bar.className = "calc-list-actions";
  const clear = button(t("Clear all ticks"));
  const said = document.createElement("span");
  said.setAttribute("role", "status");
  clear.addEventListener("click", () => {
    const before = boxes.map((b) => b.checked);
    if (!before.some(Boolean)) return;
    boxes.forEach((b) => { b.checked = false; });
    saveTicks(store, list);
    said.textContent = t("All ticks cleared.") + " ";
    const undo = button(t("Undo"));
    undo.addEventListener("click", () => {
      boxes.forEach((b, i) => { b.checked = before[i]; });
      saveTicks(store, list);
      said.textContent = t("Ticks restored.");
      clear.focus();
    });
    said.append(undo);
  });
  bar.append(clear, " ", said);
  list.after(bar);
}
