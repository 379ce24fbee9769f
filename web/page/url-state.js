// The address bar as data, with no DOM: ?v=1&key=value, sorted keys, only values that differ
// from the defaults, v the schema version; scenarios travel as s1…s3 = "name|field=value|…".

import { MAX_SCENARIOS } from "./storage.js";
import { t } from "./words.js";

export const MAX_URL = 2000;

/** @typedef {import("./storage.js").Scenario} Scenario */
/** @typedef {import("../shared/protocol.js").Values} Values */

/** @param {Scenario} scenario */
export function encodeScenario({ name, values }) {
  return [name.replaceAll("|", "/"), ...Object.entries(values).map(([k, v]) => `${k}=${v}`)].join("|");
}

/** @param {string} text @returns {Scenario} */
export function decodeScenario(text) {
  const [name, ...pairs] = text.split("|");
  /** @type {Values} */
  const values = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at > 0) values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { name: name.slice(0, 40) || t("Scenario"), values };
}

/**
 * `base` with `params` as its query, under MAX_URL characters: the longest values are left out
 * first (usually pasted text; the widget still shows it).
 * @param {string} base the page's address
 * @param {Values} params what the link should carry
 * @param {Record<string, string>} labels what to call each key when it is left out
 * @param {string} schema the v= version, written only when the link carries anything
 * @returns {{href: string, left: string[]}} the link, and the labels of what it leaves out
 */
export function buildLink(base, params, labels, schema) {
  const url = new URL(base);
  const keys = Object.keys(params).sort();
  const left = [];
  for (;;) {
    url.search = "";
    if (keys.length) url.searchParams.set("v", schema);
    for (const key of keys) url.searchParams.set(key, params[key]);
    if (url.href.length <= MAX_URL || !keys.length) return { href: url.href, left };
    const size = (/** @type {string} */ k) => encodeURIComponent(params[k]).length;
    const longest = keys.reduce((a, b) => (size(b) > size(a) ? b : a));
    keys.splice(keys.indexOf(longest), 1);
    left.push(labels[longest]);
  }
}

/**
 * What a link says to one form: the values it names that the form has, its scenarios (for a
 * form that compares them), and whether another version of the page made it. Unknown keys are
 * ignored; a missing v is the current version.
 * @param {URLSearchParams} params
 * @param {Set<string>} names the form's fields
 * @param {boolean} compare the form keeps scenarios
 * @param {string} schema the page's version
 */
export function readLink(params, names, compare, schema) {
  /** @type {Values} */
  const values = {};
  /** @type {Scenario[]} */
  const scenarios = [];
  for (const [key, value] of params) {
    if (names.has(key)) values[key] = value;
    else if (compare && /^s[1-3]$/.test(key)) scenarios.push(decodeScenario(value));
  }
  const v = params.get("v");
  return { values, scenarios: scenarios.slice(0, MAX_SCENARIOS), otherVersion: v !== null && v !== schema };
}
