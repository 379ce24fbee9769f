// Writing what Python answered, and what the widget says about itself, into the widget's markup
// (the DOM contract in ARCHITECTURE.md). No state: the widget decides, these functions show.

import { $, controls } from "./form-values.js";
import { t } from "./words.js";

/** @typedef {import("../shared/protocol.js").Answer} Answer */
/** @typedef {import("../shared/protocol.js").Problem} Problem */
/** @typedef {import("../shared/protocol.js").Values} Values */
/** @typedef {"static" | "loading" | "ready" | "invalid" | "error"} WidgetState */

/** @param {HTMLFormElement} form @param {Problem[]} problems */
export function showProblems(form, problems) {
  for (const slot of form.querySelectorAll("[data-problem]")) {
    /** @type {HTMLElement} */ (slot).hidden = true;
    slot.textContent = "";
  }
  for (const el of controls(form)) el.removeAttribute("aria-invalid");
  for (const problem of problems) {
    const field = problem.field || "";
    const slot = form.querySelector(`[data-problem="${CSS.escape(field)}"]`) || $(form, '[data-problem=""]');
    if (!(slot instanceof HTMLElement)) continue;
    slot.textContent = slot.hidden ? problem.message : `${slot.textContent} ${problem.message}`;
    slot.hidden = false;
    for (const el of controls(form)) if (el.name === field) el.setAttribute("aria-invalid", "true");
    // A group that does not apply is hidden; a problem inside it must still be seen.
    const group = slot.closest("[data-when]");
    if (group instanceof HTMLElement) group.hidden = false;
  }
}

/**
 * The numbers, into the results and the key-result bar.
 * @param {HTMLElement} scope the form or a calculator it feeds @param {Extract<Answer, {ok: true}>} answer
 */
export function showAnswer(scope, answer) {
  for (const [key, text] of Object.entries(answer.display)) {
    for (const out of scope.querySelectorAll(`output[name="${CSS.escape(key)}"], [data-bar="${CSS.escape(key)}"]`)) {
      if (out.closest("[data-calc]") !== scope) continue;
      out.textContent = text;
      const row = out.closest(".calc-row, .calc-block, .calc-bar-item");
      if (row instanceof HTMLElement) row.hidden = text === "";
    }
  }
}

/**
 * The charts: markup calc generated from numbers only, never text a reader typed.
 * @param {HTMLElement} scope @param {Record<string, string>} html by output key
 */
export function showCharts(scope, html) {
  for (const [key, markup] of Object.entries(html)) {
    const slot = scope.querySelector(`[data-html="${CSS.escape(key)}"]`);
    if (slot && slot.closest("[data-calc]") === scope) slot.innerHTML = markup;
  }
}

/** Whether a calculator of the form draws charts. @param {HTMLElement} scope */
export function drawsCharts(scope) {
  return [...scope.querySelectorAll("[data-html]")].some((slot) => slot.closest("[data-calc]") === scope);
}

/** Charts a step behind the numbers on screen. @param {HTMLFormElement} form @param {boolean} updating */
export function showUpdating(form, updating) {
  for (const figure of form.querySelectorAll(".calc-figure")) {
    if (updating) figure.setAttribute("aria-busy", "true");
    else figure.removeAttribute("aria-busy");
  }
}

/** Groups that apply only while a field has a value. @param {HTMLFormElement} form @param {Values} values */
export function showGroups(form, values) {
  for (const group of form.querySelectorAll("[data-when]")) {
    if (!(group instanceof HTMLElement)) continue;
    const [field, value] = (group.dataset.when ?? "").split("=");
    const applies = (values[field] ?? "") === value;
    if (!applies && group.contains(document.activeElement)) continue; // never hide focus
    group.hidden = !applies && !group.querySelector("[data-problem]:not([hidden])");
  }
}

/**
 * @param {HTMLFormElement} form @param {Exclude<WidgetState, "static">} state
 * @param {string} message the runtime's (loading, error) @param {boolean} live Python has answered
 */
export function showState(form, state, message, live) {
  form.dataset.state = state;
  $(form, ".calc-status progress").hidden = state !== "loading";
  $(form, '[data-action="retry"]').hidden = state !== "error";
  const built = live ? "" : " " + t("The results shown were computed when this page was built.");
  $(form, "[data-status]").textContent = {
    loading: `${message}${built}`,
    ready: t("Live: results update as you type."),
    invalid: t("Some inputs need fixing; the results shown are for the last valid inputs."),
    error: t("Live recalculation is unavailable ({reason}).", { reason: message }) + built,
  }[state];
}

/** @param {HTMLFormElement} form @param {boolean} stale @param {string} note why, in words */
export function showStale(form, stale, note) {
  form.toggleAttribute("data-stale", stale);
  for (const panel of form.querySelectorAll("[data-results]")) {
    if (stale) panel.setAttribute("aria-busy", "true");
    else panel.removeAttribute("aria-busy");
  }
  for (const el of form.querySelectorAll("[data-stale-note]")) {
    /** @type {HTMLElement} */ (el).hidden = !stale;
    el.textContent = note;
  }
}

/**
 * Why the results are not for the inputs on screen.
 * @param {string | undefined} state the widget's @param {string} runtime the runtime's state
 * @param {boolean} live Python has answered this widget before
 */
export function staleNote(state, runtime, live) {
  if (state === "invalid") return t("Not updated: some inputs need fixing.");
  if (runtime === "error") {
    return live
      ? t("Not updated: these results are for earlier inputs.")
      : t("Not updated: these results are for the example values this page was built with.");
  }
  return t("Recalculating for your numbers…");
}

/** Python's parser is the authority on choices ("YES" means "yes"): the choices it normalised. */
export function canonicalChoices(/** @type {HTMLFormElement} */ form, /** @type {Answer[]} */ answers) {
  /** @type {Values} */
  const found = {};
  for (const answer of answers) {
    if (!answer.ok) continue;
    for (const el of controls(form)) {
      if ((el.type !== "radio" && el.tagName !== "SELECT") || !(el.name in answer.inputs)) continue;
      const value = answer.inputs[el.name] ?? "";
      if (typeof value === "string") found[el.name] = value;
    }
  }
  return found;
}
