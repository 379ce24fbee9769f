// The messages between the page (page/runtime.js) and the Python worker (worker/calc-worker.js).
// Inputs go as a plain object and answers come back as the JSON string of calc.run, so no Python
// proxy ever crosses the boundary.

/** @typedef {Record<string, string>} Values form values by field name, as typed */

/**
 * Page → worker: one input's answer comes in two steps, in the page's language `lang`
 * (calc.LANGUAGES): `calc.numbers(name, inputs, lang)` (the text results the reader waits for),
 * then `calc.charts(name, inputs, lang)` (the charts' markup): ARCHITECTURE.md, "Numbers first".
 * @typedef {{id: number, name: string, inputs: Values, lang: string, step: Step}} Request
 * @typedef {"numbers" | "charts"} Step
 */

/**
 * Worker → page. An answer's `json` is the JSON string of its step's answer (Answer or Charts).
 * A progress message is English, a message id the page says in its own words.
 * @typedef {{type: "progress", message: string}
 *   | {type: "download", received: number, total: number}
 *   | {type: "ready", boot: Boot}
 *   | {type: "failed", message: string}
 *   | {type: "answer", id: number, json: string}
 *   | {type: "answer", id: number, error: string}} Reply
 */

/** @typedef {"snapshot" | "plain"} Boot how Python started: from this device's snapshot, or booted */

/**
 * What calc.run returns (ARCHITECTURE.md, "The calc contract").
 * @typedef {{field: string | null, message: string}} Problem
 * @typedef {{ok: true, calculator: string, inputs: Record<string, unknown>,
 *   display: Record<string, string>, summary: string, html?: Record<string, string>}
 *   | {ok: false, calculator: string, problems: Problem[]}} Answer what calc.numbers returns
 * @typedef {{ok: true, calculator: string, html: Record<string, string>}
 *   | {ok: false, calculator: string, problems: Problem[]}} Charts what calc.charts returns
 */

/** @param {string} message @returns {Reply} */
export const progress = (message) => ({ type: "progress", message });

/**
 * Body bytes of the runtime's files that have arrived, of the total expected (both decoded).
 * @param {number} received @param {number} total @returns {Reply}
 */
export const download = (received, total) => ({ type: "download", received, total });

/** @param {Boot} boot @returns {Reply} */
export const ready = (boot) => ({ type: "ready", boot });

/** @param {unknown} error @returns {Reply} */
export const failed = (error) => ({ type: "failed", message: reason(error) });

/** @param {number} id @param {string} json @returns {Reply} */
export const answer = (id, json) => ({ type: "answer", id, json });

/** @param {number} id @param {unknown} error @returns {Reply} */
export const refusal = (id, error) => ({ type: "answer", id, error: reason(error) });

/**
 * What went wrong, in one line a reader can be shown: of a Python traceback, its last line
 * (the exception), not the frames above it.
 * @param {unknown} error
 */
export function reason(error) {
  const message = error !== null && typeof error === "object" && "message" in error ? error.message : "";
  const text = String(message || error);
  if (!text.startsWith("Traceback")) return text;
  return text.trim().split("\n").at(-1)?.trim() || text;
}
