// The page's own words in the page's language (issue 20). English is written in the code and is
// the message id; a page in another language carries its catalogue (web/locale/LANG.po, put
// there by the build) as JSON in the data-calc-words attribute of a hidden element (not a JSON
// script: instant navigation would run it as JavaScript). Looked up at every call: instant
// navigation swaps the page, and the words with it. No catalogue (English, Node tests): English.

/** @type {WeakMap<Element, Record<string, string>>} */
const read = new WeakMap();

/** @returns {Record<string, string>} */
function catalogue() {
  const holder = typeof document === "undefined" ? null : document.querySelector("[data-calc-words]");
  if (!holder) return {};
  let words = read.get(holder);
  if (!words) {
    try {
      words = /** @type {Record<string, string>} */ (JSON.parse(holder.getAttribute("data-calc-words") || "{}"));
    } catch {
      words = {}; // a broken catalogue leaves the page in English, never without words
    }
    read.set(holder, words);
  }
  return words;
}

/**
 * `text` in the page's language, with `{name}` filled in from `values`.
 * @param {string} text the English @param {Record<string, string | number>} [values]
 */
export function t(text, values = {}) {
  const said = catalogue()[text] ?? text;
  return said.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * Marks an English text that is said later, through t() (the worker's progress messages).
 * @param {string} text
 */
export const N_ = (text) => text;
