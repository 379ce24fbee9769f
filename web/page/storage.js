// localStorage: a convenience that must never break a widget. Anything stored may have been
// written by another version of this page or by hand, so every read is checked for shape; a value
// of the wrong shape counts as nothing stored. Blocked or full storage keeps nothing, silently.

export const MAX_SCENARIOS = 3;

/** @typedef {import("../shared/protocol.js").Values} Values */
/** @typedef {{name: string, values: Values}} Scenario */
/**
 * What each kind of entry holds.
 * @typedef {{answers: Values, text: Values, list: number[], scenarios: Scenario[]}} Kinds
 * @typedef {keyof Kinds} Kind
 */

/** @param {unknown} v @returns {v is string} */
const isText = (v) => typeof v === "string";
/** @param {unknown} v @returns {v is Values} */
const isValues = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every(isText);

/** @type {{[K in Kind]: (v: unknown) => boolean}} */
const SHAPES = {
  answers: isValues, // calc:NAME: a remembering form's answers that differ from its defaults
  text: isValues, // calc:text:NAME: free text typed into a form, which links may not carry
  list: (v) => Array.isArray(v) && v.every((i) => Number.isInteger(i) && i >= 0), // ticks
  scenarios: (v) => Array.isArray(v) && v.length <= MAX_SCENARIOS &&
    v.every((s) => s !== null && typeof s === "object" && isText(s.name) && isValues(s.values)),
};

/** @param {Kind} kind @param {string} name */
export const storageKey = (kind, name) => (kind === "answers" ? `calc:${name}` : `calc:${kind}:${name}`);

export class Store {
  /** @param {() => Storage} backend read at each use: merely touching localStorage can throw */
  constructor(backend = () => localStorage) {
    this.backend = backend;
  }

  /**
   * @template {Kind} K
   * @param {K} kind @param {string} name @param {Kinds[K]} fallback
   * @returns {Kinds[K]}
   */
  load(kind, name, fallback) {
    try {
      const value = JSON.parse(this.backend().getItem(storageKey(kind, name)) ?? "null");
      return SHAPES[kind](value) ? value : fallback;
    } catch {
      return fallback;
    }
  }

  /** @template {Kind} K @param {K} kind @param {string} name @param {Kinds[K]} value */
  save(kind, name, value) {
    try {
      this.backend().setItem(storageKey(kind, name), JSON.stringify(value));
    } catch { /* not remembered: blocked or full storage */ }
  }
}
