// The page's own words in the page's language (issue 20). English is written in the code and is
// the message id; a page in another language carries its catalogue (web/locale/LANG.po, put
// there by the build) as JSON in <script type="application/json" data-calc-words>, which is
// never run, so the security policy needs nothing for it. Looked up at every call: instant
// navigation swaps the page, and the words with it. No catalogue (English, Node tests): English.

/** @type {WeakMap<Element, Record<string, string>>} */
const read = new WeakMap();

/** @returns {Record<string, string>} */
function catalogue() {
  const script = typeof document === "undefined" ? null : document.querySelector("script[data-calc-words]");
  if (!script) return {};
  let words = read.get(script);
  if (!words) {
    try {
      words = /** @type {Record<string, string>} */ (JSON.parse(script.textContent || "{}"));
    } catch {
      words = {}; // a broken catalogue leaves the page in English, never without words
    }
    read.set(script, words);
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
